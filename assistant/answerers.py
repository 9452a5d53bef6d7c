"""The offline extractive answerer: quotes the clause(s) of the best paragraph that answer the question, with
their labels, framed in the question's language. Deterministic, no model; `found` comes from retrieval."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.citations import Answer, Citation, make_citation
from assistant.labels import display_label
from assistant.question_types import expected_shapes
from assistant.retrieval import Retrieval, asks_for_document
from index.documents import Document, Paragraph, split_citation_id
from index.glossary import Glossary
from index.registry import CitedDocument, short_forms
from index.text import keyword_tokens, question_language

BACKEND = "extractive"
_CLAUSE_END = re.compile(r"[，；。：,;:]")
_WHOLE_PARAGRAPH_CHARS = 60  # shorter paragraphs are quoted whole
_CROSS_LANGUAGE_WHOLE_CHARS = 300  # a question in another language cannot pick clauses by words: quote it whole
_MAX_CLAUSES = 3
_MAX_GLOSSED_TERMS = 12
_NEIGHBOUR_SHARE = 0.25
# Within the chosen paragraph, the clause that states the kind of fact asked for (a number, a date, a place)
# outweighs one that only repeats the question's subject.
_ANSWER_TYPE_WEIGHT = 3.0
_ENUMERATION = re.compile(r"\s*(?:包括|比如|例如|诸如|即|特别是|such as|including|in particular|namely)", re.IGNORECASE)
_PURPOSE = re.compile(r"\s*(?:其目的是|目的是|旨在|以便|以期|in order to|with a view to|aimed at)", re.IGNORECASE)


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
        keyword_query: Callable[[str], str],
    ) -> None:
        """`keyword_query` is the retriever's: clauses are chosen by the same words paragraphs were."""
        self.keyword_query = keyword_query
        self.paragraphs = paragraphs
        self.documents = documents
        self.glossary = glossary
        self.registry = registry

    # -- choosing the words to quote -------------------------------------------------------------------------
    def _clause_scores(self, query: str, text: str, parts: list[_Clause]) -> list[float]:
        wanted = set(keyword_tokens(self.keyword_query(query)))
        types = expected_shapes(query)
        scores = []
        for part in parts:
            piece = text[part.start : part.end]
            tokens = set(keyword_tokens(piece))
            score = sum(2.0 if t.isascii() else 1.0 for t in wanted & tokens)
            score += sum(_ANSWER_TYPE_WEIGHT for shape in types if shape.search(piece))
            scores.append(score)
        return scores

    def quote_span(self, query: str, paragraph: Paragraph, same_language: bool) -> tuple[int, int]:
        """Start and end of the contiguous clauses that best answer the query (the whole paragraph when short)."""
        text = paragraph.text
        limit = _WHOLE_PARAGRAPH_CHARS if same_language else _CROSS_LANGUAGE_WHOLE_CHARS
        parts = clauses(text)
        if len(text) <= limit or len(parts) <= 1:
            return 0, len(text)
        scores = self._clause_scores(query, text, parts)
        best = max(range(len(parts)), key=lambda i: (scores[i], -i))
        if scores[best] <= 0:
            return 0, len(text)
        lo = hi = best
        enough = scores[best] * _NEIGHBOUR_SHARE  # a neighbouring clause joins only if it answers too
        while hi - lo + 1 < _MAX_CLAUSES:
            left = scores[lo - 1] if lo > 0 else 0.0
            right = scores[hi + 1] if hi + 1 < len(parts) else 0.0
            if max(left, right) < enough or max(left, right) <= 0:
                break
            if right >= left:
                hi += 1
            else:
                lo -= 1
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
        return parts[lo].start, parts[hi].end

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
    def cite(self, query: str, paragraph: Paragraph, lang: str, whole: bool = False) -> list[Citation]:
        """The citation of `paragraph` (clauses chosen by the query, or `whole`), then the footnotes it quotes."""
        if paragraph.kind == "footnote":
            citations = [make_citation(paragraph, paragraph.text, lang)]
            parent = self.documents[paragraph.doc_symbol].footnote_carrier(paragraph)
            if parent:
                offset = next(r.offset for r in parent.footnotes if r.number == int(paragraph.label[2:]))
                part = next((c for c in clauses(parent.text) if c.start < offset <= c.end), None)
                if part:
                    citations.append(make_citation(parent, parent.text[part.start : part.end], lang))
            return citations
        if whole:
            start, end = 0, len(paragraph.text)
        else:
            same_language = paragraph.lang == question_language(query)
            start, end = self.quote_span(query, paragraph, same_language)
            if asks_for_document(query) and not self._footnotes_in(paragraph, start, end):
                end = self._through_next_marker(paragraph, end)
        citations = [make_citation(paragraph, paragraph.text[start:end], lang)]
        citations += [make_citation(fn, fn.text, lang) for fn in self._footnotes_in(paragraph, start, end)]
        return citations

    def answer(self, question: str, retrieval: Retrieval, lang: str) -> Answer:
        labelled = [h.id for h in retrieval.hits if h.via == "label"]
        if not retrieval.found:
            return Answer(self._not_found_text(retrieval, lang), [], False, retrieval.ids, BACKEND, lang)
        if retrieval.hits[0].via == "registry":
            return self._registry_answer(retrieval, lang)
        if labelled:
            citations = [c for pid in labelled for c in self.cite(question, self.paragraphs[pid], lang, whole=True)]
        else:
            citations = self.cite(retrieval.query, self.paragraphs[retrieval.hits[0].id], lang)
        citations += [c for c in self._citing(citations[0].symbol, lang) if c not in citations]
        return Answer(self._render(citations, lang, bool(labelled)), citations, True, retrieval.ids, BACKEND, lang)

    def _citing(self, symbol: str, lang: str) -> list[Citation]:
        """For an answer from a cited document: the footnote that cites it and the words its marker annotates,
        so the answer shows why the document matters to the resolution."""
        entry = next((e for e in self.registry if e.symbol == symbol), None)
        footnote = (
            next((self.paragraphs[c] for c in entry.cited_by if c.split(":")[1].startswith("FN")), None)
            if entry
            else None
        )
        return self.cite("", footnote, lang) if footnote else []

    def _registry_answer(self, retrieval: Retrieval, lang: str) -> Answer:
        """The documents a resolution cites, each with the footnote or paragraph that cites it (quoted)."""
        symbol = split_citation_id(retrieval.hits[0].id)[0]
        entries = [e for e in self.registry if e.cited_by[0].startswith(f"{symbol}:")]
        citations: list[Citation] = []
        lines = [f"{symbol}引用了以下文件：" if lang == "zh" else f"{symbol} cites these documents:"]
        for number, entry in enumerate(entries, 1):
            source = self.paragraphs[entry.cited_by[0]]
            quote = source.text if source.kind == "footnote" else self._clause_naming(source, entry.symbol)
            citation = make_citation(source, quote, lang)
            if citation not in citations:
                citations.append(citation)
            where = ("、" if lang == "zh" else ", ").join(
                display_label(split_citation_id(c)[1], lang) for c in entry.cited_by
            )
            title = entry.title(lang)
            sep = "：" if lang == "zh" else " — "
            lines.append(
                f"{number}. {entry.symbol}{sep + title if title else ''}（{where}）"
                if lang == "zh"
                else f"{number}. {entry.symbol}{sep + title if title else ''} ({where})"
            )
        return Answer("\n".join(lines), citations, True, retrieval.ids, BACKEND, lang)

    def _clause_naming(self, paragraph: Paragraph, symbol: str) -> str:
        for part in clauses(paragraph.text):
            piece = paragraph.text[part.start : part.end]
            if any(form in piece for form in short_forms(symbol)):
                return piece
        return paragraph.text

    # -- wording ---------------------------------------------------------------------------------------------
    def _render(self, citations: list[Citation], lang: str, named: bool) -> str:
        lines = []
        for i, c in enumerate(citations):
            source_lang = self.paragraphs[c.id].lang
            if lang == "zh":
                verb = "全文" if named and i == 0 else ""
                lines.append(f"{'根据' if i == 0 and not named else ''}{c.symbol}{c.display}{verb}：“{c.quote}”")
            else:
                note = " (Chinese text)" if source_lang == "zh" else ""
                head = c.display[0].upper() + c.display[1:]
                lines.append(f"{head} of {c.symbol}{note}{' reads' if named and i == 0 else ''}: “{c.quote}”")
        if lang == "en" and (terms := self.glossary.english_names(" ".join(c.quote for c in citations))):
            # The quote stays in the official Chinese; the terms it uses are glossed, never translated freely.
            lines.append("Terms: " + "; ".join(f"{zh} = {en}" for zh, en in terms[:_MAX_GLOSSED_TERMS]) + ".")
        return "\n".join(lines)

    def _not_found_text(self, retrieval: Retrieval, lang: str) -> str:
        if retrieval.missing:
            symbol = split_citation_id(retrieval.missing[0])[0]
            labels = [display_label(split_citation_id(cid)[1], lang) for cid in retrieval.missing]
            if lang == "zh":
                return f"{symbol}中没有{'、'.join(labels)}。请检查段落编号（“ndv doc {symbol}”可显示全文）。"
            return (
                f"{symbol} has no {', '.join(labels)}. Check the paragraph number (`ndv doc {symbol}` shows the text)."
            )
        closest = [self.paragraphs[h.id] for h in retrieval.hits[:3]]
        names = [f"{p.doc_symbol} {display_label(p.label, lang)}" for p in closest]
        if lang == "zh":
            return "所收录的文件没有回答这个问题。" + (f"最接近的段落：{'；'.join(names)}。" if names else "")
        return "The documents in the index do not answer this question." + (
            f" Closest paragraphs: {'; '.join(names)}." if names else ""
        )
