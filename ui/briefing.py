"""The conversation as a briefing note, in Markdown and in Word (.docx through python-docx).

Both forms hold the same things: a title, the date, each included question with its answer, a table of what the
answer cites (paragraph, document, quoted text, authority) and links to the UN documents (https://undocs.org/ +
symbol). Headings are in the conversation's language. Questions the documents do not answer are left out unless
asked for. In Markdown every question, answer and document string is escaped, so the note renders no link, image
or HTML it did not write; the only links are the note's own undocs.org links, for symbols in the UN grammar.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from index.documents import Document, split_citation_id
from index.errors import InputError
from index.symbols import check_symbol
from ui.render import TEXTS, Exchange, authority, escape_markdown, not_found_message

UNDOCS = "https://undocs.org/"
# characters XML 1.0 (and so Word) cannot hold
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def undocs_link(symbol: str) -> str | None:
    """The undocs.org address of a UN document symbol; None for anything else (a treaty series entry, a user's
    document with a made-up symbol)."""
    try:
        check_symbol(symbol)
    except InputError:
        return None
    return UNDOCS + quote(symbol, safe="/")


def _cell(text: str) -> str:
    """One line of escaped text (a table cell, a heading): '|' and every other markup character escaped."""
    return escape_markdown(" ".join(text.split()))


def _plain(text: str) -> str:
    return _NOT_XML.sub("", text)


@dataclass
class Row:
    label: str
    symbol: str
    quote: str
    authority: str


class Briefing:
    """What goes into the note, decided once for both formats."""

    def __init__(
        self,
        exchanges: list[Exchange],
        documents: dict[str, Document],
        lang: str | None = None,
        include_unanswered: bool = False,
        now: datetime | None = None,
    ) -> None:
        self.exchanges = [e for e in exchanges if include_unanswered or e.answer.get("found")]
        self.documents = documents
        self.lang = lang if lang in TEXTS else conversation_lang(self.exchanges or exchanges)
        self.t = TEXTS[self.lang]
        self.date = (now or datetime.now()).strftime("%Y-%m-%d %H:%M")

    # -- content --------------------------------------------------------------------------------------------------
    def cited_symbols(self) -> list[str]:
        symbols = [split_citation_id(c["id"])[0] for e in self.exchanges for c in e.answer.get("citations", [])]
        return list(dict.fromkeys(symbols)) or list(self.documents)[:1]

    def title(self) -> str:
        symbols = self.cited_symbols()
        shown = ", ".join(symbols[:3]) + ("…" if len(symbols) > 3 else "")
        return self.t["briefing_on"].format(documents=shown) if shown else self.t["briefing"]

    def doc_line(self, symbol: str) -> tuple[str, str]:
        """A document's title and authority ('' when it is not in the index)."""
        doc = self.documents.get(symbol)
        return (doc.title, authority(doc, self.lang)) if doc else ("", "")

    def rows(self, answer: dict[str, Any]) -> list[Row]:
        rows = []
        for citation in answer.get("citations", []):
            symbol = split_citation_id(citation["id"])[0]
            doc = self.documents.get(symbol)
            paragraph = doc.paragraph(citation["label"]) if doc else None
            line = authority(doc, self.lang, paragraph) if doc else ""  # the vote card: a research dataset
            rows.append(Row(citation["display"], symbol, citation["quote"], line))
        return rows

    def heading(self, number: int, exchange: Exchange) -> str:
        mark = "" if exchange.answer.get("found") else f" {self.t['not_answered_mark']}"
        return f"{self.t['question']} {number}: {' '.join(exchange.question.split())}{mark}"

    def answer_lines(self, answer: dict[str, Any]) -> list[str]:
        if answer.get("found"):
            return [line for line in answer["text"].splitlines() if line.strip()]
        lines = [not_found_message(answer["text"], answer.get("lang", self.lang))]
        if answer.get("reason"):
            lines.append(f"{self.t['reason']}: {answer['reason']}")
        return lines

    # -- Markdown -------------------------------------------------------------------------------------------------
    def _md_symbol(self, symbol: str) -> str:
        link = undocs_link(symbol)
        return f"[{_cell(symbol)}]({link})" if link else _cell(symbol)

    def markdown(self) -> str:
        t = self.t
        lines = [f"# {_cell(self.title())}", "", f"{t['generated']}: {self.date}", "", f"## {t['sources']}", ""]
        for symbol in self.cited_symbols():
            title, kind = self.doc_line(symbol)
            lines.append(f"- {self._md_symbol(symbol)}" + (f" {_cell(title)}: {_cell(kind)}" if title else ""))
        for number, exchange in enumerate(self.exchanges, 1):
            lines += ["", f"## {_cell(self.heading(number, exchange))}", ""]
            lines.append("\n>\n".join(f"> {escape_markdown(line)}" for line in self.answer_lines(exchange.answer)))
            rows = self.rows(exchange.answer)
            if rows:
                lines += ["", f"| {t['label']} | {t['document']} | {t['quote']} | {t['authority']} |"]
                lines.append("|---|---|---|---|")
                for row in rows:
                    cells = (_cell(row.label), self._md_symbol(row.symbol), _cell(row.quote), _cell(row.authority))
                    lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines) + "\n"

    # -- Word -----------------------------------------------------------------------------------------------------
    def docx(self) -> bytes:
        from docx import Document as WordDocument

        t = self.t
        word = WordDocument()
        word.core_properties.title = _plain(self.title())
        word.add_heading(_plain(self.title()), 0)
        word.add_paragraph(f"{t['generated']}: {self.date}")
        word.add_heading(t["sources"], 1)
        for symbol in self.cited_symbols():
            paragraph = word.add_paragraph(style="List Bullet")
            _add_symbol(paragraph, symbol)
            title, kind = self.doc_line(symbol)
            if title:
                paragraph.add_run(_plain(f" {title} — {kind}"))
        for number, exchange in enumerate(self.exchanges, 1):
            word.add_heading(_plain(self.heading(number, exchange)), 1)
            for line in self.answer_lines(exchange.answer):
                word.add_paragraph(_plain(line), style="Quote")
            rows = self.rows(exchange.answer)
            if not rows:
                continue
            table = word.add_table(rows=1, cols=4)
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, (t["label"], t["document"], t["quote"], t["authority"])):
                cell.text = text
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in rows:
                cells = table.add_row().cells
                cells[0].text = _plain(row.label)
                _add_symbol(cells[1].paragraphs[0], row.symbol)
                cells[2].text = _plain(row.quote)
                cells[3].text = _plain(row.authority)
        out = io.BytesIO()
        word.save(out)
        return out.getvalue()


def _add_symbol(paragraph: Any, symbol: str) -> None:
    """The symbol as a Word hyperlink to undocs.org, or as plain text when it is not a UN symbol."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    link = undocs_link(symbol)
    if link is None:
        paragraph.add_run(_plain(symbol))
        return
    element = OxmlElement("w:hyperlink")
    element.set(qn("r:id"), paragraph.part.relate_to(link, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "0563C1")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(color)
    properties.append(underline)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = _plain(symbol)
    text.set(qn("xml:space"), "preserve")
    run.append(text)
    element.append(run)
    paragraph._p.append(element)


def conversation_lang(exchanges: list[Exchange]) -> str:
    """The language the answers were given in, most of them; the first one's on a tie; Chinese when empty."""
    langs = [e.answer.get("lang", "zh") for e in exchanges]
    if not langs:
        return "zh"
    counts = Counter(langs)
    best = max(counts.values())
    return next((lang for lang in langs if counts[lang] == best and lang in TEXTS), "zh")


def briefing_docx(exchanges: list[Exchange], documents: dict[str, Document], include_unanswered: bool = False) -> bytes:
    return Briefing(exchanges, documents, None, include_unanswered).docx()
