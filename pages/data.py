"""Data: what became of every column, status word and row, so nothing is lost without being shown."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.detect import FIELD_LABELS
from lib.vocabulary import OUTCOME_LABELS, STAGE_LABELS
from ui.dashboard import require_view
from ui.render import escape_markdown, warn_all

view = require_view()
result = view.result
quality = result.normalized.quality

st.title("Data")
st.caption(
    escape_markdown(
        f"{result.filename} · sheet “{result.sheet}” · header on row {result.table.header_row} · "
        f"{quality.applications} applications from {quality.rows_in_table} rows"
    )
)
for decision in result.decisions:
    st.info(escape_markdown(decision), icon=":material/info:")
warn_all(quality.warnings)

st.subheader("Columns")
field_of = {header: field for field, header in result.mapping.columns.items()}
frame = result.table.frame
columns = pd.DataFrame(
    {
        "Column in your file": list(frame.columns),
        "Read as": [FIELD_LABELS[field_of[h]] if h in field_of else "kept as is" for h in frame.columns],
        "Example": [next((str(v) for v in frame[h] if v is not None and str(v).strip()), "") for h in frame.columns],
    }
)
st.dataframe(columns, hide_index=True, width="stretch", key="columns_table")

st.subheader("Status words")
statuses = result.normalized.statuses.copy()
if statuses.empty:
    st.caption("The file has no status column, or it is empty.")
else:
    statuses["stage"] = statuses["stage"].map(lambda s: STAGE_LABELS.get(s, s))
    statuses["outcome"] = statuses["outcome"].map(lambda o: OUTCOME_LABELS.get(o, o))
    statuses.columns = ["Status in your file", "Rows", "Stage reached", "Outcome", "Understood by"]
    st.dataframe(statuses, hide_index=True, width="stretch", key="status_table")

st.subheader("Quality report")
left, middle, right = st.columns(3)
left.metric("Rows in the table", quality.rows_in_table, border=True)
middle.metric("Applications used", quality.applications, border=True)
right.metric("Rows left out", len(quality.skipped) + quality.blank_rows, border=True)
if quality.blank_rows:
    st.caption(f"{quality.blank_rows} fully blank row(s) were ignored.")
if len(quality.skipped):
    st.markdown("**Rows left out, and why**")
    st.dataframe(
        quality.skipped.rename(columns={"row": "Row", "reason": "Why", "content": "What the row holds"}),
        hide_index=True,
        width="stretch",
        key="skipped_table",
    )
if len(quality.unparsed):
    st.markdown("**Values that could not be read**")
    st.dataframe(
        quality.unparsed.rename(columns={"field": "Field", "column": "Column", "value": "Value", "rows": "Rows"}),
        hide_index=True,
        width="stretch",
        key="unparsed_table",
    )
if not len(quality.skipped) and not len(quality.unparsed) and quality.unknown_statuses.empty:
    st.success("Every row and value was understood.", icon=":material/check_circle:")

st.subheader("Cleaned table")
st.caption("One row per application, as the dashboard counts it. Your original columns follow, untouched.")
shown = view.resolved.drop(columns=["mature"]).copy()
shown["furthest_stage"] = shown["furthest_stage"].map(lambda s: STAGE_LABELS.get(s, s))
shown["outcome"] = shown["outcome"].map(lambda o: OUTCOME_LABELS.get(o, o))
raw = result.normalized.raw.add_prefix("original: ").astype(str).replace({"None": ""})
st.dataframe(pd.concat([shown, raw], axis=1), hide_index=True, width="stretch", key="clean_table")
