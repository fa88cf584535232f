"""Pre-parse safety: every check a file passes before any parser sees it.

Size, type sniffing, zip-bomb caps, entity declarations, row/column/cell caps (far cells, ODS repeats), text caps
(a cell, a row, a workbook, the shared strings) and passwords. Each refusal is an ImportProblem that says what was
found, where, and how to fix it. Nothing here builds a table: the checks stream or count, so a hostile file costs
little to refuse.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePath

import defusedxml.ElementTree as safe_et
import numpy as np
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
    max_field_chars: int = 100_000  # one CSV field
    max_cells: int = 3_000_000  # rows x columns of the range a parser would build (xlsx: x 26 when no column
    # is past Z, so 100k rows pass); CSV: the fields read
    max_cell_chars: int = 32_767  # one xlsx/ods cell or shared string: Excel's own limit
    max_row_chars: int = 1_000_000  # one row of an xlsx/ods sheet
    max_text_chars: int = 10_000_000  # all cells of an xlsx/ods workbook: about what a 10 MB CSV holds
    max_shared_strings: int = 1_000_000  # different texts in xl/sharedStrings.xml (declared or found)
    max_filled_cells: int = 1_500_000  # cells holding a value in all sheets of an xlsx/ods workbook, counted before
    # parsing: the parser holds each one (about 100 bytes a text cell), so this bounds the import's memory
    max_texts: int = 200_000  # different texts in a workbook, as read (any format): each is a string of its own


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
_PREFIXED_CELL_END = re.compile(rb"</\w+:c>")


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
    (spreadsheet programs never write them), each worksheet's rows are counted so a million-row sheet
    is refused without being built in memory, and the text of every cell, row and shared string is measured
    (see _SheetText). The zip caps have already bounded what is read. Shared strings are read first: the sheets
    are charged with the length of each one they show."""
    labels = _sheet_names_by_part(archive)
    budget = _TextBudget(name, limits)
    shared: _SharedStrings | None = None
    filled = 0  # cells holding a value, all sheets so far
    entries = sorted(archive.infolist(), key=lambda e: e.filename.lower() != "xl/sharedstrings.xml")
    for entry in entries:
        if not entry.filename.endswith((".xml", ".rels")):
            continue
        worksheet = entry.filename.startswith("xl/worksheets/")
        label = labels.get(entry.filename, PurePath(entry.filename).stem)
        text = _text_meter(entry.filename, name, label, limits, budget, shared)
        ods = _OdsExtent(name, limits) if entry.filename == "content.xml" else None
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
                    filled += _value_tags(window) - _value_tags(tail)
                    _check_filled(filled, name, label, limits)
                    if rows > limits.max_rows + 50:
                        more = bool(part.read(1))
                        check_shape(rows, 0, name, label, limits, at_least=more)
                    extent = _xlsx_extent(window, extent, limits)
                    # Rows counted so far stand in for the position when no far row is named; 26 columns
                    # stand in when no column past Z is.
                    _check_extent(max(extent[0], rows), max(extent[1], 26), name, label, limits)
                if text is not None:
                    text.feed(chunk)
                if ods is not None:
                    ods.feed(chunk)
                first, tail = False, chunk[-32:]
        if text is not None:
            text.close()
            if isinstance(text, _SharedStrings) and shared is None:
                shared = text
    if shared is not None and (unused := shared.unused_problem()):
        raise unused
    for manifest in ("[Content_Types].xml", "META-INF/manifest.xml"):
        if manifest in archive.namelist():
            try:
                safe_et.fromstring(archive.read(manifest))
            except (DefusedXmlException, safe_et.ParseError) as exc:
                raise ImportProblem(
                    f"“{name}” has a damaged or unsafe {manifest} ({exc}).",
                    "Re-save the file from Excel or LibreOffice.",
                ) from None


# Without a leading \b, so the regex engine searches for the literal r=" (five to nine times faster): an attribute
# ending in "r" could only add a match, which over-counts the extent (a refusal), never hides a far cell.
_WIDE_CELL = re.compile(rb'r="([A-Z]{2,3})\d')


def _row_tags(data: bytes) -> int:
    """Row elements in a piece of sheet XML; the regex only runs for namespace-prefixed tags (<x:row>)."""
    plain = data.count(b"<row ") + data.count(b"<row>") + data.count(b"<row/")
    return plain + (len(_ROW_TAG.findall(data)) - plain if b":row" in data else 0)


def _value_tags(data: bytes) -> int:
    """Cells closed by </c> in a piece of sheet XML: the cells with a value a parser builds (an empty cell closes
    itself, <c r="A1"/>; the odd <c ...></c> with nothing inside is counted too, which only errs towards a refusal).
    The regex only runs for namespace-prefixed tags (</x:c>)."""
    return data.count(b"</c>") + (len(_PREFIXED_CELL_END.findall(data)) if b":c>" in data else 0)


def _check_filled(filled: int, name: str, where: str, limits: Limits) -> None:
    if filled > limits.max_filled_cells:
        raise ImportProblem(
            f"“{name}” holds more than {limits.max_filled_cells:,} filled cells (counted up to sheet “{where}”); "
            f"the limit is {limits.max_filled_cells:,}.",
            "A tracker needs far fewer: delete the columns and sheets you do not need (long lists of figures, "
            "copies of the tracker), then upload again, or keep one year per file.",
        )


def _xlsx_extent(window: bytes, extent: tuple[int, int], limits: Limits) -> tuple[int, int]:
    """The furthest row and column any cell names: one cell at XFD1048576 makes a parser build the whole range.

    Only far positions are looked at (row numbers as long as the row cap, columns past Z), so an ordinary
    sheet costs two regex scans that match nothing."""
    rows, cols = extent
    digits = len(str(limits.max_rows + 50))
    far = re.findall(rb'r="[A-Z]{0,3}(\d{%d,})"' % digits, window)
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


_ODS_TOKEN = re.compile(  # a table's start tag, or one whole row
    rb"<table:table(?=[\s>])([^>]*)>|<table:table-row(?=[\s/>])([^>]*?)(?:/>|>(.*?)</table:table-row>)", re.S
)
_ODS_CELL = re.compile(rb"<table:(?:covered-)?table-cell\b([^>]*?)(?:/>|>(.*?)</table:(?:covered-)?table-cell>)", re.S)
_ODS_ROWS_REPEATED = re.compile(rb'number-rows-repeated="(\d+)"')
_ODS_COLS_REPEATED = re.compile(rb'number-columns-repeated="(\d+)"')
_ODS_NAME = re.compile(rb'table:name="([^"]*)"')
_TAGS = re.compile(rb"<[^>]+>")


def _repeat(pattern: re.Pattern[bytes], attributes: bytes) -> int:
    found = pattern.search(attributes)
    return int(found[1]) if found else 1


class _OdsExtent:
    """ODS repeats rows and cells by attribute: a kilobyte can name a hundred million filled cells. Measures, as
    content.xml streams, the range of each table up to its last filled cell (trailing empty repeats, as LibreOffice
    writes, are free) and the filled cells of the workbook, repeats counted. Only the row being read is held."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.name, self.limits = name, limits
        self.pending = b""  # the start of a row (or a tag) whose end has not arrived yet
        self.label = "1"
        self.row = self.rows = self.cols = 0
        self.filled = 0

    def feed(self, chunk: bytes) -> None:
        data = self.pending + chunk
        done = 0
        for token in _ODS_TOKEN.finditer(data):
            done = token.end()
            if token[1] is not None:  # a table begins
                self.label = m[1].decode(errors="replace") if (m := _ODS_NAME.search(token[1])) else "1"
                self.row = self.rows = self.cols = 0
            else:  # each filled row checks the range it extends
                self._row(token[2], token[3])
        rest = data.find(b"<table:table-row", done)
        if rest < 0:
            opened = data.rfind(b"<", done)
            rest = opened if opened >= 0 and data.find(b">", opened) < 0 else len(data)
        self.pending = data[rest:]

    def _row(self, attributes: bytes, body: bytes | None) -> None:
        column, last_filled, in_row = 0, 0, 0
        for cell in _ODS_CELL.finditer(body or b""):
            times = _repeat(_ODS_COLS_REPEATED, cell[1])
            column += times
            if b"office:value" in cell[1] or _TAGS.sub(b"", cell[2] or b"").strip():
                last_filled, in_row = column, in_row + times
        repeat = _repeat(_ODS_ROWS_REPEATED, attributes)
        self.row += repeat
        if last_filled:
            self.rows, self.cols = self.row, max(self.cols, last_filled)
            self.filled += in_row * repeat
            _check_filled(self.filled, self.name, self.label, self.limits)
            _check_extent(self.rows, self.cols, self.name, self.label, self.limits)


# ---------------------------------------------------------------- text: what cells hold
# A parser holds each cell's text several times over (its own string, Python's, the table's: about 5 bytes a
# character in all), so text, not the file's size, is what a small workbook makes the server hold: 4 cells of
# 30 MiB deflate to 1 MB. The XML is measured as it streams, a window of about 1 MiB at a time, with array
# operations over the window's tags (numpy): never a Python step per character, nor per cell.
#
# What is counted is what the parser will build: the text of <t> and <v> elements (<rPh> phonetic runs left out),
# a shared string's length for each cell that shows it, and in ODS the text of <text:p> paragraphs, a
# <text:s text:c="N"/> as its N spaces, times the cell's and the row's repeats. Characters are decoded ones:
# "&amp;" is 1 character, "é" (2 bytes of UTF-8) is 1.

_MAX_TAG_BYTES = 1 << 20  # longer than any tag a writer makes: a longer one is refused, never carried
_ENTITY_BYTES = 32  # "&" to ";" of the longest entity or character reference worth counting as one character
_PAD = 64  # zero bytes after a window, so a tag name can be read past its end
_NAME_END = np.zeros(256, bool)  # what may follow a tag's name
_NAME_END[list(b" \t\r\n>/")] = True
_PREFIXED_TAG = re.compile(rb"</?([A-Za-z_][\w.\-]*:)")  # the "x:" of <x:c>, </x:c>
_PREFIXED_CELL_TAG = re.compile(rb"</?[A-Za-z_][\w.\-]*:(?:t|v|c|is|r|row|rPh|si|sst|sheetData)[\s>/]")
_ANY_PREFIX = re.compile(rb"(?<=<)[A-Za-z_][\w.\-]*:|(?<=</)[A-Za-z_][\w.\-]*:")
_CDATA = re.compile(rb"<!\[CDATA\[(.*?)\]\]>", re.S)
_REF = re.compile(rb"""\br\s*=\s*["']([A-Za-z]{1,3})([0-9]{1,7})["']""")
_ROW_NUMBER = re.compile(rb"""\br\s*=\s*["']([0-9]{1,7})["']""")
_ODD_SHARED_TYPE = re.compile(rb"""\bt\s*=\s*["']s["']""")
_UNIQUE_COUNT = re.compile(rb"""<(?:\w+:)?sst\b[^>]*?\buniqueCount\s*=\s*["']\s*([0-9]+)""")
_TEXT_SPACES = re.compile(rb"""<text:s\b[^>]*?\btext:c\s*=\s*["']\s*([0-9]+)""")
_COLUMNS_REPEATED = re.compile(rb"""\btable:number-columns-repeated\s*=\s*["']\s*([0-9]+)""")
_ROWS_REPEATED = re.compile(rb"""\btable:number-rows-repeated\s*=\s*["']\s*([0-9]+)""")
_TABLE_NAME = re.compile(rb"""\btable:name\s*=\s*["']([^"']*)["']""")
_MANY = 1 << 40  # a repeat or a run of spaces counted as at most this: the sums stay exact in int64


def _text_meter(
    part: str, name: str, label: str, limits: Limits, budget: _TextBudget, shared: _SharedStrings | None
) -> _Stream | None:
    """What measures the text of `part`, if it holds cells or shared strings."""
    if part.lower() == "xl/sharedstrings.xml":
        return _SharedStrings(part, name, limits)
    if part.startswith("xl/worksheets/") and part.endswith(".xml"):
        return _SheetText(part, name, label, limits, budget, shared)
    if part == "content.xml":
        return _OdsText(part, name, limits, budget)
    return None


def _local_names(data: bytes) -> bytes:
    """XML with the prefix of its tags' names dropped (<x:c> -> <c>), as a parser matches them: the one prefix a
    writer uses is replaced in C; a window that still names a cell's parts with another prefix is rewritten by a
    regular expression (slower, for hostile or unusual files only)."""
    if b":" not in data or not (found := _PREFIXED_TAG.search(data)):
        return data
    prefix = found[1]
    data = data.replace(b"<" + prefix, b"<").replace(b"</" + prefix, b"</")
    return _ANY_PREFIX.sub(b"", data) if _PREFIXED_CELL_TAG.search(data) else data


def _cdata_as_text(found: re.Match[bytes]) -> bytes:
    return found[1].replace(b"<", b"?").replace(b"&", b"?")  # same characters, read as plain text


class _Window:
    """The tags of a piece of XML that ends between tags, and the characters of text after each tag."""

    def __init__(self, data: bytes) -> None:
        size = len(data)
        self.data = data
        self.bytes = padded = np.frombuffer(data + bytes(_PAD), dtype=np.uint8)
        body = padded[:size]
        self.starts = starts = np.flatnonzero(body == 60)  # "<"
        closes = np.flatnonzero(body == 62)  # ">"
        if len(closes) == len(starts) and (closes > starts).all() and (starts[1:] > closes[:-1]).all():
            self.ends = closes  # the usual case: no ">" in text, so "<" and ">" alternate
        elif len(closes):  # each tag ends at the first ">" after its "<" (the window ends between tags)
            after = np.searchsorted(closes, starts)
            self.ends = np.where(after < len(closes), closes[np.minimum(after, len(closes) - 1)], size - 1)
        else:
            self.ends = np.full(len(starts), size - 1, dtype=np.int64)
        following = np.append(starts[1:], size)
        self.text = np.maximum(following - self.ends - 1, 0).astype(np.int64)  # bytes of text after each tag
        self.lead = int(starts[0]) if len(starts) else size  # bytes of text before the first tag
        if not data.isascii():  # a UTF-8 character is one lead byte and 0-3 continuation bytes
            self._discount(np.flatnonzero((body & 0xC0) == 0x80), None)
        if b"&" in data:  # "&amp;", "&#233;": one character each
            amps, semis = np.flatnonzero(body == 38), np.flatnonzero(body == 59)
            nearest = np.searchsorted(semis, amps)
            found = nearest < len(semis)
            extra = semis[nearest[found]] - amps[found]
            entity = extra <= _ENTITY_BYTES
            self._discount(amps[found][entity], extra[entity])
        self.closed = padded[self.ends - 1] == 47 if len(starts) else np.zeros(0, bool)  # <x/>
        self.initials: np.ndarray | None = None  # the byte after each "<", read when first asked
        self.names: dict[bytes, np.ndarray] = {}  # named(), once per name

    def _discount(self, positions: np.ndarray, amounts: np.ndarray | None) -> None:
        """Take `amounts` (1 each if None) off the text that holds `positions`; positions inside tags are ignored."""
        owner = np.searchsorted(self.starts, positions, side="right") - 1
        if len(self.starts):
            in_text = (owner < 0) | (positions > self.ends[np.maximum(owner, 0)])
        else:
            in_text = np.ones(len(positions), bool)
        owner = owner[in_text]
        amounts = np.ones(len(owner), np.int64) if amounts is None else amounts[in_text]
        self.lead -= int(amounts[owner < 0].sum())
        inside = owner >= 0
        self.text -= np.bincount(owner[inside], weights=amounts[inside], minlength=len(self.text)).astype(np.int64)

    def named(self, name: bytes) -> np.ndarray:
        """Which tags are <name …>, <name>, <name/> (name b"/x" for </x>)."""
        if (known := self.names.get(name)) is not None:
            return known
        if b"<" + name not in self.data:
            self.names[name] = np.zeros(len(self.starts), bool)
            return self.names[name]
        padded = self.bytes
        if self.initials is None:
            self.initials = padded[self.starts + 1]
        candidates = np.flatnonzero(self.initials == name[0])
        first = self.starts[candidates]
        match = _NAME_END[padded[first + len(name) + 1]]
        for offset, byte in enumerate(name[1:], 2):
            match &= padded[first + offset] == byte
        mask = np.zeros(len(self.starts), bool)
        mask[candidates[match]] = True
        self.names[name] = mask
        return mask

    def opening(self, *names: bytes) -> np.ndarray:
        """Tags that open one of `names` and are not empty (<t>, not <t/>)."""
        mask = np.zeros(len(self.starts), bool)
        for name in names:
            mask |= self.named(name)
        return mask & ~self.closed

    def tag(self, index: int) -> bytes:
        return self.data[int(self.starts[index]) : int(self.ends[index]) + 1]


class _Stream:
    """Feeds a part's XML to `window` in pieces that end between tags: a tag, a CDATA section or an entity cut by a
    chunk's end is carried to the next piece."""

    def __init__(self, part: str) -> None:
        self.part = part
        self.carry = b""

    def feed(self, chunk: bytes) -> None:
        data = self.carry + chunk if self.carry else chunk
        cut = _safe_end(data)
        self.carry = data[cut:]
        if len(self.carry) > _MAX_TAG_BYTES:  # read as damaged: no writer makes a tag this long
            raise ValueError(f"{self.part} holds a tag or CDATA section longer than {_MAX_TAG_BYTES >> 20} MB")
        if cut:
            self.window(data[:cut])

    def close(self) -> None:
        if self.carry:
            self.window(self.carry)
            self.carry = b""
        self.finish()

    def window(self, data: bytes) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        raise NotImplementedError


def _safe_end(data: bytes) -> int:
    opened = data.rfind(b"<![CDATA[")
    if opened >= 0 and data.find(b"]]>", opened) < 0:
        return opened
    tag = data.rfind(b"<")
    if tag >= 0 and data.find(b">", tag) < 0:
        return tag
    entity = data.rfind(b"&", max(len(data) - _ENTITY_BYTES, 0))
    if entity >= 0 and data.find(b";", entity) < 0:
        return entity
    return len(data)


class _TextBudget:
    """The characters all cells of one workbook hold, against Limits.max_text_chars."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.name, self.limit, self.chars = name, limits.max_text_chars, 0

    def add(self, chars: int, where: str) -> None:
        self.chars += chars
        if self.chars > self.limit:
            raise _text_problem(self.name, self.limit, f"counted up to {where}")


def _text_problem(name: str, limit: int, where: str) -> ImportProblem:
    return ImportProblem(
        f"“{name}” holds more than {limit:,} characters of text in its cells ({where}); the limit is {limit:,}, "
        "about what a 10 MB CSV file holds.",
        "A tracker needs far less: delete long pasted texts (job descriptions, e-mails) and the sheets you "
        "do not need, then upload again, or export the tracker sheet as CSV.",
    )


def _cell_problem(name: str, sheet: str, where: str, chars: int, limits: Limits) -> ImportProblem:
    return ImportProblem(
        f"Sheet “{sheet}” of “{name}”: {where} holds {chars:,} characters; a cell can hold at most "
        f"{limits.max_cell_chars:,} (Excel's own limit).",
        "Shorten that cell or remove it (keep long texts such as job descriptions in a document, and a link to it "
        "in the cell), then upload again.",
    )


def _row_problem(name: str, sheet: str, row: str, chars: int, limits: Limits) -> ImportProblem:
    return ImportProblem(
        f"Sheet “{sheet}” of “{name}”: row {row} holds {chars:,} characters; a row can hold at most "
        f"{limits.max_row_chars:,}.",
        "Shorten the long cells of that row, or move long texts out of the tracker, then upload again.",
    )


def _shared_problem(name: str, message: str) -> ImportProblem:
    return ImportProblem(
        f"“{name}” {message}",
        "Spreadsheet programs do not write such a file: open it in Excel or LibreOffice and save it again, "
        "or export the tracker sheet as CSV.",
    )


class _SharedStrings(_Stream):
    """xl/sharedStrings.xml: the length of every shared string (<si>, rich-text runs added up), so that each cell
    that shows one can be charged with it. Read before the sheets."""

    def __init__(self, part: str, name: str, limits: Limits) -> None:
        super().__init__(part)
        self.name, self.limits = name, limits
        self.pieces: list[np.ndarray] = []
        self.count = 0  # <si> begun so far
        self.open = 0  # characters of the string being read
        self.in_value = False
        self.phonetic = 0
        self.chars = 0
        self.first = True
        self.done = False
        self.lengths = np.zeros(0, np.int64)
        self.over: dict[int, int] = {}  # string number (0-based) -> characters, for strings over max_cell_chars

    def window(self, data: bytes) -> None:
        if self.done:
            return
        data = _local_names(data)
        if self.first and (declared := _UNIQUE_COUNT.search(data)):
            unique = int(declared[1])
            if unique > self.limits.max_shared_strings:
                raise _shared_problem(
                    self.name,
                    f"declares {unique:,} different texts ({self.part}, uniqueCount); the limit is "
                    f"{self.limits.max_shared_strings:,}.",
                )
        self.first = False
        stop = data.find(b"</sst")
        if stop >= 0:
            data, self.done = data[:stop], True
        if b"<![CDATA[" in data:
            data = _CDATA.sub(_cdata_as_text, data)
        window = _Window(data)
        value = _values(window, self, window.opening(b"t"))
        lead = window.lead if self.in_value else 0
        if len(value):
            self.in_value = bool(value[-1])
        chars = np.where(value, window.text, 0)
        strings = np.flatnonzero(window.named(b"si"))
        if not len(strings):
            self.open += lead + int(chars.sum())
        else:
            sums = np.add.reduceat(chars, strings)
            head = lead + int(chars[: strings[0]].sum())
            done = sums[:-1]
            if self.count:
                done = np.concatenate(([self.open + head], done))
            self._keep(done, self.count - (1 if self.count else 0))
            self.count += len(strings)
            self.open = int(sums[-1])
            if self.count > self.limits.max_shared_strings:
                raise _shared_problem(
                    self.name,
                    f"holds more than {self.limits.max_shared_strings:,} different texts ({self.part}); "
                    f"the limit is {self.limits.max_shared_strings:,}.",
                )
        open_chars = self.open if self.open <= self.limits.max_cell_chars else 0  # over the cap: refused by cell
        if self.chars + open_chars > self.limits.max_text_chars:
            where = f"the texts its cells share, in {self.part}"
            raise _text_problem(self.name, self.limits.max_text_chars, where)

    def _keep(self, lengths: np.ndarray, first: int) -> None:
        if not len(lengths):
            return
        self.pieces.append(lengths.astype(np.int64))
        self.chars += int(lengths[lengths <= self.limits.max_cell_chars].sum())  # longer ones: refused by cell
        for offset in np.flatnonzero(lengths > self.limits.max_cell_chars):
            self.over[first + int(offset)] = int(lengths[offset])

    def finish(self) -> None:
        if self.count:
            self._keep(np.array([self.open]), self.count - 1)
        self.lengths = np.concatenate(self.pieces) if self.pieces else np.zeros(0, np.int64)
        self.pieces = []

    def unused_problem(self) -> ImportProblem | None:
        """A string over the cell cap that no cell shows still costs its memory: refused all the same."""
        if not self.over:
            return None
        number, chars = min(self.over.items())
        return ImportProblem(
            f"“{self.name}” keeps a text of {chars:,} characters that no cell shows (shared string {number + 1} of "
            f"{self.part}); a cell can hold at most {self.limits.max_cell_chars:,} (Excel's own limit).",
            "Open the file in Excel or LibreOffice and save it again (that drops texts no cell uses), "
            "or export the tracker sheet as CSV.",
        )


def _values(window: _Window, state: _SharedStrings | _SheetText, value: np.ndarray) -> np.ndarray:
    """`value` without the tags inside phonetic runs (<rPh>), which a parser does not show; keeps state.phonetic."""
    begin, end = window.opening(b"rPh"), window.named(b"/rPh")
    if state.phonetic or begin.any() or end.any():
        depth = state.phonetic + np.cumsum(begin.astype(np.int64) - end)
        value = value & (depth <= 0)
        if len(depth):
            state.phonetic = max(int(depth[-1]), 0)
    return value


class _SheetText(_Stream):
    """One worksheet: each cell against max_cell_chars, each row against max_row_chars, all against the budget."""

    def __init__(
        self, part: str, name: str, label: str, limits: Limits, budget: _TextBudget, shared: _SharedStrings | None
    ) -> None:
        super().__init__(part)
        self.name, self.label, self.limits, self.budget, self.shared = name, label, limits, budget, shared
        self.cell, self.cell_tag = 0, b""  # the cell being read: characters so far, its start tag (b"" if none)
        self.row, self.row_tag, self.rows = 0, b"", 0  # the row being read, and rows begun so far
        self.in_value = False
        self.phonetic = 0
        self.done = False
        self.shared_open = False  # the last cell read is a shared-string cell whose <v> is still to come
        self.budget_pending = 0  # characters of this window for the budget (0 while a refusal waits for its count)

    def window(self, data: bytes) -> None:
        if self.done:
            return
        data = _local_names(data)  # <x:c>: a parser reads local names
        stop = data.find(b"</sheetData")
        if stop >= 0:
            data, self.done = data[:stop], True
        if b"<![CDATA[" in data:
            data = _CDATA.sub(_cdata_as_text, data)
        window = _Window(data)
        value = _values(window, self, window.opening(b"t", b"v"))
        chars = np.where(value, window.text, 0)
        lead = window.lead if self.in_value else 0
        if len(value):
            self.in_value = bool(value[-1])
        cells, rows = window.named(b"c"), window.named(b"row")
        if self.shared is not None and len(self.shared.lengths):
            self._charge_shared_strings(window, cells | rows, cells, value, chars)
        self.budget_pending = lead + int(chars.sum())
        self._cells(window, np.flatnonzero(cells | rows), cells, chars, lead)
        self._rows(window, np.flatnonzero(rows), chars, lead)
        self.budget.add(self.budget_pending, f"sheet “{self.label}”")
        if self.done:
            self.finish()

    def _charge_shared_strings(
        self, window: _Window, bounds: np.ndarray, cells: np.ndarray, value: np.ndarray, chars: np.ndarray
    ) -> None:
        """A shared-string cell (<c t="s"><v>7</v></c>) holds string 7, not the character "7": its <v> is charged
        with the string's length, so cells, rows and the whole count what the parser builds."""
        padded, data = window.bytes, window.data
        if not len(window.starts):
            return
        letters = np.flatnonzero(padded[: len(data)] == 116)  # the "t" of t="s" or t='s'
        found = letters[
            (padded[letters + 1] == 61)
            & np.isin(padded[letters + 2], (34, 39))
            & (padded[letters + 3] == 115)
            & (padded[letters + 4] == padded[letters + 2])
            & np.isin(padded[np.maximum(letters - 1, 0)], (32, 9, 10, 13))
        ]
        if (b" =" in data or b"= " in data) and len(_ODD_SHARED_TYPE.findall(data)) != len(found):
            found = np.array([m.start() for m in _ODD_SHARED_TYPE.finditer(data)], dtype=np.int64)  # t = "s"
        owner = np.searchsorted(window.starts, found, side="right") - 1
        inside = (owner >= 0) & (found < window.ends[np.maximum(owner, 0)])
        owner = owner[inside]
        owner = owner[cells[owner]]
        if len(owner) > 1:  # sorted already; one t= per tag unless the tag repeats it
            owner = owner[np.concatenate(([True], owner[1:] != owner[:-1]))]
        values = np.flatnonzero(value & window.named(b"v"))
        edges = np.flatnonzero(bounds)
        tags = np.zeros(0, np.int64)
        if len(owner) and len(values):
            following = np.searchsorted(values, owner)
            has = following < len(values)
            cell_of, tags = owner[has], values[np.minimum(following[has], len(values) - 1)]
            same = np.searchsorted(edges, tags, side="right") == np.searchsorted(edges, cell_of, side="right")
            tags = tags[same]
        if self.shared_open and len(values) and (not len(edges) or values[0] < edges[0]):
            tags = np.concatenate(([values[0]], tags))  # the <v> of a cell begun in the window before
        if len(edges):
            last = int(edges[-1])
            self.shared_open = bool(cells[last]) and last in owner and not (tags > last).any()
        if not len(tags):
            return
        numbers = _leading_numbers(padded, window.ends[tags] + 1, window.text[tags])
        lengths = self.shared.lengths
        chars[tags] = np.where(numbers < len(lengths), lengths[np.minimum(numbers, len(lengths) - 1)], 0)

    def _cells(self, window: _Window, bounds: np.ndarray, cells: np.ndarray, chars: np.ndarray, lead: int) -> None:
        cap = self.limits.max_cell_chars
        if not len(bounds):
            self.cell += lead + int(chars.sum())
            return
        sums = np.add.reduceat(chars, bounds)
        self.cell += lead + int(chars[: bounds[0]].sum())
        self._close_cell()
        complete = np.flatnonzero((sums[:-1] > cap) & cells[bounds[:-1]])
        if len(complete):
            at = int(complete[0])
            self._raise_cell(window.tag(int(bounds[at])), int(sums[at]), window, int(bounds[at]))
        last = int(bounds[-1])
        self.cell, self.cell_tag = int(sums[-1]), window.tag(last) if cells[last] else b""
        if self.cell > cap and self.cell_tag:
            self.budget_pending = 0  # the cell's own refusal, with its full length, comes when it closes

    def _close_cell(self) -> None:
        if self.cell > self.limits.max_cell_chars and self.cell_tag:
            self._raise_cell(self.cell_tag, self.cell, None, None)

    def _raise_cell(self, tag: bytes, chars: int, window: _Window | None, index: int | None) -> None:
        if found := _REF.search(tag):
            where = f"cell {found[1].decode().upper()}{found[2].decode()}"
        elif window is None or index is None:  # the cell being read, in the row being read
            where = f"a cell of row {self._row_label(self.row_tag)}"
        else:  # rows begun in this window up to the cell count too
            rows = np.flatnonzero(window.named(b"row")[: index + 1])
            if len(rows):
                tag, self.rows = window.tag(int(rows[-1])), self.rows + len(rows)
            else:
                tag = self.row_tag
            where = f"a cell of row {self._row_label(tag)}"
        raise _cell_problem(self.name, self.label, where, chars, self.limits)

    def _rows(self, window: _Window, bounds: np.ndarray, chars: np.ndarray, lead: int) -> None:
        cap = self.limits.max_row_chars
        if not len(bounds):
            self.row += lead + int(chars.sum())
        else:
            sums = np.add.reduceat(chars, bounds)
            self.row += lead + int(chars[: bounds[0]].sum())
            self._close_row()
            over = np.flatnonzero(sums[:-1] > cap)
            if len(over):
                at = int(over[0])
                self.rows += at + 1
                row = self._row_label(window.tag(int(bounds[at])))
                raise _row_problem(self.name, self.label, row, int(sums[at]), self.limits)
            self.rows += len(bounds)
            self.row, self.row_tag = int(sums[-1]), window.tag(int(bounds[-1]))
        if self.row > cap:
            self.budget_pending = 0  # refused when the row closes, with its full length

    def _close_row(self) -> None:
        if self.row > self.limits.max_row_chars:
            raise _row_problem(self.name, self.label, self._row_label(self.row_tag), self.row, self.limits)

    def _row_label(self, tag: bytes) -> str:
        found = _ROW_NUMBER.search(tag)
        return found[1].decode() if found else f"{self.rows:,}"

    def finish(self) -> None:
        self._close_cell()
        self._close_row()
        self.cell = self.row = 0


def _leading_numbers(padded: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The whole number that begins each text (at `starts`, `lengths` bytes long): "17" -> 17. A text that does not
    begin with a digit gives _MANY (no such string)."""
    numbers = np.zeros(len(starts), np.int64)
    going = np.ones(len(starts), bool)
    seen = np.zeros(len(starts), bool)
    for offset in range(12):
        digit = padded[starts + offset].astype(np.int64) - 48
        going &= (offset < lengths) & (digit >= 0) & (digit <= 9)
        if not going.any():
            break
        numbers = np.where(going, numbers * 10 + digit, numbers)
        seen |= going
    return np.where(seen, numbers, _MANY)


class _OdsText(_Stream):
    """content.xml of an ODS: each cell against max_cell_chars, each row against max_row_chars, the whole against
    the budget, repeats counted (a row of 500 repeated cells holds its text 500 times once read). A Python step is
    taken per row and per repeat attribute, never per cell."""

    def __init__(self, part: str, name: str, limits: Limits, budget: _TextBudget) -> None:
        super().__init__(part)
        self.name, self.limits, self.budget = name, limits, budget
        self.label = "1"
        self.depth = 0  # paragraphs open
        self.cell, self.paragraphs, self.cell_repeat, self.in_cell = 0, 0, 1, False  # the cell being read
        self.row, self.row_repeat, self.in_row = 0, 1, False  # the row being read
        self.rows_before, self.columns_before = 0, 0  # rows and cells before the ones being read, repeats counted

    def window(self, data: bytes) -> None:
        if b"<![CDATA[" in data:
            data = _CDATA.sub(_cdata_as_text, data)
        window = _Window(data)
        ends = window.named(b"/text:p") | window.named(b"/text:h")
        depth = self.depth + np.cumsum(window.opening(b"text:p", b"text:h").astype(np.int64) - ends)
        chars = np.where(depth > 0, window.text, 0)
        lead = window.lead if self.depth > 0 else 0
        if len(depth):
            self.depth = max(int(depth[-1]), 0)
        chars += window.named(b"text:s") | window.named(b"text:tab") | window.named(b"text:line-break")
        if b"text:c" in data:  # <text:s text:c="N"/> is N spaces
            places, spaces = _attribute_numbers(_TEXT_SPACES, window)
            np.add.at(chars, places, np.maximum(spaces, 1) - 1)
        paragraphs = (window.named(b"text:p") | window.named(b"text:h")).astype(np.int64)
        cells = window.named(b"table:table-cell") | window.named(b"table:covered-table-cell")
        rows, tables = window.named(b"table:table-row"), window.named(b"table:table")
        bounds = np.flatnonzero(cells | rows | tables | window.named(b"/table:table"))
        head = int(bounds[0]) if len(bounds) else len(chars)
        self.cell += lead + int(chars[:head].sum())
        self.paragraphs += int(paragraphs[:head].sum())
        if not len(bounds):
            return
        sums, counts = np.add.reduceat(chars, bounds), np.add.reduceat(paragraphs, bounds)
        texts = sums + np.maximum(counts - 1, 0)  # the paragraphs of a cell are joined by line breaks
        is_cell = cells[bounds]
        repeats = np.ones(len(bounds), np.int64)
        if b"-repeated" in data:
            self._repeats(window, bounds, repeats)
        self._close_cell()
        over = np.flatnonzero(is_cell[:-1] & (texts[:-1] > self.limits.max_cell_chars))
        if len(over):
            label, row, column = self._place(window, bounds, repeats, cells, rows, tables, int(over[0]))
            where = f"cell {_column_letters(column)}{row}"
            raise _cell_problem(self.name, label, where, int(texts[over[0]]), self.limits)
        parts = np.where(is_cell, texts * repeats, texts)
        parts[-1] = 0  # the last piece is still open
        groups = np.flatnonzero(~is_cell)  # a row, a table or a table's end: the row being read ends there
        self._rows(window, bounds, parts, repeats, groups, rows, tables)
        self.in_cell = bool(is_cell[-1])
        self.cell, self.paragraphs = int(sums[-1]), int(counts[-1])
        self.cell_repeat = int(repeats[-1]) if self.in_cell else 1
        after = int(groups[-1]) + 1 if len(groups) else 0
        complete = (repeats * is_cell)[after:-1]
        self.columns_before = (0 if len(groups) else self.columns_before) + int(complete.sum())

    def _repeats(self, window: _Window, bounds: np.ndarray, repeats: np.ndarray) -> None:
        for pattern in (_COLUMNS_REPEATED, _ROWS_REPEATED):
            tags, counts = _attribute_numbers(pattern, window)
            at = np.minimum(np.searchsorted(bounds, tags), len(bounds) - 1)
            own = bounds[at] == tags  # the attribute is a cell's or a row's, not another element's
            repeats[at[own]] = np.maximum(counts[own], 1)

    def _rows(
        self,
        window: _Window,
        bounds: np.ndarray,
        parts: np.ndarray,
        repeats: np.ndarray,
        groups: np.ndarray,
        rows: np.ndarray,
        tables: np.ndarray,
    ) -> None:
        """Close the row being read at each row, table or table end: a Python step per row."""
        if not len(groups):
            self.row += int(parts.sum())
            return
        sums = np.add.reduceat(parts, groups)
        self.row += int(parts[: groups[0]].sum())
        charged = 0
        for number, at in enumerate(groups):
            charged += self._close_row()
            tag = int(bounds[at])
            if tables[tag]:
                self.rows_before = 0
                if found := _TABLE_NAME.search(window.tag(tag)):
                    self.label = found[1].decode(errors="replace")
            elif rows[tag]:
                self.in_row, self.row_repeat = True, int(repeats[at])
            self.row = int(sums[number])
        self.budget.add(charged, f"sheet “{self.label}”")

    def _close_cell(self) -> None:
        text = self.cell + max(self.paragraphs - 1, 0)
        if self.in_cell and text > self.limits.max_cell_chars:
            where = f"cell {_column_letters(self.columns_before + 1)}{self.rows_before + 1}"
            raise _cell_problem(self.name, self.label, where, text, self.limits)
        self.row += text * self.cell_repeat
        self.columns_before += self.cell_repeat if self.in_cell else 0
        self.cell, self.paragraphs, self.cell_repeat, self.in_cell = 0, 0, 1, False

    def _close_row(self) -> int:
        """The characters the row being read adds to the whole (its repeats counted); refused over the row cap."""
        if self.in_row and self.row > self.limits.max_row_chars:
            raise _row_problem(self.name, self.label, f"{self.rows_before + 1:,}", self.row, self.limits)
        chars = self.row * (self.row_repeat if self.in_row else 1)
        if self.in_row:
            self.rows_before += self.row_repeat
        self.row, self.row_repeat, self.in_row, self.columns_before = 0, 1, False, 0
        return chars

    def _place(
        self,
        window: _Window,
        bounds: np.ndarray,
        repeats: np.ndarray,
        cells: np.ndarray,
        rows: np.ndarray,
        tables: np.ndarray,
        at: int,
    ) -> tuple[str, int, int]:
        """Sheet, row and column of the cell that opens at bounds[at] (only asked for when refusing it)."""
        label, before, columns = self.label, self.rows_before, self.columns_before
        in_row, repeat = self.in_row, self.row_repeat
        for index in range(at):
            tag = int(bounds[index])
            if cells[tag]:
                columns += int(repeats[index])
                continue
            before, columns = before + (repeat if in_row else 0), 0
            in_row, repeat = bool(rows[tag]), int(repeats[index])
            if tables[tag]:
                before = 0
                if found := _TABLE_NAME.search(window.tag(tag)):
                    label = found[1].decode(errors="replace")
        return label, before + 1, columns + 1

    def finish(self) -> None:
        self._close_cell()
        self.budget.add(self._close_row(), f"sheet “{self.label}”")


def _attribute_numbers(pattern: re.Pattern[bytes], window: _Window) -> tuple[np.ndarray, np.ndarray]:
    """The tag that holds each match of `pattern` and the number the match captured (at most _MANY)."""
    found = [(m.start(), m[1]) for m in pattern.finditer(window.data)]
    places = np.array([place for place, _ in found], dtype=np.int64)
    numbers = np.array([min(int(number), _MANY) for _, number in found], dtype=np.int64)
    return np.searchsorted(window.starts, places, side="right") - 1, numbers


def _column_letters(number: int) -> str:
    """1 -> A, 27 -> AA: the inverse of _column_number."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


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


# ---------------------------------------------------------------- .xls: cells named by BIFF records
# A .xls (BIFF5/BIFF8 in an OLE2 container) gives each cell's row and column in its record, and the parser builds
# the range up to the furthest one: a 5.6 KB file with one cell at IV65536 took 1.16 GB. The records are walked
# before any parser runs (a few bytes each, the stream no bigger than the upload).

_BIFF_BOF, _BIFF_EOF, _BIFF_BOUNDSHEET = 0x0809, 0x000A, 0x0085
_BIFF_CELLS = frozenset({0x00FD, 0x0203, 0x027E, 0x0006, 0x0205, 0x0204, 0x00D6, 0x0201})  # one cell: row, col
_BIFF_BLANK = 0x0201
_BIFF_MULTI = frozenset({0x00BD, 0x00BE})  # MULRK, MULBLANK: row, first col, ..., last col
_BIFF_MULBLANK = 0x00BE
_BIFF_WORKSHEET = 0x0010  # BOF type of a worksheet substream


def scan_xls(data: bytes, name: str, limits: Limits) -> None:
    """Each worksheet's furthest cell against the range caps, and the filled cells of the workbook."""
    import olefile  # only .xls uploads need it

    try:
        with olefile.OleFileIO(data) as container:
            stream = next((s for s in ("Workbook", "Book") if container.exists(s)), None)
            if stream is None:
                raise ImportProblem(
                    f"“{name}” is an Office file but not an Excel workbook (it has no workbook inside).",
                    "Upload the tracker itself, saved from Excel as .xlsx, or exported as CSV.",
                )
            records = container.openstream(stream).read()
    except ImportProblem:
        raise
    except Exception as exc:  # olefile raises OSError and its own types for broken containers
        raise ImportProblem(
            f"“{name}” could not be read as an Excel 97–2003 workbook: it is damaged or incomplete "
            f"({type(exc).__name__}).",
            "Open it in your spreadsheet program and save it again as .xlsx, or export it as CSV.",
        ) from None
    _walk_biff(records, name, limits)


def _walk_biff(records: bytes, name: str, limits: Limits) -> None:
    names: dict[int, str] = {}  # substream offset -> sheet name, from the BOUNDSHEET records
    label, sheet_index = "", 0
    rows = cols = filled = 0
    in_sheet = False
    pos, end = 0, len(records)
    while pos + 4 <= end:
        kind, size = struct.unpack_from("<HH", records, pos)
        body = pos + 4
        if kind in _BIFF_CELLS and in_sheet and size >= 4:
            row, col = struct.unpack_from("<HH", records, body)
            rows, cols = max(rows, row + 1), max(cols, col + 1)
            filled += kind != _BIFF_BLANK
        elif kind in _BIFF_MULTI and in_sheet and size >= 6:
            row, first = struct.unpack_from("<HH", records, body)
            (last,) = struct.unpack_from("<H", records, body + size - 2)
            rows, cols = max(rows, row + 1), max(cols, last + 1)
            filled += 0 if kind == _BIFF_MULBLANK else max(last - first + 1, 0)
        elif kind == _BIFF_BOF and size >= 4:
            (sub,) = struct.unpack_from("<H", records, body + 2)
            in_sheet = sub == _BIFF_WORKSHEET
            if in_sheet:
                sheet_index += 1
                label, rows, cols = names.get(pos, f"sheet {sheet_index}"), 0, 0
        elif kind == _BIFF_EOF and in_sheet:
            _check_sheet(rows, cols, filled, name, label, limits)
            in_sheet = False
        elif kind == _BIFF_BOUNDSHEET and size >= 8:
            (offset,) = struct.unpack_from("<I", records, body)
            names[offset] = _boundsheet_name(records[body + 6 : body + size])
        if in_sheet and (rows * max(cols, 1) > limits.max_cells or filled > limits.max_filled_cells):
            _check_sheet(rows, cols, filled, name, label, limits)  # refused now, before more records are walked
        pos = body + size
    if in_sheet:  # a stream cut before its sheet's EOF
        _check_sheet(rows, cols, filled, name, label, limits)


def _check_sheet(rows: int, cols: int, filled: int, name: str, label: str, limits: Limits) -> None:
    _check_extent(rows, cols, name, label, limits)
    _check_filled(filled, name, label, limits)


def _boundsheet_name(field: bytes) -> str:
    """A sheet's name in BOUNDSHEET: its length, then (BIFF8) a flag for two-byte characters, then the name."""
    if not field:
        return "?"
    count = field[0]
    if len(field) >= 2 + count and field[1] in (0, 1):  # BIFF8
        wide = field[1] == 1
        raw = field[2 : 2 + count * (2 if wide else 1)]
        return raw.decode("utf-16-le" if wide else "latin-1", errors="replace")
    return field[1 : 1 + count].decode("cp1252", errors="replace")  # BIFF5


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
