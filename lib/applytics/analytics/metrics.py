"""Metric definitions (docs/architecture.md): one meaning everywhere, each rate with its count and a Wilson interval."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from scipy.stats import binomtest

from applytics.analytics.asof import as_of
from applytics.schema import (
    APPLIED_ON,
    FIRST_RESPONSE_ON,
    FURTHEST_STAGE,
    LAST_ACTIVITY_ON,
    MATURE,
    OPEN_OUTCOMES,
    OUTCOME,
    OUTCOMES,
    RATES,
    REPLIED,
    RESPONDED,
    STAGES,
    decided_outbound,
    outbound,
)


@dataclass(frozen=True)
class MetricParams:
    """As-of date and ghost window: parameters, so old files and tests give reproducible answers."""

    as_of: dt.date
    ghost_after_days: int = 30


@dataclass(frozen=True)
class Rate:
    """k of n, with a Wilson 95% interval; n = 0 gives no rate rather than a made-up one."""

    k: int
    n: int
    low: float | None
    high: float | None

    @property
    def value(self) -> float | None:
        return self.k / self.n if self.n else None

    def as_dict(self) -> dict[str, float | int | None]:
        return {"k": self.k, "n": self.n, "rate": self.value, "low": self.low, "high": self.high}


def wilson(k: int, n: int) -> Rate:
    if n == 0:
        return Rate(0, 0, None, None)
    interval = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    return Rate(int(k), int(n), float(interval.low), float(interval.high))


@dataclass(frozen=True)
class Kpis:
    applications: int
    outbound: int
    inbound: int
    mature: int  # outbound applications that have had their chance to get a reply
    pending: int  # outbound applications still young and silent: left out of the rates
    response_rate: Rate
    positive_rate: Rate
    interview_rate: Rate
    offer_rate: Rate
    ghosted: Rate
    pending_share: Rate
    undated: int

    def rate(self, key: str) -> Rate:
        """The rate of schema.RATES with this key ("response", "positive", "interview", "offer")."""
        return getattr(self, f"{key}_rate")


def resolve_outcomes(apps: pd.DataFrame, params: MetricParams) -> pd.DataFrame:
    """Open applications become ghosted after the window of silence, pending while young (applied only).

    Adds the derived columns schema.RESPONDED and schema.MATURE, so the result is the frame every analysis
    reads. A silent application with no date at all cannot be young: nothing shows it is recent, and undated
    rows are mostly old ones, so it counts as ghosted rather than pending forever. Applications sent after the
    as-of day are left out and later stages and answers rolled back (analytics.asof).
    """
    out = as_of(apps, params.as_of).frame  # the search as it stood that day: later events rolled back
    as_of_day = pd.Timestamp(params.as_of)
    last = out[LAST_ACTIVITY_ON]
    silent_days = (as_of_day - last).dt.days
    # A Response / Replied column's yes is a reply even with no date: a response, never pending one. Silence after
    # it is judged as after a screen (ghosted once the window has passed).
    replied = out[REPLIED].astype(bool) if REPLIED in out.columns else pd.Series(False, index=out.index)
    open_ = out[OUTCOME].isin(OPEN_OUTCOMES)
    at_applied = (out[FURTHEST_STAGE] == "applied") & ~replied
    stale = open_ & (silent_days.ge(params.ghost_after_days).fillna(False) | (last.isna() & at_applied))
    outcome = out[OUTCOME].where(~open_, "active")
    outcome = outcome.where(~(open_ & at_applied), "pending")
    outcome = outcome.where(~stale, "ghosted")
    out[OUTCOME] = outcome
    out[RESPONDED] = (
        (out[FURTHEST_STAGE] > "applied") | (out[OUTCOME] == "rejected") | out[FIRST_RESPONSE_ON].notna() | replied
    ).astype(bool)
    out[MATURE] = (out[OUTCOME] != "pending") | out[RESPONDED]
    return out


def kpis(resolved: pd.DataFrame) -> Kpis:
    """Rates (schema.RATES) over decided outbound applications; shares of all applications for the rest."""
    sent = outbound(resolved)
    mature = decided_outbound(resolved)
    n = len(mature)
    rates = {rate.key: wilson(int(rate.hits(mature).sum()), n) for rate in RATES}
    total = len(resolved)
    ghosted = int((resolved[OUTCOME] == "ghosted").sum())
    pending = int((resolved[OUTCOME] == "pending").sum())
    return Kpis(
        applications=total,
        outbound=len(sent),
        inbound=total - len(sent),
        mature=n,
        pending=int((sent[OUTCOME] == "pending").sum()),
        response_rate=rates["response"],
        positive_rate=rates["positive"],
        interview_rate=rates["interview"],
        offer_rate=rates["offer"],
        ghosted=wilson(ghosted, total),
        pending_share=wilson(pending, total),
        undated=int(resolved[APPLIED_ON].isna().sum()),
    )


def funnel(resolved: pd.DataFrame) -> pd.DataFrame:
    """Per stage: reached (cumulative), and conversion from the previous stage over decided applications."""
    rows = []
    previous_reached = None
    for position, stage in enumerate(STAGES):
        reached = int((resolved[FURTHEST_STAGE] >= stage).sum())
        row: dict[str, object] = {"stage": stage, "reached": reached}
        if position == 0:
            row.update(k=None, n=None, conversion=None, low=None, high=None, still_open=None)
        else:
            prior = STAGES[position - 1]
            still_open = int(((resolved[FURTHEST_STAGE] == prior) & resolved[OUTCOME].isin(OPEN_OUTCOMES)).sum())
            rate = wilson(reached, int(previous_reached) - still_open)
            row.update(k=rate.k, n=rate.n, conversion=rate.value, low=rate.low, high=rate.high, still_open=still_open)
        rows.append(row)
        previous_reached = reached
    return pd.DataFrame(rows)


def outcome_counts(resolved: pd.DataFrame) -> pd.DataFrame:
    """Every outcome with its count, zeros included, in the fixed order of schema.OUTCOMES."""
    counts = resolved[OUTCOME].value_counts()
    return pd.DataFrame({"outcome": list(OUTCOMES), "count": [int(counts.get(o, 0)) for o in OUTCOMES]})


def sankey_links(resolved: pd.DataFrame) -> pd.DataFrame:
    """Stage-to-stage and stage-to-outcome flows (source, target, value), aggregated for the Sankey."""
    links = []
    stages, outcomes = resolved[FURTHEST_STAGE], resolved[OUTCOME]  # two columns, not the frame, per stage
    for position, stage in enumerate(STAGES):
        if position + 1 < len(STAGES):
            onward = int((stages > stage).sum())
            if onward:
                links.append({"source": stage, "target": STAGES[position + 1], "value": onward})
        for outcome, count in outcomes[stages == stage].value_counts().items():
            if count:
                links.append({"source": stage, "target": f"outcome:{outcome}", "value": int(count)})
    return pd.DataFrame(links, columns=["source", "target", "value"])
