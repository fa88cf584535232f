"""Tables whose edits become corrections: one pattern for columns, status words, date orders and reasons."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from applytics.intake.corrections import Corrections
from applytics.present.export import safe_frame
from ui import state

# (current corrections, the edited row as shown, the changed cells) -> corrections with the edit folded in
Fold = Callable[[Corrections, pd.Series, dict[str, object]], Corrections]


def edited_rows(key: str) -> dict[int, dict[str, object]]:
    return {int(i): change for i, change in st.session_state.get(key, {}).get("edited_rows", {}).items()}


def correction_editor(
    table: pd.DataFrame, prefix: str, editable: list[str], column_config: dict[str, object], fold: Fold
) -> None:
    """A data editor whose every edit is folded into the session's corrections before the next run.

    Its key carries a digest of the corrections, so after an edit a fresh editor shows the corrected table
    and the same edit is never applied twice."""
    key = state.editor_key(prefix)

    def save() -> None:
        fixes = state.corrections()
        for index, change in edited_rows(key).items():
            fixes = fold(fixes, table.iloc[index], change)
        state.set_corrections(fixes)

    st.data_editor(
        safe_frame(table),  # shown neutralised (the toolbar exports CSV); folded from the original rows
        key=key,
        hide_index=True,
        width="stretch",
        disabled=[c for c in table.columns if c not in editable],
        column_config=column_config,
        on_change=save,
    )
