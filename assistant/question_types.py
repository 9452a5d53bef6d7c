"""What kind of fact a question asks for (a number, a date, a place) and what text that states it looks like:
used to prefer the paragraphs, and within them the clauses, that can hold the answer."""

from __future__ import annotations

import re

# (what the question asks, what text stating it looks like); numbers inside symbols (A/61/1028) do not count.
ANSWER_TYPES: list[tuple[re.Pattern[str], re.Pattern[str]]] = [
    (
        re.compile(r"多少|几|最多|最少|how many|how much|number of|at most", re.IGNORECASE),
        re.compile(r"(?<![/A-Za-z0-9.])\d+(?![/\d])|[一二三四五六七八九十两]+(?:人|届|次|天|个|名|年)"),
    ),
    (
        re.compile(r"何时|哪一天|哪天|哪一年|哪年|什么时候|日期|when|what date|which year|what year", re.IGNORECASE),
        re.compile(r"\d{4}\s*年|\d{1,2}\s*月|\b\d{4}\b"),
    ),
    (
        re.compile(r"多长|多久|几天|为期|how long|duration|how many days", re.IGNORECASE),
        re.compile(r"(?:\d+|[一二三四五六七八九十两]+)\s*(?:天|日|周|星期|个月)|为期|\bdays?\b|\bweeks?\b"),
    ),
    (
        re.compile(r"目的|宗旨|为了什么|用意|purpose|\baim\b|\bobjective", re.IGNORECASE),
        re.compile(r"目的是|旨在|以便|以期|为了|in order to|\baim"),
    ),
    (
        re.compile(r"哪里|在哪|何地|地点|where", re.IGNORECASE),
        re.compile(r"在\S{2,8}?(?:举行|召开|开会)|\b(?:in|at) (?:[A-Z][a-z]+ ?)+"),
    ),
]


def expected_shapes(question: str) -> list[re.Pattern[str]]:
    """The shapes of text that would answer the question ('how many' -> digits or counted Chinese numerals)."""
    return [shape for asks, shape in ANSWER_TYPES if asks.search(question)]
