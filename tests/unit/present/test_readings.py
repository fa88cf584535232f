"""readings: the sentence beside each chart.

Why: DESIGN §1 and §4: the copy must be factual and encouraging, and a number never travels
without its count ("12 of 40"). A reading that states something false ("all 0 are younger
than 30 days") is as wrong as a wrong figure.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from applytics.analytics.metrics import Kpis, MetricParams, Rate, kpis, resolve_outcomes
from applytics.analytics.timeline import ResponseTimes
from applytics.present.readings import (
    days_or_not_reached,
    funnel_reading,
    ghosting_reading,
    kpi_reading,
    reasons_reading,
    rejection_stage_reading,
    response_time_left_out,
    response_time_reading,
    sankey_reading,
    segment_difference_readings,
    share,
)
from applytics.schema import OUTCOMES, STAGES

NONE = Rate(0, 0, None, None)


def figures(**changes: object) -> Kpis:
    base = {
        "applications": 0,
        "outbound": 0,
        "inbound": 0,
        "mature": 0,
        "pending": 0,
        "response_rate": NONE,
        "positive_rate": NONE,
        "interview_rate": NONE,
        "offer_rate": NONE,
        "ghosted": NONE,
        "pending_share": NONE,
        "undated": 0,
    }
    base.update(changes)
    return Kpis(**base)


def stages(rows: list[tuple[str, int, int | None, int | None]]) -> pd.DataFrame:
    """stage, reached, k, n -> the columns funnel() returns."""
    return pd.DataFrame(
        [
            {"stage": s, "reached": r, "k": k, "n": n, "conversion": (k / n if n else None), "low": None, "high": None}
            for s, r, k, n in rows
        ]
    )


def outcomes(**counts: int) -> pd.DataFrame:
    return pd.DataFrame({"outcome": list(OUTCOMES), "count": [counts.get(o, 0) for o in OUTCOMES]})


# ---------------------------------------------------------------- share


def test_share_keeps_the_counts_with_the_percentage() -> None:
    assert share(Rate(12, 40, 0.18, 0.45)) == "12 of 40 (30%)"  # 12/40 = 0.30
    assert share(Rate(1, 3, 0.06, 0.79)) == "1 of 3 (33%)"  # 1/3 = 0.333 -> 33%
    assert share(Rate(0, 0, None, None)) == "none decided yet"


# ---------------------------------------------------------------- kpi_reading


def test_kpi_reading_with_nothing_yet() -> None:
    assert "No applications" in kpi_reading(figures(), 30)


def test_kpi_reading_when_everything_is_young() -> None:
    text = kpi_reading(figures(applications=4, outbound=4, pending=4), 30)
    assert "4" in text and "30 days" in text


def test_kpi_reading_with_counts_interval_pending_and_inbound() -> None:
    # 5 of 7 = 71%; the interval 0.36..0.92 shows as 36% and 92%
    text = kpi_reading(
        figures(applications=10, outbound=9, inbound=1, mature=7, pending=2, response_rate=Rate(5, 7, 0.359, 0.918)),
        30,
    )
    assert "5 of 7 (71%)" in text
    assert "36%" in text and "92%" in text
    assert "2 younger" in text
    assert "1 recruiter contact" in text


def test_kpi_reading_of_only_inbound_contacts_states_no_false_count() -> None:
    # two recruiter contacts, nothing sent: there are no outbound applications, let alone "all 0" young ones
    frame = pd.DataFrame(
        {
            "applied_on": pd.to_datetime(["2024-06-01", "2024-06-20"]),
            "furthest_stage": pd.Categorical(["screen", "applied"], categories=STAGES, ordered=True),
            "outcome": ["active", "active"],
            "direction": ["inbound", "inbound"],
            "first_response_on": pd.to_datetime(["2024-06-01", None]),
            "last_activity_on": pd.to_datetime(["2024-06-25", "2024-06-20"]),
        }
    )
    result = kpis(resolve_outcomes(frame, MetricParams(dt.date(2024, 6, 30))))
    assert (result.applications, result.outbound, result.inbound, result.mature) == (2, 0, 2, 0)
    text = kpi_reading(result, 30)
    assert "All 0" not in text
    assert "inbound" in text or "recruiter" in text


# ---------------------------------------------------------------- funnel_reading


FUNNEL = [("applied", 20, None, None), ("screen", 8, 8, 15), ("interview", 4, 4, 6), ("offer", 1, 1, 3)]


def test_funnel_reading_counts_and_a_rate_above_the_benchmark() -> None:
    text = funnel_reading(stages(FUNNEL), figures(applications=20, interview_rate=Rate(4, 20, 0.08, 0.42)))
    assert "4 of 20" in text
    assert "above" in text  # 0.08 > 3%


def test_funnel_reading_in_full_quotes_the_careerplug_benchmark() -> None:
    # 4 of 20 = 20%; interval .08..42 is above 3%; narrowest step with n >= 5: screen 8 of 15 = 53%
    text = funnel_reading(stages(FUNNEL), figures(applications=20, interview_rate=Rate(4, 20, 0.08, 0.42)))
    assert text == (
        "4 of 20 applications reached an interview. Your interview rate, 4 of 20 (20%), is above what employers "
        "report overall (about 3% of applicants interviewed, CareerPlug 2024): most applications end early, for "
        "everyone. The narrowest step is into screen: 8 of 15 decided applications made it (53%)."
    )


def test_funnel_reading_below_and_in_line() -> None:
    below = funnel_reading(stages(FUNNEL), figures(applications=20, interview_rate=Rate(0, 200, 0.0, 0.019)))
    assert "below" in below  # 0.019 < 3%
    in_line = funnel_reading(stages(FUNNEL), figures(applications=20, interview_rate=Rate(1, 20, 0.009, 0.24)))
    assert "in line with" in in_line  # 0.9% .. 24% contains 3%


def test_funnel_reading_names_the_narrowest_step_with_enough_decided() -> None:
    # screen 8/15 = 53%, interview 4/6 = 67%, offer 1/3 = 33% but n=3 < 5: too few to name -> screen
    text = funnel_reading(stages(FUNNEL), figures(applications=20, interview_rate=Rate(4, 20, 0.08, 0.42)))
    assert "into screen" in text
    assert "8 of 15" in text


def test_funnel_reading_of_an_empty_funnel() -> None:
    empty = stages([("applied", 0, None, None), ("screen", 0, 0, 0), ("interview", 0, 0, 0), ("offer", 0, 0, 0)])
    text = funnel_reading(empty, figures())
    assert "%" not in text


# ---------------------------------------------------------------- sankey_reading


def test_sankey_reading_counts() -> None:
    # ended quietly = ghosted 2 + rejected 3 = 5 of 12 total; open = active 1 + pending 3 = 4
    text = sankey_reading(outcomes(active=1, pending=3, ghosted=2, rejected=3, withdrawn=1, declined=1, accepted=1))
    assert "5 of 12" in text
    assert "(2)" in text and "(3)" in text
    assert "4 are still open" in text
    assert "1 in progress" in text and "3 awaiting" in text
    assert "1 offer accepted" in text


def test_sankey_reading_without_open_or_accepted() -> None:
    text = sankey_reading(outcomes(rejected=2, closed=1))
    assert "2 of 3" in text
    assert "still open" not in text
    assert "accepted" not in text


def test_sankey_reading_of_nothing() -> None:
    assert "%" not in sankey_reading(outcomes())


# ---------------------------------------------------------------- segment_difference_readings


def segment_rows(rows: list[tuple[str, int, int, int, int, float, str]]) -> pd.DataFrame:
    """value, k, n, rest_k, rest_n, p_adjusted, verdict -> the segment_rates columns a reading uses."""
    frame = pd.DataFrame(rows, columns=["value", "k", "n", "rest_k", "rest_n", "p_adjusted", "verdict"])
    frame["rate"] = frame["k"] / frame["n"]
    frame["rest_rate"] = frame["rest_k"] / frame["rest_n"]
    return frame.assign(segment="source", metric="response")


def test_segment_difference_readings_one_sentence_per_differing_value() -> None:
    one = segment_rows(
        [
            # 18/30 = 60% vs 25/127 = 19.7% -> 20%; adjusted p .0004 is below what three decimals show
            ("Referral", 18, 30, 25, 127, 0.0004, "higher than the rest"),
            ("Indeed", 6, 40, 37, 117, 0.21, "no clear difference"),
            # 5/60 = 8.3% -> 8% vs 38/97 = 39.2% -> 39%; p .0123 -> 0.012
            ("LinkedIn", 5, 60, 38, 97, 0.0123, "lower than the rest"),
            ("Other", 2, 4, 41, 153, 1.0, "too few to judge"),
        ]
    )
    assert segment_difference_readings(one, "Source") == [
        "Referral: 18 of 30 (60%) vs 25 of 127 for the rest (20%); higher than the rest (p < 0.001, adjusted).",
        "LinkedIn: 5 of 60 (8%) vs 38 of 97 for the rest (39%); lower than the rest (p = 0.012, adjusted).",
    ]


def test_segment_difference_readings_when_no_value_stands_out() -> None:
    one = segment_rows(
        [
            ("v1 generic", 15, 76, 28, 81, 0.06, "no clear difference"),
            ("v2 tailored", 28, 81, 15, 76, 0.06, "no clear difference"),
            ("v3", 1, 1, 42, 156, 1.0, "nothing to compare with"),
        ]
    )
    assert segment_difference_readings(one, "Résumé version") == [
        "No value of résumé version stands out from the rest on this rate yet: the gaps you see are within what "
        "chance alone produces at these counts."
    ]
    assert segment_difference_readings(one.iloc[0:0], "Source")[0].startswith("No value of source stands out")


# ---------------------------------------------------------------- timing readings


def times(**changes: object) -> ResponseTimes:
    base = {
        "curve": pd.DataFrame(columns=["day", "replied", "at_risk"]),
        "median_days": 10.0,
        "p75_days": 20.0,
        "replied": 4,
        "censored": 1,
        "left_out": 0,
        "median_among_replies": 8.0,
        "final_share": 0.8,
    }
    base.update(changes)
    return ResponseTimes(**base)


def test_days_or_not_reached() -> None:
    assert days_or_not_reached(10.0) == "10 days"
    assert days_or_not_reached(0.0) == "0 days"  # a same-day reply is a day count, not "not reached"
    assert days_or_not_reached(None) == "not reached"


def test_response_time_reading_when_the_median_is_reached() -> None:
    assert response_time_reading(times(), dt.date(2026, 11, 20)) == (
        "4 replies and 1 still-silent applications, counted as “no reply yet” up to 20 Nov 2026 rather than "
        "dropped. By the last day observed, 80% had a reply. Among the replies, the typical wait was 8 days."
    )


def test_response_time_reading_when_fewer_than_half_reply() -> None:
    text = response_time_reading(
        times(median_days=None, p75_days=None, replied=3, censored=9, final_share=0.25, median_among_replies=6.4),
        dt.date(2024, 6, 3),
    )
    assert text == (
        "3 replies and 9 still-silent applications, counted as “no reply yet” up to 03 Jun 2024 rather than "
        "dropped. By the last day observed, 25% had a reply; since fewer than half ever reply, the median is not "
        "reached — normal for cold applications. Among the replies, the typical wait was 6 days."
    )


def test_response_time_left_out() -> None:
    assert response_time_left_out(times(left_out=2)) == (
        "2 application(s) without an application date are left out of this curve."
    )
    assert response_time_left_out(times(left_out=0)) is None


def ghosting(rows: list[tuple[str, int, int]]) -> pd.DataFrame:
    """source, k, n, most silence first, as ghosting_by_source sorts them."""
    return pd.DataFrame([{"source": s, "k": k, "n": n, "rate": k / n, "low": None, "high": None} for s, k, n in rows])


GHOSTING_CONTEXT = (
    " Being ghosted is the norm for cold channels (Greenhouse, 2024: 61% of job seekers were ghosted even after an "
    "interview), not a verdict on you."
)


def test_ghosting_reading_compares_the_extremes_of_several_sources() -> None:
    text = ghosting_reading(ghosting([("LinkedIn", 1, 3), ("Indeed", 1, 4), ("Referral", 0, 2)]))
    assert text == "Silence is most common from LinkedIn (1 of 3) and least from Referral (0 of 2)." + GHOSTING_CONTEXT


def test_ghosting_reading_of_one_source_does_not_compare_it_with_itself() -> None:
    text = ghosting_reading(ghosting([("(no source)", 4, 6)]))
    assert text == "4 of 6 decided applications from (no source) ended in silence." + GHOSTING_CONTEXT


# ---------------------------------------------------------------- rejection readings


def pareto(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    """category, label, count, largest first, as reason_pareto returns them."""
    return pd.DataFrame([{"category": c, "label": label, "count": n} for c, label, n in rows])


def test_reasons_reading_counts_the_silent_ones_and_names_the_leading_reason() -> None:
    table = pareto(
        [
            ("no reason given", "No reason given", 17),
            ("experience", "Experience gap", 9),
            ("skills", "Skills mismatch", 5),
        ]
    )
    assert reasons_reading(table) == (
        "Of 31 rejections, 17 came with no reason — most employers give none. Among the rest, “Experience gap” "
        "leads (9). A pattern in the reasons is something you can act on; a single one is not."
    )


def test_reasons_reading_when_a_given_reason_outnumbers_the_silent_ones_or_none_is_silent() -> None:
    table = pareto([("skills", "Skills mismatch", 6), ("no reason given", "No reason given", 2)])
    assert reasons_reading(table).startswith(
        "Of 8 rejections, 2 came with no reason — most employers give none. Among the rest, “Skills mismatch” "
        "leads (6)."
    )
    table = pareto([("salary", "Salary", 3), ("other", "Other", 2)])
    assert reasons_reading(table).startswith("Of 5 rejections, 0 came with no reason")


def test_reasons_reading_when_no_reason_is_given() -> None:
    table = pareto([("no reason given", "No reason given", 4)])
    assert reasons_reading(table) == "None of the 4 rejections came with a reason; that is common, and not about you."


def by_stage(at_application: int, screen: int, interview: int, offer: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "stage": ["at application", "after a screen", "after an interview", "at offer"],
            "count": [at_application, screen, interview, offer],
        }
    )


def test_rejection_stage_reading_splits_early_from_later_rejections() -> None:
    assert rejection_stage_reading(by_stage(26, 0, 11, 0)) == (
        "26 at application (the résumé and the channel are what to change) and 11 after a screen or an interview "
        "(interview practice and feedback are what help). They call for different fixes."
    )
    # everything past the application counts as later: 3 after a screen + 1 after an interview + 1 at offer = 5
    assert rejection_stage_reading(by_stage(2, 3, 1, 1)).startswith("2 at application (")
    assert "and 5 after a screen or an interview" in rejection_stage_reading(by_stage(2, 3, 1, 1))
    assert rejection_stage_reading(by_stage(0, 0, 0, 0)).startswith("0 at application (")


# ---------------------------------------------------------------- pace

from applytics.analytics.pace import Counted, Expected, Pace, Streaks  # noqa: E402 (appended section)
from applytics.present.readings import (  # noqa: E402
    current_pace_reading,
    left_out_reading,
    pace_reading,
    projection_reading,
)

ALL_DATED = Counted(dated=50, undated=0, after_as_of=0)


def test_pace_reading_without_weeks_says_why() -> None:
    no_weeks = Streaks(10, 0, 0, 0, 0, 0, False)
    assert pace_reading(no_weeks, Counted(dated=0, undated=12, after_as_of=0)) == (
        "None of your 12 applications has an application date, so there are no weeks to count. A “Date applied” "
        "column in the tracker gives the weekly pace."
    )
    assert pace_reading(no_weeks, Counted(dated=0, undated=1, after_as_of=0)).startswith(
        "None of your 1 application has"
    )
    assert pace_reading(no_weeks, Counted(dated=0, undated=0, after_as_of=3)) == (
        "No application sent on or before the as-of date yet, so there are no weeks to count."
    )


def test_pace_reading_week_in_progress_short_of_the_goal_does_not_break_the_streak() -> None:
    figures = Streaks(10, current=3, best=5, weeks_met=9, weeks=20, this_week=4, in_progress=True)
    assert pace_reading(figures, ALL_DATED) == (
        "9 of 20 weeks met your goal of 10 applications a week, the current week so far included. The current "
        "week so far has 4 of 10; while it is in progress it does not break a streak. Current streak: 3 weeks in "
        "a row. Best streak: 5 weeks."
    )


def test_pace_reading_week_in_progress_that_already_met_the_goal() -> None:
    figures = Streaks(5, current=1, best=1, weeks_met=1, weeks=2, this_week=6, in_progress=True)
    assert pace_reading(figures, ALL_DATED) == (
        "1 of 2 weeks met your goal of 5 applications a week, the current week so far included. The current week "
        "has already met it (6 so far). Current streak: 1 week in a row. Best streak: 1 week."
    )


def test_pace_reading_complete_weeks_with_a_broken_streak() -> None:
    figures = Streaks(1, current=0, best=2, weeks_met=3, weeks=4, this_week=0, in_progress=False)
    assert pace_reading(figures, ALL_DATED) == (
        "3 of 4 weeks met your goal of 1 application a week. No current streak: the last complete week was short "
        "of the goal. Best streak: 2 weeks."
    )


def test_pace_reading_when_no_week_met_the_goal_yet() -> None:
    # one week only, in progress: no complete week, so nothing is said about a current streak
    figures = Streaks(10, current=0, best=0, weeks_met=0, weeks=1, this_week=2, in_progress=True)
    assert pace_reading(figures, ALL_DATED) == (
        "0 of 1 week met your goal of 10 applications a week, the current week so far included. The current week "
        "so far has 2 of 10; while it is in progress it does not break a streak. No week has reached it yet; a "
        "goal you can keep is worth more than a high one."
    )


def test_left_out_reading_each_case() -> None:
    assert left_out_reading(ALL_DATED) is None
    assert left_out_reading(Counted(dated=5, undated=12, after_as_of=0)) == (
        "12 applications have no date and are not in the weekly counts."
    )
    assert left_out_reading(Counted(dated=5, undated=1, after_as_of=0)) == (
        "1 application has no date and is not in the weekly counts."
    )
    assert left_out_reading(Counted(dated=5, undated=0, after_as_of=1)) == (
        "1 application dated after the as-of date is not counted."
    )
    assert left_out_reading(Counted(dated=5, undated=2, after_as_of=3)) == (
        "2 applications have no date and are not in the weekly counts. 3 applications dated after the as-of date "
        "are not counted."
    )


def test_current_pace_reading_names_the_weeks() -> None:
    assert current_pace_reading(Pace(None, 0, 0, None, None)) == (
        "No complete week with dated applications yet, so there is no current pace."
    )
    # weeks of 19 Oct .. 9 Nov 2026: the last one ends on Sunday 15 Nov; 25 / 4 = 6.25, shown as 6.2
    assert current_pace_reading(Pace(6.25, 4, 25, dt.date(2026, 10, 19), dt.date(2026, 11, 9))) == (
        "Current pace: 6.2 applications a week, the mean of the last 4 complete weeks (19 Oct to 15 Nov 2026: 25 "
        "applications); the week in progress is not one of them."
    )
    # one complete week across the year boundary: ISO 2026-W53, Mon 28 Dec 2026 .. Sun 3 Jan 2027
    assert current_pace_reading(Pace(1.0, 1, 1, dt.date(2026, 12, 28), dt.date(2026, 12, 28))) == (
        "Current pace: 1.0 applications a week, the mean of the last complete week (28 Dec to 03 Jan 2027: 1 "
        "application); the week in progress is not one of them."
    )


FIVE_A_WEEK = Pace(5.0, 4, 20, dt.date(2026, 10, 19), dt.date(2026, 11, 9))


def expected(key: str, k: int, n: int, **values: object) -> Expected:
    base = {"applications": None, "applications_low": None, "applications_high": None, "weeks": None,
            "weeks_low": None, "weeks_high": None, "reliable": False}  # fmt: skip
    return Expected(key, Rate(k, n, None, None), **(base | values))


def test_projection_reading_reliable_with_weeks() -> None:
    # 4 of 40: 10 applications (Wilson 4.338 .. 25.27), at 5 a week 2.0 weeks (0.87 .. 5.05)
    four_in_forty = expected("interview", 4, 40, applications=10.0, applications_low=4.338, applications_high=25.27,
                             weeks=2.0, weeks_low=0.868, weeks_high=5.053, reliable=True)  # fmt: skip
    assert projection_reading(four_in_forty, FIVE_A_WEEK) == (
        "At your rate, 4 interviews in 40 decided applications, the next interview takes about 10 applications "
        "(likely 4 to 25), about 2.0 weeks at your current pace of 5.0 a week (likely 0.9 to 5.1)."
    )


def test_projection_reading_too_few_still_gives_the_interval() -> None:
    # 2 of 160: 80 applications (Wilson 22.51 .. 291.1), 16 weeks at 5 a week (4.5 .. 58.2)
    two_in_160 = expected("offer", 2, 160, applications=80.0, applications_low=22.51, applications_high=291.1,
                          weeks=16.0, weeks_low=4.502, weeks_high=58.22)  # fmt: skip
    assert projection_reading(two_in_160, FIVE_A_WEEK) == (
        "2 offers in 160 decided applications is too few to project reliably (that needs at least 3 offers and 30 "
        "decided applications); as a rough guide only, the next offer takes about 80 applications (likely 23 to "
        "291), about 16.0 weeks at your current pace of 5.0 a week (likely 4.5 to 58.2)."
    )


def test_projection_reading_without_a_pace() -> None:
    one = expected("interview", 1, 1, applications=1.0, applications_low=1.0, applications_high=4.88)
    start = (
        "1 interview in 1 decided application is too few to project reliably (that needs at least 3 interviews and "
        "30 decided applications); as a rough guide only, the next interview takes about 1 application (likely 1 "
        "to 5)"
    )
    assert projection_reading(one, Pace(None, 0, 0, None, None)) == (
        start + "; with no complete week yet there is no pace to turn that into weeks."
    )
    idle = Pace(0.0, 4, 0, dt.date(2026, 10, 19), dt.date(2026, 11, 9))
    assert projection_reading(one, idle) == (
        start + "; with no application in the last 4 complete weeks there is no pace to turn that into weeks."
    )
    idle_one_week = Pace(0.0, 1, 0, dt.date(2026, 11, 9), dt.date(2026, 11, 9))
    assert projection_reading(one, idle_one_week).endswith(
        "; with no application in the last complete week there is no pace to turn that into weeks."
    )


def test_projection_reading_a_rate_of_zero_or_nothing_decided_gives_no_projection() -> None:
    assert projection_reading(expected("offer", 0, 40), FIVE_A_WEEK) == (
        "No offer yet in 40 decided applications, so there is no rate to project from: a rate of 0 gives no "
        "projection. That says little on its own; the estimate appears with the first offer."
    )
    assert projection_reading(expected("interview", 0, 1), FIVE_A_WEEK).startswith(
        "No interview yet in 1 decided application, so"
    )
    assert projection_reading(expected("interview", 0, 0), FIVE_A_WEEK) == (
        "No application is decided yet, so there is no interview rate to project the next interview from."
    )
