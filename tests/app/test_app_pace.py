"""Pace page through AppTest: weeks against the goal (in the URL), streaks, the calendar, and the projection.

The expected figures come from the bundled sample, counted here with plain pandas (weeks by their Monday, zeros
included), never through applytics.analytics.pace; as of apptest_support.AS_OF (Friday 20 Nov 2026).
"""

from __future__ import annotations

import pandas as pd
import pytest
from analytics_support import CSV, chart_keys, decided_outbound, main_captions, open_page, sample_resolved, titles
from apptest_support import AS_OF, infos, metrics, run_ok, upload

PACE_PAGE = "pages/pace.py"
WEEKS_MET = "Weeks that met the goal"


def sample_weeks() -> pd.Series:
    """Outbound applications of the sample per ISO week (Monday .. Sunday periods), first week to the as-of week."""
    sent = sample_resolved().query("direction != 'inbound'")
    days = sent["applied_on"].dropna()
    days = days[days <= pd.Timestamp(AS_OF)]
    periods = days.dt.to_period("W-SUN")
    every_week = pd.period_range(periods.min(), pd.Timestamp(AS_OF).to_period("W-SUN"), freq="W-SUN")
    return periods.value_counts().reindex(every_week, fill_value=0)


def weeks_met(goal: int) -> str:
    weeks = sample_weeks()
    return f"{int((weeks >= goal).sum())} of {len(weeks)}"


def test_sample_pace_renders_with_its_charts_and_the_default_goal(at):
    open_page(at, PACE_PAGE)
    assert titles(at) == ["Pace"]
    assert {"weekly_pace_chart", "activity_calendar"} <= chart_keys(at)
    assert at.number_input(key="goal").value == 10
    # The sample runs from the week of Mon 1 Jun 2026 to the as-of week of Mon 16 Nov: 25 weeks, the week of 10 Aug
    # empty and the week of 16 Nov with nothing yet. At least 10 in the weeks of 15 Jun (12), 13 Jul (10),
    # 20 Jul (11), 31 Aug (10) and 7 Sep (11): 5 of 25; the longest runs are 13-20 Jul and 31 Aug-7 Sep -> best 2.
    assert weeks_met(10) == "5 of 25" and sample_weeks().iloc[10] == 0
    shown = metrics(at)
    assert shown[WEEKS_MET] == "5 of 25"
    assert (shown["Current streak"], shown["Best streak"]) == ("0 weeks", "2 weeks")
    reading = next(text for text in main_captions(at) if text.startswith("5 of 25 weeks met your goal"))
    assert "The current week so far has 0 of 10; while it is in progress it does not break a streak." in reading


def test_sample_pace_and_projection_from_its_own_rates(at):
    open_page(at, PACE_PAGE)
    # last four complete weeks: 19 Oct (7), 26 Oct (6), 2 Nov (5), 9 Nov (7) = 25 -> 6.25 a week, shown 6.2
    assert list(sample_weeks().iloc[-5:-1]) == [7, 6, 5, 7]
    captions = main_captions(at)
    assert any(text.startswith("Current pace: 6.2 applications a week, the mean of the last 4 complete weeks (19 Oct "
                               "to 15 Nov 2026: 25 applications)") for text in captions), captions  # fmt: skip
    decided = decided_outbound(sample_resolved())
    interviews = int((decided["furthest_stage"] >= "interview").sum())
    offers = int((decided["furthest_stage"] >= "offer").sum())
    assert (interviews, offers, len(decided)) == (14, 2, 157)
    # 157 / 14 = 11.2 applications per interview; 157 / 2 = 78.5, shown as 78 (rounded half to even)
    assert metrics(at)["Next interview"] == "≈ 11 applications"
    assert metrics(at)["Next offer"] == "≈ 78 applications"
    assert any(text.startswith("At your rate, 14 interviews in 157 decided applications, the next interview takes "
                               "about 11 applications") for text in captions), captions  # fmt: skip
    assert any(text.startswith("2 offers in 157 decided applications is too few to project reliably")
               for text in captions), captions  # fmt: skip


def test_goal_from_the_url(at):
    at.query_params["goal"] = "5"
    open_page(at, PACE_PAGE)
    assert at.number_input(key="goal").value == 5
    # At least 5 in every week but 10 Aug (0), 17 Aug (3) and the week in progress (0 so far): 22 of 25
    assert weeks_met(5) == "22 of 25" != weeks_met(10)
    assert metrics(at)[WEEKS_MET] == "22 of 25"
    # 24 Aug .. 9 Nov: 12 weeks of 5 or more in a row; the week in progress does not break it
    assert (metrics(at)["Current streak"], metrics(at)["Best streak"]) == ("12 weeks", "12 weeks")
    assert not [text for text in infos(at) if "weekly goal in the link" in text]


@pytest.mark.parametrize("typed", ["abc", "0"])
def test_an_invalid_goal_in_the_url_falls_back_to_10_and_says_so(at, typed):
    at.query_params["goal"] = typed
    open_page(at, PACE_PAGE)
    assert at.number_input(key="goal").value == 10
    assert metrics(at)[WEEKS_MET] == weeks_met(10) == "5 of 25"
    assert f"The weekly goal in the link, “{typed}”, is not a whole number from 1 to 100, so the goal is 10." in infos(
        at
    )


def test_changing_the_goal_on_the_page(at):
    open_page(at, PACE_PAGE)
    run_ok(at.number_input(key="goal").set_value(11))
    # at least 11: 15 Jun (12), 20 Jul (11), 7 Sep (11) -> 3 of 25
    assert metrics(at)[WEEKS_MET] == weeks_met(11) == "3 of 25"


def test_an_upload_with_no_dates_says_so(at):
    upload(at, "plain.csv", b"Company,Role\r\nAcme,Analyst\r\nBorealis,Engineer\r\n", CSV)
    open_page(at, PACE_PAGE)
    assert titles(at) == ["Pace"]
    assert (
        "None of your 2 applications has an application date, so there are no weeks to count. A “Date applied” "
        "column in the tracker gives the weekly pace." in infos(at)
    )
    assert not {"weekly_pace_chart", "activity_calendar"} & chart_keys(at)
    assert WEEKS_MET not in metrics(at)
    # both are silent with no date, so ghosted and decided: 0 interviews in 2 -> no projection, said plainly
    assert (metrics(at)["Next interview"], metrics(at)["Next offer"]) == ("no projection", "no projection")
    assert "No complete week with dated applications yet, so there is no current pace." in main_captions(at)


def test_undated_applications_are_counted_apart(at):
    # as of Fri 20 Nov 2026: two in the week of 9 Nov, one on the as-of day; one without a date
    csv = (
        b"Company,Role,Date Applied,Status\r\n"
        b"Acme,Analyst,2026-11-09,Applied\r\n"
        b"Borealis,Analyst,2026-11-12,Applied\r\n"
        b"Cobalt,Analyst,2026-11-20,Applied\r\n"
        b"Dunmore,Analyst,,Applied\r\n"
    )
    upload(at, "four.csv", csv, CSV)
    open_page(at, PACE_PAGE)
    assert metrics(at)[WEEKS_MET] == "0 of 2"
    assert "1 application has no date and is not in the weekly counts." in main_captions(at)
    assert {"weekly_pace_chart", "activity_calendar"} <= chart_keys(at)
