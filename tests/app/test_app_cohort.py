"""Cohort page through AppTest: a coach's tracker with a Candidate column, candidates side by side (issue 11).

The tracker is tests/unit/analytics/test_cohort.py's, worked out by hand there; as of apptest_support.AS_OF
(Friday 20 Nov 2026) with the 30-day ghost window. The sample has no Candidate column: the page says how to get
a cohort view instead.
"""

from __future__ import annotations

import math

from analytics_support import CSV, chart_keys, editor, main_captions, open_page, titles
from apptest_support import DATA_PAGE, OVERVIEW_PAGE, captions, errors, infos, metrics, run_ok, table, upload, warnings

COHORT_PAGE = "pages/cohort.py"
# Ann: 5 applications over 8 weeks (0.625 a week), decided 4: replied 3, interview 1, offer 0; replies after
# 4, 6 and 8 days. Bob: 3 over 2 weeks (1.5), decided 2: replied 2, interview 1, offer 1; replies after 3 and 10.
# Cleo: 2 in the week in progress (2.0), nothing decided.
COHORT_CSV = (
    b"Candidate,Company,Role,Date Applied,Status,Response Date\r\n"
    b"Ann,Acme,Data Analyst,2026-11-02,Rejected,2026-11-06\r\n"
    b"Ann,Borealis,Data Analyst,2026-11-03,Phone screen,2026-11-09\r\n"
    b"Ann,Cobalt,Data Analyst,2026-11-10,Interviewing,2026-11-18\r\n"
    b"Ann,Dunmore,Data Analyst,2026-11-18,Applied,\r\n"
    b"Ann,Eastgate,Data Analyst,2026-10-01,No response,\r\n"
    b"Bob,Fernhill,Engineer,2026-11-09,Offer,2026-11-12\r\n"
    b"Bob,Glenrock,Engineer,2026-11-10,Rejected,2026-11-20\r\n"
    b"Bob,Harlow,Engineer,2026-11-11,Applied,\r\n"
    b"Cleo,Ivers,Designer,2026-11-16,Applied,\r\n"
    b"Cleo,Juniper,Designer,2026-11-19,Applied,\r\n"
)


def test_cohort_table_shows_the_hand_worked_figures(at):
    upload(at, "cohort.csv", COHORT_CSV, CSV)
    open_page(at, COHORT_PAGE)
    assert titles(at) == ["Cohort"]
    shown = table(at, "Candidate").set_index("Candidate")
    assert list(shown.index) == ["Ann", "Bob", "Cleo"]
    assert shown["Applications"].tolist() == [5, 3, 2]
    assert shown["Per week"].tolist() == [0.625, 1.5, 2.0]
    # the default goal of 10: no week of anyone meets it; Cleo has no complete week yet
    assert shown["Goal weeks"].tolist() == ["0 of 7", "0 of 1", "0 of 0"]
    assert shown["Response k of n"].tolist() == ["3 of 4", "2 of 2", "0 of 0"]
    assert shown["Interview k of n"].tolist() == ["1 of 4", "1 of 2", "0 of 0"]
    assert shown["Offer k of n"].tolist() == ["0 of 4", "1 of 2", "0 of 0"]
    assert shown.loc["Ann", "Response"] == 0.75 and shown.loc["Bob", "Offer"] == 0.5
    assert math.isnan(shown.loc["Cleo", "Response"])  # nothing decided: no rate, not 0%
    # Wilson 3 of 4: 30%–95% (closed form in tests/unit/analytics/test_cohort.py); nothing decided: a dash
    assert shown.loc["Ann", "Response 95%"] == "30%–95%"
    assert shown.loc["Cleo", "Response 95%"] == "—"
    assert shown.loc["Ann", "Median days to reply"] == 6.0 and shown.loc["Bob", "Median days to reply"] == 6.5
    assert "cohort_funnels" in chart_keys(at)


def test_the_weekly_goal_comes_from_the_link(at):
    at.query_params["goal"] = "2"
    upload(at, "cohort.csv", COHORT_CSV, CSV)
    open_page(at, COHORT_PAGE)
    # goal 2: Ann's week of 2 Nov (Acme, Borealis) and Bob's week of 9 Nov (3) meet it
    assert table(at, "Candidate")["Goal weeks"].tolist() == ["1 of 7", "1 of 1", "0 of 0"]
    assert any(text.startswith("Weekly goal: 2 applications") for text in main_captions(at))


def test_the_sample_has_no_candidate_column_and_says_how_to_get_one(at):
    open_page(at, COHORT_PAGE)
    assert titles(at) == ["Cohort"]
    assert any("add a Candidate column: one row per application, the candidate's name in it" in text
               for text in infos(at))  # fmt: skip
    assert not at.dataframe and "cohort_funnels" not in chart_keys(at)


# The same three candidates as three files, as a coach collects them: no Candidate column, each named from its
# file ("search - Ann.csv" -> "Ann"), Bob's in his own layout. The figures are the ones worked out above.
ANN_ROWS, BOB_ROWS, CLEO_ROWS = (
    COHORT_CSV.split(b"\r\n")[1:6],
    COHORT_CSV.split(b"\r\n")[6:9],
    COHORT_CSV.split(b"\r\n")[9:11],
)
HEADER = b"Company,Role,Date Applied,Status,Response Date"


def one_file(rows: list[bytes]) -> bytes:
    return b"\r\n".join([HEADER, *(row.split(b",", 1)[1] for row in rows)]) + b"\r\n"


def bob_file() -> bytes:
    """Bob keeps his columns in another order, under other names."""
    lines = [b"Applied on;Employer;Stage;Job title;Heard back"]
    for row in BOB_ROWS:
        _, company, role, applied, status, heard = row.decode().split(",")
        lines.append(";".join([applied, company, status, role, heard]).encode())
    return b"\r\n".join(lines) + b"\r\n"


COHORT_FILES = [
    ("search - Ann.csv", one_file(ANN_ROWS), CSV),
    ("search - Bob.csv", bob_file(), CSV),
    ("search - Cleo.csv", one_file(CLEO_ROWS), CSV),
]


def upload_cohort(at, files):
    at.file_uploader(key="cohort_upload").set_value(files)
    return run_ok(at)


def test_three_files_at_once_are_a_cohort_with_the_same_figures(at):
    upload_cohort(at, COHORT_FILES)
    open_page(at, COHORT_PAGE)
    shown = table(at, "Candidate").set_index("Candidate")
    assert list(shown.index) == ["Ann", "Bob", "Cleo"]
    assert shown["Applications"].tolist() == [5, 3, 2]
    assert shown["Per week"].tolist() == [0.625, 1.5, 2.0]
    assert shown["Response k of n"].tolist() == ["3 of 4", "2 of 2", "0 of 0"]
    assert shown["Offer k of n"].tolist() == ["0 of 4", "1 of 2", "0 of 0"]
    assert shown.loc["Ann", "Median days to reply"] == 6.0 and shown.loc["Bob", "Median days to reply"] == 6.5
    assert any("search - Ann.csv, search - Bob.csv, search - Cleo.csv" in c for c in captions(at))


def test_a_cohort_narrowed_to_one_candidate_shows_that_candidates_numbers(at):
    upload_cohort(at, COHORT_FILES)
    open_page(at, OVERVIEW_PAGE)
    assert metrics(at)["Applications"] == "10"
    run_ok(at.multiselect(key="candidate").select("Bob"))
    assert metrics(at)["Applications"] == "3"


def test_the_data_page_shows_each_file_as_read_and_the_whole_cleaned_table(at):
    upload_cohort(at, COHORT_FILES)
    open_page(at, DATA_PAGE)
    assert any(i.startswith("3 files were read as a cohort, one candidate each: Ann (search - Ann.csv, 5 applications)")
               for i in infos(at))  # fmt: skip
    assert at.selectbox(key="data_file").options == ["search - Ann.csv", "search - Bob.csv", "search - Cleo.csv"]
    run_ok(at.selectbox(key="data_file").select_index(1))
    columns = editor(at, "column_editor").set_index("Column in your file")["Read as"]
    assert columns["Employer"] == "Company" and columns["Applied on"] == "Date applied"
    cleaned = table(at, "row")
    assert len(cleaned) == 10
    bob = cleaned[cleaned["candidate"] == "Bob"]
    assert bob["original: File"].unique().tolist() == ["search - Bob.csv"]
    assert bob["original: Row"].tolist() == ["2", "3", "4"]
    assert bob["original: Employer"].tolist() == ["Fernhill", "Glenrock", "Harlow"]


def test_a_file_that_cannot_be_used_is_named_and_the_rest_still_shown(at):
    upload_cohort(at, [*COHORT_FILES[:2], ("scribbles.csv", b"just,some\n", CSV)])
    open_page(at, COHORT_PAGE)
    assert list(table(at, "Candidate")["Candidate"]) == ["Ann", "Bob"]
    assert any(w.startswith("“scribbles.csv” could not be used and is left out") for w in warnings(at))


def test_a_cohort_of_files_none_of_which_can_be_used_says_so(at):
    upload_cohort(at, [("a.csv", b"x\n", CSV), ("b.csv", b"y\n", CSV)])
    assert any("None of the 2 files could be used" in e for e in errors(at))
