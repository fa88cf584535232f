"""text: the folding every header, status and source match goes through.

Why: 'Entreprise ', 'ENTREPRISE' and 'entreprise' must meet in one key, or a French
tracker loses its company column; and "n/a" must read as empty, not as a company.
"""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from applytics.text import clean_text, fold, is_missing

FOLDED = re.compile(r"^(?:[^\W_]+(?: [^\W_]+)*)?$")  # letters and digits of any script, single spaces


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Entreprise ", "entreprise"),
        ("ENTREPRISE", "entreprise"),
        ("Intitulé du poste", "intitule du poste"),
        ("Companies Name", "companies name"),
        ("Date ", "date"),
        ("  Job-Title  ", "job title"),
        ("job_title", "job title"),
        ("HR/ Recruiter Call", "hr recruiter call"),
        ("Follow-up-1(24hrs)", "follow up 1 24hrs"),
        ("Nom de l'entreprise", "nom de l entreprise"),
        ("Who Applied?", "who applied"),
        ("Vorstellungsgespräch", "vorstellungsgesprach"),
        ("Straße", "strasse"),  # ß has no accent to drop: it is spelled out
        ("Compañía", "compania"),
        ("ÉTAT", "etat"),
        ("Refusée", "refusee"),
        ("WFH/WFO", "wfh wfo"),
        (None, ""),
        (42, "42"),
        ("", ""),
        ("  --  ", ""),
        ("申请日期", "申请日期"),  # Simplified Chinese is kept, not dropped as punctuation
        ("Offer拒绝", "offer拒绝"),
        ("一面 / 二面", "一面 二面"),
        ("×", ""),  # a symbol, not a word
    ],
)
def test_fold_examples(raw: object, expected: str) -> None:
    assert fold(raw) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_fold_is_idempotent_and_plain(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    # only lower-case words separated by single spaces, nothing at the edges
    assert FOLDED.match(once), once
    assert once == once.lower()


LATIN = "abcdefghijklmnopqrstuvwxyzéèêëàâçñüöäïôß -_/'.()"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=LATIN, max_size=40))
def test_fold_ignores_case_for_latin_text(text: str) -> None:
    assert fold(text.upper()) == fold(text) == fold(text.title())


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12), st.sampled_from(" -_/.'"))
def test_fold_treats_punctuation_as_a_space(word: str, separator: str) -> None:
    assert fold(f"{word}{separator}{word}") == f"{word} {word}"


@pytest.mark.parametrize(
    "value",
    [None, float("nan"), "", "   ", "N/A", "n/a", "NA", "-", "--", "?", "TBD", "null", "None", "nan", "NaT", "nil"],
)
def test_is_missing_for_blank_cells_and_placeholder_words(value: object) -> None:
    assert is_missing(value)


@pytest.mark.parametrize("value", ["Acme", "0", "No", "Nan Inc.", 0, 0.0, False, 45000.0, "N/A Corp"])
def test_is_missing_keeps_real_values(value: object) -> None:
    assert not is_missing(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("  Acme   Corp \n", "Acme Corp"),
        ("Société\tGénérale", "Société Générale"),
        (45000.0, "45000"),  # a whole float from a spreadsheet shows without ".0"
        (3.5, "3.5"),
        (7, "7"),
        ("n/a", None),
        (None, None),
        (math.nan, None),
        ("", None),
    ],
)
def test_clean_text(value: object, expected: str | None) -> None:
    assert clean_text(value) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_clean_text_is_none_exactly_when_missing(text: str) -> None:
    cleaned = clean_text(text)
    assert (cleaned is None) == is_missing(text)
    if cleaned is not None:
        assert cleaned == cleaned.strip()
        assert "  " not in cleaned


def _fold_the_long_way(text: str) -> str:
    """fold without its ASCII shortcut: NFKD, combining marks dropped, lower case, again, ß as ss, non-words as one
    space (the definition, written out independently)."""
    import unicodedata

    def strip(t: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))

    return re.sub(r"[\W_]+", " ", strip(strip(text).lower()).replace("ß", "ss")).strip()


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_fold_of_ascii_text_is_the_long_way_round(text: str) -> None:
    assert fold(text) == _fold_the_long_way(text)
