"""Many users on one server (issue 12): N browser sessions at once, each uploading a tracker of its own.

Run: make load (PYTHONPATH=tests/e2e .venv/bin/python bench/load.py [--sessions 10 20] [--timeout 600]): it
starts the server as the e2e tests do (tests/e2e/e2e_support.py).

Loopback only: one `streamlit run app.py` on 127.0.0.1 (a free port) and Debian's Chromium, one browser context
(a session of its own) per user, all started together. Each user opens the dashboard, uploads `load-NN.csv`
(40 + 7 x NN applications, so every user's count differs) and waits for its Overview: the Applications card must
show its own count and the sidebar its own file name (no cross-talk), and no exception may reach the page.
Printed per N: p50 and p95 of upload -> funnel chart drawn, the server's CPU time (the browsers run on the same
cores, so the wall times include their rendering), the server's resident memory before, with every
session loaded (and per session) and after the sessions closed and the server dropped them
(`--server.disconnectedSessionTTL` is set short so that happens within the run; see memory_after_close).
It prints, never asserts; exit 1 when a session saw the wrong figures, errored or timed out.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from e2e_support import CHROMIUM, CHROMIUM_ARGS, dashboard_server, server_pid
from playwright.async_api import Browser, Locator, Page, async_playwright, expect

AS_OF = "2026-11-20"
STATUSES = ("Applied", "Rejected", "Phone screen", "No response", "Interviewing", "Offer", "Ghosted")
BIG_USERS, BIG_ROWS = 4, 20_000  # the last wave: memory per session that is large enough to see come back
SESSION_TTL_SECONDS = 3  # the server may drop a closed session's state this long after its socket closed
SETTLE_SECONDS = 60  # how long to wait for the memory of closed sessions to come back
LIVE = '[data-testid="stElementContainer"]:not([data-stale="true"])'
WAIT_MS = 240_000  # one wait on page state, at most: 20 users on 2 cores queue for the CPU
expect.set_options(timeout=WAIT_MS)


@dataclass(frozen=True)
class Outcome:
    number: int
    seconds: float | None
    problem: str | None


def tracker(number: int, base_rows: int = 40) -> tuple[str, bytes, int]:
    """User NN's file: its own companies and base_rows + 7 x NN applications."""
    rows = base_rows + 7 * number
    lines = ["Company,Role,Date Applied,Status"]
    for row in range(rows):
        applied = f"2026-{row % 10 + 1:02d}-{row % 27 + 1:02d}"
        lines.append(f"User {number} employer {row},Analyst,{applied},{STATUSES[row % len(STATUSES)]}")
    return f"load-{number:02d}.csv", ("\r\n".join(lines) + "\r\n").encode(), rows


def applications_card(page: Page) -> Locator:
    return (
        page.locator(f'{LIVE} [data-testid="stMetric"]')
        .filter(has=page.get_by_test_id("stMetricLabel").filter(has_text="Applications"))
        .get_by_test_id("stMetricValue")
    )


class Gate:
    """Every user's session stays open until all are in (loaded, or failed), so memory is read with all loaded."""

    def __init__(self, users: int) -> None:
        self.users, self.arrived = users, 0
        self.all_in, self.release = asyncio.Event(), asyncio.Event()

    def arrive(self) -> None:
        self.arrived += 1
        if self.arrived == self.users:
            self.all_in.set()


async def one_user(browser: Browser, base: str, number: int, gate: Gate, base_rows: int) -> Outcome:
    """Open, upload, wait for the user's own Overview; keep the session open until everyone is in."""
    name, data, rows = tracker(number, base_rows)
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(WAIT_MS)
    page = await context.new_page()
    try:
        await page.goto(f"{base}/?as_of={AS_OF}")
        await expect(applications_card(page)).to_have_text("180")  # the sample, before the upload
        await expect(page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')).to_have_count(1)
        start = time.perf_counter()
        await page.locator(".st-key-upload input[type=file]").set_input_files(
            {"name": name, "mimeType": "text/csv", "buffer": data}
        )
        await expect(applications_card(page)).to_have_text(f"{rows:,}")
        await expect(
            page.locator(".st-key-funnel_chart").and_(page.locator(LIVE)).locator(".js-plotly-plot")
        ).to_be_visible()
        seconds = time.perf_counter() - start
        await expect(page.get_by_test_id("stSidebar").get_by_text(f"Showing {name} (your upload).")).to_be_visible()
        errors = await page.get_by_test_id("stException").count()
        gate.arrive()
        await gate.release.wait()
        shown = await applications_card(page).inner_text()  # still its own, with every other user loaded too
        if shown != f"{rows:,}":
            return Outcome(number, seconds, f"showed {shown} applications, not its own {rows:,}")
        return Outcome(number, seconds, f"{errors} exception(s) on the page" if errors else None)
    except Exception as exc:  # a timeout or a wrong figure: reported, the others still measured
        gate.arrive()
        await gate.release.wait()
        return Outcome(number, None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
    finally:
        await context.close()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used (/proc/PID/stat fields 14 and 15, in clock ticks)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def resident_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


async def settled_mib(pid: int, seconds: float) -> float:
    """The server's memory once two reads two seconds apart agree within 1 MiB (or after `seconds`)."""
    deadline = time.monotonic() + seconds
    previous = resident_mib(pid)
    while time.monotonic() < deadline:
        await asyncio.sleep(2)
        current = resident_mib(pid)
        if abs(current - previous) < 1:
            return current
        previous = current
    return previous


async def memory_after_close(browser: Browser, base: str, pid: int) -> float:
    """The server's memory once the closed sessions are dropped. Streamlit keeps a closed session for the TTL and
    removes expired ones lazily, when its session store is next used: so after the TTL (a wait on the clock, as
    the expiry is) one new visitor opens the sample, and then the memory is read once settled."""
    await asyncio.sleep(SESSION_TTL_SECONDS + 1)
    context = await browser.new_context()
    page = await context.new_page()
    await page.goto(f"{base}/?as_of={AS_OF}")
    await expect(applications_card(page)).to_have_text("180")
    await context.close()
    await asyncio.sleep(SESSION_TTL_SECONDS + 1)
    return await settled_mib(pid, SETTLE_SECONDS)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def wave(browser: Browser, base: str, pid: int, users: int, base_rows: int = 40) -> bool:
    before = await settled_mib(pid, SETTLE_SECONDS)
    gate = Gate(users)
    cpu_before, started = cpu_seconds(pid), time.perf_counter()
    tasks = [asyncio.create_task(one_user(browser, base, number, gate, base_rows)) for number in range(users)]
    await gate.all_in.wait()
    during = resident_mib(pid)
    server_cpu, wall = cpu_seconds(pid) - cpu_before, time.perf_counter() - started
    gate.release.set()
    outcomes = await asyncio.gather(*tasks)
    after = await memory_after_close(browser, base, pid)
    times = [o.seconds for o in outcomes if o.seconds is not None]
    problems = [o for o in outcomes if o.problem]
    size = f"{base_rows:,}+ applications each" if base_rows > 40 else "small trackers"
    print(f"N = {users} ({size}): {users - len(problems)} of {users} sessions saw their own figures, with no error")
    if times:
        print(f"  upload -> funnel chart: p50 {statistics.median(times):.2f} s, p95 {percentile(times, 0.95):.2f} s, "
              f"slowest {max(times):.2f} s")  # fmt: skip
    print(f"  server CPU: {server_cpu:.1f} s over {wall:.1f} s of wall time ({server_cpu / users:.2f} s a session; "
          f"the browsers share the same {os.cpu_count()} cores)")  # fmt: skip
    print(f"  server memory: {before:.0f} MiB before, {during:.0f} MiB with every session loaded "
          f"({(during - before) / users:.1f} MiB a session), {after:.0f} MiB once they closed and were dropped "
          f"({after - before:+.0f} MiB)")  # fmt: skip
    for outcome in problems:
        print(f"  session {outcome.number}: {outcome.problem}")
    return not problems


async def main(sessions: list[int], limit: float) -> int:
    with (
        tempfile.TemporaryDirectory() as folder,
        dashboard_server(
            Path(folder) / "streamlit.log", "--server.disconnectedSessionTTL", str(SESSION_TTL_SECONDS)
        ) as base,
    ):
        pid = server_pid(base)
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                await asyncio.wait_for(wave(browser, base, pid, 1), limit)  # warm-up: imports, first figures
                ok = True
                for users in sessions:
                    ok = await asyncio.wait_for(wave(browser, base, pid, users), limit) and ok
                # Big enough that each session's import is tens of MiB: whether closed sessions give it back. Twice:
                # a second wave that grows the server again would be a leak; one that reuses the memory is not.
                for _ in range(2):
                    ok = await asyncio.wait_for(wave(browser, base, pid, BIG_USERS, BIG_ROWS), limit) and ok
            finally:
                await browser.close()
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 20])
    parser.add_argument("--timeout", type=float, default=600, help="seconds a wave may take at most")
    options = parser.parse_args()
    if any(not 1 <= n <= 50 for n in options.sessions):
        parser.error("--sessions: from 1 to 50 each (a bounded load on this machine)")
    sys.exit(asyncio.run(main(options.sessions, options.timeout)))
