"""The dashboard in a real browser: the sample loads, an upload changes the figures, the Data page opens."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from e2e_support import ROOT, dashboard_server
from playwright.sync_api import Locator, Page, expect

from applytics.analytics.metrics import MetricParams, kpis, resolve_outcomes
from applytics.intake.pipeline import import_tracker

pytestmark = pytest.mark.e2e

AS_OF = dt.date(2026, 11, 20)
QUERY = f"?as_of={AS_OF.isoformat()}"  # the as-of date input is bound to the URL: reproducible figures
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# While a rerun is in flight, the previous run's elements stay on the page marked stale; they go when it ends.
LIVE = '[data-testid="stElementContainer"]:not([data-stale="true"])'


def metric_value(page: Page, label: str) -> Locator:
    label_pattern = re.compile(rf"^\s*{re.escape(label)}\s*$")
    card = page.locator(f'{LIVE} [data-testid="stMetric"]').filter(
        has=page.get_by_test_id("stMetricLabel").filter(has_text=label_pattern)
    )
    return card.get_by_test_id("stMetricValue")


def funnel(page: Page) -> Locator:
    return page.locator(".st-key-funnel_chart").and_(page.locator(LIVE)).locator(".js-plotly-plot")


def open_dashboard(page: Page, base: str) -> None:
    page.goto(f"{base}/{QUERY}")
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=60_000)


def test_sample_loads_with_funnel_and_kpis(page: Page, server: str):
    sample = ROOT / "data" / "sample_tracker.xlsx"
    figures = kpis(
        resolve_outcomes(import_tracker(sample.read_bytes(), sample.name).normalized.apps, MetricParams(AS_OF, 30))
    )
    open_dashboard(page, server)

    expect(metric_value(page, "Applications")).to_have_text(f"{figures.applications:,}")
    expect(metric_value(page, "Response rate")).to_have_text(f"{figures.response_rate.value:.0%}")
    expect(metric_value(page, "Ghosted")).to_have_text(f"{figures.ghosted.value:.0%}")
    expect(metric_value(page, "Decided")).to_have_text(f"{figures.mature:,}")
    rate = figures.response_rate
    caption = f"{rate.k} of {rate.n} · likely {rate.low:.0%}–{rate.high:.0%}"
    expect(page.locator(LIVE).get_by_text(caption)).to_be_visible()

    expect(funnel(page)).to_be_visible()
    expect(funnel(page).locator(".funnellayer")).to_have_count(1)
    expect(funnel(page).get_by_text(f"{figures.applications} (100% of applied)")).to_be_visible()
    expect(page.locator(LIVE).get_by_text("You are looking at a sample job search")).to_be_visible()


def test_uploaded_xlsx_changes_the_kpis_and_the_funnel(page: Page, server: str, hand_xlsx):
    open_dashboard(page, server)
    expect(metric_value(page, "Applications")).to_have_text("180")

    page.locator(".st-key-upload input[type=file]").set_input_files(
        {"name": hand_xlsx.name, "mimeType": XLSX_MIME, "buffer": hand_xlsx.data}
    )
    expect(metric_value(page, "Applications")).to_have_text("14", timeout=60_000)
    for label, value in hand_xlsx.metrics.items():
        expect(metric_value(page, label)).to_have_text(value)
    expect(page.locator(LIVE).get_by_text("6 of 10 · likely 31%–83%")).to_be_visible()
    expect(page.locator(LIVE).get_by_text("3 of 14 · likely 8%–48%")).to_be_visible()
    expect(page.locator(LIVE).get_by_text("You are looking at a sample job search")).to_have_count(0)

    # Reached at least: applied 14; screen 5 (Dunmore, Eastgate, Fernhill, Glenrock, Marlow); interview 3; offer 1.
    expect(funnel(page)).to_be_visible()
    for text in ("14 (100% of applied)", "5 (36% of applied)", "3 (21% of applied)", "1 (7% of applied)"):
        expect(funnel(page).get_by_text(text)).to_be_visible()


def test_data_page_opens_from_the_sidebar_and_shows_the_column_mapping(page: Page, server: str):
    open_dashboard(page, server)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Data", exact=True).click()
    expect(page).to_have_url(re.compile(r"/data(\?|$)"))
    expect(page.get_by_role("heading", name="Data", exact=True)).to_be_visible()

    # st.dataframe draws on a canvas; its accessible table (hidden) carries the cells.
    header = page.locator("th", has_text="Column in your file")
    expect(header).to_have_count(1)
    columns = page.locator("table", has=header)
    date_row = columns.locator("tr", has=page.locator("td", has_text=re.compile(r"^Date Applied$")))
    expect(date_row.locator("td", has_text=re.compile(r"^Date applied$"))).to_have_count(1)
    company_row = columns.locator("tr", has=page.locator("td", has_text=re.compile(r"^Company$")))
    expect(company_row).to_have_count(1)
    expect(page.locator(LIVE).get_by_text("Rows left out", exact=True)).to_be_visible()


def test_a_first_visit_straight_to_the_data_page_gets_the_intake(page: Page, tmp_path: Path):
    """A shared link to /data, opened on a freshly started (or woken) server, must show the app, not a bare page.

    Streamlit treats an app with a `pages/` folder as a legacy multipage app until st.navigation has run once in
    the process; a first request for /data then runs pages/data.py without app.py: no uploader, no sample button,
    only 'Upload your tracker in the sidebar, or click Try the sample'.
    """
    with dashboard_server(tmp_path / "streamlit.log") as fresh:
        page.goto(f"{fresh}/data{QUERY}")
        expect(page.locator("h1, [data-testid='stAlert']").first).to_be_visible(timeout=60_000)
        expect(page.locator(".st-key-upload input[type=file]")).to_have_count(1, timeout=10_000)
        expect(page.get_by_role("button", name="Try the sample")).to_be_visible()
        expect(page.get_by_role("heading", name="Data", exact=True)).to_be_visible()


def test_a_coach_drops_one_tracker_per_candidate_and_compares_them(page: Page, server: str):
    """Two files at once: 5 applications of Ann's and 3 of Bob's (his in his own layout) make one cohort."""
    ann = (
        "Company,Role,Date Applied,Status\r\n"
        "Acme,Analyst,2026-11-02,Rejected\r\nBorealis,Analyst,2026-11-03,Phone screen\r\n"
        "Cobalt,Analyst,2026-11-10,Interviewing\r\nDunmore,Analyst,2026-11-18,Applied\r\n"
        "Eastgate,Analyst,2026-10-01,No response\r\n"
    )
    bob = (
        "Applied on;Employer;Stage\r\n"
        "2026-11-09;Fernhill;Offer\r\n2026-11-10;Glenrock;Rejected\r\n2026-11-11;Harlow;Applied\r\n"
    )
    open_dashboard(page, server)
    page.get_by_test_id("stSidebar").get_by_text("Coaching several people?").click()
    page.locator(".st-key-cohort_upload input[type=file]").set_input_files(
        [
            {"name": "tracker-Ann.csv", "mimeType": "text/csv", "buffer": ann.encode()},
            {"name": "tracker-Bob.csv", "mimeType": "text/csv", "buffer": bob.encode()},
        ]
    )
    expect(metric_value(page, "Applications")).to_have_text("8", timeout=60_000)
    expect(page.get_by_test_id("stSidebar").get_by_text("Showing tracker-Ann.csv, tracker-Bob.csv")).to_be_visible()

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Cohort", exact=True).click()
    funnels = page.locator(".st-key-cohort_funnels").and_(page.locator(LIVE)).locator(".js-plotly-plot")
    expect(funnels).to_be_visible(timeout=60_000)
    for name in ("Ann", "Bob"):  # one small funnel per candidate, titled with the name made from the file
        expect(funnels.locator(".annotation-text", has_text=re.compile(rf"^{name}"))).to_have_count(1)
    expect(page.get_by_test_id("stException")).to_have_count(0)
