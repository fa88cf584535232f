"""Why rejections happen: reason categories (read at import from free text), the stage they hit, the feedback loop."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import quote

import pandas as pd

from applytics.intake.vocabulary import CATEGORY_LABELS
from applytics.schema import FURTHEST_STAGE, OUTCOME, REASON_CATEGORY

REJECTED_AT = {
    "applied": "at application",
    "screen": "after a screen",
    "interview": "after an interview",
    "offer": "at offer",
}


def rejections(resolved: pd.DataFrame) -> pd.DataFrame:
    """Rejected applications with their reason category and the stage they ended at.

    The category is the one the import read (the user's corrections included); a rejection without reason text
    is "no reason given"."""
    rejected = resolved[resolved[OUTCOME] == "rejected"].copy()
    if REASON_CATEGORY in rejected:
        category = rejected[REASON_CATEGORY]
    else:
        category = pd.Series(None, index=rejected.index, dtype=object)
    rejected[REASON_CATEGORY] = category.fillna("no reason given").astype(object)
    rejected["rejected_at"] = rejected[FURTHEST_STAGE].map(REJECTED_AT).astype(object)
    return rejected


def reason_pareto(rejected: pd.DataFrame) -> pd.DataFrame:
    """Categories by count, largest first, with the cumulative share for the Pareto line."""
    counts = rejected["reason_category"].value_counts()
    table = pd.DataFrame({"category": counts.index, "count": counts.to_numpy()})
    table["label"] = table["category"].map(CATEGORY_LABELS)
    table["cumulative_share"] = table["count"].cumsum() / max(int(table["count"].sum()), 1)
    return table


def rejections_by_stage(rejected: pd.DataFrame) -> pd.DataFrame:
    order = list(REJECTED_AT.values())
    counts = rejected["rejected_at"].value_counts()
    return pd.DataFrame({"stage": order, "count": [int(counts.get(s, 0)) for s in order]})


@dataclass(frozen=True)
class FeedbackLoop:
    rejections: int
    requested: int
    received: int  # feedback that came back, asked for or not
    requested_share: float | None
    received_share: float | None  # of the requests recorded, the share answered
    texts: pd.DataFrame  # company, role, feedback
    tracked: bool  # the sheet has a feedback column at all


def _flag(rejected: pd.DataFrame, column: str) -> pd.Series:
    if column not in rejected:
        return pd.Series(False, index=rejected.index)
    return rejected[column].map(lambda v: v is True)


def feedback_loop(rejected: pd.DataFrame) -> FeedbackLoop:
    """The guide's step 3: how often feedback was asked for after a rejection, and how often it came back."""
    requested = _flag(rejected, "feedback_requested")
    received = _flag(rejected, "feedback_received")
    tracked = any(c in rejected and rejected[c].notna().any() for c in ("feedback_requested", "feedback_received"))
    asked = int(requested.sum())
    answered = int((received & requested).sum())
    came_back = int(received.sum())  # a sheet may record feedback without recording the request
    with_text = rejected[rejected["feedback_text"].notna()] if "feedback_text" in rejected else rejected.iloc[0:0]
    return FeedbackLoop(
        rejections=len(rejected),
        requested=asked,
        received=came_back,
        requested_share=asked / len(rejected) if len(rejected) else None,
        received_share=answered / asked if asked else None,
        texts=with_text.reindex(columns=["company", "role", "feedback_text"]).rename(
            columns={"feedback_text": "feedback"}
        ),
        tracked=tracked,
    )


@dataclass(frozen=True)
class FeedbackEmail:
    company: str
    role: str
    rejected_on: dt.date | None
    to: str
    subject: str
    body: str

    @property
    def mailto(self) -> str:
        return f"mailto:{quote(self.to, safe='@')}?subject={quote(self.subject)}&body={quote(self.body)}"


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def feedback_requests(rejected: pd.DataFrame, as_of: dt.date, days: int = 30) -> list[FeedbackEmail]:
    """A polite request for each rejection of the last `days` days where no feedback was asked for yet."""
    when = rejected["rejected_on"].fillna(rejected["last_activity_on"])
    recent = rejected[(when >= pd.Timestamp(as_of) - pd.Timedelta(days=days)) & (when <= pd.Timestamp(as_of))]
    if "feedback_requested" in recent:
        recent = recent[recent["feedback_requested"].fillna(False).astype(bool).eq(False)]
    emails = []
    for row in recent.itertuples():
        named_role = row.role if isinstance(row.role, str) else None
        company = row.company if isinstance(row.company, str) else "your company"
        role = named_role or "the role"
        contact = getattr(row, "contact", None) or ""
        address = _EMAIL.search(str(contact))
        emails.append(
            FeedbackEmail(
                company=company,
                role=role,
                rejected_on=when.loc[row.Index].date() if pd.notna(when.loc[row.Index]) else None,
                to=address.group(0) if address else "",
                subject=f"Feedback on my application for {role}",
                body=(
                    f"Dear hiring team at {company},\n\n"
                    f"Thank you for considering me for {f'the {named_role} position' if named_role else role} "
                    "and for letting me know your decision. "
                    "I am keen to keep improving, so I would be grateful for any brief feedback on my application "
                    "or interviews: what stood out, and what would have made me a stronger candidate.\n\n"
                    f"I remain very interested in {company} and hope our paths cross again.\n\n"
                    "Kind regards,\n[Your name]"
                ),
            )
        )
    return emails
