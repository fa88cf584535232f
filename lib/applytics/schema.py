"""The canonical application frame: its columns, their types and meanings, and the rate definitions.

This is the contract between intake (which builds the frame), analytics (which reads it) and the pages
(which show what analytics returns). Every other module names a column through these constants, selects
outbound or decided applications through `outbound()` and `decided_outbound()`, and reads a rate's meaning
from `RATES`. It imports nothing from the package, so every layer may import it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import pandas as pd

# Ordered stages and outcomes (docs/architecture.md). "pending" only exists once outcomes are resolved as of a date.
STAGES: tuple[str, ...] = ("applied", "screen", "interview", "offer")
OUTCOMES: tuple[str, ...] = ("active", "pending", "ghosted", "rejected", "withdrawn", "declined", "accepted", "closed")
STAGE_LABELS = {"applied": "Applied", "screen": "Screen", "interview": "Interview", "offer": "Offer"}
OUTCOME_LABELS = {
    "active": "In progress",
    "pending": "Awaiting reply",
    "ghosted": "No response",
    "rejected": "Rejected",
    "withdrawn": "Withdrew",
    "declined": "Offer declined",
    "accepted": "Offer accepted",
    "closed": "Position closed",
}
OPEN_OUTCOMES = ("active", "pending")
ENDED_BY_EMPLOYER = ("rejected", "closed")  # outcomes whose last update is the employer's answer

# Fields a column of the user's sheet can be mapped to, as the Data page names them.
FIELD_LABELS = {
    "company": "Company",
    "role": "Role",
    "applied_on": "Date applied",
    "status": "Status",
    "source": "Source",
    "location": "Location",
    "work_mode": "Work mode",
    "resume_version": "Résumé version",
    "cover_letter": "Cover letter",
    "referral": "Referral",
    "company_size": "Company size",
    "salary": "Salary",
    "notes": "Notes",
    "rejection_reason": "Rejection reason",
    "feedback_requested": "Feedback requested",
    "feedback_received": "Feedback received",
    "response_on": "First response date",
    "last_activity_on": "Last activity date",
    "direction": "Direction (who reached out)",
    "contact": "Contact",
    "url": "Job link",
    "seniority": "Seniority",
    "candidate": "Candidate",
    "rejected_on": "Rejection date",
}
DATE_FIELDS = ("applied_on", "response_on", "last_activity_on", "rejected_on")
SEGMENT_FIELDS = (
    "source", "referral", "resume_version", "cover_letter", "company_size", "location", "work_mode",
    "seniority", "candidate",
)  # fmt: skip
USER_SEGMENT_PREFIX = "segment: "  # a column the user marked as a breakdown: "segment: <header>"

# ---------------------------------------------------------------- columns of the canonical frame

ROW = "row"
COMPANY = "company"
ROLE = "role"
APPLIED_ON = "applied_on"
STATUS_RAW = "status_raw"
FURTHEST_STAGE = "furthest_stage"
OUTCOME = "outcome"
SOURCE = "source"
SOURCE_RAW = "source_raw"
DIRECTION = "direction"
RESPONSE_ON = "response_on"
REJECTED_ON = "rejected_on"
LAST_UPDATE_ON = "last_update_on"
SCREEN_ON = "screen_on"
INTERVIEW_ON = "interview_on"
OFFER_ON = "offer_on"
REJECTION_REASON = "rejection_reason"
REASON_CATEGORY = "reason_category"
FEEDBACK_REQUESTED = "feedback_requested"
FEEDBACK_RECEIVED = "feedback_received"
FEEDBACK_TEXT = "feedback_text"
NOTES = "notes"
CONTACT = "contact"
FIRST_RESPONSE_ON = "first_response_on"
LAST_ACTIVITY_ON = "last_activity_on"
PATH = "path"  # shape D only
EVENTS = "events"  # shape D only
REPLIED = "replied"  # only when the sheet has a Response / Replied / Heard back column of yes/no (or dates)
# Added by analytics.metrics.resolve_outcomes, as of a date:
RESPONDED = "responded"
MATURE = "mature"

STAGE_DATE = {stage: f"{stage}_on" for stage in STAGES[1:]}  # screen -> screen_on, …

Kind = Literal["int", "text", "date", "stage", "outcome", "direction", "flag", "count", "bool"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    meaning: str


COLUMNS: tuple[Column, ...] = (
    Column(ROW, "int", "the row of the sheet it came from (1-based, as the spreadsheet numbers it)"),
    Column(COMPANY, "text", "employer as typed; None when the sheet has none"),
    Column(ROLE, "text", "job title as typed"),
    Column(APPLIED_ON, "date", "day the application went out; NaT when unknown (time figures skip it)"),
    Column(STATUS_RAW, "text", "the status words as typed (for a log, the last state)"),
    Column(FURTHEST_STAGE, "stage", "ordered applied < screen < interview < offer: the furthest reached"),
    Column(OUTCOME, "outcome", "how it ended, or active; pending only after resolve_outcomes"),
    Column(SOURCE, "text", "channel, normalised (LinkedIn, Referral, …)"),
    Column(SOURCE_RAW, "text", "channel as typed"),
    Column(DIRECTION, "direction", "outbound (I applied) or inbound (the employer reached out)"),
    Column(RESPONSE_ON, "date", "a first-response date the sheet gives"),
    Column(REJECTED_ON, "date", "the rejection date, or a rejected row's last update"),
    Column(LAST_UPDATE_ON, "date", "the sheet's last-update or last-activity date"),
    Column(SCREEN_ON, "date", "first date seen at the screen stage"),
    Column(INTERVIEW_ON, "date", "first date seen at the interview stage"),
    Column(OFFER_ON, "date", "first date seen at the offer stage"),
    Column(REJECTION_REASON, "text", "the rejection reason as typed"),
    Column(REASON_CATEGORY, "text", "category of the reason text (a user correction wins); None where there is none"),
    Column(FEEDBACK_REQUESTED, "flag", "True / False / None (not recorded)"),
    Column(FEEDBACK_RECEIVED, "flag", "True / False / None (not recorded)"),
    Column(FEEDBACK_TEXT, "text", "feedback written in the cell, when it is more than yes/no"),
    Column(NOTES, "text", "notes as typed"),
    Column(CONTACT, "text", "a contact person or address"),
    Column(FIRST_RESPONSE_ON, "date", "first sign of life from the employer (any reply, stage or rejection date)"),
    Column(LAST_ACTIVITY_ON, "date", "latest date of any kind on the application"),
)
OPTIONAL_COLUMNS: tuple[Column, ...] = (
    Column(PATH, "text", "shape D: the states the application went through, in order"),
    Column(EVENTS, "count", "shape D: how many rows of the log make this application"),
    Column(REPLIED, "bool", "the sheet says the employer replied (a Response / Replied column), dated or not"),
    Column(RESPONDED, "bool", "resolved: any reply (a stage past applied, a rejection, a response date)"),
    Column(MATURE, "bool", "resolved: has had its chance (responded, or older than the ghost window)"),
)
_BY_NAME = {c.name: c for c in (*COLUMNS, *OPTIONAL_COLUMNS)}
_VALUES: dict[str, frozenset[object]] = {
    "outcome": frozenset(OUTCOMES),
    "direction": frozenset(("inbound", "outbound")),
    "flag": frozenset((True, False)),
}


class SchemaError(AssertionError):
    """A frame that breaks the contract: a bug in intake, to fail loudly in tests rather than in a chart."""


def validate(apps: pd.DataFrame) -> pd.DataFrame:
    """The frame itself when it honours the contract; otherwise SchemaError naming every broken column.

    Cheap by design (dtype checks and a look at distinct values), so it runs on every import."""
    problems = [f"missing column “{c.name}”" for c in COLUMNS if c.name not in apps.columns]
    for name in apps.columns:
        column = _BY_NAME.get(name)
        if column is None:
            if not str(name).startswith(USER_SEGMENT_PREFIX) and name not in SEGMENT_FIELDS:
                problems.append(f"unexpected column “{name}”")
            continue
        problem = _column_problem(apps[name], column.kind)
        if problem:
            problems.append(f"“{name}” {problem}")
    if problems:
        raise SchemaError("canonical frame: " + "; ".join(problems))
    return apps


def _column_problem(values: pd.Series, kind: Kind) -> str | None:
    dtype = values.dtype
    if kind == "date":
        return None if pd.api.types.is_datetime64_dtype(dtype) else f"should hold dates, has {dtype}"
    if kind in ("int", "count"):
        return None if pd.api.types.is_integer_dtype(dtype) else f"should hold integers, has {dtype}"
    if kind == "bool":
        return None if pd.api.types.is_bool_dtype(dtype) else f"should hold True/False, has {dtype}"
    if kind == "stage":
        ok = isinstance(dtype, pd.CategoricalDtype) and dtype.ordered and tuple(dtype.categories) == STAGES
        return None if ok else f"should be the ordered stages {STAGES}, has {dtype}"
    if kind == "text":
        if not (pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype)):
            return f"should hold text, has {dtype}"
        odd = [v for v in values.dropna().unique()[:1000] if not isinstance(v, str)]
        return f"should hold text, holds {odd[0]!r}" if odd else None
    allowed = _VALUES[kind]
    odd = [v for v in values.dropna().unique() if v not in allowed]
    return f"holds {odd[0]!r}, not one of {sorted(map(str, allowed))}" if odd else None


# ---------------------------------------------------------------- selections every analysis shares


def outbound(resolved: pd.DataFrame) -> pd.DataFrame:
    """Applications the user sent: inbound recruiter contacts replied by definition and would flatter rates."""
    return resolved[resolved[DIRECTION] != "inbound"]


def decided_outbound(resolved: pd.DataFrame) -> pd.DataFrame:
    """The mature denominator (docs/architecture.md): sent applications that have had their chance to get a reply."""
    return resolved[resolved[MATURE] & (resolved[DIRECTION] != "inbound")]


# ---------------------------------------------------------------- rate definitions


@dataclass(frozen=True)
class RateDefinition:
    """One rate over decided outbound applications: what counts as a hit, and how each surface names it."""

    key: str  # "response": the URL and the segment tables use it
    label: str  # "Response rate"
    json_name: str  # "response_rate" in `applytics summary --json`
    hit_words: str  # "got a reply": "12 of 40 got a reply"
    hits: Callable[[pd.DataFrame], pd.Series]


RATES: tuple[RateDefinition, ...] = (
    RateDefinition("response", "Response rate", "response_rate", "got a reply", lambda f: f[RESPONDED].astype(bool)),
    RateDefinition(
        "positive",
        "Positive response rate",
        "positive_response_rate",
        "reached a screen or further",
        lambda f: f[FURTHEST_STAGE] >= "screen",
    ),
    RateDefinition(
        "interview",
        "Interview rate",
        "interview_rate",
        "reached an interview",
        lambda f: f[FURTHEST_STAGE] >= "interview",
    ),
    RateDefinition("offer", "Offer rate", "offer_rate", "reached an offer", lambda f: f[FURTHEST_STAGE] >= "offer"),
)
RATE_BY_KEY = {rate.key: rate for rate in RATES}
