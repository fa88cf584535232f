"""Date cells -> timestamps, with the day/month order decided once per column from its values."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd
from dateutil import parser as date_parser

from applytics.text import clean_text

ORDERS = ("dmy", "mdy")
ORDER_LABELS = {"dmy": "day/month/year", "mdy": "month/day/year", "iso": "year-month-day"}
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_NUMERIC = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})(?:[ ,T]+\d{1,2}(?::\d{2}){1,2}(?:\s*[ap]m)?)?$", re.I)
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
_EMBEDDED = re.compile(r"(?<!\d)(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}([/.-])\d{1,2}\2(?:\d{4}|\d{2}))(?!\d)")
_NO_YEAR = re.compile(r"^(\d{1,2})([/.])(\d{1,2})$")
_NO_YEAR_SENTINEL = 1900
GUESS = "no value settles it (every number is 12 or less), so this is a guess: check it"


@dataclass(frozen=True)
class ParsedDates:
    """A column's dates, the order used, and what could not be read (value -> row count)."""

    values: pd.Series
    order: str | None
    note: str | None
    unparsed: dict[str, int] = field(default_factory=dict)


def _from_serial(number: float) -> pd.Timestamp | None:
    if 20_000 <= number <= 80_000:
        return pd.Timestamp(_EXCEL_EPOCH + dt.timedelta(days=float(number)))
    return None


def decide_order(texts: list[str]) -> tuple[str | None, str | None]:
    """dd/mm vs mm/dd for a column: a first part above 12 proves day-first, a second part above 12 month-first."""
    pairs = [(int(m[1]), int(m[3]), m[2]) for m in (_numeric_match(t) for t in texts) if m]
    if not pairs:
        return None, None
    day_first = sum(1 for a, _, _ in pairs if a > 12)
    month_first = sum(1 for _, b, _ in pairs if b > 12)
    if day_first and not month_first:
        return "dmy", f"a first number above 12 in {day_first} value(s)"
    if month_first and not day_first:
        return "mdy", f"a second number above 12 in {month_first} value(s)"
    if day_first or month_first:
        order = "dmy" if day_first >= month_first else "mdy"
        return order, f"mixed evidence ({day_first} day-first vs {month_first} month-first values); the majority won"
    separators = {sep for _, _, sep in pairs}
    order = "mdy" if separators == {"/"} else "dmy"
    return order, GUESS


def _numeric_match(text: str) -> re.Match[str] | None:
    """dd/mm/yyyy-like text, alone, first of several ('8/5/2019 & 8/14/2019'), or without a year ('9/19')."""
    if m := _NUMERIC.match(text):
        return m
    if m := _NO_YEAR.match(text):
        return m
    if (m := _EMBEDDED.search(text)) and not _ISO.match(m[1]):
        return _NUMERIC.match(m[1])
    return None


def _parse_text(text: str, order: str | None) -> pd.Timestamp | None:
    if m := _NO_YEAR.match(text):
        a, b = int(m[1]), int(m[3])
        day, month = (a, b) if order == "dmy" else (b, a)
        return _safe_timestamp(_NO_YEAR_SENTINEL, month, day)
    if (m := _EMBEDDED.search(text)) and m[0] != text and len(text) <= 60:
        return _parse_text(m[1], order)
    if m := _ISO.match(text):
        return _safe_timestamp(int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMERIC.match(text):
        a, b, year = int(m[1]), int(m[3]), int(m[4])
        year = year + 2000 if year < 100 else year
        day, month = (a, b) if order != "mdy" else (b, a)
        return _safe_timestamp(year, month, day)
    if _SERIAL.match(text):
        return _from_serial(float(text))
    if not re.search(r"[a-zA-Z]{3}|\d{1,2}[/.-]\d{1,2}", text) or len(text) > 40:
        return None
    try:
        parsed = date_parser.parse(text, dayfirst=order != "mdy", default=dt.datetime(_NO_YEAR_SENTINEL, 1, 1))
    except (ValueError, OverflowError):
        return None
    return pd.Timestamp(parsed)


def looks_like_date(value: object) -> bool:
    """A cell that parse_dates would read as a date (used to tell date columns from flag columns)."""
    if isinstance(value, (dt.date, dt.datetime, pd.Timestamp)):
        return True
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_serial(float(value)) is not None
    text = clean_text(value)
    return bool(text) and any(_parse_text(text, order) is not None for order in ORDERS)


def _safe_timestamp(year: int, month: int, day: int) -> pd.Timestamp | None:
    try:
        return pd.Timestamp(dt.datetime(year, month, day))
    except ValueError:
        return None


def _parse_cell(value: object, order: str | None) -> pd.Timestamp | None:
    if isinstance(value, pd.Timestamp):
        return value
    if isinstance(value, dt.datetime):
        return pd.Timestamp(value)
    if isinstance(value, dt.date):
        return pd.Timestamp(dt.datetime(value.year, value.month, value.day))
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return _from_serial(float(value))
    text = clean_text(value)
    return _parse_text(text, order) if text else None


def parse_dates(column: pd.Series, order: str | None = None, proven: str | None = None) -> ParsedDates:
    """Parse each distinct value once; the order is taken as given or decided from the values.

    `proven` is the order the sheet's other date columns prove: one person typed the sheet, so a column
    whose own values settle nothing follows it rather than a guess."""
    column = _month_day_numbers_as_text(column)
    present = column[column.notna()]
    distinct = list(dict.fromkeys(present.tolist()))
    note = None
    if order is None:
        order, why = decide_order([str(v).strip() for v in distinct if isinstance(v, str)])
        if why == GUESS and proven:
            order, why = proven, "its own values settle nothing, so it follows the order the sheet's other dates prove"
        if order:
            note = f"read as {ORDER_LABELS[order]}: {why}"
    parsed = {value: _parse_cell(value, order) for value in distinct}
    inferred = _infer_missing_years(parsed)
    if inferred:
        years = f"{inferred} value(s) had no year; each got the year that puts it nearest the column's other dates"
        note = f"{note}; {years}" if note else years
    failed = [value for value, stamp in parsed.items() if stamp is None and clean_text(value)]
    counts = present[present.isin(failed)].astype(str).value_counts() if failed else {}
    unparsed = {str(value): int(counts.get(str(value), 1)) for value in failed}
    values = pd.to_datetime(column.map(lambda v: parsed.get(v) if v is not None else None), errors="coerce")
    return ParsedDates(values.dt.normalize(), order, note, unparsed)


def _is_month_day_number(value: object) -> bool:
    """9.1 or 10.15 typed into a date column: a month and a day with a dot, which the sheet stored as a number."""
    if not isinstance(value, float) or value.is_integer() or not 1 <= value < 13:
        return False
    return 1 <= round((value - int(value)) * 100) <= 31 or 1 <= round((value - int(value)) * 10) <= 9


def _month_day_numbers_as_text(column: pd.Series) -> pd.Series:
    """In a column that also holds real dates, numbers like 9.1 become the text '9.1', read as a date without a
    year (its order decided with the column's other such values, its year taken from the real dates)."""
    distinct = column.dropna().unique()
    numbers = {v: f"{v:.2f}".rstrip("0") for v in distinct if _is_month_day_number(v)}
    if not numbers or not any(isinstance(v, (dt.date, dt.datetime, pd.Timestamp)) or _is_serial(v) for v in distinct):
        return column
    return column.map(lambda v: numbers.get(v, v) if isinstance(v, float) else v)


def _is_serial(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and _from_serial(float(value)) is not None


def date_share(values: pd.Series, most: int = 60) -> float:
    """The share of a column's filled cells that read as dates (month.day numbers beside real dates count)."""
    return date_share_of_counts(values.dropna().value_counts(), most)


def date_share_of_counts(counts: pd.Series, most: int = 60) -> float:
    """date_share from a column's value counts: judged on the `most` commonest distinct values, each once,
    weighted by how often it appears: evidence, not a parse of the whole column."""
    labels = _month_day_numbers_as_text(pd.Series(counts.index, dtype=object))
    judged = [(v, int(n)) for v, n in zip(labels, counts.to_numpy(), strict=True) if clean_text(v) is not None]
    judged = judged[:most]
    total = sum(n for _, n in judged)
    if not total:
        return 0.0
    return sum(n for v, n in judged if not _wordy(v) and looks_like_date(v)) / total


def _wordy(value: object) -> bool:
    """Text without a digit ('Acme', 'Rejected') is no date, whatever a lenient parser makes of it."""
    return isinstance(value, str) and not any(ch.isdigit() for ch in value)


def _infer_missing_years(parsed: dict[object, pd.Timestamp | None]) -> int:
    """'8-Jul' has no year: take the year that puts it nearest the column's dated values. Returns how many."""
    dated = [s for s in parsed.values() if s is not None and s.year != _NO_YEAR_SENTINEL]
    missing = sum(1 for s in parsed.values() if s is not None and s.year == _NO_YEAR_SENTINEL)
    if not missing:
        return 0
    anchor = pd.Series(dated).median() if dated else pd.Timestamp.today()
    for value, stamp in parsed.items():
        if stamp is not None and stamp.year == _NO_YEAR_SENTINEL:
            candidates = []
            for year in (anchor.year - 1, anchor.year, anchor.year + 1):
                candidate = _safe_timestamp(year, stamp.month, stamp.day)
                if candidate is not None:
                    candidates.append(candidate)
            parsed[value] = min(candidates, key=lambda c: abs(c - anchor)) if candidates else None
    return missing
