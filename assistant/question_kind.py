"""What a question asks besides its topic, read from its wording: an event after the document, the language of
an official text, the kinds of fact it lists after a colon, a total, a part named and nothing else."""

from __future__ import annotations

import re
from functools import cache

from assistant.language import LANGUAGES, LanguagePack, number_value, only_asking, pack
from index.documents import Document
from index.text import has_cjk

FIGURE = re.compile(r"(?<![/\d])\d+(?![/\d]|st|nd|rd|th)")  # a figure, not an ordinal (72nd)


@cache
def _authors_verbs() -> tuple[str, ...]:
    """The Chinese verbs a resolution's paragraphs open with (注意到, 欢迎; not the one-character 请, which asks
    politely too)."""
    return tuple(
        verb
        for code in LANGUAGES
        for verbs in pack(code).lead_verbs.values()
        for verb in verbs
        if has_cjk(verb) and len(verb) > 1
    )


def authors_act(focus: str) -> bool:
    """'71/67注意到民间社会的贡献了没': what the document itself does, not an event after it (an English question
    says so by its subject: 'did 80/53 …', 'did the GA …')."""
    return any(verb in focus for verb in _authors_verbs())


def at_a_later_session(focus: str, doc: Document | None, language: LanguagePack) -> bool:
    """'第七十二届大会通过了什么决议', 'was it extended at the eighty-fourth session': what a session after the
    document's own did, which the document cannot tell."""
    own = re.match(r"A/RES/(\d+)/", doc.symbol) if doc is not None else None
    session = language.answer_type("session")
    if own is None or session is None or not (language.past_outcome and language.past_outcome.search(focus)):
        return False
    numbers = [number_value(m.group(0), language.code) for m in session.shape.finditer(focus)]
    return any(n is not None and n > int(own.group(1)) for n in numbers)


def text_language(focus: str) -> str:
    """The language a document's own words are asked for in ('the exact English wording of OP7', '英文原文'), ''
    when no official text is asked for or no language is named; in the words of any language, as a question
    mixing two asks in either ('How is 核查 translated in the English text')."""
    return next(
        (
            code
            for language in map(pack, LANGUAGES)
            if language.official_text and language.official_text.search(focus)
            for code, name in language.language_names.items()
            if name.search(focus)
        ),
        "",
    )


_QUESTION_JOINER = re.compile(r"[,，;；?？、]|\band\b|和|以及|并且|还有")


def qualifying_kind(asking: str, asked: list[tuple[str, tuple[int, int]]]) -> str | None:
    """The kind of fact asked right after the first one, in the same clause ('which article defines …': the
    definition qualifies the article); None when another question is joined to it ('which article, and what is
    the right called?')."""
    if len(asked) < 2:
        return None
    (_, (_, end)), (kind, (start, _)) = asked[0], asked[1]
    return kind if start >= end and not _QUESTION_JOINER.search(asking[end:start]) else None


def names_only_part(focus: str, lang: str) -> bool:
    """The question names a part of the document (preamble, operative part) and nothing else besides asking words
    ('71/67 的序言部分讲了什么？', 'What does the preamble of 80/53 say?')."""
    named = [p for kind, p in pack(lang).parts.items() if kind in ("PP", "OP") and p.search(focus)]
    for pattern in named:
        focus = pattern.sub(" ", focus)
    return bool(named) and only_asking(focus, lang)


# (a space between Chinese words separates them: '人数 开会地点 时间')
_ASPECT_SEPARATOR = re.compile(
    r"\s*(?:,|，|、|/|\+|;|；|\band\b|以及|和|及)\s*|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])"
)


_THING = re.compile(r"[A-Za-z][A-Za-z-]*(?: [A-Za-z][A-Za-z-]*){0,2}|[\u4e00-\u9fff]{2,8}")


def listed_aspects(text: str, language: LanguagePack) -> tuple[tuple[str, str], ...]:
    """The things a question lists after a colon or a dash ('compare the two groups: size, venue, sessions',
    '对比一下…：人数、地点、时间'), each with the kind of fact it asks, when two or more kinds are asked, or when
    three things or more are listed and one is of a kind (the others '': a thing, found by its words); or each
    with the one kind the words before the list ask of them all ('the timeline in 80/53 - sessions, briefings,
    reporting': a time for each); else ()."""
    said = language.aspect_list.search(text) if language.aspect_list else None
    if said is None:
        return ()
    parts = [p for p in _ASPECT_SEPARATOR.split(next(g for g in said.groups() if g)) if p.strip()]
    kinds = [(next((k for k, words in language.aspects.items() if words.search(part)), ""), part) for part in parts]
    typed = [(kind, part) for kind, part in kinds if kind and len(part) <= 40]
    if len(parts) >= 2 and len({kind for kind, _ in typed}) >= 2:
        return tuple(typed)
    # (a time or a place asked before a list after a colon or a dash; a list in brackets or of what a count adds up,
    # '多少个国家（赞成、反对、弃权加起来）', says what is counted)
    lead = next((k for k, words in language.aspects.items() if words.search(text[: said.start()])), "")
    bracketed = said.group(0).lstrip()[:1] in "(（"
    things = len(parts) >= 2 and all(_THING.fullmatch(part.strip()) for part in parts)  # nouns: 'briefings'
    if lead in ("time", "place") and things and not bracketed:
        return tuple((lead, part) for part in parts)
    # 'size, selection, meetings, decision-making': a kind of fact for some, the others each by its words (words,
    # not 'yes/no/abstain')
    words = all(len(part.strip()) >= 4 or has_cjk(part) for part in parts)
    return tuple(kinds) if typed and things and words and len(parts) >= 3 else ()


def asks_total(focus: str, language: LanguagePack, intent: str, kinds: list[str]) -> bool:
    """'how many days in all', 'total weeks of meetings', '一共多少个国家投了票': a number that adds up what the text
    counts, asked by a count, a number or a unit of one."""
    counted = intent == "count" or bool({"number", "duration"} & set(kinds))
    units = any(words.search(focus) for words in language.units.values())
    return bool(language.total_asks and language.total_asks.search(focus) and (counted or units))


def asks_all(focus: str, lang: str) -> bool:
    """A question on what is requested asks for all of it unless it asks for one particular thing besides ('要求
    秘书长通过哪个office提供协助') or names figures ('what do paragraphs 30, 31 … say')."""
    language = pack(lang)
    request = language.answer_type("request")
    rest = request.asks.sub(" ", focus) if request else focus
    return not (language.asks_which and language.asks_which.search(rest)) and not FIGURE.search(focus)


def asked_category(focus: str, lang: str) -> str | None:
    """The two characters after a plural interrogative ('哪些安排' -> '安排'), in languages that have one."""
    plural = pack(lang).plural_asks
    match = plural.search(focus) if plural else None
    following = focus[match.end() : match.end() + 2] if match else ""
    return following if len(following) == 2 and has_cjk(following) else None
