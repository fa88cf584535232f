"""Caching at the page edge, keyed on the digest of the upload: lib stays pure, reruns stay cheap."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import pandas as pd
import streamlit as st

from applytics.analytics.filters import Filters, apply_filters
from applytics.analytics.metrics import MetricParams, resolve_outcomes
from applytics.analytics.segments import segment_rates
from applytics.intake.combine import import_cohort
from applytics.intake.corrections import Corrections
from applytics.intake.pipeline import ImportResult, import_tracker
from ui import state

DEFAULT_GHOST_DAYS = 30


# Kept per session (ui.state.memo), keyed by the Tracker's digest (hashed once, when the file came in), never by
# the bytes. Bounded: a few files x sheets x corrections, a few settings each.
def cached_import(data: bytes, digest: str, filename: str, sheet: str | None, corrections_json: str) -> ImportResult:
    def build() -> ImportResult:
        with st.spinner("Reading your tracker…"):
            return import_tracker(data, filename, sheet=sheet, corrections=Corrections.from_json(corrections_json))

    return state.memo("import", (digest, filename, sheet, corrections_json), build, entries=6)


def cached_resolved(
    result: ImportResult,
    digest: str,
    filename: str,
    sheet: str | None,
    corrections_json: str,
    as_of: dt.date,
    ghost_days: int,
) -> pd.DataFrame:
    """`result` is cached_import(…, digest, filename, sheet, corrections_json): those are its key."""

    def build() -> pd.DataFrame:
        return resolve_outcomes(result.normalized.apps, MetricParams(as_of, ghost_days))

    return state.memo("resolved", (digest, filename, sheet, corrections_json, as_of, ghost_days), build, entries=8)


def cached_cohort_import(files: tuple[tuple[str, bytes], ...], digest: str, corrections_json: str) -> ImportResult:
    """`digest` is the cohort Tracker's, made from every file's name and digest."""

    def build() -> ImportResult:
        with st.spinner("Reading the trackers…"):
            return import_cohort(files, Corrections.from_json(corrections_json))

    return state.memo("cohort", (digest, corrections_json), build, entries=2)


def view_segment_rates(view: View) -> pd.DataFrame:
    """The segment rates with their Fisher tests (a second at 100,000 rows), shared by Conversion and Insights and
    kept while the view stays the same: picking another breakdown on Conversion does not test everything again."""
    return state.memo("segment_rates", view.key, lambda: segment_rates(view.resolved), entries=4)


def import_current(tracker: state.Tracker, sheet: str | None) -> ImportResult:
    """The import of the current file (or files, one candidate each) with the current corrections (cached)."""
    fixes = state.corrections().to_json()
    if tracker.parts:
        return cached_cohort_import(tuple((p.name, p.data) for p in tracker.parts), tracker.digest, fixes)
    return cached_import(tracker.data, tracker.digest, tracker.name, sheet, fixes)


@dataclass(frozen=True)
class View:
    """Everything a page needs: the import, the parameters, and the applications with outcomes resolved (and
    narrowed by the sidebar's filters: `unfiltered` is how many there are without them)."""

    tracker: state.Tracker
    result: ImportResult
    params: MetricParams
    resolved: pd.DataFrame
    filters: Filters = field(default_factory=Filters)
    unfiltered: int | None = None

    @property
    def filtered(self) -> bool:
        return self.filters.active

    @property
    def key(self) -> tuple[object, ...]:
        """What the resolved frame was made from: the file, its corrections, the settings and the filters."""
        return (self.tracker.digest, self.result.sheet, state.corrections().to_json(), self.params, self.filters)

    @property
    def total(self) -> int:
        """The applications before any filter."""
        return len(self.resolved) if self.unfiltered is None else self.unfiltered


def params() -> MetricParams:
    as_of = st.session_state.get(state.AS_OF) or dt.date.today()
    ghost_days = int(st.session_state.get(state.GHOST_DAYS) or DEFAULT_GHOST_DAYS)
    return MetricParams(as_of, ghost_days)


def sheet_argument(detected: ImportResult) -> str | None:
    """None while the user keeps the sheet we picked (`detected` is the import with sheet=None), so the first
    import is reused."""
    chosen = state.chosen_sheet()
    return None if chosen in (None, detected.sheet) else chosen


def build_view(tracker: state.Tracker, sheet: str | None, result: ImportResult, filters: Filters | None = None) -> View:
    """The page's view of `result` (the import with this `sheet` argument), under the current settings, narrowed
    by `filters` (none: every application)."""
    chosen = params()
    fixes = state.corrections().to_json()
    resolved = cached_resolved(
        result, tracker.digest, tracker.name, sheet, fixes, chosen.as_of, chosen.ghost_after_days
    )
    return narrowed(View(tracker, result, chosen, resolved), filters)


def narrowed(view: View, filters: Filters | None) -> View:
    """`view` with the filters applied to its cached resolved frame: a filter change never reads the file again."""
    if filters is None or not filters.active:
        return view
    return replace(view, resolved=apply_filters(view.resolved, filters), filters=filters, unfiltered=view.total)


def current_view() -> View | None:
    """This run's view. app.py builds it once per run, after its intake has reported import problems and its
    settings widgets exist, and hands it over in session state (state.set_view) for the run's page only. A run
    that did not go through app.py builds it here, from the same caches."""
    handed = state.view()
    if handed is not None:
        return handed
    tracker = state.tracker()
    if tracker is None:
        return None
    detected = import_current(tracker, None)
    sheet = sheet_argument(detected)
    return build_view(tracker, sheet, detected if sheet is None else import_current(tracker, sheet))


def leave_legacy_pages_mode() -> None:
    """Streamlit runs a `pages/` folder as v1 multipage until some session has called st.navigation: a deep
    link (/data) as a fresh server's first request would run the page alone, without app.py's intake.
    Switching to v2 and rerunning runs app.py, whose navigation then opens the same page.

    The switch is a Streamlit internal (streamlit>=1.56,<2 in pyproject.toml): if it has moved or lost the
    attribute, the workaround is skipped and the page runs as Streamlit chose, rather than crash."""
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:
        return
    if getattr(PagesManager, "uses_pages_directory", None):
        PagesManager.uses_pages_directory = False
        st.rerun()


def require_view() -> View:
    leave_legacy_pages_mode()
    view = current_view()
    if view is None:
        st.info("Upload your tracker in the sidebar, or click **Try the sample**.")
        st.stop()
    return view
