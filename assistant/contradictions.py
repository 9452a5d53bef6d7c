"""What says No to a yes-no question: the paragraph on its topic that numbers the thing asked otherwise, names
another place, state or body than the one asked about, or states the contrary of what the question asserts. It
finds; the verdict decides."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.document_names import DocumentNames
from assistant.language import pack
from assistant.paragraph_facts import ParagraphFacts
from assistant.question import Question
from assistant.relevance import Vocabulary
from assistant.retrieval import Retrieval
from assistant.typed_evidence import EVIDENCE_DEPTH
from index.documents import Paragraph
from index.text import has_cjk


@dataclass(frozen=True)
class Contradiction:
    reason: str
    evidence: tuple[str, ...]  # the paragraphs that say otherwise
    kind: str = ""  # the kind of fact they give instead ('place'), when the question named none


def said_as_where(question: Question, place: str) -> bool:
    """The place is said as where something is ('是在纽约开会吗', 'held in Vienna'), not as whose ('有没有中国专家')
    or as a name ('点名英国')."""
    at = pack(question.lang).at_place
    focus = question.focus
    return at is not None and any(at.search(focus[: m.start()]) for m in re.finditer(re.escape(place), focus, re.I))


class ContradictionFinder:
    """Finds, for the verdict, the paragraph that says No to a yes-no question (it decides nothing)."""

    def __init__(self, paragraphs: dict[str, Paragraph], facts: ParagraphFacts, names: DocumentNames) -> None:
        self.paragraphs = paragraphs
        self.facts = facts
        self.names = names
        # the Chinese names of places an English text may give: the states of the data cards' tables (their rows are
        # [Chinese name, code, …, English name]), besides the glossary's places
        self._chinese_names = {
            row[3]: row[0] for p in paragraphs.values() if p.table and p.lang == "zh" for row in p.table if len(row) > 3
        }

    def place_not_among(self, question: Question, ids: list[str] | tuple[str, ...]) -> Contradiction | None:
        """A Chinese question asking whether something is at a place ('是在纽约开会吗') of an English text: No when
        the first paragraph giving a place gives only places whose Chinese names are known, none of them the one
        asked about (the text cannot be searched for a Chinese name); None otherwise."""
        asking = pack(question.lang).place_asked
        asked = asking.search(question.focus) if asking else None
        if asked is None:
            return None
        # the first paragraph in the other language that gives a place
        for placed in ids:
            if self.paragraphs[placed].lang != question.lang and (places := self.facts.places_given(placed)):
                break
        else:
            return None
        known = [self._known_names(name) for name in places]
        given = set().union(*known)
        # ('在维也纳和日内瓦开会吗': each place asked is one it gives)
        if not all(known) or not (other := [n for n in re.split(r"[和及与、]", asked.group(1)) if n not in given]):
            return None
        return Contradiction(f"the paragraph on it gives no {'、'.join(other)}", (placed,), "place")

    def _known_names(self, place: str) -> set[str]:
        """The Chinese names of an English place name (none when neither the glossary nor a data card knows it)."""
        names = {f for f in self.facts.glossary.forms(place) if has_cjk(f)}
        return names | ({self._chinese_names[place]} if place in self._chinese_names else set())

    def another_ordinal(self, question: Question, retrieval: Retrieval, vocabulary: Vocabulary) -> Contradiction | None:
        """A yes-no question naming a thing by an ordinal ('是根据第二委员会的报告通过的吗') that the paragraph on its
        topic numbers otherwise (第一委员会), and no paragraph found numbers as asked: No; None otherwise."""
        ids = retrieval.ids[:EVIDENCE_DEPTH]
        given = {pid: self.facts.ordinals_given(question, pid) for pid in ids}
        if any(same for pairs in given.values() for same, _ in pairs):
            return None
        topic = [w for w in vocabulary.words if w not in vocabulary.absent]
        for pid in ids:
            if given[pid] and self.facts.on_topic(pid, topic, []):
                return Contradiction(f"the paragraph on it gives {given[pid][0][1]}", (pid,))
        return None

    def by_another(
        self, question: Question, retrieval: Retrieval, vocabulary: Vocabulary, topic: list[str]
    ) -> Contradiction | None:
        """A yes-no question the paragraph on its topic answers No by naming another place, state or body than the
        one asked about (which the documents never mention), or by stating the contrary; None otherwise."""
        absent_places = vocabulary.absent_places if vocabulary.absent_names == vocabulary.absent_places else []
        other_places = [p for p in absent_places if said_as_where(question, p)] if len(topic) > 1 else []
        if english_place := self.names.other_place(question, vocabulary):
            other_places = [*other_places, english_place]
        if contrary := self._contrary(question):
            # 'do the GSTE experts represent their governments?': 80/53 has them sit in their personal capacity
            return Contradiction(f"the paragraph on it states the contrary ({contrary[1]})", contrary[:1])
        if other_places:
            # 'does the group meet in New York?': the text names the place on that topic, and it is another one
            on_topic = [
                pid for pid in retrieval.ids[:EVIDENCE_DEPTH] if self.facts.states_near(pid, "place", topic, [])
            ]
            if on_topic:
                reason = f"the documents give no {', '.join(other_places)}"
                return Contradiction(reason, tuple(on_topic), "place")
        exclusive = pack(question.lang).exclusive
        if exclusive and exclusive.search(question.focus) and vocabulary.places:
            # 'are the sessions held only in Geneva?': the paragraph naming Geneva names Vienna beside it
            for pid in retrieval.ids[:EVIDENCE_DEPTH]:
                if other := self.facts.place_besides(pid, vocabulary.places):
                    reason = f"the paragraph on it gives {other} too"
                    return Contradiction(reason, (pid,), "place")
        if len(topic) > 1 and (kind := self._kind_of_names(vocabulary)):
            # '是挪威和美国的倡议吧', '是不是鼓励安理会去处理…': the paragraph on that topic names other states or
            # bodies than the one the documents never mention (states in a sentence on it: the NPT's depositaries are
            # named beside its definition of a nuclear-weapon State, which names none)
            on_topic = [
                pid
                for pid in retrieval.ids[:EVIDENCE_DEPTH]
                if self.facts.states_near(pid, kind, topic, []) and self.facts.on_topic(pid, topic, [])
            ]
            if on_topic:
                reason = f"the documents give no {', '.join(vocabulary.absent_names)}"
                return Contradiction(reason, tuple(on_topic), kind)
        return None

    def at_unnamed_place(
        self, question: Question, retrieval: Retrieval, vocabulary: Vocabulary, unnamed: list[str]
    ) -> Contradiction | None:
        """A yes-no question whose only names the documents never use are the place it asks about ('is the 80/53
        group meeting in NY?'): No when a paragraph found names a place, the first one; None otherwise. (Its
        topic may be named by the glossary's words only, 'group', 'meeting', which leave no words to match.)"""
        asked = self.names.place_named(question)
        if not asked or not all(name in asked for name in unnamed):
            return None
        placed = next((pid for pid in retrieval.ids if self.facts.states(pid, "place")), None)
        return Contradiction(f"the documents give no {asked}", (placed,), "place") if placed else None

    def _contrary(self, question: Question) -> tuple[str, str] | None:
        """The first paragraph of the document asked about that states the contrary of what a yes-no question
        asserts, with the name of the contrast; None when the question asserts none or the document states none."""
        for name, contrary in pack(question.lang).contraries.items():
            if not contrary.asks.search(question.focus):
                continue
            for pid, paragraph in sorted(self.paragraphs.items(), key=lambda item: item[1].order):
                stated = pack(paragraph.lang).contraries.get(name)
                if paragraph.doc_symbol == question.scope and stated and stated.states.search(paragraph.text):
                    return pid, name
        return None

    @staticmethod
    def _kind_of_names(vocabulary: Vocabulary) -> str:
        """'states' or 'bodies' when every thing the documents never mention is a state (美国) or every one an
        organization (安理会); else ''."""
        names = vocabulary.absent_names
        if not names:
            return ""
        states = pack("zh").answer_type("states")
        if states and all(states.shape.fullmatch(name) for name in names):
            return "states"
        return "bodies" if all(name in vocabulary.absent_bodies for name in names) else ""
