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
from dataclasses import dataclass

from assistant.labels import display_label
from assistant.language import pack
from assistant.question import Question
from assistant.relevance import RelevanceJudge
from assistant.retrieval import Retrieval
from index.documents import Paragraph, split_citation_id
from index.text import strip_all_spaces

_EVIDENCE_DEPTH = 3  # search hits whose text may hold the asked-for fact
# Answer types whose shape is specific enough to refuse on: the others (a request, a body, a purpose) are stated
# in too many ways for their absence to mean anything.
_CHECKED_TYPES = frozenset(
    {"day", "month", "year", "session", "money", "duration", "place", "names", "states", "symbol", "article",
     "outcome", "number"}
)


@dataclass(frozen=True)
class Verdict:
    found: bool
    reason: str
    evidence: tuple[str, ...] = ()  # the ids an answer rests on, most important first


class VerdictJudge:
    def __init__(self, paragraphs: dict[str, Paragraph], judge: RelevanceJudge) -> None:
        self.paragraphs = paragraphs
        self.judge = judge

    def decide(self, question: Question, retrieval: Retrieval) -> Verdict:
        if question.intent == "cited_documents" and retrieval.registry:
            return Verdict(True, "the registry of cited documents", tuple(retrieval.ids))
        if question.labels:
            return Verdict(True, "the paragraphs the question names", question.labels)
        if question.missing:
            return Verdict(False, "the paragraph the question names does not exist")
        if question.part and question.intent in ("summarize", "count"):
            return Verdict(True, "the part of the document asked about", tuple(self.part(question)))
        if not retrieval.hits:
            return Verdict(False, "nothing is indexed")
        if unknown := self.judge.unknown_specifics(question.search):
            return Verdict(False, f"not in the documents: {', '.join(unknown)}")
        vocabulary = self.judge.vocabulary(question.search)
        if vocabulary.absent_names:
            return Verdict(False, f"the documents never mention: {', '.join(vocabulary.absent_names)}")
        present = [w for w in vocabulary.words if w not in vocabulary.absent]
        if not present and not vocabulary.glossary_terms and not self.judge.known_specifics(question.search):
            return Verdict(False, "the question names no subject the documents hold")
        if question.intent in ("enumerate", "count") and (listed := self.mentions(question)):
            return Verdict(True, "every paragraph that mentions it", tuple(listed))
        evidence = [pid for pid in retrieval.ids if self.paragraphs[pid].kind != "meta" or question.answer_type]
        if question.answer_type in _CHECKED_TYPES and question.intent in ("lookup", "yes_no", "locate"):
            holding = self._holding_type(question, retrieval.ids[:_EVIDENCE_DEPTH], present)
            if not holding:
                return Verdict(False, self._no_type_reason(question, retrieval.ids[:_EVIDENCE_DEPTH]))
            evidence = holding + [pid for pid in evidence if pid not in holding]
        return Verdict(True, f"the topic is in {len(present) or 'the'} words of the documents", tuple(evidence))

    # -- evidence --------------------------------------------------------------------------------------------
    def part(self, question: Question) -> list[str]:
        """The paragraphs of the part (operative, preambular, whole body) of the document asked about."""
        kinds = {"OP": ("operative",), "PP": ("preambular",), "FN": ("footnote",), "ALL": ("preambular", "operative")}
        wanted = kinds.get(question.part or "ALL", ())
        return [
            pid
            for pid, p in self.paragraphs.items()
            if p.doc_symbol == question.scope and p.kind in wanted
        ]

    def mentions(self, question: Question) -> list[str]:
        """Every paragraph of the document (footnotes only when asked for) holding one of the question's exact
        terms, in document order; operative paragraphs only for 'what does it request'."""
        terms = [strip_all_spaces(t) for t in question.terms]
        if not terms:
            return []
        kinds = {"operative"} if question.answer_type == "request" else {"preambular", "operative", "numbered",
                                                                       "article", "action"}
        if question.part == "FN":
            kinds = {"footnote"}
        elif question.part in ("OP", "PP"):
            kinds = {"operative" if question.part == "OP" else "preambular"}
        return [
            pid
            for pid, p in sorted(self.paragraphs.items(), key=lambda item: item[1].order)
            if p.doc_symbol == question.scope and p.kind in kinds and any(t in strip_all_spaces(p.text) for t in terms)
        ]

    def _holding_type(self, question: Question, ids: list[str], topic: list[str]) -> list[str]:
        """The paragraphs among `ids` that are on the topic and state a fact of the asked-for kind."""
        out = []
        for pid in ids:
            paragraph = self.paragraphs[pid]
            answer_type = pack(paragraph.lang).answer_type(question.answer_type or "")
            if answer_type is None or not answer_type.shape.search(paragraph.text):
                continue
            on_topic = not topic or any(w in paragraph.text for w in topic if not w.isascii()) or all(
                w.isascii() for w in topic
            )
            if on_topic:
                out.append(pid)
        return out

    def _no_type_reason(self, question: Question, ids: list[str]) -> str:
        language = pack(question.lang)
        labels = language.templates["list_sep"].join(
            display_label(split_citation_id(pid)[1], question.lang) for pid in ids
        )
        kind = language.reasons.get(f"kind_{question.answer_type}", question.answer_type or "")
        return language.reasons["no_type"].format(labels=labels, kind=kind)


def sentence_of(text: str, start: int) -> tuple[int, int]:
    """The sentence (to '；', '。' or ';' '.') around position `start`."""
    left = max((m.end() for m in re.finditer(r"[。；;.]", text[:start])), default=0)
    right = next((m.end() for m in re.finditer(r"[。；;.]", text[start:])), len(text) - start) + start
    return left, right
