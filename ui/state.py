"""The one owner of session-state keys: pages read and write state only through these names."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

# Widget keys (set by users; some bound to the URL).
UPLOADER = "upload"
SAMPLE_BUTTON = "try_sample"
SHEET = "sheet"
AS_OF = "as_of"
GHOST_DAYS = "ghost_days"
# Plain state.
TRACKER = "tracker"
LAST_UPLOAD_ID = "last_upload_id"


@dataclass(frozen=True)
class Tracker:
    """The file the dashboard shows, as bytes: the cache key for everything derived from it."""

    name: str
    data: bytes
    origin: str  # "sample" | "upload" | "configured"


def tracker() -> Tracker | None:
    return st.session_state.get(TRACKER)


def set_tracker(new: Tracker) -> None:
    """A new file starts with its own sheet choice."""
    st.session_state[TRACKER] = new
    st.session_state.pop(SHEET, None)


def chosen_sheet() -> str | None:
    return st.session_state.get(SHEET)


def upload_seen(file_id: str) -> bool:
    """True when this upload was already taken in, so a rerun does not override a later 'Try the sample'."""
    if st.session_state.get(LAST_UPLOAD_ID) == file_id:
        return True
    st.session_state[LAST_UPLOAD_ID] = file_id
    return False
