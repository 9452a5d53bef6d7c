"""Typing slips in English questions ('duplicaton', 'safegaurds'): a long word the documents never use, one slip
away from exactly one word they use (or a form of one: 'protectng'), is read as that word. Short words and slips
at a word's end or start are left alone: 'stated' is no misspelling of 'states', nor 'created' of 'greater' (a
word that is no slip is often one letter from theirs; people seldom mistype a word's first letter). An acronym
with two letters swapped ('NTP') is the one it swaps to."""

from __future__ import annotations

import re
from collections.abc import Iterable

from index.glossary import stem

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_WORD = re.compile(r"[A-Za-z]{7,}")
_ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z]{3,}(?![A-Za-z])")


def _one_slip_away(word: str) -> set[str]:
    """Every string one deletion, transposition, replacement or insertion away, the first and last letters kept
    (but for the last two swapped: 'footnotse')."""
    splits = [(word[:i], word[i:]) for i in range(1, len(word))]  # no split before the first letter or after the last
    deletes = {a + b[1:] for a, b in splits if len(b) > 1}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}  # the last two too ('footnotse')
    replaces = {a + c + b[1:] for a, b in splits if len(b) > 1 for c in _LETTERS}
    inserts = {a + c + b for a, b in splits if a for c in _LETTERS}
    return (deletes | transposes | replaces | inserts) - {word}


class Speller:
    """`texts`: the documents; `known`: other words that are no slips (the glossary's, the asking words)."""

    def __init__(self, texts: Iterable[str], known: Iterable[str] = ()) -> None:
        texts, known = list(texts), list(known)
        self.words = {w.lower() for text in texts for w in re.findall(r"[A-Za-z]+", text)}  # the documents' words
        self.known = self.words | {w.lower() for term in known for w in re.findall(r"[A-Za-z]+", term)}
        self.stems = {stem(w) for w in self.words}  # 'welcomes' is a form of their 'welcomed', not a slip
        self.acronyms = {a for term in [*texts, *known] for a in _ACRONYM.findall(term)}

    def corrected(self, question: str) -> str:
        """The question with each long word the documents do not use, and that is one slip from exactly one word
        they do use, spelled as they spell it."""

        def fix(match: re.Match[str]) -> str:
            word = match.group(0)
            lower = word.lower()
            if lower in self.known or word.isupper() or stem(lower) in self.stems | self.words:
                return word  # theirs, or a form of theirs ('briefings': their 'briefing')
            # a word of theirs, or a form of one ('protectng': 'protecting', where they write 'protect')
            candidates = {c for c in _one_slip_away(word.lower()) if c in self.known or stem(c) in self.words}
            if len({stem(c) for c in candidates}) != 1:
                return word  # no word, or several
            # forms of one word ('footnotse': 'footnotes' by a swap, 'footnote' by a deletion): the one as long
            return min(candidates, key=lambda c: (abs(len(c) - len(word)), c))

        def swap(match: re.Match[str]) -> str:  # 'NTP': two letters of a known acronym swapped ('NPT')
            word = match.group(0)
            if word in self.acronyms:
                return word
            swapped = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)} & self.acronyms
            return swapped.pop() if len(swapped) == 1 else word

        return _ACRONYM.sub(swap, _WORD.sub(fix, question))
