"""The document panel: one indexed document at a time, whole, with its labels; a filter; sections whose titles
stay in view. Each paragraph is a keyed container (`st-key-para-<anchor>`) that "Show in the document" scrolls to
and highlights (ui/page.js). A fragment: filtering and switching documents rerun the panel only."""

from __future__ import annotations

import streamlit as st

from assistant.chain import Assistant
from assistant.labels import display_label
from index.documents import Document
from ui.render import TEXTS, anchor_id, authority, escape_markdown, matches_filter, vote_rows

PANEL_DOC = "panel_doc"


@st.fragment
def document_panel(assistant: Assistant, lang: str, default: str) -> None:
    documents = assistant.index.documents
    if st.session_state.get(PANEL_DOC) not in documents:
        st.session_state[PANEL_DOC] = default if default in documents else next(iter(documents))
    with st.container(key="ndv-doc"):
        if len(documents) > 1:
            st.segmented_control(
                "全文 / Document",
                list(documents),
                key=PANEL_DOC,
                required=True,
                format_func=escape_markdown,
                label_visibility="collapsed",
            )
        doc = text_shown(documents[st.session_state[PANEL_DOC]], lang)
        st.subheader(escape_markdown(f"{doc.symbol} {doc.title}"), anchor=False)
        st.caption(escape_markdown(authority(doc, lang)))
        query = st.text_input("🔎", key="panel_filter", placeholder="筛选 / Filter", label_visibility="collapsed")
        with st.container(key="ndv-doc-scroll"):
            if not show_paragraphs(doc, query, lang):
                message = " / ".join(TEXTS[code]["no_match"].format(query=query.strip()) for code in ("zh", "en"))
                st.info(escape_markdown(message))


def text_shown(doc: Document, lang: str) -> Document:
    """The document as written in one of its languages: for a document indexed in several, the one chosen in the
    panel (at first the page's language, where the document has it)."""
    key = f"panel-lang-{anchor_id(doc.symbol)}"
    if len(doc.languages) > 1:
        if st.session_state.get(key) not in doc.languages:
            st.session_state[key] = lang if lang in doc.languages else doc.lang
        st.segmented_control(
            "语言 / Language",
            doc.languages,
            key=key,
            required=True,
            format_func=lambda code: TEXTS[lang][f"text_{code}"],
            label_visibility="collapsed",
        )
    return doc.text_in(st.session_state.get(key, doc.lang)) or doc


def show_paragraphs(doc: Document, query: str, lang: str) -> int:
    """The paragraphs that match the filter, by part (footnotes last); how many were shown."""
    t = TEXTS[lang]
    titles = {"meta": "", "preambular": t["preambular"], "operative": t["operative"], "footnote": t["footnotes"]}
    titles["vote"] = t["vote"]
    paragraphs = [p for p in doc.paragraphs if not p.parent]  # items (OP5(a), ART3(1)) are shown in their paragraph
    kinds = list(dict.fromkeys(p.kind for p in paragraphs))  # in document order; footnotes come last
    count = 0
    seen: set[str] = set()
    for kind in sorted(kinds, key=lambda k: k == "footnote"):
        shown = [p for p in paragraphs if p.kind == kind and matches_filter(p, query, lang)]
        if not shown:
            continue
        count += len(shown)
        with st.container(key=f"sec-{anchor_id(doc.symbol)}-{kind}"):
            if title := titles.get(kind, t["text"]):
                st.markdown(f"**{escape_markdown(title)}**")
            for p in shown:
                anchor = anchor_id(p.id)
                key = anchor if anchor not in seen else f"{anchor}-{p.order}"
                seen.add(key)
                with st.container(key=f"para-{key}", gap="small"):
                    st.markdown(f"###### {escape_markdown(f'{display_label(p.label, lang)} · {p.label}')}")
                    if p.heading:
                        st.caption(escape_markdown(p.heading))
                    rows = vote_rows(p.text) if p.kind == "vote" else None
                    if rows:
                        show_vote(p.text, rows)
                    else:
                        st.markdown(escape_markdown(p.text))
                    if p.cites:
                        st.caption(escape_markdown(f"{t['cites']}: {'; '.join(p.cites)}"))
    return count


def show_vote(text: str, rows: list[tuple[str, str, str]]) -> None:
    """A recorded-vote card as a table, its first sentence and its source note as captions. Table cells are
    Markdown in Streamlit, so the card's text is escaped there too."""
    st.caption(escape_markdown(text.split("：", 1)[0]))
    columns = {"表决 / Vote": 0, "票数 / Count": 1, "会员国 / Member States": 2}
    st.table({name: [escape_markdown(row[i]) for row in rows] for name, i in columns.items()}, hide_index=True)
    source = text.find("来源：")
    if source >= 0:
        st.caption(escape_markdown(text[source:]))
