"""The browser rows of issue 12, measured with Playwright and Debian's Chromium, side by side in one run.

Run: make bench-browser (PYTHONPATH=tests/e2e .venv/bin/python bench/browser.py [--repeat K])

- New visitor, sample, first chart: a fresh browser context opens the dashboard; the time until the first Plotly
  chart is drawn, against the same for bench/one_chart_app.py (a Streamlit app of one chart) on its own server.
  Interleaved (yardstick, dashboard, yardstick, ...), medians of K. Target: <= 1.3x.
- Upload -> chart: the time from handing the file to the uploader until the Overview shows its application count
  and the funnel is drawn, for bench/targets.py's generated xlsx trackers of 10,000 and 100,000 rows (medians of
  K, each in a fresh context). Printed with the bare pandas read of the same file beside it, for scale.
It prints each figure, the ratio and the target, and exits 1 when the first-chart target is missed.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from e2e_support import CHROMIUM, CHROMIUM_ARGS, dashboard_server
from playwright.sync_api import Browser, Page, expect, sync_playwright
from targets import tracker_rows, xlsx_bytes

from applytics.intake.pipeline import import_tracker

AS_OF = "2026-11-20"
LIVE = '[data-testid="stElementContainer"]:not([data-stale="true"])'
FIRST_CHART_TARGET = 1.3
WAIT_MS = 300_000
expect.set_options(timeout=WAIT_MS)


def first_chart_seconds(browser: Browser, url: str) -> float:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(url)
        expect(page.locator(f"{LIVE} .js-plotly-plot .main-svg").first).to_be_visible()
        return time.perf_counter() - start
    finally:
        context.close()


def applications_card(page: Page):  # noqa: ANN201 (a Playwright Locator)
    return (
        page.locator(f'{LIVE} [data-testid="stMetric"]')
        .filter(has=page.get_by_test_id("stMetricLabel").filter(has_text="Applications"))
        .get_by_test_id("stMetricValue")
    )


def upload_seconds(browser: Browser, base: str, name: str, data: bytes, applications: int) -> float:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(f"{base}/?as_of={AS_OF}")
        expect(applications_card(page)).to_have_text("180")
        expect(page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')).to_have_count(1)
        start = time.perf_counter()
        page.locator(".st-key-upload input[type=file]").set_input_files(
            {"name": name, "mimeType": "application/octet-stream", "buffer": data}
        )
        expect(applications_card(page)).to_have_text(f"{applications:,}")
        expect(page.locator(".st-key-funnel_chart").and_(page.locator(LIVE)).locator(".js-plotly-plot")).to_be_visible()
        return time.perf_counter() - start
    finally:
        context.close()


def bare_read_seconds(data: bytes, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        pd.read_excel(io.BytesIO(data), engine="calamine")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    options = parser.parse_args()
    files = {}
    for rows in options.rows:
        data = xlsx_bytes(tracker_rows(rows, text_dates=False))
        files[rows] = (data, len(import_tracker(data, "bench.xlsx").normalized.apps))
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        with (
            dashboard_server(Path(folder) / "dashboard.log") as dashboard,
            dashboard_server(Path(folder) / "one_chart.log", script="bench/one_chart_app.py") as yardstick,
        ):
            first_chart_seconds(browser, f"{dashboard}/?as_of={AS_OF}")  # warm-up: the servers' first imports
            first_chart_seconds(browser, yardstick)
            ours, theirs = [], []
            for _ in range(options.repeat):
                theirs.append(first_chart_seconds(browser, yardstick))
                ours.append(first_chart_seconds(browser, f"{dashboard}/?as_of={AS_OF}"))
            mine, bare = statistics.median(ours), statistics.median(theirs)
            ratio = mine / bare
            met = ratio <= FIRST_CHART_TARGET
            print(
                f"new visitor, sample, first chart / one-chart Streamlit app   {mine * 1000:7,.0f} ms vs "
                f"{bare * 1000:7,.0f} ms  {ratio:5.2f}x  target <= {FIRST_CHART_TARGET}x  {'met' if met else 'MISSED'}"
            )
            for rows, (data, applications) in files.items():
                took = statistics.median(
                    upload_seconds(browser, dashboard, f"bench-{rows}.xlsx", data, applications)
                    for _ in range(options.repeat)
                )
                read = bare_read_seconds(data, options.repeat)
                print(
                    f"upload -> Overview chart, {rows:,}-row xlsx ({len(data) / 1e6:.1f} MB)            "
                    f"{took * 1000:7,.0f} ms  (pd.read_excel of the file alone: {read * 1000:,.0f} ms, "
                    f"{took / read:.1f}x)"
                )
        browser.close()
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
