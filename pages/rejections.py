"""Rejections: why (reason categories), where (which stage), and the feedback loop with ready request emails."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from applytics.analytics.reasons import feedback_loop, feedback_requests, reason_pareto, rejections, rejections_by_stage
from applytics.intake.corrections import Corrections
from applytics.intake.vocabulary import CATEGORIES, CATEGORY_LABELS
from applytics.present.charts import OUTCOME_COLOURS, count_bar_chart, pareto_chart
from applytics.present.readings import reasons_reading, rejection_stage_reading
from ui import state
from ui.dashboard import require_view
from ui.editors import correction_editor
from ui.render import escape_markdown, reading, table

LABEL_CATEGORY = {label: category for category, label in CATEGORY_LABELS.items()}


def fold_reason(fixes: Corrections, row: pd.Series, change: dict[str, object]) -> Corrections:
    label = change.get("Category")
    return fixes.with_reason(row["Reason as written"], LABEL_CATEGORY[label]) if label in LABEL_CATEGORY else fixes


def show_reasons(pareto: pd.DataFrame) -> None:
    chart, words = st.columns([3, 2], vertical_alignment="center")
    chart.plotly_chart(pareto_chart(pareto), width="stretch", key="pareto_chart")
    with words:
        reading(reasons_reading(pareto))


view = require_view()
st.title("Rejections")
rejected = rejections(view.resolved)
if rejected.empty:
    st.success("No rejections recorded. When they come — and they come for everyone — they will be read here.")
    st.stop()

has_reasons = "rejection_reason" in view.result.mapping.columns
st.subheader("Why")
if not has_reasons:
    st.info(
        "Your file has no rejection-reason column, so every rejection counts as “no reason given”. Add a column "
        "such as “Rejection reason” (or mark one on the Data page) to see what the reasons have in common."
    )
pareto = reason_pareto(rejected)
if has_reasons:
    show_reasons(pareto)

st.subheader("Where")
by_stage = rejections_by_stage(rejected)
chart, words = st.columns([3, 2], vertical_alignment="center")
chart.plotly_chart(count_bar_chart(by_stage, "stage", OUTCOME_COLOURS["rejected"]), width="stretch", key="stage_chart")
with words:
    reading(rejection_stage_reading(by_stage))

if has_reasons:
    st.subheader("Reasons as written")
    st.caption("Change a category if the reading is wrong; “Other” lists what no category caught.")
    texts = (
        rejected.dropna(subset=["rejection_reason"])
        .groupby(["rejection_reason", "reason_category"], as_index=False)
        .size()
        .sort_values(["reason_category", "size"], ascending=[True, False])
    )
    reasons_table = pd.DataFrame(
        {
            "Reason as written": texts["rejection_reason"],
            "Rejections": texts["size"],
            "Category": texts["reason_category"].map(CATEGORY_LABELS),
        }
    ).reset_index(drop=True)
    correction_editor(
        reasons_table,
        state.REASON_EDITOR,
        ["Category"],
        {"Category": st.column_config.SelectboxColumn(options=[CATEGORY_LABELS[c] for c in CATEGORIES], required=True)},
        fold_reason,
    )

st.subheader("Feedback loop")
loop = feedback_loop(rejected)
if not loop.tracked:
    st.info(
        "Your file does not track feedback. Add “Feedback requested” (Yes/No) and “Feedback received” columns to see "
        "how often asking pays off — it is the cheapest way to learn what to change."
    )
else:
    asked, answered = st.columns(2)
    asked.metric(
        "Feedback requested", f"{loop.requested_share:.0%}" if loop.requested_share is not None else "—", border=True
    )
    asked.caption(f"{loop.requested:,} of {loop.rejections:,} rejections")
    answered.metric(
        "Feedback received", f"{loop.received_share:.0%}" if loop.received_share is not None else "—", border=True
    )
    answered.caption(f"{loop.received:,} of {loop.requested:,} requests" if loop.requested else "no request yet")
    if len(loop.texts):
        table(loop.texts, key="feedback_texts")

st.subheader("Ask for feedback")
emails = feedback_requests(rejected, view.params.as_of)
if not emails:
    st.caption("No rejection in the last 30 days is waiting for a feedback request.")
for number, email in enumerate(emails):
    when = f" · rejected {email.rejected_on:%d %b}" if email.rejected_on else ""
    with st.expander(escape_markdown(f"{email.company} — {email.role}{when}")):
        st.text_input("Subject", email.subject, key=f"feedback_subject_{number}", disabled=True)
        st.code(email.body, language=None, wrap_lines=True)
        st.link_button("Open in my mail app", email.mailto, icon=":material/mail:")
