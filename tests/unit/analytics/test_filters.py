"""filters: the dashboard's and the CLI's filters (applied-date range, source, role, candidate).

Why: DESIGN §4 (filters live in the URL, so a link reproduces the view) and issue 11: the same filters narrow the
same resolved frame on every page and in `applytics summary --filter`. Dates compare on the day, both bounds
included; an undated application is left out only when a date bound is set; sources match the canonical values
(a cell "linkedin" is the source LinkedIn). The tracker goes through the real pipeline; expected rows by hand.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from applytics.analytics.filters import Filters, apply_filters, filter_options, parse_filter_args
from applytics.analytics.metrics import MetricParams, resolve_outcomes
from applytics.errors import ImportProblem
from applytics.intake.pipeline import import_tracker

D = dt.date
# Six applications, as of 2026-11-20:
#   Alpha    Data Analyst   2026-09-01        LinkedIn       Ana
#   Beta     Data Analyst   2026-09-15        Referral       Ben
#   Gamma    Data Engineer  2026-10-01        LinkedIn       Ana
#   Delta    BI Analyst     (no date)         Indeed         Ben
#   Epsilon  Data Engineer  2026-10-20        "linkedin" -> LinkedIn   Ana
#   Zeta     Data Analyst   2026-09-30 17:45  Company site   Ben
TRACKER = (
    "Company,Role,Date Applied,Status,Source,Candidate\n"
    "Alpha,Data Analyst,2026-09-01,Applied,LinkedIn,Ana\n"
    "Beta,Data Analyst,2026-09-15,Rejected,Referral,Ben\n"
    "Gamma,Data Engineer,2026-10-01,Phone screen,LinkedIn,Ana\n"
    "Delta,BI Analyst,,Applied,Indeed,Ben\n"
    "Epsilon,Data Engineer,2026-10-20,Interview,linkedin,Ana\n"
    "Zeta,Data Analyst,2026-09-30 17:45,Offer,Company site,Ben\n"
)


def resolved_of(text: str) -> pd.DataFrame:
    result = import_tracker(text.encode("utf-8"), "tracker.csv")
    return resolve_outcomes(result.normalized.apps, MetricParams(D(2026, 11, 20), 30))


@pytest.fixture(scope="module")
def resolved() -> pd.DataFrame:
    return resolved_of(TRACKER)


def companies(frame: pd.DataFrame) -> list[str]:
    return list(frame["company"])


def test_no_filter_returns_the_frame_itself(resolved):
    assert not Filters().active
    assert apply_filters(resolved, Filters()) is resolved


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(sources=("LinkedIn",)), ["Alpha", "Gamma", "Epsilon"]),  # "linkedin" is LinkedIn
        (Filters(sources=("LinkedIn", "Referral")), ["Alpha", "Beta", "Gamma", "Epsilon"]),
        (Filters(roles=("Data Analyst",)), ["Alpha", "Beta", "Zeta"]),
        (Filters(candidates=("Ben",)), ["Beta", "Delta", "Zeta"]),
        # on the day, both bounds included: Zeta's 17:45 is 30 September; Delta (undated) is out
        (Filters(applied_from=D(2026, 9, 15)), ["Beta", "Gamma", "Epsilon", "Zeta"]),
        (Filters(applied_to=D(2026, 9, 30)), ["Alpha", "Beta", "Zeta"]),
        (Filters(applied_from=D(2026, 9, 30), applied_to=D(2026, 9, 30)), ["Zeta"]),
    ],
)
def test_each_filter_alone(resolved, filters, expected):
    assert companies(apply_filters(resolved, filters)) == expected


def test_filters_combine_as_and_across_fields(resolved):
    both = Filters(applied_from=D(2026, 9, 10), sources=("LinkedIn",), roles=("Data Engineer",), candidates=("Ana",))
    narrowed = apply_filters(resolved, both)
    assert companies(narrowed) == ["Gamma", "Epsilon"]
    assert list(narrowed.index) == [0, 1]  # a fresh index, as the unfiltered frame has
    assert companies(apply_filters(resolved, Filters(sources=("Referral",), roles=("BI Analyst",)))) == []


def test_an_empty_result_keeps_the_columns(resolved):
    empty = apply_filters(resolved, Filters(sources=("Glassdoor",)))
    assert empty.empty
    assert list(empty.columns) == list(resolved.columns)


def test_undated_applications_stay_without_a_date_bound(resolved):
    assert "Delta" in companies(apply_filters(resolved, Filters(candidates=("Ben",))))
    assert "Delta" not in companies(apply_filters(resolved, Filters(applied_to=D(2030, 1, 1))))


def test_one_application_only():
    one = resolved_of("Company,Role,Date Applied,Status,Source\nAlpha,Analyst,2026-09-01,Applied,LinkedIn\n")
    assert companies(apply_filters(one, Filters(sources=("LinkedIn",)))) == ["Alpha"]
    assert companies(apply_filters(one, Filters(applied_from=D(2026, 9, 2)))) == []
    assert filter_options(one) == {"source": ["LinkedIn"], "role": ["Analyst"]}  # no candidate column


def test_a_candidate_filter_without_the_column_is_ignored():
    one = resolved_of("Company,Date Applied,Status\nAlpha,2026-09-01,Applied\n")
    assert companies(apply_filters(one, Filters(candidates=("Ana",)))) == ["Alpha"]


def test_filter_options_are_sorted_distinct_canonical_values(resolved):
    assert filter_options(resolved) == {
        "source": ["Company site", "Indeed", "LinkedIn", "Referral"],
        "role": ["BI Analyst", "Data Analyst", "Data Engineer"],
        "candidate": ["Ana", "Ben"],
    }


def test_parse_filter_args():
    assert parse_filter_args([]) == Filters()
    assert parse_filter_args(
        [
            "source=LinkedIn",
            "source=Referral",
            "source=LinkedIn",
            "applied_from=2026-09-01",
            "applied_to=2026-10-31",
            "role=Data Analyst",
            "candidate=Ana",
        ]
    ) == Filters(D(2026, 9, 1), D(2026, 10, 31), ("LinkedIn", "Referral"), ("Data Analyst",), ("Ana",))
    assert parse_filter_args(["role=R&D = research"]) == Filters(roles=("R&D = research",))  # first "=" splits


@pytest.mark.parametrize("item", ["company=Alpha", "LinkedIn", "source=", "=LinkedIn"])
def test_parse_filter_args_refuses_an_unknown_key_or_a_missing_value(item):
    with pytest.raises(ImportProblem) as raised:
        parse_filter_args([item])
    assert raised.value.message == (
        f"--filter expects key=value with key one of applied_from, applied_to, source, role, candidate; got “{item}”."
    )


@pytest.mark.parametrize("value", ["2026-13-01", "01/09/2026", "yesterday"])
def test_parse_filter_args_refuses_a_bad_date(value):
    with pytest.raises(ImportProblem, match="applied_from expects a date as YYYY-MM-DD"):
        parse_filter_args([f"applied_from={value}"])


SOURCES = ["LinkedIn", "Referral", "Indeed", "Company site", "Glassdoor"]
ROLES = ["Data Analyst", "Data Engineer", "BI Analyst"]


@settings(max_examples=40, deadline=None)
@given(
    start=st.none() | st.dates(D(2026, 8, 25), D(2026, 10, 25)),
    end=st.none() | st.dates(D(2026, 8, 25), D(2026, 10, 25)),
    sources=st.lists(st.sampled_from(SOURCES), unique=True, max_size=3),
    roles=st.lists(st.sampled_from(ROLES), unique=True, max_size=2),
    candidates=st.lists(st.sampled_from(["Ana", "Ben", "Cleo"]), unique=True, max_size=2),
)
def test_filtering_never_adds_rows(start, end, sources, roles, candidates):
    frame = resolved_of(TRACKER)
    filters = Filters(start, end, tuple(sources), tuple(roles), tuple(candidates))
    narrowed = apply_filters(frame, filters)
    assert len(narrowed) <= len(frame)
    assert set(narrowed["row"]) <= set(frame["row"])
    assert apply_filters(narrowed, filters)["row"].tolist() == narrowed["row"].tolist()  # idempotent
    unchanged = apply_filters(frame, Filters())
    pd.testing.assert_frame_equal(unchanged, frame)


def test_a_blank_candidate_cell_is_no_option_and_no_crash() -> None:
    """A coach's file where one row has no candidate name: the options list the two names only."""
    frame = resolved_of(
        "Company,Role,Date applied,Status,Candidate\n"
        "Acme,Analyst,2026-09-01,Applied,Ann\nBeta,Analyst,2026-09-02,Applied,\nGamma,Analyst,2026-09-03,Applied,Bo\n"
    )
    assert filter_options(frame)["candidate"] == ["Ann", "Bo"]
    assert list(apply_filters(frame, Filters(candidates=("Bo",)))["company"]) == ["Gamma"]


def test_the_filters_that_are_set_as_json_values() -> None:
    assert Filters().as_record() == {}
    chosen = Filters(applied_from=dt.date(2026, 9, 1), sources=("Referral", "LinkedIn"))
    assert chosen.as_record() == {"applied_from": "2026-09-01", "source": ["Referral", "LinkedIn"]}
