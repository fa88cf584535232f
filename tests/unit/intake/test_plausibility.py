"""plausibility: the questions the import asks instead of guessing, and the figures that name their cause.

Why: issue #8 — a dashboard that tells someone four in ten applications got a positive reply when their sheet
says those were never answered does harm. Every decision taken without certainty is listed with its evidence
(and never applied silently), and a figure real searches almost never show names the reading behind it.
"""

from __future__ import annotations

import pandas as pd
from builders import csv_bytes

from applytics.intake.corrections import Corrections
from applytics.intake.detect import Mapping, Reading
from applytics.intake.pipeline import import_tracker
from applytics.intake.plausibility import Uncertain, plausibility_warnings, uncertain_readings
from applytics.schema import STAGES

STATUS_COLUMNS = ["value", "rows", "stage", "outcome", "how"]


def statuses(*rows: tuple[object, ...]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=STATUS_COLUMNS)


def apps(stages: list[str], outcomes: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "furthest_stage": pd.Categorical(stages, categories=list(STAGES), ordered=True),
            "outcome": pd.Series(outcomes, dtype=object),
        }
    )


def test_value_readings_that_are_not_sure_are_questions_and_sure_ones_are_not() -> None:
    mapping = Mapping(
        columns={"company": "Column A", "status": "Pipeline"},
        readings=(
            Reading("Column A", "company", "“Column A” is read as the company", "its cells look like names", False),
            Reading("Pipeline", "status", "“Pipeline” is read as the status", "its cells are status words", True),
        ),
    )
    found = uncertain_readings(mapping, statuses(), [])
    assert found == [
        Uncertain("“Column A” is read as the company", "its cells look like names", "Columns", "Column A", ("company",))
    ]


def test_fuzzy_and_unknown_status_words_are_questions() -> None:
    table = statuses(
        ("Rejected", 4, "applied", "rejected", "vocabulary"),
        ("Interveiw", 2, "interview", "active", "close to “interview” (89%)"),
        ("Opportunity", 3, "applied", "active", "not recognised"),
    )
    found = uncertain_readings(Mapping(columns={}), table, [])
    assert [(u.subject, u.where, u.reading) for u in found] == [
        ("Interveiw", "Status words", ("interview", "active")),
        ("Opportunity", "Status words", ("applied", "active")),
    ]
    assert found[0].decision == "Status “Interveiw” is read as interview, active"


def test_a_date_order_that_is_a_guess_is_a_question() -> None:
    decisions = [
        "“Applied” read as day/month/year: a first number above 12 in 3 value(s).",
        "“Replied” read as month/day/year: no value settles it (every number is 12 or less), so this is a guess: "
        "check it.",
    ]
    found = uncertain_readings(Mapping(columns={}), statuses(), decisions)
    assert [(u.subject, u.where, u.reading, u.decision) for u in found] == [
        ("Replied", "Date orders", ("mdy",), "“Replied” is read as month/day/year")
    ]


def test_a_negated_word_read_as_progress_is_named() -> None:
    table = statuses(
        ("No interview", 3, "interview", "active", "your correction"), ("Applied", 9, "applied", "active", "v")
    )
    warnings = plausibility_warnings(apps(["applied"] * 3, ["active"] * 3), table, Mapping(columns={}))
    assert warnings == [
        "Status “No interview” says no, yet it is read as reaching the interview stage (3 row(s)): "
        "check it under Status words on the Data page."
    ]


def test_most_applications_answered_positively_is_named_with_its_columns() -> None:
    frame = apps(["screen"] * 6 + ["applied"] * 4, ["active"] * 10)
    mapping = Mapping(columns={"status": "Where"})
    (warning,) = plausibility_warnings(frame, statuses(), mapping)
    assert warning.startswith("6 of 10 applications are read as reaching a screen or further")
    assert "the status column “Where”" in warning


def test_half_answered_positively_is_not_surprising() -> None:
    frame = apps(["screen"] * 5 + ["applied"] * 5, ["active"] * 10)
    assert plausibility_warnings(frame, statuses(), Mapping(columns={"status": "Status"})) == []


def test_every_application_rejected_is_named() -> None:
    frame = apps(["applied"] * 12, ["rejected"] * 12)
    (warning,) = plausibility_warnings(frame, statuses(), Mapping(columns={"status": "Result"}))
    assert warning.startswith("Every one of the 12 applications is read as rejected.")


def test_small_files_are_not_judged() -> None:
    frame = apps(["offer"] * 4, ["rejected"] * 4)
    assert plausibility_warnings(frame, statuses(), Mapping(columns={"status": "Status"})) == []


# ---------------------------------------------------------------- through the pipeline, and confirmed

GENERIC = [
    ["", "Pipeline", "Sent"],
    ["Acme Analytics", "Applied", "2026-09-01"],
    ["Borealis Ltd", "Rejected", "2026-09-03"],
    ["Cobalt Health", "Interviewing", "2026-09-05"],
    ["Dunmore", "Applied", "2026-09-07"],
]


def test_a_company_read_from_its_values_is_asked_about_and_a_confirm_settles_it() -> None:
    result = import_tracker(csv_bytes(GENERIC), "generic.csv")
    assert result.mapping.columns["company"] == "Column A"
    assert result.mapping.columns["status"] == "Pipeline"
    assert [u.subject for u in result.uncertain] == ["Column A"]
    assert "“Column A” is read as the company: its cells look like employer names" in " ".join(result.decisions)
    confirmed = Corrections().confirming(result.uncertain[0])
    assert confirmed.columns == {"Column A": "company"}
    again = import_tracker(csv_bytes(GENERIC), "generic.csv", corrections=confirmed)
    assert again.uncertain == []
    assert again.mapping.columns["company"] == "Column A"


def test_confirming_a_status_word_or_a_date_order_makes_it_a_correction() -> None:
    word = Uncertain(
        "Status “Interveiw” is read as interview, active", "", "Status words", "Interveiw", ("interview", "active")
    )
    order = Uncertain("“Replied” is read as month/day/year", "", "Date orders", "Replied", ("mdy",))
    fixes = Corrections().confirming(word).confirming(order)
    assert fixes.statuses == {"Interveiw": ("interview", "active")}
    assert fixes.date_orders == {"Replied": "mdy"}
