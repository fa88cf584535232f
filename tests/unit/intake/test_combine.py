"""Several trackers as one cohort: candidates named from the files, rows traceable, bad files reported."""

from __future__ import annotations

import pandas as pd
import pytest
from builders import csv_bytes, xlsx_bytes
from hypothesis import given
from hypothesis import strategies as st

from applytics.errors import ImportProblem
from applytics.intake.combine import MAX_FILES, candidate_names, import_cohort
from applytics.intake.corrections import Corrections
from applytics.intake.pipeline import import_tracker

HEADER = ["Company", "Role", "Date applied", "Status"]
ANNA = [
    HEADER,
    ["Acme", "Analyst", "2026-01-05", "Rejected"],
    ["Globex", "Analyst", "2026-01-06", "Interview"],
    ["Initech", "Data analyst", "2026-01-07", "Applied"],
]
BEN = [
    ["Employer", "Position", "Applied", "Stage"],
    [None, None, None, None],
    ["Umbrella", "Engineer", "2026-02-02", "Offer"],
    ["Hooli", "Engineer", "2026-02-03", "Ghosted"],
]


def test_names_drop_the_words_every_file_shares():
    assert candidate_names(["tracker-anna.xlsx", "tracker-ben.csv", "tracker-chloe.ods"]) == ["anna", "ben", "chloe"]
    assert candidate_names(["Anna job search 2026.xlsx", "Ben job search 2026.xlsx"]) == ["Anna", "Ben"]


def test_names_keep_the_whole_stem_when_trimming_would_leave_nothing():
    assert candidate_names(["tracker.xlsx", "tracker copy.xlsx"]) == ["tracker", "tracker copy"]
    assert candidate_names(["anna.xlsx"]) == ["anna"]
    assert candidate_names(["Candidate 07.csv", "Candidate 12.csv"]) == ["Candidate 07", "Candidate 12"]


def test_two_files_of_the_same_name_get_numbered():
    assert candidate_names(["anna.xlsx", "anna.csv", "ben.csv"]) == ["anna", "anna (2)", "ben"]


@given(st.lists(st.from_regex(r"[a-z]{1,6}([ _-][a-z]{1,6}){0,2}\.(xlsx|csv)", fullmatch=True), min_size=1, max_size=8))
def test_every_file_gets_a_different_nonblank_name(filenames):
    names = candidate_names(filenames)
    assert len(names) == len(filenames)
    assert len(set(names)) == len(names)
    assert all(name.strip() for name in names)


def test_two_files_stack_with_their_candidate_and_traceable_rows():
    result = import_cohort(
        [("search-anna.xlsx", xlsx_bytes({"Jobs": ANNA})), ("search-ben.csv", csv_bytes(BEN))],
    )
    apps = result.normalized.apps
    assert result.is_cohort and len(result.parts) == 2
    assert apps["candidate"].tolist() == ["anna", "anna", "anna", "ben", "ben"]
    assert apps["company"].tolist() == ["Acme", "Globex", "Initech", "Umbrella", "Hooli"]
    # Anna's table is rows 2-4 of her sheet; Ben's rows 2-4 of his (row 2 blank). Combined: 1-3, then 4-6.
    assert apps["row"].tolist() == [1, 2, 3, 5, 6]
    table = result.table.frame
    assert table.loc[5, "File"] == "search-ben.csv" and table.loc[5, "Row"] == 3
    assert table.loc[5, "Employer"] == "Umbrella" and table.loc[5, "Company"] is None
    assert result.normalized.raw["Company"].tolist()[:3] == ["Acme", "Globex", "Initech"]
    assert result.normalized.quality.applications == 5
    assert result.normalized.quality.blank_rows == 1
    assert "2 files were read as a cohort" in result.decisions[0]
    assert "anna (search-anna.xlsx, 3 applications)" in result.decisions[0]
    assert result.sheet_names == []


def test_each_file_is_read_as_it_would_be_alone():
    files = [("anna.xlsx", xlsx_bytes({"Jobs": ANNA})), ("ben.csv", csv_bytes(BEN))]
    combined = import_cohort(files).normalized.apps
    for (name, data), candidate in zip(files, ["anna", "ben"], strict=True):
        alone = import_tracker(data, name).normalized.apps
        mine = combined[combined["candidate"] == candidate].reset_index(drop=True)
        for column in ("company", "role", "applied_on", "furthest_stage", "outcome"):
            pd.testing.assert_series_equal(mine[column], alone[column], check_names=False)


def test_status_words_are_counted_over_every_file():
    same = [HEADER, ["Acme", "Analyst", "2026-01-05", "Rejected"]]
    result = import_cohort([("a.csv", csv_bytes(ANNA)), ("b.csv", csv_bytes(same))])
    words = result.normalized.statuses.set_index("value")["rows"]
    assert words["Rejected"] == 2 and words["Interview"] == 1


def test_a_file_that_cannot_be_used_is_named_and_the_others_still_count():
    result = import_cohort([("anna.csv", csv_bytes(ANNA)), ("notes.csv", b"just some words\n")])
    assert result.normalized.apps["candidate"].unique().tolist() == ["anna"]
    assert any(w.startswith("“notes.csv” could not be used and is left out:") for w in result.warnings)


def test_no_usable_file_is_a_problem_naming_each():
    with pytest.raises(ImportProblem, match=r"None of the 2 files could be used.*“a\.csv”.*“b\.csv”"):
        import_cohort([("a.csv", b"x\n"), ("b.csv", b"")])


def test_too_many_files_are_refused_before_any_is_read():
    with pytest.raises(ImportProblem, match=f"a cohort holds at most {MAX_FILES}"):
        import_cohort([(f"{n}.csv", b"") for n in range(MAX_FILES + 1)])


def test_a_files_own_candidate_column_wins_over_its_name():
    coached = [["Candidate", *HEADER], ["Zoe", "Acme", "Analyst", "2026-01-05", "Applied"], [None, *ANNA[2]]]
    apps = import_cohort([("group.csv", csv_bytes(coached)), ("ben.csv", csv_bytes(BEN))]).normalized.apps
    assert apps["candidate"].tolist() == ["Zoe", "group", "ben", "ben"]


def test_one_correction_applies_to_every_file_and_a_question_is_asked_once():
    odd = [HEADER, ["Acme", "Analyst", "2026-01-05", "Zorbled"]]
    plain = import_cohort([("a.csv", csv_bytes(odd)), ("b.csv", csv_bytes(odd))])
    assert [u.subject for u in plain.uncertain].count("Zorbled") == 1
    fixed = import_cohort(
        [("a.csv", csv_bytes(odd)), ("b.csv", csv_bytes(odd))],
        corrections=Corrections().with_status("Zorbled", "interview", "active"),
    )
    assert fixed.normalized.apps["furthest_stage"].tolist() == ["interview", "interview"]


def test_a_log_and_a_table_combine_without_a_path():
    log = [
        ["Company", "Date", "From", "To"],
        ["Acme", "2026-01-05", "Applied", "Interview"],
        ["Acme", "2026-01-09", "Interview", "Rejected"],
    ]
    result = import_cohort([("anna.csv", csv_bytes(log)), ("ben.csv", csv_bytes(BEN))])
    apps = result.normalized.apps
    assert "path" not in apps.columns
    assert apps["company"].tolist() == ["Acme", "Umbrella", "Hooli"]
    assert apps["furthest_stage"].tolist()[0] == "interview"
