"""Filters in a real browser: the link the sidebar's "Copy a link to this view" shows opens the same view in
another browser, on every page (issue 11). The sample as of 2026-11-20 has 32 Referral applications
(tests/app/test_app_filters.py counts them independently with pandas). Setting the filter through the sidebar's
multiselect is covered by AppTest (tests/app/test_app_filters.py): from Playwright, text typed into it right
after the page loads was lost in 2 runs of 3 (see the closing note of stop 16)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from test_e2e_pages import QUERY, WAIT, metric_value, wait_until_idle

pytestmark = pytest.mark.e2e

SHOWING = "Showing 32 of 180 applications."


def test_a_link_with_a_filter_shows_the_same_view_in_another_browser_and_on_every_page(
    page: Page, browser: Browser, server: str
):
    page.goto(f"{server}/{QUERY}&source=Referral")
    expect(metric_value(page, "Applications")).to_have_text("32", timeout=60_000)
    expect(page.get_by_test_id("stSidebar").get_by_text(SHOWING)).to_be_visible(timeout=WAIT)
    wait_until_idle(page)
    response = metric_value(page, "Response rate").inner_text()
    # The sidebar's "Copy a link to this view" shows the address with every setting and filter in it.
    page.get_by_test_id("stSidebar").get_by_role("button", name="Copy a link to this view").click()
    shown = page.get_by_test_id("stPopoverBody").get_by_test_id("stCode")
    expect(shown).to_contain_text("source=Referral", timeout=WAIT)
    link = shown.inner_text().strip()
    assert link.startswith(server) and "as_of=2026-11-20" in link and "source=Referral" in link, link

    other = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        again = other.new_page()
        again.goto(link)
        expect(metric_value(again, "Applications")).to_have_text("32", timeout=60_000)
        expect(metric_value(again, "Response rate")).to_have_text(response)
        wait_until_idle(again)
        again.get_by_test_id("stSidebarNav").get_by_role("link", name="Data", exact=True).click()
        expect(again.get_by_role("heading", name="Data", exact=True)).to_be_visible(timeout=WAIT)
        expect(again).to_have_url(re.compile(r"/data\?(.*&)?source=Referral"), timeout=WAIT)
        expect(again.get_by_test_id("stSidebar").get_by_text(SHOWING)).to_be_visible(timeout=WAIT)
        # The quality report is about the file (all 180 rows were read); the views are about the 32.
        expect(metric_value(again, "Applications used")).to_have_text("180", timeout=WAIT)
    finally:
        other.close()
