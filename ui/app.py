"""NDV Assistant web chat: answers with citation chips that open the exact paragraph, the documents beside them.

Run with `ndv ui` (or `streamlit run ui/app.py`). Per-user state lives only in `st.session_state`; the index and
the embedder are shared by every session through `st.cache_resource` (the Assistant is thread-safe). The parts:
ui/answers.py (one answer), ui/panel.py (the document panel), ui/briefing.py (the briefing note), ui/page.js and
ui/page.css (the counter, "show in the document", the phone layout).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import streamlit as st

from assistant.chain import Assistant
from assistant.citations import Answer
from assistant.config import Settings, index_store
from index.errors import NDVError
from ui.answers import ask_later, show_answer
from ui.briefing import Briefing
from ui.layout import page_assets
from ui.panel import PANEL_DOC, document_panel
from ui.render import Exchange, StreamEscaper, escape_markdown, too_long_message

EXAMPLES = [
    "政府专家小组最多由多少人组成？",
    "决议鼓励哪些机构实质性地处理核裁军核查问题？",
    "执行部分第6段说了什么？",
    "Where and when will the expert group meet?",
]
LOG = logging.getLogger("ndv.ui")
ALL_DOCUMENTS = ""
LANG_CHOICES = {"auto": "自动 / Auto", "zh": "中文", "en": "English"}


def _release(assistant: Assistant) -> None:
    assistant.close()


@st.cache_resource(max_entries=2, on_release=_release, show_spinner="正在打开索引 / Opening the index…")
def open_build(build: str) -> Assistant:
    """One Assistant per index build, shared by every session; keyed by the build so that a rebuild is picked up
    on the next page run. Two are kept (a session may still be answering from the previous build); an older
    one's files are already pruned, so it is closed. Opening never builds: that is `ndv index build`'s job."""
    settings = Settings.from_env()
    return Assistant(settings, index_store(settings).open(build or None))


def load_assistant() -> Assistant:
    return open_build(index_store(Settings.from_env()).current_name())


def selected_document(assistant: Assistant) -> str | None:
    """The document the sidebar restricts answers to (None: all of them)."""
    chosen = st.session_state.get("doc_filter", ALL_DOCUMENTS)
    return chosen if chosen in assistant.index.documents else None


def ui_lang() -> str:
    """The language of labels around the documents: the one chosen, else the conversation's (Chinese first)."""
    chosen = st.session_state.get("answer_lang", "auto")
    if chosen in ("zh", "en"):
        return str(chosen)
    exchanges = st.session_state.get("exchanges", [])
    return str(exchanges[-1].answer.get("lang", "zh")) if exchanges else "zh"


def _follow_filter() -> None:
    """Restricting answers to a document shows that document in the panel."""
    if st.session_state.get("doc_filter"):
        st.session_state[PANEL_DOC] = st.session_state.doc_filter


def _clear() -> None:
    st.session_state.exchanges = []
    st.session_state.pop("too_long", None)


# -- the sidebar ---------------------------------------------------------------------------------------------------
def sidebar(assistant: Assistant | None) -> None:
    with st.sidebar:
        st.title("NDV Assistant")
        st.radio("回答语言 / Answer language", list(LANG_CHOICES), format_func=LANG_CHOICES.get, key="answer_lang")
        st.slider("来源段落数 / Sources", 3, 10, 5, key="top_k")
        if assistant is not None and len(assistant.index.documents) > 1:
            st.selectbox(
                "文件 / Document",
                [ALL_DOCUMENTS, *assistant.index.documents],
                format_func=lambda s: "全部 / All documents" if s == ALL_DOCUMENTS else escape_markdown(s),
                key="doc_filter",
                on_change=_follow_filter,
            )
        with st.expander("示例问题 / Example questions", expanded=False):
            for i, example in enumerate(EXAMPLES):
                st.button(example, key=f"side-example-{i}", on_click=ask_later, args=(example,), type="tertiary")
        if assistant is not None:
            briefing_section(assistant)
        st.button("清空对话 / Clear conversation", on_click=_clear, use_container_width=True)
        backend = assistant.answerer.name if assistant is not None else "extractive"
        st.caption(
            "回答方式 / Backend: 离线摘录 · offline extractive (no language model)"
            if backend == "extractive"
            else f"回答方式 / Backend: {escape_markdown(backend)}; 引用均经核对 / every citation verified"
        )
        if assistant is not None:
            manifest = assistant.index.manifest
            for doc in manifest.documents:
                st.caption(escape_markdown(f"{doc['symbol']} · {doc['paragraphs']} paragraphs"))
            st.caption(escape_markdown(f"index {manifest.build} · {manifest.built_at}"))


def briefing_section(assistant: Assistant) -> None:
    exchanges = [e for e in st.session_state.exchanges if st.session_state.get(f"include-{e.id}", True)]
    if not exchanges:
        return
    st.markdown("**简报 / Briefing**")
    unanswered = st.checkbox("纳入未回答的问题 / Include unanswered questions", key="brief_unanswered")
    briefing = Briefing(list(exchanges), assistant.index.documents, None, unanswered)
    if not briefing.exchanges:
        st.caption("没有可纳入的回答 / No answered question to include")
        return
    st.download_button(
        "下载简报 / Download briefing (.md)",
        briefing.markdown,  # built when clicked
        file_name="ndv-briefing.md",
        mime="text/markdown",
        use_container_width=True,
    )
    st.download_button(
        "下载 Word 简报 / Download briefing (.docx)",
        briefing.docx,
        file_name="ndv-briefing.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        use_container_width=True,
    )


# -- asking --------------------------------------------------------------------------------------------------------
def history_of(exchanges: list[Exchange]) -> list[dict[str, Any]]:
    history: list[dict[str, Any]] = []
    for e in exchanges:
        history.append({"role": "user", "content": e.question})
        history.append(
            {"role": "assistant", "content": e.answer["text"], "citations": [c["id"] for c in e.answer["citations"]]}
        )
    return history


def ask(assistant: Assistant, question: str) -> Exchange | None:
    """Answer in the open chat: a model's draft streams in as it is written, then the verified answer replaces
    it (the draft is never what stays). The stored exchange, or None after a message."""
    history = history_of(st.session_state.exchanges)
    lang = st.session_state.get("answer_lang", "auto")
    final: list[Answer] = []
    escaper = StreamEscaper()

    def drafts() -> Iterator[str]:
        for item in assistant.ask_stream(
            question,
            history,
            lang=None if lang == "auto" else lang,
            top_k=st.session_state.get("top_k", 5),
            doc=selected_document(assistant),
        ):
            if isinstance(item, str):
                yield escaper.feed(item)
            else:
                final.append(item)

    try:
        with st.spinner("正在检索 / Searching…"):
            st.write_stream(drafts())
    except NDVError as exc:
        st.session_state.error = str(exc)
        return None
    except Exception as exc:  # a bug or a broken index must still not show a traceback to the user
        LOG.exception("answering failed")
        st.session_state.error = (
            f"回答失败 / The question could not be answered ({type(exc).__name__}); see the server log."
        )
        return None
    exchange = Exchange(question, final[0].to_dict(), history)
    st.session_state.exchanges.append(exchange)
    return exchange


def _ask_edited() -> None:
    text = st.session_state.get("too_long_edit", "")
    st.session_state.too_long = text
    st.session_state.pending = text


def too_long_notice(text: str, limit: int) -> None:
    """A question past the limit is not sent and not lost: the message, and the text to shorten."""
    length = len(text.replace("\x00", "").strip())
    st.error(escape_markdown(too_long_message(length, limit)), icon="✂️")
    st.text_area("缩短问题 / Shorten the question", value=text, key="too_long_edit", height=120)
    st.caption(f"{len(st.session_state.get('too_long_edit', text).strip())} / {limit}")
    st.button("提问 / Ask", key="too_long_ask", on_click=_ask_edited)


def take_question(typed: str | None, limit: int) -> str | None:
    """The question to answer in this run: typed, or clicked (an example or a suggestion); one past the limit is
    kept back with a message."""
    text = typed if typed is not None else st.session_state.pop("pending", None)
    if text is None:
        return None
    if len(text.replace("\x00", "").strip()) > limit:
        st.session_state.too_long = text
        st.session_state.pop("too_long_edit", None)
        return None
    st.session_state.pop("too_long", None)
    st.session_state.pop("too_long_edit", None)
    return text


def empty_state() -> None:
    st.markdown("#### 核裁军核查 · Nuclear disarmament verification")
    st.caption(
        "每个回答都引用其所依据的段落，点击引用即可核对原文。Every answer cites its paragraphs: "
        "click a citation to check it."
    )
    for i, example in enumerate(EXAMPLES):
        st.button(example, key=f"example-{i}", on_click=ask_later, args=(example,))


def main() -> None:
    st.set_page_config(page_title="NDV Assistant", page_icon="📄", layout="wide")
    st.session_state.setdefault("exchanges", [])
    try:
        assistant = load_assistant()
    except NDVError as exc:
        sidebar(None)
        st.error(escape_markdown(str(exc)))
        st.info("在终端运行 / Run in a terminal: `ndv index build`，然后刷新本页 / then reload this page.")
        return
    limit = assistant.settings.max_question_chars
    page_assets(limit, list(assistant.index.documents))
    # no max_chars: the widget would cut a long paste silently; the page counts and refuses instead
    typed = st.chat_input("就A/RES/71/67提问 / Ask about A/RES/71/67", key="question")
    asked = take_question(typed, limit)

    chat, document = st.columns([3, 2], gap="large")
    with chat:
        exchanges = st.session_state.exchanges
        if not exchanges and not asked and "too_long" not in st.session_state:
            empty_state()
        for number, exchange in enumerate(exchanges, 1):
            with st.chat_message("user"):
                st.markdown(escape_markdown(exchange.question))
            with st.chat_message("assistant"):
                show_answer(assistant, exchange, latest=number == len(exchanges) and not asked)
        if asked:
            with st.chat_message("user"):
                st.markdown(escape_markdown(asked))
            with st.chat_message("assistant"):
                slot = st.empty()
                with slot.container():
                    answered = ask(assistant, asked)
                if answered:
                    with slot.container():
                        show_answer(assistant, answered, latest=True)
        if "too_long" in st.session_state:
            too_long_notice(st.session_state.too_long, limit)
        if error := st.session_state.pop("error", None):
            st.error(escape_markdown(error))
    with document:
        document_panel(assistant, ui_lang(), selected_document(assistant) or next(iter(assistant.index.documents)))
    sidebar(assistant)


main()
