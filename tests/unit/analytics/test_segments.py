"""segments: rates by segment, each value compared with the rest (Fisher), adjusted (Benjamini–Hochberg).

Why: issue #4 asks "what should I change?". A segment value is only called better or worse when Fisher's
exact test still holds after adjusting for the other values of the breakdown; under 10 applications it is
"too few to judge"; every cell has k of n and a Wilson interval. Rates use mature outbound applications only
(docs/architecture.md): young silent ones (pending) and recruiter contacts (inbound) would distort them.

Every expected number below is worked out by hand in the comments (hypergeometric terms via math.comb).
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from builders import application_frame, hand_wilson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from applytics.analytics.metrics import MetricParams, resolve_outcomes
from applytics.analytics.segments import (
    ALPHA,
    MIN_SEGMENT,
    SEGMENT_COLUMNS,
    role_family,
    segment_columns,
    segment_rates,
    stage_heat,
)
from applytics.schema import STAGES

AS_OF = dt.date(2024, 6, 30)
PARAMS = MetricParams(AS_OF, 30)
OLD = "2024-04-01"  # > 30 silent days before AS_OF: a silent application is ghosted, i.e. decided
YOUNG = "2024-06-25"  # 5 days before AS_OF: a silent application is pending, left out of the rates


def hand_fisher(a: int, b: int, c: int, d: int) -> float:
    """Two-sided Fisher for [[a, b], [c, d]]: sum of hypergeometric P(x) over tables no likelier than the observed."""
    r1, r2, c1 = a + b, c + d, a + c
    total = math.comb(r1 + r2, c1)
    probability = {x: math.comb(r1, x) * math.comb(r2, c1 - x) / total for x in range(max(0, c1 - r2), min(r1, c1) + 1)}
    observed = probability[a]
    return sum(p for p in probability.values() if p <= observed * (1 + 1e-7))


def apps(rows: list[dict[str, object]]) -> pd.DataFrame:
    return application_frame(rows, applied=OLD)


def resolved(rows: list[dict[str, object]]) -> pd.DataFrame:
    return resolve_outcomes(apps(rows), PARAMS)


def cell(table: pd.DataFrame, segment: str, value: str, metric: str) -> pd.Series:
    found = table[(table["segment"] == segment) & (table["value"] == value) & (table["metric"] == metric)]
    assert len(found) == 1, f"expected one row for {segment}={value} {metric}, got {len(found)}"
    return found.iloc[0]


def group(value: str, replies: list[tuple[str, str]], silent: int, column: str = "source") -> list[dict[str, object]]:
    """`replies` as (stage, outcome) rows, then `silent` old silent applications (ghosted once resolved)."""
    rows = [{column: value, "stage": s, "outcome": o, "last": "2024-06-20"} for s, o in replies]
    return rows + [{column: value} for _ in range(silent)]


# Referral, 10 decided outbound: 1 offer accepted, 3 rejected after interview, 2 rejected after a screen,
# 2 rejected at application, 2 silent (ghosted)
#   -> replied 8, reached screen+ 6, interview+ 4, offer 1.
REFERRAL = group(
    "Referral",
    [("offer", "accepted")]
    + [("interview", "rejected")] * 3
    + [("screen", "rejected")] * 2
    # rejected at application: a reply, not positive
    + [("applied", "rejected")] * 2,
    silent=2,
)
# LinkedIn, 12 decided outbound: 2 rejected at application, 10 silent (ghosted) -> replied 2, screen+ 0.
LINKEDIN = group("LinkedIn", [("applied", "rejected")] * 2, silent=10)
# Left out of every rate: 3 young silent LinkedIn applications (pending) and 2 recruiter contacts (inbound).
PENDING = [{"source": "LinkedIn", "applied": YOUNG} for _ in range(3)]
INBOUND = [{"source": "Referral", "direction": "inbound", "stage": "interview", "last": "2024-06-20"}] * 2
SOURCE_ROWS = REFERRAL + LINKEDIN + PENDING + INBOUND


# ---------------------------------------------------------------- role_family


@pytest.mark.parametrize(
    ("role", "family"),
    [
        ("Senior Data Analyst", "Data Analyst"),
        ("Data Analyst", "Data Analyst"),
        ("Sr. Data Analyst", "Data Analyst"),
        ("Junior data analyst", "Data analyst"),  # first letter capitalised, the rest as typed
        ("Data Analyst II", "Data Analyst"),
        ("Lead Data Engineer", "Data Engineer"),
        ("Staff Accountant", "Accountant"),
        ("Head of Analytics", "Analytics"),
        ("Internal Auditor", "Internal Auditor"),  # "intern" only as a whole word
        ("Senior", "Senior"),  # nothing would be left: the role stays as written
    ],
)
def test_role_family_drops_seniority_words(role: str, family: str) -> None:
    assert role_family(role) == family


def test_role_family_leaves_non_text_alone() -> None:
    assert role_family(None) is None
    assert role_family(3) == 3


# ---------------------------------------------------------------- which breakdowns


def test_segment_columns_known_fields_then_role_month_and_user_segments() -> None:
    frame = resolved(
        [
            {"source": "LinkedIn", "referral": None, "resume_version": "v1", "candidate": "Ana", "role": "BI",
             "segment: Team": "Ops"},
            {"source": "Indeed", "referral": None, "resume_version": "v2", "candidate": "Bo", "role": "BI",
             "segment: Team": "Ops"},
        ]
    )  # fmt: skip
    # referral is entirely blank (left out); candidate is never a breakdown (it is who, not what to change)
    assert segment_columns(frame) == ["source", "resume_version", "role", "month", "segment: Team"]


def test_segment_columns_without_dates_has_no_month() -> None:
    frame = resolved([{"source": "LinkedIn", "applied": None}, {"source": "Indeed", "applied": None}])
    assert "month" not in segment_columns(frame)


# ---------------------------------------------------------------- source: Referral vs LinkedIn, by hand


def test_source_breakdown_counts_mature_outbound_only() -> None:
    table = segment_rates(resolved(SOURCE_ROWS), ["source"])
    assert list(table.columns) == SEGMENT_COLUMNS
    # 2 values x 4 metrics; the 3 pending and 2 inbound rows are in neither n nor rest_n (10 + 12 = 22)
    assert len(table) == 8
    assert set(table["metric"]) == {"response", "positive", "interview", "offer"}
    assert ((table["n"] + table["rest_n"]) == 22).all()
    expected = {  # metric -> (Referral k of 10, LinkedIn k of 12)
        "response": (8, 2),
        "positive": (6, 0),
        "interview": (4, 0),
        "offer": (1, 0),
    }
    for metric, (referral_k, linkedin_k) in expected.items():
        referral = cell(table, "source", "Referral", metric)
        linkedin = cell(table, "source", "LinkedIn", metric)
        assert (referral["k"], referral["n"], referral["rest_k"], referral["rest_n"]) == (
            referral_k,
            10,
            linkedin_k,
            12,
        )
        assert (linkedin["k"], linkedin["n"], linkedin["rest_k"], linkedin["rest_n"]) == (
            linkedin_k,
            12,
            referral_k,
            10,
        )
        assert referral["rate"] == pytest.approx(referral_k / 10)
        assert referral["effect"] == pytest.approx(referral_k / 10 - linkedin_k / 12)
        assert referral["segment_label"] == "Source"


def test_source_breakdown_wilson_intervals_by_hand() -> None:
    table = segment_rates(resolved(SOURCE_ROWS), ["source"])
    # 8 of 10: p̂ = .8, z² = 3.8415; centre = .8 + .19207 = .99207; half = 1.96·sqrt(.016 + .009604) = .31362;
    # scale 1.38415 -> [.4902, .9433]
    referral = cell(table, "source", "Referral", "response")
    assert (referral["low"], referral["high"]) == (pytest.approx(0.4902, abs=1e-4), pytest.approx(0.9433, abs=1e-4))
    # 0 of 12: low 0, high = z²/(n + z²) = 3.8415 / 15.8415 = .2425
    linkedin = cell(table, "source", "LinkedIn", "positive")
    assert linkedin["low"] == pytest.approx(0.0, abs=1e-12)
    assert linkedin["high"] == pytest.approx(3.8415 / 15.8415, abs=1e-4)
    for row in table.itertuples():
        low, high = hand_wilson(row.k, row.n)
        assert (row.low, row.high) == (pytest.approx(low, abs=1e-9), pytest.approx(high, abs=1e-9))


def test_source_breakdown_fisher_and_verdicts_by_hand() -> None:
    table = segment_rates(resolved(SOURCE_ROWS), ["source"])
    # response, [[8, 2], [2, 10]]: margins 10 | 12, 10 replies of 22; P(x) = C(10,x)·C(12,10−x) / C(22,10)
    # C(22,10) = 646646; numerators x=0..10: 66, 2200, 22275, 95040, 194040, 199584, 103950, 26400, 2970, 120, 1
    # observed x=8 -> 2970; tables no likelier: x = 0, 1, 8, 9, 10 -> (66+2200+2970+120+1) / 646646 = 5357/646646
    response_p = 5357 / 646646  # 0.00828
    # positive, [[6, 4], [0, 12]]: C(22,6) = 74613; x=0..6: 924, 7920, 22275, 26400, 13860, 3024, 210
    # observed x=6 is the least likely table -> 210 / 74613
    positive_p = 210 / 74613  # 0.00281
    # interview, [[4, 6], [0, 12]]: C(22,4) = 7315; x=0..4: 495, 2200, 2970, 1440, 210 -> 210 / 7315
    interview_p = 210 / 7315  # 0.0287
    # offer, [[1, 9], [0, 12]]: one offer among 22; P(1) = 10/22 < P(0) = 12/22 -> p = 10/22
    offer_p = 10 / 22  # 0.4545
    assert hand_fisher(8, 2, 2, 10) == pytest.approx(response_p)
    expected = {
        "response": (response_p, "higher than the rest", "lower than the rest"),
        "positive": (positive_p, "higher than the rest", "lower than the rest"),
        "interview": (interview_p, "higher than the rest", "lower than the rest"),
        "offer": (offer_p, "no clear difference", "no clear difference"),
    }
    for metric, (p, referral_verdict, linkedin_verdict) in expected.items():
        referral = cell(table, "source", "Referral", metric)
        linkedin = cell(table, "source", "LinkedIn", metric)
        # both values test the same (mirrored) table; BH with two equal p-values: min(2p/1, 2p/2) = p
        for row in (referral, linkedin):
            assert row["p_value"] == pytest.approx(p, rel=1e-9)
            assert row["p_adjusted"] == pytest.approx(p, rel=1e-9)
        assert (referral["verdict"], linkedin["verdict"]) == (referral_verdict, linkedin_verdict)


def test_pending_and_inbound_rows_change_nothing() -> None:
    with_them = segment_rates(resolved(SOURCE_ROWS), ["source"])
    without = segment_rates(resolved(REFERRAL + LINKEDIN), ["source"])
    pd.testing.assert_frame_equal(with_them, without)


# ---------------------------------------------------------------- Benjamini–Hochberg across three values


def test_three_values_adjusted_by_benjamini_hochberg_by_hand() -> None:
    # résumé A: 8 of 10 replied, B: 3 of 10, C: 2 of 10 (all decided; the rest ghosted)
    rows = (
        group("A", [("applied", "rejected")] * 8, 2, "resume_version")
        + group("B", [("applied", "rejected")] * 3, 7, "resume_version")
        + group("C", [("applied", "rejected")] * 2, 8, "resume_version")
    )
    table = segment_rates(resolved(rows), ["resume_version"])
    p_a = hand_fisher(8, 2, 5, 15)  # 0.006887
    p_b = hand_fisher(3, 7, 10, 10)  # 0.4404
    p_c = hand_fisher(2, 8, 11, 9)  # 0.1194
    assert (p_a, p_b, p_c) == (
        pytest.approx(0.006887, abs=1e-6),
        pytest.approx(0.4404, abs=1e-4),
        pytest.approx(0.1194, abs=1e-4),
    )
    # BH, m = 3, sorted p: A .006887 < C .1194 < B .4404
    #   B: .4404·3/3 = .4404;  C: min(.1194·3/2 = .1790, .4404) = .1790;  A: min(.006887·3 = .02066, .1790) = .02066
    adjusted = {"A": 3 * p_a, "B": p_b, "C": 1.5 * p_c}
    verdicts = {"A": "higher than the rest", "B": "no clear difference", "C": "no clear difference"}
    for value in "ABC":
        row = cell(table, "resume_version", value, "response")
        assert row["p_adjusted"] == pytest.approx(adjusted[value], rel=1e-9)
        assert row["verdict"] == verdicts[value]
        assert row["segment_label"] == "Résumé version"


def test_a_raw_p_below_alpha_is_not_a_difference_once_adjusted() -> None:
    # A: 3 of 10 replied, B: 0 of 10, C: 0 of 10
    rows = (
        group("A", [("applied", "rejected")] * 3, 7, "resume_version")
        + group("B", [], 10, "resume_version")
        + group("C", [], 10, "resume_version")
    )
    table = segment_rates(resolved(rows), ["resume_version"])
    # A vs rest [[3, 7], [0, 20]]: C(30,3) = 4060; P(x) = C(10,x)·C(20,3−x)/4060 -> 1140, 1900, 900, 120
    #   observed x=3 -> 120/4060 = .02956 (< .05 on its own)
    # B vs rest [[0, 10], [3, 17]]: observed x=0 -> 1140; no likelier: 1140 + 900 + 120 = 2160/4060 = .5320 (C same)
    # BH: B, C: .5320; A: min(3·.02956 = .08867, .5320) = .08867 >= .05
    a = cell(table, "resume_version", "A", "response")
    assert a["p_value"] == pytest.approx(120 / 4060)
    assert a["p_adjusted"] == pytest.approx(360 / 4060)
    assert a["p_value"] < ALPHA <= a["p_adjusted"]
    assert a["verdict"] == "no clear difference"
    b = cell(table, "resume_version", "B", "response")
    assert (b["p_value"], b["p_adjusted"]) == (pytest.approx(2160 / 4060), pytest.approx(2160 / 4060))


# ---------------------------------------------------------------- small n


def test_under_ten_is_too_few_and_a_lone_big_value_has_nothing_to_compare_with() -> None:
    rows = group("Big", [("screen", "rejected")] * 6, 6, "company_size") + group(
        "Small", [("applied", "rejected")] * 2, 3, "company_size"
    )
    table = segment_rates(resolved(rows), ["company_size"])
    small = cell(table, "company_size", "Small", "response")
    big = cell(table, "company_size", "Big", "response")
    assert (small["k"], small["n"], small["verdict"]) == (2, 5, "too few to judge")
    # Big has 12 but the rest only 5: no Fisher test, so no p-value and no claim either way
    assert (big["k"], big["n"], big["rest_n"], big["verdict"]) == (6, 12, 5, "nothing to compare with")
    assert table["p_value"].isna().all()
    assert table["p_adjusted"].isna().all()
    # the interval is still shown for the small value: 2 of 5
    low, high = hand_wilson(2, 5)
    assert (small["low"], small["high"]) == (pytest.approx(low), pytest.approx(high))


def test_nine_against_many_is_too_few_even_with_a_big_gap() -> None:
    # 9 of 9 replied vs 0 of 20: a striking gap, but 9 < MIN_SEGMENT, so no claim
    rows = group("Few", [("applied", "rejected")] * 9, 0) + group("Many", [], 20)
    table = segment_rates(resolved(rows), ["source"])
    few = cell(table, "source", "Few", "response")
    assert MIN_SEGMENT == 10
    assert (few["k"], few["n"], few["verdict"]) == (9, 9, "too few to judge")
    assert few["p_value"] is None or pd.isna(few["p_value"])


def test_a_single_value_is_no_breakdown() -> None:
    table = segment_rates(resolved(group("LinkedIn", [("applied", "rejected")], 12)), ["source"])
    assert table.empty
    assert list(table.columns) == SEGMENT_COLUMNS


def test_blank_segment_cells_form_their_own_value() -> None:
    rows = group("v1", [("applied", "rejected")] * 2, 1, "resume_version") + [{"resume_version": None}] * 2
    table = segment_rates(resolved(rows), ["resume_version"])
    blank = cell(table, "resume_version", "(blank)", "response")
    assert (blank["k"], blank["n"], blank["rest_k"], blank["rest_n"]) == (0, 2, 2, 3)


# ---------------------------------------------------------------- role, month, user segments


def test_role_breakdown_groups_seniority_levels() -> None:
    rows = [
        {"role": "Senior Data Analyst", "stage": "screen", "outcome": "rejected", "last": "2024-06-01"},
        {"role": "Data Analyst"},
        {"role": "Junior Data Analyst"},
        {"role": "BI Developer", "stage": "applied", "outcome": "rejected", "last": "2024-06-01"},
    ]
    table = segment_rates(resolved(rows), ["role"])
    assert set(table["value"]) == {"Data Analyst", "BI Developer"}
    analyst = cell(table, "role", "Data Analyst", "response")
    assert (analyst["k"], analyst["n"], analyst["segment_label"]) == (1, 3, "Role")
    positive = cell(table, "role", "Data Analyst", "positive")
    assert (positive["k"], positive["n"], positive["rest_k"], positive["rest_n"]) == (1, 3, 0, 1)


def test_month_applied_is_a_segment() -> None:
    rows = [
        {"applied": "2024-04-03", "stage": "screen", "outcome": "rejected", "last": "2024-05-01"},
        {"applied": "2024-04-28"},
        {"applied": "2024-05-02", "stage": "applied", "outcome": "rejected", "last": "2024-05-20"},
        {"applied": "2024-05-09"},
        {"applied": "2024-05-31"},
    ]
    table = segment_rates(resolved(rows), ["month"])
    assert set(table["value"]) == {"2024-04", "2024-05"}
    april = cell(table, "month", "2024-04", "response")
    may = cell(table, "month", "2024-05", "response")
    assert (april["k"], april["n"], april["segment_label"]) == (1, 2, "Month applied")
    assert (may["k"], may["n"], may["rest_k"], may["rest_n"]) == (1, 3, 1, 2)


def test_user_marked_segment_is_labelled_by_its_header() -> None:
    rows = [
        {"segment: Tailored?": "yes", "stage": "interview", "outcome": "rejected", "last": "2024-06-01"},
        {"segment: Tailored?": "yes"},
        {"segment: Tailored?": "no"},
    ]
    table = segment_rates(resolved(rows))  # default columns include the user's segment
    tailored = cell(table, "segment: Tailored?", "yes", "interview")
    assert (tailored["k"], tailored["n"], tailored["segment_label"]) == (1, 2, "Tailored?")


def test_many_values_pool_the_rarest_as_other() -> None:
    # 11 sizes with 3 applications each, and two with 1 each: 13 values > 12, so the two rarest become "Other"
    rows = [{"company_size": f"size {i:02d}"} for i in range(11) for _ in range(3)]
    rows += [{"company_size": "tiny A"}, {"company_size": "tiny B", "stage": "applied", "outcome": "rejected"}]
    table = segment_rates(resolved(rows), ["company_size"])
    values = set(table["value"])
    assert len(values) == 12
    assert "Other" in values and not values & {"tiny A", "tiny B"}
    other = cell(table, "company_size", "Other", "response")
    assert (other["k"], other["n"]) == (1, 2)


# ---------------------------------------------------------------- stage heat


def test_stage_heat_is_the_funnel_within_each_value() -> None:
    rows = [
        # X: 5 outbound applications
        {"source": "X", "stage": "screen", "outcome": "rejected", "last": "2024-06-20"},
        {"source": "X", "stage": "screen", "outcome": "active", "last": "2024-06-20"},  # still open at screen
        {"source": "X", "stage": "interview", "outcome": "rejected", "last": "2024-06-20"},
        {"source": "X", "stage": "applied", "outcome": "rejected", "last": "2024-06-20"},
        {"source": "X", "applied": YOUNG},  # pending: still open at applied
        # Y: 2 outbound; the inbound one is left out
        {"source": "Y", "stage": "offer", "outcome": "accepted", "last": "2024-06-20"},
        {"source": "Y"},
        {"source": "Y", "stage": "screen", "direction": "inbound", "last": "2024-06-20"},
    ]
    heat = stage_heat(resolved(rows), "source")
    got = {(r.value, r.stage): (r.k, r.n) for r in heat.itertuples()}
    # X reached: applied 5, screen 3, interview 1, offer 0
    #   screen: 3 of (5 − 1 pending) = 3 of 4; interview: 1 of (3 − 1 open at screen) = 1 of 2; offer: 0 of 1
    # Y reached: applied 2, screen 1, interview 1, offer 1 (the silent one is ghosted, decided)
    #   screen: 1 of 2; interview: 1 of 1; offer: 1 of 1
    assert got == {
        ("X", "screen"): (3, 4),
        ("X", "interview"): (1, 2),
        ("X", "offer"): (0, 1),
        ("Y", "screen"): (1, 2),
        ("Y", "interview"): (1, 1),
        ("Y", "offer"): (1, 1),
    }
    x_screen = heat[(heat["value"] == "X") & (heat["stage"] == "screen")].iloc[0]
    low, high = hand_wilson(3, 4)
    assert (x_screen["rate"], x_screen["low"], x_screen["high"]) == (
        pytest.approx(0.75),
        pytest.approx(low),
        pytest.approx(high),
    )


# ---------------------------------------------------------------- properties

ROW = st.fixed_dictionaries(
    {
        "source": st.sampled_from(["A", "B", "C", None]),
        "stage": st.sampled_from(STAGES),
        "outcome": st.sampled_from(["active", "rejected", "withdrawn", "accepted"]),
        "direction": st.sampled_from(["outbound", "outbound", "outbound", "inbound"]),
        "applied": st.sampled_from([OLD, "2024-05-20", YOUNG, None]),
    }
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ROW, min_size=1, max_size=40))
def test_segment_rates_invariants(rows: list[dict[str, object]]) -> None:
    frame = resolved(rows)
    table = segment_rates(frame, ["source"])
    decided = int((frame["mature"] & (frame["direction"] != "inbound")).sum())
    for row in table.itertuples():
        assert 0 <= row.k <= row.n and 0 <= row.rest_k <= row.rest_n
        assert row.n + row.rest_n == decided
        if row.n:
            assert row.low - 1e-12 <= row.rate <= row.high + 1e-12
            assert 0 <= row.low <= row.high <= 1
        if row.n < MIN_SEGMENT:
            assert row.verdict == "too few to judge"
        if row.verdict in ("higher than the rest", "lower than the rest"):
            assert row.p_adjusted < ALPHA
            assert (row.effect > 0) == (row.verdict == "higher than the rest")
        if row.p_adjusted is not None and not pd.isna(row.p_adjusted):
            assert row.p_value <= row.p_adjusted + 1e-12 <= 1 + 1e-9
