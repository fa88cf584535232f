"""metrics: the metric definitions of docs/architecture.md, checked on small frames worked out by hand.

Why: these numbers are what a discouraged job seeker reads. Young silent applications are
pending, not failures; rates use the mature denominator and leave inbound contacts out; each
rate carries its count and a Wilson interval; the funnel's conversion leaves out applications
still open at the earlier stage.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from builders import application_frame, hand_wilson
from hypothesis import given, settings
from hypothesis import strategies as st

from applytics.analytics.metrics import (
    MetricParams,
    Rate,
    funnel,
    kpis,
    outcome_counts,
    resolve_outcomes,
    sankey_links,
    wilson,
)
from applytics.schema import OUTCOMES, STAGES


def apps(rows: list[dict[str, object]]) -> pd.DataFrame:
    """The columns metrics read, with the same types normalize produces."""
    return application_frame(rows)


def resolved(stage_outcomes: list[tuple[str, str]]) -> pd.DataFrame:
    """A frame as resolve_outcomes leaves it, for funnel, counts and Sankey."""
    return apps([{"stage": s, "outcome": o} for s, o in stage_outcomes])


AS_OF = dt.date(2024, 6, 30)


# ---------------------------------------------------------------- wilson


def test_wilson_against_a_hand_computed_interval() -> None:
    # k=4, n=6: p̂=0.6667, z²=3.8415; centre=(0.6667+0.3201)/1.6402=0.6016
    # half=1.96*sqrt(0.2222/6 + 3.8415/144)/1.6402 = 1.96*0.2524/1.6402 = 0.3016 -> [0.3000, 0.9032]
    rate = wilson(4, 6)
    assert (rate.k, rate.n, rate.value) == (4, 6, pytest.approx(4 / 6))
    assert rate.low == pytest.approx(0.3000, abs=1e-3)
    assert rate.high == pytest.approx(0.9032, abs=1e-3)


def test_wilson_with_no_trials_gives_no_rate() -> None:
    rate = wilson(0, 0)
    assert (rate.n, rate.value, rate.low, rate.high) == (0, None, None, None)
    assert rate.as_dict() == {"k": 0, "n": 0, "rate": None, "low": None, "high": None}


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 2000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_interval_contains_the_rate_and_matches_the_formula(kn: tuple[int, int]) -> None:
    k, n = kn
    rate = wilson(k, n)
    assert 0.0 <= rate.low <= k / n <= rate.high <= 1.0
    low, high = hand_wilson(k, n)
    assert rate.low == pytest.approx(low, abs=1e-6)
    assert rate.high == pytest.approx(high, abs=1e-6)
    assert rate.as_dict() == {"k": k, "n": n, "rate": k / n, "low": rate.low, "high": rate.high}


# ---------------------------------------------------------------- resolve_outcomes


def test_the_ghost_window_boundary() -> None:
    frame = apps(
        [
            {"applied": "2024-05-31"},  # 30 silent days before 2024-06-30 -> ghosted (exactly the window)
            {"applied": "2024-06-01"},  # 29 days -> pending
            {"applied": "2024-06-29"},  # 1 day -> pending
            {"stage": "screen", "applied": "2024-05-01", "last": "2024-05-31"},  # a screen, then 30 days of silence
            {"stage": "screen", "applied": "2024-05-01", "last": "2024-06-01"},  # 29 days since the last news
            {"outcome": "rejected", "applied": "2023-01-01"},  # an outcome is never rewritten
            {"outcome": "pending", "applied": "2024-06-20"},  # already pending: stays pending while young
        ]
    )
    out = resolve_outcomes(frame, MetricParams(AS_OF, ghost_after_days=30))
    assert list(out["outcome"]) == ["ghosted", "pending", "pending", "ghosted", "active", "rejected", "pending"]


def test_the_ghost_window_is_a_parameter() -> None:
    frame = apps([{"applied": "2024-06-01"}, {"applied": "2024-06-25"}])
    # 29 and 5 silent days: a 10-day window ghosts the first only
    out = resolve_outcomes(frame, MetricParams(AS_OF, ghost_after_days=10))
    assert list(out["outcome"]) == ["ghosted", "pending"]


def test_undated_silent_applications_cannot_be_young() -> None:
    # no date at all: nothing shows it is recent, so it is not left pending forever (docstring)
    frame = apps([{}, {"outcome": "rejected"}, {"stage": "interview"}])
    out = resolve_outcomes(frame, MetricParams(AS_OF))
    assert list(out["outcome"]) == ["ghosted", "rejected", "active"]


def test_responded_and_mature() -> None:
    frame = apps(
        [
            {"applied": "2024-06-25"},  # young, silent: not responded, not mature
            {"applied": "2024-06-25", "outcome": "rejected"},  # young but rejected: a reply, mature
            {"applied": "2024-06-25", "response": "2024-06-27"},  # a response date alone counts as a reply
            {"applied": "2024-06-20", "stage": "screen"},  # a screen is a reply
            {"applied": "2024-01-01"},  # old and silent: ghosted, mature, no reply
        ]
    )
    out = resolve_outcomes(frame, MetricParams(AS_OF))
    assert list(out["responded"]) == [False, True, True, True, False]
    assert list(out["mature"]) == [False, True, True, True, True]


def test_resolve_outcomes_leaves_its_input_alone() -> None:
    frame = apps([{"applied": "2024-01-01"}])
    resolve_outcomes(frame, MetricParams(AS_OF))
    assert list(frame["outcome"]) == ["active"]
    assert "responded" not in frame.columns


# ---------------------------------------------------------------- kpis

KPI_ROWS = [
    {"applied": "2024-06-25"},  # 1 pending (5 d)
    {"applied": "2024-06-20"},  # 2 pending (10 d)
    {"applied": "2024-04-01"},  # 3 ghosted (90 d): mature, no reply
    {"applied": "2024-06-26", "outcome": "rejected", "last": "2024-06-28"},  # 4 young but rejected: mature, replied
    {"applied": "2024-06-10", "stage": "screen", "last": "2024-06-20"},  # 5 screen, active: mature, replied
    {"applied": "2024-03-01", "stage": "interview", "outcome": "rejected"},  # 6 interview: replied
    {"applied": "2024-02-01", "stage": "offer", "outcome": "accepted"},  # 7 offer: replied
    {"applied": "2024-06-25", "stage": "screen", "direction": "inbound"},  # 8 inbound: out of the rates
    {"applied": "2024-06-28", "outcome": "ghosted"},  # 9 the tracker says "No response": ghosted, mature
    {"stage": "screen", "response": "2024-05-01"},  # 10 no application date: undated, replied
]


def test_kpis_on_a_hand_built_frame() -> None:
    figures = kpis(resolve_outcomes(apps(KPI_ROWS), MetricParams(AS_OF)))
    assert (figures.applications, figures.outbound, figures.inbound) == (10, 9, 1)
    # outbound 9; pending 1, 2 (young, silent) -> mature = 9 - 2 = 7 (rows 3, 4, 5, 6, 7, 9, 10)
    assert (figures.mature, figures.pending) == (7, 2)
    # replied among the 7: rows 4, 5, 6, 7, 10 -> 5 of 7
    assert (figures.response_rate.k, figures.response_rate.n) == (5, 7)
    # screen or beyond: 5, 6, 7, 10 -> 4 of 7; interview+: 6, 7 -> 2; offer: 7 -> 1
    assert (figures.positive_rate.k, figures.positive_rate.n) == (4, 7)
    assert (figures.interview_rate.k, figures.interview_rate.n) == (2, 7)
    assert (figures.offer_rate.k, figures.offer_rate.n) == (1, 7)
    # ghosted over all 10: rows 3 and 9
    assert (figures.ghosted.k, figures.ghosted.n) == (2, 10)
    assert (figures.pending_share.k, figures.pending_share.n) == (2, 10)
    assert figures.undated == 1
    low, high = hand_wilson(5, 7)
    assert figures.response_rate.low == pytest.approx(low, abs=1e-6)
    assert figures.response_rate.high == pytest.approx(high, abs=1e-6)


def test_inbound_contacts_do_not_move_the_rates() -> None:
    base = kpis(resolve_outcomes(apps(KPI_ROWS), MetricParams(AS_OF)))
    more = KPI_ROWS + [{"applied": "2024-03-01", "stage": "offer", "outcome": "accepted", "direction": "inbound"}] * 5
    figures = kpis(resolve_outcomes(apps(more), MetricParams(AS_OF)))
    assert figures.inbound == 6
    assert figures.applications == 15
    for name in ("response_rate", "positive_rate", "interview_rate", "offer_rate"):
        assert getattr(figures, name) == getattr(base, name), name


def test_kpis_of_nothing() -> None:
    figures = kpis(resolve_outcomes(apps([]), MetricParams(AS_OF)))
    assert (figures.applications, figures.mature, figures.pending) == (0, 0, 0)
    assert figures.response_rate == Rate(0, 0, None, None)


# ---------------------------------------------------------------- funnel, outcomes, Sankey

FUNNEL = [
    *[("applied", "pending")] * 3,
    *[("applied", "ghosted")] * 2,
    ("applied", "rejected"),
    ("screen", "active"),
    ("screen", "rejected"),
    ("interview", "rejected"),
    ("offer", "accepted"),
]


def test_funnel_reached_is_cumulative_and_conversion_skips_open_ones() -> None:
    stages = funnel(resolved(FUNNEL)).set_index("stage")
    # reached: all 10; screen or beyond 4; interview or beyond 2; offer 1
    assert stages["reached"].tolist() == [10, 4, 2, 1]
    # applied -> screen: 4 of (10 - 3 pending still at applied) = 4/7
    # screen -> interview: 2 of (4 - 1 screen still active) = 2/3
    # interview -> offer: 1 of (2 - 0) = 1/2
    assert [int(stages.loc[s, "k"]) for s in STAGES[1:]] == [4, 2, 1]
    assert [int(stages.loc[s, "n"]) for s in STAGES[1:]] == [7, 3, 2]
    assert [int(stages.loc[s, "still_open"]) for s in STAGES[1:]] == [3, 1, 0]
    assert stages.loc["screen", "conversion"] == pytest.approx(4 / 7)
    low, high = hand_wilson(2, 3)
    assert (stages.loc["interview", "low"], stages.loc["interview", "high"]) == (
        pytest.approx(low, abs=1e-6),
        pytest.approx(high, abs=1e-6),
    )
    assert pd.isna(stages.loc["applied", "conversion"])


def test_outcome_counts_list_every_outcome_with_zeros() -> None:
    counts = outcome_counts(resolved(FUNNEL))
    assert list(counts["outcome"]) == list(OUTCOMES)
    # by hand from FUNNEL: pending 3, ghosted 2, rejected 3, active 1, accepted 1, the rest 0
    expected = {"active": 1, "pending": 3, "ghosted": 2, "rejected": 3, "withdrawn": 0, "declined": 0,
                "accepted": 1, "closed": 0}  # fmt: skip
    assert dict(zip(counts["outcome"], counts["count"], strict=True)) == expected


def test_sankey_links_by_hand() -> None:
    links = sankey_links(resolved(FUNNEL))
    got = {(s, t): v for s, t, v in links.itertuples(index=False)}
    assert got == {
        ("applied", "screen"): 4,
        ("applied", "outcome:pending"): 3,
        ("applied", "outcome:ghosted"): 2,
        ("applied", "outcome:rejected"): 1,
        ("screen", "interview"): 2,
        ("screen", "outcome:active"): 1,
        ("screen", "outcome:rejected"): 1,
        ("interview", "offer"): 1,
        ("interview", "outcome:rejected"): 1,
        ("offer", "outcome:accepted"): 1,
    }


PAIRS = st.tuples(st.sampled_from(STAGES), st.sampled_from(OUTCOMES))


@settings(max_examples=150, deadline=None)
@given(st.lists(PAIRS, max_size=40))
def test_sankey_flows_conserve_counts(pairs: list[tuple[str, str]]) -> None:
    frame = resolved(pairs)
    links = sankey_links(frame)
    assert (links["value"] > 0).all()
    into = links.groupby("target")["value"].sum()
    out_of = links.groupby("source")["value"].sum()
    # everything leaves "applied"; each later stage passes on exactly what it received
    assert int(out_of.get("applied", 0)) == len(pairs)
    for stage in STAGES[1:]:
        assert int(into.get(stage, 0)) == int(out_of.get(stage, 0))
    # every application ends in exactly one outcome
    ends = links[links["target"].str.startswith("outcome:")]
    assert int(ends["value"].sum()) == len(pairs)
    counts = outcome_counts(frame)
    for outcome, count in zip(counts["outcome"], counts["count"], strict=True):
        assert int(ends.loc[ends["target"] == f"outcome:{outcome}", "value"].sum()) == count


@settings(max_examples=150, deadline=None)
@given(st.lists(PAIRS, max_size=40))
def test_funnel_invariants(pairs: list[tuple[str, str]]) -> None:
    stages = funnel(resolved(pairs))
    reached = stages["reached"].tolist()
    assert reached[0] == len(pairs)
    assert reached == sorted(reached, reverse=True)
    for row in stages.iloc[1:].itertuples():
        assert 0 <= row.k <= row.n
        assert row.k + row.still_open <= reached[list(STAGES).index(row.stage) - 1]
