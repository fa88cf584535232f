"""A share link in a real browser: created by the owner, opened in a fresh browser context (another person),
the same figures, redacted and read-only; revoked, then "this link is not valid" on reload."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect
from test_e2e_pages import QUERY, WAIT, metric_value

pytestmark = pytest.mark.e2e

NOT_VALID = "This link is not valid"
CARDS = ("Applications", "Response rate", "Interview rate", "Offer rate", "Ghosted")


def test_a_share_link_opens_read_only_in_another_browser_and_stops_when_revoked(
    page: Page, browser: Browser, server: str
):
    page.goto(f"{server}/share{QUERY}")
    expect(page.get_by_role("heading", name="Share & export", exact=True)).to_be_visible(timeout=60_000)
    page.get_by_role("button", name="Create the link").click()
    codes = page.get_by_test_id("stCode")
    expect(codes).to_have_count(2, timeout=WAIT)
    link, revoke_key = (code.inner_text().strip() for code in codes.all())
    assert link.startswith(f"{server}/?share=")

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Overview", exact=True).click()
    expect(metric_value(page, "Applications")).to_have_text("180", timeout=WAIT)
    owner_figures = {card: metric_value(page, card).inner_text() for card in CARDS}

    mentor = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        visit = mentor.new_page()
        visit.goto(link)
        expect(metric_value(visit, "Applications")).to_have_text("180", timeout=60_000)
        assert {card: metric_value(visit, card).inner_text() for card in CARDS} == owner_figures
        expect(visit.get_by_text("A read-only view, as of 20 Nov 2026")).to_be_visible()
        expect(visit.locator("input[type=file]")).to_have_count(0)
        visit.get_by_test_id("stSidebarNav").get_by_role("link", name="Data", exact=True).click()
        expect(visit.get_by_role("heading", name="Data", exact=True)).to_be_visible(timeout=WAIT)
        expect(visit.get_by_text("Harbourline Travel")).to_have_count(0)
        assert "share=" in visit.url, "the token stays in the address, so a reload stays on the share"

        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Share & export", exact=True).click()
        page.get_by_label("The link, or its token").fill(link)
        page.get_by_label("Its revoke key").fill(revoke_key)
        page.get_by_label("Its revoke key").press("Enter")
        page.get_by_role("button", name="Turn it off").click()
        expect(page.get_by_text("The link is turned off")).to_be_visible(timeout=WAIT)

        visit.reload()
        expect(visit.get_by_text(NOT_VALID)).to_be_visible(timeout=60_000)
        expect(visit.get_by_test_id("stMetricValue")).to_have_count(0)
    finally:
        mentor.close()
