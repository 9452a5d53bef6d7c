"""Answers from the recorded-vote card (`…:VOTE`): read from its table, not from its wording, so that "did China
vote in favour?" is answered No (China abstained) and "did anyone vote against?" No (0 against). The quotes are
the card's own sentences (verified like every quote), and the answer always carries the card's source sentence:
the vote comes from a research dataset, not the official record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.language import pack
from assistant.question import Question
from index.documents import Paragraph

_VOTES = ("yes", "no", "abstain")


@dataclass(frozen=True)
class VoteAnswer:
    first: str  # the one-line answer
    quotes: list[str]  # sentences of the card, the answer's evidence first, its source last


def _sentences(text: str) -> list[str]:
    """Chinese sentences end at 。 (a symbol such as A/71/PV.51 keeps its point); English ones at a point and a
    space."""
    return [s for s in re.split(r"(?<=。)|(?<=\.)\s+(?=[A-Z])", text) if s and s.strip()]


def _group_sentence(paragraph: Paragraph, vote: str, lang: str) -> str:
    """The card's sentence listing the states that voted `vote` ('弃权：白俄罗斯、中国…。')."""
    head = pack(paragraph.lang).templates[f"vote_list_{vote}"]
    return next((s for s in _sentences(paragraph.text) if s.strip().startswith(head)), "")


def answer_from_vote(question: Question, paragraph: Paragraph, lang: str) -> VoteAnswer:
    language, card = pack(lang), pack(paragraph.lang)
    rows = paragraph.table
    counts = {v: sum(1 for row in rows if row[2] == v) for v in _VOTES}
    named = [row for row in rows if row[0] in question.text or _english_name(row, question.text)]
    asked = [v for v in _VOTES if re.search(language.templates[f"vote_asks_{v}"], question.text, re.IGNORECASE)]
    sentences = _sentences(paragraph.text)
    source = next((s for s in sentences if s.strip().startswith(card.templates["vote_source"])), "")
    if named:
        lines = [
            language.t("vote_state", state=_name(row, lang, paragraph), vote=language.templates[f"vote_name_{row[2]}"])
            for row in named
        ]
        first = "".join(lines)
        if question.intent == "yes_no" and asked:
            as_asked = all(row[2] in asked for row in named)
            first = language.t("vote_yes_no", answer=language.templates["yes" if as_asked else "no"], line=first)
        quotes = [q for q in dict.fromkeys(_group_sentence(paragraph, row[2], lang) for row in named) if q]
    else:
        first = language.t("vote_totals", **counts)
        if question.asks_total and len(asked) != 1:  # 'how many voted in total': every recorded vote, added up
            first = language.t("vote_all", total=sum(counts.values())) + first
        for vote in (v for v in ("no", "abstain") if v in asked and counts[v]):  # who, in the answer's language
            states = language.templates["list_sep"].join(_name(row, lang, paragraph) for row in rows if row[2] == vote)
            first += language.t("vote_group", vote=language.templates[f"vote_list_{vote}"].rstrip(":："), states=states)
        # 'did anyone vote against?' and '弃权的国家是不是6个？' are answered by the totals; 'did Palestine vote for
        # it?' is not: no such row
        anyone = re.search(language.templates["vote_asks_any"], question.text, re.IGNORECASE)
        figures = {int(f) for f in re.findall(r"(?<![\d/])\d{1,3}(?![\d/])", question.text)}
        # 'was it adopted without a vote / by consensus?': the card is a recorded vote, so No; 'unanimously?': only
        # with none against and none abstaining
        without_vote = re.search(language.templates["vote_asks_consensus"], question.text, re.IGNORECASE)
        unanimous = re.search(language.templates["vote_asks_unanimous"], question.text, re.IGNORECASE)
        # 'is 174 the official figure?': the card's figures are a research dataset's, which its source sentence says
        official = re.search(language.templates["vote_asks_official"], question.text, re.IGNORECASE)
        agrees: bool | None = None
        if question.intent == "yes_no" and official:
            agrees = False
        elif question.intent == "yes_no" and (without_vote or unanimous):
            agrees = not without_vote and not (counts["no"] or counts["abstain"])
        elif question.intent == "yes_no" and asked and (anyone or figures):
            agrees = any(counts[v] in figures if figures else counts[v] for v in asked)
        if agrees is not None:
            first = language.t("vote_yes_no", answer=language.templates["yes" if agrees else "no"], line=first)
        quotes = sentences[:1]
        if "abstain" in asked or counts["no"] and "no" in asked:
            quotes += [_group_sentence(paragraph, v, lang) for v in ("abstain", "no") if v in asked and counts[v]]
    return VoteAnswer(first, [q for q in quotes if q] + ([source] if source else []))


def _name(row: list[str], lang: str, paragraph: Paragraph) -> str:
    """The state's name in the answer's language: the card's, or the dataset's English one."""
    return row[0] if lang == paragraph.lang or len(row) < 4 else row[3]


def _english_name(row: list[str], text: str) -> bool:
    """The dataset's English name, or the word made of it ('the Russian Federation', 'the Syrian Arab Republic')."""
    return len(row) > 3 and bool(re.search(rf"\b{re.escape(row[3])}n?\b", text, re.IGNORECASE))
