"""timeline: time to first reply (Kaplan–Meier), ghosting by source, days spent per stage.

Why: docs/architecture.md — silent applications are censored at the as-of date, never dropped (dropping them makes
employers look fast and the seeker look unlucky); the median and 75th percentile are "not reached" while
fewer than half / three quarters have replied. Every curve below is worked out by hand:
S(t) = prod over reply days t_i <= t of (1 − d_i / n_i), with n_i = applications still waiting at t_i
(a censored one still counts at its own day), and the curve's `replied` is 1 − S(t).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from builders import application_frame, hand_wilson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from applytics.analytics.metrics import MetricParams, resolve_outcomes
from applytics.analytics.timeline import ghosting_by_source, response_times, stage_durations

AS_OF = dt.date(2024, 6, 30)
PARAMS = MetricParams(AS_OF, 30)


def apps(rows: list[dict[str, object]]) -> pd.DataFrame:
    return application_frame(rows, last_falls_back_to=("response", "applied"))


def resolved(rows: list[dict[str, object]]) -> pd.DataFrame:
    return resolve_outcomes(apps(rows), PARAMS)


def curve_rows(times: object) -> list[tuple[int, float, int]]:
    return [(int(r.day), round(float(r.replied), 6), int(r.at_risk)) for r in times.curve.itertuples()]


# ---------------------------------------------------------------- Kaplan–Meier by hand

# As of 2024-06-30. Outbound, dated: 4 replies and 4 silent applications.
KM_ROWS = [
    {"applied": "2024-06-01", "response": "2024-06-03", "stage": "screen"},  # reply after 2 days
    {"applied": "2024-06-01", "response": "2024-06-06", "stage": "screen"},  # 5 days
    {"applied": "2024-06-10", "response": "2024-06-15", "outcome": "rejected"},  # 5 days (tie)
    {"applied": "2024-05-01", "response": "2024-05-11", "stage": "interview"},  # 10 days
    {"applied": "2024-06-25"},  # silent 5 days: censored at 5 (tie with two replies)
    {"applied": "2024-06-22"},  # silent 8 days: censored at 8
    {"applied": "2024-06-10"},  # silent 20 days: censored at 20
    {"applied": "2024-05-31"},  # silent 30 days (ghosted): censored at 30
    # left out of the curve: a recruiter contact, and an application with no date
    {"applied": "2024-06-01", "response": "2024-06-02", "stage": "screen", "direction": "inbound"},
    {"applied": None},
]


def test_kaplan_meier_with_ties_and_censoring_by_hand() -> None:
    times = response_times(resolved(KM_ROWS), AS_OF)
    # day 2:  n = 8 waiting, d = 1 -> S = 7/8              -> replied 1/8 = .125
    # day 5:  n = 7 (the censored 5-day one still waits at day 5), d = 2 -> S = 7/8 · 5/7 = 5/8 -> replied .375
    # day 8:  censored, no reply: S stays 5/8, n = 4
    # day 10: n = 3 (10, 20, 30), d = 1 -> S = 5/8 · 2/3 = 5/12 -> replied 7/12 = .583333
    # days 20, 30: censored only, S stays 5/12
    assert curve_rows(times) == [
        (0, 0.0, 8),
        (2, 0.125, 8),
        (5, 0.375, 7),
        (8, 0.375, 4),
        (10, round(7 / 12, 6), 3),
        (20, round(7 / 12, 6), 2),
        (30, round(7 / 12, 6), 1),
    ]
    assert (times.replied, times.censored, times.left_out) == (4, 4, 1)
    # median: first day with replied >= .5 -> day 10; 75% is never reached (7/12 < .75)
    assert times.median_days == 10.0
    assert times.p75_days is None
    assert times.final_share == pytest.approx(7 / 12)
    # plain median of the 4 observed waits 2, 5, 5, 10 -> (5 + 5) / 2
    assert times.median_among_replies == 5.0


def test_dropping_the_silent_ones_would_have_said_something_else() -> None:
    # The whole point of censoring: with the 4 silent applications dropped, everyone "replies" by day 10.
    replies_only = response_times(resolved(KM_ROWS[:4]), AS_OF)
    assert replies_only.final_share == pytest.approx(1.0)
    assert response_times(resolved(KM_ROWS), AS_OF).final_share == pytest.approx(7 / 12)


def test_quartiles_reached_with_tied_replies() -> None:
    rows = [
        {"applied": "2024-06-01", "response": r, "stage": "screen"}
        for r in ("2024-06-02", "2024-06-02", "2024-06-04", "2024-06-05", "2024-06-08")
    ] + [{"applied": "2024-06-28"}]  # silent 2 days: censored at 2
    times = response_times(resolved(rows), AS_OF)
    # day 1: n = 6, d = 2 -> S = 4/6                 replied 1/3
    # day 2: censored one leaves                     replied 1/3, n = 4
    # day 3: n = 3, d = 1 -> S = 4/6 · 2/3 = 4/9      replied 5/9 = .5556  (median: day 3)
    # day 4: n = 2, d = 1 -> S = 4/9 · 1/2 = 2/9      replied 7/9 = .7778  (p75: day 4)
    # day 7: n = 1, d = 1 -> S = 0                   replied 1
    assert curve_rows(times) == [
        (0, 0.0, 6),
        (1, round(1 / 3, 6), 6),
        (2, round(1 / 3, 6), 4),
        (3, round(5 / 9, 6), 3),
        (4, round(7 / 9, 6), 2),
        (7, 1.0, 1),
    ]
    assert (times.median_days, times.p75_days) == (3.0, 4.0)
    assert (times.replied, times.censored) == (5, 1)
    assert times.median_among_replies == 3.0  # 1, 1, 3, 4, 7


def test_median_not_reached_when_fewer_than_half_reply() -> None:
    rows = [
        {"applied": "2024-06-01", "response": "2024-06-04", "stage": "screen"},  # 3 days
        {"applied": "2024-06-01", "response": "2024-06-07", "outcome": "rejected"},  # 6 days
        {"applied": "2024-05-21"},  # censored at 40
        {"applied": "2024-05-11"},  # censored at 50
        {"applied": "2024-05-01"},  # censored at 60
    ]
    times = response_times(resolved(rows), AS_OF)
    # day 3: S = 4/5; day 6: S = 4/5 · 3/4 = 3/5 -> replied .4 < .5: neither median nor p75 reached
    assert times.median_days is None
    assert times.p75_days is None
    assert times.final_share == pytest.approx(0.4)
    assert (times.replied, times.censored) == (2, 3)


def test_no_reply_yet_gives_an_empty_curve_not_a_made_up_one() -> None:
    times = response_times(resolved([{"applied": "2024-06-01"}, {"applied": "2024-06-20"}, {"applied": None}]), AS_OF)
    assert times.curve.empty
    assert (times.replied, times.censored, times.left_out) == (0, 2, 1)
    assert (times.median_days, times.p75_days, times.median_among_replies, times.final_share) == (None, None, None, 0.0)


def test_a_same_day_reply_counts_at_day_zero() -> None:
    rows = [
        {"applied": "2024-06-01", "response": "2024-06-01", "stage": "screen"},  # replied the same day
        {"applied": "2024-06-01", "response": "2024-06-03", "stage": "screen"},  # 2 days
        {"applied": "2024-06-25"},  # censored at 5
    ]
    times = response_times(resolved(rows), AS_OF)
    # day 0: all 3 waiting, d = 1 -> S = 2/3 (replied 1/3); day 2: n = 2, d = 1 -> S = 1/3 (replied 2/3)
    assert [(d, r) for d, r, _ in curve_rows(times)] == [
        (0, 0.0),
        (0, round(1 / 3, 6)),
        (2, round(2 / 3, 6)),
        (5, round(2 / 3, 6)),
    ]
    assert times.median_days == 2.0
    assert times.median_among_replies == 1.0


def test_at_risk_on_a_same_day_reply_counts_every_application() -> None:
    rows = [
        {"applied": "2024-06-01", "response": "2024-06-01", "stage": "screen"},
        {"applied": "2024-06-01", "response": "2024-06-03", "stage": "screen"},
        {"applied": "2024-06-25"},
    ]
    times = response_times(resolved(rows), AS_OF)
    # At the day-0 reply all three applications were still waiting: n_0 = 3 (the estimate 1 − 1/3 uses it).
    assert curve_rows(times)[1] == (0, round(1 / 3, 6), 3)


def test_a_reply_without_a_date_is_not_counted_as_a_silent_application() -> None:
    rows = [
        {"applied": "2024-06-01", "response": "2024-06-03", "stage": "screen"},  # reply after 2 days
        {"applied": "2024-06-01", "response": "2024-06-05", "stage": "screen"},  # 4 days
        {"applied": "2024-06-01", "outcome": "rejected"},  # rejected, but the sheet has no date for it
        {"applied": "2024-06-20"},  # silent: censored at 10
    ]
    frame = resolved(rows)
    assert frame["responded"].tolist() == [True, True, True, False]
    times = response_times(frame, AS_OF)
    # Only one application is silent. The dateless rejection did get a reply: counting it as censored at
    # 29 days ("still no reply") pulls the curve down (1/2 by day 4 instead of 2/3 without it).
    assert times.censored == 1


# ---------------------------------------------------------------- properties

APPLICATION = st.tuples(
    st.one_of(st.none(), st.integers(0, 90)),  # days before AS_OF the application went out (None: undated)
    st.one_of(st.none(), st.integers(0, 60)),  # days until the first reply (None: silent)
    st.sampled_from(["outbound", "outbound", "inbound"]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(APPLICATION, min_size=1, max_size=25))
def test_curve_is_a_non_decreasing_share(specs: list[tuple[int | None, int | None, str]]) -> None:
    rows = []
    for before, wait, direction in specs:
        applied = None if before is None else (pd.Timestamp(AS_OF) - pd.Timedelta(days=before))
        row: dict[str, object] = {"direction": direction, "applied": None if applied is None else str(applied.date())}
        if applied is not None and wait is not None and wait <= before:
            row.update(response=str((applied + pd.Timedelta(days=wait)).date()), stage="screen")
        rows.append(row)
    frame = resolved(rows)
    times = response_times(frame, AS_OF)
    outbound = int((frame["direction"] != "inbound").sum())
    assert times.replied + times.censored + times.left_out == outbound
    if times.curve.empty:
        assert times.replied == 0
        return
    replied = times.curve["replied"].to_numpy(float)
    assert (replied >= -1e-12).all() and (replied <= 1 + 1e-12).all()
    assert (replied[1:] >= replied[:-1] - 1e-12).all()
    assert (times.curve["day"].diff().dropna() >= 0).all()
    assert times.final_share == pytest.approx(replied[-1])
    if times.median_days is not None and times.p75_days is not None:
        assert times.median_days <= times.p75_days
    if times.median_days is None:
        assert replied[-1] < 0.5


# ---------------------------------------------------------------- ghosting by source


def test_ghosting_by_source_over_decided_outbound() -> None:
    old, young = "2024-04-01", "2024-06-25"
    rows = (
        [{"source": "LinkedIn", "applied": old}] * 3  # ghosted
        + [{"source": "LinkedIn", "applied": old, "outcome": "rejected", "last": "2024-04-10"}]
        + [{"source": "LinkedIn", "applied": young}]  # pending: not decided, left out
        + [{"source": "LinkedIn", "applied": old, "direction": "inbound"}]  # inbound: left out
        + [{"source": "Indeed", "applied": old, "outcome": "rejected", "last": "2024-04-05"}] * 2
        # silence after an interview is ghosting too
        + [{"source": "Company site", "applied": old, "stage": "interview", "last": "2024-04-20"}]
        + [{"source": "Company site", "applied": old, "outcome": "rejected", "last": "2024-04-05"}]
        + [{"source": None, "applied": old}]
    )
    table = ghosting_by_source(resolved(rows))
    # LinkedIn 3 of 4, Indeed 0 of 2, Company site 1 of 2, no source 1 of 1; highest rate first
    assert [(r.source, r.k, r.n) for r in table.itertuples()] == [
        ("(no source)", 1, 1),
        ("LinkedIn", 3, 4),
        ("Company site", 1, 2),
        ("Indeed", 0, 2),
    ]
    linkedin = table[table["source"] == "LinkedIn"].iloc[0]
    # 3 of 4: p̂ = .75; centre = .75 + .48018 = 1.23018; half = 1.96·sqrt(.046875 + .060020) = .64083; scale 1.96037
    # -> [.3006, .9544]
    assert (linkedin["rate"], linkedin["low"], linkedin["high"]) == (
        0.75,
        pytest.approx(0.3006, abs=1e-4),
        pytest.approx(0.9544, abs=1e-4),
    )
    low, high = hand_wilson(3, 4)
    assert (linkedin["low"], linkedin["high"]) == (pytest.approx(low), pytest.approx(high))


# ---------------------------------------------------------------- time per stage


def stage_frame(days: list[dict[str, int | None]]) -> pd.DataFrame:
    start = pd.Timestamp("2024-06-01")

    def at(offset: int | None) -> pd.Timestamp:
        return pd.NaT if offset is None else start + pd.Timedelta(days=offset)

    return pd.DataFrame(
        {
            "applied_on": pd.to_datetime([start] * len(days)),
            "first_response_on": pd.to_datetime([at(d["reply"]) for d in days]),
            "screen_on": pd.to_datetime([at(d["screen"]) for d in days]),
            "interview_on": pd.to_datetime([at(d["interview"]) for d in days]),
            "offer_on": pd.to_datetime([at(d["offer"]) for d in days]),
        }
    )


STAGE_DAYS = [  # days after applying
    {"reply": 1, "screen": 1, "interview": 5, "offer": 19},
    {"reply": 3, "screen": 3, "interview": 5, "offer": None},
    {"reply": 5, "screen": 5, "interview": 3, "offer": None},  # interview date before the screen: typo, left out
    {"reply": 7, "screen": 7, "interview": 15, "offer": None},
    {"reply": None, "screen": 20, "interview": None, "offer": None},
]


def test_stage_durations_median_and_quartiles_by_hand() -> None:
    table = stage_durations(stage_frame(STAGE_DAYS))
    got = {r.step: (r.n, r.median, r.q1, r.q3) for r in table.itertuples()}
    # quartiles by linear interpolation at position (n − 1)·q of the sorted values
    # applied → first reply: 1, 3, 5, 7: median (3+5)/2 = 4; q1 at 0.75: 1 + .75·2 = 2.5; q3 at 2.25: 5 + .25·2 = 5.5
    # applied → screen: 1, 3, 5, 7, 20: median 5; q1 at 1: 3; q3 at 3: 7
    # screen → interview: 4, 2, (−2 dropped), 8 -> 2, 4, 8: median 4; q1 at .5: 3; q3 at 1.5: 6
    # interview → offer: 14 only
    assert got == {
        "applied → first reply": (4, 4.0, 2.5, 5.5),
        "applied → screen": (5, 5.0, 3.0, 7.0),
        "screen → interview": (3, 4.0, 3.0, 6.0),
        "interview → offer": (1, 14.0, 14.0, 14.0),
    }
    assert list(table["step"]) == [
        "applied → first reply",
        "applied → screen",
        "screen → interview",
        "interview → offer",
    ]


def test_stage_durations_skip_steps_without_dates() -> None:
    frame = stage_frame(STAGE_DAYS).drop(columns=["offer_on"])
    table = stage_durations(frame)
    assert "interview → offer" not in set(table["step"])
    empty = stage_frame([{"reply": None, "screen": None, "interview": None, "offer": None}])
    rows = stage_durations(empty)
    assert (rows["n"] == 0).all()
    assert rows["median"].isna().all()
