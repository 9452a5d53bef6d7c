"""Placeholder chat page; the full UI is built in its own issue."""

import streamlit as st

from assistant import Assistant

st.set_page_config(page_title="NDV Assistant")
st.title("NDV Assistant")


@st.cache_resource
def assistant() -> Assistant:
    return Assistant.from_settings()


if question := st.chat_input("Ask about A/RES/71/67"):
    with st.chat_message("user"):
        st.text(question)
    answer = assistant().ask(question)
    with st.chat_message("assistant"):
        st.text(answer.text)
