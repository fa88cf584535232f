"""The whole dashboard as one self-contained HTML file: every page's charts with their readings and key tables.

The file makes no network request: plotly.js is embedded once, the figures travel as JSON in the page, fonts are
the system's, and a Content-Security-Policy allows inline script and style only. Every string from the user's
file is escaped with html.escape (the chart labels are escaped once more inside the figures, by `charts.chart`).
It prints one page section per dashboard page. Same input, same bytes: the only date it states is the as-of date.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import plotly.offline

from applytics.analytics.cohort import COHORT_RATES, cohort_funnels, cohort_table, is_cohort, unnamed
from applytics.analytics.insights import BENCHMARKS, insights
from applytics.analytics.metrics import Kpis, MetricParams, Rate, funnel, kpis, outcome_counts, sankey_links
from applytics.analytics.pace import DEFAULT_GOAL, daily_counts, pace_summary
from applytics.analytics.reasons import feedback_loop, feedback_requests, reason_pareto, rejections, rejections_by_stage
from applytics.analytics.segments import MIN_SEGMENT, segment_columns, segment_label, segment_rates, stage_heat
from applytics.analytics.timeline import ghosting_by_source, response_times, stage_durations
from applytics.intake.pipeline import ImportResult
from applytics.intake.vocabulary import CATEGORY_LABELS
from applytics.present.charts import (
    OUTCOME_COLOURS,
    activity_calendar_chart,
    cohort_funnels_chart,
    count_bar_chart,
    funnel_chart,
    pareto_chart,
    rate_bar_chart,
    response_curve_chart,
    sankey_chart,
    segment_heat_chart,
    segment_interval_chart,
    weekly_pace_chart,
)
from applytics.present.readings import (
    current_pace_reading,
    days_or_not_reached,
    funnel_reading,
    ghosting_reading,
    kpi_reading,
    left_out_reading,
    pace_reading,
    projection_reading,
    reasons_reading,
    rejection_stage_reading,
    response_time_left_out,
    response_time_reading,
    sankey_reading,
    segment_difference_readings,
    weeks_text,
)
from applytics.present.workbook import resolved_of
from applytics.schema import OUTCOME_LABELS, RATE_BY_KEY, STAGE_LABELS

DEFAULT_TITLE = "Applytics report"
SECTIONS = (
    ("overview", "Overview"),
    ("conversion", "Conversion"),
    ("timing", "Timing"),
    ("pace", "Pace"),
    ("rejections", "Rejections"),
    ("insights", "Insights"),
    ("data", "Data"),
)
CHART_WIDTH = 680  # px: fits the printable width of A4 (186 mm) and Letter (192 mm) at 12 mm margins
MAX_TABLE_ROWS = 200  # a long list (rows left out, reasons as written) is cut here, saying how many more
CONVERSION_METRIC = "response"  # the Conversion page's default rate
HEAT_READING = (
    "Each cell: of the applications that reached the earlier stage and were decided, how many moved on (k/n)."
)
# Inline script and style only: nothing is fetched, framed, submitted or connected to.
CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "connect-src 'none'; base-uri 'none'; form-action 'none'"
)
PLOT_CONFIG = {"displayModeBar": False, "displaylogo": False, "responsive": False, "showLink": False}

STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 760px; padding: 24px 20px 48px; color: #1f2328; background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 22px; margin: 0 0 8px; padding-top: 12px; border-top: 2px solid #0072B2; }
h3 { font-size: 17px; margin: 22px 0 6px; }
h4 { font-size: 15px; margin: 16px 0 4px; }
section { margin-top: 36px; }
.generated, .caption { color: #57606a; font-size: 13px; }
.reading { background: #f2f6fa; border-left: 4px solid #56B4E9; padding: 6px 10px; margin: 6px 0 12px; }
.note { background: #fff8e5; border-left: 4px solid #E69F00; padding: 6px 10px; margin: 6px 0; }
.chart { width: 680px; max-width: 100%; margin: 8px 0; overflow: hidden; }
table { border-collapse: collapse; margin: 8px 0 14px; font-size: 13px; width: 100%; }
th, td { border-bottom: 1px solid #d0d7de; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
nav ol { columns: 3; margin: 8px 0 0; padding-left: 20px; }
nav a { color: #0b5cad; }
ol.insights > li { margin-bottom: 10px; }
footer { margin-top: 40px; color: #57606a; font-size: 12px; }
@page { margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 12px; }
  nav { display: none; }
  section { margin-top: 0; }
  section + section { break-before: page; }
  .chart, table, .reading, h3, h4 { break-inside: avoid; }
  h3, h4 { break-after: avoid; }
}
"""

SCRIPT = """
(function () {
  "use strict";
  var figures = JSON.parse(document.getElementById("applytics-figures").textContent);
  var config = %s;
  var drawn = Object.keys(figures).map(function (id) {
    var target = document.getElementById(id);
    return target ? Plotly.newPlot(target, figures[id].data, figures[id].layout, config) : null;
  });
  Promise.all(drawn).then(function () { document.documentElement.setAttribute("data-charts", "drawn"); });
})();
"""


def escape(value: object) -> str:
    """Any value as HTML text: quotes too, since the same helper fills attribute values."""
    return html.escape(str(value), quote=True)


# ---------------------------------------------------------------- building blocks


@dataclass
class _Page:
    """The figures of the report, in the order their divs appear: div id -> figure JSON."""

    figures: dict[str, str] = field(default_factory=dict)

    def chart(self, name: str, figure: go.Figure, label: str) -> str:
        """A figure's div; `name` is the report's own id (never user text), `label` its accessible name."""
        chart_id = f"chart-{name}"
        if chart_id in self.figures:
            raise ValueError(f"two charts named {name}")
        figure.update_layout(width=CHART_WIDTH, autosize=False)
        self.figures[chart_id] = _figure_json(figure)
        return f'<div class="chart" id="{chart_id}" role="img" aria-label="{escape(label)}"></div>'


def _figure_json(figure: go.Figure) -> str:
    """The figure as JSON that is safe inside a <script> element: plotly's writer already escapes < > /; & and the
    two line separators are escaped too, so no text can end the element or be read as markup."""
    text = pio.to_json(figure, validate=False, engine="json")
    return text.replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _p(text: str, kind: str | None = None) -> str:
    css = f' class="{kind}"' if kind else ""
    return f"<p{css}>{escape(text)}</p>"


def _reading(text: str) -> str:
    return _p(text, "reading")


def _list(items: Iterable[str], kind: str = "ul") -> str:
    lines = "".join(f"<li>{escape(item)}</li>" for item in items)
    return f"<{kind}>{lines}</{kind}>" if lines else ""


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]], numeric: Iterable[int] = ()) -> str:
    """A table of escaped cells; columns in `numeric` aligned right. More than MAX_TABLE_ROWS rows are cut,
    with a line saying how many were left out."""
    right = set(numeric)

    def cell(tag: str, position: int, value: object) -> str:
        css = ' class="number"' if position in right else ""
        return f"<{tag}{css}>{escape('' if value is None else value)}</{tag}>"

    head = "".join(cell("th", i, h) for i, h in enumerate(headers))
    body, extra = [], 0
    for number, row in enumerate(rows):
        if number >= MAX_TABLE_ROWS:
            extra += 1
            continue
        body.append("<tr>" + "".join(cell("td", i, v) for i, v in enumerate(row)) + "</tr>")
    more = _p(f"… and {extra:,} more; the dashboard lists them all.", "caption") if extra else ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{more}"


def _percent(value: float | None) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:.0%}"


def _interval(low: float | None, high: float | None) -> str:
    return "—" if low is None or pd.isna(low) else f"{low:.0%}–{high:.0%}"


def _count(value: object) -> str:
    return "—" if value is None or pd.isna(value) else f"{int(value):,}"


def _days(value: object) -> str:
    return "—" if value is None or pd.isna(value) else f"{float(value):.0f}"


def _p_value(p: float | None) -> str:
    return "—" if p is None or pd.isna(p) else "< 0.001" if p < 0.001 else f"{p:.3f}"


def _k_of_n(rate: Rate) -> str:
    return f"{rate.k} of {rate.n}" if rate.n else "none decided yet"


# ---------------------------------------------------------------- sections


@dataclass(frozen=True)
class _Context:
    result: ImportResult
    params: MetricParams
    resolved: pd.DataFrame
    figures: Kpis
    goal: int = DEFAULT_GOAL  # the weekly goal of the Pace page

    @cached_property
    def segment_rates(self) -> pd.DataFrame:
        """The Conversion section's rates by segment, which the Insights section reads too: computed once."""
        return segment_rates(self.resolved)


def _kpi_table(figures: Kpis, window: int) -> str:
    rows: list[Sequence[object]] = [
        ("Applications", f"{figures.applications:,}", f"{figures.outbound} sent · {figures.inbound} recruiter contacts",
         ""),
    ]  # fmt: skip
    for label, rate in (
        ("Response rate", figures.response_rate),
        ("Positive responses", figures.positive_rate),
        ("Interview rate", figures.interview_rate),
        ("Offer rate", figures.offer_rate),
        (f"Ghosted (no reply for {window} days)", figures.ghosted),
    ):
        rows.append((label, _percent(rate.value), _k_of_n(rate), _interval(rate.low, rate.high)))
    rows.append(("Pending", f"{figures.pending:,}", f"sent under {window} days ago, no reply yet", ""))
    rows.append(("Decided", f"{figures.mature:,}", "sent applications the rates are based on", ""))
    return _table(["Figure", "Value", "Count", "Likely range (95%)"], rows, numeric=[1])


def _overview(page: _Page, ctx: _Context) -> str:
    figures, window = ctx.figures, ctx.params.ghost_after_days
    stages = funnel(ctx.resolved)
    outcomes = outcome_counts(ctx.resolved)
    links = sankey_links(ctx.resolved)
    parts = [_p(f"As of {ctx.params.as_of:%d %b %Y} · ghosted after {window:,} days of silence", "caption")]
    if ctx.result.uncertain:
        parts.append("<h3>Check these readings</h3>")
        parts.append(
            _p(
                "The import was not sure of these. The figures use them as shown: confirm or change each one on the "
                "dashboard's Data page.",
                "note",
            )
        )
        parts.append(_list(f"{item.decision} — {item.evidence}." for item in ctx.result.uncertain))
    parts += [_kpi_table(figures, window), _reading(kpi_reading(figures, window))]
    parts += [
        "<h3>Funnel</h3>",
        page.chart("funnel", funnel_chart(stages), "Funnel: applications reaching each stage"),
        _reading(funnel_reading(stages, figures)),
        _table(
            ["Stage", "Reached", "Moved on", "Of (decided)", "Conversion", "Likely range (95%)"],
            (
                (
                    STAGE_LABELS[row.stage],
                    _count(row.reached),
                    _count(row.k),
                    _count(row.n),
                    _percent(row.conversion),
                    _interval(row.low, row.high),
                )
                for row in stages.itertuples()
            ),
            numeric=[1, 2, 3, 4],
        ),
        "<h3>Where applications end</h3>",
        page.chart("sankey", sankey_chart(links), "Flow from the stage reached to the outcome"),
        _reading(sankey_reading(outcomes)),
        _table(
            ["Outcome", "Applications"],
            ((OUTCOME_LABELS[row.outcome], _count(row.count)) for row in outcomes.itertuples()),
            numeric=[1],
        ),
    ]
    if ctx.result.warnings:
        parts += [f"<h3>{len(ctx.result.warnings):,} thing(s) to check in your file</h3>", _list(ctx.result.warnings)]
    return "".join(parts)


def _conversion(page: _Page, ctx: _Context) -> str:
    rates = ctx.segment_rates
    columns = [c for c in segment_columns(ctx.resolved) if c in set(rates["segment"])]
    if not columns:
        return _p(
            "Your file has no column to break results down by (source, résumé version, cover letter, company size, "
            "…). On the Data page, mark any column as “Segment (keep as a breakdown)” to compare its values here. "
            "(A column needs at least two different values among decided applications to compare.)",
            "note",
        )
    metric = RATE_BY_KEY[CONVERSION_METRIC]
    overall = ctx.figures.rate(metric.key)
    shown = rates[rates["metric"] == metric.key]
    parts = [
        _p(
            f"Over {ctx.figures.mature:,} decided outbound applications. A value with fewer than {MIN_SEGMENT:,} is "
            "“too few to judge”; a difference is only called one when Fisher's exact test holds after adjusting for "
            "the number of values compared (Benjamini–Hochberg, 5%).",
            "caption",
        )
    ]
    for number, column in enumerate(columns, 1):
        label = segment_label(column)
        one = shown[shown["segment"] == column]
        parts.append(f"<h3>{escape(f'{metric.label} by {label.lower()}')}</h3>")
        parts.append(
            page.chart(
                f"segment-{number}",
                segment_interval_chart(one, overall.value),
                f"{metric.label} by {label.lower()}, with 95% intervals",
            )
        )
        parts += [_reading(sentence) for sentence in segment_difference_readings(one, label)]
        parts.append(
            _table(
                [label, "Yes", "Of", "Rate", "Likely range (95%)", "Rest", "p (adjusted)", "Verdict"],
                (
                    (
                        row.value,
                        row.k,
                        row.n,
                        _percent(row.rate),
                        _interval(row.low, row.high),
                        _percent(row.rest_rate),
                        _p_value(row.p_adjusted),
                        row.verdict,
                    )
                    for row in one.itertuples()
                ),
                numeric=[1, 2, 3, 5, 6],
            )
        )
        parts.append(f"<h4>{escape(f'Stage conversion by {label.lower()}')}</h4>")
        heat = stage_heat(ctx.resolved, column)
        parts.append(page.chart(f"heat-{number}", segment_heat_chart(heat), f"Stage conversion by {label.lower()}"))
        parts.append(_reading(HEAT_READING))
    return "".join(parts)


def _timing(page: _Page, ctx: _Context) -> str:
    as_of = ctx.params.as_of
    times = response_times(ctx.resolved, as_of)
    parts = ["<h3>Time to first reply</h3>"]
    if times.replied == 0:
        parts.append(
            _p(
                "No reply has a date yet, so there is no curve to draw. A response-date column, stage dates or a "
                "rejection date give the time to first reply."
                + (f" {times.left_out:,} applications have no application date." if times.left_out else ""),
                "note",
            )
        )
    else:
        parts += [
            page.chart(
                "response-curve", response_curve_chart(times.curve), "Share with a reply by days since applying"
            ),
            _table(
                ["Median time to a reply", "75% have replied by"],
                [(days_or_not_reached(times.median_days), days_or_not_reached(times.p75_days))],
            ),
            _reading(response_time_reading(times, as_of)),
        ]
        left_out = response_time_left_out(times)
        if left_out:
            parts.append(_p(left_out, "caption"))
    parts.append("<h3>Ghosting by source</h3>")
    ghosting = ghosting_by_source(ctx.resolved)
    if ghosting.empty:
        parts.append(_p("No decided outbound applications yet.", "note"))
    else:
        parts += [
            page.chart(
                "ghosting",
                rate_bar_chart(ghosting, "source", OUTCOME_COLOURS["ghosted"]),
                "Share of decided applications ending in silence, by source",
            ),
            _reading(ghosting_reading(ghosting)),
            _table(
                ["Source", "Silent", "Of", "Share", "Likely range (95%)"],
                ((r.source, r.k, r.n, _percent(r.rate), _interval(r.low, r.high)) for r in ghosting.itertuples()),
                numeric=[1, 2, 3],
            ),
        ]
    parts.append("<h3>Time spent at each step</h3>")
    durations = stage_durations(ctx.resolved)
    known = durations[durations["n"] > 0]
    if known.empty:
        parts.append(
            _p(
                "Your file has no dates per stage, so time per step cannot be measured. A response-date column helps.",
                "note",
            )
        )
    else:
        parts.append(
            _table(
                ["Step", "Applications", "Median days", "25%", "75%"],
                ((r.step, r.n, _days(r.median), _days(r.q1), _days(r.q3)) for r in known.itertuples()),
                numeric=[1, 2, 3, 4],
            )
        )
    return "".join(parts)


def _pace(page: _Page, ctx: _Context) -> str:
    summary = pace_summary(ctx.resolved, ctx.params, ctx.goal)
    parts = [f"<h3>Applications per week (goal: {ctx.goal:,})</h3>"]
    if summary.weekly.empty:
        parts.append(_p(pace_reading(summary.streaks, summary.split), "note"))
    else:
        parts += [
            _table(
                ["Weeks that met the goal", "Current streak", "Best streak"],
                [
                    (
                        f"{summary.streaks.weeks_met:,} of {summary.streaks.weeks:,}",
                        weeks_text(summary.streaks.current),
                        weeks_text(summary.streaks.best),
                    )
                ],
            ),
            page.chart(
                "weekly-pace",
                weekly_pace_chart(summary.weekly, ctx.goal),
                "Applications per week against the goal",
            ),
            _reading(pace_reading(summary.streaks, summary.split)),
        ]
        left_out = left_out_reading(summary.split)
        if left_out:
            parts.append(_p(left_out, "caption"))
        parts += [
            "<h3>Days with applications</h3>",
            page.chart(
                "activity-calendar",
                activity_calendar_chart(daily_counts(ctx.resolved, ctx.params.as_of)),
                "Days with applications",
            ),
        ]
    parts += ["<h3>Projection at your rates</h3>", _reading(current_pace_reading(summary.pace))]
    for target, label in ((summary.projection.interview, "Next interview"), (summary.projection.offer, "Next offer")):
        shown = f"about {target.applications:.0f} applications" if target.applications is not None else "no projection"
        parts += [f"<h4>{escape(label)}: {escape(shown)}</h4>", _reading(projection_reading(target, summary.pace))]
    return "".join(parts)


def _cohort(page: _Page, ctx: _Context) -> str:
    """Candidates side by side, as on the Cohort page (only for a file with two candidates or more)."""
    cohort = cohort_table(ctx.resolved, ctx.params, ctx.goal)
    rows = []
    for r in cohort.itertuples():
        rates = []
        for key in COHORT_RATES:
            k, n = getattr(r, f"{key}_k"), getattr(r, f"{key}_n")
            rate, low, high = (getattr(r, f"{key}_{part}") for part in ("rate", "low", "high"))
            rates.append(f"{_percent(rate)} ({k:,} of {n:,}; {_interval(low, high)})" if n else "—")
        per_week = "—" if r.per_week is None or r.per_week != r.per_week else f"{r.per_week:.1f}"
        goal_weeks = f"{r.goal_weeks_met:,} of {r.complete_weeks:,}"
        rows.append((r.candidate, r.applications, per_week, goal_weeks, *rates, _days(r.median_reply_days)))
    parts = [
        f"<h3>Candidates side by side (weekly goal: {ctx.goal:,})</h3>",
        _table(
            ["Candidate", "Applications", "Per week", "Goal weeks", "Response", "Interview", "Offer", "Median days"],
            rows,
            numeric=[1, 2],
        ),
        _p(
            "Per week: outbound applications over the weeks from the candidate's first application to the as-of "
            "week. Goal weeks: complete weeks that met the goal. Rates are over decided applications, with the "
            "likely range (95%).",
            "caption",
        ),
    ]
    left_out = unnamed(ctx.resolved)
    if left_out:
        parts.append(_p(f"{left_out:,} applications with no candidate name are left out here.", "caption"))
    parts.append(page.chart("cohort-funnels", cohort_funnels_chart(cohort_funnels(ctx.resolved)), "Funnels"))
    return "".join(parts)


def _rejections(page: _Page, ctx: _Context) -> str:
    rejected = rejections(ctx.resolved)
    if rejected.empty:
        return _p(
            "No rejections recorded. When they come — and they come for everyone — they will be read here.", "note"
        )
    has_reasons = "rejection_reason" in ctx.result.mapping.columns
    parts = ["<h3>Why</h3>"]
    pareto = reason_pareto(rejected)
    if has_reasons:
        parts += [
            page.chart("reasons", pareto_chart(pareto), "Rejections by reason, largest first"),
            _reading(reasons_reading(pareto)),
            _table(
                ["Reason", "Rejections", "Cumulative share"],
                ((r.label, r.count, _percent(r.cumulative_share)) for r in pareto.itertuples()),
                numeric=[1, 2],
            ),
        ]
    else:
        parts.append(
            _p(
                "Your file has no rejection-reason column, so every rejection counts as “no reason given”. Add a "
                "column such as “Rejection reason” (or mark one on the Data page) to see what the reasons have in "
                "common.",
                "note",
            )
        )
    by_stage = rejections_by_stage(rejected)
    parts += [
        "<h3>Where</h3>",
        page.chart(
            "rejection-stage",
            count_bar_chart(by_stage, "stage", OUTCOME_COLOURS["rejected"]),
            "Rejections by the stage they came at",
        ),
        _reading(rejection_stage_reading(by_stage)),
    ]
    if has_reasons:
        texts = (
            rejected.dropna(subset=["rejection_reason"])
            .groupby(["rejection_reason", "reason_category"], as_index=False)
            .size()
            .sort_values(["reason_category", "size"], ascending=[True, False])
        )
        parts += [
            "<h3>Reasons as written</h3>",
            _table(
                ["Reason as written", "Rejections", "Category"],
                (
                    (r.rejection_reason, r.size, CATEGORY_LABELS.get(r.reason_category, r.reason_category))
                    for r in texts.itertuples()
                ),
                numeric=[1],
            ),
        ]
    parts.append("<h3>Feedback loop</h3>")
    loop = feedback_loop(rejected)
    if not loop.tracked:
        parts.append(
            _p(
                "Your file does not track feedback. Add “Feedback requested” (Yes/No) and “Feedback received” columns "
                "to see how often asking pays off — it is the cheapest way to learn what to change.",
                "note",
            )
        )
    else:
        received = f"{loop.received:,} of {loop.requested:,} requests" if loop.requested else "no request yet"
        parts.append(
            _table(
                ["", "Share", "Count"],
                [
                    (
                        "Feedback requested",
                        _percent(loop.requested_share),
                        f"{loop.requested:,} of {loop.rejections:,} rejections",
                    ),
                    ("Feedback received", _percent(loop.received_share), received),
                ],
                numeric=[1],
            )
        )
        if len(loop.texts):
            parts.append(
                _table(
                    ["Company", "Role", "Feedback"],
                    ((_blank(r.company), _blank(r.role), _blank(r.feedback)) for r in loop.texts.itertuples()),
                )
            )
    emails = feedback_requests(rejected, ctx.params.as_of)
    parts.append(
        _p(
            f"{len(emails):,} rejection(s) of the last 30 days wait for a feedback request; the dashboard's "
            "Rejections page has a ready email for each."
            if emails
            else "No rejection in the last 30 days is waiting for a feedback request.",
            "caption",
        )
    )
    return "".join(parts)


def _blank(value: object) -> object:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def _insights(ctx: _Context) -> str:
    found = insights(ctx.segment_rates, funnel(ctx.resolved), ctx.figures)
    parts = []
    if not found:
        parts.append(
            _p(
                "Nothing stands out with confidence yet. That is common with fewer than a hundred decided "
                "applications: keep logging source, résumé version and outcome, and the differences that are real "
                "will show.",
                "note",
            )
        )
    else:
        items = "".join(
            f"<li><strong>{escape(item.title)}</strong><p>{escape(item.evidence)}</p>"
            f"<p>Try: {escape(item.try_next)}</p></li>"
            for item in found
        )
        parts.append(f'<ol class="insights">{items}</ol>')
    parts.append("<h3>Context: what employers report</h3>")
    parts.append(
        _p(
            "Employer-side figures from published reports, for scale only: they are not about you or your file.",
            "caption",
        )
    )
    parts.append(_list(f"{b['figure']} ({b['source']})" for b in BENCHMARKS))
    return "".join(parts)


def _data(ctx: _Context) -> str:
    result = ctx.result
    quality = result.normalized.quality
    left_out = len(quality.skipped) + quality.blank_rows
    parts = [
        _p(result.described, "caption"),
        "<h3>How the file was read</h3>",
        _list(result.decisions) or _p("Nothing to note.", "caption"),
    ]
    if quality.warnings:
        parts += ["<h3>Warnings</h3>", _list(quality.warnings)]
    parts += [
        "<h3>Quality report</h3>",
        _table(
            ["", "Rows"],
            [
                ("Rows in the table", f"{quality.rows_in_table:,}"),
                ("Applications used", f"{quality.applications:,}"),
                ("Rows left out", f"{left_out:,}"),
                ("of which fully blank", f"{quality.blank_rows:,}"),
            ],
            numeric=[1],
        ),
    ]
    if len(quality.skipped):
        parts += [
            "<h4>Rows left out, and why</h4>",
            _table(
                ["Row", "Why", "What the row holds"],
                ((r.row, r.reason, r.content) for r in quality.skipped.itertuples()),
                numeric=[0],
            ),
        ]
    if len(quality.unparsed):
        parts += [
            "<h4>Values that could not be read</h4>",
            _table(
                ["Field", "Column", "Value", "Rows"],
                ((r.field, r.column, r.value, r.rows) for r in quality.unparsed.itertuples()),
                numeric=[3],
            ),
        ]
    if not len(quality.skipped) and not len(quality.unparsed) and quality.unknown_statuses.empty:
        parts.append(_p("Every row and value was understood.", "reading"))
    return "".join(parts)


# ---------------------------------------------------------------- the document


def html_report(
    result: ImportResult,
    params: MetricParams,
    title: str = DEFAULT_TITLE,
    *,
    resolved: pd.DataFrame | None = None,
    goal: int = DEFAULT_GOAL,
) -> str:
    """The report as one HTML document (text; write it as UTF-8). `resolved` is the dashboard's resolved frame
    when the caller has it (resolve_outcomes of the import under `params`); without it, it is computed here.
    `goal` is the weekly goal the Pace section measures against."""
    frame = resolved_of(result, params, resolved)
    ctx = _Context(result, params, frame, kpis(frame), goal)
    page = _Page()
    bodies = {
        "overview": _overview(page, ctx),
        "conversion": _conversion(page, ctx),
        "timing": _timing(page, ctx),
        "pace": _pace(page, ctx),
        "rejections": _rejections(page, ctx),
        "insights": _insights(ctx),
        "data": _data(ctx),
    }
    shown = list(SECTIONS)
    if is_cohort(frame):
        bodies["cohort"] = _cohort(page, ctx)
        shown.insert(shown.index(("data", "Data")), ("cohort", "Cohort"))
    sections = "".join(
        f'<section id="{key}"><h2>{escape(heading)}</h2>{bodies[key]}</section>\n' for key, heading in shown
    )
    contents = "".join(f'<li><a href="#{key}">{escape(heading)}</a></li>' for key, heading in shown)
    generated = (
        f"Figures as of {_day(params.as_of)}, ghosted after {params.ghost_after_days:,} days of silence · "
        f"{result.filename}{'' if result.is_cohort else f', sheet “{result.sheet}”'} · "
        f"{ctx.figures.applications:,} applications"
    )
    figures = "{" + ",".join(f"{json.dumps(key)}:{value}" for key, value in page.figures.items()) + "}"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n"
        f"<script>{_plotly_js()}</script>\n</head>\n<body>\n"
        f'<header><h1>{escape(title)}</h1><p class="generated">{escape(generated)}</p>'
        f"<nav><ol>{contents}</ol></nav>"
        "<noscript><p>The charts need JavaScript; the sentences and tables carry the same numbers.</p></noscript>"
        "</header>\n"
        f"{sections}"
        f"<footer>{escape(f'Made with Applytics from {result.filename}, as of {_day(params.as_of)}.')}</footer>\n"
        f'<script type="application/json" id="applytics-figures">{figures}</script>\n'
        f"<script>{SCRIPT % json.dumps(PLOT_CONFIG)}</script>\n"
        "</body>\n</html>\n"
    )


def _plotly_js() -> str:
    """plotly.js as shipped with the plotly package (no CDN). It holds no "</script" today; should a version
    ever hold one, inside a string or a regular expression "<\\/" means the same and cannot end the element."""
    return plotly.offline.get_plotlyjs().replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")


def _day(day: dt.date) -> str:
    return f"{day:%d %b %Y}"
