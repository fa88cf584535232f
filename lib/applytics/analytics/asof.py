"""As of means as of (DESIGN.md §7): the search as it stood on a past day, from the file's own dates.

Why: a job seeker sets the as-of date back to see how the search looked then (or to compare with an old
report). Counting an application sent later, or an offer that came later, would show a day that never was.
Only what the file dates is rolled back; what changed later without a date of its own is kept as it is now and
counted, so the page can say so rather than guess.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from applytics.schema import (
    APPLIED_ON,
    ENDED_BY_EMPLOYER,
    FIRST_RESPONSE_ON,
    FURTHEST_STAGE,
    LAST_ACTIVITY_ON,
    LAST_UPDATE_ON,
    OUTCOME,
    REJECTED_ON,
    RESPONSE_ON,
    STAGE_DATE,
    STAGES,
)

OFFER_DECISIONS = ("accepted", "declined")  # decided on an offer: dated by offer_on when the file has it
_REPLY_DATES = (RESPONSE_ON, REJECTED_ON, *STAGE_DATE.values())


@dataclass(frozen=True)
class AsOf:
    """The applications as known on `as_of`, and what the roll-back did (counts of applications)."""

    frame: pd.DataFrame
    sent_later: int  # applied after as_of: left out
    rolled_back: int  # a stage or an outcome dated after as_of was taken back
    undated_changes: int  # decided, last updated after as_of, with no date for the decision: kept as now


def as_of(apps: pd.DataFrame, day: dt.date) -> AsOf:
    """`apps` (the canonical frame) as it stood at the end of `day`."""
    cut = pd.Timestamp(day)
    later = _dates(apps, APPLIED_ON) > cut
    if not later.any() and not any((_dates(apps, c) > cut).any() for c in (*_REPLY_DATES, LAST_UPDATE_ON)):
        return AsOf(apps.copy(deep=False), 0, 0, 0)  # nothing dated after the day: the file as it is (usual)
    frame = apps[~later].copy()
    for column in (*_REPLY_DATES, LAST_UPDATE_ON):
        frame[column] = _dates(frame, column)
    after = {column: frame[column] > cut for column in (*_REPLY_DATES, LAST_UPDATE_ON)}

    stage_rank = frame[FURTHEST_STAGE].cat.codes.astype(int)
    known_rank = pd.Series(0, index=frame.index)  # the highest stage dated on or before the day
    future_rank = pd.Series(len(STAGES), index=frame.index)  # the lowest stage dated after it
    for rank, stage in enumerate(STAGES[1:], start=1):
        dated = frame[STAGE_DATE[stage]]
        known_rank = known_rank.where(~(dated <= cut), rank)
        future_rank = future_rank.where(~((dated > cut) & (future_rank == len(STAGES))), rank)
    stage_later = stage_rank >= future_rank
    new_rank = stage_rank.where(~stage_later, known_rank.clip(upper=future_rank - 1))

    outcome = frame[OUTCOME]
    reopened = (outcome.isin(ENDED_BY_EMPLOYER) & after[REJECTED_ON]) | (
        outcome.isin(OFFER_DECISIONS) & after[STAGE_DATE["offer"]]
    )
    decision_dated = (outcome.isin(ENDED_BY_EMPLOYER) & frame[REJECTED_ON].notna()) | (
        outcome.isin(OFFER_DECISIONS) & frame[STAGE_DATE["offer"]].notna()
    )
    decided = ~outcome.isin(("active", "pending", "ghosted"))
    undated = decided & ~decision_dated & after[LAST_UPDATE_ON] & ~reopened

    frame[OUTCOME] = outcome.where(~reopened, "active")
    frame[FURTHEST_STAGE] = pd.Categorical.from_codes(new_rank.to_numpy(), categories=list(STAGES), ordered=True)
    for column, is_after in after.items():
        frame[column] = frame[column].where(~is_after)
    replies = frame[list(_REPLY_DATES)]
    frame[FIRST_RESPONSE_ON] = replies.min(axis=1)
    frame[LAST_ACTIVITY_ON] = pd.concat([frame[APPLIED_ON], frame[LAST_UPDATE_ON], replies], axis=1).max(axis=1)
    changed = stage_later | reopened
    return AsOf(frame, int(later.sum()), int(changed.sum()), int(undated.sum()))


def _dates(frame: pd.DataFrame, column: str) -> pd.Series:
    """A date column, or all missing when this frame has none (a frame built by hand, a shape without it)."""
    if column in frame:
        return frame[column]
    return pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")


def as_of_note(summary: AsOf, day: dt.date) -> str | None:
    """The sentence beside the figures when the day rolled anything back; None when nothing was."""
    parts = []
    if summary.sent_later:
        parts.append(f"{summary.sent_later:,} application(s) sent after it are left out")
    if summary.rolled_back:
        parts.append(f"{summary.rolled_back:,} reached a stage or an answer only later and are shown as they were")
    if summary.undated_changes:
        parts.append(
            f"{summary.undated_changes:,} were updated later with no date for their outcome, so they are shown "
            "as they are now"
        )
    if not parts:
        return None
    return f"As of {day:%d %b %Y}: " + "; ".join(parts) + "."
