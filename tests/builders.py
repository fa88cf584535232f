"""Fixture files built in the tests themselves, in the image of real trackers (never copies of them).

Every builder gives byte-identical files for identical input, whatever the clock says: a file's length and
bytes feed hypothesis strategies (a byte to damage, a place to cut), and bounds that move between runs make
hypothesis refuse the test (FlakyStrategyDefinition). So no builder lets the clock into a file: workbook
properties say BUILT_AT, and every zip entry is stamped ZIP_DATE_TIME (see FixedTimeZipFile).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import zipfile
from typing import IO

import openpyxl
import pandas as pd
from openpyxl.writer.excel import ExcelWriter

from applytics.schema import STAGES

BUILT_AT = dt.datetime(2026, 1, 1)  # what every built file says about when it was made (naive = UTC, as openpyxl)
ZIP_DATE_TIME = (2026, 1, 1, 0, 0, 0)


class FixedTimeZipFile(zipfile.ZipFile):
    """A ZipFile that stamps every entry it writes with ZIP_DATE_TIME instead of the time of writing.

    writestr(name), write(path) and open(name, "w") all pass through open(..., "w"), so this covers each way an
    entry is added (openpyxl uses writestr and write), and streamed entries as well.
    """

    def open(
        self, name: str | zipfile.ZipInfo, mode: str = "r", pwd: bytes | None = None, *, force_zip64: bool = False
    ) -> IO[bytes]:
        if mode == "w":
            if not isinstance(name, zipfile.ZipInfo):  # as ZipFile.open makes it, but with a fixed date
                info = zipfile.ZipInfo(name, date_time=ZIP_DATE_TIME)
                info.compress_type = self.compression
                info._compresslevel = self.compresslevel
                name = info
            name.date_time = ZIP_DATE_TIME
        return super().open(name, mode, pwd, force_zip64=force_zip64)


def workbook_bytes(book: openpyxl.Workbook) -> bytes:
    """`book` saved as openpyxl saves it (openpyxl.writer.excel.save_workbook), less the clock.

    Workbook() sets properties.created to now, and save_workbook sets properties.modified to now just before
    writing docProps/core.xml; both are set to BUILT_AT here, and the writer is run without save_workbook so
    nothing overwrites `modified`. The zip entries get ZIP_DATE_TIME.
    """
    book.properties.created = BUILT_AT
    book.properties.modified = BUILT_AT
    buffer = io.BytesIO()
    ExcelWriter(book, FixedTimeZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    return buffer.getvalue()


def xls_bytes(sheets: dict[str, dict[tuple[int, int], object]]) -> bytes:
    """An Excel 97-2003 .xls (BIFF8 in an OLE2 container) as xlwt writes it: cells given by (row, column), 0-based.
    xlwt records no clock, so the bytes are the same on every call."""
    import xlwt

    book = xlwt.Workbook()
    for name, cells in sheets.items():
        sheet = book.add_sheet(name)
        for (row, col), value in cells.items():
            sheet.write(row, col, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    """An .xlsx with one sheet per entry, rows written as given (None = empty cell)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    return workbook_bytes(book)


BASE_KEYS = frozenset({"stage", "outcome", "applied", "response", "last", "direction"})


def day(text: str | None) -> pd.Timestamp:
    return pd.NaT if text is None else pd.Timestamp(text)


def application_frame(
    rows: list[dict[str, object]],
    applied: str | None = None,
    last_falls_back_to: tuple[str, ...] = ("applied",),
) -> pd.DataFrame:
    """Applications as applytics.intake.normalize types them, from short dicts (stage, outcome, applied, response, last,
    direction); other keys become columns. `applied` is the default application date; the last activity
    is `last`, else the first of `last_falls_back_to` that a row has."""

    def applied_of(row: dict[str, object]) -> object:
        return row.get("applied", applied)

    def last_of(row: dict[str, object]) -> object:
        if "last" in row:
            return row["last"]
        for key in last_falls_back_to:
            value = applied_of(row) if key == "applied" else row.get(key)
            if value:
                return value
        return None

    frame = pd.DataFrame(
        {
            "row": range(2, 2 + len(rows)),
            "applied_on": pd.to_datetime([day(applied_of(r)) for r in rows]),
            "furthest_stage": pd.Categorical(
                [r.get("stage", "applied") for r in rows], categories=STAGES, ordered=True
            ),
            "outcome": pd.Series([r.get("outcome", "active") for r in rows], dtype=object),
            "direction": pd.Series([r.get("direction", "outbound") for r in rows], dtype=object),
            "first_response_on": pd.to_datetime([day(r.get("response")) for r in rows]),
            "last_activity_on": pd.to_datetime([day(last_of(r)) for r in rows]),
        }
    )
    for column in sorted({k for r in rows for k in r} - BASE_KEYS):
        frame[column] = pd.Series([r.get(column) for r in rows], dtype=object)
    return frame


Z = 1.959963984540054  # the 97.5% normal quantile


def hand_wilson(k: int, n: int) -> tuple[float, float]:
    """Wilson 95% by its closed form, (p̂ + z²/2n ± z√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n), independent of lib."""
    p = k / n
    centre = p + Z * Z / (2 * n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    scale = 1 + Z * Z / n
    return (centre - half) / scale, (centre + half) / scale


def ods_package(tables_xml: str) -> bytes:
    """A minimal OpenDocument spreadsheet around <table:table> elements: stored `mimetype` first, a manifest,
    and content.xml — what LibreOffice writes, stripped to what a reader needs."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{tables_xml}</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with FixedTimeZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def csv_bytes(rows: list[list[object]], delimiter: str = ",", encoding: str = "utf-8", newline: str = "\n") -> bytes:
    """A CSV file as a spreadsheet program writes one: None as an empty cell."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(
        [["" if v is None else v for v in row] for row in rows]
    )
    return buffer.getvalue().encode(encoding)


# Column A has no header: it is read as the company from its values alone, a reading the Overview asks about first
# (the AppTest and e2e tests of "Check these readings").
GENERIC_CSV = (
    b",Status,Date applied\n"
    b"Acme Analytics,Applied,2026-09-01\n"
    b"Borealis Ltd,Rejected,2026-09-03\n"
    b"Cobalt Health,Interviewing,2026-09-05\n"
    b"Dunmore,Applied,2026-10-01\n"
)
