"""Pure text builders for the page: escaped Markdown, fail-closed highlighting, citation markers, suggestions.

Document and user text is data: it is always escaped before Streamlit renders it as Markdown (and before it goes
into the briefing note), so a '*', a '[link](javascript:…)', a ':red[…]' or a '<script>' in a question or a
paragraph shows as those characters, never as markup, and a bare URL or e-mail address stays text.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from assistant.labels import display_label
from index.documents import Document, Paragraph, split_citation_id

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&])")
# Links, e-mail addresses, emoji and icons (':smile:', ':material/x:') are found in the text *after* Markdown is
# parsed, where backslashes are gone; an invisible word joiner after ':' and '@' and before the dot of 'www.'
# breaks every one of those patterns without changing what is shown.
_AUTOLINK_TRIGGERS = re.compile(r"(?<=[:@])|(?<=[wW]{3})(?=\.)")
_WORD_JOINER = "\u2060"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

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
        "answer": "回答",
        "label": "段落",
        "document": "文件",
        "quote": "引文",
        "authority": "文件性质",
        "link": "链接",
        "briefing": "简报",
        "briefing_on": "简报：{documents}",
        "generated": "生成时间",
        "sources": "所涉文件",
        "not_answered": "所收录的文件没有回答这个问题。",
        "not_answered_mark": "（文件未回答）",
        "reason": "原因",
        "hint": "可以改问决议的某一段落、专家组的设立与会议、或所引用的文件；也可以直接查看下面最接近的段落：",
        "try": "可以这样问：",
        "next": "接着问：",
        "preambular": "序言部分",
        "operative": "执行部分",
        "vote": "表决",
        "text": "正文",
        "wrong_citation": "引用有误",
        "reported": "已报告，谢谢。这条反馈会成为一道回归测试题。",
        "no_match": "没有段落包含“{query}”。",
        "ask_about": "{symbol}{label}说了什么？",
        "text_zh": "中文文本",
        "text_en": "英文文本",
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
        "answer": "Answer",
        "label": "Paragraph",
        "document": "Document",
        "quote": "Quoted text",
        "authority": "Authority",
        "link": "Link",
        "briefing": "Briefing note",
        "briefing_on": "Briefing note: {documents}",
        "generated": "Generated",
        "sources": "Documents",
        "not_answered": "The documents in the index do not answer this question.",
        "not_answered_mark": "(not answered by the documents)",
        "reason": "Why",
        "hint": "Ask about a paragraph, the expert group and its meetings, or the documents the resolution "
        "cites; or check the closest paragraphs below:",
        "try": "You could ask:",
        "next": "Ask next:",
        "preambular": "Preambular part",
        "operative": "Operative part",
        "vote": "Vote",
        "text": "Text",
        "wrong_citation": "Wrong citation",
        "reported": "Reported, thank you. This report becomes a regression question.",
        "no_match": "No paragraph contains “{query}”.",
        "ask_about": "What does {label} of {symbol} say?",
        "text_zh": "Chinese text",
        "text_en": "English text",
    },
}

_KINDS = {
    "resolution": ("大会决议", "General Assembly resolution"),
    "treaty": ("条约", "treaty"),
    "report": ("报告", "report"),
    "final_document": ("审议大会最后文件", "review conference final document"),
}
_AUTHORITIES = {
    "official_un": ("联合国正式文本", "official UN text"),
    "treaty_series": (
        "国家条约数据库所载条约文本（非正式法律来源）",
        "treaty text from a national treaty series (not an official source of law)",
    ),
    "research_dataset": ("研究数据集，并非正式记录", "research dataset, not the official record"),
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


def authority(doc: Document, lang: str, paragraph: Paragraph | None = None) -> str:
    """What kind of text this is, so advice is never presented as a decision; a data card's own authority (the
    vote: a research dataset) goes first."""
    zh = lang == "zh"
    kind = _KINDS.get(doc.kind, (doc.kind, doc.kind.replace("_", " ")))
    name = kind[0] if zh else kind[1]
    if doc.adopted and doc.kind == "resolution":
        name = f"{name}，{doc.adopted}通过" if zh else f"{name}, adopted {doc.adopted}"
    elif doc.adopted:
        name = f"{name}，{doc.adopted}" if zh else f"{name}, {doc.adopted}"
    own = _AUTHORITIES.get(paragraph.authority) if paragraph is not None and paragraph.authority else None
    if own:
        return f"{own[0] if zh else own[1]} · {name}"
    source = _AUTHORITIES.get(doc.authority)
    if source:
        name += f" · {source[0] if zh else source[1]}"
    elif doc.relation == "user":
        name += " · 用户添加的文件" if zh else " · a document added by a user"
    return name


def card_texts(versions: dict[str, Paragraph], quote: str, quote_lang: str, lang: str) -> list[Paragraph]:
    """A citation card's texts of one label: first the one quoted (the quote's language; else the text that holds
    the quote verbatim; else, with nothing quoted, the page's language where there is its text), then the same
    label in the other languages, shown beside it."""
    holding = [code for code, text in versions.items() if quote and quote in text.text]
    first = next(code for code in (quote_lang, *holding, lang, next(iter(versions))) if code in versions)
    return [versions[first], *(text for code, text in versions.items() if code != first)]


def citation_title(cid: str, lang: str) -> str:
    symbol, label = split_citation_id(cid)
    return f"{symbol} {display_label(label, lang)}"


def text_lang(text: str) -> str:
    """'zh' when the text has Chinese characters, else 'en' (the language the page speaks back)."""
    return "zh" if _CJK.search(text) else "en"


@dataclass
class Exchange:
    """One question and the answer given to it, as stored in the session (citations stored, never recomputed)."""

    question: str
    answer: dict[str, Any]  # Answer.to_dict()
    history: list[dict[str, Any]] = field(default_factory=list)  # the turns the question was asked after
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])  # feedback refers to the answer by it


def answer_plain_text(exchange: Exchange) -> str:
    """One answer as plain text for pasting into a note: the answer, then one line per citation."""
    answer = exchange.answer
    t = TEXTS[answer["lang"]]
    lines = [answer["text"]]
    if answer["citations"]:
        lines += ["", f"{t['citations']}:"]
        lines += [f"- {c['id'].split(':')[0]} {c['display']}: “{c['quote']}”" for c in answer["citations"]]
    return "\n".join(lines)


def not_found_message(text: str, lang: str) -> str:
    """A not-answered answer's own words without its list of closest paragraphs: the page lists those once, as
    chips. Cut where the language pack's 'Closest paragraphs:' sentence starts."""
    from assistant.language import pack

    try:
        lead = pack(lang).templates["closest"].split("{", 1)[0].strip()
    except (KeyError, ValueError):
        return text
    at = text.find(lead) if lead else -1
    return text[:at].strip() if at > 0 else text


def with_markers(text: str, quotes: list[str]) -> str:
    """The answer as escaped Markdown with an inline marker [n] after the place where citation n's quote stands
    (and after its closing quotation mark), tying the text to the numbered chips; a quote the text does not contain
    gets no marker (its chip still carries the number)."""
    places: list[tuple[int, int]] = []
    start = 0
    for number, quote in enumerate(quotes, 1):
        at = text.find(quote, start) if quote else -1
        if at < 0:
            at = text.find(quote) if quote else -1
            if at < 0:
                continue
        end = at + len(quote)
        while end < len(text) and text[end] in '”"」』':
            end += 1
        places.append((end, number))
        start = end
    out, done = [], 0
    for end, number in sorted(places):
        out.append(escape_markdown(text[done:end]) + f" \\[{number}\\]")
        done = end
    out.append(escape_markdown(text[done:]))
    return "".join(out)


def suggestions(cids: list[str], paragraphs: dict[str, Paragraph], lang: str, limit: int = 3) -> list[str]:
    """Questions the documents answer, derived offline from paragraphs: 'What does operative paragraph 8 of
    A/RES/71/67 say?' for each given numbered paragraph that exists, in order."""
    template = TEXTS[lang]["ask_about"]
    out: list[str] = []
    for cid in cids:
        paragraph = paragraphs.get(cid)
        if paragraph is None or not any(ch.isdigit() for ch in paragraph.label):  # no document record, vote card
            continue
        question = template.format(symbol=paragraph.doc_symbol, label=display_label(paragraph.label, lang))
        if question not in out:
            out.append(question)
        if len(out) == limit:
            break
    return out


def follow_ups(cited: list[str], paragraphs: dict[str, Paragraph], lang: str, limit: int = 3) -> list[str]:
    """Next questions after an answer, from the cited paragraphs: the first footnote, the next and the previous
    paragraph of the same part, the other footnotes."""
    by_order = {(p.doc_symbol, p.kind, p.order): p.id for p in paragraphs.values()}
    candidates: list[str] = []
    for cid in cited:
        paragraph = paragraphs.get(cid)
        if paragraph is None:
            continue
        symbol = paragraph.doc_symbol
        footnotes = [f"{symbol}:FN{n}" for n in paragraph.footnote_numbers]
        neighbours = [by_order.get((symbol, paragraph.kind, paragraph.order + step)) for step in (1, -1)]
        candidates += footnotes[:1] + [n for n in neighbours if n] + footnotes[1:]
    return suggestions([c for c in candidates if c not in cited], paragraphs, lang, limit)


def too_long_message(length: int, limit: int) -> str:
    return (
        f"问题共 {length} 个字符，超过 {limit} 个字符的上限，没有发送：请缩短后再问。 / "
        f"The question is {length:,} characters long, over the {limit:,}-character limit, so it was not sent: "
        "shorten it and ask again."
    )


def matches_filter(paragraph: Paragraph, query: str, lang: str) -> bool:
    needle = query.strip().lower()
    if not needle:
        return True
    haystack = f"{paragraph.label} {display_label(paragraph.label, lang)} {paragraph.text}".lower()
    return needle in haystack or needle.replace(" ", "") in haystack.replace(" ", "")


def briefing_markdown(
    exchanges: list[Exchange],
    documents: dict[str, Document],
    lang: str | None = None,
    include_unanswered: bool = False,
) -> str:
    """The conversation as a Markdown briefing note (see `ui.briefing`)."""
    from ui.briefing import Briefing

    return Briefing(exchanges, documents, lang, include_unanswered).markdown()


_VOTE_TOTALS = re.compile(r"赞成(\d+)票，反对(\d+)票，弃权(\d+)票")
_VOTE_LIST = re.compile(r"(赞成|反对|弃权)：([^。]*)。")
VOTE_POSITIONS = {"赞成": "赞成 / In favour", "反对": "反对 / Against", "弃权": "弃权 / Abstaining"}


def vote_rows(text: str) -> list[tuple[str, str, str]] | None:
    """A recorded-vote card as rows (position, count, member States); None when the text is not in that form."""
    totals = _VOTE_TOTALS.search(text)
    if not totals:
        return None
    lists = {position: names for position, names in _VOTE_LIST.findall(text[totals.end() :])}
    rows = []
    for position, count in zip(("赞成", "反对", "弃权"), totals.groups()):
        rows.append((VOTE_POSITIONS[position], count, lists.get(position, "")))
    return rows
