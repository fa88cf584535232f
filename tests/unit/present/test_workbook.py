"""workbook: the Excel report and the CSV of the cleaned data (issue 10, part 3).

Why: these files are opened in a spreadsheet program, which runs any cell that starts with = + - @ (OWASP CSV
injection) and reads a line break inside a CSV cell as a new row. Every text cell must arrive as inert text
(export.safe_cell) and be stored as a string cell, never a formula; numbers must be the hand-worked figures with
their counts and intervals; the charts must be native Excel charts drawing the metric table's cells; dates must
be dates; and the same input must give the same bytes (no clock inside the file).

The tracker is test_report's (TRACKER_ROWS, worked out by hand there). Its hostile cells: the company
"Acme\\r=1+1", the role "@SUM(1)", the notes "=1+1", "-2+3", "fine\\n+SUM(A1)" and "#DIV/0!" (an error code).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile

import openpyxl
import pandas as pd
import pytest
from builders import hand_wilson
from openpyxl.worksheet.worksheet import Worksheet
from test_report import AS_OF, COHORT_CSV, EVIL_COMPANY, PARAMS, import_rows

from applytics.analytics.metrics import MetricParams, resolve_outcomes
from applytics.intake.pipeline import ImportResult, import_tracker
from applytics.present.workbook import cleaned_table, csv_export, excel_report

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\x00")


@pytest.fixture(scope="module")
def result() -> ImportResult:
    return import_rows()


@pytest.fixture(scope="module")
def xlsx(result: ImportResult) -> bytes:
    return excel_report(result, PARAMS)


@pytest.fixture(scope="module")
def book(xlsx: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(xlsx))


def rows(sheet: Worksheet) -> list[tuple[object, ...]]:
    return list(sheet.iter_rows(values_only=True))


def column(sheet: Worksheet, header: str) -> list[object]:
    headers = [cell.value for cell in sheet[1]]
    position = headers.index(header) + 1
    return [sheet.cell(row=r, column=position).value for r in range(2, sheet.max_row + 1)]


def cells_of(book: openpyxl.Workbook, reference: str) -> list[object]:
    """The values a chart reference such as 'Funnel'!$B$2:$B$5 points at, read from the sheet."""
    sheet_name, cells = reference.rsplit("!", 1)
    sheet = book[sheet_name.strip("'")]
    if ":" not in cells:
        return [sheet[cells.replace("$", "")].value]
    return [cell.value for row in sheet[cells.replace("$", "")] for cell in row]


# ---------------------------------------------------------------- no formula, anywhere


def test_no_cell_is_a_formula_or_starts_like_one(book: openpyxl.Workbook) -> None:
    checked = 0
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.lstrip(" ").startswith(FORMULA_START), (sheet.title, cell.coordinate)
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.data_type)
                    checked += 1
    assert checked > 100


def test_the_files_xml_holds_no_formula_element(xlsx: bytes) -> None:
    """Independent of openpyxl's reader: no <f> element in any worksheet, and text is stored as inline strings."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        assert len(sheets) == 7
        for name in sheets:
            xml = archive.read(name).decode("utf-8")
            assert not re.search(r"<f[ >]", xml), name
            assert 't="inlineStr"' in xml, name


def test_hostile_cells_arrive_as_inert_text(book: openpyxl.Workbook) -> None:
    data = book["Data"]
    roles = column(data, "role")
    notes = column(data, "notes")
    assert "'@SUM(1)" in roles
    # the notes as the dashboard reads them (whitespace folded), and as typed in "original: Notes"
    assert {"'=1+1", "'-2+3", "fine +SUM(A1)", "#DIV/0!"} <= set(notes)  # an error code stays text
    assert EVIL_COMPANY in column(data, "company")  # markup is harmless in a cell: kept as typed
    companies = column(data, "company")
    acme = next(c for c in companies if c.startswith("Acme"))
    assert "=1+1" in acme and not acme.startswith("=")  # the break before the formula never starts a cell
    originals = column(data, "original: Notes")
    assert {"'=1+1", "'-2+3", "fine ↵ +SUM(A1)", "#DIV/0!"} <= set(originals)
    assert "Acme ↵ =1+1" in column(data, "original: Company")
    error_codes = [cell for row in data.iter_rows() for cell in row if cell.value == "#DIV/0!"]
    assert len(error_codes) == 2  # notes and original: Notes
    assert {cell.data_type for cell in error_codes} == {"s"}  # text, not an Excel error value


# ---------------------------------------------------------------- the figures


def test_the_kpi_table_holds_the_hand_worked_numbers(book: openpyxl.Workbook) -> None:
    table = rows(book["KPIs"])
    assert table[0][:6] == ("Figure", "k", "n", "Rate", "95% low", "95% high")
    by_label = {row[0]: row[1:6] for row in table[1:6]}
    # of 5 decided outbound applications: replied 4, a screen or further 3, an interview 2, an offer 1;
    # ghosted 1 of all 7 applications (see test_report.TRACKER_ROWS)
    expected = {
        "Response rate": (4, 5),
        "Positive response rate": (3, 5),
        "Interview rate": (2, 5),
        "Offer rate": (1, 5),
        "Ghosted": (1, 7),
    }
    assert set(by_label) == set(expected)
    for label, (k, n) in expected.items():
        got_k, got_n, rate, low, high = by_label[label]
        assert (got_k, got_n) == (k, n), label
        assert rate == pytest.approx(k / n)
        assert (low, high) == pytest.approx(hand_wilson(k, n), abs=1e-9)
    counts = {row[0]: row[1] for row in table[8:] if row[0]}
    assert counts == {
        "Applications": 7,
        "Sent by you (outbound)": 6,
        "Recruiter contacts (inbound)": 1,
        "Decided (the rates' n)": 5,
        "Pending (too young to judge)": 1,
        "Without an application date": 0,
    }
    assert book["KPIs"]["D2"].number_format == "0%"


def test_the_funnel_table_and_its_chart(book: openpyxl.Workbook) -> None:
    sheet = book["Funnel"]
    table = rows(sheet)
    # reached 7, 3, 2, 1; applied -> screen 3 of 6 (Alpha still open), screen -> interview 2 of 2 (Delta open),
    # interview -> offer 1 of 2
    assert [row[:4] for row in table[1:]] == [
        ("Applied", 7, None, None),
        ("Screen", 3, 3, 6),
        ("Interview", 2, 2, 2),
        ("Offer", 1, 1, 2),
    ]
    assert table[2][4] == pytest.approx(0.5) and table[2][5:7] == pytest.approx(hand_wilson(3, 6), abs=1e-9)
    (chart,) = sheet._charts
    (series,) = chart.series
    assert chart.tagname == "barChart"
    assert series.val.numRef.f == "'Funnel'!$B$2:$B$5"
    assert series.cat.strRef.f == "'Funnel'!$A$2:$A$5"
    assert cells_of(book, series.val.numRef.f) == [7, 3, 2, 1]
    assert cells_of(book, series.cat.strRef.f) == ["Applied", "Screen", "Interview", "Offer"]


def test_the_rates_by_source_and_their_chart(book: openpyxl.Workbook) -> None:
    """Decided outbound by source: Indeed = Epsilon (offer) and Acme (interview): 2 of 2 replied, 2 a screen, 2 an
    interview, 1 an offer; LinkedIn = Beta (ghosted): 0 of 1; Referral = Evil (rejected, a reply) and Delta
    (screen): 2 replied, 1 a screen, none further."""
    sheet = book["By source"]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:2] == ["Source", "Decided (n)"]
    (chart,) = sheet._charts
    refs = [series.val.numRef.f for series in chart.series]
    assert refs == [f"'By source'!${c}$2:${c}$4" for c in "DINS"]
    titles = [series.tx.strRef.f for series in chart.series]
    assert [cells_of(book, title)[0] for title in titles] == [
        "Response rate", "Positive response rate", "Interview rate", "Offer rate"
    ]  # fmt: skip
    assert {series.cat.strRef.f for series in chart.series} == {"'By source'!$A$2:$A$4"}
    assert cells_of(book, "'By source'!$A$2:$A$4") == ["Indeed", "LinkedIn", "Referral"]
    assert cells_of(book, "'By source'!$B$2:$B$4") == [2, 1, 2]
    assert [cells_of(book, ref) for ref in refs] == [
        [1.0, 0.0, 1.0],
        [1.0, 0.0, 0.5],
        [1.0, 0.0, 0.0],
        [0.5, 0.0, 0.0],
    ]
    yes = [headers.index(f"{label}: yes") + 1 for label in ("Response rate", "Offer rate")]
    assert [[sheet.cell(row=r, column=c).value for r in (2, 3, 4)] for c in yes] == [[2, 0, 2], [1, 0, 0]]
    assert sheet.cell(row=2, column=headers.index("Response rate: verdict") + 1).value == "too few to judge"


def test_the_reasons(book: openpyxl.Workbook) -> None:
    table = rows(book["Reasons"])
    assert table[0] == ("Reason", "Rejections", "Cumulative share")
    assert {row[0]: row[1] for row in table[1:4]} == {
        "Position filled": 1,
        "Experience gap / more experienced candidate": 1,
        "No reason given": 1,
    }
    assert table[3][2] == pytest.approx(1.0)
    # Evil and Zeta at application, Acme after an interview
    assert [row[:2] for row in table[5:]] == [
        ("Rejected", "Rejections"),
        ("at application", 2),
        ("after a screen", 0),
        ("after an interview", 1),
        ("at offer", 0),
    ]


def test_the_data_sheet_has_one_row_per_application_and_real_dates(book: openpyxl.Workbook) -> None:
    data = book["Data"]
    assert data.max_row == 1 + 7
    applied = [data.cell(row=r, column=[c.value for c in data[1]].index("applied_on") + 1) for r in range(2, 9)]
    assert all(cell.is_date for cell in applied)
    assert [cell.value for cell in applied][:2] == [dt.datetime(2024, 6, 25), dt.datetime(2024, 5, 1)]
    assert applied[0].number_format == "yyyy-mm-dd"
    assert column(data, "outcome") == [
        "Awaiting reply", "No response", "Rejected", "In progress", "Offer accepted", "Rejected", "Rejected"
    ]  # fmt: skip
    assert column(data, "furthest_stage")[3] == "Screen"
    responses = column(data, "response_on")
    assert responses[0] is None and responses[2] == dt.datetime(2024, 5, 20)  # no date: an empty cell
    assert column(data, "feedback_requested")[2] is True
    assert "Société Delta" in column(data, "company")
    assert [s.title for s in book] == ["About", "KPIs", "Funnel", "By source", "Reasons", "Pace", "Data"]
    assert book["About"]["B4"].value == dt.datetime(2024, 6, 30) and book["About"]["B4"].is_date


def test_same_input_same_bytes_dated_by_the_as_of_day(result: ImportResult, xlsx: bytes) -> None:
    assert excel_report(result, PARAMS) == xlsx
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2024, 6, 30, 0, 0, 0)}
    properties = openpyxl.load_workbook(io.BytesIO(xlsx)).properties
    assert properties.created == properties.modified == dt.datetime(2024, 6, 30)
    assert dt.date(2024, 6, 30) == AS_OF


def test_a_tracker_without_sources_or_rejections() -> None:
    """The tables say there is nothing to show instead of drawing an empty chart."""
    bare = import_tracker(b"Company,Status\nAlpha,Applied\nBeta,Phone screen\n", "bare.csv")
    book = openpyxl.load_workbook(io.BytesIO(excel_report(bare, PARAMS)))
    assert book["By source"]._charts == []
    assert book["By source"]["A2"].value.startswith("Your file has no source column")
    assert rows(book["Reasons"])[1][0] == "No rejections recorded."
    assert len(book["Funnel"]._charts) == 1


# ---------------------------------------------------------------- CSV


@pytest.fixture(scope="module")
def csv_data(result: ImportResult) -> bytes:
    return csv_export(result, PARAMS)


def test_csv_is_utf8_with_a_bom_and_one_row_per_application(csv_data: bytes) -> None:
    assert csv_data.startswith(b"\xef\xbb\xbf")
    text = csv_data.decode("utf-8-sig")
    records = list(csv.reader(io.StringIO(text, newline="")))
    assert len(records) == 1 + 7  # the line breaks inside cells became marks: no cell split into rows
    header = records[0]
    assert header[:3] == ["row", "company", "role"]
    assert "Société Delta" in [record[1] for record in records]
    frame = pd.read_csv(io.BytesIO(csv_data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert len(frame) == 7
    assert frame["applied_on"].tolist()[:2] == ["2024-06-25", "2024-05-01"]
    assert frame["outcome"].tolist()[0] == "Awaiting reply"


def test_no_csv_cell_starts_with_a_formula_character(csv_data: bytes) -> None:
    records = list(csv.reader(io.StringIO(csv_data.decode("utf-8-sig"), newline="")))
    cells = [cell for record in records for cell in record]
    assert not [cell for cell in cells if cell.lstrip(" ").startswith(FORMULA_START)]
    assert {"'=1+1", "'-2+3", "'@SUM(1)", "fine ↵ +SUM(A1)"} <= set(cells)
    assert not any("\r" in cell or "\n" in cell for cell in cells)


def test_csv_same_input_same_bytes(result: ImportResult, csv_data: bytes) -> None:
    assert csv_export(result, PARAMS) == csv_data


def test_the_cleaned_table_keeps_each_applications_own_cells_when_rows_are_left_out() -> None:
    """As of 2026-10-15, Cobalt (sent 10-20) is left out: the original columns of every row that stays must still
    be that application's own (joined by sheet row, never by position), and Dunmore keeps "Dunmore"."""
    tracker = (
        "Company,Role,Date applied,Status\n"
        "Acme,Analyst,2026-09-01,Applied\nBorealis,Analyst,2026-09-05,Rejected\n"
        "Cobalt,Analyst,2026-10-20,Applied\nDunmore,Analyst,2026-09-15,Applied\n"
    )
    result = import_tracker(tracker.encode(), "t.csv")
    resolved = resolve_outcomes(result.normalized.apps, MetricParams(dt.date(2026, 10, 15), 30))
    table = cleaned_table(result, resolved)
    assert list(table["company"]) == ["Acme", "Borealis", "Dunmore"]
    assert list(table["original: Company"]) == ["Acme", "Borealis", "Dunmore"]
    assert list(table["row"]) == [2, 3, 5]
    only_dunmore = cleaned_table(result, resolved[resolved["company"] == "Dunmore"])  # as a filter leaves it
    assert list(only_dunmore["original: Company"]) == ["Dunmore"]


def test_the_pace_sheet_counts_every_week_against_the_goal(result: ImportResult) -> None:
    # test_report.test_the_pace_section_at_the_goal_chosen works these out: 13 ISO weeks from Monday 1 April to
    # Monday 24 June 2024 (the as-of Sunday ends the last one), one outbound application in six of them.
    pace = openpyxl.load_workbook(io.BytesIO(excel_report(result, PARAMS, goal=1)))["Pace"]
    table = rows(pace)
    assert table[0] == ("Weekly goal: 1 applications",) + (None,) * 4
    assert table[1] == ("Week starting", "Applications", "Cumulative", "Complete", "Met goal")
    mondays = [dt.datetime(2024, 4, 1) + dt.timedelta(weeks=week) for week in range(13)]
    counts = [1, 0, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 1]
    cumulative = [sum(counts[: week + 1]) for week in range(13)]
    assert table[2:] == [
        (monday, count, total, True, count >= 1)
        for monday, count, total in zip(mondays, counts, cumulative, strict=True)
    ]
    assert pace["A3"].number_format == "yyyy-mm-dd"


def test_a_cohort_file_gets_a_cohort_sheet_of_its_candidates() -> None:
    # The figures of test_report.test_a_cohort_file_gets_a_cohort_section_before_the_data (worked out there), in
    # cells of their own: k, n, the rate and its Wilson 95% bounds for response, interview and offer.
    data = excel_report(import_tracker(COHORT_CSV, "cohort.csv"), PARAMS, goal=1)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert [s.title for s in book] == ["About", "KPIs", "Funnel", "By source", "Reasons", "Pace", "Cohort", "Data"]
    table = rows(book["Cohort"])
    assert table[0][:8] == ("Candidate", "Applications", "Per week", "Goal weeks met", "Complete weeks",
                            "Response rate: k", "Response rate: n", "Response rate")  # fmt: skip

    def rate(k: int, n: int) -> tuple[object, ...]:
        return (k, n, k / n, *hand_wilson(k, n))

    expected = {
        "Ana": ("Ana", 3, 1.0, 1, 3, *rate(2, 2), *rate(1, 2), *rate(0, 2), None),
        "Ben": ("Ben", 2, 0.5, 2, 4, *rate(1, 1), *rate(1, 1), *rate(1, 1), None),
    }
    assert len(table) == 3
    for row in table[1:]:
        assert row == pytest.approx(expected[row[0]]), row
