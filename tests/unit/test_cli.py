"""cli: `applytics summary FILE`, the dashboard's numbers without a server.

Why: the JSON is a contract (scripts and reproducible checks read it), the as-of date and ghost
window must move the numbers exactly as docs/architecture.md says, and an unusable file must end with a
non-zero exit and one plain line on stderr, never a traceback.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from applytics.cli import main
from applytics.intake.corrections import Corrections

Z = 1.959964

# As of 2024-06-30 with a 30-day window, row by row:
#   Alpha    applied 06-25, silent 5 days            -> pending (left out of the rates)
#   Beta     applied 05-01, silent 60 days           -> ghosted
#   Gamma    rejected                                -> rejected (a reply)
#   Delta    phone screen, last news 06-01 (29 days) -> active at screen (a reply)
#   Epsilon  offer accepted                          -> accepted (a reply)
#   Zeta     "Them": a recruiter contact, rejected after interview -> inbound, out of the rates
TRACKER = (
    "Company,Role,Date Applied,Status,Who Applied?\n"
    "Alpha,Data Analyst,2024-06-25,Applied,Me\n"
    "Beta,Data Analyst,2024-05-01,Applied,Me\n"
    "Gamma,Data Engineer,2024-05-10,Rejected,Me\n"
    "Delta,BI Analyst,2024-06-01,Phone screen,Me\n"
    "Epsilon,Data Analyst,2024-04-02,Offer accepted,Me\n"
    "Zeta,Data Engineer,2024-05-15,Rejected after interview,Them\n"
)


def hand_wilson(k: int, n: int) -> tuple[float, float]:
    p = k / n
    centre = p + Z * Z / (2 * n)
    half = Z * (p * (1 - p) / n + Z * Z / (4 * n * n)) ** 0.5
    return (centre - half) / (1 + Z * Z / n), (centre + half) / (1 + Z * Z / n)


@pytest.fixture
def tracker(tmp_path: Path) -> Path:
    path = tmp_path / "tracker.csv"
    path.write_text(TRACKER, encoding="utf-8")
    return path


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["summary", *args, "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return json.loads(out)


def test_json_summary_keys_and_values(tracker: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, str(tracker), "--as-of", "2024-06-30")
    assert {
        "file", "sheet", "as_of", "ghost_after_days", "applications", "outbound", "inbound", "mature", "pending",
        "shape", "mapping", "funnel", "conversion", "outcomes", "rates", "decisions", "warnings",
    } <= set(data)  # fmt: skip
    assert (data["file"], data["sheet"], data["as_of"], data["ghost_after_days"]) == (
        "tracker.csv",
        "tracker",
        "2024-06-30",
        30,
    )
    assert data["shape"] == "A"
    assert data["mapping"] == {
        "company": "Company",
        "role": "Role",
        "applied_on": "Date Applied",
        "status": "Status",
        "direction": "Who Applied?",
    }
    # 6 rows; Zeta inbound -> 5 outbound; Alpha pending -> mature = 5 - 1 = 4
    assert (data["applications"], data["outbound"], data["inbound"], data["mature"], data["pending"]) == (6, 5, 1, 4, 1)
    # reached (inbound included): all 6; screen+ Delta, Epsilon, Zeta = 3; interview+ Epsilon, Zeta = 2; offer 1
    assert data["funnel"] == {"applied": 6, "screen": 3, "interview": 2, "offer": 1}
    assert data["outcomes"] == {
        "active": 1,  # Delta
        "pending": 1,  # Alpha
        "ghosted": 1,  # Beta
        "rejected": 2,  # Gamma, Zeta
        "withdrawn": 0,
        "declined": 0,
        "accepted": 1,  # Epsilon
        "closed": 0,
    }
    rates = data["rates"]
    # of the 4 mature outbound: replied Gamma, Delta, Epsilon = 3; screen+ Delta, Epsilon = 2; interview+ and
    # offer: Epsilon = 1; ghosted: Beta, 1 of all 6
    assert {name: (r["k"], r["n"]) for name, r in rates.items()} == {
        "response_rate": (3, 4),
        "positive_response_rate": (2, 4),
        "interview_rate": (1, 4),
        "offer_rate": (1, 4),
        "ghosted_share": (1, 6),
    }
    assert rates["response_rate"]["rate"] == pytest.approx(0.75)
    low, high = hand_wilson(3, 4)
    assert rates["response_rate"]["low"] == pytest.approx(low, abs=1e-6)
    assert rates["response_rate"]["high"] == pytest.approx(high, abs=1e-6)
    # applied -> screen: 3 of (6 - 1 pending at applied) = 3/5; screen -> interview: 2 of (3 - Delta open) = 2/2;
    # interview -> offer: 1 of (2 - 0 open) = 1/2
    assert {k: (v["k"], v["n"]) for k, v in data["conversion"].items()} == {
        "screen_from_previous": (3, 5),
        "interview_from_previous": (2, 2),
        "offer_from_previous": (1, 2),
    }
    assert data["conversion"]["offer_from_previous"]["rate"] == pytest.approx(0.5)


def test_as_of_moves_the_ghost_window(tracker: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # one day later Delta's last news (06-01) is 30 days old: ghosted; Alpha (6 days) is still pending
    data = run_json(capsys, str(tracker), "--as-of", "2024-07-01")
    assert data["outcomes"]["ghosted"] == 2
    assert data["outcomes"]["active"] == 0
    assert data["outcomes"]["pending"] == 1
    # ghosted Delta still replied (a screen), so the response rate stays 3 of 4
    assert (data["rates"]["response_rate"]["k"], data["rates"]["response_rate"]["n"]) == (3, 4)
    assert (data["rates"]["ghosted_share"]["k"], data["rates"]["ghosted_share"]["n"]) == (2, 6)


def test_ghost_after_days_moves_the_window(tracker: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a 61-day window: Beta (60 silent days) becomes pending and leaves the denominator: 3 of 3 replied
    data = run_json(capsys, str(tracker), "--as-of", "2024-06-30", "--ghost-after-days", "61")
    assert data["ghost_after_days"] == 61
    assert (data["outcomes"]["ghosted"], data["outcomes"]["pending"]) == (0, 2)
    assert (data["mature"], data["pending"]) == (3, 2)
    assert (data["rates"]["response_rate"]["k"], data["rates"]["response_rate"]["n"]) == (3, 3)


def test_text_summary(tracker: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", str(tracker), "--as-of", "2024-06-30"]) == 0
    out = capsys.readouterr().out
    assert "6 (1 inbound)" in out
    assert "3 of 4" in out  # the response rate with its counts
    assert "75%" in out


def test_a_saved_mapping_file_is_applied(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tracker = tmp_path / "t.csv"
    tracker.write_text("Company,Status\nAcme,xyzzy\nBeta,Applied\n", encoding="utf-8")
    mapping = tmp_path / "mapping.json"
    mapping.write_text(Corrections().with_status("xyzzy", "interview", "rejected").to_json(), encoding="utf-8")
    data = run_json(capsys, str(tracker), "--as-of", "2024-06-30", "--mapping", str(mapping))
    assert data["funnel"]["interview"] == 1
    assert data["outcomes"]["rejected"] == 1


UNUSABLE = {
    "random.xlsx": random.Random(1).randbytes(4096),
    "noise.csv": bytes(range(256)) * 16,
    "empty.csv": b"",
    "budget.csv": b"Date,Amount,Category\n2024-01-05,12.50,Food\n2024-01-06,3.20,Coffee\n",
    "page.xlsx": b"<!DOCTYPE html><html><body>Sign in to Google Sheets</body></html>",
    "giant.csv": b"Company,Notes\nAcme," + b"x" * 300_000 + b"\n",
}


@pytest.mark.parametrize("name", sorted(UNUSABLE))
def test_an_unusable_file_fails_with_one_plain_line(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(UNUSABLE[name])
    assert main(["summary", str(path), "--json"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("applytics: ")
    assert err.endswith("\n") and "\n" not in err.rstrip("\n"), err
    assert "Traceback" not in err
    assert Path(name).stem in err  # the message names the file (a CSV's one sheet is named after it)


def test_the_message_for_a_table_without_company_or_role(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "budget.csv"
    path.write_bytes(UNUSABLE["budget.csv"])
    main(["summary", str(path)])
    err = capsys.readouterr().err
    assert "No company or role column" in err
    assert "“Amount”" in err  # what was found
    assert "Company" in err.split(".", 1)[1]  # and what to do


def test_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", str(tmp_path / "nope.csv")]) != 0
    err = capsys.readouterr().err
    assert "nope.csv" in err and "Traceback" not in err


def test_a_bad_mapping_file(tracker: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mapping = tmp_path / "mapping.json"
    mapping.write_text("{not json", encoding="utf-8")
    assert main(["summary", str(tracker), "--mapping", str(mapping)]) == 1
    err = capsys.readouterr().err
    assert "mapping.json" in err and "\n" not in err.rstrip("\n")


def test_a_ghost_window_below_one_day(tracker: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", str(tracker), "--ghost-after-days", "0"]) == 2
    assert "--ghost-after-days" in capsys.readouterr().err


def test_a_malformed_as_of_date(tracker: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["summary", str(tracker), "--as-of", "30/06/2024"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "YYYY-MM-DD" in err and "Traceback" not in err


def test_json_lists_what_the_import_was_unsure_of(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue #8: a low-confidence decision is in the JSON as `uncertain`, with its evidence."""
    path = tmp_path / "generic.csv"
    path.write_text(",Status\nAcme Analytics,Applied\nBorealis Ltd,Rejected\nCobalt Health,Interviewing\n")
    data = run_json(capsys, str(path), "--as-of", "2026-11-25")
    assert data["mapping"]["company"] == "Column A"
    assert data["uncertain"] == [
        {
            "decision": "“Column A” is read as the company",
            "evidence": "its cells look like employer names (Acme Analytics, Borealis Ltd, Cobalt Health, …)",
            "where": "Columns",
            "subject": "Column A",
        }
    ]


def test_json_of_a_confident_import_has_no_questions(tracker: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_json(capsys, str(tracker), "--as-of", "2024-06-30")["uncertain"] == []
