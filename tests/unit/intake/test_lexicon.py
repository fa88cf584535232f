"""lexicon: the vocabulary as data, one table per language, checked for what the engine can read.

Why: issue #8 — languages are data. A new word is one line in its language's table; these tests make sure
such a line is well formed (folded like the headers it matches, a regular expression that compiles, a field or
meaning the engine knows), so a typo in a table fails here instead of silently matching nothing.
"""

from __future__ import annotations

import re

import pytest

from applytics.intake import lexicon
from applytics.intake.detect import FIELD_ALIASES, STAGE_COLUMN_KINDS, stage_kind
from applytics.intake.vocabulary import CATEGORIES, classify_reason, classify_status
from applytics.schema import FIELD_LABELS
from applytics.text import fold

STATUS_MEANINGS = {
    "not_application", "declined_invitation", "declined_offer", "withdrawn_by_me", "not_selected", "accepted",
    "withdrawn", "ghosted", "closed", "rejected", "offer", "offer_named", "inbound", "interview", "assessment",
    "screen", "applied",
}  # fmt: skip
TABLES = {"HEADERS", "STATUS", "STAGE_HEADERS", "REASONS", "YES", "NO", "NEGATION"}
MODULES = [pytest.param(language, id=language.__name__.rsplit(".", 1)[-1]) for language in lexicon.LANGUAGES]


@pytest.mark.parametrize("language", MODULES)
def test_each_language_holds_only_tables_the_engine_reads(language) -> None:
    tables = {name for name in vars(language) if name.isupper()}
    assert tables <= TABLES
    assert set(getattr(language, "HEADERS", {})) <= set(FIELD_LABELS)
    assert set(getattr(language, "STATUS", {})) <= STATUS_MEANINGS
    assert set(getattr(language, "STAGE_HEADERS", {})) <= set(STAGE_COLUMN_KINDS)
    assert set(getattr(language, "REASONS", {})) <= set(CATEGORIES)


@pytest.mark.parametrize("language", MODULES)
def test_every_entry_is_a_tuple_of_strings(language) -> None:
    """("rejected") is a string, not a one-word tuple: iterating it would match single letters."""
    for table in ("HEADERS", "STATUS", "STAGE_HEADERS", "REASONS"):
        for key, entries in getattr(language, table, {}).items():
            assert isinstance(entries, tuple), f"{table}[{key!r}] is a {type(entries).__name__}"
            assert all(isinstance(e, str) and not (len(e) == 1 and e.isascii()) for e in entries), f"{table}[{key!r}]"
    for table in ("YES", "NO", "NEGATION"):
        assert isinstance(getattr(language, table, ()), tuple), table


@pytest.mark.parametrize("language", MODULES)
def test_header_aliases_are_written_folded(language) -> None:
    for field, aliases in getattr(language, "HEADERS", {}).items():
        for alias in aliases:
            assert fold(alias) == alias, f"{field}: {alias!r} should be written as {fold(alias)!r}"


@pytest.mark.parametrize("language", MODULES)
def test_every_fragment_compiles(language) -> None:
    for table in ("STATUS", "STAGE_HEADERS", "REASONS"):
        for key, fragments in getattr(language, table, {}).items():
            for fragment in fragments:
                re.compile(fragment)  # raises on a broken fragment, naming it in the traceback
                assert fragment, f"{table}[{key}] holds an empty fragment, which would match everything"


def test_every_language_reaches_the_engine() -> None:
    """One word of each language's tables, read through the engine that composes them."""
    assert FIELD_ALIASES["company"][:2] == ("company", "company name")  # English first
    assert {"entreprise", "empresa", "unternehmen", "azienda", "bedrijf", "公司"} <= set(FIELD_ALIASES["company"])
    assert [classify_status(w).outcome for w in ("Refusé", "Rechazado", "Absage", "Rejeitado", "Rifiutato")] == [
        "rejected"
    ] * 5
    assert [classify_status(w).outcome for w in ("Afgewezen", "感谢信")] == ["rejected", "rejected"]
    assert stage_kind("Entretien") == stage_kind("Colloquio") == stage_kind("一面") == "interview"
    assert classify_reason("Profil pas assez d'expérience") == "experience gap"
    assert classify_reason("Interner Kandidat") == "internal candidate"  # a cross-language phrasing: common
