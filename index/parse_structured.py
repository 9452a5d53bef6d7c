"""Parser for the other common UN layouts: documents with numbered paragraphs (reports, final documents: `31.` ->
P31, headings kept as each paragraph's context), treaties (`第六条` / `Article VI` -> ART6) and action plans
(`行动2` / `Action 2` -> ACTION2). The layout with the most units wins; numbered paragraphs must run in sequence."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from index.documents import Document, Paragraph
from index.errors import InputError
from index.numerals import from_roman, zh_number
from index.parse_un import is_page_furniture
from index.symbols import document_symbol_in
from index.text import join_pieces, normalize_spaces

_ARTICLE = re.compile(
    r"^\s*(?:第\s*([一二三四五六七八九十百零〇两]+|\d+)\s*条|Article\s+([IVXLC]+|\d+)\b\.?)\s*(.*)$", re.IGNORECASE
)
_ACTION = re.compile(r"^\s*(?:行动\s*(\d+)|Action\s+(\d+))\s*[.:：．]?\s*(.*)$", re.IGNORECASE)
_NUMBERED = re.compile(r"^\s*(\d{1,4})\s*[.．]\s*(\S.*)$")
_TERMINATORS = tuple("。；;：:.!?！？")
_SECTION = re.compile(r"^\s*(?:[一二三四五六七八九十]+|[IVXLC]+|[A-Z])\s*[.．、]\s*\S")
_MAX_HEADING_CHARS = 80


@dataclass(frozen=True)
class _Layout:
    kind: str  # the Document kind
    paragraph_kind: str
    prefix: str  # the label prefix
    start: Callable[[str, int], tuple[int, str] | None]  # (line, expected number) -> (number, first text)


def _article_start(line: str, _: int) -> tuple[int, str] | None:
    m = _ARTICLE.match(line)
    if not m:
        return None
    raw = m.group(1) or m.group(2)
    number = from_roman(raw.upper()) if re.fullmatch(r"[IVXLC]+", raw, re.IGNORECASE) else zh_number(raw)
    return number, m.group(3)


def _action_start(line: str, _: int) -> tuple[int, str] | None:
    m = _ACTION.match(line)
    return (int(m.group(1) or m.group(2)), m.group(3)) if m else None


def _numbered_start(line: str, expected: int) -> tuple[int, str] | None:
    m = _NUMBERED.match(line)
    return (expected, m.group(2)) if m and int(m.group(1)) == expected else None


_LAYOUTS = [
    _Layout("treaty", "article", "ART", _article_start),
    _Layout("action_plan", "action", "ACTION", _action_start),
    _Layout("document", "numbered", "P", _numbered_start),
]


@dataclass
class _Unit:
    number: int
    heading: str
    text: str


def _units(lines: list[str], layout: _Layout) -> tuple[list[str], list[_Unit]]:
    """(header lines before the first unit, the units)."""
    header: list[str] = []
    units: list[_Unit] = []
    heading = ""
    for line in lines:
        started = layout.start(line, len(units) + 1)
        if started and started[0] not in {u.number for u in units}:
            units.append(_Unit(started[0], heading, normalize_spaces(started[1])))
            continue
        text = normalize_spaces(line)
        if not units:
            header.append(text)
            if _SECTION.match(line):
                heading = text
        elif (
            units[-1].text.endswith(_TERMINATORS)
            and len(text) <= _MAX_HEADING_CHARS
            and not text.endswith(_TERMINATORS)
        ):
            heading = text  # a heading between paragraphs: context for those that follow
        else:
            units[-1].text = join_pieces(units[-1].text, text)
    return header, units


def parse_structured(text: str, lang: str, symbol: str | None = None, source: str = "") -> Document:
    """Parse a numbered document, a treaty or an action plan; InputError when no layout fits."""
    lines = [ln for ln in text.replace("\f", "\n").splitlines() if ln.strip() and not is_page_furniture(ln)]
    best: tuple[_Layout, list[str], list[_Unit]] | None = None
    for layout in _LAYOUTS:
        header, units = _units(lines, layout)
        if len(units) >= 2 and (best is None or len(units) > len(best[2])):
            best = (layout, header, units)
    if best is None:
        raise InputError(
            "No recognisable paragraphs: expected a GA resolution, numbered paragraphs (1. 2. …), "
            "articles (第一条 / Article I) or actions (行动1 / Action 1)."
        )
    layout, header, units = best
    symbol = symbol or next((s for s in map(document_symbol_in, header) if s), None)
    if not symbol:
        raise InputError("No document symbol in the header; give it with --symbol (for example --symbol S-10/2).")
    candidates = [h for h in header if document_symbol_in(h) != symbol and not _SECTION.match(h) and len(h) <= 200]
    title = max(candidates, key=len, default=symbol)
    paragraphs = [
        Paragraph(symbol, lang, f"{layout.prefix}{u.number}", layout.paragraph_kind, i, u.text, heading=u.heading)
        for i, u in enumerate(units, 1)
    ]
    return Document(symbol=symbol, lang=lang, title=title, kind=layout.kind, source=source, paragraphs=paragraphs)
