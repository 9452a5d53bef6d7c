"""The offline extractive answerer: quotes the clause(s) of the paragraph that answers the question, with their
labels, framed in the answer's language; lists and summaries are composed by intent (`compose.py`).
Deterministic, no model; `found` is the verdict's."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any, Protocol, runtime_checkable

from assistant.citations import Answer, Citation, make_citation
from assistant.compose import BACKEND, Composer
from assistant.labels import display_label, document_name
from assistant.language import followed_by_asked_word, in_asked_unit, pack
from assistant.question import Question
from assistant.relevance import SPECIFIC
from assistant.retrieval import Retrieval
from assistant.verdict import Verdict
from assistant.vote_answer import answer_from_vote
from index.documents import Document, Paragraph, items_of, split_citation_id
from index.glossary import Glossary, stem
from index.registry import CitedDocument, short_forms
from index.text import keyword_tokens

# a comma before a year is inside a date; an English sentence ends before a capital or a numbered paragraph
_CLAUSE_END = re.compile(r"[，；。：;:]|,(?!\s*\d{4}\b)|(?<=[a-z)0-9])\.(?=\s+(?:\d+\.\s)?[A-Z])")
_ITEM_NUMBER = re.compile(r"\s*(?:\d+\.\s+)?")  # '2. ' before an article's numbered paragraph
_WHOLE_PARAGRAPH_CHARS = 60  # shorter paragraphs are quoted whole
_CROSS_LANGUAGE_WHOLE_CHARS = 300  # a question in another language cannot pick clauses by words: quote it whole
_MAX_CLAUSES = 3
_SENTENCE_CHARS = 400  # a yes-no answer quotes the whole sentence it rests on, up to this long
_SENTENCE_END = "。；;.!?！？"
_MAX_GLOSSED_TERMS = 12
_NEIGHBOUR_SHARE = 0.25
# Within the chosen paragraph, the clause that states the kind of fact asked for (a number, a date, a place)
# outweighs one that only repeats the question's subject.
_ANSWER_TYPE_WEIGHT = 3.0
_ENUMERATION = re.compile(r"\s*(?:包括|比如|例如|诸如|即|特别是|such as|including|in particular|namely)", re.IGNORECASE)
_LISTED = frozenset({"language", "states"})  # answer types whose values are listed over commas ('English, Russian')
_PURPOSE = re.compile(r"\s*(?:其目的是|目的是|旨在|以便|以期|in order to|with a view to|aimed at)", re.IGNORECASE)


@runtime_checkable
class ModelAnswerer(Protocol):
    """An answerer backed by a language model (`llm.LLMAnswerer`): it streams a draft, and it rewrites a follow-up
    into a standalone question. Known by its shape, so that the offline default never imports the model stack."""

    name: str

    def answer(self, question: Question, retrieval: Retrieval, verdict: Verdict, lang: str) -> Answer: ...

    def stream(
        self, question: Question, retrieval: Retrieval, verdict: Verdict, lang: str
    ) -> Iterator[str | Answer]: ...

    def rewrite_follow_up(self, question: str, history: list[dict[str, Any]]) -> str | None: ...


@dataclass(frozen=True)
class _Clause:
    start: int
    end: int  # exclusive, includes the closing punctuation


def clauses(text: str) -> list[_Clause]:
    out, start = [], 0
    for match in _CLAUSE_END.finditer(text):
        out.append(_Clause(start, match.end()))
        start = match.end()
    if start < len(text):
        out.append(_Clause(start, len(text)))
    return out


class ExtractiveAnswerer:
    name = BACKEND

    def __init__(
        self,
        paragraphs: dict[str, Paragraph],
        documents: dict[str, Document],
        glossary: Glossary,
        registry: list[CitedDocument],
        keyword_query: Callable[[str, str | None], str],
        translations: dict[str, ExtractiveAnswerer] | None = None,
    ) -> None:
        """`keyword_query` is the retriever's: clauses are chosen by the same words paragraphs were.
        `translations`: the same answerer over the documents read in another language (`LoadedIndex.in_language`)."""
        self.keyword_query = keyword_query
        self.translations = translations or {}
        self.paragraphs = paragraphs
        self.documents = documents
        self.glossary = glossary
        self.registry = registry
        self.composer = Composer(paragraphs, glossary)

    # -- choosing the words to quote -------------------------------------------------------------------------
    def _clause_scores(self, question: Question, paragraph: Paragraph, parts: list[_Clause]) -> list[float]:
        text = paragraph.text
        wanted = {stem(t) for t in keyword_tokens(self.keyword_query(question.search, paragraph.lang))}
        # a follow-up's own words count twice: the clause on what it asks ('拆除弹头部件那个是哪一项'), not on what
        # the conversation asked before (the programme of work)
        own = {stem(t) for t in keyword_tokens(self.keyword_query(question.focus, paragraph.lang))}
        own = own if question.follow_up else set()
        answer_type = pack(paragraph.lang).answer_type(question.answer_type) if question.answer_type else None
        units = [u for u, asks in pack(question.lang).units.items() if asks.search(question.text)]
        # the symbols the question itself gives, not its document's, in a paragraph naming others: 'and when was
        # 74/50 adopted?' after a question on the resolutions PP3 recalls is answered by the clause naming 74/50
        symbols = [s for s in SPECIFIC.findall(question.text) if "/" in s and s not in paragraph.doc_symbol]
        if not any("/" in s and s not in symbols for s in SPECIFIC.findall(text)):
            symbols = []
        scores = []
        for part in parts:
            piece = text[part.start : part.end]
            tokens = {stem(t) for t in keyword_tokens(piece)}  # 'approve' is 'approved'
            score = sum(2.0 if t.isascii() else 1.0 for t in wanted & tokens)
            score += sum(2.0 if t.isascii() else 1.0 for t in own & tokens)
            score += _ANSWER_TYPE_WEIGHT * sum(1 for s in symbols if s in piece)
            stated = [m.group(0) for m in answer_type.shape.finditer(piece)] if answer_type else []
            if stated:
                score += _ANSWER_TYPE_WEIGHT
                # counted in the unit asked about ('how many sessions': 三届, not 25人)
                score += _ANSWER_TYPE_WEIGHT * any(u in s for u in units for s in stated)
            scores.append(score)
        return scores

    def _clause_words(self, question: Question, paragraph: Paragraph, parts: list[_Clause]) -> list[set[str]]:
        """The words of the query (of two letters or more) each clause holds whole."""
        words = [w for w in self.keyword_query(question.search, paragraph.lang).split() if len(w) >= 2]
        held = []
        for part in parts:
            piece = paragraph.text[part.start : part.end]
            tokens = {stem(t) for t in keyword_tokens(piece)}
            held.append(
                {w for w in words if (tokens >= {stem(t) for t in keyword_tokens(w)} if w.isascii() else w in piece)}
            )
        return held

    def quote_span(self, question: Question, paragraph: Paragraph, same_language: bool) -> tuple[int, int]:
        """Start and end of the contiguous clauses that best answer the query (the whole paragraph when short)."""
        text = paragraph.text
        limit = _WHOLE_PARAGRAPH_CHARS if same_language else _CROSS_LANGUAGE_WHOLE_CHARS
        parts = clauses(text)
        if len(text) <= limit or len(parts) <= 1:
            return 0, len(text)
        scores = self._clause_scores(question, paragraph, parts)
        # between clauses as good, the one stating the kind of fact asked for ('在日内瓦举行' for 'where')
        shape = pack(paragraph.lang).answer_type(question.answer_type or "")
        states = [bool(shape and shape.shape.search(text[p.start : p.end])) for p in parts]
        # … and for a fact of a kind asked, the best of the clauses on the question that state one (a count: of
        # what is asked, 'forty other States' for 'how many states')
        answering = [scores[i] > 0 and self._states_asked(question, paragraph, parts[i]) for i in range(len(parts))]
        # (of two clauses stating one, the one next to the clauses on the question: 'one-third' of the Parties at
        # whose request the Depositaries convene a conference, for 'what share of parties must ask them to convene')
        on_question = [answering[i] * sum(scores[max(i - 1, 0) : i + 2]) for i in range(len(parts))]
        best = max(range(len(parts)), key=lambda i: (answering[i], on_question[i], scores[i], states[i], -i))
        if scores[best] <= 0:
            return 0, len(text)
        if item := self._item_holding(paragraph, parts[best]):
            return item  # a numbered paragraph of an article ('2. … approved by a majority …') is quoted whole
        lo = hi = best
        enough = scores[best] * _NEIGHBOUR_SHARE  # a neighbouring clause joins only if it answers too …
        # … or holds a word of the question the quote lacks: '审议' of '政府专家小组具体审议什么' is in the clause after
        # the one naming the group, whose long name outweighs it
        holds = self._clause_words(question, paragraph, parts)
        quoted = set(holds[best])
        while hi - lo + 1 < _MAX_CLAUSES:
            left = scores[lo - 1] if lo > 0 else 0.0
            right = scores[hi + 1] if hi + 1 < len(parts) else 0.0
            new_left = lo > 0 and bool(holds[lo - 1] - quoted)
            new_right = hi + 1 < len(parts) and bool(holds[hi + 1] - quoted)
            if (max(left, right) < enough or max(left, right) <= 0) and not (new_left or new_right):
                break
            if new_right or not new_left and right >= left:
                hi += 1
            else:
                lo -= 1
            quoted |= holds[lo] | holds[hi]
        # A list of the names asked for runs over commas: every clause of it that names one joins.
        shape = (
            pack(paragraph.lang).answer_type(question.answer_type or "") if question.answer_type in _LISTED else None
        )
        if shape is not None and shape.shape.search(text[parts[best].start : parts[best].end]):
            while lo > 0 and shape.shape.search(text[parts[lo - 1].start : parts[lo - 1].end]):
                lo -= 1
            while hi + 1 < len(parts) and shape.shape.search(text[parts[hi + 1].start : parts[hi + 1].end]):
                hi += 1
        # A clause that introduces examples ("包括工具、解决方案", "such as ...") is the answer to "which ...?".
        if hi + 1 < len(parts) and _ENUMERATION.match(text, parts[hi + 1].start):
            hi += 1
        # A stated purpose ("其目的是使各国…合作，制订…方法，促进…核查") runs to the end of its sentence.
        if any(_PURPOSE.match(text, parts[i].start) for i in range(lo, hi + 1)):
            while hi + 1 < len(parts) and text[parts[hi].end - 1] not in "。；;.":
                hi += 1
        # A heading clause ("议程项目：") is nothing without the words it introduces.
        while hi + 1 < len(parts) and text[parts[hi].end - 1] in "：:":
            hi += 1
        # A value of the asked kind is quoted whole ('at the cities of London, Moscow and Washington'), and so are
        # the names a count counts ('the English, Russian, French, Spanish and Chinese texts')
        asked = pack(paragraph.lang).answer_type(question.answer_type or "")
        names = pack(paragraph.lang).names_list if question.answer_type == "number" else None
        values = [*(asked.shape.finditer(text) if asked else ()), *(names.finditer(text) if names else ())]
        for value in values:
            if value.start() < parts[hi].end and parts[lo].start < value.end():
                while lo > 0 and value.start() < parts[lo].start:
                    lo -= 1
                while hi + 1 < len(parts) and parts[hi].end < value.end():
                    hi += 1
        # the kinds of fact asked ('where and when', a yes-no question's 'time limit'), and the words stating the
        # contrary of what a yes-no question asserts ('in their personal capacity'): the nearest of each joins, with
        # what lies between, when the quote holds none
        source, asked_in = pack(paragraph.lang), pack(question.lang)
        # (a count's number is not pulled in from afar: a list of names may be what it counts)
        main_kind = question.answer_type if question.answer_type not in (None, "number") else None
        kinds = ([main_kind] if main_kind else []) + list(question.also_types)
        joining = [shape.shape for kind in kinds if (shape := source.answer_type(kind))]
        joining += [
            source.contraries[name].states
            for name, contrary in asked_in.contraries.items()
            if question.intent == "yes_no" and name in source.contraries and contrary.asks.search(question.focus)
        ]
        if question.asks_total:  # 'how many days in all': the count and the length of each, whole
            joining += source.products
        for pattern in joining:
            found = list(pattern.finditer(text))
            if found and not any(parts[lo].start <= m.start() < parts[hi].end for m in found):
                nearest = min(found, key=lambda m: abs(m.start() - parts[best].start))
                while lo > 0 and nearest.start() < parts[lo].start:
                    lo -= 1
                while hi + 1 < len(parts) and parts[hi].end < nearest.end():
                    hi += 1
        if question.intent == "yes_no":
            lo, hi = _sentence_around(text, parts, lo, hi)
        return parts[lo].start, parts[hi].end

    @staticmethod
    def _states_asked(question: Question, paragraph: Paragraph, clause: _Clause) -> bool:
        """The clause states a value of the kind asked, a number followed by the unit or a word of the question;
        never for a document's symbol, which its footnote may give."""
        if question.answer_type in (None, "symbol"):
            return False
        shape = pack(paragraph.lang).answer_type(question.answer_type or "")
        text = paragraph.text[clause.start : clause.end]
        found = list(shape.shape.finditer(text)) if shape else []
        if question.answer_type != "number":
            return bool(found)
        return any(
            in_asked_unit(question.text, question.lang, text, m, paragraph.lang)
            or followed_by_asked_word(question.focus, text, m)
            for m in found
        )

    def _item_holding(self, paragraph: Paragraph, clause: _Clause) -> tuple[int, int] | None:
        """The span of the paragraph's own item (ART10(1)) that holds the clause, when it has items."""
        begins = _ITEM_NUMBER.match(paragraph.text, clause.start)
        at = begins.end() if begins else clause.start
        for pid in items_of(self.paragraphs, paragraph.id):
            start = paragraph.text.find(self.paragraphs[pid].text)
            if start >= 0 and start <= at < start + len(self.paragraphs[pid].text):
                return start, start + len(self.paragraphs[pid].text)
        return None

    def _footnotes_in(self, paragraph: Paragraph, start: int, end: int) -> list[Paragraph]:
        """Footnotes whose markers stand inside the quoted span: the documents those words rest on."""
        out = []
        for ref in paragraph.footnotes:
            if start < ref.offset <= end and (fn := self.paragraphs.get(f"{paragraph.doc_symbol}:FN{ref.number}")):
                out.append(fn)
        return out

    def _through_next_marker(self, paragraph: Paragraph, end: int) -> int:
        """Extend a span to the clause holding the next footnote marker: in UN drafting the marker closes the
        phrase it annotates, relative clauses included, so the cited document of the quoted words is there."""
        marker = next((r for r in paragraph.footnotes if r.offset > end), None)
        if marker is None:
            return end
        return next((c.end for c in clauses(paragraph.text) if c.start < marker.offset <= c.end), end)

    # -- the answer ------------------------------------------------------------------------------------------
    def cite(self, question: Question | None, paragraph: Paragraph, lang: str, whole: bool = False) -> list[Citation]:
        """The citation of `paragraph` (clauses chosen by the question; `whole` or without a question, all of
        it), then the footnotes it quotes."""
        if paragraph.kind == "footnote":
            citations = [make_citation(paragraph, paragraph.text, lang)]
            parent = self.documents[paragraph.doc_symbol].footnote_carrier(paragraph)
            if parent:
                offset = next(r.offset for r in parent.footnotes if r.number == int(paragraph.label[2:]))
                part = next((c for c in clauses(parent.text) if c.start < offset <= c.end), None)
                if part:
                    citations.append(make_citation(parent, parent.text[part.start : part.end], lang))
            return citations
        if whole or question is None:
            start, end = 0, len(paragraph.text)
        else:
            start, end = self.quote_span(question, paragraph, paragraph.lang == question.lang)
            if question.answer_type == "symbol" and not self._footnotes_in(paragraph, start, end):
                end = self._through_next_marker(paragraph, end)
        citations = [make_citation(paragraph, paragraph.text[start:end], lang)]
        citations += [make_citation(fn, fn.text, lang) for fn in self._footnotes_in(paragraph, start, end)]
        return citations

    def reading(self, lang: str) -> ExtractiveAnswerer:
        """The answerer that quotes in `lang` where the documents have text in it."""
        return self.translations.get(lang, self)

    def answer(self, question: Question, retrieval: Retrieval, verdict: Verdict, lang: str) -> Answer:
        if self.reading(lang) is not self:
            return self.reading(lang).answer(question, retrieval, verdict, lang)
        if not verdict.found:
            return self.composer.not_found(question, retrieval, verdict, lang)
        if verdict.kind and not question.answer_type:  # the quote shows the fact the answer was judged on
            question = replace(question, answer_type=verdict.kind)
        if retrieval.registry:
            answer = self._registry_answer(retrieval, lang)
        elif (
            (question.intent in ("enumerate", "count", "summarize") or verdict.every)
            and self.paragraphs[verdict.evidence[0]].kind != "vote"  # the card's list is read from its table
            and (question.intent == "summarize" or not question.labels or verdict.every)
            and (len(verdict.evidence) > 1 or question.part)
        ):  # a list of one is a lookup
            answer = self.composer.listing(question, retrieval, verdict, lang)
        else:
            answer = self._lookup(question, retrieval, verdict, lang)
        answer.reason = verdict.reason
        return answer

    def _lookup(self, question: Question, retrieval: Retrieval, verdict: Verdict, lang: str) -> Answer:
        """The named paragraphs whole, or the clauses of the best evidence; a direct answer or Yes/No first."""
        evidence = self.paragraphs[verdict.evidence[0]] if verdict.evidence else None
        if not question.labels and evidence is not None and evidence.kind == "vote":
            read = answer_from_vote(question, evidence, lang)
            citations = [make_citation(evidence, quote, lang) for quote in read.quotes]
            text = self._render(citations, lang, False)
            return Answer(f"{read.first}\n{text}", citations, True, retrieval.ids, BACKEND, lang)
        if question.labels:
            citations = [c for pid in question.labels for c in self.cite(None, self.paragraphs[pid], lang)]
        else:  # a list or summary that one paragraph answers is that paragraph whole ('list the objectives': all)
            listing = question.intent in ("enumerate", "summarize")
            citations = self.cite(question, self.paragraphs[verdict.evidence[0]], lang, whole=listing)
        citations += [c for c in self._citing(citations[0].symbol, lang) if c.id not in {x.id for x in citations}]
        source_lang = self.paragraphs[citations[0].id].lang
        first = ""
        if question.intent == "yes_no":
            first = self.composer.yes_no(question, verdict, citations[0].quote, source_lang)
        elif not question.labels:
            quote = citations[0].quote
            first = (
                self.composer.total(question, quote, source_lang, lang)
                or self.composer.direct(question, quote, source_lang, lang)
                or self.composer.item_count(question, citations[0].id, lang)
                or self.composer.listed_count(question, quote, source_lang, lang)
            )
        elif len(question.labels) == 1:  # '80/53 OP6 列了几个领域': its items
            first = self.composer.item_count(question, question.labels[0], lang)
        text = self._render(citations, lang, bool(question.labels))
        return Answer(f"{first}\n{text}" if first else text, citations, True, retrieval.ids, BACKEND, lang)

    def _citing(self, symbol: str, lang: str) -> list[Citation]:
        """For an answer from a cited document: the footnote that cites it and the words its marker annotates,
        so the answer shows why the document matters to the resolution."""
        entry = next((e for e in self.registry if e.symbol == symbol), None)
        footnote = (
            next((self.paragraphs[c] for c in entry.cited_by if c.split(":")[1].startswith("FN")), None)
            if entry
            else None
        )
        return self.cite(None, footnote, lang) if footnote else []

    def _registry_answer(self, retrieval: Retrieval, lang: str) -> Answer:
        """The documents a resolution cites, each with the footnote or paragraph that cites it (quoted)."""
        symbol = split_citation_id(retrieval.hits[0].id)[0]
        found = set(retrieval.ids)  # the citing paragraphs of the documents asked for
        entries = [(e, citing) for e in self.registry if (citing := e.cited_in(symbol)) and citing[0] in found]
        citations: list[Citation] = []
        language = pack(lang)
        lines = [language.t("cites_head", symbol=symbol)]
        for number, (entry, citing) in enumerate(entries, 1):
            source = self.paragraphs[citing[0]]
            quote = source.text if source.kind == "footnote" else self._clause_naming(source, entry.symbol)
            citation = make_citation(source, quote, lang)
            if citation not in citations:
                citations.append(citation)
            where = language.templates["list_sep"].join(display_label(split_citation_id(c)[1], lang) for c in citing)
            title = entry.title(lang)
            shown = language.templates["title_sep"] + title if title else ""
            lines.append(language.t("cited_item", n=number, symbol=entry.symbol, title=shown, where=where))
        return Answer("\n".join(lines), citations, True, retrieval.ids, BACKEND, lang)

    def _clause_naming(self, paragraph: Paragraph, symbol: str) -> str:
        for part in clauses(paragraph.text):
            piece = paragraph.text[part.start : part.end]
            if any(form in piece for form in short_forms(symbol)):
                return piece
        return paragraph.text

    # -- wording ---------------------------------------------------------------------------------------------
    def _render(self, citations: list[Citation], lang: str, named: bool) -> str:
        """Each quote with its source, in the language pack's wording; for a quote in another language, the
        official terms it uses glossed (never translated freely)."""
        language = pack(lang)
        lines = []
        for i, c in enumerate(citations):
            note = language.templates[f"source_note_{self.paragraphs[c.id].lang}"]
            key = "cite_named" if named and i == 0 else "cite_first" if i == 0 else "cite_more"
            label = c.display[0].upper() + c.display[1:]
            symbol = document_name(c.symbol, lang)
            lines.append(language.t(key, symbol=symbol, label=c.display, Label=label, note=note, quote=c.quote))
        foreign = any(self.paragraphs[c.id].lang != lang for c in citations)
        if (
            foreign
            and language.templates["terms"]
            and (terms := self.glossary.english_names(" ".join(c.quote for c in citations)))
        ):
            glosses = [language.t("gloss", term=zh, name=en) for zh, en in terms[:_MAX_GLOSSED_TERMS]]
            lines.append(language.t("terms", terms=language.templates["gloss_sep"].join(glosses)))
        return "\n".join(lines)


def _sentence_around(text: str, parts: list[_Clause], lo: int, hi: int) -> tuple[int, int]:
    """The clauses of the whole sentence holding clauses lo..hi, when it is not too long: a Yes or No rests on the
    provision with its conditions ('should seek to achieve consensus …, and that, whenever consensus cannot be
    achieved, each expert will be entitled to incorporate his or her own view')."""
    start, end = lo, hi
    while start > 0 and text[parts[start - 1].end - 1] not in _SENTENCE_END:
        start -= 1
    while end + 1 < len(parts) and text[parts[end].end - 1] not in _SENTENCE_END:
        end += 1
    return (start, end) if parts[end].end - parts[start].start <= _SENTENCE_CHARS else (lo, hi)
