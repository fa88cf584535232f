"""The small resolved tracker the share tests share, worked out by hand (imported by the tests and conftest.py)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import pandas as pd

from applytics.analytics.metrics import MetricParams, resolve_outcomes
from applytics.intake.pipeline import import_tracker

AS_OF = dt.date(2026, 10, 10)
PARAMS = MetricParams(AS_OF, 30)
# 2026-09-01 is a Tuesday (1 January 2026 was a Thursday, and 243 days later is 5 weekdays on), so the Mondays
# are 31 August, 7, 14, 21 and 28 September. Each row: what the share must make of it.
HAND_CSV = (
    "Company,Role,Date Applied,Status,Source,Notes,Contact,Rejection reason,Last Update\n"
    # Company 1; applied Wed 2 Sep -> Mon 31 Aug; rejected Wed 16 Sep -> Mon 14 Sep
    "Acme Analytics,Data Analyst,2026-09-02,Rejected,LinkedIn,Met Jane Roe from Acme Analytics at a meetup,"
    "jane.roe@acme.example,Went with a more experienced candidate,2026-09-16\n"
    # Company 2; Thu 3 Sep -> Mon 31 Aug; silent 37 days as of 10 Oct: ghosted (the others are rejected or active)
    "Borealis,BI Analyst,2026-09-03,Applied,Indeed,,,,\n"
    # Company 1 again (the same company, capitalised otherwise); Thu 10 Sep -> Mon 7 Sep; Thu 24 Sep -> Mon 21 Sep
    "ACME analytics,Analytics Engineer,2026-09-10,Phone screen,Referral,second Acme Analytics role,"
    "+44 20 7946 0958,,2026-09-24\n"
    # Company 3; Mon 14 Sep stays; Thu 1 Oct -> Mon 28 Sep
    "Cobalt Health,Data Scientist,2026-09-14,Interviewing,Company site,see www.cobalt.example/careers for it,,,"
    "2026-10-01\n"
)
ORIGINAL_SECRETS = (
    "Acme Analytics",
    "ACME analytics",
    "Borealis",
    "Cobalt Health",
    "Jane Roe",
    "jane.roe@acme.example",
    "7946 0958",
    "www.cobalt.example",
    "more experienced candidate",
    "meetup",
    "2026-09-02",
    "2026-09-16",
)


@lru_cache(maxsize=1)
def _hand_resolved() -> pd.DataFrame:
    result = import_tracker(HAND_CSV.encode("utf-8"), "tracker.csv")
    return resolve_outcomes(result.normalized.apps, PARAMS)


def hand_resolved() -> pd.DataFrame:
    """The hand tracker imported and resolved as of AS_OF (a fresh copy each time: tests change it)."""
    return _hand_resolved().copy()
