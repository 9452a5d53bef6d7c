"""Query expansion with the corpus's terms: abbreviations (裁谈会, IAEA, NPT, GGE), paraphrases and English
renderings map to the Chinese term the documents use, so English questions reach the Chinese text."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from index.corpus import SHIPPED_CORPUS

# Regular English endings, so 'meets', 'encouraged' and 'sessions' need no entry of their own.
_INFLECTION = "(?:s|es|d|ed|ing)?"


def _term_pattern(term: str) -> re.Pattern[str]:
    if re.fullmatch(r"[A-Z]{2,6}s?", term):  # acronyms: exact case, whole word
        return re.compile(rf"(?<![A-Za-z]){re.escape(term)}(?![A-Za-z])")
    if re.search(r"[A-Za-z]", term):
        words = r"\s+".join(re.escape(word) + _INFLECTION for word in term.split())
        return re.compile(rf"(?<![A-Za-z]){words}(?![A-Za-z])", re.IGNORECASE)
    return re.compile(re.escape(term))


class Glossary:
    def __init__(self, groups: list[list[str]]) -> None:
        self._patterns: list[tuple[re.Pattern[str], str]] = []
        self._terms = frozenset(term for group in groups for term in group)
        for group in groups:
            official = group[0]
            for term in group:
                self._patterns.append((_term_pattern(term), official))
        # Longest first, so 'nuclear weapons' is taken whole before 'nuclear'.
        self._latin = sorted(
            ((p, o) for p, o in self._patterns if re.search(r"[A-Za-z]", p.pattern)),
            key=lambda item: -len(item[0].pattern),
        )

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

    def without_latin_terms(self, query: str) -> tuple[str, int]:
        """The query with every Latin-script term cut out, and how many were cut (each names a subject the
        Chinese text has). Chinese terms stay: they are words of their own to a segmenter that knows `terms()`."""
        count = 0
        for pattern, _ in self._latin:
            query, n = pattern.subn(" ", query)
            count += n
        return query, count

    def expand(self, query: str) -> str:
        extra = self.official_terms(query)
        return f"{query} {' '.join(extra)}" if extra else query


@cache
def shipped_glossary() -> Glossary:
    return Glossary.from_file(SHIPPED_CORPUS / "glossary.json")
