"""Read-only share links at the page edge: the store, opening a link's snapshot as a View, the banner.

Why here: the store and the snapshot are lib's (`applytics.share`); which URL parameter carries the token,
what a visitor of a link may do and what they are told are the app's.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from applytics.intake.detect import Mapping, RawTable
from applytics.intake.normalize import Normalized, Quality
from applytics.intake.pipeline import ImportResult
from applytics.share.snapshot import Snapshot
from applytics.share.store import LINK_NOT_VALID, ShareStore, default_store
from ui import state
from ui.dashboard import View
from ui.render import escape_markdown

SHARE_PARAMETER = "share"  # ?share=<token>
SHARED_NAME = "shared dashboard"


@st.cache_resource(show_spinner=False)
def share_store() -> ShareStore:
    """One store (one connection pool) per server process; it holds no user data itself."""
    return default_store()


def link_for(token: str) -> str:
    """The address a visitor opens: this app's own URL (as the owner's browser reached it) with the token."""
    here = (st.context.url or "http://localhost:8501/").split("?")[0].split("#")[0]
    root = here if here.endswith("/") else here.rsplit("/", 1)[0] + "/"
    return f"{root}?{SHARE_PARAMETER}={token}"


def link_token() -> str | None:
    """The token of the link this session was opened with: from the URL, kept for the session's other pages."""
    token = st.query_params.get(SHARE_PARAMETER)
    if token:
        st.session_state[state.SHARE_TOKEN] = token
    return st.session_state.get(state.SHARE_TOKEN)


def snapshot_import(snapshot: Snapshot) -> ImportResult:
    """The snapshot as the import result the pages read: its applications, no raw cells (none were stored)."""
    frame = snapshot.frame
    filled = [str(c) for c in frame.columns if frame[c].notna().any()]
    empty_table = pd.DataFrame()
    quality = Quality(len(frame), len(frame), 0, pd.DataFrame(), pd.DataFrame(), pd.DataFrame())
    normalized = Normalized(frame, pd.DataFrame(), quality, empty_table, pd.Index([]))
    return ImportResult(
        SHARED_NAME, "snapshot", [], "", RawTable("", 0, empty_table), Mapping({c: c for c in filled}), normalized, []
    )


def shared_view(snapshot: Snapshot) -> View:
    tracker = state.Tracker(SHARED_NAME, snapshot.data, "shared")
    return View(tracker, snapshot_import(snapshot), snapshot.params, snapshot.frame)


def open_link(token: str) -> Snapshot | None:
    return share_store().open(token)


def not_valid_page() -> None:
    st.title("Applytics")
    st.error(escape_markdown(LINK_NOT_VALID), icon=":material/link_off:")
    st.caption("Ask the person who shared it for a new link.")


def banner(snapshot: Snapshot, today: dt.date) -> None:
    created = snapshot.created_at.date() if snapshot.created_at else today
    expires = snapshot.expires_at.date() if snapshot.expires_at else today
    redaction = snapshot.redaction
    hidden = [
        words
        for applies, words in (
            (redaction.number_companies, "company names numbered"),
            (not redaction.keep_notes, "notes removed"),
            (not redaction.keep_links, "links removed"),
            (not redaction.keep_contacts, "contacts removed"),
            (not redaction.keep_reasons, "reasons as written removed"),
            (redaction.weekly_dates, "dates rounded to weeks"),
        )
        if applies
    ]
    filtered = "; ".join(
        f"{name.replace('_', ' ')} {', '.join(map(str, value)) if isinstance(value, list) else value}"
        for name, value in snapshot.filters.items()
    )
    st.info(
        escape_markdown(
            f"Shared on {created:%d %b %Y}, expires {expires:%d %b %Y}. A read-only view, as of "
            f"{snapshot.params.as_of:%d %b %Y}"
            + (f"; {', '.join(hidden)}." if hidden else ".")
            + (f" Only the applications with {filtered}." if filtered else "")
        ),
        icon=":material/visibility:",
    )
