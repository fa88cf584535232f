"""The test builders give byte-identical files for identical input, whatever the clock says.

Why: built files feed hypothesis strategies (test_read draws a byte to damage and a place to cut from a built
xlsx's length). openpyxl writes the time of saving into docProps/core.xml and zipfile stamps each entry with
the time of writing, so a file built a second later could differ in length; the strategy's bounds then moved
between examples and hypothesis failed the test with FlakyStrategyDefinition.

There is no clock-freezing library here, so these tests move the clock as the writers see it: the `datetime`
module openpyxl reads `now()` from, and the `time.localtime` zipfile turns moments into entry dates with. A
plain openpyxl save under two such clocks differs (the check below that the shift reaches the writers); every
builder's output must not.
"""

from __future__ import annotations

import datetime as dt
import io
import time
import types
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path

import hostile_corpus
import openpyxl
import openpyxl.packaging.core
import openpyxl.writer.excel
import pytest
from builders import BUILT_AT, ZIP_DATE_TIME, FixedTimeZipFile, ods_package, workbook_bytes, xlsx_bytes

TESTS = Path(__file__).resolve().parents[1]
DCTERMS = "{http://purl.org/dc/terms/}"
FIXED_STAMP = BUILT_AT.strftime("%Y-%m-%dT%H:%M:%SZ")
SHIFTS = (dt.timedelta(days=3 * 365 + 17, seconds=4321), dt.timedelta(days=7 * 365 + 101, seconds=59))


def set_clock(monkeypatch: pytest.MonkeyPatch, shift: dt.timedelta) -> None:
    """Make openpyxl and zipfile see the clock `shift` ahead of the real one (calling again replaces the shift)."""
    real_datetime = dt.datetime

    class ShiftedDatetime(real_datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> dt.datetime:
            return real_datetime.now(tz) + shift

        @classmethod
        def utcnow(cls) -> dt.datetime:
            return real_datetime.now(dt.UTC).replace(tzinfo=None) + shift

    shifted_datetime = types.ModuleType("datetime")
    shifted_datetime.__dict__.update(vars(dt))
    shifted_datetime.datetime = ShiftedDatetime
    monkeypatch.setattr(openpyxl.packaging.core, "datetime", shifted_datetime)
    monkeypatch.setattr(openpyxl.writer.excel, "datetime", shifted_datetime)

    real_time, real_localtime = time.time, time.localtime
    shifted_time = types.ModuleType("time")
    shifted_time.__dict__.update(vars(time))
    seconds = shift.total_seconds()
    shifted_time.localtime = lambda secs=None: real_localtime((real_time() if secs is None else secs) + seconds)
    monkeypatch.setattr(zipfile, "time", shifted_time)


def built_under_two_clocks(monkeypatch: pytest.MonkeyPatch, build: Callable[[], bytes]) -> tuple[bytes, bytes]:
    results = []
    for shift in SHIFTS:
        set_clock(monkeypatch, shift)
        results.append(build())
    monkeypatch.undo()
    return results[0], results[1]


def assert_fixed_zip_dates(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        dates = {info.filename: info.date_time for info in archive.infolist()}
    assert dates, "an archive with entries"
    assert {name: when for name, when in dates.items() if when != ZIP_DATE_TIME} == {}


def core_stamps(data: bytes) -> dict[str, str | None]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        core = ET.fromstring(archive.read("docProps/core.xml"))
    return {name: core.findtext(f"{DCTERMS}{name}") for name in ("created", "modified")}


# ---------------------------------------------------------------- the shifted clock reaches the writers


def _plain_openpyxl_save() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Company", "Role"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_shifted_clock_reaches_openpyxl_and_zipfile(monkeypatch: pytest.MonkeyPatch) -> None:
    # Without this, equal bytes below could mean only that the clock never moved.
    first, second = built_under_two_clocks(monkeypatch, _plain_openpyxl_save)
    assert first != second
    first_year, second_year = (int(core_stamps(data)["modified"][:4]) for data in (first, second))
    assert second_year - first_year in (3, 4, 5)  # the two shifts are about four years apart
    with zipfile.ZipFile(io.BytesIO(first)) as a, zipfile.ZipFile(io.BytesIO(second)) as b:
        assert a.infolist()[0].date_time != b.infolist()[0].date_time


# ---------------------------------------------------------------- builders.py

TRACKER = [
    ["Company", "Role", "Date Applied", "Status"],
    ["Acme", "Data Analyst", dt.date(2024, 3, 5), "Applied"],
    ["Société Générale", "Développeur", dt.datetime(2024, 3, 6, 9, 30), "Entretien"],
    ["Cobalt", None, 45292, "Rejected"],
]


def test_xlsx_bytes_is_byte_identical_under_any_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = built_under_two_clocks(monkeypatch, lambda: xlsx_bytes({"Tracker": TRACKER, "Notes": [["x"]]}))
    assert first == second
    assert xlsx_bytes({"Tracker": TRACKER, "Notes": [["x"]]}) == first  # and under the real clock
    assert core_stamps(first) == {"created": FIXED_STAMP, "modified": FIXED_STAMP}
    assert_fixed_zip_dates(first)


def test_workbook_bytes_keeps_the_fixed_stamps_of_any_book(monkeypatch: pytest.MonkeyPatch) -> None:
    def build() -> bytes:
        book = openpyxl.Workbook()  # created = now, under the shifted clock
        book.active.title = "Tracker"
        for row in TRACKER:
            book.active.append(row)
        book.active.merge_cells("A6:D6")
        return workbook_bytes(book)

    first, second = built_under_two_clocks(monkeypatch, build)
    assert first == second
    assert core_stamps(first) == {"created": FIXED_STAMP, "modified": FIXED_STAMP}
    assert_fixed_zip_dates(first)
    assert openpyxl.load_workbook(io.BytesIO(first))["Tracker"]["A2"].value == "Acme"  # still a real workbook


def test_the_hand_tracker_of_conftest_is_byte_identical(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    conftest = next(
        plugin
        for plugin in request.config.pluginmanager.get_plugins()
        if getattr(plugin, "__file__", None) == str(TESTS / "conftest.py")
    )
    first, second = built_under_two_clocks(monkeypatch, conftest.hand_xlsx_bytes)
    assert first == second
    assert core_stamps(first) == {"created": FIXED_STAMP, "modified": FIXED_STAMP}
    assert_fixed_zip_dates(first)


def test_ods_package_is_byte_identical_under_any_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    table = (
        '<table:table table:name="Suivi"><table:table-row><table:table-cell office:value-type="string">'
        "<text:p>Entreprise</text:p></table:table-cell></table:table-row></table:table>"
    )
    first, second = built_under_two_clocks(monkeypatch, lambda: ods_package(table))
    assert first == second
    assert_fixed_zip_dates(first)
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        first_entry = archive.infolist()[0]
    assert (first_entry.filename, first_entry.compress_type) == ("mimetype", zipfile.ZIP_STORED)  # still ODF


def test_fixed_time_zip_file_stamps_every_way_of_adding_an_entry(tmp_path: Path) -> None:
    on_disk = tmp_path / "part.xml"
    on_disk.write_bytes(b"<a/>")
    buffer = io.BytesIO()
    with FixedTimeZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("by-name.xml", b"<a/>" * 100)
        archive.writestr(zipfile.ZipInfo("by-info.xml", date_time=(1999, 12, 31, 23, 59, 58)), b"<b/>")
        archive.write(on_disk, "from-a-file.xml")  # as openpyxl adds worksheets
        with archive.open("streamed.xml", "w", force_zip64=True) as part:
            part.write(b"<c/>" * 100)
    assert_fixed_zip_dates(buffer.getvalue())
    with zipfile.ZipFile(buffer) as archive:
        kinds = {info.filename: info.compress_type for info in archive.infolist()}
        assert archive.read("streamed.xml") == b"<c/>" * 100
    # a name gets the archive's compression, as with zipfile.ZipFile; a ZipInfo keeps its own (stored)
    assert kinds == {
        "by-name.xml": zipfile.ZIP_DEFLATED,
        "by-info.xml": zipfile.ZIP_STORED,
        "from-a-file.xml": zipfile.ZIP_DEFLATED,
        "streamed.xml": zipfile.ZIP_DEFLATED,
    }


# ---------------------------------------------------------------- hostile_corpus.py

HOSTILE_BUILDERS: dict[str, Callable[[], hostile_corpus.Built]] = {
    **{case.id: case.build for case in hostile_corpus.CASES},
    **{name: getattr(hostile_corpus, name) for name in hostile_corpus.CELL_BOMBS},
}


@pytest.mark.parametrize("name", list(HOSTILE_BUILDERS))
def test_each_hostile_file_is_byte_identical_under_any_clock(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    build = HOSTILE_BUILDERS[name]
    first, second = built_under_two_clocks(monkeypatch, build)
    assert first == second
    data = first[1]
    if zipfile.is_zipfile(io.BytesIO(data)):
        assert_fixed_zip_dates(data)


def test_the_valid_hand_written_xlsx_is_byte_identical(monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = built_under_two_clocks(monkeypatch, hostile_corpus.valid_xlsx)
    assert first == second
    assert_fixed_zip_dates(first)
