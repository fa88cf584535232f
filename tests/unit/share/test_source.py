"""share/source: a live source is fetched within bounds, or refused with a message that says what to do.

Why: a hosted dashboard reads its tracker from the network on every refresh. A server that is down, slow,
dripping, oversize, redirecting somewhere odd or answering with a sign-in page must never hang the page,
fill the memory or be imported as if it were the sheet. These tests run against a real HTTP server on
loopback; the Google link rewriting is checked on links as people copy them.
"""

from __future__ import annotations

import contextlib
import http.server
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from applytics.intake.guard import Limits
from applytics.share.source import (
    MAX_REDIRECTS,
    Source,
    SourceProblem,
    fetch,
    google_export_url,
    parse_source,
)

SHEET_ID = "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-xyz"
PUBLISHED_ID = "2PACX-1vT0abcdefghijklmnopqrstuvwxyz0123456789"
CSV = b"Company,Role,Status\nAcme,Analyst,Applied\nBeta,Engineer,Rejected\n"
LOGIN_PAGE = b"<!DOCTYPE html><html><head><title>Sign in - Google Accounts</title></head><body></body></html>"
SMALL = Limits(max_bytes=1_000_000)


# ---------------------------------------------------------------- Google links as people copy them


@pytest.mark.parametrize(
    ("copied", "expected"),
    [
        (
            f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/edit#gid=0",
            f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/export?format=csv&gid=0",
        ),
        (
            f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/edit?usp=sharing#gid=1234567",
            f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/export?format=csv&gid=1234567",
        ),
        (
            f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/edit?gid=42#gid=42",
            f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/export?format=csv&gid=42",
        ),
        (
            f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/edit?usp=sharing",
            f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/export?format=csv",
        ),
        (
            f"https://docs.google.com/spreadsheets/u/1/d/{SHEET_ID}/view",
            f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/export?format=csv",
        ),
        (
            f"https://docs.google.com/spreadsheets/d/e/{PUBLISHED_ID}/pubhtml?gid=7&single=true",
            f"https://docs.google.com/spreadsheets/d/e/{PUBLISHED_ID}/pub?output=csv&gid=7&single=true",
        ),
        (
            f"https://docs.google.com/spreadsheets/d/e/{PUBLISHED_ID}/pubhtml",
            f"https://docs.google.com/spreadsheets/d/e/{PUBLISHED_ID}/pub?output=csv",
        ),
        (
            f"  https://docs.google.com/spreadsheets/d/{SHEET_ID}/edit#gid=0\n",
            f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/export?format=csv&gid=0",
        ),
    ],
)
def test_google_sheets_links_become_their_csv_export(copied: str, expected: str) -> None:
    assert google_export_url(copied) == expected


def test_the_xlsx_export_of_a_google_link() -> None:
    assert google_export_url(f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/edit#gid=3", "xlsx") == (
        f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/export?format=xlsx&gid=3"
    )


@pytest.mark.parametrize(
    "other",
    [
        "https://example.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz/edit",  # not Google
        "https://docs.google.com/document/d/1AbCdEfGhIjKlMnOpQrStUvWxYz/edit",  # a document, not a sheet
        "ftp://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz/edit",
        "https://docs.google.com.evil.example/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz/edit",
    ],
)
def test_other_links_are_not_rewritten(other: str) -> None:
    assert google_export_url(other) is None


def test_parse_source_reads_urls_google_links_and_paths(tmp_path: Path) -> None:
    google = parse_source(f" https://docs.google.com/spreadsheets/d/{SHEET_ID}/edit#gid=0 ")
    assert google == Source(
        "url",
        f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/export?format=csv&gid=0",
        f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/edit",
        "google-sheet.csv",
    )
    plain = parse_source("https://files.example/me/My%20Tracker.xlsx?token=secret")
    assert (plain.kind, plain.name) == ("url", "My Tracker.xlsx")
    assert "secret" not in plain.shown and plain.location.endswith("?token=secret")
    assert parse_source("https://files.example/export").name == "export.csv"
    path = parse_source(str(tmp_path / "t.xlsx"))
    assert (path.kind, path.location, path.name) == ("path", str(tmp_path / "t.xlsx"), "t.xlsx")
    assert parse_source(f"file://{tmp_path}/t.csv").location == str(tmp_path / "t.csv")


@pytest.mark.parametrize(
    ("value", "words"), [("", "is empty"), ("ftp://x.example/t.csv", "“ftp:”"), ("https://", "no host")]
)
def test_parse_source_refuses_what_it_cannot_fetch(value: str, words: str) -> None:
    with pytest.raises(SourceProblem, match=words):
        parse_source(value)


# ---------------------------------------------------------------- a real HTTP server on loopback


class Handler(http.server.BaseHTTPRequestHandler):
    """One route per way a source can behave."""

    def log_message(self, *args: object) -> None:  # keep pytest's output clean
        pass

    def _send(self, code: int, body: bytes, kind: str = "text/csv", headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        route = self.path.split("?")[0]
        if route == "/tracker.csv":
            self._send(200, CSV, "text/csv; charset=utf-8")
        elif route == "/export":
            self._send(200, CSV, "text/csv", {"Content-Disposition": 'attachment; filename="Job hunt.csv"'})
        elif route == "/login":
            self._send(200, LOGIN_PAGE, "text/html; charset=utf-8")
        elif route == "/login-as-csv":
            self._send(200, LOGIN_PAGE, "text/csv")
        elif route == "/slow":
            time.sleep(1.5)  # the server is slow to answer: longer than the client's timeout
            self._send(200, CSV)
        elif route == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.end_headers()
            with contextlib.suppress(OSError):
                for byte in CSV * 20:  # a byte every 50 ms: each read is quick, the whole never ends in time
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.05)
        elif route == "/big-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.send_header("Content-Length", "50000000")
            self.end_headers()
            with contextlib.suppress(OSError):
                self.wfile.write(b"a,b\n" * 100)
        elif route == "/big-undeclared":
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.end_headers()
            with contextlib.suppress(OSError):
                for _ in range(1_500):
                    self.wfile.write(b"x" * 1000 + b"\n")
        elif route == "/redirect":
            self._send(302, b"", headers={"Location": "/tracker.csv"})
        elif route.startswith("/loop"):
            hop = int(route.removeprefix("/loop") or 0)
            self._send(302, b"", headers={"Location": f"/loop{hop + 1}"})
        elif route == "/to-file":
            self._send(302, b"", headers={"Location": "file:///etc/passwd"})
        elif route == "/private":
            self._send(403, b"Forbidden", "text/plain")
        else:
            self._send(404, b"Not found", "text/plain")


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the block ends: nothing listens there


def test_a_csv_source_is_fetched_as_it_is_served(base: str) -> None:
    fetched = fetch(parse_source(f"{base}/tracker.csv"))
    assert (fetched.name, fetched.data) == ("tracker.csv", CSV)


def test_the_file_name_comes_from_content_disposition_when_the_url_has_none(base: str) -> None:
    assert fetch(parse_source(f"{base}/export")).name == "Job hunt.csv"


def test_a_redirect_is_followed(base: str) -> None:
    assert fetch(parse_source(f"{base}/redirect")).data == CSV


def test_a_redirect_loop_stops_after_a_few_hops(base: str) -> None:
    with pytest.raises(SourceProblem, match=f"redirected more than {MAX_REDIRECTS} times") as refused:
        fetch(parse_source(f"{base}/loop0"))
    assert f"{base}/loop0" in refused.value.message


def test_a_redirect_to_a_local_file_is_refused(base: str) -> None:
    with pytest.raises(SourceProblem, match="redirected to “file:///etc/passwd”, which is not a web address"):
        fetch(parse_source(f"{base}/to-file"))


@pytest.mark.parametrize("route", ["/login", "/login-as-csv"])
def test_a_sign_in_page_is_not_read_as_a_sheet(base: str, route: str) -> None:
    with pytest.raises(SourceProblem, match="answered with a web page") as refused:
        fetch(parse_source(f"{base}{route}"))
    assert "Anyone with the link" in refused.value.message


def test_a_server_slower_than_the_timeout(base: str) -> None:
    started = time.monotonic()
    with pytest.raises(SourceProblem, match=r"did not answer within 0\.5 seconds"):
        fetch(parse_source(f"{base}/slow"), timeout=0.5)
    assert time.monotonic() - started < 1.4  # refused before the server's 1.5 s answer


def test_a_server_dripping_bytes_is_cut_off_by_the_whole_fetch_deadline(base: str) -> None:
    started = time.monotonic()
    with pytest.raises(SourceProblem, match=r"did not answer within 0\.5 seconds"):
        fetch(parse_source(f"{base}/drip"), timeout=0.5)
    assert time.monotonic() - started < 1.5  # the body would take 20 x 67 x 50 ms = 67 s


def test_a_declared_oversize_body_is_refused_before_reading(base: str) -> None:
    with pytest.raises(SourceProblem, match=r"is 50\.0 MB; the limit is 10 MB"):
        fetch(parse_source(f"{base}/big-declared"))


def test_an_undeclared_oversize_body_is_cut_at_the_cap(base: str) -> None:
    with pytest.raises(SourceProblem, match=r"is more than 1\.0 MB; the limit is 1 MB"):
        fetch(parse_source(f"{base}/big-undeclared"), SMALL)


def test_a_private_sheet_says_how_to_share_it(base: str) -> None:
    with pytest.raises(SourceProblem, match="answered HTTP 403") as refused:
        fetch(parse_source(f"{base}/private"))
    assert "Anyone with the link can view" in refused.value.message


def test_a_missing_sheet(base: str) -> None:
    with pytest.raises(SourceProblem, match="answered HTTP 404"):
        fetch(parse_source(f"{base}/gone.csv"))


def test_a_server_that_is_down() -> None:
    with pytest.raises(SourceProblem, match="could not be reached"):
        fetch(parse_source(f"http://127.0.0.1:{closed_port()}/tracker.csv"), timeout=2)


def test_a_file_source_is_read_within_the_cap(tmp_path: Path) -> None:
    tracker = tmp_path / "tracker.csv"
    tracker.write_bytes(CSV)
    assert fetch(parse_source(str(tracker))).data == CSV
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 1_200_000)
    with pytest.raises(SourceProblem, match=r"is 1\.2 MB; the limit is 1 MB"):
        fetch(parse_source(str(big)), SMALL)
    with pytest.raises(SourceProblem, match="could not be read"):
        fetch(parse_source(str(tmp_path / "missing.csv")))
    with pytest.raises(SourceProblem, match="is not a file"):
        fetch(parse_source(str(tmp_path)))
