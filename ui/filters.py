"""The sidebar's filters, bound to the URL (a copied link reopens the same view), and what they leave shown.

Streamlit drops a bound value it cannot use (a malformed date, an option the tracker does not have) without a
word, so the URL is read raw before each widget is made, and what is dropped is said in the sidebar.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from applytics.analytics.filters import CANDIDATE, Filters, filter_options
from applytics.schema import ROLE, SOURCE
from ui import state
from ui.dashboard import View
from ui.render import escape_markdown

FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2200, 12, 31)  # as the CLI's --as-of
# canonical column -> (widget key, label, what one value is called in a note)
CHOICES = (
    (SOURCE, state.FILTER_SOURCE, "Source", "source"),
    (ROLE, state.FILTER_ROLE, "Role", "role"),
    (CANDIDATE, state.FILTER_CANDIDATE, "Candidate", "candidate"),
)
FILTER_KEYS = (state.FILTER_APPLIED, *(key for _, key, _, _ in CHOICES))


def _raw(key: str) -> list[str]:
    return list(st.query_params.get_all(key))


def _day(text: str) -> dt.date | None:
    for form in ("%Y-%m-%d", "%Y/%m/%d"):  # the two Streamlit reads
        try:
            day = dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
        return day if FIRST_DAY <= day <= LAST_DAY else None
    return None


def _date_note(raw: list[str]) -> str | None:
    """Why the URL's applied dates cannot be used (None: they can, or there are none)."""
    if not raw:
        return None
    days = [_day(text) for text in raw]
    if len(raw) > 2 or None in days or (len(days) == 2 and days[0] > days[1]):
        shown = ", ".join(raw)
        return f"The link's applied dates ({shown}) are not a date range as YYYY-MM-DD: showing every date."
    return None


def _choice_note(raw: list[str], options: list[str], label: str, present: bool) -> str | None:
    unknown = [value for value in raw if value not in options]
    if not unknown:
        return None
    named = ", ".join(f"“{value}”" for value in unknown)
    if not present:
        return f"This tracker has no {label} column: the link's {label} filter ({named}) is left out."
    rest = "the others are kept" if len(unknown) < len(raw) else f"showing every {label}"
    return f"No {label} {named} in this tracker: {rest}."


def filter_sidebar(resolved: pd.DataFrame) -> Filters:
    """The filter widgets (each bound to the URL) over the options of the unfiltered `resolved` frame."""
    options = filter_options(resolved)
    notes: list[str] = []
    raw_dates = _raw(state.FILTER_APPLIED)
    date_note = _date_note(raw_dates)
    if date_note:
        notes.append(date_note)
    active = any(_raw(key) for key in FILTER_KEYS)
    with st.sidebar.expander("Filters", icon=":material/filter_alt:", expanded=active):
        applied = st.date_input(
            "Applied between",
            value=(),
            min_value=FIRST_DAY,
            max_value=LAST_DAY,
            format="YYYY-MM-DD",
            key=state.FILTER_APPLIED,
            bind="query-params",
            help="Both days included. Applications without a date are left out while a date is set.",
        )
        chosen: dict[str, tuple[str, ...]] = {}
        for column, key, label, noun in CHOICES:
            present = column in options
            note = _choice_note(_raw(key), options.get(column, []), noun, present)
            if note:
                notes.append(note)
            if not present:
                continue
            picked = st.multiselect(
                escape_markdown(label),
                options[column],
                default=[],
                key=key,
                bind="query-params",
                placeholder="All",
                help=escape_markdown(f"Keep only the applications of these {noun}s (any of them)."),
            )
            chosen[column] = tuple(value for value in picked if value in options[column])
        for note in notes:
            st.warning(escape_markdown(note), icon=":material/link_off:")
    days = tuple(applied) if isinstance(applied, tuple | list) else ((applied,) if applied else ())
    if date_note:
        days = ()
    return Filters(
        applied_from=days[0] if days else None,
        applied_to=days[1] if len(days) > 1 else None,
        sources=chosen.get(SOURCE, ()),
        roles=chosen.get(ROLE, ()),
        candidates=chosen.get(CANDIDATE, ()),
    )


def view_link() -> str:
    """This page's address with every query parameter (st.context.url leaves them out)."""
    pairs = [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    base = st.context.url or ""
    return f"{base}?{urlencode(pairs)}" if pairs else base


def filter_status(view: View) -> None:
    """How many applications the filters leave, the link to this view, and a stop when none is left."""
    if view.filtered:
        st.sidebar.caption(escape_markdown(f"Showing {len(view.resolved)} of {view.total} applications."))
    drawer = st.sidebar.popover("Copy a link to this view", icon=":material/link:", width="stretch", on_change="rerun")
    if drawer.open:  # made when opened: the address as it is then, and nothing on the page otherwise
        with drawer:
            st.caption("Opens this page with the same settings and filters.")
            st.code(view_link(), language=None)
    if view.filtered and view.resolved.empty:
        st.info("No application matches these filters. Widen them in the sidebar.", icon=":material/filter_alt_off:")
        st.stop()
