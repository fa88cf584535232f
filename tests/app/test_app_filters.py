"""Filters in the URL (issue 11): a link with ?source=… reopens the same narrowed view on every page.

Why: DESIGN §4, "Filters (dates, source, role, segment) live in the URL, so a link reproduces the view". The
expected counts are taken from the sample workbook with pandas, independently of the app's pipeline: its Source
column is already written in canonical values (LinkedIn, Referral, …), so no mapping is needed for Referral.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from apptest_support import AS_OF, OVERVIEW_PAGE, ROOT, SAMPLE, captions, infos, metrics, new_app, run_ok, warnings

PAGES = (
    OVERVIEW_PAGE,
    "pages/conversion.py",
    "pages/pace.py",
    "pages/timing.py",
    "pages/rejections.py",
    "pages/insights.py",
    "pages/todo.py",
    "pages/data.py",
    "pages/share.py",
)


def sample_rows() -> pd.DataFrame:
    sheet = pd.read_excel(SAMPLE, sheet_name="Applications", header=2, engine="openpyxl")
    return sheet[sheet["Company"].notna() & sheet["Status"].notna()]


def opened(monkeypatch: pytest.MonkeyPatch, **params: str | list[str]):
    """The app opened from a link with these query parameters, as of AS_OF."""
    monkeypatch.chdir(ROOT)
    at = new_app()
    for key, value in params.items():
        at.query_params[key] = value
    at.query_params["as_of"] = AS_OF.isoformat()
    return run_ok(at)


def popovers(node) -> list[str]:
    found = []
    for child in getattr(node, "children", {}).values():
        if getattr(child, "type", None) == "popover":
            found.append(child.proto.popover.label)
        found += popovers(child)
    return found


def showing(at) -> list[str]:
    return [text for text in captions(at) if text.startswith("Showing ") and " of " in text]


def test_a_source_in_the_link_narrows_every_page_alike(monkeypatch):
    rows = sample_rows()
    referral = int((rows["Source"] == "Referral").sum())
    assert (referral, len(rows)) == (32, 180)  # the sample as made by scripts/make_sample.py
    at = opened(monkeypatch, source="Referral")
    assert at.multiselect(key="source").value == ["Referral"]
    overview = metrics(at)
    assert overview["Applications"] == str(referral)
    assert showing(at) == [f"Showing {referral} of {len(rows)} applications."]
    decided = overview["Decided"]
    run_ok(at.switch_page("pages/conversion.py"))
    assert showing(at) == [f"Showing {referral} of {len(rows)} applications."]
    over = [re.match(r"Over ([\d,]+) decided outbound", text) for text in captions(at)]
    assert [found[1] for found in over if found] == [decided]
    assert at.multiselect(key="source").value == ["Referral"]  # still in the view after switching page
    assert "Copy a link to this view" in popovers(at.sidebar)  # its link is made when opened (AppTest cannot)


def test_an_unknown_source_in_the_link_is_said_and_left_out(monkeypatch):
    at = opened(monkeypatch, source="Carrier pigeon")
    assert any("No source “Carrier pigeon” in this tracker: showing every source." in text for text in warnings(at))
    assert metrics(at)["Applications"] == "180"
    assert showing(at) == []
    assert at.multiselect(key="source").value == []


def test_a_malformed_date_in_the_link_is_said_and_left_out(monkeypatch):
    at = opened(monkeypatch, applied="2026-02-30")
    assert any("are not a date range as YYYY-MM-DD: showing every date" in text for text in warnings(at))
    assert metrics(at)["Applications"] == "180"


def test_a_date_range_in_the_link_narrows_on_the_day(monkeypatch):
    rows = sample_rows()
    days = pd.to_datetime(rows["Date Applied"]).dt.normalize()
    start, end = pd.Timestamp("2026-09-01"), pd.Timestamp("2026-09-30")
    expected = int(((days >= start) & (days <= end)).sum())
    assert 0 < expected < len(rows)
    at = opened(monkeypatch, applied=["2026-09-01", "2026-09-30"])
    assert metrics(at)["Applications"] == str(expected)
    assert showing(at) == [f"Showing {expected} of {len(rows)} applications."]


@pytest.mark.parametrize("page", PAGES)
def test_a_filter_that_matches_nothing_stops_every_page_with_a_note(monkeypatch, page):
    at = opened(monkeypatch, source="Referral", applied=["2030-01-01", "2030-12-31"])
    if page != OVERVIEW_PAGE:
        run_ok(at.switch_page(page))
    assert "No application matches these filters. Widen them in the sidebar." in infos(at)
    assert showing(at) == ["Showing 0 of 180 applications."]
    assert not at.metric


def test_changing_a_filter_in_the_sidebar_applies_it(at):
    run_ok(at.multiselect(key="source").set_value(["Referral", "Recruiter"]))
    rows = sample_rows()
    assert metrics(at)["Applications"] == str(int(rows["Source"].isin(["Referral", "Recruiter"]).sum()))
    run_ok(at.multiselect(key="source").set_value([]))
    assert metrics(at)["Applications"] == "180"
