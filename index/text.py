"""Text helpers shared by the parsers, the keyword index and the answerer: CJK-aware whitespace and tokens."""

from __future__ import annotations

import re
import unicodedata

# CJK punctuation, ideographs (extension A, unified, compatibility), full-width forms (，；：（）) and the curly
# quotes Chinese text uses: one character class, so a text is scanned by the regex engine, not character by character
_CJK = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2018-\u201f]")
_WS = re.compile(r"\s+")
CLAUSE_END = re.compile(r"[，；。：,;:]")  # the punctuation that ends a clause, in either language
CLAUSE_SPAN = re.compile(rf"[^{CLAUSE_END.pattern[1:-1]}]+")  # a clause: the text between two of those
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")  # a year in figures (2016), not part of a longer number
_CURLY_QUOTES = "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f"
# Whole terminal sequences first (CSI 'ESC[2J' and its one-byte form U+009B, OSC 'ESC]0;title BEL' up to its end,
# the line's end or 256 characters, two-byte ESC sequences), so no '[2J' is left in the text; then any other C0
# control but the layout ones (\t \n \f \r), DEL, C1 controls and bidi overrides.
_CONTROLS = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c\n]{0,256}(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]"
    r"|[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)
_NOT_PRINTABLE = re.compile("[\r\f\x0b]|[\ud800-\udfff]")
# a run of Chinese characters, or a word, symbol or number (what BM25 counts)
_KEYWORD_RUN = re.compile(r"([\u4e00-\u9fff\u3400-\u4dbf]+)|([A-Za-z0-9]+(?:[./\-][A-Za-z0-9]+)*)")
# English function words carry no subject; in a small corpus BM25's IDF does not silence them.
_EN_STOPWORDS = frozenset(
    """a an the of to in on for at by with from and or as is are was were be been being it its this that these
    those does do did has have had how what which who whom when where why will would shall should can could may
    might not no""".split()
)


def is_cjk(ch: str) -> bool:
    return _CJK.match(ch) is not None


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def strip_controls(text: str) -> str:
    """Text with its control characters removed (layout kept): an ESC in a document or a question is never
    stored, and so never reaches a terminal or a page as a command."""
    return _CONTROLS.sub("", text)


def terminal_text(text: str) -> str:
    """Text safe to print: no controls, no carriage returns that overwrite a line, and the undecodable bytes of
    a command line (surrogate escapes) as U+FFFD, which every terminal encoding can show."""
    return _NOT_PRINTABLE.sub(lambda m: "\ufffd" if m.group() >= "\ud800" else "", strip_controls(text))


def normalize_spaces(text: str) -> str:
    """Collapse whitespace: dropped next to CJK characters (PDF artefacts), one space between Latin words."""
    result = ""
    for part in _WS.split(unicodedata.normalize("NFC", text).strip()):
        result = join_pieces(result, part)
    return result


def join_pieces(left: str, right: str) -> str:
    """Join two cleaned fragments of one paragraph the way `normalize_spaces` would. Curly quotes count as
    Chinese only beside Chinese: 'entitled “Group' keeps its space, '题为 “全面' loses it."""
    if not left or not right:
        return left + right
    a, b = left.rstrip(_CURLY_QUOTES)[-1:], right.lstrip(_CURLY_QUOTES)[:1]
    cjk = (is_cjk(a) if a else False) or (is_cjk(b) if b else False)
    return left + ("" if cjk else " ") + right


def strip_all_spaces(text: str) -> str:
    return _WS.sub("", text)


def keyword_tokens(text: str) -> list[str]:
    """Tokens for BM25: character bigrams inside Chinese runs (the character itself for a run of one),
    lower-cased words/symbols/numbers elsewhere, so 'A/61/1028', '62/21' and '25' stay whole."""
    tokens: list[str] = []
    for match in _KEYWORD_RUN.finditer(text):
        run, word = match.groups()
        if run:
            tokens.extend([run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)])
        elif (token := word.lower()) not in _EN_STOPWORDS:
            tokens.append(token)
    return tokens


def uses_words(text: str, term: str) -> bool:
    """Whether an English text uses the words of `term` as words, in any case, in the singular or plural and across
    a broken line ('capacity- building'): 'men' is not in 'documents'."""
    lowered = text.lower()
    if strip_all_spaces(term.lower()) not in strip_all_spaces(lowered):
        return False  # most terms are not there at all: no pattern to build
    words = r"\s*".join(re.escape(w) for w in term.lower().split())
    return re.search(rf"(?<![a-z]){words}(?:s|es)?(?![a-z])", re.sub(r"-\s+", "-", lowered)) is not None
