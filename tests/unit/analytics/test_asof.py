"""analytics/asof: with an as-of day in the past, the search as it stood that day (DESIGN.md §7).

Why: an application sent later, or an interview or a rejection that came later, must not count on a day
before it happened; what changed later without a date of its own is kept and counted, never guessed. The
tracker below goes through the real import, and every expected figure is read off its rows by hand.
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd

from applytics.analytics.asof import as_of, as_of_note
from applytics.analytics.metrics import MetricParams, kpis, resolve_outcomes
from applytics.cli import main
from applytics.intake.pipeline import import_tracker

# Shape B (a date per stage) plus a status. As of 2026-10-15, row by row:
#   Acme     applied 09-01, screen 09-10, interview 10-20, Rejected 10-30
#            -> the interview (10-20) and the rejection (10-30) are later: at screen, open (active)
#   Borealis applied 09-05, screen 10-01, Offer accepted, offer 10-10     -> unchanged: all on or before the day
#   Cobalt   applied 10-20 (after the day)                                 -> left out
#   Dunmore  applied 09-15, Withdrawn, last update 10-25, no date of its own -> kept withdrawn, counted "undated"
#   Eastgate applied 09-20, Rejected, last update 10-02 (the rejection's date) -> unchanged
#   Fernhill applied 09-25, no reply                                       -> unchanged (open)
TRACKER = (
    "Company,Role,Date applied,Phone screen,Interview,Offer,Status,Last update\n"
    "Acme,Analyst,2026-09-01,2026-09-10,2026-10-20,,Rejected,2026-10-30\n"
    "Borealis,Analyst,2026-09-05,2026-10-01,,2026-10-10,Offer accepted,2026-10-10\n"
    "Cobalt,Analyst,2026-10-20,,,,Applied,\n"
    "Dunmore,Analyst,2026-09-15,,,,Withdrawn,2026-10-25\n"
    "Eastgate,Analyst,2026-09-20,,,,Rejected,2026-10-02\n"
    "Fernhill,Analyst,2026-09-25,,,,Applied,\n"
)
DAY = dt.date(2026, 10, 15)


def canonical():
    return import_tracker(TRACKER.encode(), "tracker.csv").normalized.apps


def by_company(frame):
    return frame.set_index("company")


def test_the_search_as_it_stood_that_day_row_by_row() -> None:
    summary = as_of(canonical(), DAY)
    rows = by_company(summary.frame)
    assert list(rows.index) == ["Acme", "Borealis", "Dunmore", "Eastgate", "Fernhill"]  # Cobalt was sent later
    assert rows.loc["Acme", "furthest_stage"] == "screen"
    assert rows.loc["Acme", "outcome"] == "active"
    assert pd.isna(rows.loc["Acme", "rejected_on"])
    assert rows.loc["Acme", "last_activity_on"] == dt.datetime(2026, 9, 10)  # the screen: the last thing known
    assert (rows.loc["Borealis", "furthest_stage"], rows.loc["Borealis", "outcome"]) == ("offer", "accepted")
    assert rows.loc["Dunmore", "outcome"] == "withdrawn"  # no date for the withdrawal: kept as it is now
    assert rows.loc["Eastgate", "outcome"] == "rejected"
    assert (summary.sent_later, summary.rolled_back, summary.undated_changes) == (1, 1, 1)


def test_the_note_says_what_was_left_out_rolled_back_and_kept() -> None:
    assert as_of_note(as_of(canonical(), DAY), DAY) == (
        "As of 15 Oct 2026: 1 application(s) sent after it are left out; 1 reached a stage or an answer only "
        "later and are shown as they were; 1 were updated later with no date for their outcome, so they are "
        "shown as they are now."
    )


def test_a_day_after_everything_changes_nothing() -> None:
    apps = canonical()
    summary = as_of(apps, dt.date(2026, 11, 30))
    assert (summary.sent_later, summary.rolled_back, summary.undated_changes) == (0, 0, 0)
    assert summary.frame.equals(apps)
    assert as_of_note(summary, dt.date(2026, 11, 30)) is None


def test_the_rates_as_of_the_day_by_hand() -> None:
    # As of 10-15 with a 30-day window, the five applications sent by then:
    #   Acme at screen, active (a reply: it reached a screen); Borealis offer accepted; Dunmore withdrawn (no
    #   reply: applied stage, not rejected); Eastgate rejected (a reply); Fernhill silent 20 days -> pending.
    # Decided outbound: Acme, Borealis, Dunmore, Eastgate = 4. Replies: Acme, Borealis, Eastgate = 3 of 4.
    # Interviews: Borealis only (Acme's interview came later) = 1 of 4. Offers: Borealis = 1 of 4.
    figures = kpis(resolve_outcomes(canonical(), MetricParams(DAY, 30)))
    assert figures.applications == 5
    assert (figures.response_rate.k, figures.response_rate.n) == (3, 4)
    assert (figures.interview_rate.k, figures.interview_rate.n) == (1, 4)
    assert (figures.offer_rate.k, figures.offer_rate.n) == (1, 4)
    assert figures.pending == 1
    # The same file today: six applications; Acme reached an interview and was rejected.
    today = kpis(resolve_outcomes(canonical(), MetricParams(dt.date(2026, 11, 30), 30)))
    assert today.applications == 6
    assert (today.interview_rate.k, today.interview_rate.n) == (2, 6)


def test_an_empty_frame_stays_empty() -> None:
    empty = canonical().iloc[0:0]
    summary = as_of(empty, DAY)
    assert len(summary.frame) == 0 and (summary.sent_later, summary.rolled_back) == (0, 0)


def test_the_cli_says_it_rolled_back(tmp_path, capsys) -> None:
    path = tmp_path / "tracker.csv"
    path.write_text(TRACKER, encoding="utf-8")
    assert main(["summary", str(path), "--as-of", DAY.isoformat(), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["applications"] == 5
    assert data["decisions"][-1].startswith("As of 15 Oct 2026: 1 application(s) sent after it are left out")
