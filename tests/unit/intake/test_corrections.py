"""corrections: the user's fixes to detection, and the JSON file that carries them to the next upload.

Why: a mis-detected column or status is fixed once on the Data page and must stay fixed; a
mapping file from elsewhere is untrusted input and must fail with a message naming the bad entry.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pandas as pd
import pytest
from hostile_corpus import MAPPING_CASES, Built
from hypothesis import HealthCheck, given, settings
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


# ---------------------------------------------------------------- hostile mapping files (issue 9, item 6)
# The file is untrusted: whatever it holds, the user learns what is wrong with *the mapping file*, never sees a
# RecursionError or another exception, and nothing unbounded is spent on it. Limits: 262,144 bytes, nesting deeper
# than 8 levels refused, 10,000 entries per section, keys of 100,000 characters, no numbers.

SAVED = '{"format": "applytics-mapping", "version": 1, '  # 46 characters: a valid head, sections follow


@pytest.mark.parametrize("opener", ["[", '{"a":'])
def test_200_kb_of_nested_brackets_is_refused_as_nested(opener: str) -> None:
    depth = 200_000 // (len(opener) + 1)  # 100,000 "[" + "]", or 33,333 '{"a":' + "}" (plus one "1")
    text = opener * depth + ("1" if opener != "[" else "") + ("]" if opener == "[" else "}") * depth
    assert 199_000 < len(text) < MAX_FILE_BYTES
    found = problem(text)
    # level 1 opens at byte 0, so level 9 (the first refused) opens at 8 brackets in
    assert f"is nested {depth:,} levels deep (level 9 opens at byte {8 * len(opener)})" in found.what
    assert "Recursion" not in found.message


def test_nesting_inside_the_statuses_of_a_valid_mapping_is_refused() -> None:
    text = SAVED + '"statuses": ' + '{"a":' * 40_000 + '"x"' + "}" * 40_000 + "}"
    assert len(text) < MAX_FILE_BYTES
    found = problem(text)
    # the outer object is level 1; "statuses" opens level 2 at byte 46 + len('"statuses": ') = 58, each level
    # after it is 5 bytes on: level 9 at 58 + 7 * 5 = 93; the deepest level is 1 + 40,000.
    assert "mapping.json is nested 40,001 levels deep (level 9 opens at byte 93)" in found.what
    assert "nested 3 levels at most" in found.what
    assert "Download corrections" in found.fix


def test_eight_levels_are_read_and_nine_are_refused() -> None:
    # eight levels parse, then fail as an ordinary bad file: not a mapping, or a section of the wrong kind
    assert "is not an Applytics mapping file" in problem("[" * 8 + "]" * 8).what
    seven_lists = SAVED + '"columns": ' + "[" * 7 + "]" * 7 + "}"  # the outer object + 7 = 8 levels
    assert "mapping.json is damaged: “columns” is a list" in problem(seven_lists).what
    # one more and the depth check refuses the file before the parser sees it
    assert "is nested 9 levels deep (level 9 opens at byte 8)" in problem("[" * 9 + "]" * 9).what
    eight_lists = SAVED + '"columns": ' + "[" * 8 + "]" * 8 + "}"  # level 2 opens at 46 + 11 = 57, level 9 at 64
    assert "is nested 9 levels deep (level 9 opens at byte 64)" in problem(eight_lists).what


def test_brackets_inside_strings_are_not_nesting() -> None:
    # 300 "[" in a key, and an escaped quote then 300 "{" in its value: text, not structure, so the file is read
    # and refused for what it says (an unknown choice), not for its nesting; each is quoted cut to 59 characters + "…"
    text = SAVED + '"columns": {"' + "[" * 300 + '": "\\"' + "{" * 300 + '"}}'
    found = problem(text).what
    assert found.startswith("mapping.json: column “" + "[" * 59 + '…” is mapped to “"' + "{" * 58 + "…”"), found
    fixes = Corrections().with_column('Notes [see "{{{{" tab]' + "{" * 20, "ignore")
    assert Corrections.from_json(fixes.to_json()) == fixes


def test_an_oversize_file_is_refused_with_its_size() -> None:
    found = problem(b" " * 300_000)
    assert found.what == (
        "mapping.json is larger than a mapping file can be: 300,000 bytes, and the limit is 262,144 bytes (256 KB); "
        "a saved one is a few KB."
    )
    # text is measured in the UTF-8 bytes it is saved as: "é" is 2 bytes, so a quoted run of 140,000 is 280,002
    assert "280,002 bytes" in problem('"' + "é" * 140_000 + '"').what
    assert "not an Applytics mapping file" in problem('"' + "é" * 100_000 + '"').what  # 200,002 bytes: read


def test_a_section_of_10_001_entries_is_refused_and_10_000_are_read() -> None:
    def columns(count: int) -> str:
        return json.dumps({"format": "applytics-mapping", "columns": {f"c{n:05d}": "ignore" for n in range(count)}})

    assert "mapping.json has 10,001 entries under “columns”; a mapping file holds at most 10,000 per section." in (
        problem(columns(10_001)).what
    )
    read = Corrections.from_json(columns(10_000))
    assert len(read.columns) == 10_000 and read.columns["c09999"] == "ignore"


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ('"columns": {"Company": 1e999999}', "mapping.json: column “Company” is the number 1e999999;"),
        ('"columns": {"Company": -0.0}', "mapping.json: column “Company” is the number -0.0;"),
        ('"columns": {"Company": NaN}', "mapping.json: column “Company” is the number NaN;"),
        ('"reasons": {"Too junior": 7}', "mapping.json: rejection reason “Too junior” is the number 7;"),
        (
            '"statuses": {"Met the CTO": {"stage": 1e999999, "outcome": "active"}}',
            "mapping.json: status “Met the CTO”: the stage is the number 1e999999;",
        ),
        (
            '"date_orders": {"Date": ' + "7" * 5_000 + "}",  # past int()'s 4,300 digits; quoted cut to 59 + "…"
            "mapping.json: the date order of “Date” is the number " + "7" * 59 + "…;",
        ),
        ('"columns": 12', "mapping.json is damaged: “columns” is the number 12;"),
    ],
    ids=["1e999999", "minus-zero", "NaN", "integer", "stage", "5000-digits", "section"],
)
def test_a_number_is_reported_as_the_number_written(entry: str, expected: str) -> None:
    found = problem(SAVED + entry + "}")
    assert found.what.startswith(expected), found.what
    assert "every entry must be a string" in found.what or "must be objects" in found.what


def test_utf16_and_utf32_with_a_bom_are_read_and_offsets_count_their_bytes() -> None:
    fixes = Corrections().with_column("Société", "company").with_status("Refusé", "applied", "rejected")
    for encoding in ("utf-16", "utf-16-be", "utf-32", "utf-8-sig"):
        data = fixes.to_json().encode(encoding)
        if encoding == "utf-16-be":
            data = b"\xfe\xff" + data  # Python writes no BOM for an explicit byte order
        assert Corrections.from_json(data, "mapping.json") == fixes, encoding
    # a position is a byte of the file as saved: "[" * 9 in UTF-16 after its 2-byte BOM puts level 9 (the 9th
    # character) at 2 + 8 * 2 = byte 18; in UTF-32, at 4 + 8 * 4 = byte 36
    assert "(level 9 opens at byte 18)" in problem(b"\xff\xfe" + ("[" * 9 + "]" * 9).encode("utf-16-le")).what
    assert "(level 9 opens at byte 36)" in problem(("[" * 9 + "]" * 9).encode("utf-32")).what
    # in UTF-8 after "é" (2 bytes) in a key: '{"é": ' is 7 bytes, so the 8 brackets after it put level 9 at byte 14
    assert "(level 9 opens at byte 14)" in problem('{"é": ' + "[" * 8 + "]" * 8 + "}").what


def test_invalid_utf8_names_the_byte() -> None:
    # {"format":"applytics-mapping","columns":{"Bo  is 44 bytes, so the Latin-1 "î" (0xee) is byte 44
    data = b'{"format":"applytics-mapping","columns":{"Bo\xeete":"company"}}'
    assert problem(data).what == (
        "mapping.json is not valid JSON (byte 44 is not UTF-8 text; a file Applytics saved is UTF-8)."
    )
    # and after a UTF-8 BOM (3 bytes) the same byte is byte 47 of the file
    assert "(byte 47 is not UTF-8 text;" in problem(b"\xef\xbb\xbf" + data).what


@pytest.mark.parametrize(("case", "build"), MAPPING_CASES, ids=[case for case, _ in MAPPING_CASES])
def test_each_hostile_mapping_file_is_refused_saying_why(case: str, build: Callable[[], Built]) -> None:
    name, data, expected = build()
    with pytest.raises(ImportProblem) as caught:
        Corrections.from_json(data, f"“{name}”")  # named as the app names an upload
    message = caught.value.message
    assert f"“{name}”" in caught.value.what
    assert expected.lower() in message.lower(), message
    assert len(message) < 400, "the message quotes the file's contents cut short"
    assert caught.value.fix


# Arbitrary JSON values, and files built from them: most get past the format check, so every section meets
# every kind of value; numbers of every size, NaN and Infinity included.
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=8)
    | st.sampled_from([*COLUMN_CHOICES, *STAGES, *OUTCOMES, "dmy", "mdy", "not an application", "—"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=12,
)
SECTION_NAMES = st.sampled_from(["columns", "statuses", "date_orders", "reasons", "version", "format", "extra"])
MAPPING_LIKE = st.builds(
    lambda sections: {"format": "applytics-mapping", **sections},
    st.dictionaries(SECTION_NAMES, JSON_VALUES | st.dictionaries(st.text(max_size=6), JSON_VALUES, max_size=3)),
)
DOCUMENTS = st.one_of(
    st.builds(json.dumps, MAPPING_LIKE),
    st.builds(json.dumps, JSON_VALUES),
    st.builds(lambda doc, cut: doc[:cut], st.builds(json.dumps, MAPPING_LIKE), st.integers(0, 200)),  # cut short
    st.builds(  # nested brackets of any depth, around or after arbitrary text
        lambda opener, depth, middle, close: opener * depth + middle + ("]" if opener == "[" else "}") * close,
        st.sampled_from(["[", "{", '{"a":', '[{"b":', '{"format":"applytics-mapping","statuses":']),
        st.integers(0, 30_000),
        st.text(max_size=10),
        st.integers(0, 30_000),
    ),
    st.text(max_size=200),
)


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "latin-1"])
FILES = st.one_of(
    DOCUMENTS,  # as text, as the app's own "corrections" round trip passes it
    st.builds(lambda document, encoding: document.encode(encoding, "replace"), DOCUMENTS, ENCODINGS),
    st.binary(max_size=600),
)


@settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=FILES)
def test_any_json_ish_file_is_read_or_refused_as_an_import_problem(data: str | bytes) -> None:
    try:
        read = Corrections.from_json(data, "mapping.json")
    except ImportProblem as found:
        assert "mapping.json" in found.what
        assert len(found.message) < 1_000
    else:
        assert isinstance(read, Corrections)
        assert Corrections.from_json(read.to_json()) == read  # what was read can be saved and read back
