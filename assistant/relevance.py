"""Which of a question's words the documents use: the vocabulary the verdict (`verdict.py`) decides `found` with.

Dense similarities of multilingual-e5 sit in a narrow band (0.85-0.93) for answerable and unanswerable questions
alike, so they cannot decide it. What separates them is vocabulary: a question about sanctions, budgets or a 2020
conference asks about things whose words and numbers the documents never use. This module reads that:
- numbers of two or more digits and document symbols the question has, and which of them the corpus holds;
- its content words (asking vocabulary and the kind of answer asked for left out: those come from the language
  packs), which of them occur nowhere in the corpus (nor in the glossary, which is how words of a language the
  corpus does not have are known), and which of those are nouns (things the documents never mention: 基金, 制裁);
- its subject, for the keyword search (asking words blanked out).
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from assistant.disk_cache import cached_json
from assistant.language import pack, place_translations, question_language, spelled, spelled_ordinal
from assistant.segmenter import Lexicon, open_lexicon
from index.glossary import Glossary, stem

# Numbers of two or more digits and document symbols.
# symbols, numbers; '2018/2019' is two years
SPECIFIC = re.compile(r"[A-Z]+/[A-Za-z0-9_./\-]+|(?:19|20)\d\d(?=/(?:19|20)\d\d\b)|\d+(?:/\d+)+|\d{2,}")
TITLE = re.compile(r"《[^《》]{2,60}》")


@cache
def _english_title() -> re.Pattern[str]:
    """An English treaty's name: capitalized words around the head the pack names ('Comprehensive Nuclear-Test-Ban
    Treaty', 'Treaty on the Prohibition of Nuclear Weapons')."""
    return re.compile(
        rf"(?:\b[A-Z][\w-]+\s+)*\b(?:{pack('en').document_head})\b"
        r"(?:\s+(?:on|of|for|banning)(?:\s+(?:the|of|on|and|in|[A-Z][\w-]+)\b)+)?"
    )


_EN_WORD = re.compile(r"[A-Za-z][A-Za-z\-]+")
# the endings of English adjectives ('earlier', 'previous', 'specific'): after 'which' they qualify the noun asked for
_EN_ADJECTIVE = re.compile(r"\w+(?:ier|ior|ous|ific|ive|ful|less|able|ible)")
_LATIN_RUN = re.compile(r"([A-Za-z0-9](?:[A-Za-z0-9]|[./\-](?=[A-Za-z0-9]))*)")
_EN_PACK = pack("en")
_ZH_PACK = pack("zh")
_ZH, _EN = _ZH_PACK.vocabulary, _EN_PACK.vocabulary  # asking words, answer kinds, interrogatives (data)


def _hyphened(tokens: list[str]) -> list[str]:
    """The segmenter's tokens with English words joined back across their hyphens ('follow', '-', 'up' ->
    'follow-up'): the word the text must use, not 'follow' of 'the following objectives'."""
    out: list[str] = []
    for token in tokens:
        joins = len(out) >= 2 and out[-1] == "-" and out[-2][-1:].isalnum() and token[:1].isalnum()
        if joins and out[-2].isascii() and token.isascii():
            out[-2:] = [f"{out[-2]}-{token}"]
        else:
            out.append(token)
    return out


@dataclass
class Vocabulary:
    """A question's content words, those the corpus never uses, and how many glossary terms it names."""

    words: list[str]
    absent: list[str]
    glossary_terms: int
    absent_names: list[str]  # absent nouns: things (基金, 制裁, 朝鲜, Asia), not ways of asking (召开, 希望)
    absent_places: list[str]  # those of them that are place names (纽约, Asia): another value of a place the text names
    absent_bodies: list[str] = field(default_factory=list)  # those that name an organization (安理会)
    unchecked: list[str] = field(default_factory=list)  # Chinese words an English text cannot be checked for
    # the things an interrogative asks for that the text never names ('which room', '哪几种工作语言'): the kind of
    # answer, which only an answer type can check the text for
    asked_absent: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # the place names it uses that the text uses too (日内瓦)
    # its verbs of one character (签, 开), which a Chinese text holds inside too many words to be evidence
    short_verbs: list[str] = field(default_factory=list)


def _asked_object(text: str, word: str) -> bool:
    """Whether the word is the object of the question's one verb ('the chair' in 'who picks the chair tho'): the
    thing asked about, not a word that qualifies one ('a criterion for picking the experts')."""
    asked = _EN_PACK.asked_object.match(text) if _EN_PACK.asked_object else None
    return asked is not None and asked.group(1).lower() == word.lower()


def _writable(directory: Path) -> str:
    """`directory` when it can be written (created if need be), else the system's temporary directory: a
    read-only data dir must still answer."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        if os.access(directory, os.W_OK):
            return str(directory)
    except OSError:
        pass
    return tempfile.gettempdir()


def _names_map(kept: Any) -> bool:
    return isinstance(kept, dict) and bool(kept) and all(isinstance(v, str) for v in kept.values())


class _Segmenter:
    """The compiled lexicon with the glossary's terms added, and the names of places, opened on first use; one per
    process, shared by every view of the judge."""

    def __init__(self, glossary: Glossary, cache_dir: Path) -> None:
        self._glossary = glossary
        self._cache_dir = cache_dir
        self._lexicon: Lexicon | None = None
        self._places: dict[str, str] | None = None
        self._lock = threading.Lock()

    def places(self) -> dict[str, str]:
        """The Chinese names of states and regions -> their English names (CLDR), kept in the cache directory:
        reading them from CLDR costs a twentieth of a second of every cold start."""
        with self._lock:
            if self._places is None:
                from babel import __version__ as cldr_version

                path = Path(_writable(self._cache_dir)) / f"places-zh-en-{cldr_version}.json"
                self._places = cached_json(path, lambda: place_translations("zh", "en"), _names_map)
            return self._places

    @cached_property
    def english_places(self) -> frozenset[str]:
        """CLDR's English names of states and regions ('Asia', 'China'): an English word the glossary does not know
        is a place when it is one of them (read from the names kept for `places`, not from CLDR again)."""
        return frozenset(name for name in self.places().values() if name[:1].isupper())

    def lexicon(self) -> Lexicon:
        with self._lock:
            if self._lexicon is None:
                cache = Path(_writable(self._cache_dir))
                lexicon = open_lexicon(cache)
                lexicon.add_words((term for term in self._glossary.terms() if not term.isascii()), cache)
                self._lexicon = lexicon
            return self._lexicon


class RelevanceJudge:
    """Judges a question's words against the texts of some documents: all indexed ones, or (`within`) the ones a
    question is about, so that the English of the treaty does not vouch for a question about the resolution."""

    def __init__(
        self,
        texts: dict[str, list[str]],
        glossary: Glossary,
        cache_dir: Path,
        segmenter: _Segmenter | None = None,
    ) -> None:
        self._texts = texts
        self._corpus = "\n".join(t for document in texts.values() for t in document)
        self._corpus_lower = self._corpus.lower()
        # an English text (a Chinese title in its record aside) cannot say whether it mentions a Chinese word the
        # glossary does not render
        self._has_chinese = any(question_language("".join(document)) == "zh" for document in texts.values())
        self._glossary = glossary
        self._cache_dir = cache_dir
        self._segmenter = segmenter or _Segmenter(glossary, cache_dir)
        self._views: dict[frozenset[str], RelevanceJudge] = {}

    @property
    def has_chinese(self) -> bool:
        """Whether a text it judges is in Chinese (an English one cannot show it lacks a Chinese word)."""
        return self._has_chinese

    def within(self, symbols: tuple[str, ...] | list[str]) -> RelevanceJudge:
        """The judge over these documents' texts only (itself when they are all it has)."""
        key = frozenset(s for s in symbols if s in self._texts)
        if not key or key == frozenset(self._texts):
            return self
        if key not in self._views:
            texts = {s: self._texts[s] for s in key}
            self._views[key] = RelevanceJudge(texts, self._glossary, self._cache_dir, self._segmenter)
        return self._views[key]

    def _lexicon(self) -> Lexicon:
        return self._segmenter.lexicon()

    def _tagged(self, text: str) -> list[str]:
        """Dictionary words; no HMM guessing, which glues particles to words ('中是', '投了')."""
        return list(self._lexicon().cut(text))

    def unknown_specifics(self, question: str) -> list[str]:
        """Numbers, symbols and titles (《…》, a capitalized treaty's name) of the question that the texts never
        contain (a title by none of the names the glossary knows either: 《禁止核武器条约》 is another treaty,
        《核不扩散条约》 the NPT)."""
        placeholders = {pack(code).templates["this_document"] for code in ("zh", "en")}  # the document named
        titles = [
            t
            for t in TITLE.findall(question)
            if t[1:-1].strip() not in placeholders
            and t[1:-1] not in self._corpus
            and t[1:-1] not in self._glossary.terms()
            and not self._glossary.official_terms(t[1:-1])
        ]
        titles += [  # 'the Treaty on the Prohibition of Nuclear Weapons': named as no text or glossary names it
            name
            for m in _english_title().finditer(question)
            if " " in (name := m.group(0).strip())
            and name.lower() not in self._corpus_lower
            and name not in self._glossary.terms()
            and not self._glossary.official_terms(name, vocabulary=False)
        ]
        return [s for s in SPECIFIC.findall(question) if not self._holds_specific(s)] + titles

    def _holds_specific(self, specific: str) -> bool:
        """Whether the texts hold a number or symbol: a number also in words ('25': 'Twenty-five years')."""
        if specific in self._corpus:
            return True
        if not specific.isdigit():
            return False
        forms = [
            f for code in ("en", "zh") for f in spelled(int(specific), code) + spelled_ordinal(int(specific), code)
        ]
        return any(form in self._corpus_lower for form in forms)  # '81st': 'eighty-first session'

    def known_specifics(self, question: str) -> list[str]:
        """Numbers, symbols and 《titles》 of the question that the corpus contains: the strongest evidence there
        is. (A title the corpus lacks is no evidence against: users spell titles in more ways than symbols.)"""
        return [s for s in SPECIFIC.findall(question) + TITLE.findall(question) if s in self._corpus]

    def _in_corpus(self, word: str, *, whole: bool = False) -> bool:
        """Whether the texts use the word (`whole`: a longer word counts as used through a part of it only when the
        rest of it follows close after, as coordination shares it)."""
        if word.isascii():
            # a word of the texts that starts with its stem ('resolutions' where a text says 'resolution'), not one
            # that only holds it ('funded' is not in 'fundamental', nor 'arm' in 'disarmament')
            used = re.search(rf"(?<![a-z]){re.escape(stem(word))}[a-z]{{0,5}}(?![a-z])", self._corpus_lower)
            return bool(used) or any(term in self._corpus for term in self._glossary.chinese_for_word(word))
        if word in self._corpus:
            return True
        if word in self._glossary.terms():  # known by another of its names, when these texts use one
            return any(self._uses(form) for form in self._glossary.forms(word))
        # A longer word whose own dictionary part is used ('学术界' -> '学术') names a subject the text has; as a
        # whole word, only with the rest of it close after, as coordination shares it ('学术和研究界')
        parts = [p for p in self._lexicon().cut_for_search(word) if len(p) >= 2 and p != word and p in self._corpus]
        if not whole:
            return bool(parts)
        return any(
            re.search(f"{re.escape(part)}.{{0,4}}{re.escape(word.split(part, 1)[1])}", self._corpus)
            for part in parts
            if word.startswith(part) and len(part) < len(word)
        )

    def names_term(self, term: str) -> bool:
        """Whether these texts use the glossary term by any of its names."""
        return any(self._uses(form) for form in self._glossary.forms(term))

    def _uses(self, name: str) -> bool:
        return name.lower() in self._corpus_lower if name.isascii() else name in self._corpus

    def _rendered(self, word: str) -> bool:
        """A glossary term with an English name: what an English text would call it is known."""
        return word in self._glossary.terms() and any(form.isascii() for form in self._glossary.forms(word))

    def _absent_place(self, word: str) -> bool:
        """A Chinese name of a state or region that an English text does not use in English (朝鲜: North Korea)."""
        english = self._segmenter.places().get(word)
        return english is not None and english.lower() not in self._corpus_lower

    def _content_words(self, text: str) -> tuple[list[str], set[str], list[str]]:
        """(content words in reading order, those an interrogative asks for: the word after it, and in Chinese the
        nouns of the phrase it opens: 哪些核查演练 asks for 核查 and 演练; its Chinese verbs of one character)."""
        words: list[str] = []
        short_verbs: list[str] = []
        asked_for: set[str] = set()
        after_interrogative = in_phrase = False
        modifier = ""  # an English asked-for word shaped like an adjective, until the word after it is read
        last_asked = ""  # the English word right after an interrogative, until the token after it is read
        lexicon = self._lexicon()
        for token in _hyphened(self._tagged(text)):
            token = token.strip()
            if not token:
                continue  # 'which bodies': the space does not end what the interrogative asks for
            if not re.search(r"\w", token):
                # 'which earlier GA resolutions', 'which new agenda item': it qualified a glossary term, taken out
                # before (leaving ' ; ')
                if modifier or token == ";" and last_asked:
                    asked_for.discard(modifier or last_asked)
                after_interrogative, modifier, last_asked = False, "", ""
                continue
            if token.isascii():
                for word in _EN_WORD.findall(token):
                    lower = word.lower()
                    if lower in _EN.asking or len(word) <= 2 or lower in pack("en").cardinals:  # 'four': a value
                        after_interrogative, modifier = bool(_EN.interrogative.match(lower)), ""
                        continue
                    words.append(word)
                    if modifier:  # 'which earlier resolutions': the noun it qualifies is what is asked for
                        asked_for.discard(modifier)
                        asked_for.add(word)
                    elif after_interrogative:
                        asked_for.add(word)
                    modifier = word if after_interrogative and _EN_ADJECTIVE.fullmatch(lower) else ""
                    last_asked = word if after_interrogative else ""
                    after_interrogative = False
                continue
            modifier = last_asked = ""
            if _ZH.interrogative.match(token):
                after_interrogative = True
                continue
            if token in ("的", "样") or after_interrogative and re.fullmatch(r"[一两几]\w?", token):
                continue  # 什么样的措施, 哪一款: the noun still follows the interrogative (a classifier is no noun)
            noun = lexicon.tag(token).startswith("n") or lexicon.tag(token) == "vn"
            if len(token) == 1 and lexicon.tag(token) == "v" and token not in _ZH.asking:
                short_verbs.append(token)
            if len(token) >= 2 and token not in _ZH.asking:
                words.append(token)
                if after_interrogative or in_phrase and noun:
                    asked_for.add(token)
            in_phrase = (after_interrogative or in_phrase) and noun
            after_interrogative = False
        return words, asked_for, short_verbs

    def subject(self, question: str) -> str:
        """The question with its asking vocabulary blanked out, the rest in place: what a keyword search should
        look for. ('决议提到了哪些原则' -> '原则': '决议' would otherwise rank the shortest paragraph naming a
        resolution first, whatever was asked; '委员会的报告' stays one phrase.)"""
        pieces: list[str] = []
        for i, piece in enumerate(_LATIN_RUN.split(question)):
            if i % 2:  # a Latin word, number or symbol ('A/61/1028' stays whole)
                pieces.append(" " if piece.lower() in _EN.asking else f" {piece} ")
                continue
            for token in self._tagged(piece):
                asking = token in _ZH.asking or _ZH.interrogative.match(token)
                pieces.append(" " if asking else token)
        return " ".join("".join(pieces).split())

    def vocabulary(self, question: str) -> Vocabulary:
        rest, glossary_terms = self._glossary.without_latin_terms(question)
        words, after_interrogative, short_verbs = self._content_words(rest)
        # The word an interrogative asks for ('哪座城市', 'what penalties') names the kind of answer when the
        # text never uses it (it holds '日内瓦', not '城市'); when the text does use it, it is evidence.
        # (what an interrogative asks for is a kind of thing: '哪个会议室' asks for a room, which '会议' is not)
        present = {w: self._in_corpus(w, whole=w in after_interrogative) for w in words}
        # (a Chinese word the glossary renders in English is checked in an English text by its renderings: 任期,
        # 'term of office')
        checkable = {w: w.isascii() or self._has_chinese or self._absent_place(w) or self._rendered(w) for w in words}
        words = [w for w in words if w.lower() not in _EN.answer_kinds and w not in _ZH.answer_kinds]
        asked_absent = [w for w in words if w in after_interrogative and not present[w] and checkable[w]]
        words = [w for w in words if w not in after_interrogative or present[w]]
        absent = [w for w in words if not present[w] and checkable[w]]
        unchecked = [w for w in words if not present[w] and not checkable[w]]
        lexicon = self._lexicon()
        # (a name of a locality word and a verb is those two words, unless said as where: '议程里加分项' adds to the
        # agenda, '在里加开会' meets in Riga)
        at_place = _ZH_PACK.at_place
        nouns = [
            w
            for w in absent
            if not w.isascii()
            and lexicon.tag(w).startswith("n")
            and not (
                len(w) == 2
                and lexicon.tag(w[0]) == "f"
                and lexicon.tag(w[1]).startswith("v")
                and not (at_place and at_place.search(question[: question.find(w)]))
            )
        ]
        places = [w for w in nouns if lexicon.tag(w) == "ns"] + [
            w for w in absent if w in self._segmenter.english_places
        ]
        # in an English text, the thing asked about, a word it never uses ('who picks the chair')
        things = [] if self._has_chinese else [w for w in absent if w.isascii() and _asked_object(question, w)]
        absent_names = nouns + things + [w for w in places if w.isascii() and w not in things]
        named_places = [
            w
            for w in words
            if w not in absent and (lexicon.tag(w) == "ns" if not w.isascii() else w in self._segmenter.english_places)
        ]
        # a place the glossary knows, named in English ('Geneva' -> 日内瓦) or as its first name is ('Vienna')
        folded = question.lower()
        glossed = [*self._glossary.official_terms(question), *(t for t in self._glossary.terms() if t.isascii())]
        named_places += [
            t
            for t in dict.fromkeys(glossed)
            if (not t.isascii() or t.lower() in folded and re.search(rf"\b{re.escape(t.lower())}\b", folded))
            and any(lexicon.tag(f) == "ns" for f in self._glossary.forms(t) if not f.isascii())
        ]
        bodies = [w for w in nouns if lexicon.tag(w) == "nt"]
        return Vocabulary(
            words,
            absent,
            glossary_terms,
            absent_names,
            places,
            bodies,
            unchecked,
            asked_absent,
            named_places,
            short_verbs,
        )
