"""dates: date cells -> timestamps, with the day/month order decided per column and said.

Why: 05/03 is March 5th in Paris and May 3rd in Boston. A wrong guess silently moves
applications across months and breaks the ghosting window, so the order comes from the
values when they settle it, and the note says which order was used and why.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from applytics.intake.dates import date_share, decide_order, looks_like_date, parse_dates


def column(*values: object) -> pd.Series:
    return pd.Series(list(values), dtype=object)


def as_dates(series: pd.Series) -> list[dt.date | None]:
    return [None if pd.isna(v) else v.date() for v in series]


# ---------------------------------------------------------------- decide_order


def test_a_first_number_above_12_proves_day_first() -> None:
    order, why = decide_order(["13/01/2024", "01/02/2024"])
    assert order == "dmy"
    assert "1 value" in why  # one value (13/01) settles it


def test_a_second_number_above_12_proves_month_first() -> None:
    order, why = decide_order(["01/13/2024", "02/25/2024", "03/01/2024"])
    assert order == "mdy"
    assert "2 value" in why  # 01/13 and 02/25


def test_mixed_evidence_follows_the_majority_and_says_so() -> None:
    # day-first: 13/01, 25/02 (2) vs month-first: 01/14 (1)
    order, why = decide_order(["13/01/2024", "25/02/2024", "01/14/2024"])
    assert order == "dmy"
    assert "mixed" in why


@pytest.mark.parametrize(("values", "expected"), [(["01/02/2024", "03/04/2024"], "mdy"), (["01-02-2024"], "dmy")])
def test_unsettled_columns_are_a_guess_that_says_so(values: list[str], expected: str) -> None:
    # slashes alone read US-style; dashes or dots are European habits
    order, why = decide_order(values)
    assert order == expected
    assert "guess" in why


def test_iso_and_words_need_no_order() -> None:
    assert decide_order(["2024-03-05", "March 5, 2024", "45292"]) == (None, None)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31)), max_size=15),
    st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31)).filter(lambda d: d.day > 12),
    st.sampled_from(["/", "-", "."]),
    st.booleans(),
    st.randoms(use_true_random=False),
)
def test_any_day_month_list_with_a_day_above_12_reads_day_first(
    dates: list[dt.date], settling: dt.date, sep: str, with_time: bool, rnd: object
) -> None:
    values = [*dates, settling]
    rnd.shuffle(values)
    texts = [f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}" + (" 17:00" if with_time else "") for d in values]
    assert decide_order(texts)[0] == "dmy"
    parsed = parse_dates(column(*texts))
    assert parsed.order == "dmy"
    assert as_dates(parsed.values) == values


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31)), max_size=15),
    st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31)).filter(lambda d: d.day > 12),
)
def test_any_month_day_list_with_a_day_above_12_reads_month_first(dates: list[dt.date], settling: dt.date) -> None:
    values = [settling, *dates]
    texts = [f"{d.month}/{d.day}/{d.year}" for d in values]
    parsed = parse_dates(column(*texts))
    assert parsed.order == "mdy"
    assert as_dates(parsed.values) == values


# ---------------------------------------------------------------- parse_dates, format by format


def test_iso_dates_and_date_times() -> None:
    parsed = parse_dates(column("2024-03-05", "2023-12-31T09:30:00", "2024-02-29 17:00"))
    assert as_dates(parsed.values) == [dt.date(2024, 3, 5), dt.date(2023, 12, 31), dt.date(2024, 2, 29)]
    assert parsed.order is None and parsed.note is None and parsed.unparsed == {}


def test_day_first_column_and_its_note() -> None:
    # 25/12 can only be day-first, so 05/03 is the 5th of March
    parsed = parse_dates(column("05/03/2024", "25/12/2023"))
    assert as_dates(parsed.values) == [dt.date(2024, 3, 5), dt.date(2023, 12, 25)]
    assert parsed.order == "dmy"
    assert "day/month/year" in parsed.note


def test_month_first_column_and_its_note() -> None:
    # 12/25 can only be month-first, so 03/05 is the 5th of March
    parsed = parse_dates(column("03/05/2024", "12/25/2023"))
    assert as_dates(parsed.values) == [dt.date(2024, 3, 5), dt.date(2023, 12, 25)]
    assert parsed.order == "mdy"
    assert "month/day/year" in parsed.note


def test_day_month_year_with_dashes_and_two_digit_years() -> None:
    parsed = parse_dates(column("16-01-2026", "02-02-2026", "05.03.24"))
    assert as_dates(parsed.values) == [dt.date(2026, 1, 16), dt.date(2026, 2, 2), dt.date(2024, 3, 5)]
    assert parsed.order == "dmy"


def test_date_times_with_a_clock_time() -> None:
    # 25/09 settles day-first; the 17:00 is dropped: an application date is a day
    parsed = parse_dates(column("06/09/2023 17:00", "25/09/2023 09:30"))
    assert as_dates(parsed.values) == [dt.date(2023, 9, 6), dt.date(2023, 9, 25)]
    assert list(parsed.values) == [pd.Timestamp(2023, 9, 6), pd.Timestamp(2023, 9, 25)]


def test_excel_serials_as_numbers_and_as_text() -> None:
    # serial 45292: 1899-12-30 + 45292 days. 1900-01-01..2024-01-01 is 124 years with 30 leap days
    # (1904..2020; 1900 is not leap) = 124*365 + 30 = 45290 days, plus Dec 30 and 31 of 1899 = 45292 -> 2024-01-01
    parsed = parse_dates(column(45292, 45292.0, "45292", 45292.75, "45293.5"))
    assert as_dates(parsed.values) == [dt.date(2024, 1, 1)] * 4 + [dt.date(2024, 1, 2)]


def test_real_date_cells() -> None:
    parsed = parse_dates(column(dt.date(2024, 3, 5), dt.datetime(2024, 3, 6, 17, 45), pd.Timestamp("2024-03-07 08:00")))
    assert list(parsed.values) == [pd.Timestamp(2024, 3, 5), pd.Timestamp(2024, 3, 6), pd.Timestamp(2024, 3, 7)]


def test_dates_without_a_year_take_the_nearest_year_and_say_so() -> None:
    # anchor = the dated values (2023-09-01); 9/19 -> 2023-09-19 (18 days) beats 2022 or 2024
    parsed = parse_dates(column("2023-09-01", "9/19"))
    assert as_dates(parsed.values) == [dt.date(2023, 9, 1), dt.date(2023, 9, 19)]
    assert "no year" in parsed.note


def test_a_year_less_date_can_fall_in_the_previous_year() -> None:
    # anchor 2024-01-05: Dec 28 is 8 days back in 2023, but 358 days ahead in 2024
    parsed = parse_dates(column("2024-01-05", "2024-01-05", "Dec 28"))
    assert as_dates(parsed.values)[2] == dt.date(2023, 12, 28)


def test_a_date_inside_text_is_found() -> None:
    parsed = parse_dates(column("Before 2025-01-24"))
    assert as_dates(parsed.values) == [dt.date(2025, 1, 24)]


def test_unreadable_values_are_counted_not_dropped() -> None:
    parsed = parse_dates(column("ASAP", "2024-01-05", "ASAP", "soon", "31/02/2024", 2023))
    # 31 February does not exist; 2023 is a year, not an Excel serial (those start near 20000)
    assert parsed.unparsed == {"ASAP": 2, "soon": 1, "31/02/2024": 1, "2023": 1}
    assert as_dates(parsed.values) == [None, dt.date(2024, 1, 5), None, None, None, None]


def test_blanks_and_placeholders_are_missing_not_unparsed() -> None:
    parsed = parse_dates(column(None, float("nan"), "", "n/a", "-", "TBD", "2024-01-05"))
    assert as_dates(parsed.values) == [None] * 6 + [dt.date(2024, 1, 5)]
    assert parsed.unparsed == {}


def test_a_given_order_overrides_detection() -> None:
    # the user says month-first: 05/03 is May 3rd even though nothing in the column settles it
    parsed = parse_dates(column("05/03/2024"), order="mdy")
    assert as_dates(parsed.values) == [dt.date(2024, 5, 3)]
    assert parsed.order == "mdy"
    assert parsed.note is None


def test_the_index_is_kept() -> None:
    # normalize aligns dates with sheet row numbers through the index
    values = pd.Series(["2024-01-05", None, "2024-01-07"], index=[4, 5, 9], dtype=object)
    assert list(parse_dates(values).values.index) == [4, 5, 9]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", True),
        ("05/03/2024", True),
        (45292, True),
        (dt.date(2024, 3, 5), True),
        ("Y", False),
        ("Yes", False),
        (3, False),
        (True, False),
        ("", False),
    ],
)
def test_looks_like_date(value: object, expected: bool) -> None:
    assert looks_like_date(value) is expected


# ---------------------------------------------------------------- never raises

CELLS = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.from_regex(r"\d{1,2}[/.-]\d{1,2}([/.-]\d{2,4})?( \d{1,2}:\d{2})?", fullmatch=True),
    st.from_regex(r"[A-Za-z]{3,9} \d{1,4}", fullmatch=True),
    st.from_regex(r"\d{5}(\.\d{1,3})?", fullmatch=True),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(CELLS, max_size=10))
def test_parse_dates_never_raises_and_keeps_the_length(values: list[object]) -> None:
    parsed = parse_dates(pd.Series(values, dtype=object))
    assert len(parsed.values) == len(values)
    assert pd.api.types.is_datetime64_any_dtype(parsed.values)
    assert parsed.order in (None, "dmy", "mdy")
    # every unreadable value is reported with a positive count
    assert all(count >= 1 for count in parsed.unparsed.values())
    # a parsed value is always a whole day
    assert all(pd.isna(v) or v == v.normalize() for v in parsed.values)


@settings(max_examples=100, deadline=None)
@given(st.dates(dt.date(1950, 1, 1), dt.date(2150, 12, 31)))
def test_iso_text_round_trips(day: dt.date) -> None:
    assert as_dates(parse_dates(column(day.isoformat())).values) == [day]


# ---------------------------------------------------------------- issue #8: month.day numbers beside real dates


def test_month_day_numbers_in_a_date_column_get_the_columns_year() -> None:
    """9.1 and 10.15 typed into a column of real dates are 1 Sep and 15 Oct; 10.15 proves month first."""
    column = pd.Series([9.1, 10.15, dt.datetime(2020, 9, 19), 8.25, None], dtype=object)
    parsed = parse_dates(column)
    assert parsed.values.tolist()[:4] == [
        pd.Timestamp(2020, 9, 1),
        pd.Timestamp(2020, 10, 15),
        pd.Timestamp(2020, 9, 19),
        pd.Timestamp(2020, 8, 25),
    ]
    assert pd.isna(parsed.values.iloc[4])
    assert parsed.order == "mdy"
    assert "had no year" in parsed.note


def test_small_numbers_without_real_dates_stay_numbers() -> None:
    """'Days to reply' holds 14 and 9.5: a duration, not a date."""
    parsed = parse_dates(pd.Series([14.0, 9.5, 3.0], dtype=object))
    assert parsed.values.isna().all()
    assert date_share(pd.Series([14.0, 9.5, 3.0], dtype=object)) == 0.0


def test_date_share_counts_filled_cells_only() -> None:
    column = pd.Series([dt.date(2026, 9, 1), "Rejected", None, "", dt.date(2026, 9, 3), "12/09/2026"], dtype=object)
    assert date_share(column) == 3 / 4
