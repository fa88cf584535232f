"""`applytics summary FILE`: the dashboard's numbers without a server, through the same pipeline."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

import pandas as pd

from applytics.analytics.metrics import MetricParams, Rate, funnel, kpis, outcome_counts, resolve_outcomes
from applytics.analytics.reasons import reason_pareto, rejections
from applytics.analytics.segments import segment_rates
from applytics.errors import ImportProblem
from applytics.intake.corrections import Corrections
from applytics.intake.pipeline import ImportResult, import_tracker
from applytics.schema import RATE_BY_KEY, RATES


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


def summary(result: ImportResult, params: MetricParams) -> dict[str, object]:
    """The JSON contract of `applytics summary --json`."""
    resolved = resolve_outcomes(result.normalized.apps, params)
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
        "decisions": result.decisions,
        "uncertain": [item.as_dict() for item in result.uncertain],
        "warnings": result.warnings,
    }


def _percent(rate: dict[str, object]) -> str:
    if not rate["n"]:
        return "n/a (no decided applications yet)"
    return f"{rate['rate']:.0%} ({rate['k']} of {rate['n']}; 95% CI {rate['low']:.0%}–{rate['high']:.0%})"


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
    return "\n".join(lines)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportProblem(f"Cannot read {path}: {exc.strerror or exc}.") from None


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got “{text}”") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="applytics", description="Job-search tracker analytics.")
    commands = parser.add_subparsers(dest="command", required=True)
    summary_parser = commands.add_parser("summary", help="print the funnel and rates of a tracker file")
    summary_parser.add_argument("file", type=Path)
    summary_parser.add_argument("--sheet", help="sheet to read (default: the one that looks like a tracker)")
    summary_parser.add_argument("--as-of", type=_date, default=dt.date.today(), help="YYYY-MM-DD (default: today)")
    summary_parser.add_argument("--ghost-after-days", type=int, default=30, help="silent days before 'ghosted'")
    summary_parser.add_argument("--mapping", type=Path, help="corrections saved from the Data page (.json)")
    summary_parser.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.ghost_after_days < 1:
        print("applytics: --ghost-after-days must be at least 1", file=sys.stderr)
        return 2
    try:
        data = _read(args.file)
        corrections = None
        if args.mapping is not None:
            corrections = Corrections.from_json(_read(args.mapping), f"mapping file {args.mapping.name}")
        result = import_tracker(data, args.file.name, sheet=args.sheet, corrections=corrections)
        figures = summary(result, MetricParams(args.as_of, args.ghost_after_days))
    except ImportProblem as problem:
        print(f"applytics: {problem.message}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug, but the user still gets one line, not a traceback
        print(f"applytics: unexpected {type(exc).__name__} while reading {args.file.name}: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(figures, ensure_ascii=False, indent=2) if args.json else render_text(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
