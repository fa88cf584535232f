"""Hostile and broken uploads: each one stops with an ImportProblem that says what is wrong, in bounded time and memory.

Why: the upload box of a hosted dashboard faces the internet. A zip bomb, an entity bomb, a million-row sheet or
a PDF renamed .csv must cost little and end in a message a job seeker can act on, never in a traceback, a hang
or an out-of-memory kill. The files come from tests/hostile_corpus.py (generated, never stored).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from builders import ods_package, workbook_bytes
from hostile_corpus import (
    CASES,
    CELL_BOMBS,
    DENSE_LEGITIMATE,
    MAIN_NS,
    TEXT_BOMBS,
    TRACKER_ROWS,
    Case,
    _ods_notes_row,
    _streamed_xlsx_with_strings,
    column_letters,
    million_row_xlsx,
    prefixed_million_row_xlsx,
    rows_xml,
    sheet_xml,
    wide_xlsx_with_dimension,
    xlsx_from_parts,
    xlsx_from_rows,
)
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import applytics.intake.read
from applytics.errors import ImportProblem
from applytics.intake.guard import DEFAULT_LIMITS, Limits, _OdsExtent, scan_xml_parts
from applytics.intake.pipeline import import_tracker

TIME_BOUND_S = 10.0  # a safety bound against hangs, not a speed target
MEMORY_BOUND_BYTES = 300 * 1024 * 1024


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_file_is_refused_with_a_specific_message(case: Case) -> None:
    name, data, expected = case.build()
    started = time.perf_counter()
    with pytest.raises(ImportProblem) as caught:
        import_tracker(data, name, limits=case.limits)
    elapsed = time.perf_counter() - started
    problem = caught.value
    assert expected.lower() in problem.message.lower(), problem.message
    assert name in problem.message  # the person is told which file
    assert problem.fix  # ... and what to do about it
    assert elapsed < TIME_BOUND_S


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_file_is_refused_in_bounded_memory(case: Case) -> None:
    # Measured in a run of its own: tracemalloc slows allocation-heavy code, so it must not skew the time bound.
    name, data, _ = case.build()
    tracemalloc.start()
    try:
        with pytest.raises(ImportProblem):
            import_tracker(data, name, limits=case.limits)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_BOUND_BYTES


def test_the_corpus_builds_quickly() -> None:
    # The biggest builders stream into the zip; the whole corpus must stay cheap to generate.
    started = time.perf_counter()
    sizes = {case.id: len(case.build()[1]) for case in CASES}
    assert time.perf_counter() - started < 15
    # The 300 MB bomb is a fraction of a megabyte on disk: 300 MiB of zeros deflate ~1000:1.
    assert sizes["zip-bomb-300mb-default-limits"] < 1_000_000
    # The million-row sheet fits under the 10 MB upload cap, so it is the row count that must stop it.
    assert sizes["million-row-xlsx"] < 10 * 1024 * 1024


@pytest.mark.parametrize("build", [million_row_xlsx, prefixed_million_row_xlsx], ids=["plain", "prefixed"])
def test_a_million_row_sheet_is_refused_before_calamine_parses_it(build, monkeypatch: pytest.MonkeyPatch) -> None:
    # applytics.intake.guard.scan_xml_parts streams the sheet XML and stops past max_rows + 50 rows;
    # the parser must never be reached (it would build the whole million-row range in memory first).
    def parser_reached(*args, **kwargs):
        raise AssertionError("calamine was asked to parse a million-row sheet")

    monkeypatch.setattr(applytics.intake.read, "_read_with_calamine", parser_reached)
    name, data, expected = build()
    with pytest.raises(ImportProblem) as caught:
        import_tracker(data, name)
    assert expected in caught.value.message


def test_refusals_name_the_sheet_not_the_zip_part() -> None:
    # "Sheet “xl/worksheets/sheet1.xml”" means nothing to the person who made the file.
    name, data, _ = wide_xlsx_with_dimension()
    with pytest.raises(ImportProblem) as caught:
        import_tracker(data, name)
    assert "10,000 columns" in caught.value.message
    assert "xl/worksheets" not in caught.value.message


# ---------------------------------------------------------------- few bytes, many cells (in a contained child)

ROOT = Path(__file__).resolve().parents[3]
HEADROOM_BYTES = 1024 * 1024 * 1024  # what the import may allocate beyond the idle, fully imported process
_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
import hostile_corpus
from applytics.errors import ImportProblem
from applytics.intake.pipeline import import_tracker

name, data, _ = getattr(hostile_corpus, sys.argv[2])()
import_tracker(hostile_corpus.valid_xlsx(), "warm-up.xlsx")  # allocator pools (pyarrow's too) set up uncapped
with open("/proc/self/statm") as statm:
    size = int(statm.read().split()[0]) * resource.getpagesize()
cap = size + int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
started = time.perf_counter()
try:
    result = import_tracker(data, name)
    outcome = {"kind": "imported", "applications": len(result.normalized.apps)}
except ImportProblem as problem:
    outcome = {"kind": "refused", "message": problem.message}
outcome["seconds"] = time.perf_counter() - started
print(json.dumps(outcome))
"""


@pytest.mark.parametrize("builder", CELL_BOMBS)
def test_a_few_bytes_naming_millions_of_cells_cost_bounded_memory_and_time(builder: str) -> None:
    # Run in a child whose address space is capped at 1 GB above its idle size: a parser that expands the
    # grid dies there (MemoryError, or an abort from native code) instead of taking the test machine down.
    import hostile_corpus

    name, data, expected = getattr(hostile_corpus, builder)()
    assert len(data) < 2_000  # the whole file
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "ARROW_DEFAULT_MEMORY_POOL": "system"}
    child = subprocess.run(
        [sys.executable, "-c", _CHILD, str(ROOT / "tests"), builder, str(HEADROOM_BYTES)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env,
    )
    assert child.returncode == 0, (
        f"importing {name} ({len(data)} bytes) died with exit code {child.returncode} within 1 GB of headroom: "
        f"{child.stderr.strip()[-400:]}"
    )
    outcome = json.loads(child.stdout.strip().splitlines()[-1])
    assert outcome["seconds"] < TIME_BOUND_S, outcome
    if expected:  # beyond max_rows or max_cols: refused, saying which
        assert outcome["kind"] == "refused", outcome
        assert expected in outcome["message"] and name in outcome["message"], outcome


# ---------------------------------------------------------------- few cells, much text (in a measured child)
# A parser holds a cell's text several times over, about 5 bytes a character in all: four notes of 30 MiB, 1 MB
# once zipped, took the server from 348 MB to 1.65 GB. Each file of TEXT_BOMBS is imported in a child whose peak
# memory is read from the kernel: the import may make it grow by GROWTH_BOUND_BYTES at most, and an address-space
# cap of 1 GB above its idle size stops a regression there instead of on the test machine.

GROWTH_BOUND_BYTES = 200 * 1024 * 1024
_MEASURED_CHILD = r"""
import gc, json, resource, sys, time
sys.path.insert(0, sys.argv[1])
import hostile_corpus
from applytics.errors import ImportProblem
from applytics.intake.pipeline import import_tracker

def memory():
    with open("/proc/self/status") as status:
        fields = dict(line.split(":", 1) for line in status if ":" in line)
    return {key: int(fields[key].split()[0]) * 1024 for key in ("VmRSS", "VmHWM", "VmSize")}

name, data, _ = getattr(hostile_corpus, sys.argv[2])()
import_tracker(hostile_corpus.valid_xlsx(), "warm-up.xlsx")  # every module loaded, allocator pools set up
gc.collect()
try:
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")  # the peak (VmHWM) starts again from the present size
    reset = True
except OSError:
    reset = False
before = memory()
cap = before["VmSize"] + int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
started = time.perf_counter()
try:
    result = import_tracker(data, name)
    outcome = {"kind": "imported", "applications": len(result.normalized.apps)}
except ImportProblem as problem:
    outcome = {"kind": "refused", "message": problem.message}
outcome["seconds"] = time.perf_counter() - started
after = memory()
# Without the reset, the peak so far stands in for the start: the growth is then a lower bound.
outcome["growth"] = after["VmHWM"] - (before["VmRSS"] if reset else before["VmHWM"])
print(json.dumps(outcome))
"""


def _import_measured(builder: str) -> dict[str, object]:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "ARROW_DEFAULT_MEMORY_POOL": "system"}
    child = subprocess.run(
        [sys.executable, "-c", _MEASURED_CHILD, str(ROOT / "tests"), builder, str(HEADROOM_BYTES)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env,
    )
    assert child.returncode == 0, (
        f"importing {builder} died with exit code {child.returncode} within 1 GB of headroom: "
        f"{child.stderr.strip()[-400:]}"
    )
    return json.loads(child.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads peak memory from /proc (Linux)")
@pytest.mark.parametrize("builder", TEXT_BOMBS)
def test_a_small_workbook_full_of_text_is_refused_before_it_costs_memory(builder: str) -> None:
    import hostile_corpus

    name, data, expected = getattr(hostile_corpus, builder)()
    assert len(data) < 10 * 1024 * 1024  # under the upload cap: the size check cannot stop it
    outcome = _import_measured(builder)
    assert outcome["kind"] == "refused", outcome
    assert expected in outcome["message"] and name in outcome["message"], outcome
    assert outcome["growth"] <= GROWTH_BOUND_BYTES, f"{builder}: the import grew memory by {outcome['growth']:,} bytes"
    assert outcome["seconds"] < TIME_BOUND_S, outcome


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads peak memory from /proc (Linux)")
def test_a_workbook_just_under_every_text_limit_imports_and_one_character_more_is_refused() -> None:
    # 275 notes of 32,767 characters, a row of 884,729 and 9,868,833 in all (see the builder): the most text the
    # limits let through costs about 65 MB; the same file with one note of 32,768 characters is refused, naming it.
    under = _import_measured("xlsx_just_under_every_text_limit")
    assert under["kind"] == "imported" and under["applications"] == 275, under
    assert under["growth"] <= GROWTH_BOUND_BYTES, under
    over = _import_measured("xlsx_one_character_over_the_cell_limit")
    assert over["kind"] == "refused", over
    assert "Sheet “Tracker” of “full_notes.xlsx”: cell D4 holds 32,768 characters" in over["message"], over


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads peak memory from /proc (Linux)")
@pytest.mark.parametrize("builder", DENSE_LEGITIMATE)
def test_a_big_dense_tracker_under_the_caps_imports_within_the_memory_bound(builder: str) -> None:
    # Each at a cap: 2,970,030 short CSV cells; 100,000 workbook rows of 9 columns; 1,498,515 filled workbook cells;
    # 199,937 different CSV texts. Every row is an application (each has a company and a role), so the count is
    # the number of data rows.
    outcome = _import_measured(builder)
    assert outcome["kind"] == "imported", outcome
    rows = {"xlsx_100k_applications": 100_000, "xlsx_just_under_the_filled_cell_limit": 99_900}
    assert outcome["applications"] == rows.get(builder, 90_000)
    assert outcome["growth"] <= GROWTH_BOUND_BYTES, f"{builder}: the import grew memory by {outcome['growth']:,} bytes"


# ---------------------------------------------------------------- the text scan itself (guard, no parser)
# Counted are characters as a parser decodes them ("&amp;" is 1, "é" is 1 though 2 bytes of UTF-8), of what it
# shows: <t> and <v> text, a shared string for each cell that shows it, never <rPh> phonetic runs nor text outside
# <sheetData>. At exactly the limit a file passes; one character more is refused, naming the cell or the row.


def _scan(data: bytes, name: str = "tracker.xlsx", limits: Limits = DEFAULT_LIMITS) -> str:
    """The message of the pre-scan's refusal of `data`; "" if it passes."""
    try:
        scan_xml_parts(zipfile.ZipFile(io.BytesIO(data)), name, limits)
    except ImportProblem as problem:
        return problem.message
    return ""


def _inline_cell(content: str, padding: int = 0) -> bytes:
    """An xlsx whose sheet "Tracker" holds one inline-string cell D2 whose <is> is `content`, after `padding`
    spaces (text between tags, which no cell holds) that move the cell along the XML."""
    body = " " * padding + f'<row r="2"><c r="D2" t="inlineStr"><is>{content}</is></c></row>'
    return xlsx_from_parts({"Tracker": sheet_xml(body)})


def _refused_at(chars: int) -> str:
    return f"Sheet “Tracker” of “tracker.xlsx”: cell D2 holds {chars:,} characters; a cell can hold at most 32,767"


CELL_TEXTS = {
    "plain": lambda n: "<t>" + "a" * n + "</t>",
    "entities count as the character they stand for": lambda n: "<t>" + "&amp;" * (n - 1) + "&#233;</t>",
    "utf-8 counts characters, not bytes": lambda n: "<t>" + "é" * n + "</t>",
    "rich-text runs add up": lambda n: "<r><t>" + "a" * (n - 100) + "</t></r><r><rPr><b/></rPr><t>" + "b" * 100
    + "</t></r>",
    "phonetic runs are not shown": lambda n: "<t>" + "a" * n + "</t><rPh sb='0' eb='1'><t>" + "k" * 500 + "</t></rPh>",
    "cdata": lambda n: "<t><![CDATA[" + "<&" * (n // 2) + "<" * (n % 2) + "]]></t>",
}  # fmt: skip


@pytest.mark.parametrize("text", list(CELL_TEXTS.values()), ids=list(CELL_TEXTS))
def test_a_cell_of_32767_characters_passes_and_32768_is_refused(text) -> None:
    assert _scan(_inline_cell(text(32_767))) == ""
    assert _refused_at(32_768) in _scan(_inline_cell(text(32_768)))


# The sheet is read in chunks of 1 MiB: where a chunk ends must not change the count. Spaces before the row (text
# no cell holds) put the first chunk's end at `offset` bytes from the start of the cell's text: in the <c> tag, in
# <t>, inside the 201st "&amp;", inside the 101st "é" (2 bytes) or in </t>.
_CHUNK = 1 << 20
_ENDS = {
    "in <c>": lambda n: -20,
    "in <t>": lambda n: -2,
    "in an entity": lambda n: 5 * 200 + 2,
    "in an é": lambda n: 5 * (n // 2) + 2 * 100 + 1,
    "in </t>": lambda n: 5 * (n // 2) + 2 * (n - n // 2) + 2,
}


@pytest.mark.parametrize("offset", list(_ENDS.values()), ids=list(_ENDS))
def test_a_cell_cut_by_the_end_of_a_chunk_is_counted_whole(offset) -> None:
    head = len(sheet_xml("").split(b"</sheetData>")[0]) + len('<row r="2"><c r="D2" t="inlineStr"><is><t>')

    def cell(n: int) -> bytes:  # n characters: n // 2 entities, then "é"s
        data = _inline_cell("<t>" + "&amp;" * (n // 2) + "é" * (n - n // 2) + "</t>", _CHUNK - offset(n) - head)
        sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
        assert sheet.index(b"<t>") + 3 == _CHUNK - offset(n)  # the text starts where it should
        return data

    assert _scan(cell(32_767)) == ""
    assert _refused_at(32_768) in _scan(cell(32_768))


def _shared_book(strings: list[str], body: str, padding: int = 0) -> bytes:
    """An xlsx with these shared strings (<si> contents) and this <sheetData> body, after `padding` spaces."""
    sst = [f'<sst xmlns="{MAIN_NS}" uniqueCount="{len(strings)}">', *(f"<si>{s}</si>" for s in strings), "</sst>"]
    return _streamed_xlsx_with_strings("Tracker", [sheet_xml(" " * padding + body)], [s.encode() for s in sst])


_SHARED_D2 = '<row r="2"><c r="D2" t="s"><v>0</v></c></row>'


@pytest.mark.parametrize(
    "body",
    [_SHARED_D2, "<row r='2'><c r='D2' t = 's'><v>0</v></c></row>", "<row r='2'><c t='s' r='D2'><v>0</v></c></row>"],
    ids=['t="s"', "t = 's'", "t before r"],
)
def test_a_shared_string_counts_for_the_cell_that_shows_it(body: str) -> None:
    assert _scan(_shared_book(["<t>" + "a" * 32_767 + "</t>"], body)) == ""
    assert _refused_at(32_768) in _scan(_shared_book(["<t>" + "a" * 32_768 + "</t>"], body))


def test_a_shared_string_cell_cut_from_its_value_by_the_end_of_a_chunk_still_counts() -> None:
    head = len(sheet_xml("").split(b"</sheetData>")[0]) + len('<row r="2"><c r="D2" t="s">')
    data = _shared_book(["<t>" + "a" * 32_768 + "</t>"], _SHARED_D2, padding=(1 << 20) - head)  # <v> opens chunk 2
    assert _refused_at(32_768) in _scan(data)


def test_a_long_shared_string_that_no_cell_shows_is_refused_by_its_number() -> None:
    # A parser reads every shared string, shown or not: string 2 (of 2) holds 40,000 characters, cell D2 shows string 1.
    assert _scan(_shared_book(["<t>Acme</t>", "<t>" + "a" * 32_767 + "</t>"], _SHARED_D2)) == ""
    message = _scan(_shared_book(["<t>Acme</t>", "<t>" + "a" * 40_000 + "</t>"], _SHARED_D2))
    assert "keeps a text of 40,000 characters that no cell shows (shared string 2 of xl/sharedStrings.xml)" in message


FULL = "a" * 32_767


@pytest.mark.parametrize("shared", [False, True], ids=["inline", "shared"])
def test_a_row_of_30_full_cells_passes_and_31_are_refused(shared: bool) -> None:
    # 30 x 32,767 = 983,010 characters, under the 1,000,000 of a row; 31 x 32,767 = 1,015,777, over it.
    def row(cells: int) -> bytes:
        if not shared:
            return xlsx_from_parts({"Tracker": sheet_xml(rows_xml([[FULL] * cells], first_row=2))})
        body = "".join(f'<c r="{column_letters(c)}2" t="s"><v>0</v></c>' for c in range(1, cells + 1))
        return _shared_book([f"<t>{FULL}</t>"], f'<row r="2">{body}</row>')

    assert _scan(row(30)) == ""
    expected = "Sheet “Tracker” of “tracker.xlsx”: row 2 holds 1,015,777 characters; a row can hold at most 1,000,000."
    assert expected in _scan(row(31))


def test_the_text_of_all_cells_together_is_bounded() -> None:
    # TRACKER_ROWS hold 130 characters: 29 of header (Company, Role, Date Applied, Status), then 33, 36 and 32.
    data = xlsx_from_rows({"Tracker": TRACKER_ROWS})
    assert _scan(data, limits=Limits(max_text_chars=130)) == ""
    expected = "“tracker.xlsx” holds more than 129 characters of text in its cells (counted up to sheet “Tracker”)"
    assert expected in _scan(data, limits=Limits(max_text_chars=129))


def test_the_text_of_all_shared_strings_together_is_bounded() -> None:
    # Two shared strings of 60 characters: 120 in all, read before any sheet.
    data = _shared_book(["<t>" + "a" * 60 + "</t>", "<t>" + "b" * 60 + "</t>"], _SHARED_D2)
    assert _scan(data, limits=Limits(max_text_chars=120)) == ""
    expected = (
        "holds more than 119 characters of text in its cells (the texts its cells share, in xl/sharedStrings.xml)"
    )
    assert expected in _scan(data, limits=Limits(max_text_chars=119))


def test_the_number_of_shared_strings_is_bounded_as_declared_and_as_found() -> None:
    # python-calamine reserves room for uniqueCount strings before reading one: 10,000,000,000 aborts the process.
    def declared(count: int) -> bytes:
        sst = f'<sst xmlns="{MAIN_NS}" count="1" uniqueCount="{count}"><si><t>Acme</t></si></sst>'
        return _streamed_xlsx_with_strings("Tracker", [sheet_xml(_SHARED_D2)], [sst.encode()])

    assert _scan(declared(1_000_000)) == ""
    assert "declares 1,000,001 different texts (xl/sharedStrings.xml, uniqueCount); the limit is 1,000,000." in (
        _scan(declared(1_000_001))
    )
    sst = f'<sst xmlns="{MAIN_NS}"><si><t>a</t></si><si><t>b</t></si><si/><si><t>d</t></si></sst>'  # none declared
    four = _streamed_xlsx_with_strings("Tracker", [sheet_xml(_SHARED_D2)], [sst.encode()])
    assert _scan(four, limits=Limits(max_shared_strings=4)) == ""
    expected = "holds more than 3 different texts (xl/sharedStrings.xml); the limit is 3."
    assert expected in _scan(four, limits=Limits(max_shared_strings=3))


@pytest.mark.parametrize("prefixes", [("x", "x"), ("x", "y")], ids=["one prefix", "two prefixes"])
def test_tags_with_a_namespace_prefix_are_read_by_their_local_names(prefixes: tuple[str, str]) -> None:
    sheet, cell = prefixes

    def xml(n: int) -> bytes:
        text = f"<{cell}:is><{cell}:t>" + "a" * n + f"</{cell}:t></{cell}:is>"
        body = f'<{sheet}:row r="2"><{sheet}:c r="D2" t="inlineStr">{text}</{sheet}:c></{sheet}:row>'
        return (
            f'<?xml version="1.0"?><{sheet}:worksheet xmlns:{sheet}="{MAIN_NS}" xmlns:{cell}="{MAIN_NS}">'
            f"<{sheet}:sheetData>{body}</{sheet}:sheetData></{sheet}:worksheet>"
        ).encode()

    assert _scan(xlsx_from_parts({"Tracker": xml(32_767)})) == ""
    assert _refused_at(32_768) in _scan(xlsx_from_parts({"Tracker": xml(32_768)}))


def test_text_after_the_sheet_data_belongs_to_no_cell() -> None:
    # A page header of 50,000 characters after <sheetData> is no cell's text: the last cell keeps its 32,767.
    def sheet(n: int) -> bytes:
        footer = "<headerFooter><oddHeader>" + "h" * 50_000 + "</oddHeader></headerFooter>"
        body = f'<row r="2"><c r="D2" t="inlineStr"><is><t>{"a" * n}</t></is></c></row>'
        return xlsx_from_parts({"Tracker": sheet_xml(body).replace(b"</sheetData>", b"</sheetData>" + footer.encode())})

    assert _scan(sheet(32_767)) == ""
    assert _refused_at(32_768) in _scan(sheet(32_768))


def test_a_tag_longer_than_a_megabyte_is_read_as_damage() -> None:
    body = '<row r="2"><c r="D2" s="' + "1" * 3_000_000 + '"><v>1</v></c></row>'
    message = _scan(xlsx_from_parts({"Tracker": sheet_xml(body)}))
    assert "damaged or incomplete (xl/worksheets/sheet1.xml holds a tag or CDATA section longer than 1 MB)" in message


ODS_NOTES = {
    "one paragraph": lambda n: "a" * n,
    "two paragraphs, joined by a line break": lambda n: "a" * (n - 11) + "</text:p><text:p>" + "b" * 10,
    "a run of spaces (text:s)": lambda n: f'a<text:s text:c="{n - 2}"/>b',
}


@pytest.mark.parametrize("note", list(ODS_NOTES.values()), ids=list(ODS_NOTES))
def test_an_ods_cell_of_32767_characters_passes_and_32768_is_refused(note) -> None:
    assert _scan(ods_package(_ods_notes_row(note(32_767))), "tracker.ods") == ""
    message = _scan(ods_package(_ods_notes_row(note(32_768))), "tracker.ods")
    assert "Sheet “Tracker” of “tracker.ods”: cell D2 holds 32,768 characters" in message


def _ods_cell(text: str, repeat: int = 1) -> str:
    times = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return f'<table:table-cell{times} office:value-type="string"><text:p>{text}</text:p></table:table-cell>'


def test_an_ods_cell_is_named_by_its_place_repeats_counted() -> None:
    # Row 1: a header; rows 2-4: one row repeated 3 times; row 5: 2 empty cells (A, B), "x" twice (C, D), then E.
    rows = (
        "<table:table-row>" + _ods_cell("Company") * 3 + "</table:table-row>"
        '<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="3"/>'
        "</table:table-row>"
        '<table:table-row><table:table-cell table:number-columns-repeated="2"/>'
        + _ods_cell("x", 2) + _ods_cell("a" * 40_000) + "</table:table-row>"
    )  # fmt: skip
    first = '<table:table table:name="Notes"><table:table-row>' + _ods_cell("y") + "</table:table-row></table:table>"
    data = ods_package(first + f'<table:table table:name="Tracker">{rows}</table:table>')
    assert "Sheet “Tracker” of “tracker.ods”: cell E5 holds 40,000 characters" in _scan(data, "tracker.ods")


def test_repeated_ods_cells_and_rows_hold_their_text_each_time() -> None:
    # A cell of 20,000 characters repeated over 50 columns: a row of 1,000,000 (the cap); over 51, 1,020,000.
    def row(columns: int, rows: int = 1) -> bytes:
        times = f' table:number-rows-repeated="{rows}"' if rows > 1 else ""
        cells = _ods_cell("a" * 20_000, columns)
        return ods_package(
            f'<table:table table:name="Tracker"><table:table-row{times}>{cells}</table:table-row>' + "</table:table>"
        )

    assert _scan(row(50), "tracker.ods") == ""
    assert "row 1 holds 1,020,000 characters; a row can hold at most 1,000,000" in _scan(row(51), "tracker.ods")
    # 10 such rows of 1,000,000 are the 10,000,000 of a workbook; 11 are more.
    assert _scan(row(50, rows=10), "tracker.ods") == ""
    assert "holds more than 10,000,000 characters of text in its cells" in _scan(row(50, rows=11), "tracker.ods")


# ---------------------------------------------------------------- property: arbitrary bytes

EXTENSIONS = ("xlsx", "xlsm", "xls", "ods", "csv", "tsv", "txt")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=4096), extension=st.sampled_from(EXTENSIONS))
def test_arbitrary_bytes_never_escape_except_as_an_import_problem(data: bytes, extension: str) -> None:
    try:
        result = import_tracker(data, f"upload.{extension}")
    except ImportProblem as problem:
        assert problem.message.strip()
    else:
        assert len(result.normalized.apps) <= len(result.table.frame)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from([b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf", b""]),
    body=st.binary(max_size=2048),
    extension=st.sampled_from(EXTENSIONS),
)
def test_bytes_behind_a_known_magic_number_never_escape(prefix: bytes, body: bytes, extension: str) -> None:
    # Random bytes rarely start with a zip/OLE2 signature; these reach the zip and xls readers on purpose.
    try:
        import_tracker(prefix + body, f"upload.{extension}")
    except ImportProblem as problem:
        assert problem.message.strip()


# ---------------------------------------------------------------- property: arbitrary small tables

ALIASES = (
    "Company", "Company Name", "Entreprise", "Role", "Position", "Job Title", "Date Applied", "Date", "Fecha",
    "Status", "Statut", "Outcome", "Source", "Notes", "Who Applied?", "Phone call", "1st interview", "Offer",
    "Auto Rejected", "From", "To", "Target", "Rejection reason", "Salary", "Location", "Company ",
)  # fmt: skip
_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="="), max_size=12
)  # "=" would make openpyxl write a formula
CELL = st.one_of(
    st.none(),
    _TEXT,
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=False, width=64),
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.sampled_from(["Applied", "Rejected", "Y", "N", "yes", "n/a", "null", "-", "Wishlist", "Offer declined"]),
)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[object]]]:
    width = draw(st.integers(min_value=1, max_value=6))
    header = draw(st.lists(st.one_of(st.sampled_from(ALIASES), _TEXT), min_size=width, max_size=width))
    rows = draw(st.lists(st.lists(CELL, min_size=width, max_size=width), max_size=8))
    return header, rows


def _csv_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v.isoformat() if isinstance(v, dt.date) else v for v in row])
    return buffer.getvalue().encode("utf-8")


def _xlsx_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append([None if isinstance(v, float) and math.isnan(v) else v for v in row])
    return workbook_bytes(book)


def _check_table_import(data: bytes, filename: str, header: list[str], rows: list[list[object]]) -> None:
    try:
        result = import_tracker(data, filename)
    except ImportProblem as problem:
        assert problem.message.strip()
        event("refused")
        return
    event(f"imported as shape {result.mapping.shape}")
    normalized = result.normalized
    assert len(normalized.apps) <= len(rows)
    quality = normalized.quality
    if result.mapping.shape != "D":
        # Nothing vanishes: every table row is an application, a skipped row with its reason, or blank.
        assert quality.rows_in_table == quality.applications + len(quality.skipped) + quality.blank_rows
        assert quality.skipped["reason"].map(bool).all()
    if result.table.header_row == 1:
        # Our header row was taken as the header: each named column is kept, untouched, in `raw`.
        kept = set(normalized.raw.columns)
        for name in header:
            shown = " ".join(name.split())
            if shown:
                assert any(column == shown or column.startswith(f"{shown} (") for column in kept), (shown, kept)
    assert len(normalized.raw) == len(normalized.apps)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=tables())
def test_small_csv_tables_import_or_explain(table: tuple[list[str], list[list[object]]]) -> None:
    header, rows = table
    _check_table_import(_csv_bytes(header, rows), "tracker.csv", header, rows)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=tables())
def test_small_xlsx_tables_import_or_explain(table: tuple[list[str], list[list[object]]]) -> None:
    header, rows = table
    _check_table_import(_xlsx_bytes(header, rows), "tracker.xlsx", header, rows)


def test_the_ods_range_is_measured_the_same_whatever_pieces_the_xml_streams_in() -> None:
    # content.xml is read a mebibyte at a time: a row, a table tag or a repeat attribute cut between two pieces
    # must count as whole. Two tables: "A" 3 rows x 4 columns (the last filled cell D3), 2 + 3 + 4 = 9 filled
    # cells; "B" one row of a cell repeated 3 times, over 2 rows: 6 filled cells, range 2 x 3.
    cell = '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
    empty = "<table:table-cell/>"
    tables = (
        '<table:table table:name="A">'
        f"<table:table-row>{cell * 2}</table:table-row>"
        f"<table:table-row>{empty}{cell * 3}</table:table-row>"
        f'<table:table-row>{cell * 4}{empty}</table:table-row><table:table-row table:number-rows-repeated="9"/>'
        '</table:table><table:table table:name="B">'
        '<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3" '
        'office:value-type="float" office:value="1"/></table:table-row></table:table>'
    ).encode()
    for size in (len(tables), 1, 7, 64):
        extent = _OdsExtent("t.ods", DEFAULT_LIMITS)
        for start in range(0, len(tables), size):
            extent.feed(tables[start : start + size])
        assert extent.filled == 15, size
        assert (extent.label, extent.rows, extent.cols) == ("B", 2, 3), size
    tight = Limits(max_filled_cells=14)
    extent = _OdsExtent("t.ods", tight)
    with pytest.raises(ImportProblem, match="holds more than 14 filled cells \\(counted up to sheet “B”\\)"):
        extent.feed(tables)
