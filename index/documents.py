"""The data model: a UN document, split into labelled, citable paragraphs, in one language or several."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
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
    """One UN document with curated metadata and its paragraphs in document order, in `lang` (as stored: its
    primary language).

    The same symbol in other languages is in `translations` (language -> that text, parsed on its own, without
    translations of its own). A label names the same paragraph in every language, so a citation id
    (`symbol:label`) names a paragraph, not a language: `read_in` gives the paragraphs to quote in a language,
    `text_in` the text as written in it."""

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
    translations: dict[str, Document] = field(default_factory=dict)

    @property
    def languages(self) -> list[str]:
        return [self.lang, *self.translations]

    def paragraph(self, label: str) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.label == label), None)

    def text_in(self, lang: str) -> Document | None:
        """The document as written in `lang` (None when it is not indexed in that language)."""
        return self._own_text() if lang == self.lang else self.translations.get(lang)

    def _own_text(self) -> Document:
        own = [p for p in self.paragraphs if p.lang == self.lang]  # a view from `read_in` holds other languages
        return self if len(own) == len(self.paragraphs) else replace(self, paragraphs=own)

    def read_in(self, lang: str) -> Document:
        """The document to quote in `lang`: every label of every language, in document order, each in `lang`
        where that text has it, else in this document's language, else in the translation that has it (a label
        only one language has stays answerable). In a language it is indexed in, the view is that text's, with
        the others as its translations; the relation to the main resolution stays the symbol's. Without
        translations, the document itself."""
        if not self.translations:
            return self
        chosen = self.translations.get(lang)
        texts = [t for t in (chosen, self, *self.translations.values()) if t is not None]
        paragraphs = []
        for order, label in enumerate(_aligned_labels([self, *self.translations.values()])):
            paragraph = next(p for t in texts if (p := t.paragraph(label)) is not None)
            paragraphs.append(paragraph if paragraph.order == order else replace(paragraph, order=order))
        if chosen is None:
            return replace(self, paragraphs=paragraphs)
        others = {self.lang: self._own_text(), **self.translations}
        del others[lang]
        return replace(chosen, paragraphs=paragraphs, relation=self.relation, translations=others)

    def footnote_carrier(self, footnote: Paragraph) -> Paragraph | None:
        """The paragraph whose text carries this footnote's marker."""
        number = int(footnote.label.removeprefix("FN"))
        return next((p for p in self.paragraphs if number in p.footnote_numbers), None)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["paragraphs"] = [p.to_dict() for p in self.paragraphs]
        data["translations"] = {lang: t.to_dict() for lang, t in self.translations.items()}
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        data = dict(data)
        data["paragraphs"] = [Paragraph.from_dict(p) for p in data.get("paragraphs", [])]
        data["translations"] = {lang: cls.from_dict(t) for lang, t in data.get("translations", {}).items()}
        return cls(**data)


def _aligned_labels(texts: list[Document]) -> list[str]:
    """The labels of all the texts in document order: the first text's, each label only a later one has placed
    right after the label it follows there."""
    order = [p.label for p in texts[0].paragraphs]
    for text in texts[1:]:
        labels = [p.label for p in text.paragraphs]
        for i, label in enumerate(labels):
            if label not in order:
                before = next((other for other in reversed(labels[:i]) if other in order), None)
                order.insert(order.index(before) + 1 if before else 0, label)
    return order


def citation_id(symbol: str, label: str) -> str:
    """The one identifier of a paragraph everywhere: index ids, eval output, UI anchors."""
    return f"{symbol}:{label}"


def split_citation_id(cid: str) -> tuple[str, str]:
    symbol, _, label = cid.rpartition(":")
    return symbol, label


def items_of(paragraphs: Mapping[str, Paragraph], pid: str) -> list[str]:
    """The ids of a paragraph's lettered or numbered items ('OP6(a)' … 'OP6(h)'), in order."""
    paragraph = paragraphs[pid]
    return [p.id for p in paragraphs.values() if p.parent == paragraph.label and p.doc_symbol == paragraph.doc_symbol]
