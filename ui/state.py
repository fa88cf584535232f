"""The one owner of session-state keys: pages read and write state only through these names."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, TypeVar

import streamlit as st

from applytics.intake.corrections import Corrections

if TYPE_CHECKING:
    from ui.dashboard import View

# Widget keys (set by users; some bound to the URL).
UPLOADER = "upload"
COHORT_UPLOADER = "cohort_upload"  # several files at once, one candidate each
SAMPLE_BUTTON = "try_sample"
SHEET = "sheet"
AS_OF = "as_of"
FILTER_APPLIED = "applied"
FILTER_SOURCE = "source"
FILTER_ROLE = "role"
FILTER_CANDIDATE = "candidate"
GHOST_DAYS = "ghost_days"
MAPPING_UPLOADER = "mapping_upload"
CONVERSION_METRIC = "rate"
CONVERSION_SEGMENT = "segment"
REASON_EDITOR = "reason_editor"
COLUMN_EDITOR = "column_editor"  # prefixes: the full key carries a digest of the corrections it shows
STATUS_EDITOR = "status_editor"
DATE_EDITOR = "date_editor"
CONFIRM_READING = "confirm_reading"  # prefix: one button per reading to check, numbered
FOLLOW_UP_DAYS = "follow_up"
LIVE_REFRESH = "live_refresh"
WEEKLY_GOAL = "goal"
DATA_FILE = "data_file"  # the file of a cohort the Data page shows
CLEANED_PAGE = "cleaned_page"  # the page of the Data page's cleaned table shown
SHARE_DAYS = "share_days"
SHARE_REDACTION = "share_redact"  # prefix: one checkbox per Redaction field, e.g. share_redact_keep_notes
CREATE_SHARE = "create_share"
DISMISS_SHARE = "dismiss_share"
REVOKE_LINK = "revoke_link"
REVOKE_KEY = "revoke_key"
REVOKE_BUTTON = "revoke_share"
# Plain state.
TRACKER = "tracker"
LAST_UPLOAD_ID = "last_upload_id"
LAST_MAPPING_ID = "last_mapping_id"
LAST_COHORT_ID = "last_cohort_id"
CORRECTIONS = "corrections"
VIEW = "page_view"  # this run's page View, set by app.py and dropped when the run ends
SHARE_TOKEN = "share_token"  # the token of the read-only link this session was opened with
NEW_SHARE = "new_share"  # the link and revoke key just created, shown to their owner until dismissed
LIVE_COPY = "live_copy"  # ui.live.LiveCopy: the live source's last good copy and the last check
MEMO = "memo"  # ui.dashboard's imports, resolved frames and segment tests, each table bounded (see memo)


Origin = Literal["sample", "upload", "live", "shared"]


def digest_of(data: bytes) -> str:
    """The content key of a file: hashed once, when its Tracker is made, not on every cached call."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Tracker:
    """The file the dashboard shows, as bytes, and their digest: the cache key for everything derived from it."""

    name: str
    data: bytes = field(repr=False)  # empty for a cohort: its files are `parts`
    origin: Origin
    parts: tuple[Tracker, ...] = ()  # several files uploaded at once, one candidate each (intake.combine)
    digest: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        files = "".join(f"{len(p.name)}:{p.name}{p.digest}" for p in self.parts)
        object.__setattr__(self, "digest", digest_of(files.encode() if self.parts else self.data))

    @classmethod
    def cohort(cls, parts: tuple[Tracker, ...]) -> Tracker:
        return cls(f"{len(parts)} trackers", b"", parts[0].origin, parts)


def tracker() -> Tracker | None:
    return st.session_state.get(TRACKER)


def set_tracker(new: Tracker) -> None:
    """A new file starts with its own sheet choice; the sample never inherits a user's corrections."""
    st.session_state[TRACKER] = new
    st.session_state.pop(SHEET, None)
    st.session_state.pop(DATA_FILE, None)
    if new.origin == "sample":
        st.session_state.pop(CORRECTIONS, None)
        st.session_state.pop(LAST_MAPPING_ID, None)


def corrections() -> Corrections:
    return st.session_state.get(CORRECTIONS) or Corrections()


def has_corrections() -> bool:
    return CORRECTIONS in st.session_state


def set_corrections(new: Corrections) -> None:
    st.session_state[CORRECTIONS] = new


def view() -> View | None:
    """The View app.py built for this run (None in a run that did not go through app.py)."""
    return st.session_state.get(VIEW)


def set_view(new: View) -> None:
    st.session_state[VIEW] = new


def drop_view() -> None:
    st.session_state.pop(VIEW, None)


def editor_key(prefix: str) -> str:
    """A fresh editor whenever corrections change, so its pending edits are never applied twice."""
    current = tracker()
    seed = corrections().to_json() + (current.name if current else "") + str(chosen_sheet())
    seed += str(st.session_state.get(DATA_FILE, ""))
    return f"{prefix}-{hashlib.sha1(seed.encode()).hexdigest()[:10]}"


def chosen_sheet() -> str | None:
    return st.session_state.get(SHEET)


def upload_seen(file_id: str, key: str = LAST_UPLOAD_ID) -> bool:
    """True when this upload was already taken in, so a rerun does not override a later choice."""
    if st.session_state.get(key) == file_id:
        return True
    st.session_state[key] = file_id
    return False


T = TypeVar("T")


def memo(table: str, key: Hashable, build: Callable[[], T], entries: int) -> T:
    """`build()` kept in this session's state under `key`, the `entries` most recently used per table.

    Why not st.cache_data: it pickles what it keeps and unpickles a copy on every read, 50 ms a rerun for a
    100,000-row import, and holds both. The objects kept here are shared, never copied: the frames are pandas
    copy-on-write frames and nothing mutates them in place. A closed session's state goes with it."""
    tables = st.session_state.setdefault(MEMO, {})
    kept: OrderedDict[Hashable, object] = tables.setdefault(table, OrderedDict())
    if key in kept:
        kept.move_to_end(key)
        return kept[key]  # type: ignore[return-value]
    value = build()
    kept[key] = value
    while len(kept) > entries:
        kept.popitem(last=False)
    return value
