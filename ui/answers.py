"""One answer on the page: its text with numbered markers, a chip per citation that opens the whole paragraph,
the reason and a hint when the documents do not answer, feedback (👍/👎, wrong citation) and next questions."""

from __future__ import annotations

import streamlit as st

from assistant.chain import Assistant
from assistant.feedback import Feedback, FeedbackStore
from assistant.labels import display_label
from index.errors import NDVError
from ui.render import (
    TEXTS,
    Exchange,
    anchor_id,
    answer_plain_text,
    authority,
    card_texts,
    citation_title,
    escape_markdown,
    follow_ups,
    highlighted,
    not_found_message,
    suggestions,
    with_markers,
)


# -- feedback ------------------------------------------------------------------------------------------------------
def record(assistant: Assistant, exchange: Exchange, kind: str, citation: str = "") -> bool:
    """Append one feedback record to the data dir; a refused write becomes a message on the page."""
    build = assistant.index.manifest.build
    feedback = Feedback.about(kind, exchange.id, exchange.question, exchange.history, exchange.answer, build, citation)
    try:
        FeedbackStore.in_data_dir(assistant.settings.data_dir).append(feedback)
    except NDVError as exc:
        st.session_state.error = f"反馈未能保存 / The feedback was not saved: {exc}"
        return False
    return True


def _rated(assistant: Assistant, exchange: Exchange) -> None:
    value = st.session_state.get(f"rate-{exchange.id}")
    kind = {1: "up", 0: "down"}.get(value, "cleared") if isinstance(value, int) else "cleared"
    if record(assistant, exchange, kind):
        st.toast("已记录 / Feedback recorded", icon="✅")


def _wrong(assistant: Assistant, exchange: Exchange, cid: str) -> None:
    if record(assistant, exchange, "wrong_citation", cid):
        st.session_state.setdefault("reported", set()).add((exchange.id, cid))


def ask_later(question: str) -> None:
    st.session_state.pending = question


# -- citations -----------------------------------------------------------------------------------------------------
def paragraph_card(
    assistant: Assistant,
    cid: str,
    quote: str,
    lang: str,
    exchange: Exchange | None = None,
    key: str = "",
    quote_lang: str = "",
) -> None:
    """The whole paragraph, the quote highlighted where it is verbatim, and beside it the same label in the other
    language when the document has it; its footnotes and what they cite; for a citation, a way to report it as
    wrong."""
    t = TEXTS[lang]
    index = assistant.index
    versions = index.versions.get(cid) or {index.paragraphs[cid].lang: index.paragraphs[cid]}
    paragraph, *others = card_texts(versions, quote, quote_lang, lang)
    indexed = index.documents[paragraph.doc_symbol]
    text = indexed.text_in(paragraph.lang) or indexed
    doc = index.in_language(paragraph.lang).documents[paragraph.doc_symbol]  # its footnotes in its language
    st.markdown(f"**{escape_markdown(citation_title(cid, lang))}**")
    st.caption(escape_markdown(f"{text.title} · {authority(text, lang, paragraph)}"))
    if others:
        for column, shown in zip(st.columns(len(versions)), [paragraph, *others]):
            with column:
                st.caption(escape_markdown(t[f"text_{shown.lang}"]))
                st.markdown(highlighted(shown.text, quote) if shown is paragraph else escape_markdown(shown.text))
    else:
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
    if exchange is None:
        return
    if (exchange.id, cid) in st.session_state.get("reported", set()):
        st.caption(escape_markdown(t["reported"]))
    else:
        st.button(
            f"⚠ {t['wrong_citation']} / Wrong citation" if lang == "zh" else f"⚠ {t['wrong_citation']}",
            key=f"wrong-{key}",
            on_click=_wrong,
            args=(assistant, exchange, cid),
            type="tertiary",
        )


def citation_chips(
    assistant: Assistant, exchange: Exchange, items: list[tuple[str, str, str]], lang: str, numbered: bool
) -> None:
    """A row of chips ([1] A/RES/71/67 执行部分第7段) for (id, quote, its language); each opens its paragraph
    card."""
    with st.container(horizontal=True, key=f"chips-{exchange.id}-{int(numbered)}"):
        for i, (cid, quote, quote_lang) in enumerate(items, 1):
            if cid not in assistant.index.paragraphs:
                continue
            title = citation_title(cid, lang)
            label = f"[{i}] {title}" if numbered else title
            key = f"{exchange.id}-{int(numbered)}-{i}"
            with st.popover(escape_markdown(label), key=f"chip-{key}"):
                paragraph_card(assistant, cid, quote, lang, exchange if numbered else None, key, quote_lang)


def question_buttons(questions: list[str], key: str) -> None:
    with st.container(horizontal=True, key=f"ask-{key}"):
        for i, question in enumerate(questions):
            st.button(
                escape_markdown(question), key=f"{key}-{i}", on_click=ask_later, args=(question,), type="secondary"
            )


# -- the answer ----------------------------------------------------------------------------------------------------
def show_answer(assistant: Assistant, exchange: Exchange, latest: bool = False) -> None:
    answer = exchange.answer
    lang = answer["lang"]
    t = TEXTS[lang]
    paragraphs = assistant.index.paragraphs
    if answer["found"]:
        citations = answer["citations"]
        st.markdown(with_markers(answer["text"], [c["quote"] for c in citations]))
        items = [(c["id"], c["quote"], c.get("quote_lang", "")) for c in citations]
        citation_chips(assistant, exchange, items, lang, numbered=True)
    else:
        st.info(escape_markdown(not_found_message(answer["text"], lang)))
        if answer.get("reason"):
            st.caption(escape_markdown(f"{t['reason']}: {answer['reason']}"))
        closest = [cid for cid in answer["retrieved"] if cid in paragraphs][:3]
        if closest:
            st.caption(escape_markdown(t["hint"]))
            citation_chips(assistant, exchange, [(cid, "", "") for cid in closest], lang, numbered=False)
        tries = suggestions(closest, paragraphs, lang, limit=2)
        if tries:
            st.caption(escape_markdown(t["try"]))
            question_buttons(tries, f"try-{exchange.id}")
    for warning in answer.get("warnings", []):
        st.caption(f"⚠ {escape_markdown(warning)}")
    with st.container(horizontal=True, vertical_alignment="center", key=f"tools-{exchange.id}"):
        st.feedback("thumbs", key=f"rate-{exchange.id}", on_change=_rated, args=(assistant, exchange))
        st.checkbox(t["include"], value=True, key=f"include-{exchange.id}")
    with st.expander(t["copy"]):
        st.code(answer_plain_text(exchange), language=None, wrap_lines=True)
    if latest and answer["found"]:
        nexts = follow_ups([c["id"] for c in answer["citations"]], paragraphs, lang)
        if nexts:
            st.caption(escape_markdown(t["next"]))
            question_buttons(nexts, f"next-{exchange.id}")
