"""A hosted dashboard's live source: configuration, the session's last good copy, its age and a refresh.

Why here: fetching is lib's (`applytics.share.source`); when to fetch again, what stays on screen when a fetch
fails and what the sidebar says about it are the page edge's. The copy lives in session state only.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, replace

import streamlit as st

from applytics.errors import ImportProblem
from applytics.intake.corrections import MAX_FILE_BYTES, Corrections
from applytics.intake.guard import DEFAULT_LIMITS, Limits
from applytics.share.source import (
    DEFAULT_TIMEOUT_SECONDS,
    DEFAULT_TTL_SECONDS,
    Source,
    SourceProblem,
    fetch,
    parse_source,
)
from ui import state
from ui.render import escape_markdown

SOURCE = "APPLYTICS_SOURCE"
CORRECTIONS = "APPLYTICS_SOURCE_CORRECTIONS"
TTL = "APPLYTICS_SOURCE_TTL"
TIMEOUT = "APPLYTICS_SOURCE_TIMEOUT"
READ_ONLY = "APPLYTICS_READ_ONLY"
LEGACY_FILE = "APPLYTICS_FILE"  # `make run FILE=...`: a file path, read once like any source


@dataclass(frozen=True)
class LiveSettings:
    source: Source
    corrections: Source | None
    ttl: dt.timedelta
    timeout: float


@dataclass(frozen=True)
class LiveCopy:
    """The last good copy (None before the first success), when it was loaded and the last check's problem."""

    tracker: state.Tracker | None
    loaded_at: dt.datetime | None
    checked_at: dt.datetime
    problem: str | None = None


def setting(name: str) -> str:
    """An environment variable, or the same key in .streamlit/secrets.toml (Community Cloud's way)."""
    value = os.environ.get(name, "").strip()
    if value:
        return value
    try:
        return str(st.secrets.get(name, "")).strip()
    except Exception:  # no secrets file: Streamlit raises rather than returning the default
        return ""


def read_only() -> bool:
    return setting(READ_ONLY).lower() in ("1", "true", "yes", "on")


def live_settings() -> LiveSettings | None:
    """What the deployer configured, or None; a setting that cannot be used stops the page with its reason."""
    value = setting(SOURCE) or setting(LEGACY_FILE)
    if not value:
        return None
    try:
        source = parse_source(value)
        corrections = parse_source(setting(CORRECTIONS)) if setting(CORRECTIONS) else None
        ttl = _number(TTL, DEFAULT_TTL_SECONDS, 0, 7 * 24 * 3600)
        timeout = _number(TIMEOUT, DEFAULT_TIMEOUT_SECONDS, 1, 120)
    except ImportProblem as problem:
        st.error(escape_markdown(problem.message))
        st.stop()
    return LiveSettings(source, corrections, dt.timedelta(seconds=ttl), timeout)


def _number(name: str, default: float, low: float, high: float) -> float:
    text = setting(name)
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not low <= value <= high:
        raise ImportProblem(f"{name} is “{text}”; it must be a number of seconds from {low:g} to {high:,g}.")
    return value


def current_copy(
    settings: LiveSettings,
    refresh: bool,
    now: Callable[[], dt.datetime] = dt.datetime.now,
    limits: Limits = DEFAULT_LIMITS,
) -> LiveCopy:
    """The session's copy, fetched again when asked, when older than the TTL, or never fetched yet."""
    copy: LiveCopy | None = st.session_state.get(state.LIVE_COPY)
    moment = now()
    if copy is not None and not refresh and moment - copy.checked_at < settings.ttl:
        return copy
    try:
        fetched = fetch(settings.source, limits, settings.timeout)
    except SourceProblem as problem:
        failed = LiveCopy(None, None, moment, problem.message) if copy is None else replace(
            copy, checked_at=moment, problem=problem.message
        )  # fmt: skip
        st.session_state[state.LIVE_COPY] = failed
        return failed
    fresh = LiveCopy(state.Tracker(fetched.name, fetched.data, "live"), moment, moment)
    st.session_state[state.LIVE_COPY] = fresh
    return fresh


def _load_corrections(settings: LiveSettings) -> None:
    """The deployer's saved corrections, once per session (a visitor's own corrections then win); a problem
    with the file is said, not hidden."""
    if settings.corrections is None or state.has_corrections():
        return
    try:
        fetched = fetch(settings.corrections, Limits(max_bytes=MAX_FILE_BYTES), settings.timeout)
        state.set_corrections(Corrections.from_json(fetched.data, f"{CORRECTIONS} ({settings.corrections.shown})"))
    except ImportProblem as problem:
        st.sidebar.error(escape_markdown(problem.message))


def age(since: dt.datetime, now: dt.datetime) -> str:
    """'just now', '4 min ago', '2 h 5 min ago', '3 days ago': how old the copy on screen is."""
    seconds = max(int((now - since).total_seconds()), 0)
    minutes, hours = seconds // 60, seconds // 3600
    if seconds < 10:
        return "just now"
    if seconds < 60:
        return f"{seconds} s ago"
    if minutes < 60:
        return f"{minutes} min ago"
    if hours < 48:
        return f"{hours} h {minutes % 60} min ago" if minutes % 60 else f"{hours} h ago"
    return f"{hours // 24} days ago"


def live_source_panel(settings: LiveSettings, now: Callable[[], dt.datetime] = dt.datetime.now) -> None:
    """The sidebar's account of the live source, with its refresh control; with no copy at all, stop here."""
    refresh = st.session_state.get(state.LIVE_REFRESH, False)
    copy = current_copy(settings, refresh, now)
    moment = now()
    with st.sidebar:
        st.subheader("Live source")
        st.caption(escape_markdown(settings.source.shown))
        if copy.loaded_at is not None:
            loaded = f"Loaded {copy.loaded_at:%d %b %Y, %H:%M}"
            st.caption(escape_markdown(f"{loaded} ({age(copy.loaded_at, moment)})"))
        st.button("Refresh now", key=state.LIVE_REFRESH, icon=":material/refresh:", width="stretch")
        if copy.problem and copy.tracker is not None:
            st.warning(
                escape_markdown(f"{copy.problem} Showing the copy loaded {age(copy.loaded_at, moment)}."),
                icon=":material/cloud_off:",
            )
    if copy.tracker is None:
        st.error(
            f"**The tracker could not be loaded.** {escape_markdown(copy.problem or '')}",
            icon=":material/cloud_off:",
        )
        st.stop()
    current = state.tracker()
    # The live copy is what the dashboard shows, unless the visitor chose their own file or the sample;
    # "Refresh now" brings it back.
    if current is None or refresh or (current.origin == "live" and current.digest != copy.tracker.digest):
        if current is None or current.digest != copy.tracker.digest or current.origin != "live":
            state.set_tracker(copy.tracker)
        _load_corrections(settings)
