"""Shapes B, C, D and mixed, direction, rows that are not applications, messy cells and file variants (architecture.md).

Why: a job seeker's file is never our template. Each fixture below is small and hand-built, modelled on real
trackers (one date per stage, one Y/N flag per stage, a transition log, a status list with stray rows), and
every expected stage / outcome / direction was worked out row by row in the comments.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest
from builders import csv_bytes, xlsx_bytes
from hostile_corpus import rows_xml, sheet_xml, xlsx_from_parts

from applytics.analytics.metrics import MetricParams, kpis, resolve_outcomes
from applytics.intake.pipeline import ImportResult, import_tracker

T = pd.Timestamp


def imported(rows: list[list[object]], name: str = "tracker.csv") -> ImportResult:
    return import_tracker(csv_bytes(rows), name)


def by_company(result: ImportResult) -> dict[str, dict[str, object]]:
    apps = result.normalized.apps
    return {row["company"]: row for row in apps.to_dict("records")}


def stages_and_outcomes(result: ImportResult, key: str = "company") -> dict[object, tuple[str, str]]:
    apps = result.normalized.apps
    return {row[key]: (str(row["furthest_stage"]), row["outcome"]) for row in apps.to_dict("records")}


# ================================================================ shape B: one date column per stage

B_HEADER = ["Company", "Role", "Application", "Phone call", "1st interview", "2nd interview", "Proposition"]
B_HEADER += ["Final answer", "Status"]
# Dates are dd/mm/yyyy: "13/09/2023", "14/09/2023" (first number above 12) prove it in every date column.
B_ROWS = [
    B_HEADER,
    # applied 6 Sep (a date-time); screen 13 Sep; interview 20 Sep; the Status says Rejected -> interview, rejected
    ["Acme", "Data Analyst", "06/09/2023 17:00", "13/09/2023 10:00", "20/09/2023", None, None, None, "Rejected"],
    # "yes" in Phone call: reached, date unknown -> screen; still waiting -> active
    ["Borealis", "BI Developer", "14/09/2023", "yes", None, None, None, None, "In progress"],
    # two dates in one cell: the first (8 Oct) is the interview date; offer 30 Oct; Final answer Accepted
    [
        "Cobalt",
        "Data Engineer",
        "15/09/2023",
        "18/09/2023",
        "8/10/2023 & 12/10/2023",
        "25/10/2023",
        "30/10/2023",
        "Accepted",
        None,
    ],
    # "n/a" is no date at all; the Status says No response -> applied, ghosted
    ["Dunmore", "Analyst", "16/09/2023", "n/a", None, None, None, None, "No response"],
    # "expired" where a date should be: the posting closed -> applied, closed
    ["Eastgate", "Analyst", "17/09/2023", "expired", None, None, None, None, None],
    # screen 20 Sep, interview 22 Sep, Final answer Rejected -> interview, rejected
    ["Fernhill", "Analyst", "18/09/2023", "20/09/2023", "22/09/2023", None, None, "Rejected", None],
    # screen 21 Sep; "Waiting" -> screen, active
    ["Glenrock", "Analyst", "19/09/2023", "21/09/2023", None, None, None, None, "Waiting"],
]


def test_shape_b_furthest_stage_and_stage_dates_come_from_the_date_columns() -> None:
    result = imported(B_ROWS)
    assert result.mapping.shape == "B"
    assert {s.header: s.kind for s in result.mapping.stages} == {
        "Phone call": "screen",
        "1st interview": "interview",
        "2nd interview": "interview",
        "Proposition": "offer",
    }
    apps = by_company(result)
    assert {c: str(a["furthest_stage"]) for c, a in apps.items()} == {
        "Acme": "interview",
        "Borealis": "screen",
        "Cobalt": "offer",
        "Dunmore": "applied",
        "Eastgate": "applied",
        "Fernhill": "interview",
        "Glenrock": "screen",
    }
    assert apps["Acme"]["applied_on"] == T("2023-09-06")  # "06/09/2023 17:00", day first, time dropped
    assert apps["Acme"]["screen_on"] == T("2023-09-13")
    assert apps["Acme"]["interview_on"] == T("2023-09-20")
    assert apps["Acme"]["first_response_on"] == T("2023-09-13")  # the first stage date after applying
    assert pd.isna(apps["Borealis"]["screen_on"])  # "yes": reached, but no date to show
    assert apps["Cobalt"]["interview_on"] == T("2023-10-08")  # first of "8/10/2023 & 12/10/2023", before 25 Oct
    assert apps["Cobalt"]["offer_on"] == T("2023-10-30")
    assert pd.isna(apps["Dunmore"]["screen_on"])  # "n/a" is missing, not an unreadable date
    assert apps["Eastgate"]["outcome"] == "closed"  # "expired" in the Phone call column


def test_shape_b_a_status_column_next_to_final_answer_still_counts() -> None:
    # This is the shape B header of docs/architecture.md. Both "Final answer" and "Status" hold status words:
    # the ones only "Status" holds (Acme: Rejected, Dunmore: No response) and the ones only "Final answer"
    # holds (Cobalt: Accepted, Fernhill: Rejected) must all count; neither column may be dropped silently.
    result = imported(B_ROWS)
    assert stages_and_outcomes(result) == {
        "Acme": ("interview", "rejected"),
        "Borealis": ("screen", "active"),
        "Cobalt": ("offer", "accepted"),
        "Dunmore": ("applied", "ghosted"),
        "Eastgate": ("applied", "closed"),
        "Fernhill": ("interview", "rejected"),
        "Glenrock": ("screen", "active"),
    }


def test_shape_b_the_date_order_of_each_stage_column_is_said() -> None:
    # architecture.md: dd/mm vs mm/dd is decided per column from the values, "and say so" — for stage columns too.
    result = imported(B_ROWS)
    for header in ("Application", "Phone call", "1st interview"):
        assert any(f"“{header}”" in d and "day/month/year" in d for d in result.decisions), (header, result.decisions)


def test_shape_b_a_date_column_without_evidence_follows_the_order_the_sheet_proves() -> None:
    # "Final answer" holds the date of the answer. Its own values (2/10, 5/10) are both <= 12, but every
    # other date column of the same sheet proves day/month (14/09, 18/09, 25/09 ...). Read month/day, the
    # answers would land on 10 Feb and 10 May 2023, months before the applications of mid-September: a
    # first response before applying. One person typed the sheet; the proven order must win over a guess.
    rows = [
        ["Company", "Role", "Application", "Phone call", "1st interview", "Final answer", "Status"],
        ["Acme", "Analyst", "14/09/2023", "18/09/2023", "25/09/2023", "02/10/2023", "Rejected"],
        ["Borealis", "Analyst", "15/09/2023", "19/09/2023", None, None, "Waiting"],
        ["Cobalt", "Analyst", "16/09/2023", "20/09/2023", "27/09/2023", "05/10/2023", "Accepted"],
    ]
    result = imported(rows)
    apps = by_company(result)
    for company, first_reply in (("Acme", "2023-09-18"), ("Borealis", "2023-09-19"), ("Cobalt", "2023-09-20")):
        assert apps[company]["first_response_on"] == T(first_reply)  # the phone call, before 2 or 5 October
        assert apps[company]["first_response_on"] >= apps[company]["applied_on"]
    assert not any("“Final answer” read as month/day/year" in d for d in result.decisions)


# The layout of a tracker with no company column (Who Applied? is covered below): US month/day/year dates.
B_US_ROWS = [
    ["Screening Date", "First Interview", "Second Interview", "Outcome"],
    ["8/1/2019", "8/5/2019 & 8/14/2019", "8/20/2019", "Accepted"],  # offer, accepted; interview on 5 Aug
    ["7/29/2019", None, None, "Rejected"],  # screen, rejected
    ["7/30/2019", "8/13/2019", None, "expired"],  # interview, closed
    ["n/a", None, None, "No response"],  # applied, ghosted
    ["8/2/2019", "yes", None, None],  # interview ("yes" = reached), active
    ["8/6/2019", None, None, None],  # screen, active
]


def test_shape_b_without_a_company_column_each_row_counts() -> None:
    result = imported(B_US_ROWS)
    assert len(result.normalized.apps) == 6  # six filled rows, no company or role to require
    # said as a warning (what was found, what to do), since the user may want to add the column
    said = [w for w in result.warnings if w.startswith("No company or role column was found")]
    assert len(said) == 1 and "each filled row counts as one application" in said[0]
    assert result.mapping.columns.get("status") == "Outcome"
    assert result.normalized.apps["applied_on"].isna().all()  # "Screening Date" is a stage, not the applied date


def test_shape_b_month_first_stage_columns_are_found_and_read() -> None:
    # "8/13/2019", "8/14/2019", "8/20/2019": a second number above 12 proves month/day/year in these columns.
    result = imported(B_US_ROWS)
    assert {s.header: s.kind for s in result.mapping.stages} == {
        "Screening Date": "screen",
        "First Interview": "interview",
        "Second Interview": "interview",
    }
    apps = result.normalized.apps.set_index("row")  # sheet rows 2..7
    assert [(str(apps.loc[r, "furthest_stage"]), apps.loc[r, "outcome"]) for r in range(2, 8)] == [
        ("offer", "accepted"),
        ("screen", "rejected"),
        ("interview", "closed"),
        ("applied", "ghosted"),
        ("interview", "active"),
        ("screen", "active"),
    ]
    assert apps.loc[2, "screen_on"] == T("2019-08-01")
    assert apps.loc[2, "interview_on"] == T("2019-08-05")  # the first date of "8/5/2019 & 8/14/2019"
    assert apps.loc[4, "interview_on"] == T("2019-08-13")


# ================================================================ shape C: one yes/no flag per stage

C_HEADER = ["Company", "Role", "Auto Rejected", "HR/ Recruiter Call", "Hiring Manager"]
C_HEADER += ["Technical Interview/ Assessment", "Panel Interview", "Offer"]
C_ROWS = [
    C_HEADER,
    ["Acme", "Data Engineer", "N", "Y", "Y", "Y", "Y", "Y"],  # every step Y -> offer, still open
    ["Cobalt", "Analyst", "Y", None, None, None, None, None],  # Auto Rejected = Y -> applied, rejected
    ["Dunmore", "Analyst", "N", "N", None, None, None, None],  # N at the first step -> stopped at applied
    ["Eastgate", "Analyst", "N", None, None, None, None, None],  # nothing yet -> applied, open
    ["Fernhill", "Analyst", "N", "Y", None, "P", None, None],  # "P" is not Y/N: read as reached -> interview
    ["Glenrock", "Analyst", None, "Y", "Y", "Y", "Y", "N"],  # no offer after the panel -> interview, rejected
    ["Harlow", "Analyst", "N", "Y", "N", None, None, None],  # screen passed, N at Hiring Manager -> screen, rejected
]


def test_shape_c_flags_give_furthest_stage_and_stop() -> None:
    result = imported(C_ROWS)
    assert result.mapping.shape == "C"
    assert {s.header: (s.kind, s.cells) for s in result.mapping.stages} == {
        "Auto Rejected": ("rejected", "flags"),
        "HR/ Recruiter Call": ("screen", "flags"),
        "Hiring Manager": ("interview", "flags"),
        "Technical Interview/ Assessment": ("interview", "flags"),
        "Panel Interview": ("interview", "flags"),
        "Offer": ("offer", "flags"),
    }
    assert stages_and_outcomes(result) == {
        "Acme": ("offer", "active"),
        "Cobalt": ("applied", "rejected"),
        "Dunmore": ("applied", "rejected"),
        "Eastgate": ("applied", "active"),
        "Fernhill": ("interview", "active"),
        "Glenrock": ("interview", "rejected"),
        "Harlow": ("screen", "rejected"),
    }
    assert any("“P”" in w and "not Y/N" in w for w in result.warnings)


def test_shape_c_an_n_after_a_reached_step_of_the_same_stage_stops_there() -> None:
    # Hiring Manager = Y (an interview happened), Technical Interview = N: the process stopped at the
    # interview stage. An "N" after the furthest reached step means rejected there, even when both steps
    # are interviews; leaving it "active" would count it as still in progress forever (no dates to age it).
    rows = [C_HEADER, ["Borealis", "Analyst", "N", "Y", "Y", "N", None, None], *C_ROWS[1:]]
    assert stages_and_outcomes(imported(rows))["Borealis"] == ("interview", "rejected")


# ================================================================ shape D: event / transition log

D_ROWS = [
    ["Company", "Source", "Target"],
    ["Acme", "Recruiter Inquiry", "HR/ Hiring Manager Interview"],
    ["Acme", "HR/ Hiring Manager Interview", "Offer"],
    ["Glenrock", "Applied", "HR/ Hiring Manager Interview"],  # Glenrock's rows are interleaved with others
    ["Acme", "Offer", "Offer Declined"],
    ["Borealis", "Applied", "No Response"],
    ["Cobalt", "Applied", "HR/ Hiring Manager Interview"],
    ["Glenrock", "HR/ Hiring Manager Interview", "Offer"],
    ["Cobalt", "HR/ Hiring Manager Interview", "Technical Interview"],
    ["Cobalt", "Technical Interview", "Rejected"],
    ["Dunmore", "Applied", "Withdrew"],
    ["Eastgate", "Applied", "Auto-Rejected"],
    ["Fernhill", "Recruiter Inquiry", "HR/ Hiring Manager Interview"],
    ["Glenrock", "Offer", "Offer Accepted"],
]


def test_shape_d_source_target_rows_group_into_one_application_each() -> None:
    result = imported(D_ROWS)
    assert result.mapping.shape == "D"
    assert result.mapping.events is not None and result.mapping.events.states == ("Source", "Target")
    assert "source" not in result.mapping.columns  # "Source" here is a state, not the channel
    # 13 rows: Acme 3, Borealis 1, Cobalt 3, Dunmore 1, Eastgate 1, Fernhill 1, Glenrock 3 -> 7 applications
    assert "Read as an event log: 7 applications from 13 rows, grouped by company." in result.decisions
    apps = by_company(result)
    assert {c: (str(a["furthest_stage"]), a["outcome"], a["direction"]) for c, a in apps.items()} == {
        "Acme": ("offer", "declined", "inbound"),  # Offer Declined is the candidate's no, never "rejected"
        "Borealis": ("applied", "ghosted", "outbound"),
        "Cobalt": ("interview", "rejected", "outbound"),
        "Dunmore": ("applied", "withdrawn", "outbound"),
        "Eastgate": ("applied", "rejected", "outbound"),
        "Fernhill": ("interview", "active", "inbound"),  # a Recruiter Inquiry: they reached out
        "Glenrock": ("offer", "accepted", "outbound"),
    }
    assert apps["Acme"]["path"] == "Recruiter Inquiry → HR/ Hiring Manager Interview → Offer → Offer Declined"
    assert apps["Glenrock"]["path"] == "Applied → HR/ Hiring Manager Interview → Offer → Offer Accepted"
    assert apps["Borealis"]["path"] == "Applied → No Response"
    assert {c: a["events"] for c, a in apps.items()} == {
        "Acme": 3, "Borealis": 1, "Cobalt": 3, "Dunmore": 1, "Eastgate": 1, "Fernhill": 1, "Glenrock": 3,
    }  # fmt: skip
    raw = result.normalized.raw
    assert list(raw.columns) == ["Company", "Source", "Target"]
    assert len(raw) == 7  # one original row per application (its first step)


D_DATED_ROWS = [
    ["Company", "Date", "From", "To"],
    ["Acme", "2026-03-02", "Applied", "Phone screen"],
    ["Borealis", "2026-03-03", "Applied", "Rejected"],
    ["Acme", "2026-03-20", "Onsite", "Offer"],  # out of order on purpose: the dates decide the order
    ["Cobalt", "2026-03-05", "Recruiter Inquiry", "Phone screen"],
    ["Acme", "2026-03-10", "Phone screen", "Onsite"],
    ["Acme", "2026-03-25", "Offer", "Accepted"],
    ["Cobalt", "2026-03-15", "Phone screen", "No response"],
]


def test_shape_d_dated_from_to_log_orders_steps_by_date() -> None:
    result = imported(D_DATED_ROWS)
    assert result.mapping.shape == "D"
    assert result.mapping.events is not None and result.mapping.events.states == ("From", "To")
    apps = by_company(result)
    assert {c: (str(a["furthest_stage"]), a["outcome"], a["direction"]) for c, a in apps.items()} == {
        "Acme": ("offer", "accepted", "outbound"),
        "Borealis": ("applied", "rejected", "outbound"),
        "Cobalt": ("screen", "ghosted", "inbound"),
    }
    assert apps["Acme"]["path"] == "Applied → Phone screen → Onsite → Offer → Accepted"
    assert apps["Acme"]["applied_on"] == T("2026-03-02")  # the first step
    assert apps["Acme"]["last_activity_on"] == T("2026-03-25")  # the last step
    assert apps["Cobalt"]["path"] == "Recruiter Inquiry → Phone screen → No response"


def test_shape_d_dated_log_keeps_the_date_each_stage_was_reached() -> None:
    # Shapes (docs/architecture.md): stage_dates = first date seen at each stage, where known. The log says Acme moved
    # to Onsite on 10 Mar and to Offer on 20 Mar.
    apps = by_company(imported(D_DATED_ROWS))
    assert apps["Acme"]["interview_on"] == T("2026-03-10")
    assert apps["Acme"]["offer_on"] == T("2026-03-20")


@pytest.mark.parametrize(
    "rows",
    [
        [["Company", "From", "To"]],  # a fresh log template: the header only
        [["Company", "Date", "From", "To"], [None, None, None, None]],  # and a blank line
        [["Company", "Source", "Target"], ["Acme", "Wishlist", "Saved"]],  # only a row that is no application
    ],
    ids=["header-only", "blank-row", "wishlist-only"],
)
def test_shape_d_log_without_applications_imports_empty_like_any_other_shape(rows: list[list[object]]) -> None:
    # A status list with no applications imports with 0 of them and says so; a log must do the same,
    # not fail with an internal error.
    result = imported(rows)
    assert result.mapping.shape == "D"
    assert len(result.normalized.apps) == 0
    assert "No applications were found" in result.warnings[0]


# ================================================================ mixed: status column + stage date columns

MIXED_ROWS = [
    ["Company", "Role", "Date Applied", "Phone Screen", "Interview", "Status"],
    ["Acme", "Analyst", "2026-02-02", "2026-02-09", None, "Interviewing"],  # status interview > dates screen
    ["Borealis", "Analyst", "2026-02-03", "2026-02-10", "2026-02-17", "Applied"],  # dates interview > status
    ["Cobalt", "Analyst", "2026-02-04", None, None, "Offer"],  # status offer, no dates
    ["Dunmore", "Analyst", "2026-02-05", "2026-02-12", None, "Rejected"],  # screen (date), rejected (status)
    ["Eastgate", "Analyst", "2026-02-06", None, None, "Phone screen"],  # status screen
    ["Fernhill", "Analyst", "2026-02-07", "2026-02-14", None, "Rejected after interview"],  # status interview
]


def test_mixed_status_and_stage_dates_the_furthest_either_shows_wins() -> None:
    result = imported(MIXED_ROWS)
    assert result.mapping.columns["status"] == "Status"
    assert {s.header: s.kind for s in result.mapping.stages} == {"Phone Screen": "screen", "Interview": "interview"}
    assert stages_and_outcomes(result) == {
        "Acme": ("interview", "active"),
        "Borealis": ("interview", "active"),
        "Cobalt": ("offer", "active"),
        "Dunmore": ("screen", "rejected"),
        "Eastgate": ("screen", "active"),
        "Fernhill": ("interview", "rejected"),
    }
    assert any("the furthest either shows counts" in d for d in result.decisions)
    apps = by_company(result)
    assert apps["Borealis"]["interview_on"] == T("2026-02-17")
    assert apps["Dunmore"]["first_response_on"] == T("2026-02-12")


# ================================================================ direction: who reached out

DIRECTION_ROWS = [
    ["Company", "Role", "Date Applied", "Status", "Source", "Who Applied?"],
    ["Acme", "Analyst", "2026-01-05", "Rejected", "LinkedIn", "Me"],  # outbound; replied (rejection)
    ["Borealis", "Analyst", "2026-01-06", "Phone screen", "LinkedIn", "Them"],  # inbound: Who Applied? = Them
    ["Cobalt", "Analyst", "2026-01-07", "Interview", "Reach-out", None],  # inbound: source Reach-out
    ["Dunmore", "Analyst", "2026-01-08", "Recruiter Inquiry", "Indeed", None],  # inbound: status word
    ["Eastgate", "Analyst", "2026-01-09", "Applied", "Indeed", "Me"],  # outbound, silent 60 days -> ghosted
    ["Fernhill", "Analyst", "2026-01-10", "Interviewing", "Referral", "me"],  # outbound; replied (interview)
    ["Glenrock", "Analyst", "2026-03-01", "Applied", "Indeed", None],  # outbound, 9 days old -> pending
]


def test_direction_from_who_applied_source_and_status_words() -> None:
    result = imported(DIRECTION_ROWS)
    assert result.mapping.columns["direction"] == "Who Applied?"
    assert {c: a["direction"] for c, a in by_company(result).items()} == {
        "Acme": "outbound",
        "Borealis": "inbound",
        "Cobalt": "inbound",
        "Dunmore": "inbound",
        "Eastgate": "outbound",
        "Fernhill": "outbound",
        "Glenrock": "outbound",
    }


def test_response_rate_leaves_inbound_contacts_out() -> None:
    resolved = resolve_outcomes(imported(DIRECTION_ROWS).normalized.apps, MetricParams(dt.date(2026, 3, 10)))
    figures = kpis(resolved)
    assert (figures.applications, figures.outbound, figures.inbound) == (7, 4, 3)
    # Outbound: Acme, Eastgate, Fernhill, Glenrock. Glenrock is 9 days old and silent: pending, left out -> n = 3.
    # Replied among them: Acme (rejection) and Fernhill (interview) -> 2 of 3. Counting the inbound three
    # (Borealis and Cobalt replied by definition) would have given 4 of 6.
    assert (figures.mature, figures.pending) == (3, 1)
    assert (figures.response_rate.k, figures.response_rate.n) == (2, 3)
    assert (figures.positive_rate.k, figures.positive_rate.n) == (1, 3)  # Fernhill reached an interview


def test_who_applied_tracker_with_diary_rows() -> None:
    # The layout of a stage-date tracker with "Who Applied?" and diary lines mixed in.
    rows = [
        ["Who Applied?", "Screening Date", "First Interview", "Second Interview", "Outcome"],
        ["Me", "2023-05-01", "2023-05-15", "2023-05-30", "Accepted"],  # outbound, offer accepted
        ["Them", "2023-04-20", None, None, "Rejected"],  # inbound, screen, rejected
        ["Me", "2023-04-20", None, None, None],  # outbound, screen, active
        ["Them", "2023-04-15", "2023-05-01", None, "Accepted"],  # inbound, offer accepted
        ["Me", "2023-03-22", None, None, "Diary Update"],  # a diary line, not an application
    ]
    result = imported(rows)
    apps = result.normalized.apps.set_index("row")
    assert list(apps.index) == [2, 3, 4, 5]
    assert [
        (apps.loc[r, "direction"], str(apps.loc[r, "furthest_stage"]), apps.loc[r, "outcome"]) for r in apps.index
    ] == [
        ("outbound", "offer", "accepted"),
        ("inbound", "screen", "rejected"),
        ("outbound", "screen", "active"),
        ("inbound", "offer", "accepted"),
    ]
    skipped = result.normalized.quality.skipped
    assert list(skipped["row"]) == [6]
    assert "diary" in skipped["reason"].iloc[0]


# ================================================================ rows that are not applications

NOT_APPLICATION_ROWS = [
    ["Company", "Role", "Date Applied", "Status", "Notes"],  # sheet row 1
    ["Acme", "Analyst", "2026-01-14", "Applied", None],  # 2: an application
    ["Borealis", "Analyst", "2026-01-15", "Wishlist", "apply next week"],  # 3: not sent
    ["Cobalt", "Analyst", None, "Saved", None],  # 4: not sent
    [None, None, None, None, None],  # 5: blank
    ["Company", "Role", "Date Applied", "Status", "Notes"],  # 6: the header pasted again
    ["Dunmore", "Analyst", "2026-01-16", "Rejected", None],  # 7: an application
    ["Eastgate", "Analyst", "2026-01-17", "Diary Update", "updated my CV"],  # 8: a diary line
    ["Fernhill", "Analyst", "2026-01-18", "Bookmarked", None],  # 9: not sent
    [None, None, None, None, None],  # 10: blank
    ["total: 12", None, None, None, None],  # 11: a one-cell footer
]


def test_rows_that_are_not_applications_are_left_out_with_a_reason() -> None:
    result = imported(NOT_APPLICATION_ROWS)
    quality = result.normalized.quality
    assert list(result.normalized.apps["company"]) == ["Acme", "Dunmore"]
    skipped = dict(zip(quality.skipped["row"], quality.skipped["reason"], strict=True))
    assert set(skipped) == {3, 4, 6, 8, 9, 11}
    for row in (3, 4, 8, 9):
        assert skipped[row] == "not sent yet (wishlist / saved / diary entry)"
    assert skipped[6] == "the header repeated"
    assert skipped[11] == "only one cell filled (a note or a total?)"
    # 10 rows below the header = 2 applications + 6 skipped + 2 blank
    assert (quality.rows_in_table, quality.applications, quality.blank_rows) == (10, 2, 2)
    assert any("6 row(s) left out" in w for w in result.warnings)


def test_repeated_header_row_is_not_reported_as_an_unknown_status() -> None:
    # Row 6 is left out as "the header repeated"; its cell "Status" is not a status someone typed, so the
    # user must not be told it "counts as applied, in progress" (it counts as nothing).
    result = imported(NOT_APPLICATION_ROWS)
    assert "Status" not in set(result.normalized.quality.unknown_statuses["value"])
    assert not any("“Status”" in w for w in result.warnings)


# ================================================================ messy cells

MESSY_ROWS = [
    ["Company", "Role", "Date Applied", "Status", "Notes"],
    ["Acme", "Analyst", "14 Jan 2026", "Applied", "null"],
    ["Borealis", "Analyst", "8-Jul", "reeejected", "n/a"],
    ["Cobalt", "Analyst", "9/19", "Rejection :(", "-"],
    ["Dunmore", "Analyst", "2025-11-03", "Accepted!", "none"],
    ["Eastgate", "Analyst", "2025-12-01", "Rejected ", "sent via the portal"],
    ["Fernhill", "n/a", "null", "-", "via Sam"],  # role, date and status all missing
]


def test_missing_words_are_missing_not_values() -> None:
    result = imported(MESSY_ROWS)
    apps = by_company(result)
    assert [pd.isna(apps[c]["notes"]) for c in ("Acme", "Borealis", "Cobalt", "Dunmore")] == [True] * 4
    assert apps["Eastgate"]["notes"] == "sent via the portal"
    fernhill = apps["Fernhill"]
    assert pd.isna(fernhill["role"]) and pd.isna(fernhill["applied_on"]) and pd.isna(fernhill["status_raw"])
    assert (str(fernhill["furthest_stage"]), fernhill["outcome"]) == ("applied", "active")  # no status: just sent
    assert result.normalized.quality.unparsed.empty  # "null" is not an unreadable date
    assert "-" not in set(result.normalized.statuses["value"])


def test_text_dates_and_dates_without_a_year() -> None:
    result = imported(MESSY_ROWS)
    apps = by_company(result)
    # Dated values: 14 Jan 2026, 3 Nov 2025, 1 Dec 2025 -> median 1 Dec 2025. "9/19" has a second number
    # above 12, so the column is month/day/year. Years: 8 Jul is nearest 1 Dec 2025 in 2025 (146 days back,
    # against 219 ahead in 2026); 19 Sep likewise in 2025 (73 days back).
    assert apps["Acme"]["applied_on"] == T("2026-01-14")
    assert apps["Borealis"]["applied_on"] == T("2025-07-08")
    assert apps["Cobalt"]["applied_on"] == T("2025-09-19")
    assert apps["Dunmore"]["applied_on"] == T("2025-11-03")
    said = [d for d in result.decisions if "“Date Applied”" in d]
    assert said and "month/day/year" in said[0] and "2 value(s) had no year" in said[0]


def test_status_typos_are_matched_and_the_fuzzy_one_is_shown_with_its_confidence() -> None:
    result = imported(MESSY_ROWS)
    assert {c: (str(a["furthest_stage"]), a["outcome"]) for c, a in by_company(result).items()} == {
        "Acme": ("applied", "active"),
        "Borealis": ("applied", "rejected"),  # reeejected ~ rejected
        "Cobalt": ("applied", "rejected"),
        "Dunmore": ("offer", "accepted"),
        "Eastgate": ("applied", "rejected"),
        "Fernhill": ("applied", "active"),
    }
    how = dict(zip(result.normalized.statuses["value"], result.normalized.statuses["how"], strict=True))
    # fuzz.ratio("reeejected", "rejected") = 2 * 8 / (10 + 8) = 0.889 -> 89%
    assert how["reeejected"] == "close to “rejected” (89%)"
    assert how["Rejection :("] == how["Accepted!"] == how["Rejected"] == "vocabulary"  # "Rejected " trimmed
    assert any("reeejected" in w and "89%" in w for w in result.warnings)
    assert result.normalized.quality.unknown_statuses.empty


# ================================================================ file variants

FR_ROWS = [
    ["Entreprise", "Poste", "Date de candidature", "Statut"],
    ["Société Générale", "Analyste", "15/01/2026", "Refusé"],
    ["Müller GmbH", "Datenanalyst", "16/01/2026", "Entretien"],
    ["Crédit Agricole", "Chargé d'études", "17/01/2026", "Candidature envoyée"],
]
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
ENCODINGS = {
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8 (with BOM)",
    "utf-16": "utf-16",  # Python writes a BOM
    "utf-16-le": "utf-16-le",  # no BOM: told by the zero bytes
    "cp1252": "cp1252",
    "latin-1": "cp1252",  # these accents have the same bytes in both; cp1252 is tried first
}


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("delimiter", list(DELIMITERS), ids=list(DELIMITERS.values()))
def test_csv_delimiters_encodings_and_line_ends(delimiter: str, encoding: str, newline: str) -> None:
    data = csv_bytes(FR_ROWS, delimiter=delimiter, encoding=encoding, newline=newline)
    result = import_tracker(data, "candidatures.csv")
    assert f"Read as text: {ENCODINGS[encoding]}, {DELIMITERS[delimiter]}-separated." in result.decisions
    assert stages_and_outcomes(result) == {
        "Société Générale": ("applied", "rejected"),
        "Müller GmbH": ("interview", "active"),
        "Crédit Agricole": ("applied", "active"),
    }
    assert list(result.normalized.apps["applied_on"]) == [T("2026-01-15"), T("2026-01-16"), T("2026-01-17")]
    assert list(result.normalized.raw.columns) == FR_ROWS[0]  # no BOM or \r left in a header


def test_utf8_bom_is_not_part_of_the_first_header() -> None:
    data = codecs.BOM_UTF8 + csv_bytes([["Company", "Role", "Status"], ["Acme", "Analyst", "Applied"]])
    result = import_tracker(data, "t.csv")
    assert result.mapping.columns["company"] == "Company"


SHEET_HEADER = ["Company", "Position", "Date Applied", "Status"]


def _workbook_with_three_sheets() -> bytes:
    return xlsx_bytes(
        {
            "Notes": [["Ideas for the search"], ["follow up with Sam"], ["update portfolio"]],
            "2026": [
                SHEET_HEADER,
                ["Acme", "Analyst", dt.date(2026, 1, 5), "Applied"],
                ["Borealis", "Analyst", dt.date(2026, 1, 6), "Rejected"],
                ["Cobalt", "Analyst", dt.date(2026, 1, 7), "Interview"],
                ["Dunmore", "Analyst", dt.date(2026, 1, 8), "Offer"],
            ],
            "2025": [
                SHEET_HEADER,
                ["Eastgate", "Analyst", dt.date(2025, 6, 5), "Rejected"],
                ["Fernhill", "Analyst", dt.date(2025, 6, 6), "Ghosted"],
            ],
        }
    )


def test_several_sheets_the_tracker_is_chosen_and_sheet_switches() -> None:
    data = _workbook_with_three_sheets()
    chosen = import_tracker(data, "search.xlsx")
    # "2026" and "2025" both name company, role, date and status; "2026" has more rows, so it wins.
    assert chosen.sheet == "2026"
    assert chosen.sheet_names == ["Notes", "2026", "2025"]
    assert list(chosen.normalized.apps["company"]) == ["Acme", "Borealis", "Cobalt", "Dunmore"]
    assert "Sheet “2026” of 3 was used (it looks most like a tracker)." in chosen.decisions
    switched = import_tracker(data, "search.xlsx", sheet="2025")
    assert switched.sheet == "2025"
    assert stages_and_outcomes(switched) == {"Eastgate": ("applied", "rejected"), "Fernhill": ("applied", "ghosted")}
    assert "Sheet “2025” of 3 was used (your choice)." in switched.decisions


@pytest.mark.parametrize("tall_cells", [True, False], ids=["other-headers-merged-down", "only-the-group-merged"])
def test_merged_group_header_under_a_title_block(tall_cells: bool) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Applications"
    sheet["A1"] = "Job search 2026 — Camille"
    sheet.merge_cells("A1:F1")
    sheet["A2"] = "updated every Friday"
    # row 3 blank; header on rows 4-5: "Interviews" merged over D4:E4 with "1st" | "2nd" below it
    for column, text in zip("ABCDF", ["Company", "Role", "Applied", "Interviews", "Status"], strict=True):
        sheet[f"{column}4"] = text
    sheet.merge_cells("D4:E4")
    if tall_cells:  # Company, Role, Applied and Status each merged over rows 4-5
        for column in "ABCF":
            sheet.merge_cells(f"{column}4:{column}5")
    sheet["D5"], sheet["E5"] = "1st", "2nd"
    data_rows = [
        ["Acme", "Analyst", dt.date(2026, 2, 2), dt.date(2026, 2, 10), dt.date(2026, 2, 20), "Rejected"],
        ["Borealis", "Analyst", dt.date(2026, 2, 3), dt.date(2026, 2, 12), None, "Interviewing"],
        ["Cobalt", "Analyst", dt.date(2026, 2, 4), None, None, "Applied"],
    ]
    for offset, values in enumerate(data_rows):
        for column, value in enumerate(values, 1):
            sheet.cell(6 + offset, column, value)
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_tracker(buffer.getvalue(), "camille.xlsx")
    assert result.table.header_row == 4
    assert list(result.table.frame.columns) == [
        "Company",
        "Role",
        "Applied",
        "Interviews 1st",
        "Interviews 2nd",
        "Status",
    ]
    assert "The header is on row 4; the rows above it were treated as a title." in result.decisions
    assert {s.header: s.kind for s in result.mapping.stages} == {
        "Interviews 1st": "interview",
        "Interviews 2nd": "interview",
    }
    apps = by_company(result)
    assert list(apps) == ["Acme", "Borealis", "Cobalt"]  # the sub-header row 5 is not an application
    assert (str(apps["Acme"]["furthest_stage"]), apps["Acme"]["outcome"]) == ("interview", "rejected")
    assert apps["Acme"]["interview_on"] == T("2026-02-10")  # the earlier of 10 Feb (1st) and 20 Feb (2nd)
    assert apps["Borealis"]["interview_on"] == T("2026-02-12")
    assert (str(apps["Cobalt"]["furthest_stage"]), apps["Cobalt"]["outcome"]) == ("applied", "active")


def test_formulas_are_read_from_their_cached_values_never_evaluated() -> None:
    def text(ref: str, value: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'

    body = (
        rows_xml([["Company", "Role", "Date Applied", "Status"]])
        + '<row r="2">'
        + text("A2", "Acme")
        + text("B2", "Analyst")
        # A2 is text: evaluating A2+1 would give #VALUE!; the cached 45000 is 1899-12-30 + 45000 days = 2023-03-15
        + '<c r="C2"><f>A2+1</f><v>45000</v></c>'
        + '<c r="D2" t="str"><f>IF(C2&gt;0,"Rejected","Applied")</f><v>Rejected</v></c></row>'
        + '<row r="3">'
        + text("A3", "Borealis")
        + text("B3", "Analyst")
        # no cached value: a file saved by a script; TODAY() must not be computed, the cell is simply empty
        + '<c r="C3"><f>TODAY()</f></c>'
        + text("D3", "Applied")
        + "</row>"
    )
    data = xlsx_from_parts({"Tracker": sheet_xml(body)})
    result = import_tracker(data, "formulas.xlsx")
    apps = by_company(result)
    assert apps["Acme"]["applied_on"] == T("2023-03-15")
    assert apps["Acme"]["outcome"] == "rejected"
    assert pd.isna(apps["Borealis"]["applied_on"])
    assert result.normalized.quality.unparsed.empty  # no formula text was taken for a date
    assert not result.normalized.raw.astype(str).apply(lambda c: c.str.contains("TODAY|A2\\+1")).any().any()


# ================================================================ issue #8: flags and words as real trackers write them


def test_flags_in_every_spelling_mean_reached_or_not_reached() -> None:
    """1/0, TRUE/FALSE, x, ✓/√/×, ja/nein, 是/否, Y/N: a false or empty flag is "not reached", never a rejection."""
    rows = [
        ["Company", "Role", "Phone screen", "Interview", "Offer"],
        ["Acme", "Analyst", "1", "1", "0"],
        ["Borealis", "Analyst", "TRUE", "FALSE", "FALSE"],
        ["Cobalt", "Analyst", "✓", "√", "×"],
        ["Dunmore", "Analyst", "ja", "nein", ""],
        ["Eastgate", "Analyst", "是", "否", "否"],
        ["Fernhill", "Analyst", "x", "", ""],
        ["Glenrock", "Analyst", "", "", ""],
    ]
    got = stages_and_outcomes(imported(rows))
    assert {company: stage for company, (stage, _) in got.items()} == {
        "Acme": "interview",
        "Borealis": "screen",
        "Cobalt": "interview",
        "Dunmore": "screen",
        "Eastgate": "screen",
        "Fernhill": "screen",
        "Glenrock": "applied",
    }
    assert got["Glenrock"][1] == "active"  # nothing ticked: sent, no reply recorded
    assert got["Fernhill"][1] == "active"  # an empty flag after a reached step is not a rejection


def test_a_word_in_a_stage_date_column_names_its_own_stage() -> None:
    """Campus trackers write the outcome where the next date would go: 'offer拒绝' under 二面 is a declined offer,
    '无' (none) is a step that did not happen, and '线下面' (an on-site interview) is an interview reached."""
    rows = [
        ["单位", "岗位", "笔试", "一面", "二面"],
        ["上汽", "软开", "无", "2020-10-13", "offer拒绝"],
        ["一汽", "安卓", "2020-09-20", "2020-09-21", "线下面"],
        ["建行", "后台", "2020-09-12", "无", ""],
        ["索尼", "软开", "2020-09-24", "2020-10-15", "不去了"],
        *[[f"公司{i}", "测开", "2020-09-01", "2020-09-08", "2020-09-15"] for i in range(5)],
    ]
    got = stages_and_outcomes(imported(rows))
    assert got == {
        "上汽": ("offer", "declined"),
        "一汽": ("interview", "active"),
        "建行": ("screen", "active"),
        "索尼": ("interview", "withdrawn"),
        **{f"公司{i}": ("interview", "active") for i in range(5)},
    }


def test_stacked_tables_in_one_sheet_are_one_tracker_with_their_titles_as_a_segment() -> None:
    rows = [
        ["September applications", None, None, None],
        ["Company", "Role", "Date", "Status"],
        ["Acme", "Analyst", "2026-09-01", "Applied"],
        ["Borealis", "BI", "2026-09-03", "Rejected"],
        [None, None, None, None],
        ["October applications", None, None, None],
        ["Company", "Role", "Date", "Status"],
        ["Cobalt", "DS", "2026-10-01", "Interview"],
        ["Dunmore", "DE", "2026-10-05", "Applied"],
    ]
    result = imported(rows)
    apps = result.normalized.apps
    assert dict(zip(apps["company"], apps["segment: Section"], strict=True)) == {
        "Acme": "September applications",
        "Borealis": "September applications",
        "Cobalt": "October applications",
        "Dunmore": "October applications",
    }
    skipped = result.normalized.quality.skipped
    assert sorted(skipped["reason"]) == ["a section title (kept as the segment “Section”)", "the header repeated"]


def test_a_board_export_reads_its_list_column_and_leaves_wishlist_cards_out() -> None:
    """A Kanban export: the list a card sits in is its status, whatever the column is called."""
    rows = [
        ["Card Name", "List", "Labels", "Due Date"],
        ["Acme - Data Analyst", "Wishlist", None, None],
        ["Borealis - BI", "Applied", None, "2026-12-01"],
        ["Cobalt - DS", "Interviewing", None, None],
        ["Dunmore - DE", "Offer", None, None],
        ["Eastgate - DA", "Rejected", None, None],
        ["Fernhill - DA", "Applied", None, None],
    ]
    result = imported(rows, "board.csv")
    assert result.mapping.columns == {"company": "Card Name", "status": "List"}  # a due date is no application date
    assert stages_and_outcomes(result) == {
        "Borealis - BI": ("applied", "active"),
        "Cobalt - DS": ("interview", "active"),
        "Dunmore - DE": ("offer", "active"),
        "Eastgate - DA": ("applied", "rejected"),
        "Fernhill - DA": ("applied", "active"),
    }


def test_numbered_applications_without_company_or_role_still_count_and_say_what_tells_them_apart() -> None:
    result = imported([["ID", "Status", "Applied"], ["1", "Applied", "2026-09-01"], ["2", "Rejected", "2026-09-03"]])
    assert len(result.normalized.apps) == 2
    assert any("Rows are told apart by “ID”." in w for w in result.warnings)


def test_a_lone_no_in_a_step_column_is_a_step_not_reached() -> None:
    """One Yes/No step column filled on every row: "No" says the step did not happen, not that it failed."""
    rows = [["Company", "Role", "Applied", "Interview?", "Outcome"]]
    rows += [["Monzo", "DA", "2026-11-20", "No", ""], ["Arm", "DA", "2026-11-18", "No", ""]]
    rows += [["Wise", "DA", "2026-11-01", "Yes", "Rejected"], ["Revolut", "DA", "2026-11-19", "Yes", ""]]
    got = stages_and_outcomes(imported(rows))
    assert got == {
        "Monzo": ("applied", "active"),
        "Arm": ("applied", "active"),
        "Wise": ("interview", "rejected"),
        "Revolut": ("interview", "active"),
    }


def test_a_count_of_interviews_is_reached_when_above_zero() -> None:
    rows = [["companyName", "status", "interviewCount"], ["Acme", "Applied", "0"], ["Borealis", "Applied", "2"]]
    rows += [["Cobalt", "Applied", "0"], ["Dunmore", "Rejected", "1"]]
    got = stages_and_outcomes(imported(rows))
    assert got == {
        "Acme": ("applied", "active"),
        "Borealis": ("interview", "active"),
        "Cobalt": ("applied", "active"),
        "Dunmore": ("interview", "rejected"),
    }


def test_a_bare_declined_is_the_candidates_at_an_offer_and_the_employers_before() -> None:
    rows = [["Company", "Stage", "Result"], ["Rippling", "Offer", "Declined"], ["Gusto", "Phone screen", "Declined"]]
    rows += [["Brex", "Interview", "Rejected"], ["Ramp", "Offer", "Accepted"]]
    result = imported(rows)
    assert [o.header for o in result.mapping.outcomes] == ["Result"]
    assert stages_and_outcomes(result) == {
        "Rippling": ("offer", "declined"),
        "Gusto": ("screen", "rejected"),
        "Brex": ("interview", "rejected"),
        "Ramp": ("offer", "accepted"),
    }


def test_a_totals_row_is_left_out_and_said() -> None:
    rows = [["Company", "Role", "Status"], ["Acme", "DA", "Offer"], ["Borealis", "DA", "Rejected"]]
    rows += [["Cobalt", "DA", "Applied"], ["TOTAL", "3 roles", "1 offer"], ["Response rate", "67%", None]]
    result = imported(rows)
    assert sorted(result.normalized.apps["company"]) == ["Acme", "Borealis", "Cobalt"]
    assert list(result.normalized.quality.skipped["reason"]) == ["a totals or summary row"] * 2


def test_two_columns_of_status_words_are_both_read() -> None:
    """'Where' holds the stage and 'Outcome?' the result: the furthest stage of one, the outcome of the other."""
    rows = [["Co", "Sent", "Where", "Outcome?"], ["A", "2026-09-02", "sent", "rejected"]]
    rows += [["B", "2026-09-12", "tech round", "rejected"], ["C", "2026-09-15", "offer", "accepted"]]
    rows += [["D", "2026-09-20", "HR call", ""], ["E", "2026-10-01", "final", "withdrew"]]
    result = imported(rows)
    assert result.mapping.columns["status"] == "Outcome?"
    assert [o.header for o in result.mapping.outcomes] == ["Where"]
    apps = result.normalized.apps
    assert list(apps["furthest_stage"].astype(str)) == ["applied", "interview", "offer", "screen", "interview"]
    assert list(apps["outcome"]) == ["rejected", "rejected", "accepted", "active", "withdrawn"]


def test_notes_that_tell_the_story_are_read_as_the_status_and_asked_about() -> None:
    rows = [["Company", "Title", "Date", "Notes"], ["Basecamp", "PM", "2026-09-01", "no reply"]]
    rows += [["GitLab", "PM", "2026-09-02", "phone screen 9/12, then rejection email"]]
    rows += [["Automattic", "PM", "2026-09-03", "trial project done, offer extended, accepted!!"]]
    rows += [["Andela", "PM", "2026-09-04", "applied via referral"]]
    result = imported(rows)
    assert result.mapping.columns["status"] == result.mapping.columns["notes"] == "Notes"
    assert [u.subject for u in result.uncertain] == ["Notes"]
    assert stages_and_outcomes(result) == {
        "Basecamp": ("applied", "ghosted"),
        "GitLab": ("screen", "rejected"),
        "Automattic": ("offer", "accepted"),
        "Andela": ("applied", "active"),
    }


def test_a_step_column_of_dates_and_marks_stays_a_step_column() -> None:
    rows = [["Company", "Role", "Applied", "OA", "Interview"], ["Acme", "SWE", "2026-09-01", "2026-09-05", ""]]
    rows += [["Borealis", "SWE", "2026-09-02", "skipped", "2026-09-20"], ["Cobalt", "SWE", "2026-09-03", "x", ""]]
    rows += [["Dunmore", "SWE", "2026-09-04", "n/a", ""], ["Eastgate", "SWE", "2026-09-05", "done", ""]]
    result = imported(rows)
    assert [(s.header, s.kind, s.cells) for s in result.mapping.stages] == [
        ("OA", "screen", "dates"),
        ("Interview", "interview", "dates"),
    ]
    assert {c: stage for c, (stage, _) in stages_and_outcomes(result).items()} == {
        "Acme": "screen",
        "Borealis": "interview",
        "Cobalt": "screen",
        "Dunmore": "applied",
        "Eastgate": "screen",
    }
