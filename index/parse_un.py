"""Parser for General Assembly resolutions as text extracted from the official PDF, in Chinese or English.

The PDF extraction breaks lines inside sentences, puts footnote markers as bare numbers on their own lines,
and mixes in page furniture (footnote separators, undocs.org links, page numbers, job numbers). Layout, not
line positions, drives the parse: a paragraph starts on an indented line after a finished paragraph, operative
paragraphs are numbered in sequence, footnote markers and definitions are counted in sequence.

Markdown extractions (PyMuPDF: one paragraph a line, footnotes as `[^n]: text` lines at the end) glue the
footnote calls to the text instead ("…disarmament,5", "…of 1990 3 and", "Weapons[^10]"): there a call is the
next expected footnote number standing where a call can stand, and it is cut out of the text.

Lettered items ("(a) Identify …") stay in their operative paragraph's text and are also emitted, right after
it, as item paragraphs (`OP5(a)`, kind "item", parent "OP5") so that they can be looked up and cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.documents import Document, FootnoteRef, Paragraph
from index.errors import InputError
from index.meta import MONTHS
from index.symbols import cited_symbols, resolution_symbol, symbol_from_link
from index.text import join_pieces, normalize_spaces

_MONTHS = {name: number for number, name in enumerate(MONTHS, 1)}
_TITLE = re.compile(r"^\s*((?:S-)?\d{1,2}/\d{1,4})\s*[.．]\s*(\S.*?)\s*$")
_ASSEMBLY = re.compile(r"^\s*(?:大会\s*[，,]|The General Assembly\s*,)\s*$")
_URL = re.compile(r"^\s*https?://\S+\s*$")
_SEPARATOR = re.compile(r"^\s*(?:[_＿]{5,}|-{3,})\s*$")
_PAGE_FURNITURE = re.compile(
    r"^\s*(?:\d+\s*/\s*\d+|\d{2}-\d{5}\s*(?:\([A-Z]\))?|A/RES/[\w/.\-]+|\*\d+\*|-\s*\d+\s*-)\s*$"
)
_BARE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")
_FOOTNOTE_DEF = re.compile(r"^\s*(\d{1,3})\s+(\S.*)$")
_MD_FOOTNOTE_DEF = re.compile(r"^\s*\[\^(\d{1,3})\]:\s*(\S.*)$")
# A footnote call glued to the text: '[^10]', or a bare number not part of another number or symbol ...
_CALL = re.compile(r"\[\^(\d{1,3})\]|(?<![\d/.\-])\s{0,2}(\d{1,3})(?![\d/\-])")
# ... that stands after punctuation ('disarmament,5', 'verification, 2'), glued to a word ('Weapons5') or after
# a year ('of 1990 3 and'), and before a space, the line's end or punctuation.
_CALL_BEFORE = re.compile(r"(?:[,;:)”’\"]\s{0,2}|[A-Za-z]|\d{4}\s{1,2})$")
_CALL_AFTER = re.compile(r"(?:\s|$|[,;:.](?:\s|$))")
_IBID = re.compile(r"^\s*(?:Ibid\b|同上)", re.IGNORECASE)
_OPERATIVE = re.compile(r"^\s*(\d{1,3})\s*[.．]\s*(\S.*)$")
_SUBPARAGRAPH = re.compile(r"^\s*[(（]([a-z])[)）]\s*(\S.*)$")
_DATE_ZH = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_DATE_EN = re.compile(r"^\s*(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4})\s*$")
_ADOPTED_EN = re.compile(r"adopted by the General Assembly on (\d{1,2}) ([A-Z][a-z]+) (\d{4})")
_ADOPTED_ZH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*大会决议")
# The meeting line; a Markdown extraction puts the date on it too ('52nd plenary meeting 1 December 2025').
_MEETING = re.compile(
    r"^\s*(第\s*\d+\s*次全体会议|\d+(?:st|nd|rd|th) plenary meeting)(?:\s+(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4}))?\s*$"
)
_COMMITTEE_REPORT = re.compile(
    r"(?:report of the ([A-Z][A-Za-z ]*Committee)|委员会的报告)\s*[(（]\s*(A/[\w/.\-]+?)\s*(?:,[^)）]*)?[)）]"
)
_TERMINATORS = tuple("，；。：,;.:")
_LEADS_ZH = tuple(  # longer leads before their prefixes (再次表示 before 表示)
    "再次表示 深为关切 回顾 重申 表示 深信 意识到 注意到 欢迎 强调 认识到 确认 铭记"
    " 关切 申明 呼吁 促请 吁请 敦促 鼓励 请 决定 赞扬 支持 邀请 要求".split()
)
_LEAD_PREFIXES_ZH = ("又", "还", "并", "再次", "另")
_LEADS_EN = frozenset(
    """Recalling Reaffirming Reiterating Noting Welcoming Convinced Aware Recognizing Stressing Emphasizing
    Expressing Bearing Mindful Taking Acknowledging Concerned Deeply Determined Desiring Guided Considering
    Affirming Underlining Believing Having Commending Appreciating Encouraging Reaffirms Calls Requests Decides
    Encourages Urges Invites Welcomes Underlines Stresses Notes Expresses Recommends Emphasizes Affirms
    Recognizes Acknowledges Takes Endorses Reiterates Appeals Commends Supports Declares""".split()
)


@dataclass
class _Block:
    """A paragraph being assembled from extracted lines; an item's text and footnotes go to its parent too."""

    kind: str
    label: str
    text: str = ""
    footnotes: list[FootnoteRef] = field(default_factory=list)
    parent: _Block | None = None

    def add(self, line: str) -> None:
        piece = normalize_spaces(line)
        # a piece cut after a glued footnote call may start with the punctuation that followed it
        glued = piece[:1] in (",", ";", ":", ".", ")")
        self.text = self.text + piece if glued else join_pieces(self.text, piece)
        if self.parent:
            self.parent.add(line)

    def mark(self, number: int) -> None:
        """A footnote call at the current end of the text."""
        self.footnotes.append(FootnoteRef(number, len(self.text)))
        if self.parent:
            self.parent.mark(number)


def is_page_furniture(line: str) -> bool:
    """Links, footnote separators, page and job numbers, running symbols: never part of a paragraph."""
    return bool(_URL.match(line) or _SEPARATOR.match(line) or _PAGE_FURNITURE.match(line))


def lead_verb(text: str, lang: str) -> str:
    """The verb a resolution paragraph opens with (回顾, 请, Recalling, Requests): what kind of statement it is."""
    if lang == "zh":
        body = text
        for prefix in _LEAD_PREFIXES_ZH:
            if body.startswith(prefix) and len(body) > len(prefix):
                body = body[len(prefix) :]
                break
        return next((lead for lead in _LEADS_ZH if body.startswith(lead)), "")
    words = [w for w in re.findall(r"[A-Za-z]+", text)[:3] if w.lower() not in {"also", "further", "again"}]
    lead = words[0].capitalize() if words else ""  # "Also decides" -> Decides, as 又请 -> 请
    return lead if lead in _LEADS_EN else ""


def _iso_date(year: str, month: str, day: str) -> str:
    month_number = int(month) if month.isdigit() else _MONTHS.get(month, 0)
    return f"{int(year):04d}-{month_number:02d}-{int(day):02d}" if month_number else ""


class _ResolutionParser:
    def __init__(self, text: str, lang: str) -> None:
        self.lang = lang
        self.lines = text.replace("\f", "\n").splitlines()
        indented = [ln for ln in self.lines if ln.strip() and ln[:1].isspace()]
        # Footnote calls glued to the text, footnotes as '[^n]:' lines (a Markdown extraction).
        self.inline_calls = any(_MD_FOOTNOTE_DEF.match(ln) for ln in self.lines)
        # Extractions that keep no indentation fall back to lead verbs to find paragraph starts.
        self.layout_has_indent = len(indented) >= 3 and not self.inline_calls
        self.number = ""
        self.title = ""
        self.adopted = ""
        self.meeting = ""
        self.committee = ""
        self.committee_report = ""
        self.links: list[str] = []
        self.blocks: list[_Block] = []
        self.footnotes: dict[int, _Block] = {}
        self.next_marker = 1
        self.next_operative = 1
        self.in_footnotes = False
        self.after_marker = False
        self.ended = False

    # -- classification -------------------------------------------------------------------------------------
    def _current(self) -> _Block | None:
        return self.blocks[-1] if self.blocks else None

    def _is_paragraph_start(self, line: str, after_marker: bool) -> bool:
        current = self._current()
        if current is None:
            return True
        if not current.text.endswith(_TERMINATORS):
            return False
        # A footnote marker stands after the word it annotates, mostly mid-sentence: only a lead verb
        # ("又回顾", "Recalling") starts a new paragraph right after one.
        needs_lead = after_marker or not self.layout_has_indent
        if needs_lead and not lead_verb(line.strip(), self.lang):
            return False
        return line[:1].isspace() or not self.layout_has_indent

    def _new_preambular(self, line: str) -> None:
        count = sum(1 for b in self.blocks if b.kind == "preambular")
        self.blocks.append(_Block("preambular", f"PP{count + 1}"))
        self.blocks[-1].add(line)

    # -- line handlers --------------------------------------------------------------------------------------
    def _header_line(self, line: str) -> bool:
        """Consume a line before the first paragraph; True once the body begins."""
        if _ASSEMBLY.match(line):
            return True
        if (m := _TITLE.match(line)) and not self.number:
            self.number, self.title = m.group(1), m.group(2)
        elif m := _ADOPTED_EN.search(line):
            self.adopted = _iso_date(m.group(3), m.group(2), m.group(1))
        elif m := _ADOPTED_ZH.search(line):
            self.adopted = _iso_date(*m.groups())
        if m := _COMMITTEE_REPORT.search(line):
            self.committee, self.committee_report = m.group(1) or "", m.group(2)
        return False

    def _footnote_line(self, line: str) -> bool:
        """Consume a line of a footnote block; False when the block has ended and the line is body text."""
        m = _FOOTNOTE_DEF.match(line)
        expected = len(self.footnotes) + 1
        if m and int(m.group(1)) == expected:
            block = _Block("footnote", f"FN{expected}")
            block.add(m.group(2))
            self.footnotes[expected] = block
            return True
        last = self.footnotes.get(len(self.footnotes))
        body_starts = _OPERATIVE.match(line) or (
            last is not None and last.text.endswith(_TERMINATORS) and line[:1].isspace()
        )
        if last is None or body_starts:
            self.in_footnotes = False
            return False
        last.add(line)
        return True

    def _body_line(self, line: str) -> None:
        date = ""
        if m := _DATE_ZH.match(line):
            date = _iso_date(*m.groups())
        elif m := _DATE_EN.match(line):
            date = _iso_date(m.group(3), m.group(2), m.group(1))
        if date:  # the adoption date closes the resolution
            self.adopted = self.adopted or date
            self.ended = True
            return
        current = self._current()
        if (m := _BARE_NUMBER.match(line)) and int(m.group(1)) == self.next_marker and current:
            current.mark(self.next_marker)
            self.next_marker += 1
            self.after_marker = True
            return
        after_marker, self.after_marker = self.after_marker, False
        if (m := _OPERATIVE.match(line)) and int(m.group(1)) == self.next_operative:
            self.blocks.append(_Block("operative", f"OP{self.next_operative}"))
            self.blocks[-1].add(m.group(2))
            self.next_operative += 1
            return
        in_operative = current is not None and current.kind in ("operative", "item")
        if current and in_operative and (m := _SUBPARAGRAPH.match(line)) and current.text.endswith(_TERMINATORS):
            parent = current.parent or current
            parent.add(line)  # the paragraph keeps its items, letters included
            item = _Block("item", f"{parent.label}({m.group(1)})", parent=parent)
            item.text = normalize_spaces(m.group(2))
            self.blocks.append(item)
            return
        if not in_operative and self._is_paragraph_start(line, after_marker):
            self._new_preambular(line)
            return
        if current is None:
            self._new_preambular(line)
        else:
            current.add(line)

    def _calls(self, line: str) -> list[tuple[int, int, int]]:
        """(start, end, number) of the footnote calls glued into a line, numbered in sequence from the next one."""
        calls: list[tuple[int, int, int]] = []
        expected = self.next_marker
        for m in _CALL.finditer(line):
            number = int(m.group(1) or m.group(2))
            if number != expected:
                continue
            bare = m.group(2) is not None
            if bare and not (_CALL_BEFORE.search(line[: m.start(2)]) and _CALL_AFTER.match(line, m.end())):
                continue
            calls.append((m.start(), m.end(), number))
            expected += 1
        return calls

    def _inline_line(self, line: str) -> None:
        """A body line of a Markdown extraction: the text around its footnote calls, each call marked."""
        calls = self._calls(line)
        pieces = [line[: calls[0][0]] if calls else line]
        pieces += [
            line[end : calls[i + 1][0] if i + 1 < len(calls) else len(line)] for i, (_, end, _) in enumerate(calls)
        ]
        if pieces[0].strip():
            self._body_line(pieces[0])
        current = self._current()
        for (_, _, number), piece in zip(calls, pieces[1:], strict=True):
            if current is None:
                break
            current.mark(number)
            self.next_marker = number + 1
            if piece.strip():
                current.add(piece)

    def _md_footnote_line(self, line: str) -> None:
        """A '[^n]: text' line starts footnote n; any other line after the first one continues the last."""
        if m := _MD_FOOTNOTE_DEF.match(line):
            number = int(m.group(1))
            self.footnotes[number] = _Block("footnote", f"FN{number}")
            self.footnotes[number].add(m.group(2))
        elif self.footnotes:
            self.footnotes[max(self.footnotes)].add(line)

    def parse(self) -> None:
        in_header = True
        for raw in self.lines:
            if not raw.strip():
                continue
            if self.inline_calls and (self.footnotes or _MD_FOOTNOTE_DEF.match(raw)):
                self._md_footnote_line(raw)
                continue
            if _URL.match(raw):
                if (symbol := symbol_from_link(raw)) and symbol not in self.links:
                    self.links.append(symbol)
                self.in_footnotes = False
                continue
            if in_header:
                in_header = not self._header_line(raw)
                continue
            if m := _MEETING.match(raw):
                self.meeting = normalize_spaces(m.group(1))
                if m.group(2):  # the adoption date on the meeting line closes the resolution
                    self.adopted = self.adopted or _iso_date(m.group(4), m.group(3), m.group(2))
                    self.ended = True
                continue
            if _SEPARATOR.match(raw):
                self.in_footnotes = True
                continue
            if _PAGE_FURNITURE.match(raw) or self.ended:
                continue
            if self.in_footnotes and self._footnote_line(raw):
                continue
            if self.inline_calls:
                self._inline_line(raw)
            else:
                self._body_line(raw)


def looks_like_resolution(text: str) -> bool:
    """A 'NN/NN. Title' heading followed by 'The General Assembly,' / '大会，'."""
    lines = text.replace("\f", "\n").splitlines()
    title = next((i for i, line in enumerate(lines) if _TITLE.match(line)), None)
    return title is not None and any(_ASSEMBLY.match(line) for line in lines[title : title + 40])


def _footnote_cites(footnotes: dict[int, _Block]) -> dict[int, list[str]]:
    """The symbols each footnote cites; 'Ibid.' / '同上' cites what the footnote before it cites."""
    cites: dict[int, list[str]] = {}
    previous: list[str] = []
    for number, block in sorted(footnotes.items()):
        cites[number] = cited_symbols(block.text) or (list(previous) if _IBID.match(block.text) else [])
        previous = cites[number] or previous
    return cites


def parse_resolution(text: str, lang: str, source: str = "") -> Document:
    """Parse a GA resolution into META, PP/OP paragraphs and FN footnotes (labels as users cite them)."""
    parser = _ResolutionParser(text, lang)
    parser.parse()
    if not parser.number or not any(b.kind == "operative" for b in parser.blocks):
        raise InputError(
            "This does not look like a General Assembly resolution "
            "(no 'NN/NN. Title' heading or no numbered operative paragraphs)."
        )
    symbol = resolution_symbol(parser.number)
    footnote_cites = _footnote_cites(parser.footnotes)
    paragraphs: list[Paragraph] = []
    for block in parser.blocks:
        cites: list[str] = []
        for ref in block.footnotes:
            cites += [c for c in footnote_cites.get(ref.number, []) if c not in cites]
        paragraphs.append(
            Paragraph(
                symbol,
                lang,
                block.label,
                block.kind,
                len(paragraphs) + 1,
                block.text,
                block.footnotes,
                cites,
                lead_verb(block.text, lang),
                parent=block.parent.label if block.parent else "",
            )
        )
    for number, block in sorted(parser.footnotes.items()):
        paragraphs.append(
            Paragraph(
                symbol, lang, block.label, "footnote", len(paragraphs) + 1, block.text, [], footnote_cites[number]
            )
        )
    return Document(
        symbol=symbol,
        lang=lang,
        title=parser.title,
        kind="resolution",
        adopted=parser.adopted,
        meeting=parser.meeting,
        committee=parser.committee,
        committee_report=parser.committee_report,
        source=source,
        links=[s for s in parser.links if s != symbol],
        paragraphs=paragraphs,
    )
