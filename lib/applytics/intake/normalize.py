"""Raw table + mapping -> one canonical row per application, and a report of everything not used.

normalize() is a list of steps, each a function that returns what it found, notes and warnings included:
read names -> choose rows -> read dates and row signals -> assemble -> collapse event logs -> finish -> report.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from applytics.intake.dates import GUESS, ORDER_LABELS, decide_order, parse_dates
from applytics.intake.detect import Mapping, RawTable, StageColumn
from applytics.intake.vocabulary import StatusMeaning, classify_reason, classify_status, yes_no
from applytics.schema import (
    APPLIED_ON,
    COMPANY,
    CONTACT,
    DATE_FIELDS,
    DIRECTION,
    ENDED_BY_EMPLOYER,
    EVENTS,
    FEEDBACK_RECEIVED,
    FEEDBACK_REQUESTED,
    FEEDBACK_TEXT,
    FIELD_LABELS,
    FIRST_RESPONSE_ON,
    FURTHEST_STAGE,
    LAST_ACTIVITY_ON,
    LAST_UPDATE_ON,
    NOTES,
    OUTCOME,
    PATH,
    REASON_CATEGORY,
    REJECTED_ON,
    REJECTION_REASON,
    REPLIED,
    RESPONSE_ON,
    ROLE,
    ROW,
    SEGMENT_FIELDS,
    SOURCE,
    SOURCE_RAW,
    STAGE_DATE,
    STAGES,
    STATUS_RAW,
    USER_SEGMENT_PREFIX,
)
from applytics.text import clean_text, fold

_SOURCE_RULES: tuple[tuple[str, str], ...] = (
    (r"refer|referral|coopt|empfehl|referid|recommand|friend|ex colleague", "Referral"),
    (r"recruit|headhunt|agency|agence|hays|reach ?out|inbound|inquiry|cabinet|personalvermitt", "Recruiter"),
    (r"linkedin|linked in", "LinkedIn"),
    (r"indeed", "Indeed"),
    (r"glassdoor", "Glassdoor"),
    (r"network|meetup|event|conference|career fair|job fair|salon", "Networking"),
    (r"company (site|website|page)|career(s)? (site|page)|website|site carriere|direct|corporate", "Company site"),
    (
        r"welcome to the jungle|wttj|monster|stepstone|xing|infojobs|ziprecruiter|dice|otta|wellfound|angel|"
        r"hellowork|apec|pole emploi|france travail|naukri|seek|reed|totaljobs|job board|jobboard|cv library",
        "Job board (other)",
    ),
)
_INBOUND = re.compile(r"^(them|they|inbound|recruiter|employer|company|reach ?out|recruiter inquiry|eux|ellos|sie)$")
_OUTBOUND = re.compile(r"^(me|i|myself|outbound|applied|moi|yo|ich|self)$")
_INBOUND_SOURCE = re.compile(r"reach ?out|inbound|inquiry|approached|contacted me|recruiter contact")
_NEGATIVE = ("rejected", "closed", "withdrawn", "ghosted", "declined")
_NOT_SENT = "not sent yet (wishlist / saved / diary entry)"
_FOOTER = re.compile(r"\b(total|totals|sum|count|average|moyenne|summe|gesamt|promedio|end|fin)\b")
_ID_HEADER = re.compile(r"^(id|no|nr|number|ref|reference|application id|job id|\#|s no|sr no|sl no|n)$")
SECTION = f"{USER_SEGMENT_PREFIX}Section"
_RANK = {stage: rank for rank, stage in enumerate(STAGES)}
# Working columns of the assembled frame, gone once _finish has derived the canonical ones from them.
_STAGE_RANK = "stage_rank"  # furthest stage as 0..3, over everything the row shows
_EVENT_RANK = "event_rank"  # the stage of this row's own status word (a log's step)
_DECISION_ON = "decision_on"  # a date an outcome column gives ('Final answer')


@dataclass(frozen=True)
class Quality:
    """What the import could not use, so nothing is dropped without the user being told."""

    rows_in_table: int
    applications: int
    blank_rows: int
    skipped: pd.DataFrame  # row, reason, content
    unparsed: pd.DataFrame  # field, column, value, rows
    unknown_statuses: pd.DataFrame  # value, rows
    decisions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Normalized:
    apps: pd.DataFrame  # one row per application
    statuses: pd.DataFrame  # value, rows, stage, outcome, how
    quality: Quality
    table_frame: pd.DataFrame  # the table's cells as read: the very frame of ImportResult.table, not a copy
    raw_rows: pd.Index  # the sheet row of each application (for a log, its first row), in the order of apps

    @property
    def raw(self) -> pd.DataFrame:
        """The same applications with every original column as typed, built from the table's frame on demand."""
        return self.table_frame.loc[self.raw_rows].reset_index(drop=True)


def canonical_source(value: object) -> str | None:
    """'linkedin easy apply' -> 'LinkedIn'; unknown channels keep their own name."""
    text = clean_text(value)
    if text is None:
        return None
    folded = fold(text)
    for pattern, label in _SOURCE_RULES:
        if re.search(pattern, folded):
            return label
    return text[:1].upper() + text[1:]


def _per_code(column: pd.Series, func: Callable[[object], object], dtype: object) -> tuple[np.ndarray, np.ndarray]:
    """func of each distinct cell value (and of None, last, for code -1: a missing cell), and each cell's code."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    results = np.empty(len(uniques) + 1, dtype=dtype)
    for i, value in enumerate(uniques):
        results[i] = func(value)
    results[-1] = func(None)
    return results, codes


def map_distinct(column: pd.Series, func: Callable[[object], object]) -> pd.Series:
    """Apply func once per distinct cell value (func(None) for a missing cell; a missing result is None):
    trackers repeat the same few words thousands of times. Analytics uses it too (filters, segments).

    Each cell gets a reference to its value's one result (8 bytes a cell): a mapping through pandas' string dtype
    would make a new Python string per cell when turned back into objects (about 60 bytes a cell)."""
    results, codes = _per_code(column, func, object)
    results[pd.isna(results)] = None
    return pd.Series(results[codes], index=column.index, dtype=object)


def _distinct_flags(column: pd.Series, test: Callable[[object], bool]) -> np.ndarray:
    """test once per distinct cell value, as one bool a cell (a byte, where an object column costs eight)."""
    results, codes = _per_code(column, test, bool)
    return results[codes]


def _flags_per_distinct(frame: pd.DataFrame, test: Callable[[str], Callable[[object], bool]]) -> pd.DataFrame:
    """A bool frame: test(header) over each column's cells, once per distinct value."""
    return pd.DataFrame({h: _distinct_flags(frame[h], test(h)) for h in frame.columns}, index=frame.index)


def _text(table: pd.DataFrame, header: str | None) -> pd.Series:
    if header is None:
        return pd.Series([None] * len(table), index=table.index, dtype=object)
    return map_distinct(table[header], clean_text)


def _preview(row: pd.Series, width: int = 80) -> str:
    text = " | ".join(str(clean_text(v)) for v in row if clean_text(v) is not None)
    return text if len(text) <= width else text[: width - 1] + "…"


def _nat(index: pd.Index) -> pd.Series:
    return pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")


# ---------------------------------------------------------------- the steps


def normalize(table: RawTable, mapping: Mapping) -> Normalized:
    frame = table.frame
    names = _read_names(frame, mapping)
    rows = _choose_rows(frame, mapping, names, table.title)
    context = _Context(frame, mapping, rows.keep, _proven_order(frame, rows.keep, mapping))
    dates = _read_dates(context)
    signals = _row_signals(context, names.meanings)
    assembled = _assemble(context, names, dates, signals)
    if rows.sections is not None:
        assembled[SECTION] = rows.sections[rows.keep]
    collapsed = _collapse_events(assembled, context)
    apps = _finish(collapsed.apps.reset_index(drop=True))
    statuses = _status_table(context, names, rows.listed)
    findings = _Findings(
        decisions=(*_shape_decision(mapping), *dates.notes, *signals.notes, *collapsed.notes),
        warnings=(*rows.warnings, *signals.warnings),
        unparsed=dates.unparsed,
    )
    quality = _quality_report(context, rows, statuses, apps, findings)
    return Normalized(apps, statuses, quality, frame, pd.Index(apps[ROW].to_numpy()))


@dataclass(frozen=True)
class _Names:
    """What names each sheet row and what its status says."""

    company: pd.Series
    role: pd.Series
    status_raw: pd.Series  # the status words as typed (for a log, the last state column)
    meanings: pd.Series  # the StatusMeaning of each row's status words


def _read_names(frame: pd.DataFrame, mapping: Mapping) -> _Names:
    status_raw = _status_text(frame, mapping)
    company = _text(frame, mapping.columns.get("company"))
    role = _text(frame, mapping.columns.get("role"))
    return _Names(company, role, status_raw, _status_meanings(status_raw, mapping))


@dataclass(frozen=True)
class _Fill:
    """How full each row is, against a typical row of the table."""

    filled: pd.DataFrame  # True where a cell holds something
    count: pd.Series  # filled cells per row
    blank: pd.Series  # nothing filled at all
    typical: float  # median filled cells of the non-blank rows
    first_text: pd.Series  # the text of each row's first filled cell (None on a blank row)


def _fill(frame: pd.DataFrame) -> _Fill:
    filled = _flags_per_distinct(frame, lambda _: lambda v: clean_text(v) is not None)
    count = filled.sum(axis=1)
    blank = count == 0
    typical = float(count[~blank].median()) if (~blank).any() else 0.0
    first = pd.Series(None, index=frame.index, dtype=object)
    if frame.shape[1]:
        grid = filled.to_numpy()
        cells = frame.to_numpy(dtype=object)[np.arange(len(frame)), grid.argmax(axis=1)]
        first = map_distinct(first.where(blank.to_numpy(), cells), clean_text)
    return _Fill(filled, count, blank, typical, first)


@dataclass(frozen=True)
class _Rows:
    """Which rows are applications, and why each other filled row is left out."""

    keep: pd.Series  # True for an application's row
    blank: pd.Series  # True for an empty row (left out without a reason: there is nothing to show)
    left_out: pd.Series  # the reason a filled row is not an application; None for applications and blank rows
    listed: pd.Series  # rows whose status words the statuses table lists: applications and rows not sent yet
    warnings: tuple[str, ...] = ()
    sections: pd.Series | None = None  # stacked tables: the title each row sits under


def _choose_rows(frame: pd.DataFrame, mapping: Mapping, names: _Names, title: str | None = None) -> _Rows:
    """Reasons are tried in order; a row keeps the first that applies to it."""
    cols = mapping.columns
    fill = _fill(frame)
    blank = fill.blank
    reasons = pd.Series(None, index=frame.index, dtype=object)
    warnings: list[str] = []
    repeated = _repeated_header(frame) & ~blank
    reasons[repeated] = "the header repeated"
    titles = _section_titles(frame, fill, repeated)
    reasons[titles & reasons.isna()] = "a section title (kept as the segment “Section”)"
    if "company" in cols or "role" in cols:
        reasons[names.company.isna() & names.role.isna() & ~blank & reasons.isna()] = "no company or role"
    else:
        shown = ", ".join(f"“{h}”" for h in list(frame.columns)[:8])
        label = next((str(h) for h in frame.columns if _ID_HEADER.match(fold(h))), None)
        known_by = f" Rows are told apart by “{label}”." if label else ""
        warnings.append(
            f"No company or role column was found (columns: {shown}), so each filled row counts as one "
            f"application.{known_by} Name the employer column “Company” or the job column “Role” to see them by name."
        )
    reasons[_lone_notes(fill, reasons.isna())] = "only one cell filled (a note or a total?)"
    reasons[_totals_rows(fill) & reasons.isna()] = "a totals or summary row"
    if "status" in cols and "applied_on" in cols:
        reasons[_bare_names(frame, mapping, fill) & reasons.isna() & ~blank] = "no status and no date: not sent yet?"
    not_application = ~names.meanings.map(lambda m: m.is_application).astype(bool)
    reasons[not_application & reasons.isna() & ~blank] = _NOT_SENT
    keep = reasons.isna() & ~blank
    # Words of rows left out for their status stay listed (so "Wishlist" can be corrected); others do not.
    listed = keep | (reasons == _NOT_SENT)
    sections = None
    if titles.any():
        sections = pd.Series(None, index=frame.index, dtype=object)
        sections[titles] = fill.first_text[titles]
        sections = sections.ffill().astype(object)
        sections = sections.where(sections.notna(), title or "(before the first title)")
    return _Rows(keep, blank, reasons, listed, tuple(warnings), sections)


def _section_titles(frame: pd.DataFrame, fill: _Fill, repeated: pd.Series) -> pd.Series:
    """Stacked tables in one sheet: a lone title cell whose next filled row repeats the header."""
    titles = pd.Series(False, index=frame.index)
    if not repeated.any():
        return titles
    filled_rows = [i for i in frame.index if not fill.blank[i]]
    for here, after in itertools.pairwise(filled_rows):
        if fill.count[here] == 1 and fill.typical >= 3 and repeated[after]:
            titles[here] = True
    return titles


def _repeated_header(frame: pd.DataFrame) -> pd.Series:
    """Rows that repeat at least two header names in their columns: the header pasted again."""

    def names_its_header(header: str) -> Callable[[object], bool]:
        folded = fold(header)
        return lambda value: value is not None and fold(value) == folded

    return _flags_per_distinct(frame, names_its_header).sum(axis=1) >= 2


def _lone_notes(fill: _Fill, candidates: pd.Series) -> pd.Series:
    """A single filled cell that reads like a note or a total, in a table whose rows hold three cells or more."""
    lone = (fill.count == 1) & (fill.typical >= 3) & candidates
    footer = fill.first_text[lone].map(lambda t: bool(_FOOTER.search(fold(t)) or ":" in t or fold(t).isdigit()))
    return lone & footer.astype(object).reindex(lone.index, fill_value=False).astype(bool)


_TOTALS = re.compile(
    r"^(total|totals|grand total|subtotal|sum|count|average|avg|mean|summary|overall|gesamt|summe|insgesamt|"
    r"totaal|totale|somme|合计|总计|汇总)\b|\brate$"
)


def _totals_rows(fill: _Fill) -> pd.Series:
    """A row that sums the table up ('TOTAL', '10 companies', '4 interviews'; 'Response rate', '40%')."""
    says_total = map_distinct(fill.first_text, lambda t: t is not None and bool(_TOTALS.search(fold(t))))
    return says_total.astype(bool) & ~fill.blank


def _bare_names(frame: pd.DataFrame, mapping: Mapping, fill: _Fill) -> pd.Series:
    """A name typed ahead (nothing in any field but company/role) in a sheet that dates and tracks its
    applications: a placeholder, not one sent."""
    described = [h for f, h in mapping.columns.items() if f not in ("company", "role") and h in frame.columns]
    said = fill.filled[described].sum(axis=1) if described else pd.Series(0, index=frame.index)
    return (said == 0) & (fill.typical >= 4)


@dataclass(frozen=True)
class _Context:
    """What every reading step shares once the application rows are chosen."""

    frame: pd.DataFrame  # the table's cells as read
    mapping: Mapping
    keep: pd.Series  # the application rows
    proven: str | None  # the day/month order the date columns prove together, if they settle it


def _proven_order(frame: pd.DataFrame, keep: pd.Series, mapping: Mapping) -> str | None:
    """The day/month order the sheet's date columns prove together, if their values settle it."""
    headers = [mapping.columns[f] for f in DATE_FIELDS if f in mapping.columns]
    headers += [c.header for c in (*mapping.stages, *mapping.outcomes) if c.cells == "dates"]
    texts = [str(v).strip() for h in dict.fromkeys(headers) for v in frame.loc[keep, h].dropna() if isinstance(v, str)]
    order, why = decide_order(texts)
    return order if why != GUESS else None


@dataclass(frozen=True)
class _Dates:
    """The date fields of every row (NaT where the sheet has no such column), with how they were read."""

    values: dict[str, pd.Series]  # DATE_FIELDS -> dates
    notes: tuple[str, ...]  # one decision per column whose order was decided or chosen
    unparsed: tuple[dict[str, object], ...]  # field, column, value, rows: cells that are not dates


def _read_dates(context: _Context) -> _Dates:
    values: dict[str, pd.Series] = {}
    notes: list[str] = []
    unparsed: list[dict[str, object]] = []
    for field_name in DATE_FIELDS:
        header = context.mapping.columns.get(field_name)
        values[field_name] = _nat(context.frame.index)
        if header is None:
            continue
        order = context.mapping.date_orders.get(header)
        parsed = parse_dates(context.frame.loc[context.keep, header], order, context.proven)
        if parsed.note:
            notes.append(f"“{header}” {parsed.note}.")
        elif order:
            notes.append(f"“{header}” read as {ORDER_LABELS[order]} (your choice).")
        label = FIELD_LABELS[field_name]
        unparsed += [{"field": label, "column": header, "value": v, "rows": n} for v, n in parsed.unparsed.items()]
        values[field_name] = parsed.values.reindex(context.frame.index)
    return _Dates(values, tuple(notes), tuple(unparsed))


@dataclass(frozen=True)
class _Signals:
    """What each row says, before rows become applications (one row each, or many for a log)."""

    rank: pd.Series  # furthest stage as 0..3
    outcome: pd.Series  # how it ended, or active
    inbound: pd.Series  # the status says the employer reached out
    stage_dates: dict[str, pd.Series]  # screen, interview, offer -> first date seen there; decision -> outcome date;
    # reply -> a date in a Replied column
    replied: pd.Series | None = None
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def _row_signals(context: _Context, meanings: pd.Series) -> _Signals:
    """Stage, outcome and dates each row shows, from its status and any outcome or stage columns (furthest wins)."""
    rank, inbound = _status_reach(context, meanings)
    words = _outcome_columns(context)
    steps = _stage_columns(context)
    rank = np.maximum(np.maximum(rank, words.rank), steps.rank)
    status_outcome = meanings.map(lambda m: m.outcome).astype(object)
    column_outcome = words.outcome.fillna(steps.negative)
    outcome = status_outcome.where(status_outcome != "active", column_outcome.fillna("active"))
    warnings = ()
    if steps.odd_letters:
        warnings = (
            "Flag cells "
            + ", ".join(f"“{letter}”" for letter in sorted(steps.odd_letters))
            + " are not Y/N; they were read as “reached”. Correct them on the Data page if not.",
        )
    outcome = _combined_outcome(outcome, steps)
    # A bare "Declined" is the employer's no, except on an application that reached an offer: there it is the
    # candidate turning the offer down.
    declined = _bare_decline(context) & (outcome == "rejected") & (rank >= _RANK["offer"])
    return _Signals(
        rank,
        outcome.where(~declined, "declined"),
        inbound,
        {**steps.dates, "decision": words.decided_on},
        steps.replied,
        (*words.notes, *steps.notes),
        warnings,
    )


_KIND_WORDS = {"replied": "the employer replied (a reply, whatever came of it)"}
_BARE_DECLINE = frozenset({"declined", "decline", "refused", "turned down", "said no"})


def _bare_decline(context: _Context) -> pd.Series:
    headers = [context.mapping.columns.get("status"), *(c.header for c in context.mapping.outcomes)]
    found = pd.Series(False, index=context.frame.index)
    for header in filter(None, headers):
        found |= _text(context.frame, header).map(lambda v: fold(v) in _BARE_DECLINE).astype(bool)
    return found


def _status_reach(context: _Context, meanings: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(stage rank, inbound) the status words show; a log's earlier state columns count too."""
    rank = meanings.map(lambda m: _RANK[m.stage]).astype(int)
    inbound = meanings.map(lambda m: m.inbound).astype(bool)
    if context.mapping.is_event_log and len(context.mapping.events.states) > 1:
        for header in context.mapping.events.states[:-1]:
            earlier = _status_meanings(_text(context.frame, header), context.mapping)
            rank = np.maximum(rank, earlier.map(lambda m: _RANK[m.stage]).astype(int))
            inbound |= earlier.map(lambda m: m.inbound).astype(bool)
    return rank, inbound


@dataclass(frozen=True)
class _ColumnDates:
    values: pd.Series
    note: str | None  # how the column's day/month order was decided, when it had to be


def _column_dates(context: _Context, header: str) -> _ColumnDates:
    """A stage or outcome column read as dates, on the application rows."""
    frame = context.frame
    parsed = parse_dates(frame[header].where(context.keep), context.mapping.date_orders.get(header), context.proven)
    return _ColumnDates(parsed.values.reindex(frame.index), f"“{header}” {parsed.note}." if parsed.note else None)


@dataclass(frozen=True)
class _OutcomeWords:
    """What the further outcome columns say, first column first."""

    rank: pd.Series  # the furthest stage their words name (0 without words)
    outcome: pd.Series  # the first outcome that ends the application, else None
    decided_on: pd.Series  # the earliest date they hold
    notes: tuple[str, ...]


def _outcome_columns(context: _Context) -> _OutcomeWords:
    index = context.frame.index
    rank = pd.Series(0, index=index)
    outcome = pd.Series(None, index=index, dtype=object)
    decided_on = _nat(index)
    notes: list[str] = []
    for column in context.mapping.outcomes:
        cells = _outcome_cells(context, column)
        rank = np.maximum(rank, cells.rank)
        outcome = outcome.fillna(cells.outcome)
        decided_on = pd.concat([decided_on, cells.when], axis=1).min(axis=1)
        notes += [cells.note] if cells.note else []
    return _OutcomeWords(rank, outcome, decided_on, tuple(notes))


@dataclass(frozen=True)
class _OutcomeCells:
    rank: pd.Series
    outcome: pd.Series
    when: pd.Series
    note: str | None


def _outcome_cells(context: _Context, column: StageColumn) -> _OutcomeCells:
    """A second outcome column ('Final answer' beside 'Status'): its words and, where it holds them, dates."""
    text = _text(context.frame, column.header)
    meanings = _status_meanings(text, context.mapping)
    dated = _column_dates(context, column.header) if column.cells == "dates" else None
    when = dated.values if dated is not None else _nat(context.frame.index)
    words = meanings.where(text.notna() & when.isna(), None)
    rank = words.map(lambda m: _RANK[m.stage] if m is not None else 0).astype(int)
    outcome = words.map(lambda m: m.outcome if m is not None and m.outcome != "active" else None).astype(object)
    return _OutcomeCells(rank, outcome, when, dated.note if dated is not None else None)


@dataclass(frozen=True)
class _Steps:
    """What the stage columns say (shapes B and C), first column first."""

    rank: pd.Series  # the furthest step reached (0 without one)
    dates: dict[str, pd.Series]  # screen, interview, offer -> the earliest date of its columns
    negative: pd.Series  # the first word that ends the application ('Rejected' in a date cell), else None
    rejected: pd.Series  # a "rejected" flag or date column is set
    in_progress: pd.Series  # an "in progress" column is set
    replied: pd.Series | None  # a Response / Replied column says yes (None: the sheet has no such column)
    stopped: pd.Series  # an "N" at the step that failed, in a sheet that marks failed steps so (see below)
    odd_letters: frozenset[str]  # flag cells that are not Y/N, on application rows
    notes: tuple[str, ...]


def _stage_columns(context: _Context) -> _Steps:
    index = context.frame.index
    rank = pd.Series(0, index=index)
    dates = {stage: _nat(index) for stage in STAGES[1:]}
    negative = pd.Series(None, index=index, dtype=object)
    rejected = pd.Series(False, index=index)
    in_progress = pd.Series(False, index=index)
    replied: pd.Series | None = None
    stopped = pd.Series(False, index=index)
    said_no = pd.Series(0, index=index)  # explicit N's per row across the step columns
    unfilled = pd.Series(0, index=index)  # step cells left empty per row
    steps = 0
    odd: set[str] = set()
    notes: list[str] = []
    for column in context.mapping.stages:
        cells = _stage_cells(context, column)
        odd |= cells.odd_letters
        notes += [cells.note] if cells.note else []
        if column.kind == "rejected":
            rejected |= cells.reached
            continue
        if column.kind in ("ghosted", "withdrawn", "declined"):  # a flag named after an outcome sets it
            negative = negative.fillna(pd.Series(column.kind, index=index).where(cells.reached))
            if column.kind == "declined":
                rank = rank.where(~cells.reached | (rank >= _RANK["offer"]), _RANK["offer"])
            continue
        if column.kind == "in_progress":
            in_progress |= cells.reached
            continue
        if column.kind == "replied":  # a reply, dated or not: never a stage of its own, never a rejection
            replied = cells.reached if replied is None else replied | cells.reached
            dates["reply"] = pd.concat([dates.get("reply", _nat(index)), cells.when], axis=1).min(axis=1)
            continue
        level = _RANK[column.kind]
        rank = np.maximum(rank.where(~cells.reached | (rank >= level), level), cells.word_rank)
        dates[column.kind] = pd.concat([dates[column.kind], cells.when], axis=1).min(axis=1)
        stopped = (stopped & ~cells.reached) | cells.said_no
        said_no = said_no + cells.said_no.astype(int)
        unfilled = unfilled + (~cells.reached & ~cells.said_no).astype(int)
        steps += 1
        negative = negative.fillna(cells.negative)
    keep = context.keep
    marks_failures = steps >= 2 and (said_no[keep] <= 1).all() and (unfilled[keep] > 0).any()
    if not marks_failures:
        # A "No" is a step not reached unless the sheet plainly marks the step that failed: several step
        # columns, blanks for steps never reached, and at most one "N" in any row.
        stopped = pd.Series(False, index=index)
    elif stopped[keep].any():
        notes.append("An “N” after the last step reached marks the step that failed (the sheet leaves steps never "
                     "reached blank), so it reads as a rejection there.")  # fmt: skip
    return _Steps(rank, dates, negative, rejected, in_progress, replied, stopped, frozenset(odd), tuple(notes))


@dataclass(frozen=True)
class _StageCells:
    reached: pd.Series
    when: pd.Series
    negative: pd.Series  # an outcome word that ends the application, written where a date was expected
    said_no: pd.Series  # an explicit 'N'
    word_rank: pd.Series | int = 0  # the stage a word written where a date was expected names ('Offer declined')
    odd_letters: frozenset[str] = frozenset()
    note: str | None = None


def _stage_cells(context: _Context, column: StageColumn) -> _StageCells:
    """(reached, date, negative outcome word, explicit 'N') for one stage column."""
    index = context.frame.index
    text = map_distinct(context.frame[column.header], clean_text)
    present = text.notna()
    if column.cells == "dates":
        dated = _column_dates(context, column.header)
        words = map_distinct(text.where(dated.values.isna()), classify_status)
        negative = words.map(lambda m: m.outcome if m is not None and m.outcome in _NEGATIVE else None)
        said_no = text.map(lambda v: yes_no(v) is False).astype(bool)
        reached = present & negative.isna() & ~said_no
        word_rank = words.map(lambda m: _RANK[m.stage] if m is not None and m.is_application else 0).astype(int)
        return _StageCells(reached, dated.values, negative.astype(object), said_no, word_rank, note=dated.note)
    yes = text.map(lambda v: yes_no(v) is True or _positive_count(v)).astype(bool)
    said_no = text.map(lambda v: yes_no(v) is False).astype(bool)
    odd = present & ~yes & ~said_no
    odd_letters = frozenset(str(v) for v in text[odd & context.keep].unique())
    nothing = pd.Series(None, index=index, dtype=object)
    return _StageCells(yes | odd, _nat(index), nothing, said_no, odd_letters=odd_letters)


def _positive_count(value: object) -> bool:
    """'2' under 'Interviews' is a count: more than none means the step was reached."""
    return isinstance(value, str) and value.isdigit() and int(value) > 0


def _combined_outcome(outcome: pd.Series, steps: _Steps) -> pd.Series:
    """A status or word that ends the application wins; then a rejection flag; then the step a sheet marks as
    failed. A "No" or an empty flag is otherwise a step not reached, never a rejection."""
    open_ = outcome == "active"
    outcome = outcome.where(~(open_ & steps.rejected), "rejected")
    open_ = outcome == "active"
    return outcome.where(~(open_ & steps.stopped & ~steps.in_progress), "rejected")


def _assemble(context: _Context, names: _Names, dates: _Dates, signals: _Signals) -> pd.DataFrame:
    """The canonical columns of every application row (still one per sheet row: a log collapses next)."""
    frame, cols = context.frame, context.mapping.columns
    source_raw = _text(frame, cols.get("source"))
    reason = _text(frame, cols.get("rejection_reason"))
    feedback_text = _text(frame, cols.get("feedback_received"))
    apps = pd.DataFrame(
        {
            ROW: frame.index,
            COMPANY: names.company,
            ROLE: names.role,
            APPLIED_ON: dates.values["applied_on"],
            STATUS_RAW: names.status_raw,
            _STAGE_RANK: signals.rank,
            OUTCOME: signals.outcome,
            SOURCE: map_distinct(source_raw, canonical_source),
            SOURCE_RAW: source_raw,
            DIRECTION: _direction(frame, cols, source_raw).where(~signals.inbound, "inbound"),
            RESPONSE_ON: _earliest(dates.values["response_on"], signals.stage_dates.get("reply")),
            REJECTED_ON: dates.values["rejected_on"],
            LAST_UPDATE_ON: dates.values["last_activity_on"],
            **{STAGE_DATE[stage]: signals.stage_dates[stage] for stage in STAGES[1:]},
            _DECISION_ON: signals.stage_dates["decision"],
            _EVENT_RANK: names.meanings.map(lambda m: _RANK[m.stage]).astype(int),
            REJECTION_REASON: reason,
            REASON_CATEGORY: _reason_categories(reason, context.mapping.reason_overrides),
            FEEDBACK_REQUESTED: map_distinct(_text(frame, cols.get("feedback_requested")), yes_no),
            FEEDBACK_RECEIVED: feedback_text.map(lambda v: None if pd.isna(v) else (yes_no(v) is not False)),
            FEEDBACK_TEXT: feedback_text.map(lambda v: v if not pd.isna(v) and yes_no(v) is None else None),
            NOTES: _text(frame, cols.get("notes")),
            CONTACT: _text(frame, cols.get("contact")),
        },
        index=frame.index,
    )
    for segment in SEGMENT_FIELDS:
        if segment != "source" and segment in cols:
            apps[segment] = _segment_values(frame[cols[segment]], segment)
    for header in context.mapping.segments:
        if header in frame.columns:
            apps[f"{USER_SEGMENT_PREFIX}{header}"] = _text(frame, header)
    if signals.replied is not None:
        apps[REPLIED] = signals.replied.astype(bool)
    return apps[context.keep]


def _earliest(first: pd.Series, other: pd.Series | None) -> pd.Series:
    return first if other is None else pd.concat([first, other], axis=1).min(axis=1).astype(first.dtype)


def _reason_categories(reasons: pd.Series, overrides: dict[str, str]) -> pd.Series:
    """The category of each rejection reason text (the user's correction wins); None without text."""

    def category(text: object) -> str | None:
        if text is None:
            return None
        override = overrides.get(fold(text))
        return override if override is not None else classify_reason(text)

    return map_distinct(reasons, category)


@dataclass(frozen=True)
class _Collapsed:
    apps: pd.DataFrame
    notes: tuple[str, ...] = ()


def _collapse_events(apps: pd.DataFrame, context: _Context) -> _Collapsed:
    """An event log's many rows per application -> one: furthest stage, last outcome that ends it, first and last
    dates, path. Any other table already has one row per application."""
    mapping = context.mapping
    if not mapping.is_event_log:
        return _Collapsed(apps)
    events = mapping.events
    if apps.empty:
        empty = apps.assign(**{PATH: pd.Series(dtype=object), EVENTS: pd.Series(dtype=int)})
        return _Collapsed(empty, (_log_note(empty, context),))
    key_columns = [c for c in (COMPANY, ROLE) if mapping.columns.get(c)]
    keys = apps[key_columns].fillna("").astype(str).agg(" / ".join, axis=1)
    states = [map_distinct(context.frame.loc[context.keep, header], clean_text) for header in events.states]
    step_words = pd.concat(states, axis=1).apply(lambda r: [v for v in r if v], axis=1)
    order = apps[APPLIED_ON] if events.date else pd.Series(range(len(apps)), index=apps.index)
    work = apps.assign(_key=keys.to_numpy(), _order=order.to_numpy(), _steps=step_words.to_numpy())
    work = work.sort_values(["_key", "_order"], kind="stable")
    rows = [_collapse_group(group) for _, group in work.groupby("_key", sort=False)]
    collapsed = pd.DataFrame(rows).drop(columns=["_key", "_order", "_steps"])
    return _Collapsed(collapsed, (_log_note(collapsed, context),))


def _log_note(collapsed: pd.DataFrame, context: _Context) -> str:
    by = "company and role." if "role" in context.mapping.columns else "company."
    return f"Read as an event log: {len(collapsed)} applications from {int(context.keep.sum())} rows, grouped by {by}"


def _collapse_group(group: pd.DataFrame) -> dict[str, object]:
    """One application of a log from its rows, in time order: the first row, updated with what all of them say."""
    ended = group[group[OUTCOME] != "active"]
    path: list[str] = []
    for steps in group["_steps"]:
        for step in steps:
            if not path or path[-1] != step:
                path.append(step)
    first = group.iloc[0].to_dict()
    responded = group[(group[_EVENT_RANK] > 0) | group[OUTCOME].isin(_NEGATIVE)]
    reached_on = {
        STAGE_DATE[stage]: group.loc[group[_EVENT_RANK] == rank, APPLIED_ON].min()
        for rank, stage in enumerate(STAGES)
        if rank > 0
    }
    first.update(
        {
            **reached_on,
            _STAGE_RANK: int(group[_STAGE_RANK].max()),
            OUTCOME: ended[OUTCOME].iloc[-1] if len(ended) else "active",
            STATUS_RAW: group[STATUS_RAW].dropna().iloc[-1] if group[STATUS_RAW].notna().any() else None,
            DIRECTION: "inbound" if (group[DIRECTION] == "inbound").any() else "outbound",
            APPLIED_ON: group[APPLIED_ON].min(),
            LAST_UPDATE_ON: group[APPLIED_ON].max(),
            RESPONSE_ON: responded[APPLIED_ON].min() if len(responded) else pd.NaT,
            PATH: " → ".join(path),
            EVENTS: len(group),
        }
    )
    return first


def _finish(apps: pd.DataFrame) -> pd.DataFrame:
    """Derived columns every shape shares: the stage as an ordered category, first response, last activity."""
    apps = apps.copy()
    apps.insert(
        5,
        FURTHEST_STAGE,
        pd.Categorical.from_codes(apps[_STAGE_RANK].astype(int).to_numpy(), categories=list(STAGES), ordered=True),
    )
    # A rejection's date is the last update of a rejected row when the sheet has no rejection date of its own.
    ended = apps[OUTCOME].isin(ENDED_BY_EMPLOYER)
    apps[REJECTED_ON] = apps[REJECTED_ON].where(~ended | apps[REJECTED_ON].notna(), apps[LAST_UPDATE_ON])
    stage_dates = [apps[STAGE_DATE[stage]] for stage in STAGES[1:]]
    replies = pd.concat([apps[RESPONSE_ON], apps[REJECTED_ON], apps[_DECISION_ON], *stage_dates], axis=1)
    apps[FIRST_RESPONSE_ON] = replies.min(axis=1)
    everything = pd.concat([apps[APPLIED_ON], apps[LAST_UPDATE_ON], replies], axis=1)
    apps[LAST_ACTIVITY_ON] = everything.max(axis=1)
    return apps.drop(columns=[_STAGE_RANK, _EVENT_RANK, _DECISION_ON])


def _segment_values(column: pd.Series, segment: str) -> pd.Series:
    values = map_distinct(column, clean_text)
    if segment in ("referral", "cover_letter"):
        labels = {True: "Yes", False: "No"}
        values = values.map(lambda v: labels.get(yes_no(v), v) if not pd.isna(v) else None)
    return values


def _direction(frame: pd.DataFrame, cols: dict[str, str], source_raw: pd.Series) -> pd.Series:
    """Outbound unless a direction column or an inbound-sounding source says the employer reached out."""
    direction = pd.Series("outbound", index=frame.index, dtype=object)
    inbound_source = source_raw.map(lambda v: bool(v and _INBOUND_SOURCE.search(fold(v)))).astype(bool)
    direction[inbound_source] = "inbound"
    if "direction" in cols:
        said = frame[cols["direction"]].map(fold)
        direction[said.map(lambda v: bool(_INBOUND.match(v))).astype(bool)] = "inbound"
        direction[said.map(lambda v: bool(_OUTBOUND.match(v))).astype(bool)] = "outbound"
    return direction


# ---------------------------------------------------------------- status words


def _status_text(frame: pd.DataFrame, mapping: Mapping) -> pd.Series:
    """The status words of each row; for a log, the last state column (e.g. 'To')."""
    if mapping.is_event_log:
        return _text(frame, mapping.events.states[-1])
    return _text(frame, mapping.columns.get("status"))


def _meaning_table(values: pd.Series, mapping: Mapping) -> tuple[pd.DataFrame, dict[str, StatusMeaning]]:
    """Classify each distinct word once; the user's overrides win over the vocabulary."""
    rows = []
    meaning_of: dict[str, StatusMeaning] = {}
    for value, count in values.value_counts(dropna=True).items():
        override = mapping.status_overrides.get(fold(value))
        if override is not None:
            stage, outcome = override
            is_application = outcome != "not an application"
            meaning = StatusMeaning(stage if is_application else "applied", outcome, is_application=is_application)
            how = "your correction"
        else:
            meaning = classify_status(value)
            how = "vocabulary" if meaning.known else "not recognised"
            if meaning.confidence < 1:
                how = f"close to “{meaning.matched}” ({meaning.confidence:.0%})"
        meaning_of[value] = meaning
        rows.append(
            {
                "value": value,
                "rows": int(count),
                "stage": meaning.stage if meaning.is_application else "—",
                "outcome": meaning.outcome if meaning.is_application else "not an application",
                "how": how,
            }
        )
    return pd.DataFrame(rows, columns=["value", "rows", "stage", "outcome", "how"]), meaning_of


def _status_meanings(status_raw: pd.Series, mapping: Mapping) -> pd.Series:
    """Each row's StatusMeaning (blank status: applied, in progress)."""
    _, meaning_of = _meaning_table(status_raw, mapping)
    default = StatusMeaning()
    meanings = status_raw.map(lambda v: meaning_of.get(v, default) if v is not None else default).astype(object)
    return meanings


def _status_table(context: _Context, names: _Names, listed: pd.Series) -> pd.DataFrame:
    """Each distinct status word of the listed rows, how many rows say it and what it was read as."""
    if context.mapping.is_event_log:
        states = context.mapping.events.states
        every_state = pd.concat([_text(context.frame[listed], h) for h in states], ignore_index=True)
        return _meaning_table(every_state, context.mapping)[0]
    return _meaning_table(names.status_raw[listed], context.mapping)[0]


# ---------------------------------------------------------------- the quality report


@dataclass(frozen=True)
class _Findings:
    """The notes and warnings the reading steps returned, in the order the user reads them."""

    decisions: tuple[str, ...]
    warnings: tuple[str, ...]
    unparsed: tuple[dict[str, object], ...]  # field, column, value, rows


def _quality_report(
    context: _Context, rows: _Rows, statuses: pd.DataFrame, apps: pd.DataFrame, findings: _Findings
) -> Quality:
    frame = context.frame
    left_out = rows.left_out.notna()
    skipped = pd.DataFrame(
        {
            "row": frame.index[left_out],
            "reason": rows.left_out[left_out].to_numpy(),
            "content": [_preview(frame.loc[i]) for i in frame.index[left_out]],
        }
    )
    warnings = _warnings(apps, context.mapping, statuses, findings.unparsed, skipped)
    return Quality(
        rows_in_table=len(frame),
        applications=len(apps),
        blank_rows=int(rows.blank.sum()),
        skipped=skipped,
        unparsed=pd.DataFrame(list(findings.unparsed), columns=["field", "column", "value", "rows"]),
        unknown_statuses=_unknown_statuses(statuses),
        decisions=list(findings.decisions),
        warnings=[*warnings, *findings.warnings],
    )


def _unknown_statuses(statuses: pd.DataFrame) -> pd.DataFrame:
    return statuses[statuses["how"] == "not recognised"][["value", "rows"]].reset_index(drop=True)


def _shape_decision(mapping: Mapping) -> list[str]:
    if mapping.is_event_log:
        states = " → ".join(f"“{h}”" for h in mapping.events.states)
        return [f"Shape D (event log): each row is a step ({states}); rows of one company form one application."]
    if not mapping.stages:
        return []
    listed = ", ".join(f"“{s.header}” → {_KIND_WORDS.get(s.kind, s.kind.replace('_', ' '))}"
                       for s in (*mapping.stages, *mapping.outcomes))  # fmt: skip
    kind = "one date column per stage" if mapping.shape == "B" else "one yes/no flag per stage"
    also = " together with a status column (the furthest either shows counts)" if "status" in mapping.columns else ""
    return [f"Shape {mapping.shape} ({kind}){also}: {listed}."]


_LISTED_STATUSES = 10  # statuses named one warning each; the rest are counted in one line


def _warnings(
    apps: pd.DataFrame,
    mapping: Mapping,
    statuses: pd.DataFrame,
    unparsed: tuple[dict[str, object], ...],
    skipped: pd.DataFrame,
) -> list[str]:
    cols = mapping.columns
    warnings = []
    if apps.empty:
        warnings.append("No applications were found: every row was blank, a wishlist item, or had no company/role.")
    if "status" not in cols and not mapping.stages and not mapping.is_event_log:
        warnings.append("No status column was found: every application counts as sent, with no reply recorded.")
    if "applied_on" not in cols:
        warnings.append("No application-date column was found: time-based figures (ghosting, pace) are limited.")
    elif not apps.empty and apps[APPLIED_ON].isna().any():
        missing = int(apps[APPLIED_ON].isna().sum())
        warnings.append(f"{missing} application(s) have no readable application date; time figures leave them out.")
    unknown = _unknown_statuses(statuses)
    for _, row in unknown.head(_LISTED_STATUSES).iterrows():
        warnings.append(
            f"Status “{row['value']}” ({row['rows']} row(s)) is not a word we know; it counts as “applied, "
            "in progress”. Map it on the Data page."
        )
    if len(unknown) > _LISTED_STATUSES:
        rest = unknown.iloc[_LISTED_STATUSES:]
        warnings.append(
            f"{len(rest):,} more statuses ({int(rest['rows'].sum()):,} row(s)) are not words we know; they count "
            "as “applied, in progress”. The Data page lists them all."
        )
    close = statuses[statuses["how"].str.startswith("close to")]
    for _, row in close.head(_LISTED_STATUSES).iterrows():
        warnings.append(
            f"Status “{row['value']}” was read as {row['how']}: {row['stage']}, {row['outcome']}. "
            "Check it on the Data page."
        )
    if len(close) > _LISTED_STATUSES:
        warnings.append(
            f"{len(close) - _LISTED_STATUSES:,} more statuses were read as the word they are closest to. "
            "Check them on the Data page."
        )
    for item in unparsed:
        warnings.append(f"{item['rows']} value(s) “{item['value']}” in “{item['column']}” could not be read as a date.")
    if len(skipped):
        reasons = skipped["reason"].value_counts()
        summary = "; ".join(f"{count} {reason}" for reason, count in reasons.items())
        warnings.append(f"{len(skipped)} row(s) left out: {summary}. The Data page lists them.")
    return warnings
