"""Timing: how long replies take (Kaplan–Meier, silence censored), ghosting by source, time spent per stage."""

from __future__ import annotations

import streamlit as st

from applytics.analytics.timeline import ghosting_by_source, response_times, stage_durations
from applytics.present.charts import OUTCOME_COLOURS, rate_bar_chart, response_curve_chart
from applytics.present.readings import (
    days_or_not_reached,
    ghosting_reading,
    response_time_left_out,
    response_time_reading,
)
from ui.dashboard import require_view
from ui.render import escape_markdown, reading, table

view = require_view()
st.title("Timing")
times = response_times(view.resolved, view.params.as_of)

st.subheader("Time to first reply")
if times.replied == 0:
    st.info(
        "No reply has a date yet, so there is no curve to draw. A response-date column, stage dates or a "
        "rejection date give the time to first reply."
        + (f" {times.left_out:,} applications have no application date." if times.left_out else "")
    )
else:
    chart, words = st.columns([3, 2], vertical_alignment="center")
    chart.plotly_chart(response_curve_chart(times.curve), width="stretch", key="response_curve")
    with words:
        st.metric("Median time to a reply", days_or_not_reached(times.median_days), border=True)
        st.metric("75% have replied by", days_or_not_reached(times.p75_days), border=True)
        reading(response_time_reading(times, view.params.as_of))
    left_out = response_time_left_out(times)
    if left_out:
        st.caption(escape_markdown(left_out))

st.subheader("Ghosting by source")
ghosting = ghosting_by_source(view.resolved)
if ghosting.empty:
    st.info("No decided outbound applications yet.")
else:
    chart, words = st.columns([3, 2], vertical_alignment="center")
    chart.plotly_chart(
        rate_bar_chart(ghosting, "source", OUTCOME_COLOURS["ghosted"]), width="stretch", key="ghosting_chart"
    )
    with words:
        reading(ghosting_reading(ghosting))

st.subheader("Time spent at each step")
durations = stage_durations(view.resolved)
known = durations[durations["n"] > 0]
if known.empty:
    st.info("Your file has no dates per stage, so time per step cannot be measured. A response-date column helps.")
else:
    table(
        known.rename(columns={"step": "Step", "n": "Applications", "median": "Median days", "q1": "25%", "q3": "75%"}),
        key="durations_table",
    )
