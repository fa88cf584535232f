"""Pre-parse safety: every check a file passes before any parser sees it.

Size, type sniffing, zip-bomb caps, entity declarations, row/column/cell caps (far cells, ODS repeats) and
passwords. Each refusal is an ImportProblem that says what was found, where, and how to fix it. Nothing
here builds a table: the checks stream or count, so a hostile file costs little to refuse.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePath

import defusedxml.ElementTree as safe_et
from defusedxml import DefusedXmlException

from applytics.errors import ImportProblem


@dataclass(frozen=True)
class Limits:
    """Caps that keep a hostile or accidental file from costing unbounded time or memory."""

    max_bytes: int = 10 * 1024 * 1024
    max_rows: int = 100_000
    max_cols: int = 500
    max_uncompressed_bytes: int = 150 * 1024 * 1024
    max_compression_ratio: float = 200.0
    max_zip_entries: int = 2_000
    max_field_chars: int = 100_000
    max_cells: int = 3_000_000  # rows x columns of the range a parser would build


DEFAULT_LIMITS = Limits()


def refuse_oversize_or_empty(data: bytes, name: str, limits: Limits) -> None:
    if len(data) > limits.max_bytes:
        raise ImportProblem(
            f"“{name}” is {len(data) / 1e6:.1f} MB; the limit is {limits.max_bytes / 1e6:.0f} MB.",
            "A tracker is usually far smaller: save only the tracker sheet, or export it as CSV.",
        )
    if not data.strip():
        raise ImportProblem(f"“{name}” is empty.", "Choose the file that holds your applications.")


def refuse_known_non_spreadsheets(head: bytes, name: str) -> None:
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith(b"%pdf"):
        raise ImportProblem(
            f"“{name}” is a PDF document, not a spreadsheet.",
            "Upload the .xlsx, .ods or .csv file of your tracker.",
        )
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")) or re.search(
        rb"<(html|head|body|!doctype html)[\s>]", lowered[:1024]
    ):
        raise ImportProblem(
            f"“{name}” is a web page (HTML/XML), not a spreadsheet.",
            "If this came from Google Sheets, use File → Download → .xlsx or .csv instead of saving the page.",
        )
    if head.startswith((b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        raise ImportProblem(
            f"“{name}” is a compressed archive or an image, not a spreadsheet.",
            "Upload the .xlsx, .ods or .csv file of your tracker.",
        )


def open_zip(data: bytes, name: str, limits: Limits) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError, OSError) as exc:
        raise ImportProblem(
            f"“{name}” looks like an Excel/ODS file but is damaged or incomplete ({exc}).",
            "Open it in your spreadsheet program and save it again, or export it as CSV.",
        ) from None
    if len(entries) > limits.max_zip_entries:
        raise ImportProblem(
            f"“{name}” holds {len(entries):,} parts; a spreadsheet has a few dozen.",
            "This is not a tracker we can open safely. Export the tracker sheet as CSV.",
        )
    unpacked = sum(e.file_size for e in entries)
    packed = sum(e.compress_size for e in entries) or 1
    if unpacked > limits.max_uncompressed_bytes or unpacked / packed > limits.max_compression_ratio:
        raise ImportProblem(
            f"“{name}” would unpack to {unpacked / 1e6:,.0f} MB from {len(data) / 1e6:,.2f} MB "
            "(a compression bomb, or a sheet far larger than a tracker).",
            "Save only the tracker sheet, or export it as CSV.",
        )
    return archive


_DECLARATIONS = tuple(
    word.encode(encoding) for word in ("<!DOCTYPE", "<!ENTITY") for encoding in ("ascii", "utf-16-le", "utf-16-be")
)
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="[A-Z]+\d+:([A-Z]+)(\d+)"')
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")


def scan_xml_parts(archive: zipfile.ZipFile, name: str, limits: Limits) -> None:
    try:
        _scan_parts(archive, name, limits)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise ImportProblem(
            f"“{name}” looks like an Excel/ODS file but is damaged or incomplete ({exc}).",
            "Open it in your spreadsheet program and save it again, or export it as CSV.",
        ) from None


def _scan_parts(archive: zipfile.ZipFile, name: str, limits: Limits) -> None:
    """One streamed pass over every XML part before any parser runs: entity declarations are refused
    (spreadsheet programs never write them), and each worksheet's rows are counted so a million-row sheet
    is refused without being built in memory. The zip caps have already bounded what is read."""
    labels = _sheet_names_by_part(archive)
    for entry in archive.infolist():
        if not entry.filename.endswith((".xml", ".rels")):
            continue
        worksheet = entry.filename.startswith("xl/worksheets/")
        label = labels.get(entry.filename, PurePath(entry.filename).stem)
        rows, tail, first, extent = 0, b"", True, (0, 0)
        with archive.open(entry) as part:
            while chunk := part.read(1 << 20):
                window = tail + chunk
                if any(word in window for word in _DECLARATIONS):
                    raise ImportProblem(
                        f"“{name}” contains XML with entity declarations ({entry.filename}), "
                        "which spreadsheet programs never write.",
                        "It was refused to keep the server safe. Re-save the file from Excel or LibreOffice.",
                    )
                if worksheet:
                    if first and (m := _DIMENSION.search(chunk[:4096])):
                        check_shape(0, _column_number(m[1].decode()), name, label, limits)
                    rows += _row_tags(window) - _row_tags(tail)
                    if rows > limits.max_rows + 50:
                        more = bool(part.read(1))
                        check_shape(rows, 0, name, label, limits, at_least=more)
                    extent = _xlsx_extent(window, extent, limits)
                    # Rows counted so far stand in for the position when no far row is named; 26 columns
                    # stand in when no column past Z is.
                    _check_extent(max(extent[0], rows), max(extent[1], 26), name, label, limits)
                first, tail = False, chunk[-32:]
        if entry.filename == "content.xml":
            _check_ods_extent(archive, entry, name, limits)
    for manifest in ("[Content_Types].xml", "META-INF/manifest.xml"):
        if manifest in archive.namelist():
            try:
                safe_et.fromstring(archive.read(manifest))
            except (DefusedXmlException, safe_et.ParseError) as exc:
                raise ImportProblem(
                    f"“{name}” has a damaged or unsafe {manifest} ({exc}).",
                    "Re-save the file from Excel or LibreOffice.",
                ) from None


_WIDE_CELL = re.compile(rb'\br="([A-Z]{2,3})\d')


def _row_tags(data: bytes) -> int:
    """Row elements in a piece of sheet XML; the regex only runs for namespace-prefixed tags (<x:row>)."""
    plain = data.count(b"<row ") + data.count(b"<row>") + data.count(b"<row/")
    return plain + (len(_ROW_TAG.findall(data)) - plain if b":row" in data else 0)


def _xlsx_extent(window: bytes, extent: tuple[int, int], limits: Limits) -> tuple[int, int]:
    """The furthest row and column any cell names: one cell at XFD1048576 makes a parser build the whole range.

    Only far positions are looked at (row numbers as long as the row cap, columns past Z), so an ordinary
    sheet costs two regex scans that match nothing."""
    rows, cols = extent
    digits = len(str(limits.max_rows + 50))
    far = re.findall(rb'\br="[A-Z]{0,3}(\d{%d,})"' % digits, window)
    if far:
        rows = max(rows, max(int(n) for n in far))
    letters = set(_WIDE_CELL.findall(window))
    if letters:
        cols = max(cols, max(_column_number(c.decode()) for c in letters))
    return rows, cols


def _check_extent(rows: int, cols: int, name: str, where: str, limits: Limits) -> None:
    check_shape(rows, cols, name, where, limits)
    if rows * cols > limits.max_cells:
        raise ImportProblem(
            f"Sheet “{where}” of “{name}” spans {rows:,} rows × {cols:,} columns ({rows * cols:,} cells); "
            f"the limit is {limits.max_cells:,} cells.",
            "Delete stray cells far below or to the right of your data (Ctrl+End shows the last one), "
            "and upload again.",
        )


_ODS_TABLE = re.compile(rb"<table:table\b([^>]*)>(.*?)</table:table>", re.S)
_ODS_ROW = re.compile(rb"<table:table-row\b([^>]*?)(?:/>|>(.*?)</table:table-row>)", re.S)
_ODS_CELL = re.compile(rb"<table:(?:covered-)?table-cell\b([^>]*?)(?:/>|>(.*?)</table:(?:covered-)?table-cell>)", re.S)
_ODS_ROWS_REPEATED = re.compile(rb'number-rows-repeated="(\d+)"')
_ODS_COLS_REPEATED = re.compile(rb'number-columns-repeated="(\d+)"')
_ODS_NAME = re.compile(rb'table:name="([^"]*)"')
_TAGS = re.compile(rb"<[^>]+>")


def _repeat(pattern: re.Pattern[bytes], attributes: bytes) -> int:
    found = pattern.search(attributes)
    return int(found[1]) if found else 1


def _check_ods_extent(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, name: str, limits: Limits) -> None:
    """ODS repeats rows and cells by attribute: a kilobyte can name a hundred million filled cells. Measure
    the range up to the last filled cell of each table (trailing empty repeats, as LibreOffice writes, are free)."""
    content = archive.read(entry)
    for table in _ODS_TABLE.finditer(content):
        label = m[1].decode(errors="replace") if (m := _ODS_NAME.search(table[1])) else "1"
        row, rows, cols = 0, 0, 0
        for found in _ODS_ROW.finditer(table[2]):
            repeat = _repeat(_ODS_ROWS_REPEATED, found[1])
            column, last_filled = 0, 0
            for cell in _ODS_CELL.finditer(found[2] or b""):
                column += _repeat(_ODS_COLS_REPEATED, cell[1])
                if b"office:value" in cell[1] or _TAGS.sub(b"", cell[2] or b"").strip():
                    last_filled = column
            row += repeat
            if last_filled:
                rows, cols = row, max(cols, last_filled)
        _check_extent(rows, cols, name, label, limits)


def _sheet_names_by_part(archive: zipfile.ZipFile) -> dict[str, str]:
    """xl/worksheets/sheet1.xml -> the sheet's name as the user sees it, from workbook.xml and its rels."""
    try:
        book = safe_et.fromstring(archive.read("xl/workbook.xml"))
        rels = safe_et.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, DefusedXmlException, safe_et.ParseError):
        return {}
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        targets[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    names = {}
    for element in book.iter():
        if element.tag.endswith("}sheet") or element.tag == "sheet":
            rel_id = next((v for k, v in element.attrib.items() if k.endswith("}id")), None)
            if rel_id in targets:
                names[targets[rel_id]] = element.get("name", "")
    return names


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def refuse_encrypted_ole2(data: bytes, name: str) -> None:
    """An encrypted xlsx travels inside an OLE2 container: say "password", not "damaged"."""
    if "EncryptionInfo".encode("utf-16-le") in data[:1_000_000] or b"EncryptedPackage" in data:
        raise password_problem(name)


def password_problem(name: str) -> ImportProblem:
    return ImportProblem(
        f"“{name}” is password-protected, so its contents cannot be read.",
        "Open it in Excel, remove the password (File → Info → Protect Workbook), save, and upload again.",
    )


def check_shape(height: int, width: int, name: str, where: str, limits: Limits, at_least: bool = False) -> None:
    if height > limits.max_rows + 50:
        counted = f"more than {height - 1:,}" if at_least else f"{height:,}"
        raise ImportProblem(
            f"Sheet “{where}” of “{name}” has {counted} rows; the limit is {limits.max_rows:,}.",
            "Delete unused rows below your data (select them, right-click → Delete), or keep one year per file.",
        )
    if width > limits.max_cols:
        raise ImportProblem(
            f"Sheet “{where}” of “{name}” has {width:,} columns; the limit is {limits.max_cols:,}.",
            "Delete the unused columns to the right of your data and upload again.",
        )


def looks_binary(text: str) -> bool:
    sample = text[:4000]
    if not sample:
        return False
    odd = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\r\n\t") or 0x7F <= ord(ch) < 0xA0)
    return odd / len(sample) > 0.02


def refuse_oversize_file(size: int, name: str, limits: Limits = DEFAULT_LIMITS, at_least: bool = False) -> None:
    """The size check of refuse_oversize_or_empty, same words, for a file not read yet: `size` comes from the file
    system, so a 300 MB file is refused before its first byte is read. `at_least`: a bounded read found more
    bytes than the cap (the file grew, or its size was not what the file system said)."""
    if size > limits.max_bytes:
        counted = f"more than {limits.max_bytes / 1e6:.1f}" if at_least else f"{size / 1e6:.1f}"
        raise ImportProblem(
            f"“{name}” is {counted} MB; the limit is {limits.max_bytes / 1e6:.0f} MB.",
            "A tracker is usually far smaller: save only the tracker sheet, or export it as CSV.",
        )
