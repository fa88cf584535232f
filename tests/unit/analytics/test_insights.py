"""insights: ranked plain-language findings, only when the numbers support them, always with the numbers.

Why: issue #4 — a discouraged job seeker must not be told "Referrals work better" on 3 applications.
A segment finding appears only when its verdict survived Fisher + Benjamini–Hochberg (adjusted p < .05);
with two values, "No is lower" would only repeat "Yes is higher", so it is said once; a funnel finding
is judged on the 95% interval, not the point estimate. Each finding carries "k of n" and a "what to try".
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from applytics.analytics.insights import (
    BENCHMARKS,
    Insight,
    funnel_insights,
    insights,
    k_of_n,
    p_text,
    segment_insights,
)
from applytics.analytics.metrics import Kpis, MetricParams, funnel, kpis, resolve_outcomes, wilson
from applytics.analytics.segments import SEGMENT_COLUMNS, segment_rates
from applytics.schema import STAGES

AS_OF = dt.date(2024, 6, 30)
OLD = "2024-04-01"
REFERRAL_ADVICE = "Referrals work for you: ask two or three contacts a week for an introduction."


def day(text: str | None) -> pd.Timestamp:
    return pd.NaT if text is None else pd.Timestamp(text)


def resolved(rows: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "applied_on": pd.to_datetime([day(r.get("applied", OLD)) for r in rows]),
            "furthest_stage": pd.Categorical(
                [r.get("stage", "applied") for r in rows], categories=STAGES, ordered=True
            ),
            "outcome": pd.Series([r.get("outcome", "active") for r in rows], dtype=object),
            "direction": pd.Series([r.get("direction", "outbound") for r in rows], dtype=object),
            "first_response_on": pd.to_datetime([day(None) for _ in rows]),
            "last_activity_on": pd.to_datetime([day(r.get("last", r.get("applied", OLD))) for r in rows]),
        }
    )
    for column in ("source", "resume_version", "cover_letter"):
        if any(column in r for r in rows):
            frame[column] = pd.Series([r.get(column) for r in rows], dtype=object)
    return resolve_outcomes(frame, MetricParams(AS_OF))


def group(column: str, value: str, replies: list[tuple[str, str]], silent: int) -> list[dict[str, object]]:
    rows = [{column: value, "stage": s, "outcome": o, "last": "2024-06-20"} for s, o in replies]
    return rows + [{column: value} for _ in range(silent)]


# Referral 10 decided: offer 1, rejected after interview 3, after a screen 2, at application 2, ghosted 2
# LinkedIn 12 decided: rejected at application 2, ghosted 10 (+ 3 pending and 2 inbound, outside every rate)
SOURCE_ROWS = (
    group(
        "source",
        "Referral",
        [("offer", "accepted")]
        + [("interview", "rejected")] * 3
        + [("screen", "rejected")] * 2
        # rejected at application
        + [("applied", "rejected")] * 2,
        2,
    )
    + group("source", "LinkedIn", [("applied", "rejected")] * 2, 10)
    + [{"source": "LinkedIn", "applied": "2024-06-25"}] * 3
    + [{"source": "Referral", "direction": "inbound", "stage": "interview", "last": "2024-06-20"}] * 2
)


def test_benchmarks_quote_their_sources_and_figures() -> None:
    text = " ".join(b["source"] + " " + b["figure"] for b in BENCHMARKS)
    assert "CareerPlug" in text and "2024" in text and "3%" in text and "27%" in text
    assert "Lever" in text and "16" in text and "152" in text
    assert "Greenhouse" in text and "December 2024" in text and "61%" in text


def test_benchmarks_read_exactly_as_published() -> None:
    # each figure is defined once (analytics.benchmarks); the context panel's words are these, to the byte
    assert BENCHMARKS == (
        {
            "source": "CareerPlug Recruiting Metrics Report, 2024",
            "figure": "About 3% of applicants are invited to an interview; 27% of those interviewed are hired.",
        },
        {
            "source": "Lever, referral data",
            "figure": "A referred candidate is hired about 1 time in 16, against 1 in 152 from job postings.",
        },
        {
            "source": "Greenhouse candidate survey, December 2024",
            "figure": "61% of job seekers say they were ghosted after an interview.",
        },
    )


def test_p_text_shows_three_decimals_or_a_floor() -> None:
    assert p_text(0.0004) == "p < 0.001"
    assert p_text(0.001) == "p = 0.001"  # not below 0.001, so written out
    assert p_text(0.0123) == "p = 0.012"
    assert p_text(1.0) == "p = 1.000"


def test_k_of_n_keeps_the_count_with_the_percentage() -> None:
    assert k_of_n(12, 40) == "12 of 40 (30%)"
    assert k_of_n(2, 3) == "2 of 3 (67%)"  # 2/3 = .667
    assert k_of_n(0, 0) == "0 of 0"  # no percentage of nothing


# ---------------------------------------------------------------- segment findings


def test_two_value_segment_is_reported_once_with_its_strongest_metric() -> None:
    found = segment_insights(segment_rates(resolved(SOURCE_ROWS), ["source"]))
    # Referral vs LinkedIn is significant on response (p = 5357/646646), positive (210/74613) and interview
    # (210/7315); LinkedIn's mirrored "lower" verdicts are the same finding, so one insight, on the smallest
    # adjusted p: positive response, 6 of 10 vs 0 of 12.
    assert len(found) == 1
    (referral,) = found
    assert referral.title == "Source: Referral — positive response rate higher than the rest"
    # p = 210/74613 = .0028145 -> "p = 0.003"; BH with the mirrored twin leaves it unchanged
    assert referral.evidence == (
        "6 of 10 (60%) reached a screen or further vs 0 of 12 (0%) for the rest; p = 0.003 "
        "(adjusted for the other values: p = 0.003)."
    )
    assert referral.try_next == REFERRAL_ADVICE
    # strength = −log10(.0028145) · |.6 − 0| = 2.55061 · .6 = 1.53036
    assert referral.strength == pytest.approx(-math.log10(210 / 74613) * 0.6)


def test_a_lower_value_of_a_three_value_segment_is_reported() -> None:
    rows = (
        group("resume_version", "A", [("applied", "rejected")] * 2, 8)
        + group("resume_version", "B", [("applied", "rejected")] * 9, 1)
        + group("resume_version", "C", [("applied", "rejected")] * 9, 1)
    )
    rates = segment_rates(resolved(rows), ["resume_version"])
    found = segment_insights(rates)
    # A vs rest [[2, 8], [18, 2]]: C(30,20) = 30045015; P(x) ∝ C(10,x)·C(20,20−x): x=0: 1, x=1: 200, x=2: 8550,
    #   every other table is likelier -> p = 8751 / 30045015 = .000291
    # B vs rest [[9, 1], [11, 9]]: tables no likelier than 1679600: x = 0..4, 9, 10
    #   (1 + 200 + 8550 + 136800 + 1017450 + 1679600 + 184756) / 30045015 = 3027357 / 30045015 = .1008 (C same)
    # BH: B, C .1008; A: min(3 · .000291, .1008) = .000874 -> A lower; B and C no clear difference
    assert len(found) == 1
    (a,) = found
    assert a.title == "Résumé version: A — response rate lower than the rest"
    assert a.evidence == (
        "2 of 10 (20%) got a reply vs 18 of 20 (90%) for the rest; p < 0.001 "
        "(adjusted for the other values: p < 0.001)."
    )
    assert a.try_next == "Retire this résumé version; tailor the one that works to each posting."
    assert a.strength == pytest.approx(-math.log10(3 * 8751 / 30045015) * 0.7)


def test_no_finding_without_support() -> None:
    # 3 of 10 vs 0 of 20 looks like a gap (raw p = 120/4060 = .0296) but adjusted over 3 values it is .0887
    rows = (
        group("resume_version", "A", [("applied", "rejected")] * 3, 7)
        + group("resume_version", "B", [], 10)
        + group("resume_version", "C", [], 10)
    )
    assert segment_insights(segment_rates(resolved(rows), ["resume_version"])) == []
    # 9 of 9 vs 0 of 20: too few to judge, so nothing said either
    few = group("source", "Few", [("applied", "rejected")] * 9, 0) + group("source", "Many", [], 20)
    assert segment_insights(segment_rates(resolved(few), ["source"])) == []
    # and an empty breakdown says nothing
    assert segment_insights(pd.DataFrame(columns=SEGMENT_COLUMNS)) == []


def rate_row(segment: str, value: str, metric: str, k: int, n: int, rest_k: int, rest_n: int, p: float) -> dict:
    effect = k / n - rest_k / rest_n
    verdict = "no clear difference"
    if p < 0.05:
        verdict = "higher than the rest" if effect > 0 else "lower than the rest"
    rate = wilson(k, n)
    return {
        "segment": segment, "segment_label": segment.replace("_", " ").capitalize(), "value": value,
        "metric": metric, "k": k, "n": n, "rate": k / n, "low": rate.low, "high": rate.high,
        "rest_k": rest_k, "rest_n": rest_n, "rest_rate": rest_k / rest_n, "effect": effect,
        "p_value": p, "p_adjusted": p, "verdict": verdict,
    }  # fmt: skip


def test_two_values_each_better_at_something_are_both_reported() -> None:
    rates = pd.DataFrame(
        [
            rate_row("cover_letter", "Yes", "response", 15, 20, 5, 20, 0.003),
            rate_row("cover_letter", "No", "response", 5, 20, 15, 20, 0.003),
            rate_row("cover_letter", "No", "offer", 6, 20, 0, 20, 0.02),
            rate_row("cover_letter", "Yes", "offer", 0, 20, 6, 20, 0.02),
        ],
        columns=SEGMENT_COLUMNS,
    )
    found = segment_insights(rates)
    # "No is lower on response" repeats "Yes is higher"; "Yes is lower on offers" repeats "No is higher": 2 findings
    assert [i.title for i in found] == [
        "Cover letter: Yes — response rate higher than the rest",
        "Cover letter: No — offer rate higher than the rest",
    ]
    assert found[0].evidence.startswith("15 of 20 (75%) got a reply vs 5 of 20 (25%) for the rest; p = 0.003")
    assert found[1].evidence.startswith("6 of 20 (30%) reached an offer vs 0 of 20 (0%) for the rest; p = 0.020")
    assert found[0].try_next == "Keep writing cover letters for the roles you care most about."
    assert found[1].try_next == "Do more of what this group has in common."


# ---------------------------------------------------------------- funnel findings


def stages(interview: tuple[int, int], offer: tuple[int, int]) -> pd.DataFrame:
    """A funnel table with the given screen→interview and interview→offer conversions (k of n)."""
    rows = [{"stage": "applied", "reached": 100, "k": None, "n": None, "conversion": None, "low": None, "high": None}]
    for stage, (k, n) in (("screen", (10, 100)), ("interview", interview), ("offer", offer)):
        rate = wilson(k, n)
        rows.append(
            {"stage": stage, "reached": k, "k": k, "n": n, "conversion": rate.value, "low": rate.low, "high": rate.high}
        )
    return pd.DataFrame(rows)


def figures(positive: tuple[int, int] = (10, 40)) -> Kpis:
    k, n = positive
    return Kpis(
        applications=n, outbound=n, inbound=0, mature=n, pending=0,
        response_rate=wilson(k, n), positive_rate=wilson(k, n), interview_rate=wilson(0, n),
        offer_rate=wilson(0, n), ghosted=wilson(0, n), pending_share=wilson(0, n), undated=0,
    )  # fmt: skip


def titles(found: list[Insight]) -> list[str]:
    return [i.title for i in found]


def test_offers_finding_only_when_the_whole_interval_is_below_27_percent() -> None:
    # 0 of 10: Wilson high = z²/(n + z²) = 3.8415/13.8415 = .2775 — could still be 27%: nothing said
    assert titles(funnel_insights(stages((5, 10), (0, 10)), figures())) == []
    # 0 of 11: high = 3.8415/14.8415 = .2588 < .27: said, with the numbers
    (found,) = funnel_insights(stages((5, 10), (0, 11)), figures())
    assert found.title == "Interviews rarely turn into offers"
    assert found.evidence == (
        "0 of 11 decided interviews led to an offer (at most 26% at 95% confidence), below the 27% employers report."
    )
    assert found.try_next.startswith("Practise interviews")
    # 0 of 4: under 5 decided interviews, nothing said whatever the interval
    assert titles(funnel_insights(stages((5, 10), (0, 4)), figures())) == []


def test_screens_finding_only_when_the_whole_interval_is_below_half() -> None:
    # 0 of 5: high = 3.8415/8.8415 = .4345 < .5 -> said
    (found,) = funnel_insights(stages((0, 5), (0, 0)), figures())
    assert found.title == "Screens rarely lead to interviews"
    assert found.evidence == "0 of 5 decided screens led to an interview."
    # 1 of 5: p̂ = .2, centre = .2 + .38415 = .58415, half = 1.96·sqrt(.032 + .038415) = .52010, scale 1.76830
    #   high = 1.10425/1.76830 = .6245 -> could be half: nothing said
    assert titles(funnel_insights(stages((1, 5), (0, 0)), figures())) == []
    # 0 of 4: too few decided screens
    assert titles(funnel_insights(stages((0, 4), (0, 0)), figures())) == []


def test_first_screen_finding_needs_the_interval_below_5_percent() -> None:
    # 0 of 72: high = 3.8415/75.8415 = .05065 -> not below 5%; 0 of 73: 3.8415/76.8415 = .04999 -> said
    assert titles(funnel_insights(stages((5, 10), (0, 0)), figures((0, 72)))) == []
    (found,) = funnel_insights(stages((5, 10), (0, 0)), figures((0, 73)))
    assert found.title == "Few applications get past the first screen"
    assert found.evidence == "0 of 73 reached a screen (at most 5% at 95% confidence)."


def test_insights_are_ranked_strongest_first() -> None:
    frame = resolved(SOURCE_ROWS)
    found = insights(segment_rates(frame, ["source"]), funnel(frame), kpis(frame))
    # funnel: 6 of 8 screens led to an interview (high > .5); 1 of 4 decided interviews (n < 5); 6 of 22 positive
    assert titles(found) == ["Source: Referral — positive response rate higher than the rest"]
    combined = insights(
        segment_rates(frame, ["source"]), stages((0, 5), (0, 11)), figures((0, 73))
    )  # strengths: interviews→offers 2.0, Referral 1.53, first screen 1.5, screens→interviews 1.0
    assert titles(combined) == [
        "Interviews rarely turn into offers",
        "Source: Referral — positive response rate higher than the rest",
        "Few applications get past the first screen",
        "Screens rarely lead to interviews",
    ]
    strengths = [i.strength for i in combined]
    assert strengths == sorted(strengths, reverse=True)
    for insight in combined:
        assert " of " in insight.evidence  # always the count, never a bare percentage
        assert insight.try_next
