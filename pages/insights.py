"""Insights: what the numbers support, ranked, each with its counts and one thing to try."""

from __future__ import annotations

import streamlit as st

from applytics.analytics.insights import BENCHMARKS, insights
from applytics.analytics.metrics import funnel, kpis
from ui.dashboard import require_view, view_segment_rates
from ui.render import escape_markdown

view = require_view()
st.title("Insights")
found = insights(view_segment_rates(view), funnel(view.resolved), kpis(view.resolved))
if not found:
    st.info(
        "Nothing stands out with confidence yet. That is common with fewer than a hundred decided applications: "
        "keep logging source, résumé version and outcome, and the differences that are real will show."
    )
for number, item in enumerate(found, 1):
    with st.container(border=True):
        st.markdown(f"**{number:d}. {escape_markdown(item.title)}**")
        st.write(escape_markdown(item.evidence))
        st.markdown(f":material/lightbulb: {escape_markdown(item.try_next)}")

st.subheader("Context: what employers report")
st.caption("Employer-side figures from published reports, for scale only: they are not about you or your file.")
for benchmark in BENCHMARKS:
    st.markdown(f"- {escape_markdown(benchmark['figure'])} *({escape_markdown(benchmark['source'])})*")
