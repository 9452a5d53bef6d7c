"""The recorded vote on a resolution as a data card: one citable paragraph (`A/RES/71/67:VOTE`) with the totals,
who abstained and voted against, every state's vote, and the source it comes from.

The source is a research dataset (Voeten et al.), not the official record: the card says so in its own text, so
every answer quoting it names it. Chinese country names come from CLDR through Babel (not typed by hand), and are
CLDR's names, not the United Nations' official ones: the card says that too.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from index.documents import Paragraph
from index.errors import InputError
from index.meta import date_text

VOTES = ("yes", "no", "abstain")
RESEARCH_DATASET = "research_dataset"


@dataclass(frozen=True)
class Vote:
    code: str  # ISO 3166 alpha-2, as the dataset gives it
    name: str  # the dataset's short English name
    vote: str  # "yes" | "no" | "abstain"


@dataclass(frozen=True)
class VoteRecord:
    roll_call: str
    votes: tuple[Vote, ...]

    def of(self, vote: str) -> list[Vote]:
        return [v for v in self.votes if v.vote == vote]


def read_votes(path: Path) -> VoteRecord:
    """The rows of a vote file (`rcid,country_code,country,vote`), checked: one roll call, known votes."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        votes = tuple(Vote(r["country_code"].strip(), r["country"].strip(), r["vote"].strip().lower()) for r in rows)
        calls = {r["rcid"].strip() for r in rows}
    except (OSError, KeyError, AttributeError, UnicodeDecodeError, csv.Error) as exc:
        why = f"The vote file {path} cannot be read ({exc}); it needs the columns rcid,country_code,country,vote."
        raise InputError(why) from exc
    if len(calls) != 1 or not votes or any(v.vote not in VOTES for v in votes):
        raise InputError(f"The vote file {path} must hold one roll call with votes yes, no or abstain.")
    return VoteRecord(calls.pop(), votes)


@cache
def _territories(lang: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale(lang).territories)


def state_name(vote: Vote, lang: str) -> str:
    """The state's name in `lang` from CLDR; the dataset's own English name where CLDR has none."""
    return _territories(lang).get(vote.code, vote.name) if lang != "en" else vote.name


def vote_card(record: VoteRecord, symbol: str, lang: str, order: int, date: str, source: str) -> Paragraph:
    """The card, in the document's language; `source` names the dataset and the official record."""
    zh = lang == "zh"
    sep = "、" if zh else ", "
    names = {v: sep.join(state_name(x, lang) for x in record.of(v)) for v in VOTES}
    counts = {v: len(record.of(v)) for v in VOTES}
    when = date_text(date, lang) if date else ""
    if zh:
        text = (
            f"{symbol}的记录表决（唱名表决{record.roll_call}，{when}）：赞成{counts['yes']}票，反对{counts['no']}票，"
            f"弃权{counts['abstain']}票。弃权：{names['abstain'] or '无'}。反对：{names['no'] or '无'}。"
            f"赞成：{names['yes'] or '无'}。来源：{source}国名取自CLDR，并非联合国正式名称。"
        )
    else:
        text = (
            f"Recorded vote on {symbol} (roll call {record.roll_call}, {when}): {counts['yes']} in favour, "
            f"{counts['no']} against, {counts['abstain']} abstentions. Abstaining: {names['abstain'] or 'none'}. "
            f"Against: {names['no'] or 'none'}. In favour: {names['yes'] or 'none'}. Source: {source} "
            "Country names are the dataset's short names, not United Nations official names."
        )
    table = [[state_name(v, lang), v.code, v.vote, v.name] for v in record.votes]
    return Paragraph(symbol, lang, "VOTE", "vote", order, text, authority=RESEARCH_DATASET, table=table)
