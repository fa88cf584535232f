"""A real dashboard server and Debian's Chromium, shared by the e2e tests; screenshots on failure."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_support import CHROMIUM, CHROMIUM_ARGS, dashboard_server


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with dashboard_server(tmp_path_factory.mktemp("server") / "streamlit.log") as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"The e2e tests drive Debian's Chromium at {CHROMIUM}, which is missing: "
            "install it with 'sudo apt-get install chromium' (do not use 'playwright install')."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(browser, request: pytest.FixtureRequest, tmp_path: Path):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    tab = context.new_page()
    yield tab
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        shot = tmp_path / "failure.png"
        with contextlib.suppress(Exception):
            tab.screenshot(path=str(shot), full_page=True)
            print(f"screenshot of the failure: {shot}")
    context.close()
