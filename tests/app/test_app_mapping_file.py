"""A hostile "Saved corrections" file (issue 9, item 6): the page says what is wrong with the mapping file, in place
of a RecursionError, and the tracker's figures stay on the page.

The files come from tests/hostile_corpus.py (MAPPING_CASES). The uploader is driven as in test_app_corrections.py.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from analytics_support import CSV, JSON, STATUS_CSV
from apptest_support import cards, describe_exceptions, errors, metrics, rate_caption, upload
from hostile_corpus import MAPPING_CASES, Built, nested_brackets_mapping
from streamlit.testing.v1 import AppTest


def upload_mapping(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="mapping_upload").upload(name, data, JSON)
    at.run()
    assert not at.exception, describe_exceptions(at)
    return at


def assert_status_file_figures(at: AppTest) -> None:
    """STATUS_CSV as detected, with no correction (tests/app/analytics_support.py works it out row by row):
    interview 2 of 7, replied 4 of 7, ghosted 3 of 10, 3 pending."""
    shown = cards(at)
    assert shown["Interview rate"] == ("29%", rate_caption(2, 7))
    assert shown["Response rate"] == ("57%", rate_caption(4, 7))
    assert shown["Ghosted"] == ("30%", rate_caption(3, 10))
    assert metrics(at)["Applications"] == "10"
    assert metrics(at)["Pending"] == "3"


def test_a_nested_brackets_mapping_file_is_named_and_the_figures_stay(at: AppTest) -> None:
    upload(at, "statuses.csv", STATUS_CSV, CSV)
    assert_status_file_figures(at)
    name, data, _ = nested_brackets_mapping()
    assert len(data) == 200_000

    upload_mapping(at, name, data)
    assert not at.exception
    assert errors(at) == [
        "“nested.json” is nested 100,000 levels deep (level 9 opens at byte 8); an Applytics mapping file is nested "
        "3 levels at most, and more than 8 is refused. Choose the .json Applytics saved from the Data page "
        "(“Download corrections”)."
    ]
    assert_status_file_figures(at)


@pytest.mark.parametrize(("case", "build"), MAPPING_CASES, ids=[case for case, _ in MAPPING_CASES])
def test_each_hostile_mapping_file_is_explained_on_the_page(at: AppTest, case: str, build: Callable[[], Built]) -> None:
    upload(at, "statuses.csv", STATUS_CSV, CSV)
    name, data, expected = build()

    upload_mapping(at, name, data)
    shown = errors(at)
    assert len(shown) == 1, f"only the mapping file is in question, not the tracker: {shown}"
    assert shown[0].startswith(f"“{name}”"), shown[0]
    assert expected.lower() in shown[0].lower(), shown[0]
    assert "statuses.csv" not in shown[0] and "Error" not in shown[0]
    assert_status_file_figures(at)
