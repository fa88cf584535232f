"""Conversion: which channels, résumé versions and other segments get replies, with intervals and honest tests."""

from __future__ import annotations

import streamlit as st
from applytics.analytics.metrics import kpis
from applytics.analytics.segments import (
    METRICS,
    MIN_SEGMENT,
    SEGMENT_LABELS,
    segment_columns,
    segment_rates,
    stage_heat,
)
from applytics.present.charts import segment_heat_chart, segment_interval_chart

from ui import state
from ui.dashboard import require_view
from ui.render import escape_markdown, reading, table


def p_text(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


view = require_view()
st.title("Conversion")
rates = segment_rates(view.resolved)
columns = [c for c in segment_columns(view.resolved) if c in set(rates["segment"])]
if not columns:
    st.info(
        "Your file has no column to break results down by (source, résumé version, cover letter, company size, …). "
        "On the Data page, mark any column as “Segment (keep as a breakdown)” to compare its values here. "
        "(A column needs at least two different values among decided applications to compare.)"
    )
    st.stop()

figures = kpis(view.resolved)
labels = {c: SEGMENT_LABELS.get(c, c.removeprefix("segment: ")) for c in columns}
left, right = st.columns(2)
metric = left.segmented_control(
    "Rate", list(METRICS), format_func=METRICS.get, default="response", key=state.CONVERSION_METRIC,
    bind="query-params", required=True,
)  # fmt: skip
chosen = right.selectbox(
    "Break down by", columns, format_func=labels.get, key=state.CONVERSION_SEGMENT, bind="query-params"
)
shown = rates[(rates["metric"] == metric)]
overall = {
    "response": figures.response_rate,
    "positive": figures.positive_rate,
    "interview": figures.interview_rate,
    "offer": figures.offer_rate,
}[metric]
st.caption(
    f"Over {figures.mature} decided outbound applications. A value with fewer than {MIN_SEGMENT} is “too few to "
    "judge”; a difference is only called one when Fisher's exact test holds after adjusting for the number of "
    "values compared (Benjamini–Hochberg, 5%)."
)

st.subheader(f"{METRICS[metric]} by {labels[chosen].lower()}")
one = shown[shown["segment"] == chosen]
st.plotly_chart(segment_interval_chart(one, overall.value), width="stretch", key="segment_dots")
differences = one[one["verdict"].str.endswith("than the rest")]
if len(differences):
    for row in differences.itertuples():
        reading(
            f"{row.value}: {row.k} of {row.n} ({row.rate:.0%}) vs {row.rest_k} of {row.rest_n} for the rest "
            f"({row.rest_rate:.0%}); {row.verdict} ({p_text(row.p_adjusted)}, adjusted)."
        )
else:
    reading(
        f"No value of {labels[chosen].lower()} stands out from the rest on this rate yet: the gaps you see are "
        "within what chance alone produces at these counts."
    )

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

st.subheader(f"Stage conversion by {labels[chosen].lower()}")
heat = stage_heat(view.resolved, chosen)
st.plotly_chart(segment_heat_chart(heat), width="stretch", key="segment_heat")
reading("Each cell: of the applications that reached the earlier stage and were decided, how many moved on (k/n).")

with st.expander("All segments at once"):
    everything = shown[shown["verdict"] != "nothing to compare with"]
    st.plotly_chart(segment_interval_chart(everything, overall.value), width="stretch", key="all_segments")
    st.caption(escape_markdown("Sorted by the gap to the rest; faded dots are too few to judge."))
