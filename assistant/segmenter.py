"""Chinese word segmentation over jieba's dictionary without loading it.

jieba builds a dict of its 349,000 words and all their prefixes on first use: 0.7 s of a 2 s cold `ndv ask`.
This module compiles jieba's `dict.txt` once into a sorted file in the cache directory and searches it in place
(read as bytes, binary search), with the same maximum-probability route as jieba's `cut(HMM=False)` — the same
words, measured on every question set — and the part of speech of each word from the same file.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import math
import re
import threading
from array import array
from collections.abc import Iterable, Iterator
from pathlib import Path

from assistant.disk_cache import keep_json, read_json, write_atomically

# jieba's own block and skip patterns: runs it segments, and what separates them.
_HAN = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&._%\\-]+)")
_SKIP = re.compile(r"(\r\n|\s)")
_ENG = re.compile("[a-zA-Z0-9]")
_FORMAT = b"ndv-lexicon 1\n"
_CACHE_LIMIT = 200_000


def jieba_dictionary() -> Path:
    """jieba's dictionary file, found without importing jieba (whose import alone takes 0.1 s)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba is not installed; reinstall the project (pip install -e .).")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


def compile_lexicon(source: Path) -> tuple[bytes, bytes]:
    """`source` (jieba format: 'word freq [tag]' per line) as lines sorted by their UTF-8 bytes, preceded by the
    total frequency; and the lines' offsets."""
    entries: dict[bytes, bytes] = {}
    total = 0
    for raw in source.read_bytes().splitlines():
        fields = raw.split()
        if len(fields) < 2:
            continue
        total += int(fields[1])
        entries[fields[0]] = b" ".join(fields[:3])  # a later line for the same word wins, as in jieba
    body = bytearray(_FORMAT + str(total).encode() + b"\n")
    offsets = array("I")
    for word in sorted(entries):
        offsets.append(len(body))
        body += entries[word] + b"\n"
    return bytes(body), offsets.tobytes()


def _save(target: Path, data: bytes, offsets: bytes) -> None:
    """The index first, then the lexicon: a reader never sees a lexicon without its index."""
    write_atomically(target.with_suffix(".idx"), offsets)
    write_atomically(target, data)


class Lexicon:
    """A compiled dictionary, searched as it lies, plus the words added in this process (glossary terms)."""

    def __init__(self, data: bytes, offsets: bytes) -> None:
        if data[: len(_FORMAT)] != _FORMAT:
            raise ValueError("not a compiled lexicon")
        self._data = data
        self.total = int(data[len(_FORMAT) : data.find(b"\n", len(_FORMAT))])
        self._offsets = array("I")
        self._offsets.frombytes(offsets)
        if not self._offsets or self._offsets[-1] >= len(data):
            raise ValueError("a compiled lexicon and its index that do not match")
        self._added: dict[str, int] = {}
        self._added_prefixes: set[str] = set()
        self._cache: dict[str, tuple[int, str] | None] = {}  # word -> (freq, tag); None: a prefix only
        self._lock = threading.Lock()

    def _line(self, i: int) -> bytes:
        start = self._offsets[i]
        return self._data[start : self._data.find(b"\n", start)]

    def _key(self, i: int) -> bytes:
        line = self._line(i)
        return line[: line.find(b" ")]

    def _find(self, word: str) -> tuple[bool, tuple[int, str] | None]:
        """(whether some word starts with `word`, its (freq, tag) if it is a word itself)."""
        key = word.encode("utf-8")
        lo, hi = 0, len(self._offsets)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._key(mid) < key:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(self._offsets) or not self._key(lo).startswith(key):
            return False, None
        fields = self._line(lo).decode("utf-8").split()
        if fields[0] != word:
            return True, None
        return True, (int(fields[1]), fields[2] if len(fields) > 2 else "")

    def _entry(self, word: str) -> tuple[bool, int]:
        """(a word or a prefix of one, its frequency: 0 for a prefix only)."""
        if word in self._added:
            return True, self._added[word]
        entry = self._dictionary_entry(word)
        if entry is None:
            return word in self._added_prefixes, 0
        return True, entry[0]

    def _dictionary_entry(self, word: str) -> tuple[int, str] | None:
        """The dictionary's (frequency, tag) of a word or a prefix of one ((0, '') for a prefix only); None when it
        has neither."""
        with self._lock:
            if word not in self._cache:
                if len(self._cache) > _CACHE_LIMIT:  # a long-running server asks about many words
                    self._cache.clear()
                known, entry = self._find(word)
                self._cache[word] = entry if entry else ((0, "") if known else None)
            return self._cache[word]

    def freq(self, word: str) -> int:
        return self._entry(word)[1]

    def tag(self, word: str) -> str:
        """The word's part of speech in the dictionary ('n' for 基金, 'v' for 召开; an added word keeps the one the
        dictionary gives it: 任期), '' if it has none."""
        entry = self._dictionary_entry(word)
        return entry[1] if entry else ""

    def add_word(self, word: str) -> None:
        """Add a word the way jieba's `add_word(word)` does: frequent enough to be cut out whole."""
        ftotal = float(self.total)
        freq = 1.0
        for part in self.cut(word):
            freq *= (self.freq(part) or 1) / ftotal
        self._register(word, max(int(freq * self.total) + 1, self.freq(word) or 1))

    def _register(self, word: str, frequency: int) -> None:
        self._added[word] = frequency
        self.total += frequency
        self._added_prefixes.update(word[: i + 1] for i in range(len(word)))

    def add_words(self, words: Iterable[str], cache_dir: Path) -> None:
        """Each word added as `add_word` adds it, in order. What that adds is computed once per list of words and
        lexicon, and kept in `cache_dir`: computing it costs a twentieth of a second of every cold start."""
        listed = list(dict.fromkeys(words))
        digest = hashlib.sha256("\n".join([str(self.total), *listed]).encode("utf-8")).hexdigest()[:16]
        target = cache_dir / f"added-{digest}.json"
        saved = read_json(
            target,
            lambda kept: isinstance(kept, dict) and list(kept) == listed and all(type(v) is int for v in kept.values()),
        )
        if saved is None:
            for word in listed:
                self.add_word(word)
            keep_json(target, {word: self._added[word] for word in listed})
            return
        for word, frequency in saved.items():
            self._register(word, frequency)

    def _route(self, sentence: str) -> list[int]:
        """For each position, where the best word starting there ends (jieba's `get_DAG` + `calc`)."""
        n = len(sentence)
        dag: list[list[int]] = []
        for k in range(n):
            ends: list[int] = []
            i = k
            while i < n:
                known, freq = self._entry(sentence[k : i + 1])
                if not known:
                    break
                if freq:
                    ends.append(i)
                i += 1
            dag.append(ends or [k])
        log_total = math.log(self.total)
        best: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
        for idx in range(n - 1, -1, -1):
            best[idx] = max(
                (math.log(self.freq(sentence[idx : x + 1]) or 1) - log_total + best[x + 1][0], x) for x in dag[idx]
            )
        return [end for _, end in best[:n]]

    def _cut_block(self, block: str) -> Iterator[str]:
        route = self._route(block)
        x, buffer = 0, ""
        while x < len(block):
            y = route[x] + 1
            word = block[x:y]
            if len(word) == 1 and _ENG.match(word):
                buffer += word
            else:
                if buffer:
                    yield buffer
                    buffer = ""
                yield word
            x = y
        if buffer:
            yield buffer

    def cut(self, sentence: str) -> Iterator[str]:
        """Dictionary words in order, as jieba's `cut(sentence, HMM=False)`."""
        for block in _HAN.split(sentence):
            if not block:
                continue
            if _HAN.match(block):
                yield from self._cut_block(block)
                continue
            for piece in _SKIP.split(block):
                if _SKIP.match(piece):
                    yield piece
                else:
                    yield from piece

    def cut_for_search(self, sentence: str) -> Iterator[str]:
        """The words and the dictionary words of two and three characters inside them, as jieba's
        `cut_for_search(sentence, HMM=False)`."""
        for word in self.cut(sentence):
            for size in (2, 3):
                if len(word) > size:
                    grams = (word[i : i + size] for i in range(len(word) - size + 1))
                    yield from (gram for gram in grams if self.freq(gram))
            yield word


def open_lexicon(cache_dir: Path) -> Lexicon:
    """The compiled jieba dictionary in `cache_dir`; compiled and saved there first if it is missing or damaged
    (read, not mapped: a file replaced under a mapping would crash). A disk that cannot take it (full, read-only)
    costs the compilation on every start, never an answer."""
    source = jieba_dictionary()
    target = cache_dir / f"jieba-{source.stat().st_size}.lexicon"
    try:
        return Lexicon(target.read_bytes(), target.with_suffix(".idx").read_bytes())
    except (OSError, ValueError):
        pass
    data, offsets = compile_lexicon(source)
    with contextlib.suppress(OSError):
        _save(target, data, offsets)
    return Lexicon(data, offsets)
