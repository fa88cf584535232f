"""Result frames -> plotly figures. One colour per stage and outcome (Okabe–Ito, colour-blind safe)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.vocabulary import OUTCOME_LABELS, STAGE_LABELS, STAGES

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
_LAYOUT = {
    "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
    "font": {"size": 14},
    "paper_bgcolor": "rgba(0,0,0,0)",
    "plot_bgcolor": "rgba(0,0,0,0)",
}


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
