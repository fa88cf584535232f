"""Conversion: which channels, résumé versions and other segments get replies, with intervals and honest tests."""

from __future__ import annotations

import streamlit as st

from applytics.analytics.metrics import kpis
from applytics.analytics.segments import MIN_SEGMENT, segment_columns, segment_label, stage_heat
from applytics.present.charts import segment_heat_chart, segment_interval_chart
from applytics.present.readings import segment_difference_readings
from applytics.schema import RATE_BY_KEY, RATES
from ui import state
from ui.dashboard import require_view, view_segment_rates
from ui.render import escape_markdown, reading, table

view = require_view()
st.title("Conversion")
rates = view_segment_rates(view)
columns = [c for c in segment_columns(view.resolved) if c in set(rates["segment"])]
if not columns:
    st.info(
        "Your file has no column to break results down by (source, résumé version, cover letter, company size, …). "
        "On the Data page, mark any column as “Segment (keep as a breakdown)” to compare its values here. "
        "(A column needs at least two different values among decided applications to compare.)"
    )
    st.stop()

figures = kpis(view.resolved)
labels = {c: segment_label(c) for c in columns}
left, right = st.columns(2)
metric = left.segmented_control(
    "Rate", [rate.key for rate in RATES], format_func=lambda key: RATE_BY_KEY[key].label, default="response",
    key=state.CONVERSION_METRIC, bind="query-params", required=True,
)  # fmt: skip
chosen = right.selectbox(
    "Break down by", columns, format_func=labels.get, key=state.CONVERSION_SEGMENT, bind="query-params"
)
shown = rates[(rates["metric"] == metric)]
overall = figures.rate(metric)
st.caption(
    f"Over {figures.mature:,} decided outbound applications. A value with fewer than {MIN_SEGMENT:,} is “too few to "
    "judge”; a difference is only called one when Fisher's exact test holds after adjusting for the number of "
    "values compared (Benjamini–Hochberg, 5%)."
)

st.subheader(escape_markdown(f"{RATE_BY_KEY[metric].label} by {labels[chosen].lower()}"))
one = shown[shown["segment"] == chosen]
st.plotly_chart(segment_interval_chart(one, overall.value), width="stretch", key="segment_dots")
for sentence in segment_difference_readings(one, labels[chosen]):
    reading(sentence)

shown_table = one[["value", "k", "n", "rate", "low", "high", "rest_rate", "p_adjusted", "verdict"]].rename(
    columns={
        "value": labels[chosen], "k": "Yes", "n": "Of", "rate": "Rate", "low": "95% low", "high": "95% high",
        "rest_rate": "Rest", "p_adjusted": "p (adjusted)", "verdict": "Verdict",
    }
)  # fmt: skip
percent = st.column_config.NumberColumn(format="%.0f%%")
for column in ("Rate", "95% low", "95% high", "Rest"):
    shown_table[column] = shown_table[column].astype(float) * 100
table(
    shown_table,
    key="segment_table",
    column_config={c: percent for c in ("Rate", "95% low", "95% high", "Rest")}
    | {"p (adjusted)": st.column_config.NumberColumn(format="%.3f")},
)

st.subheader(f"Stage conversion by {escape_markdown(labels[chosen].lower())}")
heat = stage_heat(view.resolved, chosen)
st.plotly_chart(segment_heat_chart(heat), width="stretch", key="segment_heat")
reading("Each cell: of the applications that reached the earlier stage and were decided, how many moved on (k/n).")

with st.expander("All segments at once"):
    everything = shown[shown["verdict"] != "nothing to compare with"]
    st.plotly_chart(segment_interval_chart(everything, overall.value), width="stretch", key="all_segments")
    st.caption(escape_markdown("Sorted by the gap to the rest; faded dots are too few to judge."))
