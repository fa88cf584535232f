"""Timing page through AppTest: time to first reply (median / 75% or "not reached"), ghosting by source, steps."""

from __future__ import annotations

import re

from analytics_support import (
    CSV,
    MINIMAL_CSV,
    TIMING_CSV,
    TIMING_PAGE,
    chart_keys,
    decided_outbound,
    main_captions,
    open_page,
    sample_resolved,
    subheaders,
    titles,
)
from apptest_support import AS_OF, infos, metrics, table, upload

from applytics.analytics.timeline import ghosting_by_source, response_times, stage_durations


def test_sample_median_not_reached_when_fewer_than_half_replied(at):
    open_page(at, TIMING_PAGE)
    assert titles(at) == ["Timing"]
    assert subheaders(at) == ["Time to first reply", "Ghosting by source", "Time spent at each step"]
    assert {"response_curve", "ghosting_chart"} <= chart_keys(at)

    times = response_times(sample_resolved(), AS_OF)
    assert times.final_share < 0.5  # about a quarter of the sample's applications ever got a reply
    assert metrics(at) == {"Median time to a reply": "not reached", "75% have replied by": "not reached"}
    reading = next(text for text in main_captions(at) if "still-silent applications" in text)
    assert reading.startswith(f"{times.replied} replies and {times.censored} still-silent applications")
    assert f"By the last day observed, {times.final_share:.0%} had a reply" in reading
    assert "since fewer than half ever reply, the median is not reached" in reading
    assert reading.endswith(f"Among the replies, the typical wait was {times.median_among_replies:.0f} days.")
    # replies + silent = every outbound application with a date (the sample has no undated one)
    outbound = sample_resolved().query("direction != 'inbound'")
    assert times.replied + times.censored == len(outbound) and times.left_out == 0


def test_sample_ghosting_by_source_reads_the_extremes(at):
    open_page(at, TIMING_PAGE)
    ghosting = ghosting_by_source(sample_resolved())
    worst, best = ghosting.iloc[0], ghosting.iloc[-1]
    # Counted from the resolved applications: 12 of the 30 decided referrals ended in silence, the lowest share.
    decided = decided_outbound(sample_resolved())
    referrals = decided[decided["source"] == "Referral"]
    assert ((referrals["outcome"] == "ghosted").sum(), len(referrals)) == (12, 30)
    assert (best["source"], best["k"], best["n"]) == ("Referral", 12, 30)
    reading = next(text for text in main_captions(at) if text.startswith("Silence is most common from"))
    assert reading.startswith(
        f"Silence is most common from {worst['source']} ({worst['k']} of {worst['n']}) and least from "
        "Referral (12 of 30)."
    )
    assert "not a verdict on you" in reading


def test_sample_time_per_step_lists_only_measured_steps(at):
    open_page(at, TIMING_PAGE)
    expected = stage_durations(sample_resolved())
    expected = expected[expected["n"] > 0].reset_index(drop=True)
    shown = table(at, "Step")
    assert list(shown.columns) == ["Step", "Applications", "Median days", "25%", "75%"]
    assert list(shown["Step"]) == list(expected["step"])
    assert list(shown["Applications"]) == list(expected["n"])
    assert list(shown["Median days"]) == list(expected["median"])


def test_hand_computed_median_and_75_percent(at):
    """TIMING_CSV (analytics_support): replies after 4, 6, 10 and 20 days, one application silent for 80 days."""
    upload(at, "timing.csv", TIMING_CSV, CSV)
    open_page(at, TIMING_PAGE)
    assert metrics(at) == {"Median time to a reply": "10 days", "75% have replied by": "20 days"}
    assert "response_curve" in chart_keys(at)
    reading = next(text for text in main_captions(at) if "still-silent applications" in text)
    assert reading.startswith("4 replies and 1 still-silent applications")
    assert "By the last day observed, 80% had a reply." in reading
    assert "the median is not reached" not in reading
    assert reading.endswith("Among the replies, the typical wait was 8 days.")

    assert any(
        text.startswith("Silence is most common from LinkedIn (1 of 3) and least from Referral (0 of 2).")
        for text in main_captions(at)
    )
    steps = table(at, "Step")
    assert steps.to_dict("records") == [
        {"Step": "applied → first reply", "Applications": 4, "Median days": 8.0, "25%": 5.5, "75%": 12.5}
    ]


def test_file_without_reply_dates_says_no_reply_has_a_date(at):
    upload(at, "minimal.csv", MINIMAL_CSV, CSV)
    open_page(at, TIMING_PAGE)
    assert titles(at) == ["Timing"]
    notes = infos(at)
    assert any(text.startswith("No reply has a date yet, so there is no curve to draw.") for text in notes), notes
    assert any("has no dates per stage" in text for text in notes), notes
    assert not metrics(at), "no median without a dated reply"
    assert "response_curve" not in chart_keys(at)
    assert "ghosting_chart" in chart_keys(at)  # ghosting needs no reply date


def test_ghosting_reading_does_not_compare_a_source_with_itself(at):
    """With no source column every application falls under "(no source)": all six are decided, four ended in silence
    (Borealis, Cobalt, Dunmore, Fernhill: no outcome, nothing since September). One group has no "most" and "least";
    the reading must not say silence is both most and least common from the same place."""
    upload(at, "minimal.csv", MINIMAL_CSV, CSV)
    open_page(at, TIMING_PAGE)
    pattern = re.compile(r"^Silence is most common from (.+?) \(\d+ of \d+\) and least from (.+?) \(\d+ of \d+\)\.")
    compared = [pattern.match(text) for text in main_captions(at)]
    for most, least in (match.groups() for match in compared if match):
        assert most != least, f"silence is 'most' and 'least' common from {most}: {main_captions(at)}"
