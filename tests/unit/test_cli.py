"""cli: `applytics summary FILE`, the dashboard's numbers without a server.

Why: the JSON is a contract (scripts and reproducible checks read it), the as-of date and ghost
window must move the numbers exactly as docs/architecture.md says, and an unusable file must end with a
non-zero exit and one plain line on stderr, never a traceback.
"""

from __future__ import annotations

import json
import os
import random
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import applytics
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


# ---------------------------------------------------------------- hostile input (issue 9, items 6-8)
# A path is checked before a byte is read: a device, a pipe or a directory is named for what it is, a file over the
# size cap is refused from its size on disk, and what is read is bounded. These run `main` in a child process whose
# address space is capped at 1 GB above its idle size and which is killed after CHILD_TIMEOUT_S: a regression fails
# the test instead of filling the machine's memory or hanging the run.

LIB = Path(applytics.__file__).resolve().parents[1]  # the applytics under test, whichever checkout it is
CHILD_TIMEOUT_S = 60  # a bound against a hang, not a speed target
HEADROOM_BYTES = 1024 * 1024 * 1024
_CHILD = r"""
import contextlib, io, json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from applytics.cli import main

argv, headroom = json.loads(sys.argv[2]), int(sys.argv[3])
with open("/proc/self/statm") as statm:
    size = int(statm.read().split()[0]) * resource.getpagesize()
resource.setrlimit(resource.RLIMIT_AS, (size + headroom, size + headroom))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
out, err = io.StringIO(), io.StringIO()
started = time.perf_counter()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
    try:
        code = main(argv)
    except SystemExit as stopped:
        code = stopped.code
seconds = time.perf_counter() - started
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps({"code": code, "out": out.getvalue(), "err": err.getvalue(), "seconds": seconds, "grown_kb": grown}))
"""


def run_contained(*argv: str) -> dict[str, object]:
    """main(argv) in a contained child: its exit code, stdout, stderr, seconds taken and peak RSS growth (KB)."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    try:
        child = subprocess.run(
            [sys.executable, "-c", _CHILD, str(LIB), json.dumps(list(argv)), str(HEADROOM_BYTES)],
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT_S,
            env=env,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"applytics {' '.join(argv)} was still running after {CHILD_TIMEOUT_S} s")
    assert child.returncode == 0, f"the child died ({child.returncode}): {child.stderr.strip()[-400:]}"
    return json.loads(child.stdout.strip().splitlines()[-1])


def assert_one_plain_line(result: dict[str, object]) -> str:
    err = str(result["err"])
    assert result["out"] == ""
    assert err.startswith("applytics: ") and err.count("\n") == 1 and err.endswith("\n"), err
    assert "Traceback" not in err and "unexpected" not in err, err
    return err


def test_a_character_device_is_refused_before_reading(tracker: Path) -> None:
    result = run_contained("summary", "/dev/zero")
    assert result["code"] == 1
    err = assert_one_plain_line(result)
    assert "“/dev/zero” is a character device, not a tracker file." in err
    assert "Give the path of the tracker itself" in err
    assert result["seconds"] < 5, result


def test_a_character_device_as_the_mapping_file_is_refused(tracker: Path) -> None:
    result = run_contained("summary", str(tracker), "--mapping", "/dev/zero")
    assert result["code"] == 1
    err = assert_one_plain_line(result)
    assert "mapping file zero is a character device, not a file." in err
    assert "tracker.csv" not in err
    assert result["seconds"] < 5, result


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path, tracker: Path) -> None:
    fifo = tmp_path / "tracker.csv.pipe"
    os.mkfifo(fifo)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    for argv in (("summary", str(fifo)), ("summary", str(tracker), "--mapping", str(fifo))):
        result = run_contained(*argv)  # nobody ever opens the pipe for writing: reading it would block for good
        assert result["code"] == 1
        err = assert_one_plain_line(result)
        assert "is a named pipe (FIFO), not a" in err and "tracker.csv.pipe" in err, err
        assert result["seconds"] < 5, result


def test_a_directory_is_refused(tmp_path: Path, tracker: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "trackers"
    folder.mkdir()
    assert main(["summary", str(folder)]) == 1
    assert capsys.readouterr().err == (
        f"applytics: “{folder}” is a directory, not a tracker file. "
        "Give the path of the tracker itself (.xlsx, .ods or .csv).\n"
    )
    assert main(["summary", str(tracker), "--mapping", str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("applytics: mapping file trackers is a directory, not a file."), err
    assert "tracker.csv" not in err


def test_a_300_mb_file_is_refused_from_its_size_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as file:
        file.truncate(300_000_000)  # sparse: 300 MB as far as stat (and a read) is concerned, no disk used
    result = run_contained("summary", str(big))
    assert result["code"] == 1
    err = assert_one_plain_line(result)
    assert f"“{big}” is 300.0 MB; the limit is 10 MB." in err
    # reading the file first peaked at 479 MB; refused from its size, the child's peak RSS barely moves
    assert result["grown_kb"] < 50 * 1024, result


def test_a_mapping_file_over_256_kb_is_refused_from_its_size(tmp_path: Path, tracker: Path) -> None:
    big = tmp_path / "mapping.json"
    with big.open("wb") as file:
        file.truncate(300_000_000)
    result = run_contained("summary", str(tracker), "--mapping", str(big))
    assert result["code"] == 1
    err = assert_one_plain_line(result)
    assert "mapping file mapping.json is larger than a mapping file can be: 300,000,000 bytes" in err
    assert result["grown_kb"] < 50 * 1024, result


def test_a_nested_mapping_file_is_blamed_not_the_tracker(
    tracker: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mapping = tmp_path / "nested.json"
    mapping.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    assert main(["summary", str(tracker), "--mapping", str(mapping), "--as-of", "2024-06-30"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("applytics: mapping file nested.json is nested 100,000 levels deep"), err
    assert "tracker.csv" not in err and "RecursionError" not in err and "unexpected" not in err
    assert err.count("\n") == 1


def test_a_broken_mapping_file_is_blamed_even_when_the_tracker_is_broken_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tracker = tmp_path / "budget.csv"
    tracker.write_bytes(UNUSABLE["budget.csv"])
    mapping = tmp_path / "mapping.json"
    mapping.write_text('{"format": "applytics-mapping", "columns": {"Company": 1e999999}}', encoding="utf-8")
    assert main(["summary", str(tracker), "--mapping", str(mapping)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("applytics: mapping file mapping.json: column “Company” is the number 1e999999;"), err
    assert "budget" not in err


@pytest.mark.parametrize("day", ["2262-04-12", "1600-01-01", "9999-12-31", "0001-01-01"])
def test_an_as_of_date_outside_the_range_blames_the_argument(
    day: str, tracker: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["summary", str(tracker), "--as-of", day])
    assert stopped.value.code == 2  # argparse's usage error: the argument is wrong, not the file
    err = capsys.readouterr().err
    assert (
        f"argument --as-of: {day} is outside the dates Applytics computes with; use a date from 1900-01-01 "
        "to 2200-12-31"
    ) in err, err
    assert "OutOfBoundsDatetime" not in err and "tracker.csv" not in err


@pytest.mark.parametrize(("inside", "outside"), [("1900-01-01", "1899-12-31"), ("2200-12-31", "2201-01-01")])
def test_the_as_of_range_ends_at_1900_01_01_and_2200_12_31(
    inside: str, outside: str, tracker: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = run_json(capsys, str(tracker), "--as-of", inside, "--ghost-after-days", "3650")
    # As of 1900 none of the six (sent in 2024) had been sent yet: as of means as of (analytics/asof.py).
    assert (data["as_of"], data["applications"]) == (inside, 0 if inside == "1900-01-01" else 6)
    if inside == "2200-12-31":  # silent for ~176 years: Alpha, Beta and Delta's screen are ghosted
        assert data["outcomes"]["ghosted"] == 3
    with pytest.raises(SystemExit) as stopped:
        main(["summary", str(tracker), "--as-of", outside])
    assert stopped.value.code == 2
    assert f"{outside} is outside the dates Applytics computes with" in capsys.readouterr().err


@pytest.mark.parametrize("days", ["3651", "100000000", "-5"])
def test_a_ghost_window_past_ten_years_is_refused(days: str, tracker: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", str(tracker), "--as-of", "2024-06-30", "--ghost-after-days", days]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert f"--ghost-after-days must be from 1 to 3,650 days (ten years), not {int(days):,}" in err


# A cell can hold terminal escape sequences: OSC 0 sets the window title ("\x1b]0;pwned\x07"), CSI 2J clears the
# screen, written with ESC [ or with the one-byte C1 CSI (\x9b). The generic header makes the company column a
# low-confidence reading, so its cells are quoted in a note (text) and in "uncertain" (JSON). Ten plain rows keep
# the five controls under the 2% of characters at which intake takes a text file for binary data.
TITLE_AND_CLEAR = "\x1b]0;pwned\x07\x1b[2J"
C1_CLEAR = "Borealis\x9b2J Ltd"
ESCAPING_TRACKER = "\n".join(
    [
        ",Status",
        f"{TITLE_AND_CLEAR},Applied",
        f"{C1_CLEAR},Rejected",
        *(
            f"{company},Applied"
            for company in (
                "Cobalt Health",
                "Dunmore Labs",
                "Eastgate Analytics",
                "Fernhill Data",
                "Glenrock Inc",
                "Harlow & Co",
                "Ivers Group",
                "Juniper Works",
                "Kestrel Systems",
                "Lumen Retail",
            )
        ),
    ]
)


@pytest.fixture
def escaping_tracker(tmp_path: Path) -> Path:
    path = tmp_path / "evil.csv"
    path.write_text(ESCAPING_TRACKER + "\n", encoding="utf-8")
    return path


def test_text_output_has_no_terminal_controls(escaping_tracker: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", str(escaping_tracker), "--as-of", "2024-06-30"]) == 0
    out = capsys.readouterr().out
    assert not any((ord(ch) < 32 and ch != "\n") or 0x7F <= ord(ch) <= 0x9F for ch in out), repr(out)
    # each control shows as "\ufffd", so the reader still sees something was there
    assert "(\ufffd]0;pwned\ufffd\ufffd[2J, Borealis\ufffd2J Ltd, Cobalt Health, …)" in out
    # applications, as of, funnel, outcomes, 5 rates, 2 notes (the CSV dialect, column A), 1 warning (no dates):
    # 12 lines, none added or split by a cell
    assert out.count("\n") == 12
    assert out.startswith("Applications: 12 (0 inbound), sheet “evil”, shape A\n")


def test_json_output_escapes_controls_and_keeps_the_cells(
    escaping_tracker: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["summary", str(escaping_tracker), "--as-of", "2024-06-30", "--json"]) == 0
    raw = capsys.readouterr().out
    assert not any((ord(ch) < 32 and ch != "\n") or 0x7F <= ord(ch) <= 0x9F for ch in raw), repr(raw)
    assert "\\u001b]0;pwned\\u0007\\u001b[2J" in raw and "Borealis\\u009b2J Ltd" in raw
    data = json.loads(raw)  # parsed back, the cells are exactly what the file holds
    assert data["uncertain"][0]["subject"] == "Column A"
    assert f"({TITLE_AND_CLEAR}, {C1_CLEAR}, Cobalt Health, …)" in data["uncertain"][0]["evidence"]
    assert any(f"({TITLE_AND_CLEAR}, {C1_CLEAR}, Cobalt Health, …)" in note for note in data["decisions"])


def test_an_error_line_has_no_terminal_controls(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "tracker\x1b]0;pwned\x07.csv"
    assert main(["summary", str(missing)]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "tracker\ufffd]0;pwned\ufffd.csv" in err
    assert err.count("\n") == 1


# ---------------------------------------------------------------- applytics report (issue 10, part 3)
# `report FILE -o OUT` writes the dashboard as a file, the format named by OUT's suffix, with summary's options.
# The figures of TRACKER as of 2024-06-30 are worked out at its top: the response rate is 3 of 4.


def run_report(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["report", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_report_writes_a_self_contained_html_file(
    tracker: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.html"
    code, out, err = run_report(capsys, str(tracker), "-o", str(target), "--as-of", "2024-06-30")
    assert (code, err) == (0, "")
    assert out.startswith(f"Wrote the HTML report to {target} (") and out.endswith(" MB).\n")
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    assert text.count("<section ") == 7
    assert "<h3>Applications per week (goal: 10)</h3>" in text  # the Pace section, at the default goal
    assert '<td>Response rate</td><td class="number">75%</td><td>3 of 4</td>' in text
    assert "Figures as of 30 Jun 2024, ghosted after 30 days of silence · tracker.csv" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "tracker.csv"]  # no temporary file left


def test_report_measures_the_pace_against_the_goal_given(
    tracker: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.html"
    code, _, err = run_report(capsys, str(tracker), "-o", str(target), "--as-of", "2024-06-30", "--goal", " 3 ")
    assert (code, err) == (0, "")
    assert "<h3>Applications per week (goal: 3)</h3>" in target.read_text(encoding="utf-8")
    import openpyxl

    workbook = tmp_path / "report.xlsx"
    code, _, err = run_report(capsys, str(tracker), "-o", str(workbook), "--as-of", "2024-06-30", "--goal", "3")
    assert (code, err) == (0, "")
    assert openpyxl.load_workbook(workbook)["Pace"]["A1"].value == "Weekly goal: 3 applications"


@pytest.mark.parametrize("goal", ["0", "101", "2.5", "ten", "٣"])
def test_report_refuses_a_goal_that_is_not_a_whole_number_from_1_to_100(
    goal: str, tracker: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.html"
    with pytest.raises(SystemExit) as stopped:
        main(["report", str(tracker), "-o", str(target), "--goal", goal])
    assert stopped.value.code == 2
    assert f"argument --goal: expected a whole number from 1 to 100, got “{goal}”" in capsys.readouterr().err
    assert not target.exists()


def test_report_writes_an_excel_workbook(tracker: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import openpyxl

    target = tmp_path / "report.xlsx"
    code, out, err = run_report(capsys, str(tracker), "-o", str(target), "--as-of", "2024-06-30")
    assert (code, err) == (0, "")
    assert out.startswith(f"Wrote the Excel report to {target} (")
    book = openpyxl.load_workbook(target)
    assert [row[:3] for row in book["KPIs"].iter_rows(min_row=2, max_row=2, values_only=True)] == [
        ("Response rate", 3, 4)
    ]
    assert book["Data"].max_row == 1 + 6


def test_report_writes_the_cleaned_data_as_csv(
    tracker: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv

    target = tmp_path / "clean.csv"
    code, _, err = run_report(capsys, str(tracker), "-o", str(target), "--as-of", "2024-06-30")
    assert (code, err) == (0, "")
    records = list(csv.DictReader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert [r["company"] for r in records] == ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"]
    assert [r["outcome"] for r in records][:2] == ["Awaiting reply", "No response"]


def test_report_takes_the_summary_options(tracker: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--as-of and --ghost-after-days move the report's figures as they move the summary's."""
    import csv

    target = tmp_path / "clean.csv"
    # as of 2024-07-01 Delta's last news is 30 days old: ghosted (see test_as_of_moves_the_ghost_window)
    assert run_report(capsys, str(tracker), "-o", str(target), "--as-of", "2024-07-01")[0] == 0
    delta = next(
        r for r in csv.DictReader(target.read_text(encoding="utf-8-sig").splitlines()) if r["company"] == "Delta"
    )
    assert delta["outcome"] == "No response"
    # a 61-day window: Beta (60 silent days) is pending again
    assert (
        run_report(capsys, str(tracker), "-o", str(target), "--as-of", "2024-06-30", "--ghost-after-days", "61")[0] == 0
    )
    beta = next(
        r for r in csv.DictReader(target.read_text(encoding="utf-8-sig").splitlines()) if r["company"] == "Beta"
    )
    assert beta["outcome"] == "Awaiting reply"
    mapping = tmp_path / "mapping.json"
    mapping.write_text(Corrections().with_status("Applied", "interview", "rejected").to_json(), encoding="utf-8")
    assert (
        run_report(capsys, str(tracker), "-o", str(target), "--as-of", "2024-06-30", "--mapping", str(mapping))[0] == 0
    )
    alpha = next(
        r for r in csv.DictReader(target.read_text(encoding="utf-8-sig").splitlines()) if r["company"] == "Alpha"
    )
    assert (alpha["furthest_stage"], alpha["outcome"]) == ("Interview", "Rejected")


@pytest.mark.parametrize("name", ["report.pdf", "report", "report.xlsx.bak", "report.json"])
def test_report_refuses_a_suffix_that_names_no_format(
    name: str, tracker: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_report(capsys, str(tracker), "-o", str(tmp_path / name))
    assert code == 2 and out == ""
    assert (
        err == f"applytics: cannot tell the report format from “{name}”: give -o a path ending in .html, .xlsx, .csv\n"
    )
    assert not (tmp_path / name).exists()


def test_report_needs_an_output(tracker: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["report", str(tracker)])
    assert stopped.value.code == 2
    assert "-o/--output" in capsys.readouterr().err


def test_report_never_overwrites_its_input(tracker: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = tracker.read_bytes()
    link = tmp_path / "link.csv"
    link.symlink_to(tracker)
    hard = tmp_path / "hard.csv"
    os.link(tracker, hard)
    for output in (tracker, tmp_path / "." / "tracker.csv", link, hard):
        code, out, err = run_report(capsys, str(tracker), "-o", str(output))
        assert code == 2 and out == "", output
        assert err.startswith(f"applytics: -o “{output}” is the input file tracker.csv; a report never overwrites")
    assert tracker.read_bytes() == before
    mapping = tmp_path / "mapping.csv"  # a mapping file named like a report: refused as well
    mapping.write_text(Corrections().to_json(), encoding="utf-8")
    code, _, err = run_report(capsys, str(tracker), "-o", str(mapping), "--mapping", str(mapping))
    assert code == 2 and "is the input file mapping.csv" in err
    assert mapping.read_text(encoding="utf-8") == Corrections().to_json()


def test_report_replaces_an_old_report_atomically(
    tracker: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "clean.csv"
    target.write_text("old report", encoding="utf-8")
    assert run_report(capsys, str(tracker), "-o", str(target), "--as-of", "2024-06-30")[0] == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfrow,company")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean.csv", "tracker.csv"]
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask  # as any new file, not the temporary's 0600


def test_report_of_an_unusable_file_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    budget = tmp_path / "budget.csv"
    budget.write_bytes(UNUSABLE["budget.csv"])
    target = tmp_path / "report.html"
    code, out, err = run_report(capsys, str(budget), "-o", str(target))
    assert code == 1 and out == ""
    assert err.startswith("applytics: ") and "No company or role column" in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["budget.csv"]


def test_report_into_a_missing_folder_or_onto_a_folder(
    tracker: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere" / "report.html"
    code, out, err = run_report(capsys, str(tracker), "-o", str(missing))
    assert (code, out) == (1, "")
    assert err == f"applytics: Cannot write “{missing}”: No such file or directory.\n"
    folder = tmp_path / "out.html"
    folder.mkdir()
    code, _, err = run_report(capsys, str(tracker), "-o", str(folder))
    assert code == 2 and f"-o “{folder}” is a directory" in err


def test_filter_narrows_the_applications(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--filter applies the dashboard's filters (analytics.filters) after the outcomes are resolved.

    TRACKER with a Source column: Alpha LinkedIn, Beta Referral, Gamma LinkedIn, Delta Indeed, Epsilon
    "linkedin" (the source LinkedIn), Zeta Recruiter. source=LinkedIn keeps Alpha (pending), Gamma (rejected),
    Epsilon (accepted): 3 applications, 2 decided. Adding applied_from=2024-05-01 (on the day) drops Epsilon
    (2024-04-02): Alpha and Gamma. role=Data Engineer keeps Gamma and Zeta (inbound)."""
    sources = ["Source", "LinkedIn", "Referral", "LinkedIn", "Indeed", "linkedin", "Recruiter"]
    with_source = tmp_path / "with_source.csv"
    with_source.write_text(
        "".join(f"{line},{source}\n" for line, source in zip(TRACKER.splitlines(), sources, strict=True)),
        encoding="utf-8",
    )
    everything = run_json(capsys, str(with_source), "--as-of", "2024-06-30")
    assert everything["applications"] == 6
    linkedin = run_json(capsys, str(with_source), "--as-of", "2024-06-30", "--filter", "source=LinkedIn")
    assert (linkedin["applications"], linkedin["mature"], linkedin["pending"]) == (3, 2, 1)
    assert linkedin["outcomes"]["accepted"] == 1 and linkedin["outcomes"]["rejected"] == 1
    recent = run_json(
        capsys, str(with_source), "--as-of", "2024-06-30", "--filter", "source=LinkedIn",
        "--filter", "applied_from=2024-05-01",
    )  # fmt: skip
    assert recent["applications"] == 2
    engineers = run_json(capsys, str(with_source), "--as-of", "2024-06-30", "--filter", "role=Data Engineer")
    assert (engineers["applications"], engineers["inbound"]) == (2, 1)


def test_filter_on_a_tracker_without_sources_keeps_nothing(tracker: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_json(capsys, str(tracker), "--as-of", "2024-06-30", "--filter", "source=LinkedIn")["applications"] == 0


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("company=Alpha", "--filter expects key=value with key one of applied_from, applied_to, source, role, "
         "candidate; got “company=Alpha”."),
        ("applied_to=30/06/2024", "--filter applied_to expects a date as YYYY-MM-DD; got “30/06/2024”."),
    ],
)  # fmt: skip
def test_a_bad_filter_exits_2(tracker: Path, capsys: pytest.CaptureFixture[str], item: str, message: str) -> None:
    assert main(["summary", str(tracker), "--filter", item]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"applytics: {message}\n")


def test_several_files_are_one_cohort(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A coach's candidates, one file each: counted together, and --filter candidate= keeps one of them."""
    lines = TRACKER.splitlines(keepends=True)
    ann, bob = tmp_path / "jobs-ann.csv", tmp_path / "jobs-bob.csv"
    ann.write_text("".join(lines[:4]), encoding="utf-8")  # Alpha, Beta, Gamma
    bob.write_text(lines[0] + "".join(lines[4:]), encoding="utf-8")  # Delta, Epsilon, Zeta
    data = run_json(capsys, str(ann), str(bob), "--as-of", "2024-06-30")
    assert data["applications"] == 6 and data["file"] == "2 trackers (jobs-ann.csv, jobs-bob.csv)"
    only_ann = run_json(capsys, str(ann), str(bob), "--as-of", "2024-06-30", "--filter", "candidate=ann")
    assert (only_ann["applications"], only_ann["mature"]) == (3, 2)  # Alpha is pending; Beta ghosted, Gamma rejected
    only_bob = run_json(capsys, str(ann), str(bob), "--as-of", "2024-06-30", "--filter", "candidate=bob")
    assert only_bob["applications"] == 3 and only_bob["outbound"] == 2


def test_a_sheet_cannot_be_named_for_several_files(tracker: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", str(tracker), str(tracker), "--sheet", "Jobs"]) == 2
    assert "a cohort of files uses each file's own" in capsys.readouterr().err
