"""Redaction: the resolved applications frame -> the Snapshot a share link stores, hiding what the owner chose.

Why: the seeker shares their dashboard with a mentor, not their spreadsheet. Company names become "Company 1",
"Company 2", … (numbered by first appearance; the same company, however it is capitalised or punctuated, always
the same number); notes, links, contacts and reasons as written are dropped unless the owner keeps them
(`Redaction`, `snapshot.TEXT_CATEGORIES`); dates are rounded down to the Monday of their ISO week. `preview`
returns exactly the frame that `redact` stores, so the owner sees what the mentor will see.

What is kept and how:
- Only the columns of the resolved frame are kept (`schema.COLUMNS`, the derived and breakdown columns): the
  "original: …" cells of the Data page never reach a snapshot. A breakdown named like a link (`segment: URL`)
  belongs to the links category and is dropped with it.
- A dropped category's canonical columns stay, empty (None), so every page finds the columns it reads.
- In every text that is kept (role, status and source as typed, breakdowns, and kept notes, contacts or reasons),
  a company name standing as a word of its own, in any capitalisation, is replaced by its number; web addresses
  are replaced by "[link removed]" unless links are kept, and e-mail addresses and phone numbers by
  "[contact removed]" unless contacts are kept. A name of one character is replaced only where it is a whole
  cell (it would otherwise eat letters of other words). A `source` cell that is one of the normalised channels
  (LinkedIn, Indeed, …) is left alone, so a company called Indeed does not turn every Indeed application into it.
- The filters kept with the settings get the same treatment (their values; the keys are the app's own names),
  and their ISO dates are rounded to weeks too; the as-of date stays as it is (it dates the figures, not a
  person's day).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping

import pandas as pd

from applytics.analytics.metrics import MetricParams
from applytics.schema import COMPANY, DIRECTION, FURTHEST_STAGE, OUTCOME, REASON_CATEGORY, SOURCE, USER_SEGMENT_PREFIX
from applytics.share.snapshot import (
    AS_OF,
    EMAIL,
    FILTERS,
    GHOST_AFTER_DAYS,
    TEXT_CATEGORIES,
    URL,
    Redaction,
    ShareProblem,
    Snapshot,
    _seal,
    check_settings,
    is_known_column,
    is_link_column,
)
from applytics.text import fold

__all__ = ["CHANNELS", "TEXT_CATEGORIES", "Redaction", "Snapshot", "preview", "pseudonyms", "redact", "week_of"]

LINK_REMOVED = "[link removed]"
CONTACT_REMOVED = "[contact removed]"
# The labels intake.normalize gives the channels it recognises (tests/unit/share/test_redact.py checks they agree).
CHANNELS = frozenset(
    ("Referral", "Recruiter", "LinkedIn", "Indeed", "Glassdoor", "Networking", "Company site", "Job board (other)")
)
PHONE = re.compile(r"(?<![\w+])\+?\d(?:[\s().-]{0,2}\d){8,14}(?!\w)")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# Columns whose values come from a closed vocabulary that intake or analytics computed: never free text.
_VOCABULARY = frozenset((OUTCOME, DIRECTION, REASON_CATEGORY, FURTHEST_STAGE))
MAX_NAME_IN_TEXT = 200  # a longer "company" is replaced only where it is a whole cell


def redact(
    resolved: pd.DataFrame,
    redaction: Redaction,
    params: MetricParams,
    filters: Mapping[str, object] | None = None,
) -> Snapshot:
    """The Snapshot of the resolved applications (`View.resolved`, resolved with `params`) under `redaction`.

    `filters` is any JSON-able dict of the dashboard's filters (dates may be datetime.date or ISO text); it is
    stored in the settings, redacted like the frame. Raises ShareProblem when the result is too big to share."""
    scrub = _Scrubber(_resolved(resolved), redaction)
    settings: dict[str, object] = {
        AS_OF: params.as_of.isoformat(),
        GHOST_AFTER_DAYS: int(params.ghost_after_days),
        FILTERS: scrub.settings(dict(filters or {})),
    }
    check_settings(settings)
    return _seal(_redacted_frame(resolved, redaction, scrub), settings, redaction)


def preview(resolved: pd.DataFrame, redaction: Redaction) -> pd.DataFrame:
    """Exactly the frame a share made with this redaction stores (and its viewer reads), dtype for dtype."""
    settings: dict[str, object] = {AS_OF: dt.date(2000, 1, 3).isoformat(), GHOST_AFTER_DAYS: 0, FILTERS: {}}
    scrub = _Scrubber(_resolved(resolved), redaction)
    return _seal(_redacted_frame(resolved, redaction, scrub), settings, redaction).frame


def pseudonyms(companies: pd.Series) -> dict[str, str]:
    """Each distinct company spelling -> "Company n", numbered by first appearance of the company.

    One company is one folded name (`text.fold`: case, accents, punctuation and spacing aside), so "Acme Inc."
    and "ACME inc" share a number."""
    numbers: dict[str, str] = {}
    by_spelling: dict[str, str] = {}
    for name in companies.dropna():
        if not isinstance(name, str) or not name.strip() or name in by_spelling:
            continue
        key = fold(name) or "\x00" + " ".join(name.split()).casefold()
        number = numbers.setdefault(key, f"Company {len(numbers) + 1}")
        by_spelling[name] = number
    return by_spelling


def week_of(values: pd.Series) -> pd.Series:
    """Each date -> midnight on the Monday of its ISO week (the same dtype; NaT stays NaT)."""
    days = values.dt.normalize()
    return (days - pd.to_timedelta(days.dt.day_of_week, unit="D")).astype(values.dtype)


def _resolved(frame: object) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError("redact takes the resolved applications frame (View.resolved)")
    if frame.columns.duplicated().any():
        raise ValueError("the applications frame has two columns of one name")
    return frame


def _redacted_frame(resolved: pd.DataFrame, redaction: Redaction, scrub: _Scrubber) -> pd.DataFrame:
    dropped = {c for cat in TEXT_CATEGORIES if not redaction.keeps(cat.key) for c in cat.columns}
    out = {}
    for name in resolved.columns:
        if not is_known_column(name) or (not redaction.keep_links and is_link_column(name)):
            continue
        column = resolved[name].reset_index(drop=True)
        if name in dropped:
            column = pd.Series([None] * len(column), dtype=column.dtype if _is_text(column) else object)
        elif name == COMPANY and redaction.number_companies:
            column = scrub.companies(column)
        elif pd.api.types.is_datetime64_any_dtype(column.dtype) and redaction.weekly_dates:
            column = week_of(column)
        elif name not in _VOCABULARY and _is_text(column):
            column = _map_text(column, scrub.source if name == SOURCE else scrub.text)
        if str(name).startswith(USER_SEGMENT_PREFIX):  # the header is the user's text too
            header = USER_SEGMENT_PREFIX + scrub.text(name[len(USER_SEGMENT_PREFIX) :])
            name = header if header not in out else f"{header} ({len(out)})"
        out[name] = column
    return pd.DataFrame(out, index=pd.RangeIndex(len(resolved)))


def _is_text(column: pd.Series) -> bool:
    return pd.api.types.is_object_dtype(column.dtype) or pd.api.types.is_string_dtype(column.dtype)


def _map_text(column: pd.Series, func: Callable[[str], str]) -> pd.Series:
    """func over each distinct text cell (trackers repeat the same words), other cells and the dtype kept."""
    distinct = {v: func(v) for v in column.dropna().unique() if isinstance(v, str)}
    if not distinct or all(k == v for k, v in distinct.items()):
        return column
    mapped = column.astype(object).map(lambda v: distinct.get(v, v) if isinstance(v, str) else v)
    return mapped.astype(column.dtype)


class _Scrubber:
    """Company names, links and contacts out of text, as the redaction says.

    Names are found in a caseless form of each text (Unicode case folding and canonical decomposition, char by
    char, so "GROSSMANN" meets "Großmann" and an accent typed as two code points meets one), then replaced in
    the text as written, whole characters at a time."""

    def __init__(self, resolved: pd.DataFrame, redaction: Redaction) -> None:
        self.redaction = redaction
        companies = resolved[COMPANY] if COMPANY in resolved.columns else pd.Series([], dtype=object)
        self.numbers = pseudonyms(companies)
        self.lookup: dict[str, str] = {}
        for name, number in self.numbers.items():
            self.lookup.setdefault(_spelling(_caseless(name)[0]), number)
        in_text = [n for n in self.lookup if 1 < len(n) <= MAX_NAME_IN_TEXT]
        self.pattern = _names_pattern(in_text) if redaction.number_companies else None

    def companies(self, column: pd.Series) -> pd.Series:
        numbered = [self.numbers.get(v) if isinstance(v, str) else None for v in column]
        return pd.Series(numbered, dtype=column.dtype if _is_text(column) else object)

    def text(self, value: str) -> str:
        if not isinstance(value, str):
            return value
        if not self.redaction.keep_links:
            value = URL.sub(LINK_REMOVED, value)
        if not self.redaction.keep_contacts:
            value = PHONE.sub(CONTACT_REMOVED, EMAIL.sub(CONTACT_REMOVED, value))
        if self.redaction.number_companies:
            value = self._names(value)
        return value

    def source(self, value: str) -> str:
        return value if value in CHANNELS else self.text(value)

    def _names(self, value: str) -> str:
        folded, origin = _caseless(value)
        whole = self.lookup.get(_spelling(folded))
        if whole:
            return whole
        if self.pattern is None:
            return value
        parts, done = [], 0
        for match in self.pattern.finditer(folded):
            start = max(done, origin[match.start()] if origin else match.start())
            end = origin[match.end() - 1] + 1 if origin else match.end()
            parts += [value[done:start], self.lookup[_spelling(match.group(0))]]
            done = end
        return "".join(parts) + value[done:] if parts else value

    def settings(self, value: object) -> object:
        """The filters with every text redacted like the frame's and, with weekly dates, ISO days -> Mondays."""
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            value = value.isoformat()
        if isinstance(value, str):
            if self.redaction.weekly_dates and _ISO_DAY.fullmatch(value):
                try:
                    day = dt.date.fromisoformat(value)
                except ValueError:
                    return self.text(value)
                return (day - dt.timedelta(days=day.weekday())).isoformat()
            return self.text(value)
        if isinstance(value, (list, tuple)):
            return [self.settings(v) for v in value]
        if isinstance(value, Mapping):
            return {key: self.settings(item) for key, item in value.items()}  # keys are the app's names
        if value is None or isinstance(value, (bool, int, float)):
            return value
        raise ShareProblem(f"A filter holds a {type(value).__name__}: a share keeps only JSON values.")


def _spelling(text: str) -> str:
    return " ".join(text.split())


def _caseless(text: str) -> tuple[str, list[int] | None]:
    """The text folded for caseless matching, and for each folded character the index of the character it came
    from (None when they are the same: ASCII text folds one character to one)."""
    if text.isascii():
        return text.lower(), None
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        piece = unicodedata.normalize("NFD", unicodedata.normalize("NFD", char).casefold())
        folded.append(piece)
        origin += [index] * len(piece)
    return "".join(folded), origin


def _names_pattern(spellings: list[str]) -> re.Pattern[str] | None:
    """One expression matching any of the spellings as a word of its own, longest first (a trie, so a tracker
    with thousands of companies still scans each cell once)."""
    if not spellings:
        return None
    trie: dict[str, dict] = {}
    for spelling in spellings:
        node = trie
        for token in _tokens(spelling):
            node = node.setdefault(token, {})
        node[""] = {}
    return re.compile(r"(?<!\w)(?:" + _render(trie) + r")(?!\w)")


def _tokens(spelling: str) -> list[str]:
    return [r"\s+" if ch == " " else re.escape(ch) for ch in spelling]


def _render(node: dict[str, dict]) -> str:
    """The trie as an expression: a name that ends where a longer one goes on is optional past that point, so
    the longer one is tried first. Runs of single letters are written out without groups."""
    branches = []
    for token, child in sorted(node.items()):
        if not token:
            continue
        chain = token
        while len(child) == 1 and "" not in child:
            ((token, child),) = child.items()
            chain += token
        branches.append(chain + _render(child))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
