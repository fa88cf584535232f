"""Shared by the app (AppTest) and e2e (browser) layers: a small tracker whose figures were worked out by hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from builders import workbook_bytes
from openpyxl import Workbook

AS_OF = dt.date(2026, 11, 20)  # every hand-computed figure below is "as of" this day, ghost window 30 days

# Shape A with a title row above the header and trailing spaces in two headers (docs/architecture.md).
HAND_HEADER = ["Company ", "Position", "Date Applied", "Status", "Source ", "Last Update", "Notes"]
D = dt.date
HAND_ROWS: list[list[object] | None] = [
    # company, role, applied, status, source, last update, notes            -> resolved as of 2026-11-20, 30 days
    ["Acme Analytics", "Data Analyst", D(2026, 9, 1), "Applied", "LinkedIn", None, None],  # 80 silent days: ghosted
    ["Borealis", "BI Analyst", D(2026, 9, 3), "No response", "Indeed", None, None],  # ghosted (status word)
    ["Cobalt Health", "Data Analyst", D(2026, 9, 10), "Rejected", "Company site", D(2026, 9, 20), None],  # rejected
    ["Dunmore", "Analytics Engineer", D(2026, 9, 12), "Rejected after interview", "Referral", D(2026, 10, 5), None],
    ["Eastgate", "Data Scientist", D(2026, 9, 15), "Phone Screen", "LinkedIn", D(2026, 11, 10), None],  # screen, open
    ["Fernhill", "Data Analyst", D(2026, 9, 20), "Interviewing", "Referral", D(2026, 11, 15), "2nd round"],  # open
    ["Glenrock", "Product Analyst", D(2026, 9, 22), "Offer Declined", "LinkedIn", D(2026, 11, 1), None],  # offer
    ["Harlow & Co", "Data Analyst", D(2026, 10, 1), "Withdrawn", "Company site", D(2026, 10, 10), None],
    None,  # a blank row in the middle of the table
    ["Ivers", "Data Analyst", D(2026, 10, 5), "Applied", "Indeed", None, None],  # 46 silent days: ghosted
    ["Juniper", "Analyst", D(2026, 10, 25), "Applied", "LinkedIn", None, None],  # 26 days: pending
    ["Kestrel", "Data Analyst", D(2026, 11, 2), "Applied", "Company site", None, None],  # 18 days: pending
    ["Lumen", "Data Engineer", D(2026, 11, 12), "Applied", "LinkedIn", None, None],  # 8 days: pending
    ["Marlow", "Senior Analyst", D(2026, 10, 28), "Phone Screen", "Inbound", D(2026, 11, 5), "recruiter wrote first"],
    ["Northwind", "BI Developer", D(2026, 10, 15), "Rejected", "Indeed", D(2026, 10, 18), None],  # rejected
    ["Orchard", "Data Analyst", None, "Wishlist", "LinkedIn", None, "apply next week"],  # not an application
]


@dataclass(frozen=True)
class HandTracker:
    name: str
    data: bytes
    # What the Overview shows as of AS_OF with a 30-day window, worked out row by row (see HAND_ROWS):
    # 14 applications (Orchard is a wishlist item, one row is blank); Marlow is a recruiter contact (source
    # "Inbound"), so 13 are outbound. Outbound and decided: all but the three young silent ones (Juniper, Kestrel,
    # Lumen) = 10. Of those, replied: Cobalt, Dunmore, Eastgate, Fernhill, Glenrock, Northwind = 6; reached a
    # screen or beyond: Dunmore, Eastgate, Fernhill, Glenrock = 4; an interview: Dunmore, Fernhill, Glenrock = 3;
    # an offer: Glenrock = 1. Ghosted: Acme, Borealis, Ivers = 3 of all 14.
    metrics: dict[str, str]
    counts: dict[str, tuple[int, int]]  # rate card -> (k, n)
    rows_in_table: int
    applications: int


def hand_xlsx_bytes() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Tracker"
    sheet.append(["My job hunt — autumn 2026"])
    sheet.append(HAND_HEADER)
    for row in HAND_ROWS:
        sheet.append(row if row is not None else [None] * len(HAND_HEADER))
    return workbook_bytes(book)


@pytest.fixture(scope="session")
def hand_xlsx() -> HandTracker:
    return HandTracker(
        name="my_tracker.xlsx",
        data=hand_xlsx_bytes(),
        metrics={
            "Applications": "14",
            "Response rate": "60%",
            "Positive responses": "40%",
            "Interview rate": "30%",
            "Offer rate": "10%",
            "Ghosted": "21%",
            "Pending": "3",
            "Decided": "10",
        },
        counts={
            "Response rate": (6, 10),
            "Positive responses": (4, 10),
            "Interview rate": (3, 10),
            "Offer rate": (1, 10),
            "Ghosted": (3, 14),
        },
        rows_in_table=16,  # 14 applications + the wishlist row + the blank row, below the header on row 2
        applications=14,
    )
