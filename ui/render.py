"""Pure text builders for the page: escaped Markdown, fail-closed highlighting, the briefing note.

Document and user text is data: it is always escaped before Streamlit renders it as Markdown (and before it goes
into the briefing note), so a '*', a '[link](javascript:…)', a ':red[…]' or a '<script>' in a question or a
paragraph shows as those characters, never as markup, and a bare URL or e-mail address stays text.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

from assistant.labels import display_label
from index.documents import Document, Paragraph, split_citation_id

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&])")
# Links, e-mail addresses, emoji and icons (':smile:', ':material/x:') are found in the text *after* Markdown is
# parsed, where backslashes are gone; an invisible word joiner after ':' and '@' and before the dot of 'www.'
# breaks every one of those patterns without changing what is shown.
_AUTOLINK_TRIGGERS = re.compile(r"(?<=[:@])|(?<=[wW]{3})(?=\.)")
_WORD_JOINER = "\u2060"

TEXTS: dict[str, dict[str, str]] = {
    "zh": {
        "citations": "引用",
        "closest": "最接近的段落",
        "copy": "复制文本",
        "include": "纳入简报",
        "footnotes": "脚注",
        "cites": "所引文件",
        "indexed": "全文已收录",
        "not_indexed": "全文未收录",
        "carried_by": "标注于",
        "show_in_document": "在全文中查看",
        "question": "问题",
        "label": "段落",
        "document": "文件",
        "quote": "引文",
        "briefing": "简报",
        "generated": "生成时间",
        "preambular": "序言部分",
        "operative": "执行部分",
        "text": "正文",
    },
    "en": {
        "citations": "Citations",
        "closest": "Closest paragraphs",
        "copy": "Copy text",
        "include": "Include in briefing",
        "footnotes": "Footnotes",
        "cites": "Cites",
        "indexed": "text indexed",
        "not_indexed": "text not indexed",
        "carried_by": "Attached to",
        "show_in_document": "Show in the document",
        "question": "Question",
        "label": "Paragraph",
        "document": "Document",
        "quote": "Quoted text",
        "briefing": "Briefing note",
        "generated": "Generated",
        "preambular": "Preambular part",
        "operative": "Operative part",
        "text": "Text",
    },
}


def escape_markdown(text: str) -> str:
    """Text shown as itself in Markdown: every Markdown-significant ASCII character backslash-escaped, link, emoji
    and icon patterns broken by a word joiner; line breaks kept as hard breaks."""
    inert = _AUTOLINK_TRIGGERS.sub(_WORD_JOINER, text)
    return _MARKDOWN_SPECIALS.sub(r"\\\1", inert).replace("\n", "  \n")


class StreamEscaper:
    """Escapes a draft that arrives in pieces: the pieces are joined on the page, so each is escaped in the
    context of everything before it ('www' then '.evil.example' must still be broken). Escaping only looks back,
    so the escaped whole so far always extends what was already sent."""

    def __init__(self) -> None:
        self._text = ""
        self._sent = 0

    def feed(self, piece: str) -> str:
        self._text += piece
        escaped = escape_markdown(self._text)
        new, self._sent = escaped[self._sent :], len(escaped)
        return new


def highlighted(text: str, quote: str) -> str:
    """The paragraph as Markdown with the quote highlighted, only where it occurs verbatim (fail closed)."""
    at = text.find(quote) if quote else -1
    if at < 0:
        return escape_markdown(text)
    before, after = text[:at], text[at + len(quote) :]
    return f"{escape_markdown(before)}:orange-background[{escape_markdown(quote)}]{escape_markdown(after)}"


def anchor_id(cid: str) -> str:
    """An HTML id for a paragraph: 'A/RES/71/67:OP7' -> 'A-RES-71-67-OP7'."""
    return re.sub(r"[^A-Za-z0-9]+", "-", cid).strip("-")


def authority(doc: Document, lang: str) -> str:
    """What kind of text this is, so advice is never presented as a decision."""
    kind = {"resolution": ("大会决议", "General Assembly resolution")}.get(doc.kind, (doc.kind, doc.kind))
    name = kind[0] if lang == "zh" else kind[1]
    if doc.adopted:
        return f"{name}，{doc.adopted}通过" if lang == "zh" else f"{name}, adopted {doc.adopted}"
    return name


def citation_title(cid: str, lang: str) -> str:
    symbol, label = split_citation_id(cid)
    return f"{symbol} {display_label(label, lang)}"


@dataclass
class Exchange:
    """One question and the answer given to it, as stored in the session (citations stored, never recomputed)."""

    question: str
    answer: dict[str, Any]  # Answer.to_dict()


def answer_plain_text(exchange: Exchange) -> str:
    """One answer as plain text for pasting into a note: the answer, then one line per citation."""
    answer = exchange.answer
    t = TEXTS[answer["lang"]]
    lines = [answer["text"]]
    if answer["citations"]:
        lines += ["", f"{t['citations']}:"]
        lines += [f"- {c['id'].split(':')[0]} {c['display']}: “{c['quote']}”" for c in answer["citations"]]
    return "\n".join(lines)


def _cell(text: str) -> str:
    """One line of escaped text (a table cell, a heading): '|' and every other markup character escaped."""
    return escape_markdown(" ".join(text.split()))


def briefing_markdown(exchanges: list[Exchange], documents: dict[str, Document], lang: str) -> str:
    """The conversation as a Markdown briefing note: each question, its answer, a table of what it cites. Every
    question and document string is escaped, so the note renders no link, image or HTML it did not write."""
    t = TEXTS[lang]
    lines = [f"# {t['briefing']}", "", f"{t['generated']}: {time.strftime('%Y-%m-%d %H:%M')}", ""]
    for doc in documents.values():
        lines.append(f"- {_cell(f'{doc.symbol} {doc.title}')}: {_cell(authority(doc, lang))}")
    for number, exchange in enumerate(exchanges, 1):
        answer = exchange.answer
        lines += ["", f"## {t['question']} {number}: {_cell(exchange.question)}", ""]
        lines += [f"> {escape_markdown(line)}" if line.strip() else ">" for line in answer["text"].splitlines()]
        if answer["citations"]:
            lines += ["", f"| {t['label']} | {t['document']} | {t['quote']} |", "|---|---|---|"]
            for c in answer["citations"]:
                symbol = c["id"].split(":")[0]
                lines.append(f"| {_cell(c['display'])} | {_cell(symbol)} | {_cell(c['quote'])} |")
    return "\n".join(lines) + "\n"


def matches_filter(paragraph: Paragraph, query: str, lang: str) -> bool:
    needle = query.strip().lower()
    if not needle:
        return True
    haystack = f"{paragraph.label} {display_label(paragraph.label, lang)} {paragraph.text}".lower()
    return needle in haystack or needle.replace(" ", "") in haystack.replace(" ", "")
