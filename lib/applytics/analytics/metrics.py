"""Metric definitions of DESIGN §3: one meaning everywhere, each rate with its count and a Wilson interval."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from applytics.schema import OUTCOMES, STAGES
from scipy.stats import binomtest

OPEN_OUTCOMES = ("active", "pending")


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


def resolve_outcomes(apps: pd.DataFrame, params: MetricParams) -> pd.DataFrame:
    """Open applications become ghosted after the window of silence, pending while young (applied only).

    A silent application with no date at all cannot be young: nothing shows it is recent, and undated
    rows are mostly old ones, so it counts as ghosted rather than pending forever.
    """
    out = apps.copy()
    as_of = pd.Timestamp(params.as_of)
    last = out["last_activity_on"]
    silent_days = (as_of - last).dt.days
    open_ = out["outcome"].isin(OPEN_OUTCOMES)
    at_applied = out["furthest_stage"] == "applied"
    stale = open_ & (silent_days.ge(params.ghost_after_days).fillna(False) | (last.isna() & at_applied))
    outcome = out["outcome"].where(~open_, "active")
    outcome = outcome.where(~(open_ & at_applied), "pending")
    outcome = outcome.where(~stale, "ghosted")
    out["outcome"] = outcome
    out["responded"] = (
        (out["furthest_stage"] > "applied") | (out["outcome"] == "rejected") | out["first_response_on"].notna()
    ).astype(bool)
    out["mature"] = (out["outcome"] != "pending") | out["responded"]
    return out


def kpis(resolved: pd.DataFrame) -> Kpis:
    """Rates over mature outbound applications: inbound contacts replied by definition and would flatter them."""
    outbound = resolved[resolved["direction"] != "inbound"]
    mature = outbound[outbound["mature"]]
    n = len(mature)
    reached = mature["furthest_stage"]
    total = len(resolved)
    ghosted = int((resolved["outcome"] == "ghosted").sum())
    pending = int((resolved["outcome"] == "pending").sum())
    return Kpis(
        applications=total,
        outbound=len(outbound),
        inbound=total - len(outbound),
        mature=n,
        pending=int((outbound["outcome"] == "pending").sum()),
        response_rate=wilson(int(mature["responded"].sum()), n),
        positive_rate=wilson(int((reached >= "screen").sum()), n),
        interview_rate=wilson(int((reached >= "interview").sum()), n),
        offer_rate=wilson(int((reached >= "offer").sum()), n),
        ghosted=wilson(ghosted, total),
        pending_share=wilson(pending, total),
        undated=int(resolved["applied_on"].isna().sum()),
    )


def funnel(resolved: pd.DataFrame) -> pd.DataFrame:
    """Per stage: reached (cumulative), and conversion from the previous stage over decided applications."""
    rows = []
    previous_reached = None
    for position, stage in enumerate(STAGES):
        reached = int((resolved["furthest_stage"] >= stage).sum())
        row: dict[str, object] = {"stage": stage, "reached": reached}
        if position == 0:
            row.update(k=None, n=None, conversion=None, low=None, high=None, still_open=None)
        else:
            prior = STAGES[position - 1]
            still_open = int(((resolved["furthest_stage"] == prior) & resolved["outcome"].isin(OPEN_OUTCOMES)).sum())
            rate = wilson(reached, int(previous_reached) - still_open)
            row.update(k=rate.k, n=rate.n, conversion=rate.value, low=rate.low, high=rate.high, still_open=still_open)
        rows.append(row)
        previous_reached = reached
    return pd.DataFrame(rows)


def outcome_counts(resolved: pd.DataFrame) -> pd.DataFrame:
    """Every outcome with its count, zeros included, in the fixed DESIGN order."""
    counts = resolved["outcome"].value_counts()
    return pd.DataFrame({"outcome": list(OUTCOMES), "count": [int(counts.get(o, 0)) for o in OUTCOMES]})


def sankey_links(resolved: pd.DataFrame) -> pd.DataFrame:
    """Stage-to-stage and stage-to-outcome flows (source, target, value), aggregated for the Sankey."""
    links = []
    for position, stage in enumerate(STAGES):
        at_stage = resolved[resolved["furthest_stage"] == stage]
        if position + 1 < len(STAGES):
            onward = int((resolved["furthest_stage"] > stage).sum())
            if onward:
                links.append({"source": stage, "target": STAGES[position + 1], "value": onward})
        for outcome, count in at_stage["outcome"].value_counts().items():
            if count:
                links.append({"source": stage, "target": f"outcome:{outcome}", "value": int(count)})
    return pd.DataFrame(links, columns=["source", "target", "value"])
