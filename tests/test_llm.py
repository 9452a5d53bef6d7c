"""Generative answers: the plumbing with LangChain's fake chat models (deterministic), and a real backend that is
down. Whatever a model says, only verified citations reach the user; otherwise the extractive answer does."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import BaseMessage
from langchain_core.outputs import ChatGenerationChunk, ChatResult

from assistant.chain import Assistant
from assistant.config import Settings
from assistant.llm import LLMAnswerer, make_chat_model
from index.errors import InputError
from index.store import IndexStore

R = "A/RES/71/67:"
QUESTION = "政府专家小组最多由多少人组成？"
OP7_QUOTE = "设立一个最多为25人的政府专家小组"


def _reply(answer: str, citations: list[dict[str, str]], found: bool = True) -> str:
    return json.dumps({"found": found, "answer": answer, "citations": citations}, ensure_ascii=False)


class _Failing(FakeListChatModel):
    """A backend that times out, whether asked for a whole reply or a stream."""

    def _generate(self, messages: list[BaseMessage], *args: Any, **kwargs: Any) -> ChatResult:
        raise TimeoutError("no answer in time")

    def _stream(self, messages: list[BaseMessage], *args: Any, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        raise TimeoutError("no answer in time")


@pytest.fixture
def with_model(built_data_dir: Path):
    opened: list[Assistant] = []

    def make(model: FakeListChatModel) -> Assistant:
        assistant = Assistant(Settings(data_dir=built_data_dir), IndexStore(built_data_dir).open())
        assistant.answerer = LLMAnswerer(model, "llm:fake", assistant.answerer)  # type: ignore[arg-type]
        opened.append(assistant)
        return assistant

    yield make
    for assistant in opened:
        assistant.close()


def test_a_correct_answer_passes_with_its_citations(with_model):
    model = FakeListChatModel(responses=[_reply(f"最多25人[{R}OP7]。", [{"id": R + "OP7", "quote": OP7_QUOTE}])])
    answer = with_model(model).ask(QUESTION)
    assert answer.backend == "llm:fake" and answer.found and answer.text == f"最多25人[{R}OP7]。"
    assert [(c.id, c.quote) for c in answer.citations] == [(R + "OP7", OP7_QUOTE)]
    assert answer.warnings == [] and answer.dropped_citations == 0


def test_a_label_that_was_not_retrieved_is_dropped_and_reported(with_model):
    reply = _reply(
        f"最多25人[{R}OP7]，另见[{R}OP9]。",
        [{"id": R + "OP7", "quote": OP7_QUOTE}, {"id": R + "OP9", "quote": "任何内容"}],
    )
    answer = with_model(FakeListChatModel(responses=[reply])).ask(QUESTION)
    assert [c.id for c in answer.citations] == [R + "OP7"] and answer.dropped_citations >= 1
    assert any("dropped [A/RES/71/67:OP9]" in w for w in answer.warnings)


def test_an_invented_quote_falls_back_to_the_extractive_answer(with_model):
    reply = _reply(f"专家组由100人组成[{R}OP7]。", [{"id": R + "OP7", "quote": "专家组由100人组成"}])
    answer = with_model(FakeListChatModel(responses=[reply])).ask(QUESTION)
    assert answer.backend == "extractive" and "25人" in answer.text
    assert answer.warnings[0].startswith("the language model's answer could not be verified")
    assert any("quoted words are not in that paragraph" in w for w in answer.warnings)
    assert all(c.quote in answer.text for c in answer.citations)


@pytest.mark.parametrize(
    ("output", "notice"),
    [
        ('{"found": true, "answer": "最多25人 [A/RES/71/67:OP7]", "citations": [{"id": }', "was malformed"),
        ("The answer is in the documents.", "could not be verified"),
        (f"[{R}OP7]", "gave no answer"),
        ("   ", "gave no answer"),
    ],
)
def test_unusable_output_falls_back(with_model, output: str, notice: str):
    answer = with_model(FakeListChatModel(responses=[output])).ask(QUESTION)
    assert answer.backend == "extractive" and answer.citations[0].id == R + "OP7"
    assert notice in answer.warnings[0]


def test_a_timeout_falls_back_with_a_notice(with_model):
    answer = with_model(_Failing(responses=["unused"])).ask(QUESTION)
    assert answer.backend == "extractive" and answer.citations[0].id == R + "OP7"
    assert answer.warnings[0] == "the language model failed (TimeoutError); the offline extractive answer is shown"


def test_plain_text_with_bare_labels_gets_verified_quotes(with_model):
    answer = with_model(FakeListChatModel(responses=["专家小组最多25人 [OP7]。"])).ask(QUESTION)
    assert answer.backend == "llm:fake" and answer.citations[0].id == R + "OP7"
    assert answer.citations[0].quote in answer_paragraph(with_model, "OP7")


def answer_paragraph(with_model, label: str) -> str:
    from index.corpus import shipped_documents

    (doc,) = [d for d in shipped_documents() if d.symbol == R.rstrip(":")]
    return doc.paragraph(label).text


def test_unanswerable_questions_never_reach_the_model(with_model):
    model = FakeListChatModel(responses=[])  # any call would fail
    answer = with_model(model).ask("决议规定了对违约国家的制裁措施吗？")
    assert not answer.found and answer.backend == "extractive" and answer.warnings == []


def test_a_backend_that_is_down_falls_back_within_the_timeout(built_data_dir: Path):
    settings = Settings(
        data_dir=built_data_dir,
        llm="openai:qwen2.5-0.5b",
        llm_base_url="http://127.0.0.1:9/v1",
        llm_timeout_s=5,
        llm_max_retries=0,
    )
    assistant = Assistant(settings, IndexStore(built_data_dir).open())
    try:
        start = time.monotonic()
        answer = assistant.ask(QUESTION)
        assert time.monotonic() - start < 5
    finally:
        assistant.close()
    assert answer.backend == "extractive" and answer.citations[0].id == R + "OP7"
    assert answer.warnings[0].startswith("the language model failed (") and "ConnectionError" in answer.warnings[0]


def test_unknown_backend_is_a_clear_error():
    with pytest.raises(InputError, match="not supported; use openai:MODEL"):
        make_chat_model("llamafile:x", None, 5, 0)


def test_follow_up_is_rewritten_by_the_model(with_model):
    model = FakeListChatModel(
        responses=[
            "秘书长设立的政府专家小组最多可以有多少名成员？",
            _reply(f"最多25人[{R}OP7]。", [{"id": R + "OP7", "quote": OP7_QUOTE}]),
        ]
    )
    history = [{"role": "user", "content": "决议请秘书长设立一个什么机构？"}]
    answer = with_model(model).ask("它最多可以有多少名成员？", history)
    assert answer.backend == "llm:fake" and answer.citations[0].id == R + "OP7"


def test_follow_up_rewriting_falls_back_offline(with_model):
    model = _Failing(responses=["unused"])
    history = [{"role": "user", "content": "决议请秘书长设立一个什么机构？"}]
    answer = with_model(model).ask("它最多可以有多少名成员？", history)
    assert answer.citations[0].id == R + "OP7" and "25" in answer.text


def test_follow_up_naming_its_paragraph_is_not_rewritten(with_model):
    """'下一段呢？' after OP7 is resolved to OP8 offline; a model's rewrite could only lose that."""
    op8 = "决定在大会第七十二届会议临时议程题为“全面彻底裁军”的项目下列入题为“核裁军核查”的分项。"
    # Were the model asked to rewrite, it would get the first response and answer with the second.
    model = FakeListChatModel(
        responses=[
            _reply(f"决定列入“核裁军核查”分项[{R}OP8]。", [{"id": R + "OP8", "quote": op8}]),
            "决议对气候变化说了什么？",
        ]
    )
    history = [
        {"role": "user", "content": "执行部分第7段说了什么？"},
        {"role": "assistant", "content": "…", "citations": [R + "OP7"]},
    ]
    answer = with_model(model).ask("下一段呢？", history)
    assert answer.backend == "llm:fake" and answer.citations[0].id == R + "OP8", answer.warnings


def test_streaming_shows_the_draft_then_the_verified_answer(with_model):
    reply = _reply(f"最多25人[{R}OP7]。", [{"id": R + "OP7", "quote": OP7_QUOTE}])
    items = list(with_model(FakeListChatModel(responses=[reply])).ask_stream(QUESTION))
    drafts, final = items[:-1], items[-1]
    assert len(drafts) > 1 and all(isinstance(d, str) for d in drafts)  # it arrives in pieces
    assert "".join(drafts) == f"最多25人[{R}OP7]。" == final.text
    assert [c.id for c in final.citations] == [R + "OP7"]


def test_streaming_draft_is_replaced_when_verification_fails(with_model):
    reply = _reply(f"专家组由100人组成[{R}OP7]。", [{"id": R + "OP7", "quote": "专家组由100人组成"}])
    items = list(with_model(FakeListChatModel(responses=[reply])).ask_stream(QUESTION))
    assert "".join(i for i in items if isinstance(i, str)) == f"专家组由100人组成[{R}OP7]。"
    final = items[-1]
    assert final.backend == "extractive" and "25人" in final.text and "could not be verified" in final.warnings[0]


def test_streaming_without_a_model_is_just_the_answer(assistant):
    (final,) = list(assistant.ask_stream(QUESTION))
    assert final.citations[0].id == R + "OP7"


def test_the_list_of_cited_documents_comes_from_the_registry_not_the_model(with_model):
    answer = with_model(FakeListChatModel(responses=[])).ask("决议引用了哪些文件？")
    assert answer.backend == "extractive" and "A/61/1028" in answer.text


class _SchemaRefusing(FakeListChatModel):
    """A server that answers 500 to a request with a response format it does not know (as llama-cpp-python's
    does for `json_schema`), and answers normally without one. Records what it was sent."""

    sent: list[dict[str, Any]] = []

    def _stream(self, messages: list[BaseMessage], *args: Any, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        self.sent.append(kwargs)
        if "extra_body" in kwargs:
            error = RuntimeError("Input should be 'text' or 'json_object'")
            error.status_code = 500  # type: ignore[attr-defined]
            raise error
        yield from super()._stream(messages, *args, **kwargs)


def test_structured_output_is_requested_and_dropped_when_the_server_refuses_it(with_model):
    from assistant.llm import ANSWER_SCHEMA, structured_output

    options = structured_output("openai:m")
    assert [o["extra_body"]["response_format"]["type"] for o in options] == ["json_schema", "json_object"]
    assert options[0]["extra_body"]["response_format"]["json_schema"]["schema"] == ANSWER_SCHEMA
    assert options[1]["extra_body"]["response_format"]["schema"] == ANSWER_SCHEMA
    assert structured_output("ollama:m") == []
    reply = _reply(f"最多25人[{R}OP7]。", [{"id": R + "OP7", "quote": OP7_QUOTE}])
    model = _SchemaRefusing(responses=[reply, reply])
    assistant = with_model(model)
    assistant.answerer.request_options = options
    first, second = assistant.ask(QUESTION), assistant.ask(QUESTION)
    assert first.backend == second.backend == "llm:fake" and first.warnings == []
    # both forms refused on the first question, then plain requests
    assert ["extra_body" in kwargs for kwargs in model.sent] == [True, True, False, False]
