"""Parser for the other common UN layouts: documents with numbered paragraphs (reports, final documents: `31.` ->
P31, headings kept as each paragraph's context), treaties (`第六条` / `Article VI` -> ART6) and action plans
(`行动2` / `Action 2` -> ACTION2). The layout with the most units wins; numbered paragraphs must run in sequence.

A treaty's preamble (the text before Article I) is split into clauses PP1..PPn at their lead words (Considering,
Believing, In conformity with …), however its lines were broken; the opening words ("The States concluding this
Treaty, …,") stay at the start of PP1 and the closing "Have agreed as follows:" is dropped. The numbered
paragraphs of an article ("1. Each non-nuclear-weapon State …") stay in the article's text and are also emitted,
right after it, as item paragraphs (ART3(1), kind "item", parent "ART3") so that they can be looked up and cited."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from index.documents import Document, Paragraph
from index.errors import InputError
from index.numerals import from_roman, zh_number
from index.parse_un import is_page_furniture
from index.symbols import document_symbol_in
from index.text import join_pieces, normalize_spaces

Start = tuple[int, str, str]  # (number, the text after the unit's designation, the designation: 'Article VI')

_ARTICLE = re.compile(
    r"^\s*(?:第\s*([一二三四五六七八九十百零〇两]+|\d+)\s*条|Article\s+([IVXLC]+|\d+)\b\.?)\s*(.*)$", re.IGNORECASE
)
_ACTION = re.compile(r"^\s*(?:行动\s*(\d+)|Action\s+(\d+))\s*[.:：．]?\s*(.*)$", re.IGNORECASE)
_NUMBERED = re.compile(r"^\s*(\d{1,4})\s*[.．]\s*(\S.*)$")
_TERMINATORS = tuple("。；;：:.!?！？")
_SECTION = re.compile(r"^\s*(?:[一二三四五六七八九十]+|[IVXLC]+|[A-Z])\s*[.．、]\s*\S")
_MAX_HEADING_CHARS = 80
_ITEM = re.compile(r"^\s*(\d{1,2})\s*[.．]\s*(\S.*)$")
# Lead words of treaty preamble clauses, capitalised, at the start of the preamble or after ', ' / '; '.
_TREATY_LEADS = sorted(
    """In conformity with|Bearing in mind|Taking into account|Taking into consideration|Deeply concerned|Considering|
    Believing|Undertaking|Expressing|Affirming|Reaffirming|Convinced|Declaring|Urging|Recalling|Desiring|Noting|
    Recognizing|Recognising|Mindful|Conscious|Determined|Welcoming|Acknowledging|Emphasizing|Emphasising|Stressing|
    Aware|Concerned|Reiterating|Guided|Seeking|Wishing|Realizing|Realising|Having""".replace("\n", "").split("|"),
    key=len,
    reverse=True,
)
_CLAUSE = re.compile(r"(?:^|(?<=[,;]\s)|(?<=[,;]))(" + "|".join(w.strip() for w in _TREATY_LEADS) + r")\b")
_OPENING = re.compile(r"^\s*The (?:States|Parties|Contracting Parties|High Contracting Parties|Governments)\b")
_AGREED = re.compile(r"\s*(?:Have|Has) agreed as follows\s*:?\s*$")


@dataclass(frozen=True)
class _Layout:
    kind: str  # the Document kind
    paragraph_kind: str
    prefix: str  # the label prefix
    start: Callable[[str, int], Start | None]  # (line, expected number) -> the unit it starts, if any


def _article_start(line: str, _: int) -> Start | None:
    m = _ARTICLE.match(line)
    if not m:
        return None
    raw = m.group(1) or m.group(2)
    number = from_roman(raw.upper()) if re.fullmatch(r"[IVXLC]+", raw, re.IGNORECASE) else zh_number(raw)
    return number, m.group(3), normalize_spaces(line[: m.start(3)]).rstrip(".")


def _action_start(line: str, _: int) -> Start | None:
    m = _ACTION.match(line)
    return (int(m.group(1) or m.group(2)), m.group(3), "") if m else None


def _numbered_start(line: str, expected: int) -> Start | None:
    m = _NUMBERED.match(line)
    return (expected, m.group(2), "") if m and int(m.group(1)) == expected else None


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
    items: list[str] = field(default_factory=list)  # an article's numbered paragraphs, without their numbers

    def add(self, text: str) -> None:
        self.text = join_pieces(self.text, text)
        if self.items:
            self.items[-1] = join_pieces(self.items[-1], text)


def _units(lines: list[str], layout: _Layout) -> tuple[list[str], list[_Unit]]:
    """(header lines before the first unit, the units)."""
    header: list[str] = []
    units: list[_Unit] = []
    heading = ""
    for line in lines:
        started = layout.start(line, len(units) + 1)
        if started and started[0] not in {u.number for u in units}:
            units.append(_Unit(started[0], started[2] or heading, normalize_spaces(started[1])))
            continue
        text = normalize_spaces(line)
        item = _ITEM.match(line) if layout.kind == "treaty" and units else None
        if not units:
            header.append(text)
            if _SECTION.match(line):
                heading = text
        elif item and int(item.group(1)) == len(units[-1].items) + 1:
            units[-1].text = join_pieces(units[-1].text, text)
            units[-1].items.append(normalize_spaces(item.group(2)))
        elif (
            units[-1].text.endswith(_TERMINATORS)
            and len(text) <= _MAX_HEADING_CHARS
            and not text.endswith(_TERMINATORS)
        ):
            heading = text  # a heading between paragraphs: context for those that follow
        else:
            units[-1].add(text)
    return header, units


def _preamble(header: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """(the header lines before a treaty's preamble, its clauses as (lead words, text))."""
    start = next(
        (i for i, line in enumerate(header) if _OPENING.match(line) or _CLAUSE.search(line)),
        None,
    )
    if start is None:
        return header, []
    text = ""
    for line in header[start:]:
        text = join_pieces(text, line)
    text = _AGREED.sub("", text).strip()
    starts = list(_CLAUSE.finditer(text))
    if not starts:
        return header, []
    ends = [m.start() for m in starts[1:]] + [len(text)]
    clauses = [(m.group(1), text[m.start() : end].strip()) for m, end in zip(starts, ends, strict=True)]
    opening = text[: starts[0].start()].strip()
    if opening:  # "The States concluding this Treaty, …," is no clause: it opens the first one
        clauses[0] = (clauses[0][0], join_pieces(opening, clauses[0][1]))
    return header[:start], clauses


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
    clauses: list[tuple[str, str]] = []
    if layout.kind == "treaty":
        header, clauses = _preamble(header)
    symbol = symbol or next((s for s in map(document_symbol_in, header) if s), None)
    if not symbol:
        raise InputError("No document symbol in the header; give it with --symbol (for example --symbol S-10/2).")
    candidates = [h for h in header if document_symbol_in(h) != symbol and not _SECTION.match(h) and len(h) <= 200]
    title = max(candidates, key=len, default=symbol)
    paragraphs: list[Paragraph] = []

    def emit(label: str, kind: str, text: str, lead: str = "", heading: str = "", parent: str = "") -> None:
        order = len(paragraphs) + 1
        paragraphs.append(Paragraph(symbol, lang, label, kind, order, text, lead=lead, heading=heading, parent=parent))

    for n, (lead, text) in enumerate(clauses, 1):
        emit(f"PP{n}", "preambular", text, lead=lead)
    for u in units:
        label = f"{layout.prefix}{u.number}"
        emit(label, layout.paragraph_kind, u.text, heading=u.heading)
        for k, item in enumerate(u.items, 1):
            emit(f"{label}({k})", "item", item, heading=u.heading, parent=label)
    return Document(symbol=symbol, lang=lang, title=title, kind=layout.kind, source=source, paragraphs=paragraphs)
