"""Caching that stays cheap: an upload is hashed once, and reruns reuse its import instead of redoing it.

Counted, never timed: the digest function, the pipeline's import_tracker and resolve_outcomes (as ui.dashboard
calls them), and the reads of the import cache, each wrapped to count its calls while passing them through.
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter

import pytest
import streamlit as st
from apptest_support import SAMPLE, metrics, run_ok, upload
from streamlit.runtime.pages_manager import PagesManager

from ui import dashboard, state


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts of the calls that cost something on a rerun; start counting with calls.clear()."""
    counted: Counter[str] = Counter()
    for module, name in (
        (state, "digest_of"),
        (dashboard, "import_tracker"),
        (dashboard, "resolve_outcomes"),
        (dashboard, "cached_import"),
        (dashboard, "segment_rates"),
    ):
        original = getattr(module, name)

        def counting(*args, _original=original, _name=name, **kwargs):
            counted[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, name, counting)
    return counted


def start_counting(calls: Counter[str]) -> None:
    """Every AppTest runs as the same session ("test session id"), so session-scoped caches outlive a test:
    empty them, so this test's file is imported here and not found from an earlier test."""
    st.cache_data.clear()
    calls.clear()


def test_an_upload_is_hashed_once_and_reruns_do_not_import_it_again(at, hand_xlsx, calls):
    start_counting(calls)
    upload(at, hand_xlsx.name, hand_xlsx.data)
    assert metrics(at) == hand_xlsx.metrics
    assert calls["digest_of"] == 1
    assert calls["import_tracker"] == 1
    assert calls["resolve_outcomes"] == 1
    for _ in range(3):
        calls.clear()
        run_ok(at)
        assert metrics(at) == hand_xlsx.metrics
        assert calls["digest_of"] == 0, "the upload was hashed again on a rerun"
        assert calls["import_tracker"] == 0, "the file was imported again on a rerun with nothing changed"
        assert calls["resolve_outcomes"] == 0
        assert calls["cached_import"] == 1, "the page's View is built once per run, from one read of the import"


def test_a_settings_change_resolves_again_without_importing_again(at, hand_xlsx, calls):
    start_counting(calls)
    upload(at, hand_xlsx.name, hand_xlsx.data)
    calls.clear()
    run_ok(at.number_input(key="ghost_days").set_value(60))
    assert metrics(at)["Pending"] == "4"  # Ivers (46 silent days) is pending again (test_app_overview)
    assert calls["import_tracker"] == 0, "a settings change imported the file again"
    assert calls["digest_of"] == 0
    assert calls["resolve_outcomes"] == 1
    calls.clear()
    run_ok(at.number_input(key="ghost_days").set_value(30))
    assert metrics(at) == hand_xlsx.metrics
    assert calls == Counter({"cached_import": 1}), "back to the earlier setting: everything came from the caches"


def test_another_file_under_the_same_name_is_hashed_and_imported_anew(at, hand_xlsx, calls):
    """The bytes are not part of the cache key any more, their digest is: a new file must never hit the old one."""
    start_counting(calls)
    upload(at, hand_xlsx.name, hand_xlsx.data)
    upload(at, hand_xlsx.name, SAMPLE.read_bytes())
    assert metrics(at)["Applications"] == "180"  # the sample's figures, not the hand tracker's
    assert calls["digest_of"] == 2
    assert calls["import_tracker"] == 2


def test_the_digest_is_made_with_the_tracker_and_keys_on_the_content():
    tracker = state.Tracker("a.xlsx", b"some bytes", "upload")
    assert tracker.digest == hashlib.sha256(b"some bytes").hexdigest()
    assert state.Tracker("b.csv", b"some bytes", "sample").digest == tracker.digest
    assert state.Tracker("a.xlsx", b"other bytes", "upload").digest != tracker.digest
    assert "some bytes" not in repr(tracker)


def test_the_view_lives_only_while_its_run_does(at, hand_xlsx):
    upload(at, hand_xlsx.name, hand_xlsx.data)
    assert state.VIEW not in at.session_state


@pytest.mark.parametrize("how", ["attribute missing", "module moved"])
def test_the_legacy_pages_workaround_is_skipped_when_the_internal_is_gone(monkeypatch: pytest.MonkeyPatch, how):
    reruns = []
    monkeypatch.setattr(st, "rerun", lambda: reruns.append(True))
    if how == "attribute missing":
        monkeypatch.delattr(PagesManager, "uses_pages_directory")
    else:
        monkeypatch.setitem(sys.modules, "streamlit.runtime.pages_manager", None)  # import raises ImportError
    dashboard.leave_legacy_pages_mode()  # does not raise
    assert reruns == []


def test_the_legacy_pages_workaround_switches_to_navigation_and_reruns(monkeypatch: pytest.MonkeyPatch):
    reruns = []
    monkeypatch.setattr(st, "rerun", lambda: reruns.append(True))
    monkeypatch.setattr(PagesManager, "uses_pages_directory", True)
    dashboard.leave_legacy_pages_mode()
    assert PagesManager.uses_pages_directory is False
    assert reruns == [True]
    dashboard.leave_legacy_pages_mode()  # once switched, nothing more to do
    assert reruns == [True]


def test_segment_rates_are_tested_once_for_conversion_and_insights_until_the_view_changes(at, calls):
    start_counting(calls)
    at.switch_page("pages/conversion.py")
    run_ok(at)
    assert calls["segment_rates"] == 1
    run_ok(at.selectbox(key="segment").set_value("resume_version"))  # another breakdown: the same rates
    at.switch_page("pages/insights.py")
    run_ok(at)
    assert calls["segment_rates"] == 1, "the Fisher tests ran again for a view that had not changed"
    at.switch_page("pages/conversion.py")
    run_ok(at)
    run_ok(at.number_input(key="ghost_days").set_value(45))  # a setting changes every figure: tested again
    assert calls["segment_rates"] == 2


def test_the_session_keeps_a_bounded_number_of_imports_and_a_second_session_none_of_the_firsts(at):
    for number in range(8):  # eight different files: the table keeps the six most recently used
        csv = f"Company,Role,Status\nAcme {number},Analyst,Applied\n".encode()
        upload(at, f"tracker-{number}.csv", csv)
        assert metrics(at)["Applications"] == "1"
    kept = at.session_state["memo"]["import"]
    assert len(kept) == 6
    assert [key[1] for key in kept] == [f"tracker-{n}.csv" for n in range(2, 8)]
    other = run_ok(type(at).from_file(str(SAMPLE.parents[1] / "app.py"), default_timeout=60))
    assert all(key[1] == SAMPLE.name for key in other.session_state["memo"]["import"])
