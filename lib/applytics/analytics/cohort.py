"""Cohort: a coach's file with one `candidate` column, compared candidate by candidate (issue 11, DESIGN.md §1).

Definitions, each the one of the single-seeker pages applied to one candidate's rows (DESIGN.md §3):
- Rows with no candidate name are left out of every figure here (`unnamed` counts them).
- applications: the candidate's rows (inbound included), as `kpis(...).applications`.
- per_week: outbound applications sent on or before the as-of date, over `weeks`: the ISO weeks from the
  candidate's first such application's week to the as-of week, both included (`pace.weekly_counts` weeks). None
  when the candidate has no dated application.
- goal_weeks_met of complete_weeks: complete weeks (ended on or before as-of) with at least `goal` applications;
  goal_share is their share (None without a complete week). The as-of week in progress is not judged.
- response / interview / offer: `schema.RATES` hits over the candidate's decided outbound applications (k of n)
  with the Wilson 95% interval of `metrics.wilson`; n = 0 gives no rate (None), not 0%.
- median_reply_days: median days from applied_on to first_response_on over the candidate's replied, dated outbound
  applications with a usable reply date (`timeline.response_times(...).median_among_replies`); None without one.

Everything is computed with one groupby per figure, so 50 candidates and 20,000 applications stay fast
(bench/cohort_speed.py).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import ndtri

from applytics.analytics.metrics import MetricParams
from applytics.schema import (
    APPLIED_ON,
    DIRECTION,
    FIRST_RESPONSE_ON,
    FURTHEST_STAGE,
    MATURE,
    RATES,
    RESPONDED,
    STAGES,
)

CANDIDATE = "candidate"
COHORT_RATES = ("response", "interview", "offer")  # schema.RATES keys shown per candidate
MIN_CANDIDATES = 2  # one candidate is not a cohort: the single-seeker pages show it
_COUNTS = ("applications", "outbound", "decided", "dated", "weeks", "complete_weeks", "goal_weeks_met")
COLUMNS: tuple[str, ...] = (
    CANDIDATE,
    *_COUNTS,
    "per_week",
    "goal_share",
    *(f"{key}_{part}" for key in COHORT_RATES for part in ("k", "n", "rate", "low", "high")),
    "median_reply_days",
)
FUNNEL_COLUMNS = (CANDIDATE, "stage", "reached", "share")
_Z = float(ndtri(0.975))  # the 97.5% normal quantile, as scipy's proportion_ci uses


def _named(resolved: pd.DataFrame) -> pd.DataFrame:
    if CANDIDATE not in resolved.columns:
        return resolved.iloc[0:0].assign(**{CANDIDATE: pd.Series(dtype=object)})
    names = resolved[CANDIDATE]
    kept = names.notna() & (names.astype(str).str.strip() != "")
    return resolved[kept].assign(**{CANDIDATE: names[kept].astype(str)})


def candidates(resolved: pd.DataFrame) -> list[str]:
    """The distinct candidate names, sorted as the table is (case-insensitive, then as typed)."""
    return sorted(_named(resolved)[CANDIDATE].unique().tolist(), key=lambda name: (name.casefold(), name))


def unnamed(resolved: pd.DataFrame) -> int:
    """Rows with no candidate name: left out of the cohort figures."""
    if CANDIDATE not in resolved.columns:
        return len(resolved)
    return len(resolved) - len(_named(resolved))


def is_cohort(resolved: pd.DataFrame) -> bool:
    return len(candidates(resolved)) >= MIN_CANDIDATES


def _empty_table() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=object if name == CANDIDATE else "float64") for name in COLUMNS})


def _wilson_columns(k: pd.Series, n: pd.Series) -> pd.DataFrame:
    """`metrics.wilson` for every candidate at once, by its closed form (scipy's "wilson", no continuity
    correction): (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n); n = 0 gives no rate and no interval."""
    hits = k.astype("int64").to_numpy()
    size = n.astype("int64").to_numpy()
    decided = np.where(size > 0, size, 1).astype(float)
    share = hits / decided
    centre = share + _Z * _Z / (2 * decided)
    half = _Z * np.sqrt(share * (1 - share) / decided + _Z * _Z / (4 * decided * decided))
    scale = 1 + _Z * _Z / decided
    low = np.where(hits == 0, 0.0, (centre - half) / scale)
    high = np.where(hits == size, 1.0, (centre + half) / scale)
    none = size == 0
    return pd.DataFrame(
        {
            "k": hits,
            "n": size,
            "rate": np.where(none, np.nan, share),
            "low": np.where(none, np.nan, low),
            "high": np.where(none, np.nan, high),
        },
        index=k.index,
    )


def cohort_table(resolved: pd.DataFrame, params: MetricParams, goal: int) -> pd.DataFrame:
    """One row per named candidate, sorted by name (columns: `COLUMNS`, see the module's definitions)."""
    named = _named(resolved)
    names = candidates(resolved)
    if not names:
        return _empty_table()
    index = pd.Index(names, name=CANDIDATE)
    group = named.groupby(CANDIDATE, sort=False)
    table = pd.DataFrame(index=index)
    table["applications"] = group.size().reindex(index, fill_value=0)

    sent = named[named[DIRECTION] != "inbound"]
    table["outbound"] = sent.groupby(CANDIDATE).size().reindex(index, fill_value=0)

    # weeks: ISO weeks keyed by their Monday, from each candidate's first dated week to the as-of week
    as_of = pd.Timestamp(params.as_of)
    as_of_monday = as_of - pd.Timedelta(days=int(as_of.weekday()))
    as_of_complete = as_of.weekday() == 6  # the as-of week has ended only on its Sunday
    days = sent[APPLIED_ON].dt.normalize()
    dated = sent[days.notna() & (days <= as_of)]
    mondays = dated[APPLIED_ON].dt.normalize() - pd.to_timedelta(dated[APPLIED_ON].dt.day_of_week, unit="D")
    table["dated"] = dated.groupby(CANDIDATE).size().reindex(index, fill_value=0)
    first = mondays.groupby(dated[CANDIDATE]).min().reindex(index)
    table["weeks"] = (((as_of_monday - first).dt.days // 7) + 1).fillna(0).astype("int64")
    table["complete_weeks"] = (table["weeks"] - (0 if as_of_complete else 1)).clip(lower=0)
    per_week = mondays.groupby([dated[CANDIDATE], mondays]).size()
    complete = per_week.index.get_level_values(1) + pd.Timedelta(days=6) <= as_of
    met = per_week[(per_week.to_numpy() >= goal) & complete]
    table["goal_weeks_met"] = met.groupby(level=0).size().reindex(index, fill_value=0)
    table["per_week"] = (table["dated"] / table["weeks"].where(table["weeks"] > 0)).astype("float64")
    table["goal_share"] = (table["goal_weeks_met"] / table["complete_weeks"].where(table["complete_weeks"] > 0)).astype(
        "float64"
    )

    decided = sent[sent[MATURE].astype(bool)]
    table["decided"] = decided.groupby(CANDIDATE).size().reindex(index, fill_value=0)
    definitions = {rate.key: rate for rate in RATES}
    for key in COHORT_RATES:
        hits = definitions[key].hits(decided).astype("int64").groupby(decided[CANDIDATE]).sum()
        rates = _wilson_columns(hits.reindex(index, fill_value=0), table["decided"])
        for part in rates.columns:
            table[f"{key}_{part}"] = rates[part]

    replied = dated[dated[RESPONDED].astype(bool)]
    wait = (replied[FIRST_RESPONSE_ON] - replied[APPLIED_ON]).dt.days
    timed = wait.notna() & (wait >= 0)
    medians = wait[timed].astype("float64").groupby(replied.loc[timed, CANDIDATE]).median()
    table["median_reply_days"] = medians.reindex(index).astype("float64")

    for name in _COUNTS:
        table[name] = table[name].astype("int64")
    return table.reset_index()[list(COLUMNS)]


def cohort_funnels(resolved: pd.DataFrame) -> pd.DataFrame:
    """Long frame, one row per (candidate, stage) in name then stage order: reached = the candidate's applications
    at that stage or beyond (as `metrics.funnel`), share = reached / the candidate's applications."""
    named = _named(resolved)
    names = candidates(resolved)
    if not names:
        return pd.DataFrame(
            {
                CANDIDATE: pd.Series(dtype=object),
                "stage": pd.Series(dtype=object),
                "reached": pd.Series(dtype="int64"),
                "share": pd.Series(dtype="float64"),
            }
        )
    at_stage = pd.crosstab(named[CANDIDATE], named[FURTHEST_STAGE].astype(str))
    at_stage = at_stage.reindex(index=names, columns=list(STAGES), fill_value=0)
    reached = at_stage[list(reversed(STAGES))].cumsum(axis=1)[list(STAGES)]  # at this stage or beyond
    long = reached.rename_axis(index=CANDIDATE, columns="stage").stack().rename("reached").reset_index()
    applied = long[CANDIDATE].map(reached["applied"])
    long["reached"] = long["reached"].astype("int64")
    long["share"] = (long["reached"] / applied.where(applied > 0)).astype("float64")
    return long[list(FUNNEL_COLUMNS)]
