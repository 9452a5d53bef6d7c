"""Retrieval: label lookup first, then hybrid dense + keyword search fused by score, footnote expansion,
and a relevance decision (`found`) so that questions the documents do not answer are not answered."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.labels import LabelRef, find_label_refs
from assistant.question_types import expected_shapes
from assistant.relevance import RelevanceJudge
from index.documents import Document, citation_id
from index.glossary import Glossary
from index.registry import short_forms
from index.store import LoadedIndex

_CANDIDATES = 30
DENSE_WEIGHT = 0.5
SPECIFIC_BONUS = 0.5
SYMBOL_BONUS = 0.25
ANSWER_TYPE_BONUS = 0.1
HISTORY_BONUS = 0.2
_ASKS_FOR_SYMBOL = re.compile(
    r"文号|文件号|编号|哪份文件|哪份报告|哪一份|引用|哪(?:一)?个脚注|symbol|document number"
    r"|which (?:document|report|footnote)s?|cite",
    re.IGNORECASE,
)


_ASKS_FOR_CITED_LIST = re.compile(
    r"引用(?:了)?(?:哪些|什么|哪几份|几份)|(?:所|被)?引(?:用)?的(?:文件|文献|报告)(?:有)?(?:哪些|清单|列表)|参考(?:了)?哪些文件"
    r"|\b(?:which|what) (?:documents|texts|reports|sources|references)\b.*\bcite|\bcited documents\b"
    r"|\blist (?:of )?(?:the )?(?:documents|references)\b",
    re.IGNORECASE,
)


def asks_for_cited_documents(question: str) -> bool:
    """'决议引用了哪些文件？', 'Which documents does it cite?': answered from the registry of cited documents."""
    return bool(_ASKS_FOR_CITED_LIST.search(question))


def asks_for_document(question: str) -> bool:
    """'文号是什么', 'which report does it cite': the answer is a document symbol, found in footnotes."""
    return bool(_ASKS_FOR_SYMBOL.search(question))


@dataclass
class Hit:
    id: str
    score: float
    via: str  # "label" | "search" | "footnote" | "registry"
    dense: float = 0.0
    keyword: float = 0.0


@dataclass
class Retrieval:
    query: str
    hits: list[Hit]
    found: bool
    missing: list[str] = field(default_factory=list)  # ids of paragraphs the question names that do not exist
    reason: str = ""

    @property
    def ids(self) -> list[str]:
        return [h.id for h in self.hits]


class Retriever:
    def __init__(self, index: LoadedIndex, glossary: Glossary, judge: RelevanceJudge, top_k: int = 5) -> None:
        self.index = index
        self.glossary = glossary
        self.judge = judge
        self.top_k = top_k

    # -- label lookup ----------------------------------------------------------------------------------------
    def _target_document(self, question: str, only: str | None = None) -> Document | None:
        """The document retrieval is restricted to, else the one the question names by symbol ('S-10/2' names
        A/RES/S-10/2), else the first indexed resolution, else the first document."""
        docs = self.index.documents
        if only:
            return docs.get(only)
        named = [symbol for symbol in docs if any(form in question for form in short_forms(symbol))]
        if named:
            return docs[max(named, key=len)]
        return next((d for d in docs.values() if d.kind == "resolution"), next(iter(docs.values()), None))

    def label_lookup(self, question: str, only: str | None = None) -> tuple[list[str], list[str]]:
        """(ids of the paragraphs the question names that exist, ids of those that do not)."""
        doc = self._target_document(question, only)
        if doc is None:
            return [], []
        found, missing = [], []
        for ref in find_label_refs(question):
            label = ref.label_in(doc.kind)
            cid = citation_id(doc.symbol, label)
            if cid in self.index.paragraphs:
                found.append(cid)
            elif _is_structural(ref, doc):
                missing.append(cid)
        return found, missing

    # -- search ----------------------------------------------------------------------------------------------
    def keyword_query(self, query: str) -> str:
        """What the keyword side looks for: the question's subject (asking words blanked out) and the documents'
        terms for the other names it uses."""
        return f"{self.judge.subject(query)} {' '.join(self.glossary.official_terms(query))}"

    def search(self, query: str, only: str | None = None, prefer: frozenset[str] = frozenset()) -> list[Hit]:
        """Dense and keyword rankings fused by their normalised scores (relative score fusion).

        Rank-only fusion (RRF) ties whenever the two rankings swap their first two places, and the dense
        similarities of e5 differ in the third decimal where BM25 differs threefold; the scores carry the margin.
        """
        # The embedding gets the official names only: e5 reads English well enough, and every word added to the
        # query costs embedding time; the documents' general wording matters to the keyword side.
        vector = self.index.embeddings.embed_query(self.glossary.expand(query, vocabulary=False))
        dense = self.index.dense(vector, k=min(_CANDIDATES, len(self.index.paragraphs)), only=only)
        keyword = self.index.keyword.scores(self.keyword_query(query))
        if only:
            keyword = {pid: score for pid, score in keyword.items() if pid.startswith(f"{only}:")}
        hits = {pid: Hit(pid, 0.0, "search", dense=similarity) for pid, similarity in dense}
        for pid, score in keyword.items():
            hits.setdefault(pid, Hit(pid, 0.0, "search")).keyword = score
        low, high = min((s for _, s in dense), default=0.0), max((s for _, s in dense), default=0.0)
        top_keyword = max(keyword.values(), default=0.0)
        # With no query token in the corpus (an English question over Chinese text) only the dense ranking counts.
        weight = DENSE_WEIGHT if top_keyword else 1.0
        specifics = self.judge.known_specifics(query)
        wants_symbol = asks_for_document(query)
        shapes = expected_shapes(query)
        for hit in hits.values():
            dense_part = (hit.dense - low) / (high - low) if high > low and hit.dense else 0.0
            keyword_part = hit.keyword / top_keyword if top_keyword else 0.0
            hit.score = weight * dense_part + (1.0 - weight) * keyword_part
            paragraph = self.index.paragraphs[hit.id]
            # A number or symbol the user typed is the strongest evidence there is; so is a paragraph's
            # footnoted references when the question asks which document.
            if specifics:
                hit.score += SPECIFIC_BONUS * sum(s in paragraph.text for s in specifics) / len(specifics)
            if wants_symbol and paragraph.cites:
                hit.score += SYMBOL_BONUS
            if shapes and any(shape.search(paragraph.text) for shape in shapes):
                hit.score += ANSWER_TYPE_BONUS  # it can state what is asked: a number, a date, a place
            if hit.id in prefer:
                hit.score += HISTORY_BONUS  # a follow-up most likely asks about what was just cited
        return sorted(hits.values(), key=lambda h: (-h.score, -h.dense))

    def _expand_footnotes(self, hits: list[Hit]) -> list[Hit]:
        """A footnote hit brings the paragraph that carries its marker right after it."""
        out: list[Hit] = []
        seen: set[str] = set()
        for hit in hits:
            if hit.id in seen:
                continue
            out.append(hit)
            seen.add(hit.id)
            para = self.index.paragraphs[hit.id]
            if para.kind == "footnote":
                parent = self.index.documents[para.doc_symbol].footnote_carrier(para)
                if parent and parent.id not in seen:
                    out.append(Hit(parent.id, hit.score, "footnote"))
                    seen.add(parent.id)
        return out

    # -- the whole step --------------------------------------------------------------------------------------
    def retrieve(
        self,
        question: str,
        context: str = "",
        boost: list[str] | None = None,
        top_k: int | None = None,
        only: str | None = None,
    ) -> Retrieval:
        """`question` names labels; `context` (earlier turns) widens the search; `boost` ids (cited in the
        previous answer) are preferred for a follow-up; `only` restricts everything to one document."""
        query = f"{context} {question}".strip()
        if asks_for_cited_documents(question) and (doc := self._target_document(question, only)):
            citing = list(
                dict.fromkeys(e.cited_by[0] for e in self.index.registry if e.cited_by[0].startswith(f"{doc.symbol}:"))
            )
            return Retrieval(query, [Hit(pid, 1.0, "registry") for pid in citing], bool(citing), reason="registry")
        labelled, missing = self.label_lookup(question, only)
        searched = self.search(query, only, prefer=frozenset(boost or ()))
        hits = [Hit(pid, 1.0, "label") for pid in labelled] + searched
        hits = self._expand_footnotes(hits)
        if labelled:
            found, reason = True, "named paragraph"
        elif missing:
            found, reason = False, "named paragraph does not exist"
        else:
            found, reason = self.judge.judge(query) if searched else (False, "nothing indexed")
        return Retrieval(query, hits[: max(top_k or self.top_k, len(labelled))], found, missing, reason)


def _is_structural(ref: LabelRef, doc: Document) -> bool:
    """A missing PP/OP/FN/paragraph reference is a real miss; 'article 6' in a resolution names another text."""
    return ref.kind in (None, "PP", "OP", "FN") if doc.kind == "resolution" else ref.kind in (None, "P", "ART")
