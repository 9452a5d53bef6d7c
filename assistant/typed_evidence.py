"""Typed evidence: for a question asking a kind of fact ('when', 'how many', 'where', 'who'), the paragraphs on its
topic that state one, best first, or why none does. It finds and explains; the verdict decides `found` from it."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.data_cards import DataCards
from assistant.labels import display_label
from assistant.language import SPECIFIC_TYPES, pack
from assistant.paragraph_facts import DATE_TYPES, ParagraphFacts
from assistant.question import Question
from assistant.relevance import Vocabulary
from assistant.retrieval import Retrieval
from index.documents import DATA_CARD_KINDS, Paragraph, split_citation_id
from index.glossary import Glossary, longest_terms

EVIDENCE_DEPTH = 3  # search hits whose text may hold the asked-for fact
# facts a named paragraph must spell out to give them (a count, a year or a time may be read off its words: 'three
# conferences', 'eighteen months'; these cannot, a day included)
LITERAL_TYPES = frozenset(
    {
        "symbol",
        "names",
        "states",
        "bodies",
        "language",
        "money",
        "place",
        "venue",
        "access",
        "outcome",
        "day",
        "definition",
    }
)


@dataclass(frozen=True)
class TypedEvidence:
    """The paragraphs on a question's topic that state the kind of fact it asks, best first."""

    evidence: tuple[str, ...] = ()
    grounded: bool = False  # they hold the topic's own words, not only the kind of fact asked
    by_specifics: bool = False  # ... or the question's own numbers and symbols ('79/240'), which are its topic
    # the first counts the thing in the question's words: the count asked, whatever other words the document lacks
    # ('how many informal in-person meetings fed into …': 'three informal in-person meetings')
    counted_as_asked: bool = False
    missing: str = ""  # why no paragraph on the topic states the fact ('' when one does)
    off_topic: bool = False  # … because the thing asked about is nowhere in the documents
    other_value: str = ""  # the value the first gives where a yes-no question asks another ('the 72nd session')


def literal_kinds(question: Question) -> list[str]:
    """The kinds of fact the question asks for that a paragraph must spell out to give (not a count or a date,
    which may be read off its words)."""
    language = pack(question.lang)
    return [a.name for a in language.answer_types if a.name in LITERAL_TYPES and a.asks.search(question.focus)]


class TypedEvidenceFinder:
    """Finds, for the verdict, the paragraphs stating the kind of fact a question asks (it decides nothing)."""

    def __init__(
        self, paragraphs: dict[str, Paragraph], glossary: Glossary, facts: ParagraphFacts, cards: DataCards
    ) -> None:
        self.paragraphs = paragraphs
        self.glossary = glossary
        self.facts = facts
        self.cards = cards

    def find(
        self,
        question: Question,
        retrieval: Retrieval,
        subject: str,
        vocabulary: Vocabulary,
        topic: list[str],
        specifics: list[str],
        card: str,
    ) -> TypedEvidence | None:
        """For a question asking a kind of fact ('when', 'how many', 'where'), the paragraphs on its topic that state
        one, or why none does (or the other value the one found gives: a yes-no question's No); None for a
        question asking no such kind."""
        # a card's fact is one fact however it is asked ('list the abstainers', 'how many states abstained')
        card_fact = bool(card) and question.intent in ("enumerate", "count")
        if question.answer_type not in SPECIFIC_TYPES or not (
            question.intent in ("lookup", "yes_no", "locate") or card_fact
        ):
            return None
        thing_counted = pack(question.lang).counted if question.answer_type == "number" else None
        counted = thing_counted.search(question.focus) if thing_counted else None
        phrase = next((g for g in counted.groups() if g), "") if counted else ""
        if uncounted := [w for w in vocabulary.absent if w in phrase]:
            # 'how many women experts sat on the group': the text counts the experts, never the women among them
            # (another document may count them: 'how many informal in-person meetings' are 80/53's)
            return TypedEvidence(missing=f"the documents never mention: {', '.join(uncounted)}", off_topic=True)
        # and a follow-up's paragraph from the turn before ('执行部分第7段讲什么' … '那它哪年开会')
        candidates = retrieval.ids[:EVIDENCE_DEPTH] + [
            pid for pid in question.previous_citations if pid in retrieval.ids[EVIDENCE_DEPTH:]
        ]
        # the thing counted is a noun phrase: the pattern's two English words, or six Chinese characters (the rest of
        # '多少缔约国要求才召开会议审议' says what they do)
        thing = phrase[:6] if question.lang == "zh" else phrase
        if counted_words := [w for w in topic if w in thing]:
            # … nor does a paragraph that counts the experts where another names women: it names all it counts
            candidates = [pid for pid in candidates if self.facts.names_each(pid, counted_words)]
        if counts := self.facts.counts_named(question):
            # '80/53提到的三次非正式面对面会议是在哪里开的': the paragraph naming a place for four sessions is on others
            candidates = [
                pid for pid in candidates if not any(self.facts.counts_otherwise(pid, n, terms) for n, terms in counts)
            ]
        # a follow-up bound to the earlier question's numbers ('62/21' ... '它') needs only those
        # the places an English question names through the glossary are its topic too ('the Norway-UK
        # initiative': 挪威)
        words = [] if question.follow_up and specifics else topic + [p for p in vocabulary.places if p not in topic]
        adoption = pack(question.lang).adoption
        named_topic = words or vocabulary.glossary_terms  # ('does the GGE meet in May 2018': named by its terms only)
        if question.answer_type in DATE_TYPES and named_topic and not (adoption and adoption.search(question.focus)):
            # a document's record dates its adoption: no answer to when anything else happens ('第一届会议哪天开幕')
            candidates = [pid for pid in candidates if self.paragraphs[pid].kind != "meta"]
        if question.intent == "yes_no":  # the figure a yes-no question checks is no topic ('capped at 21?')
            specifics = [s for s in specifics if not s.isdigit()]
        # the card that states this kind of fact (the vote) is on its topic, whatever the words
        card_id = f"{question.scope}:{card}"
        on_document = card_id in self.paragraphs and (card_fact or self.cards.on_card(card_id, words))
        if on_document and card_id not in candidates:
            candidates.append(card_id)  # '在大会全体会议上，表决结果如何': however the search ranked it
        # a question on the document's adoption ('根据哪个委员会的报告通过的，报告文号是什么'): its record says what
        # it was adopted on, however the search ranked it
        record_id = f"{question.scope}:META"
        # (or a follow-up to one: '报告文号呢？' after '根据哪个委员会的报告通过的')
        asked = question.search if question.follow_up else question.focus
        on_adoption = bool(adoption and adoption.search(asked)) and record_id in self.paragraphs
        if on_adoption and record_id not in candidates and self.facts.states(record_id, question.answer_type):
            candidates.append(record_id)
        grounded = [
            pid
            for pid in candidates
            if self.facts.on_topic(pid, [] if pid == card_id else words, specifics)  # yet its numbers and symbols
        ]
        # with nothing on the topic, the paragraph holding the question's numbers and symbols ('62/21': PP10,
        # not the record of the resolution that cites it), else the best ranked
        naming = [pid for pid in candidates if all(s in self.paragraphs[pid].text for s in specifics)]
        if question.scope_terms:  # the terms that chose the document: the answer's paragraph names them
            on_topic = [pid for pid in grounded if self.facts.on_topic(pid, list(question.scope_terms), [])]
        else:
            # (for a count, the best ranked that counts in the unit asked: '几个人' -> '21 members')
            counting = [pid for pid in candidates if self.facts.in_asked_unit(question, pid)]
            on_topic = grounded or (naming if specifics else counting[:1] or candidates[:1])
        if question.answer_type == "number":  # '几项目标': the paragraph whose items count them is on it
            on_topic = on_topic + [
                p for p in retrieval.ids if p not in on_topic and self.facts.counts_by_items(question, p)
            ]
            # 'how many experts': a lower-ranked paragraph on the topic with a number in that unit ('21 members'); when
            # the search found none, one of the document's own ('how big was it' ranks every paragraph naming the group)
            counting_found = any(self.facts.in_asked_unit(question, p) for p in retrieval.ids)
            further = retrieval.ids[EVIDENCE_DEPTH:] if counting_found else self._scope_paragraphs(question)
            on_topic += [
                p
                for p in further
                if p not in on_topic
                and self.facts.in_asked_unit(question, p)
                and self.facts.on_topic(p, words, specifics)
            ]
        # a date (or states) is near the terms the question names when it has no other topic words ('when did
        # the NPT enter into force': 生效; 'which states are nuclear-weapon States')
        near_terms = question.answer_type in (*DATE_TYPES, "states") and not words
        named_terms = longest_terms(self.glossary.official_terms(subject)) if near_terms else []
        # … and a date near nothing the question names is no answer to it ('when did the DPRK withdraw': its
        # one subject word is not in the treaty's text, so no date there is its date)
        unmoored = (
            question.answer_type in DATE_TYPES
            and not (words or named_terms or specifics)
            and bool(vocabulary.absent)
            and bool(on_topic)
            and self.paragraphs[on_topic[0]].lang == question.lang
        )
        listed_by = words + self.glossary.official_terms(subject)  # what a list of years may count
        meeting_asked = pack(question.lang).meeting_asked
        meets_how_often = question.answer_type == "frequency" and bool(
            meeting_asked and meeting_asked.search(question.focus)
        )

        def holds(pid: str) -> bool:
            """The paragraph states a fact of the asked type on the topic (a count: of what is asked)."""
            # (a question on the adoption: the record's date is its document's, whatever the terms it names)
            near = [] if on_adoption and pid == record_id else words + named_terms
            return (
                (
                    self.facts.states_near(pid, question.answer_type or "", near, specifics)
                    # 'NPT的保存国政府是谁': who holds a role may be states, named in a sentence on it
                    or question.answer_type == "names"
                    and self.facts.states_near(pid, "states", words + named_terms, specifics)
                    or question.answer_type == "number"
                    and (self.facts.counts_by_items(question, pid) or bool(self.facts.listing(pid, listed_by)))
                    or meets_how_often
                    and self.facts.counts_sessions(pid)
                )
                and (question.answer_type != "place" or self.facts.states_beyond(pid, vocabulary.places))
                and not (
                    question.intent == "lookup"
                    and question.answer_type in DATE_TYPES
                    and self.facts.gives_only_the_asked_ones(question, pid, question.answer_type)
                )
                and (
                    question.answer_type != "number"
                    or question.intent == "yes_no"
                    or self.facts.tells_more(question, pid)
                )
                and (
                    question.answer_type != "number"
                    or pid == card_id
                    or self.facts.counts_what_is_asked(question, pid)
                    or bool(self.facts.listing(pid, listed_by))
                )
            )

        holding = [pid for pid in ([] if unmoored else on_topic) if holds(pid)]
        if not holding and (words or named_terms) and not unmoored:
            # 'when does the GA next hear how 80/53 is being implemented': a paragraph ranked below the first that
            # holds every word of the topic and states one (OP9's briefing to the Assembly on the implementation); in
            # the question's language, where its words are checked as they are, not through the glossary's names
            every_word = words + named_terms
            holding = [
                pid
                for pid in retrieval.ids[EVIDENCE_DEPTH:]
                if pid not in candidates
                and self.paragraphs[pid].lang == question.lang
                and self.facts.holds(self.paragraphs[pid], [], every_word)
                and self.facts.on_topic(pid, every_word, specifics)
                and holds(pid)
            ]
        # a value in the unit asked about ('21 members' for 'how many experts') first, then what the document
        # says before what its footnotes cite
        # ('when's that report due' after OP6: the paragraph the conversation is about, first; '还有谁': last)
        # ('and when does it report back to the GA?' after OP3's sessions: the paragraph holding more of the
        # follow-up's own words, before the one the conversation was on)
        own = [w for w in words if w in question.text] + self.glossary.official_terms(question.text)
        own = own if question.follow_up else []
        holding.sort(
            key=lambda pid: (
                not (on_adoption and pid == record_id),
                pid in question.answered,
                -sum(self.facts.holds(self.paragraphs[pid], [w], []) for w in own),
                pid not in question.previous_citations,
                not self.facts.in_asked_unit(question, pid),
                self.paragraphs[pid].kind == "footnote",
            )
        )
        if not holding:
            return TypedEvidence(missing=self.no_type_reason(question, on_topic))
        if question.intent in ("lookup", "yes_no") and (values := self.facts.values_for_all(question, holding[0])):
            # '第一届会议在日内瓦还是维也纳开': the text gives the places of the sessions together, not each one's
            return TypedEvidence(missing=f"the paragraph gives {values} for all of them together, not for each")
        if question.answer_type == "number" and (
            self.facts.one_count_for_several(question, holding[0])
            or self.facts.one_count_for_each(question, holding[0], vocabulary.places)
        ):
            # '日内瓦开几届，维也纳开几届': the text counts the sessions of both places together
            return TypedEvidence(missing="the paragraph gives one count for all of them together, not one for each")
        if question.answer_type == "number" and (share := self.facts.one_share_counted(question, holding[0])):
            # 'how many of them in Vienna': four sessions 'in Geneva and Vienna', none counted for Vienna alone
            return TypedEvidence(missing=f"the paragraph counts them all together; it gives no count for {share} alone")
        evidence = holding + [pid for pid in retrieval.ids if pid not in holding]
        if question.intent == "yes_no" and (other := self.facts.another_value(question, holding[0])):
            # 'is it to report to the 71st session?': the paragraph on it names the 72nd
            return TypedEvidence(tuple(evidence), other_value=other)
        counted_as_asked = question.answer_type == "number" and self.facts.counts_phrase(holding[0], thing)
        return TypedEvidence(
            tuple(evidence), bool(grounded), bool(specifics) and holding[0] in naming, counted_as_asked
        )

    def _scope_paragraphs(self, question: Question) -> list[str]:
        """The paragraphs of the document asked about, in its order (its text: not its record, notes or data cards)."""
        return [
            pid
            for pid, paragraph in sorted(self.paragraphs.items(), key=lambda item: item[1].order)
            if paragraph.doc_symbol == question.scope and paragraph.kind not in ("meta", "footnote", *DATA_CARD_KINDS)
        ]

    def counts_in_asked_unit(self, question: Question, pid: str) -> bool:
        """For a question that asks for a count in a unit ('多少人', 'how many experts'): the paragraph states one in
        that unit (another document's '21 members', not a resolution number or a date); else True."""
        language = pack(question.lang)
        if (
            question.intent == "yes_no"
            or question.answer_type != "number"
            and (question.answer_type is not None or question.intent != "count")
            or not any(asks.search(question.text) for asks in language.units.values())
        ):
            # ('每次开多长时间' asks for a duration, whatever it counts besides; 'are the sessions …?' counts none;
            # 'which paragraph mentions the three meetings' asks for none, 'how many operative paragraphs' does)
            return True
        return self.facts.in_asked_unit(question, pid)

    @staticmethod
    def no_type_reason(question: Question, ids: list[str]) -> str:
        """Why the paragraphs `ids` do not answer: they state no fact of the kind asked, in the asker's words."""
        language = pack(question.lang)
        labels = language.templates["list_sep"].join(
            display_label(split_citation_id(pid)[1], question.lang) for pid in ids
        )
        kind = language.reasons.get(f"kind_{question.answer_type}", question.answer_type or "")
        return language.reasons["no_type" if ids else "no_type_anywhere"].format(labels=labels, kind=kind)
