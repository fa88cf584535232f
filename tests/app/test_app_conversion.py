"""Conversion page through AppTest: the table for the chosen segment and rate is lib's, with counts and verdicts."""

from __future__ import annotations

import pandas as pd
import pytest
from analytics_support import (
    CONVERSION_PAGE,
    CSV,
    MINIMAL_CSV,
    chart_keys,
    decided_outbound,
    main_captions,
    open_page,
    sample_resolved,
    subheaders,
    titles,
)
from apptest_support import infos, run_ok, table, upload

from applytics.analytics.segments import segment_rates

SAMPLE_BREAKDOWNS = [
    "Source", "Referral", "Résumé version", "Cover letter", "Company size", "Location", "Work mode", "Role",
    "Month applied",
]  # fmt: skip  # the sample's segment columns, in the page's order, plus role family and month applied
TABLE_COLUMNS = ["Yes", "Of", "Rate", "95% low", "95% high", "Rest", "p (adjusted)", "Verdict"]


def expected_rows(segment: str, metric: str) -> pd.DataFrame:
    rates = segment_rates(sample_resolved())
    return rates[(rates["segment"] == segment) & (rates["metric"] == metric)].reset_index(drop=True)


def assert_table_matches(shown: pd.DataFrame, label: str, expected: pd.DataFrame) -> None:
    assert list(shown.columns) == [label, *TABLE_COLUMNS]
    assert list(shown[label]) == list(expected["value"])
    assert list(shown["Yes"]) == list(expected["k"])
    assert list(shown["Of"]) == list(expected["n"])
    assert list(shown["Verdict"]) == list(expected["verdict"])
    # Shares are shown as percentages (the table scales lib's 0..1 shares by 100).
    assert shown["Rate"].to_numpy() == pytest.approx(expected["rate"].astype(float).to_numpy() * 100)
    assert shown["95% low"].to_numpy() == pytest.approx(expected["low"].astype(float).to_numpy() * 100)
    assert shown["95% high"].to_numpy() == pytest.approx(expected["high"].astype(float).to_numpy() * 100)


def test_sample_response_by_source_is_libs_table(at):
    open_page(at, CONVERSION_PAGE)
    assert titles(at) == ["Conversion"]
    assert at.segmented_control(key="rate").value == "response"
    segment = at.selectbox(key="segment")
    assert segment.value == "source"
    assert segment.options == SAMPLE_BREAKDOWNS
    assert "Response rate by source" in subheaders(at)
    assert {"segment_dots", "segment_heat", "all_segments"} <= chart_keys(at)

    expected = expected_rows("source", "response")
    shown = table(at, "Source")
    assert_table_matches(shown, "Source", expected)

    # Worked out independently of segment_rates, from the resolved applications: referrals got a reply 18 times in
    # 30 decided outbound applications; all other sources 25 times in 127.
    decided = decided_outbound(sample_resolved())
    referral = decided["source"] == "Referral"
    assert (int(decided.loc[referral, "responded"].sum()), int(referral.sum())) == (18, 30)
    assert (int(decided.loc[~referral, "responded"].sum()), int((~referral).sum())) == (25, 127)
    row = shown[shown["Source"] == "Referral"].iloc[0]
    assert (row["Yes"], row["Of"], round(row["Rate"])) == (18, 30, 60)
    assert row["Verdict"] == "higher than the rest"
    assert shown["Of"].sum() == len(decided) == 157  # every decided outbound application is in exactly one row

    assert any(text.startswith("Over 157 decided outbound applications.") for text in main_captions(at))
    reading = "Referral: 18 of 30 (60%) vs 25 of 127 for the rest (20%); higher than the rest (p < 0.001, adjusted)."
    assert reading in main_captions(at)
    # Small groups are marked, not compared:
    assert set(shown.loc[shown["Of"] < 10, "Verdict"]) == {"too few to judge"}


@pytest.mark.parametrize(
    ("segment", "metric", "label", "heading"),
    [
        ("resume_version", "interview", "Résumé version", "Interview rate by résumé version"),
        ("referral", "positive", "Referral", "Positive response rate by referral"),
        ("month", "offer", "Month applied", "Offer rate by month applied"),
    ],
)
def test_choosing_a_segment_and_a_rate_shows_that_table(at, segment, metric, label, heading):
    open_page(at, CONVERSION_PAGE)
    at.segmented_control(key="rate").set_value(metric)
    run_ok(at.selectbox(key="segment").set_value(segment))
    assert heading in subheaders(at)
    expected = expected_rows(segment, metric)
    assert len(expected) >= 2
    assert_table_matches(table(at, label), label, expected)
    differing = expected[expected["verdict"].str.endswith("than the rest")]
    if differing.empty:
        assert any(text.startswith(f"No value of {label.lower()} stands out") for text in main_captions(at))
    else:
        for row in differing.itertuples():
            assert any(text.startswith(f"{row.value}: {row.k} of {row.n} ") for text in main_captions(at))


def test_resume_version_response_verdicts_by_hand(at):
    """v2 tailored: 28 of 81 replied, v1 generic: 15 of 76 (counted from the resolved frame, not segment_rates)."""
    decided = decided_outbound(sample_resolved())
    tailored = decided["resume_version"] == "v2 tailored"
    assert (int(decided.loc[tailored, "responded"].sum()), int(tailored.sum())) == (28, 81)
    open_page(at, CONVERSION_PAGE)
    run_ok(at.selectbox(key="segment").set_value("resume_version"))
    shown = table(at, "Résumé version").set_index("Résumé version")
    assert (shown.loc["v2 tailored", "Yes"], shown.loc["v2 tailored", "Of"]) == (28, 81)
    assert (shown.loc["v1 generic", "Yes"], shown.loc["v1 generic", "Of"]) == (15, 76)
    assert shown.loc["v2 tailored", "Verdict"] == "higher than the rest"
    assert shown.loc["v1 generic", "Verdict"] == "lower than the rest"


def test_file_without_segments_says_there_is_nothing_to_break_down_by(at):
    upload(at, "minimal.csv", MINIMAL_CSV, CSV)
    open_page(at, CONVERSION_PAGE)
    assert titles(at) == ["Conversion"]
    notes = [text for text in infos(at) if "no column to break results down by" in text]
    assert len(notes) == 1, infos(at)
    assert "mark any column as “Segment (keep as a breakdown)”" in notes[0]  # how to make one
    assert "On the Data page" in notes[0]
    assert not at.selectbox, "no breakdown to choose from"
    assert not chart_keys(at)
