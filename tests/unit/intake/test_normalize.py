"""normalize: raw table + mapping -> one row per application, and a report of all it left out.

Why: the dashboard's numbers start here. Every row must end up either as an application or in
the quality report with a reason; every status, date and source must be read as docs/architecture.md
says; and every original column must survive untouched in `raw`.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from applytics.intake.detect import Mapping, RawTable, StageColumn, detect_mapping, table_from_sheet
from applytics.intake.normalize import (
    Normalized,
    _choose_rows,
    _Context,
    _outcome_columns,
    _read_dates,
    _read_names,
    _reason_categories,
    _row_signals,
    canonical_source,
    normalize,
)
from applytics.intake.pipeline import import_tracker
from applytics.intake.read import Sheet
from applytics.intake.vocabulary import yes_no


def table(rows: list[list[object]]) -> RawTable:
    return table_from_sheet(Sheet("Tracker", rows))


def run(rows: list[list[object]], mapping: Mapping | None = None) -> Normalized:
    found = table(rows)
    return normalize(found, mapping or detect_mapping(found))


def days(series: pd.Series) -> list[dt.date | None]:
    return [None if pd.isna(v) else v.date() for v in series]


HEADER = ["Company", "Role", "Date Applied", "Status", "Source", "Notes"]
MESSY = [
    HEADER,  # sheet row 1
    ["Acme", "Data Analyst", "2024-01-05", "Applied", "LinkedIn Easy Apply", None],  # 2
    ["Beta", "Dev", "2024-01-06", "Rejected after interview", "Referral from friend", "  spaced  "],  # 3
    ["Gamma", "Ops", "2024-01-07", "Offer declined", "Company website", None],  # 4
    ["Delta", "BI", "2024-01-08", "Wishlist", "Indeed", None],  # 5: not sent yet
    [None, None, None, None, None, None],  # 6: blank
    [None, None, "2024-01-09", "Applied", None, None],  # 7: no company or role
    ["total: 3", None, None, None, None, None],  # 8: a lone note under a table of ~5 filled cells
    ["Epsilon", "Dev", "2024-01-10", "xyzzy", "Glassdoor", None],  # 9: unknown status word
    ["Zeta", "Dev", "ASAP", "Ghosted", "Indeed", None],  # 10: unreadable date
    HEADER,  # 11: the header pasted again
]


@pytest.fixture(scope="module")
def messy() -> Normalized:
    return run(MESSY)


def test_each_application_is_read_per_design(messy: Normalized) -> None:
    apps = messy.apps
    assert list(apps["row"]) == [2, 3, 4, 9, 10]
    assert list(apps["company"]) == ["Acme", "Beta", "Gamma", "Epsilon", "Zeta"]
    assert list(apps["furthest_stage"].astype(str)) == ["applied", "interview", "offer", "applied", "applied"]
    assert list(apps["outcome"]) == ["active", "rejected", "declined", "active", "ghosted"]
    assert list(apps["source"]) == ["LinkedIn", "Referral", "Company site", "Glassdoor", "Indeed"]
    assert apps["source_raw"].iloc[0] == "LinkedIn Easy Apply"
    assert days(apps["applied_on"]) == [
        dt.date(2024, 1, 5),
        dt.date(2024, 1, 6),
        dt.date(2024, 1, 7),
        dt.date(2024, 1, 10),
        None,
    ]
    assert list(apps["status_raw"])[1] == "Rejected after interview"
    assert list(apps["notes"])[1] == "spaced"
    assert apps["furthest_stage"].cat.ordered
    assert list(apps["furthest_stage"].cat.categories) == ["applied", "screen", "interview", "offer"]


def test_skipped_rows_come_with_row_numbers_and_reasons(messy: Normalized) -> None:
    quality = messy.quality
    # rows 2..11 = 10; applications 2, 3, 4, 9, 10 = 5; blank row 6 = 1; skipped 5, 7, 8, 11 = 4
    assert (quality.rows_in_table, quality.applications, quality.blank_rows) == (10, 5, 1)
    skipped = quality.skipped.set_index("row")["reason"].to_dict()
    assert set(skipped) == {5, 7, 8, 11}
    assert "wishlist" in skipped[5]
    assert "no company or role" in skipped[7]
    assert "one cell" in skipped[8]
    assert "header" in skipped[11]
    assert "Delta" in quality.skipped.set_index("row").loc[5, "content"]
    assert any("4 row(s) left out" in w for w in quality.warnings)


def test_unknown_statuses_and_unreadable_dates_are_reported(messy: Normalized) -> None:
    # only "xyzzy" (row 9) is unknown: the word "Status" of the repeated header (row 11) belongs to a skipped row
    quality = messy.quality
    assert quality.unknown_statuses.to_dict("records") == [{"value": "xyzzy", "rows": 1}]
    assert quality.unparsed.to_dict("records") == [
        {"field": "Date applied", "column": "Date Applied", "value": "ASAP", "rows": 1}
    ]
    assert any("xyzzy" in w for w in quality.warnings)
    assert any("ASAP" in w for w in quality.warnings)
    assert any("1 application(s) have no readable application date" in w for w in quality.warnings)


def test_raw_keeps_every_original_column_untouched(messy: Normalized) -> None:
    assert list(messy.raw.columns) == HEADER
    assert len(messy.raw) == len(messy.apps)
    assert messy.raw["Notes"].tolist()[1] == "  spaced  "  # as typed, spaces and all
    assert messy.raw["Source"].tolist()[0] == "LinkedIn Easy Apply"


def test_raw_keeps_columns_no_field_uses() -> None:
    header = ["Sn", "Companies Name", "Area", "Status", "Roles", "Packages", "Date ", "Follow-up-1(24hrs)", "Shifts"]
    result = run(
        [
            header,
            ["COM1", "Biocon", "Electronic City", "Applied", "DA", "6LPA", "16-01-2026", "Yes", None],
            ["COM2", "Cipla", "Electronic City", "Pending", "DS", "12LPA", "16-01-2026", "No", "Night"],
        ]
    )
    # headers are shown with spaces tidied ("Date " -> "Date"); nothing is dropped
    assert list(result.raw.columns) == [
        "Sn", "Companies Name", "Area", "Status", "Roles", "Packages", "Date", "Follow-up-1(24hrs)", "Shifts",
    ]  # fmt: skip
    assert result.raw.iloc[1].tolist() == ["COM2", "Cipla", "Electronic City", "Pending", "DS", "12LPA", "16-01-2026",
                                           "No", "Night"]  # fmt: skip
    assert days(result.apps["applied_on"]) == [dt.date(2026, 1, 16)] * 2


def test_the_date_order_decision_is_reported() -> None:
    result = run([["Company", "Date"], ["A", "16-01-2026"], ["B", "02-02-2026"]])
    # 16 > 12 settles day-first, so 02-02 is the 2nd of February either way and 16-01 is January 16
    assert days(result.apps["applied_on"]) == [dt.date(2026, 1, 16), dt.date(2026, 2, 2)]
    assert any("“Date”" in d and "day/month/year" in d for d in result.quality.decisions)


def test_a_date_order_chosen_by_the_user_wins() -> None:
    rows = [["Company", "Date Applied"], ["A", "05/03/2024"], ["B", "06/03/2024"]]
    found = table(rows)
    mapping = detect_mapping(found)
    chosen = Mapping(columns=mapping.columns, date_orders={"Date Applied": "dmy"})
    result = normalize(found, chosen)
    assert days(result.apps["applied_on"]) == [dt.date(2024, 3, 5), dt.date(2024, 3, 6)]
    assert any("your choice" in d for d in result.quality.decisions)


def test_a_status_correction_wins_over_the_vocabulary() -> None:
    rows = [["Company", "Status"], ["A", "xyzzy"], ["B", "Applied"]]
    found = table(rows)
    mapping = Mapping(
        columns={"company": "Company", "status": "Status"}, status_overrides={"xyzzy": ("interview", "rejected")}
    )
    result = normalize(found, mapping)
    assert list(result.apps["furthest_stage"].astype(str)) == ["interview", "applied"]
    assert list(result.apps["outcome"]) == ["rejected", "active"]
    assert result.quality.unknown_statuses.empty


def test_statuses_table_counts_each_word_once() -> None:
    result = run([["Company", "Status"], ["A", "Applied"], ["B", "Applied"], ["C", "Refusé"], ["D", "Wishlist"]])
    table_ = result.statuses.set_index("value")
    assert table_.loc["Applied", "rows"] == 2
    assert (table_.loc["Refusé", "stage"], table_.loc["Refusé", "outcome"]) == ("applied", "rejected")
    assert table_.loc["Wishlist", "outcome"] == "not an application"


def test_direction_from_a_who_applied_column_and_from_the_source() -> None:
    result = run(
        [
            ["Company", "Role", "Who Applied?", "Source"],
            ["A", "Dev", "Me", "LinkedIn"],
            ["B", "Dev", "Them", "LinkedIn"],
            ["C", "Dev", None, "Recruiter reach out"],
            ["D", "Dev", None, "Indeed"],
        ]
    )
    assert list(result.apps["direction"]) == ["outbound", "inbound", "inbound", "outbound"]


def test_first_response_and_last_activity() -> None:
    result = run(
        [
            ["Company", "Role", "Date Applied", "Status", "Response Date", "Last Update"],
            ["Acme", "Dev", "2024-01-05", "Phone screen", "2024-01-12", "2024-01-20"],
            ["Beta", "Dev", "2024-01-06", "Applied", None, None],
            ["Gamma", "Dev", "2024-01-07", "Rejected", "2024-01-15", None],
        ]
    )
    apps = result.apps
    # first response: the response date; last activity: the latest of every date on the row
    assert days(apps["first_response_on"]) == [dt.date(2024, 1, 12), None, dt.date(2024, 1, 15)]
    assert days(apps["last_activity_on"]) == [dt.date(2024, 1, 20), dt.date(2024, 1, 6), dt.date(2024, 1, 15)]


def test_feedback_and_yes_no_segments() -> None:
    result = run(
        [
            ["Company", "Role", "Feedback Requested", "Feedback Received", "Referral", "Resume Version"],
            ["A", "Dev", "Y", "Yes", "y", "v1 generic"],
            ["B", "Dev", "N", "No", "N", "v2 tailored"],
            ["C", "Dev", "yes", "They wanted more SQL", None, "v2 tailored"],
        ]
    )
    apps = result.apps
    assert list(apps["feedback_requested"]) == [True, False, True]
    assert list(apps["feedback_received"]) == [True, False, True]
    assert [None if pd.isna(v) else v for v in apps["feedback_text"]] == [None, None, "They wanted more SQL"]
    assert [None if pd.isna(v) else v for v in apps["referral"]] == ["Yes", "No", None]
    assert list(apps["resume_version"]) == ["v1 generic", "v2 tailored", "v2 tailored"]


def test_warnings_for_missing_status_and_date_columns() -> None:
    result = run([["Company", "Role"], ["A", "Dev"], ["B", "Ops"]])
    assert result.quality.applications == 2
    assert list(result.apps["outcome"]) == ["active", "active"]
    joined = " ".join(result.quality.warnings)
    assert "No status column" in joined
    assert "No application-date column" in joined


def test_a_file_of_wishlist_rows_has_no_applications_and_says_why() -> None:
    result = run([["Company", "Status"], ["A", "Wishlist"], ["B", "Bookmarked"]])
    assert result.apps.empty
    assert result.quality.applications == 0
    assert any("No applications" in w for w in result.quality.warnings)


def test_shape_b_stage_dates_set_the_furthest_stage() -> None:
    result = run(
        [
            ["Company", "Role", "Application", "Phone call", "1st interview", "Proposition", "Status"],
            ["Acme", "Dev", "2024-01-02", "2024-01-10", "2024-01-20", "2024-02-10", "Accepted"],
            ["Beta", "Ops", "2024-01-03", "2024-01-12", None, None, "Rejected"],
            ["Gamma", "Data", "2024-01-04", None, None, None, None],
        ]
    )
    apps = result.apps
    # Beta: "Rejected" names no stage, but its phone-call date shows it reached the screen
    assert list(apps["furthest_stage"].astype(str)) == ["offer", "screen", "applied"]
    assert list(apps["outcome"]) == ["accepted", "rejected", "active"]
    assert days(apps["applied_on"]) == [dt.date(2024, 1, 2), dt.date(2024, 1, 3), dt.date(2024, 1, 4)]
    # first reply = the earliest stage date; last activity = the latest date on the row
    assert days(apps["first_response_on"]) == [dt.date(2024, 1, 10), dt.date(2024, 1, 12), None]
    assert days(apps["last_activity_on"]) == [dt.date(2024, 2, 10), dt.date(2024, 1, 12), dt.date(2024, 1, 4)]


def test_shape_b_with_a_final_answer_date_column_still_reads_the_status() -> None:
    result = run(
        [
            ["Company", "Role", "Application", "Phone call", "Proposition", "Final answer", "Status"],
            ["Acme", "Dev", "2024-01-02", "2024-01-10", "2024-02-10", "2024-02-15", "Accepted"],
            ["Beta", "Ops", "2024-01-03", "2024-01-12", None, "2024-01-20", "Rejected"],
        ]
    )
    assert list(result.apps["outcome"]) == ["accepted", "rejected"]
    assert result.quality.unknown_statuses.empty


def test_shape_c_flags() -> None:
    result = run(
        [
            [
                "Company",
                "Role",
                "Auto Rejected",
                "HR/ Recruiter Call",
                "Hiring Manager",
                "Technical Interview",
                "Offer",
            ],
            ["Apptegy", "DE", "N", "Y", "Y", "Y", "Y"],
            ["ClassDojo", "AE", "N", "Y", "Y", "Y", "N"],
            ["CoBank", "DE", "N", "N", None, None, None],
            ["AgileEngine", "DE", "Y", None, None, None, None],
            ["Foo", "DE", "N", None, None, None, None],
        ]
    )
    apps = result.apps
    # Apptegy: Y up to Offer -> offer, nothing ended it; ClassDojo: reached interviews, then "N" at Offer -> rejected
    # CoBank: "N" at the first call -> rejected at applied; AgileEngine: auto-rejected; Foo: no step marked yet
    assert list(apps["furthest_stage"].astype(str)) == ["offer", "interview", "applied", "applied", "applied"]
    assert list(apps["outcome"]) == ["active", "rejected", "rejected", "rejected", "active"]


def test_shape_d_log_rows_collapse_into_applications() -> None:
    result = run(
        [
            ["Company", "Source", "Target"],
            ["Company_1", "Recruiter Inquiry", "HR/ Hiring Manager Interview"],
            ["Company_1", "HR/ Hiring Manager Interview", "No Response"],
            ["Company_2", "Applied", "Withdrew"],
            ["Company_3", "Applied", "No Response"],
        ]
    )
    apps = result.apps.sort_values("company").reset_index(drop=True)
    # 4 log rows -> 3 applications; Company_1 came from a recruiter and got as far as an interview
    assert list(apps["company"]) == ["Company_1", "Company_2", "Company_3"]
    assert list(apps["furthest_stage"].astype(str)) == ["interview", "applied", "applied"]
    assert list(apps["outcome"]) == ["ghosted", "withdrawn", "ghosted"]
    assert list(apps["direction"]) == ["inbound", "outbound", "outbound"]
    assert result.quality.applications == 3
    assert len(result.raw) == 3


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("LinkedIn Easy Apply", "LinkedIn"),
        ("linkedin", "LinkedIn"),
        ("Indeed.com", "Indeed"),
        ("Referral from friend", "Referral"),
        ("Cooptation", "Referral"),
        ("Company website", "Company site"),
        ("Careers page", "Company site"),
        ("Welcome to the Jungle", "Job board (other)"),
        ("StepStone", "Job board (other)"),
        ("Recruiter", "Recruiter"),
        ("Agency (Hays)", "Recruiter"),
        ("Career fair", "Networking"),
        ("craigslist", "Craigslist"),  # unknown channels keep their name, capitalised
        ("n/a", None),
        (None, None),
    ],
)
def test_canonical_source(value: object, expected: str | None) -> None:
    assert canonical_source(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Yes", True),
        ("Y", True),
        ("x", True),
        ("Oui", True),
        ("Sí", True),
        ("ja", True),
        ("No", False),
        ("n", False),
        ("Non", False),
        ("nein", False),
        ("maybe", None),
        (None, None),
    ],
)
def test_yes_no(value: object, expected: bool | None) -> None:
    assert yes_no(value) is expected


def test_a_bare_name_in_a_dated_tracker_is_left_out_and_reported() -> None:
    # The corpus's trailing rows "COM71,Pushpendar Ai,,,,": a reference and a company typed ahead, nothing else,
    # in a sheet whose other rows each carry a status and a date. Counting them would add 2 "ghosted" applications.
    data = (
        b"Sn,Company,Role,Status,Date,City\n"
        b"C1,Acme,Analyst,Applied,16-01-2026,Pune\n"
        b"C2,Borealis,Analyst,Rejected,17-01-2026,Pune\n"
        b"C3,Cobalt,\n"
        b"C4,Dunmore,Analyst,,18-01-2026,Pune\n"
    )
    result = import_tracker(data, "ahead.csv")
    apps = result.normalized.apps
    assert list(apps["company"]) == ["Acme", "Borealis", "Dunmore"]  # Dunmore has a date: it was sent
    skipped = result.normalized.quality.skipped
    assert list(skipped["row"]) == [4]
    assert skipped["reason"].iloc[0] == "no status and no date: not sent yet?"
    assert "C3 | Cobalt" in skipped["content"].iloc[0]


# ---------------------------------------------------------------- the steps of normalize, one by one


def values(series: pd.Series) -> list[object]:
    return [None if pd.isna(v) else v for v in series]


def context(rows: list[list[object]], mapping: Mapping) -> _Context:
    """Every row an application, no day/month order proven: what the reading steps see once rows are chosen."""
    frame = table(rows).frame
    return _Context(frame, mapping, pd.Series(True, index=frame.index), None)


TRACKED = Mapping(
    columns={"company": "Company", "role": "Role", "applied_on": "Date Applied", "status": "Status", "notes": "Notes"}
)


def test_choose_rows_gives_each_row_left_out_its_first_reason() -> None:
    rows = [
        ["Company", "Role", "Date Applied", "Status", "Notes"],  # sheet row 1
        ["Acme", "Dev", "2024-01-05", "Applied", "n1"],  # 2: an application
        [None, None, None, None, None],  # 3: blank
        ["Company", "Role", None, None, None],  # 4: the header again (its names also fill company and role)
        [None, None, "2024-01-06", "Applied", None],  # 5: no company or role
        ["Beta", "Dev", "2024-01-07", "Wishlist", None],  # 6: not sent
        ["Total: 2", None, None, None, None],  # 7: one cell, reads like a total
        ["Gamma", "Ops", None, None, None],  # 8: a name typed ahead
        ["Delta", "Dev", "2024-01-08", "Applied", "n2"],  # 9
        ["Epsilon", "Dev", "2024-01-09", "Applied", "n3"],  # 10
        ["Zeta", "Dev", "2024-01-10", "Applied", "n4"],  # 11
    ]
    frame = table(rows).frame
    chosen = _choose_rows(frame, TRACKED, _read_names(frame, TRACKED))
    # filled cells of the non-blank rows: 5, 2, 2, 4, 1, 2, 5, 5, 5 -> median 4, enough for the lone-cell (>= 3)
    # and the name-typed-ahead (>= 4) rules
    assert list(frame.index[chosen.keep]) == [2, 9, 10, 11]
    assert list(frame.index[chosen.blank]) == [3]
    assert chosen.left_out.dropna().to_dict() == {
        4: "the header repeated",
        5: "no company or role",
        6: "not sent yet (wishlist / saved / diary entry)",
        7: "only one cell filled (a note or a total?)",
        8: "no status and no date: not sent yet?",
    }
    # the statuses table lists the applications' words and those of rows left out for their status only
    assert list(frame.index[chosen.listed]) == [2, 6, 9, 10, 11]
    assert chosen.warnings == ()


def test_choose_rows_without_a_name_column_counts_every_filled_row_and_warns() -> None:
    frame = table([["Status", "Date Applied"], ["Applied", "2024-01-05"], [None, None], [None, "2024-01-06"]]).frame
    mapping = Mapping(columns={"status": "Status", "applied_on": "Date Applied"})
    chosen = _choose_rows(frame, mapping, _read_names(frame, mapping))
    assert list(frame.index[chosen.keep]) == [2, 4]
    assert chosen.left_out.dropna().empty
    assert len(chosen.warnings) == 1
    assert chosen.warnings[0].startswith("No company or role column was found (columns: “Status”, “Date Applied”)")


def test_read_dates_returns_its_notes_and_the_cells_it_could_not_read() -> None:
    mapping = Mapping(columns={"company": "Company", "applied_on": "Date Applied"}, date_orders={"Date Applied": "dmy"})
    dates = _read_dates(context([["Company", "Date Applied"], ["A", "05/03/2024"], ["B", "ASAP"]], mapping))
    assert days(dates.values["applied_on"]) == [dt.date(2024, 3, 5), None]  # day first, as the user chose
    assert days(dates.values["response_on"]) == [None, None]  # no such column: all unknown
    assert dates.notes == ("“Date Applied” read as day/month/year (your choice).",)
    assert dates.unparsed == ({"field": "Date applied", "column": "Date Applied", "value": "ASAP", "rows": 1},)


FLAGS = Mapping(
    columns={"company": "Company"},
    shape="C",
    stages=(
        StageColumn("Screen", "screen", "flags"),
        StageColumn("Interview", "interview", "flags"),
        StageColumn("Offer", "offer", "flags"),
    ),
)


def test_row_signals_of_flag_columns() -> None:
    rows = [
        ["Company", "Screen", "Interview", "Offer"],
        ["A", "Y", "Y", "N"],  # an N right after the last step reached: stopped there
        ["B", "Y", "P", None],  # "P" is no Y/N: read as reached, and said so
        ["C", "N", None, None],  # an N at the first step
        ["D", "Y", None, None],  # nothing said after the screen: still open
        ["E", "N", "Y", None],  # a later step reached: the earlier N did not stop it
    ]
    frame = table(rows).frame
    signals = _row_signals(context(rows, FLAGS), _read_names(frame, FLAGS).meanings)
    assert signals.rank.tolist() == [2, 2, 0, 1, 2]  # interview, interview, applied, screen, interview
    assert signals.outcome.tolist() == ["rejected", "active", "rejected", "active", "active"]
    assert signals.inbound.tolist() == [False] * 5
    assert signals.notes == (  # flags have no dates to read; the reading of an N is said (issue #8)
        "An “N” after the last step reached marks the step that failed (the sheet leaves steps never reached "
        "blank), so it reads as a rejection there.",
    )
    assert signals.warnings == (
        "Flag cells “P” are not Y/N; they were read as “reached”. Correct them on the Data page if not.",
    )


def test_an_outcome_column_of_words_ends_an_open_status() -> None:
    mapping = Mapping(
        columns={"company": "Company", "status": "Status"},
        outcomes=(StageColumn("Final answer", "outcome", "words"),),
    )
    rows = [
        ["Company", "Status", "Final answer"],
        ["A", "Applied", "Rejected after interview"],  # the answer names a stage and ends it
        ["B", "Applied", "Applied"],  # an open word adds nothing
        ["C", "Applied", None],
    ]
    words = _outcome_columns(context(rows, mapping))
    assert words.rank.tolist() == [2, 0, 0]
    assert values(words.outcome) == ["rejected", None, None]
    assert days(words.decided_on) == [None, None, None]
    signals = _row_signals(context(rows, mapping), _read_names(table(rows).frame, mapping).meanings)
    assert signals.rank.tolist() == [2, 0, 0]
    assert signals.outcome.tolist() == ["rejected", "active", "active"]


def test_an_outcome_column_of_dates_gives_the_decision_date_and_reads_words_written_instead() -> None:
    mapping = Mapping(
        columns={"company": "Company", "status": "Status"},
        outcomes=(StageColumn("Final answer", "outcome", "dates"),),
    )
    rows = [["Company", "Status", "Final answer"], ["A", "Applied", "2024-02-15"], ["B", "Applied", "Rejected"]]
    words = _outcome_columns(context(rows, mapping))
    assert days(words.decided_on) == [dt.date(2024, 2, 15), None]
    assert values(words.outcome) == [None, "rejected"]  # a date says when, not how; a word where a date goes, how
    assert words.rank.tolist() == [0, 0]


def test_reason_categories_follow_the_users_correction_by_folded_text() -> None:
    reasons = pd.Series(["Not enough SQL", None, "Salary expectations too high", "not enough sql"], dtype=object)
    categories = _reason_categories(reasons, {"not enough sql": "other"})
    # "Not enough SQL" would be a skills mismatch; the user's "other" wins for both spellings. No text, no category.
    assert categories.tolist() == ["other", None, "salary", "other"]
    assert _reason_categories(reasons, {}).tolist() == ["skills mismatch", None, "salary", "skills mismatch"]


def test_an_event_log_collapses_in_time_order_and_keeps_each_first_row_as_raw() -> None:
    result = run(
        [
            ["Company", "Date", "From", "To"],  # sheet row 1
            ["Acme", "2024-01-20", "Phone screen", "Rejected"],  # 2
            ["Beta", "2024-01-06", "Applied", "No response"],  # 3
            ["Acme", "2024-01-05", "Applied", "Phone screen"],  # 4: Acme's first step, though below row 2
        ]
    )
    apps = result.apps
    assert list(apps["company"]) == ["Acme", "Beta"]
    assert list(apps["row"]) == [4, 3]
    assert list(apps["path"]) == ["Applied → Phone screen → Rejected", "Applied → No response"]
    assert list(apps["events"]) == [2, 1]
    assert list(apps["outcome"]) == ["rejected", "ghosted"]
    assert list(apps["furthest_stage"].astype(str)) == ["screen", "applied"]
    assert days(apps["applied_on"]) == [dt.date(2024, 1, 5), dt.date(2024, 1, 6)]
    assert days(apps["last_update_on"]) == [dt.date(2024, 1, 20), dt.date(2024, 1, 6)]
    assert days(apps["screen_on"]) == [dt.date(2024, 1, 5), None]  # the day it moved to the phone screen
    assert days(apps["rejected_on"])[0] == dt.date(2024, 1, 20)  # no rejection date: its last update
    assert apps["status_raw"].iloc[0] == "Rejected"  # the last state
    # raw: each application's first row, every cell as typed
    assert list(result.raw_rows) == [4, 3]
    assert result.raw.to_dict("records") == [
        {"Company": "Acme", "Date": "2024-01-05", "From": "Applied", "To": "Phone screen"},
        {"Company": "Beta", "Date": "2024-01-06", "From": "Applied", "To": "No response"},
    ]
    assert "Read as an event log: 2 applications from 3 rows, grouped by company." in result.quality.decisions


def test_raw_is_read_from_the_tables_frame_not_copied() -> None:
    found = table(MESSY)
    result = normalize(found, detect_mapping(found))
    assert result.table_frame is found.frame
    assert list(result.raw_rows) == [2, 3, 4, 9, 10]
    assert result.raw.index.tolist() == [0, 1, 2, 3, 4]


def test_warnings_come_report_first_then_those_of_the_steps_in_order() -> None:
    mapping = Mapping(
        columns={}, shape="C", stages=(StageColumn("Screen", "screen", "flags"), StageColumn("Offer", "offer", "flags"))
    )
    result = normalize(table([["Screen", "Offer"], ["Y", "P"], ["N", None]]), mapping)
    warnings = result.quality.warnings
    assert len(warnings) == 3
    assert warnings[0].startswith("No application-date column was found")  # the report's own
    assert warnings[1].startswith("No company or role column was found (columns: “Screen”, “Offer”)")  # rows
    assert warnings[2].startswith("Flag cells “P” are not Y/N")  # signals


def test_ten_unknown_statuses_are_named_and_the_rest_counted_in_one_warning() -> None:
    # 25 made-up statuses, "zq01" on 2 rows and the others on 1: ten warnings name one each, one more counts the
    # other 15 statuses and their 15 rows (a sheet of 90,000 different statuses once made 90,000 warnings).
    words = [f"zq{i:02d}" for i in range(1, 26)]
    rows = [["Company", "Role", "Status"], ["Firm", "Dev", "Applied"], ["Firm", "Dev", "Rejected"]]
    rows += [[f"Firm {i}", "Dev", word] for i, word in enumerate([*words, "zq01"])]
    warnings = run(rows).quality.warnings
    named = [w for w in warnings if w.startswith("Status “zq")]
    assert len(named) == 10
    assert "Status “zq01” (2 row(s)) is not a word we know" in named[0]
    counted = [w for w in warnings if "more statuses" in w]
    assert counted == [
        "15 more statuses (15 row(s)) are not words we know; they count as “applied, in progress”. "
        "The Data page lists them all."
    ]
