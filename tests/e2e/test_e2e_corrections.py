"""Corrections that stick, in a real browser: fix a column in the Data page's editor, download the mapping file, and
bring it back with the next version of the tracker in a new session, where the fix is in effect at once."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.e2e

AS_OF = dt.date(2026, 11, 20)
QUERY = f"?as_of={AS_OF.isoformat()}"
LIVE = '[data-testid="stElementContainer"]:not([data-stale="true"])'  # not the previous run's leftovers
WAIT = 30_000
ROW_HEIGHT = 35  # Streamlit's data editor: a 35 px header, then 35 px rows

# The seeker's "Pitch" column (which opening paragraph they used) is not a field detection knows. Every row was
# sent in September to one role family, so the pitch is the only thing to break results down by, once marked.
# Version 2 adds four rows. Replies by pitch in version 2, counted by hand: A: Acme (rejected), Borealis (screen),
# Cobalt (interview), Mistral (rejected) = 4 of 8; B: Kestrel (rejected), Pinecrest (screen) = 2 of 8.
HEADER = "Company,Role,Date Applied,Status,Pitch\r\n"
V1_ROWS = [
    "Acme,Data Analyst,2026-09-01,Rejected,A",
    "Borealis,Data Analyst,2026-09-02,Phone screen,A",
    "Cobalt,Data Analyst,2026-09-03,Interviewing,A",
    "Dunmore,Data Analyst,2026-09-04,Applied,A",
    "Eastgate,Data Analyst,2026-09-05,Applied,A",
    "Fernhill,Data Analyst,2026-09-06,No response,A",
    "Glenrock,Data Analyst,2026-09-07,Applied,B",
    "Harlow,Data Analyst,2026-09-08,Applied,B",
    "Ivers,Data Analyst,2026-09-09,Applied,B",
    "Juniper,Data Analyst,2026-09-10,Applied,B",
    "Kestrel,Data Analyst,2026-09-11,Rejected,B",
    "Lumen,Data Analyst,2026-09-12,No response,B",
]
V2_ROWS = [
    *V1_ROWS,
    "Mistral,Data Analyst,2026-09-13,Rejected,A",
    "Nettle,Data Analyst,2026-09-14,Applied,A",
    "Oakley,Data Analyst,2026-09-15,Applied,B",
    "Pinecrest,Data Analyst,2026-09-16,Phone screen,B",
]


def csv(rows: list[str]) -> bytes:
    return (HEADER + "".join(f"{row}\r\n" for row in rows)).encode()


def live(page: Page) -> Locator:
    return page.locator(LIVE)


def upload_tracker(page: Page, name: str, data: bytes) -> None:
    page.locator(".st-key-upload input[type=file]").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": data}
    )
    expect(page.get_by_test_id("stSidebar").get_by_text(f"Showing {name} (your upload).")).to_be_visible(timeout=WAIT)


def go_to(page: Page, name: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible(timeout=WAIT)


def column_editor(page: Page) -> Locator:
    """The Data page's "Columns" editor (its key carries a digest of the corrections, so match the prefix)."""
    return page.locator('[class*="st-key-column_editor-"]').and_(page.locator(LIVE))


def row_of(editor: Locator, first_cell: str) -> int:
    """The row index of a value in the editor's first column, read from the grid's accessible mirror."""
    cell = editor.locator('td[id^="glide-cell-0-"]', has_text=re.compile(rf"^{re.escape(first_cell)}$"))
    expect(cell).to_have_count(1, timeout=WAIT)
    return int(cell.get_attribute("id").rsplit("-", 1)[1])


def double_click_cell(page: Page, editor: Locator, column: int, row: int) -> None:
    """Double-click a cell of the canvas grid: find the column's x by clicking along the row until the accessible
    mirror reports that cell selected (column widths depend on the content), then double-click there."""
    canvas = editor.get_by_test_id("data-grid-canvas")
    expect(canvas).to_be_visible(timeout=WAIT)
    box = canvas.bounding_box()
    y = box["y"] + ROW_HEIGHT * (row + 1) + ROW_HEIGHT / 2
    other = row - 1 if row else row + 1

    def selected_in(index: int) -> Locator:
        return editor.locator(f'tr[aria-rowindex="{index + 2}"] td[aria-selected="true"]')

    for step in range(1, 20):
        x = box["x"] + box["width"] * step / 20
        # Select a cell of another row first, so the selection read next is this click's, not a leftover.
        page.mouse.click(x, box["y"] + ROW_HEIGHT * (other + 1) + ROW_HEIGHT / 2)
        expect(selected_in(other)).to_have_count(1, timeout=5_000)
        page.mouse.click(x, y)
        expect(selected_in(row)).to_have_count(1, timeout=5_000)
        if selected_in(row).get_attribute("aria-colindex") == str(column + 1):
            page.mouse.dblclick(x, y)
            return
    pytest.fail(f"no x on row {row} selects column {column} of the editor")


def test_a_column_fixed_in_the_editor_sticks_through_the_mapping_file(page: Page, server: str, tmp_path: Path):
    page.goto(f"{server}/{QUERY}")
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=60_000)
    upload_tracker(page, "pitch.csv", csv(V1_ROWS))
    go_to(page, "Data")

    editor = column_editor(page)
    pitch = row_of(editor, "Pitch")
    expect(editor.locator(f'[id="glide-cell-1-{pitch}"]')).to_have_text("Not used")
    double_click_cell(page, editor, column=1, row=pitch)
    overlay = page.locator('[id^="gdg-overlay"]')
    expect(overlay).to_be_visible(timeout=WAIT)
    page.keyboard.type("Segment")
    expect(page.get_by_text("Segment (keep as a breakdown)", exact=True).last).to_be_visible()
    page.keyboard.press("Enter")

    expect(live(page).get_by_text(re.compile(r"^Your corrections were applied: 1 column\(s\)"))).to_be_visible(
        timeout=WAIT
    )
    editor = column_editor(page)  # a fresh editor, showing the corrected reading
    expect(editor.locator(f'[id="glide-cell-1-{pitch}"]')).to_have_text("Segment (keep as a breakdown)", timeout=WAIT)

    with page.expect_download(timeout=WAIT) as download_info:
        page.get_by_role("button", name="Download corrections (.json)").click()
    download = download_info.value
    assert download.suggested_filename == "applytics-mapping.json"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    mapping = json.loads(saved.read_text(encoding="utf-8"))
    assert mapping["format"] == "applytics-mapping"
    assert mapping["columns"] == {"Pitch": "segment"}

    # Weeks later, a new visit (a new session, no corrections): version 2 of the tracker and the saved file.
    page.goto(f"{server}/{QUERY}")
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=60_000)
    upload_tracker(page, "pitch v2.csv", csv(V2_ROWS))
    saved_corrections = (
        page.get_by_test_id("stSidebar").get_by_test_id("stExpander").filter(has_text="Saved corrections")
    )
    saved_corrections.locator("summary").click()
    mapping_input = page.locator(".st-key-mapping_upload input[type=file]")
    expect(mapping_input).to_be_attached(timeout=WAIT)
    mapping_input.set_input_files(str(saved))
    expect(page.locator(".st-key-mapping_upload .stFileChip")).to_have_count(1, timeout=WAIT)  # the name is elided

    go_to(page, "Conversion")
    expect(page.get_by_role("heading", name="Response rate by pitch")).to_be_visible(timeout=WAIT)
    grid = page.locator("table", has=page.locator("th", has_text=re.compile(r"^\s*Pitch\s*$")))
    for value, replies, sent in (("A", "4", "8"), ("B", "2", "8")):
        row = grid.locator("tr", has=page.locator("td", has_text=re.compile(rf"^{value}$")))
        expect(row).to_have_count(1, timeout=WAIT)
        expect(row.locator("td").nth(1)).to_have_text(replies)
        expect(row.locator("td").nth(2)).to_have_text(sent)
    expect(live(page).get_by_text("no column to break results down by")).to_have_count(0)
