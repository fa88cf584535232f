"""The dashboard's filters (applied-date range, source, role, candidate), the same in the app and the CLI.

Filters narrow the resolved frame (metrics.resolve_outcomes) and nothing else: a filter change never reads the
file again, and every page reads the same narrowed frame.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from applytics.errors import ImportProblem
from applytics.intake.normalize import map_distinct
from applytics.schema import APPLIED_ON, ROLE, SOURCE

CANDIDATE = "candidate"
# --filter keys, in the order the message lists them
FILTER_KEYS = ("applied_from", "applied_to", "source", "role", "candidate")


@dataclass(frozen=True)
class Filters:
    """No bound and empty tuples mean "no filter" on that field; values within a field are alternatives."""

    applied_from: dt.date | None = None
    applied_to: dt.date | None = None
    sources: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    candidates: tuple[str, ...] = ()

    def as_record(self) -> dict[str, object]:
        """The filters that are set, as JSON values (what a share link stores): dates as ISO text, lists."""
        record: dict[str, object] = {}
        for name, value in (("applied_from", self.applied_from), ("applied_to", self.applied_to)):
            if value is not None:
                record[name] = value.isoformat()
        for name, values in (("source", self.sources), ("role", self.roles), ("candidate", self.candidates)):
            if values:
                record[name] = list(values)
        return record

    @property
    def active(self) -> bool:
        return bool(
            self.applied_from is not None
            or self.applied_to is not None
            or self.sources
            or self.roles
            or self.candidates
        )


def _texts(column: pd.Series) -> pd.Series:
    """Each cell as text (None when missing), converted once per distinct value: a column repeats a few."""
    return map_distinct(column, lambda value: None if pd.isna(value) else str(value))


def _distinct_texts(column: pd.Series) -> set[str]:
    return {str(value) for value in column.dropna().unique() if str(value).strip()}


def apply_filters(resolved: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The applications that pass every filter, in their order, with a fresh index.

    Dates compare on the day of `applied_on`, both bounds included. An undated application is excluded only
    when a date bound is set (nothing shows it was sent in the range); with no bound it is kept. Sources match
    the canonical `source` values (as filter_options lists them), roles the `role` column as written,
    candidates the `candidate` column; a candidate filter on a frame without that column is ignored.
    `Filters()` returns `resolved` itself, unchanged.
    """
    if not filters.active:
        return resolved
    keep = pd.Series(True, index=resolved.index)
    days = pd.to_datetime(resolved[APPLIED_ON]).dt.normalize()
    if filters.applied_from is not None:
        keep &= (days >= pd.Timestamp(filters.applied_from)).fillna(False)
    if filters.applied_to is not None:
        keep &= (days <= pd.Timestamp(filters.applied_to)).fillna(False)
    for column, wanted in ((SOURCE, filters.sources), (ROLE, filters.roles), (CANDIDATE, filters.candidates)):
        if wanted and column in resolved.columns:
            keep &= _texts(resolved[column]).isin(set(wanted))
    return resolved[keep.astype(bool)].reset_index(drop=True)


def filter_options(resolved: pd.DataFrame) -> dict[str, list[str]]:
    """Sorted distinct values of each filterable text field: source, role and (when present) candidate."""
    options: dict[str, list[str]] = {}
    for column in (SOURCE, ROLE, CANDIDATE):
        if column in resolved.columns:
            options[column] = sorted(_distinct_texts(resolved[column]))
    return options


def _usage(got: str) -> ImportProblem:
    return ImportProblem(f"--filter expects key=value with key one of {', '.join(FILTER_KEYS)}; got “{got}”.")


def parse_filter_args(items: list[str]) -> Filters:
    """`--filter key=value`, repeatable: `source=LinkedIn --filter source=Referral` keeps either source;
    applied_from / applied_to take YYYY-MM-DD (the last one given wins)."""
    bounds: dict[str, dt.date] = {}
    values: dict[str, list[str]] = {"source": [], "role": [], "candidate": []}
    for item in items:
        key, equals, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if not equals or key not in FILTER_KEYS or not value:
            raise _usage(item)
        if key in values:
            values[key].append(value)
            continue
        try:
            bounds[key] = dt.date.fromisoformat(value)
        except ValueError:
            raise ImportProblem(f"--filter {key} expects a date as YYYY-MM-DD; got “{value}”.") from None
    return Filters(
        applied_from=bounds.get("applied_from"),
        applied_to=bounds.get("applied_to"),
        sources=tuple(dict.fromkeys(values["source"])),
        roles=tuple(dict.fromkeys(values["role"])),
        candidates=tuple(dict.fromkeys(values["candidate"])),
    )
