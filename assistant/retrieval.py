"""Retrieval over a read `Question`: the paragraphs it names first, then hybrid dense + keyword search fused by
score, then footnote expansion. Retrieval ranks; it never decides whether the documents answer (the verdict does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.language import SPECIFIC_TYPES, pack, question_language
from assistant.question import Question
from assistant.relevance import RelevanceJudge
from index.glossary import Glossary
from index.registry import CitedDocument
from index.store import LoadedIndex

_CANDIDATES = 30
DENSE_WEIGHT = 0.5
SPECIFIC_BONUS = 0.5
SYMBOL_BONUS = 0.25
ANSWER_TYPE_BONUS = 0.2
HISTORY_BONUS = 0.2
NEIGHBOUR_BONUS = 0.1
FOOTNOTE_ACROSS_LANGUAGES = 0.5
RANKED_TYPES = SPECIFIC_TYPES | {"purpose", "definition"}  # a stated purpose ('目的是', '旨在') or definition
# ('for the purposes of this Treaty, a … is one which') still tells paragraphs apart


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
    registry: bool = False  # the hits are the registry's citing paragraphs ('which documents does it cite')

    @property
    def ids(self) -> list[str]:
        return [h.id for h in self.hits]


class Retriever:
    def __init__(self, index: LoadedIndex, glossary: Glossary, judge: RelevanceJudge, top_k: int = 5) -> None:
        self.index = index
        self.glossary = glossary
        self.judge = judge
        self.top_k = top_k

    # -- search ----------------------------------------------------------------------------------------------
    def keyword_query(self, query: str, lang: str | None = None) -> str:
        """What the keyword side looks for: the question's subject (asking words blanked out) and the documents'
        terms for the other names it uses; over a text in another language (`lang`), its words for the question's
        terms too."""
        words = [*self.glossary.official_terms(query)]
        if lang and question_language(query) != lang:
            words += self.glossary.renderings(query, lang)
        return f"{self.judge.subject(query)} {' '.join(words)}"

    def search(self, question: Question, only: str | None = None) -> list[Hit]:
        """Dense and keyword rankings fused by their normalised scores (relative score fusion).

        Rank-only fusion (RRF) ties whenever the two rankings swap their first two places, and the dense
        similarities of e5 differ in the third decimal where BM25 differs threefold; the scores carry the margin.
        """
        query = question.search
        prefer = frozenset(question.previous_citations)
        nearby = frozenset(n for pid in prefer for n in self._neighbours(pid)) - prefer
        # The embedding gets the official names only: e5 reads English well enough, and every word added to the
        # query costs embedding time; the documents' general wording matters to the keyword side.
        vector = self.index.embeddings.embed_query(self.glossary.expand(query, vocabulary=False))
        dense = self.index.dense(vector, k=min(_CANDIDATES, len(self.index.paragraphs)), only=only)
        lang = self.index.documents[only].lang if only in self.index.documents else None
        keyword = self.index.keyword.scores(self.keyword_query(query, lang))
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
        wants_symbol = question.answer_type == "symbol"
        for hit in hits.values():
            dense_part = (hit.dense - low) / (high - low) if high > low and hit.dense else 0.0
            keyword_part = hit.keyword / top_keyword if top_keyword else 0.0
            hit.score = weight * dense_part + (1.0 - weight) * keyword_part
            paragraph = self.index.paragraphs[hit.id]
            if not top_keyword and paragraph.kind == "footnote" and not wants_symbol:
                # across languages only the embedding ranks, and a footnote that is a bare symbol ('A/79/93.')
                # sits close to any question; its paragraph says what it is about (and brings it along)
                hit.score *= FOOTNOTE_ACROSS_LANGUAGES
            # A number or symbol the user typed is the strongest evidence there is; so is a paragraph's
            # footnoted references when the question asks which document.
            if specifics:
                hit.score += SPECIFIC_BONUS * sum(s in paragraph.text for s in specifics) / len(specifics)
            if wants_symbol and paragraph.cites:
                hit.score += SYMBOL_BONUS
            answer_type = pack(paragraph.lang).answer_type(question.answer_type) if question.answer_type else None
            if answer_type and answer_type.name in RANKED_TYPES and answer_type.shape.search(paragraph.text):
                hit.score += ANSWER_TYPE_BONUS  # it can state what is asked: a number, a date, a place
            if hit.id in question.answered:
                hit.score -= HISTORY_BONUS  # 'anyone else?': not the one just given
            elif hit.id in prefer:
                hit.score += HISTORY_BONUS  # a follow-up most likely asks about what was just cited
            elif hit.id in nearby:
                hit.score += NEIGHBOUR_BONUS  # or continues with the paragraph next to it
        return sorted(hits.values(), key=lambda h: (-h.score, -h.dense))

    def _neighbours(self, pid: str) -> list[str]:
        """The paragraphs just before and after `pid` in its document (same kind of paragraph)."""
        paragraph = self.index.paragraphs.get(pid)
        if paragraph is None:
            return []
        same = [p for p in self.index.documents[paragraph.doc_symbol].paragraphs if p.kind == paragraph.kind]
        at = next(i for i, p in enumerate(same) if p.id == pid)
        return [p.id for p in same[max(0, at - 1) : at + 2] if p.id != pid]

    def _expand_footnotes(self, hits: list[Hit], notes: bool) -> list[Hit]:
        """A footnote hit brings the paragraph that carries its marker right after it; with `notes` (a document
        symbol is asked for), a paragraph brings its footnotes, which hold the symbols of what it names."""
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
                brought = [parent.id] if parent else []
            else:
                brought = [f"{para.doc_symbol}:FN{n}" for n in para.footnote_numbers] if notes else []
            for pid in brought:
                if pid in self.index.paragraphs and pid not in seen:
                    out.append(Hit(pid, hit.score, "footnote"))
                    seen.add(pid)
        return out

    def _titles(self, entry: CitedDocument, term: str) -> bool:
        """Whether a cited document's title, in either language, names the term by any of its names (an English
        one by its words: 'Review and Extension Conference' is a 'Review Conference')."""
        titles = f"{entry.title_zh} {entry.title_en}".lower()
        words = set(re.findall(r"[\w-]+", titles))
        return any(
            form.lower() in titles or form.isascii() and set(form.lower().split()) <= words
            for form in self.glossary.forms(term)
        )

    # -- the whole step --------------------------------------------------------------------------------------
    def retrieve(self, question: Question, top_k: int | None = None, only: str | None = None) -> Retrieval:
        """The paragraphs the question names, then the search's; `only` restricts everything to one document."""
        if question.intent == "cited_documents" and question.scope:
            cited = [(entry, c) for entry in self.index.registry if (c := entry.cited_in(question.scope))]
            # 'which NPT review conference documents does it cite': those whose titles name every term asked
            titled = [(e, c) for e, c in cited if question.terms and all(self._titles(e, t) for t in question.terms)]
            citing = list(dict.fromkeys(c[0] for _, c in titled or cited))
            if citing:
                return Retrieval(question.search, [Hit(pid, 1.0, "registry") for pid in citing], registry=True)
        searched = self.search(question, only)
        named = [Hit(pid, 1.0, "label") for pid in question.labels]
        hits = self._expand_footnotes(named + searched, notes=question.answer_type == "symbol")
        return Retrieval(question.search, hits[: max(top_k or self.top_k, len(question.labels))])
