"""To-do: follow-ups due, thank-you notes, feedback to request, applications gone quiet; each with a ready message."""

from __future__ import annotations

import streamlit as st

from applytics.analytics.actions import FOLLOW_UP_DAYS, FOLLOW_UP_RANGE, KIND_LABELS, KINDS, THANK_YOU_DAYS, todo_items
from applytics.present.calendar import ics_calendar, todo_csv
from ui import state
from ui.dashboard import require_view
from ui.render import escape_markdown
from ui.settings import whole_number_setting

SHOWN_PER_KIND = 50  # a long list stays in the downloads rather than in hundreds of expanders


view = require_view()
st.title("To-do")
st.caption("What to send next, each with a message ready to copy or open in your mail app.")

low, high = FOLLOW_UP_RANGE
days = whole_number_setting(
    "Follow up after (days without a reply)", state.FOLLOW_UP_DAYS, FOLLOW_UP_DAYS, low, high,
    "An application sent this many days ago with no reply yet is due a short follow-up.",
    "The link asked to follow up after “{asked}” days, which is not a whole number from {low} to {high}, so "
    "{value} days are used.",
)  # fmt: skip

# Kept per view and setting: 100,000 applications give tens of thousands of items, 4 s to write.
items = state.memo("todo", (view.key, days), lambda: todo_items(view.resolved, view.params, days), entries=2)
ghost = view.params.ghost_after_days
RULES = {
    "follow_up": f"Sent at least {days:d} days ago, no reply yet. After {ghost:d} days of silence an application "
    "counts as ghosted and leaves this list.",
    "thank_you": f"An interview in the last {THANK_YOU_DAYS:d} days: a short thank-you keeps you in mind.",
    "feedback": "Rejections of the last 30 days with no feedback asked for yet, as on the Rejections page.",
    "stale": f"Past a screen, then {ghost:d} days without news: check in, or close it in your tracker.",
}
if not items:
    st.success("Nothing to send right now. New follow-ups appear here as applications age.")

for kind in KINDS:
    of_kind = [item for item in items if item.kind == kind]
    st.subheader(f"{escape_markdown(KIND_LABELS[kind])} ({len(of_kind):,})")
    st.caption(escape_markdown(RULES[kind]))
    for item in of_kind[:SHOWN_PER_KIND]:
        with st.expander(escape_markdown(f"{item.company} — {item.role} · due {item.due_on:%d %b %Y}")):
            applied = f"Applied {item.applied_on:%d %b %Y}. " if item.applied_on else ""
            to = f"To: {item.to}. " if item.to else "No e-mail address in the contact column. "
            st.caption(escape_markdown(f"{applied}{to}Subject: {item.subject}"))
            st.code(item.body, language=None, wrap_lines=True)
            st.link_button("Open in my mail app", item.mailto, icon=":material/mail:")
    if len(of_kind) > SHOWN_PER_KIND:
        st.caption(f"{len(of_kind) - SHOWN_PER_KIND:,} more in the downloads below.")

st.subheader("Take it with you")
as_csv, as_ics = st.columns(2)
as_csv.download_button(
    "Download the list (.csv)",
    data=lambda: todo_csv(items),  # written when clicked: tens of MB for a big tracker
    file_name="applytics-todo.csv",
    mime="text/csv",
    key="todo_csv",
    icon=":material/download:",
    disabled=not items,
    width="stretch",
)
as_ics.download_button(
    "Add to my calendar (.ics)",
    data=lambda: ics_calendar(items, view.params.as_of),
    file_name="applytics-todo.ics",
    mime="text/calendar",
    key="todo_ics",
    icon=":material/calendar_add_on:",
    disabled=not items,
    help="One all-day event per item on its due day; importing it again updates the events rather than doubling them.",
    width="stretch",
)
