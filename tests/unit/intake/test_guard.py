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
from pathlib import Path

import openpyxl
import pytest
from builders import workbook_bytes
from hostile_corpus import (
    CASES,
    CELL_BOMBS,
    Case,
    million_row_xlsx,
    prefixed_million_row_xlsx,
    wide_xlsx_with_dimension,
)
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import applytics.intake.read
from applytics.errors import ImportProblem
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
