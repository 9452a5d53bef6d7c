"""The verdict: the one place that decides whether the documents answer a question (`found`), why, and which
paragraphs the answer rests on.

- Paragraphs the question names answer it (or, when they do not exist, nothing does); so do the paragraphs of the
  part a summary or count is about, and the registry for 'which documents does it cite'.
- Otherwise the question's topic must be in the documents: a number or symbol they never contain, or a thing
  (a noun) they never mention, means they do not answer it; unusual asking words never refuse a question whose
  topic is present.
- A question asking for a kind of fact (a year, a sum of money, names, a place ...) is answered only when a
  paragraph on its topic states a fact of that kind: no year near the topic, no answer to 'by which year'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.labels import display_label, without_label_refs
from assistant.language import (
    LANGUAGES,
    SPECIFIC_TYPES,
    listed_shape,
    pack,
)
from assistant.paragraph_facts import BODY_KINDS, CLAUSE, DATE_TYPES, ParagraphFacts, folded, uses_words
from assistant.question import Question, quoted_words
from assistant.relevance import TITLE, RelevanceJudge, Vocabulary
from assistant.retrieval import Retrieval
from index.documents import DATA_CARD_KINDS, Paragraph, split_citation_id
from index.glossary import Glossary, longest_terms, stem
from index.registry import aliases, defined_as, family
from index.text import YEAR, has_cjk, strip_all_spaces

_EVIDENCE_DEPTH = 3  # search hits whose text may hold the asked-for fact
_ASPECT_DEPTH = 5  # search hits that may each hold one of several kinds of fact asked about one subject
# a brief longer than this, of the paragraphs naming a term, is narrowed by the question's other words
_FEW_PARAGRAPHS = 3
# facts a named paragraph must spell out to give them (a count, a year or a time may be read off its words: 'three
# conferences', 'eighteen months'; these cannot, a day included)
_LITERAL_TYPES = frozenset({"symbol", "names", "states", "language", "money", "place", "outcome", "day"})
# ... and a year, when the question names the paragraph that should give it ('PP14 的倡议是哪一年启动的')
_NAMED_LITERAL_TYPES = _LITERAL_TYPES | {"year"}
# kinds of fact a second question in one asks for, each in its family: a time may be given as a duration
_ALSO_STATED = {"place": "place", "names": "who", "states": "who", "duration": "time"} | {d: "time" for d in DATE_TYPES}

# a name of two or more capitalized words ('Holy See', 'Treaty on the Prohibition of Nuclear Weapons')
_PROPER_NAME = re.compile(
    r"\b[A-Z][\w-]+(?:\s+(?:of|on|the|for|and|in)){0,2}\s+[A-Z][\w-]+(?:(?:\s+(?:of|on|the|for|and|in)){0,2}\s+[A-Z][\w-]+)*"
)
_RESOLUTION_NUMBER = re.compile(r"(?<![\w/])\d{2}/\d{1,3}(?![\w/])")  # '79/240', not 'A/79/93' nor a date
_QUALIFIERS = ("also", "further")  # words before a lead verb ('Also requests', 'Further requests')
_JOINED = re.compile(r"\s*(?:或者?|和|与|、|及|/|,|\bor\b|\band\b)\s*")  # verbs asked about together
_ACRONYM = re.compile(r"(?<![A-Za-z-])[A-Z]{3,}(?![A-Za-z-])")
_ROMAN = re.compile(r"[IVXLC]+")
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z.'’-]*(?:\s+[A-Za-z][A-Za-z.'’-]*)*")


@dataclass(frozen=True)
class Verdict:
    found: bool
    reason: str
    evidence: tuple[str, ...] = ()  # the ids an answer rests on, most important first
    contradicted: bool = False  # a yes-no question whose specific (a figure) the evidence does not hold: No
    off_topic: bool = False  # not answered because the document never mentions what the question is about
    grounded: bool = True  # the evidence holds the question's topic words (not only the kind of fact asked for)
    every: bool = False  # the evidence is every paragraph of a kind ('what did it decide'): the answer lists them
    words: tuple[str, ...] = ()  # a listing of a question that names no term: the words its paragraphs hold
    kind: str = ""  # the kind of fact the evidence was judged on when the question named none ('in New York?': place)


class VerdictJudge:
    def __init__(self, paragraphs: dict[str, Paragraph], judge: RelevanceJudge, glossary: Glossary) -> None:
        self.paragraphs = paragraphs
        self.judge = judge
        self.glossary = glossary
        self.facts = ParagraphFacts(paragraphs, glossary)
        self._english_texts: dict[str, str] = {}  # an English document's text, folded for name lookups
        self._citing_texts: dict[str, str] = {}  # the footnotes citing a document, joined

    def decide(self, question: Question, retrieval: Retrieval) -> Verdict:
        """The verdict on the document the question is about (its words are judged against that text)."""
        judge = self.judge.within((question.scope,)) if question.scope else self.judge
        retrieval = self._without_other_cards(question, retrieval)
        if settled := self._settled_by_the_question(question, retrieval):
            return settled
        if question.labels:
            return self._on_named(question, judge)
        if question.missing:
            return Verdict(False, "the paragraph the question names does not exist")
        if question.listed and (giving := self._giving(question)):
            # '序言部分提到了哪些编号的大会决议': every paragraph of the part that writes such a value
            return Verdict(True, f"every paragraph that gives a {question.listed}", tuple(giving), every=True)
        if question.opens:  # "how many paragraphs start with 'Underlining'": exactly those, whatever their topic
            if opening := self._opening(question, self._verb_forms(question.opens), clause=False):
                return Verdict(True, f"every paragraph that opens with '{question.opens}'", tuple(opening), every=True)
            return Verdict(False, f"no paragraph opens with '{question.opens}'")
        if question.part and (
            question.intent in ("summarize", "count") or question.intent == "enumerate" and not question.terms
        ):
            if part := self.part(question):
                return Verdict(True, "the part of the document asked about", tuple(part))
            return Verdict(False, "the document has no such part", off_topic=True)  # 'the NPT's operative part'
        if not retrieval.hits:
            return Verdict(False, "nothing is indexed")
        if question.lead and (opening := self._opening_with(question, judge)):
            reason = f"every paragraph that opens with '{question.lead}' on the topic"
            return Verdict(True, reason, tuple(opening), every=True)
        subject = self._subject(question, judge)
        vocabulary = self._with_card_words(question, judge.vocabulary(subject))
        where = vocabulary.places or question.answer_type == "place"
        if question.asks_reason and where and question.intent in ("lookup", "yes_no"):
            # 'why was Vienna chosen', '为什么在纽约开会': a resolution says where a body meets, never why there
            return Verdict(False, "the documents say where, not why there")
        if vocabulary.asked_absent and not question.answer_type:
            # 'which room', '哪几种工作语言': a kind of thing the text never names, and no type to find one by
            return Verdict(False, f"the documents never mention: {', '.join(vocabulary.asked_absent)}", off_topic=True)
        # 'when is the GSTE due to report': a body, treaty or office named in Latin script (whose words are known
        # by the glossary only) that the document never names by any of its names
        latin = " ".join(_LATIN_RUN.findall(subject))
        spelled = [t for t in self.glossary.terms() if t.isascii() and self.glossary.is_official(t) and t in latin]
        latin_terms = self.glossary.official_terms(latin, vocabulary=False) + spelled  # 'GSTE'; 'Vienna' as such
        unnamed = [t for t in latin_terms if not judge.names_term(t)]
        unnamed += self._names_not_in(question.scope or "", subject)
        unnamed += self._chinese_names_not_in(question.scope or "", subject, judge)
        # an acronym neither the documents nor the glossary know names what they do not hold ('the CTBT', 'New START')
        unnamed += [
            a
            for a in _ACRONYM.findall(subject)
            if a not in self.glossary.terms() and not judge.names_term(a) and not _ROMAN.fullmatch(a)
        ]
        if unnamed and not self._card(question):
            return Verdict(False, f"the documents never mention: {', '.join(unnamed)}", off_topic=True)
        if question.aspects and (covering := self._covering(question, retrieval)):
            # 'compare the two groups: size, venue, sessions': the paragraph stating each, in the text's order
            return Verdict(True, "a paragraph for each kind of fact asked", tuple(covering))
        present = [w for w in vocabulary.words if w not in vocabulary.absent and w not in vocabulary.unchecked]
        # 'summarize what it asks the SG', 'what does it say on capacity-building? a rundown': each paragraph on it
        listing = question.intent in ("enumerate", "count", "summarize") and not self._card(question)  # the card's list
        if (
            question.intent == "enumerate"
            and question.answer_type == "request"
            and not (vocabulary.absent or vocabulary.unchecked)
        ):
            # 'what does 80/53 request of the Group', '请秘书长做的事': the paragraphs whose request is made of it
            asks = pack(question.lang).answer_type("request")
            said = asks.asks.search(question.focus) if asks else None
            asked = question.focus[said.start() :] if said else ""  # the one asked is named from the asking on
            named = [w for w in present if w in asked] + self.glossary.official_terms(asked)
            if named and (
                addressed := [
                    pid for pid in self.part(replace(question, part="OP")) if self.facts.addressed_to(pid, named)
                ]
            ):
                return Verdict(True, "every request made of the one named", tuple(addressed), every=True)
        # 'brief me on everything 80/53 says about gender': a topic named by the glossary's words only
        glossary_words = [t for t in self.glossary.terms() if t.isascii() and uses_words(subject, t)]
        on = present or ([] if question.terms else glossary_words)
        if listing and (listed := self._on_each(question, subject, on) or self.mentions(question, on)):
            # a list of facts of a kind the paragraphs must spell out ('政府专家组提出了哪些建议'): those that do
            # ('where' in a list of paragraphs is where in the text)
            kinds = [k for k in self._literal_kinds(question) if question.intent == "enumerate" and k != "place"]
            stating = [pid for pid in listed if all(self.facts.states(pid, k) for k in kinds)]
            if not stating:
                return Verdict(False, self._no_type_reason(replace(question, answer_type=kinds[0]), listed[:3]))
            listed = stating
            if question.intent == "summarize" and question.terms and len(listed) > _FEW_PARAGRAPHS:
                # 'brief me on the GSTE's objectives': of the many paragraphs naming the Group, those on the rest
                listed = self._beside_terms(listed, question.terms, subject, present) or listed
            if unlisted := self._unlisted(question, retrieval.ids):  # ranked on the whole question, qualifiers too
                return Verdict(False, unlisted, off_topic=True)  # another document may list them
            matched = () if question.terms else tuple(present)
            own = not vocabulary.absent and not vocabulary.unchecked
            reason = "every paragraph that uses the words asked about"
            return Verdict(True, reason, tuple(listed), grounded=own, words=matched)
        if unknown := judge.unknown_specifics(subject):
            if question.intent == "yes_no" and not any(u.startswith("《") or " " in u for u in unknown):
                # 'capped at 30 members?': the text's own figure says no; a treaty it never names is no figure
                return Verdict(True, f"the documents give no {', '.join(unknown)}", tuple(retrieval.ids), True)
            return Verdict(False, f"not in the documents: {', '.join(unknown)}", off_topic=True)
        topic = [w for w in vocabulary.words if w not in vocabulary.absent]
        absent_places = vocabulary.absent_places if vocabulary.absent_names == vocabulary.absent_places else []
        other_places = absent_places if len(topic) > 1 else []
        if english_place := self._other_place(question, vocabulary):
            other_places = [*other_places, english_place]
        if question.intent == "yes_no" and (contrary := self._contrary(question)):
            # 'do the GSTE experts represent their governments?': 80/53 has them sit in their personal capacity
            return Verdict(True, f"the paragraph on it states the contrary ({contrary[1]})", contrary[:1], True)
        if question.intent == "yes_no" and other_places:
            # 'does the group meet in New York?': the text names the place on that topic, and it is another one
            on_topic = [
                pid for pid in retrieval.ids[:_EVIDENCE_DEPTH] if self.facts.states_near(pid, "place", topic, [])
            ]
            if on_topic:
                reason = f"the documents give no {', '.join(other_places)}"
                return Verdict(True, reason, tuple(on_topic), True, kind="place")
        exclusive = pack(question.lang).exclusive
        if question.intent == "yes_no" and exclusive and exclusive.search(question.focus) and vocabulary.places:
            # 'are the sessions held only in Geneva?': the paragraph naming Geneva names Vienna beside it
            for pid in retrieval.ids[:_EVIDENCE_DEPTH]:
                if other := self.facts.place_besides(pid, vocabulary.places):
                    reason = f"the paragraph on it gives {other} too"
                    return Verdict(True, reason, (pid,), contradicted=True, kind="place")
        if question.intent == "yes_no" and len(topic) > 1 and (kind := self._kind_of_names(vocabulary)):
            # '是挪威和美国的倡议吧', '是不是鼓励安理会去处理…': the paragraph on that topic names other states or
            # bodies than the one the documents never mention
            on_topic = [
                pid
                for pid in retrieval.ids[:_EVIDENCE_DEPTH]
                if self.facts.states(pid, kind) and self.facts.on_topic(pid, topic, [])
            ]
            if on_topic:
                reason = f"the documents give no {', '.join(vocabulary.absent_names)}"
                return Verdict(True, reason, tuple(on_topic), True, kind=kind)
        if vocabulary.absent_names:
            return Verdict(False, f"the documents never mention: {', '.join(vocabulary.absent_names)}", off_topic=True)
        card_states = f"{question.scope}:{self._card(question)}" in self.paragraphs  # the vote, for a vote question
        if (
            question.lang == "en"
            and not card_states
            and len(vocabulary.absent) * 2 > len(vocabulary.words) + vocabulary.glossary_terms
        ):
            # English words are known through the glossary only: when most are unknown, the subject is not there
            return Verdict(False, f"the documents never use: {', '.join(vocabulary.absent)}", off_topic=True)
        # a follow-up's referent: the numbers and symbols of the question it follows ('62/21' ... '它')
        # ('序言第10段提到的62/21号决议…': 62/21, not the 10 of the label)
        specifics = judge.known_specifics(without_label_refs(question.search) if question.follow_up else subject)
        if not topic and not vocabulary.glossary_terms and not specifics:
            # 'what is its title?' — but not '它有多少提案国': a word the record does not hold names another fact
            # English is known by the glossary only; a word naming a kind of fact ('标题') asks, it names nothing
            asking = pack(question.lang).answer_types
            chinese_absent = [
                w for w in vocabulary.absent if not w.isascii() and not any(a.asks.search(w) for a in asking)
            ]
            if question.answer_type and not chinese_absent and (card := self._card_stating(question)):
                return Verdict(True, "a fact about the document itself", (card,))
            return Verdict(False, "the question names no subject the documents hold")
        named = topic + vocabulary.asked_absent + self.glossary.official_terms(subject)
        if (data_card := self.paragraphs.get(f"{question.scope}:{self._card(question)}")) and (
            left_out := self._left_out(data_card, named)
        ):
            return Verdict(False, left_out)  # 'which states were absent': the card says it does not list them
        evidence = list(retrieval.ids)
        by_specifics = False  # the evidence holds the question's own numbers and symbols ('79/240'): its topic
        # a card's fact is one fact however it is asked ('list the abstainers', 'how many states abstained')
        card_fact = bool(self._card(question)) and question.intent in ("enumerate", "count")
        if question.answer_type in SPECIFIC_TYPES and (question.intent in ("lookup", "yes_no", "locate") or card_fact):
            # and a follow-up's paragraph from the turn before ('执行部分第7段讲什么' … '那它哪年开会')
            candidates = retrieval.ids[:_EVIDENCE_DEPTH] + [
                pid for pid in question.previous_citations if pid in retrieval.ids[_EVIDENCE_DEPTH:]
            ]
            # a follow-up bound to the earlier question's numbers ('62/21' ... '它') needs only those
            # the places an English question names through the glossary are its topic too ('the Norway-UK
            # initiative': 挪威)
            words = [] if question.follow_up and specifics else topic + [p for p in vocabulary.places if p not in topic]
            if question.intent == "yes_no":  # the figure a yes-no question checks is no topic ('capped at 21?')
                specifics = [s for s in specifics if not s.isdigit()]
            # the card that states this kind of fact (the vote) is on its topic, whatever the words
            card_id = f"{question.scope}:{self._card(question)}"
            on_document = card_id in self.paragraphs and (card_fact or self._on_card(card_id, words))
            if on_document and card_id not in candidates:
                candidates.append(card_id)  # '在大会全体会议上，表决结果如何': however the search ranked it
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
                on_topic = grounded or (naming if specifics else candidates[:1])
            if question.answer_type == "number":  # '几项目标': the paragraph whose items count them is on it
                on_topic = on_topic + [
                    p for p in retrieval.ids if p not in on_topic and self.facts.counts_by_items(question, p)
                ]
                # 'how many experts': a lower-ranked paragraph on the topic with a number in that unit ('21 members')
                on_topic += [
                    p
                    for p in retrieval.ids[_EVIDENCE_DEPTH:]
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

            def holds(pid: str) -> bool:
                """The paragraph states a fact of the asked type on the topic (a count: of what is asked)."""
                return (
                    (
                        self.facts.states_near(pid, question.answer_type or "", words + named_terms, specifics)
                        or question.answer_type == "number"
                        and (self.facts.counts_by_items(question, pid) or bool(self.facts.listing(pid, listed_by)))
                    )
                    and (question.answer_type != "place" or self.facts.states_beyond(pid, vocabulary.places))
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
            # a value in the unit asked about ('21 members' for 'how many experts') first, then what the document
            # says before what its footnotes cite
            holding.sort(
                key=lambda pid: (not self.facts.in_asked_unit(question, pid), self.paragraphs[pid].kind == "footnote")
            )
            if not holding:
                return Verdict(False, self._no_type_reason(question, on_topic))
            if question.intent in ("lookup", "yes_no") and (values := self.facts.values_for_all(question, holding[0])):
                # '第一届会议在日内瓦还是维也纳开': the text gives the places of the sessions together, not each one's
                return Verdict(False, f"the paragraph gives {values} for all of them together, not for each")
            if question.answer_type == "number" and (
                self.facts.one_count_for_several(question, holding[0])
                or self.facts.one_count_for_each(question, holding[0], vocabulary.places)
            ):
                # '日内瓦开几届，维也纳开几届': the text counts the sessions of both places together
                return Verdict(False, "the paragraph gives one count for all of them together, not one for each")
            evidence = holding + [pid for pid in evidence if pid not in holding]
            if not grounded:
                topic = []  # the evidence states the kind of fact asked for, not on the topic's own words
                by_specifics = bool(specifics) and holding[0] in naming
            if question.intent == "yes_no" and (other := self.facts.another_value(question, holding[0])):
                # 'is it to report to the 71st session?': the paragraph on it names the 72nd
                return Verdict(True, f"the paragraph on it gives {other}", tuple(evidence), contradicted=True)
        if question.intent == "lookup" and evidence and question.answer_type and not self._card(question):
            # 'when was the IPNDV launched and by which countries': the paragraph answering states each kind asked
            family = _ALSO_STATED.get(question.answer_type)
            stated_kinds = [k for k in question.also_types if k in _ALSO_STATED and _ALSO_STATED[k] != family]
            if unstated := [k for k in stated_kinds if not self.facts.states(evidence[0], k)]:
                return Verdict(False, self._no_type_reason(replace(question, answer_type=unstated[0]), evidence[:1]))
        if question.intent == "lookup" and evidence and (unlisted := self._unlisted(question, evidence)):
            return Verdict(False, unlisted, off_topic=True)  # another document may list them
        reason = f"the topic is in the documents ({', '.join(topic[:4]) or 'named terms'})"
        # grounded: every word of the topic is this document's own, as far as its language lets it be checked (what
        # another document must be to answer a question not put to it)
        named_only = not topic and vocabulary.glossary_terms > 0  # every Latin-script term checked above
        # one English word of many the document lacks is wording ('is supposed to'), not another subject
        wording = len(vocabulary.absent) == 1 and len(topic) >= 3 and vocabulary.absent[0].isascii()
        own = (bool(topic) or named_only or by_specifics) and (not vocabulary.absent or wording)
        own = own and not vocabulary.unchecked
        if question.intent == "lookup" and not question.answer_type and question.terms:
            # 'who are the depositary governments': the paragraph that designates them says who, first
            defining = [pid for pid in evidence if self.facts.defines(pid, question.terms)]
            evidence = defining + [pid for pid in evidence if pid not in defining]
        # 'what does 80/53 say about avoiding duplication': the paragraphs found that use a word of it (or a
        # glossary word it spells: 'duplication'), each at it
        touched = [*topic, *(t for t in glossary_words if t not in topic)]
        if question.intent == "summarize" and not question.part and (on := self.facts.touching(evidence, touched)):
            return Verdict(True, reason, tuple(on), grounded=own, words=tuple(touched))
        return Verdict(True, reason, tuple(evidence), grounded=own)

    def _settled_by_the_question(self, question: Question, retrieval: Retrieval) -> Verdict | None:
        """The verdicts the kind of question settles before its topic is looked for: the registry answers 'which
        documents does it cite'; an opinion, the reason for a vote, another body's vote or what happened after
        adoption are not in a resolution; None for every other question."""
        if question.intent == "cited_documents" and retrieval.registry:
            return Verdict(True, "the registry of cited documents", tuple(retrieval.ids))
        if question.intent == "opinion":
            return Verdict(False, "the documents say what the resolution says, not what anyone thinks of it")
        if question.asks_reason and self._card(question):
            return Verdict(False, "the recorded vote says how each state voted, not why")
        if body := self._other_voting_body(question):  # 'the First Committee vote': the card is the plenary's
            what = "recorded vote" if self._card(question) else "date of adoption the record gives"
            return Verdict(False, f"the {what} is not that of {body}", off_topic=True)
        if self._card(question) and (other := self._other_resolution(question)):  # '79/240 是投票通过的吗'
            return Verdict(False, f"the recorded vote is that of {question.scope}, not of {other}", off_topic=True)
        if (
            question.asks_later
            and question.intent in ("lookup", "yes_no", "enumerate")
            or question.asks_event  # 'did the GGE adopt its report by consensus': what others did, not the vote
            and not self._card(question)
        ):
            # a document says what was decided when it was adopted; a later document may tell what followed
            return Verdict(False, "the document cannot say what happened after it was adopted", off_topic=True)
        return None

    def _on_named(self, question: Question, judge: RelevanceJudge) -> Verdict:
        """A question naming its paragraphs is answered by them, unless it asks for a kind of fact they do not spell
        out, a year they do not give, or a thing they never name."""
        if elsewhere := self._other_document_named(question, judge):
            # 'Summarize Article 5 of New START', '《全面禁止核试验条约》第四条': another document's
            return Verdict(False, f"the documents never mention: {', '.join(elsewhere)}", off_topic=True)
        # every literal kind of fact it asks for ('where and on which dates': the place too)
        missing = [
            kind
            for kind in dict.fromkeys([question.answer_type or "", *self._literal_kinds(question)])
            if kind in _NAMED_LITERAL_TYPES
            and not any(self.facts.states(pid, kind) for pid in question.labels)
            # 'by when': a time it may be read off ('not later than eighteen months from …')
            and not (kind == "year" and any(self.facts.states(pid, "duration") for pid in question.labels))
            # a count of a thing the paragraphs neither count nor name ('第7段的小组来自多少个国家')
            or kind == "number"
            and not any(self.facts.counts_what_is_asked(question, pid, or_names=True) for pid in question.labels)
        ]
        if question.intent == "lookup" and missing:  # 'the report OP6 asks for: its symbol?': none stated
            return Verdict(
                False, self._no_type_reason(replace(question, answer_type=missing[0]), list(question.labels))
            )
        subject = self._subject(question, judge)
        # '裁审会2018年是怎么落实OP5的': a year the named paragraphs do not give (nor the records of their
        # documents: '2016年那份决议的OP5' names the document) asks of something else
        records = [self.paragraphs.get(f"{self.paragraphs[pid].doc_symbol}:META") for pid in question.labels]
        named_text = "".join([self.paragraphs[pid].text for pid in question.labels] + [r.text for r in records if r])
        other_years = [y for y in dict.fromkeys(YEAR.findall(subject)) if y not in named_text]
        if question.intent != "yes_no" and other_years:
            return Verdict(False, f"the paragraphs the question names give no {', '.join(other_years)}")
        named_vocabulary = judge.vocabulary(subject)
        if not question.answer_type and named_vocabulary.asked_absent:
            # 'OP3 提到的核查工具具体是哪些设备型号': a kind of thing the paragraph named does not name
            return Verdict(False, f"the documents never mention: {', '.join(named_vocabulary.asked_absent)}")
        if question.intent == "lookup" and named_vocabulary.absent_places:  # '第6段的意见里中国说了什么'
            return Verdict(False, f"the documents never mention: {', '.join(named_vocabulary.absent_places)}")
        return Verdict(True, "the paragraphs the question names", question.labels)

    def _beside_terms(self, ids: list[str], terms: tuple[str, ...], subject: str, words: list[str]) -> list[str]:
        """Of paragraphs listed for naming a term most of them name (the Group, in 80/53), those that name another
        term asked about or use another word of the question ('experts' outside 'Group of Scientific and
        Technical Experts'; 'report', 'members' for 'composition')."""
        names = {t: sorted({folded(f) for f in (t, *self.glossary.forms(t))}, key=len, reverse=True) for t in terms}
        broad = [
            t
            for t in terms
            if sum(any(n in folded(self.paragraphs[p].text) for n in names[t]) for p in ids) > _FEW_PARAGRAPHS
        ]
        asking = pack("en").vocabulary.asking
        english = [w for w in re.findall(r"[A-Za-z][A-Za-z-]{3,}", subject) if w.lower() not in asking]
        forms = {
            folded(f)
            for w in [*words, *english]
            for f in (w, *self.glossary.forms(w), *self.glossary.official_terms(w))
        }
        forms |= {n for t in terms if t not in broad for n in names[t]}
        beside = []
        for pid in ids:
            text = folded(self.paragraphs[pid].text)
            for name in (n for t in broad for n in names[t]):
                text = text.replace(name, " ")
            if any(form in text for form in forms if len(form) > 1):
                beside.append(pid)
        return beside

    def _covering(self, question: Question, retrieval: Retrieval) -> list[str]:
        """For each kind of fact a question lists, the best-ranked paragraph of its document that states one, in
        document order; [] when some kind has none."""
        found: list[str] = []
        ranked = [pid for pid in retrieval.ids[:_ASPECT_DEPTH] if split_citation_id(pid)[0] == question.scope]
        # then, in the text's order, its paragraphs naming the subject: the question's terms, or the group the
        # document sets up by any of its names ('consisting of 21 members' for the size of 80/53's group)
        names = [f for t in (*question.terms, *aliases(question.scope or "")) for f in self.glossary.forms(t)]
        naming = [
            pid
            for pid, paragraph in sorted(self.paragraphs.items(), key=lambda item: item[1].order)
            if paragraph.doc_symbol == question.scope and any(self.facts.has(paragraph.text, n) for n in names)
        ]
        for kind, asked in question.aspects:
            stating = next(
                (pid for pid in [*ranked, *naming] if self.facts.states_aspect(pid, kind, asked, question.lang)), None
            )
            if stating is None:
                return []
            if stating not in found:
                found.append(stating)
        return sorted(found, key=lambda pid: self.paragraphs[pid].order)

    def _unlisted(self, question: Question, ids: list[str]) -> str:
        """Why a question asking for things one by one is not answered: the paragraphs found name them but none
        lists them (a report 'outlining general principles' does not say which); '' when one does or none is
        asked."""
        asked = self._items_asked(question)
        if asked is None:
            return ""
        thing, forms = asked
        if any(self.facts.lists_items(pid, forms) for pid in ids[:_EVIDENCE_DEPTH]):
            return ""
        naming = [
            pid for pid in ids[:_EVIDENCE_DEPTH] if any(self.facts.has(self.paragraphs[pid].text, f) for f in forms)
        ]
        if len(naming) != 1:
            return ""  # not named (the other checks decide), or one in each of several paragraphs ('which sessions')
        label = display_label(split_citation_id(naming[0])[1], question.lang)
        return pack(question.lang).reasons["unlisted"].format(labels=label, thing=thing)

    def _items_asked(self, question: Question) -> tuple[str, list[str]] | None:
        """The things a question asks to be named one by one ('which principles', '原则具体是哪几条') with their
        words in each language the documents use; None when it asks for none, or for the text's own paragraphs or
        a typed value (states, bodies: their own checks)."""
        language = pack(question.lang)
        said = language.items_asked.search(question.focus) if language.items_asked else None
        if said is None or question.answer_type or question.labels:
            return None
        thing = next(g for g in said.groups() if g)
        if question.lang == "zh" and len(tail := re.split("[的里中]", thing)[-1]) >= 2:
            thing = tail  # '报告里的核查原则': the 核查原则
        if language.counted_paragraphs.search(thing):
            return None
        head = thing if question.lang == "en" else thing[-2:]  # '核查一般原则': its head noun, 原则
        forms = [stem(head), *(f for t in self.glossary.terms() if thing.endswith(t) for f in self.glossary.forms(t))]
        return thing, sorted(set(forms))

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

    def _opening_with(self, question: Question, judge: RelevanceJudge) -> list[str]:
        """The paragraphs of the document with a clause that opens with the verb asked about ('Decides', 决定;
        '…，并重申核武器国家明确承诺' too), in document order; those on the question's topic when it names one. None
        when no such paragraph is on the topic."""
        forms = {f for verb in _JOINED.split(question.lead) if verb for f in self._verb_forms(verb)}  # '回顾或欢迎'
        stems = {stem(form) for form in forms if form.isascii()}
        opening = self._opening(question, forms, clause=True)
        subject = self._subject(question, judge)
        # the official names the document's own record uses (its title, its author: 'the General Assembly … on
        # nuclear disarmament verification') name the document, not a topic within it
        record = self.paragraphs.get(f"{question.scope}:META")
        named = [
            term
            for term in self.glossary.official_terms(subject, vocabulary=False)
            if not (
                record
                and any(self.facts.has(record.text, f) for f in [term, *self.glossary.renderings(term, record.lang)])
            )
        ]
        words = judge.vocabulary(subject).words + named
        topic = [w for w in words if w not in forms and stem(w) not in stems]
        specifics = judge.known_specifics(question.focus)
        on_topic = [pid for pid in opening if self.facts.on_topic(pid, topic, specifics)]
        return on_topic if topic or specifics else opening

    def _verb_forms(self, verb: str) -> set[str]:
        """A lead verb in both languages ('Stressing', 强调): the glossary's renderings and the packs' lead verbs."""
        forms = {verb, *self.glossary.renderings(verb, "en"), *self.glossary.renderings(verb, "zh")}
        for code in LANGUAGES:
            for verbs in pack(code).lead_verbs.values():
                for source, target in verbs.items():
                    # 'Also requests': the verb is the word after its qualifier
                    head = next((w for w in target.split() if w.lower() not in _QUALIFIERS), target)
                    if verb == source or stem(verb) == stem(head):
                        forms |= {source, head}
        return forms

    def _opening(self, question: Question, forms: set[str], *, clause: bool) -> list[str]:
        """The paragraphs of the document (of the part asked about, if any), in order, that open with one of
        `forms` after 'Also'/又 — or, with `clause`, have a clause that does ('…，并重申核武器国家明确承诺')."""
        english = "|".join(re.escape(s) for s in sorted({stem(f) for f in forms if f.isascii()}, key=len, reverse=True))
        chinese = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True) if not f.isascii())
        en_start, zh_start = (r"(?:^|[,;]\s*(?:and\s+)?)", "(?:^|[，；,;])") if clause else ("^", "^")
        patterns = {
            "en": re.compile(rf"{en_start}(?:also\s+|further\s+)?(?:{english})[a-z]*\b", re.IGNORECASE)
            if english
            else None,
            "zh": re.compile(rf"{zh_start}(?:又|还|并|再次|另)?(?:{chinese})") if chinese else None,
        }
        kinds = {"OP": ("operative",), "PP": ("preambular",)}.get(question.part or "", ("preambular", "operative"))
        return [
            pid
            for pid, p in sorted(self.paragraphs.items(), key=lambda item: item[1].order)
            if p.doc_symbol == question.scope
            and p.kind in kinds
            and (pattern := patterns.get(p.lang))
            and pattern.search(p.text)
        ]

    def _subject(self, question: Question, judge: RelevanceJudge) -> str:
        """The asking sentence without the words that name the kind of answer ('截止日期', '全称', 'which year'):
        what is left is the topic the documents must hold. A follow-up with no words of its own takes the
        earlier question's."""
        language = pack(question.lang)
        answer_type = language.answer_type(question.answer_type or "")

        def asked(text: str) -> str:
            asking = text
            if answer_type:
                asking = answer_type.asks.sub(" ", asking)
            if question.intent in language.intents:  # 'brief me on everything it says about': how, not what
                asking = language.intents[question.intent].sub(" ", asking)
            # the numbers and symbols inside the asking words stay ('when was resolution 78/22 adopted')
            if asking == text or not re.search(r"\d", text):
                return asking
            lost = [s for s in judge.known_specifics(text) + judge.unknown_specifics(text) if s not in asking]
            return " ".join([asking, *lost])

        focus = asked(question.focus)
        if question.intent == "locate" and (quoted := quoted_words(focus)):
            return " ".join(quoted)  # '“…”这句出自哪一段': the words quoted, whatever frames them
        if question.follow_up:
            # a follow-up with no words of the text's own ('他另外还被请做什么') takes the earlier question's
            own = judge.vocabulary(focus)
            if not [w for w in own.words if w not in own.absent]:
                return asked(question.search)
        return focus

    def _other_document_named(self, question: Question, judge: RelevanceJudge) -> list[str]:
        """The names of documents a question naming paragraphs gives that the document read never uses: a 《title》
        or an English proper name."""
        subject = without_label_refs(self._subject(question, judge))
        placeholder = pack(question.lang).templates["this_document"]
        titles = [t for t in TITLE.findall(subject) if t[1:-1].strip() != placeholder and not judge.names_term(t[1:-1])]
        return titles + self._names_not_in(question.scope or "", subject)

    def _names_not_in(self, symbol: str, subject: str) -> list[str]:
        """The proper names of an English question ('the Treaty on the Prohibition of Nuclear Weapons') that an
        English document never uses (a Chinese text is checked by the glossary's names only)."""
        text = self._english_text(symbol)
        if not text:
            return []
        asking = pack("en").vocabulary.asking
        names = []
        for found in _PROPER_NAME.findall(subject):
            words = found.split()
            while words and words[0].lower() in asking:  # 'What UNTS volume': the question's own first word
                words.pop(0)
            name = " ".join(words)
            if _PROPER_NAME.fullmatch(name) and strip_all_spaces(name).lower() not in text:
                names += [] if self.glossary.official_terms(name, vocabulary=False) else [name]
        return names

    def _chinese_names_not_in(self, symbol: str, subject: str, judge: RelevanceJudge) -> list[str]:
        """The official Chinese names a question uses ('安理会') that an English document never uses by any of their
        English names ('Security Council'), nor the footnotes citing it ('《条约汇编》', where the NPT is published)."""
        if not self._english_text(symbol):
            return []
        if symbol not in self._citing_texts:
            footnotes = [p.text for p in self.paragraphs.values() if p.kind == "footnote" and symbol in p.cites]
            self._citing_texts[symbol] = "".join(footnotes)
        citing = self._citing_texts[symbol]
        spelled = [
            t
            for t in self.glossary.terms()
            if has_cjk(t) and t in subject and any(self.glossary.is_official(f) for f in self.glossary.forms(t))
        ]
        return [
            t
            for t in longest_terms(spelled)
            if (english := [f for f in self.glossary.forms(t) if f.isascii()])
            and not any(judge.names_term(f) for f in english)
            and not any(self.facts.has(citing, f) for f in self.glossary.forms(t))
        ]

    def _english_text(self, symbol: str) -> str:
        """The document's own text without spaces, lower-cased, when it is English (once per document); else ''."""
        if symbol not in self._english_texts:
            own = [p for p in self.paragraphs.values() if p.doc_symbol == symbol and p.kind not in DATA_CARD_KINDS]
            english = bool(own) and all(p.lang == "en" for p in own)
            self._english_texts[symbol] = strip_all_spaces(" ".join(p.text for p in own)).lower() if english else ""
        return self._english_texts[symbol]

    @staticmethod
    def _other_place(question: Question, vocabulary: Vocabulary) -> str:
        """The place an English question names ('in New York') when the documents use none of its words."""
        shape = pack("en").answer_type("place") if question.lang == "en" else None
        match = shape.shape.search(question.focus) if shape else None
        if match is None:
            return ""
        words = match.group(0).split()[1:]  # without 'in' / 'at'
        return " ".join(words) if words and all(w in vocabulary.absent for w in words) else ""

    @staticmethod
    def _literal_kinds(question: Question) -> list[str]:
        """The kinds of fact the question asks for that a paragraph must spell out to give (not a count or a date,
        which may be read off its words)."""
        language = pack(question.lang)
        return [a.name for a in language.answer_types if a.name in _LITERAL_TYPES and a.asks.search(question.focus)]

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

    def _left_out(self, card: Paragraph, topic: list[str]) -> str:
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

    def _card(self, question: Question) -> str:
        """The data card that states the kind of fact asked for ('VOTE' for how the vote went), if any."""
        answer_type = pack(question.lang).answer_type(question.answer_type or "")
        return answer_type.card if answer_type else ""

    def _on_card(self, card_id: str, topic: list[str]) -> bool:
        """Every topic word the card's language can be checked for is on the card or in its document's record: the
        state asked about ('did the USA support it'), the document's title ('中国对核裁军核查决议投的什么票')."""
        card = self.paragraphs[card_id]
        record = self.paragraphs.get(f"{card.doc_symbol}:META")
        texts = [card.text] + ([record.text] if record else [])
        return all(
            any(self.facts.has(t, f) for t in texts for f in names) for names in self.facts.forms(topic, card.lang)
        )

    def _other_voting_body(self, question: Question) -> str:
        """For a question on the vote, or on the day or meeting of adoption, that names a body (a committee, a
        conference): that body, when neither the card nor the clause of the document's record that dates the
        adoption names it ('第一委员会': the record says the report came from it; the vote and the day it gives are
        the General Assembly's); else ''."""
        card = self.paragraphs.get(f"{question.scope}:{self._card(question)}") if self._card(question) else None
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
    def _other_resolution(question: Question) -> str:
        """A resolution's number the question names other than its document's ('79/240' over 71/67), or ''."""
        own = (question.scope or "").rsplit("/", 2)[-2:]
        return next((n for n in _RESOLUTION_NUMBER.findall(question.text) if n.split("/") != own), "")

    def _without_other_cards(self, question: Question, retrieval: Retrieval) -> Retrieval:
        """A data card (the vote) is evidence for the kind of fact it holds only: a question on what the
        resolution says of China is not answered with China's vote."""
        card = self._card(question)
        hits = [
            h for h in retrieval.hits if self.paragraphs[h.id].kind not in DATA_CARD_KINDS or h.id.endswith(f":{card}")
        ]
        return retrieval if len(hits) == len(retrieval.hits) else replace(retrieval, hits=hits)

    def _with_card_words(self, question: Question, vocabulary: Vocabulary) -> Vocabulary:
        """For a question the data card answers, the names in its table are the document's words too ('did
        Germany vote for it': the card's table has Germany, its text 德国)."""
        card = self.paragraphs.get(f"{question.scope}:{self._card(question)}")
        if card is None or not card.table:
            return vocabulary
        cells = {cell.lower() for row in card.table for cell in row}
        known = {w for w in vocabulary.absent if w.lower() in cells or w in card.text}
        if not known:
            return vocabulary
        return replace(
            vocabulary,
            absent=[w for w in vocabulary.absent if w not in known],
            absent_names=[w for w in vocabulary.absent_names if w not in known],
            absent_places=[w for w in vocabulary.absent_places if w not in known],
        )

    def _card_stating(self, question: Question) -> str | None:
        """The document's record (META) or the data card of the kind asked for that states the fact."""
        cards = [f"{question.scope}:{label}" for label in ("META", self._card(question)) if label]
        return next(
            (c for c in cards if c in self.paragraphs and self.facts.states(c, question.answer_type or "")), None
        )

    # -- evidence --------------------------------------------------------------------------------------------
    def part(self, question: Question) -> list[str]:
        """The paragraphs of the part (operative, preambular, whole body) of the document asked about."""
        kinds = {
            "OP": ("operative",),
            "PP": ("preambular",),
            "FN": ("footnote",),
            "ART": ("article",),
            "ALL": ("preambular", "operative"),
        }
        wanted = kinds.get(question.part or "ALL", ())
        return [pid for pid, p in self.paragraphs.items() if p.doc_symbol == question.scope and p.kind in wanted]

    def _giving(self, question: Question) -> list[str]:
        """The paragraphs of the part asked about (else of the body) that write a value of the kind listed."""
        shapes = {code: listed_shape(code, question.listed or "") for code in LANGUAGES}
        body = self.part(question) + (self.part(replace(question, part="FN")) if not question.part else [])
        giving = [
            pid
            for pid in sorted(body, key=lambda pid: self.paragraphs[pid].order)
            if (shape := shapes.get(self.paragraphs[pid].lang)) and shape.search(self.paragraphs[pid].text)
        ]
        # those holding the terms it names ('NPT 审议大会最后文件的文号'); the body that adopted the document (its
        # record names it) is none: every paragraph is its ('GA resolutions', '大会决议')
        record = self.paragraphs.get(f"{question.scope}:META")
        terms = [t if t.isascii() else strip_all_spaces(t) for t in question.terms]
        terms = [t for t in terms if record is None or not self.facts.holds(record, [t], [])]
        return [pid for pid in giving if self.facts.holds(self.paragraphs[pid], terms, [])] if terms else giving

    def mentions(self, question: Question, topic: list[str] | None = None) -> list[str]:
        """Every paragraph of the document (footnotes only when asked for) holding one of the question's exact
        terms, in document order; operative paragraphs only for 'what does it request'. A question that names no
        term ('提到能力建设的地方有哪些') lists the paragraphs holding all its `topic` words."""
        terms = [t if t.isascii() else strip_all_spaces(t) for t in question.terms]
        if not terms and not topic:
            return []
        kinds = {"operative"} if question.answer_type == "request" else set(BODY_KINDS)
        if question.part == "FN":
            kinds = {"footnote"}
        elif question.part in ("OP", "PP"):
            kinds = {"operative" if question.part == "OP" else "preambular"}
        ordered = [p for _, p in sorted(self.paragraphs.items(), key=lambda item: item[1].order)]
        cited = self._citing(question, ordered) if question.about else set()
        return [
            p.id
            for p in ordered
            if p.doc_symbol == question.scope
            and (p.kind in kinds and self.facts.holds(p, terms, topic or []) or p.id in cited)
            and (not question.part or p.kind in kinds)  # '哪些序言段落提到…': the part's own, not its footnotes
        ]

    def _on_each(self, question: Question, subject: str, words: list[str]) -> list[str]:
        """A brief on several topics joined ('gender + geographic balance', '性别和地域分配'): the paragraphs on any of
        them, each holding one's terms or all its words, in document order; [] when it names one topic."""
        joiner = pack(question.lang).topic_joiner
        if question.intent != "summarize" or joiner is None:
            return []
        # each part by its terms ('capacity-building', in any of their names) or else by its words
        named = [*question.terms, *(t for t in self.glossary.terms() if t.isascii() and uses_words(subject, t))]
        parts = [
            (tuple(t for t in named if any(self.facts.has(part, f) for f in self.glossary.forms(t))), part)
            for part in joiner.split(subject)
        ]
        groups = [(terms, [] if terms else [w for w in words if w in part]) for terms, part in parts]
        groups = [(terms, group) for terms, group in groups if terms or group]
        if len(groups) < 2:
            return []
        held = {pid for terms, group in groups for pid in self.mentions(replace(question, terms=terms), group)}
        return sorted(held, key=lambda pid: self.paragraphs[pid].order)

    def _citing(self, question: Question, ordered: list[Paragraph]) -> set[str]:
        """The paragraphs of the document that rest on the other document asked about: the footnotes citing it
        (or a document filed under its name: an NPT review conference's final document) and the paragraphs that
        carry them, and the paragraphs that use the short title it was given after being named in full (《条约》)."""
        assert question.about
        own = [p for p in ordered if p.doc_symbol == question.scope]
        symbols = set(family(question.about, list({c for p in own for c in p.cites})))
        footnotes = {p.label for p in own if p.kind == "footnote" and symbols & set(p.cites)}
        out = {p.id for p in own if symbols & set(p.cites)}
        out |= {p.id for p in own if any(f"FN{n}" in footnotes for n in p.footnote_numbers)}
        names = [
            strip_all_spaces(n)
            for n in aliases(question.about) + self.glossary.official_terms(" ".join(aliases(question.about)))
        ]
        short = [strip_all_spaces(s) for s in defined_as(question.about)]
        named = False
        for p in own:
            text = strip_all_spaces(p.text)
            if named and any(s in text for s in short):
                out.add(p.id)
            named = named or any(n in text for n in names)
        return out

    def _no_type_reason(self, question: Question, ids: list[str]) -> str:
        language = pack(question.lang)
        labels = language.templates["list_sep"].join(
            display_label(split_citation_id(pid)[1], question.lang) for pid in ids
        )
        kind = language.reasons.get(f"kind_{question.answer_type}", question.answer_type or "")
        return language.reasons["no_type" if ids else "no_type_anywhere"].format(labels=labels, kind=kind)
