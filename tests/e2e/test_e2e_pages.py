"""The analytics pages in a real browser: each opens from the sidebar navigation with its title, a chart and figures."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import Locator, Page, expect

from applytics.analytics.metrics import MetricParams, resolve_outcomes
from applytics.analytics.timeline import response_times
from applytics.intake.pipeline import import_tracker

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 20)
QUERY = f"?as_of={AS_OF.isoformat()}"  # the as-of date input is bound to the URL: reproducible figures
LIVE = '[data-testid="stElementContainer"]:not([data-stale="true"])'  # not the previous run's leftovers
WAIT = 30_000


def live(page: Page) -> Locator:
    return page.locator(LIVE)


def metric_value(page: Page, label: str) -> Locator:
    card = page.locator(f'{LIVE} [data-testid="stMetric"]').filter(
        has=page.get_by_test_id("stMetricLabel").filter(has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    )
    return card.get_by_test_id("stMetricValue")


def chart(page: Page, key: str) -> Locator:
    return page.locator(f".st-key-{key}").and_(page.locator(LIVE)).locator(".js-plotly-plot")


def table_row(page: Page, header: str, first_cell: str) -> Locator:
    """A row of the st.dataframe whose columns include `header` (its accessible table mirrors the canvas)."""
    grid = page.locator("table", has=page.locator("th", has_text=re.compile(rf"^\s*{re.escape(header)}\s*$")))
    return grid.locator("tr", has=page.locator("td", has_text=re.compile(rf"^{re.escape(first_cell)}$")))


def wait_until_idle(page: Page) -> None:
    """Until the script run has finished: a page switch clicked mid-run can lose the URL's bound settings."""
    expect(page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')).to_have_count(1, timeout=60_000)


def open_from_sidebar(page: Page, base: str, name: str, path: str) -> None:
    page.goto(f"{base}/{QUERY}")
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=60_000)
    expect(chart(page, "sankey_chart")).to_be_visible(timeout=60_000)  # the Overview's last chart: the run is done
    wait_until_idle(page)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/{path}\?(.*&)?as_of={AS_OF.isoformat()}"), timeout=WAIT)
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible(timeout=WAIT)


def sample_resolved():
    sample = ROOT / "data" / "sample_tracker.xlsx"
    result = import_tracker(sample.read_bytes(), sample.name)
    return resolve_outcomes(result.normalized.apps, MetricParams(AS_OF, 30))


def test_conversion_page_shows_the_segment_table_and_keeps_the_choice_in_the_url(page: Page, server: str):
    open_from_sidebar(page, server, "Conversion", "conversion")
    expect(page.get_by_role("heading", name="Response rate by source")).to_be_visible()
    expect(chart(page, "segment_dots")).to_be_visible()
    # Referrals: 18 replies in 30 decided outbound applications (see tests/app/test_app_conversion.py).
    referral = table_row(page, "Source", "Referral")
    expect(referral).to_have_count(1, timeout=WAIT)
    expect(referral.locator("td", has_text=re.compile(r"^18$"))).to_have_count(1)
    expect(referral.locator("td", has_text=re.compile(r"^30$"))).to_have_count(1)
    expect(referral.locator("td", has_text="higher than the rest")).to_have_count(1)

    page.get_by_test_id("stSelectbox").filter(has_text="Break down by").click()
    page.get_by_role("option", name="Résumé version", exact=True).click()
    expect(page.get_by_role("heading", name="Response rate by résumé version")).to_be_visible(timeout=WAIT)
    expect(page).to_have_url(re.compile(r"[?&]segment="), timeout=WAIT)
    tailored = table_row(page, "Résumé version", "v2 tailored").locator("td", has_text=re.compile(r"^81$"))
    expect(tailored).to_have_count(1, timeout=WAIT)

    # A link reproduces the view (DESIGN §4): the same URL in a new session shows the same breakdown.
    page.goto(page.url)
    expect(page.get_by_role("heading", name="Response rate by résumé version")).to_be_visible(timeout=60_000)
    expect(tailored).to_have_count(1, timeout=WAIT)


def test_timing_page_shows_the_reply_curve_and_ghosting_by_source(page: Page, server: str):
    times = response_times(sample_resolved(), AS_OF)
    assert times.median_days is None  # fewer than half of the sample's applications ever got a reply
    open_from_sidebar(page, server, "Timing", "timing")
    expect(chart(page, "response_curve")).to_be_visible(timeout=WAIT)
    expect(chart(page, "ghosting_chart")).to_be_visible()
    expect(metric_value(page, "Median time to a reply")).to_have_text("not reached")
    expect(metric_value(page, "75% have replied by")).to_have_text("not reached")
    expect(live(page).get_by_text(f"{times.replied} replies and {times.censored} still-silent")).to_be_visible()
    expect(live(page).get_by_text("and least from Referral (12 of 30)")).to_be_visible()


def test_rejections_page_shows_reasons_feedback_and_a_ready_email(page: Page, server: str):
    open_from_sidebar(page, server, "Rejections", "rejections")
    expect(chart(page, "pareto_chart")).to_be_visible(timeout=WAIT)
    expect(live(page).get_by_text("Of 37 rejections, 17 came with no reason")).to_be_visible()
    expect(metric_value(page, "Feedback requested")).to_have_text("41%")
    expect(live(page).get_by_text("15 of 37 rejections", exact=True)).to_be_visible()
    expect(live(page).get_by_text("8 of 15 requests", exact=True)).to_be_visible()

    email = page.get_by_test_id("stExpander").filter(has_text="Lowtide — Senior Data Analyst · rejected 22 Oct")
    email.locator("summary").click()
    link = email.get_by_role("link", name=re.compile("Open in my mail app"))
    expect(link).to_be_visible(timeout=WAIT)
    expect(link).to_have_attribute("href", re.compile(r"^mailto:\?subject=Feedback%20on%20my%20application%20for"))


def test_insights_page_shows_the_referral_finding_and_labelled_benchmarks(page: Page, server: str):
    open_from_sidebar(page, server, "Insights", "insights")
    expect(live(page).get_by_text("1. Referral: Yes — response rate higher than the rest")).to_be_visible(timeout=WAIT)
    expect(live(page).get_by_text("18 of 32 (56%) got a reply vs 25 of 125 (20%) for the rest")).to_be_visible()
    expect(page.get_by_role("heading", name="Context: what employers report")).to_be_visible()
    expect(live(page).get_by_text("Employer-side figures from published reports")).to_be_visible()


def test_pace_page_shows_the_weekly_chart_and_the_goal_in_the_url(page: Page, server: str):
    open_from_sidebar(page, server, "Pace", "pace")
    expect(chart(page, "weekly_pace_chart")).to_be_visible(timeout=WAIT)
    expect(chart(page, "activity_calendar")).to_be_visible(timeout=WAIT)
    # The sample as of 2026-11-20 with the default goal of 10: 5 of its 25 weeks met it (tests/app/test_app_pace.py).
    page.goto(f"{server}/pace{QUERY}&goal=5")
    expect(chart(page, "weekly_pace_chart")).to_be_visible(timeout=60_000)
    expect(page.get_by_text(re.compile(r"22 of 25 weeks"))).not_to_have_count(0, timeout=WAIT)


def test_todo_page_lists_follow_ups_and_downloads_the_calendar(page: Page, server: str, tmp_path: Path):
    open_from_sidebar(page, server, "To-do", "todo")
    # The sample as of 2026-11-20: 15 follow-ups due at 7 days, 2 feedback requests (tests/app/test_app_todo.py).
    expect(live(page).get_by_role("heading", name=re.compile(r"Follow-ups.*15"))).to_have_count(1, timeout=WAIT)
    with page.expect_download(timeout=WAIT) as download:
        page.locator(".st-key-todo_ics").get_by_role("button").click()
    calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    assert len(calendar.walk("VEVENT")) == 17
