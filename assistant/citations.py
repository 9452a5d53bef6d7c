"""Citations are data: an id that exists in the index and a quote found verbatim in that paragraph."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
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
    quote_lang: str = ""  # the language of the text the quote is from (a label may be indexed in several)

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
    """`lang` is the language the label is displayed in; the quote is in the paragraph's (without the spaces a
    clause begins or ends with)."""
    return Citation(paragraph.id, paragraph.label, display_label(paragraph.label, lang), quote.strip(), paragraph.lang)


def verify(
    citations: list[Citation],
    paragraphs: Mapping[str, Paragraph],
    versions: Mapping[str, Mapping[str, Paragraph]] | None = None,
) -> tuple[list[Citation], list[str]]:
    """Keep the citations whose label exists and whose quote is in that paragraph, in any language it is indexed
    in (`versions`: id -> language -> text; the language the citation names is tried first); say why each other
    one went. A kept citation names the language its quote was found in."""
    kept: list[Citation] = []
    problems: list[str] = []
    for citation in citations:
        paragraph = paragraphs.get(citation.id)
        texts = (versions or {}).get(citation.id) or ({paragraph.lang: paragraph} if paragraph else {})
        order = sorted(texts, key=lambda lang: lang != citation.quote_lang)
        found = next((lang for lang in order if quote_is_verbatim(citation.quote, texts[lang].text)), None)
        if paragraph is None:
            problems.append(f"dropped {citation.id}: no such paragraph in the index")
        elif found is None:
            problems.append(f"dropped {citation.id}: the quoted text is not in that paragraph")
        elif (checked := replace(citation, quote_lang=found)) not in kept:
            kept.append(checked)
    return kept, problems
