"""Cohort: a coach's tracker with a Candidate column, candidates side by side (issue 11): pace against the weekly
goal, response / interview / offer rates with their counts and intervals, time to a reply, and their funnels."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from applytics.analytics.cohort import cohort_funnels, cohort_table, is_cohort, unnamed
from applytics.present.charts import cohort_funnels_chart
from ui.dashboard import require_view
from ui.render import table, warn_all
from ui.settings import weekly_goal

RATE_LABELS = {"response": "Response", "interview": "Interview", "offer": "Offer"}


def percent(value: float | None) -> str:
    return "—" if value is None or value != value else f"{value:.0%}"


view = require_view()
st.title("Cohort")
warn_all(list(view.result.unusable))  # a coach must know whose file is missing from the comparison
if not is_cohort(view.resolved):
    st.info(
        "The cohort view compares candidates side by side. To get it, drop one tracker per candidate under "
        "“Coaching several people?” in the sidebar, or add a Candidate column: one row per application, the "
        "candidate's name in it. This tracker has one candidate or none, so the other pages already show "
        "everything about it.",
        icon=":material/groups:",
    )
    st.stop()

goal = weekly_goal()
cohort = cohort_table(view.resolved, view.params, goal)
shown = {
    "Candidate": cohort["candidate"],
    "Applications": cohort["applications"],
    "Per week": cohort["per_week"],
    "Goal weeks": [f"{m:,} of {w:,}" for m, w in zip(cohort["goal_weeks_met"], cohort["complete_weeks"], strict=True)],
    "Goal met": cohort["goal_share"],
}
for key, label in RATE_LABELS.items():
    shown[label] = cohort[f"{key}_rate"]
    shown[f"{label} k of n"] = [f"{k:,} of {n:,}" for k, n in zip(cohort[f"{key}_k"], cohort[f"{key}_n"], strict=True)]
    shown[f"{label} 95%"] = [
        f"{percent(low)}–{percent(high)}" if n else "—"
        for low, high, n in zip(cohort[f"{key}_low"], cohort[f"{key}_high"], cohort[f"{key}_n"], strict=True)
    ]
shown["Median days to reply"] = cohort["median_reply_days"]

st.subheader("Candidates side by side")
st.caption(
    f"Weekly goal: {goal:d} applications (the Pace page's goal, kept in the link). Per week: outbound applications "
    "over the weeks from the candidate's first application to this week. Goal weeks: complete weeks that met the "
    "goal. Rates are over decided applications (k of n, with a 95% interval); a dash means nothing is decided yet. "
    "Median days to reply: over applications that got a dated reply."
)
percent_column = {"format": "percent"}
table(
    pd.DataFrame(shown),
    key="cohort_table",
    column_config={
        "Applications": st.column_config.NumberColumn(format="%d"),
        "Per week": st.column_config.NumberColumn(format="%.1f"),
        "Goal met": st.column_config.NumberColumn(**percent_column),
        **{label: st.column_config.NumberColumn(**percent_column) for label in RATE_LABELS.values()},
        "Median days to reply": st.column_config.NumberColumn(format="%.1f"),
    },
)
left_out = unnamed(view.resolved)
if left_out:
    st.caption(f"{left_out:,} applications with no candidate name are left out of this page.")

st.subheader("Funnels")
st.plotly_chart(cohort_funnels_chart(cohort_funnels(view.resolved)), width="stretch", key="cohort_funnels")
st.caption("Applications that reached each stage or beyond, one small chart per candidate.")
