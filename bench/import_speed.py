"""Import of a 10k-row tracker vs a bare pandas.read_excel(engine="calamine") of the same file, side by side.

Run: .venv/bin/python bench/import_speed.py [--rows N] [--repeat K]
Prints medians and the ratio (pipeline / bare read); both are measured in this one run, interleaved.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import statistics
import time
import tracemalloc

import openpyxl
import pandas as pd

from applytics.intake.pipeline import import_tracker

STATUSES = ["Applied", "Rejected", "No Response", "Phone Screen", "Interviewing", "Offer", "Withdrawn", "Ghosted"]
SOURCES = ["LinkedIn", "Indeed", "Referral", "Company site", "Recruiter", "Glassdoor"]


def make_workbook(rows: int) -> bytes:
    rng = random.Random(7)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Applications")
    sheet.append(["Company", "Role", "Date Applied", "Status", "Source", "Location", "Resume Version", "Notes"])
    start = dt.date(2025, 1, 1)
    for i in range(rows):
        sheet.append(
            [
                f"Company {rng.randrange(3000)}",
                rng.choice(["Data Analyst", "BI Developer", "Data Engineer", "Analytics Engineer"]),
                start + dt.timedelta(days=rng.randrange(600)),
                rng.choice(STATUSES),
                rng.choice(SOURCES),
                rng.choice(["London", "Paris", "Berlin", "Remote"]),
                rng.choice(["v1", "v2"]),
                f"note {i}" if i % 3 == 0 else None,
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def bare_read(data: bytes) -> object:
    return pd.read_excel(io.BytesIO(data), engine="calamine")


def pipeline(data: bytes) -> object:
    return import_tracker(data, "bench.xlsx")


def timed(func, data: bytes) -> float:  # noqa: ANN001
    start = time.perf_counter()
    func(data)
    return time.perf_counter() - start


def peak_memory(func, data: bytes) -> int:  # noqa: ANN001
    tracemalloc.start()
    func(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    data = make_workbook(args.rows)
    result = import_tracker(data, "bench.xlsx")
    assert len(result.normalized.apps) == args.rows, "the pipeline must keep every row"
    bare_read(data)  # warm both paths once
    times: dict[str, list[float]] = {"bare": [], "pipeline": []}
    for _ in range(args.repeat):  # interleaved, so both see the same machine state
        times["bare"].append(timed(bare_read, data))
        times["pipeline"].append(timed(pipeline, data))
    bare, full = statistics.median(times["bare"]), statistics.median(times["pipeline"])
    bare_mem, full_mem = peak_memory(bare_read, data), peak_memory(pipeline, data)
    print(f"workbook: {args.rows:,} rows x 8 columns, {len(data) / 1e6:.2f} MB; {args.repeat} interleaved runs")
    print(
        f"pd.read_excel(engine='calamine'): median {bare * 1000:8.1f} ms   peak Python memory {bare_mem / 1e6:6.1f} MB"
    )
    print(
        f"applytics import_tracker:         median {full * 1000:8.1f} ms   peak Python memory {full_mem / 1e6:6.1f} MB"
    )
    print(f"ratio pipeline / bare read: time {full / bare:.2f}x, memory {full_mem / bare_mem:.2f}x")


if __name__ == "__main__":
    main()
