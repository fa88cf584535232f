"""`applytics summary --json`: the `segments` and `reasons` keys issue #4 adds.

Why: scripts and reproducible checks read this JSON. Per segment value: n, responses, positive, and each
rate with k of n, its Wilson interval, the adjusted p-value and the verdict; per reason category: a count.
The JSON must be strict (no NaN), and the reason overrides of a saved mapping file must move the counts.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from applytics.cli import main
from applytics.intake.corrections import Corrections

Z = 1.959963984540054


def hand_wilson(k: int, n: int) -> tuple[float, float]:
    p = k / n
    centre = p + Z * Z / (2 * n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return (centre - half) / (1 + Z * Z / n), (centre + half) / (1 + Z * Z / n)


def build_tracker() -> str:
    """As of 2024-06-30, 30-day window. Every figure in the tests below comes from these rows."""
    rows = ["Company,Role,Date Applied,Status,Source,Rejection reason"]
    # Referral, applied in April, all "Senior Data Analyst" (role family "Data Analyst"): 10 decided
    referral = [
        ("Offer accepted", ""),
        ("Rejected after interview", "More experienced candidate"),
        ("Rejected after interview", "More experienced candidate"),
        ("Rejected after interview", "Hiring freeze"),
        ("Rejected after phone screen", "Missing SQL skills"),
        ("Rejected after phone screen", ""),
        ("Rejected", "Missing SQL skills"),
        ("Rejected", ""),
        ("Applied", ""),  # silent since April: ghosted
        ("Applied", ""),
    ]
    for i, (status, reason) in enumerate(referral, 1):
        rows.append(f"R{i:02d},Senior Data Analyst,2024-04-{i:02d},{status},Referral,{reason}")
    # LinkedIn, applied in May, "Data Analyst": 2 rejected, 10 silent (ghosted)
    linkedin = [("Rejected", "More experienced candidate"), ("Rejected", "")] + [("Applied", "")] * 10
    for i, (status, reason) in enumerate(linkedin, 1):
        rows.append(f"L{i:02d},Data Analyst,2024-05-{i:02d},{status},LinkedIn,{reason}")
    # left out of every rate: 2 young silent LinkedIn applications (pending, June) and a recruiter contact
    rows.append("P01,Data Analyst,2024-06-25,Applied,LinkedIn,")
    rows.append("P02,Data Analyst,2024-06-26,Applied,LinkedIn,")
    rows.append("I01,Data Analyst,2024-04-15,Phone screen,Inbound,")
    return "\n".join(rows) + "\n"


def strict_json(text: str) -> dict[str, object]:
    def refuse(constant: str) -> None:
        raise AssertionError(f"the JSON holds {constant}, which strict JSON readers refuse")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture
def tracker(tmp_path: Path) -> Path:
    path = tmp_path / "tracker.csv"
    path.write_text(build_tracker(), encoding="utf-8")
    return path


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["summary", *args, "--as-of", "2024-06-30", "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return strict_json(out)


def test_base_figures_of_the_tracker(tracker: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, str(tracker))
    # 25 rows; 1 inbound; outbound 24 of which 2 pending -> 22 mature
    assert (data["applications"], data["inbound"], data["pending"], data["mature"]) == (25, 1, 2, 22)


def test_segments_shape(tracker: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, str(tracker))
    segments = data["segments"]
    # role: "Senior Data Analyst" and "Data Analyst" are one family, so there is nothing to break down;
    # month: April (Referral) and May (LinkedIn); June holds only the pending ones, which are not decided
    assert set(segments) == {"source", "month"}
    assert set(segments["source"]) == {"Referral", "LinkedIn"}
    assert set(segments["month"]) == {"2024-04", "2024-05"}
    for values in segments.values():
        for entry in values.values():
            assert set(entry) == {"n", "responses", "positive", "rates"}
            assert set(entry["rates"]) == {"response_rate", "positive_response_rate", "interview_rate", "offer_rate"}
            for rate in entry["rates"].values():
                assert set(rate) == {"k", "n", "rate", "low", "high", "p_adjusted", "verdict"}


def test_segments_values_by_hand(tracker: Path, capsys: pytest.CaptureFixture[str]) -> None:
    segments = run_json(capsys, str(tracker))["segments"]
    referral = segments["source"]["Referral"]
    linkedin = segments["source"]["LinkedIn"]
    # Referral: 10 decided; replied 8 (all but the 2 silent); screen+ 6 (offer, 3 interview, 2 screen);
    # LinkedIn: 12 decided; replied 2, screen+ 0 (the 2 pending and the inbound contact are not counted)
    assert (referral["n"], referral["responses"], referral["positive"]) == (10, 8, 6)
    assert (linkedin["n"], linkedin["responses"], linkedin["positive"]) == (12, 2, 0)
    response = referral["rates"]["response_rate"]
    low, high = hand_wilson(8, 10)  # [.4902, .9433]
    assert (response["k"], response["n"], response["rate"]) == (8, 10, 0.8)
    assert (response["low"], response["high"]) == (pytest.approx(low), pytest.approx(high))
    assert (response["low"], response["high"]) == (pytest.approx(0.4902, abs=1e-4), pytest.approx(0.9433, abs=1e-4))
    # Fisher [[8, 2], [2, 10]]: (66 + 2200 + 2970 + 120 + 1) / C(22,10) = 5357/646646; BH over the two mirrored
    # values leaves it as it is
    assert response["p_adjusted"] == pytest.approx(5357 / 646646)
    assert response["verdict"] == "higher than the rest"
    assert linkedin["rates"]["response_rate"]["verdict"] == "lower than the rest"
    positive = referral["rates"]["positive_response_rate"]
    assert (positive["k"], positive["n"], positive["p_adjusted"]) == (6, 10, pytest.approx(210 / 74613))
    interview = referral["rates"]["interview_rate"]
    assert (interview["k"], interview["n"], interview["p_adjusted"]) == (4, 10, pytest.approx(210 / 7315))
    offer = referral["rates"]["offer_rate"]
    # one offer among 22: p = P(the offer is in Referral's 10) = 10/22 -> no claim
    assert (offer["k"], offer["n"], offer["p_adjusted"], offer["verdict"]) == (
        1,
        10,
        pytest.approx(10 / 22),
        "no clear difference",
    )
    zero = linkedin["rates"]["positive_response_rate"]
    # 0 of 12: [0, z²/(12 + z²)] = [0, .2425]
    assert (zero["k"], zero["n"], zero["rate"], zero["low"]) == (0, 12, 0.0, pytest.approx(0.0, abs=1e-12))
    assert zero["high"] == pytest.approx(Z * Z / (12 + Z * Z))
    # the month breakdown splits the same applications the same way
    assert segments["month"]["2024-04"] == referral
    assert segments["month"]["2024-05"] == linkedin


def test_reasons_counts_by_hand(tracker: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reasons = run_json(capsys, str(tracker))["reasons"]
    # 9 rejections: Referral 3 after interview + 2 after a screen + 2 at application, LinkedIn 2 at application.
    # "More experienced candidate" x3 -> experience gap; "Missing SQL skills" x2 -> skills mismatch;
    # "Hiring freeze" -> position cancelled; 3 blanks -> no reason given
    assert reasons == {"experience gap": 3, "no reason given": 3, "skills mismatch": 2, "position cancelled": 1}
    counts = list(reasons.values())
    assert counts == sorted(counts, reverse=True)  # Pareto order, largest first


def test_reason_overrides_from_a_mapping_file(
    tracker: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mapping = tmp_path / "mapping.json"
    mapping.write_text(Corrections(reasons={"hiring FREEZE": "other"}).to_json(), encoding="utf-8")
    reasons = run_json(capsys, str(tracker), "--mapping", str(mapping))["reasons"]
    assert reasons == {"experience gap": 3, "no reason given": 3, "skills mismatch": 2, "other": 1}


def test_small_segments_say_too_few_with_null_p(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "small.csv"
    path.write_text(
        "Company,Role,Date Applied,Status,Source\n"
        "A,Data Analyst,2024-05-01,Rejected,LinkedIn\n"
        "B,Data Analyst,2024-05-02,Applied,LinkedIn\n"
        "C,Data Analyst,2024-05-03,Phone screen,Indeed\n",
        encoding="utf-8",
    )
    data = run_json(capsys, str(path))
    linkedin = data["segments"]["source"]["LinkedIn"]
    assert (linkedin["n"], linkedin["responses"], linkedin["positive"]) == (2, 1, 0)
    response = linkedin["rates"]["response_rate"]
    assert (response["k"], response["n"], response["rate"]) == (1, 2, 0.5)
    assert response["p_adjusted"] is None
    assert response["verdict"] == "too few to judge"
    # no rejection reason column: the one rejection has no reason given
    assert data["reasons"] == {"no reason given": 1}


def test_no_rejections_no_reasons(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "calm.csv"
    path.write_text("Company,Role,Date Applied,Status\nA,Analyst,2024-05-01,Applied\n", encoding="utf-8")
    data = run_json(capsys, str(path))
    assert data["reasons"] == {}
    assert data["segments"] == {}  # one application: nothing to break down
