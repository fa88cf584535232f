"""Whole-number settings bound to the URL (the weekly goal, the follow-up days): one widget, one rule for a bad link.

Why: a bound number input silently drops a value from the link it cannot use ("abc", 0, 7.5). Nothing the user
(or whoever sent the link) typed is lost without a word, so the raw value is read first and a refusal is said.
"""

from __future__ import annotations

import streamlit as st

from applytics.analytics.pace import DEFAULT_GOAL, GOAL_MAX, GOAL_MIN
from applytics.text import whole_in_range
from ui import state
from ui.render import escape_markdown


def whole_number_setting(label: str, key: str, default: int, low: int, high: int, help_text: str, refused: str) -> int:
    """The setting's value. `refused` is the note for a link value the widget dropped, with {asked}, {low},
    {high} and {value} filled in."""
    asked = st.query_params.get(key)  # read before the widget, which drops a value it cannot use
    value = int(
        st.number_input(
            escape_markdown(label),
            min_value=low,
            max_value=high,
            value=default,
            step=1,
            key=key,
            bind="query-params",
            help=escape_markdown(help_text),
        )
    )
    if asked is not None and not whole_in_range(asked, low, high):
        note = refused.format(asked=asked, low=low, high=high, value=value)
        st.info(escape_markdown(note), icon=":material/info:")
    return value


def weekly_goal() -> int:
    """The Pace page's goal, read on any page: from the link (or its widget's state) when valid, else the default."""
    for typed in (st.query_params.get(state.WEEKLY_GOAL), st.session_state.get(state.WEEKLY_GOAL)):
        if typed is not None and whole_in_range(str(typed), GOAL_MIN, GOAL_MAX):
            return int(str(typed).strip())
    return DEFAULT_GOAL
