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

from assistant.contradictions import Contradiction, ContradictionFinder, said_as_where
from assistant.data_cards import DataCards
from assistant.document_names import DocumentNames
from assistant.labels import display_label, without_label_refs
from assistant.language import (
    FACTS_LISTED,
    language_name,
    only_asking,
    pack,
)
from assistant.paragraph_facts import DATE_TYPES, ParagraphFacts
from assistant.paragraph_sets import FEW_PARAGRAPHS, ParagraphSets
from assistant.question import Question
from assistant.question_text import quoted_words
from assistant.relevance import RelevanceJudge, Vocabulary
from assistant.retrieval import Hit, Retrieval
from assistant.typed_evidence import EVIDENCE_DEPTH, LITERAL_TYPES, TypedEvidenceFinder, literal_kinds
from index.documents import Paragraph, items_of, split_citation_id
from index.glossary import Glossary, longest_terms, stem
from index.registry import short_forms
from index.text import YEAR, has_cjk, uses_words

# facts a named paragraph must spell out to give them, a year too ('PP14 的倡议是哪一年启动的')
_NAMED_LITERAL_TYPES = LITERAL_TYPES | {"year"}
# kinds of fact a second question in one asks for, each in its family: a time may be given as a duration
_ALSO_STATED = {"place": "place", "names": "who", "states": "who", "duration": "time", "frequency": "time"} | {
    d: "time" for d in DATE_TYPES
}


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
        self.sets = ParagraphSets(paragraphs, glossary, self.facts)
        self.cards = DataCards(paragraphs, glossary, self.facts)
        self.names = DocumentNames(paragraphs, glossary, self.facts)
        self.evidence = TypedEvidenceFinder(paragraphs, glossary, self.facts, self.cards)
        self.contradictions = ContradictionFinder(paragraphs, self.facts, self.names)
        self._symbols = {p.doc_symbol for p in paragraphs.values()}  # the indexed documents

    def decide(self, question: Question, retrieval: Retrieval) -> Verdict:
        """The verdict on the document the question is about (its words are judged against that text)."""
        judge = self.judge.within((question.scope,)) if question.scope else self.judge
        retrieval = self.cards.without_other_cards(question, retrieval)
        if settled := self._settled_by_the_question(question, retrieval):
            return settled
        if question.labels:
            return self._on_named(question, judge)
        if question.missing:
            return Verdict(False, "the paragraph the question names does not exist")
        if question.listed and (giving := self.sets.giving(question)):
            # '序言部分提到了哪些编号的大会决议': every paragraph of the part that writes such a value
            return Verdict(True, f"every paragraph that gives a {question.listed}", tuple(giving), every=True)
        if question.opens:  # "how many paragraphs start with 'Underlining'": exactly those, whatever their topic
            if opening := self.sets.opening(question):
                return Verdict(True, f"every paragraph that opens with '{question.opens}'", tuple(opening), every=True)
            return Verdict(False, f"no paragraph opens with '{question.opens}'")
        if question.part and (
            question.intent in ("summarize", "count") or question.intent == "enumerate" and not question.terms
        ):
            if part := self.sets.part(question):
                return Verdict(True, "the part of the document asked about", tuple(part))
            return Verdict(False, "the document has no such part", off_topic=True)  # 'the NPT's operative part'
        if not retrieval.hits:
            return Verdict(False, "nothing is indexed")
        subject = self._subject(question, judge)
        card = self.cards.label(question)  # the data card stating the kind of fact asked, if any (the vote)
        if question.lead and (opening := self.sets.opening_with(question, subject, judge)):
            reason = f"every paragraph that opens with '{question.lead}' on the topic"
            return Verdict(True, reason, tuple(opening), every=True)
        vocabulary = self.cards.with_card_words(question, judge.vocabulary(subject))
        where = vocabulary.places or question.answer_type == "place"
        if question.asks_reason and where and question.intent in ("lookup", "yes_no"):
            # 'why was Vienna chosen', '为什么在纽约开会': a resolution says where a body meets, never why there
            return Verdict(False, "the documents say where, not why there")
        if vocabulary.asked_absent and not question.answer_type:
            # 'which room', '哪几种工作语言': a kind of thing the text never names, and no type to find one by
            return Verdict(False, f"the documents never mention: {', '.join(vocabulary.asked_absent)}", off_topic=True)
        if question.intent == "yes_no" and (
            other := self.contradictions.another_ordinal(question, retrieval, vocabulary)
        ):
            # named by another ordinal, it is a thing the documents need not name otherwise
            return Verdict(True, other.reason, other.evidence, contradicted=True)
        unnamed = self.names.never_named(question, subject, judge)
        if unnamed and question.also:
            # 'compare the 71/67 GGE with the 80/53 GSTE': a name the other document asked about uses is its part
            others = self.judge.within(question.also)
            unnamed = [name for name in unnamed if not others.names_term(name)]
        if unnamed and not card:
            if question.intent == "yes_no" and (
                no := self.contradictions.at_unnamed_place(question, retrieval, vocabulary, unnamed)
            ):
                return Verdict(True, no.reason, no.evidence, contradicted=True, kind=no.kind)
            return Verdict(False, f"the documents never mention: {', '.join(unnamed)}", off_topic=True)
        if question.aspects and (covering := self.sets.covering(question, retrieval)):
            # 'compare the two groups: size, venue, sessions': the paragraph stating each, in the text's order
            return Verdict(True, "a paragraph for each kind of fact asked", tuple(covering))
        # 'brief me on everything 80/53 says about gender': a topic named by the glossary's words only
        glossary_words = [t for t in self.glossary.terms() if t.isascii() and uses_words(subject, t)]
        # 'summarize what it asks the SG', 'what does it say on capacity-building? a rundown': each paragraph on it
        if question.intent in ("enumerate", "count", "summarize") and (
            listed := self._listing(question, retrieval, subject, vocabulary, glossary_words, card)
        ):
            return self._stating_listed(question, listed)
        if unknown := judge.unknown_specifics(subject):
            if question.intent == "yes_no" and not any(u.startswith("《") or " " in u for u in unknown):
                # 'capped at 30 members?': the text's own figure says no; a treaty it never names is no figure
                return Verdict(True, f"the documents give no {', '.join(unknown)}", tuple(retrieval.ids), True)
            return Verdict(False, f"not in the documents: {', '.join(unknown)}", off_topic=True)
        topic = [w for w in vocabulary.words if w not in vocabulary.absent]
        if question.answer_type in DATE_TYPES and (period_end := pack(question.lang).period_end):
            topic = [w for w in topic if not period_end.match(w)]  # 'when does the GSTE first meet': of its dates
        if question.intent == "yes_no" and (
            no := self.contradictions.by_another(question, retrieval, vocabulary, topic)
        ):
            return Verdict(True, no.reason, no.evidence, contradicted=True, kind=no.kind)
        if vocabulary.absent_names and (not_voting := self.cards.states_not_listed(question, vocabulary.absent_names)):
            # '土库曼斯坦投了什么票': the recorded vote leaves out the states that were absent or did not vote
            language = pack(question.lang)
            states = language.templates["list_sep"].join(not_voting)
            return Verdict(False, language.reasons["vote_not_listed"].format(states=states))
        if vocabulary.absent_names:
            return Verdict(False, f"the documents never mention: {', '.join(vocabulary.absent_names)}", off_topic=True)
        card_states = f"{question.scope}:{card}" in self.paragraphs  # the vote, for a vote question
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
        if question.follow_up and question.scope_named:
            # … but not the earlier document's own number when it names another ('2025年那个新的专家组呢？' after
            # a question on 71/67's group)
            specifics = [s for s in specifics if s in subject or s not in self._other_documents(question.scope)]
        if not topic and not vocabulary.glossary_terms and not specifics and not judge.has_chinese:
            # 'NPT在哪几个城市签的': a verb of one character is all it names, which an English text cannot show it lacks
            topic = list(vocabulary.short_verbs)
        if not topic and not vocabulary.glossary_terms and not specifics:
            # 'what is its title?' — but not '它有多少提案国': a word the record does not hold names another fact
            # English is known by the glossary only; a word naming a kind of fact ('标题') asks, it names nothing
            asking = pack(question.lang).answer_types
            chinese_absent = [
                w for w in vocabulary.absent if not w.isascii() and not any(a.asks.search(w) for a in asking)
            ]
            # (a data card's fact is asked in any words: '一共拿到多少张赞成票')
            if question.answer_type and (not chinese_absent or card) and (record := self.cards.stating(question)):
                return Verdict(True, "a fact about the document itself", (record,))
            earlier = tuple(pid for pid in question.previous_citations if pid in self.paragraphs)
            if question.follow_up and earlier:
                # 'at which session, and what for?' after 'what does OP10 ask for': of the paragraphs discussed
                return self._on_named(replace(question, labels=earlier), judge)
            briefed = question.intent == "summarize" or question.intent == "lookup" and not question.answer_type
            if briefed and (stating := self.sets.stating_kind_briefed(question)):
                return Verdict(True, "every operative paragraph stating the kind of fact briefed", tuple(stating))
            return Verdict(False, "the question names no subject the documents hold")
        named = topic + vocabulary.asked_absent + self.glossary.official_terms(subject)
        if (data_card := self.paragraphs.get(f"{question.scope}:{card}")) and (
            left_out := self.cards.left_out(data_card, named)
        ):
            return Verdict(False, left_out)  # 'which states were absent': the card says it does not list them
        typed = self.evidence.find(question, retrieval, subject, vocabulary, topic, specifics, card)
        if typed and typed.missing:
            return Verdict(False, typed.missing, off_topic=typed.off_topic)
        if typed and typed.other_value:  # 'is it to report to the 71st session?': the paragraph on it names the 72nd
            return Verdict(True, f"the paragraph on it gives {typed.other_value}", typed.evidence, contradicted=True)
        if typed and question.asks_next and question.answer_type in DATE_TYPES and self._dated_before(typed.evidence):
            # 'when is the next NPT review conference': the paragraph on them dates those before it was adopted
            return Verdict(False, "the documents date only earlier ones, not the next", off_topic=True)
        evidence = list(typed.evidence) if typed else list(retrieval.ids)
        by_specifics = False  # the evidence holds the question's own numbers and symbols ('79/240'): its topic
        counted_as_asked = bool(typed and typed.counted_as_asked)
        if typed and not typed.grounded:
            topic = []  # the evidence states the kind of fact asked for, not on the topic's own words
            by_specifics = typed.by_specifics
        if question.intent == "lookup" and evidence and question.answer_type and not card:
            # 'when was the IPNDV launched and by which countries': the paragraph answering states each kind asked
            family = _ALSO_STATED.get(question.answer_type)
            stated_kinds = [k for k in question.also_types if k in _ALSO_STATED and _ALSO_STATED[k] != family]
            if unstated := [k for k in stated_kinds if not self.facts.states(evidence[0], k)]:
                return Verdict(
                    False, self.evidence.no_type_reason(replace(question, answer_type=unstated[0]), evidence[:1])
                )
        if question.intent == "lookup" and evidence and self.facts.no_count_per_kind(question, evidence[0]):
            # '每个区域几个': the paragraph counts the experts, and names no regions to count them by
            return Verdict(False, "the paragraph gives one count for all of them together, not one for each")
        if question.intent == "lookup" and evidence and (unlisted := self._unlisted(question, evidence)):
            return Verdict(False, unlisted, off_topic=True)  # another document may list them
        if question.intent == "lookup" and evidence and (items := self._items_listing(question, evidence[0])):
            # 'which objectives does the group get', 'all indicative areas pls': each item of the paragraph listing them
            return Verdict(True, "each item the paragraph lists", (evidence[0], *items), every=True)
        if question.intent == "yes_no" and any(said_as_where(question, p) for p in vocabulary.places):
            # a place the text names, asked whether: on a paragraph naming a place and the terms asked about ('was
            # the first NPT review conference to be held in Vienna': not 80/53's footnote on the 2010 conference,
            # nor its OP3, whose Vienna is the Group's)
            terms = [t for t in question.terms if t not in vocabulary.places]
            placed = [
                pid
                for pid in evidence[:EVIDENCE_DEPTH]
                if self.facts.states(pid, "place") and (not terms or self.facts.holds(self.paragraphs[pid], terms, []))
            ]
            if not placed and (no := self.contradictions.place_not_among(question, evidence[:EVIDENCE_DEPTH])):
                # '80/53的专家组在纽约开会吗': its text gives Geneva and Vienna, whose Chinese names are known
                return Verdict(True, no.reason, no.evidence, contradicted=True, kind=no.kind)
            if not placed:
                return Verdict(False, "the paragraphs on it name no place")
            evidence = placed + [pid for pid in evidence if pid not in placed]
        if question.intent == "yes_no" and (
            no := self.contradictions.place_not_among(question, evidence[:EVIDENCE_DEPTH])
        ):
            # 'NPT第一次审议大会是在纽约举行的吗': its English article gives Geneva, Switzerland
            return Verdict(True, no.reason, no.evidence, contradicted=True, kind=no.kind)
        reason = f"the topic is in the documents ({', '.join(topic[:4]) or 'named terms'})"
        # grounded: every word of the topic is this document's own, as far as its language lets it be checked (what
        # another document must be to answer a question not put to it)
        named_only = not topic and vocabulary.glossary_terms > 0  # every Latin-script term checked above
        # one English word of many the document lacks is wording ('is supposed to', 'fed into'), not another subject
        # (a name is: 'the IAEA Additional Protocol'; and so is the one word besides the glossary's terms)
        many = bool(topic) and len(topic) + vocabulary.glossary_terms >= 3
        lacked = vocabulary.absent[0] if len(vocabulary.absent) == 1 else ""
        wording = many and lacked.isascii() and lacked.islower()
        own = (bool(topic) or named_only or by_specifics) and (not vocabulary.absent or wording) or counted_as_asked
        own = own and not vocabulary.unchecked
        mentions = pack(question.lang).mentions
        mentioned = mentions.search(question.focus) if mentions and question.lang == "en" else None
        # 'does 71/67 mention cyber security?': a word of what it is asked to mention that the document never uses is
        # no Yes of a paragraph on 'security' (the English words of a question are checked; a Chinese one's may be
        # the asker's own: 我们这类组织)
        unused = [w for w in vocabulary.absent if mentioned and w in question.focus[mentioned.end() :]]
        if question.intent == "yes_no" and unused and not wording and not own:
            return Verdict(False, f"the documents never use: {', '.join(unused)}", off_topic=True)
        if question.intent == "lookup" and not question.answer_type and len(question.terms) > 1:
            # 'the UN Treaty Series reference for the NPT': the paragraph holding a term no other paragraph of its
            # document holds (条约汇编, one footnote's) before those holding only the common one (the NPT)
            sole = self._sole_holders(question.terms, {self.paragraphs[pid].doc_symbol for pid in evidence})
            evidence.sort(key=lambda pid: -sole.count(pid))
        if question.intent == "lookup" and not question.answer_type and question.terms:
            # 'who are the depositary governments': the paragraph that designates them says who, first
            defining = [pid for pid in evidence if self.facts.defines(pid, question.terms)]
            evidence = defining + [pid for pid in evidence if pid not in defining]
        # 'what does 80/53 say about avoiding duplication': the paragraphs found that use a word of it (or a
        # glossary word it spells: 'duplication'), each at it
        touched = [*topic, *(t for t in glossary_words if t not in topic)]
        if question.follow_up and question.intent == "lookup" and not question.answer_type:
            # "and what goes on that session's agenda" after a question OP6 answered: the paragraphs holding more of
            # the follow-up's own words and numbers ('who picks them': OP2's selection, not OP1's 21 members)
            # before the one the conversation was on
            own_words = [w for w in touched if w in question.focus] + self.glossary.official_terms(question.focus)
            own_words += judge.known_specifics(question.focus)
            evidence += [pid for pid in question.previous_citations if pid in self.paragraphs and pid not in evidence]
            # (and, holding as many, the one the conversation was on before the rest when the follow-up names no topic
            # of its own: 'what could be decided at that point?' after OP10; '那如果达不成一致呢' names one)
            evidence.sort(
                key=lambda pid: (
                    -sum(self.facts.holds(self.paragraphs[pid], [w], []) for w in own_words),
                    bool(topic) or pid not in question.previous_citations,
                )
            )
        if question.intent == "locate" and question.terms:
            # '80/53哪段说政治意愿是决定性因素': where its terms are, before a paragraph ranked on another word
            evidence.sort(key=lambda pid: not self.facts.holds(self.paragraphs[pid], list(question.terms), []))
        if question.intent == "locate" and question.part:
            # 'which NPT article deals with …', '序言部分哪一段…': the paragraphs of that part first, those using more
            # of the longest terms it names, in any of their names, before the rest ('peaceful nuclear explosions':
            # ART5's 'peaceful applications of nuclear explosions', not ART3's safeguards on peaceful activities)
            named = longest_terms([*glossary_words, *(t for t in self.glossary.terms() if has_cjk(t) and t in subject)])
            evidence.sort(key=lambda pid: -sum(self.facts.holds(self.paragraphs[pid], [t], []) for t in named))
            in_part = set(self.sets.part(question))
            evidence = [pid for pid in evidence if pid in in_part] + [pid for pid in evidence if pid not in in_part]
        # 'NPT里 nuclear-weapon State 的定义在哪一条': where it is defined, before where it is only used (the 'where'
        # of a question asking where in the text is no place asked for)
        if question.intent == "locate" and (kinds := [k for k in question.also_types if k != "place"]):
            evidence.sort(key=lambda pid: not all(self.facts.states(pid, kind) for kind in kinds))
        if question.intent != "summarize" or question.part:
            return Verdict(True, reason, tuple(evidence), grounded=own)
        if on := self.facts.touching(evidence, touched):
            return Verdict(True, reason, tuple(on), grounded=own, words=tuple(touched))
        says = pack(question.lang).says_about
        on_what = says.search(question.focus) if says else None
        if on_what and not only_asking(question.focus[on_what.end() :], question.lang):
            # 'what does the NPT say about pulling out': a topic in words the text does not use is found by meaning
            # only, and the paragraph found first is on it, not every paragraph found
            return Verdict(True, reason, tuple(evidence[:1]), grounded=own)
        return Verdict(True, reason, tuple(evidence), grounded=own)

    def _sole_holders(self, terms: tuple[str, ...], symbols: set[str]) -> list[str]:
        """For each term that only one paragraph of those documents holds, that paragraph (one pass over them)."""
        holders: dict[str, list[str]] = {t: [] for t in terms}
        for paragraph in self.paragraphs.values():
            if paragraph.doc_symbol in symbols:
                for t in terms:
                    if self.facts.holds(paragraph, [t], []):
                        holders[t].append(paragraph.id)
        return [ids[0] for ids in holders.values() if len(ids) == 1]

    def _dated_before(self, evidence: tuple[str, ...]) -> bool:
        """The first paragraph gives years, all of them up to the year its document was adopted in."""
        if not evidence:
            return False
        paragraph = self.paragraphs[evidence[0]]
        record = self.paragraphs.get(f"{paragraph.doc_symbol}:META")
        adopted = YEAR.search(record.text) if record else None
        years = YEAR.findall(paragraph.text)
        return adopted is not None and bool(years) and max(map(int, years)) <= int(adopted.group(0))

    def _stating_listed(self, question: Question, listed: Verdict) -> Verdict:
        """A list of facts of a kind ('list the GGE's recommendations'): the paragraphs on the topic that state
        one, none when none does; a list of requests is of the paragraphs that make them, as listed."""
        if question.answer_type == "request" or question.answer_type not in FACTS_LISTED:
            return listed
        # (states in a sentence on the terms asked: 'which states are the nuclear-weapon States' is not answered by
        # the depositary governments ART9 names in another sentence)
        terms = list(question.terms)
        stating = [pid for pid in listed.evidence if self.facts.states_near(pid, question.answer_type, terms, [])]
        if not stating:
            return Verdict(False, self.evidence.no_type_reason(question, list(listed.evidence[:2])))
        return replace(listed, evidence=tuple(stating))

    def _other_documents(self, symbol: str | None) -> set[str]:
        """The short forms of the indexed documents' symbols other than `symbol` ('71/67', 'A/RES/71/67')."""
        return {form for other in self._symbols - {symbol} for form in short_forms(other)}

    def _listing(
        self,
        question: Question,
        retrieval: Retrieval,
        subject: str,
        vocabulary: Vocabulary,
        glossary_words: list[str],
        card: str,
    ) -> Verdict | None:
        """A question asking for every paragraph on its topic (a list, a count, a brief): those paragraphs, the
        requests made of the one it names, or why they do not answer it; None when no paragraph holds the topic
        (a data card lists its own)."""
        present = [w for w in vocabulary.words if w not in vocabulary.absent and w not in vocabulary.unchecked]
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
                    pid for pid in self.sets.part(replace(question, part="OP")) if self.facts.addressed_to(pid, named)
                ]
            ):
                return Verdict(True, "every request made of the one named", tuple(addressed), every=True)
        on = present or ([] if question.terms else glossary_words)
        if not card and (
            listed := self.sets.on_each(question, subject, on) or self.sets.mentions_either(question, subject, on)
        ):
            # a list of facts of a kind the paragraphs must spell out ('政府专家组提出了哪些建议'): those that do
            # ('where' in a list of paragraphs is where in the text)
            kinds = [k for k in literal_kinds(question) if question.intent == "enumerate" and k != "place"]
            # (named as the topic's: the NPT's depositaries are no list of its nuclear-weapon States; the words that
            # ask for the kind, '哪几个国家', are not the topic)
            asking = [
                m.group(0)
                for k in kinds
                if (a := pack(question.lang).answer_type(k))
                for m in a.asks.finditer(question.focus)
            ]
            near = [w for w in on if not any(w in said for said in asking)]
            stating = [pid for pid in listed if all(self.facts.states_near(pid, k, near, []) for k in kinds)]
            if not stating:
                return Verdict(False, self.evidence.no_type_reason(replace(question, answer_type=kinds[0]), listed[:3]))
            listed = stating
            if question.intent == "summarize" and question.terms and len(listed) > FEW_PARAGRAPHS:
                # 'brief me on the GSTE's objectives': of the many paragraphs naming the Group, those on the rest
                listed = self.sets.beside_terms(listed, question.terms, subject, present) or listed
            # ranked on the whole question, qualifiers too; of those on its topic ('the DC report's principles':
            # not a paragraph listing the NPT's principles)
            if unlisted := self._unlisted(question, [pid for pid in retrieval.ids if pid in listed] or retrieval.ids):
                return Verdict(False, unlisted, off_topic=True)  # another document may list them
            matched = () if question.terms else tuple(present)
            own = not vocabulary.absent and not vocabulary.unchecked
            reason = "every paragraph that uses the words asked about"
            return Verdict(True, reason, tuple(listed), grounded=own, words=matched)
        return None

    def uses_every_word(self, question: Question) -> bool:
        """Whether the document asked about uses every content word of the question (as far as its language lets
        them be checked): the document a question naming none is about, when the main resolution lacks some."""
        judge = self.judge.within((question.scope,)) if question.scope else self.judge
        vocabulary = judge.vocabulary(self._subject(question, judge))
        return not vocabulary.absent and not vocabulary.unchecked

    def _settled_by_the_question(self, question: Question, retrieval: Retrieval) -> Verdict | None:
        """The verdicts the kind of question settles before its topic is looked for: the registry answers 'which
        documents does it cite'; an opinion, the reason for a vote, another body's vote or what happened after
        adoption are not in a resolution, nor an official text in a language the index does not hold; None for every
        other question."""
        if question.intent == "cited_documents" and retrieval.registry:
            return Verdict(True, "the registry of cited documents", tuple(retrieval.ids))
        if other_language := self._other_text_language(question):
            return other_language
        if question.intent == "opinion":
            return Verdict(False, "the documents say what the resolution says, not what anyone thinks of it")
        language = pack(question.lang)
        if (
            question.intent == "summarize"
            and question.unindexed
            and not (question.labels or question.part)
            and not (language.mentions and language.mentions.search(question.focus))
        ):
            # '概括一下A/61/1028那份报告的内容': a document cited, not indexed ('what 71/67 says about it' is answered)
            symbols = language.templates["list_sep"].join(question.unindexed)
            return Verdict(False, language.reasons["unindexed_text"].format(symbols=symbols))
        if question.asks_reason and self.cards.label(question):
            return Verdict(False, "the recorded vote says how each state voted, not why")
        if body := self.cards.other_voting_body(question):  # 'the First Committee vote': the card is the plenary's
            what = "recorded vote" if self.cards.label(question) else "date of adoption the record gives"
            return Verdict(False, f"the {what} is not that of {body}", off_topic=True)
        if self.cards.label(question) and (other := self.cards.other_resolution(question)):  # '79/240 是投票通过的吗'
            return Verdict(False, f"the recorded vote is that of {question.scope}, not of {other}", off_topic=True)
        if (
            question.asks_later
            and question.intent in ("lookup", "yes_no", "enumerate")
            or question.asks_event  # 'did the GGE adopt its report by consensus': what others did, not the vote
            and not self.cards.label(question)
        ):
            # a document says what was decided when it was adopted; a later document may tell what followed
            return Verdict(False, "the document cannot say what happened after it was adopted", off_topic=True)
        return None

    def _other_text_language(self, question: Question) -> Verdict | None:
        """A document's official text asked for in a language the index does not hold it in ('71/67英文正式文本里OP7
        原文是怎么写的': its Chinese text only): not answered, with that reason; None otherwise."""
        if not question.text_language or question.intent == "yes_no":
            return None
        named = question.labels or tuple(p.id for p in self.paragraphs.values() if p.doc_symbol == question.scope)
        held = sorted({self.paragraphs[pid].lang for pid in named})
        if not held or question.text_language in held:
            return None
        language = pack(question.lang)
        reason = language.reasons["other_text_language"].format(
            held=language.templates["list_sep"].join(language_name(code, question.lang) for code in held),
            asked=language_name(question.text_language, question.lang),
        )
        return Verdict(False, reason)

    def _on_named(self, question: Question, judge: RelevanceJudge) -> Verdict:
        """A question naming its paragraphs is answered by them, unless it asks for a kind of fact they do not spell
        out, a year they do not give, or a thing they never name; a yes-no question, No when they name another."""
        subject = self._subject(question, judge)
        named_vocabulary = judge.vocabulary(subject)
        # a date near the words the question names besides the paragraph ('exact dates of the three informal
        # meetings mentioned in PP6': PP6's one date is that of the resolution it recalls)
        topic = [w for w in named_vocabulary.words if w not in named_vocabulary.absent]
        if elsewhere := self.names.other_documents_named(question, subject, judge):
            if question.intent == "yes_no" and (
                no := self._named_say_otherwise(question, subject, judge, named_vocabulary, topic)
            ):
                # 'does OP3 really say the sessions are in New York?': a place, which the paragraph gives otherwise
                return Verdict(True, no.reason, no.evidence, contradicted=True, kind=no.kind)
            # 'Summarize Article 5 of New START', '《全面禁止核试验条约》第四条': another document's
            return Verdict(False, f"the documents never mention: {', '.join(elsewhere)}", off_topic=True)
        specifics = judge.known_specifics(without_label_refs(subject))
        # every literal kind of fact it asks for ('where and on which dates': the place too)
        missing = [
            kind
            for kind in dict.fromkeys([question.answer_type or "", *literal_kinds(question)])
            if kind in _NAMED_LITERAL_TYPES
            and not any(
                self.facts.states_near(pid, kind, topic, specifics)
                if kind in DATE_TYPES
                else self.facts.states(pid, kind)
                for pid in question.labels
            )
            # 'by when': a time it may be read off ('not later than eighteen months from …')
            and not (kind == "year" and any(self.facts.states(pid, "duration") for pid in question.labels))
            # a count of a thing the paragraphs neither count nor name ('第7段的小组来自多少个国家')
            or kind == "number"
            and not any(
                self.facts.counts_what_is_asked(question, pid, or_names=True)
                or self.facts.counts_its_items(question, pid)
                for pid in question.labels
            )
        ]
        if question.intent == "lookup" and missing:  # 'the report OP6 asks for: its symbol?': none stated
            return Verdict(
                False, self.evidence.no_type_reason(replace(question, answer_type=missing[0]), list(question.labels))
            )
        # '裁审会2018年是怎么落实OP5的': a year the named paragraphs do not give (nor the records of their
        # documents: '2016年那份决议的OP5' names the document) asks of something else
        records = [self.paragraphs.get(f"{self.paragraphs[pid].doc_symbol}:META") for pid in question.labels]
        named_text = "".join([self.paragraphs[pid].text for pid in question.labels] + [r.text for r in records if r])
        other_years = [y for y in dict.fromkeys(YEAR.findall(subject)) if y not in named_text]
        if question.intent != "yes_no" and other_years:
            return Verdict(False, f"the paragraphs the question names give no {', '.join(other_years)}")
        if not question.answer_type and named_vocabulary.asked_absent:
            # 'OP3 提到的核查工具具体是哪些设备型号': a kind of thing the paragraph named does not name
            return Verdict(False, f"the documents never mention: {', '.join(named_vocabulary.asked_absent)}")
        if question.intent == "lookup" and named_vocabulary.absent_places:  # '第6段的意见里中国说了什么'
            return Verdict(False, f"the documents never mention: {', '.join(named_vocabulary.absent_places)}")
        if (
            question.intent == "enumerate"
            and len(question.labels) == 1
            and (items := self._named_items(question, topic))
        ):
            # 'OP6 indicative areas 全部列出来': each item of the paragraph named
            return Verdict(True, "each item the paragraph lists", (question.labels[0], *items), every=True)
        if question.intent == "yes_no" and (
            no := self._named_say_otherwise(question, subject, judge, named_vocabulary, topic)
        ):
            return Verdict(True, no.reason, no.evidence, contradicted=True, kind=no.kind)
        given = (
            [pair for pid in question.labels for pair in self.facts.ordinals_given(question, pid)]
            if question.intent == "yes_no"
            else []
        )
        if given and not any(same for same, _ in given):
            # 'is the SG asked in OP6 to report to the 71st session?': the paragraph named numbers it the 72nd
            return Verdict(True, f"the paragraph named gives {given[0][1]}", question.labels, contradicted=True)
        return Verdict(True, "the paragraphs the question names", question.labels)

    def _named_say_otherwise(
        self, question: Question, subject: str, judge: RelevanceJudge, vocabulary: Vocabulary, topic: list[str]
    ) -> Contradiction | None:
        """The No to a yes-no question on the paragraphs it names, found as for one naming none, in those paragraphs
        only: they name another place, state or body than the one asked about, which the document never mentions
        ('does 71/67 OP7 say the group meets in Vienna?': Geneva)."""
        named = Retrieval(question.search, [Hit(pid, 1.0, "label") for pid in question.labels])
        no = self.contradictions.by_another(question, named, vocabulary, topic)
        if no is None and (unnamed := self.names.never_named(question, subject, judge)):
            no = self.contradictions.at_unnamed_place(question, named, vocabulary, unnamed)
        no = no or self.contradictions.place_not_among(question, question.labels)
        return no if no and set(no.evidence) <= set(question.labels) else None

    def _unlisted(self, question: Question, ids: list[str]) -> str:
        """Why a question asking for things one by one is not answered: the paragraphs found name them but none
        lists them (a report 'outlining general principles' does not say which); '' when one does or none is
        asked."""
        asked = self._items_asked(question)
        if asked is None:
            return ""
        thing, forms = asked
        if any(self.facts.lists_items(pid, forms) for pid in ids[:EVIDENCE_DEPTH]):
            return ""
        naming = [
            pid for pid in ids[:EVIDENCE_DEPTH] if any(self.facts.has(self.paragraphs[pid].text, f) for f in forms)
        ]
        if len(naming) != 1:
            return ""  # not named (the other checks decide), or one in each of several paragraphs ('which sessions')
        label = display_label(split_citation_id(naming[0])[1], question.lang)
        return pack(question.lang).reasons["unlisted"].format(labels=label, thing=thing)

    def _items_listing(self, question: Question, pid: str) -> tuple[str, ...]:
        """The lettered items of the paragraph that lists the things a question asks for one by one (OP5(a)–(d) for
        'which objectives'); () when none is asked, or the paragraph has no items."""
        asked = self._items_asked(question)
        items = items_of(self.paragraphs, pid)
        return tuple(items) if asked and items and self.facts.lists_items(pid, asked[1]) else ()

    def _named_items(self, question: Question, topic: list[str]) -> tuple[str, ...]:
        """The lettered items of the one paragraph a question names, when it asks for a list of them: its topic
        words, if any, are in the paragraph's lead, before the items ('OP5 的四个目标列一下', 'OP6 indicative areas
        全部列出来'); not a list of what it says on one item's word ('what OP6 says about declarations')."""
        pid = question.labels[0]
        items = items_of(self.paragraphs, pid)
        if not items:
            return ()
        paragraph = self.paragraphs[pid]
        lead = paragraph.text[: paragraph.text.find(self.paragraphs[items[0]].text[:12])]
        named = all(any(self.facts.has(lead, f) for f in forms) for forms in self.facts.forms(topic, paragraph.lang))
        return tuple(items) if named else ()

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
            if answer_type and question.intent == "yes_no" and question.answer_type == "duration":
                asking = answer_type.shape.sub(" ", asking)  # '是不是开两个礼拜': a length named, no topic
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
            # a follow-up with no words of the text's own ('and what does the 2016 one say on the same points?')
            # takes the earlier question's; one naming a term ('and how many did the 2016 GGE get?') is about it,
            # unless the term names the document itself ('and what could the GA decide then?': the GA adopted it)
            own = judge.vocabulary(focus)
            own_terms = [
                t
                for t in self.glossary.official_terms(focus, vocabulary=False)
                if not self.facts.in_record(question.scope or "", t)
            ]
            if not [w for w in own.words if w not in own.absent] and not own_terms:
                return asked(question.search)
        return focus
