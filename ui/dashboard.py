"""Caching at the page edge, keyed on the upload bytes: lib stays pure, reruns stay instant."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st
from applytics.analytics.metrics import MetricParams, resolve_outcomes
from applytics.intake.corrections import Corrections
from applytics.intake.pipeline import ImportResult, import_tracker

from ui import state

DEFAULT_GHOST_DAYS = 30


@st.cache_data(scope="session", show_spinner="Reading your tracker…", max_entries=6)
def cached_import(data: bytes, filename: str, sheet: str | None, corrections_json: str) -> ImportResult:
    corrections = Corrections.from_json(corrections_json)
    return import_tracker(data, filename, sheet=sheet, corrections=corrections)


@st.cache_data(scope="session", show_spinner=False, max_entries=8)
def cached_resolved(
    data: bytes, filename: str, sheet: str | None, corrections_json: str, as_of: dt.date, ghost_days: int
) -> pd.DataFrame:
    result = cached_import(data, filename, sheet, corrections_json)
    return resolve_outcomes(result.normalized.apps, MetricParams(as_of, ghost_days))


def import_current(tracker: state.Tracker, sheet: str | None) -> ImportResult:
    """The import of the current file with the current corrections (cached)."""
    return cached_import(tracker.data, tracker.name, sheet, state.corrections().to_json())


@dataclass(frozen=True)
class View:
    """Everything a page needs: the import, the parameters, and the applications with outcomes resolved."""

    tracker: state.Tracker
    result: ImportResult
    params: MetricParams
    resolved: pd.DataFrame


def params() -> MetricParams:
    as_of = st.session_state.get(state.AS_OF) or dt.date.today()
    ghost_days = int(st.session_state.get(state.GHOST_DAYS) or DEFAULT_GHOST_DAYS)
    return MetricParams(as_of, ghost_days)


def sheet_argument(tracker: state.Tracker) -> str | None:
    """None while the user keeps the sheet we picked, so the first import is reused from the cache."""
    auto = import_current(tracker, None).sheet
    chosen = state.chosen_sheet()
    return None if chosen in (None, auto) else chosen


def current_view() -> View | None:
    """The view of the current tracker; the intake in app.py has already reported import problems."""
    tracker = state.tracker()
    if tracker is None:
        return None
    sheet = sheet_argument(tracker)
    result = import_current(tracker, sheet)
    chosen = params()
    fixes = state.corrections().to_json()
    resolved = cached_resolved(tracker.data, tracker.name, sheet, fixes, chosen.as_of, chosen.ghost_after_days)
    return View(tracker, result, chosen, resolved)


def leave_legacy_pages_mode() -> None:
    """Streamlit runs a `pages/` folder as v1 multipage until some session has called st.navigation: a deep
    link (/data) as a fresh server's first request would run the page alone, without app.py's intake.
    Switching to v2 and rerunning runs app.py, whose navigation then opens the same page."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def require_view() -> View:
    leave_legacy_pages_mode()
    view = current_view()
    if view is None:
        st.info("Upload your tracker in the sidebar, or click **Try the sample**.")
        st.stop()
    return view
