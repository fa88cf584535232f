"""export: the SankeyMATIC text of the Overview's flow, and spreadsheet cells that cannot run as formulas.

Why: issue #4 asks for SankeyMATIC lines like `Applied [120] No response` that paste straight into
sankeymatic.com and balance (what flows into a stage flows out of it); exports carry the user's own text,
so a cell starting with =, +, -, @, tab or CR must be neutralised (OWASP CSV injection) before a
spreadsheet opens it.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from applytics.analytics.metrics import sankey_links
from applytics.present.export import node_name, safe_cell, safe_frame, sankeymatic_text
from applytics.schema import OUTCOME_LABELS, OUTCOMES, STAGE_LABELS, STAGES

LINE = re.compile(r"^(?P<source>.+) \[(?P<count>\d+)\] (?P<target>.+)$")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\x00")


def resolved(stage_outcomes: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "furthest_stage": pd.Categorical([s for s, _ in stage_outcomes], categories=STAGES, ordered=True),
            "outcome": pd.Series([o for _, o in stage_outcomes], dtype=object),
        }
    )


# 17 applications: at applied 5 ghosted, 3 rejected, 2 pending; at screen 2 rejected, 1 still active;
# at interview 1 rejected; at offer 2 accepted, 1 declined.
FLOW = (
    [("applied", "ghosted")] * 5
    + [("applied", "rejected")] * 3
    + [("applied", "pending")] * 2
    + [("screen", "rejected")] * 2
    + [("screen", "active")]
    + [("interview", "rejected")]
    + [("offer", "accepted")] * 2
    + [("offer", "declined")]
)


def test_node_names_are_the_display_labels() -> None:
    assert node_name("applied") == "Applied"
    assert node_name("outcome:ghosted") == "No response"
    assert node_name("outcome:declined") == "Offer declined"
    assert {node_name(s) for s in STAGES} == set(STAGE_LABELS.values())
    assert {node_name(f"outcome:{o}") for o in OUTCOMES} == set(OUTCOME_LABELS.values())


def test_sankeymatic_lines_by_hand() -> None:
    text = sankeymatic_text(sankey_links(resolved(FLOW)))
    # onward from applied: 3 at screen + 1 at interview + 3 at offer = 7; from screen 1 + 3 = 4; from interview 3
    assert text.splitlines() == [
        "Applied [7] Screen",
        "Applied [5] No response",
        "Applied [3] Rejected",
        "Applied [2] Awaiting reply",
        "Screen [4] Interview",
        "Screen [2] Rejected",
        "Screen [1] In progress",
        "Interview [3] Offer",
        "Interview [1] Rejected",
        "Offer [2] Offer accepted",
        "Offer [1] Offer declined",
    ]


def test_sankeymatic_totals_balance() -> None:
    lines = [LINE.match(line).groupdict() for line in sankeymatic_text(sankey_links(resolved(FLOW))).splitlines()]
    out_of: dict[str, int] = {}
    into: dict[str, int] = {}
    for line in lines:
        out_of[line["source"]] = out_of.get(line["source"], 0) + int(line["count"])
        into[line["target"]] = into.get(line["target"], 0) + int(line["count"])
    # everything starts at Applied: 7 + 5 + 3 + 2 = 17 applications
    assert out_of["Applied"] == 17
    # each stage passes on what it received: Screen 7 = 4 + 2 + 1, Interview 4 = 3 + 1, Offer 3 = 2 + 1
    assert (into["Screen"], out_of["Screen"]) == (7, 7)
    assert (into["Interview"], out_of["Interview"]) == (4, 4)
    assert (into["Offer"], out_of["Offer"]) == (3, 3)
    # outcomes gather from several stages: Rejected 3 + 2 + 1 = 6
    assert into["Rejected"] == 6


def test_sankeymatic_of_nothing_is_empty() -> None:
    assert sankeymatic_text(sankey_links(resolved([]))) == ""


def test_sankeymatic_of_applications_that_all_sit_at_applied() -> None:
    assert sankeymatic_text(sankey_links(resolved([("applied", "ghosted")] * 120))) == "Applied [120] No response"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(STAGES), st.sampled_from(OUTCOMES)), max_size=40))
def test_sankeymatic_lines_parse_and_balance(flow: list[tuple[str, str]]) -> None:
    text = sankeymatic_text(sankey_links(resolved(flow)))
    lines = [LINE.match(line) for line in text.splitlines()]
    assert all(lines)
    out_of: dict[str, int] = {}
    into: dict[str, int] = {}
    for line in lines:
        assert int(line["count"]) > 0
        out_of[line["source"]] = out_of.get(line["source"], 0) + int(line["count"])
        into[line["target"]] = into.get(line["target"], 0) + int(line["count"])
    assert out_of.get("Applied", 0) == len(flow)
    for stage in ("Screen", "Interview", "Offer"):
        assert into.get(stage, 0) == out_of.get(stage, 0)


# ---------------------------------------------------------------- formula injection


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "' =1"),  # the tab becomes a space; the formula behind it is still guarded
        ("  =1", "'  =1"),  # a CSV import that trims leading spaces would find it
        ("\r=1", " ↵ =1"),  # the line break is shown, so the formula no longer starts a cell or a row
        ("Acme\r=1+1", "Acme ↵ =1+1"),  # the hostile tester's cell: 13 rows became 37 in a CSV reader
        ("first line\r\nsecond", "first line ↵ second"),  # CRLF is one break
        ("a\u2028b\x85c", "a ↵ b ↵ c"),  # Unicode line and next-line separators
        ("\x1b]0;title\x07", "␛]0;title␇"),  # terminal escapes shown as their pictures
        ("nul\x00", "nul␀"),
        ("del\x7f c1\x9b", "del␡ c1\ufffd"),
        ("Acme", "Acme"),
        ("Café – Zürich 東京", "Café – Zürich 東京"),
        ("", ""),
        ("'=already safe", "'=already safe"),
        ("a=b", "a=b"),
        (-5, -5),  # a number is not text a spreadsheet would evaluate
        (3.5, 3.5),
        (None, None),
    ],
)
def test_safe_cell(value: object, expected: object) -> None:
    assert safe_cell(value) == expected


def _is_control(character: str) -> bool:
    return unicodedata.category(character) == "Cc" or character in "\u2028\u2029"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_safe_cell_never_leaves_a_formula_start_or_a_control_character(text: str) -> None:
    out = safe_cell(text)
    assert isinstance(out, str)
    assert out.startswith("'") or not out.lstrip(" ").startswith(FORMULA_START)
    assert not any(_is_control(c) for c in out)
    # nothing the user typed is lost: every visible character is still there, in order
    kept = iter(out)
    assert all(c in kept for c in text if not _is_control(c))
    if text.isprintable() and not text.lstrip(" ").startswith(FORMULA_START):
        assert out == text  # harmless text is left exactly as typed


CELL_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(CELL_TEXT, CELL_TEXT), min_size=1, max_size=15))
def test_an_exported_csv_reads_back_with_one_row_per_row_and_no_formula(rows: list[tuple[str, str]]) -> None:
    frame = pd.DataFrame(rows, columns=["Company", "Notes"])
    text = safe_frame(frame).to_csv(index=False)
    with_csv = list(csv.reader(io.StringIO(text, newline="")))
    with_pandas = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert len(with_csv) == len(rows) + 1 and len(with_pandas) == len(rows)
    for cell in [c for row in with_csv[1:] for c in row] + with_pandas.to_numpy().ravel().tolist():
        assert cell.startswith("'") or not cell.lstrip(" ").startswith(FORMULA_START), cell
    # a writer that does not quote at all (as some browser-side exporters do) still cannot start a row
    naive = "\n".join(",".join(str(c) for c in row) for row in safe_frame(frame).itertuples(index=False))
    assert len(naive.splitlines()) == len(rows)


def test_safe_frame_neutralises_cells_and_headers_and_leaves_the_input_alone() -> None:
    frame = pd.DataFrame(
        {"Company": ["Acme", "=cmd|'/C calc'!A0", "@Bob"], "=Total": [1, -2, 3], "Notes": [None, "-x", "ok"]}
    )
    safe = safe_frame(frame)
    assert list(safe.columns) == ["Company", "'=Total", "Notes"]
    assert safe["Company"].tolist() == ["Acme", "'=cmd|'/C calc'!A0", "'@Bob"]
    assert safe["'=Total"].tolist() == [1, -2, 3]
    assert pd.isna(safe["Notes"][0])  # a blank cell stays blank
    assert safe["Notes"].tolist()[1:] == ["'-x", "ok"]
    # the original is untouched
    assert list(frame.columns) == ["Company", "=Total", "Notes"]
    assert frame["Company"].tolist()[1] == "=cmd|'/C calc'!A0"
