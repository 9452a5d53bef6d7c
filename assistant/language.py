"""Language packs: everything a language adds to reading questions and wording answers, as data
(`assistant/lang/<code>.json`): intent and answer-type patterns, parts of a document, ordinals and ranges, label
display forms, answer templates. Adding a language is one file; code never holds a language's word lists.

Answer-type `asks` patterns read questions in the pack's language; `shape` patterns read document text in it
(a Chinese question about an English document asks with zh patterns and finds its evidence with en shapes).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields
from functools import cache, cached_property
from importlib.resources import files
from typing import Any, cast

from index.glossary import stem
from index.numerals import ZH_NUMERAL, zh_number, zh_numeral


@cache
def _raw_pack(code: str) -> dict[str, Any]:
    return cast(
        "dict[str, Any]", json.loads(files("assistant").joinpath(f"lang/{code}.json").read_text(encoding="utf-8"))
    )


def _shipped_languages() -> tuple[str, ...]:
    """A language is one pack file (assistant/lang/<code>.json): those whose script tells a question apart first,
    the one a question is in otherwise (the pack with no script of its own) last."""
    codes = [
        p.name.removesuffix(".json") for p in files("assistant").joinpath("lang").iterdir() if p.name.endswith(".json")
    ]
    return tuple(sorted(codes, key=lambda code: (not _raw_pack(code).get("script"), code)))


LANGUAGES = _shipped_languages()
# Answer types whose shape is specific enough to tell paragraphs apart and to refuse on when absent; a request,
# a body or a purpose is stated in too many ways for that.
SPECIFIC_TYPES = frozenset(
    {
        "meeting",
        "day",
        "month",
        "year",
        "session",
        "time",
        "deadline",
        "money",
        "duration",
        "frequency",
        "place",
        "venue",
        "access",
        "names",
        "states",
        "bodies",
        "language",
        "symbol",
        "title",
        "article",
        "outcome",
        "number",
        "proportion",
        "vote",
        "definition",
    }
)
# Facts a list or a summary can be of, which the paragraphs on their topic rarely hold ('list the GGE's
# recommendations', 'list the experts' names'): still asked, so still checked (not a place: 'list every paragraph
# where …' asks for paragraphs).
FACTS_LISTED = frozenset({"request", "outcome", "names", "states", "money", "deadline"})
_NOT_STATES = {"UN", "EU", "EZ", "QO", "XA", "XB", "ZZ"}  # CLDR regions that are no state (联合国, 欧盟 ...)
_TERRITORIES = "@territories"  # a shape naming states: CLDR's territory names in that language (Babel)
_CARDINALS = "@cardinals"  # a shape's numbers in words: the pack's cardinals


@dataclass(frozen=True)
class AnswerType:
    name: str
    asks: re.Pattern[str]
    shape_source: str  # the pattern of a value of this type, '@territories' standing for the language's state names
    code: str  # the language it is written in
    card: str = ""  # the document's card that states facts of this kind, whatever the topic ('VOTE')

    @cached_property
    def shape(self) -> re.Pattern[str]:
        """A value of this type in a text. Compiled when first asked for: a question asks for one type at most,
        and the state names alone take a twentieth of a second to compile."""
        return _shape(self.shape_source, self.code)


@dataclass(frozen=True)
class Contrary:
    """A claim a yes-no question may make and the wording by which a text states the opposite."""

    asks: re.Pattern[str]
    states: re.Pattern[str]


@dataclass(frozen=True)
class AskingWords:
    """Words that ask rather than name a subject: interrogatives, references to the document, verbs of saying
    (`asking`), and nouns naming the kind of answer wanted ('城市', 'date') rather than the subject."""

    asking: frozenset[str]
    answer_kinds: frozenset[str]
    interrogative: re.Pattern[str]


@dataclass(frozen=True)
class LanguagePack:
    code: str
    intents: dict[str, re.Pattern[str]]
    parts: dict[str, re.Pattern[str]]
    counted_paragraphs: re.Pattern[str]  # '多少段', 'how many articles': a count of the text's own paragraphs
    whole_document: re.Pattern[str]
    ordinals: dict[str, int]  # 'third' -> 3; from the end: 'last' -> -1, 'penultimate' -> -2
    ranges: list[re.Pattern[str]]
    range_joiner: re.Pattern[str] | None  # the words between two labels that make them a range ('到', 'through')
    negations: re.Pattern[str]
    # 'must', 必须, 固定 in a yes-no question against 'should seek to', 最多 in its evidence: the text asks less
    strict_asks: re.Pattern[str] | None
    soft_evidence: re.Pattern[str] | None
    # what a yes-no question may assert ('do the experts represent their governments') and the wording by which a
    # text states its contrary ('in their personal capacity'), by the name of the contrast, which both packs share
    contraries: dict[str, Contrary]
    answer_types: list[AnswerType]  # in the order they are tried: the more specific first
    display: dict[str, str]
    follow_up: dict[str, re.Pattern[str]]  # 'marker' of a follow-up; a neighbour 'before' / 'after' the last one
    elliptical: re.Pattern[str] | None  # a follow-up that names only what to ask the last question of ('那80/53呢')
    # a follow-up asking for another than the one just given ('anyone else?', '还有谁'): not that one again
    asks_other: re.Pattern[str] | None
    # a sentence before the question that says who asks or what for ('For a briefing tomorrow:', 'NGO researcher
    # here:', '做IAEA研究的：'): no topic of the question
    frames: re.Pattern[str] | None
    points_to_asker: re.Pattern[str] | None  # a question pointing back at the asker a frame names ('our needs')
    # a sentence that only asks whether the one before it is so ('… created a 21-member group. Right?', '…。对吗？')
    tag_question: re.Pattern[str] | None
    # a place asked about as where something is held, its name in group 1 ('是在纽约开会吗': 纽约)
    place_asked: re.Pattern[str] | None
    # the end of a period a question on a time asks for ('when does it first meet', '什么时候开始'): which date of
    # those the text gives, no topic of its own
    period_end: re.Pattern[str] | None
    # the words before a question put through someone else ("The ambassador's office asks whether …"): who asks
    reported_question: re.Pattern[str] | None
    says_about: re.Pattern[str] | None  # what a text says on a topic ('what does 80/53 say about training'): a brief
    # what may close a sentence after an instruction ('…总结下', '…summarize pls'): the instruction is on all before it
    instruction_end: re.Pattern[str] | None
    # a comparison ('71/67 vs 80/53', '两份决议…有啥变化'): of documents asked together, each one's paragraphs on it
    compares: re.Pattern[str] | None
    document_speaks: str  # a document as the one that mentions ('where does {name} mention'), '' when unknown
    document_head: str  # the words a treaty's name ends in ('条约', 'Treaty'): a term before one is in a name
    defines: re.Pattern[str] | None  # the words right before a term where a text defines it ('designated the')
    names_list: re.Pattern[str] | None  # names listed in a row ('English, Russian, French, Spanish and Chinese')
    label_patterns: list[tuple[str | None, re.Pattern[str]]]  # how labels are spelled: (kind or None, pattern)
    item_pattern: re.Pattern[str] | None  # a lettered item named apart from its paragraph ('(d)项', 'item (d)')
    # an item named by its place in a list ('the second one', '第三个'): of the list the last answer gave
    item_ordinal: re.Pattern[str] | None
    item_range: re.Pattern[str] | None  # lettered items written as a range ('(a) to (d)', '(a)到(h)')
    # a numbered paragraph of an article named apart from it ('第三款' after a question on article IX)
    article_part: re.Pattern[str] | None
    # several labels of one kind named by one word ('articles I, II and VI', '第三、五和七段'): the numbers in group 1
    label_lists: list[tuple[str | None, re.Pattern[str]]]
    vocabulary: AskingWords
    templates: dict[str, str]
    reasons: dict[str, str]
    lead_verbs: dict[str, dict[str, str]]
    qualifiers: re.Pattern[str]  # words before a value that belong to it ('最多为' 25人, 'up to' 25)
    from_zh: dict[str, str]  # how the pieces of a Chinese value read in this language (units, qualifiers)
    abbreviations: dict[str, str]  # 'govts' -> 'governments': shorthand users type, in full
    # 'last year's' / 去年的 -> the year before today's, as `relative_written` writes a year ('{year}年')
    relative_years: dict[str, int]
    relative_written: str
    # a word typed for the asking word of the same sound ('都是那些国家的？': 哪些), read as that in a question that
    # has no asking word ('unless')
    slips: dict[str, str]
    slips_unless: re.Pattern[str] | None
    months: list[str]
    cardinals: dict[str, int]  # numbers in words ('forty' -> 40); Chinese numerals are read by index.numerals
    units: dict[str, re.Pattern[str]]  # a Chinese counting unit (人, 届) -> how a question in this language asks for it
    # 'which principles', '原则具体是哪几条': the things a question asks to be named one by one (the first group
    # that matched); a text that only refers to them ('the report … outlining general principles') does not answer
    items_asked: re.Pattern[str] | None
    lists_instances: re.Pattern[str] | None  # a text giving instances ('A, B and C', 'such as', 、, 比如)
    refers_back: re.Pattern[str] | None  # a sentence continuing the one before ('such agreements', 此种)
    script: re.Pattern[str] | None  # the characters a question in this language is told by (None: the default one)
    # a thing named before by the head of its name ('该小组', 'the Group'; group 'head')
    short_name: re.Pattern[str] | None
    # 'how often does it meet', '多久开一次会': a frequency of meetings, which a count of sessions over a period
    # states ('三届会议' in 2018 and 2019, 'four 2-week sessions … from January 2027 to September 2029')
    meeting_asked: re.Pattern[str] | None
    sessions_counted: re.Pattern[str] | None
    # a time counted from an event ('Five years after the entry into force'): the event, which it does not date
    counted_from: re.Pattern[str] | None
    topic_joiner: re.Pattern[str] | None  # 'gender + geographic balance', '性别和地域': a brief on each of several
    each_asks: re.Pattern[str] | None  # 'each', 'vs', 各, 分别: one value asked for each of several named
    per_kind: re.Pattern[str] | None  # '每个区域几个', 'per regional group': a count for each thing of a kind
    coordinated_values: re.Pattern[str] | None  # 'in Geneva and Vienna', '2018年和2019年': values named together
    asked_object: re.Pattern[str] | None  # 'who picks the chair': the one thing a question asks about (a group)
    one_named_before: re.Pattern[str] | None  # 'the second one', 后一个决议: a document by its place named
    at_place: re.Pattern[str] | None  # the words right before a place said as where something is ('在', 'in')
    # a list of things asked about one subject after a colon or a dash ('size, venue, sessions', '人数、地点、时间'),
    # and the kind of fact each names
    aspect_list: re.Pattern[str] | None
    aspects: dict[str, re.Pattern[str]]
    # what a comparison of the bodies documents set up covers when it lists nothing ('对比一下两份决议设的专家组'):
    # (kind of fact, the words asking it), as a list after a colon would
    body_brief: tuple[tuple[str, str], ...]
    total_asks: re.Pattern[str] | None  # 'in total', 总共: a number that adds up what the text counts
    # how a text states a count of things each of a length ('four 2-week sessions', 三届会议，每届为期5天): groups n, m
    # and unit (a word the language's `units` patterns know)
    products: list[re.Pattern[str]]
    plural_asks: re.Pattern[str] | None  # 'which ones' ('哪些安排'): several things asked for, so every mention
    main_document: re.Pattern[str] | None  # 'the resolution' / 决议 unqualified: the main resolution
    the_treaty: re.Pattern[str] | None  # 'the treaty' / 该条约 unqualified: the one treaty indexed
    # what follows a year that names the document adopted in it ('2016 GGE', '2025 one', 2025年那份); group 1: the
    # words that belong to the year ('年')
    dated_document: re.Pattern[str] | None
    newer_body: re.Pattern[str] | None  # 'the new experts group' / 新的专家组: the group the latest resolution sets up
    # a group of experts named generically ('the expert group', 专家组): in a question on a document that sets up one
    # of its own, that one
    generic_body: re.Pattern[str] | None
    items_counted: re.Pattern[str] | None  # 'subparas', 子段: the lettered items of a paragraph, asked to be counted
    every_document: re.Pattern[str] | None  # 'both resolutions' / 两项决议 (group 'resolutions'), 'which documents'
    asks_reason: re.Pattern[str] | None  # 'why' / 为什么: a reason asked for, which a data card never holds
    asks_later: re.Pattern[str] | None  # 'today' / 后来: what happened after a document, which it cannot say
    asks_next: re.Pattern[str] | None  # 'the next review conference' / 下一次: the next of events, dated or not
    # 'did the group adopt its report', '名单出来了没': whether someone did something, an event no text records that
    # only decides and asks
    asks_event: re.Pattern[str] | None
    past_outcome: re.Pattern[str] | None  # 'adopted', 通过了: what was done, as a session after a document did it
    # a document's text asked for as written in a language ('the exact English wording', '英文原文'), and each
    # language's name by its code
    official_text: re.Pattern[str] | None
    language_names: dict[str, re.Pattern[str]]
    unlisted: re.Pattern[str] | None  # '未列入' / 'not listed': a data card saying what it leaves out
    exclusive: re.Pattern[str] | None  # 'only', '只': a yes-no question that no other value may answer
    # 'the Second Committee', 第二委员会: a thing named by its ordinal (group 'n') and what it numbers (group 'head')
    ordinal_name: re.Pattern[str] | None
    one_of_several: re.Pattern[str] | None  # 'the first session', '第一届会议': one of the sessions a text counts
    adoption: re.Pattern[str] | None  # 'adopted', 通过: a question on the adoption of a text
    counted: re.Pattern[str] | None  # 'how many member States': the thing counted (group 1)
    # a count naming the thing asked about ('the three informal meetings', 三次会议; group n): part of its topic
    count_named: re.Pattern[str] | None
    asks_which: re.Pattern[str] | None  # 'which office' / 哪个: one particular thing asked for
    several_asked: re.Pattern[str] | None  # 'which two countries' / 哪两个: more than one value asked for
    # a date that dates a document named right beside it ('resolution 79/240 of 24 December 2024'; '2007年12月5日
    # 关于…的第62/21号决议'): the text just before the date, or just after it
    dates_symbol_before: re.Pattern[str] | None
    dates_symbol_after: re.Pattern[str] | None
    acted_by: re.Pattern[str] | None  # 'ratification by' (the States): who does an act, named after it
    article_word: re.Pattern[str] | None  # 'article' / 条: a question about a treaty's articles
    mentions: re.Pattern[str] | None  # 'mentions', 提到: what follows names the things paragraphs are listed by
    lead_asks: re.Pattern[str] | None  # 'what did it decide' / '决定了什么': the paragraphs opening with that verb
    opens_with: re.Pattern[str] | None  # "that open with 'Recognizing'" / 以“强调”开头: the opening word (group 1)
    resolutions_asked: re.Pattern[str] | None  # '引用了哪些决议', 'which resolutions does it cite'
    resolution_number: re.Pattern[str] | None  # 'resolution 74/50', 第62/21号决议: a resolution a text names

    def t(self, key: str, **values: Any) -> str:
        return self.templates[key].format(**values)

    def answer_type(self, name: str) -> AnswerType | None:
        return next((a for a in self.answer_types if a.name == name), None)


def _territory_names(code: str) -> str:
    from babel import Locale

    names = [
        name
        for key, name in Locale(code).territories.items()
        if key.isalpha() and key not in _NOT_STATES and len(name) >= 2
    ]
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


_QUOTED_OR_BRACKETED = re.compile(r"[(（][^()（）]*[)）]|[“\"「《][^”\"」》]*[”\"」》]")


def question_language(text: str) -> str:
    """The language of the first pack whose script the text uses outside quotes and brackets, else the default
    one: 'Which paragraphs say “信任”?' is English, 'OP7 里的 equitable … 指什么？' Chinese."""
    bare = _QUOTED_OR_BRACKETED.sub(" ", text)
    bare = bare if re.search(r"\w", bare) else text
    return next((code for code in LANGUAGES if (script := pack(code).script) and script.search(bare)), LANGUAGES[-1])


def language_name(code: str, in_language: str) -> str:
    """A language's name in another ('en' in Chinese: 英语), from CLDR (Babel)."""
    from babel import Locale

    return str(Locale(in_language).languages.get(code, code))


@cache
def place_translations(source: str, target: str) -> dict[str, str]:
    """A state's or region's name in one language -> its name in another (朝鲜 -> North Korea), from CLDR."""
    from babel import Locale

    names = Locale(target).territories
    return {name: names[code] for code, name in Locale(source).territories.items() if code in names}


def _shape(pattern: str, code: str) -> re.Pattern[str]:
    if _TERRITORIES in pattern:
        pattern = pattern.replace(_TERRITORIES, _territory_names(code))
    if _CARDINALS in pattern:  # the language's numbers in words, longest first
        pattern = pattern.replace(_CARDINALS, "|".join(sorted(pack(code).cardinals, key=len, reverse=True)))
    return re.compile(pattern, re.IGNORECASE if code == "en" else 0)


# what a pattern spells besides letters: escapes (\u4e00, \b, \w) and the names of groups and inline flags
_NOT_LETTERS = re.compile(r"\\[uUx][0-9A-Fa-f]{2,8}|\\[A-Za-z]|\(\?(?:P<\w+>|P=\w+\)|[A-Za-z-]+[:)])")


class DeferredPattern:
    """A pack's pattern, compiled on its first use and then read as the compiled pattern (`search`, `finditer`,
    `pattern` …): a question reads fewer than half of the two packs' 281 patterns, and compiling them all took
    0.15 s of every cold start."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int) -> None:
        self._source, self._flags = source, flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return getattr(self._compiled, name)


def _compiled(pattern: str) -> re.Pattern[str]:
    """A pack's pattern, matched in any case, compiled when first used. One with no cased letter (Chinese only)
    is compiled without the flag, which changes nothing it matches and spares compiling the case folds of whole
    CJK ranges."""
    cased = any(c.lower() != c.upper() for c in _NOT_LETTERS.sub("", pattern))
    return cast("re.Pattern[str]", DeferredPattern(pattern, re.IGNORECASE if cased else 0))


# optional patterns not under their own name: a label's item ('(a)') is in "labels"; a row of names is matched
# in its case ('English, Russian, French')
_READ_OTHERWISE = frozenset(
    {"item_pattern", "item_ordinal", "item_range", "article_part", "names_list", "slips_unless"}
)


def _optional(raw: dict[str, Any], key: str) -> re.Pattern[str] | None:
    return _compiled(raw[key]) if raw.get(key) else None


@cache
def pack(code: str) -> LanguagePack:
    """The language pack for `code` (loaded once per process)."""
    raw = _raw_pack(code)
    # every optional pattern is read from the key of its own name ('asks_event'), matched in any case
    optional = {
        f.name: _optional(raw, f.name)
        for f in fields(LanguagePack)
        if f.type == "re.Pattern[str] | None" and f.name not in _READ_OTHERWISE
    }
    return LanguagePack(
        code=code,
        **optional,
        intents={name: _compiled(p) for name, p in raw["intents"].items()},
        parts={name: _compiled(p) for name, p in raw["parts"].items()},
        counted_paragraphs=_compiled(raw["counted_paragraphs"]),
        whole_document=_compiled(raw["whole_document"]),
        ordinals=raw.get("ordinals", {}),
        ranges=[_compiled(p) for p in raw.get("ranges", [])],
        negations=_compiled(raw["negations"]),
        contraries={
            name: Contrary(_compiled(spec["asks"]), _compiled(spec["states"]))
            for name, spec in raw.get("contraries", {}).items()
        },
        answer_types=[
            AnswerType(name, _compiled(spec["asks"]), spec["shape"], code, spec.get("card", ""))
            for name, spec in raw["answer_types"].items()
        ],
        display=raw["labels"]["display"],
        follow_up={name: _compiled(p) for name, p in raw["follow_up"].items()},
        document_speaks=raw.get("document_speaks", ""),
        document_head=raw.get("document_head", ""),
        names_list=re.compile(raw["names_list"]) if raw.get("names_list") else None,
        label_patterns=[(kind, _compiled(p)) for kind, p in raw["labels"]["patterns"]],
        item_pattern=_optional(raw["labels"], "item"),
        item_ordinal=_optional(raw["labels"], "item_ordinal"),
        item_range=_optional(raw["labels"], "item_range"),
        article_part=_optional(raw["labels"], "article_part"),
        label_lists=[(kind, _compiled(p)) for kind, p in raw["labels"].get("lists", [])],
        vocabulary=AskingWords(
            frozenset(raw["vocabulary"]["asking"].split()),
            frozenset(raw["vocabulary"]["answer_kinds"].split()),
            _compiled(raw["vocabulary"]["interrogative"]),
        ),
        templates=raw["templates"],
        reasons=raw["reasons"],
        lead_verbs=raw.get("lead_verbs", {}),
        qualifiers=_compiled(raw["qualifiers"]),
        from_zh=raw.get("from_zh", {}),
        abbreviations=raw.get("abbreviations", {}),
        relative_years=raw.get("relative_years", {}).get("phrases", {}),
        relative_written=raw.get("relative_years", {}).get("written", "{year}"),
        slips=raw.get("slips", {}).get("read", {}),
        slips_unless=_optional(raw.get("slips", {}), "unless"),
        months=raw.get("months", []),
        cardinals=raw.get("cardinals", {}),
        units={unit: _compiled(p) for unit, p in raw.get("units", {}).items()},
        aspects={kind: _compiled(p) for kind, p in raw.get("aspects", {}).items()},
        body_brief=tuple((kind, words) for kind, words in raw.get("body_brief", [])),
        products=[_compiled(p) for p in raw.get("products", [])],
        language_names={code: _compiled(p) for code, p in raw.get("language_names", {}).items()},
    )


def listed_shape(lang: str, listed: str) -> re.Pattern[str] | None:
    """What a value of the kind a list is of looks like in a text of `lang` (a symbol, a year, a resolution's
    number: 'resolution 74/50', 第62/21号决议)."""
    language = pack(lang)
    if listed == "resolution":
        return language.resolution_number
    typed = language.answer_type(listed)
    return typed.shape if typed else None


def number_value(value: str, lang: str) -> int | None:
    """The number a value states ('25人', '三届', 'forty', '21 members', 'eighty-fourth session'), or None: how
    values written in two languages are compared."""
    if digits := re.search(r"\d+", value):
        return int(digits.group(0))
    if numeral := ZH_NUMERAL.search(value):
        return zh_number(numeral.group(0))
    language = pack(lang)
    numerals = {w: n for w, n in language.ordinals.items() if w.isalpha() and n > 0} | language.cardinals
    words = [numerals.get(word) for word in re.split(r"[-\s]+", value.strip().lower()) if word != "and"]
    while len(words) > 1 and words[-1] is None:  # 'eighty-fourth session': the number before what it counts
        words.pop()
    if len(words) == 1:
        return words[0]
    if None not in words and ({100, 1000} & set(words)):  # 'one thousand nine hundred and sixty-eight'
        total = current = 0
        for word in (int(w or 0) for w in words):
            if word == 1000:
                total, current = total + (current or 1) * 1000, 0
            elif word == 100:
                current = (current or 1) * 100
            else:
                current += word
        return total + current
    tens, units = words if len(words) == 2 else (None, None)
    if tens in range(20, 100, 10) and units in range(1, 10):
        return int(tens or 0) + int(units or 0)  # 'twenty-five'
    return None


def spelled(n: int, code: str) -> list[str]:
    """How a text in `code` may write the number n in words ('twenty-five', 二十五), lower-cased."""
    if code == "zh":
        return [zh_numeral(n)] if n < 100 else []
    words = {value: word for word, value in pack(code).cardinals.items()}
    if n in words:
        return [words[n]]
    tens, units = divmod(n, 10)
    if 20 <= n < 100 and tens * 10 in words and units in words:
        return [f"{words[tens * 10]}-{words[units]}", f"{words[tens * 10]} {words[units]}"]
    return []


def listed_names(text: str, code: str) -> list[list[str]]:
    """Each row of names a text lists ('the English, Russian, French, Spanish and Chinese texts'), as its names."""
    pattern = pack(code).names_list
    rows = [m.group(1) for m in pattern.finditer(text)] if pattern else []
    return [[n for n in re.split(r",\s*(?:and\s+)?|\s+and\s+|、|以及|和|及", row) if n] for row in rows]


def spelled_ordinal(n: int, code: str) -> list[str]:
    """How a text in `code` may write the ordinal n in words ('eighty-first'), lower-cased (Chinese: the numeral
    after 第, as `spelled` gives it)."""
    if code == "zh":
        return spelled(n, code)
    ordinals = {value: word for word, value in pack(code).ordinals.items() if word.isalpha() and value > 0}
    if n in ordinals:
        return [ordinals[n]]
    tens, units = divmod(n, 10)
    cardinals = {value: word for word, value in pack(code).cardinals.items()}
    if 20 <= n < 100 and units in ordinals and tens * 10 in cardinals:
        return [f"{cardinals[tens * 10]}-{ordinals[units]}"]
    return []


def followed_by_asked_word(question: str, text: str, match: re.Match[str]) -> bool:
    """Whether an English word of the question comes right after a value found in `text` ('forty other States'
    for 'how many states')."""
    asked = {stem(w) for w in re.findall(r"[A-Za-z]{4,}", question)}
    return any(stem(w) in asked for w in re.findall(r"[A-Za-z]{4,}", text[match.end() : match.end() + 16]))


def in_asked_unit(question: str, lang: str, text: str, match: re.Match[str], text_lang: str = "") -> bool:
    """Whether a value found in `text` (written in `text_lang`, by default the question's) is counted in the unit
    the question asks about: '25人' or '21 members' for 'how many experts', not '三届' or 'four 2-week sessions';
    'four … sessions' for '开几届会'."""
    units, written = pack(lang).units, pack(text_lang or lang).units
    rest = text[match.end() :]
    # in English the unit may follow a few words on, within the phrase ('three informal in-person meetings')
    after = rest[:20] if (text_lang or lang) == "zh" else " ".join(re.split(r"[,;:.()]", rest)[0].split()[:4])
    return any(
        units[u].search(question) and (u in match.group(0) or (u in written and written[u].search(after)))
        for u in units
    )


def asks_only(focus: str, lang: str) -> bool:
    """Nothing in the text but asking words, the words that ask for a kind of answer and the document's name
    ('逐段总结该文件全文', 'can you brief me on what this document says?'): it names no topic."""
    language = pack(lang)
    for pattern in (*language.intents.values(), language.whole_document):
        focus = pattern.sub(" ", focus)
    return only_asking(focus, lang)


def only_asking(focus: str, lang: str) -> bool:
    """Nothing in the text but asking words and the document's name ('What is 71/67 about?')."""
    return not not_asking(focus, lang)


def not_asking(focus: str, lang: str) -> list[str]:
    """The words of the text that are neither asking words nor the document's name (in Chinese, the characters
    left)."""
    language = pack(lang)
    rest = focus.replace(language.templates["this_document"], " ")
    asking = language.vocabulary.asking
    if lang == "en":
        return [w for w in re.findall(r"[A-Za-z]{2,}", rest) if w.lower() not in asking]
    for word in sorted(asking, key=len, reverse=True):
        rest = rest.replace(word, " ")
    return list(re.sub(r"[是的了都些吗呢啊吧\s\W]", "", rest))
