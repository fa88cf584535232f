"""Overview: the KPIs with counts, the funnel and the stage-to-outcome flow, each read in one sentence."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from applytics.analytics.asof import as_of, as_of_note
from applytics.analytics.metrics import Rate, funnel, kpis, outcome_counts, sankey_links
from applytics.intake.plausibility import Uncertain
from applytics.present.charts import funnel_chart, sankey_chart
from applytics.present.export import sankeymatic_text
from applytics.present.readings import funnel_reading, kpi_reading, sankey_reading
from ui import state
from ui.dashboard import require_view
from ui.render import escape_markdown, reading, warn_all


def rate_card(column: DeltaGenerator, label: str, rate: Rate, help_text: str) -> None:
    with column, st.container(border=True, height="stretch"):  # the count and interval inside the card's border
        value = f"{rate.value:.0%}" if rate.value is not None else "—"
        st.metric(escape_markdown(label), value, help=escape_markdown(help_text))
        detail = f"{rate.k} of {rate.n}" if rate.n else "none decided yet"
        if rate.n:
            detail += f" · likely {rate.low:.0%}–{rate.high:.0%}"
        st.caption(escape_markdown(detail))


def confirm(item: Uncertain) -> None:
    state.set_corrections(state.corrections().confirming(item))


def check_these_readings(uncertain: list[Uncertain]) -> None:
    """The import's questions, first: each with its evidence, a one-click confirm, and the Data page to change it."""
    with st.container(border=True):
        st.subheader("Check these readings", anchor=False)
        st.caption(
            "The import was not sure of these. The figures below use them as shown: confirm each one that is right, "
            "or change it on the Data page."
        )
        asked = questions_first(uncertain)
        for number, item in enumerate(asked[:SHOWN_QUESTIONS]):
            words, button = st.columns([6, 1], vertical_alignment="center")
            words.markdown(escape_markdown(f"{item.decision} — {item.evidence}."))
            button.button("Confirm", key=f"{state.CONFIRM_READING}_{number}", on_click=confirm, args=(item,))
        if len(asked) > SHOWN_QUESTIONS:
            st.caption(f"{len(asked) - SHOWN_QUESTIONS:,} more: the Data page lists every one.")
        st.page_link("pages/data.py", label="Change them on the Data page", icon=":material/table:")


SHOWN_QUESTIONS = 10  # a sheet of 20,000 odd status words once drew 20,000 questions and buttons here
_ASKED_IN_ORDER = {"Columns": 0, "Date orders": 1, "Status words": 2}


def questions_first(uncertain: list[Uncertain]) -> list[Uncertain]:
    """Columns and date orders change every figure; status words, the rows they are on."""
    return sorted(uncertain, key=lambda item: _ASKED_IN_ORDER.get(item.where, len(_ASKED_IN_ORDER)))


def count_card(column: DeltaGenerator, label: str, count: int, detail: str, help_text: str) -> None:
    with column, st.container(border=True, height="stretch"):
        st.metric(escape_markdown(label), f"{count:,}", help=escape_markdown(help_text))
        st.caption(escape_markdown(detail))


view = require_view()
figures = kpis(view.resolved)
stages = funnel(view.resolved)
outcomes = outcome_counts(view.resolved)
window = view.params.ghost_after_days

st.title("Overview")
if view.result.uncertain:
    check_these_readings(view.result.uncertain)
st.caption(f"As of {view.params.as_of:%d %b %Y} · ghosted after {window:,} days of silence")
rolled_back = as_of_note(as_of(view.result.normalized.apps, view.params.as_of), view.params.as_of)
if rolled_back:
    st.info(escape_markdown(rolled_back), icon=":material/history:")
top = st.columns(4)
count_card(
    top[0],
    "Applications",
    figures.applications,
    f"{figures.outbound} sent · {figures.inbound} recruiter contacts",
    "Rows with a company or role that are not wishlist items.",
)
rate_card(top[1], "Response rate", figures.response_rate, "Any reply from the employer, rejections included.")
rate_card(top[2], "Positive responses", figures.positive_rate, "Reached a screen or further.")
rate_card(top[3], "Interview rate", figures.interview_rate, "Reached an interview or further.")
bottom = st.columns(4)
rate_card(bottom[0], "Offer rate", figures.offer_rate, "Reached an offer.")
rate_card(bottom[1], "Ghosted", figures.ghosted, f"No reply and no activity for {window} days.")
count_card(
    bottom[2],
    "Pending",
    figures.pending,
    f"sent under {window} days ago, no reply yet",
    "Too young to judge: left out of the rates above until the window passes.",
)
count_card(
    bottom[3],
    "Decided",
    figures.mature,
    "sent applications the rates are based on",
    "Applications that replied or have waited longer than the ghost window.",
)
reading(kpi_reading(figures, window))

st.subheader("Funnel")
chart, words = st.columns([3, 2], vertical_alignment="center")
chart.plotly_chart(funnel_chart(stages), width="stretch", key="funnel_chart")
with words:
    reading(funnel_reading(stages, figures))

st.subheader("Where applications end")
chart, words = st.columns([3, 2], vertical_alignment="center")
links = sankey_links(view.resolved)
chart.plotly_chart(sankey_chart(links), width="stretch", key="sankey_chart")
with words:
    reading(sankey_reading(outcomes))
    with st.popover("SankeyMATIC text", icon=":material/content_copy:"):
        st.caption("Paste into sankeymatic.com to restyle the diagram.")
        st.code(sankeymatic_text(links), language=None)

if view.result.warnings:
    with st.expander(f"{len(view.result.warnings):,} thing(s) to check in your file", icon=":material/warning:"):
        warn_all(view.result.warnings)
        st.page_link("pages/data.py", label="Open the Data page to see and fix them", icon=":material/table:")
