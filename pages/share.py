"""Share & export: a read-only link with the redaction the owner chooses, reports to download, what is kept."""

from __future__ import annotations

from dataclasses import fields

import streamlit as st

from applytics.errors import ImportProblem
from applytics.present.report import html_report
from applytics.present.workbook import csv_export, excel_report
from applytics.share.redact import preview, redact
from applytics.share.snapshot import TEXT_CATEGORIES, Redaction
from applytics.share.store import DEFAULT_DAYS, EXPIRY_CHOICES
from ui import state
from ui.dashboard import require_view
from ui.live import read_only
from ui.render import escape_markdown, table
from ui.settings import weekly_goal
from ui.shared import SHARE_PARAMETER, link_for, share_store

PREVIEW_ROWS = 5_000  # rows of the preview sent to the browser

view = require_view()
stem = view.tracker.name.rsplit(".", 1)[0] or "applytics"
st.title("Share & export")

st.subheader("Download")
st.caption(
    escape_markdown(f"Reports of {view.tracker.name} as of {view.params.as_of:%d %b %Y}, with your corrections.")
)
html, excel, csv = st.columns(3)
result, params, resolved, goal = view.result, view.params, view.resolved, weekly_goal()
html.download_button(
    "HTML report", lambda: html_report(result, params, resolved=resolved, goal=goal).encode("utf-8"),
    file_name=f"{stem}-report.html", mime="text/html", icon=":material/description:", width="stretch",
    key="download_html", help="Every page in one file: opens offline in any browser and prints one page per section.",
)  # fmt: skip
excel.download_button(
    "Excel report", lambda: excel_report(result, params, resolved=resolved, goal=goal),
    file_name=f"{stem}-report.xlsx", mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/grid_on:", width="stretch", key="download_xlsx",
    help="The cleaned data, the metric tables, the weeks against your goal (and the candidates side by side, "
    "for a cohort), with native Excel charts of the funnel and the rates by source.",
)  # fmt: skip
csv.download_button(
    "Cleaned data (CSV)", lambda: csv_export(result, params, resolved=resolved),
    file_name=f"{stem}-cleaned.csv", mime="text/csv", icon=":material/table:", width="stretch", key="download_csv",
)  # fmt: skip

if read_only():  # a hosted, read-only dashboard: its visitors may download, not store copies of the deployer's data
    st.info("Share links are turned off on this read-only dashboard: it is already shared.", icon=":material/info:")
    st.stop()

st.subheader("Share a read-only link")
st.caption(
    "A mentor or coach opens the link and sees this dashboard, read-only, as of the same day. Only what the "
    "preview below shows is stored; your file is not."
)
labels = {
    "number_companies": "Number the companies (Company 1, Company 2, …)",
    "weekly_dates": "Round dates to the week",
} | {f"keep_{category.key}": f"Keep {category.label.lower()}" for category in TEXT_CATEGORIES}
helps = {f"keep_{category.key}": f"Otherwise removed: {category.meaning}." for category in TEXT_CATEGORIES}
defaults = Redaction()
left, right = st.columns(2)
choices = {}
for number, option in enumerate(fields(Redaction)):
    column = left if number % 2 == 0 else right
    choices[option.name] = column.checkbox(
        escape_markdown(labels[option.name]),
        value=getattr(defaults, option.name),
        key=f"{state.SHARE_REDACTION}_{option.name}",
        help=escape_markdown(helps[option.name]) if option.name in helps else None,
    )
redaction = Redaction(**choices)
days = st.selectbox(
    "The link works for", EXPIRY_CHOICES, index=EXPIRY_CHOICES.index(DEFAULT_DAYS),
    format_func=lambda n: f"{n} day" + ("s" if n > 1 else ""), key=state.SHARE_DAYS,
)  # fmt: skip
with st.expander("Preview: exactly what the link stores", icon=":material/visibility:"):
    try:
        stored = preview(view.resolved, redaction).drop(columns=["mature"], errors="ignore")
    except ImportProblem as problem:  # too big to share, say: the same message the button would give
        st.warning(escape_markdown(problem.message), icon=":material/warning:")
    else:
        if len(stored) > PREVIEW_ROWS:  # the browser gets the first rows, not a 100,000-row table
            st.caption(f"The first {PREVIEW_ROWS:,} of {len(stored):,} rows; the link stores them all.")
            stored = stored.head(PREVIEW_ROWS)
        table(stored, key="share_preview")

if st.button("Create the link", key=state.CREATE_SHARE, icon=":material/add_link:", type="primary"):
    try:
        snapshot = redact(view.resolved, redaction, view.params, filters=view.filters.as_record())
        created = share_store().create(snapshot, days)
    except ImportProblem as problem:
        st.error(escape_markdown(problem.message))
    else:
        st.session_state[state.NEW_SHARE] = created
new = st.session_state.get(state.NEW_SHARE)
if new is not None:
    with st.container(border=True):
        st.success(
            escape_markdown(f"Link created. It works until {new.expires_at:%d %b %Y, %H:%M} UTC."),
            icon=":material/link:",
        )
        st.caption("The link (send it to your mentor):")
        st.code(link_for(new.token), language=None)
        st.caption("The key that turns it off. It is shown only now: keep it somewhere safe.")
        st.code(new.revoke_key, language=None)
        if st.button("I have copied both", key=state.DISMISS_SHARE):
            st.session_state.pop(state.NEW_SHARE, None)
            st.rerun()

st.subheader("Turn a link off")
link = st.text_input("The link, or its token", key=state.REVOKE_LINK)
key = st.text_input("Its revoke key", key=state.REVOKE_KEY, type="password")
if st.button("Turn it off", key=state.REVOKE_BUTTON, icon=":material/link_off:", disabled=not (link and key)):
    token = link.strip().rsplit(f"{SHARE_PARAMETER}=", 1)[-1].split("&")[0]
    if share_store().revoke(token, key.strip()):
        st.success("The link is turned off: it now shows “this link is not valid”, and its data is deleted.")
    else:
        st.error("That link and key do not match a live share. Check both, or the link may have expired already.")

st.subheader("Privacy")
st.markdown(
    "- **Your file** stays in this browser session only: it is never written to disk, and it is gone when you "
    "close the tab or the server restarts.\n"
    "- **A share link** stores only the redacted table in the preview, the as-of date and the ghost window, on "
    "this server's database (SQLite in its data folder, or PostgreSQL when configured). The link's token and "
    "revoke key are stored only as hashes.\n"
    "- **How long:** until the link expires (you choose 1 to 90 days); expired shares are deleted the next time "
    "anyone creates one.\n"
    "- **Delete a share** at any time with its revoke key, above: its data is deleted at once."
)
