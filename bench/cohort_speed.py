"""How long the Cohort page's figures take on a coach's tracker of 50 candidates and 20,000 applications.

Run: .venv/bin/python bench/cohort_speed.py [--candidates N] [--rows N] [--repeat K]
The tracker is generated from a fixed seed (the same file every run) as CSV bytes with a Candidate column and
built through the real pipeline (import_tracker, resolve_outcomes). Printed: the median of K runs of
cohort_table + cohort_funnels + cohort_funnels_chart, and its ratio to the median of `kpis` on the whole frame.
It also reads the same applications as one file per candidate (a coach's upload of 50 files, intake.combine)
and prints that import beside the one-file import, with both canonical frames checked equal.
It prints, never asserts: a timing depends on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from collections.abc import Callable

from applytics.analytics.cohort import cohort_funnels, cohort_table
from applytics.analytics.metrics import MetricParams, kpis, resolve_outcomes
from applytics.analytics.pace import DEFAULT_GOAL
from applytics.intake.combine import import_cohort
from applytics.intake.pipeline import import_tracker
from applytics.present.charts import cohort_funnels_chart

AS_OF = dt.date(2026, 11, 20)
SEED = 11
STATUSES = (
    ("Applied", 40), ("No response", 20), ("Rejected", 20), ("Phone screen", 8), ("Interviewing", 6),
    ("Rejected after interview", 4), ("Offer", 1), ("Withdrawn", 1),
)  # fmt: skip
SOURCES = ("LinkedIn", "Indeed", "Referral", "Company site", "Recruiter")


def tracker_csv(candidates: int, rows: int, seed: int = SEED) -> bytes:
    """A deterministic coach's tracker: each row a candidate, an application date in the 26 weeks before AS_OF,
    a status drawn with the weights above and, for a reply, a response date 1-30 days later."""
    rng = random.Random(seed)
    words, weights = zip(*STATUSES, strict=True)
    lines = ["Candidate,Company,Role,Date Applied,Status,Source,Response Date"]
    for number in range(rows):
        applied = AS_OF - dt.timedelta(days=rng.randrange(0, 182))
        status = rng.choices(words, weights)[0]
        replied = status not in ("Applied", "No response", "Withdrawn")
        answer = min(applied + dt.timedelta(days=rng.randint(1, 30)), AS_OF) if replied else None
        lines.append(
            f"Candidate {rng.randrange(candidates):02d},Company {number % 997},Analyst {number % 13},"
            f"{applied.isoformat()},{status},{rng.choice(SOURCES)},{answer.isoformat() if answer else ''}"
        )
    return ("\r\n".join(lines) + "\r\n").encode()


def files_per_candidate(data: bytes) -> list[tuple[str, bytes]]:
    """The one-file tracker cut into one CSV per candidate, the Candidate column left out (the file names it)."""
    header, *rows = data.decode().splitlines()
    by_name: dict[str, list[str]] = {}
    for row in rows:
        name, rest = row.split(",", 1)
        by_name.setdefault(name, []).append(rest)
    head = header.split(",", 1)[1]
    return [(f"{name}.csv", ("\r\n".join([head, *lines]) + "\r\n").encode()) for name, lines in sorted(by_name.items())]


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=50)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    params = MetricParams(as_of=AS_OF)
    data = tracker_csv(options.candidates, options.rows)
    start = time.perf_counter()
    resolved = resolve_outcomes(import_tracker(data, "cohort.csv").normalized.apps, params)
    print(f"tracker: {len(resolved):,} applications, {resolved['candidate'].nunique():,} candidates, "
          f"{len(data) / 1e6:.1f} MB CSV, imported and resolved in {time.perf_counter() - start:.2f} s")  # fmt: skip

    def cohort() -> object:
        table = cohort_table(resolved, params, DEFAULT_GOAL)
        return table, cohort_funnels_chart(cohort_funnels(resolved))

    cohort()  # warm-up: first-call imports and plotly's validators
    kpis(resolved)
    parts = {
        "cohort_table": lambda: cohort_table(resolved, params, DEFAULT_GOAL),
        "cohort_funnels": lambda: cohort_funnels(resolved),
        "cohort_funnels_chart": lambda: cohort_funnels_chart(cohort_funnels(resolved)),
    }
    for name, run in parts.items():
        print(f"  {name:<22} {median_seconds(run, options.repeat) * 1000:8.1f} ms")
    together = median_seconds(cohort, options.repeat)
    whole = median_seconds(lambda: kpis(resolved), options.repeat)
    print(f"cohort (table + funnels + chart): {together * 1000:.1f} ms, median of {options.repeat}")
    print(f"kpis on the whole frame:          {whole * 1000:.1f} ms, median of {options.repeat}")
    print(f"ratio: {together / whole:.1f}x")

    files = files_per_candidate(data)
    one_file = median_seconds(lambda: import_tracker(data, "cohort.csv"), options.repeat)
    many = median_seconds(lambda: import_cohort(files), options.repeat)
    combined = resolve_outcomes(import_cohort(files).normalized.apps, params)
    same = sorted(map(tuple, combined[["candidate", "company", "outcome"]].astype(str).to_numpy())) == sorted(
        map(tuple, resolved[["candidate", "company", "outcome"]].astype(str).to_numpy())
    )
    print(f"import of one file: {one_file * 1000:.0f} ms; of {len(files)} files, one per candidate: "
          f"{many * 1000:.0f} ms ({many / one_file:.1f}x); the same applications: {same}")  # fmt: skip


if __name__ == "__main__":
    main()
