"""A Response / Replied column of yes/no (or dates) is a reply, whatever the status says (outside issue, stop 17).

Why: a tracker that keeps "Status: Applied" and "Response: Yes" says the employer answered but nothing came of it
yet. Reading only the status, the response rate of the file below was 1 of 4 (the rejection alone); it is 2 of 4.
"""

from __future__ import annotations

import datetime as dt

import pytest
from builders import csv_bytes

from applytics.analytics.metrics import MetricParams, kpis, resolve_outcomes
from applytics.intake.combine import import_cohort
from applytics.intake.pipeline import import_tracker
from applytics.schema import FIRST_RESPONSE_ON, REPLIED

AS_OF = dt.date(2026, 6, 1)  # every application is months old: decided, none pending


def resolved_of(rows: list[list[object]], as_of: dt.date = AS_OF):
    apps = import_tracker(csv_bytes(rows), "tracker.csv").normalized.apps
    return resolve_outcomes(apps, MetricParams(as_of))


@pytest.mark.parametrize(
    ("header", "yes", "no"),
    [
        ("Response", "Yes", "No"),
        ("Replied?", "Y", "N"),
        ("Heard back", "yes", "no"),
        ("Any response yet?", "x", ""),
        ("Réponse", "Oui", "Non"),
        ("Respuesta", "Sí", "No"),
        ("Antwort", "Ja", "Nein"),
        ("回复", "是", "否"),
    ],
)
def test_a_yes_in_a_response_column_is_a_reply(header, yes, no):
    rows = [
        ["Company", "Role", "Date applied", "Status", header],
        ["Acme", "Analyst", "2026-01-05", "Applied", yes],  # answered, nothing came of it yet
        ["Borealis", "Analyst", "2026-01-06", "Applied", no],  # silent
        ["Cobalt", "Analyst", "2026-01-07", "Rejected", yes],  # the rejection, a reply either way
        ["Dunmore", "Analyst", "2026-01-08", "Applied", no],  # silent
    ]
    resolved = resolved_of(rows)
    assert resolved[REPLIED].tolist() == [True, False, True, False]
    rate = kpis(resolved).response_rate
    assert (rate.k, rate.n) == (2, 4)
    # Acme's stage and outcome stay as the status says: a reply is not a screen.
    assert resolved["furthest_stage"].tolist() == ["applied"] * 4


def test_a_reply_without_a_date_is_never_pending_while_a_silent_one_is():
    rows = [
        ["Company", "Role", "Date applied", "Status", "Response"],
        ["Acme", "Analyst", "2026-05-25", "Applied", "Yes"],
        ["Borealis", "Analyst", "2026-05-26", "Applied", "No"],
    ]
    resolved = resolved_of(rows)  # both a week old on 1 June, inside the 30-day window
    assert resolved["outcome"].tolist() == ["active", "pending"]
    assert resolved["mature"].tolist() == [True, False]
    assert (kpis(resolved).response_rate.k, kpis(resolved).response_rate.n) == (1, 1)


def test_dates_in_a_replied_column_are_the_first_response():
    rows = [
        ["Company", "Role", "Date applied", "Status", "Replied"],
        ["Acme", "Analyst", "2026-01-05", "Applied", "2026-01-12"],
        ["Borealis", "Analyst", "2026-01-06", "Applied", ""],
    ]
    resolved = resolved_of(rows)
    assert resolved[FIRST_RESPONSE_ON].tolist()[0] == dt.datetime(2026, 1, 12)
    assert resolved["responded"].tolist() == [True, False]


def test_a_no_response_column_is_still_the_ghosted_flag_and_response_time_is_not_a_reply():
    rows = [
        ["Company", "Role", "Date applied", "Status", "No response", "Response time"],
        ["Acme", "Analyst", "2026-01-05", "Applied", "Yes", "12 days"],
        ["Borealis", "Analyst", "2026-01-06", "Interview", "", "3 days"],
    ]
    result = import_tracker(csv_bytes(rows), "tracker.csv")
    assert [(s.header, s.kind) for s in result.mapping.stages] == [("No response", "ghosted")]
    assert REPLIED not in result.normalized.apps.columns


def test_a_cohort_where_one_file_has_no_response_column():
    with_column = [["Company", "Status", "Response"], ["Acme", "Applied", "Yes"]]
    without = [["Company", "Status"], ["Borealis", "Applied"]]
    apps = import_cohort([("ann.csv", csv_bytes(with_column)), ("ben.csv", csv_bytes(without))]).normalized.apps
    assert apps[REPLIED].tolist() == [True, False]
