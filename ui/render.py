"""Rendering helpers that keep user text inert: no HTML, no Markdown, no links."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from applytics.present.export import safe_frame

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
# What GitHub-flavoured Markdown turns into a link even when every special character is escaped: it finds
# `http://`, `https://`, `www.` and `name@domain.tld` in the text after escapes are resolved. A WORD JOINER
# (U+2060, invisible, no width) inside each of those breaks the match and shows the same text.
WORD_JOINER = "\u2060"
_AUTOLINK_STARTS = re.compile(r"(?i)(https?|www)(?=\\?[:.])|@")


def escape_markdown(text: str) -> str:
    """The one way user text reaches a Markdown-rendering element: shown as typed, never as formatting, a
    link, an image, colour, an icon or maths."""
    escaped = _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))
    return _AUTOLINK_STARTS.sub(lambda found: found[0] + WORD_JOINER, escaped)


def reading(text: str) -> None:
    """The one-sentence reading beside a chart."""
    st.caption(escape_markdown(text))


def warn_all(messages: list[str]) -> None:
    for message in messages:
        st.warning(escape_markdown(message), icon=":material/warning:")


def table(frame: pd.DataFrame, key: str, **options: object) -> None:
    """st.dataframe with formula-starting cells neutralised: its toolbar exports CSV that spreadsheets would run."""
    st.dataframe(safe_frame(frame), key=key, hide_index=True, width="stretch", **options)
