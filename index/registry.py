"""The registry of cited documents: what the indexed documents cite (through footnotes and links), who cites
each one (paragraph and footnote labels), what kind of document it is, and whether its own text is indexed."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from index.corpus import SHIPPED_CORPUS
from index.documents import Document


@dataclass
class CitedDocument:
    symbol: str
    kind: str
    title_zh: str = ""
    title_en: str = ""
    cited_by: list[str] = field(default_factory=list)  # citation ids, footnotes first
    in_index: bool = False

    def title(self, lang: str) -> str:
        return (self.title_zh if lang == "zh" else self.title_en) or self.title_en or self.title_zh

    def cited_in(self, citing: str) -> list[str]:
        """The citation ids of one citing document (its footnotes first): two resolutions cite the same report
        by footnotes of different numbers."""
        return [c for c in self.cited_by if c.startswith(f"{citing}:")]


@cache
def _known(path: Path = SHIPPED_CORPUS / "cited.json") -> dict[str, dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))["documents"]


def known_documents() -> list[str]:
    """Every document the corpus knows something of, indexed or not."""
    return list(_known())


def short_name(symbol: str, lang: str) -> str:
    """The name a document is shown by: a short one where the symbol says little ('NPT' for its UNTS number)."""
    return str(_known().get(symbol, {}).get("short", {}).get(lang, symbol))


def aliases(symbol: str) -> list[str]:
    """The other names users call a document by ('NPT', '不扩散条约', 'the 2025 resolution')."""
    return list(_known().get(symbol, {}).get("aliases", []))


def defined_as(symbol: str) -> list[str]:
    """The short title a text uses for the document once it has named it in full ('《条约》', 'the Treaty')."""
    return list(_known().get(symbol, {}).get("defined_as", []))


def family(symbol: str, symbols: list[str]) -> list[str]:
    """The document and, of `symbols`, those filed under one of its names ('NPT/CONF.2010/50 (Vol. I)', the
    final document of an NPT review conference, rests on the NPT)."""
    names = set(aliases(symbol))
    return [symbol] + [s for s in symbols if s != symbol and s.split("/")[0] in names]


def kind_of(symbol: str) -> str:
    """A document's kind from the form of its symbol, where nothing better is known."""
    if re.search(r"/Corr\.\d+$", symbol):
        return "corrigendum"
    if re.search(r"/Add\.\d+$", symbol):
        return "addendum"
    if symbol.startswith("UNTS"):
        return "treaty"
    if "/RES/" in symbol:
        return "resolution"
    if re.match(r"NPT/CONF\.\d{4}/", symbol):
        return "final_document"
    return "document"


def short_forms(symbol: str) -> list[str]:
    """How a paragraph's text may name a symbol: 'A/RES/62/21' is written '第62/21号决议' or 'resolution 62/21'."""
    forms = [symbol.split(" (")[0]]
    if symbol.startswith("A/RES/"):
        forms.append(symbol.removeprefix("A/RES/"))
    return forms


def build_registry(documents: list[Document]) -> list[CitedDocument]:
    """Every cited symbol once, in order of first citation; links count when a paragraph names the symbol."""
    indexed = {d.symbol for d in documents}
    entries: dict[str, CitedDocument] = {}

    def entry(symbol: str) -> CitedDocument:
        if symbol not in entries:
            known = _known().get(symbol, {})
            entries[symbol] = CitedDocument(
                symbol,
                known.get("kind") or kind_of(symbol),
                known.get("zh", ""),
                known.get("en", ""),
                in_index=symbol in indexed,
            )
        return entries[symbol]

    for doc in documents:
        footnotes = [p for p in doc.paragraphs if p.kind == "footnote"]
        for footnote in footnotes:
            carrier = doc.footnote_carrier(footnote)
            for symbol in footnote.cites:
                cited = entry(symbol)
                cited.cited_by += [
                    pid for pid in (footnote.id, carrier.id if carrier else None) if pid and pid not in cited.cited_by
                ]
        for symbol in doc.links:
            cited = entry(symbol)
            for p in doc.paragraphs:
                names_it = p.kind != "footnote" and any(form in p.text for form in short_forms(symbol))
                if names_it and p.id not in cited.cited_by:
                    cited.cited_by.append(p.id)
    return list(entries.values())
