"""The user's corrections to detection, and the small JSON file that carries them to the next upload."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace

import pandas as pd

from applytics.errors import ImportProblem
from applytics.intake.detect import FIELD_ALIASES, STAGE_COLUMN_KINDS, Mapping, StageColumn, cell_kind, shape_of
from applytics.intake.guard import DEFAULT_LIMITS
from applytics.intake.plausibility import Uncertain
from applytics.intake.vocabulary import CATEGORIES as REASON_CATEGORIES
from applytics.schema import OUTCOMES, STAGES
from applytics.text import fold

FORMAT = "applytics-mapping"
VERSION = 1
SEGMENT = "segment"
IGNORE = "ignore"
SECOND_STATUS = "outcome"  # a second column of status words beside the status: the furthest either shows counts
NOT_APPLICATION = "not an application"
COLUMN_CHOICES = (*FIELD_ALIASES, *(f"stage:{kind}" for kind in STAGE_COLUMN_KINDS), SECOND_STATUS, SEGMENT, IGNORE)
MAX_FILE_BYTES = 256 * 1024


@dataclass(frozen=True)
class Corrections:
    """What the user changed: header -> choice, status word -> (stage, outcome), header -> date order."""

    columns: dict[str, str] = field(default_factory=dict)
    statuses: dict[str, tuple[str, str]] = field(default_factory=dict)
    date_orders: dict[str, str] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)  # rejection reason text -> category

    def __bool__(self) -> bool:
        return bool(self.columns or self.statuses or self.date_orders or self.reasons)

    def with_column(self, header: str, choice: str) -> Corrections:
        return replace(self, columns={**self.columns, header: choice})

    def with_status(self, word: str, stage: str, outcome: str) -> Corrections:
        return replace(self, statuses={**self.statuses, word: (stage, outcome)})

    def with_date_order(self, header: str, order: str) -> Corrections:
        return replace(self, date_orders={**self.date_orders, header: order})

    def confirming(self, item: Uncertain) -> Corrections:
        """The user says an uncertain reading is right: it becomes a correction, so it is no longer a question."""
        if item.where == "Columns":
            return self.with_column(item.subject, item.reading[0])
        if item.where == "Status words":
            return self.with_status(item.subject, *item.reading)
        return self.with_date_order(item.subject, item.reading[0])

    def with_reason(self, text: str, category: str) -> Corrections:
        return replace(self, reasons={**self.reasons, text: category})

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "version": VERSION,
                "columns": self.columns,
                "statuses": {word: {"stage": s, "outcome": o} for word, (s, o) in self.statuses.items()},
                "date_orders": self.date_orders,
                "reasons": self.reasons,
            },
            ensure_ascii=False,
            indent=2,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, data: bytes | str, name: str = "the mapping file") -> Corrections:
        """Read a mapping file; anything off is an ImportProblem that says which entry and why.

        The file is untrusted: its size and nesting are checked before the JSON parser sees it, numbers are
        kept as text (no section holds one), and every entry must be a string of bounded length."""
        payload = _parse(data, name)
        if not isinstance(payload, dict) or payload.get("format") != FORMAT:
            raise ImportProblem(
                f"{name} is not an Applytics mapping file.", "Download one from the Data page, then upload it here."
            )
        unknown = set(payload) - {"format", "version", *SECTIONS}
        if unknown:
            shown = sorted(unknown)
            listed = ", ".join(_clip(key) for key in shown[:5]) + (
                f" and {len(shown) - 5:,} more" if len(shown) > 5 else ""
            )
            raise ImportProblem(
                f"{name} has section(s) Applytics does not know: {listed}.",
                "Check the spelling, or download the file again from the Data page.",
            )
        sections = {section: payload.get(section) or {} for section in SECTIONS}
        for section, entries in sections.items():
            if not isinstance(entries, dict):
                raise ImportProblem(
                    f"{name} is damaged: “{section}” is {_kind(entries)}; "
                    "columns, statuses, date_orders and reasons must be objects.",
                    FIX,
                )
            _check_entries(entries, section, name)
        columns, statuses, orders, reasons = (sections[s] for s in SECTIONS)
        for text, category in reasons.items():
            _require_text(category, f"rejection reason “{_clip(text)}”", name)
            if category not in REASON_CATEGORIES:
                raise ImportProblem(
                    f"{name}: rejection reason “{_clip(text)}” has category “{_clip(category)}”.",
                    f"Use one of: {', '.join(REASON_CATEGORIES)}.",
                )
        for header, choice in columns.items():
            _require_text(choice, f"column “{_clip(header)}”", name)
            if choice not in COLUMN_CHOICES:
                raise ImportProblem(
                    f"{name}: column “{_clip(header)}” is mapped to “{_clip(choice)}”, which is not a field.",
                    f"Use one of: {', '.join(COLUMN_CHOICES)}.",
                )
        parsed_statuses: dict[str, tuple[str, str]] = {}
        for word, target in statuses.items():
            if not isinstance(target, dict):
                raise ImportProblem(
                    f"{name}: status “{_clip(word)}” is {_kind(target)}; it must be an object with a stage "
                    "and an outcome.",
                    f"Stages: {', '.join(STAGES)}; outcomes: {', '.join(OUTCOMES)} or “{NOT_APPLICATION}”.",
                )
            stage, outcome = target.get("stage"), target.get("outcome")
            for value, part in ((stage, "stage"), (outcome, "outcome")):
                if value is not None:  # a missing one is reported below, with the entry
                    _require_text(value, f"status “{_clip(word)}”: the {part}", name)
            valid = (stage in STAGES and outcome in OUTCOMES) or (
                stage in (*STAGES, "—") and outcome == NOT_APPLICATION
            )
            if not valid:
                raise ImportProblem(
                    f"{name}: status “{_clip(word)}” has stage “{_clip(stage)}” and outcome “{_clip(outcome)}”.",
                    f"Stages: {', '.join(STAGES)}; outcomes: {', '.join(OUTCOMES)} or “{NOT_APPLICATION}”.",
                )
            parsed_statuses[str(word)] = (stage, outcome)
        for header, order in orders.items():
            _require_text(order, f"the date order of “{_clip(header)}”", name)
            if order not in ("dmy", "mdy"):
                raise ImportProblem(f"{name}: date order of “{_clip(header)}” is “{_clip(order)}”; use “dmy” or “mdy”.")
        return cls(dict(columns), parsed_statuses, dict(orders), dict(reasons))


# ---------------------------------------------------------------- reading an untrusted mapping file

SECTIONS = ("columns", "statuses", "date_orders", "reasons")
SAVED_DEPTH = 3  # what to_json writes at most: {"statuses": {"word": {"stage": ...}}}
MAX_DEPTH = 8  # refused past this, before parsing: the C parser recurses once per level
MAX_ENTRIES = 10_000  # per section: a tracker has a few dozen headers, status words and reason phrasings
MAX_TEXT_CHARS = DEFAULT_LIMITS.max_field_chars  # no cell the intake accepts is longer, so no correction key is
FIX = "Choose the .json Applytics saved from the Data page (“Download corrections”)."
_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# A JSON string (an unterminated one runs to the end) or a bracket: what the depth scan looks at.
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\Z)|[\[\]{}]', re.S)


@dataclass(frozen=True)
class _Number:
    """A number in the file, kept as its text: no section of a mapping file holds one, so none is converted
    (1e999999 would be inf, and a 5,000-digit integer would stop int() with its own error)."""

    text: str


def refuse_oversize(size: int, name: str, at_least: bool = False) -> None:
    """Refuse a mapping file over MAX_FILE_BYTES; `size` may come from the file system, before any reading."""
    if size > MAX_FILE_BYTES:
        counted = f"more than {MAX_FILE_BYTES:,}" if at_least else f"{size:,}"
        raise ImportProblem(
            f"{name} is larger than a mapping file can be: {counted} bytes, and the limit is "
            f"{MAX_FILE_BYTES:,} bytes ({MAX_FILE_BYTES // 1024} KB); a saved one is a few KB.",
            FIX,
        )


def _parse(data: bytes | str, name: str) -> object:
    if isinstance(data, str):
        refuse_oversize(len(data) if len(data) > MAX_FILE_BYTES else len(data.encode("utf-8", "surrogatepass")), name)
        text, encoding, bom = data.removeprefix("\ufeff"), "utf-8", 0
    else:
        refuse_oversize(len(data), name)
        text, encoding, bom = _decode(data, name)
    if not text.strip():
        raise ImportProblem(f"{name} is empty.", FIX)
    deepest, start = _nesting(text)
    if deepest > MAX_DEPTH:
        at = bom + len(text[:start].encode(encoding, "surrogatepass"))
        raise ImportProblem(
            f"{name} is nested {deepest:,} levels deep (level {MAX_DEPTH + 1} opens at byte {at:,}); "
            f"an Applytics mapping file is nested {SAVED_DEPTH} levels at most, and more than {MAX_DEPTH} "
            "is refused.",
            FIX,
        )
    try:
        return json.loads(text, parse_int=_Number, parse_float=_Number, parse_constant=_Number)
    except ValueError as exc:
        raise ImportProblem(f"{name} is not valid JSON ({exc}).", "Choose the .json Applytics saved.") from None
    except RecursionError:  # the depth scan should have stopped it; never a traceback either way
        raise ImportProblem(f"{name} is nested too deeply to read.", FIX) from None
    except MemoryError:
        raise ImportProblem(f"{name} is too large to read.", FIX) from None


def _decode(data: bytes, name: str) -> tuple[str, str, int]:
    """bytes -> (text, its encoding, BOM length): UTF-8 with or without a BOM, and UTF-16/32 as JSON allows."""
    mark, encoding = next(((m, e) for m, e in _BOMS if data.startswith(m)), (b"", json.detect_encoding(data)))
    try:
        return data[len(mark) :].decode(encoding), encoding, len(mark)
    except UnicodeDecodeError as exc:
        label = encoding.split("-")[0].upper() + "-" + encoding.split("-")[1]
        raise ImportProblem(
            f"{name} is not valid JSON (byte {exc.start + len(mark):,} is not {label} text; "
            "a file Applytics saved is UTF-8).",
            "Choose the .json Applytics saved.",
        ) from None


def _nesting(text: str) -> tuple[int, int]:
    """(the deepest nesting of [ and { outside strings, the index where it first passes MAX_DEPTH)."""
    depth = deepest = 0
    start = -1
    for token in _TOKENS.finditer(text):
        char = text[token.start()]
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if depth == MAX_DEPTH + 1:
                    start = token.start()
        elif char in "]}":
            depth = max(depth - 1, 0)  # a stray closer: the parser will say so
    return deepest, start


def _check_entries(entries: dict[str, object], section: str, name: str) -> None:
    if len(entries) > MAX_ENTRIES:
        raise ImportProblem(
            f"{name} has {len(entries):,} entries under “{section}”; a mapping file holds at most "
            f"{MAX_ENTRIES:,} per section.",
            FIX,
        )
    for key in entries:
        if len(key) > MAX_TEXT_CHARS:
            raise ImportProblem(
                f"{name}: an entry under “{section}” (“{_clip(key)}”) is {len(key):,} characters long; "
                f"the limit is {MAX_TEXT_CHARS:,}.",
                FIX,
            )


def _require_text(value: object, what: str, name: str) -> None:
    if not isinstance(value, str):
        raise ImportProblem(f"{name}: {what} is {_kind(value)}; every entry must be a string.", FIX)


def _kind(value: object) -> str:
    """How a JSON value reads in a message: strings quoted and clipped, the rest by kind."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _Number):
        return f"the number {_clip(value.text)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return f"“{_clip(value)}”"


def _clip(value: object, width: int = 60) -> str:
    """A value quoted in a message: cut to `width` characters, so a 100,000-character key stays one line."""
    text = value.text if isinstance(value, _Number) else "null" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def apply_corrections(mapping: Mapping, corrections: Corrections, frame: pd.DataFrame) -> tuple[Mapping, list[str]]:
    """Detected mapping + corrections -> the mapping used; notes say what was applied or could not be."""
    headers = [str(h) for h in frame.columns]
    notes: list[str] = []
    columns = dict(mapping.columns)
    stages = list(mapping.stages)
    outcomes = list(mapping.outcomes)
    segments = list(mapping.segments)
    for header, choice in corrections.columns.items():
        if header not in headers:
            notes.append(f"Your saved mapping mentions column “{header}”, which this file does not have.")
            continue
        columns = {f: h for f, h in columns.items() if h != header}
        stages = [s for s in stages if s.header != header]
        outcomes = [s for s in outcomes if s.header != header]
        segments = [s for s in segments if s != header]
        if choice == SEGMENT:
            segments.append(header)
        elif choice == SECOND_STATUS:
            outcomes.append(StageColumn(header, "outcome", cell_kind(frame[header]) or "words"))
        elif choice.startswith("stage:"):
            stages.append(StageColumn(header, choice.split(":", 1)[1], cell_kind(frame[header]) or "flags"))
        elif choice != IGNORE:
            columns[choice] = header
    overrides = {fold(word): target for word, target in corrections.statuses.items()}
    reasons = {fold(text): category for text, category in corrections.reasons.items()}
    orders = {h: o for h, o in corrections.date_orders.items() if h in headers}
    if corrections:
        notes.append(
            f"Your corrections were applied: {len(corrections.columns)} column(s), "
            f"{len(corrections.statuses)} status word(s), {len(orders)} date order(s), "
            f"{len(corrections.reasons)} rejection reason(s)."
        )
    shape = mapping.shape if mapping.is_event_log else shape_of(stages)
    corrected = replace(
        mapping,
        columns=columns,
        stages=tuple(stages),
        outcomes=tuple(outcomes),
        segments=tuple(segments),
        shape=shape,
        date_orders={**mapping.date_orders, **orders},
        status_overrides={**mapping.status_overrides, **overrides},
        reason_overrides={**mapping.reason_overrides, **reasons},
        readings=tuple(r for r in mapping.readings if r.header not in corrections.columns),  # the user decided
    )
    return corrected, notes
