"""Query expansion with the corpus's official terms: abbreviations (裁谈会, IAEA, NPT, GGE) and English names
map to the official Chinese term the documents use."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from index.corpus import SHIPPED_CORPUS


class Glossary:
    def __init__(self, groups: list[list[str]]) -> None:
        self._patterns: list[tuple[re.Pattern[str], str]] = []
        self._terms = frozenset(term for group in groups for term in group)
        for group in groups:
            official = group[0]
            for term in group:
                if re.fullmatch(r"[A-Z]{2,6}", term):  # acronyms: exact case, whole word
                    pattern = re.compile(rf"(?<![A-Za-z]){re.escape(term)}(?![A-Za-z])")
                elif re.search(r"[A-Za-z]", term):
                    pattern = re.compile(rf"(?<![A-Za-z]){re.escape(term)}(?![A-Za-z])", re.IGNORECASE)
                else:
                    pattern = re.compile(re.escape(term))
                self._patterns.append((pattern, official))

    @classmethod
    def from_file(cls, path: Path) -> Glossary:
        return cls(json.loads(path.read_text(encoding="utf-8"))["groups"])

    def terms(self) -> frozenset[str]:
        return self._terms

    def official_terms(self, query: str) -> list[str]:
        """Official terms the query refers to under another name (not those it already spells out)."""
        terms: list[str] = []
        for pattern, official in self._patterns:
            if official not in query and official not in terms and pattern.search(query):
                terms.append(official)
        return terms

    def without_terms(self, query: str) -> tuple[str, int]:
        """The query with every glossary term cut out, and how many terms were cut (each names a known subject)."""
        count = 0
        for pattern, _ in sorted(self._patterns, key=lambda item: -len(item[0].pattern)):
            query, n = pattern.subn(" ", query)
            count += n
        return query, count

    def expand(self, query: str) -> str:
        extra = self.official_terms(query)
        return f"{query} {' '.join(extra)}" if extra else query


@cache
def shipped_glossary() -> Glossary:
    return Glossary.from_file(SHIPPED_CORPUS / "glossary.json")
