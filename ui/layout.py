"""The page's own CSS and JavaScript (ui/page.css, ui/page.js): static files, no user or document text in them.

The script is configured through one hidden element whose attributes hold only a number and anchor prefixes
([A-Za-z0-9-]), so nothing a user typed or a document says can reach code."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit as st

from ui.render import anchor_id

HERE = Path(__file__).resolve().parent


@cache
def _asset(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


def page_assets(max_chars: int, symbols: list[str]) -> None:
    st.html(f"<style>{_asset('page.css')}</style>")
    prefixes = "|".join(anchor_id(symbol) for symbol in symbols)
    st.html(
        f'<div id="ndv-config" hidden data-max="{int(max_chars)}" data-docs="{prefixes}"></div>'
        f"<script>{_asset('page.js')}</script>",
        unsafe_allow_javascript=True,
    )
