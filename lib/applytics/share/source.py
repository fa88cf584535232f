"""Live sources: the tracker a hosted dashboard reads from a URL, a Google Sheets link or a file path.

Why: most job seekers keep their tracker in Google Sheets or a file they keep updating; a deployer points the
dashboard at it once (APPLYTICS_SOURCE) and every visit shows the current figures. A source is untrusted
input from the network: the fetch is bounded in bytes, time and redirects before the import's own guard sees
a byte, and every failure is a SourceProblem that says what happened and what to do.
"""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

from applytics.errors import ImportProblem
from applytics.intake.guard import DEFAULT_LIMITS, Limits

DEFAULT_TIMEOUT_SECONDS = 15.0  # the whole fetch, not one read: a server dripping a byte a second is cut off
DEFAULT_TTL_SECONDS = 300
MAX_REDIRECTS = 5
USER_AGENT = "Applytics (tracker dashboard; +https://github.com/applytics)"
_SHEET_ID = re.compile(r"^/spreadsheets/(?:u/\d+/)?d/([A-Za-z0-9_-]{20,})")  # /u/1/: the second signed-in account
_PUBLISHED_ID = re.compile(r"^/spreadsheets/(?:u/\d+/)?d/e/([A-Za-z0-9_-]{20,})")
_GID = re.compile(r"(?:^|[#&?])gid=(\d+)")
_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods")


class SourceProblem(ImportProblem):
    """A live source that could not be fetched: down, slow, too big, a web page instead of a sheet, …"""


@dataclass(frozen=True)
class Source:
    """Where a tracker comes from. `location` is what is fetched (an export URL for a Google link);
    `shown` is what the page may show of it (no query string: it can hold a key)."""

    kind: str  # "url" or "path"
    location: str
    shown: str
    name: str  # the file name the import sees: its suffix picks the reader


@dataclass(frozen=True)
class Fetched:
    name: str
    data: bytes


def google_export_url(url: str, output: str = "csv") -> str | None:
    """A Google Sheets link as people copy it (…/d/<id>/edit#gid=<n>, /view, /htmlview, ?usp=sharing) or a
    "publish to web" link (…/d/e/<id>/pubhtml?gid=<n>) -> the URL of its CSV (or XLSX) export; None when
    the URL is not a Google Sheets link."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or parts.hostname != "docs.google.com":
        return None
    gid = _GID.search(parts.fragment) or _GID.search(parts.query)
    published = _PUBLISHED_ID.search(parts.path)
    if published:
        query = {"output": output} | ({"gid": gid.group(1), "single": "true"} if gid else {})
        return f"https://docs.google.com/spreadsheets/d/e/{published.group(1)}/pub?{urllib.parse.urlencode(query)}"
    sheet = _SHEET_ID.search(parts.path)
    if not sheet:
        return None
    query = {"format": output} | ({"gid": gid.group(1)} if gid else {})
    return f"https://docs.google.com/spreadsheets/d/{sheet.group(1)}/export?{urllib.parse.urlencode(query)}"


def parse_source(text: str) -> Source:
    """APPLYTICS_SOURCE as a deployer writes it -> a Source; a value that is neither a URL nor a path is refused."""
    value = text.strip()
    if not value:
        raise SourceProblem("APPLYTICS_SOURCE is empty.", "Set it to a URL, a Google Sheets link or a file path.")
    parts = urllib.parse.urlsplit(value)
    if parts.scheme in ("http", "https"):
        if not parts.hostname:
            raise SourceProblem(f"APPLYTICS_SOURCE “{_shown(value)}” has no host name.", "Check the URL.")
        google = google_export_url(value)
        if google is not None:
            return Source("url", google, _shown(value), "google-sheet.csv")
        return Source("url", value, _shown(value), _file_name(parts.path))
    if parts.scheme and len(parts.scheme) > 1 and parts.scheme != "file":  # "C:\..." has a one-letter scheme
        raise SourceProblem(
            f"APPLYTICS_SOURCE uses “{parts.scheme}:”, which Applytics does not fetch.",
            "Use an http(s) URL, a Google Sheets link or a file path.",
        )
    path = Path(urllib.parse.unquote(parts.path) if parts.scheme == "file" else value).expanduser()
    return Source("path", str(path), str(path), path.name)


def _shown(url: str) -> str:
    """The URL without user, password, query or fragment: any of them can hold a key."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}{parts.path}"
    host = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit((parts.scheme, host, parts.path, "", ""))


def _file_name(path: str) -> str:
    name = urllib.parse.unquote(path.rstrip("/").rsplit("/", 1)[-1])
    return name if name.lower().endswith(_SUFFIXES) else f"{name or 'source'}.csv"


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    """At most MAX_REDIRECTS hops, each to http(s) only (never file:, ftp:, …)."""

    max_redirections = MAX_REDIRECTS

    def http_error_302(  # urllib's hook, untyped there
        self, req: urllib.request.Request, fp: object, code: int, msg: str, headers: Message
    ) -> object:
        target = urllib.parse.urljoin(req.full_url, headers.get("Location") or headers.get("URI") or "")
        if urllib.parse.urlsplit(target).scheme not in ("http", "https"):
            raise SourceProblem(
                f"The source redirected to “{_shown(target)}”, which is not a web address.",
                "Point APPLYTICS_SOURCE at the final http(s) URL of the sheet.",
            )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def fetch(
    source: Source,
    limits: Limits = DEFAULT_LIMITS,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
    clock: Callable[[], float] = time.monotonic,
) -> Fetched:
    """The source's bytes, at most limits.max_bytes, within `timeout` seconds in all; or a SourceProblem."""
    if source.kind == "path":
        return _read_path(source, limits)
    opener = urllib.request.build_opener(_LimitedRedirects)
    request = urllib.request.Request(source.location, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    deadline = clock() + timeout
    try:
        with opener.open(request, timeout=timeout) as answer:
            _refuse_web_page(answer.headers, source)
            declared = answer.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limits.max_bytes:
                raise _too_big(source, int(declared), limits, at_least=False)
            chunks, total = [], 0
            while chunk := answer.read1(min(64 * 1024, limits.max_bytes + 1 - total)):
                chunks.append(chunk)
                total += len(chunk)
                if total > limits.max_bytes:
                    raise _too_big(source, total, limits, at_least=True)
                if clock() > deadline:
                    raise _too_slow(source, timeout)
            name = _answer_name(answer.headers, source)
    except SourceProblem:
        raise
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            raise SourceProblem(
                f"The source {source.shown} redirected more than {MAX_REDIRECTS} times, or in a loop.",
                "Open the address in a browser and use the address it ends on.",
            ) from None
        raise SourceProblem(
            f"The source {source.shown} answered HTTP {exc.code} ({exc.reason}).",
            _status_fix(exc.code),
        ) from None
    except TimeoutError:
        raise _too_slow(source, timeout) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError):
            raise _too_slow(source, timeout) from None
        raise SourceProblem(
            f"The source {source.shown} could not be reached ({reason}).",
            "Check that the address is right and the server is up; the dashboard tries again on refresh.",
        ) from None
    data = b"".join(chunks)
    if _looks_like_web_page(data):
        raise _web_page(source)
    return Fetched(name, data)


def _read_path(source: Source, limits: Limits) -> Fetched:
    path = Path(source.location)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise SourceProblem(f"The source {source.shown} is not a file.", "Point APPLYTICS_SOURCE at the tracker.")
        if size > limits.max_bytes:
            raise _too_big(source, size, limits, at_least=False)
        with path.open("rb") as file:
            data = file.read(limits.max_bytes + 1)
    except OSError as exc:
        raise SourceProblem(
            f"The source {source.shown} could not be read ({exc.strerror or exc}).",
            "Check the path and that the dashboard may read it.",
        ) from None
    if len(data) > limits.max_bytes:
        raise _too_big(source, len(data), limits, at_least=True)
    return Fetched(source.name, data)


def _refuse_web_page(headers: Message, source: Source) -> None:
    if headers.get_content_type() in ("text/html", "application/xhtml+xml"):
        raise _web_page(source)


def _looks_like_web_page(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:256]


def _web_page(source: Source) -> SourceProblem:
    return SourceProblem(
        f"The source {source.shown} answered with a web page (often a sign-in page), not a spreadsheet.",
        "Share the sheet as “Anyone with the link can view” or publish it to the web (File → Share → Publish "
        "to web, CSV), then use that link.",
    )


def _too_big(source: Source, size: int, limits: Limits, at_least: bool) -> SourceProblem:
    counted = f"more than {limits.max_bytes / 1e6:.1f}" if at_least else f"{size / 1e6:.1f}"
    return SourceProblem(
        f"The source {source.shown} is {counted} MB; the limit is {limits.max_bytes / 1e6:.0f} MB.",
        "Point it at the tracker sheet only, or export that sheet as CSV.",
    )


def _too_slow(source: Source, timeout: float) -> SourceProblem:
    return SourceProblem(
        f"The source {source.shown} did not answer within {timeout:g} seconds.",
        "The server may be busy: refresh later, or raise APPLYTICS_SOURCE_TIMEOUT.",
    )


def _status_fix(code: int) -> str:
    if code in (401, 403):
        return "The sheet is private: share it as “Anyone with the link can view”, or publish it to the web."
    if code == 404:
        return "Check the address; the sheet may have been moved or deleted."
    return "The server had a problem; the dashboard tries again on refresh."


def _answer_name(headers: Message, source: Source) -> str:
    """The file name the import sees: from Content-Disposition or the content type when the URL has none."""
    disposition = headers.get_filename()
    if disposition:
        name = Path(disposition).name
        if name.lower().endswith(_SUFFIXES):
            return name
    kind = headers.get_content_type()
    stem = source.name.rsplit(".", 1)[0]
    if "spreadsheetml" in kind:
        return f"{stem}.xlsx"
    if "opendocument.spreadsheet" in kind:
        return f"{stem}.ods"
    return source.name
