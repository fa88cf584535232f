"""Timing: how long replies take (Kaplan–Meier, silence censored), ghosting by source, time spent per stage."""

from __future__ import annotations

import streamlit as st
from applytics.analytics.timeline import ghosting_by_source, response_times, stage_durations
from applytics.present.charts import OUTCOME_COLOURS, rate_bar_chart, response_curve_chart

from ui.dashboard import require_view
from ui.render import reading, table

view = require_view()
st.title("Timing")
times = response_times(view.resolved, view.params.as_of)

st.subheader("Time to first reply")
if times.replied == 0:
    st.info(
        "No reply has a date yet, so there is no curve to draw. A response-date column, stage dates or a "
        "rejection date give the time to first reply."
        + (f" {times.left_out} applications have no application date." if times.left_out else "")
    )
else:
    chart, words = st.columns([3, 2], vertical_alignment="center")
    chart.plotly_chart(response_curve_chart(times.curve), width="stretch", key="response_curve")
    median = f"{times.median_days:.0f} days" if times.median_days is not None else "not reached"
    p75 = f"{times.p75_days:.0f} days" if times.p75_days is not None else "not reached"
    with words:
        st.metric("Median time to a reply", median, border=True)
        st.metric("75% have replied by", p75, border=True)
        reading(
            f"{times.replied} replies and {times.censored} still-silent applications, counted as “no reply yet” up "
            f"to {view.params.as_of:%d %b %Y} rather than dropped. By the last day observed, "
            f"{times.final_share:.0%} had a reply"
            + (
                "; since fewer than half ever reply, the median is not reached — normal for cold applications."
                if times.median_days is None
                else "."
            )
            + f" Among the replies, the typical wait was {times.median_among_replies:.0f} days."
        )
    if times.left_out:
        st.caption(f"{times.left_out} application(s) without an application date are left out of this curve.")

st.subheader("Ghosting by source")
ghosting = ghosting_by_source(view.resolved)
if ghosting.empty:
    st.info("No decided outbound applications yet.")
else:
    chart, words = st.columns([3, 2], vertical_alignment="center")
    chart.plotly_chart(
        rate_bar_chart(ghosting, "source", OUTCOME_COLOURS["ghosted"]), width="stretch", key="ghosting_chart"
    )
    worst = ghosting.iloc[0]
    best = ghosting.iloc[-1]
    context = (
        " Being ghosted is the norm for cold channels (Greenhouse, 2024: 61% of job seekers were ghosted even "
        "after an interview), not a verdict on you."
    )
    with words:
        if len(ghosting) == 1:
            reading(
                f"{worst['k']} of {worst['n']} decided applications from {worst['source']} ended in silence.{context}"
            )
        else:
            reading(
                f"Silence is most common from {worst['source']} ({worst['k']} of {worst['n']}) and least from "
                f"{best['source']} ({best['k']} of {best['n']}).{context}"
            )

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
