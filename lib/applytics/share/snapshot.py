"""What a shared snapshot is and promises: a redacted applications frame, its settings, and the redaction it honours.

Why: a share link hands a mentor a read-only dashboard. What is stored behind it must never hold what the job
seeker chose to hide, so a `Snapshot` can only be made by `applytics.share.redact.redact` (or read back from
bytes that `redact` wrote), and both paths check the frame against its `Redaction` before a Snapshot exists:
company names numbered, dropped categories empty, dates on Mondays, only the canonical columns (never the
"original: …" cells the Data page shows). The store (`share/store.py`) accepts nothing else.

The frame is the *resolved* one (`analytics.metrics.resolve_outcomes` as of the owner's date and ghost window,
`View.resolved` in the app), not the canonical frame: outcomes (pending / ghosted), `responded` and `mature` are
decided on the exact dates before they are coarsened to weeks, so every count and rate the read-only dashboard
computes from `Snapshot.frame` is the owner's. A viewer must use it as it is, with `Snapshot.params`, and never
resolve it again (a week-rounded date could move an application across the ghost window). Day counts (time to a
reply, days per step) are computed from the week-rounded dates: that is what coarsening costs.

Format: UTF-8 JSON, one list of values per column with its dtype written out (never pickle), so reading it back
gives the same frame, dtype for dtype, and the stored bytes can be searched (tests look for leaked names in
them). Bounded: MAX_SNAPSHOT_BYTES.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import cached_property

import numpy as np
import pandas as pd

from applytics.analytics.metrics import MetricParams
from applytics.errors import ImportProblem
from applytics.schema import (
    COLUMNS,
    COMPANY,
    CONTACT,
    FEEDBACK_TEXT,
    MATURE,
    NOTES,
    OPTIONAL_COLUMNS,
    REJECTION_REASON,
    RESPONDED,
    SEGMENT_FIELDS,
    USER_SEGMENT_PREFIX,
)

FORMAT = "applytics-share-snapshot"
VERSION = 1
MAX_SNAPSHOT_BYTES = 5 * 1024 * 1024  # a tracker of several thousand applications is well under 1 MB
MAX_SETTINGS_BYTES = 64 * 1024
MAX_SETTINGS_DEPTH = 8
AS_OF = "as_of"
GHOST_AFTER_DAYS = "ghost_after_days"
FILTERS = "filters"
PSEUDONYM = re.compile(r"Company [1-9][0-9]*")
# What a dropped category must not leave behind in any text cell (checked on every snapshot). Phone numbers are
# scrubbed too (share/redact.py) but not checked: a number pattern is too loose to prove absence with.
URL = re.compile(
    r"(?i)(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"']*"  # with a scheme, or www.
    r"|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?::\d+)?/[^\s<>\"']*"  # a host name with a path: jobs.acme.example/2
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
LINK_HEADER = re.compile(r"(?i)\b(url|urls|link|links|website|web site|href|posting|job ad|lien|enlace|enlace web)\b")
_KNOWN = frozenset(c.name for c in (*COLUMNS, *OPTIONAL_COLUMNS)) | frozenset(SEGMENT_FIELDS)


class ShareProblem(ImportProblem):
    """A snapshot that cannot be shared or read back (too big, damaged, not redacted as it says), explained."""


@dataclass(frozen=True)
class TextCategory:
    """Free text a person typed that a share drops unless the owner keeps it (`Redaction.keep_<key>`)."""

    key: str
    label: str
    columns: tuple[str, ...]  # canonical columns emptied when dropped
    meaning: str


TEXT_CATEGORIES: tuple[TextCategory, ...] = (
    TextCategory("notes", "Notes", (NOTES,), "the notes column"),
    TextCategory(
        "links",
        "Links",
        (),
        "job-posting links: a breakdown column named like a link (URL, Link, Website, …) and every web address "
        "inside the text that is kept",
    ),
    TextCategory(
        "contacts",
        "Contacts",
        (CONTACT,),
        "the contact column, and e-mail addresses and phone numbers inside the text that is kept",
    ),
    TextCategory(
        "reasons",
        "Reasons as written",
        (REJECTION_REASON, FEEDBACK_TEXT),
        "rejection reasons and feedback as typed (their category is always kept)",
    ),
)


@dataclass(frozen=True)
class Redaction:
    """What a share hides. The defaults hide everything that names an employer or a person, and the days."""

    number_companies: bool = True  # company names -> "Company 1", "Company 2", … in order of first appearance
    keep_notes: bool = False
    keep_links: bool = False
    keep_contacts: bool = False
    keep_reasons: bool = False
    weekly_dates: bool = True  # every date -> the Monday of its ISO week

    def keeps(self, category: str) -> bool:
        """Whether the text category with this key (TEXT_CATEGORIES) is kept."""
        return bool(getattr(self, f"keep_{category}"))

    def to_dict(self) -> dict[str, bool]:
        return {f.name: bool(getattr(self, f.name)) for f in fields(self)}

    @classmethod
    def from_dict(cls, values: Mapping[str, object]) -> Redaction:
        names = {f.name for f in fields(cls)}
        if not isinstance(values, Mapping) or set(values) != names:
            raise ShareProblem("This shared snapshot is damaged: its redaction record is not readable.")
        if not all(isinstance(v, bool) for v in values.values()):
            raise ShareProblem("This shared snapshot is damaged: its redaction record is not readable.")
        return cls(**values)  # type: ignore[arg-type]


_KEY = object()  # only Snapshot.from_bytes holds it (and _seal, which redact calls, goes through it)


@dataclass(frozen=True)
class Snapshot:
    """A redacted, serialised dashboard: `frame`, `settings` and `redaction` are read from `data`, the very bytes
    the store keeps. Made by `redact(...)` only; `created_at` / `expires_at` (UTC) are set by the store."""

    data: bytes = field(repr=False)
    created_at: dt.datetime | None = None
    expires_at: dt.datetime | None = None
    _key: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._key is not _KEY:
            raise TypeError("A Snapshot is made by applytics.share.redact.redact(frame, redaction, params).")

    @cached_property
    def _document(self) -> tuple[pd.DataFrame, dict[str, object], Redaction]:
        return _decode(self.data)

    @property
    def frame(self) -> pd.DataFrame:
        """The redacted, resolved applications (a copy: changing it changes nothing stored)."""
        return self._document[0].copy()

    @property
    def settings(self) -> dict[str, object]:
        """{"as_of": "YYYY-MM-DD", "ghost_after_days": n, "filters": {…}}: JSON values only."""
        return json.loads(json.dumps(self._document[1]))

    @property
    def redaction(self) -> Redaction:
        return self._document[2]

    @property
    def params(self) -> MetricParams:
        """The as-of date and ghost window the frame was resolved with."""
        settings = self._document[1]
        return MetricParams(dt.date.fromisoformat(str(settings[AS_OF])), int(settings[GHOST_AFTER_DAYS]))  # type: ignore[arg-type]

    @property
    def filters(self) -> dict[str, object]:
        return self.settings[FILTERS]  # type: ignore[return-value]

    def to_bytes(self) -> bytes:
        return self.data

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Copies and in-process caches (st.cache_data pickles) rebuild a Snapshot from its bytes, checked again.
        Pickle is never how a snapshot is stored: the store keeps `to_bytes()`."""
        return _restore, (self.data, self.created_at, self.expires_at)

    @classmethod
    def from_bytes(
        cls, data: bytes, *, created_at: dt.datetime | None = None, expires_at: dt.datetime | None = None
    ) -> Snapshot:
        """Bytes that `to_bytes` gave -> the same Snapshot; ShareProblem for anything else (checked in full)."""
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError("Snapshot.from_bytes takes bytes")
        snapshot = cls(bytes(data), created_at, expires_at, _key=_KEY)
        snapshot._document  # noqa: B018 - decode and check now, not on first use
        return snapshot


def _restore(data: bytes, created_at: dt.datetime | None, expires_at: dt.datetime | None) -> Snapshot:
    return Snapshot.from_bytes(data, created_at=created_at, expires_at=expires_at)


def _seal(frame: pd.DataFrame, settings: dict[str, object], redaction: Redaction) -> Snapshot:
    """The Snapshot of an already redacted frame: encoded, bounded, then decoded and checked like stored bytes."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "redaction": redaction.to_dict(),
        "settings": settings,
        "rows": len(frame),
        "columns": [_encode_column(str(name), frame[name]) for name in frame.columns],
    }
    data = json.dumps(document, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")
    if len(data) > MAX_SNAPSHOT_BYTES:
        raise ShareProblem(
            f"This dashboard is too big to share: {len(data) / 1e6:.1f} MB once redacted, and a share holds at "
            f"most {MAX_SNAPSHOT_BYTES / 1e6:.0f} MB.",
            "Drop the notes and reasons from the share, or filter to fewer applications.",
        )
    return Snapshot.from_bytes(data)


# ---------------------------------------------------------------- the promises a snapshot keeps


def is_known_column(name: object) -> bool:
    """A column of the canonical or resolved frame, or a breakdown ("segment: …"): all a snapshot may hold."""
    return isinstance(name, str) and (name in _KNOWN or name.startswith(USER_SEGMENT_PREFIX))


def is_link_column(name: str) -> bool:
    """A breakdown the user named like a link (`segment: Job link`): part of the links category."""
    return name.startswith(USER_SEGMENT_PREFIX) and bool(LINK_HEADER.search(name[len(USER_SEGMENT_PREFIX) :]))


def text_cells(frame: pd.DataFrame) -> list[tuple[str, str]]:
    """(column, cell) for every distinct text cell and every column name of the frame."""
    cells = [(str(name), str(name)) for name in frame.columns]
    for name in frame.columns:
        column = frame[name]
        if pd.api.types.is_object_dtype(column.dtype) or pd.api.types.is_string_dtype(column.dtype):
            cells += [(str(name), v) for v in column.dropna().unique() if isinstance(v, str)]
        elif isinstance(column.dtype, pd.CategoricalDtype):
            cells += [(str(name), str(v)) for v in column.cat.categories]
    return cells


def check_redacted(frame: pd.DataFrame, redaction: Redaction) -> None:
    """ShareProblem unless `frame` holds only what `redaction` lets through."""
    problems = []
    unknown = [str(c) for c in frame.columns if not is_known_column(c)]
    if unknown:
        problems.append(f"columns a share never holds ({', '.join(unknown[:5])})")
    missing = [c.name for c in COLUMNS if c.name not in frame.columns] + [
        c for c in (RESPONDED, MATURE) if c not in frame.columns
    ]
    if missing:
        problems.append(f"not the resolved applications frame (no {', '.join(missing[:5])})")
    if redaction.number_companies and COMPANY in frame.columns:
        names = frame[COMPANY].dropna()
        if not all(isinstance(v, str) and PSEUDONYM.fullmatch(v) for v in names.unique()):
            problems.append("company names that are not numbered")
    for category in TEXT_CATEGORIES:
        if redaction.keeps(category.key):
            continue
        filled = [c for c in category.columns if c in frame.columns and frame[c].notna().any()]
        if category.key == "links":
            filled += [str(c) for c in frame.columns if is_link_column(str(c))]
        if filled:
            problems.append(f"{category.label.lower()} it should drop ({', '.join(filled)})")
    cells = text_cells(frame)
    if not redaction.keep_links and any(URL.search(text) for _, text in cells):
        problems.append("a web address it should drop")
    if not redaction.keep_contacts and any(EMAIL.search(text) for _, text in cells):
        problems.append("an e-mail address it should drop")
    if redaction.weekly_dates:
        for name in frame.columns:
            column = frame[name]
            if pd.api.types.is_datetime64_any_dtype(column.dtype):
                days = column.dropna()
                if len(days) and not ((days.dt.day_of_week == 0) & (days == days.dt.normalize())).all():
                    problems.append(f"dates not rounded to weeks ({name})")
    if problems:
        raise ShareProblem("This snapshot is not redacted as it says: " + "; ".join(problems) + ".")


# ---------------------------------------------------------------- columns <-> JSON, dtype for dtype


def _encode_column(name: str, column: pd.Series) -> dict[str, object]:
    dtype = column.dtype
    missing = column.isna().to_numpy()
    if isinstance(dtype, pd.CategoricalDtype):
        categories = [str(c) for c in dtype.categories]
        values: list[object] = [None if m else str(v) for v, m in zip(column.astype(object), missing, strict=True)]
        return {
            "name": name,
            "dtype": "category",
            "categories": categories,
            "ordered": bool(dtype.ordered),
            "values": values,
        }
    if pd.api.types.is_datetime64_any_dtype(dtype):
        if getattr(dtype, "tz", None) is not None:
            raise TypeError(f"column {name!r}: time-zone-aware dates are not part of the frame contract")
        values = [None if m else _iso(v) for v, m in zip(column, missing, strict=True)]
        return {"name": name, "dtype": str(dtype), "values": values}
    if pd.api.types.is_bool_dtype(dtype) or pd.api.types.is_integer_dtype(dtype):
        values = [None if m else _scalar(v, name) for v, m in zip(column.astype(object), missing, strict=True)]
        return {"name": name, "dtype": str(dtype), "values": values}
    if pd.api.types.is_float_dtype(dtype) or pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype):
        values = [None if m else _scalar(v, name) for v, m in zip(column.astype(object), missing, strict=True)]
        return {"name": name, "dtype": str(dtype), "values": values}
    raise TypeError(f"column {name!r} has dtype {dtype}, which a snapshot does not store")


def _iso(value: pd.Timestamp) -> str:
    return value.date().isoformat() if value == value.normalize() else value.isoformat()


def _scalar(value: object, name: str) -> object:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            raise TypeError(f"column {name!r} holds {value}, which a snapshot does not store")
        return float(value)
    if isinstance(value, str):
        return value
    raise TypeError(f"column {name!r} holds a {type(value).__name__}, which a snapshot does not store")


def _decode(data: bytes) -> tuple[pd.DataFrame, dict[str, object], Redaction]:
    damaged = "This shared snapshot is damaged and cannot be shown."
    if len(data) > MAX_SNAPSHOT_BYTES:
        raise ShareProblem(
            f"This shared snapshot is larger than {MAX_SNAPSHOT_BYTES / 1e6:.0f} MB: it was not written by Applytics."
        )
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise ShareProblem(damaged) from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ShareProblem(damaged)
    if document.get("version") != VERSION:
        raise ShareProblem(
            f"This shared snapshot was written by another version of Applytics (format {document.get('version')!r})."
        )
    redaction = Redaction.from_dict(document.get("redaction"))  # type: ignore[arg-type]
    settings = check_settings(document.get("settings"))
    rows, columns = document.get("rows"), document.get("columns")
    if not isinstance(rows, int) or not isinstance(columns, list):
        raise ShareProblem(damaged)
    try:
        frame = pd.DataFrame({str(c["name"]): _decode_column(c, rows) for c in columns}, index=pd.RangeIndex(rows))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ShareProblem(damaged) from error
    if len(frame.columns) != len(columns):
        raise ShareProblem(damaged)
    check_redacted(frame, redaction)
    return frame, settings, redaction


def _decode_column(column: dict[str, object], rows: int) -> pd.Series:
    values = column["values"]
    dtype = column["dtype"]
    if not isinstance(values, list) or len(values) != rows or not isinstance(dtype, str):
        raise ValueError("column length")
    if dtype == "category":
        categories = column["categories"]
        ordered = column["ordered"]
        if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
            raise ValueError("categories")
        if not {v for v in values if v is not None} <= set(categories):
            raise ValueError("category values")
        return pd.Series(pd.Categorical(values, categories=categories, ordered=bool(ordered)))
    if dtype.startswith("datetime64["):
        if not all(v is None or isinstance(v, str) for v in values):
            raise ValueError("dates")
        return pd.Series(pd.to_datetime(pd.Series(values, dtype=object), format="ISO8601")).astype(dtype)
    if not all(v is None or isinstance(v, (str, bool, int, float)) for v in values):
        raise ValueError("values")
    if dtype == "object":
        return pd.Series(values, dtype=object)
    return pd.Series(values, dtype=pd.api.types.pandas_dtype(dtype))


# ---------------------------------------------------------------- settings: JSON values, bounded


def check_settings(settings: object) -> dict[str, object]:
    """The settings as stored: a dict with the as-of date, the ghost window and a dict of filters, JSON only."""
    damaged = "This snapshot's settings are not readable."
    if not isinstance(settings, dict) or not isinstance(settings.get(FILTERS), dict):
        raise ShareProblem(damaged)
    try:
        dt.date.fromisoformat(str(settings.get(AS_OF)))
    except ValueError as error:
        raise ShareProblem(damaged) from error
    ghost = settings.get(GHOST_AFTER_DAYS)
    if not isinstance(ghost, int) or isinstance(ghost, bool) or ghost < 0:
        raise ShareProblem(damaged)
    _check_json(settings, 0)
    if len(json.dumps(settings, ensure_ascii=False).encode("utf-8")) > MAX_SETTINGS_BYTES:
        raise ShareProblem(f"The settings of this share are larger than {MAX_SETTINGS_BYTES // 1024} kB.")
    return settings


def _check_json(value: object, depth: int) -> None:
    if depth > MAX_SETTINGS_DEPTH:
        raise ShareProblem(f"The settings of this share nest deeper than {MAX_SETTINGS_DEPTH} levels.")
    if value is None or isinstance(value, (str, bool, int)):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ShareProblem("The settings of this share hold a number that is not finite.")
        return
    if isinstance(value, list):
        for item in value:
            _check_json(item, depth + 1)
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise ShareProblem("The settings of this share have a key that is not text.")
            _check_json(item, depth + 1)
        return
    raise ShareProblem(f"The settings of this share hold a {type(value).__name__}, which is not a JSON value.")
