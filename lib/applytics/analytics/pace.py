"""Pace: applications per ISO week against a weekly goal, streaks, activity by day, and a projection to the next
interview and offer at the user's own rates.

Definitions (DESIGN.md §3, §4, §7):
- Only outbound applications count, and only those sent on or before the as-of date; applications with no
  application date are counted apart (`Counted.undated`), never guessed into a week.
- A week is an ISO week, keyed by its Monday (`week_start`), never by (year, week number): 2026-12-28 and
  2027-01-01 are both in ISO week 2026-W53, whose Monday is 2026-12-28. Every week from the first dated
  application's to the as-of date's is present; a week with no application is a zero row, not a missing one.
- The as-of week is "in progress" unless the as-of date is its Sunday. It counts as met once it reaches the goal;
  while in progress and short of the goal it does not break the current streak (it is the "current week so far").
- Current pace: mean applications a week over the last `PACE_WEEKS` complete weeks (the as-of week in progress
  left out), or over fewer when the search is younger.
- Projection: applications to the next interview / offer ≈ 1 / rate, with the interval 1 / high .. 1 / low from the
  rate's Wilson 95% interval; weeks = applications / current pace. Rates are `kpis` over the resolved frame as of
  the as-of date. Fewer than `MIN_HITS` hits or `MIN_DECIDED` decided applications: shown, flagged unreliable;
  a rate of 0 (or nothing decided) gives no projection.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from applytics.analytics.metrics import MetricParams, Rate, kpis
from applytics.schema import APPLIED_ON, outbound

DEFAULT_GOAL = 10
GOAL_MIN = 1
GOAL_MAX = 100
PACE_WEEKS = 4  # complete weeks the current pace is averaged over
MIN_HITS = 3  # fewer interviews (offers) than this: too few to project reliably
MIN_DECIDED = 30  # fewer decided applications than this: too few to project reliably
_WEEK_DTYPES = {"week_start": "datetime64[ns]", "applications": "int64", "cumulative": "int64", "complete": "bool",
                "met": "bool"}  # fmt: skip
_DAY_DTYPES = {"day": "datetime64[ns]", "week_start": "datetime64[ns]", "weekday": "int64", "applications": "int64"}


def _empty(dtypes: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=kind) for name, kind in dtypes.items()})


def week_start(day: dt.date) -> dt.date:
    """The Monday of the ISO week holding `day` (ISO weeks start on Monday; weekday() is 0 on Monday)."""
    return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True)
class Counted:
    """How the outbound applications split for the weekly figures."""

    dated: int  # sent on or before the as-of date: these are in the weekly counts
    undated: int  # no application date: counted apart
    after_as_of: int  # dated after the as-of date: not counted (the search as it stood that day)


def _dated_days(resolved: pd.DataFrame, as_of: dt.date) -> pd.Series:
    """The application day (midnight) of each outbound application sent on or before as_of."""
    days = outbound(resolved)[APPLIED_ON].dropna().dt.normalize()
    return days[days <= pd.Timestamp(as_of)]


def counted(resolved: pd.DataFrame, as_of: dt.date) -> Counted:
    applied = outbound(resolved)[APPLIED_ON]
    days = applied.dropna().dt.normalize()
    inside = int((days <= pd.Timestamp(as_of)).sum())
    return Counted(dated=inside, undated=int(applied.isna().sum()), after_as_of=len(days) - inside)


def weekly_counts(resolved: pd.DataFrame, as_of: dt.date, goal: int = DEFAULT_GOAL) -> pd.DataFrame:
    """One row per ISO week (its Monday) from the first dated application's week to the as-of week.

    Columns: week_start (datetime, a Monday), applications (zeros included), cumulative, complete (the week ended
    on or before as_of), met (applications >= goal). Empty (same columns) when no dated application is counted."""
    days = _dated_days(resolved, as_of)
    if days.empty:
        return _empty(_WEEK_DTYPES)
    mondays = days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    first, last = mondays.min(), pd.Timestamp(week_start(as_of))
    index = pd.date_range(first, last, freq="7D")
    applications = mondays.value_counts().reindex(index, fill_value=0).astype(int)
    weekly = pd.DataFrame({"week_start": index, "applications": applications.to_numpy()})
    weekly["cumulative"] = weekly["applications"].cumsum()
    weekly["complete"] = weekly["week_start"] + pd.Timedelta(days=6) <= pd.Timestamp(as_of)
    weekly["met"] = _met(weekly["applications"], goal)
    return weekly


def _met(applications: pd.Series, goal: int) -> pd.Series:
    return applications >= goal


@dataclass(frozen=True)
class Streaks:
    """Weeks that met the goal and the runs of consecutive ISO weeks that did."""

    goal: int
    current: int  # consecutive met weeks counting back from the as-of week (an unmet week in progress is skipped)
    best: int  # the longest run of consecutive met weeks
    weeks_met: int
    weeks: int  # weeks counted, the as-of week included
    this_week: int  # applications so far in the as-of week (0 when there are no weeks)
    in_progress: bool  # the as-of week has not ended yet


def streaks(weekly: pd.DataFrame, goal: int) -> Streaks:
    """Streaks over weekly_counts rows (consecutive Mondays, so consecutive rows are consecutive ISO weeks)."""
    if weekly.empty:
        return Streaks(goal, 0, 0, 0, 0, 0, False)
    met = _met(weekly["applications"], goal).tolist()
    in_progress = not bool(weekly["complete"].iloc[-1])
    best = run = 0
    for hit in met:
        run = run + 1 if hit else 0
        best = max(best, run)
    back = met[:-1] if in_progress and not met[-1] else met  # the current week so far does not break the streak
    current = 0
    for hit in reversed(back):
        if not hit:
            break
        current += 1
    return Streaks(goal, current, best, sum(met), len(met), int(weekly["applications"].iloc[-1]), in_progress)


def daily_counts(resolved: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Applications per day, from the Monday of the first dated application's week to as_of (zeros included).

    Columns: day, week_start (its Monday), weekday (0 = Monday .. 6 = Sunday), applications. Days after as_of are
    absent, so a calendar leaves them blank. Empty (same columns) when no dated application is counted."""
    days = _dated_days(resolved, as_of)
    if days.empty:
        return _empty(_DAY_DTYPES)
    first = days.min() - pd.Timedelta(days=int(days.min().weekday()))
    index = pd.date_range(first, pd.Timestamp(as_of), freq="D")
    applications = days.value_counts().reindex(index, fill_value=0).astype(int)
    return pd.DataFrame(
        {
            "day": index,
            "week_start": index - pd.to_timedelta(index.day_of_week, unit="D"),
            "weekday": index.day_of_week.astype("int64"),
            "applications": applications.to_numpy(),
        }
    )


@dataclass(frozen=True)
class Pace:
    """Mean applications a week over the last complete weeks (the as-of week in progress is not one)."""

    per_week: float | None  # None when no week is complete yet
    weeks: int  # complete weeks averaged: PACE_WEEKS, or fewer in a younger search
    applications: int  # sent in those weeks
    first_week: dt.date | None  # Monday of the first week averaged
    last_week: dt.date | None  # Monday of the last week averaged


def current_pace(weekly: pd.DataFrame, weeks: int = PACE_WEEKS) -> Pace:
    complete = weekly[weekly["complete"].astype(bool)].tail(weeks)
    if complete.empty:
        return Pace(None, 0, 0, None, None)
    total = int(complete["applications"].sum())
    return Pace(
        per_week=total / len(complete),
        weeks=len(complete),
        applications=total,
        first_week=complete["week_start"].iloc[0].date(),
        last_week=complete["week_start"].iloc[-1].date(),
    )


@dataclass(frozen=True)
class Expected:
    """Applications (and weeks at the current pace) expected until the next hit of one rate."""

    key: str  # "interview" or "offer" (schema.RATES keys)
    rate: Rate
    applications: float | None  # 1 / rate; None when the rate is 0 or nothing is decided
    applications_low: float | None  # 1 / Wilson high
    applications_high: float | None  # 1 / Wilson low
    weeks: float | None  # applications / pace; None without a projection or a pace above 0
    weeks_low: float | None
    weeks_high: float | None
    reliable: bool  # at least MIN_HITS hits and MIN_DECIDED decided applications


@dataclass(frozen=True)
class Projection:
    pace: Pace
    interview: Expected
    offer: Expected


def _expected(key: str, rate: Rate, pace: Pace) -> Expected:
    if rate.n == 0 or rate.k == 0:
        return Expected(key, rate, None, None, None, None, None, None, False)
    applications = rate.n / rate.k
    low = 1 / rate.high if rate.high else None
    high = 1 / rate.low if rate.low else None
    speed = pace.per_week if pace.per_week else None

    def weeks(count: float | None) -> float | None:
        return count / speed if count is not None and speed else None

    reliable = rate.k >= MIN_HITS and rate.n >= MIN_DECIDED
    return Expected(key, rate, applications, low, high, weeks(applications), weeks(low), weeks(high), reliable)


def projection(resolved: pd.DataFrame, params: MetricParams, pace: Pace) -> Projection:
    """The next interview and offer at the user's decided-application rates as of params.as_of (later applications
    left out; undated ones stay, as in `kpis`), at the current pace."""
    applied = resolved[APPLIED_ON].dt.normalize()
    figures = kpis(resolved[applied.isna() | (applied <= pd.Timestamp(params.as_of))])
    return Projection(
        pace, _expected("interview", figures.interview_rate, pace), _expected("offer", figures.offer_rate, pace)
    )


@dataclass(frozen=True)
class PaceSummary:
    """Everything the Pace page shows, computed once for the page and the reports."""

    split: Counted
    weekly: pd.DataFrame  # weekly_counts
    streaks: Streaks
    pace: Pace  # current_pace over PACE_WEEKS
    projection: Projection


def pace_summary(resolved: pd.DataFrame, params: MetricParams, goal: int = DEFAULT_GOAL) -> PaceSummary:
    weekly = weekly_counts(resolved, params.as_of, goal)
    pace = current_pace(weekly, PACE_WEEKS)
    return PaceSummary(
        counted(resolved, params.as_of), weekly, streaks(weekly, goal), pace, projection(resolved, params, pace)
    )
