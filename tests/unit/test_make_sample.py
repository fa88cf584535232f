"""The bundled sample and template: shape, vocabulary, determinism and the signals they promise.

Why: the sample is what a first-time user sees on "Try the sample", and other tests and docs
quote its numbers, so its properties are pinned here by reading the written files back.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from types import ModuleType

import openpyxl
import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_sample.py"

HEADER = [
    "Company",
    "Role",
    "Location",
    "Work Mode",
    "Source",
    "Referral",
    "Resume Version",
    "Cover Letter",
    "Company Size",
    "Date Applied",
    "Status",
    "Response Date",
    "Last Update",
    "Rejection Reason",
    "Feedback Requested",
    "Feedback Received",
    "Direction",
    "Contact",
    "Job URL",
    "Notes",
]
STATUSES = {
    "Applied",
    "Phone Screen",
    "Interviewing",
    "Final Round",
    "Offer",
    "Offer Accepted",
    "Offer Declined",
    "Rejected",
    "Rejected after interview",
    "No Response",
    "Withdrawn",
    "Position Closed",
}
NO_RESPONSE = {"Applied", "No Response", "Withdrawn"}
JOB_BOARDS = {"LinkedIn", "Indeed", "Glassdoor", "Welcome to the Jungle"}


def _load_script() -> ModuleType:
    """Import scripts/make_sample.py by path: scripts/ is not a package."""
    spec = importlib.util.spec_from_file_location("make_sample", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_sample", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Run the generator once for the whole module (keeps the file fast)."""
    return _load_script().main(tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="module")
def rows(written: tuple[Path, Path]) -> list[dict[str, object]]:
    """Data rows of the Applications sheet as dicts, up to the first blank row."""
    ws = openpyxl.load_workbook(written[0])["Applications"]
    header = [c.value for c in ws[3]]
    out = []
    for values in ws.iter_rows(min_row=4, values_only=True):
        if all(v is None for v in values):
            break
        out.append(dict(zip(header, values, strict=True)))
    return out


def _cell_values(path: Path) -> dict[str, list[tuple[object, ...]]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


def _response_rate(rows: list[dict[str, object]], sources: set[str]) -> float:
    picked = [r for r in rows if r["Source"] in sources]
    return sum(r["Status"] not in NO_RESPONSE for r in picked) / len(picked)


def test_layout_title_header_and_footer(written: tuple[Path, Path]) -> None:
    wb = openpyxl.load_workbook(written[0])
    assert wb.sheetnames == ["Applications", "Weekly goal"]
    ws = wb["Applications"]
    assert ws["A1"].value == "Job search 2026 — applications"
    assert all(c.value is None for c in ws[2])
    assert [c.value for c in ws[3]] == HEADER
    last = 3 + 180
    assert ws.cell(row=last, column=1).value is not None
    for blank in (last + 1, last + 2):
        assert all(c.value is None for c in ws[blank])
    assert ws.cell(row=last + 3, column=1).value == "total: 180"
    assert ws.freeze_panes == "A4"
    assert wb.properties.created == wb.properties.modified == datetime(2026, 11, 20, 9, 0)


def test_180_applications_over_more_than_four_months(rows: list[dict[str, object]]) -> None:
    assert len(rows) == 180
    applied = [r["Date Applied"] for r in rows]
    assert all(isinstance(d, datetime) for d in applied), "dates must be real Excel dates"
    assert min(applied) == datetime(2026, 6, 1)
    assert max(applied) == datetime(2026, 11, 13)
    assert (max(applied) - min(applied)).days >= 120


def test_vocabularies(rows: list[dict[str, object]]) -> None:
    assert {r["Status"] for r in rows} <= STATUSES
    assert {r["Resume Version"] for r in rows} == {"v1 generic", "v2 tailored"}
    assert {r["Direction"] for r in rows} == {"Outbound", "Inbound"}
    assert {r["Referral"] for r in rows} == {"Yes", "No"}
    assert all(r["Referral"] == "Yes" for r in rows if r["Source"] == "Referral")


def test_status_mix(rows: list[dict[str, object]]) -> None:
    counts = Counter(r["Status"] for r in rows)
    assert counts["Offer Accepted"] == 1
    assert counts["Offer Declined"] == 1
    assert counts["Withdrawn"] == 3
    assert counts["Position Closed"] == 2
    accepted = next(r for r in rows if r["Status"] == "Offer Accepted")
    assert accepted["Last Update"].month == 10 and accepted["Last Update"].day >= 20
    in_progress = [r for r in rows if r["Status"] in {"Phone Screen", "Interviewing", "Final Round", "Offer"}]
    assert in_progress and all(r["Date Applied"] >= datetime(2026, 9, 15) for r in in_progress)


def test_dates_are_consistent(rows: list[dict[str, object]]) -> None:
    for r in rows:
        silent = r["Status"] in {"Applied", "No Response"}
        if silent:
            assert r["Response Date"] is None and r["Last Update"] is None
        if r["Response Date"] is not None:
            assert 2 <= (r["Response Date"] - r["Date Applied"]).days <= 40
            assert r["Last Update"] >= r["Response Date"]
        if r["Last Update"] is not None:
            assert r["Last Update"] <= datetime(2026, 11, 20)


def test_referrals_answer_far_more_than_job_boards(rows: list[dict[str, object]]) -> None:
    sources = Counter(r["Source"] for r in rows)
    assert sources["Referral"] >= 25 and sources["Recruiter"] >= 20
    assert _response_rate(rows, {"Referral"}) >= 3 * _response_rate(rows, JOB_BOARDS)


def test_tailored_resume_answers_more(rows: list[dict[str, object]]) -> None:
    def rate(version: str) -> float:
        picked = [r for r in rows if r["Resume Version"] == version]
        return sum(r["Status"] not in NO_RESPONSE for r in picked) / len(picked)

    assert rate("v2 tailored") >= 1.6 * rate("v1 generic")


def test_exactly_eight_inbound_all_from_recruiters(rows: list[dict[str, object]]) -> None:
    inbound = [r for r in rows if r["Direction"] == "Inbound"]
    assert len(inbound) == 8
    assert {r["Source"] for r in inbound} == {"Recruiter"}


def test_tricky_strings_survive_as_text(written: tuple[Path, Path], rows: list[dict[str, object]]) -> None:
    notes = [r["Notes"] for r in rows if r["Notes"]]
    assert "=follow up Friday" in notes
    assert any("," in n for n in notes)
    assert any(any(ord(ch) > 127 for ch in n) for n in notes)
    ws = openpyxl.load_workbook(written[0])["Applications"]
    cell = next(c for row in ws.iter_rows(min_row=4) for c in row if c.value == "=follow up Friday")
    assert cell.data_type == "s"


def test_two_runs_are_identical(tmp_path: Path, written: tuple[Path, Path]) -> None:
    again = _load_script().main(tmp_path)
    for first, second in zip(written, again, strict=True):
        assert _cell_values(first) == _cell_values(second)
        assert first.read_bytes() == second.read_bytes()


def test_template_explains_every_column(written: tuple[Path, Path]) -> None:
    wb = openpyxl.load_workbook(written[1])
    assert wb.sheetnames == ["How to use", "Applications"]
    apps = wb["Applications"]
    header = [c.value for c in apps[1]]
    assert header == HEADER
    assert apps.max_row == 1, "template must be header-only"
    how = list(wb["How to use"].iter_rows(values_only=True))
    top = next(i for i, row in enumerate(how) if row[:3] == ("Column", "What to write", "Example"))
    explained = {}
    for row in how[top + 1 :]:
        if row[0] is None:
            break
        explained[row[0]] = row[1]
    assert set(header) <= set(explained)
    assert all(explained[name] for name in header)
    first_column = {row[0] for row in how}
    assert first_column >= STATUSES, "every Status word is explained"
    validated = {str(dv.sqref).split(":")[0][:-1]: dv.formula1 for dv in apps.data_validations.dataValidation}
    status_letter = openpyxl.utils.get_column_letter(HEADER.index("Status") + 1)
    assert all(s in validated[status_letter] for s in STATUSES)
