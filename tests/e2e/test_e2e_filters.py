"""Filters in a real browser: a filter picked in the sidebar goes into the URL, and the link the sidebar's "Copy a
link to this view" shows opens the same view in another browser, on every page (issue 11). The sample as of
2026-11-20 has 32 Referral applications (tests/app/test_app_filters.py counts them independently with pandas).

Streamlit's expander drops what is typed into a widget inside it while its opening animation runs (about half a
second; reproduced with a bare app of one multiselect in a collapsed expander), so the test waits until the
expander has no running animation, as a person reading the options would.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from test_e2e_pages import QUERY, WAIT, metric_value, wait_until_idle

pytestmark = pytest.mark.e2e

SHOWING = "Showing 32 of 180 applications."


def test_a_filter_set_in_the_sidebar_is_in_the_link_that_opens_the_same_view_elsewhere(
    page: Page, browser: Browser, server: str
):
    page.goto(f"{server}/{QUERY}")
    expect(metric_value(page, "Applications")).to_have_text("180", timeout=60_000)
    wait_until_idle(page)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Filters", exact=True).click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stSidebar] details')]"
        ".every(d => d.getAnimations({subtree: true}).length === 0)"
    )
    sidebar.locator(".st-key-source input").click()
    page.keyboard.type("Referral")
    expect(page.get_by_role("option", name="Referral", exact=True)).to_be_visible(timeout=WAIT)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]source=Referral(&|$)"), timeout=WAIT)
    expect(metric_value(page, "Applications")).to_have_text("32", timeout=60_000)
    page.keyboard.press("Escape")  # closes the list of options, which hides the rest of the page from the reader
    expect(page.get_by_role("option", name="Referral", exact=True)).to_have_count(0, timeout=WAIT)
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
