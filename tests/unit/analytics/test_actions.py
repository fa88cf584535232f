"""actions: the To-do list — follow-ups due, thank-you notes, feedback to request, in-progress applications gone quiet.

Why: issue #11 / DESIGN.md §4 — the seeker acts on what the dashboard found. Each item must be due exactly when
its rule says (a near miss a day either side stays off the list), feedback requests must be the Rejections page's
own list (one source of truth), and every ready message must survive the trip through a mailto link.

The tracker below goes through the real pipeline (import_tracker, resolve_outcomes), as of 2026-11-20 with the
default 30-day ghost window and follow-ups after 7 days. Worked out by hand, row by row:

  Acme      applied 13 Nov, no reply              7 days -> follow-up due 13 + 7 = 20 Nov (contact has an address)
  Borealis  applied 14 Nov, no reply              6 days -> not yet (due 20 Nov with a 6-day setting)
  Cobalt    interview 18 Nov, in progress         2 days ago -> thank-you note, due 18 Nov
  Dunmore   interview 17 Nov, in progress         3 days ago -> no thank-you
  Eastgate  rejected 10 Nov, feedback not asked   -> feedback request, due 10 Nov (contact is an address)
  Fernhill  rejected 12 Nov, feedback asked       -> none
  Glenrock  screen, last news 1 Oct               50 days >= 30 -> gone quiet, due 1 Oct + 30 = 31 Oct
  Harlow    screen, last news 1 Nov               19 days -> still in progress, not stale
  Ivers     applied 1 Sep, never a reply          ghosted at "applied": neither a follow-up nor gone quiet
  Juniper   rejected 20 Nov, feedback not asked   -> feedback request, due 20 Nov (same day as Acme: listed after)
  Kestrel   a recruiter reached out on 1 Nov      inbound -> no follow-up
  Lumen     interview 19 Nov, then rejected       ended -> no thank-you; feedback asked -> no request either
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, unquote, urlsplit

import pandas as pd

from applytics.analytics.actions import FOLLOW_UP_DAYS, KINDS, TodoItem, counts, todo_items
from applytics.analytics.metrics import MetricParams, resolve_outcomes
from applytics.analytics.reasons import feedback_requests, rejections
from applytics.intake.pipeline import import_tracker

AS_OF = dt.date(2026, 11, 20)
PARAMS = MetricParams(AS_OF)  # ghost window: 30 days
HEADER = "Company,Role,Date Applied,Status,Interview,Last Update,Rejection date,Feedback requested,Contact\r\n"
ROWS = (
    'Acme,Data Analyst,2026-11-13,Applied,,,,,"Ana Ruiz <ana.ruiz@acme.example>"\r\n'
    "Borealis,Data Analyst,2026-11-14,Applied,,,,,\r\n"
    "Cobalt,Data Engineer,2026-11-01,Interviewing,2026-11-18,,,,Chris Lee\r\n"
    "Dunmore,Data Analyst,2026-11-01,Interviewing,2026-11-17,,,,\r\n"
    "Eastgate,Data Analyst,2026-10-20,Rejected,,,2026-11-10,No,hr@eastgate.example\r\n"
    "Fernhill,Data Analyst,2026-10-20,Rejected,,,2026-11-12,Yes,\r\n"
    "Glenrock,BI Developer,2026-09-01,Phone screen,,2026-10-01,,,\r\n"
    "Harlow,Data Analyst,2026-10-01,Phone screen,,2026-11-01,,,\r\n"
    "Ivers,Data Analyst,2026-09-01,Applied,,,,,\r\n"
    "Juniper,Product Analyst,2026-11-02,Rejected,,,2026-11-20,No,\r\n"
    "Kestrel,Data Analyst,2026-11-01,Recruiter reached out,,,,,\r\n"
    "Lumen,Data Analyst,2026-11-01,Rejected after interview,2026-11-19,,2026-11-19,Yes,\r\n"
)


def resolved(csv: str, params: MetricParams = PARAMS) -> pd.DataFrame:
    result = import_tracker(csv.encode(), "tracker.csv")
    return resolve_outcomes(result.normalized.apps, params)


TRACKER = resolved(HEADER + ROWS)


def listed(items: list[TodoItem]) -> list[tuple[str, str, dt.date]]:
    return [(item.kind, item.company, item.due_on) for item in items]


def test_one_of_each_kind_in_due_order_and_the_near_misses_left_out() -> None:
    assert listed(todo_items(TRACKER, PARAMS)) == [
        ("stale", "Glenrock", dt.date(2026, 10, 31)),
        ("feedback", "Eastgate", dt.date(2026, 11, 10)),
        ("thank_you", "Cobalt", dt.date(2026, 11, 18)),
        ("follow_up", "Acme", dt.date(2026, 11, 20)),
        ("feedback", "Juniper", dt.date(2026, 11, 20)),  # same day as Acme: follow-ups come first (KINDS order)
    ]
    assert KINDS == ("follow_up", "thank_you", "feedback", "stale")
    assert counts(todo_items(TRACKER, PARAMS)) == {"follow_up": 1, "thank_you": 1, "feedback": 2, "stale": 1}


def test_each_item_knows_its_application() -> None:
    by_company = {item.company: item for item in todo_items(TRACKER, PARAMS)}
    assert [(c, i.role, i.applied_on, i.to) for c, i in by_company.items()] == [
        ("Glenrock", "BI Developer", dt.date(2026, 9, 1), ""),
        ("Eastgate", "Data Analyst", dt.date(2026, 10, 20), "hr@eastgate.example"),
        ("Cobalt", "Data Engineer", dt.date(2026, 11, 1), ""),  # "Chris Lee" is a name, not an address
        ("Acme", "Data Analyst", dt.date(2026, 11, 13), "ana.ruiz@acme.example"),
        ("Juniper", "Product Analyst", dt.date(2026, 11, 2), ""),
    ]


def test_the_follow_up_setting_moves_the_threshold_by_a_day() -> None:
    assert FOLLOW_UP_DAYS == 7
    follow_ups = [item for item in todo_items(TRACKER, PARAMS, follow_up_days=6) if item.kind == "follow_up"]
    # 6 days: Acme (13 Nov) is due on the 19th, Borealis (14 Nov) on the 20th; Kestrel is inbound, Ivers ghosted.
    assert listed(follow_ups) == [
        ("follow_up", "Acme", dt.date(2026, 11, 19)),
        ("follow_up", "Borealis", dt.date(2026, 11, 20)),
    ]
    assert counts(todo_items(TRACKER, PARAMS, follow_up_days=8))["follow_up"] == 0  # Acme is 7 days old


def test_the_ghost_window_decides_what_has_gone_quiet() -> None:
    # Glenrock's last news was 50 days before the as-of day: quiet under a 45-day window (due 1 Oct + 45 = 15 Nov),
    # still in progress under a 60-day one.
    longer = MetricParams(AS_OF, ghost_after_days=45)
    stale = [item for item in todo_items(resolved(HEADER + ROWS, longer), longer) if item.kind == "stale"]
    assert listed(stale) == [("stale", "Glenrock", dt.date(2026, 11, 15))]
    longest = MetricParams(AS_OF, ghost_after_days=60)
    assert counts(todo_items(resolved(HEADER + ROWS, longest), longest))["stale"] == 0


def test_feedback_items_are_the_rejections_pages_requests() -> None:
    emails = feedback_requests(rejections(TRACKER), AS_OF)
    items = [item for item in todo_items(TRACKER, PARAMS) if item.kind == "feedback"]
    assert [(e.company, e.role, e.rejected_on, e.to, e.subject, e.body, e.mailto) for e in emails] == [
        (i.company, i.role, i.due_on, i.to, i.subject, i.body, i.mailto) for i in items
    ]
    assert [e.company for e in emails] == ["Eastgate", "Juniper"]  # Fernhill and Lumen asked already


def test_the_follow_up_message_as_written_and_through_its_mail_link() -> None:
    (acme,) = [item for item in todo_items(TRACKER, PARAMS) if item.kind == "follow_up"]
    assert acme.subject == "Following up on my application for Data Analyst"
    assert acme.body == (
        "Dear hiring team at Acme,\n\n"
        "I applied for the Data Analyst position on 13 November 2026 and wanted to follow up. I am still very "
        "interested, and I would be glad to send anything that helps your decision.\n\n"
        "Thank you for your time.\n\n"
        "Kind regards,\n[Your name]"
    )
    link = urlsplit(acme.mailto)
    assert (link.scheme, unquote(link.path)) == ("mailto", "ana.ruiz@acme.example")
    query = parse_qs(link.query)
    assert query == {"subject": [acme.subject], "body": [acme.body]}


def test_the_thank_you_and_check_in_messages_name_the_day() -> None:
    items = {item.kind: item for item in todo_items(TRACKER, PARAMS)}
    assert items["thank_you"].subject == "Thank you for the interview: Data Engineer"
    assert "about the Data Engineer position on 18 November 2026." in items["thank_you"].body
    assert items["stale"].subject == "Checking in on my application for BI Developer"
    assert "the last news I had was on 1 October 2026." in items["stale"].body
    for item in items.values():
        assert item.body.endswith("Kind regards,\n[Your name]")


def test_no_applications_no_items() -> None:
    empty = resolved(HEADER)
    assert len(empty) == 0
    assert todo_items(empty, PARAMS) == []
    assert counts([]) == {"follow_up": 0, "thank_you": 0, "feedback": 0, "stale": 0}


def test_one_application_only() -> None:
    one = resolved(HEADER + ROWS.splitlines(keepends=True)[0])
    assert listed(todo_items(one, PARAMS)) == [("follow_up", "Acme", dt.date(2026, 11, 20))]


def test_an_application_without_a_role_reads_as_the_role() -> None:
    # Nimbus was sent on 1 Nov with no role typed: due 1 + 7 = 8 Nov, in reasons.py's words for a missing role.
    (item,) = todo_items(resolved("Company,Role,Date Applied,Status\r\nNimbus,,2026-11-01,Applied\r\n"), PARAMS)
    assert (item.kind, item.company, item.role) == ("follow_up", "Nimbus", "the role")
    assert item.due_on == dt.date(2026, 11, 8)
    assert item.subject == "Following up on my application for the role"
    assert "I applied for the role on 1 November 2026" in item.body


def test_undated_applications_give_nothing_to_do() -> None:
    # No date at all: nothing says when to follow up, and silent undated rows count as ghosted at "applied".
    assert todo_items(resolved("Company,Role\r\nAcme,Analyst\r\nBorealis,Engineer\r\n"), PARAMS) == []
