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
    """`terms`: official names and terms of art (also glossed in English answers); `vocabulary`: the documents'
    general wording, for matching only."""

    def __init__(self, terms: list[list[str]], vocabulary: list[list[str]]) -> None:
        groups = [*terms, *vocabulary]
        self._patterns: list[tuple[re.Pattern[str], str]] = []
        self._official = frozenset(group[0] for group in terms)
        self._terms = frozenset(term for group in groups for term in group)
        # Chinese term -> its English rendering (the group's first Latin-script name), for glossing quotes.
        self._english = {
            group[0]: next(t for t in group if t.isascii())
            for group in terms
            if len(group[0]) >= 2 and not group[0].isascii() and any(t.isascii() for t in group)
        }
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
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["terms"], data["vocabulary"])

    def terms(self) -> frozenset[str]:
        return self._terms

    def official_terms(self, query: str, vocabulary: bool = True) -> list[str]:
        """The documents' terms the query refers to under another name (not those it already spells out);
        without `vocabulary`, only official names and terms of art."""
        terms: list[str] = []
        for pattern, official in self._patterns:
            if not vocabulary and official not in self._official:
                continue
            if official not in query and official not in terms and pattern.search(query):
                terms.append(official)
        return terms

    def without_latin_terms(self, query: str) -> tuple[str, int]:
        """The query with every Latin-script term cut out, and how many were cut (each names a subject the
        Chinese text has). Chinese terms stay: they are words of their own to a segmenter that knows `terms()`."""
        count = 0
        for pattern, _ in self._latin:
            query, n = pattern.subn(" ; ", query)  # a boundary: 'which countries sponsored' asks about countries
            count += n
        return query, count

    def english_names(self, text: str) -> list[tuple[str, str]]:
        """(Chinese term, English rendering) for the terms `text` uses, in order of first use; a term inside a
        longer one ('核查' in '核裁军核查') is left to the longer one."""
        spans: list[tuple[int, int, str]] = []
        for term in sorted(self._english, key=len, reverse=True):
            for match in re.finditer(re.escape(term), text):
                if not any(s <= match.start() and match.end() <= e for s, e, _ in spans):
                    spans.append((match.start(), match.end(), term))
        ordered = dict.fromkeys(term for _, _, term in sorted(spans))
        return [(term, self._english[term]) for term in ordered]

    def expand(self, query: str, vocabulary: bool = True) -> str:
        extra = self.official_terms(query, vocabulary)
        return f"{query} {' '.join(extra)}" if extra else query


@cache
def shipped_glossary() -> Glossary:
    return Glossary.from_file(SHIPPED_CORPUS / "glossary.json")
