"""The data model: a UN document in one language, split into labelled, citable paragraphs."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

DATA_CARD_KINDS = ("vote",)  # paragraphs that are data about a document (its vote), not its text


@dataclass(frozen=True)
class FootnoteRef:
    """A footnote marker inside a paragraph: which footnote, and where in the clean text it stood."""

    number: int
    offset: int


@dataclass
class Paragraph:
    """The unit of retrieval and of citation; `label` is language-independent (PP3, OP7, FN6, META)."""

    doc_symbol: str
    lang: str
    label: str
    kind: str  # "preambular" | "operative" | "footnote" | "meta" | "numbered" | ...
    order: int
    text: str
    footnotes: list[FootnoteRef] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)
    lead: str = ""  # the paragraph's lead verb (回顾 / 请 / Recalling / Requests ...), a filter for retrieval
    heading: str = ""  # the heading it stands under, in documents that have headings
    parent: str = ""  # an item's paragraph ("OP5" for OP5(a), "ART3" for ART3(1)): items are looked up, not searched
    authority: str = ""  # when not the document's: a data card's ("research_dataset" for the recorded vote)
    table: list[list[str]] = field(default_factory=list)  # a data card's rows (vote: state, code, vote, dataset name)

    @property
    def id(self) -> str:
        return citation_id(self.doc_symbol, self.label)

    @property
    def footnote_numbers(self) -> list[int]:
        return [ref.number for ref in self.footnotes]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["footnotes"] = [asdict(ref) for ref in self.footnotes]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Paragraph:
        data = dict(data)
        data["footnotes"] = [FootnoteRef(**ref) for ref in data.get("footnotes", [])]
        return cls(**data)


@dataclass
class Document:
    """One UN document in one language, with curated metadata and its paragraphs in document order."""

    symbol: str
    lang: str
    title: str
    kind: str
    adopted: str = ""  # ISO date
    meeting: str = ""
    committee: str = ""
    committee_report: str = ""
    agenda_item: str = ""
    source: str = ""
    authority: str = ""  # "official_un" | "treaty_series" | "" (a user's document)
    relation: str = ""  # to the main resolution: "main" | "later" | "cited" | "user"
    provenance: str = ""  # where the text comes from, its licence and its known damage
    links: list[str] = field(default_factory=list)  # symbols the document links to outside its footnotes
    paragraphs: list[Paragraph] = field(default_factory=list)

    def paragraph(self, label: str) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.label == label), None)

    def footnote_carrier(self, footnote: Paragraph) -> Paragraph | None:
        """The paragraph whose text carries this footnote's marker."""
        number = int(footnote.label.removeprefix("FN"))
        return next((p for p in self.paragraphs if number in p.footnote_numbers), None)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["paragraphs"] = [p.to_dict() for p in self.paragraphs]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        data = dict(data)
        data["paragraphs"] = [Paragraph.from_dict(p) for p in data.get("paragraphs", [])]
        return cls(**data)


def citation_id(symbol: str, label: str) -> str:
    """The one identifier of a paragraph everywhere: index ids, eval output, UI anchors."""
    return f"{symbol}:{label}"


def split_citation_id(cid: str) -> tuple[str, str]:
    symbol, _, label = cid.rpartition(":")
    return symbol, label
