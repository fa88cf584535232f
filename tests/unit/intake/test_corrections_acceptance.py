"""Corrections end to end (issue 3): fixed once on the Data page, saved as JSON, applied to the next version.

Why: a job seeker corrects a mis-detected column, a status word or a date order once; the saved mapping
must give the same corrected figures on next week's version of the same tracker with no further
correction, in the app and in `applytics summary --mapping`. A mapping file is untrusted input: anything
off is refused with a message naming the entry.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from builders import csv_bytes

from applytics.analytics.metrics import MetricParams, kpis, resolve_outcomes
from applytics.cli import main
from applytics.errors import ImportProblem
from applytics.intake.corrections import Corrections
from applytics.intake.pipeline import ImportResult, import_tracker

T = pd.Timestamp


def by_company(result: ImportResult) -> dict[str, dict[str, object]]:
    return {row["company"]: row for row in result.normalized.apps.to_dict("records")}


# ---------------------------------------------------------------- JSON file: round trip and refusals


def test_json_round_trip_keeps_every_kind_of_correction() -> None:
    fixes = (
        Corrections()
        .with_column("Boîte", "company")
        .with_column("Humeur", "segment")
        .with_column("Notes perso", "ignore")
        .with_column("Chat with Sam", "stage:screen")
        .with_status("Pending", "screen", "active")
        .with_status("Considering", "—", "not an application")
        .with_date_order("Date", "dmy")
        .with_reason("trop junior", "experience gap")
    )
    text = fixes.to_json()
    payload = json.loads(text)
    assert payload["format"] == "applytics-mapping"
    assert payload["statuses"]["Pending"] == {"stage": "screen", "outcome": "active"}
    assert "Boîte" in text  # written as typed, not \u-escaped
    assert Corrections.from_json(text) == fixes
    assert Corrections.from_json(text.encode("utf-8")) == fixes


BASE = {"format": "applytics-mapping", "version": 1}


@pytest.mark.parametrize(
    ("payload", "named"),
    [
        ("{not json", ["not valid JSON"]),
        (b"\xff\xfe\x00garbage", ["not valid JSON"]),
        (json.dumps({"format": "something-else", "columns": {}}), ["not an Applytics mapping file"]),
        (json.dumps([BASE]), ["not an Applytics mapping file"]),
        (json.dumps({**BASE, "columns": {"Boîte": "employer"}}), ["“Boîte”", "“employer”"]),
        (json.dumps({**BASE, "statuses": {"Pending": {"stage": "final round", "outcome": "active"}}}), ["“Pending”"]),
        (
            json.dumps({**BASE, "statuses": {"Pending": {"stage": "screen", "outcome": "maybe"}}}),
            ["“Pending”", "maybe"],
        ),
        (json.dumps({**BASE, "statuses": {"Pending": "screen"}}), ["“Pending”"]),
        (json.dumps({**BASE, "date_orders": {"Date": "dd/mm"}}), ["“Date”", "“dd/mm”"]),
    ],
    ids=[
        "not-json",
        "not-utf8",
        "wrong-format",
        "not-an-object",
        "unknown-field",
        "bad-stage",
        "bad-outcome",
        "status-not-an-object",
        "bad-date-order",
    ],
)
def test_from_json_refuses_a_bad_file_naming_the_entry(payload: str | bytes, named: list[str]) -> None:
    with pytest.raises(ImportProblem) as caught:
        Corrections.from_json(payload, "mapping.json")
    message = caught.value.message
    assert "mapping.json" in message
    for text in named:
        assert text in message


def test_from_json_refuses_a_misspelled_section_instead_of_dropping_it() -> None:
    # from_json: "anything off is an ImportProblem that says which entry and why". A hand-edited file with
    # "colums" would otherwise load as no corrections at all, and the user would believe they were applied.
    payload = json.dumps({**BASE, "colums": {"Boîte": "company"}})
    with pytest.raises(ImportProblem) as caught:
        Corrections.from_json(payload, "mapping.json")
    assert "colums" in caught.value.message


# ---------------------------------------------------------------- applying corrections to a real file

HEADER = ["Boîte", "Poste", "Date", "Statut", "Chat with Sam", "Humeur", "Notes perso"]
# A French-speaking seeker's tracker. Every date is day/month with both numbers <= 12, so nothing in the
# values settles the order and detection guesses month/day ("/" separators). "Boîte" (slang for company)
# is no known header; "Chat with Sam" (a screening call) names no stage; "Pending" here means "HR is
# looking at it after a first call"; "Considering" is a posting not applied to yet.
V1 = [
    HEADER,
    ["Acme", "Analyste", "03/04/2026", "Envoyée", None, "good", "relancer"],  # row 2
    ["Borealis", "Analyste", "05/04/2026", "Refusée", "07/04/2026", "meh", None],  # row 3
    ["Cobalt", "Analyste", "06/04/2026", "Idea", None, None, "later"],  # row 4
    ["Dunmore", "Analyste", "08/04/2026", "Considering", None, "good", None],  # row 5
    ["Eastgate", "Analyste", "09/04/2026", "Entretien", "10/04/2026", "great", None],  # row 6
    ["Fernhill", "Data Analyst", "01/04/2026", "Pending", "02/04/2026", "good", None],  # row 7
]
# Next week's version: the same headers, three more rows.
V2 = [
    *V1,
    ["Glenrock", "Analyste", "11/04/2026", "Pending", "12/04/2026", "meh", None],  # row 8
    ["Harlow", "Analyste", "12/04/2026", "Considering", None, None, None],  # row 9
    ["Ivers", "Analyste", "02/05/2026", "Refusée", None, "good", "no reason given"],  # row 10
]
FIXES = (
    Corrections()
    .with_column("Boîte", "company")
    .with_column("Humeur", "segment")
    .with_column("Notes perso", "ignore")
    .with_column("Chat with Sam", "stage:screen")
    .with_status("Pending", "screen", "active")
    .with_status("Considering", "—", "not an application")
    .with_date_order("Date", "dmy")
    .with_date_order("Chat with Sam", "dmy")
)
AS_OF = dt.date(2026, 5, 5)


def test_as_detected_the_file_needs_the_corrections() -> None:
    result = import_tracker(csv_bytes(V1), "search.csv")
    assert "company" not in result.mapping.columns  # "Boîte" was not recognised
    assert result.normalized.apps["company"].isna().all()
    assert result.mapping.stages == ()  # "Chat with Sam" is not seen as a stage
    assert any("“Date” read as month/day/year" in d and "guess" in d for d in result.decisions)
    apps = result.normalized.apps.set_index("row")
    assert apps.loc[2, "applied_on"] == T("2026-03-04")  # "03/04/2026" taken as 4 March
    assert apps.loc[7, "outcome"] == "active" and str(apps.loc[7, "furthest_stage"]) == "applied"  # Pending
    assert list(result.normalized.quality.unknown_statuses["value"]) == ["Considering"]
    assert len(result.normalized.apps) == 5  # Cobalt ("Idea") left out; Considering still counted


def test_a_column_is_reassigned_to_company() -> None:
    result = import_tracker(csv_bytes(V1), "search.csv", corrections=Corrections().with_column("Boîte", "company"))
    assert result.mapping.columns["company"] == "Boîte"
    assert list(result.normalized.apps["company"]) == ["Acme", "Borealis", "Dunmore", "Eastgate", "Fernhill"]
    assert any("Your corrections were applied: 1 column(s)" in d for d in result.decisions)


def test_a_column_kept_as_a_segment_appears_in_the_applications() -> None:
    fixes = Corrections().with_column("Boîte", "company").with_column("Humeur", "segment")
    result = import_tracker(csv_bytes(V1), "search.csv", corrections=fixes)
    assert result.mapping.segments == ("Humeur",)
    moods = {c: a["segment: Humeur"] for c, a in by_company(result).items()}
    assert moods == {"Acme": "good", "Borealis": "meh", "Dunmore": "good", "Eastgate": "great", "Fernhill": "good"}


def test_an_ignored_column_is_no_longer_used_but_kept_in_raw() -> None:
    fixes = Corrections().with_column("Boîte", "company").with_column("Notes perso", "ignore")
    result = import_tracker(csv_bytes(V1), "search.csv", corrections=fixes)
    assert "notes" not in result.mapping.columns
    assert result.normalized.apps["notes"].isna().all()  # Acme's "relancer" is no longer a note
    assert "Notes perso" in result.normalized.raw.columns  # ... but what the user typed is kept
    assert result.normalized.raw["Notes perso"].iloc[0] == "relancer"


def test_a_column_turned_into_a_stage_column() -> None:
    fixes = Corrections().with_column("Boîte", "company").with_column("Chat with Sam", "stage:screen")
    fixes = fixes.with_date_order("Date", "dmy").with_date_order("Chat with Sam", "dmy")
    result = import_tracker(csv_bytes(V1), "search.csv", corrections=fixes)
    assert result.mapping.shape == "B"  # a status list with a stage-date column
    assert [(s.header, s.kind, s.cells) for s in result.mapping.stages] == [("Chat with Sam", "screen", "dates")]
    apps = by_company(result)
    # Borealis: Refusée after a chat on 7 Apr -> screen, rejected; Eastgate: Entretien -> interview (furthest wins)
    assert (str(apps["Borealis"]["furthest_stage"]), apps["Borealis"]["outcome"]) == ("screen", "rejected")
    assert apps["Borealis"]["screen_on"] == T("2026-04-07")
    assert apps["Borealis"]["first_response_on"] == T("2026-04-07")
    assert str(apps["Eastgate"]["furthest_stage"]) == "interview"
    assert str(apps["Acme"]["furthest_stage"]) == "applied"  # no chat date


def test_status_word_overrides() -> None:
    fixes = Corrections().with_column("Boîte", "company").with_status("Pending", "screen", "active")
    fixes = fixes.with_status("Considering", "—", "not an application").with_status("Idea", "—", "not an application")
    result = import_tracker(csv_bytes(V1), "search.csv", corrections=fixes)
    apps = by_company(result)
    assert (str(apps["Fernhill"]["furthest_stage"]), apps["Fernhill"]["outcome"]) == ("screen", "active")
    assert set(apps) == {"Acme", "Borealis", "Eastgate", "Fernhill"}  # Cobalt (Idea) and Dunmore (Considering) out
    skipped = result.normalized.quality.skipped.set_index("row")["reason"]
    assert skipped.to_dict() == {
        4: "not sent yet (wishlist / saved / diary entry)",
        5: "not sent yet (wishlist / saved / diary entry)",
    }
    how = dict(zip(result.normalized.statuses["value"], result.normalized.statuses["how"], strict=True))
    assert how["Pending"] == "your correction"
    assert result.normalized.quality.unknown_statuses.empty  # "Considering" is no longer an unknown word


@pytest.mark.parametrize(
    ("cells", "detected", "corrected", "order"),
    [
        # "/" with every number <= 12: guessed month/day; the user says day/month
        (["03/04/2026", "05/06/2026"], [T("2026-03-04"), T("2026-05-06")], [T("2026-04-03"), T("2026-06-05")], "dmy"),
        # "-" with every number <= 12: guessed day/month; the user says month/day
        (["03-04-2026", "05-06-2026"], [T("2026-04-03"), T("2026-06-05")], [T("2026-03-04"), T("2026-05-06")], "mdy"),
    ],
    ids=["mdy-to-dmy", "dmy-to-mdy"],
)
def test_a_date_order_override_changes_the_parsed_dates(cells, detected, corrected, order) -> None:
    rows = [["Company", "Role", "Date Applied", "Status"]] + [["Acme", "Analyst", c, "Applied"] for c in cells]
    rows[2][0] = "Borealis"
    data = csv_bytes(rows)
    assert list(import_tracker(data, "t.csv").normalized.apps["applied_on"]) == detected
    fixed = import_tracker(data, "t.csv", corrections=Corrections().with_date_order("Date Applied", order))
    assert list(fixed.normalized.apps["applied_on"]) == corrected
    label = "day/month/year" if order == "dmy" else "month/day/year"
    assert f"“Date Applied” read as {label} (your choice)." in fixed.decisions


def test_a_saved_mapping_mentioning_a_missing_column_is_reported() -> None:
    result = import_tracker(csv_bytes(V1), "search.csv", corrections=Corrections().with_column("Employer", "company"))
    assert "Your saved mapping mentions column “Employer”, which this file does not have." in result.decisions


# ---------------------------------------------------------------- acceptance: next version, no more correcting

# V2 corrected, row by row (dates day/month):
#   Acme      3 Apr  Envoyée               -> applied; silent since 3 Apr: 32 days on 5 May -> ghosted
#   Borealis  5 Apr  Refusée, chat 7 Apr    -> screen, rejected
#   Cobalt           Idea                  -> left out (vocabulary)
#   Dunmore          Considering           -> left out (your correction)
#   Eastgate  9 Apr  Entretien, chat 10 Apr -> interview; last activity 10 Apr, 25 days -> still active
#   Fernhill  1 Apr  Pending, chat 2 Apr    -> screen (your correction); 33 silent days -> ghosted
#   Glenrock 11 Apr  Pending, chat 12 Apr   -> screen; 23 days -> active
#   Harlow           Considering           -> left out
#   Ivers     2 May  Refusée               -> applied, rejected
# 6 applications, all outbound, none pending. Replied: all but Acme = 5 of 6. Screen or beyond: Borealis,
# Eastgate, Fernhill, Glenrock = 4 of 6. Interview: Eastgate = 1 of 6. Ghosted: Acme, Fernhill = 2 of 6.
V2_EXPECTED = {
    "Acme": ("applied", "ghosted", T("2026-04-03")),
    "Borealis": ("screen", "rejected", T("2026-04-05")),
    "Eastgate": ("interview", "active", T("2026-04-09")),
    "Fernhill": ("screen", "ghosted", T("2026-04-01")),
    "Glenrock": ("screen", "active", T("2026-04-11")),
    "Ivers": ("applied", "rejected", T("2026-05-02")),
}


def test_saved_corrections_give_the_corrected_figures_on_the_next_version(tmp_path: Path) -> None:
    # v1: detect, correct, save the mapping file
    first = import_tracker(csv_bytes(V1), "search_week1.csv", corrections=FIXES)
    assert set(by_company(first)) == {"Acme", "Borealis", "Eastgate", "Fernhill"}
    saved = tmp_path / "applytics-mapping.json"
    saved.write_text(FIXES.to_json(), encoding="utf-8")

    # v2: a new upload of the same tracker with more rows, and the saved file only
    loaded = Corrections.from_json(saved.read_bytes(), saved.name)
    second = import_tracker(csv_bytes(V2), "search_week2.csv", corrections=loaded)
    resolved = resolve_outcomes(second.normalized.apps, MetricParams(AS_OF))
    got = {r["company"]: (str(r["furthest_stage"]), r["outcome"], r["applied_on"]) for r in resolved.to_dict("records")}
    assert got == V2_EXPECTED
    assert second.mapping.segments == ("Humeur",)
    figures = kpis(resolved)
    assert (figures.applications, figures.inbound, figures.mature, figures.pending) == (6, 0, 6, 0)
    assert (figures.response_rate.k, figures.response_rate.n) == (5, 6)
    assert (figures.positive_rate.k, figures.positive_rate.n) == (4, 6)
    assert (figures.interview_rate.k, figures.interview_rate.n) == (1, 6)
    assert (figures.ghosted.k, figures.ghosted.n) == (2, 6)
    # nothing left to correct: no unknown status, no guessed date order
    assert second.normalized.quality.unknown_statuses.empty
    assert not any("guess" in d for d in second.decisions)

    # without the saved file the same upload gives other figures: 8 applications, Considering counted
    uncorrected = import_tracker(csv_bytes(V2), "search_week2.csv")
    assert len(uncorrected.normalized.apps) == 8


def test_cli_summary_with_the_saved_mapping(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tracker = tmp_path / "search_week2.csv"
    tracker.write_bytes(csv_bytes(V2))
    mapping = tmp_path / "mapping.json"
    mapping.write_text(FIXES.to_json(), encoding="utf-8")
    code = main(["summary", str(tracker), "--mapping", str(mapping), "--json", "--as-of", AS_OF.isoformat()])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    out = json.loads(captured.out)
    assert out["mapping"] == {"company": "Boîte", "role": "Poste", "applied_on": "Date", "status": "Statut"}
    assert out["shape"] == "B"
    assert out["stage_columns"] == [{"column": "Chat with Sam", "stage": "screen", "cells": "dates"}]
    assert out["segment_columns"] == ["Humeur"]
    assert out["applications"] == 6
    assert out["funnel"] == {"applied": 6, "screen": 4, "interview": 1, "offer": 0}
    assert out["outcomes"]["ghosted"] == 2 and out["outcomes"]["rejected"] == 2 and out["outcomes"]["active"] == 2
    assert (out["rates"]["response_rate"]["k"], out["rates"]["response_rate"]["n"]) == (5, 6)
    assert isinstance(out["warnings"], list)
    assert (
        "3 row(s) left out: 3 not sent yet (wishlist / saved / diary entry). The Data page lists them."
        in (out["warnings"])
    )
    assert not any("is not a word we know" in w for w in out["warnings"])
    assert any(
        d == "Your corrections were applied: 4 column(s), 2 status word(s), 2 date order(s), 0 rejection reason(s)."
        for d in out["decisions"]
    )


def test_cli_refuses_a_bad_mapping_file_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tracker = tmp_path / "search.csv"
    tracker.write_bytes(csv_bytes(V1))
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({**BASE, "date_orders": {"Date": "yyyy"}}), encoding="utf-8")
    code = main(["summary", str(tracker), "--mapping", str(mapping), "--json", "--as-of", AS_OF.isoformat()])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    assert captured.err.startswith("applytics: mapping file mapping.json: date order of “Date” is “yyyy”")
    assert captured.err.count("\n") == 1
