"""Follow-up questions: "它最多有多少成员？" means nothing alone. Offline, a follow-up is searched together with
the previous question, and the paragraphs the previous answer cited stay in view."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.labels import LabelRef, display_label, find_label_refs, named_items
from assistant.language import LANGUAGES, LanguagePack, not_asking, pack, question_language
from index.documents import split_citation_id
from index.errors import InputError
from index.numerals import zh_number

MAX_HISTORY_TURNS = 20  # older turns are dropped: only the latest ones can be what a follow-up refers to
MAX_TURN_CHARS = 20_000
_LETTERED = re.compile(r"[(（]([a-z])[)）]")  # a lettered item as written: '(b)', '（b）'


@dataclass
class Condensed:
    """The question to answer, the earlier text to search with it, and ids the previous answer cited."""

    question: str
    context: str = ""
    previous_citations: list[str] = field(default_factory=list)


def validate_history(history: Any) -> list[dict[str, Any]]:
    """History is a list of {"role": "user"|"assistant", "content": str, optional "citations": [ids]}."""
    if history is None:
        return []
    if not isinstance(history, list) or not all(
        isinstance(turn, dict) and turn.get("role") in ("user", "assistant") and isinstance(turn.get("content"), str)
        for turn in history
    ):
        raise InputError('History must be a list of {"role": "user" or "assistant", "content": "..."} turns.')
    recent = history[-MAX_HISTORY_TURNS:]
    if any(len(turn["content"]) > MAX_TURN_CHARS for turn in recent):
        raise InputError(f"A turn of the history is longer than {MAX_TURN_CHARS} characters; start a new conversation.")
    return recent


def is_follow_up(question: str) -> bool:
    """A question with a word that points back ('它', 'that one'), one that only names a thing ('执行部分呢？',
    'and the NPT?'): the earlier question asked again of it; or one that only asks, naming nothing ('at which
    session, and what for?')."""
    languages = [pack(code) for code in LANGUAGES]
    return (
        any(pattern.search(question) for language in languages for pattern in language.follow_up.values())
        or any(language.elliptical.search(question) for language in languages if language.elliptical)
        or _only_asks(question)
    )


def _only_asks(question: str) -> bool:
    """Nothing in the question but the words that ask and those naming the kinds of fact asked for, besides at
    most one Chinese character, a verb that names no subject ('一共开几届', '谁选')."""
    lang = question_language(question)
    language = pack(lang)
    rest = question
    for pattern in (*(a.asks for a in language.answer_types), *language.intents.values()):
        rest = pattern.sub(" ", rest)
    # '几届' is an asking word whole; a word naming a kind of fact (弃权) leaves what it names to the question
    return not not_asking(rest, lang) or lang == "zh" and len(not_asking(question, lang)) == 1


def _step(question: str) -> int:
    """-1 for 'the one before it' / '上一段', +1 for 'the next one' / '下一段', else 0."""
    for code in LANGUAGES:
        follow_up = pack(code).follow_up
        if follow_up["before"].search(question):
            return -1
        if follow_up["after"].search(question):
            return 1
    return 0


def last_question(history: list[dict[str, Any]]) -> str:
    """The user's last question in the conversation, or ''."""
    return next((str(t["content"]) for t in reversed(history) if t["role"] == "user"), "")


def condense(question: str, history: list[dict[str, Any]]) -> Condensed:
    if not history or not (is_follow_up(question) or _listed_item(question, history)):
        return Condensed(question)
    previous = last_question(history)
    cited = next((list(t.get("citations") or []) for t in reversed(history) if t["role"] == "assistant"), [])
    cited = [c for c in cited if isinstance(c, str)]
    if neighbour := _neighbour(question, history, cited) or _item_of_last(question, history, cited):
        question = f"{question} ({_spell(neighbour, question_language(question))})"
    # A follow-up that names its own paragraph ("and paragraph 7?") needs the earlier words, not its citations.
    if find_label_refs(question):
        cited = []
    return Condensed(question, previous, cited)


def _neighbour(question: str, history: list[dict[str, Any]], cited: list[str]) -> LabelRef | None:
    """'What about the one before it?' after an answer on OP7 -> OP6: the paragraph next to the last one
    discussed (the previous answer's first citation, else the last paragraph a turn named)."""
    step = _step(question)
    if not step:
        return None
    ref = _last_discussed(history, cited)
    if ref is None or ref.number + step < 1:
        return None
    return LabelRef(ref.kind, ref.number + step)


def _last_discussed(history: list[dict[str, Any]], cited: list[str]) -> LabelRef | None:
    """The previous answer's first citation, else the last paragraph a turn named."""
    if cited:
        return _parse_label(split_citation_id(cited[0])[1])
    named = [refs for t in reversed(history) if (refs := find_label_refs(t["content"]))]
    return named[0][0] if named else None


def _item_of_last(question: str, history: list[dict[str, Any]], cited: list[str]) -> LabelRef | None:
    """'其中(d)项具体是什么？' after an answer on OP6 -> OP6(d): a lettered item of the last paragraph discussed."""
    if find_label_refs(question):
        return None
    ref = _last_discussed(history, cited)
    if ref is not None and ref.kind == "ART":  # '那第三款呢' after a question on article IX(2): ART9(3)
        part = _article_part(question)
        return LabelRef(ref.kind, ref.number, str(part)) if part else None
    items = named_items(question)
    # (a follow-up naming no paragraph: a letter in brackets alone is an item, "what's (g) exactly")
    bare = _LETTERED.search(question)
    letter = items[0][2] if items else bare.group(1).lower() if bare else _listed_item(question, history)
    return LabelRef(ref.kind, ref.number, letter) if letter and ref and ref.kind in ("OP", None) else None


def _article_part(question: str) -> int:
    """The numbered paragraph of an article a question names apart from it ('第三款'), 0 if none."""
    for code in LANGUAGES:
        pattern = pack(code).article_part
        if pattern and (said := pattern.search(question)):
            return zh_number(said.group(1))
    return 0


def _listed_item(question: str, history: list[dict[str, Any]]) -> str | None:
    """'那第二个原文怎么说', 'and the third one?' after an answer listing lettered items ('(a) …; (b) …'): the letter
    of the item in that place; None when the last answer lists no such item."""
    answer = next((str(t["content"]) for t in reversed(history) if t["role"] == "assistant"), "")
    for code in LANGUAGES:
        language = pack(code)
        said = language.item_ordinal.search(question) if language.item_ordinal else None
        if said is None:
            continue
        place = language.ordinals.get(said.group(1).lower()) or zh_number(said.group(1))
        letter = chr(ord("a") + place - 1) if 0 < place <= 26 else ""
        if letter and letter in _letters_listed(answer, language):
            return letter
    return None


def _letters_listed(answer: str, language: LanguagePack) -> set[str]:
    """The lettered items an answer shows: each written ('(b)') and each inside a range ('(a) to (d)')."""
    letters = {m.group(1).lower() for m in _LETTERED.finditer(answer)}
    for said in language.item_range.finditer(answer) if language.item_range else ():
        first, last = (said.group(i).lower() for i in (1, 2))
        letters |= {chr(c) for c in range(ord(first), ord(last) + 1)}
    return letters


def _spell(ref: LabelRef, lang: str) -> str:
    """The reference in words the label lookup reads ('operative paragraph 6', '第6段', '执行部分第6(d)段')."""
    if ref.kind:
        return display_label(f"{ref.kind}{ref.number}" + (f"({ref.letter})" if ref.letter else ""), lang)
    return f"第{ref.number}段" if lang == "zh" else f"paragraph {ref.number}"


def _parse_label(label: str) -> LabelRef | None:
    match = re.fullmatch(r"(PP|OP|FN|P|ART|ACTION)(\d+)", label)
    return LabelRef(match.group(1), int(match.group(2))) if match else None
