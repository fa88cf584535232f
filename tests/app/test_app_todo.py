"""To-do page through AppTest: a section per kind with its count, the follow-up setting in the URL, the downloads.

Why: issue #11 — the seeker acts on the list, and a coach opening a shared link with `?follow_up=14` must see the
same list. The counts are checked against a pandas computation written here from the rules (not through lib), on
the sample as of 2026-11-20 and on a small tracker worked out by hand.
"""

from __future__ import annotations

import pandas as pd
import pytest
from analytics_support import CSV, open_page, sample_resolved, subheaders, titles
from apptest_support import AS_OF, infos, plain, upload

TODO_PAGE = "pages/todo.py"
LABELS = ("Follow-ups due", "Thank-you notes", "Feedback to request", "Gone quiet")


def counts_shown(at) -> dict[str, int]:
    shown = {}
    for text in subheaders(at):
        label, _, count = text.rpartition(" (")
        if label in LABELS:
            shown[label] = int(count.rstrip(")").replace(",", ""))
    return shown


def expected_counts(frame: pd.DataFrame, follow_up_days: int, ghost_days: int = 30) -> dict[str, int]:
    """The four rules of the issue, in plain pandas over the resolved frame."""
    day = pd.Timestamp(AS_OF)
    follow_ups = (
        (frame["direction"] != "inbound")
        & frame["outcome"].isin(["active", "pending"])
        & ~frame["responded"]
        & (frame["applied_on"] <= day - pd.Timedelta(days=follow_up_days))
    )
    thanks = frame["interview_on"].between(day - pd.Timedelta(days=2), day) & ~frame["outcome"].isin(
        ["rejected", "withdrawn", "closed"]
    )
    rejected = frame[frame["outcome"] == "rejected"]
    when = rejected["rejected_on"].fillna(rejected["last_activity_on"])
    feedback = when.between(day - pd.Timedelta(days=30), day) & rejected["feedback_requested"].ne(True)
    quiet = (
        (frame["outcome"] == "ghosted")
        & (frame["furthest_stage"] > "applied")
        & ((day - frame["last_activity_on"]).dt.days >= ghost_days)
    )
    return dict(zip(LABELS, (int(m.sum()) for m in (follow_ups, thanks, feedback, quiet)), strict=True))


def test_the_sample_lists_each_kind_with_its_count(at):
    open_page(at, TODO_PAGE)
    assert titles(at) == ["To-do"]
    expected = expected_counts(sample_resolved(), 7)
    # By hand from the sample: its 15 pending applications were all sent by 13 Nov; it dates no interview; Lowtide
    # and Fairhaven Pensions are the rejections of the last 30 days with no feedback asked for.
    assert expected == {"Follow-ups due": 15, "Thank-you notes": 0, "Feedback to request": 2, "Gone quiet": 0}
    assert subheaders(at) == [f"{label} ({n})" for label, n in expected.items()] + ["Take it with you"]
    labels = [plain(e.label) for e in at.main.expander]
    assert len(labels) == 17
    assert "Lowtide — Senior Data Analyst · due 22 Oct 2026" in labels
    assert {b.key for b in at.get("download_button")} == {"todo_csv", "todo_ics"}
    assert len(at.main.get("link_button")) == 17


def test_the_follow_up_setting_comes_from_the_url(at):
    at.query_params["follow_up"] = "14"
    open_page(at, TODO_PAGE)
    assert at.number_input(key="follow_up").value == 14
    expected = expected_counts(sample_resolved(), 14)
    assert expected["Follow-ups due"] == 8  # pending ones sent by 6 Nov: 22, 22, 23, 26, 26 Oct, 3, 5, 5 Nov
    assert counts_shown(at) == expected
    assert not [text for text in infos(at) if "follow up after" in text]


@pytest.mark.parametrize("asked", ["abc", "0", "61", "7.5"])
def test_an_invalid_setting_falls_back_to_seven_days_with_a_note(at, asked):
    at.query_params["follow_up"] = asked
    open_page(at, TODO_PAGE)
    assert at.number_input(key="follow_up").value == 7
    assert counts_shown(at)["Follow-ups due"] == 15
    notes = [text for text in infos(at) if "follow up after" in text]
    assert notes == [
        f"The link asked to follow up after “{asked}” days, which is not a whole number from 1 to 60, "
        "so 7 days are used."
    ]


# One of each kind, worked out by hand as of 20 Nov (tests/unit/analytics/test_actions.py has the row-by-row reading):
# Acme is due a follow-up, Cobalt a thank-you, Eastgate and Juniper a feedback request, Glenrock has gone quiet.
ONE_OF_EACH = (
    b"Company,Role,Date Applied,Status,Interview,Last Update,Rejection date,Feedback requested,Contact\r\n"
    b"Acme,Data Analyst,2026-11-13,Applied,,,,,ana.ruiz@acme.example\r\n"
    b"Borealis,Data Analyst,2026-11-14,Applied,,,,,\r\n"
    b"Cobalt,Data Engineer,2026-11-01,Interviewing,2026-11-18,,,,\r\n"
    b"Dunmore,Data Analyst,2026-11-01,Interviewing,2026-11-17,,,,\r\n"
    b"Eastgate,Data Analyst,2026-10-20,Rejected,,,2026-11-10,No,\r\n"
    b"Fernhill,Data Analyst,2026-10-20,Rejected,,,2026-11-12,Yes,\r\n"
    b"Glenrock,BI Developer,2026-09-01,Phone screen,,2026-10-01,,,\r\n"
    b"Harlow,Data Analyst,2026-10-01,Phone screen,,2026-11-01,,,\r\n"
    b"Juniper,Product Analyst,2026-11-02,Rejected,,,2026-11-20,No,\r\n"
)


def test_a_tracker_with_one_of_each_kind(at):
    upload(at, "tracker.csv", ONE_OF_EACH, CSV)
    open_page(at, TODO_PAGE)
    assert counts_shown(at) == {"Follow-ups due": 1, "Thank-you notes": 1, "Feedback to request": 2, "Gone quiet": 1}
    assert [plain(e.label) for e in at.main.expander] == [
        "Acme — Data Analyst · due 20 Nov 2026",
        "Cobalt — Data Engineer · due 18 Nov 2026",
        "Eastgate — Data Analyst · due 10 Nov 2026",
        "Juniper — Product Analyst · due 20 Nov 2026",
        "Glenrock — BI Developer · due 31 Oct 2026",
    ]
    acme = at.main.expander[0]
    assert acme.code[0].value.startswith("Dear hiring team at Acme,\n\nI applied for the Data Analyst position")
    assert acme.get("link_button")[0].proto.url.startswith("mailto:ana.ruiz@acme.example?subject=Following%20up")


def test_an_upload_with_no_dates_renders_with_nothing_to_do(at):
    upload(at, "plain.csv", b"Company,Role\r\nAcme,Analyst\r\nBorealis,Engineer\r\n", CSV)
    open_page(at, TODO_PAGE)
    assert titles(at) == ["To-do"]
    assert counts_shown(at) == dict.fromkeys(LABELS, 0)
    assert any("Nothing to send right now" in plain(s.value) for s in at.success)
    assert {b.key for b in at.get("download_button")} == {"todo_csv", "todo_ics"}
