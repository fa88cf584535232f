"""Bytes -> sheets of cells, through python-calamine or the csv module, after `guard` has passed the file."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePath

import python_calamine

from applytics.errors import ImportProblem
from applytics.intake import guard
from applytics.intake.guard import DEFAULT_LIMITS, Limits

Cell = object  # str | float | bool | date | datetime | None, as the sheet holds it

SPREADSHEET_EXTENSIONS = ("xlsx", "xlsm", "xls", "ods", "csv", "tsv", "txt")
DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: list[list[Cell]]
    merged: tuple[tuple[int, int, int, int], ...] = ()  # (first row, first col, last row, last col), 0-based


@dataclass(frozen=True)
class Workbook:
    filename: str
    kind: str  # "xlsx", "ods", "xls", "csv"
    sheets: list[Sheet]
    notes: list[str] = field(default_factory=list)

    def sheet(self, name: str) -> Sheet:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise ImportProblem(
            f"The file has no sheet named “{name}”.",
            f"Its sheets are: {', '.join(s.name for s in self.sheets)}.",
        )


def read_workbook(data: bytes, filename: str, limits: Limits = DEFAULT_LIMITS) -> Workbook:
    """Read any supported tracker file; anything else becomes an ImportProblem with a reason."""
    name = PurePath(filename or "upload").name
    guard.refuse_oversize_or_empty(data, name, limits)
    head = data[:512]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _read_zip_spreadsheet(data, name, limits)
    if head.startswith(_OLE2_MAGIC):
        return _read_ole2(data, name, limits)
    guard.refuse_known_non_spreadsheets(head, name)
    return _read_delimited(data, name, limits)


def _read_zip_spreadsheet(data: bytes, name: str, limits: Limits) -> Workbook:
    archive = guard.open_zip(data, name, limits)
    names = set(archive.namelist())
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        kind = "xlsb" if "xl/workbook.bin" in names else "xlsx"
    elif any(n.startswith("content.xml") for n in names) and "mimetype" in names:
        kind = "ods"
    elif any(n.startswith("word/") for n in names):
        raise ImportProblem(
            f"“{name}” is a Word document, not a spreadsheet.",
            "If your tracker is a table in Word, copy it into a spreadsheet and save as .xlsx.",
        )
    else:
        raise ImportProblem(
            f"“{name}” is a zip archive without a spreadsheet inside.",
            "Upload the .xlsx, .ods or .csv file itself.",
        )
    guard.scan_xml_parts(archive, name, limits)
    return _read_with_calamine(data, name, kind, limits)


def _read_ole2(data: bytes, name: str, limits: Limits) -> Workbook:
    guard.refuse_encrypted_ole2(data, name)
    guard.scan_xls(data, name, limits)
    return _read_with_calamine(data, name, "xls", limits)


def _read_with_calamine(data: bytes, name: str, kind: str, limits: Limits) -> Workbook:
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        texts: dict[str, str | None] = {}
        for meta in book.sheets_metadata:
            if str(meta.typ) not in ("SheetTypeEnum.WorkSheet", "WorkSheet"):
                continue
            sheet = book.get_sheet_by_name(meta.name)
            guard.check_shape(sheet.height, sheet.width, name, meta.name, limits)
            # iter_rows numbers rows from the sheet's first but columns from its first filled one: pad them back
            kept = _KeptCells(name, meta.name, limits, sheet.start[1] if sheet.height else 0, texts)
            for row in itertools.islice(sheet.iter_rows(), limits.max_rows + 50):
                kept.add(row)
            merged = tuple((a, b, c, d) for (a, b), (c, d) in (sheet.merged_cell_ranges or []))
            sheets.append(Sheet(meta.name, kept.rows(), merged))
    except ImportProblem:
        raise
    except python_calamine.PasswordError:
        raise guard.password_problem(name) from None
    except Exception as exc:  # calamine raises several types for broken files
        raise ImportProblem(
            f"“{name}” could not be read as a {kind} spreadsheet ({type(exc).__name__}: {exc}).",
            "Open it in your spreadsheet program and save it again, or export it as CSV.",
        ) from None
    if not sheets:
        raise ImportProblem(f"“{name}” has no worksheets.", "Add your applications to a sheet and upload again.")
    return Workbook(name, kind, sheets)


_NEW = object()  # a text not seen yet in this workbook


class _KeptCells:
    """A sheet's rows as they are read, one at a time, so the parser's copy of a row is gone once it is kept.

    Blank text becomes None and each distinct text is kept once (a tracker repeats a few words in every row: one
    shared string costs 8 bytes a cell, a string of its own about 55); more than Limits.max_texts different texts
    are refused. Trailing empty rows and columns go."""

    def __init__(
        self, name: str, sheet: str, limits: Limits, pad: int = 0, texts: dict[str, str | None] | None = None
    ) -> None:
        self._name, self._sheet, self._limit = name, sheet, limits.max_texts
        self._rows: list[list[Cell]] = []
        # Every text seen in the workbook (its sheets share it), mapped to the one string kept, or None if blank.
        self._texts: dict[str, str | None] = {} if texts is None else texts
        self._pad: list[Cell] = [None] * pad

    def add(self, row: list[Cell]) -> None:
        seen = self._texts.get
        cells = [seen(c, _NEW) if type(c) is str else c for c in (self._pad + row if self._pad else row)]
        if _NEW in cells:  # texts met for the first time: a few rows at the start, then rarely
            cells = [self._first(c) if k is _NEW else k for c, k in zip(self._pad + row, cells, strict=True)]
        self._rows.append(cells)

    def _first(self, text: str) -> str | None:
        kept = None if not text or text.isspace() else text
        self._texts[text] = kept
        if len(self._texts) > self._limit:
            raise ImportProblem(
                f"“{self._name}” holds more than {self._limit:,} different texts (by row {len(self._rows) + 1:,} "
                f"of sheet “{self._sheet}”); the limit is {self._limit:,}.",
                "A tracker repeats its words (companies, statuses, sources): delete the columns of unique codes "
                "or pasted lists you do not need, then upload again, or keep one year per file.",
            )
        return kept

    def add_counted(self) -> None:
        """A row past the limit: counted (the message gives the true row count), not kept."""
        self._rows.append([])

    def __len__(self) -> int:
        return len(self._rows)

    def rows(self) -> list[list[Cell]]:
        rows = self._rows
        widths = [_filled_width(row) for row in rows]
        while widths and widths[-1] == 0:
            rows.pop()
            widths.pop()
        width = max(widths, default=0)
        for row in rows:
            if len(row) > width:
                del row[width:]
            elif len(row) < width:
                row.extend([None] * (width - len(row)))
        return rows


def _filled_width(row: list[Cell]) -> int:
    width = len(row)
    while width and row[width - 1] is None:
        width -= 1
    return width


def decode_text(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read with: BOMs first, then UTF-8, then the Windows code page."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", " (with BOM)")
            except UnicodeDecodeError:
                break
    sample = data[:4000]
    if sample and sample.count(b"\x00") > len(sample) // 4:
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text:
                return text, encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most consistent number of fields."""
    lines = [line for line in text.splitlines()[:60] if line.strip()]
    if not lines:
        return ","
    best, best_score = ",", -1.0
    for delimiter in DELIMITERS:
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:  # a field over the size limit with this delimiter: the read proper will say where
            continue
        modal = max(set(counts), key=counts.count)
        if modal < 2:
            continue
        score = counts.count(modal) / len(counts) + min(modal, 30) / 1000
        if score > best_score:
            best, best_score = delimiter, score
    return best


_LONE_CR = re.compile(r"\r(?!\n)")


def _lines(text: str) -> Iterable[str]:
    """The lines of `text`, each with its end, for csv.reader: what io.StringIO(text, newline="") gives, without
    its copy of the whole text at 4 bytes a character. Lines end at "\n" ("\r\n" too), or at "\r" in a text with
    no "\n" (old Mac files); a text mixing lone "\r" with "\n" goes through io.StringIO, which splits at both.
    csv.reader joins the lines of a quoted field itself."""
    if "\n" in text and _LONE_CR.search(text):
        return io.StringIO(text, newline="")
    return _split_lines(text, "\n" if "\n" in text else "\r")


def _split_lines(text: str, end: str) -> Iterator[str]:
    start = 0
    while (found := text.find(end, start)) >= 0:
        yield text[start : found + 1]
        start = found + 1
    if start < len(text):
        yield text[start:]


def _read_delimited(data: bytes, name: str, limits: Limits) -> Workbook:
    text, encoding = decode_text(data)
    if "\x00" in text or guard.looks_binary(text):
        raise ImportProblem(
            f"“{name}” is not a spreadsheet or text table (it contains binary data).",
            "Upload the .xlsx, .ods or .csv file of your tracker.",
        )
    sheet_name = PurePath(name).stem or "Sheet1"
    csv.field_size_limit(limits.max_field_chars)  # process-wide: set on every read, so no upload inherits another's
    kept = _KeptCells(name, sheet_name, limits)
    cells = 0  # every field read: a 10 MB file of one-letter fields is 5 million cells, each a Python object
    delimiter = sniff_delimiter(text)
    try:
        for record in csv.reader(_lines(text), delimiter=delimiter):
            if len(record) > limits.max_cols:
                guard.check_shape(0, len(record), name, sheet_name, limits)
            cells += len(record)
            if cells > limits.max_cells:
                raise ImportProblem(
                    f"“{name}” holds more than {limits.max_cells:,} cells (by line {len(kept) + 1:,}); "
                    f"the limit is {limits.max_cells:,}.",
                    "Delete the columns the tracker does not need (or empty rows full of separators), "
                    "and upload again.",
                )
            if len(kept) <= limits.max_rows + 50:
                kept.add(record)
            else:
                kept.add_counted()
    except csv.Error as exc:
        raise ImportProblem(
            f"“{name}” could not be read as CSV near line {len(kept) + 1} ({exc}).",
            "A cell may hold an unclosed quote or be extremely long; check that line, or re-export the CSV.",
        ) from None
    guard.check_shape(len(kept), 0, name, sheet_name, limits)
    rows = kept.rows()
    if not rows:
        raise ImportProblem(f"“{name}” has no rows.", "Choose the file that holds your applications.")
    note = f"Read as text: {encoding}, {_DELIMITER_NAMES[delimiter]}-separated."
    return Workbook(name, "csv", [Sheet(sheet_name, rows)], [note])
