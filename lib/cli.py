"""`applytics summary FILE`: the dashboard's numbers without a server, through the same pipeline."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from lib.errors import ImportProblem
from lib.metrics import MetricParams, Rate, funnel, kpis, outcome_counts, resolve_outcomes
from lib.pipeline import ImportResult, import_tracker


def summary(result: ImportResult, params: MetricParams) -> dict[str, object]:
    """The JSON contract of `applytics summary --json`."""
    resolved = resolve_outcomes(result.normalized.apps, params)
    figures = kpis(resolved)
    stages = funnel(resolved)
    rates: dict[str, Rate] = {
        "response_rate": figures.response_rate,
        "positive_response_rate": figures.positive_rate,
        "interview_rate": figures.interview_rate,
        "offer_rate": figures.offer_rate,
        "ghosted_share": figures.ghosted,
    }
    conversions = {
        f"{row.stage}_from_previous": {"k": row.k, "n": row.n, "rate": row.conversion, "low": row.low, "high": row.high}
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
        "funnel": {row.stage: int(row.reached) for row in stages.itertuples()},
        "conversion": conversions,
        "outcomes": {row.outcome: int(row.count) for row in outcome_counts(resolved).itertuples()},
        "rates": {name: rate.as_dict() for name, rate in rates.items()},
        "decisions": result.decisions,
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
    summary_parser.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.ghost_after_days < 1:
        print("applytics: --ghost-after-days must be at least 1", file=sys.stderr)
        return 2
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        print(f"applytics: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    try:
        result = import_tracker(data, args.file.name, sheet=args.sheet)
    except ImportProblem as problem:
        print(f"applytics: {problem.message}", file=sys.stderr)
        return 1
    figures = summary(result, MetricParams(args.as_of, args.ghost_after_days))
    print(json.dumps(figures, ensure_ascii=False, indent=2) if args.json else render_text(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
