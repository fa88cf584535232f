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

from builders import FixedTimeZipFile, ods_package

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


# Run in a child process with a memory cap (tests/unit/test_hostile_files.py): failing, they would take the
# test machine down with them.
CELL_BOMBS: tuple[str, ...] = (
    "sparse_xlsx_far_cell",
    "sparse_xlsx_within_limits",
    "ods_repeat_bomb",
    "ods_repeat_within_limits",
)


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
    Case("csv-over-10mb", too_big_csv),
)
