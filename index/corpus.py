"""The shipped corpus: a manifest of document files with curated metadata the text extraction lost."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.documents import Document
from index.errors import InputError
from index.meta import with_meta_card
from index.translations import joined

SHIPPED_CORPUS = Path(__file__).parent / "corpus"
_CURATED_FIELDS = ("title", "adopted", "meeting", "committee", "committee_report", "agenda_item")


@dataclass
class CorpusEntry:
    """One line of a corpus manifest: where the text is and what is known about it besides the text."""

    file: Path
    symbol: str
    lang: str
    kind: str
    source: str = ""
    curated: dict[str, str] = field(default_factory=dict)
    authority: str = ""  # "official_un" | "treaty_series" | "" (a user's document: no known authority)
    relation: str = "user"  # to the main resolution: "main" | "later" | "cited" | "user" (added by the user)
    provenance: str = ""  # source, licence and known damage of the text, shown where an answer rests on it


def read_manifest(directory: Path = SHIPPED_CORPUS) -> list[CorpusEntry]:
    path = directory / "manifest.json"
    try:
        raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return [
            CorpusEntry(
                directory / item["file"],
                item["symbol"],
                item["lang"],
                item["kind"],
                item.get("source", ""),
                dict(item.get("curated", {})),
                item.get("authority", ""),
                item.get("relation", "user"),
                item.get("provenance", ""),
            )
            for item in raw["documents"]
        ]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(
            f"The corpus manifest {path} cannot be read ({exc}); a corpus directory needs a manifest.json."
        ) from exc


def load_entry(entry: CorpusEntry) -> Document:
    """Read and parse one manifest entry; text facts win, curated facts fill what the extraction lost (a
    missing fact, or one the extraction cut short: a title line cut after "…Experts on")."""
    from index.ingest import parse_document
    from index.loaders import load_text

    doc = parse_document(load_text(entry.file).text, entry.lang, entry.symbol, source=entry.source)
    for name in _CURATED_FIELDS:
        found, curated = getattr(doc, name), entry.curated.get(name, "")
        if curated and (not found or (curated != found and curated.startswith(found))):
            setattr(doc, name, curated)
    doc.authority, doc.relation, doc.provenance = entry.authority, entry.relation, entry.provenance
    return with_meta_card(doc)


def corpus_documents(directory: Path = SHIPPED_CORPUS) -> list[Document]:
    """Every document of a corpus directory (a `manifest.json` beside the files); the shipped one by default.
    A data card (kind "vote") joins the documents of its symbol, in each of their languages; the texts of one
    symbol are one document (the first listed is its primary language)."""
    entries = read_manifest(directory)
    documents = [load_entry(entry) for entry in entries if entry.kind != "vote"]
    for entry in entries:
        if entry.kind == "vote":
            _attach_vote(entry, documents)
    return joined(documents)


def _attach_vote(entry: CorpusEntry, documents: list[Document]) -> None:
    from index.vote import read_votes, vote_card

    record = read_votes(entry.file)
    for doc in documents:
        if doc.symbol == entry.symbol:
            source = entry.curated.get(f"source_{doc.lang}", entry.provenance)
            order = max((p.order for p in doc.paragraphs), default=0) + 1
            card = vote_card(record, doc.symbol, doc.lang, order, entry.curated.get("date", ""), source)
            doc.paragraphs = [p for p in doc.paragraphs if p.label != card.label] + [card]


def shipped_documents() -> list[Document]:
    return corpus_documents(SHIPPED_CORPUS)
