"""The Streamlit page through `streamlit.testing.v1.AppTest`, on the real index."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "ui" / "app.py")


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


@pytest.fixture
def app(built_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("NDV_DATA_DIR", str(built_data_dir))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    return at


def _ask(at: AppTest, question: str) -> AppTest:
    at.chat_input[0].set_value(question).run()
    assert not at.exception
    return at


def _popovers(at: AppTest) -> list:
    return list(at.get("popover"))


def _shown(markdown: str) -> str:
    """What escaped Markdown shows: without its backslashes and the invisible joiners that break autolinks."""
    return markdown.replace("\\", "").replace("\u2060", "")


def _texts(block) -> list[str]:
    return [m.value for m in block.markdown] + [c.value for c in block.caption]


def test_empty_state_offers_examples_and_shows_the_resolution(app):
    labels = [b.label for b in app.button]
    assert "政府专家小组最多由多少人组成？" in labels
    assert any("A/RES/71/67 核裁军核查" in s.value for s in app.subheader)
    assert any("鼓励裁军谈判会议和裁军审议委员会" in m.value for m in app.markdown)


def test_answer_with_citation_chip_that_opens_the_paragraph(app):
    _ask(app, "政府专家小组最多由多少人组成？")
    user, assistant = app.chat_message
    assert user.markdown[0].value == "政府专家小组最多由多少人组成？"
    assert "25人" in assistant.markdown[0].value
    (chip,) = _popovers(app)
    assert chip.proto.popover.label == "A/RES/71/67 执行部分第7段"
    texts = _texts(chip)
    assert any(t.startswith(":orange-background[又请秘书长") and "日内瓦" in t for t in texts)  # whole paragraph
    assert "[在全文中查看](#A-RES-71-67-OP7)" in texts


def test_citation_card_lists_footnotes_and_cited_documents(app):
    _ask(app, "政府专家组关于核查的一切方面的报告的文号是什么？")
    cards = {p.proto.popover.label: _texts(p) for p in _popovers(app)}
    pp10 = cards["A/RES/71/67 序言部分第10段"]
    assert any("脚注6: 见A/61/1028。 (所引文件: A/61/1028)" in _shown(t) for t in pp10)
    assert any("标注于: A/RES/71/67 序言部分第10段" in _shown(t) for t in cards["A/RES/71/67 脚注6"])
    assert any(
        "所引文件: A/61/1028 — 政府专家小组关于核查的一切方面" in _shown(t) and "全文未收录" in t
        for t in pp10
    )


def test_follow_up_uses_the_conversation(app):
    _ask(app, "决议请秘书长设立一个什么机构？")
    _ask(app, "它最多可以有多少名成员？")
    assert len(app.chat_message) == 4
    assert "25人" in app.chat_message[3].markdown[0].value


def test_example_button_asks_it(app):
    next(b for b in app.button if b.label == "执行部分第6段说了什么？").click().run()
    assert "请秘书长征求会员国" in app.chat_message[1].markdown[0].value


def test_not_found_says_so_and_shows_closest_paragraphs(app):
    _ask(app, "决议对气候变化说了什么？")
    assert "没有回答" in app.chat_message[1].info[0].value
    assert len(_popovers(app)) == 3


def test_markup_in_a_question_is_shown_as_text(app):
    _ask(app, "**专家小组** <b>在哪里</b> [开会](javascript:alert(1))？")
    shown = app.chat_message[0].markdown[0].value
    assert "\\*\\*专家小组\\*\\*" in shown and "\\<b\\>" in shown and "\\(javascript\\:\u2060alert" in shown


def test_input_limit_and_bad_input_are_messages_not_tracebacks(app):
    _ask(app, "问" * 2500)  # the input box stops at the limit the assistant enforces
    assert len(app.session_state["exchanges"][0].question) == 2000
    _ask(app, "\x00 \x00")
    assert any("empty" in e.value for e in app.error)


def test_answer_language_setting(app):
    app.sidebar.radio[0].set_value("en").run()
    _ask(app, "政府专家小组最多由多少人组成？")
    assert "Operative paragraph 7 of A/RES/71/67" in app.chat_message[1].markdown[0].value  # after the direct answer
    assert _popovers(app)[0].proto.popover.label == "A/RES/71/67 operative paragraph 7"


def test_briefing_download_and_clear_conversation(app):
    _ask(app, "专家小组将在哪里举行会议？")
    assert [d.label for d in app.sidebar.get("download_button")] == ["下载简报 / Download briefing (.md)"]
    next(b for b in app.sidebar.button if b.label.startswith("清空对话")).click().run()
    assert len(app.chat_message) == 0 and not list(app.sidebar.get("download_button"))


def test_document_filter(app):
    app.text_input[0].input("日内瓦").run()
    shown = [m.value for m in app.markdown if m.value.startswith("######")]
    assert shown == ["###### 执行部分第7段 · OP7"]


def test_missing_index_explains_how_to_build_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NDV_DATA_DIR", str(tmp_path / "empty"))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert any("ndv index build" in e.value for e in at.error)


def test_unexpected_failure_is_a_message_not_a_traceback(app, monkeypatch: pytest.MonkeyPatch):
    def broken(self, *args, **kwargs):
        raise RuntimeError("index went away")

    monkeypatch.setattr("assistant.chain.Assistant.ask_stream", broken)
    _ask(app, "专家小组将在哪里举行会议？")
    assert any("could not be answered (RuntimeError)" in _shown(e.value) for e in app.error)
    assert not app.exception


def test_a_rebuild_is_picked_up_on_the_next_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from index.corpus import shipped_documents
    from index.store import IndexStore

    store = IndexStore(tmp_path)
    store.build(shipped_documents())
    monkeypatch.setenv("NDV_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    first = store.current_name()
    assert any(first in _shown(c.value) for c in at.sidebar.caption)
    store.build(shipped_documents())
    _ask(at, "专家小组将在哪里举行会议？")
    assert any(store.current_name() in _shown(c.value) for c in at.sidebar.caption)
    assert "日内瓦" in at.chat_message[1].markdown[0].value


def test_answers_can_be_restricted_to_one_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from index.ingest import load_document
    from index.sources import SourceStore
    from index.store import IndexStore
    from tests.conftest import FIXTURES

    source = FIXTURES / "numbered_zh.txt"
    with SourceStore(tmp_path).change() as change:
        change.add(source, load_document(source))
        IndexStore(tmp_path).build(change.documents())
        change.commit()
    monkeypatch.setenv("NDV_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.sidebar.selectbox[0].set_value("A/99/123").run()
    assert any("A/99/123 核查问题专家组的报告" in s.value for s in at.subheader)
    assert "###### 第2段 · P2" in [m.value for m in at.markdown]  # its paragraphs, under their headings
    assert "二\\.结论和建议" in [c.value for c in at.caption]
    _ask(at, "专家组由多少名专家组成？")
    assert _popovers(at)[0].proto.popover.label == "A/99/123 第2段"
    at.sidebar.selectbox[0].set_value("A/RES/71/67").run()
    _ask(at, "专家组由多少名专家组成？")
    assert _popovers(at)[-1].proto.popover.label.startswith("A/RES/71/67")


def test_a_language_model_answer_in_the_page(built_data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    import json

    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    reply = json.dumps(
        {
            "found": True,
            "answer": "专家小组最多25人[A/RES/71/67:OP7]。",
            "citations": [{"id": "A/RES/71/67:OP7", "quote": "最多为25人的政府专家小组"}],
        },
        ensure_ascii=False,
    )
    monkeypatch.setattr("assistant.chain.make_chat_model", lambda *args: FakeListChatModel(responses=[reply]))
    monkeypatch.setenv("NDV_DATA_DIR", str(built_data_dir))
    monkeypatch.setenv("NDV_LLM", "openai:fake")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert any("llm:openai:fake" in _shown(c.value) for c in at.sidebar.caption)
    _ask(at, "政府专家小组最多由多少人组成？")
    assert "专家小组最多25人" in at.chat_message[1].markdown[0].value
    (chip,) = _popovers(at)
    assert chip.proto.popover.label == "A/RES/71/67 执行部分第7段"
