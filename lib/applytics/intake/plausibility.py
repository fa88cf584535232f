"""Readings to check: decisions the import is unsure of, and figures surprising enough to name their cause.

Nothing uncertain reaches the headline figures unlisted: each entry says what was decided, on what evidence,
and where the user confirms or changes it. A plausibility check fires on a figure that real searches almost
never show (most applications answered positively, every one rejected, a negated word read as progress) and
names the decision behind it, so a misreading is caught before anyone acts on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from applytics.intake.dates import GUESS, ORDER_LABELS
from applytics.intake.detect import Mapping
from applytics.intake.vocabulary import NEGATION
from applytics.schema import FURTHEST_STAGE, OUTCOME
from applytics.text import fold

MIN_FOR_PLAUSIBILITY = 10  # fewer applications than this can be anything


@dataclass(frozen=True)
class Uncertain:
    """A decision the import took without being sure: shown as a question, never applied silently."""

    decision: str
    evidence: str
    where: str  # the Data page table that confirms or changes it: "Columns", "Status words", "Date orders"
    subject: str  # the header or the status word it is about
    reading: tuple[str, ...]  # what was read, as a correction would say it: (field,) (stage, outcome) or (order,)

    def as_dict(self) -> dict[str, object]:
        return {"decision": self.decision, "evidence": self.evidence, "where": self.where, "subject": self.subject}


def uncertain_readings(mapping: Mapping, statuses: pd.DataFrame, decisions: list[str]) -> list[Uncertain]:
    """Column roles taken from values alone, fuzzy or unknown status words, and date orders that are guesses."""
    found = [Uncertain(r.decision, r.evidence, "Columns", r.header, (r.field,)) for r in mapping.readings if not r.sure]
    for row in statuses.itertuples():
        if str(row.how).startswith("close to"):
            found.append(
                Uncertain(
                    f"Status “{row.value}” is read as {row.stage}, {row.outcome}",
                    f"the word is {row.how}, a spelling we know ({row.rows} row(s))",
                    "Status words",
                    str(row.value),
                    (str(row.stage), str(row.outcome)),
                )
            )
        elif row.how == "not recognised":
            found.append(
                Uncertain(
                    f"Status “{row.value}” counts as applied, in progress",
                    f"it is not a word we know ({row.rows} row(s))",
                    "Status words",
                    str(row.value),
                    ("applied", "active"),
                )
            )
    for text in decisions:
        if GUESS in text and (m := re.match(r"“(.+?)” read as ([a-z/]+)", text)):
            order = next((code for code, label in ORDER_LABELS.items() if label == m[2]), None)
            if order in ("dmy", "mdy"):
                found.append(Uncertain(f"“{m[1]}” is read as {m[2]}", GUESS, "Date orders", m[1], (order,)))
    return found


def plausibility_warnings(apps: pd.DataFrame, statuses: pd.DataFrame, mapping: Mapping) -> list[str]:
    """Figures that real searches almost never show, each with the decision that produced it."""
    warnings = []
    for row in statuses.itertuples():
        if re.search(NEGATION, fold(row.value)) and row.stage not in ("applied", "—"):
            warnings.append(
                f"Status “{row.value}” says no, yet it is read as reaching the {row.stage} stage ({row.rows} row(s)): "
                "check it under Status words on the Data page."
            )
    total = len(apps)
    if total < MIN_FOR_PLAUSIBILITY:
        return warnings
    where = _stage_source(mapping)
    positive = int((apps[FURTHEST_STAGE] >= "screen").sum())
    if positive > total / 2:
        warnings.append(
            f"{positive} of {total} applications are read as reaching a screen or further, far more than searches "
            f"usually show. The stages come from {where}: check how they were read on the Data page."
        )
    rejected = int((apps[OUTCOME] == "rejected").sum())
    if rejected == total:
        warnings.append(
            f"Every one of the {total} applications is read as rejected. The outcomes come from {where}: "
            "check how they were read on the Data page."
        )
    return warnings


def _stage_source(mapping: Mapping) -> str:
    parts = []
    if "status" in mapping.columns:
        parts.append(f"the status column “{mapping.columns['status']}”")
    if mapping.stages:
        parts.append("the step columns " + ", ".join(f"“{s.header}”" for s in mapping.stages))
    if mapping.events is not None:
        parts.append("the event log " + ", ".join(f"“{h}”" for h in mapping.events.states))
    return " and ".join(parts) or "no column (every row counts as sent)"
