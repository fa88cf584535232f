"""Spreadsheet exports: the cleaned table as CSV, and an Excel report with the metric tables and native charts.

Every text cell goes through `export.safe_cell` (via `safe_frame` for the cleaned table) and is written as a
string cell, so no cell becomes a formula whatever it holds; dates are real Excel dates. The bytes depend only
on the input: the workbook says it was made on the as-of date, and every zip entry carries that date too.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from typing import IO

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.writer.excel import ExcelWriter

from applytics.analytics.cohort import COHORT_RATES, cohort_table, is_cohort
from applytics.analytics.metrics import MetricParams, funnel, kpis, resolve_outcomes
from applytics.analytics.pace import DEFAULT_GOAL, weekly_counts
from applytics.analytics.reasons import reason_pareto, rejections, rejections_by_stage
from applytics.analytics.segments import segment_rates
from applytics.intake.pipeline import ImportResult
from applytics.present.export import safe_cell, safe_frame
from applytics.schema import (
    FURTHEST_STAGE,
    MATURE,
    OUTCOME,
    OUTCOME_LABELS,
    RATE_BY_KEY,
    RATES,
    ROW,
    SOURCE,
    STAGE_LABELS,
)

MAX_CELL_CHARS = 32_767  # Excel's limit for one cell
TRUNCATED = "…"
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0%"
BOLD = Font(bold=True)
SHEETS = ("About", "KPIs", "Funnel", "By source", "Reasons", "Data")
# Characters XML 1.0 cannot carry at all (openpyxl would write them and Excel would "repair" the file).
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def resolved_of(result: ImportResult, params: MetricParams, resolved: pd.DataFrame | None) -> pd.DataFrame:
    """The frame every page reads: the caller's (the dashboard has it cached), else resolved here."""
    return resolve_outcomes(result.normalized.apps, params) if resolved is None else resolved


def cleaned_table(result: ImportResult, resolved: pd.DataFrame) -> pd.DataFrame:
    """The Data page's "Cleaned table": one row per application as the dashboard counts it, stage and outcome in
    words, then every original column as text ("original: <header>"). Not yet made safe: see safe_frame."""
    shown = resolved.drop(columns=[MATURE]).reset_index(drop=True)
    shown[FURTHEST_STAGE] = shown[FURTHEST_STAGE].astype(object).map(lambda s: STAGE_LABELS.get(s, s))
    shown[OUTCOME] = shown[OUTCOME].astype(object).map(lambda o: OUTCOME_LABELS.get(o, o))
    normalized = result.normalized
    raw = normalized.table_frame.loc[normalized.raw_rows]  # indexed by sheet row, in the applications' order
    raw = raw.add_prefix("original: ").astype(str).replace({"None": ""})
    if ROW in shown.columns and raw.index.is_unique:
        # Each application's own cells, by its sheet row: the as-of day or a filter may have left rows out.
        raw = raw.reindex(shown[ROW].to_numpy()).fillna("")
    return pd.concat([shown, raw.reset_index(drop=True)], axis=1)


def csv_export(result: ImportResult, params: MetricParams, *, resolved: pd.DataFrame | None = None) -> bytes:
    """The cleaned table as CSV: UTF-8 with a byte-order mark (so Excel reads accents), dates as YYYY-MM-DD, every
    text cell and header made inert (export.safe_frame)."""
    table = safe_frame(cleaned_table(result, resolved_of(result, params, resolved)))
    text = table.to_csv(index=False, date_format="%Y-%m-%d", lineterminator="\r\n")
    return text.encode("utf-8-sig")


# ---------------------------------------------------------------- cells


def _text(value: str) -> str:
    text = str(safe_cell(value))
    if not text.isascii():
        text = _NOT_XML.sub("\ufffd", text)
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - len(TRUNCATED)] + TRUNCATED
    return text


def _cell(sheet: WriteOnlyWorksheet, value: object, number_format: str | None = None) -> object:
    """One cell as Excel should hold it: text always a string cell (never a formula or an error code), a
    timestamp a date, a missing value an empty cell, numbers as numbers."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, _text(value))
        cell.data_type = "s"  # set after the value: openpyxl reads "=…" as a formula and "#N/A" as an error
        return cell
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, pd.Timestamp | dt.datetime):
        stamp = pd.Timestamp(value)
        if stamp.tzinfo is not None:
            stamp = stamp.tz_convert(None)
        cell = WriteOnlyCell(sheet, stamp.to_pydatetime())
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, int | np.integer):
        number: float | int = int(value)
    elif isinstance(value, float | np.floating):
        if math.isnan(value) or math.isinf(value):
            return None
        number = float(value)
    else:  # lists, decimals, anything else a cell may hold: as text
        return _cell(sheet, str(value))
    if number_format is None:
        return number
    cell = WriteOnlyCell(sheet, number)
    cell.number_format = number_format
    return cell


def _header(sheet: WriteOnlyWorksheet, names: Iterable[str]) -> list[object]:
    cells = []
    for name in names:
        cell = _cell(sheet, name)
        cell.font = BOLD
        cells.append(cell)
    return cells


def _row(sheet: WriteOnlyWorksheet, values: Sequence[object], formats: Sequence[str | None] = ()) -> list[object]:
    formats = list(formats) + [None] * (len(values) - len(formats))
    return [_cell(sheet, value, number_format) for value, number_format in zip(values, formats, strict=True)]


def _widths(sheet: WriteOnlyWorksheet, widths: Sequence[float]) -> None:
    for position, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(position)].width = width


# ---------------------------------------------------------------- sheets

RATE_FORMATS = (None, None, None, PERCENT_FORMAT, PERCENT_FORMAT, PERCENT_FORMAT)


def _about(book: Workbook, result: ImportResult, params: MetricParams, applications: int) -> None:
    sheet = book.create_sheet("About")
    _widths(sheet, (24, 90))
    rows = [
        ("Applytics report", None),
        ("File", result.filename),
        ("Sheet", "each file's own (see the Data page)" if result.is_cohort else result.sheet),
        ("As of", params.as_of),
        ("Ghosted after", f"{params.ghost_after_days} days of silence"),
        ("Applications", applications),
        (None, None),
        ("KPIs", "each rate with its count (k of n) and its Wilson 95% interval"),
        ("Funnel", "applications reaching each stage, and the conversion from the stage before"),
        ("By source", "the rates per source, each compared with the other sources"),
        ("Reasons", "rejections by reason category and by the stage they came at"),
        ("Data", "the cleaned table, one row per application, then your original columns"),
        (None, None),
        ("Note", "A text cell that a spreadsheet would run as a formula starts with an apostrophe; line breaks "
                 "inside a cell show as ↵."),
    ]  # fmt: skip
    for number, (label, value) in enumerate(rows):
        cells = _row(sheet, [label, value])
        if number == 0 or (label is not None and value is not None):
            cells[0].font = BOLD
        sheet.append(cells)


def _kpi_sheet(book: Workbook, resolved: pd.DataFrame) -> None:
    """Rows 2-5: schema.RATES over decided outbound applications; row 6: ghosted, a share of all applications.
    Rows 9-14: the counts the rates are built on."""
    figures = kpis(resolved)
    sheet = book.create_sheet("KPIs")
    _widths(sheet, (30, 8, 8, 10, 10, 10, 60))
    sheet.freeze_panes = "A2"
    sheet.append(_header(sheet, ["Figure", "k", "n", "Rate", "95% low", "95% high", "What it counts"]))
    for rate in RATES:
        value = figures.rate(rate.key)
        words = f"of the decided applications you sent, how many {rate.hit_words}"
        sheet.append(
            _row(sheet, [rate.label, value.k, value.n, value.value, value.low, value.high, words], RATE_FORMATS)
        )
    ghosted = figures.ghosted
    sheet.append(
        _row(
            sheet,
            ["Ghosted", ghosted.k, ghosted.n, ghosted.value, ghosted.low, ghosted.high, "of all applications, "
             "how many had no reply and no activity for the ghost window"],
            RATE_FORMATS,
        )
    )  # fmt: skip
    sheet.append([])
    sheet.append(_header(sheet, ["Count", "Number"]))
    for label, count in (
        ("Applications", figures.applications),
        ("Sent by you (outbound)", figures.outbound),
        ("Recruiter contacts (inbound)", figures.inbound),
        ("Decided (the rates' n)", figures.mature),
        ("Pending (too young to judge)", figures.pending),
        ("Without an application date", figures.undated),
    ):
        sheet.append(_row(sheet, [label, count]))


def _funnel_sheet(book: Workbook, resolved: pd.DataFrame) -> None:
    """A2:A5 the stages, B2:B5 how many reached each; the chart draws those cells."""
    stages = funnel(resolved)
    sheet = book.create_sheet("Funnel")
    _widths(sheet, (14, 10, 12, 12, 12, 10, 10, 14))
    sheet.freeze_panes = "A2"
    sheet.append(
        _header(
            sheet,
            ["Stage", "Reached", "Moved on (k)", "Decided (n)", "Conversion", "95% low", "95% high", "Still open"],
        )
    )
    for row in stages.itertuples():
        sheet.append(
            _row(
                sheet,
                [STAGE_LABELS[row.stage], row.reached, row.k, row.n, row.conversion, row.low, row.high, row.still_open],
                (None, None, None, None, PERCENT_FORMAT, PERCENT_FORMAT, PERCENT_FORMAT, None),
            )
        )
    chart = BarChart()
    chart.type = "bar"
    chart.title = "Applications reaching each stage"
    chart.style = 10
    chart.legend = None
    chart.add_data(Reference(sheet, min_col=2, min_row=1, max_row=1 + len(stages)), titles_from_data=True)
    _text_categories(chart, Reference(sheet, min_col=1, min_row=2, max_row=1 + len(stages)))
    chart.x_axis.scaling.orientation = "maxMin"  # Applied on top, as the dashboard draws it
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.title = "applications"
    chart.height, chart.width = 8, 16
    sheet.add_chart(chart, "J2")


def _text_categories(chart: BarChart, labels: Reference) -> None:
    """Category labels as a string reference (set_categories writes a number reference, which Excel shows as
    1, 2, 3 when the cells hold text)."""
    for series in chart.series:
        series.cat = AxDataSource(strRef=StrRef(f=str(labels)))


RATE_COLUMNS = ("yes", "rate", "95% low", "95% high", "verdict")


def source_table(resolved: pd.DataFrame) -> pd.DataFrame:
    """segment_rates of the source, one row per source: n, then k, rate, low, high and verdict per schema.RATES."""
    rates = segment_rates(resolved, [SOURCE])
    rows = []
    for source, group in rates.groupby("value", sort=False):
        by_metric = {row.metric: row for row in group.itertuples()}
        row: dict[str, object] = {"source": source, "n": int(group["n"].iloc[0])}
        for rate in RATES:
            found = by_metric[rate.key]
            row |= {
                f"{rate.key} yes": int(found.k),
                f"{rate.key} rate": found.rate,
                f"{rate.key} 95% low": found.low,
                f"{rate.key} 95% high": found.high,
                f"{rate.key} verdict": found.verdict,
            }
        rows.append(row)
    columns = ["source", "n", *(f"{rate.key} {part}" for rate in RATES for part in RATE_COLUMNS)]
    return pd.DataFrame(rows, columns=columns)


def rate_column(key: str) -> int:
    """The sheet column (1-based) of a rate's value in "By source"."""
    position = [rate.key for rate in RATES].index(key)
    return 3 + position * len(RATE_COLUMNS) + 1


def _source_sheet(book: Workbook, resolved: pd.DataFrame) -> None:
    table = source_table(resolved)
    sheet = book.create_sheet("By source")
    _widths(sheet, (24, 10, *([10, 10, 10, 10, 18] * len(RATES))))
    sheet.freeze_panes = "B2"
    headers = ["Source", "Decided (n)"]
    formats: list[str | None] = [None, None]
    for rate in RATES:
        headers += [f"{rate.label}: yes", rate.label, f"{rate.label}: 95% low", f"{rate.label}: 95% high",
                    f"{rate.label}: verdict"]  # fmt: skip
        formats += [None, PERCENT_FORMAT, PERCENT_FORMAT, PERCENT_FORMAT, None]
    sheet.append(_header(sheet, headers))
    if table.empty:
        sheet.append(
            _row(sheet, ["Your file has no source column with at least two sources among decided applications."])
        )
        return
    for row in table.itertuples(index=False):
        sheet.append(_row(sheet, list(row), formats))
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "clustered"
    chart.title = "Rates by source (decided applications)"
    chart.style = 10
    for rate in RATES:
        column = rate_column(rate.key)
        chart.add_data(Reference(sheet, min_col=column, min_row=1, max_row=1 + len(table)), titles_from_data=True)
    _text_categories(chart, Reference(sheet, min_col=1, min_row=2, max_row=1 + len(table)))
    chart.y_axis.number_format = PERCENT_FORMAT
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.height, chart.width = 9, 20
    sheet.add_chart(chart, f"A{len(table) + 4}")


def _reasons_sheet(book: Workbook, resolved: pd.DataFrame) -> None:
    rejected = rejections(resolved)
    sheet = book.create_sheet("Reasons")
    _widths(sheet, (44, 12, 16))
    sheet.append(_header(sheet, ["Reason", "Rejections", "Cumulative share"]))
    if rejected.empty:
        sheet.append(_row(sheet, ["No rejections recorded."]))
        return
    for row in reason_pareto(rejected).itertuples():
        sheet.append(_row(sheet, [row.label, row.count, row.cumulative_share], (None, None, PERCENT_FORMAT)))
    sheet.append([])
    sheet.append(_header(sheet, ["Rejected", "Rejections"]))
    for row in rejections_by_stage(rejected).itertuples():
        sheet.append(_row(sheet, [row.stage, row.count]))


def _pace_sheet(book: Workbook, resolved: pd.DataFrame, as_of: dt.date, goal: int) -> None:
    """Outbound applications per ISO week (pace.weekly_counts: weeks without one are zero rows) against the goal."""
    weekly = weekly_counts(resolved, as_of, goal)
    sheet = book.create_sheet("Pace")
    _widths(sheet, (16, 14, 14, 12, 12))
    sheet.append(_row(sheet, [f"Weekly goal: {goal:,} applications"]))
    sheet.append(_header(sheet, ["Week starting", "Applications", "Cumulative", "Complete", "Met goal"]))
    if weekly.empty:
        sheet.append(_row(sheet, ["No dated outbound application on or before the as-of date."]))
        return
    for row in weekly.itertuples():
        sheet.append(_row(sheet, [row.week_start, row.applications, row.cumulative, row.complete, row.met]))


def _cohort_sheet(book: Workbook, resolved: pd.DataFrame, params: MetricParams, goal: int) -> None:
    """Candidates side by side (the Cohort page's table): counts, pace against `goal`, and each rate as k, n, rate
    and its 95% interval, in cells of their own."""
    cohort = cohort_table(resolved, params, goal)
    sheet = book.create_sheet("Cohort")
    headers = ["Candidate", "Applications", "Per week", "Goal weeks met", "Complete weeks"]
    for key in COHORT_RATES:
        label = RATE_BY_KEY[key].label
        headers += [f"{label}: k", f"{label}: n", label, f"{label}: low", f"{label}: high"]
    headers.append("Median days to reply")
    _widths(sheet, [18] + [12] * (len(headers) - 1))
    sheet.append(_header(sheet, headers))
    rate_format = (None, None, PERCENT_FORMAT, PERCENT_FORMAT, PERCENT_FORMAT)
    for r in cohort.itertuples():
        values: list[object] = [r.candidate, r.applications, r.per_week, r.goal_weeks_met, r.complete_weeks]
        formats: list[str | None] = [None, None, "0.0", None, None]
        for key in COHORT_RATES:
            values += [getattr(r, f"{key}_{part}") for part in ("k", "n", "rate", "low", "high")]
            formats += rate_format
        values.append(r.median_reply_days)
        formats.append("0.0")
        sheet.append(_row(sheet, values, formats))


def _data_sheet(book: Workbook, result: ImportResult, resolved: pd.DataFrame) -> None:
    table = safe_frame(cleaned_table(result, resolved))
    sheet = book.create_sheet("Data")
    sheet.freeze_panes = "A2"
    _widths(sheet, [14] * len(table.columns))
    sheet.append(_header(sheet, [str(c) for c in table.columns]))
    columns = [table.iloc[:, position].tolist() for position in range(len(table.columns))]
    for values in zip(*columns, strict=True):
        sheet.append([_cell(sheet, value) for value in values])


# ---------------------------------------------------------------- the workbook


class _FixedTimeZipFile(zipfile.ZipFile):
    """Every entry stamped `date_time` instead of the time of writing (openpyxl adds entries with writestr and
    write, both through open(..., "w"))."""

    date_time: tuple[int, int, int, int, int, int] = (1980, 1, 1, 0, 0, 0)

    def open(
        self, name: str | zipfile.ZipInfo, mode: str = "r", pwd: bytes | None = None, *, force_zip64: bool = False
    ) -> IO[bytes]:
        if mode == "w":
            if not isinstance(name, zipfile.ZipInfo):
                info = zipfile.ZipInfo(name, date_time=self.date_time)
                info.compress_type = self.compression
                info._compresslevel = self.compresslevel
                name = info
            name.date_time = self.date_time
        return super().open(name, mode, pwd, force_zip64=force_zip64)


def _stamp(as_of: dt.date) -> dt.datetime:
    """Midnight of the as-of date, within the zip format's years (1980-2107)."""
    return dt.datetime(min(max(as_of.year, 1980), 2107), as_of.month, as_of.day)


def excel_report(
    result: ImportResult,
    params: MetricParams,
    *,
    resolved: pd.DataFrame | None = None,
    goal: int = DEFAULT_GOAL,
) -> bytes:
    """The .xlsx report: About, KPIs, Funnel (with a bar chart of it), By source (with a chart of the rates),
    Reasons, Pace (weeks against `goal`), Cohort (for a file of two candidates or more) and Data (the cleaned
    table). Same input, same bytes."""
    frame = resolved_of(result, params, resolved)
    book = Workbook(write_only=True)
    _about(book, result, params, len(frame))
    _kpi_sheet(book, frame)
    _funnel_sheet(book, frame)
    _source_sheet(book, frame)
    _reasons_sheet(book, frame)
    _pace_sheet(book, frame, params.as_of, goal)
    if is_cohort(frame):
        _cohort_sheet(book, frame, params, goal)
    _data_sheet(book, result, frame)
    made = _stamp(params.as_of)
    book.properties.creator = "Applytics"
    book.properties.title = "Applytics report"
    book.properties.created = made
    book.properties.modified = made
    buffer = io.BytesIO()
    archive = _FixedTimeZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    archive.date_time = made.timetuple()[:6]
    ExcelWriter(book, archive).save()  # not save_workbook: it would stamp `modified` with the clock
    return buffer.getvalue()
