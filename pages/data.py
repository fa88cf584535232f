"""Data: what became of every column, status word and row; corrections made here apply at once and can be saved."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from applytics.intake.corrections import IGNORE, NOT_APPLICATION, SECOND_STATUS, SEGMENT, Corrections
from applytics.intake.dates import ORDER_LABELS
from applytics.intake.detect import STAGE_COLUMN_KINDS
from applytics.present.workbook import cleaned_table
from applytics.schema import DATE_FIELDS, FIELD_LABELS, OUTCOME_LABELS, OUTCOMES, STAGE_LABELS, STAGES
from ui import state
from ui.dashboard import require_view
from ui.editors import correction_editor
from ui.render import escape_markdown, table, warn_all

STAGE_COLUMN_LABELS = {f"stage:{kind}": f"Stage: {kind.replace('_', ' ')}" for kind in STAGE_COLUMN_KINDS} | {
    "stage:replied": "Employer replied (yes/no or a date)"
}
CHOICE_LABELS = {
    **FIELD_LABELS,
    **STAGE_COLUMN_LABELS,
    SECOND_STATUS: "Second status (the furthest either shows counts)",
    SEGMENT: "Segment (keep as a breakdown)",
    IGNORE: "Not used",
}
LABEL_CHOICES = {label: choice for choice, label in CHOICE_LABELS.items()}
OUTCOME_CHOICES = {**{OUTCOME_LABELS[o]: o for o in OUTCOMES if o != "pending"}, "Not an application": NOT_APPLICATION}
STAGE_CHOICES = {STAGE_LABELS[s]: s for s in STAGES}
AUTO = "As detected"
ORDER_CHOICES = {AUTO: None, ORDER_LABELS["dmy"]: "dmy", ORDER_LABELS["mdy"]: "mdy"}

CLEANED_PAGE_ROWS = 5_000  # rows of the cleaned table sent to the browser at once


def column_table() -> pd.DataFrame:
    mapping = result.mapping
    read_as = {header: CHOICE_LABELS[field] for field, header in mapping.columns.items()}
    read_as |= {s.header: STAGE_COLUMN_LABELS[f"stage:{s.kind}"] for s in mapping.stages}
    read_as |= {s.header: CHOICE_LABELS[SECOND_STATUS] for s in mapping.outcomes}
    read_as |= {header: CHOICE_LABELS[SEGMENT] for header in mapping.segments}
    if mapping.is_event_log:
        read_as |= {header: "Step of the event log" for header in mapping.events.states}
    frame = result.table.frame
    return pd.DataFrame(
        {
            "Column in your file": [str(h) for h in frame.columns],
            "Read as": [read_as.get(str(h), CHOICE_LABELS[IGNORE]) for h in frame.columns],
            "Example": [next((str(v) for v in frame[h] if v is not None), "") for h in frame.columns],
        }
    )


def fold_column(fixes: Corrections, row: pd.Series, change: dict[str, object]) -> Corrections:
    label = change.get("Read as")
    return fixes.with_column(row["Column in your file"], LABEL_CHOICES[label]) if label in LABEL_CHOICES else fixes


def fold_status(fixes: Corrections, row: pd.Series, change: dict[str, object]) -> Corrections:
    outcome = OUTCOME_CHOICES.get(change.get("Outcome", row["Outcome"]), NOT_APPLICATION)
    stage = STAGE_CHOICES.get(change.get("Stage reached", row["Stage reached"]), "applied")
    return fixes.with_status(row["Status in your file"], stage if outcome != NOT_APPLICATION else "—", outcome)


def fold_date_order(fixes: Corrections, row: pd.Series, change: dict[str, object]) -> Corrections:
    order = ORDER_CHOICES.get(change.get("Read as"))
    return fixes.with_date_order(row["Date column"], order) if order else fixes


view = require_view()
whole = view.result
st.title("Data")
st.caption(escape_markdown(whole.described))
if whole.is_cohort:  # each file was read on its own: its columns, words and rows are shown one file at a time
    st.info(escape_markdown(whole.decisions[0]), icon=":material/groups:")
    warn_all(whole.normalized.quality.warnings)
    number = st.selectbox(
        "File",
        range(len(whole.parts)),
        format_func=lambda n: whole.parts[n].filename,
        key=state.DATA_FILE,
        help="How each candidate's file was read. A correction applies to every file with that column or word.",
    )
    result = whole.parts[number]
    st.caption(escape_markdown(result.described))
else:
    result = whole
quality = result.normalized.quality
for decision in result.decisions:
    st.info(escape_markdown(decision), icon=":material/info:")
if not whole.is_cohort:
    warn_all(quality.warnings)

st.subheader("Columns")
st.caption("Change “Read as” to fix a column the detection got wrong; the whole dashboard follows at once.")
correction_editor(
    column_table(),
    state.COLUMN_EDITOR,
    ["Read as"],
    {"Read as": st.column_config.SelectboxColumn(options=list(LABEL_CHOICES), required=True)},
    fold_column,
)

st.subheader("Status words")
statuses = result.normalized.statuses
if statuses.empty:
    st.caption("The file has no status column, or it is empty.")
else:
    words = pd.DataFrame(
        {
            "Status in your file": statuses["value"],
            "Rows": statuses["rows"],
            "Stage reached": statuses["stage"].map(lambda s: STAGE_LABELS.get(s, "Applied")),
            "Outcome": statuses["outcome"].map(lambda o: OUTCOME_LABELS.get(o, "Not an application")),
            "Understood by": statuses["how"],
        }
    )
    correction_editor(
        words,
        state.STATUS_EDITOR,
        ["Stage reached", "Outcome"],
        {
            "Stage reached": st.column_config.SelectboxColumn(options=list(STAGE_CHOICES), required=True),
            "Outcome": st.column_config.SelectboxColumn(options=list(OUTCOME_CHOICES), required=True),
        },
        fold_status,
    )

date_headers = [result.mapping.columns[f] for f in DATE_FIELDS if f in result.mapping.columns]
date_headers += [s.header for s in result.mapping.stages if s.cells == "dates"]
if date_headers:
    st.subheader("Date order")
    st.caption("Dates like 03/04 are ambiguous; the order is decided per column from the values. Override it here.")
    orders = pd.DataFrame(
        {
            "Date column": date_headers,
            "Read as": [
                ORDER_LABELS[result.mapping.date_orders[h]] if h in result.mapping.date_orders else AUTO
                for h in date_headers
            ],
        }
    )
    correction_editor(
        orders,
        state.DATE_EDITOR,
        ["Read as"],
        {"Read as": st.column_config.SelectboxColumn(options=list(ORDER_CHOICES), required=True)},
        fold_date_order,
    )

fixes = state.corrections()
save, reset = st.columns(2)
save.download_button(
    "Download corrections (.json)",
    data=fixes.to_json(),
    file_name="applytics-mapping.json",
    mime="application/json",
    key="download_mapping",
    icon=":material/download:",
    disabled=not fixes,
    help="Upload it under “Saved corrections” with the next version of this tracker, or pass it to "
    "`applytics summary --mapping`.",
)
if reset.button("Undo all corrections", key="reset_corrections", disabled=not fixes, width="stretch"):
    state.set_corrections(type(fixes)())
    st.rerun()

st.subheader("Quality report")
left, middle, right = st.columns(3)
left.metric("Rows in the table", quality.rows_in_table, border=True)
middle.metric("Applications used", quality.applications, border=True)
right.metric("Rows left out", len(quality.skipped) + quality.blank_rows, border=True)
if quality.blank_rows:
    st.caption(f"{quality.blank_rows:,} fully blank row(s) were ignored.")
if len(quality.skipped):
    st.markdown("**Rows left out, and why**")
    table(
        quality.skipped.rename(columns={"row": "Row", "reason": "Why", "content": "What the row holds"}),
        key="skipped_table",
    )
if len(quality.unparsed):
    st.markdown("**Values that could not be read**")
    table(
        quality.unparsed.rename(columns={"field": "Field", "column": "Column", "value": "Value", "rows": "Rows"}),
        key="unparsed_table",
    )
if not len(quality.skipped) and not len(quality.unparsed) and quality.unknown_statuses.empty:
    st.success("Every row and value was understood.", icon=":material/check_circle:")

st.subheader("Cleaned table")
st.caption(
    "One row per application, as the dashboard counts it. Your original columns follow, untouched"
    + (" (“original: File” and “original: Row” say where each came from)." if whole.is_cohort else ".")
)
cleaned = cleaned_table(whole, view.resolved)  # the same table the CSV and Excel exports hold
dates = {c: st.column_config.DateColumn(format="YYYY-MM-DD") for c in cleaned.columns if c.endswith("_on")}
if len(cleaned) > CLEANED_PAGE_ROWS:  # the browser gets one page: 100,000 rows at once were 53 MB to send
    pages = -(-len(cleaned) // CLEANED_PAGE_ROWS)
    page = int(st.number_input(f"Page (of {pages:,})", 1, pages, 1, step=1, key=state.CLEANED_PAGE))
    first = (page - 1) * CLEANED_PAGE_ROWS
    shown = cleaned.iloc[first : first + CLEANED_PAGE_ROWS]
    st.caption(
        f"Rows {first + 1:,}–{first + len(shown):,} of {len(cleaned):,}, {CLEANED_PAGE_ROWS:,} a page. The whole "
        "table is in the CSV and Excel exports."
    )
    cleaned = shown
table(cleaned, key="clean_table", column_config=dates)
