"""Rates by segment (source, résumé version, …), each compared with the rest by Fisher's exact test."""

from __future__ import annotations

import re

import pandas as pd
from scipy.stats import false_discovery_control, fisher_exact

from applytics.analytics.metrics import funnel, wilson
from applytics.intake.normalize import map_distinct
from applytics.schema import (
    APPLIED_ON,
    FIELD_LABELS,
    RATES,
    ROLE,
    SEGMENT_FIELDS,
    USER_SEGMENT_PREFIX,
    decided_outbound,
    outbound,
)

MIN_SEGMENT = 10
ALPHA = 0.05
MAX_VALUES = 12  # beyond this, the rarest values of a segment are pooled as "Other"
SEGMENT_LABELS = {**{f: FIELD_LABELS[f] for f in SEGMENT_FIELDS}, ROLE: "Role", "month": "Month applied"}
SEGMENT_COLUMNS = [
    "segment", "segment_label", "value", "metric", "k", "n", "rate", "low", "high",
    "rest_k", "rest_n", "rest_rate", "effect", "p_value", "p_adjusted", "verdict",
]  # fmt: skip


def segment_columns(resolved: pd.DataFrame) -> list[str]:
    """Columns worth breaking down by: known segment fields, role, month applied and user segments."""
    present = [f for f in SEGMENT_FIELDS if f in resolved.columns and resolved[f].notna().any()]
    if ROLE in resolved.columns and resolved[ROLE].notna().any():
        present.append(ROLE)
    if APPLIED_ON in resolved.columns and resolved[APPLIED_ON].notna().any():
        present.append("month")
    present += [c for c in resolved.columns if c.startswith(USER_SEGMENT_PREFIX)]
    return [c for c in present if c != "candidate"]


def segment_label(column: str) -> str:
    """'resume_version' -> 'Résumé version'; a column the user marked keeps its own header."""
    return SEGMENT_LABELS.get(column, column.removeprefix(USER_SEGMENT_PREFIX))


def _segment_values(decided: pd.DataFrame, column: str) -> pd.Series:
    if column == "month":
        return decided[APPLIED_ON].dt.strftime("%Y-%m")
    values = decided[column].astype(object).where(decided[column].notna(), "(blank)")
    if column == ROLE:  # per distinct title: a tracker repeats the same few titles over thousands of rows
        values = map_distinct(values, role_family)
    counts = values.value_counts()
    if len(counts) > MAX_VALUES:
        keep = set(counts.index[: MAX_VALUES - 1])
        values = values.where(values.isin(keep), "Other")
    return values


_SENIORITY = re.compile(
    r"\b(senior|sr|junior|jr|lead|principal|staff|mid[- ]?level|entry[- ]?level|head of|intern|graduate|"
    r"i{1,3}|iv|chief|associate)\b\.?",
    re.IGNORECASE,
)


def role_family(role: object) -> object:
    """'Senior Data Analyst' and 'Data Analyst' are one role to compare; seniority is a segment of its own."""
    if not isinstance(role, str):
        return role
    family = " ".join(_SENIORITY.sub(" ", role).split())
    return family[:1].upper() + family[1:] if family else role


def segment_rates(resolved: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """One row per segment value and metric over decided outbound applications, with the verdict vs the rest.

    p-values are adjusted (Benjamini–Hochberg) within each breakdown and metric, so scanning the many
    values of a segment does not manufacture a 'difference' by chance.
    """
    decided = decided_outbound(resolved)
    rows: list[dict[str, object]] = []
    outcomes = {rate.key: rate.hits(decided) for rate in RATES}
    for column in columns if columns is not None else segment_columns(resolved):
        values = _segment_values(decided, column)
        label = segment_label(column)
        codes, uniques = pd.factorize(values)  # one integer compare per value, not an object-array compare
        if len(uniques) < 2:
            continue
        for code in sorted(range(len(uniques)), key=lambda c: str(uniques[c])):
            value, inside = uniques[code], pd.Series(codes == code, index=values.index)
            for metric, hit in outcomes.items():
                rows.append(_compare(column, label, str(value), metric, hit, inside))
    table = pd.DataFrame(rows, columns=SEGMENT_COLUMNS)
    return _adjust(table)


def _compare(column: str, label: str, value: str, metric: str, hit: pd.Series, inside: pd.Series) -> dict[str, object]:
    k, n = int((hit & inside).sum()), int(inside.sum())
    rest_k, rest_n = int((hit & ~inside).sum()), int((~inside).sum())
    rate = wilson(k, n)
    p_value = None
    if n >= MIN_SEGMENT and rest_n >= MIN_SEGMENT:
        p_value = float(fisher_exact([[k, n - k], [rest_k, rest_n - rest_k]]).pvalue)
    return {
        "segment": column,
        "segment_label": label,
        "value": value,
        "metric": metric,
        "k": k,
        "n": n,
        "rate": rate.value,
        "low": rate.low,
        "high": rate.high,
        "rest_k": rest_k,
        "rest_n": rest_n,
        "rest_rate": rest_k / rest_n if rest_n else None,
        "effect": (k / n - rest_k / rest_n) if n and rest_n else None,
        "p_value": p_value,
    }


def _adjust(table: pd.DataFrame) -> pd.DataFrame:
    table = table.copy()
    table["p_adjusted"] = None
    for (_, _), family in table.groupby(["segment", "metric"]):
        tested = family.index[family["p_value"].notna()]
        if len(tested):
            table.loc[tested, "p_adjusted"] = false_discovery_control(table.loc[tested, "p_value"].astype(float))
    table["verdict"] = pd.Series([_verdict(row) for row in table.itertuples()], index=table.index, dtype=object)
    return table


def _verdict(row: object) -> str:
    if row.n < MIN_SEGMENT:
        return "too few to judge"
    if row.p_adjusted is None or pd.isna(row.p_adjusted):
        return "nothing to compare with"
    if row.p_adjusted < ALPHA:
        return "higher than the rest" if row.effect > 0 else "lower than the rest"
    return "no clear difference"


def stage_heat(resolved: pd.DataFrame, column: str) -> pd.DataFrame:
    """Segment value x stage step: the funnel's conversion (k of n, Wilson) computed within each value."""
    sent = outbound(resolved)
    values = _segment_values(sent, column)
    codes, uniques = pd.factorize(values)
    rows = []
    for code in sorted(range(len(uniques)), key=lambda c: str(uniques[c])):
        value = uniques[code]
        steps = funnel(sent[codes == code]).iloc[1:]
        for step in steps.itertuples():
            rows.append(
                {
                    "value": str(value),
                    "stage": step.stage,
                    "k": int(step.k),
                    "n": int(step.n),
                    "rate": step.conversion,
                    "low": step.low,
                    "high": step.high,
                }
            )
    return pd.DataFrame(rows, columns=["value", "stage", "k", "n", "rate", "low", "high"])
