"""Exports that leave the app: SankeyMATIC text, and cells made safe for spreadsheets."""

from __future__ import annotations

import re

import pandas as pd

from applytics.schema import OUTCOME_LABELS, STAGE_LABELS

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\x00")
LINE_BREAK_MARK = " ↵ "
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def node_name(node: str) -> str:
    if node.startswith("outcome:"):
        return OUTCOME_LABELS[node.split(":", 1)[1]]
    return STAGE_LABELS[node]


def sankeymatic_text(links: pd.DataFrame) -> str:
    """The Overview's flow in SankeyMATIC's format: one `Source [count] Target` line per link."""
    return "\n".join(
        f"{node_name(row.source)} [{int(row.value)}] {node_name(row.target)}" for row in links.itertuples()
    )


def _visible_control(found: re.Match[str]) -> str:
    code = ord(found[0])
    if code == 0x09:
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␀ ␁ … ␟
    return "␡" if code == 0x7F else "\ufffd"


def inert_text(text: str) -> str:
    """Line breaks become a visible ↵ and other control characters their visible pictures, so a CSV reader
    never starts a new row (or a new formula) inside a cell, and nothing the user typed disappears."""
    if text.isprintable():
        return text
    return _CONTROLS.sub(_visible_control, _LINE_BREAKS.sub(LINE_BREAK_MARK, text))


def safe_cell(value: object) -> object:
    """A text cell made inert: no control character, and a leading apostrophe where a spreadsheet would run a
    formula (OWASP CSV injection)."""
    if not isinstance(value, str):
        return value
    text = inert_text(value)
    # Leading spaces too: a CSV import that trims them (LibreOffice offers it) would find the formula.
    return "'" + text if text.lstrip(" ").startswith(_FORMULA_START) else text


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell and header of a frame shown or exported neutralised, so opening the file never runs user
    text. Only columns that can hold text are visited."""
    safe = frame.copy(deep=False)
    for position, dtype in enumerate(frame.dtypes):
        if pd.api.types.is_object_dtype(dtype) or isinstance(dtype, pd.StringDtype | pd.CategoricalDtype):
            safe.isetitem(position, frame.iloc[:, position].map(safe_cell))
    safe.columns = [safe_cell(str(c)) for c in frame.columns]
    return safe
