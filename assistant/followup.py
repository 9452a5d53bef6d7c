"""Follow-up questions: "它最多有多少成员？" means nothing alone. Offline, a follow-up is searched together with
the previous question, and the paragraphs the previous answer cited stay in view."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from index.errors import InputError

MAX_HISTORY_TURNS = 20  # older turns are dropped: only the latest ones can be what a follow-up refers to
MAX_TURN_CHARS = 20_000
_FOLLOW_UP_ZH = re.compile(
    r"^(?:那|那么|还有|另外|此外|并且|而且)|它|他们|她们|其中|该(?:小组|机构|组|报告|决议|段|文件)|这个|这些|那个|那些|上述|此项"
)
_FOLLOW_UP_EN = re.compile(
    r"^\s*(?:and|also|then|what about|how about)\b|\b(?:it|its|they|them|their|the same)\b",
    re.IGNORECASE,
)
_LABEL_WORDS = re.compile(r"(?:PP|OP|FN)\s*\d|paragraph|段|脚注|footnote", re.IGNORECASE)


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
    return bool(_FOLLOW_UP_ZH.search(question) or _FOLLOW_UP_EN.search(question))


def condense(question: str, history: list[dict[str, Any]]) -> Condensed:
    if not history or not is_follow_up(question):
        return Condensed(question)
    previous = next((t["content"] for t in reversed(history) if t["role"] == "user"), "")
    cited = next((list(t.get("citations") or []) for t in reversed(history) if t["role"] == "assistant"), [])
    # A follow-up that names its own paragraph ("and paragraph 7?") needs the earlier words, not its citations.
    if _LABEL_WORDS.search(question):
        cited = []
    return Condensed(question, previous, [c for c in cited if isinstance(c, str)])
