"""The HTML report in a real browser (issue 10, part 3): opened from disk, with the network cut off.

Why: the report is a file a job seeker keeps, mails or opens on a train. Opened from disk in Debian's Chromium
with every request that is not the file itself refused, every chart must still draw (plotly.js is inside the
file; the Content-Security-Policy allows inline script and style, nothing remote), no request may leave the
machine, nothing may be blocked by the policy, and the print layout must put each dashboard page on its own
sheet with charts inside the paper's width. A tracker's cells (a source written as a link, a company written as
an image tag) must stay text here as on the dashboard.

The report is made as a user makes it: `applytics report FILE -o report.html`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

from applytics.cli import main

pytestmark = pytest.mark.e2e

AS_OF = "2026-11-20"  # the shared hand tracker's as-of date (tests/conftest.py)
DRAWN = "html[data-charts=drawn]"  # set by the report's script once every Plotly.newPlot has resolved
MARKS = "g.trace path, g.trace rect, g.hm image, g.sankey-node rect, .sankey-link"
A4_PRINTABLE_PX = 703  # 210 mm less 2 x 12 mm margins, at 96 CSS px per inch
LINK_SOURCE = '<a href="http://x.invalid/">Link</a>'
EVIL_COMPANY = "<img src=x onerror=alert(1)>"


def make_report(tmp_path: Path, name: str, data: bytes) -> Path:
    tracker = tmp_path / name
    tracker.write_bytes(data)
    target = tmp_path / "report.html"
    assert main(["report", str(tracker), "-o", str(target), "--as-of", AS_OF]) == 0
    return target


def figure_ids(report: Path) -> list[str]:
    """The chart ids the file carries, read from its JSON: what the browser must have drawn."""
    text = report.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="applytics-figures">(.*?)</script>', text, re.S)
    assert found is not None
    return list(json.loads(found.group(1)))


class Offline:
    """Every request the page makes, recorded; anything that is not a file: or data: URL is refused."""

    def __init__(self, page: Page) -> None:
        self.requests: list[str] = []
        self.refused: list[str] = []
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda message: self.problems.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: self.problems.append(str(error)))
        page.on("dialog", self._dialog)
        page.context.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("file://", "data:")):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


def open_offline(page: Page, report: Path) -> Offline:
    offline = Offline(page)
    page.goto(report.as_uri())
    page.wait_for_selector(DRAWN, state="attached")
    return offline


def drawn_charts(page: Page) -> dict[str, dict[str, object]]:
    return page.evaluate(
        """(marks) => Object.fromEntries([...document.querySelectorAll('div.chart')].map(d => [d.id, {
            plotly: d.classList.contains('js-plotly-plot'),
            svgs: d.querySelectorAll('svg.main-svg').length,
            marks: d.querySelectorAll(marks).length,
            width: Number(d.querySelector('svg.main-svg')?.getAttribute('width') || 0),
        }]))""",
        MARKS,
    )


def test_every_chart_draws_from_disk_with_the_network_cut_off(page: Page, tmp_path: Path, hand_xlsx) -> None:
    report = make_report(tmp_path, hand_xlsx.name, hand_xlsx.data)
    expected = figure_ids(report)
    # the hand tracker: Overview (2), Conversion (source, role, month applied: 2 each), Timing (2), Pace (weeks and
    # the calendar of days), Rejections (1: no reason column, so no Pareto, as on the dashboard)
    assert expected == [
        "chart-funnel", "chart-sankey", "chart-segment-1", "chart-heat-1", "chart-segment-2", "chart-heat-2",
        "chart-segment-3", "chart-heat-3", "chart-response-curve", "chart-ghosting", "chart-weekly-pace",
        "chart-activity-calendar", "chart-rejection-stage",
    ]  # fmt: skip
    offline = open_offline(page, report)
    charts = drawn_charts(page)
    assert list(charts) == expected
    for chart_id, chart in charts.items():
        assert chart["plotly"] and chart["svgs"] >= 1, (chart_id, chart)
        assert chart["marks"] > 0, (chart_id, chart)  # bars, points, lines, heat cells or flows: not an empty frame
    assert offline.requests == [report.as_uri()]  # the file itself, and nothing else
    assert offline.refused == []
    assert offline.problems == []  # no script error, no Content-Security-Policy violation
    assert page.locator("section").count() == 7
    assert page.locator("section#overview").get_by_text("6 of 10", exact=True).count() == 1  # response rate card


def test_each_page_prints_on_its_own_sheet_within_the_paper(page: Page, tmp_path: Path, hand_xlsx) -> None:
    report = make_report(tmp_path, hand_xlsx.name, hand_xlsx.data)
    open_offline(page, report)
    page.set_viewport_size({"width": A4_PRINTABLE_PX, "height": 1000})
    page.emulate_media(media="print")
    breaks = page.evaluate(
        "() => [...document.querySelectorAll('section')].map(s => [s.id, getComputedStyle(s).breakBefore])"
    )
    assert breaks == [
        ["overview", "auto"],  # right after the title
        ["conversion", "page"],
        ["timing", "page"],
        ["pace", "page"],
        ["rejections", "page"],
        ["insights", "page"],
        ["data", "page"],
    ]
    assert page.evaluate("() => document.documentElement.scrollWidth") <= A4_PRINTABLE_PX  # nothing overflows
    assert all(0 < chart["width"] <= A4_PRINTABLE_PX for chart in drawn_charts(page).values())
    for paper in ("A4", "Letter"):
        pdf = page.pdf(format=paper, margin={"top": "12mm", "bottom": "12mm", "left": "12mm", "right": "12mm"})
        pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
        assert pages >= 6, (paper, pages)  # at least one sheet per section


def hostile_tracker() -> bytes:
    """Six decided applications whose source is a link and whose company is an image tag with a script."""
    rows = [["Company", "Role", "Date applied", "Status", "Source"]]
    for number in range(6):
        source = LINK_SOURCE if number % 2 else "LinkedIn"
        rows.append([f"{EVIL_COMPANY} {number}", "Analyst", f"2026-08-{10 + number}", "Applied", source])
    rows.append([EVIL_COMPANY, "Analyst", "2026-10-20", "Rejected", LINK_SOURCE])
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def test_cells_written_as_markup_stay_text_in_the_browser(page: Page, tmp_path: Path) -> None:
    report = make_report(tmp_path, "hostile.csv", hostile_tracker())
    offline = open_offline(page, report)
    assert offline.dialogs == []  # no onerror ran
    assert page.locator("img").count() == 0
    assert page.locator("a[href*='x.invalid']").count() == 0  # neither in the page nor inside a chart's SVG
    links = page.evaluate("() => [...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
    assert links and all(href.startswith("#") for href in links)  # only the table of contents
    # the source reads as typed, in the ghosting chart's labels
    ghosting = page.locator("#chart-ghosting")
    assert ghosting.get_by_text(re.compile(re.escape(LINK_SOURCE))).count() >= 1
    assert offline.refused == [] and offline.problems == []
    assert offline.requests == [report.as_uri()]
