"""A hosted dashboard on a live source (issue 10, part 1), through AppTest against a real local HTTP server.

Why: a deployer sets APPLYTICS_SOURCE once and visitors must see the sheet's current figures, how old they
are, and a plain message when the source fails, with the last good copy still on screen. The read-only mode
hides every way to bring in another file.
"""

from __future__ import annotations

import json

import pytest
from apptest_support import AS_OF, captions, errors, metrics, new_app, run_ok, warnings
from sheet_server import Route, SheetServer, sheet_server

THREE = b"Company,Role,Date applied,Status\nAcme,Analyst,2026-09-01,Rejected\nBeta,Analyst,2026-09-02,Interview\n" + (
    b"Gamma,Analyst,2026-09-03,Applied\n"
)
FIVE = THREE + b"Delta,Engineer,2026-09-04,Offer\nEpsilon,Engineer,2026-09-05,Zorblat\n"
LOGIN = b"<!DOCTYPE html><html><head><title>Sign in</title></head><body>Sign in to continue</body></html>"


@pytest.fixture
def server():
    with sheet_server() as running:
        running.routes["/tracker.csv"] = Route(THREE)
        yield running


def visit(monkeypatch: pytest.MonkeyPatch, source: str, **settings: str):
    monkeypatch.setenv("APPLYTICS_SOURCE", source)
    for name, value in settings.items():
        monkeypatch.setenv(f"APPLYTICS_{name.upper()}", value)
    at = run_ok(new_app())
    if any(widget.key == "as_of" for widget in at.date_input):  # not there when the page stopped on a problem
        run_ok(at.date_input(key="as_of").set_value(AS_OF))
    return at


def sidebar_captions(at) -> list[str]:
    return [caption for caption in captions(at) if caption]


def test_the_live_source_is_what_a_visitor_sees(monkeypatch, server: SheetServer):
    at = visit(monkeypatch, f"{server.base}/tracker.csv?key=secret-123")
    assert metrics(at)["Applications"] == "3"
    shown = sidebar_captions(at)
    assert f"{server.base}/tracker.csv" in shown, shown
    assert not any("secret-123" in caption for caption in shown), "a key in the URL is never shown"
    assert any(caption.startswith("Loaded ") and caption.endswith("(just now)") for caption in shown), shown
    assert any("Showing tracker.csv (the live source)." in caption for caption in shown), shown
    assert at.file_uploader(key="upload") is not None  # not read-only: a visitor may still try their own file
    assert server.requests == ["/tracker.csv?key=secret-123"], "fetched once, then the session's copy is used"


def test_reruns_use_the_copy_until_refresh_fetches_the_new_version(monkeypatch, server: SheetServer):
    at = visit(monkeypatch, f"{server.base}/tracker.csv")
    server.routes["/tracker.csv"] = Route(FIVE)
    run_ok(at)
    assert metrics(at)["Applications"] == "3", "inside the TTL the session keeps its copy"
    run_ok(at.button(key="live_refresh").click())
    assert metrics(at)["Applications"] == "5"
    assert len(server.requests) == 2


def test_a_zero_ttl_fetches_on_every_run(monkeypatch, server: SheetServer):
    at = visit(monkeypatch, f"{server.base}/tracker.csv", source_ttl="0")
    server.routes["/tracker.csv"] = Route(FIVE)
    run_ok(at)
    assert metrics(at)["Applications"] == "5"


def test_a_source_that_goes_down_keeps_the_last_good_copy_with_its_age(monkeypatch, server: SheetServer):
    at = visit(monkeypatch, f"{server.base}/tracker.csv")
    server.stop()
    run_ok(at.button(key="live_refresh").click())
    assert metrics(at)["Applications"] == "3"
    shown = warnings(at)
    assert len(shown) == 1, shown
    assert shown[0].startswith(f"The source {server.base}/tracker.csv could not be reached"), shown[0]
    assert shown[0].endswith("Showing the copy loaded just now."), shown[0]


def test_a_slow_source_is_cut_off_and_the_copy_stays(monkeypatch, server: SheetServer):
    at = visit(monkeypatch, f"{server.base}/tracker.csv", source_timeout="1")
    server.routes["/tracker.csv"] = Route(FIVE, delay=3)
    run_ok(at.button(key="live_refresh").click())
    assert metrics(at)["Applications"] == "3"
    assert any("did not answer within 1 seconds" in text for text in warnings(at)), warnings(at)


def test_a_sign_in_page_instead_of_the_sheet_is_explained(monkeypatch, server: SheetServer):
    server.routes["/tracker.csv"] = Route(LOGIN, "text/html; charset=utf-8")
    at = visit(monkeypatch, f"{server.base}/tracker.csv")
    shown = errors(at)
    assert len(shown) == 1, shown
    assert shown[0].startswith("**The tracker could not be loaded.** The source"), shown[0]
    assert "answered with a web page (often a sign-in page)" in shown[0]
    assert "Anyone with the link can view" in shown[0]
    assert not at.metric, "no figures from a page that is not the sheet"


def test_an_oversize_source_is_refused_from_its_declared_size(monkeypatch, server: SheetServer):
    server.routes["/tracker.csv"] = Route(b"x" * 10_500_000)
    at = visit(monkeypatch, f"{server.base}/tracker.csv")
    assert any("is 10.5 MB; the limit is 10 MB" in text for text in errors(at)), errors(at)


def test_read_only_hides_the_uploader_the_sample_and_saved_corrections(monkeypatch, server: SheetServer):
    at = visit(monkeypatch, f"{server.base}/tracker.csv", read_only="1")
    assert metrics(at)["Applications"] == "3"
    widget_keys = {getattr(widget, "key", None) for widget in at.main} | {
        getattr(widget, "key", None) for widget in at.sidebar
    }
    assert "try_sample" not in widget_keys
    assert not at.get("file_uploader"), "no uploader at all in read-only mode"
    assert "live_refresh" in {button.key for button in at.button}
    at.switch_page("pages/share.py")
    run_ok(at)
    assert "create_share" not in {button.key for button in at.button}, "visitors do not store copies of it"
    assert {"download_html", "download_xlsx", "download_csv"} <= {b.key for b in at.get("download_button")}


def test_read_only_without_a_source_says_what_is_missing(monkeypatch):
    monkeypatch.setenv("APPLYTICS_READ_ONLY", "1")
    at = run_ok(new_app())
    assert errors(at) == ["APPLYTICS_READ_ONLY is set but no APPLYTICS_SOURCE is: there is nothing to show. "
                          "Set APPLYTICS_SOURCE as well."]  # fmt: skip


def test_the_deployers_corrections_apply_to_the_live_copy(monkeypatch, server: SheetServer, tmp_path):
    server.routes["/tracker.csv"] = Route(FIVE)
    mapping = {
        "format": "applytics-mapping",
        "version": 1,
        "statuses": {"Zorblat": {"stage": "offer", "outcome": "accepted"}},
    }
    path = tmp_path / "corrections.json"
    path.write_text(json.dumps(mapping), encoding="utf-8")
    plain_visit = visit(monkeypatch, f"{server.base}/tracker.csv")
    offers_without = metrics(plain_visit)["Offer rate"]
    at = visit(monkeypatch, f"{server.base}/tracker.csv", source_corrections=str(path))
    # Decided outbound: Acme rejected, Beta interview, Delta offer, Epsilon (Zorblat) -> an accepted offer:
    # 2 offers of 4 decided (Gamma is ghosted: 78 silent days; it counts too) -> 2 of 5 = 40%.
    assert metrics(at)["Offer rate"] == "40%", (offers_without, metrics(at))
    assert offers_without == "20%"


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("source_ttl", "soon", "APPLYTICS_SOURCE_TTL is “soon”; it must be a number of seconds from 0 to 604,800."),
        ("source_timeout", "0", "APPLYTICS_SOURCE_TIMEOUT is “0”; it must be a number of seconds from 1 to 120."),
    ],
)
def test_a_setting_that_cannot_be_used_is_named(monkeypatch, server: SheetServer, name, value, words):
    monkeypatch.setenv(f"APPLYTICS_{name.upper()}", value)
    monkeypatch.setenv("APPLYTICS_SOURCE", f"{server.base}/tracker.csv")
    at = run_ok(new_app())
    assert errors(at) == [words]
