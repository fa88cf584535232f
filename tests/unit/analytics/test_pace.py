"""pace: applications per ISO week against a goal, streaks, days, and the projection to the next interview and offer.

Why: DESIGN §4 (Pace page) and §7 (as-of means as of). A week with no application is a zero, not a gap, or the
streaks and the pace flatter the search; ISO weeks are keyed by their Monday, so the days of 2026-W53 (28 Dec 2026
to 3 Jan 2027) stay one week; only outbound applications sent by the as-of date count, undated ones are counted
apart. The projection is 1 / rate with the Wilson interval turned over, and says when the counts are too few.
Every expected value below is worked out by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pandas as pd
import pytest
from builders import application_frame
from hypothesis import given, settings
from hypothesis import strategies as st

from applytics.analytics.metrics import MetricParams, Rate, resolve_outcomes
from applytics.analytics.pace import (
    DEFAULT_GOAL,
    Counted,
    Pace,
    Streaks,
    counted,
    current_pace,
    daily_counts,
    projection,
    streaks,
    week_start,
    weekly_counts,
)

D = dt.date


def frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """Applications as normalize types them; `applied` None means no application date."""
    return application_frame(rows)


def weeks_of(weekly: pd.DataFrame) -> list[tuple[dt.date, int, int, bool, bool]]:
    return [
        (row.week_start.date(), row.applications, row.cumulative, bool(row.complete), bool(row.met))
        for row in weekly.itertuples()
    ]


# A short search as of Wednesday 18 Nov 2026 (ISO weeks start on Monday):
#   week of Mon 26 Oct: 26 Oct twice, Sun 1 Nov          -> 3
#   week of Mon 2 Nov:  nothing                          -> 0 (a zero row, not a missing week)
#   week of Mon 9 Nov:  Tue 10 Nov, Fri 13 Nov           -> 2
#   week of Mon 16 Nov: Wed 18 Nov (the as-of day)       -> 1, in progress (its Sunday, 22 Nov, is after as-of)
# Left out: Thu 19 Nov (after the as-of date), an inbound contact on 10 Nov, and one outbound row with no date.
AS_OF = D(2026, 11, 18)
SHORT_SEARCH = [
    {"applied": "2026-10-26"},
    {"applied": "2026-10-26"},
    {"applied": "2026-11-01"},
    {"applied": "2026-11-10"},
    {"applied": "2026-11-13"},
    {"applied": "2026-11-18"},
    {"applied": "2026-11-19"},
    {"applied": "2026-11-10", "direction": "inbound"},
    {"applied": None},
]


def test_weeks_by_hand_with_an_empty_week_as_a_zero_row() -> None:
    weekly = weekly_counts(frame(SHORT_SEARCH), AS_OF, goal=2)
    assert list(weekly.columns) == ["week_start", "applications", "cumulative", "complete", "met"]
    # met: 3 >= 2, 0 < 2, 2 >= 2, 1 < 2; cumulative 3, 3, 5, 6
    assert weeks_of(weekly) == [
        (D(2026, 10, 26), 3, 3, True, True),
        (D(2026, 11, 2), 0, 3, True, False),
        (D(2026, 11, 9), 2, 5, True, True),
        (D(2026, 11, 16), 1, 6, False, False),
    ]


def test_outbound_applications_are_split_dated_undated_and_after_as_of() -> None:
    # 9 rows: 1 inbound (not an application sent); of the 8 outbound, 6 dated up to 18 Nov, 1 on 19 Nov, 1 undated
    assert counted(frame(SHORT_SEARCH), AS_OF) == Counted(dated=6, undated=1, after_as_of=1)


def test_applications_after_as_of_are_not_counted_even_in_the_as_of_week() -> None:
    # as of Tue 17 Nov the 18 Nov application is in the future too: the week of 16 Nov holds 0 so far
    weekly = weekly_counts(frame(SHORT_SEARCH), D(2026, 11, 17))
    assert weeks_of(weekly)[-1] == (D(2026, 11, 16), 0, 5, False, False)
    assert counted(frame(SHORT_SEARCH), D(2026, 11, 17)) == Counted(dated=5, undated=1, after_as_of=2)


def test_a_timestamp_on_the_as_of_day_counts() -> None:
    # a date-time later in the day than midnight is still sent on the as-of date
    apps = frame([{"applied": "2026-11-18"}])
    apps["applied_on"] = apps["applied_on"] + pd.Timedelta(hours=15)
    assert weeks_of(weekly_counts(apps, AS_OF, goal=1)) == [(D(2026, 11, 16), 1, 1, False, True)]


def test_weeks_across_a_year_boundary_follow_iso_week_53() -> None:
    # datetime.isocalendar: 24 Dec 2026 -> 2026-W52 (Monday 21 Dec); 28 Dec 2026, 1 Jan 2027 and Sun 3 Jan 2027
    # -> 2026-W53 (Monday 28 Dec); Mon 4 Jan and Wed 6 Jan 2027 -> 2027-W01 (Monday 4 Jan). As of Wed 6 Jan 2027.
    assert D(2026, 12, 28).isocalendar()[:2] == (2026, 53)
    assert D(2027, 1, 1).isocalendar()[:2] == (2026, 53)
    assert D(2027, 1, 4).isocalendar()[:2] == (2027, 1)
    days = ["2026-12-24", "2026-12-28", "2027-01-01", "2027-01-03", "2027-01-04", "2027-01-06"]
    weekly = weekly_counts(frame([{"applied": d} for d in days]), D(2027, 1, 6), goal=2)
    # W52: 1 (short); W53: 3 (met), one week although it spans two calendar years; W01: 2 so far (met, in progress)
    assert weeks_of(weekly) == [
        (D(2026, 12, 21), 1, 1, True, False),
        (D(2026, 12, 28), 3, 4, True, True),
        (D(2027, 1, 4), 2, 6, False, True),
    ]
    assert [d.isocalendar()[:2] for d in weekly["week_start"].dt.date] == [(2026, 52), (2026, 53), (2027, 1)]
    # the week in progress already met the goal, so it extends the streak: W53 + W01 = 2
    assert streaks(weekly, 2) == Streaks(2, current=2, best=2, weeks_met=2, weeks=3, this_week=2, in_progress=True)


def test_week_start_is_the_iso_monday() -> None:
    assert week_start(D(2027, 1, 1)) == D(2026, 12, 28)  # Friday of 2026-W53
    assert week_start(D(2027, 1, 3)) == D(2026, 12, 28)  # its Sunday
    assert week_start(D(2027, 1, 4)) == D(2027, 1, 4)  # a Monday is its own week start


def test_an_empty_frame_gives_no_weeks_no_streak_and_no_pace() -> None:
    empty = frame([])
    weekly = weekly_counts(empty, AS_OF)
    assert weekly.empty and list(weekly.columns) == ["week_start", "applications", "cumulative", "complete", "met"]
    assert streaks(weekly, DEFAULT_GOAL) == Streaks(10, 0, 0, 0, 0, 0, False)
    assert current_pace(weekly) == Pace(None, 0, 0, None, None)
    assert daily_counts(empty, AS_OF).empty
    assert counted(empty, AS_OF) == Counted(0, 0, 0)


def test_only_undated_applications_give_no_weeks_but_are_counted() -> None:
    apps = frame([{"applied": None}, {"applied": None}])
    assert weekly_counts(apps, AS_OF).empty
    assert counted(apps, AS_OF) == Counted(dated=0, undated=2, after_as_of=0)


def test_one_application_only() -> None:
    apps = frame([{"applied": "2026-11-18"}])
    # as of that Wednesday: one week, in progress, 1 of 10 so far; no complete week, so no pace
    weekly = weekly_counts(apps, AS_OF)
    assert weeks_of(weekly) == [(D(2026, 11, 16), 1, 1, False, False)]
    assert streaks(weekly, 10) == Streaks(10, current=0, best=0, weeks_met=0, weeks=1, this_week=1, in_progress=True)
    assert current_pace(weekly) == Pace(None, 0, 0, None, None)
    # as of its Sunday (22 Nov) the week is complete: a pace of 1 over 1 week; with a goal of 1 a streak of 1
    weekly = weekly_counts(apps, D(2026, 11, 22), goal=1)
    assert weeks_of(weekly) == [(D(2026, 11, 16), 1, 1, True, True)]
    assert streaks(weekly, 1) == Streaks(1, current=1, best=1, weeks_met=1, weeks=1, this_week=1, in_progress=False)
    assert current_pace(weekly) == Pace(1.0, 1, 1, D(2026, 11, 16), D(2026, 11, 16))


# ---------------------------------------------------------------- streaks


def test_streaks_of_the_short_search_by_hand() -> None:
    weekly = weekly_counts(frame(SHORT_SEARCH), AS_OF)
    # weeks 3, 0, 2, 1 (the last in progress)
    # goal 2: met T F T F; the week in progress (1 of 2) is skipped, not a break: current 1 (week of 9 Nov), best 1
    assert streaks(weekly, 2) == Streaks(2, current=1, best=1, weeks_met=2, weeks=4, this_week=1, in_progress=True)
    # goal 1: every week but 2 Nov: T F T T -> current 2 (9 and 16 Nov), best 2
    assert streaks(weekly, 1) == Streaks(1, current=2, best=2, weeks_met=3, weeks=4, this_week=1, in_progress=True)
    # goal 3: only the first week: T F F F -> the week of 9 Nov (2 of 3) is complete and short: current 0, best 1
    assert streaks(weekly, 3) == Streaks(3, current=0, best=1, weeks_met=1, weeks=4, this_week=1, in_progress=True)


def weekly_frame(applications: list[int], last_complete: bool) -> pd.DataFrame:
    """Consecutive Mondays from 7 Sep 2026, as weekly_counts gives them."""
    starts = pd.date_range("2026-09-07", periods=len(applications), freq="7D")
    complete = [True] * (len(applications) - 1) + [last_complete]
    return pd.DataFrame(
        {
            "week_start": starts,
            "applications": applications,
            "cumulative": pd.Series(applications).cumsum(),
            "complete": complete,
            "met": [a >= 10 for a in applications],
        }
    )


def test_current_and_best_streak_by_hand() -> None:
    weeks = [5, 12, 11, 3, 10, 10, 10, 4]
    # goal 10: F T T F T T T F -> runs of 2 and 3: best 3, weeks met 5
    # the last week (4) complete and short: the current streak is broken -> 0
    assert streaks(weekly_frame(weeks, last_complete=True), 10) == Streaks(10, 0, 3, 5, 8, 4, False)
    # the same last week still in progress ("current week so far"): skipped, so the run of 3 before it is current
    assert streaks(weekly_frame(weeks, last_complete=False), 10) == Streaks(10, 3, 3, 5, 8, 4, True)
    # a week in progress that already met the goal counts: 3 + 1 = 4, which is also the best
    assert streaks(weekly_frame([*weeks[:-1], 10], last_complete=False), 10) == Streaks(10, 4, 4, 6, 8, 10, True)
    # goal 3: 5, 12, 11, 3, 10, 10, 10, 4 are all >= 3 -> 8 in a row, current and best
    assert streaks(weekly_frame(weeks, last_complete=True), 3) == Streaks(3, 8, 8, 8, 8, 4, False)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 15), min_size=1, max_size=30), st.booleans(), st.integers(1, 15))
def test_streaks_agree_with_runs_of_met_weeks(weeks: list[int], last_complete: bool, goal: int) -> None:
    figures = streaks(weekly_frame(weeks, last_complete), goal)
    marks = "".join("1" if w >= goal else "0" for w in weeks)
    assert figures.best == max(len(run) for run in marks.split("0"))
    assert figures.weeks_met == marks.count("1") and figures.weeks == len(weeks)
    if not last_complete and marks[-1] == "0":
        marks = marks[:-1]  # the current week so far, short of the goal, does not break the streak
    assert figures.current == len(marks) - len(marks.rstrip("1"))
    assert figures.current <= figures.best <= figures.weeks_met <= figures.weeks


# ---------------------------------------------------------------- days


def test_daily_counts_from_the_first_monday_to_the_as_of_day() -> None:
    daily = daily_counts(frame(SHORT_SEARCH), AS_OF)
    assert list(daily.columns) == ["day", "week_start", "weekday", "applications"]
    # Mon 26 Oct .. Wed 18 Nov: 6 + 17 + 1 = 24 days (26-31 Oct, 1-17 Nov, 18 Nov); 19 Nov on is absent
    assert len(daily) == 24
    assert daily["day"].iloc[0].date() == D(2026, 10, 26) and daily["day"].iloc[-1].date() == AS_OF
    by_day = {row.day.date(): (row.weekday, row.applications) for row in daily.itertuples()}
    assert by_day[D(2026, 10, 26)] == (0, 2)  # Monday, twice
    assert by_day[D(2026, 11, 1)] == (6, 1)  # Sunday
    assert by_day[D(2026, 11, 5)] == (3, 0)  # a Thursday with nothing
    assert by_day[D(2026, 11, 18)] == (2, 1)  # the as-of Wednesday
    assert int(daily["applications"].sum()) == 6
    assert daily.loc[daily["day"] == pd.Timestamp("2026-11-01"), "week_start"].iloc[0].date() == D(2026, 10, 26)


# ---------------------------------------------------------------- pace


def test_current_pace_is_the_mean_of_the_last_four_complete_weeks() -> None:
    # weeks 8, 1, 2, 3, 4 complete and 9 in progress: the last four complete are 1, 2, 3, 4 -> 10 / 4 = 2.5 a week,
    # from the week of 14 Sep to the week of 5 Oct 2026; the week in progress (9) is not one of them
    weekly = weekly_frame([8, 1, 2, 3, 4, 9], last_complete=False)
    assert current_pace(weekly) == Pace(2.5, 4, 10, D(2026, 9, 14), D(2026, 10, 5))


def test_a_young_search_averages_the_complete_weeks_it_has() -> None:
    # the short search has three complete weeks: 3 + 0 + 2 = 5 over 3 weeks = 1.667 a week
    pace = current_pace(weekly_counts(frame(SHORT_SEARCH), AS_OF))
    assert (pace.weeks, pace.applications, pace.first_week, pace.last_week) == (3, 5, D(2026, 10, 26), D(2026, 11, 9))
    assert pace.per_week == pytest.approx(5 / 3)


# ---------------------------------------------------------------- projection

PARAMS = MetricParams(D(2026, 11, 20))


def decided(interviews: int, offers: int, total: int, applied: str = "2026-09-01") -> list[dict[str, object]]:
    """`total` decided outbound applications (all answered): `offers` reached an offer, `interviews` more an
    interview only, the rest a rejection at application."""
    rows = [{"applied": applied, "stage": "offer", "outcome": "declined", "response": applied}] * offers
    rows += [{"applied": applied, "stage": "interview", "outcome": "rejected", "response": applied}] * interviews
    rows += [{"applied": applied, "stage": "applied", "outcome": "rejected", "response": applied}] * (
        total - offers - interviews
    )
    return rows


def resolved(rows: list[dict[str, object]]) -> pd.DataFrame:
    return resolve_outcomes(frame(rows), PARAMS)


PACE = Pace(5.0, 4, 20, D(2026, 10, 19), D(2026, 11, 9))


def test_projection_by_hand_four_interviews_in_forty() -> None:
    # 4 interviews in 40 decided: rate 0.1 -> 1 / 0.1 = 10 applications per interview; at 5 a week, 2.0 weeks.
    # Wilson 95%, p̂ = 0.1, n = 40, z = 1.959964, z² = 3.841459:
    #   (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n)
    #   centre = (0.1 + 0.048018) / 1.096037 = 0.135049
    #   half   = 1.959964 · √(0.00225 + 0.00060023) / 1.096037 = 1.959964 · 0.053388 / 1.096037 = 0.095470
    #   -> [0.039579, 0.230519]; applications 1 / 0.230519 = 4.338 .. 1 / 0.039579 = 25.266
    #   weeks at 5 a week: 0.868 .. 5.053
    expected = projection(resolved(decided(4, 0, 40)), PARAMS, PACE).interview
    assert (expected.key, expected.rate.k, expected.rate.n, expected.reliable) == ("interview", 4, 40, True)
    assert expected.applications == pytest.approx(10.0)
    assert expected.applications_low == pytest.approx(4.338, abs=1e-3)
    assert expected.applications_high == pytest.approx(25.266, abs=1e-3)
    assert expected.weeks == pytest.approx(2.0)
    assert expected.weeks_low == pytest.approx(0.8676, abs=1e-3)
    assert expected.weeks_high == pytest.approx(5.0531, abs=1e-3)


def test_an_offer_rate_of_zero_gives_no_projection() -> None:
    # the same 40: no offer -> no rate to turn over; nothing is made up, and it is not "reliable"
    offer = projection(resolved(decided(4, 0, 40)), PARAMS, PACE).offer
    assert (offer.rate.k, offer.rate.n) == (0, 40)
    assert (offer.applications, offer.applications_low, offer.applications_high) == (None, None, None)
    assert (offer.weeks, offer.weeks_low, offer.weeks_high, offer.reliable) == (None, None, None, False)


def test_two_offers_in_160_are_too_few_but_the_interval_is_given() -> None:
    # 2 offers in 160 decided (both also count as interviews: 2 + 0 = 2 of 160): 160 / 2 = 80 applications.
    # Wilson, p̂ = 0.0125, n = 160: centre = (0.0125 + 0.012005) / 1.024009 = 0.023930;
    #   half = 1.959964 · √(0.00007715 + 0.00003751) / 1.024009 = 1.959964 · 0.010708 / 1.024009 = 0.020495
    #   -> [0.003435, 0.044425]; applications 1 / 0.044425 = 22.51 .. 1 / 0.003435 = 291.1; fewer than 3 hits
    offer = projection(resolved(decided(0, 2, 160)), PARAMS, PACE).offer
    assert (offer.rate.k, offer.rate.n, offer.reliable) == (2, 160, False)
    assert offer.applications == pytest.approx(80.0)
    assert offer.applications_low == pytest.approx(22.51, abs=0.01)
    assert offer.applications_high == pytest.approx(291.1, abs=0.1)
    assert offer.weeks == pytest.approx(16.0)  # 80 / 5


def test_three_hits_in_fewer_than_thirty_decided_are_too_few() -> None:
    # 3 interviews in 20 decided: enough hits, too few decided -> shown (20 / 3 = 6.67), flagged unreliable
    interview = projection(resolved(decided(3, 0, 20)), PARAMS, PACE).interview
    assert (interview.rate.k, interview.rate.n, interview.reliable) == (3, 20, False)
    assert interview.applications == pytest.approx(20 / 3)
    # and 3 in exactly 30 is enough: 30 / 3 = 10
    assert projection(resolved(decided(3, 0, 30)), PARAMS, PACE).interview.reliable


def test_without_a_pace_there_are_applications_but_no_weeks() -> None:
    rows = resolved(decided(4, 0, 40))
    for pace in (Pace(None, 0, 0, None, None), Pace(0.0, 4, 0, D(2026, 10, 19), D(2026, 11, 9))):
        interview = projection(rows, PARAMS, pace).interview
        assert interview.applications == pytest.approx(10.0)
        assert (interview.weeks, interview.weeks_low, interview.weeks_high) == (None, None, None)


def test_nothing_decided_gives_no_projection() -> None:
    # three silent applications sent on 15 Nov: 5 days old as of 20 Nov, pending, so n = 0
    rows = resolved([{"applied": "2026-11-15"}] * 3)
    expected = projection(rows, PARAMS, PACE)
    assert expected.interview.rate == Rate(0, 0, None, None) and expected.interview.applications is None
    assert expected.offer.applications is None and expected.pace == PACE


def test_projection_leaves_out_applications_after_as_of_and_keeps_undated_ones() -> None:
    # 30 rejected at application + 3 interviews (Sept), 1 undated rejection (kept, as in kpis), and one interview
    # dated 1 Dec 2026, after the 20 Nov as-of date (left out): 3 interviews in 30 + 3 + 1 = 34 decided
    rows = decided(3, 0, 33)
    rows += [{"applied": None, "stage": "applied", "outcome": "rejected", "last": "2026-09-10"}]
    rows += [{"applied": "2026-12-01", "stage": "interview", "outcome": "rejected", "response": "2026-12-01"}]
    interview = projection(resolved(rows), PARAMS, PACE).interview
    assert (interview.rate.k, interview.rate.n) == (3, 34)
    assert interview.applications == pytest.approx(34 / 3)


# ---------------------------------------------------------------- properties

BASE = D(2026, 11, 1)  # offsets up to 120 days cover Dec 2026 -> Jan 2027, ISO week 53 included


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 120) | st.none(), st.sampled_from(["outbound", "inbound"])), max_size=40),
    st.integers(0, 130),
)
def test_weekly_counts_cover_every_dated_outbound_application_in_consecutive_mondays(
    rows: list[tuple[int | None, str]], as_of_offset: int
) -> None:
    as_of = BASE + dt.timedelta(days=as_of_offset)
    apps = frame(
        [
            {"applied": None if offset is None else (BASE + dt.timedelta(days=offset)).isoformat(), "direction": d}
            for offset, d in rows
        ]
    )
    kept = [BASE + dt.timedelta(days=o) for o, d in rows if o is not None and d == "outbound" and o <= as_of_offset]
    weekly = weekly_counts(apps, as_of, goal=3)
    assert int(weekly["applications"].sum()) == len(kept)
    assert counted(apps, as_of).dated == len(kept)
    assert counted(apps, as_of).undated == sum(1 for o, d in rows if o is None and d == "outbound")
    if not kept:
        assert weekly.empty
        return
    starts = list(weekly["week_start"].dt.date)
    assert all(day.weekday() == 0 for day in starts)
    assert all((b - a).days == 7 for a, b in itertools.pairwise(starts))
    assert starts[0] == min(kept) - dt.timedelta(days=min(kept).weekday())
    assert starts[-1] == as_of - dt.timedelta(days=as_of.weekday())
    assert int(weekly["cumulative"].iloc[-1]) == len(kept)
    # the counts agree with an independent grouping by datetime.isocalendar's (ISO year, ISO week)
    by_iso: dict[tuple[int, int], int] = {}
    for day in kept:
        key = tuple(day.isocalendar()[:2])
        by_iso[key] = by_iso.get(key, 0) + 1
    shown = {tuple(s.isocalendar()[:2]): n for s, n in zip(starts, weekly["applications"], strict=True) if n}
    assert shown == by_iso
    daily = daily_counts(apps, as_of)
    assert int(daily["applications"].sum()) == len(kept)
    assert (daily["day"].diff().dropna() == pd.Timedelta(days=1)).all()
