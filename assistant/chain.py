"""The question-answering pipeline as one LangChain runnable over a typed state:
read the question -> retrieve -> verdict -> compose -> verify citations -> `Answer`."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any, TypedDict, Unpack

from langchain_core.runnables import Runnable, RunnableLambda

from assistant.answerers import ExtractiveAnswerer, ModelAnswerer
from assistant.citations import Answer, verify
from assistant.config import Settings, index_store
from assistant.followup import validate_history
from assistant.labels import document_name
from assistant.language import SPECIFIC_TYPES, pack
from assistant.question import Question, QuestionReader
from assistant.relevance import RelevanceJudge
from assistant.retrieval import Retrieval, Retriever
from assistant.verdict import Verdict, VerdictJudge
from index.documents import DATA_CARD_KINDS, split_citation_id
from index.errors import InputError, TimeBudgetError, UnknownDocumentError
from index.glossary import shipped_glossary
from index.sources import open_or_build
from index.store import LoadedIndex, Progress

MAX_TOP_K = 20


def check_question(question: Any, max_chars: int) -> str:
    if not isinstance(question, str):
        raise InputError("The question must be text.")
    cleaned = question.replace("\x00", "").strip()
    if not cleaned:
        raise InputError("The question is empty; type a question about the resolution.")
    if len(cleaned) > max_chars:
        raise InputError(f"The question is {len(cleaned)} characters long; keep it under {max_chars} characters.")
    return cleaned


@dataclass(frozen=True)
class Request:
    """A checked request: every limit is enforced when it is made, before any work."""

    text: str
    history: list[dict[str, Any]]
    lang: str | None  # the answer's language, when not the question's
    top_k: int | None
    doc: str | None
    deadline: float


@dataclass(frozen=True)
class Turn:
    """The state through the chain: each step adds its typed result."""

    request: Request
    question: Question
    retrieval: Retrieval | None = None
    verdict: Verdict | None = None
    others: tuple[Turn, ...] = ()  # the same question answered from other documents, grouped after this one

    @property
    def answer_lang(self) -> str:
        return self.request.lang or self.question.lang


class AskOptions(TypedDict, total=False):
    """Per-question overrides: `lang` ("zh"/"en") the answer's wording instead of the question's language,
    `top_k` how many paragraphs are retrieved, `doc` the one document to answer from."""

    lang: str | None
    top_k: int | None
    doc: str | None


class Assistant:
    """One per process: the index, the embedder and the chain are shared by every conversation (thread-safe)."""

    def __init__(self, settings: Settings, index: LoadedIndex) -> None:
        self.settings = settings
        self.index = index
        glossary = shipped_glossary()
        # a document's words are its text's, in each of its languages: its data cards (the vote's list of states)
        # are judged apart
        texts = {
            symbol: [
                p.text
                for text in (doc, *doc.translations.values())
                for p in text.paragraphs
                if p.kind not in DATA_CARD_KINDS
            ]
            for symbol, doc in index.documents.items()
        }
        judge = RelevanceJudge(texts, glossary, settings.data_dir / "cache")
        self.reader = QuestionReader(index.documents, glossary)
        self.retriever = Retriever(index, glossary, judge, settings.top_k)
        self.verdicts = VerdictJudge(index.paragraphs, judge, glossary)
        # a question's words are judged against the text in its language where the documents have one
        views = {lang: index.in_language(lang) for lang in index.translated}
        self.verdicts_in = {lang: VerdictJudge(view.paragraphs, judge, glossary) for lang, view in views.items()}
        extractive = ExtractiveAnswerer(
            index.paragraphs,
            index.documents,
            glossary,
            index.registry,
            self.retriever.keyword_query,
            {
                lang: ExtractiveAnswerer(
                    view.paragraphs, view.documents, glossary, index.registry, self.retriever.keyword_query
                )
                for lang, view in views.items()
            },
        )
        self.answerer: ExtractiveAnswerer | ModelAnswerer = extractive
        if settings.llm:  # the model stack is imported only then (a thirtieth of a second of every offline start)
            from assistant.llm import LLMAnswerer, make_chat_model, structured_output

            model = make_chat_model(
                settings.llm, settings.llm_base_url, settings.llm_timeout_s, settings.llm_max_retries
            )
            self.answerer = LLMAnswerer(model, f"llm:{settings.llm}", extractive, structured_output(settings.llm))
        # Plain sequential steps: `RunnablePassthrough.assign` would start a thread pool on every call
        # (measured: +7 ms of a 19 ms answer) to run a single branch.
        self.prepare: Runnable[Request, Turn] = (
            RunnableLambda(self._read)
            | RunnableLambda(self._retrieve)
            | RunnableLambda(self._decide)
            | RunnableLambda(self._other_documents)
        )
        self.chain: Runnable[Request, Answer] = (
            self.prepare | RunnableLambda(self._answer) | RunnableLambda(self._verify)
        )

    @classmethod
    def from_settings(
        cls,
        settings: Settings | None = None,
        progress: Progress | None = None,
        on_build: Callable[[str], None] | None = None,
    ) -> Assistant:
        """Open the index, building it from the corpus first when there is none yet or when it was built by
        another version (lossless: the corpus and the documents users added are kept apart from the index)."""
        settings = settings or Settings.from_env()
        return cls(settings, open_or_build(index_store(settings), settings.data_dir, progress, on_build))

    def ask(self, question: str, history: list[dict[str, Any]] | None = None, **options: Unpack[AskOptions]) -> Answer:
        """Answer one question (see `AskOptions` for the overrides)."""
        return self.chain.invoke(self._request(question, history, **options))

    def ask_stream(
        self, question: str, history: list[dict[str, Any]] | None = None, **options: Unpack[AskOptions]
    ) -> Iterator[str | Answer]:
        """Like `ask`, for a backend that streams: pieces of the draft text as the model writes them, then the
        verified `Answer` (which is what counts; the draft is never verified). Without a model, or for an answer
        grouped by document (each document answered in turn): just the Answer."""
        turn = self.prepare.invoke(self._request(question, history, **options))
        if not isinstance(self.answerer, ModelAnswerer) or turn.others:
            yield self._verify(self._answer(turn))
            return
        assert turn.retrieval is not None and turn.verdict is not None
        for item in self.answerer.stream(turn.question, turn.retrieval, turn.verdict, turn.answer_lang):
            yield self._verify(item) if isinstance(item, Answer) else item

    def _request(
        self, question: str, history: Any, lang: str | None = None, top_k: int | None = None, doc: str | None = None
    ) -> Request:
        if lang not in (None, "zh", "en"):
            raise InputError(f"Answer language must be 'zh' or 'en', not {lang!r}.")
        if top_k is not None and not 1 <= top_k <= MAX_TOP_K:
            raise InputError(f"The number of sources must be between 1 and {MAX_TOP_K}.")
        if doc is not None and doc not in self.index.documents:
            known = ", ".join(self.index.documents)
            raise UnknownDocumentError(f"{doc} is not in the index (indexed: {known}).")
        text = check_question(question, self.settings.max_question_chars)
        deadline = time.monotonic() + self.settings.time_budget_s
        return Request(text, validate_history(history), lang, top_k, doc, deadline)

    # -- chain steps -----------------------------------------------------------------------------------------
    def _read(self, request: Request) -> Turn:
        """The question read once. With a language model, a follow-up that names no paragraph is first rewritten
        by the model into a standalone question (offline, the earlier question is searched along with it)."""
        question = self.reader.read(request.text, request.history, request.doc)
        if isinstance(self.answerer, ModelAnswerer) and question.follow_up and not question.labels:
            standalone = self.answerer.rewrite_follow_up(request.text, request.history)
            if standalone:
                question = self.reader.read(standalone, [], request.doc)
        return Turn(request, question)

    def _retrieve(self, turn: Turn) -> Turn:
        # the document the question is about (named, or the main resolution)
        only = turn.request.doc or turn.question.scope
        retrieval = self.retriever.retrieve(turn.question, turn.request.top_k, only)
        self._check_budget(turn.request)
        return replace(turn, retrieval=retrieval)

    def _verdicts(self, question: Question) -> VerdictJudge:
        return self.verdicts_in.get(question.lang, self.verdicts)

    def _decide(self, turn: Turn) -> Turn:
        assert turn.retrieval is not None
        return replace(turn, verdict=self._verdicts(turn.question).decide(turn.question, turn.retrieval))

    def _other_documents(self, turn: Turn) -> Turn:
        """A question that names no document is about the main resolution; the other documents answer it too
        when it asks for a kind of fact they also state ('how many experts': 25 in 71/67, 21 in 80/53, grouped),
        or instead when its subject is not in the main resolution at all."""
        question, verdict = turn.question, turn.verdict
        assert verdict is not None
        if question.also:
            return self._each_document(turn)
        if turn.request.doc or question.labels or question.follow_up:
            return turn
        asks_fact = question.intent == "lookup" and question.answer_type in SPECIFIC_TYPES
        typed = verdict.found and asks_fact
        # a fact the main resolution does not state, of a thing another document the question names holds ('where
        # was the first NPT review conference to be held': the NPT says)
        unstated = asks_fact and not verdict.found and not verdict.off_topic and bool(question.mentioned)
        # 'which paragraphs mention irreversibility': where each document says it
        listed = verdict.found and question.intent == "enumerate" and bool(question.terms)
        if not typed and not listed and not verdict.off_topic and not unstated:
            return turn
        symbols = [s for s in self.index.documents if s != question.scope and (s in question.mentioned or not unstated)]
        if (citing := self.reader.choice.citing(question.unindexed)) is not None:
            symbols = [s for s in symbols if s in citing]  # of a document cited, not indexed: only those citing it
        if question.scope_named:
            if verdict.found:
                return turn
            # a document the main resolution cites, asked for what only the resolution says of it ('the UN Treaty
            # Series reference of the NPT': its footnote)
            main = self.reader.main_symbol
            symbols = [main] if main and self._cited_by(question.scope or "", main) else []
        others: list[Turn] = []
        nearer: list[Turn] = []  # documents that have the subject, though not the fact asked for
        for symbol in symbols:
            other = self.reader.of_own_body(replace(question, scope=symbol), turn.request.history)
            retrieval = self.retriever.retrieve(other, turn.request.top_k, symbol)
            verdicts = self._verdicts(other)
            decided = verdicts.decide(other, retrieval)
            if not decided.found and not decided.off_topic:
                nearer.append(Turn(turn.request, other, retrieval, decided))
            if (
                decided.found
                and decided.grounded
                # a No from another document: only instead of none, and only when the paragraph on the topic names
                # another place or state than the one asked about (not when it lacks a figure asked about)
                and not (decided.contradicted and (verdict.found or not decided.kind))
                and (
                    set(decided.evidence) <= set(verdicts.sets.mentions(other))  # a list: of the paragraphs naming it
                    if listed
                    else verdicts.evidence.counts_in_asked_unit(other, decided.evidence[0])
                )
            ):
                others.append(Turn(turn.request, other, retrieval, decided))
        self._check_budget(turn.request)
        if not verdict.found:  # not about the main resolution: the first document that answers it does, else the
            # refusal of one that has its subject says why ('no names', not 'never mentioned')
            return others[0] if others else nearer[0] if verdict.off_topic and nearer else turn
        if not verdict.grounded and not others:
            # 'where were those three informal in-person meetings held': words the main resolution lacks make it
            # the question of a document that uses them all, which refuses it when it lacks the fact
            owner = next((t for t in nearer if self._verdicts(t.question).uses_every_word(t.question)), None)
            return owner or turn
        return replace(turn, others=tuple(others))

    def _cited_by(self, symbol: str, citing: str) -> bool:
        """Whether the document `citing` cites `symbol` (a footnote or paragraph of it names it)."""
        return any(entry.symbol == symbol and bool(entry.cited_in(citing)) for entry in self.index.registry)

    def _each_document(self, turn: Turn) -> Turn:
        """A question about several documents ('71/67 和 80/53 的专家组有什么不同', 'do both resolutions …'): each one
        answers it from its own text, grouped in order; those that do not answer it are left out."""
        turns = [turn]
        asked = [turn.question.scope, *turn.question.also]
        for symbol in turn.question.also:
            # the paragraphs it names of one document are no part of another's ('does 80/53 keep the wording of
            # 71/67's PP7': 80/53 answers from its own text)
            own_labels = tuple(pid for pid in turn.question.labels if split_citation_id(pid)[0] == symbol)
            other = self.reader.of_own_body(
                replace(
                    turn.question,
                    scope=symbol,
                    also=tuple(s for s in asked if s and s != symbol),
                    labels=own_labels,
                ),
                turn.request.history,
            )
            retrieval = self.retriever.retrieve(other, turn.request.top_k, symbol)
            turns.append(Turn(turn.request, other, retrieval, self._verdicts(other).decide(other, retrieval)))
        self._check_budget(turn.request)
        found = [t for t in turns if t.verdict is not None and t.verdict.found]
        if not found:
            return turn
        return replace(found[0], others=tuple(found[1:]))

    def _check_budget(self, request: Request) -> None:
        """Every step is bounded (the Chroma server's requests time out at the same budget); past the budget
        the user gets a clear message rather than a late answer."""
        if time.monotonic() > request.deadline:
            raise TimeBudgetError(
                f"The answer took longer than {self.settings.time_budget_s} s (NDV_TIME_BUDGET); try again, "
                "and if it keeps happening have the index server checked."
            )

    def _answer(self, turn: Turn) -> Answer:
        assert turn.retrieval is not None and turn.verdict is not None
        answer = self.answerer.answer(turn.question, turn.retrieval, turn.verdict, turn.answer_lang)
        if not turn.others:
            return answer
        # grouped by document: the main resolution's answer as it is, then each other document's under its name
        # and year
        parts = [answer.text]
        for other in turn.others:
            assert other.retrieval is not None and other.verdict is not None
            more = self.answerer.answer(other.question, other.retrieval, other.verdict, turn.answer_lang)
            parts.append(self._headed(other, more))
            answer.citations += [c for c in more.citations if c not in answer.citations]
            answer.warnings += more.warnings
        answer.text = "\n\n".join(parts)
        return answer

    def _headed(self, turn: Turn, answer: Answer) -> str:
        doc = self.index.documents[turn.question.scope or ""]
        heading = pack(turn.answer_lang).t(
            "document_group", symbol=document_name(doc.symbol, turn.answer_lang), year=doc.adopted[:4]
        )
        return f"{heading}\n{answer.text}"

    def _verify(self, answer: Answer) -> Answer:
        """No citation reaches the user unless its label exists and its quote is in that paragraph (in one of the
        languages it is indexed in)."""
        kept, problems = verify(answer.citations, self.index.paragraphs, self.index.versions)
        answer.citations = kept
        answer.warnings += problems
        if answer.found and not kept:
            answer.found = False
            answer.warnings.append("no citation could be verified; the answer is withheld")
        return answer

    def close(self) -> None:
        self.index.close()
