"""What to do next (DESIGN.md §4, To-do): follow-ups due, thank-you notes, feedback to request, applications gone quiet.

Each item names the application (company, role, the day it went out), the day it is due, and a short, polite
message ready to send, with a mailto link addressed to the contact column when it holds an e-mail address.

- **Follow-up due**: an outbound application sent at least `follow_up_days` days before the as-of date that has
  had no response (`responded` is False) and is not decided (outcome pending or active; past the ghost window a
  silent application counts as ghosted, DESIGN.md §3, and leaves this list). Due `follow_up_days` after it went
  out. The canonical frame has no follow-up column, and the lexicon holds no words for "followed up" (French
  "relance" is read as a status meaning "applied"), so no application counts as already followed up: notes such
  as "Follow up in 2 weeks" are plans, not a record of one sent.
- **Thank-you note**: an interview (`interview_on`) in the last `THANK_YOU_DAYS` days, as-of day included, unless
  the application has already ended in a rejection, a withdrawal or a closed position (for a rejection, the
  feedback request is the message). Due on the interview day.
- **Feedback request**: exactly the Rejections page's list, `reasons.feedback_requests(reasons.rejections(…))`,
  with its subject and body. Due on the rejection day.
- **Gone quiet** ("stale"): an application that was in progress (reached a screen or further, no decision) and has
  had no activity for the ghost window. `resolve_outcomes` turns such an application from active into ghosted, so
  an "active" one is by definition younger than the window: the selection is ghosted applications past the applied
  stage whose `last_activity_on` is at least `ghost_after_days` old (the rule resolve_outcomes itself applies).
  Due the day the window ran out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

import pandas as pd

from applytics.analytics.metrics import MetricParams
from applytics.analytics.reasons import _EMAIL as EMAIL_ADDRESS  # one address pattern for every mailto link
from applytics.analytics.reasons import feedback_requests, rejections
from applytics.schema import (
    APPLIED_ON,
    COMPANY,
    CONTACT,
    FURTHEST_STAGE,
    INTERVIEW_ON,
    LAST_ACTIVITY_ON,
    OPEN_OUTCOMES,
    OUTCOME,
    RESPONDED,
    ROLE,
    outbound,
)

KINDS: tuple[str, ...] = ("follow_up", "thank_you", "feedback", "stale")  # the order items of one day are listed in
KIND_LABELS = {
    "follow_up": "Follow-ups due",
    "thank_you": "Thank-you notes",
    "feedback": "Feedback to request",
    "stale": "Gone quiet",
}
FOLLOW_UP_DAYS = 7
FOLLOW_UP_RANGE = (1, 60)  # the setting's bounds, in days
THANK_YOU_DAYS = 2
NO_THANKS_AFTER = ("rejected", "withdrawn", "closed")  # ended: a thank-you note is no longer the message
SIGNATURE = "Kind regards,\n[Your name]"


@dataclass(frozen=True)
class TodoItem:
    kind: str  # one of KINDS
    company: str
    role: str
    due_on: dt.date
    applied_on: dt.date | None  # with kind, company and role: the item's identity (the calendar's UID)
    to: str  # an e-mail address from the contact column, or ""
    subject: str
    body: str

    @property
    def mailto(self) -> str:
        """The same link reasons.FeedbackEmail builds: subject and body survive the trip through a URL."""
        return f"mailto:{quote(self.to, safe='@')}?subject={quote(self.subject)}&body={quote(self.body)}"


def todo_items(resolved: pd.DataFrame, params: MetricParams, follow_up_days: int = FOLLOW_UP_DAYS) -> list[TodoItem]:
    """Every to-do item as of `params.as_of`, sorted by due date, then kind (KINDS order), company and role."""
    items = [
        *_follow_ups(resolved, params.as_of, follow_up_days),
        *_thank_yous(resolved, params.as_of),
        *_feedback(resolved, params.as_of),
        *_gone_quiet(resolved, params),
    ]
    return sorted(items, key=lambda item: (item.due_on, KINDS.index(item.kind), item.company, item.role))


def counts(items: list[TodoItem]) -> dict[str, int]:
    """Items per kind, every kind present (zeros included), in KINDS order."""
    return {kind: sum(item.kind == kind for item in items) for kind in KINDS}


# ---------------------------------------------------------------- the four kinds


def _follow_ups(resolved: pd.DataFrame, as_of: dt.date, days: int) -> list[TodoItem]:
    sent = outbound(resolved)
    latest = pd.Timestamp(as_of) - pd.Timedelta(days=days)
    due = sent[sent[OUTCOME].isin(OPEN_OUTCOMES) & ~sent[RESPONDED].astype(bool) & (sent[APPLIED_ON] <= latest)]
    items = []
    for _, row in due.iterrows():
        company, role, position = _names(row)
        applied = row[APPLIED_ON].date()
        items.append(
            _item(
                "follow_up",
                row,
                due_on=applied + dt.timedelta(days=days),
                subject=f"Following up on my application for {role}",
                body=(
                    f"Dear hiring team at {company},\n\n"
                    f"I applied for {position} on {_day(applied)} and wanted to follow up. I am still very "
                    "interested, and I would be glad to send anything that helps your decision.\n\n"
                    f"Thank you for your time.\n\n{SIGNATURE}"
                ),
            )
        )
    return items


def _thank_yous(resolved: pd.DataFrame, as_of: dt.date) -> list[TodoItem]:
    day = pd.Timestamp(as_of)
    when = resolved[INTERVIEW_ON]
    recent = resolved[
        (when >= day - pd.Timedelta(days=THANK_YOU_DAYS)) & (when <= day) & ~resolved[OUTCOME].isin(NO_THANKS_AFTER)
    ]
    items = []
    for _, row in recent.iterrows():
        company, role, position = _names(row)
        interviewed = row[INTERVIEW_ON].date()
        items.append(
            _item(
                "thank_you",
                row,
                due_on=interviewed,
                subject=f"Thank you for the interview: {role}",
                body=(
                    f"Dear hiring team at {company},\n\n"
                    f"Thank you for taking the time to talk with me about {position} on {_day(interviewed)}. "
                    "I enjoyed the conversation and learning more about the team, and I am even more keen on the "
                    "role.\n\n"
                    f"Please let me know if I can provide anything else.\n\n{SIGNATURE}"
                ),
            )
        )
    return items


def _feedback(resolved: pd.DataFrame, as_of: dt.date) -> list[TodoItem]:
    """The Rejections page's feedback requests, as items. feedback_requests returns e-mails, not rows; the same call
    over the same rows with each company replaced by the row's position names the rows it chose (its selection
    reads only dates and the feedback flag), so which rejections need a request stays reasons.py's decision."""
    rejected = rejections(resolved)
    emails = feedback_requests(rejected, as_of)
    tagged = rejected.assign(**{COMPANY: [str(position) for position in range(len(rejected))]})
    chosen = [int(email.company) for email in feedback_requests(tagged, as_of)]
    items = []
    for email, position in zip(emails, chosen, strict=True):  # strict: a choice that read the company fails here
        applied = rejected[APPLIED_ON].iloc[position]
        items.append(
            TodoItem(
                kind="feedback",
                company=email.company,
                role=email.role,
                due_on=email.rejected_on or as_of,
                applied_on=applied.date() if pd.notna(applied) else None,
                to=email.to,
                subject=email.subject,
                body=email.body,
            )
        )
    return items


def _gone_quiet(resolved: pd.DataFrame, params: MetricParams) -> list[TodoItem]:
    silent_days = (pd.Timestamp(params.as_of) - resolved[LAST_ACTIVITY_ON]).dt.days
    quiet = resolved[
        (resolved[OUTCOME] == "ghosted")
        & (resolved[FURTHEST_STAGE] > "applied")
        & silent_days.ge(params.ghost_after_days).fillna(False)
    ]
    items = []
    for _, row in quiet.iterrows():
        company, role, position = _names(row)
        last = row[LAST_ACTIVITY_ON].date()
        items.append(
            _item(
                "stale",
                row,
                due_on=last + dt.timedelta(days=params.ghost_after_days),
                subject=f"Checking in on my application for {role}",
                body=(
                    f"Dear hiring team at {company},\n\n"
                    f"I wanted to check in on {position}; the last news I had was on {_day(last)}. I remain "
                    "interested and would be grateful to hear where things stand, even if the position has "
                    f"moved on.\n\nThank you for your time.\n\n{SIGNATURE}"
                ),
            )
        )
    return items


# ---------------------------------------------------------------- shared pieces


def _names(row: pd.Series) -> tuple[str, str, str]:
    """(company, role, the position in a sentence), with reasons.feedback_requests' words where one is missing."""
    named_role = row[ROLE] if isinstance(row[ROLE], str) else None
    company = row[COMPANY] if isinstance(row[COMPANY], str) else "your company"
    return company, named_role or "the role", f"the {named_role} position" if named_role else "the role"


def _item(kind: str, row: pd.Series, *, due_on: dt.date, subject: str, body: str) -> TodoItem:
    company, role, _ = _names(row)
    applied = row[APPLIED_ON]
    contact = row[CONTACT]
    address = EMAIL_ADDRESS.search(contact) if isinstance(contact, str) else None
    return TodoItem(
        kind=kind,
        company=company,
        role=role,
        due_on=due_on,
        applied_on=applied.date() if pd.notna(applied) else None,
        to=address.group(0) if address else "",
        subject=subject,
        body=body,
    )


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip


def _day(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"  # "3 November 2026", whatever the process locale
