"""AppTest fixtures: the real app.py, run from the repo root, with the as-of date pinned through the sidebar."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from apptest_support import AS_OF, ROOT, new_app, run_ok
from streamlit import config
from streamlit.runtime.pages_manager import PagesManager


@pytest.fixture
def legacy_pages_mode() -> None:
    """Request this fixture to run a test with AppTest's own `pages/` folder detection (no workaround)."""


@pytest.fixture(autouse=True)
def _navigation_as_on_a_running_server(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every AppTest run behave like a rerun on a live server.

    Streamlit treats an app with a `pages/` folder as a legacy (v1) multipage app until st.navigation has run
    once; on a live server that switch is made once per process, for good (ui.dashboard.leave_legacy_pages_mode
    makes it on the very first run). AppTest re-detects the folder before *every* run, so every rerun would start
    as a page-only run that the app then reruns through app.py, and a button click would be consumed by that
    first, page-only run. The flag is set here as a live server has it after its first run; the test that
    requests `legacy_pages_mode` and the e2e deep-link test cover the app's own handling of the legacy mode.
    """
    if "legacy_pages_mode" in request.fixturenames:
        return
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture(autouse=True)
def _full_error_details() -> Iterator[None]:
    """.streamlit/config.toml redacts tracebacks for users; a failing test should show the whole one."""
    before = config.get_option("client.showErrorDetails")
    config.set_option("client.showErrorDetails", "full")
    yield
    config.set_option("client.showErrorDetails", before)


@pytest.fixture(autouse=True)
def _no_deployer_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts as a visitor of a plain local run: no live source, no read-only mode."""
    for name in [n for n in os.environ if n.startswith("APPLYTICS_")]:
        monkeypatch.delenv(name)


@pytest.fixture
def at(monkeypatch: pytest.MonkeyPatch):
    """The app on its default data (the bundled sample), as of AS_OF set through the sidebar date input."""
    monkeypatch.chdir(ROOT)
    app = new_app()
    run_ok(app)
    run_ok(app.date_input(key="as_of").set_value(AS_OF))
    return app
