"""What a data card (the recorded vote) can tell: the kind of fact it states, the states in its table, what it
says it leaves out, and which body's vote it is. The verdict alone decides whether it answers a question."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.language import pack
from assistant.paragraph_facts import CLAUSE, DATE_TYPES, ParagraphFacts
from assistant.question import Question
from assistant.relevance import Vocabulary
from assistant.retrieval import Retrieval
from index.documents import DATA_CARD_KINDS, Paragraph
from index.glossary import Glossary

_RESOLUTION_NUMBER = re.compile(r"(?<![\w/])\d{2}/\d{1,3}(?![\w/])")  # '79/240', not 'A/79/93' nor a date


class DataCards:
    """The data cards of the index, read for the question they may answer."""

    def __init__(self, paragraphs: dict[str, Paragraph], glossary: Glossary, facts: ParagraphFacts) -> None:
        self.paragraphs = paragraphs
        self.glossary = glossary
        self.facts = facts

    def label(self, question: Question) -> str:
        """The data card that states the kind of fact asked for ('VOTE' for how the vote went), if any."""
        answer_type = pack(question.lang).answer_type(question.answer_type or "")
        return answer_type.card if answer_type else ""

    def on_card(self, card_id: str, topic: list[str]) -> bool:
        """Every topic word the card's language can be checked for is on the card or in its document's record: the
        state asked about ('did the USA support it'), the document's title ('中国对核裁军核查决议投的什么票')."""
        card = self.paragraphs[card_id]
        record = self.paragraphs.get(f"{card.doc_symbol}:META")
        texts = [card.text] + ([record.text] if record else [])
        return all(
            any(self.facts.has(t, f) for t in texts for f in names) for names in self.facts.forms(topic, card.lang)
        )

    def other_voting_body(self, question: Question) -> str:
        """For a question on the vote, or on the day or meeting of adoption, that names a body (a committee, a
        conference): that body, when neither the card nor the clause of the document's record that dates the
        adoption names it ('第一委员会': the record says the report came from it; the vote and the day it gives are
        the General Assembly's); else ''."""
        card = self.paragraphs.get(f"{question.scope}:{self.label(question)}") if self.label(question) else None
        record = self.paragraphs.get(f"{question.scope}:META")
        adoption = pack(question.lang).adoption
        asks_adoption = (
            question.answer_type in (*DATE_TYPES, "meeting") and adoption and adoption.search(question.focus)
        )
        source = card or (record if asks_adoption else None)
        bodies = pack(source.lang).answer_type("bodies") if source else None
        day = pack(source.lang).answer_type("day") if source else None
        if source is None or bodies is None or day is None:
            return ""
        dates = [m.group(0) for m in day.shape.finditer(source.text)]
        dated = [c for c in CLAUSE.split(record.text) if any(d in c for d in dates)] if record else []
        texts = [card.text, *dated] if card else dated
        spelled = sorted((t for t in self.glossary.terms() if t in question.focus), key=len, reverse=True)
        named = spelled + self.glossary.official_terms(question.focus)  # the longest name first (第一委员会)
        for term in named:
            forms = [term, *self.glossary.renderings(term, source.lang)]
            is_body = any(bodies.shape.search(f) for f in forms)  # in the record's language ('First Committee')
            if is_body and not any(self.facts.has(text, f) for text in texts for f in forms):
                return next((f for f in [term, *forms] if f.isascii() == (question.lang == "en")), term)
        return ""

    @staticmethod
    def other_resolution(question: Question) -> str:
        """A resolution's number the question names other than its document's ('79/240' over 71/67), or ''."""
        own = (question.scope or "").rsplit("/", 2)[-2:]
        return next((n for n in _RESOLUTION_NUMBER.findall(question.text) if n.split("/") != own), "")

    def without_other_cards(self, question: Question, retrieval: Retrieval) -> Retrieval:
        """A data card (the vote) is evidence for the kind of fact it holds only: a question on what the
        resolution says of China is not answered with China's vote."""
        card = self.label(question)
        hits = [
            h for h in retrieval.hits if self.paragraphs[h.id].kind not in DATA_CARD_KINDS or h.id.endswith(f":{card}")
        ]
        return retrieval if len(hits) == len(retrieval.hits) else replace(retrieval, hits=hits)

    def with_card_words(self, question: Question, vocabulary: Vocabulary) -> Vocabulary:
        """For a question the data card answers, the names in its table and the words of its text are the
        document's words too ('did Germany vote for it': the card's table has Germany, its text 德国; '官方记录':
        its text says 正式记录)."""
        card = self.paragraphs.get(f"{question.scope}:{self.label(question)}")
        if card is None or not card.table:
            return vocabulary
        cells = {cell.lower() for row in card.table for cell in row}
        known = {
            w for w in vocabulary.absent if w.lower() in cells or any(f in card.text for f in self.glossary.forms(w))
        }
        if not known:
            return vocabulary
        return replace(
            vocabulary,
            absent=[w for w in vocabulary.absent if w not in known],
            absent_names=[w for w in vocabulary.absent_names if w not in known],
            absent_places=[w for w in vocabulary.absent_places if w not in known],
        )

    def stating(self, question: Question) -> str | None:
        """The document's record (META) or the data card of the kind asked for that states the fact."""
        cards = [f"{question.scope}:{label}" for label in ("META", self.label(question)) if label]
        return next(
            (c for c in cards if c in self.paragraphs and self.facts.states(c, question.answer_type or "")), None
        )

    def states_not_listed(self, question: Question, names: list[str]) -> list[str]:
        """`names` when each is a state (by the names the question's language gives states) the data card stating
        the kind of fact asked has no row for ('how did Turkmenistan vote'), else []."""
        label = self.label(question)
        card = self.paragraphs.get(f"{question.scope}:{label}") if label else None
        states = pack(question.lang).answer_type("states")
        if card is None or not card.table or states is None:
            return []
        cells = {cell.lower() for row in card.table for cell in row}
        listed = [name for name in names if not states.shape.fullmatch(name) or name.lower() in cells]
        return [] if listed else names

    def left_out(self, card: Paragraph, topic: list[str]) -> str:
        """The clause of a data card saying it leaves out what the question asks about ('缺席或未投票的会员国未列入'
        for 'which states were absent'), else ''."""
        unlisted = pack(card.lang).unlisted
        names = [name for forms in self.facts.forms(topic, card.lang) for name in forms]
        for clause in CLAUSE.split(card.text):
            if not (unlisted and unlisted.search(clause)):
                continue
            # what is left out is what qualifies the things it names ('缺席或未投票的' of 会员国), not those things
            qualifier = clause.rpartition("的")[0] or clause
            if any(self.facts.has(qualifier, name) for name in names):
                return clause.strip("，；。,; ")
        return ""
