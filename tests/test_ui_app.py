"""The Streamlit page through `streamlit.testing.v1.AppTest`, on the real index."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "ui" / "app.py")
HOSTILE = "**bold** [link](javascript:alert(1)) <img src=x onerror=alert(2)> https://evil.example/x www.evil.example"


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def _open(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("NDV_DATA_DIR", str(data_dir))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    return at


@pytest.fixture
def app(built_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return _open(built_data_dir, monkeypatch)


@pytest.fixture
def own_data(built_data_dir: Path, tmp_path: Path) -> Path:
    """A copy of the built data dir, for tests that write into it (feedback)."""
    copy = tmp_path / "data"
    shutil.copytree(built_data_dir, copy)
    return copy


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


def _button(block, starts: str):
    return next(b for b in block.button if _shown(b.label).startswith(starts))


def test_empty_state_offers_examples_and_shows_the_resolution(app):
    labels = [b.label for b in app.button]
    assert "政府专家小组最多由多少人组成？" in labels
    assert any("A/RES/71/67 核裁军核查" in s.value for s in app.subheader)
    assert any("鼓励裁军谈判会议和裁军审议委员会" in m.value for m in app.markdown)
    # the page script gets the limit and the documents' anchor prefixes, nothing else
    (config,) = [h.proto.body for h in app.get("html") if 'id="ndv-config"' in h.proto.body]
    assert 'data-max="2000"' in config and 'data-docs="A-RES-71-67|' in config


def test_the_recorded_vote_card_is_a_table(app):
    (table,) = app.table
    frame = table.value
    assert list(frame.columns) == ["表决 / Vote", "票数 / Count", "会员国 / Member States"]
    assert list(frame["票数 / Count"]) == ["174", "0", "6"]
    assert "白俄罗斯、中国" in frame["会员国 / Member States"][2]


def test_answer_with_numbered_chip_that_opens_the_paragraph(app):
    _ask(app, "政府专家小组最多由多少人组成？")
    user, assistant = app.chat_message
    assert user.markdown[0].value == "政府专家小组最多由多少人组成？"
    text = assistant.markdown[0].value
    assert text.startswith("最多为25人。") and text.endswith("” \\[1\\]")  # direct answer, quote, its marker
    (chip,) = _popovers(app)
    assert _shown(chip.proto.popover.label) == "[1] A/RES/71/67 执行部分第7段"
    texts = _texts(chip)
    assert any(t.startswith(":orange-background[又请秘书长") and "日内瓦" in t for t in texts)  # whole paragraph
    assert "[在全文中查看](#A-RES-71-67-OP7)" in texts
    assert _button(chip, "⚠ 引用有误")


def test_citation_card_lists_footnotes_and_cited_documents(app):
    _ask(app, "政府专家组关于核查的一切方面的报告的文号是什么？")
    cards = {_shown(p.proto.popover.label).split("] ", 1)[1]: _texts(p) for p in _popovers(app)}
    pp10 = cards["A/RES/71/67 序言部分第10段"]
    assert any("脚注6: 见A/61/1028。 (所引文件: A/61/1028)" in _shown(t) for t in pp10)
    assert any("标注于: A/RES/71/67 序言部分第10段" in _shown(t) for t in cards["A/RES/71/67 脚注6"])
    assert any("所引文件: A/61/1028 — 政府专家小组关于核查的一切方面" in _shown(t) and "全文未收录" in t for t in pp10)


def test_follow_up_uses_the_conversation(app):
    _ask(app, "决议请秘书长设立一个什么机构？")
    _ask(app, "它最多可以有多少名成员？")
    assert len(app.chat_message) == 4
    assert "25人" in app.chat_message[3].markdown[0].value
    assert app.session_state["exchanges"][1].history[0] == {"role": "user", "content": "决议请秘书长设立一个什么机构？"}


def test_example_questions_stay_reachable_after_the_first_question(app):
    _button(app, "执行部分第6段说了什么？").click().run()
    assert "请秘书长征求会员国" in app.chat_message[1].markdown[0].value
    assert not [b for b in app.main.button if b.label == "执行部分第6段说了什么？"]  # the empty state is gone
    _button(app.sidebar, "Where and when will the expert group meet?").click().run()
    assert len(app.chat_message) == 4 and "Geneva" in app.chat_message[3].markdown[0].value


def test_follow_up_suggestions_come_from_the_cited_paragraphs(app):
    _ask(app, "执行部分第7段说了什么？")
    suggested = [_shown(b.label) for b in app.chat_message[1].button if "说了什么" in b.label]
    assert suggested == ["A/RES/71/67执行部分第8段说了什么？", "A/RES/71/67执行部分第6段说了什么？"]
    _button(app.chat_message[1], "A/RES/71/67执行部分第8段").click().run()
    assert "决定在大会第七十二届会议临时议程" in app.chat_message[3].markdown[0].value


def test_not_answered_gives_the_reason_the_closest_paragraphs_once_and_what_to_ask(app):
    _ask(app, "决议对气候变化说了什么？")
    answer = app.chat_message[1]
    assert _shown(answer.info[0].value) == "所收录的文件没有回答这个问题。"  # the closest list is not in the text
    captions = [_shown(c.value) for c in answer.caption]
    assert "原因: the documents never mention: 气候变化" in captions
    assert any(c.startswith("可以改问决议的某一段落") for c in captions)
    chips = [_shown(p.proto.popover.label) for p in _popovers(app)]
    assert len(chips) == 3 and len(set(chips)) == 3 and not any(c.startswith("[") for c in chips)
    tries = [b for b in answer.button if "说了什么" in b.label]
    assert len(tries) == 2
    tries[0].click().run()
    assert app.session_state["exchanges"][1].answer["found"]


def test_markup_and_urls_in_a_question_are_shown_as_text(app):
    _ask(app, f"专家小组在哪里开会？ {HOSTILE}")
    shown = app.chat_message[0].markdown[0].value
    assert "\\*\\*bold\\*\\*" in shown and "\\<img src\\=x" in shown and "\\(javascript\\:\u2060alert" in shown
    assert "https\\:\u2060//evil\\.example" in shown and "www\u2060\\.evil" in shown  # no autolink


def test_a_question_over_the_limit_is_kept_back_with_a_message(app):
    pasted = "问" * 3000
    _ask(app, pasted)
    assert app.session_state["exchanges"] == []  # not answered, not cut to 2,000 characters
    (message,) = [e.value for e in app.error]
    assert "问题共 3000 个字符，超过 2000 个字符的上限" in message and "3,000 characters long" in message
    edit = app.text_area(key="too_long_edit")
    assert edit.value == pasted  # nothing lost: the text is there to shorten
    edit.set_value("专家小组将在哪里举行会议？").run()
    _button(app, "提问 / Ask").click().run()
    assert not app.error
    assert "日内瓦" in app.chat_message[1].markdown[0].value
    _ask(app, "\x00 \x00")
    assert any("empty" in e.value for e in app.error)


def test_answer_language_setting(app):
    app.sidebar.radio[0].set_value("en").run()
    _ask(app, "政府专家小组最多由多少人组成？")
    assert "Operative paragraph 7 of A/RES/71/67" in app.chat_message[1].markdown[0].value  # after the direct answer
    assert _shown(_popovers(app)[0].proto.popover.label) == "[1] A/RES/71/67 operative paragraph 7"


def test_briefing_downloads_leave_out_unanswered_questions_unless_ticked(app):
    _ask(app, "决议对气候变化说了什么？")
    assert "没有可纳入的回答" in _shown(" ".join(c.value for c in app.sidebar.caption))
    assert not list(app.sidebar.get("download_button"))
    app.sidebar.checkbox(key="brief_unanswered").check().run()
    assert len(app.sidebar.get("download_button")) == 2
    app.sidebar.checkbox(key="brief_unanswered").uncheck().run()
    _ask(app, "专家小组将在哪里举行会议？")
    assert [d.label for d in app.sidebar.get("download_button")] == [
        "下载简报 / Download briefing (.md)",
        "下载 Word 简报 / Download briefing (.docx)",
    ]
    exchange = app.session_state["exchanges"][1]
    app.checkbox(key=f"include-{exchange.id}").uncheck().run()  # its own box leaves it out too
    assert not list(app.sidebar.get("download_button"))
    _button(app.sidebar, "清空对话").click().run()
    assert len(app.chat_message) == 0 and not list(app.sidebar.get("download_button"))


def test_document_filter_and_a_filter_with_no_match(app):
    app.text_input(key="panel_filter").input("日内瓦").run()
    shown = [m.value for m in app.markdown if m.value.startswith("######")]
    assert shown == ["###### 执行部分第7段 · OP7"]
    app.text_input(key="panel_filter").input("量子计算").run()
    assert not [m.value for m in app.markdown if m.value.startswith("######")]
    assert any("没有段落包含“量子计算”。 / No paragraph contains “量子计算”" in _shown(i.value) for i in app.info)


def test_the_panel_switches_between_documents(app):
    switch = app.get("button_group")[0]
    assert list(switch.options) and len(switch.options) >= 2
    switch.set_value("A/RES/80/53").run()
    (title,) = [s.value for s in app.subheader]
    assert title.startswith("A/RES/80/53")
    app.sidebar.selectbox[0].set_value("A/RES/71/67").run()  # restricting answers shows that document
    (title,) = [s.value for s in app.subheader]
    assert title.startswith("A/RES/71/67")


def test_feedback_is_stored_and_exported_as_questions(own_data: Path, monkeypatch: pytest.MonkeyPatch, tmp_path):
    from assistant.cli import main

    at = _open(own_data, monkeypatch)
    _ask(at, "政府专家小组最多由多少人组成？")
    _ask(at, "它在哪里开会？")
    first, second = at.session_state["exchanges"]
    at.feedback(key=f"rate-{first.id}").set_value(1).run()  # 👍
    at.feedback(key=f"rate-{second.id}").set_value(0).run()  # 👎
    chip = _popovers(at)[-1]
    _button(chip, "⚠ 引用有误").click().run()
    assert "已报告" in _shown(" ".join(_texts(_popovers(at)[-1])))
    lines = (own_data / "feedback" / "feedback.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["kind"] for r in records] == ["up", "down", "wrong_citation"]
    assert records[1]["history"][0]["content"] == "政府专家小组最多由多少人组成？"
    assert records[2]["citation"] == second.answer["citations"][-1]["id"]
    assert records[0]["build"] and records[0]["time"] and records[0]["citations"][0]["id"] == "A/RES/71/67:OP7"

    out = tmp_path / "from-staff.jsonl"
    assert main(["--data-dir", str(own_data), "feedback", "export", "--out", str(out)]) == 0
    questions = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [q["question"] for q in questions] == ["政府专家小组最多由多少人组成？", "它在哪里开会？"]
    assert questions[0]["expect_any"] == ["A/RES/71/67:OP7"]
    assert questions[1]["expect_any"] == [] and "fill in" in questions[1]["note"]
    assert questions[1]["history"] == second.history


def test_feedback_that_cannot_be_saved_is_a_message(own_data: Path, monkeypatch: pytest.MonkeyPatch):
    at = _open(own_data, monkeypatch)
    _ask(at, "专家小组将在哪里举行会议？")
    (own_data / "feedback").write_text("a file where the directory should be")
    at.feedback[0].set_value(0).run()
    assert not at.exception
    assert any("反馈未能保存 / The feedback was not saved" in _shown(e.value) for e in at.error)


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
    assert _shown(_popovers(at)[0].proto.popover.label) == "[1] A/99/123 第2段"
    at.sidebar.selectbox[0].set_value("A/RES/71/67").run()
    _ask(at, "专家组由多少名专家组成？")
    assert _shown(_popovers(at)[-1].proto.popover.label).startswith("[1] A/RES/71/67")


def test_a_language_model_answer_in_the_page(built_data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    reply = json.dumps(
        {
            "found": True,
            "answer": "专家小组最多25人[A/RES/71/67:OP7]。",
            "citations": [{"id": "A/RES/71/67:OP7", "quote": "最多为25人的政府专家小组"}],
        },
        ensure_ascii=False,
    )
    monkeypatch.setattr("assistant.llm.make_chat_model", lambda *args: FakeListChatModel(responses=[reply]))
    monkeypatch.setenv("NDV_DATA_DIR", str(built_data_dir))
    monkeypatch.setenv("NDV_LLM", "openai:fake")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert any("llm:openai:fake" in _shown(c.value) for c in at.sidebar.caption)
    _ask(at, "政府专家小组最多由多少人组成？")
    assert "专家小组最多25人" in at.chat_message[1].markdown[0].value
    (chip,) = _popovers(at)
    assert _shown(chip.proto.popover.label) == "[1] A/RES/71/67 执行部分第7段"


def test_a_citation_card_shows_the_other_language_beside_the_quote(bilingual_data_dir, monkeypatch):
    at = _open(bilingual_data_dir, monkeypatch)
    _ask(at, "Where will the group of governmental experts set up by resolution 91/67 meet?")
    (chip,) = _popovers(at)
    assert _shown(chip.proto.popover.label) == "[1] A/RES/91/67 operative paragraph 3"
    english, chinese = chip.get("column")
    assert english.caption[0].value == "English text" and chinese.caption[0].value == "Chinese text"
    (quoted,) = [m.value for m in english.markdown]
    assert quoted.startswith(":orange-background[") and "Geneva" in quoted  # the quote highlighted in its language
    (beside,) = [m.value for m in chinese.markdown]
    assert beside.startswith("又请秘书长") and "日内瓦" in beside  # the same label in the other language


def test_the_panel_switches_the_language_of_a_document_that_has_two(bilingual_data_dir, monkeypatch):
    at = _open(bilingual_data_dir, monkeypatch)
    at.get("button_group")[0].set_value("A/RES/91/67").run()
    (switch,) = [b for b in at.get("button_group") if list(b.options) == ["中文文本", "英文文本"]]
    assert any(s.value.startswith("A/RES/91/67 核裁军核查") for s in at.subheader)
    assert any(m.value.startswith("又请秘书长") for m in at.markdown)
    switch.set_value("en").run()
    assert any(s.value == "A/RES/91/67 Nuclear disarmament verification" for s in at.subheader)
    assert any(_shown(m.value).startswith("Also requests the Secretary-General") for m in at.markdown)
    assert not any(m.value.startswith("又请秘书长") for m in at.markdown)
