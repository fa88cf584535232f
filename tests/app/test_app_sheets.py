"""Workbooks with several sheets: the picker, and what happens when the picked sheet is not a tracker."""

from __future__ import annotations

import datetime as dt

import pytest
from apptest_support import DATA_PAGE, OVERVIEW_PAGE, captions, errors, metrics, run_ok, upload, workbook_bytes

HEADER = ["Company", "Role", "Date Applied", "Status"]
D = dt.date


@pytest.fixture(scope="module")
def workbook() -> bytes:
    """'Notes' first (not a tracker), then two years; the larger tracker sheet, '2026', is picked first."""
    return workbook_bytes(
        {
            "Notes": [["Reminder", "call Anna about referrals"], ["Goal", "10 a week"]],
            "2025": [
                HEADER,
                ["Atlas", "Analyst", D(2025, 3, 3), "Rejected"],
                ["Brio", "Analyst", D(2025, 3, 4), "Rejected"],
                ["Cirrus", "Analyst", D(2025, 3, 5), "Offer Accepted"],
            ],
            "2026": [
                HEADER,
                ["Delta", "Data Analyst", D(2026, 9, 1), "Rejected"],
                ["Ember", "Data Analyst", D(2026, 9, 2), "Phone Screen"],
                ["Fjord", "Data Analyst", D(2026, 9, 3), "Applied"],
                ["Gale", "Data Analyst", D(2026, 11, 10), "Applied"],
                ["Helix", "Data Analyst", D(2026, 11, 12), "Applied"],
            ],
        }
    )


def pick(at, sheet: str):
    return run_ok(at.selectbox(key="sheet").select(sheet))


def test_sheet_picker_switches_the_figures(at, workbook):
    upload(at, "search.xlsx", workbook)
    picker = at.selectbox(key="sheet")
    assert picker.options == ["Notes", "2025", "2026"]
    assert picker.value == "2026"
    # As of 2026-11-20: Delta rejected, Ember screen (silent since 2 Sep: ghosted), Fjord ghosted, Gale and Helix
    # pending. Decided 3; replied: Delta, Ember = 2.
    assert metrics(at)["Applications"] == "5"
    assert metrics(at)["Response rate"] == "67%"
    assert metrics(at)["Pending"] == "2"

    pick(at, "2025")
    assert at.selectbox(key="sheet").value == "2025"
    # 2025: all three decided; Atlas and Brio rejected, Cirrus accepted an offer.
    assert metrics(at)["Applications"] == "3"
    assert metrics(at)["Response rate"] == "100%"
    assert metrics(at)["Offer rate"] == "33%"
    assert metrics(at)["Pending"] == "0"

    run_ok(at.switch_page(DATA_PAGE))
    assert captions(at)[0].startswith("search.xlsx · sheet “2025” · header on row 1")


def test_a_sheet_without_a_company_column_is_explained_and_the_picker_stays(at, workbook):
    upload(at, "search.xlsx", workbook)
    pick(at, "Notes")
    shown = errors(at)
    assert len(shown) == 1, shown
    assert "search.xlsx could not be used." in shown[0]
    assert "No company or role column was found in sheet “Notes”" in shown[0]  # what was found
    assert "pick the right sheet" in shown[0]  # what to do
    assert not metrics(at)
    picker = at.selectbox(key="sheet")
    assert picker.value == "Notes"
    assert picker.options == ["Notes", "2025", "2026"]

    pick(at, "2026")
    assert not errors(at)
    assert metrics(at)["Applications"] == "5"
    assert "As of 20 Nov 2026 · ghosted after 30 days of silence" in captions(at)


def test_the_sample_offers_its_sheets(at):
    picker = at.selectbox(key="sheet")
    assert picker.value == "Applications"
    assert len(picker.options) == 2


def test_a_new_upload_starts_with_its_own_sheet_choice(at, workbook, hand_xlsx):
    upload(at, "search.xlsx", workbook)
    pick(at, "2025")
    run_ok(at.file_uploader(key="upload").set_value((hand_xlsx.name, hand_xlsx.data, "application/octet-stream")))
    assert not errors(at)
    assert metrics(at)["Applications"] == "14"
    run_ok(at.switch_page(DATA_PAGE))
    run_ok(at.switch_page(OVERVIEW_PAGE))
    assert metrics(at)["Applications"] == "14"
