"""Hostile input and privacy in a real browser (issue 9): what a tracker's cells can do once they are on screen.

Why: a tracker is often a file someone else started. Its cells reach Plotly (which renders a subset of HTML),
Markdown elements (which link bare URLs) and the Data page's CSV export (which a spreadsheet program opens);
and the dashboard itself must keep a job seeker's data on their machine: listening on localhost unless told
otherwise, asking no third-party host for anything.
"""

from __future__ import annotations

import csv
import io
import ipaddress
import os
import signal
import socket
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest
from e2e_support import ROOT, free_port, wait_until_healthy
from playwright.sync_api import Page, expect
from test_e2e_pages import QUERY, WAIT, chart, live, wait_until_idle

pytestmark = pytest.mark.e2e

LINK_SOURCE = '<a href="http://x.invalid/">Link</a>'
BIG_SOURCE = '<span style="font-size:60px">Big</span>'
URL_COMPANY = "Visit http://x.invalid/ or www.example.com"
EMAIL_COMPANY = "jobs@acme.io"
# Cells a CSV reader would split into rows that start with a formula: a break, then = + - @.
FORMULA_NOTES = ("ok\r=1+1", "fine\n+SUM(A1:A9)", "note\r\n@SUM(1)", "last\n-2+3", "tab\t=HYPERLINK(1)")
PAGES = (("Overview", ""), ("Conversion", "conversion"), ("Timing", "timing"), ("Rejections", "rejections"),
         ("Insights", "insights"), ("Data", "data"))  # fmt: skip
FORMULA_START = tuple("=+-@\t\r")


def hostile_tracker() -> tuple[bytes, int]:
    """13 applications as of 2026-11-20: six ghosted under each hostile source, one recent rejection each for
    the URL and e-mail companies (they land in "Ask for feedback"); notes that hide formulas after breaks."""
    rows = [["Company", "Role", "Date applied", "Status", "Source", "Last update", "Notes"]]
    for number in range(11):
        source = LINK_SOURCE if number % 2 else BIG_SOURCE
        rows.append([f"Acme {number}\r=1+1", "Analyst", f"2026-08-{10 + number}", "Applied", source, "",
                     FORMULA_NOTES[number % len(FORMULA_NOTES)]])  # fmt: skip
    for company in (URL_COMPANY, EMAIL_COMPANY):
        rows.append(
            [company, "Data analyst", "2026-10-20", "Rejected", LINK_SOURCE, "2026-11-10", "=cmd|' /C calc'!A0"]
        )
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8"), len(rows) - 1


def upload_hostile(page: Page, server: str, folder: Path, first_page: str = "") -> Page:
    data, _ = hostile_tracker()
    path = folder / "hostile.csv"
    path.write_bytes(data)
    page.goto(f"{server}/{first_page}{QUERY}")
    expect(page.get_by_test_id("stSidebar").get_by_text("(the bundled sample)")).to_be_visible(timeout=60_000)
    page.locator(".st-key-upload input[type=file]").set_input_files(str(path))
    expect(page.get_by_test_id("stSidebar").get_by_text("Showing hostile.csv (your upload).")).to_be_visible(
        timeout=WAIT
    )
    wait_until_idle(page)
    return page


@pytest.fixture
def hostile_page(page: Page, server: str, tmp_path: Path) -> Page:
    return upload_hostile(page, server, tmp_path)


def open_page(page: Page, name: str) -> None:
    wait_until_idle(page)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible(timeout=WAIT)


def without_joiners(text: str) -> str:
    return text.replace("\u2060", "")


def test_html_in_a_source_name_is_shown_as_text_on_the_timing_chart(hostile_page: Page):
    open_page(hostile_page, "Timing")
    ghosting = chart(hostile_page, "ghosting_chart")
    expect(ghosting).to_be_visible(timeout=WAIT)
    labels = ghosting.locator("svg text")
    expect(labels.filter(has_text=LINK_SOURCE)).not_to_have_count(0)
    expect(labels.filter(has_text=BIG_SOURCE)).not_to_have_count(0)
    expect(ghosting.locator("svg a")).to_have_count(0)
    expect(ghosting.locator('svg [style*="60px"]')).to_have_count(0)


def test_urls_and_addresses_in_user_text_never_become_links(hostile_page: Page):
    open_page(hostile_page, "Rejections")
    summaries = hostile_page.get_by_test_id("stMain").get_by_test_id("stExpander").locator("summary")
    expect(summaries.filter(has_text="Data analyst")).to_have_count(2, timeout=WAIT)
    shown = [without_joiners(text) for text in summaries.all_inner_texts()]
    assert any(f"{URL_COMPANY} — Data analyst" in text for text in shown), shown
    assert any(f"{EMAIL_COMPANY} — Data analyst" in text for text in shown), shown
    for name, _ in PAGES:
        open_page(hostile_page, name)
        made_links = hostile_page.locator(
            '[data-testid="stMain"] a[href*="x.invalid"]:not([href^="mailto:"]), '
            '[data-testid="stMain"] a[href*="example.com"]:not([href^="mailto:"]), '
            '[data-testid="stMain"] a[href^="mailto:jobs@acme.io"]'
        )
        expect(made_links).to_have_count(0)
    expect(summaries.locator("a")).to_have_count(0)


def test_the_data_page_csv_download_reads_back_without_formulas_or_extra_rows(page: Page, server: str, tmp_path: Path):
    _, applications = hostile_tracker()
    # Streamlit saves through the File System Access API when the browser has it (a native dialog); without
    # it, through an ordinary download that Playwright can catch.
    page.context.add_init_script("delete window.showSaveFilePicker; delete Window.prototype.showSaveFilePicker;")
    hostile_page = upload_hostile(page, server, tmp_path, "data")
    expect(live(hostile_page).get_by_role("heading", name="Cleaned table")).to_be_visible(timeout=WAIT)
    cleaned = live(hostile_page).get_by_test_id("stDataFrame").last
    expect(cleaned.locator("table tr")).not_to_have_count(0, timeout=WAIT)
    cleaned.hover()
    with hostile_page.expect_download(timeout=WAIT) as download:
        cleaned.get_by_role("button", name="Download as CSV").click()
    data = Path(download.value.path()).read_bytes()

    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == applications + 1, f"{len(rows) - 1} data rows for {applications} applications"
    starts = [cell for row in rows for cell in row if cell.startswith(FORMULA_START)]
    assert starts == [], starts
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert len(frame) == applications
    assert not frame.map(lambda cell: cell.startswith(FORMULA_START)).any().any()
    # The notes are all there, made inert: the break shows as ↵ and the formula as text behind it.
    assert sorted(frame["original: Notes"].map(lambda cell: cell.removeprefix("'")).unique()) == sorted(
        {"ok ↵ =1+1", "fine ↵ +SUM(A1:A9)", "note ↵ @SUM(1)", "last ↵ -2+3", "tab =HYPERLINK(1)", "=cmd|' /C calc'!A0"}
    )


def test_every_page_asks_only_the_dashboard_server(page: Page, server: str):
    """No font CDN for the page icon, no analytics, nothing: every request goes to the server itself."""
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(f"{server}/{QUERY}")
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=60_000)
    for name, _ in PAGES[1:]:
        open_page(page, name)
        expect(live(page).first).to_be_visible(timeout=WAIT)
    icon = page.locator("link[rel~='icon']").first.get_attribute("href") or ""
    own = urlsplit(server).netloc
    elsewhere = sorted(
        {url for url in asked if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != own}
    )
    assert elsewhere == [], elsewhere
    assert not urlsplit(icon).netloc or urlsplit(icon).netloc == own, icon


def listening_addresses(port: int) -> set[str]:
    """The local addresses of sockets listening on `port`, read from the kernel's tables (IPv4 and IPv6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                raw = bytes.fromhex(address)
                words = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))  # host-order words
                found.add(str(ipaddress.ip_address(words)))
    return found


@pytest.mark.parametrize(
    ("host_argument", "expected"),
    [(None, {"127.0.0.1"}), ("HOST=0.0.0.0", {"0.0.0.0"})],
    ids=["default-localhost", "hosting-switch"],
)
def test_make_run_listens_on_localhost_unless_told_otherwise(tmp_path: Path, host_argument, expected):
    port = free_port()
    command = ["make", "--no-print-directory", "run", f"PORT={port}", *([host_argument] if host_argument else [])]
    env = {k: v for k, v in os.environ.items() if not k.startswith("APPLYTICS_") and k not in ("HOST", "PORT")}
    log = tmp_path / "make_run.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_until_healthy(process, f"http://127.0.0.1:{port}", log)  # 0.0.0.0 answers on loopback too
        assert listening_addresses(port) == expected, log.read_text()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def test_listening_addresses_reads_the_kernel_table():
    """The /proc reader itself, on a socket whose address is known."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        probe.listen()
        assert listening_addresses(probe.getsockname()[1]) == {"127.0.0.1"}
