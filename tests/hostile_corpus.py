"""A corpus of hostile and broken files for the upload box, generated on demand (never stored).

Each builder is a plain function returning ``(filename, bytes, expected)``, where ``expected`` is a
substring (compared case-insensitively) of the ImportProblem message the import must raise. CASES lists
every builder with the `applytics.intake.guard.Limits` to import it under (None: the defaults the app uses).

Builders are cheap: the biggest (a 300 MB zip bomb, a million-row sheet) are streamed into the zip in
chunks, so generating any case takes well under three seconds and never holds the unpacked data. Like every
test builder, each gives the same bytes on every call: zips are written by builders.FixedTimeZipFile (entries
dated ZIP_DATE_TIME, not now) and random bytes come from seeded generators.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from builders import FixedTimeZipFile, ods_package, xls_bytes

from applytics.intake.guard import DEFAULT_LIMITS, Limits

Built = tuple[str, bytes, str]

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# ------------------------------------------------------------------ a hand-written xlsx


def content_types(sheet_count: int) -> bytes:
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, sheet_count + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f"{overrides}</Types>"
    ).encode()


ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)


def workbook_xml(names: list[str], prolog: str = "") -> bytes:
    sheets = "".join(f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(names, 1))
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>{sheets}</sheets></workbook>'
    ).encode()


def workbook_rels(count: int) -> bytes:
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, count + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'
    ).encode()


def column_letters(number: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA, 10000 -> NTP."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cell_xml(ref: str, value: object) -> str:
    """One <c>: numbers as numbers, text inline (no sharedStrings part needed), None as nothing."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{_escape(str(value))}</t></is></c>'


def rows_xml(rows: Iterable[list[object]], first_row: int = 1) -> str:
    out = []
    for number, row in enumerate(rows, first_row):
        cells = "".join(cell_xml(f"{column_letters(c)}{number}", v) for c, v in enumerate(row, 1))
        out.append(f'<row r="{number}">{cells}</row>')
    return "".join(out)


def sheet_xml(body: str, dimension: str | None = None, prolog: str = "") -> bytes:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">{dim}<sheetData>{body}</sheetData></worksheet>'
    ).encode()


def xlsx_from_parts(sheets: dict[str, bytes], workbook: bytes | None = None, level: int = 6) -> bytes:
    """A minimal valid xlsx whose worksheet XML is given verbatim (sheet name -> sheet XML)."""
    names = list(sheets)
    buffer = io.BytesIO()
    with FixedTimeZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", content_types(len(names)))
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", workbook or workbook_xml(names))
        archive.writestr("xl/_rels/workbook.xml.rels", workbook_rels(len(names)))
        for number, name in enumerate(names, 1):
            archive.writestr(f"xl/worksheets/sheet{number}.xml", sheets[name])
    return buffer.getvalue()


def xlsx_from_rows(sheets: dict[str, list[list[object]]]) -> bytes:
    return xlsx_from_parts({name: sheet_xml(rows_xml(rows)) for name, rows in sheets.items()})


TRACKER_ROWS: list[list[object]] = [
    ["Company", "Role", "Date Applied", "Status"],
    ["Acme", "Data Analyst", "2026-01-05", "Applied"],
    ["Borealis", "BI Analyst", "2026-01-07", "Rejected"],
    ["Cobalt", "Analyst", "2026-01-09", "Interview"],
]


def valid_xlsx() -> bytes:
    return xlsx_from_rows({"Tracker": TRACKER_ROWS})


def _streamed_xlsx(sheet_name: str, chunks: Iterable[bytes], level: int) -> bytes:
    """An xlsx whose one sheet is written chunk by chunk, so a huge part never sits in memory."""
    buffer = io.BytesIO()
    with FixedTimeZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", content_types(1))
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", workbook_xml([sheet_name]))
        archive.writestr("xl/_rels/workbook.xml.rels", workbook_rels(1))
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            for chunk in chunks:
                part.write(chunk)
    return buffer.getvalue()


# ------------------------------------------------------------------ zip bombs


def zip_bomb_300mb() -> Built:
    """300 MB of zeros as the sheet of an otherwise valid xlsx: ~0.3 MB on disk, refused by both caps."""
    zeros = bytes(1 << 20)
    data = _streamed_xlsx("Tracker", (zeros for _ in range(300)), level=9)
    return "bomb.xlsx", data, "would unpack to 315 MB"  # 300 MiB = 314.6 MB, printed rounded


def zip_bomb_ratio_only() -> Built:
    """12 MiB of zeros: under the 150 MB total cap, but a compression ratio near 1000 (cap 200)."""
    zeros = bytes(1 << 20)
    return "ratio.xlsx", _streamed_xlsx("Tracker", (zeros for _ in range(12)), level=9), "compression bomb"


def zip_over_size_cap() -> Built:
    """Incompressible data: a ratio near 1, but 2 MB unpacked against a 1 MB cap (SMALL_SIZE_CAP)."""
    noise = random.Random(7).randbytes(2_000_000)
    return "big.xlsx", _streamed_xlsx("Tracker", [noise], level=1), "would unpack to 2 MB"


SMALL_SIZE_CAP = Limits(max_uncompressed_bytes=1_000_000)


def zip_too_many_parts() -> Built:
    buffer = io.BytesIO()
    with FixedTimeZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("xl/workbook.xml", workbook_xml(["Tracker"]))
        for number in range(60):
            archive.writestr(f"xl/media/image{number}.png", b"")
    return "parts.xlsx", buffer.getvalue(), "holds 61 parts"


SMALL_PART_CAP = Limits(max_zip_entries=50)

# ------------------------------------------------------------------ XML tricks

BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + "]>"
)


def entity_bomb_in_workbook() -> Built:
    data = xlsx_from_parts(
        {"Tracker": sheet_xml(rows_xml(TRACKER_ROWS))}, workbook=workbook_xml(["&lol9;"], BILLION_LAUGHS)
    )
    return "laughs.xlsx", data, "entity declarations (xl/workbook.xml)"


def entity_bomb_in_sheet() -> Built:
    rows = [*TRACKER_ROWS, ["&lol9;", "Role", "2026-01-10", "Applied"]]
    body = rows_xml(rows).replace("&amp;lol9;", "&lol9;")  # the reference itself, not its escaped text
    data = xlsx_from_parts({"Tracker": sheet_xml(body, prolog=BILLION_LAUGHS)})
    return "laughs_sheet.xlsx", data, "entity declarations (xl/worksheets/sheet1.xml)"


def entity_bomb_after_padding() -> Built:
    """The same DOCTYPE, pushed past the first 4 KB by an XML comment (legal before a DOCTYPE)."""
    rows = [*TRACKER_ROWS, ["&lol9;", "Role", "2026-01-10", "Applied"]]
    body = rows_xml(rows).replace("&amp;lol9;", "&lol9;")
    prolog = "<!--" + " padding" * 1000 + " -->" + BILLION_LAUGHS
    data = xlsx_from_parts({"Tracker": sheet_xml(body, prolog=prolog)})
    # Past the 4 KB pre-check, the parser (which never expands DTD entities) must still refuse it.
    return "laughs_padded.xlsx", data, "entity"


# ------------------------------------------------------------------ not a spreadsheet at all


def encrypted_xlsx() -> Built:
    """What Excel writes for a password-protected workbook: an OLE2 compound file, not a zip."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    header += bytes(512 - len(header))
    directory = (
        "Root Entry".encode("utf-16-le").ljust(128, b"\x00")
        + "EncryptionInfo".encode("utf-16-le").ljust(128, b"\x00")
        + "EncryptedPackage".encode("utf-16-le").ljust(128, b"\x00")
    )
    payload = random.Random(11).randbytes(4096)
    return "locked.xlsx", header + directory + payload + b"EncryptedPackage", "password-protected"


HTML_PAGE = (
    "<!DOCTYPE html>\n<html><head><title>Job tracker - Google Sheets</title></head><body>"
    "<table><tr><th>Company</th><th>Role</th><th>Status</th></tr>"
    "<tr><td>Acme</td><td>Analyst</td><td>Applied</td></tr></table></body></html>\n"
)


def html_as_xlsx() -> Built:
    return "tracker.xlsx", HTML_PAGE.encode(), "web page"


def html_as_csv() -> Built:
    return "tracker.csv", b"\xef\xbb\xbf\r\n  " + HTML_PAGE.encode(), "web page"


def html_saved_page_as_csv() -> Built:
    """A browser's 'Save page as': the file opens with a comment before <html>."""
    return "tracker.csv", ("<!-- saved from url=(0014)about:internet -->\n" + HTML_PAGE).encode(), "web page"


def random_as_xlsx() -> Built:
    return "tracker.xlsx", random.Random(1).randbytes(20_000), "binary data"


def random_as_csv() -> Built:
    return "tracker.csv", random.Random(2).randbytes(20_000), "binary data"


def truncated_xlsx() -> Built:
    whole = valid_xlsx()
    return "cut.xlsx", whole[: len(whole) * 6 // 10], "damaged or incomplete"


def empty_file() -> Built:
    return "empty.csv", b"", "is empty"


def blank_file() -> Built:
    return "blank.xlsx", b" \r\n\t\r\n", "is empty"


def zip_without_spreadsheet() -> Built:
    buffer = io.BytesIO()
    with FixedTimeZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("photos/cv.txt", "my CV, version 3\n" * 20)
        archive.writestr("notes.md", "# applications\n")
    return "tracker.xlsx", buffer.getvalue(), "zip archive without a spreadsheet"


def word_as_xlsx() -> Built:
    buffer = io.BytesIO()
    with FixedTimeZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("_rels/.rels", ROOT_RELS.replace(b"xl/workbook.xml", b"word/document.xml"))
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>Company Role Status</w:t></w:r></w:p></w:body></w:document>",
        )
    return "tracker.xlsx", buffer.getvalue(), "word document"


def pdf_as_csv() -> Built:
    pdf = (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + b"0" * 500 + b"\n%%EOF\n"
    )
    return "tracker.csv", pdf, "pdf document"


# ------------------------------------------------------------------ too big in one direction


def million_row_xlsx() -> Built:
    """1,000,000 rows streamed into the sheet part (~30 MB unpacked, ~2 MB packed): the row pre-count refuses it."""

    def chunks() -> Iterable[bytes]:
        yield (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}"><sheetData>').encode()
        yield b'<row r="1"><c r="A1" t="inlineStr"><is><t>Company</t></is></c></row>'
        for start in range(2, 1_000_001, 10_000):
            stop = min(start + 10_000, 1_000_001)
            yield "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(start, stop)).encode()
        yield b"</sheetData></worksheet>"

    return "million.xlsx", _streamed_xlsx("Tracker", chunks(), level=1), "rows; the limit is 100,000"


def prefixed_million_row_xlsx() -> Built:
    """The same million rows written with a namespace prefix (<x:row>), as the OpenXML SDK writes them."""

    def chunks() -> Iterable[bytes]:
        yield (f'<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="{MAIN_NS}"><x:sheetData>').encode()
        yield b'<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Company</x:t></x:is></x:c></x:row>'
        for start in range(2, 1_000_001, 10_000):
            stop = min(start + 10_000, 1_000_001)
            yield "".join(
                f'<x:row r="{n}"><x:c r="A{n}"><x:v>{n}</x:v></x:c></x:row>' for n in range(start, stop)
            ).encode()
        yield b"</x:sheetData></x:worksheet>"

    return "million_prefixed.xlsx", _streamed_xlsx("Tracker", chunks(), level=1), "rows; the limit is 100,000"


def rows_over_small_limit_xlsx() -> Built:
    rows = [["Company", "Role"], *([f"Firm {n}", "Analyst"] for n in range(300))]
    return "many.xlsx", xlsx_from_rows({"Tracker": rows}), "has 301 rows; the limit is 100"


SMALL_ROW_CAP = Limits(max_rows=100)


def csv_over_row_limit() -> Built:
    """100,100 data rows against the default cap of 100,000 (plus a grace of 50)."""
    limit = DEFAULT_LIMITS.max_rows
    body = "".join(f"Firm {n},Analyst\n" for n in range(limit + 100))
    return "many.csv", ("Company,Role\n" + body).encode(), f"rows; the limit is {limit:,}"


def wide_xlsx_with_dimension() -> Built:
    """10,000 columns, declared by <dimension ref="A1:NTP2"/> (NTP = column 10,000)."""
    header = [f"Col {n}" for n in range(1, 10_001)]
    body = rows_xml([header, list(range(1, 10_001))])
    assert column_letters(10_000) == "NTP"
    data = xlsx_from_parts({"Tracker": sheet_xml(body, dimension="A1:NTP2")})
    return "wide.xlsx", data, "10,000 columns; the limit is 500"


def wide_xlsx_without_dimension() -> Built:
    header = [f"Col {n}" for n in range(1, 10_001)]
    data = xlsx_from_parts({"Tracker": sheet_xml(rows_xml([header, list(range(1, 10_001))]))})
    return "wide_nodim.xlsx", data, "10,000 columns; the limit is 500"


def wide_csv() -> Built:
    header = ",".join(f"Col {n}" for n in range(1, 10_001))
    values = ",".join(str(n) for n in range(1, 10_001))
    return "wide.csv", f"{header}\n{values}\n".encode(), "10,000 columns; the limit is 500"


def giant_field_csv() -> Built:
    """One line, one 5 MB field (no delimiter at all)."""
    return "giant.csv", b"x" * 5_000_000 + b"\n", "near line 1"


def giant_quoted_field_csv() -> Built:
    """A header, then one row whose second field is a 5 MB quoted note."""
    return "giant_note.csv", b'Company,Notes\nAcme,"' + b"y" * 5_000_000 + b'"\n', "near line 2"


def giant_line_of_short_fields_csv() -> Built:
    """One 5 MB line of 1,250,000 three-character fields."""
    return "giant_line.csv", b"ab," * 1_250_000 + b"ab\n", "1,250,001 columns; the limit is 500"


def dense_short_cells_csv() -> Built:
    """9.9 MB, 100,000 lines of 33 two-letter fields: 3,300,000 cells, each a Python string once read (it grew the
    server's memory by 619 MB before CSV cells were counted). 3,000,000 / 33 = 90,909.1: line 90,910 is over."""
    line = b",".join([b"ab"] * 33) + b"\n"
    return (
        "dense.csv",
        b"Company,Role,Status," + line[9:] + line * 99_999,
        "cells (by line 90,910); the limit is 3,000,000",
    )


def too_big_csv() -> Built:
    """Over the 10 MB upload cap, whatever it holds."""
    return "huge.csv", b"Company,Role\n" + b"Acme,Analyst\n" * 900_000, "the limit is 10 mb"


# ------------------------------------------------------------------ few bytes, many cells
# A parser builds a sheet as a dense grid: rows x columns cells, whatever the file holds. These files are a
# few hundred bytes but name a grid of tens of millions (or billions) of cells. The expected substring is ""
# where the grid stays within max_rows x max_cols: refusing it or reading it are both fine, if bounded.

HEADER_ROW = [["Company", "Role", "Status"]]


def sparse_xlsx_far_cell() -> Built:
    """A header and one cell at XFD1048576, the last cell Excel has; no <dimension> to warn of it."""
    body = rows_xml(HEADER_ROW) + f'<row r="1048576">{cell_xml("XFD1048576", "x")}</row>'
    return "far_cell.xlsx", xlsx_from_parts({"Tracker": sheet_xml(body)}), "; the limit is"


def sparse_xlsx_within_limits() -> Built:
    """A header and one cell at SF100000: column 500 and row 100,000, each exactly at its limit."""
    assert column_letters(500) == "SF"
    body = rows_xml(HEADER_ROW) + f'<row r="100000">{cell_xml("SF100000", "x")}</row>'
    return "sparse.xlsx", xlsx_from_parts({"Tracker": sheet_xml(body)}), ""


def xls_far_cell() -> Built:
    """An Excel 97-2003 file of 5.6 KB: a header, one application, and a cell at IV65536, the last cell such a
    sheet has. The parser builds 65,536 x 256 cells for it: 1.16 GB before the BIFF records were walked first."""
    cells = {(0, 0): "Company", (0, 1): "Role", (1, 0): "Acme", (1, 1): "Analyst", (65_535, 255): "x"}
    return "old_tracker.xls", xls_bytes({"Tracker": cells}), "spans 65,536 rows × 256 columns (16,777,216 cells)"


def xls_far_cell_on_the_second_sheet() -> Built:
    """The far cell on a second sheet with a name beyond Latin-1: the message names that sheet."""
    tracker = {(0, 0): "Company", (0, 1): "Role", (1, 0): "Acme", (1, 1): "Analyst"}
    return (
        "two_sheets.xls",
        xls_bytes({"Tracker": tracker, "Заметки": {(0, 0): "note", (40_000, 200): "x"}}),
        "Sheet “Заметки” of “two_sheets.xls” spans 40,001 rows × 201 columns",
    )


SMALL_XLS_FILLED_CAP = Limits(max_filled_cells=100)


def xls_over_a_small_filled_cell_limit() -> Built:
    """101 filled cells, numbers and texts, over a limit of 100."""
    cells = {(row, col): (row * 2 + col if col else f"Firm {row}") for row in range(50) for col in range(2)}
    cells[(50, 0)] = "Last"
    return (
        "filled.xls",
        xls_bytes({"Tracker": cells}),
        "holds more than 100 filled cells (counted up to sheet “Tracker”)",
    )


def _ods(rows_xml_text: str) -> bytes:
    return ods_package(f'<table:table table:name="Tracker">{rows_xml_text}</table:table>')


def _ods_repeated(rows: int, columns: int) -> bytes:
    def text_cell(value: str, repeat: int = 1) -> str:
        times = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
        return f'<table:table-cell{times} office:value-type="string"><text:p>{value}</text:p></table:table-cell>'

    header = "<table:table-row>" + "".join(text_cell(v) for v in HEADER_ROW[0]) + "</table:table-row>"
    body = f'<table:table-row table:number-rows-repeated="{rows}">{text_cell("x", columns)}</table:table-row>'
    return _ods(header + body)


def ods_repeat_bomb() -> Built:
    """One row of 100 'x' cells, repeated a million times: 100 million cells in under a kilobyte."""
    return "repeated.ods", _ods_repeated(1_000_000, 100), "; the limit is"


def ods_repeat_within_limits() -> Built:
    """100,000 rows of 500 'x' cells by repetition: 50 million cells, each dimension at its limit."""
    return "repeated_full.ods", _ods_repeated(100_000, 500), ""


# ------------------------------------------------------------------ few cells, much text
# A parser holds every cell's text several times over (the XML, its own strings, Python's, the table), so text is
# what a small workbook can make the server hold. A spreadsheet program caps a cell at 32,767 characters
# (Limits.max_cell_chars); these files hold far more, in a cell, a shared string or a row, yet stay under the
# 10 MB upload cap and the zip caps (their text deflates about 120:1, under the ratio cap of 200).

GIANT_CHARS = 30 * 1024 * 1024  # 31,457,280 characters: one cell of the reported file


def _text_block(size: int = 1 << 20) -> bytes:
    """`size` bytes of lowercase text that deflate about 120:1 (runs of "x" broken by a random letter every ~400
    characters). Written again and again, it costs its own bytes each time: copies lie further apart than deflate's
    32 KiB window. Seeded, so every call gives the same bytes."""
    rng = random.Random(30)
    parts, length = [], 0
    while length < size:
        run = rng.randrange(200, 600)
        parts.append(b"x" * run + bytes([rng.randrange(97, 123)]))
        length += run + 1
    return b"".join(parts)[:size]


def _giant_text(chars: int) -> Iterable[bytes]:
    """`chars` characters of _text_block, one block at a time (never all of it in memory)."""
    block = _text_block()
    whole, rest = divmod(chars, len(block))
    yield from (block for _ in range(whole))
    yield block[:rest]


SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def _streamed_xlsx_with_strings(
    sheet_name: str, sheet: Iterable[bytes], shared: Iterable[bytes], level: int = 6
) -> bytes:
    """As _streamed_xlsx, with an xl/sharedStrings.xml part (declared as Excel declares it), streamed too."""
    types = content_types(1).replace(
        b"</Types>",
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SHARED_STRINGS_TYPE}"/></Types>'.encode(),
    )
    rels = workbook_rels(1).replace(
        b"</Relationships>",
        b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    buffer = io.BytesIO()
    with FixedTimeZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", workbook_xml([sheet_name]))
        archive.writestr("xl/_rels/workbook.xml.rels", rels)
        for part_name, chunks in (("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", shared)):
            with archive.open(part_name, "w", force_zip64=True) as part:
                for chunk in chunks:
                    part.write(chunk)
    return buffer.getvalue()


_SHEET_HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MAIN_NS}"><sheetData>'
_SHEET_TAIL = b"</sheetData></worksheet>"
NOTES_HEADER = ["Company", "Role", "Status", "Notes"]


def xlsx_four_30mib_cells() -> Built:
    """The reported file: a header and four applications whose notes (D2:D5) are inline strings of 30 MiB each.
    126 MB unpacked, 1.1 MB packed: a ratio of 118, under both zip caps (150 MB, 200)."""

    def chunks() -> Iterable[bytes]:
        yield (_SHEET_HEAD + rows_xml([NOTES_HEADER])).encode()
        for row in range(2, 6):
            firm = rows_xml([[f"Firm {row}", "Analyst", "Applied"]], first_row=row).removesuffix("</row>")
            yield f'{firm}<c r="D{row}" t="inlineStr"><is><t>'.encode()
            yield from _giant_text(GIANT_CHARS)
            yield b"</t></is></c></row>"
        yield _SHEET_TAIL

    return "huge_notes.xlsx", _streamed_xlsx("Tracker", chunks(), level=6), "cell D2 holds 31,457,280 characters"


def _shared_cells(count: int, first_row: int = 2) -> Iterable[bytes]:
    """Rows first_row.. of applications whose note (column D) is shared string 0."""
    yield (_SHEET_HEAD + rows_xml([NOTES_HEADER])).encode()
    for row in range(first_row, first_row + count):
        firm = rows_xml([[f"Firm {row}", "Analyst", "Applied"]], first_row=row).removesuffix("</row>")
        yield f'{firm}<c r="D{row}" t="s"><v>0</v></c></row>'.encode()
    yield _SHEET_TAIL


def _shared_strings(strings: Iterable[Iterable[bytes]], count: int) -> Iterable[bytes]:
    yield f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN_NS}" uniqueCount="{count}">'.encode()
    for string in strings:
        yield b"<si>"
        yield from string
        yield b"</si>"
    yield b"</sst>"


def xlsx_30mib_shared_string() -> Built:
    """One note of 30 MiB in xl/sharedStrings.xml (<si><t>…</t></si>), used by cell D2."""
    string = [b"<t>", *_giant_text(GIANT_CHARS), b"</t>"]
    data = _streamed_xlsx_with_strings("Tracker", _shared_cells(1), _shared_strings([string], 1))
    return "shared_note.xlsx", data, "cell D2 holds 31,457,280 characters"


def xlsx_rich_text_shared_string() -> Built:
    """A shared string of 40 rich-text runs (<r><t>) of 1,000 characters each: every run is short, the string is
    40,000 characters."""
    runs = b"".join(
        b'<r><rPr><b/></rPr><t xml:space="preserve">' + bytes([97 + n % 26]) * 1_000 + b"</t></r>" for n in range(40)
    )
    data = _streamed_xlsx_with_strings("Tracker", _shared_cells(1), _shared_strings([[runs]], 1))
    return "rich_note.xlsx", data, "cell D2 holds 40,000 characters"


def xlsx_one_shared_note_everywhere() -> Built:
    """One shared string of 32,000 characters (legal) used by the notes of 20,000 rows: 640 million characters
    for a parser to build, from a 0.3 MB file. Every cell and every row is within its limits; the workbook is not."""
    string = [b"<t>", *_giant_text(32_000), b"</t>"]
    data = _streamed_xlsx_with_strings("Tracker", _shared_cells(20_000), _shared_strings([string], 1))
    return "shared_everywhere.xlsx", data, "holds more than 10,000,000 characters of text in its cells"


def xlsx_row_of_full_cells() -> Built:
    """Row 2 holds 200 cells of 32,000 characters each: every cell is legal, the row holds 6,400,000."""
    cell_text = _text_block(32_000).decode()

    def chunks() -> Iterable[bytes]:
        yield (_SHEET_HEAD + rows_xml([NOTES_HEADER])).encode()
        yield rows_xml([[cell_text] * 200], first_row=2).encode()
        yield _SHEET_TAIL

    return "wide_notes.xlsx", _streamed_xlsx("Tracker", chunks(), level=6), "row 2 holds 6,400,000 characters"


def xlsx_just_under_every_text_limit() -> Built:
    """Every text limit nearly reached, none passed: 275 applications (rows 2-276) whose notes hold 32,767
    characters each (Excel's cap), every other one a shared string; row 2 holds 26 more such notes (E2:AD2), so
    27 x 32,767 = 884,709 characters of notes, 884,729 with "Firm 2", "Analyst" and "Applied" (the row cap is
    1,000,000); all cells hold 9,868,833 characters (the cap is 10,000,000): 22 of header, 884,729 in row 2, and in
    rows 3-276 274 x 32,767 = 8,978,158 of notes, 274 x 14 = 3,836 of "Analyst" and "Applied" and 2,088 of
    "Firm 3".."Firm 276" (7 x 6 + 90 x 7 + 177 x 8); the numbers 0-136 in the shared cells' <v> stand for their
    strings and are not counted. It must import."""
    return _notes_workbook(32_767)


def xlsx_one_character_over_the_cell_limit() -> Built:
    """The file just under every text limit, but the note of row 4 (inline) holds 32,768 characters."""
    name, data, _ = _notes_workbook(32_768)
    return name, data, "cell D4 holds 32,768 characters"


def _notes_workbook(row_4: int) -> Built:
    """xlsx_just_under_every_text_limit, with `row_4` characters in the note of row 4."""
    note = _text_block(32_767)
    shared_rows = range(3, 277, 2)  # rows 3, 5, ... 275: 137 shared notes, strings 0..136

    def row_xml(row: int) -> str:
        firm = rows_xml([[f"Firm {row}", "Analyst", "Applied"]], first_row=row).removesuffix("</row>")
        if row in shared_rows:
            return f'{firm}<c r="D{row}" t="s"><v>{(row - 3) // 2}</v></c></row>'
        extra = range(4, 31) if row == 2 else range(4, 5)  # D2:AD2, else D alone
        text = (note if row != 4 else _text_block(row_4)).decode()
        cell = f't="inlineStr"><is><t>{text}</t></is></c>'
        return firm + "".join(f'<c r="{column_letters(c)}{row}" {cell}' for c in extra) + "</row>"

    def chunks() -> Iterable[bytes]:
        yield (_SHEET_HEAD + rows_xml([NOTES_HEADER])).encode()
        for row in range(2, 277):
            yield row_xml(row).encode()
        yield _SHEET_TAIL

    strings = _shared_strings(([b"<t>", note, b"</t>"] for _ in shared_rows), len(shared_rows))
    return "full_notes.xlsx", _streamed_xlsx_with_strings("Tracker", chunks(), strings), ""


def xlsx_shared_strings_count_bomb() -> Built:
    """A 2 KB xlsx whose xl/sharedStrings.xml declares uniqueCount="10000000000": python-calamine reserves room for
    that many strings up front (240 GB) and the allocation failure aborts the whole process (SIGABRT, no exception)."""
    strings = [f'<sst xmlns="{MAIN_NS}" count="1" uniqueCount="10000000000"><si><t>Acme</t></si></sst>'.encode()]
    return "counted.xlsx", _streamed_xlsx_with_strings("Tracker", _shared_cells(1), strings), "declares 10,000,000,000"


def _streamed_ods(tables: Iterable[bytes], level: int = 6) -> bytes:
    """As builders.ods_package (same manifest, same XML around the tables), with content.xml streamed."""
    with zipfile.ZipFile(io.BytesIO(ods_package("<!--tables-->"))) as template:
        manifest = template.read("META-INF/manifest.xml")
        head, tail = template.read("content.xml").split(b"<!--tables-->")
    buffer = io.BytesIO()
    with FixedTimeZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")  # stored
        archive.writestr("META-INF/manifest.xml", manifest)
        with archive.open("content.xml", "w", force_zip64=True) as part:
            for chunk in (head, *tables, tail):
                part.write(chunk)
    return buffer.getvalue()


def _ods_text_cell(text: str) -> str:
    return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'


def ods_giant_paragraph() -> Built:
    """An ODS whose one note (D2) is a <text:p> of 30 MiB."""
    header = "<table:table-row>" + "".join(_ods_text_cell(v) for v in NOTES_HEADER) + "</table:table-row>"
    first = "".join(_ods_text_cell(v) for v in ("Acme", "Analyst", "Applied"))
    tables = (
        f'<table:table table:name="Tracker">{header}<table:table-row>{first}'.encode(),
        b'<table:table-cell office:value-type="string"><text:p>',
        *_giant_text(GIANT_CHARS),
        b"</text:p></table:table-cell></table:table-row></table:table>",
    )
    return "huge_note.ods", _streamed_ods(tables), "cell D2 holds 31,457,280 characters"


def _ods_notes_row(note: str, row_attributes: str = "") -> str:
    header = "<table:table-row>" + "".join(_ods_text_cell(v) for v in NOTES_HEADER) + "</table:table-row>"
    cells = "".join(_ods_text_cell(v) for v in ("Acme", "Analyst", "Applied"))
    row = f"<table:table-row{row_attributes}>{cells}{_ods_text_cell(note)}</table:table-row>"
    return f'<table:table table:name="Tracker">{header}{row}</table:table>'


def ods_space_run_bomb() -> Built:
    """Under a kilobyte: a note "see<text:s text:c="1000000000"/>below", which a reader expands to a billion spaces:
    3 + 1,000,000,000 + 5 characters."""
    tables = _ods_notes_row('see<text:s text:c="1000000000"/>below')
    return "spaces.ods", ods_package(tables), "cell D2 holds 1,000,000,008 characters"


def ods_repeated_note_bomb() -> Built:
    """About a kilobyte: one application whose 30,000-character note (legal) is repeated over 100,000 rows
    (table:number-rows-repeated, legal too): 3,000,000,000 characters once read, past the 10,000,000 cap."""
    tables = _ods_notes_row(_text_block(30_000).decode(), ' table:number-rows-repeated="100000"')
    return "repeated_note.ods", ods_package(tables), "holds more than 10,000,000 characters of text in its cells"


def xlsx_text_over_a_small_limit() -> Built:
    """The file just under the default text limits, against a cap of 5,000,000 characters (SMALL_TEXT_CAP): its
    137 shared strings hold 4,489,079 characters (137 x 32,767), under the cap; its cells 9,868,833, over it."""
    name, data, _ = xlsx_just_under_every_text_limit()
    return name, data, "holds more than 5,000,000 characters of text in its cells (counted up to sheet “Tracker”)"


SMALL_TEXT_CAP = Limits(max_text_chars=5_000_000)

# Run in a child process with a memory cap (tests/unit/test_hostile_files.py): failing, they would take the
# test machine down with them.
CELL_BOMBS: tuple[str, ...] = (
    "sparse_xlsx_far_cell",
    "sparse_xlsx_within_limits",
    "ods_repeat_bomb",
    "ods_repeat_within_limits",
    "xlsx_shared_strings_count_bomb",
    "ods_space_run_bomb",
    "ods_repeated_note_bomb",
)

# Few cells, much text (tests/unit/intake/test_guard.py): each is imported in a child process whose peak memory is
# measured. xlsx_just_under_every_text_limit, which must import, is measured the same way.
TEXT_BOMBS: tuple[str, ...] = (
    "xlsx_four_30mib_cells",
    "xlsx_30mib_shared_string",
    "xlsx_rich_text_shared_string",
    "xlsx_one_shared_note_everywhere",
    "xlsx_row_of_full_cells",
    "xlsx_shared_strings_count_bomb",
    "ods_giant_paragraph",
    "ods_space_run_bomb",
    "ods_repeated_note_bomb",
    "xlsx_one_character_over_the_cell_limit",
    "xls_far_cell",  # few cells, but a huge range: measured the same way
)


# ------------------------------------------------------------------ big, dense, legitimate
# Files a real tracker can be, near the caps: they must import, and within the import's memory bound (measured in
# test_guard). Each cell was once a Python string of its own (about 60 bytes, twice over in pandas' string dtype):
# the dense CSV grew the server's memory by 539 MB and the 100k-row workbook by 246 MB.

DENSE_STATUSES = ("Applied", "Rejected", "Interview", "No response", "Offer", "applied ", "REJECTED", "Ghosted")


def dense_short_cells_csv_under_the_cell_limit() -> Built:
    """8.9 MB, 90,000 applications of 33 short fields: 2,970,030 cells, just under the 3,000,000 cap."""
    header = b"Company,Role,Status," + b",".join(b"c%d" % i for i in range(30)) + b"\n"
    line = b"Acme,PM," + b",".join([b"ab"] * 31) + b"\n"
    return "dense_under.csv", header + line * 90_000, ""


def xlsx_100k_applications() -> Built:
    """100,000 applications in 9 columns, as a tracker kept by a cohort would hold them: a few thousand companies,
    a few dozen roles, statuses spelled several ways, dates as text, a note on every fifth row."""
    rng = random.Random(12)
    companies = [f"Company {i}" for i in range(3_000)]
    roles = [f"{level} {job}" for level in ("Junior", "Senior", "Lead") for job in ("Analyst", "Engineer", "PM")]
    sources = ("LinkedIn", "Referral", "Company site", "Indeed", "Recruiter")
    header = ["Company", "Role", "Date Applied", "Status", "Source", "Location", "Resume", "Salary", "Notes"]

    def chunks() -> Iterable[bytes]:
        yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}"><sheetData>'.encode()
        yield rows_xml([header]).encode()
        for number in range(2, 100_002):
            row = [
                rng.choice(companies),
                rng.choice(roles),
                f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                rng.choice(DENSE_STATUSES),
                rng.choice(sources),
                rng.choice(("Remote", "Berlin", "London", None)),
                f"v{rng.randint(1, 4)}",
                rng.randrange(40_000, 120_000, 1_000),
                f"Call with recruiter #{number}" if number % 5 == 0 else None,
            ]
            yield rows_xml([row], number).encode()
        yield b"</sheetData></worksheet>"

    return "cohort_100k.xlsx", _streamed_xlsx("Applications", chunks(), 6), ""


def xlsx_just_under_the_filled_cell_limit() -> Built:
    """99,900 applications of 15 two-letter inline strings and their header: 1,498,515 filled cells, under 1,500,000.
    The parser builds each cell (about 100 bytes of text cell): the most a workbook may make it hold."""

    def chunks() -> Iterable[bytes]:
        yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}"><sheetData>'.encode()
        yield rows_xml([["Company", "Role", "Status"] + [f"c{i}" for i in range(12)]]).encode()
        for number in range(2, 99_902):
            yield rows_xml([["ab"] * 15], number).encode()
        yield b"</sheetData></worksheet>"

    return "filled.xlsx", _streamed_xlsx("Tracker", chunks(), 6), ""


def _code(number: int, width: int) -> str:
    """`number` in base 62, `width` characters: a different short text for each number."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return "".join(digits[number // 62**place % 62] for place in reversed(range(width)))


def csv_just_under_the_text_limit() -> Built:
    """9.7 MB, 90,000 applications of 33 fields: a company and a role of their own on every row (180,000 texts) and
    19,900 different statuses, 199,937 different texts with the header and "ab": under 200,000."""
    header = "Company,Role,Status," + ",".join(f"c{i}" for i in range(30)) + "\n"
    lines = [header] + [
        f"{_code(2 * row, 5)},{_code(2 * row + 1, 5)},x{_code(row % 19_900, 4)}," + ",".join(["ab"] * 30) + "\n"
        for row in range(90_000)
    ]
    return "texts.csv", "".join(lines).encode(), ""


DENSE_LEGITIMATE: tuple[str, ...] = (
    "dense_short_cells_csv_under_the_cell_limit",
    "xlsx_100k_applications",
    "xlsx_just_under_the_filled_cell_limit",
    "csv_just_under_the_text_limit",
)


def csv_over_the_text_limit() -> Built:
    """1.5 MB: 100,000 applications of a company and a role of their own; with the header's two, row 100,001 (the
    last) brings the different texts to 200,002."""
    body = "".join(f"c{2 * number},r{2 * number + 1}\n" for number in range(100_000))
    return "codes.csv", ("Company,Role\n" + body).encode(), "more than 200,000 different texts (by row 100,001 of sheet"


def ods_over_the_filled_cell_limit() -> Built:
    """A few hundred bytes: a row of 500 filled cells (one repeated cell) repeated 3,001 times, 1,500,500 filled cells
    in a range of as many (under the 3,000,000-cell range cap), over the 1,500,000 filled cells a workbook may hold."""
    cell = '<table:table-cell office:value-type="string" table:number-columns-repeated="500"><text:p>ab</text:p>'
    row = f'<table:table-row table:number-rows-repeated="3001">{cell}</table:table-cell></table:table-row>'
    return "repeats.ods", _ods(row), "holds more than 1,500,000 filled cells (counted up to sheet “Tracker”)"


SMALL_FILLED_CAP = Limits(max_filled_cells=1_000)


def xlsx_over_a_small_filled_cell_limit() -> Built:
    """1,001 filled cells (a header and 500 rows of two), over a limit of 1,000."""
    rows = [["Company", "Role"]] + [[f"Firm {i}", "Analyst"] for i in range(500)]
    return "filled.xlsx", xlsx_from_rows({"Tracker": rows}), "holds more than 1,000 filled cells"


# ------------------------------------------------------------------ the registry


@dataclass(frozen=True)
class Case:
    id: str
    build: Callable[[], Built]
    limits: Limits = DEFAULT_LIMITS


CASES: tuple[Case, ...] = (
    Case("zip-bomb-300mb-default-limits", zip_bomb_300mb),
    Case("zip-bomb-ratio-only", zip_bomb_ratio_only),
    Case("zip-over-size-cap-small-limit", zip_over_size_cap, SMALL_SIZE_CAP),
    Case("zip-too-many-parts-small-limit", zip_too_many_parts, SMALL_PART_CAP),
    Case("entity-bomb-in-workbook", entity_bomb_in_workbook),
    Case("entity-bomb-in-sheet", entity_bomb_in_sheet),
    Case("entity-bomb-after-4kb-padding", entity_bomb_after_padding),
    Case("encrypted-xlsx", encrypted_xlsx),
    Case("html-as-xlsx", html_as_xlsx),
    Case("html-as-csv", html_as_csv),
    Case("html-saved-page-as-csv", html_saved_page_as_csv),
    Case("random-as-xlsx", random_as_xlsx),
    Case("random-as-csv", random_as_csv),
    Case("truncated-xlsx", truncated_xlsx),
    Case("empty-file", empty_file),
    Case("blank-file", blank_file),
    Case("zip-without-spreadsheet", zip_without_spreadsheet),
    Case("word-as-xlsx", word_as_xlsx),
    Case("pdf-as-csv", pdf_as_csv),
    Case("million-row-xlsx", million_row_xlsx),
    Case("million-row-xlsx-prefixed", prefixed_million_row_xlsx),
    Case("rows-over-small-limit-xlsx", rows_over_small_limit_xlsx, SMALL_ROW_CAP),
    Case("csv-over-row-limit", csv_over_row_limit),
    Case("wide-xlsx-dimension", wide_xlsx_with_dimension),
    Case("wide-xlsx-no-dimension", wide_xlsx_without_dimension),
    Case("wide-csv", wide_csv),
    Case("csv-one-5mb-field", giant_field_csv),
    Case("csv-5mb-quoted-note", giant_quoted_field_csv),
    Case("csv-5mb-line-of-short-fields", giant_line_of_short_fields_csv),
    Case("csv-dense-short-cells", dense_short_cells_csv),
    Case("csv-over-10mb", too_big_csv),
    Case("xlsx-four-30mib-inline-cells", xlsx_four_30mib_cells),
    Case("xlsx-30mib-shared-string", xlsx_30mib_shared_string),
    Case("xlsx-rich-text-shared-string-over-cap", xlsx_rich_text_shared_string),
    Case("xlsx-one-shared-note-in-20000-cells", xlsx_one_shared_note_everywhere),
    Case("xlsx-row-of-200-full-cells", xlsx_row_of_full_cells),
    Case("ods-30mib-paragraph", ods_giant_paragraph),
    Case("xlsx-text-over-small-limit", xlsx_text_over_a_small_limit, SMALL_TEXT_CAP),
    Case("csv-over-the-text-limit", csv_over_the_text_limit),
    Case("ods-repeats-over-the-filled-cell-limit", ods_over_the_filled_cell_limit),
    Case("xlsx-over-small-filled-cell-limit", xlsx_over_a_small_filled_cell_limit, SMALL_FILLED_CAP),
    Case("xls-far-cell", xls_far_cell),
    Case("xls-far-cell-on-the-second-sheet", xls_far_cell_on_the_second_sheet),
    Case("xls-over-small-filled-cell-limit", xls_over_a_small_filled_cell_limit, SMALL_XLS_FILLED_CAP),
)


# ------------------------------------------------------------------ mapping files
# Hostile "Saved corrections" files (the .json the Data page downloads), for Corrections.from_json, the CLI's
# --mapping and the app's mapping uploader. Each builder returns (filename, bytes, expected) like the ones above:
# `expected` is a substring of the ImportProblem's message (compared case-insensitively), worked out by hand from
# the bytes. The limits they meet are those of applytics.intake.corrections: 262,144 bytes (256 KB), nesting
# deeper than 8 levels, 10,000 entries per section, keys of 100,000 characters, and no numbers anywhere.

MAPPING_HEAD = '{"format":"applytics-mapping","version":1,'  # 42 characters


def nested_brackets_mapping() -> Built:
    """200 KB of brackets, 100,000 levels deep: the file that showed only "RecursionError" on the page.
    The first bracket is level 1 at byte 0, so level 9 opens at byte 8."""
    return "nested.json", b"[" * 100_000 + b"]" * 100_000, "is nested 100,000 levels deep (level 9 opens at byte 8)"


def nested_statuses_mapping() -> Built:
    """A valid header, then 40,000 levels of {"a": under "statuses" (~240 KB, under the size cap).
    The outer object is level 1; "statuses" opens level 2 at byte 42 + len('"statuses":') = 53, and each
    '{"a":' is 5 bytes, so level 9 opens at 53 + 7 * 5 = 88; the deepest is 1 + 40,000 = 40,001."""
    body = MAPPING_HEAD + '"statuses":' + '{"a":' * 40_000 + '"x"' + "}" * 40_000 + "}"
    return "nested_statuses.json", body.encode(), "is nested 40,001 levels deep (level 9 opens at byte 88)"


def oversize_mapping() -> Built:
    """A valid, empty mapping padded with spaces to 300,000 bytes: refused on its size alone."""
    body = MAPPING_HEAD + '"columns":{}}'
    return "padded.json", body.encode() + b" " * (300_000 - len(body)), "300,000 bytes, and the limit is 262,144"


def huge_float_mapping() -> Built:
    """1e999999 as a column's choice: a float parser makes it inf; it must be reported as the number written."""
    body = MAPPING_HEAD + '"columns":{"Company":1e999999}}'
    return "huge_float.json", body.encode(), "column “Company” is the number 1e999999;"


def long_integer_mapping() -> Built:
    """A 5,000-digit integer as a date order: past int()'s 4,300-digit limit, shown cut to 59 digits and "…"."""
    body = MAPPING_HEAD + '"date_orders":{"Date":' + "7" * 5_000 + "}}"
    return "long_integer.json", body.encode(), "the date order of “Date” is the number " + "7" * 59 + "…;"


def too_many_entries_mapping() -> Built:
    """10,001 valid column entries ("c00000".."c10000" -> "ignore", 18 bytes each, ~180 KB): one over the cap."""
    entries = ",".join(f'"c{n:05d}":"ignore"' for n in range(10_001))
    body = MAPPING_HEAD + '"columns":{' + entries + "}}"
    return "many_entries.json", body.encode(), "has 10,001 entries under “columns”"


def long_key_mapping() -> Built:
    """A status word of 100,001 characters: one past the longest cell the intake accepts."""
    body = MAPPING_HEAD + '"statuses":{"' + "w" * 100_001 + '":{"stage":"applied","outcome":"active"}}}'
    return "long_key.json", body.encode(), "is 100,001 characters long; the limit is 100,000"


MAPPING_CASES: tuple[tuple[str, Callable[[], Built]], ...] = (
    ("nested-brackets-200kb", nested_brackets_mapping),
    ("nested-objects-in-statuses", nested_statuses_mapping),
    ("over-256kb", oversize_mapping),
    ("number-1e999999", huge_float_mapping),
    ("integer-of-5000-digits", long_integer_mapping),
    ("10001-entries", too_many_entries_mapping),
    ("key-of-100001-chars", long_key_mapping),
)
