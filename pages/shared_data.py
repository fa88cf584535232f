"""Data, on a shared link: the applications exactly as the owner's share stored them (already redacted)."""

from __future__ import annotations

import streamlit as st

from ui.dashboard import require_view
from ui.render import table

view = require_view()
st.title("Data")
st.caption(
    f"{len(view.resolved):,} applications, as the person who shared this dashboard chose to share them. "
    "Their original file and its columns were not shared."
)
table(view.resolved.drop(columns=["mature"], errors="ignore"), key="shared_table")
