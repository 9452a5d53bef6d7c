"""NDV Assistant web chat: answers with citation chips that open the exact paragraph, the resolution beside it.

Run with `ndv ui` (or `streamlit run ui/app.py`). Per-user state lives only in `st.session_state`; the index and
the embedder are shared by every session through `st.cache_resource` (the Assistant is thread-safe).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import streamlit as st

from assistant.chain import Assistant
from assistant.citations import Answer
from assistant.config import Settings, index_store
from assistant.labels import display_label
from index.documents import Document, Paragraph
from index.errors import NDVError
from ui.render import (
    TEXTS,
    Exchange,
    StreamEscaper,
    anchor_id,
    answer_plain_text,
    authority,
    briefing_markdown,
    citation_title,
    escape_markdown,
    highlighted,
    matches_filter,
)

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
    chosen = st.session_state.get("answer_lang", "auto")
    return chosen if chosen in ("zh", "en") else "zh"


# -- citations -------------------------------------------------------------------------------------------------
def paragraph_card(assistant: Assistant, cid: str, quote: str, lang: str) -> None:
    """The whole paragraph, the quote highlighted where it is verbatim, its footnotes and what they cite."""
    t = TEXTS[lang]
    paragraph = assistant.index.paragraphs[cid]
    doc = assistant.index.documents[paragraph.doc_symbol]
    st.markdown(f"**{escape_markdown(citation_title(cid, lang))}**")
    st.caption(escape_markdown(f"{doc.title} · {authority(doc, lang)}"))
    st.markdown(highlighted(paragraph.text, quote))
    if paragraph.kind == "footnote":
        carrier = doc.footnote_carrier(paragraph)
        if carrier:
            st.caption(escape_markdown(f"{t['carried_by']}: {citation_title(carrier.id, lang)}"))
    for number in paragraph.footnote_numbers:
        footnote = doc.paragraph(f"FN{number}")
        if footnote:
            cites = f" ({t['cites']}: {', '.join(footnote.cites)})" if footnote.cites else ""
            st.caption(escape_markdown(f"{display_label(footnote.label, lang)}: {footnote.text}{cites}"))
    registry = {entry.symbol: entry for entry in assistant.index.registry}
    for symbol in paragraph.cites:
        entry = registry.get(symbol)
        if entry:
            state = t["indexed"] if entry.in_index else t["not_indexed"]
            st.caption(escape_markdown(f"{t['cites']}: {symbol} — {entry.title(lang)} ({state})"))
    st.markdown(f"[{t['show_in_document']}](#{anchor_id(cid)})")


def citation_chips(assistant: Assistant, items: list[tuple[str, str]], lang: str, key: str) -> None:
    """A row of chips; each opens its paragraph card."""
    with st.container(horizontal=True):
        for i, (cid, quote) in enumerate(items):
            if cid not in assistant.index.paragraphs:
                continue
            with st.popover(escape_markdown(citation_title(cid, lang)), key=f"{key}-{i}"):
                paragraph_card(assistant, cid, quote, lang)


def show_answer(assistant: Assistant, exchange: Exchange, number: int) -> None:
    answer = exchange.answer
    lang = answer["lang"]
    t = TEXTS[lang]
    if answer["found"]:
        st.markdown(escape_markdown(answer["text"]))
        citation_chips(assistant, [(c["id"], c["quote"]) for c in answer["citations"]], lang, f"c{number}")
    else:
        st.info(escape_markdown(answer["text"]))
        st.caption(t["closest"])
        citation_chips(assistant, [(cid, "") for cid in answer["retrieved"][:3]], lang, f"n{number}")
    for warning in answer.get("warnings", []):
        st.caption(f"⚠ {escape_markdown(warning)}")
    with st.expander(t["copy"]):
        st.code(answer_plain_text(exchange), language=None, wrap_lines=True)
    st.checkbox(t["include"], value=True, key=f"include-{number}")


# -- the document panel ----------------------------------------------------------------------------------------
def document_panel(doc: Document, lang: str) -> None:
    t = TEXTS[lang]
    st.subheader(escape_markdown(f"{doc.symbol} {doc.title}"), anchor=False)
    st.caption(escape_markdown(authority(doc, lang)))
    query = st.text_input("🔎", key=f"filter-{doc.symbol}", placeholder="筛选 / Filter", label_visibility="collapsed")
    titles = {"meta": "", "preambular": t["preambular"], "operative": t["operative"], "footnote": t["footnotes"]}
    kinds = list(dict.fromkeys(p.kind for p in doc.paragraphs))  # in document order; footnotes come last
    for kind in sorted(kinds, key=lambda k: k == "footnote"):
        shown = [p for p in doc.paragraphs if p.kind == kind and matches_filter(p, query, lang)]
        if not shown:
            continue
        if title := titles.get(kind, t["text"]):
            st.markdown(f"**{escape_markdown(title)}**")
        for p in shown:
            st.markdown(f"###### {escape_markdown(f'{display_label(p.label, lang)} · {p.label}')}")
            anchor_target(p)
            if p.heading:
                st.caption(escape_markdown(p.heading))
            st.markdown(escape_markdown(p.text))
            if p.cites:
                st.caption(escape_markdown(f"{t['cites']}: {'; '.join(p.cites)}"))


def anchor_target(paragraph: Paragraph) -> None:
    """An empty, id-carrying heading: the target of the '#A-RES-71-67-OP7' links in citation cards."""
    st.markdown(f"<div id='{anchor_id(paragraph.id)}'></div>", unsafe_allow_html=True)  # id from [A-Za-z0-9-] only


# -- the page --------------------------------------------------------------------------------------------------
def sidebar(assistant: Assistant | None) -> None:
    with st.sidebar:
        st.title("NDV Assistant")
        st.radio("回答语言 / Answer language", list(LANG_CHOICES), format_func=LANG_CHOICES.get, key="answer_lang")
        st.slider("来源段落数 / Sources", 3, 10, 5, key="top_k")
        if assistant is not None and len(assistant.index.documents) > 1:
            st.selectbox(
                "文件 / Document",
                [ALL_DOCUMENTS, *assistant.index.documents],
                format_func=lambda s: "全部 / All documents" if s == ALL_DOCUMENTS else s,
                key="doc_filter",
            )
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
        if st.button("清空对话 / Clear conversation", use_container_width=True):
            st.session_state.exchanges = []
            st.rerun()
        exchanges = [
            e for i, e in enumerate(st.session_state.exchanges, 1) if st.session_state.get(f"include-{i}", True)
        ]
        if exchanges and assistant is not None:
            st.download_button(
                "下载简报 / Download briefing (.md)",
                briefing_markdown(exchanges, assistant.index.documents, ui_lang()),
                file_name="ndv-briefing.md",
                mime="text/markdown",
                use_container_width=True,
            )


def ask(assistant: Assistant, question: str) -> bool:
    """Answer in the open chat: a model's draft streams in as it is written, then the page reruns to show the
    verified answer (the draft is never what stays). True when an answer was stored."""
    history: list[dict[str, object]] = []
    for e in st.session_state.exchanges:
        history.append({"role": "user", "content": e.question})
        history.append(
            {"role": "assistant", "content": e.answer["text"], "citations": [c["id"] for c in e.answer["citations"]]}
        )
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
        return False
    except Exception as exc:  # a bug or a broken index must still not show a traceback to the user
        LOG.exception("answering failed")
        st.session_state.error = (
            f"回答失败 / The question could not be answered ({type(exc).__name__}); see the server log."
        )
        return False
    st.session_state.exchanges.append(Exchange(question, final[0].to_dict()))
    return True


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

    question = st.chat_input(
        "就A/RES/71/67提问 / Ask about A/RES/71/67", max_chars=assistant.settings.max_question_chars
    )
    asked = question or st.session_state.pop("pending", None)
    sidebar(assistant)

    chat, document = st.columns([3, 2], gap="large")
    with chat:
        if not st.session_state.exchanges and not asked:
            st.markdown("#### 核裁军核查 · Nuclear disarmament verification")
            st.caption(
                "每个回答都引用其所依据的段落，点击引用即可核对原文。Every answer cites its paragraphs: "
                "click a citation to check it."
            )
            for i, example in enumerate(EXAMPLES):
                if st.button(example, key=f"example-{i}"):
                    st.session_state.pending = example
                    st.rerun()
        for number, exchange in enumerate(st.session_state.exchanges, 1):
            with st.chat_message("user"):
                st.markdown(escape_markdown(exchange.question))
            with st.chat_message("assistant"):
                show_answer(assistant, exchange, number)
        if asked:
            with st.chat_message("user"):
                st.markdown(escape_markdown(asked))
            with st.chat_message("assistant"):
                answered = ask(assistant, asked)
            if answered:
                st.rerun()
        if error := st.session_state.pop("error", None):
            st.error(escape_markdown(error))
    with document, st.container(height=760, border=True):
        symbol = selected_document(assistant) or next(iter(assistant.index.documents))
        document_panel(assistant.index.documents[symbol], ui_lang())


main()
