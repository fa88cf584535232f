"""schema: the canonical frame's contract, the shared selections and the rate definitions.

Why: issue #7 — one written contract between intake, analytics and pages. A frame that breaks it fails
loudly here, not silently in a chart; every analysis selects outbound and decided applications the same way,
and every surface reads a rate's meaning from one table.
"""

from __future__ import annotations

import pandas as pd
import pytest
from builders import application_frame, hand_wilson, xlsx_bytes

from applytics import schema
from applytics.analytics.metrics import kpis
from applytics.intake.pipeline import import_tracker

HEADER = ["Company", "Role", "Date Applied", "Status", "Source"]


def pipeline_frame() -> pd.DataFrame:
    rows = [
        ["Acme", "Analyst", "2026-09-01", "Applied", "LinkedIn"],
        ["Borealis", "Engineer", "2026-09-03", "Rejected", "Referral"],
        ["Cobalt", "Analyst", "2026-09-10", "Phone screen", "Indeed"],
    ]
    return import_tracker(xlsx_bytes({"Tracker": [HEADER, *rows]}), "t.xlsx").normalized.apps


def test_a_pipeline_frame_honours_the_contract():
    apps = pipeline_frame()
    assert schema.validate(apps) is apps
    assert [c.name for c in schema.COLUMNS if c.name not in apps.columns] == []


def test_a_missing_column_is_named():
    broken = pipeline_frame().drop(columns=[schema.OUTCOME])
    with pytest.raises(schema.SchemaError, match="missing column “outcome”"):
        schema.validate(broken)


def test_a_date_column_of_words_is_refused():
    broken = pipeline_frame()
    broken[schema.APPLIED_ON] = ["soon", "later", "never"]
    with pytest.raises(schema.SchemaError, match="“applied_on” should hold dates"):
        schema.validate(broken)


def test_an_outcome_outside_the_vocabulary_is_refused():
    broken = pipeline_frame()
    broken.loc[0, schema.OUTCOME] = "maybe"
    with pytest.raises(schema.SchemaError, match="'maybe'"):
        schema.validate(broken)


def test_a_stage_that_is_not_the_ordered_category_is_refused():
    broken = pipeline_frame()
    broken[schema.FURTHEST_STAGE] = broken[schema.FURTHEST_STAGE].astype(str)
    with pytest.raises(schema.SchemaError, match="“furthest_stage” should be the ordered stages"):
        schema.validate(broken)


def test_an_unexpected_column_is_refused_but_segments_are_welcome():
    apps = pipeline_frame()
    apps["segment: Team"] = ["a", "b", None]
    apps["resume_version"] = ["v1", "v2", "v1"]
    schema.validate(apps)
    apps["typo_colum"] = 1
    with pytest.raises(schema.SchemaError, match="unexpected column “typo_colum”"):
        schema.validate(apps)


def test_every_problem_is_listed_at_once():
    broken = pipeline_frame().drop(columns=[schema.ROLE, schema.COMPANY])
    with pytest.raises(schema.SchemaError) as caught:
        schema.validate(broken)
    assert "“company”" in str(caught.value)
    assert "“role”" in str(caught.value)


# ---------------------------------------------------------------- selections


def resolved_rows() -> pd.DataFrame:
    frame = application_frame(
        [
            {"stage": "screen", "outcome": "active"},  # 0 outbound, mature
            {"outcome": "pending"},  # 1 outbound, young and silent
            {"stage": "screen", "direction": "inbound"},  # 2 a recruiter wrote first
            {"outcome": "rejected"},  # 3 outbound, mature
            {"outcome": "ghosted"},  # 4 outbound, mature
        ],
        applied="2026-09-01",
    )
    frame[schema.RESPONDED] = [True, False, True, True, False]
    frame[schema.MATURE] = [True, False, True, True, True]
    return frame


def test_outbound_leaves_out_recruiter_contacts():
    assert schema.outbound(resolved_rows()).index.tolist() == [0, 1, 3, 4]


def test_decided_outbound_is_the_mature_denominator():
    assert schema.decided_outbound(resolved_rows()).index.tolist() == [0, 3, 4]


# ---------------------------------------------------------------- rates


def test_rate_hits_follow_their_definitions():
    frame = application_frame(
        [{"stage": "applied"}, {"stage": "screen"}, {"stage": "interview"}, {"stage": "offer"}], applied="2026-09-01"
    )
    frame[schema.RESPONDED] = [False, True, True, True]
    hits = {rate.key: rate.hits(frame).tolist() for rate in schema.RATES}
    assert hits == {
        "response": [False, True, True, True],
        "positive": [False, True, True, True],
        "interview": [False, False, True, True],
        "offer": [False, False, False, True],
    }


def test_rate_names_are_unique_on_every_surface():
    for attribute in ("key", "label", "json_name", "hit_words"):
        names = [getattr(rate, attribute) for rate in schema.RATES]
        assert len(set(names)) == len(names), attribute
    assert [rate.json_name for rate in schema.RATES] == [
        "response_rate",
        "positive_response_rate",
        "interview_rate",
        "offer_rate",
    ]


def test_kpis_give_each_rate_by_its_key():
    figures = kpis(resolved_rows())
    # decided outbound: rows 0 (screen, replied), 3 (rejected, replied), 4 (ghosted): 2 of 3 replied, 1 of 3 screen
    assert (figures.rate("response").k, figures.rate("response").n) == (2, 3)
    assert (figures.rate("positive").k, figures.rate("positive").n) == (1, 3)
    assert figures.rate("interview").k == 0
    assert figures.rate("offer") == figures.offer_rate
    low, high = hand_wilson(2, 3)
    assert figures.rate("response").low == pytest.approx(low)
    assert figures.rate("response").high == pytest.approx(high)
