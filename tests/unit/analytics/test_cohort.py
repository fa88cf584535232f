"""cohort: candidates of a coach's tracker side by side (issue 11).

Why: DESIGN §1 (a coach compares candidates) and §3 (one meaning everywhere): each candidate's figures are the
single-seeker figures on that candidate's rows: pace weeks as pace.weekly_counts counts them, rates over decided
outbound applications with Wilson intervals, n = 0 giving no rate rather than 0%. The tracker goes through the
real pipeline (import_tracker, resolve_outcomes) as of Friday 20 Nov 2026 with the 30-day ghost window; every
expected value is worked out by hand below.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from builders import hand_wilson

from applytics.analytics.cohort import COLUMNS, candidates, cohort_funnels, cohort_table, is_cohort, unnamed
from applytics.analytics.metrics import MetricParams, resolve_outcomes
from applytics.analytics.pace import weekly_counts
from applytics.analytics.timeline import response_times
from applytics.intake.pipeline import import_tracker

PARAMS = MetricParams(as_of=dt.date(2026, 11, 20))  # a Friday: the week of Mon 16 Nov is in progress
GOAL = 2
# Ann (5): Acme, Mon 2 Nov, rejected, reply after 4 days; Borealis, 3 Nov, phone screen, reply after 6 days;
#   Cobalt, 10 Nov, interviewing, reply after 8 days; Dunmore, 18 Nov, applied 2 days ago: pending (not decided);
#   Eastgate, 1 Oct (week of Mon 28 Sep), "No response": ghosted.
#   Weeks 28 Sep, 5, 12, 19, 26 Oct, 2, 9, 16 Nov = 8 -> 5 / 8 = 0.625 a week; 7 complete weeks, of which only
#   the week of 2 Nov (Acme, Borealis) has 2 = the goal -> 1 of 7.
#   Decided: Acme, Borealis, Cobalt, Eastgate = 4; replied Acme, Borealis, Cobalt = 3 of 4; interview or beyond:
#   Cobalt = 1 of 4; offer 0 of 4. Reply waits 4, 6, 8 -> median 6. Funnel: 5 applied, 2 screen (Borealis,
#   Cobalt), 1 interview, 0 offer.
# Bob (3): Fernhill, Mon 9 Nov, offer, reply after 3 days; Glenrock, 10 Nov, rejected, reply after 10 days;
#   Harlow, 11 Nov, applied 9 days ago: pending.
#   Weeks 9 and 16 Nov = 2 -> 3 / 2 = 1.5 a week; 1 complete week (9 Nov: 3 >= 2) -> 1 of 1.
#   Decided: Fernhill, Glenrock = 2; replied 2 of 2; interview or beyond (the offer) 1 of 2; offer 1 of 2.
#   Waits 3 and 10 -> median 6.5. Funnel: 3 applied, 1 screen, 1 interview, 1 offer.
# Cleo (2): Ivers 16 Nov and Juniper 19 Nov, both applied and silent: pending, nothing decided.
#   Week 16 Nov only: 2 / 1 = 2.0 a week; no complete week -> 0 of 0, no share; no rate (n = 0), no reply.
# Kestrel has no candidate name: left out of every cohort figure.
CSV = (
    "Candidate,Company,Role,Date Applied,Status,Response Date\r\n"
    "Ann,Acme,Data Analyst,2026-11-02,Rejected,2026-11-06\r\n"
    "Ann,Borealis,Data Analyst,2026-11-03,Phone screen,2026-11-09\r\n"
    "Ann,Cobalt,Data Analyst,2026-11-10,Interviewing,2026-11-18\r\n"
    "Ann,Dunmore,Data Analyst,2026-11-18,Applied,\r\n"
    "Ann,Eastgate,Data Analyst,2026-10-01,No response,\r\n"
    "Bob,Fernhill,Engineer,2026-11-09,Offer,2026-11-12\r\n"
    "Bob,Glenrock,Engineer,2026-11-10,Rejected,2026-11-20\r\n"
    "Bob,Harlow,Engineer,2026-11-11,Applied,\r\n"
    "Cleo,Ivers,Designer,2026-11-16,Applied,\r\n"
    "Cleo,Juniper,Designer,2026-11-19,Applied,\r\n"
    ",Kestrel,Analyst,2026-11-02,Applied,\r\n"
)


def resolved_of(csv: str) -> pd.DataFrame:
    return resolve_outcomes(import_tracker(csv.encode(), "cohort.csv").normalized.apps, PARAMS)


@pytest.fixture(scope="module")
def resolved() -> pd.DataFrame:
    return resolved_of(CSV)


@pytest.fixture(scope="module")
def table(resolved: pd.DataFrame) -> pd.DataFrame:
    return cohort_table(resolved, PARAMS, GOAL).set_index("candidate")


def test_the_candidates_and_the_unnamed_row(resolved):
    assert candidates(resolved) == ["Ann", "Bob", "Cleo"]
    assert unnamed(resolved) == 1
    assert is_cohort(resolved)


def test_counts_and_pace_by_hand(table):
    assert list(table.index) == ["Ann", "Bob", "Cleo"]  # sorted by name
    got = table[["applications", "decided", "dated", "weeks", "complete_weeks", "goal_weeks_met"]]
    assert got.to_dict("index") == {
        "Ann": {"applications": 5, "decided": 4, "dated": 5, "weeks": 8, "complete_weeks": 7, "goal_weeks_met": 1},
        "Bob": {"applications": 3, "decided": 2, "dated": 3, "weeks": 2, "complete_weeks": 1, "goal_weeks_met": 1},
        "Cleo": {"applications": 2, "decided": 0, "dated": 2, "weeks": 1, "complete_weeks": 0, "goal_weeks_met": 0},
    }
    assert table["per_week"].tolist() == [0.625, 1.5, 2.0]
    assert table.loc["Ann", "goal_share"] == pytest.approx(1 / 7)
    assert table.loc["Bob", "goal_share"] == 1.0
    assert pd.isna(table.loc["Cleo", "goal_share"])


def test_rates_by_hand_with_wilson_intervals(table):
    expected = {
        ("Ann", "response"): (3, 4),
        ("Ann", "interview"): (1, 4),
        ("Ann", "offer"): (0, 4),
        ("Bob", "response"): (2, 2),
        ("Bob", "interview"): (1, 2),
        ("Bob", "offer"): (1, 2),
    }
    for (name, key), (k, n) in expected.items():
        row = table.loc[name]
        low, high = hand_wilson(k, n)
        assert (row[f"{key}_k"], row[f"{key}_n"]) == (k, n), (name, key)
        assert row[f"{key}_rate"] == pytest.approx(k / n)
        assert row[f"{key}_low"] == pytest.approx(low, abs=1e-9)
        assert row[f"{key}_high"] == pytest.approx(high, abs=1e-9)
    # 3 of 4 by the closed form: p = 0.75, z² = 3.8415; (0.75 + 0.4802 ± 1.96·√(0.046875 + 0.0601)) / 1.9604
    assert (round(table.loc["Ann", "response_low"], 3), round(table.loc["Ann", "response_high"], 3)) == (0.301, 0.954)


def test_a_candidate_with_nothing_decided_has_no_rate_not_zero(table):
    cleo = table.loc["Cleo"]
    for key in ("response", "interview", "offer"):
        assert (cleo[f"{key}_k"], cleo[f"{key}_n"]) == (0, 0)
        assert pd.isna(cleo[f"{key}_rate"]) and pd.isna(cleo[f"{key}_low"]) and pd.isna(cleo[f"{key}_high"])
    assert pd.isna(cleo["median_reply_days"])


def test_median_days_to_a_reply_by_hand(table):
    assert table.loc["Ann", "median_reply_days"] == 6.0  # 4, 6, 8
    assert table.loc["Bob", "median_reply_days"] == 6.5  # 3, 10


def test_same_figures_as_the_single_seeker_functions_on_each_candidate(resolved, table):
    for name in ("Ann", "Bob", "Cleo"):
        own = resolved[resolved["candidate"] == name]
        weekly = weekly_counts(own, PARAMS.as_of, GOAL)
        complete = weekly[weekly["complete"]]
        assert table.loc[name, "weeks"] == len(weekly)
        assert table.loc[name, "goal_weeks_met"] == int(complete["met"].sum())
        assert table.loc[name, "per_week"] == weekly["applications"].sum() / len(weekly)
        median = response_times(own, PARAMS.as_of).median_among_replies
        assert (median is None and pd.isna(table.loc[name, "median_reply_days"])) or (
            table.loc[name, "median_reply_days"] == median
        )


def test_funnels_long_frame_by_hand(resolved):
    funnels = cohort_funnels(resolved)
    assert list(funnels.columns) == ["candidate", "stage", "reached", "share"]
    assert list(funnels[["candidate", "stage", "reached"]].itertuples(index=False, name=None)) == [
        ("Ann", "applied", 5), ("Ann", "screen", 2), ("Ann", "interview", 1), ("Ann", "offer", 0),
        ("Bob", "applied", 3), ("Bob", "screen", 1), ("Bob", "interview", 1), ("Bob", "offer", 1),
        ("Cleo", "applied", 2), ("Cleo", "screen", 0), ("Cleo", "interview", 0), ("Cleo", "offer", 0),
    ]  # fmt: skip
    assert funnels["share"].tolist()[:4] == [1.0, 0.4, 0.2, 0.0]  # Ann: 5, 2, 1, 0 of 5


def test_one_candidate_is_not_a_cohort_but_still_has_its_row():
    one = resolved_of(
        "Candidate,Company,Role,Date Applied,Status\r\n"
        "Dana,Acme,Analyst,2026-11-02,Rejected\r\n"  # rejected: replied, decided
        "Dana,Borealis,Analyst,2026-11-03,Applied\r\n"  # 17 days silent: pending
    )
    assert candidates(one) == ["Dana"] and not is_cohort(one)
    row = cohort_table(one, PARAMS, GOAL).iloc[0]
    # weeks of 2, 9 and 16 Nov: 2 / 3 a week; the week of 2 Nov has 2 = the goal: 1 of 2 complete weeks
    assert (row["applications"], row["weeks"], row["goal_weeks_met"], row["complete_weeks"]) == (2, 3, 1, 2)
    assert row["per_week"] == pytest.approx(2 / 3)
    assert (row["response_k"], row["response_n"]) == (1, 1)
    assert pd.isna(row["median_reply_days"])  # a rejection with no date: no wait to measure


def test_no_candidate_column_and_an_empty_frame(resolved):
    plain = resolved.drop(columns="candidate")
    assert candidates(plain) == [] and not is_cohort(plain) and unnamed(plain) == len(plain)
    for frame in (plain, resolved.iloc[0:0]):
        table = cohort_table(frame, PARAMS, GOAL)
        assert table.empty and tuple(table.columns) == COLUMNS
        funnels = cohort_funnels(frame)
        assert funnels.empty and list(funnels.columns) == ["candidate", "stage", "reached", "share"]


def test_the_goal_changes_only_the_goal_weeks(resolved, table):
    higher = cohort_table(resolved, PARAMS, 3).set_index("candidate")
    # goal 3: no week of Ann has 3; Bob's week of 9 Nov has exactly 3
    assert higher["goal_weeks_met"].tolist() == [0, 1, 0]
    assert higher["per_week"].tolist() == table["per_week"].tolist()
    assert not math.isnan(higher.loc["Bob", "goal_share"])


def test_the_vectorised_interval_is_metrics_wilson():
    from applytics.analytics.cohort import _wilson_columns
    from applytics.analytics.metrics import wilson

    pairs = [(k, n) for n in range(1, 41) for k in range(n + 1)] + [(3, 20_000), (19_999, 20_000)]
    got = _wilson_columns(pd.Series([k for k, _ in pairs]), pd.Series([n for _, n in pairs]))
    for (k, n), low, high in zip(pairs, got["low"], got["high"], strict=True):
        rate = wilson(k, n)
        assert (low, high) == (pytest.approx(rate.low, abs=1e-12), pytest.approx(rate.high, abs=1e-12)), (k, n)
