"""`applytics summary FILE` and `applytics report FILE -o OUT`: the dashboard's numbers and reports without a server,
through the same pipeline."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from applytics.analytics.asof import as_of, as_of_note
from applytics.analytics.filters import Filters, apply_filters, parse_filter_args
from applytics.analytics.metrics import MetricParams, Rate, funnel, kpis, outcome_counts, resolve_outcomes
from applytics.analytics.pace import DEFAULT_GOAL, GOAL_MAX, GOAL_MIN
from applytics.analytics.reasons import reason_pareto, rejections
from applytics.analytics.segments import segment_rates
from applytics.errors import ImportProblem
from applytics.intake import corrections as mapping_file
from applytics.intake.combine import import_cohort
from applytics.intake.corrections import Corrections
from applytics.intake.guard import DEFAULT_LIMITS, Limits, refuse_oversize_file
from applytics.intake.pipeline import ImportResult, import_tracker
from applytics.present.report import html_report
from applytics.present.workbook import csv_export, excel_report
from applytics.schema import RATE_BY_KEY, RATES
from applytics.text import whole_in_range

LIMITS: Limits = DEFAULT_LIMITS  # the caps the tracker file is read and imported under, as in the app
# --as-of: pandas holds timestamps from 1677-09-21 to 2262-04-11, and the analytics move the as-of date by windows
# of days (the ghost window, up to LAST_GHOST_DAYS; recent-rejection windows). 1900-01-01 .. 2200-12-31 keeps
# every such date more than 50 years inside that range, and no job search is dated before 1900 (the first day
# of Excel's calendar) or planned past 2200.
FIRST_DATE, LAST_DATE = dt.date(1900, 1, 1), dt.date(2200, 12, 31)
FIRST_GHOST_DAYS, LAST_GHOST_DAYS = 1, 3650  # up to ten years of silence (the dashboard offers 7..365)


def segments_summary(rates: pd.DataFrame) -> dict[str, dict[str, dict[str, object]]]:
    """segment -> value -> n, responses, positive and each rate with its interval and verdict."""
    out: dict[str, dict[str, dict[str, object]]] = {}
    for (segment, value), group in rates.groupby(["segment", "value"], sort=False):
        by_metric = {row.metric: row for row in group.itertuples()}
        entry: dict[str, object] = {
            "n": int(by_metric["response"].n),
            "responses": int(by_metric["response"].k),
            "positive": int(by_metric["positive"].k),
            "rates": {
                RATE_BY_KEY[metric].json_name: {
                    "k": int(row.k),
                    "n": int(row.n),
                    "rate": _num(row.rate),
                    "low": _num(row.low),
                    "high": _num(row.high),
                    "p_adjusted": _num(row.p_adjusted),
                    "verdict": row.verdict,
                }
                for metric, row in by_metric.items()
            },
        }
        out.setdefault(str(segment), {})[str(value)] = entry
    return out


def _num(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def summary(result: ImportResult, params: MetricParams, filters: Filters | None = None) -> dict[str, object]:
    """The JSON contract of `applytics summary --json`; `filters` (--filter) narrow the applications counted."""
    resolved = apply_filters(resolve_outcomes(result.normalized.apps, params), filters or Filters())
    rejected = rejections(resolved)
    figures = kpis(resolved)
    stages = funnel(resolved)
    rates: dict[str, Rate] = {rate.json_name: figures.rate(rate.key) for rate in RATES}
    rates["ghosted_share"] = figures.ghosted
    conversions = {
        f"{row.stage}_from_previous": {
            "k": int(row.k),
            "n": int(row.n),
            "rate": _num(row.conversion),
            "low": _num(row.low),
            "high": _num(row.high),
        }
        for row in stages.iloc[1:].itertuples()
    }
    return {
        "file": result.filename,
        "sheet": result.sheet,
        "as_of": params.as_of.isoformat(),
        "ghost_after_days": params.ghost_after_days,
        "applications": figures.applications,
        "outbound": figures.outbound,
        "inbound": figures.inbound,
        "mature": figures.mature,
        "pending": figures.pending,
        "shape": result.mapping.shape,
        "mapping": dict(result.mapping.columns),
        "stage_columns": [{"column": s.header, "stage": s.kind, "cells": s.cells} for s in result.mapping.stages],
        "segment_columns": list(result.mapping.segments),
        "funnel": {row.stage: int(row.reached) for row in stages.itertuples()},
        "conversion": conversions,
        "outcomes": {row.outcome: int(row.count) for row in outcome_counts(resolved).itertuples()},
        "rates": {name: rate.as_dict() for name, rate in rates.items()},
        "segments": segments_summary(segment_rates(resolved)),
        "reasons": {row.category: int(row.count) for row in reason_pareto(rejected).itertuples()},
        "decisions": result.decisions
        + [note for note in [as_of_note(as_of(result.normalized.apps, params.as_of), params.as_of)] if note],
        "uncertain": [item.as_dict() for item in result.uncertain],
        "warnings": result.warnings,
    }


def _percent(rate: dict[str, object]) -> str:
    if not rate["n"]:
        return "n/a (no decided applications yet)"
    return f"{rate['rate']:.0%} ({rate['k']} of {rate['n']}; 95% CI {rate['low']:.0%}–{rate['high']:.0%})"


# C0 controls, DEL and C1 controls (ESC starts a terminal command: clear the screen, set the title, …), the line
# and paragraph separators, and the bidirectional embeddings, overrides and isolates (they reorder what a line
# shows). Cells carry them from the user's file, or from a file someone sent the user.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_BREAKS = frozenset("\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\u2028\u2029")
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")  # json.dumps escapes C0


def printable(text: str) -> str:
    """One line safe to print to a terminal: breaks and tabs become spaces; other controls and bidi overrides
    become "\ufffd", so what was there still shows."""
    return _UNSAFE.sub(lambda found: " " if found[0] in _BREAKS else "\ufffd", text)


def to_json(data: dict[str, object]) -> str:
    """The JSON text, with the characters that could drive a terminal escaped as \\uXXXX (the same data once
    parsed). They can only be inside strings: everything else json.dumps writes is ASCII."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _UNSAFE_IN_JSON.sub(lambda found: f"\\u{ord(found[0]):04x}", text)


def render_text(data: dict[str, object]) -> str:
    lines = [
        f"Applications: {data['applications']} ({data['inbound']} inbound), "
        f"sheet “{data['sheet']}”, shape {data['shape']}",
        f"As of {data['as_of']}, ghosted after {data['ghost_after_days']} silent days; "
        f"{data['pending']} pending left out of the rates",
        "Funnel: " + " → ".join(f"{stage} {count}" for stage, count in data["funnel"].items()),
        "Outcomes: " + ", ".join(f"{name} {count}" for name, count in data["outcomes"].items() if count),
    ]
    lines += [f"{name.replace('_', ' ').capitalize()}: {_percent(rate)}" for name, rate in data["rates"].items()]
    lines += [f"note: {text}" for text in data["decisions"]]
    lines += [f"warning: {text}" for text in data["warnings"]]
    return "\n".join(printable(line) for line in lines)


_NOT_FILES = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def _require_regular_file(mode: int, label: str, what: str, fix: str) -> None:
    if not stat.S_ISREG(mode):
        kind = next((kind for test, kind in _NOT_FILES if test(mode)), "not a regular file")
        raise ImportProblem(f"{label} is {kind}, not {what}.", fix)


def _read(path: Path, label: str, what: str, fix: str, cap: int, oversize: Callable[[int, bool], None]) -> bytes:
    """The bytes of a regular file, checked before any read: its kind (a directory, a FIFO or /dev/zero would block
    or never end) and its size on disk against `cap`; then at most cap + 1 bytes are read, so a file that grows
    or says less than it holds is still bounded. `oversize(size, at_least)` raises the refusal."""
    try:
        before = os.stat(path)
        _require_regular_file(before.st_mode, label, what, fix)
        oversize(before.st_size, False)
        with os.fdopen(os.open(path, _OPEN_FLAGS), "rb") as file:
            found = os.fstat(file.fileno())  # the file opened, should another have replaced it since
            _require_regular_file(found.st_mode, label, what, fix)
            oversize(found.st_size, False)
            chunks, total = [], 0
            while total <= cap and (chunk := file.read(min(1 << 20, cap + 1 - total))):
                chunks.append(chunk)
                total += len(chunk)
    except OSError as exc:
        raise ImportProblem(f"Cannot read {label}: {exc.strerror or exc}.") from None
    if total > cap:
        oversize(total, True)
    return b"".join(chunks)


def read_tracker(path: Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    return _read(
        path,
        f"“{path}”",
        "a tracker file",
        "Give the path of the tracker itself (.xlsx, .ods or .csv).",
        limits.max_bytes,
        lambda size, at_least: refuse_oversize_file(size, str(path), limits, at_least),
    )


def mapping_label(path: Path) -> str:
    return f"mapping file {path.name}"


def read_mapping(path: Path) -> Corrections:
    label = mapping_label(path)
    data = _read(
        path,
        label,
        "a file",
        "Give the path of the .json Applytics saved from the Data page (“Download corrections”).",
        mapping_file.MAX_FILE_BYTES,
        lambda size, at_least: mapping_file.refuse_oversize(size, label, at_least),
    )
    return Corrections.from_json(data, label)


def _date(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got “{printable(text)}”") from None
    if not FIRST_DATE <= day <= LAST_DATE:
        raise argparse.ArgumentTypeError(
            f"{day.isoformat()} is outside the dates Applytics computes with; "
            f"use a date from {FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()}"
        )
    return day


def _html(
    result: ImportResult, params: MetricParams, *, resolved: pd.DataFrame | None = None, goal: int = DEFAULT_GOAL
) -> bytes:
    return html_report(result, params, resolved=resolved, goal=goal).encode("utf-8")


def _goal(text: str) -> int:
    if not whole_in_range(text, GOAL_MIN, GOAL_MAX):
        raise argparse.ArgumentTypeError(
            f"expected a whole number from {GOAL_MIN} to {GOAL_MAX}, got “{printable(text)}”"
        )
    return int(text.strip())


# -o's suffix -> what is written (for the closing line) and how it is built (each takes resolved=, the frame shown)
REPORTS: dict[str, tuple[str, Callable[..., bytes]]] = {
    ".html": ("the HTML report", _html),
    ".xlsx": ("the Excel report", excel_report),
    ".csv": ("the cleaned data as CSV", csv_export),
}


def _tracker_options() -> argparse.ArgumentParser:
    """The options every command shares: which file, which sheet, as of when, and the user's corrections."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "file", type=Path, nargs="+", help="the tracker; several files are read as a cohort, one candidate each"
    )
    options.add_argument("--sheet", help="sheet to read (default: the one that looks like a tracker)")
    options.add_argument("--as-of", type=_date, default=dt.date.today(), help="YYYY-MM-DD (default: today)")
    options.add_argument("--ghost-after-days", type=int, default=30, help="silent days before 'ghosted'")
    options.add_argument("--mapping", type=Path, help="corrections saved from the Data page (.json)")
    options.add_argument(
        "--filter",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="keep only some applications, as the dashboard's filters do; KEY is applied_from or applied_to "
        "(YYYY-MM-DD, on the day), source, role or candidate; repeat it (the same key twice keeps either value)",
    )
    return options


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="applytics", description="Job-search tracker analytics.")
    commands = parser.add_subparsers(dest="command", required=True)
    shared = _tracker_options()
    summary_parser = commands.add_parser(
        "summary", parents=[shared], help="print the funnel and rates of a tracker file"
    )
    summary_parser.add_argument("--json", action="store_true", help="print one JSON object")
    report_parser = commands.add_parser(
        "report", parents=[shared], help="write the dashboard as an HTML report, an Excel workbook or a CSV file"
    )
    report_parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="the file to write; its suffix picks the format: .html (every page, charts included, opens offline), "
        ".xlsx (metric tables, charts and the cleaned data) or .csv (the cleaned data)",
    )
    report_parser.add_argument(
        "--goal",
        type=_goal,
        default=DEFAULT_GOAL,
        help=f"weekly application goal the reports' Pace section and sheet measure against (default {DEFAULT_GOAL})",
    )
    return parser


def output_problem(output: Path, inputs: list[Path]) -> str | None:
    """Why `output` cannot be written to, before anything is read: a suffix that names no format, a directory, or
    one of the command's own input files (never overwritten, whatever path names it)."""
    if output.suffix.lower() not in REPORTS:
        known = ", ".join(REPORTS)
        return f"cannot tell the report format from “{output.name}”: give -o a path ending in {known}"
    if output.is_dir():
        return f"-o “{output}” is a directory; give the path of the file to write, e.g. {output / 'report.html'}"
    for given in inputs:
        if _same_file(output, given):
            return (
                f"-o “{output}” is the input file {given.name}; a report never overwrites its input: "
                "choose another path"
            )
    return None


def _same_file(one: Path, other: Path) -> bool:
    try:
        if one.exists() and other.exists():
            return os.path.samefile(one, other)
        return one.resolve() == other.resolve()
    except OSError:  # unreadable or a symlink loop: the write itself will say what is wrong
        return False


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it over `path`: a reader never sees half a file,
    and a failed write leaves whatever was there. The file gets the usual permissions (0666 less the umask)."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name[:64]}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    current = os.umask(0o077)
    os.umask(current)
    return current


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 100_000 else f"{count / 1e3:.1f} kB"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not FIRST_GHOST_DAYS <= args.ghost_after_days <= LAST_GHOST_DAYS:
        print(
            f"applytics: --ghost-after-days must be from {FIRST_GHOST_DAYS} to {LAST_GHOST_DAYS:,} days "
            f"(ten years), not {args.ghost_after_days:,}",
            file=sys.stderr,
        )
        return 2
    if len(args.file) > 1 and args.sheet:
        print("applytics: --sheet names one sheet of one file; a cohort of files uses each file's own", file=sys.stderr)
        return 2
    if args.command == "report":
        inputs = [*args.file] + ([args.mapping] if args.mapping is not None else [])
        problem = output_problem(args.output, inputs)
        if problem:
            print(f"applytics: {printable(problem)}", file=sys.stderr)
            return 2
    try:
        filters = parse_filter_args(args.filter)
    except ImportProblem as problem:
        print(f"applytics: {printable(problem.message)}", file=sys.stderr)
        return 2
    corrections = None
    if args.mapping is not None:  # read first, so a problem with it is never put down to the tracker
        try:
            corrections = read_mapping(args.mapping)
        except ImportProblem as problem:
            return _fail(problem.message)
        except Exception as exc:  # a bug, but the user still gets one line naming the file it came from
            return _fail(f"unexpected {type(exc).__name__} while reading {mapping_label(args.mapping)}: {exc}")
    names = ", ".join(path.name for path in args.file)
    try:
        if len(args.file) > 1:
            files = [(path.name, read_tracker(path, LIMITS)) for path in args.file]
            result = import_cohort(files, corrections=corrections, limits=LIMITS)
        else:
            data = read_tracker(args.file[0], LIMITS)
            name = args.file[0].name
            result = import_tracker(data, name, sheet=args.sheet, corrections=corrections, limits=LIMITS)
        params = MetricParams(args.as_of, args.ghost_after_days)
        if args.command == "summary":
            figures = summary(result, params, filters)
        else:
            kind, build = REPORTS[args.output.suffix.lower()]
            extra = {"goal": args.goal} if build in (_html, excel_report) else {}
            if filters.active:
                resolved = apply_filters(resolve_outcomes(result.normalized.apps, params), filters)
                content = build(result, params, resolved=resolved, **extra)
            else:
                content = build(result, params, **extra)
    except ImportProblem as problem:
        return _fail(problem.message)
    except Exception as exc:  # a bug, but the user still gets one line, not a traceback
        return _fail(f"unexpected {type(exc).__name__} while reading {names}: {exc}")
    if args.command == "summary":
        print(to_json(figures) if args.json else render_text(figures))
        return 0
    try:
        write_atomically(args.output, content)
    except OSError as exc:
        return _fail(f"Cannot write “{args.output}”: {exc.strerror or exc}.")
    print(printable(f"Wrote {kind} to {args.output} ({_size(len(content))})."))
    return 0


def _fail(message: str) -> int:
    """One line on stderr: the message may quote cells and file names, so it is made printable too."""
    print(f"applytics: {printable(message)}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
