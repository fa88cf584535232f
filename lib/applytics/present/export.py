"""Exports that leave the app: SankeyMATIC text, and cells made safe for spreadsheets."""

from __future__ import annotations

import pandas as pd

from applytics.schema import OUTCOME_LABELS, STAGE_LABELS

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def node_name(node: str) -> str:
    if node.startswith("outcome:"):
        return OUTCOME_LABELS[node.split(":", 1)[1]]
    return STAGE_LABELS[node]


def sankeymatic_text(links: pd.DataFrame) -> str:
    """The Overview's flow in SankeyMATIC's format: one `Source [count] Target` line per link."""
    return "\n".join(
        f"{node_name(row.source)} [{int(row.value)}] {node_name(row.target)}" for row in links.itertuples()
    )


def safe_cell(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell and header of an export neutralised, so opening the file never runs user text."""
    safe = frame.map(safe_cell)
    safe.columns = [safe_cell(str(c)) for c in frame.columns]
    return safe
