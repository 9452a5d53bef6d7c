"""Citations are data: an id that exists in the index and a quote found verbatim in that paragraph."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.labels import display_label
from index.documents import Paragraph, split_citation_id
from index.text import strip_all_spaces


@dataclass(frozen=True)
class Citation:
    id: str  # "A/RES/71/67:OP7"
    label: str  # "OP7"
    display: str  # "执行部分第7段" / "operative paragraph 7"
    quote: str  # an exact span of the paragraph's text

    @property
    def symbol(self) -> str:
        return split_citation_id(self.id)[0]


@dataclass
class Answer:
    text: str
    citations: list[Citation]
    found: bool
    retrieved: list[str]
    backend: str
    lang: str
    warnings: list[str] = field(default_factory=list)
    dropped_citations: int = 0  # citations a language model made that failed verification
    reason: str = ""  # why the documents answer it or not (the verdict's reason)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def quote_is_verbatim(quote: str, paragraph_text: str) -> bool:
    """Whitespace-insensitive, otherwise exact: PDF extraction may differ in spaces, never in words."""
    needle = strip_all_spaces(quote)
    return bool(needle) and needle in strip_all_spaces(paragraph_text)


def make_citation(paragraph: Paragraph, quote: str, lang: str) -> Citation:
    return Citation(paragraph.id, paragraph.label, display_label(paragraph.label, lang), quote)


def verify(citations: list[Citation], paragraphs: dict[str, Paragraph]) -> tuple[list[Citation], list[str]]:
    """Keep the citations whose label exists and whose quote is in that paragraph; say why each other one went."""
    kept: list[Citation] = []
    problems: list[str] = []
    for citation in citations:
        paragraph = paragraphs.get(citation.id)
        if paragraph is None:
            problems.append(f"dropped {citation.id}: no such paragraph in the index")
        elif not quote_is_verbatim(citation.quote, paragraph.text):
            problems.append(f"dropped {citation.id}: the quoted text is not in that paragraph")
        elif citation not in kept:
            kept.append(citation)
    return kept, problems
