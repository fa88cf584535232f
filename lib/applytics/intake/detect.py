"""Raw sheet -> where the table is and what each column means (docs/architecture.md)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

import pandas as pd

from applytics.errors import ImportProblem
from applytics.intake import lexicon
from applytics.intake.dates import date_share_of_counts, looks_like_date
from applytics.intake.read import Cell, Sheet, Workbook
from applytics.intake.vocabulary import classify_status, yes_no
from applytics.schema import DATE_FIELDS
from applytics.text import clean_text, fold

# Field -> header aliases, folded (lower case, no accents, punctuation as spaces), from every language's table.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {field: lexicon.aliases(field) for field in lexicon.fields()}

_ALIAS_INDEX = {alias: field for field, aliases in FIELD_ALIASES.items() for alias in aliases}
HEADER_SCAN_ROWS = 30

# Shapes (docs/architecture.md): current status, a date per stage, a flag per stage, an event log.
Shape = Literal["A", "B", "C", "D"]
# How a step column's cells record it. "words" only marks an outcome column that holds neither ('Final answer').
Cells = Literal["dates", "flags", "words"]


@dataclass(frozen=True)
class RawTable:
    """The tracker table found in a sheet: unique header names and the rows below, as read."""

    sheet: str
    header_row: int  # 1-based, as the spreadsheet numbers it
    frame: pd.DataFrame  # object cells, index = 1-based sheet row numbers
    title: str | None = None  # a title typed above the header (the first section of stacked tables)


@dataclass(frozen=True)
class StageColumn:
    """A column that records one step: its date (shape B) or a yes/no flag (shape C)."""

    header: str
    kind: str  # one of STAGE_COLUMN_KINDS (or "outcome" for Mapping.outcomes)
    cells: Cells


@dataclass(frozen=True)
class EventLog:
    """Shape D: many rows per application, each a step or a transition between two states."""

    states: tuple[str, ...]  # headers holding a state word, in reading order (e.g. From, To)
    date: str | None = None


@dataclass(frozen=True)
class Reading:
    """A mapping decision taken from the values rather than the header: what, why, and how sure."""

    header: str
    field: str  # the field the values gave it
    decision: str  # "“Pipeline” is read as the status"
    evidence: str  # "its cells are status words (Applied, Rejected, Interview: 45 of 50 cells)"
    sure: bool


@dataclass(frozen=True)
class Mapping:
    """Which column is which field; the user's corrections are folded in here too."""

    columns: dict[str, str]  # field -> header
    shape: Shape = "A"
    stages: tuple[StageColumn, ...] = ()
    outcomes: tuple[StageColumn, ...] = ()  # further outcome columns beside the status ('Final answer')
    events: EventLog | None = None
    segments: tuple[str, ...] = ()  # extra headers the user keeps as breakdowns
    date_orders: dict[str, str] = field(default_factory=dict)  # header -> "dmy" | "mdy", overrides detection
    status_overrides: dict[str, tuple[str, str]] = field(default_factory=dict)  # folded word -> (stage, outcome)
    reason_overrides: dict[str, str] = field(default_factory=dict)  # folded rejection reason text -> category
    readings: tuple[Reading, ...] = ()  # decisions the values made, with their evidence

    @property
    def is_event_log(self) -> bool:
        """Shape D with its state columns known: many rows per application, which normalize collapses."""
        return self.shape == "D" and self.events is not None


_OTHER_DATE = re.compile(
    r"\b(due|deadline|closing|close|expir\w*|start\w*|follow\w*|interview\w*|offer|repl\w*|response|rejection|"
    r"decision|update\w*|contact\w*|birth|posted|posting|next)\b"
)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


@lru_cache(maxsize=8192)
def fold_header(header: object) -> str:
    """A header's words: 'dateApplied', 'date_applied', 'Date.Applied' and 'Date applied?' all read 'date applied'."""
    return fold(_CAMEL.sub(" ", str(header)) if header is not None else None)


def header_score(header: str, field_name: str) -> int:
    """100 for an exact alias, less for an alias found as whole words inside a longer header."""
    folded = fold_header(header)
    if not folded:
        return 0
    best = 0
    # "Due date", "Interview date": a date, but not the day the application went out; only an exact alias counts.
    other_date = field_name == "applied_on" and bool(_OTHER_DATE.search(folded))
    for alias in FIELD_ALIASES[field_name]:
        if folded == alias:
            return 100
        if other_date:
            continue
        if len(alias) >= 3 and re.search(rf"(?:^| ){re.escape(alias)}(?: |$)", folded):
            best = max(best, 60 + min(len(alias), 20) - min(len(folded) - len(alias), 20))
    return best


def _alias_rank(header: str, field_name: str) -> int:
    """Earlier aliases are the stronger names: 'Status' beats 'Final answer' for the status field."""
    folded = fold_header(header)
    aliases = FIELD_ALIASES[field_name]
    return aliases.index(folded) if folded in aliases else len(aliases)


def match_headers(headers: list[str], fits: Callable[[str, str], bool] | None = None) -> dict[str, str]:
    """Assign each field at most one header and each header at most one field, best scores first.

    `fits(field, header)` is the evidence of the values: a header whose cells cannot be that field (words under
    "Date applied") is passed over, and the field goes to the next best header."""
    candidates = sorted(
        (
            (header_score(header, field_name), -_alias_rank(header, field_name), -position, field_name, header)
            for position, header in enumerate(headers)
            for field_name in FIELD_ALIASES
        ),
        reverse=True,
    )
    columns: dict[str, str] = {}
    taken: set[str] = set()
    for score, _, _, field_name, header in candidates:
        if score < 50 or field_name in columns or header in taken:
            continue
        if fits is not None and not fits(field_name, header):
            continue
        columns[field_name] = header
        taken.add(header)
    return columns


def _row_hits(row: list[Cell]) -> int:
    return sum(1 for cell in row if isinstance(cell, str) and fold_header(cell) in _ALIAS_INDEX) + sum(
        1 for cell in row if isinstance(cell, str) and fold_header(cell) in ("company", "role", "status", "position")
    )


def find_header_row(rows: list[list[Cell]]) -> int:
    """0-based index of the header: the early row naming the most known fields, else the first wordy row."""
    scan = rows[:HEADER_SCAN_ROWS]
    hits = [_row_hits(row) for row in scan]
    if hits and max(hits) >= 2:
        return hits.index(max(hits))
    for index, row in enumerate(scan):
        texts = [c for c in row if isinstance(c, str) and c.strip()]
        filled = [c for c in row if c is not None]
        if len(texts) >= 2 and len(texts) == len(filled):
            return index
    return 0


def unique_headers(row: list[Cell]) -> list[str]:
    """Header text as shown to the user: blanks get a column letter, repeats a number."""
    headers: list[str] = []
    seen: dict[str, int] = {}
    for position, cell in enumerate(row):
        text = " ".join(str(cell).split()) if cell is not None else ""
        if isinstance(cell, float) and cell.is_integer():
            text = str(int(cell))
        text = text or f"Column {_column_letter(position)}"
        if text in seen:
            seen[text] += 1
            text = f"{text} ({seen[text]})"
        else:
            seen[text] = 1
        headers.append(text)
    return headers


def _column_letter(position: int) -> str:
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def table_from_sheet(sheet: Sheet, header_index: int | None = None) -> RawTable:
    if not sheet.rows:
        raise ImportProblem(
            f"Sheet “{sheet.name}” is empty.",
            "Choose the sheet that lists your applications, one per row, with a header row on top.",
        )
    index = find_header_row(sheet.rows) if header_index is None else header_index
    header, depth = _header_cells(sheet, index)
    headers = unique_headers(header)
    body = sheet.rows[index + depth :]
    frame = pd.DataFrame(body, columns=headers, dtype=object)
    frame.index = pd.RangeIndex(index + depth + 1, index + depth + 1 + len(body))
    above = [[c for c in row if c is not None and str(c).strip()] for row in sheet.rows[:index]]
    title = next((str(cells[0]).strip() for cells in reversed(above) if len(cells) == 1), None)
    return RawTable(sheet.name, index + 1, frame, title)


def _header_cells(sheet: Sheet, index: int) -> tuple[list[Cell], int]:
    """A header of merged cells spans two rows ('Interviews' over '1st | 2nd'): join them into one row."""
    row = list(sheet.rows[index])
    groups = [m for m in sheet.merged if m[0] == index and m[3] > m[1]]
    tall = [m for m in sheet.merged if m[0] == index and m[2] > index]
    if not (groups or tall) or index + 1 >= len(sheet.rows):
        return row, 1
    below = sheet.rows[index + 1]
    combined = list(row)
    grouped = {c: row[first] for _, first, _, last in groups for c in range(first, min(last, len(row) - 1) + 1)}
    for c in range(len(row)):
        top = grouped.get(c, row[c])
        sub = below[c] if c < len(below) else None
        if c in grouped and sub is not None:
            combined[c] = f"{top} {sub}"
        else:
            combined[c] = top if top is not None else sub
    return combined, 2


def tracker_score(sheet: Sheet) -> tuple[int, int]:
    """How much a sheet looks like a tracker: known headers first, then the number of rows."""
    if not sheet.rows:
        return (0, 0)
    header = sheet.rows[find_header_row(sheet.rows)]
    columns = match_headers(unique_headers(header))
    key_fields = sum(1 for f in ("company", "role", "status", "applied_on") if f in columns)
    return (key_fields * 10 + len(columns), len(sheet.rows))


def choose_sheet(workbook: Workbook) -> str:
    """The sheet that looks most like a tracker, so a workbook with a notes tab still opens right."""
    return max(workbook.sheets, key=tracker_score).name


STAGE_COLUMN_KINDS = (
    "screen", "interview", "offer", "rejected", "in_progress", "ghosted", "withdrawn", "declined", "replied",
)  # fmt: skip
OUTCOME_FLAG_KINDS = ("rejected", "ghosted", "withdrawn", "declined")  # a flag that sets the outcome, not a stage
# Folded header -> what a column of dates or flags under it records. First match wins: an outcome named with a
# stage ("Offer declined") before the stage, a test ("Technical test") before the interview it is not.
_STAGE_HEADER_ORDER = (
    "declined", "ghosted", "withdrawn", "rejected", "in_progress", "offer", "interview", "screen", "replied",
)  # fmt: skip
_STAGE_HEADERS: tuple[tuple[str, str], ...] = tuple(
    (lexicon.pattern("STAGE_HEADERS", kind), kind) for kind in _STAGE_HEADER_ORDER
)
FLAG_WORDS = frozenset({"y", "n", "yes", "no", "x", "true", "false", "oui", "non", "si", "ja", "nein", "v", "ok"})
_STATE_HEADERS = (("source", "target"), ("from", "to"), ("from status", "to status"), ("old status", "new status"))
_EVENT_HEADERS = ("event", "activity", "action", "step", "evenement", "evento", "ereignis", "aktivitat")


def stage_kind(header: str) -> str | None:
    folded = fold_header(header)
    for pattern, kind in _STAGE_HEADERS:
        if re.search(pattern, folded):
            return kind
    return None


def cell_kind(values: pd.Series) -> Literal["dates", "flags"] | None:
    """'dates' when most filled cells read as dates, 'flags' when they are Y/N-like single words, else None."""
    texts = [v for v in values if v is not None and fold(v) not in ("", "n a", "na", "none", "null")]
    if not texts:
        return "flags"
    dated = sum(1 for v in texts if looks_like_date(v))
    flagged = sum(1 for v in texts if fold(v) in FLAG_WORDS or (isinstance(v, str) and len(v.strip()) == 1))
    if dated >= 0.6 * len(texts):
        return "dates"
    if flagged >= 0.8 * len(texts):
        return "flags"
    undated = [v for v in texts if not looks_like_date(v)]
    if dated >= 0.25 * len(texts) and all(len(str(v).strip()) <= 15 for v in undated):
        return "dates"  # dates beside short marks ('x', 'done', 'skipped'): a step column all the same
    return None


def find_stage_columns(frame: pd.DataFrame, columns: dict[str, str]) -> list[StageColumn]:
    """Columns named after a step whose cells are dates or flags; a weaker field match gives way to them."""
    exact = {header for field_name, header in columns.items() if header_score(header, field_name) == 100}
    protected = {columns.get(f) for f in ("company", "role")}
    found = []
    for header in frame.columns:
        kind = stage_kind(header)
        if kind is None or header in exact or header in protected:
            continue
        cells = cell_kind(frame[header])
        if cells is not None:
            found.append(StageColumn(str(header), kind, cells))
    return found


def find_event_log(frame: pd.DataFrame, columns: dict[str, str]) -> EventLog | None:
    """From/To or Source/Target pairs, or an event column, over repeated companies: a log, not a list."""
    folded = {fold_header(h): str(h) for h in frame.columns}
    company = columns.get("company")
    if company is None:
        return None
    names = frame[company].dropna()
    repeated = len(names) > 0 and names.duplicated().mean() >= 0.2
    for first, second in _STATE_HEADERS:
        if first in folded and second in folded:
            date = columns.get("applied_on") or next(
                (folded[h] for h in folded if h in ("date", "datum", "fecha")), None
            )
            return EventLog((folded[first], folded[second]), date)
    for name in _EVENT_HEADERS:
        if name in folded and repeated:
            return EventLog((folded[name],), columns.get("applied_on"))
    return None


def require_countable(mapping: Mapping, table: RawTable) -> None:
    """A table with no company, role, status or stage column has nothing to count: say so and how to fix it."""
    if {"company", "role", "status"} & set(mapping.columns) or mapping.stages or mapping.is_event_log:
        return
    headers = [str(h) for h in table.frame.columns]
    shown = ", ".join(f"“{h}”" for h in headers[:12]) + (" …" if len(headers) > 12 else "")
    raise ImportProblem(
        f"No company or role column was found in sheet “{table.sheet}” (header row {table.header_row}: {shown}).",
        "Name the column with the employer “Company” or the job “Role” (or “Position”/“Job Title”), "
        "or pick the right sheet.",
    )


_DATE_VALUED = frozenset(DATE_FIELDS)
_NEVER_DATES = frozenset({"company", "role", "status", "source", "location", "resume_version", "contact", "url"})


class ValueEvidence:
    """What a column's cells allow it to be: a date field holds dates, a name or a status does not."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame
        self._shares: dict[str, float] = {}
        self._counts: dict[str, Counter[str]] = {}
        self._raw_counts: dict[str, pd.Series] = {}

    def _value_counts(self, header: str) -> pd.Series:
        if header not in self._raw_counts:
            self._raw_counts[header] = self._frame[header].dropna().value_counts()
        return self._raw_counts[header]

    def date_share(self, header: str) -> float:
        if header not in self._shares:
            self._shares[header] = date_share_of_counts(self._value_counts(header))
        return self._shares[header]

    def fits(self, field_name: str, header: str) -> bool:
        if header not in self._frame.columns or self._frame[header].notna().sum() == 0:
            return True  # an empty column: its header is all there is
        if field_name in _DATE_VALUED:
            return self.date_share(header) >= 0.5
        if field_name in _NEVER_DATES and self.date_share(header) >= 0.5:
            return False
        if field_name in ("company", "role"):
            return self._flag_share(header) < 0.5  # Yes/No cells are a flag, not a name
        return True

    def _text_counts(self, header: str) -> Counter[str]:
        """Each distinct text of a column, as shown, with how many cells hold it (cached: columns repeat words)."""
        if header not in self._counts:
            counts: Counter[str] = Counter()
            for value, n in self._value_counts(header).items():
                if isinstance(value, str) and (text := clean_text(value)):
                    counts[text] += int(n)
            self._counts[header] = counts
        return self._counts[header]

    def _first_texts(self, header: str, many: int = 3) -> list[str]:
        return [t for v in self._frame[header].head(200) if isinstance(v, str) and (t := clean_text(v))][:many]

    def _flag_share(self, header: str) -> float:
        counts = self._value_counts(header).iloc[:200]
        counts = counts[[clean_text(v) is not None for v in counts.index]]
        if counts.empty:
            return 0.0
        return float(sum(int(n) for v, n in counts.items() if yes_no(v) is not None) / counts.sum())

    def status_column(self, taken: set[str], role: str = "status") -> Reading | None:
        """A column whose cells are mostly status words is the status, whatever its header says.

        Status cells are short and repeat; a free-text column that mentions status words ('Applied via LinkedIn,
        recruiter Bill') is notes, not a status. Among several, the most consistent one wins."""
        best: tuple[float, str, list[str], int, int] | None = None
        for header in map(str, self._frame.columns):
            if header in taken:
                continue
            counts = self._text_counts(header)
            total = sum(counts.values())
            if total < 3 or len(counts) > max(12, total // 2):
                continue  # too few, or free text and names: statuses repeat
            if sum(n for t, n in counts.items() if len(t) > 40) > 0.2 * total:
                continue  # sentences, not status words
            if self.date_share(header) >= 0.5:
                continue
            known = {w: n for w, n in counts.items() if _is_status_word(w)}
            share = sum(known.values()) / total
            score = share - 0.1 * len(counts) / total  # repeated words beat one-off phrases
            if len(known) >= 2 and share >= 0.6 and (best is None or score > best[0]):
                top = [w for w, _ in Counter(known).most_common(3)]
                best = (score, header, top, sum(known.values()), total)
        if best is None:
            return None
        _, header, top, known, filled = best
        what = "the status" if role == "status" else "a second status (the furthest either shows counts)"
        return Reading(
            header,
            role,
            f"“{header}” is read as {what}",
            f"its cells are status words ({', '.join(top)}: {known} of {filled} cells)",
            sure=known >= 0.8 * filled,
        )

    def notes_as_status(self, header: str) -> Reading | None:
        """No status column, but the notes tell the story ('Rejected after final round', 'Offer accepted')."""
        counts = self._text_counts(header)
        total = sum(counts.values())
        telling = {t: n for t, n in counts.items() if _tells_progress(t)}
        if total < 3 or sum(telling.values()) < 0.4 * total:
            return None
        example = next(t for t in self._first_texts(header, 200) if t in telling)
        return Reading(
            header,
            "status",
            f"“{header}” is read as the status (there is no status column)",
            f"its text names stages and outcomes ({sum(telling.values())} of {total} notes, e.g. “{example}”)",
            sure=False,
        )

    def names_column(self, taken: set[str]) -> Reading | None:
        """A column with an empty or generic header whose cells look like employer names is the company."""
        rows = len(self._frame)
        for header in map(str, self._frame.columns):
            if header in taken or not _GENERIC_HEADER.match(fold_header(header)):
                continue
            counts = self._text_counts(header)
            total = sum(counts.values())
            if total < max(3, rows // 2) or len(counts) < 0.5 * total:
                continue
            if self.date_share(header) >= 0.2 or self._flag_share(header) >= 0.2:
                continue
            if sum(n for t, n in counts.items() if _is_status_word(t)) >= 0.3 * total:
                continue
            if not all(1 <= len(t) <= 60 and not _NOT_A_NAME.search(t) for t in counts):
                continue
            shown = ", ".join(self._first_texts(header))
            return Reading(
                header,
                "company",
                f"“{header}” is read as the company",
                f"its cells look like employer names ({shown}, …)",
                sure=False,
            )
        return None


_GENERIC_HEADER = re.compile(r"^(column [a-z]{1,3}|unnamed \d+|field ?\d+|col ?\d+|\d+|untitled|name|names|)$")
_NOT_A_NAME = re.compile(r"@|https?:|www\.|\n|^\d+([.,]\d+)?$")


def _tells_progress(text: str) -> bool:
    """A note that names a stage reached or, read with certainty, an outcome."""
    meaning = classify_status(text)
    return meaning.stage != "applied" or (meaning.known and meaning.confidence == 1.0 and meaning.outcome != "active")


@lru_cache(maxsize=8192)
def _is_status_word(text: str) -> bool:
    meaning = classify_status(text)
    return (
        meaning.known
        and meaning.confidence == 1.0
        and (
            meaning.stage != "applied"
            or meaning.outcome != "active"
            or bool(re.search(r"appl|sent|submit|pending", fold(text)))
        )
    )


def detect_mapping(table: RawTable) -> Mapping:
    """Map headers to fields, and find stage columns (shapes B, C) or an event log (shape D)."""
    frame = table.frame
    headers = [str(h) for h in frame.columns]
    evidence = ValueEvidence(frame)
    columns = match_headers(headers, evidence.fits)
    readings: list[Reading] = []
    if "company" not in columns and (found := evidence.names_column(set(columns.values()))) is not None:
        columns["company"] = found.header
        readings.append(found)
    events = find_event_log(frame, columns)
    if events is not None:
        for header in events.states:
            columns = {f: h for f, h in columns.items() if h != header}
        if events.date:
            columns["applied_on"] = events.date
        return Mapping(columns=columns, shape="D", events=events, readings=tuple(readings))
    stages = find_stage_columns(frame, columns)
    staged = {s.header for s in stages}
    columns = {f: h for f, h in columns.items() if h not in staged}
    taken = set(columns.values()) | staged
    if "status" not in columns and (found := evidence.status_column(taken)) is not None:
        columns["status"] = found.header
        readings.append(found)
        taken.add(found.header)
    if (
        "status" not in columns
        and not stages
        and "notes" in columns
        and (found := evidence.notes_as_status(columns["notes"])) is not None
    ):
        columns["status"] = found.header  # the notes stay notes too
        readings.append(found)
    outcomes = tuple(
        StageColumn(header, "outcome", cell_kind(frame[header]) or "words")
        for header in headers
        if header not in taken and "status" in columns and header_score(header, "status") == 100
    )
    taken |= {o.header for o in outcomes}
    if "status" in columns and (second := evidence.status_column(taken, role="outcome")) is not None:
        # Two columns of status words ('Stage' and 'Result', 'Where' and 'Outcome?'): both are read.
        outcomes = (*outcomes, StageColumn(second.header, "outcome", "words"))
        readings.append(second)
    return Mapping(
        columns=columns, shape=shape_of(stages), stages=tuple(stages), outcomes=outcomes, readings=tuple(readings)
    )


def shape_of(stages: list[StageColumn] | tuple[StageColumn, ...]) -> Shape:
    """B when a step column holds dates, C when step columns hold flags, A without step columns."""
    steps = [s for s in stages if s.kind in ("screen", "interview", "offer")]
    if not steps:
        return "A"
    return "B" if any(s.cells == "dates" for s in steps) else "C"
