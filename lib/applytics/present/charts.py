"""Result frames -> plotly figures. One colour per stage and outcome (Okabe–Ito, colour-blind safe).

Every chart is built through `chart`, which escapes the text in its traces: plotly renders a subset of HTML
(links, styles) in labels and hover text, and these strings come from the user's file.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from typing import ParamSpec

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from applytics.schema import OUTCOME_LABELS, STAGE_LABELS, STAGES

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
    if node.startswith("outcome:"):
        return f"{OUTCOME_LABELS[node.split(':', 1)[1]]} ({total})"
    return f"{STAGE_LABELS[node]} ({total})"


@chart
def sankey_chart(links: pd.DataFrame) -> go.Figure:
    """Stage reached -> next stage or outcome; node labels carry counts so no number hides in hover."""
    stage_nodes = [s for s in STAGES if s in set(links["source"]) | set(links["target"])]
    outcome_nodes = [t for t in dict.fromkeys(links["target"]) if t.startswith("outcome:")]
    nodes = stage_nodes + outcome_nodes
    index = {node: position for position, node in enumerate(nodes)}
    inflow = links.groupby("target")["value"].sum()
    outflow = links.groupby("source")["value"].sum()
    totals = {node: int(max(inflow.get(node, 0), outflow.get(node, 0))) for node in nodes}
    colours = [OUTCOME_COLOURS[n.split(":", 1)[1]] if n.startswith("outcome:") else STAGE_COLOURS[n] for n in nodes]
    link_colours = [_fade(colours[index[target]]) for target in links["target"]]
    x, y = _sankey_positions(stage_nodes, outcome_nodes, totals)
    figure = go.Figure(
        go.Sankey(
            arrangement="fixed",
            textfont={"shadow": "none", "size": 13},
            node={
                "label": [_node_label(n, totals[n]) for n in nodes],
                "color": colours,
                "pad": 18,
                "thickness": 16,
                "x": x,
                "y": y,
            },
            link={
                "source": [index[s] for s in links["source"]],
                "target": [index[t] for t in links["target"]],
                "value": links["value"].tolist(),
                "color": link_colours,
                "hovertemplate": "%{source.label} → %{target.label}: %{value}<extra></extra>",
            },
        )
    )
    figure.update_layout(**_LAYOUT, height=420)
    return figure


_STAGE_X = {"applied": 0.01, "screen": 0.28, "interview": 0.5, "offer": 0.7}


def _sankey_positions(
    stage_nodes: list[str], outcome_nodes: list[str], totals: dict[str, int]
) -> tuple[list[float], list[float]]:
    """Stages left to right along the bottom, outcomes stacked on the right, largest first, so labels never collide."""
    total = sum(totals[n] for n in outcome_nodes) or 1
    x = [_STAGE_X[n] for n in stage_nodes] + [0.99] * len(outcome_nodes)
    y = [0.45 if n == "applied" else 0.96 for n in stage_nodes]
    gap = 0.035
    usable = 0.84 - gap * (len(outcome_nodes) + 1)
    centre: dict[str, float] = {}
    top = gap
    for node in sorted(outcome_nodes, key=lambda n: -totals[n]):
        height = max(usable, 0.0) * totals[node] / total
        centre[node] = min(0.86, top + height / 2)
        top += height + gap
    return x, y + [centre[n] for n in outcome_nodes]


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
