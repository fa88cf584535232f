"""readings: the sentence beside each chart.

Why: DESIGN §1 and §4: the copy must be factual and encouraging, and a number never travels
without its count ("12 of 40"). A reading that states something false ("all 0 are younger
than 30 days") is as wrong as a wrong figure.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from applytics.analytics.metrics import Kpis, MetricParams, Rate, kpis, resolve_outcomes
from applytics.present.readings import funnel_reading, kpi_reading, sankey_reading, share
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
