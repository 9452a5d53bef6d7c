"""Query expansion with the corpus's terms: abbreviations (裁谈会, IAEA, NPT, GGE), paraphrases and English
renderings map to the Chinese term the documents use, so English questions reach the Chinese text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, KeysView
from functools import cache, lru_cache
from pathlib import Path

from index.corpus import SHIPPED_CORPUS
from index.text import has_cjk

# Regular English endings, so 'meets', 'encouraged' and 'sessions' need no entry of their own.
_INFLECTION = "(?:s|es|d|ed|ing)?"


class _Term:
    """One name of a glossary group and how it is found in a query. A Chinese name is a plain substring; a
    Latin-script one a whole-word pattern, compiled only when its words are all in the text (most queries use a
    few of the glossary's hundreds of names, and compiling them all would cost every start a tenth of a second)."""

    def __init__(self, term: str) -> None:
        self.term = term
        self.latin = bool(re.search(r"[A-Za-z]", term))
        self._ignore_case = self.latin
        if re.fullmatch(r"[A-Z]{2,6}s?", term):
            # acronyms: whole word, in capitals; one of three letters or more also as typed all in lower case ('gge',
            # 'npt'), which no word of two letters ('cd', 'un') may be taken for
            lower = len(term.rstrip("s")) >= 3
            either = f"(?:{re.escape(term)}|{re.escape(term.lower())})" if lower else re.escape(term)
            self._source, self._fold, self._ignore_case = rf"(?<![A-Za-z]){either}(?![A-Za-z])", lower, False
            self._needles: tuple[str, ...] = (term.lower() if lower else term,)
        elif self.latin:
            # a hyphen may be typed as a space or left out ('secretary general', 'non nuclear weapon states')
            words = r"[\s\-]+".join(
                r"[\s\-]?".join(map(re.escape, word.split("-"))) + _INFLECTION for word in term.split()
            )
            self._source, self._fold = rf"(?<![A-Za-z]){words}(?![A-Za-z])", True
            self._needles = tuple(piece.lower() for piece in re.split(r"[\s\-]+", term) if piece)
        else:
            self._source, self._fold, self._needles = "", False, (term,)
        self._pattern: re.Pattern[str] | None = None

    @property
    def weight(self) -> int:
        """Longer patterns are taken first, so 'nuclear weapons' is cut whole before 'nuclear'."""
        return len(self._source)

    def _may_occur(self, text: str, folded: str) -> bool:
        haystack = folded if self._fold else text
        return all(needle in haystack for needle in self._needles)

    def _compiled(self) -> re.Pattern[str]:
        if self._pattern is None:
            self._pattern = re.compile(self._source, re.IGNORECASE if self._ignore_case else 0)
        return self._pattern

    def search(self, text: str, folded: str) -> bool:
        """Whether the name occurs in `text` (`folded` is its lower case, computed once by the caller)."""
        if not self._may_occur(text, folded):
            return False
        return not self.latin or bool(self._compiled().search(text))

    def subn(self, replacement: str, text: str) -> tuple[str, int]:
        """Every occurrence of a Latin-script name replaced."""
        if not self._may_occur(text, text.lower()):
            return text, 0
        return self._compiled().subn(replacement, text)


def _outermost(text: str, terms: Iterable[str]) -> list[tuple[int, int, str]]:
    """Where each of `terms` occurs in `text` (start, end, term), except inside an occurrence of a longer one
    ('核查' in '核裁军核查', '核武器国家' in '非核武器国家')."""
    spans: list[tuple[int, int, str]] = []
    for term in sorted(terms, key=len, reverse=True):
        at = text.find(term)
        while at >= 0:
            if not any(s <= at and at + len(term) <= e for s, e, _ in spans):
                spans.append((at, at + len(term), term))
            at = text.find(term, at + 1)
    return spans


def _in_order(short: str, full: str) -> bool:
    """Every character of `short` is in `full`, in the same order (裁谈会 in 裁军谈判会议)."""
    rest = iter(full)
    return all(c in rest for c in short)


def longest_terms(terms: Iterable[str]) -> list[str]:
    """The terms that are not part of a longer one among them ('核武器国家', not its '国家'), in order, once each."""
    unique = list(dict.fromkeys(terms))
    return [t for t in unique if not any(t != longer and t in longer for longer in unique)]


def stem(word: str) -> str:
    """A word without its regular English ending ('experts', 'expert' -> 'expert'; 'decides', 'decide' ->
    'decid')."""
    lower = word.lower()
    return re.sub(r"(?:ing|ed|es|s|e)$", "", lower) if len(lower) > 4 else lower


def _heads(term: str) -> list[str]:
    """The head nouns of an English term: its last word, and the word before 'of' ('group of experts')."""
    words = term.split()
    heads = [words[-1]] + [words[i - 1] for i, w in enumerate(words) if w.lower() == "of" and i > 0]
    return [w for w in heads if len(w) >= 3 and w.isalpha()]


class Glossary:
    """`terms`: official names and terms of art (also glossed in English answers); `vocabulary`: the documents'
    general wording, for matching only; `absent`: words staff use that no text does, known in both languages so a
    question using one can be checked against a text in the other (never added to a query)."""

    def __init__(
        self, terms: list[list[str]], vocabulary: list[list[str]], absent: list[list[str]] | None = None
    ) -> None:
        groups = [*terms, *vocabulary, *(absent or [])]
        self._official = frozenset(group[0] for group in terms)
        # in the glossary's order: what is built by walking the terms is the same in every process (a frozenset's
        # order changes with the hash seed, and with it the order of the terms an answer names)
        self._terms = dict.fromkeys(term for group in groups for term in group).keys()
        # Chinese term -> its English rendering (the group's first Latin-script name), for glossing quotes.
        self._english = {
            group[0]: next(t for t in group if t.isascii())
            for group in terms
            if len(group[0]) >= 2 and not group[0].isascii() and any(t.isascii() for t in group)
        }
        self._groups = [[_Term(term) for term in group] for group in groups]
        # term -> every name of the groups it belongs to (a term may be in several)
        self._forms: dict[str, frozenset[str]] = {}
        for names in groups:
            for term in names:
                self._forms[term] = self._forms.get(term, frozenset()) | frozenset(names)
        # every name with its group's first name: what a query naming it refers to (not the words no text uses: a
        # query is never expanded with them)
        self._named = [
            (name, names[0].term) for names in self._groups[: len(terms) + len(vocabulary)] for name in names
        ]
        # one question asks for the same terms many times (reader, retrieval, verdict, composer)
        self._official_terms = lru_cache(maxsize=4096)(self._find_official_terms)
        # The head noun of a multi-word English term ('experts' in 'governmental experts') -> the group's Chinese
        # terms (a modifier names no thing of its own: 'set' of 'set up'; nor does a name's head: 'Agency' of the
        # International Atomic Energy Agency is no agency in general).
        self._word_groups: dict[str, set[str]] = {}
        for names in groups:
            chinese = {t for t in names if not t.isascii()}
            for term in names:
                if term.isascii() and " " in term and term.islower():  # a common noun, not a name
                    for word in _heads(term):
                        self._word_groups.setdefault(stem(word), set()).update(chinese)
        self._abbreviations = {
            short: group[0]
            for group in terms
            for short in group[1:]
            if has_cjk(group[0]) and has_cjk(short) and len(short) < len(group[0]) and _in_order(short, group[0])
        }
        self._chinese_names = [term for term in self._terms if has_cjk(term)]
        # Longest first, so 'nuclear weapons' is taken whole before 'nuclear'.
        self._latin = sorted((name for name, _ in self._named if name.latin), key=lambda name: -name.weight)

    @classmethod
    def from_file(cls, path: Path) -> Glossary:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["terms"], data["vocabulary"], data.get("absent", []))

    def terms(self) -> KeysView[str]:
        return self._terms

    def is_official(self, term: str) -> bool:
        """An official name or term of art (not the documents' general wording)."""
        return term in self._official

    def forms(self, term: str) -> frozenset[str]:
        """Every name of the groups `term` belongs to (the term itself when it is in none)."""
        return self._forms.get(term) or frozenset({term})

    def chinese_for_word(self, word: str) -> frozenset[str]:
        """The Chinese terms of the groups whose English names use this word ('experts' -> 政府专家小组 ...):
        how an English word is known in a Chinese text that renders it only inside a longer term."""
        return frozenset(self._word_groups.get(stem(word), ()))

    def unabbreviated(self, text: str) -> str:
        """The text with each Chinese abbreviation of an official name written in full ('一委' -> 第一委员会,
        '裁谈会' -> 裁军谈判会议): a short form whose characters are the full name's, in its order, is how a Chinese
        name is shortened; the texts and every word list know the full name. (One inside a name written out is
        left alone: the 一委 of 第一委员会.)"""
        spans = _outermost(text, [*self._abbreviations, *self._chinese_names])
        for start, end, short in sorted(spans, reverse=True):
            if short in self._abbreviations:
                text = text[:start] + self._abbreviations[short] + text[end:]
        return text

    def official_terms(self, query: str, vocabulary: bool = True) -> list[str]:
        """The documents' terms the query refers to under another name (not those it already spells out);
        without `vocabulary`, only official names and terms of art."""
        return list(self._official_terms(query, vocabulary))

    def _find_official_terms(self, query: str, vocabulary: bool) -> tuple[str, ...]:
        terms: list[str] = []
        folded = query.lower()
        for name, official in self._named:
            if not vocabulary and official not in self._official:
                continue
            if official not in query and official not in terms and name.search(query, folded):
                terms.append(official)
        return tuple(terms)

    def without_latin_terms(self, query: str) -> tuple[str, int]:
        """The query with every Latin-script term cut out, and how many were cut (each names a subject the
        Chinese text has). Chinese terms stay: they are words of their own to a segmenter that knows `terms()`."""
        count = 0
        for name in self._latin:
            query, n = name.subn(" ; ", query)  # a boundary: 'which countries sponsored' asks about countries
            count += n
        return query, count

    def english_names(self, text: str) -> list[tuple[str, str]]:
        """(Chinese term, English rendering) for the terms `text` uses, in order of first use; a term inside a
        longer one ('核查' in '核裁军核查') is left to the longer one."""
        spans = _outermost(text, self._english)
        ordered = dict.fromkeys(term for _, _, term in sorted(spans))
        return [(term, self._english[term]) for term in ordered]

    def renderings(self, query: str, lang: str) -> list[str]:
        """The query's terms as a text in `lang` words them ('设立' -> establish, set up ... for an English text):
        how a Chinese question reaches an English document's words, and an English one a Chinese text's."""
        english = lang == "en"
        out: list[str] = []
        folded = query.lower()
        inside = self._inside_longer(query)
        for group in self._groups:
            if any(
                name.term.isascii() != english and name.term not in inside and name.search(query, folded)
                for name in group
            ):
                out += [name.term for name in group if name.term.isascii() == english and name.term not in out]
        return out

    def _inside_longer(self, query: str) -> set[str]:
        """The Chinese names the query uses only inside a longer name ('核武器国家' in '非核武器国家'): they are
        not what it says."""
        used = {name.term for names in self._groups for name in names if not name.latin and name.term in query}
        return used - {term for _, _, term in _outermost(query, used)}

    def expand(self, query: str, vocabulary: bool = True) -> str:
        extra = self.official_terms(query, vocabulary)
        return f"{query} {' '.join(extra)}" if extra else query


@cache
def shipped_glossary() -> Glossary:
    return Glossary.from_file(SHIPPED_CORPUS / "glossary.json")
