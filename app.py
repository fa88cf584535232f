"""Applytics entry point: page config, the one data intake (upload / sample / configured file), navigation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st

from applytics.errors import ImportProblem
from applytics.intake.combine import MAX_FILES
from applytics.intake.corrections import Corrections
from applytics.intake.pipeline import ImportResult
from ui import state
from ui.dashboard import DEFAULT_GHOST_DAYS, View, build_view, import_current, narrowed, sheet_argument
from ui.filters import filter_sidebar, filter_status
from ui.live import READ_ONLY, SOURCE, live_settings, live_source_panel, read_only
from ui.render import escape_markdown
from ui.shared import SHARE_PARAMETER, banner, link_token, not_valid_page, open_link, shared_view

ROOT = Path(__file__).resolve().parent
SAMPLE = ROOT / "data" / "sample_tracker.xlsx"
ICON = ROOT / "data" / "icon.png"  # local: a :material/…: page icon is fetched from a font CDN on every visit
UPLOAD_TYPES = ["xlsx", "xlsm", "xls", "ods", "csv", "tsv", "txt"]
ORIGIN_LABELS: dict[state.Origin, str] = {
    "sample": "the bundled sample",
    "upload": "your upload",
    "live": "the live source",
    "shared": "a shared link",
}


def sample_tracker() -> state.Tracker:
    return state.Tracker(SAMPLE.name, SAMPLE.read_bytes(), "sample")


def intake() -> None:
    """The only place data enters the app: an upload, the sample, or the deployer's live source."""
    live = live_settings()
    if live is not None:
        live_source_panel(live)
    if read_only():  # a hosted dashboard for a mentor: the deployer's source, nothing to upload
        if live is None:
            st.error(
                escape_markdown(
                    f"{READ_ONLY} is set but no {SOURCE} is: there is nothing to show. Set {SOURCE} as well."
                )
            )
            st.stop()
        return
    with st.sidebar:
        st.subheader("Your tracker")
        upload = st.file_uploader(
            "Drop your tracker (xlsx, ods, csv)",
            type=UPLOAD_TYPES,
            key=state.UPLOADER,
            help="One row per application works best, but most layouts are understood. Nothing is stored.",
        )
        if st.button("Try the sample", key=state.SAMPLE_BUTTON, icon=":material/science:", width="stretch"):
            state.set_tracker(sample_tracker())
        if upload is not None and not state.upload_seen(upload.file_id):
            state.set_tracker(state.Tracker(upload.name, upload.getvalue(), "upload"))
        cohort_uploader()
        if state.tracker() is None:
            state.set_tracker(sample_tracker())
        with st.expander("Saved corrections", icon=":material/rule:"):
            saved = st.file_uploader(
                "Mapping file (.json) from the Data page",
                type=["json"],
                key=state.MAPPING_UPLOADER,
                help="Upload it with the next version of your tracker, so no correction is needed twice.",
            )
            # The sample never takes a user's corrections; their own file, uploaded again later, does.
            own_file = state.tracker() is not None and state.tracker().origin != "sample"
            if saved is not None and own_file and not state.upload_seen(saved.file_id, state.LAST_MAPPING_ID):
                try:
                    state.set_corrections(Corrections.from_json(saved.getvalue(), f"“{saved.name}”"))
                except ImportProblem as problem:
                    st.error(escape_markdown(problem.message))
            elif saved is not None and not own_file:
                st.info(
                    f"{escape_markdown(saved.name)} is kept for your own tracker: the sample never takes saved "
                    "corrections. Drop your tracker above and they are applied to it at once.",
                    icon=":material/info:",
                )


def cohort_uploader() -> None:
    """A coach's way in: one tracker per candidate, compared on the Cohort page (the last drop, here or above,
    is what the dashboard shows)."""
    with st.expander("Coaching several people?", icon=":material/groups:"):
        files = st.file_uploader(
            "One tracker per candidate",
            type=UPLOAD_TYPES,
            accept_multiple_files=True,
            key=state.COHORT_UPLOADER,
            help=escape_markdown(
                f"Each file is read on its own and named after its file (up to {MAX_FILES}); the Cohort page "
                "compares them, and every page can be narrowed to one candidate."
            ),
        )
        if files and not state.upload_seen("|".join(f.file_id for f in files), state.LAST_COHORT_ID):
            parts = tuple(state.Tracker(f.name, f.getvalue(), "upload") for f in files)
            state.set_tracker(parts[0] if len(parts) == 1 else state.Tracker.cohort(parts))


def import_or_explain(tracker: state.Tracker, sheet: str | None) -> ImportResult:
    """Import, or say in plain words why not and stop: never a traceback."""
    try:
        return import_current(tracker, sheet)
    except ImportProblem as problem:
        st.error(f"**{escape_markdown(tracker.name)} could not be used.** {escape_markdown(problem.message)}")
    except Exception as exc:  # the type name helps a bug report; the user sees no traceback
        st.error(
            f"**{escape_markdown(tracker.name)} could not be read** because of an unexpected problem "
            f"({escape_markdown(type(exc).__name__)}). Try saving it again as .xlsx or .csv; if it persists, "
            "please report it."
        )
    st.stop()


def sheet_picker(sheet_names: list[str], chosen: str) -> None:
    if len(sheet_names) > 1:
        st.sidebar.selectbox(
            "Sheet",
            sheet_names,
            index=sheet_names.index(chosen),
            key=state.SHEET,
            help="The sheet that looked most like a tracker was picked; switch if it is another one.",
        )


def settings() -> None:
    with st.sidebar.expander("Settings", icon=":material/tune:"):
        st.date_input(
            "As of",
            value=dt.date.today(),
            key=state.AS_OF,
            bind="query-params",
            help="Figures are computed as on this day. Set it back for an old tracker.",
        )
        st.number_input(
            "Ghosted after (days of silence)",
            min_value=7,
            max_value=365,
            value=DEFAULT_GHOST_DAYS,
            step=1,
            key=state.GHOST_DAYS,
            bind="query-params",
            help="An application with no reply for this long counts as ghosted; younger ones are pending.",
        )


ANALYSIS_PAGES = (
    ("pages/overview.py", "Overview", ":material/dashboard:"),
    ("pages/conversion.py", "Conversion", ":material/conversion_path:"),
    ("pages/pace.py", "Pace", ":material/speed:"),
    ("pages/timing.py", "Timing", ":material/schedule:"),
    ("pages/rejections.py", "Rejections", ":material/block:"),
    ("pages/insights.py", "Insights", ":material/lightbulb:"),
    ("pages/todo.py", "To-do", ":material/checklist:"),
    ("pages/cohort.py", "Cohort", ":material/groups:"),
)


def pages(*extra: tuple[str, str, str]) -> list[st.Page]:
    return [
        st.Page(path, title=title, icon=icon, default=number == 0)
        for number, (path, title, icon) in enumerate((*ANALYSIS_PAGES, *extra))
    ]


def run_page(navigation: st.navigation, view: View) -> None:
    try:  # the page's View, built once for this run (after settings exist), lives only while the page runs
        state.set_view(view)
        navigation.run()
    finally:
        state.drop_view()


def shared_dashboard(token: str) -> None:
    """A read-only link: the owner's redacted snapshot on every page, nothing to upload, no settings to change."""
    snapshot = open_link(token)
    if snapshot is None:
        st.navigation([st.Page(not_valid_page, title="Link not valid")], position="hidden").run()
        return
    st.query_params[SHARE_PARAMETER] = token  # page links keep the token, so a reload stays on the share
    navigation = st.navigation(pages(("pages/shared_data.py", "Data", ":material/table:")))
    st.sidebar.caption("A read-only dashboard someone shared with you.")
    banner(snapshot, dt.date.today())
    run_page(navigation, shared_view(snapshot))


def own_dashboard() -> None:
    navigation = st.navigation(
        pages(("pages/data.py", "Data", ":material/table:"), ("pages/share.py", "Share & export", ":material/share:"))
    )
    intake()
    tracker = state.tracker()
    detected = import_or_explain(tracker, None)
    sheet_picker(detected.sheet_names, detected.sheet)
    chosen_sheet = sheet_argument(detected)
    result = detected if chosen_sheet is None else import_or_explain(tracker, chosen_sheet)
    shown = ", ".join(p.name for p in tracker.parts) if tracker.parts else tracker.name
    st.sidebar.caption(escape_markdown(f"Showing {shown} ({ORIGIN_LABELS[tracker.origin]})."))
    settings()
    everything = build_view(tracker, chosen_sheet, result)  # the filters' options come from every application
    view = narrowed(everything, filter_sidebar(everything.resolved))
    if tracker.origin == "sample":
        st.info("You are looking at a **sample** job search. Drop your own tracker in the sidebar to see yours.")
    filter_status(view)
    run_page(navigation, view)


st.set_page_config(page_title="Applytics", page_icon=str(ICON), layout="wide")
shared_token = link_token()
if shared_token:
    shared_dashboard(shared_token)
else:
    own_dashboard()
