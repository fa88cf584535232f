"""The flows of issue 12 that no other e2e file drives: a file that cannot be used, "Check these readings"
confirmed, and every download of the Share & export page checked for what it claims (the HTML report opens
offline, the Excel report holds no formula, the CSV parses to one row per application)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest
from builders import GENERIC_CSV
from playwright.sync_api import Page, expect
from test_e2e_pages import QUERY, WAIT, metric_value, wait_until_idle
from test_e2e_report import open_offline

pytestmark = pytest.mark.e2e

LIVE = '[data-testid="stElementContainer"]:not([data-stale="true"])'


def upload(page: Page, name: str, data: bytes) -> None:
    page.locator(".st-key-upload input[type=file]").set_input_files(
        {"name": name, "mimeType": "application/octet-stream", "buffer": data}
    )


def open_sample(page: Page, server: str, path: str = "") -> None:
    page.goto(f"{server}/{path}{QUERY}")
    expect(page.locator("[data-testid='stMetric'], h1").first).to_be_visible(timeout=60_000)
    wait_until_idle(page)


def test_a_file_that_cannot_be_used_says_what_is_wrong_and_how_to_fix_it(page: Page, server: str):
    open_sample(page, server)
    upload(page, "people.csv", b"Name,Age\nBob,33\nAnn,41\n")
    alert = page.locator(LIVE).get_by_test_id("stAlert").filter(has_text="people.csv could not be used.")
    expect(alert).to_be_visible(timeout=WAIT)
    expect(alert).to_contain_text("No company or role column was found")
    expect(alert).to_contain_text("Name the column with the employer “Company”")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stMetric")).to_have_count(0)  # no figure from a file that was not read


def test_a_reading_to_check_is_confirmed_in_one_click_and_stays_confirmed(page: Page, server: str):
    open_sample(page, server)
    upload(page, "generic.csv", GENERIC_CSV)
    expect(metric_value(page, "Applications")).to_have_text("4", timeout=WAIT)
    checks = page.locator(LIVE).get_by_role("heading", name="Check these readings")
    expect(checks).to_be_visible()
    expect(page.locator(LIVE).get_by_text("“Column A” is read as the company")).to_be_visible()
    wait_until_idle(page)
    page.get_by_role("button", name="Confirm", exact=True).click()
    expect(checks).to_have_count(0, timeout=WAIT)
    expect(metric_value(page, "Applications")).to_have_text("4")
    # The confirmation is a correction now: the Data page lists it as the user's own.
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Data", exact=True).click()
    expect(page.locator(LIVE).get_by_text(re.compile(r"Your corrections were applied: 1 column"))).to_be_visible(
        timeout=WAIT
    )


def download(page: Page, button: str, folder: Path) -> Path:
    with page.expect_download(timeout=WAIT) as started:
        page.get_by_role("button", name=button, exact=True).click()
    path = folder / started.value.suggested_filename
    started.value.save_as(path)
    return path


def test_every_export_downloads_and_is_what_it_says(page: Page, server: str, tmp_path: Path):
    open_sample(page, server, "share")
    expect(page.get_by_role("heading", name="Share & export", exact=True)).to_be_visible(timeout=WAIT)

    cleaned = download(page, "Cleaned data (CSV)", tmp_path)
    rows = list(csv.DictReader(io.StringIO(cleaned.read_bytes().decode("utf-8-sig"))))
    assert len(rows) == 180  # the sample's applications, one row each
    assert {"company", "furthest_stage", "outcome"} <= set(rows[0])
    assert not [v for row in rows for v in row.values() if v and v[0] in "=+-@" and not re.fullmatch(r"-?\d", v)]

    workbook = download(page, "Excel report", tmp_path)
    book = openpyxl.load_workbook(workbook)
    assert {"About", "KPIs", "Funnel", "Pace", "Data"} <= set(book.sheetnames)
    formulas = [c.coordinate for sheet in book for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    assert book["Data"].max_row == 181  # the header and 180 applications

    report = download(page, "HTML report", tmp_path)
    offline = open_offline(page, report)
    assert page.locator("section#overview").get_by_text("180", exact=True).count() >= 1
    assert offline.refused == [] and offline.problems == []
