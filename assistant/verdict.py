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

from dataclasses import dataclass

from assistant.labels import display_label
from assistant.language import SPECIFIC_TYPES, pack
from assistant.question import Question
from assistant.relevance import RelevanceJudge
from assistant.retrieval import Retrieval
from index.documents import Paragraph, split_citation_id
from index.glossary import Glossary
from index.text import strip_all_spaces

_EVIDENCE_DEPTH = 3  # search hits whose text may hold the asked-for fact


@dataclass(frozen=True)
class Verdict:
    found: bool
    reason: str
    evidence: tuple[str, ...] = ()  # the ids an answer rests on, most important first
    contradicted: bool = False  # a yes-no question whose specific (a figure) the evidence does not hold: No


class VerdictJudge:
    def __init__(self, paragraphs: dict[str, Paragraph], judge: RelevanceJudge, glossary: Glossary) -> None:
        self.paragraphs = paragraphs
        self.judge = judge
        self.glossary = glossary

    def decide(self, question: Question, retrieval: Retrieval) -> Verdict:
        if question.intent == "cited_documents" and retrieval.registry:
            return Verdict(True, "the registry of cited documents", tuple(retrieval.ids))
        if question.labels:
            return Verdict(True, "the paragraphs the question names", question.labels)
        if question.missing:
            return Verdict(False, "the paragraph the question names does not exist")
        if question.part and (
            question.intent in ("summarize", "count") or question.intent == "enumerate" and not question.terms
        ):
            return Verdict(True, "the part of the document asked about", tuple(self.part(question)))
        if not retrieval.hits:
            return Verdict(False, "nothing is indexed")
        if question.intent in ("enumerate", "count") and (listed := self.mentions(question)):
            return Verdict(True, "every paragraph that uses the words asked about", tuple(listed))
        subject = self._subject(question)
        if unknown := self.judge.unknown_specifics(subject):
            if question.intent == "yes_no":  # 'capped at 30 members?': the text's own figure says no
                return Verdict(True, f"the documents give no {', '.join(unknown)}", tuple(retrieval.ids), True)
            return Verdict(False, f"not in the documents: {', '.join(unknown)}")
        vocabulary = self.judge.vocabulary(subject)
        if vocabulary.absent_names:
            return Verdict(False, f"the documents never mention: {', '.join(vocabulary.absent_names)}")
        topic = [w for w in vocabulary.words if w not in vocabulary.absent]
        if question.lang == "en" and len(vocabulary.absent) * 3 > 2 * len(vocabulary.words) + vocabulary.glossary_terms:
            # English words are known through the glossary only: when most are unknown, the subject is not there
            return Verdict(False, f"the documents never use: {', '.join(vocabulary.absent)}")
        # a follow-up's referent: the numbers and symbols of the question it follows ('62/21' ... '它')
        specifics = self.judge.known_specifics(question.search if question.follow_up else subject)
        if not topic and not vocabulary.glossary_terms and not specifics:
            if question.answer_type and (meta := self._meta_stating(question)):
                return Verdict(True, "a fact about the document itself", (meta,))  # 'what is its title?'
            return Verdict(False, "the question names no subject the documents hold")
        evidence = list(retrieval.ids)
        if question.answer_type in SPECIFIC_TYPES and question.intent in ("lookup", "yes_no", "locate"):
            candidates = retrieval.ids[:_EVIDENCE_DEPTH]
            # a follow-up bound to the earlier question's numbers ('62/21' ... '它') needs only those
            words = [] if question.follow_up and specifics else topic
            on_topic = [pid for pid in candidates if self._on_topic(pid, words, specifics)] or candidates[:1]
            holding = [pid for pid in on_topic if self._states(pid, question.answer_type)]
            # what the document says before what its footnotes cite
            holding.sort(key=lambda pid: self.paragraphs[pid].kind == "footnote")
            if not holding:
                return Verdict(False, self._no_type_reason(question, on_topic))
            evidence = holding + [pid for pid in evidence if pid not in holding]
        return Verdict(
            True, f"the topic is in the documents ({', '.join(topic[:4]) or 'named terms'})", tuple(evidence)
        )

    def _subject(self, question: Question) -> str:
        """The asking sentence without the words that name the kind of answer ('截止日期', '全称', 'which year'):
        what is left is the topic the documents must hold. A follow-up with no words of its own takes the
        earlier question's."""
        language = pack(question.lang)
        focus = question.focus
        answer_type = language.answer_type(question.answer_type or "")
        if answer_type:
            focus = answer_type.asks.sub(" ", focus)
        if question.intent in language.intents:  # 'brief me on everything it says about': how, not what
            focus = language.intents[question.intent].sub(" ", focus)
        if question.follow_up and not self.judge.vocabulary(focus).words:
            return question.search
        return focus

    def _on_topic(self, pid: str, topic: list[str], specifics: list[str]) -> bool:
        """Most of the question's topic words (or the documents' names for them) and all its numbers and symbols
        are in the paragraph."""
        text = self.paragraphs[pid].text
        if any(s not in text for s in specifics):
            return False
        # the documents' own words for the topic: as written, or the glossary's forms of them (English words
        # the glossary does not know cannot be checked and do not count)
        forms = [
            [w, *self.glossary.official_terms(w)] if not w.isascii() else self.glossary.official_terms(w) for w in topic
        ]
        forms = [f for f in forms if f]
        if not forms:
            return True
        held = sum(1 for names in forms if any(name in text for name in names))
        return held * 2 > len(forms)

    def _states(self, pid: str, answer_type: str) -> bool:
        paragraph = self.paragraphs[pid]
        shape = pack(paragraph.lang).answer_type(answer_type)
        return bool(shape and shape.shape.search(paragraph.text))

    def _meta_stating(self, question: Question) -> str | None:
        meta = f"{question.scope}:META"
        return meta if meta in self.paragraphs and self._states(meta, question.answer_type or "") else None

    # -- evidence --------------------------------------------------------------------------------------------
    def part(self, question: Question) -> list[str]:
        """The paragraphs of the part (operative, preambular, whole body) of the document asked about."""
        kinds = {"OP": ("operative",), "PP": ("preambular",), "FN": ("footnote",), "ALL": ("preambular", "operative")}
        wanted = kinds.get(question.part or "ALL", ())
        return [pid for pid, p in self.paragraphs.items() if p.doc_symbol == question.scope and p.kind in wanted]

    def mentions(self, question: Question) -> list[str]:
        """Every paragraph of the document (footnotes only when asked for) holding one of the question's exact
        terms, in document order; operative paragraphs only for 'what does it request'."""
        terms = [strip_all_spaces(t) for t in question.terms]
        if not terms:
            return []
        kinds = (
            {"operative"}
            if question.answer_type == "request"
            else {"preambular", "operative", "numbered", "article", "action"}
        )
        if question.part == "FN":
            kinds = {"footnote"}
        elif question.part in ("OP", "PP"):
            kinds = {"operative" if question.part == "OP" else "preambular"}
        return [
            pid
            for pid, p in sorted(self.paragraphs.items(), key=lambda item: item[1].order)
            if p.doc_symbol == question.scope and p.kind in kinds and any(t in strip_all_spaces(p.text) for t in terms)
        ]

    def _no_type_reason(self, question: Question, ids: list[str]) -> str:
        language = pack(question.lang)
        labels = language.templates["list_sep"].join(
            display_label(split_citation_id(pid)[1], question.lang) for pid in ids
        )
        kind = language.reasons.get(f"kind_{question.answer_type}", question.answer_type or "")
        return language.reasons["no_type"].format(labels=labels, kind=kind)
