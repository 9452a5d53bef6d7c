"""Any UN document file to a `Document`: read it defensively, detect its language and layout, parse it."""

from __future__ import annotations

from pathlib import Path

from index.documents import Document
from index.errors import InputError
from index.loaders import Limits, load_text
from index.meta import with_meta_card
from index.parse_structured import parse_structured
from index.parse_un import looks_like_resolution, parse_resolution
from index.symbols import check_symbol
from index.text import has_cjk


def detect_language(text: str) -> str:
    sample = text[:20_000]
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    letters = sum(1 for ch in sample if ch.isalpha())
    return "zh" if letters and cjk / letters > 0.3 else "en"


def parse_document(text: str, lang: str, symbol: str | None = None, source: str = "") -> Document:
    """A GA resolution when it looks like one, else numbered paragraphs, articles or actions."""
    doc = parse_resolution(text, lang, source) if looks_like_resolution(text) else None
    if doc is None:
        return with_meta_card(parse_structured(text, lang, symbol, source))
    if symbol and symbol != doc.symbol:
        doc = _renamed(doc, symbol)
    return with_meta_card(doc)


def _renamed(doc: Document, symbol: str) -> Document:
    doc.symbol = symbol
    for paragraph in doc.paragraphs:
        paragraph.doc_symbol = symbol
    return doc


def load_document(
    path: Path, symbol: str | None = None, lang: str | None = None, limits: Limits | None = None
) -> Document:
    """Read and parse a user's file (PDF, DOCX, HTML or text); one clear InputError for anything unusable."""
    loaded = load_text(path, limits)
    if lang not in (None, "zh", "en"):
        raise InputError(f"Language must be zh or en, not {lang!r}.")
    language = lang or detect_language(loaded.text)
    if language == "zh" and not has_cjk(loaded.text):
        raise InputError(f"{path.name} has no Chinese text; add it with --lang en.")
    return parse_document(loaded.text, language, check_symbol(symbol) if symbol else None, source=str(path))
