"""read: bytes -> sheets of cells, for every file a job seeker may drop, and for hostile ones.

Why: the upload box faces the internet. A real tracker (any delimiter, any encoding, xlsx or
ods) must read as its cells; anything else must stop with an ImportProblem that says what is
wrong and what to do, never another exception and never unbounded work.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import random
import zipfile

import openpyxl
import pytest
from builders import FixedTimeZipFile, ods_package, workbook_bytes, xls_bytes, xlsx_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from applytics.errors import ImportProblem
from applytics.intake.guard import Limits
from applytics.intake.read import Workbook, _lines, decode_text, read_workbook, sniff_delimiter

# ---------------------------------------------------------------- fixture builders


def _ods_cell(value: object) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, bool):
        raise TypeError("not needed here")
    if isinstance(value, (int, float)):
        kind = f'office:value-type="float" office:value="{value}"'
        return f"<table:table-cell {kind}><text:p>{value}</text:p></table:table-cell>"
    if isinstance(value, dt.date):
        iso = value.isoformat()
        kind = f'office:value-type="date" office:date-value="{iso}"'
        return f"<table:table-cell {kind}><text:p>{iso}</text:p></table:table-cell>"
    return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'


def ods_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    """A minimal OpenDocument spreadsheet: stored `mimetype` first, a manifest, and content.xml."""
    tables = "".join(
        f'<table:table table:name="{name}">'
        + "".join("<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>" for row in rows)
        + "</table:table>"
        for name, rows in sheets.items()
    )
    return ods_package(tables)


def rewrite_zip_part(data: bytes, part: str, change: object) -> bytes:
    """The same archive with one member's bytes passed through `change`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    assert part in source.namelist()
    out = io.BytesIO()
    with FixedTimeZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info.filename, change(content) if info.filename == part else content)
    return out.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with FixedTimeZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


TRACKER = [
    ["Company", "Role", "Date Applied", "Status"],
    ["Acme", "Data Analyst", "2024-03-05", "Applied"],
    ["Société Générale", "Développeur", "2024-03-06", "Entretien"],
]


def problem(data: bytes, filename: str, limits: Limits | None = None) -> ImportProblem:
    with pytest.raises(ImportProblem) as caught:
        read_workbook(data, filename, limits) if limits else read_workbook(data, filename)
    assert caught.value.what and caught.value.fix, "a problem says what is wrong and what to do"
    assert caught.value.message == f"{caught.value.what} {caught.value.fix}"
    return caught.value


# ---------------------------------------------------------------- delimited text


@pytest.mark.parametrize(("delimiter", "name"), [(",", "comma"), (";", "semicolon"), ("\t", "tab"), ("|", "pipe")])
def test_csv_delimiters(delimiter: str, name: str) -> None:
    text = "\n".join(delimiter.join(row) for row in TRACKER) + "\n"
    book = read_workbook(text.encode("utf-8"), "tracker.csv")
    assert book.kind == "csv"
    assert book.sheets[0].rows == TRACKER
    assert f"{name}-separated" in book.notes[0]


def test_semicolon_csv_with_commas_inside_names() -> None:
    # every company carries a comma: splitting on ',' gives 1 then 2 fields per line, ';' gives 4 on every line
    text = "Entreprise;Poste;Date;Statut\nDupont, SA;Dev;05/03/2024;Envoyée\nMartin, SARL;Data;06/03/2024;Refusé\n"
    rows = read_workbook(text.encode("utf-8"), "suivi.csv").sheets[0].rows
    assert rows[1] == ["Dupont, SA", "Dev", "05/03/2024", "Envoyée"]
    assert [len(r) for r in rows] == [4, 4, 4]


def test_sniff_delimiter_prefers_the_consistent_split() -> None:
    assert sniff_delimiter("a|b|c\n1|2|3\n") == "|"
    assert sniff_delimiter("a\tb\n1\t2\n") == "\t"
    assert sniff_delimiter("") == ","


@pytest.mark.parametrize(
    ("encoding", "label"),
    [("utf-8", "utf-8"), ("utf-8-sig", "BOM"), ("utf-16", "utf-16"), ("utf-16-le", "utf-16"), ("cp1252", "cp1252")],
)
def test_csv_encodings(encoding: str, label: str) -> None:
    text = "Entreprise;Intitulé du poste;Statut\nSociété Générale;Ingénieur données;Refusé\n"
    book = read_workbook(text.encode(encoding), "suivi.csv")
    # the header keeps no BOM character and the accents survive
    assert book.sheets[0].rows == [
        ["Entreprise", "Intitulé du poste", "Statut"],
        ["Société Générale", "Ingénieur données", "Refusé"],
    ]
    assert label in book.notes[0]


def test_decode_text_reports_the_encoding_used() -> None:
    assert decode_text("Société Générale".encode("cp1252")) == ("Société Générale", "cp1252")
    assert decode_text(codecs.BOM_UTF8 + "Société".encode())[0] == "Société"
    assert decode_text("Société".encode())[1] == "utf-8"


def test_crlf_line_ends_and_quoted_newlines() -> None:
    data = b'Company,Role,Notes\r\nAcme,Dev,"two\r\nlines"\r\nBeta,Ops,short\r\n'
    rows = read_workbook(data, "t.csv").sheets[0].rows
    assert rows == [["Company", "Role", "Notes"], ["Acme", "Dev", "two\r\nlines"], ["Beta", "Ops", "short"]]


def test_blank_cells_trailing_rows_and_columns_are_trimmed() -> None:
    data = b"Company,Role,,\nAcme,  ,,\n,,,\n\n  \n"
    # '  ' is a blank cell; the two empty trailing columns and the blank rows go
    assert read_workbook(data, "t.csv").sheets[0].rows == [["Company", "Role"], ["Acme", None]]


def test_ragged_rows_are_padded_to_one_width() -> None:
    rows = read_workbook(b"Company,Role,Status\nAcme\nBeta,Dev,Applied,extra\n", "t.csv").sheets[0].rows
    assert rows == [
        ["Company", "Role", "Status", None],
        ["Acme", None, None, None],
        ["Beta", "Dev", "Applied", "extra"],
    ]


def test_csv_sheet_is_named_after_the_file_and_paths_are_dropped() -> None:
    book = read_workbook(b"Company,Role\nAcme,Dev\n", "/home/me/Downloads/../job_search.csv")
    assert book.filename == "job_search.csv"
    assert [s.name for s in book.sheets] == ["job_search"]


# ---------------------------------------------------------------- xlsx and ods


def test_xlsx_sheets_and_cell_types() -> None:
    data = xlsx_bytes(
        {
            "Notes": [["Things to remember"]],
            "Applications": [
                ["Company", "Role", "Date Applied", "Salary"],
                ["Acme", "Dev", dt.datetime(2024, 3, 5), 55000],
                ["Beta", "Ops", dt.date(2024, 3, 6), None],
            ],
        }
    )
    book = read_workbook(data, "tracker.xlsx")
    assert book.kind == "xlsx"
    assert [s.name for s in book.sheets] == ["Notes", "Applications"]
    rows = book.sheet("Applications").rows
    assert rows[0] == ["Company", "Role", "Date Applied", "Salary"]
    # real date cells come back as dates (at midnight the time part carries nothing)
    assert [dt.date(r[2].year, r[2].month, r[2].day) for r in rows[1:]] == [dt.date(2024, 3, 5), dt.date(2024, 3, 6)]
    assert rows[1][3] == 55000
    assert rows[2][3] is None


def test_missing_sheet_name_lists_the_sheets() -> None:
    book = read_workbook(xlsx_bytes({"2024": [["Company"]], "2025": [["Company"]]}), "t.xlsx")
    with pytest.raises(ImportProblem) as caught:
        book.sheet("Applications")
    assert "Applications" in caught.value.what
    assert "2024" in caught.value.fix and "2025" in caught.value.fix


def test_ods_is_read_with_its_sheets_dates_and_accents() -> None:
    data = ods_bytes(
        {
            "Suivi": [
                ["Entreprise", "Poste", "Date de candidature", "Statut"],
                ["Société Générale", "Analyste", dt.date(2024, 3, 5), "Refusé"],
                ["Acme", "Dev", 45292, "Entretien"],
            ],
            "Notes": [["à relancer"]],
        }
    )
    book = read_workbook(data, "suivi.ods")
    assert book.kind == "ods"
    assert [s.name for s in book.sheets] == ["Suivi", "Notes"]
    rows = book.sheet("Suivi").rows
    assert rows[0] == ["Entreprise", "Poste", "Date de candidature", "Statut"]
    assert rows[1][0] == "Société Générale"
    assert rows[1][2] == dt.date(2024, 3, 5)
    assert rows[2][2] == 45292
    assert book.sheet("Notes").rows == [["à relancer"]]


# ---------------------------------------------------------------- refusals: what is wrong, what to do


@pytest.mark.parametrize("data", [b"", b"   \r\n\n\t"])
def test_empty_file(data: bytes) -> None:
    found = problem(data, "tracker.csv")
    assert "empty" in found.what
    assert "tracker.csv" in found.what


def test_file_over_the_byte_limit() -> None:
    found = problem(b"Company,Role\n" + b"Acme,Dev\n" * 300, "big.csv", Limits(max_bytes=1000))
    assert "MB" in found.what and "limit" in found.what
    assert "CSV" in found.fix


def test_zip_bomb_is_refused_by_its_compression_ratio() -> None:
    # 4 MB of zeros deflate to a few KB: a ratio near 1000, far above the default cap of 200
    member = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
    member.compress_type = zipfile.ZIP_DEFLATED
    buffer = io.BytesIO()
    with FixedTimeZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        with archive.open(member, "w") as out:
            chunk = b"\0" * (1 << 20)
            for _ in range(4):
                out.write(chunk)
    found = problem(buffer.getvalue(), "bomb.xlsx")
    assert "compression bomb" in found.what
    assert "CSV" in found.fix


def test_zip_over_the_uncompressed_size_cap() -> None:
    # random bytes do not compress: only the size cap (100 KB) can trip on these 200 KB
    noise = random.Random(7).randbytes(200_000)
    data = zip_of({"xl/workbook.xml": b"<workbook/>", "xl/media/image1.bin": noise})
    found = problem(data, "big.xlsx", Limits(max_uncompressed_bytes=100_000))
    assert "unpack" in found.what
    assert "tracker sheet" in found.fix


def test_zip_over_the_compression_ratio_cap() -> None:
    data = zip_of({"xl/workbook.xml": b"<workbook/>", "xl/sharedStrings.xml": b" " * 100_000})
    found = problem(data, "ratio.xlsx", Limits(max_compression_ratio=10))
    assert "compression bomb" in found.what


def test_zip_with_too_many_parts() -> None:
    data = zip_of({f"xl/part{i}.xml": b"<a/>" for i in range(12)})
    found = problem(data, "parts.xlsx", Limits(max_zip_entries=5))
    assert "12" in found.what
    assert "CSV" in found.fix


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "[Content_Types].xml"])
def test_xml_with_entity_declarations_is_refused(part: str) -> None:
    def add_dtd(content: bytes) -> bytes:
        body = content.split(b"?>", 1)[1] if content.startswith(b"<?xml") else content
        return b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>' + body

    data = rewrite_zip_part(xlsx_bytes({"Sheet1": TRACKER}), part, add_dtd)
    found = problem(data, "evil.xlsx")
    assert "entity" in found.what
    assert part in found.what
    assert "Re-save" in found.fix


def test_a_dtd_pushed_past_the_first_kilobytes_is_still_refused() -> None:
    # the prolog may hold a long comment before the DOCTYPE; the DTD is still one no spreadsheet writes
    def add_late_dtd(content: bytes) -> bytes:
        return b'<?xml version="1.0"?><!--' + b"x" * 8000 + b'--><!DOCTYPE w [<!ENTITY e "e">]>' + content

    data = rewrite_zip_part(xlsx_bytes({"Sheet1": TRACKER}), "xl/worksheets/sheet1.xml", add_late_dtd)
    found = problem(data, "evil.xlsx")
    assert "entity" in found.what


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><html><head><title>Job tracker - Google Sheets</title></head><body></body></html>",
        b"\xef\xbb\xbf\n  <html lang='en'><body>Sign in</body></html>",
        b'<?xml version="1.0"?><rss></rss>',
    ],
)
def test_web_page_renamed_to_xlsx(data: bytes) -> None:
    found = problem(data, "tracker.xlsx")
    assert "web page" in found.what
    assert "Download" in found.fix


def test_pdf_is_refused() -> None:
    found = problem(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "resume.pdf")
    assert "PDF" in found.what
    assert "Upload" in found.fix


@pytest.mark.parametrize("head", [b"\x89PNG\r\n\x1a\n", b"\x1f\x8b\x08\x00", b"\xff\xd8\xff\xe0", b"Rar!\x1a\x07"])
def test_images_and_archives_are_refused(head: bytes) -> None:
    found = problem(head + b"\x00" * 64, "tracker.xlsx")
    assert "not a spreadsheet" in found.what


def test_truncated_xlsx() -> None:
    data = xlsx_bytes({"Sheet1": TRACKER})
    found = problem(data[: len(data) // 2], "half.xlsx")
    assert "damaged or incomplete" in found.what
    assert "save it again" in found.fix


def test_word_document_and_plain_zip() -> None:
    word = problem(zip_of({"word/document.xml": b"<w:document/>", "[Content_Types].xml": b"<Types/>"}), "cv.docx")
    assert "Word document" in word.what
    other = problem(zip_of({"photos/a.txt": b"hello"}), "stuff.zip")
    assert "without a spreadsheet" in other.what


def test_binary_garbage_is_not_read_as_text() -> None:
    found = problem(bytes(range(256)) * 8, "data.csv")
    assert "binary" in found.what


OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def test_password_protected_workbook() -> None:
    data = OLE2_MAGIC + b"\x00" * 600 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 600
    found = problem(data, "locked.xlsx")
    assert "password" in found.what
    assert "remove the password" in found.fix


def test_ole2_garbage_is_a_damaged_xls() -> None:
    found = problem(OLE2_MAGIC + bytes(range(256)) * 4, "old.xls")
    assert "could not be read" in found.what
    assert "save it again" in found.fix


def test_xlsx_with_too_many_rows() -> None:
    # the cap allows 50 spare rows for blank trailing ones: 10 + 50 < 100 rows
    rows = [["Company", "Role"]] + [[f"C{i}", "Dev"] for i in range(100)]
    found = problem(xlsx_bytes({"Big": rows}), "big.xlsx", Limits(max_rows=10))
    assert "the limit is 10" in found.what
    assert "Delete unused rows" in found.fix


def test_xlsx_with_too_many_columns() -> None:
    rows = [[f"H{i}" for i in range(30)], ["x"] * 30]
    found = problem(xlsx_bytes({"Wide": rows}), "wide.xlsx", Limits(max_cols=10))
    assert "30 columns" in found.what and "the limit is 10" in found.what
    assert "unused columns" in found.fix


def test_csv_with_too_many_rows_or_columns() -> None:
    tall = b"Company,Role\n" + b"Acme,Dev\n" * 100
    assert "the limit is 10" in problem(tall, "tall.csv", Limits(max_rows=10)).what
    wide = (",".join(f"H{i}" for i in range(30)) + "\n").encode()
    assert "30 columns" in problem(wide, "wide.csv", Limits(max_cols=10)).what


def test_csv_field_over_a_small_limit() -> None:
    data = b"Company,Notes\nAcme," + b"x" * 5000 + b"\n"
    found = problem(data, "long.csv", Limits(max_field_chars=1000))
    assert "line 2" in found.what
    assert "re-export" in found.fix


def test_csv_of_one_giant_field_with_default_limits() -> None:
    # 300,000 characters in one cell: over the default 100,000-character field cap
    found = problem(b"Company,Notes\nAcme," + b"x" * 300_000 + b"\n", "giant.csv")
    assert "giant.csv" in found.what


def test_a_small_field_limit_does_not_leak_into_the_next_upload() -> None:
    # csv's field cap is process-wide: one upload's small cap must not reach the next upload
    long_note = "x" * 5000
    data = f"Company,Notes\nAcme,{long_note}\n".encode()
    assert read_workbook(data, "first.csv").sheets[0].rows[1] == ["Acme", long_note]
    problem(data, "second.csv", Limits(max_field_chars=1000))
    # the next upload, with default limits (100,000 characters), must read the 5,000-character note again
    assert read_workbook(data, "third.csv").sheets[0].rows[1] == ["Acme", long_note]


# ---------------------------------------------------------------- never another exception


def _read_or_problem(data: bytes, filename: str) -> None:
    try:
        book = read_workbook(data, filename, Limits(max_bytes=100_000, max_rows=200, max_cols=50))
    except ImportProblem as found:
        assert found.message.strip()
        return
    assert isinstance(book, Workbook)
    assert book.sheets
    for sheet in book.sheets:
        widths = {len(row) for row in sheet.rows}
        assert len(widths) <= 1, "rows are padded to one width"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=2000),
        st.binary(max_size=600).map(lambda b: b"PK\x03\x04" + b),
        st.binary(max_size=600).map(lambda b: OLE2_MAGIC + b),
        st.text(max_size=400).map(lambda t: t.encode("utf-8")),
    ),
    st.sampled_from(["t.csv", "t.xlsx", "t.ods", "t.xls", ""]),
)
def test_arbitrary_bytes_give_a_workbook_or_an_import_problem(data: bytes, filename: str) -> None:
    _read_or_problem(data, filename)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_damaged_real_xlsx_gives_a_workbook_or_an_import_problem(data: st.DataObject) -> None:
    good = bytearray(xlsx_bytes({"Sheet1": TRACKER}))
    for _ in range(data.draw(st.integers(1, 8))):
        good[data.draw(st.integers(0, len(good) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(4, len(good)))
    _read_or_problem(bytes(good[:cut]), "t.xlsx")


def test_csv_cells_are_counted_while_reading_exactly_the_cap_passes_one_more_is_refused():
    """4 fields a line: 3 lines are 12 cells. With a cap of 12 the file reads; a 13th field on a 4th line is over."""
    twelve = b"Company,Role,Date,Status\nAcme,Analyst,2026-01-05,Applied\nBeta,Analyst,2026-01-06,Rejected\n"
    assert len(read_workbook(twelve, "t.csv", Limits(max_cells=12)).sheets[0].rows) == 3
    with pytest.raises(ImportProblem, match=r"“t\.csv” holds more than 12 cells \(by line 4\); the limit is 12\."):
        read_workbook(twelve + b"Gamma\n", "t.csv", Limits(max_cells=12))


def test_a_sheet_whose_table_starts_at_c3_keeps_its_cells_where_they_are() -> None:
    # The parser streams rows from the sheet's first row but its first filled column: A and B come back as None,
    # so messages and the Data page name the cells the user sees (C3, D5).
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["C3"], sheet["D3"], sheet["C4"], sheet["D5"] = "Company", "Status", "Acme", "Applied"
    rows = read_workbook(workbook_bytes(book), "t.xlsx").sheets[0].rows
    assert rows == [
        [None, None, None, None],
        [None, None, None, None],
        [None, None, "Company", "Status"],
        [None, None, "Acme", None],
        [None, None, None, "Applied"],
    ]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_text_repeated_down_a_column_is_kept_once(kind: str) -> None:
    # 1,000 rows of "Applied" cost one string, not 1,000: the parser's copies are dropped as rows are read.
    rows = [["Company", "Status"]] + [[f"Firm {i}", "Applied"] for i in range(1_000)]
    data = "\n".join(",".join(r) for r in rows).encode() if kind == "csv" else xlsx_bytes({"Tracker": rows})
    read = read_workbook(data, f"t.{kind}").sheets[0].rows
    assert read == rows
    assert len({id(row[1]) for row in read[1:]}) == 1
    assert len({id(row[0]) for row in read[1:]}) == 1_000


def test_an_excel_97_2003_file_reads_as_its_writer_wrote_it() -> None:
    # Written by xlwt (BIFF8): texts, numbers, and a second sheet; the BIFF walk before the parser lets it through.
    tracker = {(0, 0): "Company", (0, 1): "Status", (0, 2): "Salary", (1, 0): "Acme", (1, 1): "Applied", (1, 2): 5e4}
    book = read_workbook(xls_bytes({"Tracker": tracker, "Notes": {(2, 1): "later"}}), "old.xls")
    assert book.kind == "xls"
    assert [s.name for s in book.sheets] == ["Tracker", "Notes"]
    assert book.sheets[0].rows == [["Company", "Status", "Salary"], ["Acme", "Applied", 50000.0]]
    assert book.sheets[1].rows == [[None, None], [None, None], [None, "later"]]


def _records(lines) -> object:
    try:
        return list(csv.reader(lines))
    except csv.Error as error:
        return f"csv.Error: {error}"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet='ab,"\r\n;', max_size=40))
def test_lines_give_csv_the_records_io_stringio_gives(text: str) -> None:
    # The CSV reader is fed lines cut from the text (io.StringIO would copy it at 4 bytes a character): quoted line
    # breaks, CRLF, lone CRs and old Mac files must come out as the same records, or the same error.
    assert _records(_lines(text)) == _records(io.StringIO(text, newline=""))
