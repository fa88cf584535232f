"""The speed and memory targets of issue 12 that run without a browser, measured side by side in one run.

Run: make bench   (or .venv/bin/python bench/targets.py [--repeat K] [--rows-large N])

Each row times Applytics against the bare pandas read of the same file, interleaved (bare, ours, bare, ours, ...)
so both see the same machine state, and takes the medians. Memory rows run in child processes, each reading the
peak resident size the kernel reports (VmHWM) over its own start. Prints every figure, the ratio and the target,
and exits 1 when a target is missed. The trackers are generated here (seeded), messy as real ones are: statuses
spelled several ways, dates in several formats, blank rows, extra columns.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

import openpyxl
import pandas as pd

from applytics.analytics.metrics import MetricParams
from applytics.intake.pipeline import import_tracker
from applytics.present.report import html_report

AS_OF = dt.date(2026, 11, 20)
_FIGURES = re.compile(r'<script type="application/json" id="applytics-figures">(.*?)</script>', re.S)
# What a page run imports on top of streamlit, pandas and plotly: the project's own modules and what they pull in
# (run from the project root, where app.py finds ui/ the same way).
_IMPORTS = """
import time
start = time.perf_counter()
import streamlit, pandas, plotly.graph_objects
base = time.perf_counter()
import ui.dashboard, ui.filters, ui.live, ui.shared, ui.editors, ui.settings
import applytics.cli, applytics.analytics.insights, applytics.analytics.timeline, applytics.analytics.cohort
import applytics.analytics.actions, applytics.present.report, applytics.present.workbook, applytics.present.calendar
print(base - start, time.perf_counter() - base)  # the second: the project's own
"""

STATUSES = ["Applied", "applied", "Rejected", "rejected ", "No response", "Phone screen", "Interviewing",
            "1st interview", "Offer", "Withdrawn", "Ghosted", "Declined"]  # fmt: skip
SOURCES = ["LinkedIn", "linkedin", "Indeed", "Referral", "Company site", "Recruiter", "Glassdoor"]
HEADER = ["Company", "Role", "Date Applied", "Status", "Source", "Location", "Resume Version", "Salary", "Notes",
          "Contact", "Link"]  # fmt: skip


def tracker_rows(rows: int, text_dates: bool) -> list[list[object]]:
    """`rows` applications and a blank row every 5,000; dates as date cells (xlsx) or text in three formats (csv)."""
    rng = random.Random(rows)
    start = dt.date(2025, 1, 1)
    out: list[list[object]] = [HEADER]
    for i in range(rows):
        day = start + dt.timedelta(days=rng.randrange(600))
        shown: object = day
        if text_dates:
            shown = (day.isoformat(), f"{day.day:02d}/{day.month:02d}/{day.year}", f"{day:%d %b %Y}")[i % 3]
        out.append(
            [
                f"Company {rng.randrange(3000)}",
                rng.choice(["Data Analyst", "BI Developer", "Data Engineer", "Analytics Engineer", "Sr. Data Analyst"]),
                shown,
                rng.choice(STATUSES),
                rng.choice(SOURCES),
                rng.choice(["London", "Paris", "Berlin", "Remote", None]),
                rng.choice(["v1", "v2", "v3"]),
                rng.randrange(40, 120) * 1000,
                f"Spoke to recruiter {i}" if i % 4 == 0 else None,
                f"person{i % 700}@example.com" if i % 5 == 0 else None,
                f"https://jobs.example.com/{i}" if i % 2 == 0 else None,
            ]
        )
        if i % 5000 == 4999:
            out.append([None] * len(HEADER))
    return out


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Applications")
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list[object]]) -> bytes:
    frame = pd.DataFrame(rows[1:], columns=rows[0])
    return frame.to_csv(index=False).encode("utf-8")


def bare_read(data: bytes, kind: str) -> pd.DataFrame:
    if kind == "csv":
        return pd.read_csv(io.BytesIO(data))
    return pd.read_excel(io.BytesIO(data), engine="calamine")


def median_seconds(funcs: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    for func in funcs.values():
        func()  # warm
    times: dict[str, list[float]] = {name: [] for name in funcs}
    for _ in range(repeat):
        for name, func in funcs.items():
            started = time.perf_counter()
            func()
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in times.items()}


_CHILD = r"""
import io, json, sys
import pandas as pd
from applytics.intake.pipeline import import_tracker
def status():
    with open("/proc/self/status") as f:
        fields = dict(line.split(":", 1) for line in f if ":" in line)
    return {k: int(fields[k].split()[0]) * 1024 for k in ("VmRSS", "VmHWM")}
path, kind, what = sys.argv[1:4]
data = open(path, "rb").read()
import_tracker(b"Company,Role,Status\nAcme,Analyst,Applied\n", "warm.csv")  # modules loaded, not this file's pools
pd.read_csv(io.BytesIO(b"a,b\n1,2\n")); pd.read_excel  # the bare readers' modules too
open("/proc/self/clear_refs", "w").write("5")
before = status()["VmRSS"]
if what == "import":
    frame = import_tracker(data, "bench." + kind).normalized.apps
else:
    frame = pd.read_csv(io.BytesIO(data)) if kind == "csv" else pd.read_excel(io.BytesIO(data), engine="calamine")
after = status()
print(json.dumps({"peak": after["VmHWM"] - before, "frame": int(frame.memory_usage(deep=True).sum())}))
"""


def child_memory(path: str, kind: str, what: str) -> dict[str, int]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, path, kind, what], capture_output=True, text=True, check=True, timeout=600
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@dataclass(frozen=True)
class Row:
    what: str
    ours: str
    bare: str
    ratio: float
    target: float

    @property
    def met(self) -> bool:
        return self.ratio <= self.target


def figure_bytes(report: str) -> int:
    found = _FIGURES.search(report)
    assert found, "the HTML report carries its figures as one JSON script"
    return len(found.group(1).encode())


def page_rows(large_file: bytes, large: int, repeat: int) -> list[Row]:
    """Every page's results and figures (the HTML report computes exactly those, once each) against the bare read
    of the same file; and the figures' bytes at 1,000 rows against 100,000 (charts get aggregates, never rows)."""
    params = MetricParams(AS_OF)
    result = import_tracker(large_file, "bench.xlsx")
    times = median_seconds(
        {"bare": lambda: bare_read(large_file, "xlsx"), "ours": lambda: html_report(result, params)}, repeat
    )
    small_file = xlsx_bytes(tracker_rows(1_000, text_dates=False))
    small = figure_bytes(html_report(import_tracker(small_file, "small.xlsx"), params))
    big = figure_bytes(html_report(result, params))
    return [
        Row(
            f"every page's results + figures (html_report) / bare read, {large:,}-row xlsx",
            f"{times['ours'] * 1000:,.0f} ms",
            f"{times['bare'] * 1000:,.0f} ms",
            times["ours"] / times["bare"],
            0.5,
        ),
        Row(
            f"figure payload, {large:,} rows / 1,000 rows (every page's figures as JSON)",
            f"{big / 1024:,.0f} KiB",
            f"{small / 1024:,.0f} KiB",
            big / small,
            1.5,
        ),
    ]


FILED_IMPORT_SECONDS = 2.39  # issue 12, at filing: the project's modules on top of streamlit + pandas + plotly


def import_time_row(repeat: int) -> Row:
    """The project's modules' import time on top of streamlit + pandas + plotly, in fresh interpreters (medians),
    against the issue's filing figure on this machine: the target is 0.3x of what it was then."""
    extra = []
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", _IMPORTS], capture_output=True, text=True, check=True, cwd=root)
        extra.append(float(out.stdout.split()[1]))
    ours = statistics.median(extra)
    return Row(
        "project modules' import time (on top of streamlit + pandas + plotly) / at filing",
        f"{ours * 1000:,.0f} ms",
        f"{FILED_IMPORT_SECONDS * 1000:,.0f} ms",
        ours / FILED_IMPORT_SECONDS,
        0.3,
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rows-large", type=int, default=100_000)
    args = parser.parse_args()
    large = args.rows_large
    files = {
        ("xlsx", 10_000): xlsx_bytes(tracker_rows(10_000, text_dates=False)),
        ("xlsx", large): xlsx_bytes(tracker_rows(large, text_dates=False)),
        ("csv", large): csv_bytes(tracker_rows(large, text_dates=True)),
    }
    rows: list[Row] = []
    for (kind, count), data in files.items():
        result = import_tracker(data, f"bench.{kind}")
        assert len(result.normalized.apps) == count, f"{kind} {count}: every application must be kept"
        times = median_seconds(
            {
                "bare": lambda d=data, k=kind: bare_read(d, k),
                "ours": lambda d=data, k=kind: import_tracker(d, f"b.{k}"),
            },
            args.repeat,
        )
        target = {("xlsx", 10_000): 1.5, ("xlsx", large): 1.3, ("csv", large): 10.0}[(kind, count)]
        bare_name = "pd.read_csv" if kind == "csv" else "pd.read_excel(calamine)"
        rows.append(
            Row(
                f"{kind} import / {bare_name}, {count:,} rows ({len(data) / 1e6:.1f} MB)",
                f"{times['ours'] * 1000:,.0f} ms",
                f"{times['bare'] * 1000:,.0f} ms",
                times["ours"] / times["bare"],
                target,
            )
        )
    path = f"/tmp/applytics-bench-{os.getpid()}.xlsx"
    with open(path, "wb") as out:
        out.write(files[("xlsx", large)])
    try:
        ours, bare = child_memory(path, "xlsx", "import"), child_memory(path, "xlsx", "bare")
    finally:
        os.remove(path)
    mib = 1024 * 1024
    rows.append(
        Row(
            f"peak RSS of the import / canonical frame, {large:,}-row xlsx",
            f"{ours['peak'] / mib:,.0f} MiB",
            f"{ours['frame'] / mib:,.0f} MiB",
            ours["peak"] / ours["frame"],
            3.0,
        )
    )
    rows.append(
        Row(
            f"canonical frame / pandas' own read of the file, {large:,}-row xlsx",
            f"{ours['frame'] / mib:,.0f} MiB",
            f"{bare['frame'] / mib:,.0f} MiB",
            ours["frame"] / bare["frame"],
            2.0,
        )
    )
    rows.extend(page_rows(files[("xlsx", large)], large, args.repeat))
    rows.append(import_time_row(args.repeat))
    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, pandas {pd.__version__}"
    )
    print(f"Applytics benchmark, {dt.date.today().isoformat()}, {machine}; medians of {args.repeat}, interleaved")
    width = max(len(r.what) for r in rows)
    for r in rows:
        verdict = "met" if r.met else "MISSED"
        print(f"{r.what:<{width}}  {r.ours:>10} vs {r.bare:>10}  {r.ratio:6.2f}x  target <= {r.target:g}x  {verdict}")
    missed = [r for r in rows if not r.met]
    print(f"{len(rows) - len(missed)} of {len(rows)} targets met.")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
