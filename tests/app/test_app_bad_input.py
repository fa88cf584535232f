"""Files the app cannot use: a clear message saying what was found and what to do, never a traceback."""

from __future__ import annotations

import random

import pytest
from apptest_support import (
    DATA_PAGE,
    captions,
    errors,
    infos,
    metrics,
    run_ok,
    table,
    upload,
    warnings,
)


def random_bytes(size: int, seed: int = 7) -> bytes:
    generator = random.Random(seed)
    return bytes(generator.getrandbits(8) for _ in range(size))


def truncated_xlsx(data: bytes) -> bytes:
    return data[: len(data) // 2]


UNUSABLE = [
    pytest.param(
        "tracker.xlsx",
        lambda hand: random_bytes(4096),
        ["tracker.xlsx could not be used.", "not a spreadsheet", "Upload the .xlsx, .ods or .csv file"],
        id="random-bytes-named-xlsx",
    ),
    pytest.param(
        "broken.xlsx",
        lambda hand: truncated_xlsx(hand.data),
        ["broken.xlsx could not be used.", "damaged or incomplete", "save it again"],
        id="truncated-xlsx",
    ),
    pytest.param(
        "empty.csv",
        lambda hand: b"",
        ["empty.csv could not be used.", "is empty", "Choose the file that holds your applications"],
        id="empty-csv",
    ),
    pytest.param(
        "blank.csv",
        lambda hand: b"\r\n \r\n;;\r\n",
        ["blank.csv could not be used.", "has no rows"],
        id="blank-lines-csv",
    ),
]


@pytest.mark.parametrize(("name", "make", "expected"), UNUSABLE)
def test_unusable_file_is_explained_not_shown(at, hand_xlsx, name, make, expected):
    upload(at, name, make(hand_xlsx))
    shown = errors(at)
    assert len(shown) == 1, shown
    for fragment in expected:
        assert fragment in shown[0]
    assert "Traceback" not in shown[0]
    # The previous data (the sample) is not shown under the user's file name, and the user can act:
    assert not metrics(at), "no dashboard figures under an import error"
    assert at.file_uploader(key="upload") is not None
    assert at.button(key="try_sample") is not None


def test_sample_comes_back_after_an_unusable_file(at):
    upload(at, "tracker.xlsx", random_bytes(4096))
    assert errors(at)
    run_ok(at.button(key="try_sample").click())
    assert not errors(at)
    assert metrics(at)["Applications"] == "180"


def test_settings_survive_an_unusable_file(at):
    """The as-of date and ghost window set in the sidebar still hold after a bad upload and "Try the sample"."""
    run_ok(at.number_input(key="ghost_days").set_value(45))
    upload(at, "tracker.xlsx", random_bytes(4096))
    run_ok(at.button(key="try_sample").click())
    assert "As of 20 Nov 2026 · ghosted after 45 days of silence" in captions(at)


UNKNOWN_STATUS_CSV = (
    b"Company,Role,Date Applied,Status\r\n"
    b"Acme,Analyst,2026-09-01,Blorptastic\r\n"
    b"Borealis,Analyst,2026-09-02,Rejected\r\n"
    b"Cobalt,Analyst,2026-09-03,Applied\r\n"
)


def test_unknown_status_word_is_flagged_not_dropped(at):
    upload(at, "statuses.csv", UNKNOWN_STATUS_CSV, "text/csv")
    assert not errors(at)
    flagged = [text for text in warnings(at) if "Blorptastic" in text]
    assert len(flagged) == 1, warnings(at)
    assert "(1 row(s))" in flagged[0]  # what was found
    assert "Data page" in flagged[0]  # where to fix it
    assert metrics(at)["Applications"] == "3"  # the row is still counted

    run_ok(at.switch_page(DATA_PAGE))
    assert any("Blorptastic" in text for text in warnings(at))
    statuses = table(at, "Status in your file")
    row = statuses[statuses["Status in your file"] == "Blorptastic"]
    assert len(row) == 1
    assert row["Understood by"].iloc[0] == "not recognised"


def test_header_only_csv_says_no_applications_were_found(at):
    upload(at, "new.csv", b"Company,Role,Date Applied,Status\r\n", "text/csv")
    assert not errors(at)
    assert any("No applications were found" in text for text in warnings(at)), warnings(at)
    assert metrics(at).get("Applications") == "0"
    run_ok(at.switch_page(DATA_PAGE))
    assert metrics(at)["Applications used"] == "0"


def test_csv_without_company_or_role_column_is_flagged(at):
    """docs/architecture.md: an application is a row with a company or a role; a file with neither column must say so
    (what was found, what to do) as an error or a warning, not only as a side note above a full dashboard."""
    data = "Date;Statut;Canal\r\n03/09/2026;Refusé;LinkedIn\r\n15/09/2026;Entretien;Indeed\r\n".encode("cp1252")
    upload(at, "dates_only.csv", data, "text/csv")
    flagged = [text for text in errors(at) + warnings(at) if "company" in text.lower() and "role" in text.lower()]
    assert flagged, f"errors={errors(at)} warnings={warnings(at)} infos={infos(at)}"
    assert "“Date”" in flagged[0] or "Statut" in flagged[0]  # what was found
    assert "Company" in flagged[0] and "Role" in flagged[0]  # what to name the columns


def test_file_name_in_an_error_is_shown_as_typed(at):
    """A file name with Markdown characters is escaped, so it is not rendered as links or emphasis."""
    upload(at, "my_[tracker]*v2*.xlsx", random_bytes(2048, seed=3))
    assert at.error[0].value.startswith(r"**my\_\[tracker\]\*v2\*\.xlsx could not be used.**")
    assert errors(at)[0].startswith("**my_[tracker]*v2*.xlsx could not be used.**")
