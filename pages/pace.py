"""Pace: applications per ISO week against the weekly goal, streaks, a calendar of active days, and a projection of
applications and weeks to the next interview and offer at the user's own rates."""

from __future__ import annotations

import streamlit as st

from applytics.analytics.pace import DEFAULT_GOAL, GOAL_MAX, GOAL_MIN, daily_counts, pace_summary
from applytics.present.charts import activity_calendar_chart, weekly_pace_chart
from applytics.present.readings import (
    current_pace_reading,
    left_out_reading,
    pace_reading,
    projection_reading,
    weeks_text,
)
from ui import state
from ui.dashboard import require_view
from ui.render import escape_markdown, reading
from ui.settings import whole_number_setting

view = require_view()
st.title("Pace")
goal = whole_number_setting(
    "Weekly goal (applications a week)", state.WEEKLY_GOAL, DEFAULT_GOAL, GOAL_MIN, GOAL_MAX,
    "Kept in the link, so a shared link shows the same goal.",
    "The weekly goal in the link, “{asked}”, is not a whole number from {low} to {high}, so the goal is {value}.",
)  # fmt: skip

as_of = view.params.as_of
summary = pace_summary(view.resolved, view.params, goal)

st.subheader("Applications per week")
if summary.weekly.empty:
    st.info(escape_markdown(pace_reading(summary.streaks, summary.split)))
else:
    met, current, best = st.columns(3)
    met.metric("Weeks that met the goal", f"{summary.streaks.weeks_met:,} of {summary.streaks.weeks:,}", border=True)
    current.metric("Current streak", weeks_text(summary.streaks.current), border=True)
    best.metric("Best streak", weeks_text(summary.streaks.best), border=True)
    st.plotly_chart(weekly_pace_chart(summary.weekly, goal), width="stretch", key="weekly_pace_chart")
    reading(pace_reading(summary.streaks, summary.split))
    left_out = left_out_reading(summary.split)
    if left_out:
        st.caption(escape_markdown(left_out))

    st.subheader("Days with applications")
    calendar = activity_calendar_chart(daily_counts(view.resolved, as_of))
    st.plotly_chart(calendar, width="stretch", key="activity_calendar")
    if view.tracker.origin == "shared":
        st.caption(
            "A shared link may round dates to the Monday of their week (see the banner above); the calendar then "
            "shows each week's applications on its Monday."
        )

st.subheader("Projection at your rates")
reading(current_pace_reading(summary.pace))
interview, offer = st.columns(2)
for column, target, label in (
    (interview, summary.projection.interview, "Next interview"),
    (offer, summary.projection.offer, "Next offer"),
):
    with column:
        shown = f"≈ {target.applications:.0f} applications" if target.applications is not None else "no projection"
        st.metric(escape_markdown(label), shown, border=True)
        reading(projection_reading(target, summary.pace))
