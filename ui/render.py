"""Rendering helpers that keep user text inert: no HTML, and Markdown characters escaped."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from applytics.present.export import safe_frame

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_markdown(text: str) -> str:
    """Company names and headers are shown as typed, never as links, images or formatting."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def reading(text: str) -> None:
    """The one-sentence reading beside a chart."""
    st.caption(escape_markdown(text))


def warn_all(messages: list[str]) -> None:
    for message in messages:
        st.warning(escape_markdown(message), icon=":material/warning:")


def table(frame: pd.DataFrame, key: str, **options: object) -> None:
    """st.dataframe with formula-starting cells neutralised: its toolbar exports CSV that spreadsheets would run."""
    st.dataframe(safe_frame(frame), key=key, hide_index=True, width="stretch", **options)
