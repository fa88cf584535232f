"""share/redact: what a share link stores hides what the owner chose, and nothing the dashboard needs.

Why: a mentor opening a shared dashboard must see the same figures as the seeker, but not the employers' names,
the notes, the links, the contacts or the days, unless the seeker kept them. The expected frames below are worked
out by hand from conftest.HAND_CSV (the Mondays are listed there); a property test checks that no company name,
whatever it is, survives in the stored bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from share_data import ORIGINAL_SECRETS, PARAMS, hand_resolved

from applytics.analytics.metrics import funnel, kpis, outcome_counts
from applytics.analytics.reasons import reason_pareto, rejections, rejections_by_stage
from applytics.intake import normalize
from applytics.schema import COLUMNS
from applytics.share.redact import (
    CHANNELS,
    CONTACT_REMOVED,
    LINK_REMOVED,
    Redaction,
    Snapshot,
    preview,
    pseudonyms,
    redact,
    week_of,
)
from applytics.share.snapshot import TEXT_CATEGORIES, ShareProblem

KEEP_ALL = Redaction(
    number_companies=False, keep_notes=True, keep_links=True, keep_contacts=True, keep_reasons=True, weekly_dates=False
)
D = pd.Timestamp


def cells(column: pd.Series) -> list[object]:
    """The values as a list, a missing one as None whatever the dtype writes for it."""
    return [None if pd.isna(v) else v for v in column]


# ---------------------------------------------------------------- the defaults, row by row


def test_the_default_redaction_numbers_companies_drops_free_text_and_rounds_dates_to_mondays(resolved):
    frame = redact(resolved, Redaction(), PARAMS).frame
    assert frame["company"].tolist() == ["Company 1", "Company 2", "Company 1", "Company 3"]
    assert frame["applied_on"].tolist() == [D("2026-08-31"), D("2026-08-31"), D("2026-09-07"), D("2026-09-14")]
    assert frame["rejected_on"].tolist()[0] == D("2026-09-14")
    assert frame["last_activity_on"].tolist() == [D("2026-09-14"), D("2026-08-31"), D("2026-09-21"), D("2026-09-28")]
    for column in ("notes", "contact", "rejection_reason", "feedback_text"):
        assert frame[column].isna().all(), column
    # what the dashboard reads stays: roles, sources, stages, outcomes, and the reason's category
    assert frame["role"].tolist() == ["Data Analyst", "BI Analyst", "Analytics Engineer", "Data Scientist"]
    assert frame["source"].tolist() == ["LinkedIn", "Indeed", "Referral", "Company site"]
    assert frame["outcome"].tolist() == ["rejected", "ghosted", "active", "active"]
    assert frame["reason_category"].tolist()[0] == "experience gap"
    assert list(frame.columns) == list(resolved.columns)
    assert (frame.dtypes == resolved.dtypes).all()


def test_dates_round_down_to_the_monday_of_their_iso_week_keeping_their_dtype():
    days = pd.Series([D("2026-09-13"), D("2026-09-14"), D("2026-09-20 23:59"), pd.NaT]).astype("datetime64[us]")
    # Sunday 13 Sep belongs to the week of Monday 7 Sep; Monday 14 is its own Monday; Sunday 20 late is still 14
    assert week_of(days).tolist()[:3] == [D("2026-09-07"), D("2026-09-14"), D("2026-09-14")]
    assert week_of(days).isna().tolist() == [False, False, False, True]
    assert week_of(days).dtype == days.dtype


def test_companies_are_numbered_by_first_appearance_the_same_company_always_the_same_number():
    names = pd.Series(["Beta", "Acme Inc.", None, "ACME inc", "beta", "Gamma", "acme   inc."])
    assert pseudonyms(names) == {
        "Beta": "Company 1",
        "Acme Inc.": "Company 2",
        "ACME inc": "Company 2",
        "beta": "Company 1",
        "Gamma": "Company 3",
        "acme   inc.": "Company 2",
    }


@given(st.lists(st.sampled_from(["Acme", "ACME", "acme", "Borealis", "borealis ", "Cobalt", "Dunmore"]), max_size=30))
def test_numbering_is_stable_and_dense_for_any_order(names):
    numbers = pseudonyms(pd.Series(names, dtype=object))
    firsts = list(dict.fromkeys(n.strip().lower() for n in names))
    for name in names:
        assert numbers[name] == f"Company {firsts.index(name.strip().lower()) + 1}"


# ---------------------------------------------------------------- categories kept, and what kept text loses


def test_kept_notes_lose_company_names_and_links_but_keep_the_rest(resolved):
    frame = redact(resolved, Redaction(keep_notes=True), PARAMS).frame
    assert cells(frame["notes"]) == [
        "Met Jane Roe from Company 1 at a meetup",  # a person's name in a note cannot be told from other words
        None,
        "second Company 1 role",
        f"see {LINK_REMOVED} for it",
    ]
    assert frame["contact"].isna().all()


def test_kept_contacts_stay_as_written_and_dropped_ones_leave_no_address_in_kept_text(resolved):
    kept = redact(resolved, Redaction(keep_contacts=True), PARAMS).frame
    assert cells(kept["contact"]) == ["jane.roe@acme.example", None, "+44 20 7946 0958", None]
    noted = resolved.assign(notes=["write to jane.roe@acme.example", None, "call +44 20 7946 0958 at 9", None])
    frame = redact(noted, Redaction(keep_notes=True), PARAMS).frame
    assert cells(frame["notes"]) == [f"write to {CONTACT_REMOVED}", None, f"call {CONTACT_REMOVED} at 9", None]


def test_a_version_label_is_not_taken_for_a_link(resolved):
    versions = resolved.assign(resume_version=["CV v1.2/final", "CV 2.1/EN", None, "cv.pdf"])
    frame = redact(versions, Redaction(), PARAMS).frame
    assert cells(frame["resume_version"]) == ["CV v1.2/final", "CV 2.1/EN", None, "cv.pdf"]


def test_a_date_in_a_note_is_not_taken_for_a_phone_number(resolved):
    noted = resolved.assign(notes=["interview 2026-09-21 at 10", None, None, None])
    assert redact(noted, Redaction(keep_notes=True), PARAMS).frame["notes"][0] == "interview 2026-09-21 at 10"


def test_kept_reasons_keep_the_text_and_the_category_is_always_there(resolved):
    frame = redact(resolved, Redaction(keep_reasons=True), PARAMS).frame
    assert frame["rejection_reason"].tolist()[0] == "Went with a more experienced candidate"
    assert frame["reason_category"].tolist()[0] == "experience gap"


def test_a_breakdown_named_like_a_link_is_the_links_category(resolved):
    links = ["https://jobs.acme.example/1", None, "jobs.acme.example/2", None]
    with_links = resolved.assign(**{"segment: Job link": links, "segment: Team": ["Data", "BI", "Data", "Science"]})
    dropped = redact(with_links, Redaction(), PARAMS).frame
    assert "segment: Job link" not in dropped.columns and dropped["segment: Team"].tolist()[1] == "BI"
    kept = redact(with_links, Redaction(keep_links=True), PARAMS).frame
    assert cells(kept["segment: Job link"]) == links


def test_a_company_name_inside_any_kept_text_is_numbered_as_a_word_only(resolved):
    # as a word of its own, in any capitalisation and spacing; never inside a longer word
    roles = ["Analyst at ACME  ANALYTICS", "Borealis-team lead", "Borealisation expert", None]
    frame = redact(resolved.assign(role=roles), Redaction(), PARAMS).frame
    assert cells(frame["role"]) == ["Analyst at Company 1", "Company 2-team lead", "Borealisation expert", None]


def test_a_company_called_like_a_channel_leaves_the_channel_alone():
    resolved = hand_resolved()
    resolved.loc[1, "company"] = "Indeed"  # Borealis -> Indeed, applied through Indeed
    frame = redact(resolved, Redaction(), PARAMS).frame
    assert frame["company"].tolist()[1] == "Company 2" and frame["source"].tolist()[1] == "Indeed"


def test_a_one_letter_company_is_replaced_where_it_is_a_whole_cell_only(resolved):
    resolved = resolved.assign(company=["X", "Borealis", "X", "Cobalt Health"], role=["X", "X ray analyst", None, None])
    frame = redact(resolved, Redaction(), PARAMS).frame
    assert frame["company"].tolist()[:3] == ["Company 1", "Company 2", "Company 1"]
    assert frame["role"].tolist()[:2] == ["Company 1", "X ray analyst"]


def test_the_original_columns_and_unknown_ones_are_never_kept(resolved):
    raw = resolved.assign(**{"original: Company": resolved["company"], "scratch": 1})
    frame = redact(raw, KEEP_ALL, PARAMS).frame
    assert "original: Company" not in frame.columns and "scratch" not in frame.columns


def test_keeping_everything_stores_the_resolved_frame_itself(resolved):
    pd.testing.assert_frame_equal(redact(resolved, KEEP_ALL, PARAMS).frame, resolved.reset_index(drop=True))


def test_only_the_resolved_frame_can_be_shared(resolved):
    canonical = resolved.drop(columns=["responded", "mature"])
    with pytest.raises(ShareProblem, match="not the resolved applications frame"):
        redact(canonical, Redaction(), PARAMS)
    with pytest.raises(TypeError):
        redact(resolved.to_dict(), Redaction(), PARAMS)  # type: ignore[arg-type]


# ---------------------------------------------------------------- settings and filters


def test_settings_keep_the_as_of_date_and_window_and_redact_the_filters(resolved):
    filters = {"company": ["Borealis"], "from": dt.date(2026, 9, 3), "to": "2026-09-16", "source": "LinkedIn", "n": 3}
    snapshot = redact(resolved, Redaction(), PARAMS, filters)
    assert snapshot.settings == {
        "as_of": "2026-10-10",
        "ghost_after_days": 30,
        "filters": {"company": ["Company 2"], "from": "2026-08-31", "to": "2026-09-14", "source": "LinkedIn", "n": 3},
    }
    assert snapshot.params == PARAMS
    assert redact(resolved, Redaction(weekly_dates=False), PARAMS, {"to": "2026-09-16"}).filters == {"to": "2026-09-16"}


def test_filter_keys_are_the_apps_names_and_stay(resolved):
    # a company called like a filter key does not rename the key; its value is still numbered
    named = resolved.assign(company=["Source", "Borealis", "Source", "Cobalt Health"])
    assert redact(named, Redaction(), PARAMS, {"source": "Source"}).filters == {"source": "Company 1"}


@pytest.mark.parametrize("bad", [{"s": {1, 2}}, {"x": float("nan")}, {"deep": [[[[[[[[[[1]]]]]]]]]]}])
def test_filters_must_be_json_values(resolved, bad):
    with pytest.raises(ShareProblem):
        redact(resolved, Redaction(), PARAMS, bad)


# ---------------------------------------------------------------- the snapshot: preview, figures, bytes


def test_preview_is_exactly_the_frame_stored(resolved):
    for redaction in (Redaction(), Redaction(keep_notes=True, weekly_dates=False), KEEP_ALL):
        snapshot = redact(resolved, redaction, PARAMS)
        pd.testing.assert_frame_equal(preview(resolved, redaction), snapshot.frame)
        pd.testing.assert_frame_equal(Snapshot.from_bytes(snapshot.to_bytes()).frame, snapshot.frame)


def test_the_read_only_dashboard_computes_the_owners_figures(resolved):
    # outcomes were resolved on the exact dates before rounding, so counts and rates cannot move
    shared = redact(resolved, Redaction(), PARAMS)
    frame = shared.frame
    assert kpis(frame) == kpis(resolved)
    pd.testing.assert_frame_equal(funnel(frame), funnel(resolved))
    pd.testing.assert_frame_equal(outcome_counts(frame), outcome_counts(resolved))
    pd.testing.assert_frame_equal(reason_pareto(rejections(frame)), reason_pareto(rejections(resolved)))
    pd.testing.assert_frame_equal(rejections_by_stage(rejections(frame)), rejections_by_stage(rejections(resolved)))


def test_a_snapshot_is_made_by_redact_only(resolved):
    with pytest.raises(TypeError, match="redact"):
        Snapshot(b"{}")
    with pytest.raises(TypeError, match="redact"):
        Snapshot(redact(resolved, Redaction(), PARAMS).data, _key=object())


def test_nothing_of_the_originals_is_in_the_bytes_of_the_default_snapshot(resolved):
    data = redact(resolved, Redaction(), PARAMS, {"company": "Borealis"}).to_bytes()
    text = data.decode("utf-8")
    for secret in ORIGINAL_SECRETS:
        assert secret.lower() not in text.lower(), secret


def test_a_snapshot_too_big_to_share_is_refused_with_a_reason(resolved, monkeypatch):
    from applytics.share import snapshot as module

    monkeypatch.setattr(module, "MAX_SNAPSHOT_BYTES", 2_000)
    with pytest.raises(ShareProblem, match=r"too big to share.*Drop the notes"):
        redact(resolved, KEEP_ALL, PARAMS)


def test_the_channel_labels_are_the_ones_intake_gives():
    assert {label for _, label in normalize._SOURCE_RULES} == CHANNELS


def test_every_text_category_names_a_redaction_choice():
    assert [c.key for c in TEXT_CATEGORIES] == ["notes", "links", "contacts", "reasons"]
    assert all(isinstance(Redaction().keeps(c.key), bool) for c in TEXT_CATEGORIES)
    assert {c.name for c in COLUMNS} >= {col for c in TEXT_CATEGORIES for col in c.columns}


# ---------------------------------------------------------------- any company name, never in the stored bytes

# Names in scripts the rest of the test frame never uses (it is all ASCII), with spaces and punctuation inside,
# so whatever hypothesis finds, a hit in the bytes can only be a leak.
_LETTERS = st.characters(whitelist_categories=("Lu", "Ll", "Lo"), min_codepoint=0x370, max_codepoint=0x4FF)
_NAME = st.builds(
    lambda first, middle, last: first + middle + last,
    _LETTERS,
    st.text(alphabet=st.one_of(_LETTERS, st.sampled_from(" .&'-")), max_size=12),
    _LETTERS,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(_NAME, min_size=4, max_size=4), joiners=st.lists(st.sampled_from([" ", ", ", "; ", "\n", " & "])))
def test_no_company_name_survives_in_the_stored_bytes(resolved, names, joiners):
    words = [*names, "Data", "call", *reversed(names)]
    note = "".join(word + (joiners[i % len(joiners)] if joiners else " ") for i, word in enumerate(words))
    dirty = resolved.assign(
        company=names,
        notes=[note, note.upper(), None, names[0]],
        role=[f"Analyst at {n}" for n in names],
        status_raw=[f"{n} said no" for n in names],
    )
    snapshot = redact(dirty, Redaction(keep_notes=True), PARAMS, {"company": names[:2]})
    text = snapshot.to_bytes().decode("utf-8")
    assert re.fullmatch(r"[\x00-\x7f]*", text), "every name was replaced: only the ASCII of the frame is left"
    for name in names:
        assert name not in text and name.lower() not in text.lower()
    numbers = snapshot.frame["company"].tolist()
    assert numbers == [pseudonyms(pd.Series(names))[n] for n in names]
    assert json.loads(text)["settings"]["filters"]["company"] == numbers[:2]
