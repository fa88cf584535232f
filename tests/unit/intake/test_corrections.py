"""corrections: the user's fixes to detection, and the JSON file that carries them to the next upload.

Why: a mis-detected column or status is fixed once on the Data page and must stay fixed; a
mapping file from elsewhere is untrusted input and must fail with a message naming the bad entry.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from applytics.errors import ImportProblem
from applytics.intake.corrections import COLUMN_CHOICES, MAX_FILE_BYTES, Corrections, apply_corrections
from applytics.intake.detect import Mapping, StageColumn
from applytics.schema import OUTCOMES, STAGES

FRAME = pd.DataFrame(
    {
        "Boîte": ["Acme", "Beta"],
        "Poste": ["Dev", "Ops"],
        "Entretien 1": ["2024-01-10", None],
        "CV": ["v1", "v2"],
        "Statut": ["Envoyée", "xyzzy"],
    },
    dtype=object,
)
DETECTED = Mapping(columns={"role": "Poste", "status": "Statut", "resume_version": "CV"})


def problem(data: str | bytes) -> ImportProblem:
    with pytest.raises(ImportProblem) as caught:
        Corrections.from_json(data, "mapping.json")
    assert "mapping.json" in caught.value.what
    return caught.value


def test_empty_corrections_are_false_and_change_nothing() -> None:
    assert not Corrections()
    mapping, notes = apply_corrections(DETECTED, Corrections(), FRAME)
    assert mapping == DETECTED
    assert notes == []


def test_a_column_is_reassigned_and_leaves_its_old_field() -> None:
    fixes = Corrections().with_column("Boîte", "company").with_column("CV", "ignore")
    mapping, notes = apply_corrections(DETECTED, fixes, FRAME)
    assert mapping.columns == {"company": "Boîte", "role": "Poste", "status": "Statut"}
    assert any("2 column(s)" in n for n in notes)


def test_segment_and_stage_choices() -> None:
    fixes = Corrections().with_column("CV", "segment").with_column("Entretien 1", "stage:interview")
    mapping, _ = apply_corrections(DETECTED, fixes, FRAME)
    assert mapping.segments == ("CV",)
    assert "resume_version" not in mapping.columns
    assert mapping.stages == (StageColumn("Entretien 1", "interview", "dates"),)
    assert mapping.shape == "B"  # a status table with a stage-date column is now shape B


def test_status_words_and_date_orders() -> None:
    fixes = Corrections().with_status("XYZZY", "interview", "rejected").with_date_order("Entretien 1", "dmy")
    fixes = fixes.with_date_order("Not a column", "mdy")
    mapping, _ = apply_corrections(DETECTED, fixes, FRAME)
    # status words are matched folded, like the vocabulary
    assert mapping.status_overrides == {"xyzzy": ("interview", "rejected")}
    assert mapping.date_orders == {"Entretien 1": "dmy"}


def test_reason_categories_reach_the_mapping_keyed_by_folded_text() -> None:
    fixes = Corrections().with_reason("Décidé de continuer avec d'AUTRES candidats", "position filled")
    mapping, notes = apply_corrections(DETECTED, fixes, FRAME)
    assert mapping.reason_overrides == {"decide de continuer avec d autres candidats": "position filled"}
    assert any("1 rejection reason(s)" in n for n in notes)


def test_a_column_this_file_lacks_is_reported_not_applied() -> None:
    mapping, notes = apply_corrections(DETECTED, Corrections().with_column("Company", "company"), FRAME)
    assert "company" not in mapping.columns
    assert any("“Company”" in n for n in notes)


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèçñü ÀÉ-", min_size=1, max_size=20)


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(WORDS, st.sampled_from(COLUMN_CHOICES), max_size=5),
    st.dictionaries(WORDS, st.tuples(st.sampled_from(STAGES), st.sampled_from(OUTCOMES)), max_size=5),
    st.dictionaries(WORDS, st.sampled_from(["dmy", "mdy"]), max_size=3),
)
def test_json_round_trip(columns: dict[str, str], statuses: dict[str, tuple[str, str]], orders: dict[str, str]) -> None:
    fixes = Corrections(columns, statuses, orders)
    assert Corrections.from_json(fixes.to_json()) == fixes
    assert Corrections.from_json(fixes.to_json().encode()) == fixes


def test_the_file_is_marked_as_ours() -> None:
    assert json.loads(Corrections().to_json())["format"] == "applytics-mapping"


def test_a_wishlist_correction_round_trips() -> None:
    fixes = Corrections().with_status("Someday", "—", "not an application")
    assert Corrections.from_json(fixes.to_json()) == fixes


def test_bad_mapping_files() -> None:
    assert "larger" in problem(" " * (MAX_FILE_BYTES + 1)).what
    assert "not valid JSON" in problem("{oops").what
    assert "not an Applytics mapping" in problem('{"columns": {}}').what
    assert "not an Applytics mapping" in problem("[1, 2]").what
    base = {"format": "applytics-mapping", "version": 1}
    assert "damaged" in problem(json.dumps({**base, "columns": ["Company"]})).what
    bad_column = problem(json.dumps({**base, "columns": {"Boîte": "employer"}}))
    assert "“Boîte”" in bad_column.what and "company" in bad_column.fix
    bad_status = problem(json.dumps({**base, "statuses": {"Refusé": {"stage": "final", "outcome": "rejected"}}}))
    assert "“Refusé”" in bad_status.what
    assert "“Date”" in problem(json.dumps({**base, "date_orders": {"Date": "ymd"}})).what
