"""Time to first response (Kaplan–Meier: silence is censored, not dropped), ghosting by source, time per stage."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import CensoredData, ecdf

from applytics.analytics.metrics import wilson
from applytics.schema import (
    APPLIED_ON,
    FIRST_RESPONSE_ON,
    OUTCOME,
    RESPONDED,
    SOURCE,
    STAGE_DATE,
    STAGES,
    decided_outbound,
    outbound,
)


@dataclass(frozen=True)
class ResponseTimes:
    """The curve (day, share replied by then), its quantiles where reached, and what went into it."""

    curve: pd.DataFrame  # day, replied (cumulative share 0..1), at_risk
    median_days: float | None  # None: fewer than half have replied so far
    p75_days: float | None
    replied: int
    censored: int
    left_out: int  # no usable application date, or a reply whose date is unknown
    median_among_replies: float | None  # plain median of the observed reply times, for context
    final_share: float  # share replied by the last observed day


def _durations(resolved: pd.DataFrame, as_of: dt.date) -> tuple[np.ndarray, np.ndarray, int]:
    sent = outbound(resolved)
    applied = sent[APPLIED_ON]
    dated = sent[applied.notna()]
    left_out = int(applied.isna().sum())
    reply = (dated[FIRST_RESPONSE_ON] - dated[APPLIED_ON]).dt.days
    replied = dated[RESPONDED].astype(bool)
    timed = replied & reply.notna() & (reply >= 0)
    left_out += int((replied & ~timed).sum())  # a reply with no usable date: when it came is unknown
    waited = (pd.Timestamp(as_of) - dated[APPLIED_ON]).dt.days.clip(lower=0)
    return reply[timed].to_numpy(float), waited[~replied].to_numpy(float), left_out


def response_times(resolved: pd.DataFrame, as_of: dt.date) -> ResponseTimes:
    """Kaplan–Meier estimate of the share of applications with a reply after t days."""
    observed, censored, left_out = _durations(resolved, as_of)
    empty = pd.DataFrame(columns=["day", "replied", "at_risk"])
    if len(observed) == 0:
        return ResponseTimes(empty, None, None, 0, len(censored), left_out, None, 0.0)
    median_among_replies = float(np.median(observed))
    # A reply on the day of applying is real; nudge zeros so the estimator sees a positive time.
    observed, censored = np.maximum(observed, 0.5), np.maximum(censored, 0.5)
    result = ecdf(CensoredData(uncensored=observed, right=censored))
    days = result.cdf.quantiles
    shares = result.cdf.probabilities
    at_risk = [int((observed >= d).sum() + (censored >= d).sum()) for d in days]
    curve = pd.DataFrame({"day": np.floor(days).astype(int), "replied": shares, "at_risk": at_risk})
    curve = pd.concat([pd.DataFrame({"day": [0], "replied": [0.0], "at_risk": [len(observed) + len(censored)]}), curve])
    return ResponseTimes(
        curve=curve.reset_index(drop=True),
        median_days=_first_day_reaching(curve, 0.5),
        p75_days=_first_day_reaching(curve, 0.75),
        replied=len(observed),
        censored=len(censored),
        left_out=left_out,
        median_among_replies=median_among_replies,
        final_share=float(shares[-1]),
    )


def _first_day_reaching(curve: pd.DataFrame, share: float) -> float | None:
    reached = curve[curve["replied"] >= share - 1e-12]
    return float(reached["day"].iloc[0]) if len(reached) else None


def ghosting_by_source(resolved: pd.DataFrame) -> pd.DataFrame:
    """Share of decided outbound applications per source that ended in silence, with Wilson intervals."""
    decided = decided_outbound(resolved)
    sources = decided[SOURCE].fillna("(no source)")
    rows = []
    for source in sorted(sources.unique(), key=str):
        inside = decided[sources == source]
        rate = wilson(int((inside[OUTCOME] == "ghosted").sum()), len(inside))
        rows.append(
            {"source": source, "k": rate.k, "n": rate.n, "rate": rate.value, "low": rate.low, "high": rate.high}
        )
    table = pd.DataFrame(rows, columns=["source", "k", "n", "rate", "low", "high"])
    return table.sort_values(["rate", "n"], ascending=[False, False]).reset_index(drop=True)


def stage_durations(resolved: pd.DataFrame) -> pd.DataFrame:
    """Days from one stage to the next, where both dates are known: median, quartiles and how many."""
    columns = {"applied": APPLIED_ON, **STAGE_DATE}
    steps = [("applied", "first reply", APPLIED_ON, FIRST_RESPONSE_ON)] + [
        (earlier, later, columns[earlier], columns[later]) for earlier, later in itertools.pairwise(STAGES)
    ]
    rows = []
    for earlier, later, start, end in steps:
        if start not in resolved or end not in resolved:
            continue
        days = (resolved[end] - resolved[start]).dt.days.dropna()
        days = days[days >= 0]
        rows.append(
            {
                "step": f"{earlier} → {later}",
                "n": len(days),
                "median": float(days.median()) if len(days) else None,
                "q1": float(days.quantile(0.25)) if len(days) else None,
                "q3": float(days.quantile(0.75)) if len(days) else None,
            }
        )
    return pd.DataFrame(rows, columns=["step", "n", "median", "q1", "q3"])
