"""Result frames -> plotly figures. One colour per stage and outcome (Okabe–Ito, colour-blind safe).

Every chart is built through `chart`, which escapes the text in its traces: plotly renders a subset of HTML
(links, styles) in labels and hover text, and these strings come from the user's file.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from applytics.schema import OUTCOME_LABELS, OUTCOMES, STAGE_LABELS, STAGES

STAGE_COLOURS = {"applied": "#0072B2", "screen": "#56B4E9", "interview": "#009E73", "offer": "#E69F00"}
OUTCOME_COLOURS = {
    "active": "#7FB7DD",
    "pending": "#A6A6A6",
    "ghosted": "#7A7A7A",
    "rejected": "#D55E00",
    "withdrawn": "#CC79A7",
    "declined": "#F0E442",
    "accepted": "#117733",
    "closed": "#5C5C5C",
}
# Trace properties that carry data strings (a sankey's node and link labels are nested one level down).
TEXT_PROPERTIES = ("x", "y", "text", "hovertext", "customdata", "labels", "ids")
NESTED_TEXT = {"node": ("label", "customdata"), "link": ("label", "customdata")}
Options = ParamSpec("Options")


def escape_label(text: str) -> str:
    """User text as plotly shows it literally: `<`, `>` and `&` as entities, so no tag is ever rendered."""
    return html.escape(text, quote=False)


def _escaped(values: object) -> object:
    if isinstance(values, str):
        return escape_label(values)
    if isinstance(values, np.ndarray) and values.dtype.kind in "biufcmM":
        return values
    if isinstance(values, list | tuple | np.ndarray):
        return [_escaped(v) for v in values]
    return values


def _escape_traces(figure: go.Figure) -> go.Figure:
    for trace in figure.data:
        for name in TEXT_PROPERTIES:
            if name in trace and trace[name] is not None:
                trace[name] = _escaped(trace[name])
        for parent, names in NESTED_TEXT.items():
            if parent in trace:
                for name in names:
                    if trace[parent][name] is not None:
                        trace[parent][name] = _escaped(trace[parent][name])
    return figure


def chart(build: Callable[Options, go.Figure]) -> Callable[Options, go.Figure]:
    """The one place user text is made inert for plotly: every public chart is declared with it."""

    @functools.wraps(build)
    def escaped(*args: Options.args, **kwargs: Options.kwargs) -> go.Figure:
        return _escape_traces(build(*args, **kwargs))

    escaped.escapes_user_text = True  # type: ignore[attr-defined]
    return escaped


_LAYOUT = {
    "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
    "font": {"size": 14},
    "paper_bgcolor": "rgba(0,0,0,0)",
    "plot_bgcolor": "rgba(0,0,0,0)",
}


@chart
def funnel_chart(stages: pd.DataFrame) -> go.Figure:
    """Cumulative 'reached at least this stage' bars, each labelled with its count and share of applied."""
    applied = int(stages["reached"].iloc[0]) or 1
    labels = [STAGE_LABELS[s] for s in stages["stage"]]
    text = [f"{int(r)} ({int(r) / applied:.0%} of applied)" for r in stages["reached"]]
    figure = go.Figure(
        go.Funnel(
            y=labels,
            x=stages["reached"].tolist(),
            text=text,
            textinfo="text",
            textposition="outside",
            marker={"color": [STAGE_COLOURS[s] for s in stages["stage"]]},
            connector={"fillcolor": "rgba(128,128,128,0.15)"},
            hovertemplate="%{y}: %{x} applications<extra></extra>",
        )
    )
    figure.update_layout(**_LAYOUT, height=320, showlegend=False)
    return figure


def _node_label(node: str, total: int) -> str:
    if node == _OTHER:
        return f"Other outcomes ({total})"
    if node.startswith("outcome:"):
        return f"{OUTCOME_LABELS[node.split(':', 1)[1]]} ({total})"
    return f"{STAGE_LABELS[node]} ({total})"


def _node_name(node: str) -> str:
    if node == _OTHER:
        return "Other outcomes"
    return OUTCOME_LABELS[node.split(":", 1)[1]] if node.startswith("outcome:") else STAGE_LABELS[node]


@chart
def sankey_chart(links: pd.DataFrame) -> go.Figure:
    """Stage reached -> next stage or outcome; node labels carry counts so no number hides in hover.

    The layout is set here, not left to plotly: stages left to right in schema order, outcomes stacked on the
    right (largest first, the tiny ones grouped), every label at least `_LABEL_GAP` pixels from its neighbour.
    The labels are drawn as annotations beside their nodes (plotly would put the last column's labels over the
    flows); plotly's own node text is kept, invisible, for the hover and the figure's data.
    """
    layout = _sankey_layout(links)
    figure = go.Figure(
        go.Sankey(
            arrangement="fixed",
            textfont={"color": "rgba(0,0,0,0)", "size": 1, "shadow": "none"},
            node={
                "label": layout.labels,
                "color": layout.colours,
                "line": {"color": _NODE_OUTLINE, "width": 0.5},  # one for all: plotly draws no per-node outline
                "pad": _LABEL_GAP,
                "thickness": _THICKNESS,
                "x": layout.x,
                "y": layout.y,
                "customdata": layout.hover,
                "hovertemplate": "%{customdata}<extra></extra>",
            },
            link={
                "source": layout.sources,
                "target": layout.targets,
                "value": layout.values,
                "label": layout.link_labels,
                "color": layout.link_colours,
                "hovertemplate": "%{label}: %{value}<extra></extra>",
            },
        )
    )
    annotations = [
        {
            "text": escape_label(label),
            "x": x,
            "y": 1 - y,
            "xref": "paper",
            "yref": "paper",
            "xanchor": "left",
            "yanchor": "middle",
            "xshift": _THICKNESS / 2 + 4,
            "showarrow": False,
            "align": "left",
            "font": {"size": _FONT},
        }
        for label, x, y in zip(layout.labels, layout.x, layout.y, strict=True)
    ]
    margin = {"l": 12, "r": layout.label_room, "t": _SANKEY_MARGIN, "b": _SANKEY_MARGIN}
    figure.update_layout(**{**_LAYOUT, "margin": margin}, height=_SANKEY_HEIGHT, annotations=annotations)
    return figure


_SANKEY_HEIGHT = 420
_SANKEY_MARGIN = 16
_PLOT_HEIGHT = _SANKEY_HEIGHT - 2 * _SANKEY_MARGIN  # pixels the nodes are laid out in
_FONT = 13
_LABEL_GAP = 22  # pixels between two label centres: a 13 px line and some air; also plotly's node pad
_THICKNESS = 16
_CHAR_WIDTH = 0.62 * _FONT  # a generous average glyph width, to leave room for the outcome labels on the right
_TINY_SHARE = 0.03  # outcomes under 3% of applications are drawn as one "Other outcomes" node
_NEVER_GROUPED = ("accepted", "declined")  # an offer is never an "other" outcome, however rare
_OTHER = "outcome:other"
_OTHER_FILL = "rgba(128,128,128,0.15)"  # a hollow box, not a fourth grey: its flows keep their outcomes' colours
_NODE_OUTLINE = "rgba(128,128,128,0.6)"  # an edge that shows in both themes (and around the pale yellow)
_STAGE_X = {"applied": 0.002, "screen": 0.22, "interview": 0.42, "offer": 0.62}
_OUTCOME_X = 0.998


@dataclass(frozen=True)
class _SankeyLayout:
    """Nodes (stage names, `outcome:<name>`, `_OTHER`) with their label, colour, hover and centre (x, y as
    fractions of the plot, y from the top), and the links between them by node index."""

    nodes: list[str]
    labels: list[str]
    colours: list[str]
    hover: list[str]
    x: list[float]
    y: list[float]
    sources: list[int]
    targets: list[int]
    values: list[int]
    link_colours: list[str]
    link_labels: list[str]
    grouped: dict[str, int]  # outcome -> count, those drawn inside the "Other outcomes" node
    label_room: int  # pixels right of the plot for the outcome labels


def _grouped_outcomes(outcome_totals: dict[str, int]) -> dict[str, int]:
    """The tiny outcomes to draw as one node: under `_TINY_SHARE` of all, never an offer, and only two or more."""
    total = sum(outcome_totals.values())
    tiny = {
        node.split(":", 1)[1]: count
        for node, count in outcome_totals.items()
        if count < _TINY_SHARE * total and node.split(":", 1)[1] not in _NEVER_GROUPED
    }
    return tiny if len(tiny) >= 2 else {}


def _sankey_layout(links: pd.DataFrame) -> _SankeyLayout:
    inflow = links.groupby("target")["value"].sum()
    outflow = links.groupby("source")["value"].sum()
    used = set(links["source"]) | set(links["target"])
    stage_nodes = [s for s in STAGES if s in used]
    outcome_totals = {t: int(inflow[t]) for t in dict.fromkeys(links["target"]) if t.startswith("outcome:")}
    grouped = _grouped_outcomes(outcome_totals)
    kept = {n: c for n, c in outcome_totals.items() if n.split(":", 1)[1] not in grouped}
    rank = {f"outcome:{o}": position for position, o in enumerate(OUTCOMES)}
    outcome_nodes = sorted(kept, key=lambda n: (-kept[n], rank[n])) + ([_OTHER] if grouped else [])
    nodes = stage_nodes + outcome_nodes
    totals = {n: int(max(inflow.get(n, 0), outflow.get(n, 0))) for n in stage_nodes}
    totals |= kept | ({_OTHER: sum(grouped.values())} if grouped else {})
    index = {node: position for position, node in enumerate(nodes)}

    def drawn_as(target: str) -> str:
        return _OTHER if target.split(":", 1)[1] in grouped else target

    colours = [_node_colour(n) for n in nodes]
    labels = [_node_label(n, totals[n]) for n in nodes]
    hover = [f"{_node_name(n)}: {totals[n]}" for n in nodes]
    if grouped:
        members = " · ".join(f"{OUTCOME_LABELS[o]} {c}" for o, c in sorted(grouped.items(), key=lambda i: -i[1]))
        hover[index[_OTHER]] += f" ({members})"
    x, y = _sankey_positions(stage_nodes, outcome_nodes, totals)
    outcome_labels = [labels[index[n]] for n in outcome_nodes]
    label_room = int(_THICKNESS / 2 + 4 + _CHAR_WIDTH * max(map(len, outcome_labels), default=0) + 8)
    return _SankeyLayout(
        nodes=nodes,
        labels=labels,
        colours=colours,
        hover=hover,
        x=x,
        y=y,
        sources=[index[s] for s in links["source"]],
        targets=[index[drawn_as(t)] if t.startswith("outcome:") else index[t] for t in links["target"]],
        values=[int(v) for v in links["value"]],
        link_colours=[_fade(_node_colour(t)) for t in links["target"]],  # a grouped flow keeps its outcome's colour
        link_labels=[
            f"{_node_name(s)} → {_node_name(t)}" for s, t in zip(links["source"], links["target"], strict=True)
        ],
        grouped=grouped,
        label_room=max(label_room, 12),
    )


def _node_colour(node: str) -> str:
    if node == _OTHER:
        return _OTHER_FILL
    return OUTCOME_COLOURS[node.split(":", 1)[1]] if node.startswith("outcome:") else STAGE_COLOURS[node]


def _sankey_positions(
    stage_nodes: list[str], outcome_nodes: list[str], totals: dict[str, int]
) -> tuple[list[float], list[float]]:
    """Node centres (fractions of the plot; y from the top) as plotly will size the nodes: outcomes stacked down
    the right edge `_LABEL_GAP` apart (plotly's pad), so two label centres are never closer than that; Applied
    top left; the later stages a staircase along the bottom, each label at least a gap above the next one and
    clear of the next node's top (a stage's label runs right, over where the next stage's node stands)."""
    total = sum(totals[n] for n in outcome_nodes) or 1
    height = _PLOT_HEIGHT
    scale = max(height - _LABEL_GAP * (len(outcome_nodes) - 1), 1) / total  # pixels per application
    size = {n: totals[n] * scale for n in (*stage_nodes, *outcome_nodes)}
    centre: dict[str, float] = {}
    top = 0.0
    for node in outcome_nodes:
        centre[node] = top + size[node] / 2
        top += size[node] + _LABEL_GAP
    if stage_nodes:
        first, *later = stage_nodes
        centre[first] = size[first] / 2
        following: str | None = None  # the next stage along, already placed
        for node in reversed(later):  # bottom-aligned; each stage's label clears the top of the next one's node
            lowest = height - size[node] / 2
            if following is None:
                centre[node] = lowest
            else:
                step = max(_LABEL_GAP, _FONT * 0.7 + size[following] / 2 + 3)
                centre[node] = min(lowest, centre[following] - step)
            following = node
    x = [_STAGE_X[n] for n in stage_nodes] + [_OUTCOME_X] * len(outcome_nodes)
    y = [min(max(centre[n] / height, 0.001), 0.999) for n in (*stage_nodes, *outcome_nodes)]
    return x, y


def _fade(hex_colour: str, alpha: float = 0.45) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def _percent_axis(figure: go.Figure, axis: str = "x") -> None:
    figure.update_layout(
        **{f"{axis}axis": {"tickformat": ".0%", "rangemode": "tozero", "gridcolor": "rgba(128,128,128,0.2)"}}
    )


@chart
def segment_interval_chart(rates: pd.DataFrame, overall: float | None) -> go.Figure:
    """Dot and 95% interval per segment value, sorted by effect; faded where there are too few to judge."""
    ordered = rates.sort_values("effect", na_position="first")
    labels = [f"{row.segment_label}: {row.value} ({row.k}/{row.n})" for row in ordered.itertuples()]
    judged = ordered["verdict"] != "too few to judge"
    colours = [
        OUTCOME_COLOURS["accepted"]
        if v.startswith("higher")
        else OUTCOME_COLOURS["rejected"]
        if v.startswith("lower")
        else "#8C8C8C"
        for v in ordered["verdict"]
    ]
    figure = go.Figure(
        go.Scatter(
            x=ordered["rate"],
            y=labels,
            mode="markers",
            marker={"color": colours, "size": 10, "opacity": [1.0 if j else 0.35 for j in judged]},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": (ordered["high"] - ordered["rate"]).tolist(),
                "arrayminus": (ordered["rate"] - ordered["low"]).tolist(),
                "color": "rgba(128,128,128,0.7)",
            },
            customdata=ordered[["k", "n", "verdict"]].to_numpy(),
            hovertemplate="%{y}: %{x:.0%} (%{customdata[0]} of %{customdata[1]}), %{customdata[2]}<extra></extra>",
        )
    )
    if overall is not None:
        figure.add_vline(x=overall, line_dash="dot", line_color="rgba(128,128,128,0.8)", annotation_text="all")
    figure.update_layout(**_LAYOUT, height=max(260, 26 * len(labels) + 80), showlegend=False)
    _percent_axis(figure)
    return figure


@chart
def segment_heat_chart(heat: pd.DataFrame) -> go.Figure:
    """Segment value x stage step: conversion shade, each cell labelled 'k/n'."""
    steps = [s for s in STAGES[1:] if s in set(heat["stage"])]
    values = list(dict.fromkeys(heat["value"]))
    grid = heat.pivot(index="value", columns="stage", values="rate").reindex(index=values, columns=steps)
    text = heat.assign(label=[f"{k}/{n}" if n else "–" for k, n in zip(heat["k"], heat["n"], strict=True)])
    labels = text.pivot(index="value", columns="stage", values="label").reindex(index=values, columns=steps)
    figure = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(dtype=float),
            x=[f"→ {STAGE_LABELS[s]}" for s in steps],
            y=values,
            text=labels.to_numpy(),
            texttemplate="%{text}",
            colorscale="Blues",
            zmin=0,
            zmax=1,
            colorbar={"tickformat": ".0%", "title": "converted"},
            hovertemplate="%{y} %{x}: %{z:.0%} (%{text})<extra></extra>",
        )
    )
    figure.update_layout(**_LAYOUT, height=max(240, 30 * len(values) + 90))
    return figure


@chart
def response_curve_chart(curve: pd.DataFrame) -> go.Figure:
    """Kaplan–Meier share with a reply by day t (silent applications censored, not counted as 'never')."""
    figure = go.Figure(
        go.Scatter(
            x=curve["day"],
            y=curve["replied"],
            mode="lines",
            line={"shape": "hv", "color": STAGE_COLOURS["screen"], "width": 3},
            customdata=curve["at_risk"],
            hovertemplate="day %{x}: %{y:.0%} replied (%{customdata} still waiting)<extra></extra>",
        )
    )
    figure.update_layout(**_LAYOUT, height=320, xaxis_title="days since applying", yaxis_title="share with a reply")
    _percent_axis(figure, "y")
    return figure


@chart
def rate_bar_chart(table: pd.DataFrame, label_column: str, colour: str) -> go.Figure:
    """Horizontal bars of k/n rates with their Wilson intervals (ghosting by source and the like)."""
    figure = go.Figure(
        go.Bar(
            x=table["rate"],
            y=[f"{label} ({k}/{n})" for label, k, n in zip(table[label_column], table["k"], table["n"], strict=True)],
            orientation="h",
            marker_color=colour,
            error_x={
                "type": "data",
                "symmetric": False,
                "array": (table["high"] - table["rate"]).tolist(),
                "arrayminus": (table["rate"] - table["low"]).tolist(),
                "color": "rgba(128,128,128,0.8)",
            },
            hovertemplate="%{y}: %{x:.0%}<extra></extra>",
        )
    )
    figure.update_layout(**_LAYOUT, height=max(220, 30 * len(table) + 80), yaxis={"autorange": "reversed"})
    _percent_axis(figure)
    return figure


@chart
def pareto_chart(pareto: pd.DataFrame) -> go.Figure:
    """Reason categories, largest first, with the cumulative share as a line."""
    figure = go.Figure()
    figure.add_bar(
        x=pareto["category"], y=pareto["count"], marker_color=OUTCOME_COLOURS["rejected"], name="rejections",
        customdata=pareto["label"], hovertemplate="%{customdata}: %{y}<extra></extra>",
    )  # fmt: skip
    figure.add_scatter(
        x=pareto["category"], y=pareto["cumulative_share"], yaxis="y2", mode="lines+markers", name="cumulative share",
        line={"color": "#555555"}, hovertemplate="%{x}: %{y:.0%} cumulative<extra></extra>",
    )  # fmt: skip
    figure.update_layout(
        **_LAYOUT,
        height=360,
        yaxis={"title": "rejections"},
        yaxis2={"overlaying": "y", "side": "right", "tickformat": ".0%", "range": [0, 1.05], "showgrid": False},
        legend={"orientation": "h", "y": -0.35},
    )
    return figure


@chart
def count_bar_chart(table: pd.DataFrame, label_column: str, colour: str) -> go.Figure:
    figure = go.Figure(
        go.Bar(
            x=table[label_column], y=table["count"], marker_color=colour, text=table["count"], textposition="outside"
        )
    )
    figure.update_layout(**_LAYOUT, height=300, yaxis={"rangemode": "tozero"})
    return figure


@chart
def weekly_pace_chart(weekly: pd.DataFrame, goal: int) -> go.Figure:
    """Applications per ISO week (pace.weekly_counts) against the goal line, with the running total on the right.

    Weeks that met the goal in the applied colour, the others faded; the week in progress hatched."""
    applied = STAGE_COLOURS["applied"]
    colours = [applied if met else _fade(applied) for met in weekly["met"]]
    patterns = ["" if complete else "/" for complete in weekly["complete"]]
    status = [
        ("met the goal" if met else "short of the goal") + ("" if complete else ", week in progress")
        for met, complete in zip(weekly["met"], weekly["complete"], strict=True)
    ]
    figure = go.Figure()
    figure.add_bar(
        x=weekly["week_start"], y=weekly["applications"], name="applications a week",
        marker={"color": colours, "pattern": {"shape": patterns}}, customdata=status,
        hovertemplate="week of %{x|%d %b %Y}: %{y} applications, %{customdata}<extra></extra>",
    )  # fmt: skip
    figure.add_scatter(
        x=weekly["week_start"], y=weekly["cumulative"], yaxis="y2", mode="lines", name="cumulative",
        line={"color": "#555555", "width": 2}, hovertemplate="by week of %{x|%d %b %Y}: %{y} in all<extra></extra>",
    )  # fmt: skip
    figure.add_hline(
        y=goal, line_dash="dash", line_color="rgba(128,128,128,0.9)", annotation_text=f"goal {goal}",
        annotation_position="top left",
    )  # fmt: skip
    figure.update_layout(
        **_LAYOUT,
        height=360,
        bargap=0.15,
        xaxis={"title": "week (starting Monday)", "tickformat": "%d %b"},
        yaxis={"title": "applications", "rangemode": "tozero", "gridcolor": "rgba(128,128,128,0.2)"},
        yaxis2={"title": "cumulative", "overlaying": "y", "side": "right", "rangemode": "tozero", "showgrid": False},
        legend={"orientation": "h", "y": -0.3},
    )
    return figure


WEEKDAY_LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@chart
def activity_calendar_chart(daily: pd.DataFrame) -> go.Figure:
    """GitHub-style calendar (pace.daily_counts): one column per ISO week, one row per weekday, shade = applications.

    Days without a row (after the as-of date) stay blank; days with none are a light grey."""
    weeks = sorted(daily["week_start"].unique())
    grid = daily.pivot(index="weekday", columns="week_start", values="applications").reindex(
        index=range(7), columns=weeks
    )
    days = daily.assign(label=daily["day"].dt.strftime("%a %d %b %Y"))
    labels = days.pivot(index="weekday", columns="week_start", values="label").reindex(index=range(7), columns=weeks)
    most = float(daily["applications"].max()) if len(daily) else 0.0
    figure = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(dtype=float),
            x=weeks,
            y=list(WEEKDAY_LABELS),
            customdata=labels.fillna("").to_numpy(),
            colorscale=[[0.0, "rgba(128,128,128,0.15)"], [1.0, STAGE_COLOURS["applied"]]],
            zmin=0,
            zmax=max(most, 1.0),
            xgap=3,
            ygap=3,
            colorbar={"title": "applications", "thickness": 12},
            hovertemplate="%{customdata}: %{z} applications<extra></extra>",
        )
    )
    figure.update_layout(
        **_LAYOUT,
        height=260,
        xaxis={"tickformat": "%d %b", "showgrid": False},
        yaxis={"autorange": "reversed", "showgrid": False},
    )
    return figure


COHORT_COLUMNS = 4  # small multiples per row on the Cohort page


@chart
def cohort_funnels_chart(funnels: pd.DataFrame) -> go.Figure:
    """Small multiples of the candidates' funnels (analytics.cohort.cohort_funnels: candidate, stage, reached):
    one subplot per candidate, in the frame's order, titled with the (escaped) name and its applications."""
    from plotly.subplots import make_subplots  # only this chart needs subplots

    names = list(dict.fromkeys(funnels["candidate"].tolist()))
    if not names:
        figure = go.Figure()
        figure.update_layout(**_LAYOUT, height=120)
        return figure
    columns = min(COHORT_COLUMNS, len(names))
    rows = -(-len(names) // columns)
    applied = funnels[funnels["stage"] == STAGES[0]].set_index("candidate")["reached"]
    titles = [f"{escape_label(name)} ({int(applied.get(name, 0))})" for name in names]
    figure = make_subplots(
        rows=rows,
        cols=columns,
        subplot_titles=titles,
        shared_yaxes=False,
        horizontal_spacing=0.06,
        vertical_spacing=min(0.12, 0.6 / rows),
    )
    parts = dict(tuple(funnels.groupby("candidate", sort=False)))
    traces = [
        go.Bar(
            x=[STAGE_LABELS[s] for s in parts[name]["stage"]],
            y=parts[name]["reached"].tolist(),
            text=[f"{int(r)}" for r in parts[name]["reached"]],
            textposition="outside",
            customdata=[name] * len(parts[name]),
            marker={"color": [STAGE_COLOURS[s] for s in parts[name]["stage"]]},
            hovertemplate="%{customdata}: %{y} reached %{x}<extra></extra>",
            showlegend=False,
        )
        for name in names
    ]
    places = range(len(names))
    figure.add_traces(traces, rows=[p // columns + 1 for p in places], cols=[p % columns + 1 for p in places])
    figure.update_yaxes(rangemode="tozero", showticklabels=False, showgrid=False)
    figure.update_layout(**_LAYOUT, height=max(240, 200 * rows), bargap=0.15)
    figure.update_layout(margin={**_LAYOUT["margin"], "t": 50})
    return figure
