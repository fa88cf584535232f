"""Raw table + mapping -> one canonical row per application, and a report of everything not used."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from applytics.intake.dates import GUESS, ORDER_LABELS, decide_order, parse_dates
from applytics.intake.detect import Mapping, RawTable, StageColumn
from applytics.intake.vocabulary import StatusMeaning, classify_status
from applytics.schema import DATE_FIELDS, FIELD_LABELS, SEGMENT_FIELDS, STAGES
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
_YES = {"yes", "y", "true", "1", "x", "oui", "si", "ja", "done", "sent", "requested", "asked", "v", "ok"}
_NO = {"no", "n", "false", "0", "non", "nein", "not sent", "none"}
_NEGATIVE = ("rejected", "closed", "withdrawn", "ghosted", "declined")
_NOT_SENT = "not sent yet (wishlist / saved / diary entry)"
_FOOTER = re.compile(r"\b(total|totals|sum|count|average|moyenne|summe|gesamt|promedio|end|fin)\b")
_RANK = {stage: rank for rank, stage in enumerate(STAGES)}


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
    raw: pd.DataFrame  # the same applications with every original column as typed
    statuses: pd.DataFrame  # value, rows, stage, outcome, how
    quality: Quality


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


def yes_no(value: object) -> bool | None:
    text = fold(value)
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None


def _map_distinct(column: pd.Series, func: Callable[[object], object]) -> pd.Series:
    """Apply func once per distinct cell value: trackers repeat the same few words thousands of times."""
    distinct = {value: func(value) for value in column.dropna().unique()}
    mapped = column.map(distinct).astype(object)
    missing = column.isna()
    if missing.any():
        mapped[missing] = func(None)
    return mapped.where(mapped.notna(), None)


def _per_distinct(frame: pd.DataFrame, func: Callable[[object], object]) -> pd.DataFrame:
    """func over every cell, computed once per distinct value of each column."""
    return pd.DataFrame({column: _map_distinct(frame[column], func) for column in frame.columns}, index=frame.index)


def _text(table: pd.DataFrame, header: str | None) -> pd.Series:
    if header is None:
        return pd.Series([None] * len(table), index=table.index, dtype=object)
    return _map_distinct(table[header], clean_text)


def _preview(row: pd.Series, width: int = 80) -> str:
    text = " | ".join(str(clean_text(v)) for v in row if clean_text(v) is not None)
    return text if len(text) <= width else text[: width - 1] + "…"


def _nat(index: pd.Index) -> pd.Series:
    return pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")


@dataclass
class _Signals:
    """What each row says, before rows become applications (one row each, or many for a log)."""

    rank: pd.Series  # furthest stage as 0..3
    outcome: pd.Series
    inbound: pd.Series
    stage_dates: dict[str, pd.Series]
    rejected_flag: pd.Series
    stopped: pd.Series  # an explicit "N" after the last step reached (shape C): the application stopped there
    in_progress: pd.Series


def normalize(table: RawTable, mapping: Mapping) -> Normalized:
    frame = table.frame
    cols = mapping.columns
    filled = _per_distinct(frame, lambda v: clean_text(v) is not None).astype(bool)
    filled_count = filled.sum(axis=1)
    blank = filled_count == 0
    typical = float(filled_count[~blank].median()) if (~blank).any() else 0.0
    decisions: list[str] = []
    warnings: list[str] = []
    unparsed_rows: list[dict[str, object]] = []

    company = _text(frame, cols.get("company"))
    role = _text(frame, cols.get("role"))
    status_raw = _status_text(frame, mapping)
    meanings = _status_meanings(status_raw, mapping)

    reasons = pd.Series(None, index=frame.index, dtype=object)
    header_folded = pd.Series([fold(h) for h in frame.columns], index=frame.columns)
    repeated_header = (_per_distinct(frame, fold) == header_folded).sum(axis=1) >= 2
    reasons[repeated_header & ~blank] = "the header repeated"
    if "company" in cols or "role" in cols:
        reasons[company.isna() & role.isna() & ~blank & reasons.isna()] = "no company or role"
    else:
        shown = ", ".join(f"“{h}”" for h in list(frame.columns)[:8])
        warnings.append(
            f"No company or role column was found (columns: {shown}), so each filled row counts as one "
            "application. Name the employer column “Company” or the job column “Role” to see them by name."
        )
    lone = (filled_count == 1) & (typical >= 3) & reasons.isna()
    lone_text = frame[lone].apply(lambda row: next((clean_text(v) for v in row if clean_text(v)), ""), axis=1)
    footer = lone_text.map(lambda t: bool(_FOOTER.search(fold(t)) or ":" in t or fold(t).isdigit()))
    lone = lone & footer.astype(object).reindex(frame.index, fill_value=False).astype(bool)
    reasons[lone] = "only one cell filled (a note or a total?)"
    if "status" in cols and "applied_on" in cols:
        # A name typed ahead (nothing in any field but company/role) in a sheet that dates and tracks its
        # applications: a placeholder, not one sent.
        described = [h for f, h in cols.items() if f not in ("company", "role") and h in frame.columns]
        said = filled[described].sum(axis=1) if described else pd.Series(0, index=frame.index)
        bare = (said == 0) & (typical >= 4)
        reasons[bare & reasons.isna() & ~blank] = "no status and no date: not sent yet?"
    not_application = ~meanings.map(lambda m: m.is_application).astype(bool)
    reasons[not_application & reasons.isna() & ~blank] = _NOT_SENT
    keep = reasons.isna() & ~blank
    # Words of rows left out for their status stay listed (so "Wishlist" can be corrected); others do not.
    listed = keep | (reasons == _NOT_SENT)
    if mapping.shape == "D" and mapping.events is not None:
        every_state = pd.concat([_text(frame[listed], h) for h in mapping.events.states], ignore_index=True)
        statuses, _ = _meaning_table(every_state, mapping)
    else:
        statuses, _ = _meaning_table(status_raw[listed], mapping)

    proven = _proven_order(frame, keep, mapping)
    dates: dict[str, pd.Series] = {}
    for field_name in DATE_FIELDS:
        header = cols.get(field_name)
        dates[field_name] = _nat(frame.index)
        if header is not None:
            dates[field_name] = _read_dates(frame, keep, header, field_name, mapping, decisions, unparsed_rows, proven)

    signals = _row_signals(frame, keep, mapping, meanings, decisions, warnings, proven)

    source_raw = _text(frame, cols.get("source"))
    direction = _direction(frame, cols, source_raw).where(~signals.inbound, "inbound")
    feedback_text = _text(frame, cols.get("feedback_received"))
    apps = pd.DataFrame(
        {
            "row": frame.index,
            "company": company,
            "role": role,
            "applied_on": dates["applied_on"],
            "status_raw": status_raw,
            "stage_rank": signals.rank,
            "outcome": _combined_outcome(signals),
            "source": _map_distinct(source_raw, canonical_source),
            "source_raw": source_raw,
            "direction": direction,
            "response_on": dates["response_on"],
            "rejected_on": dates["rejected_on"],
            "last_update_on": dates["last_activity_on"],
            **{f"{stage}_on": signals.stage_dates[stage] for stage in (*STAGES[1:], "decision")},
            "event_rank": meanings.map(lambda m: _RANK[m.stage]).astype(int),
            "rejection_reason": _text(frame, cols.get("rejection_reason")),
            "feedback_requested": _map_distinct(_text(frame, cols.get("feedback_requested")), yes_no),
            "feedback_received": feedback_text.map(lambda v: None if pd.isna(v) else (yes_no(v) is not False)),
            "feedback_text": feedback_text.map(lambda v: v if not pd.isna(v) and yes_no(v) is None else None),
            "notes": _text(frame, cols.get("notes")),
            "contact": _text(frame, cols.get("contact")),
        },
        index=frame.index,
    )
    for segment in SEGMENT_FIELDS:
        if segment != "source" and segment in cols:
            apps[segment] = _segment_values(frame[cols[segment]], segment)
    for header in mapping.segments:
        if header in frame.columns:
            apps[f"segment: {header}"] = _text(frame, header)

    apps = apps[keep]
    raw = frame[keep]
    if mapping.shape == "D" and mapping.events is not None:
        apps, raw = _collapse_events(apps, raw, mapping)
        decisions.append(
            f"Read as an event log: {len(raw)} applications from {int(keep.sum())} rows, grouped by company"
            + (" and role." if "role" in cols else ".")
        )
    apps = _finish(apps.reset_index(drop=True))
    raw = raw.reset_index(drop=True)

    skipped = pd.DataFrame(
        {
            "row": frame.index[reasons.notna()],
            "reason": reasons[reasons.notna()].to_numpy(),
            "content": [_preview(frame.loc[i]) for i in frame.index[reasons.notna()]],
        }
    )
    unknown = statuses[statuses["how"] == "not recognised"][["value", "rows"]].reset_index(drop=True)
    warnings = _warnings(apps, mapping, statuses, unknown, unparsed_rows, skipped) + warnings
    quality = Quality(
        rows_in_table=len(frame),
        applications=len(apps),
        blank_rows=int(blank.sum()),
        skipped=skipped,
        unparsed=pd.DataFrame(unparsed_rows, columns=["field", "column", "value", "rows"]),
        unknown_statuses=unknown,
        decisions=_shape_decision(mapping) + decisions,
        warnings=warnings,
    )
    return Normalized(apps, raw, statuses, quality)


def _read_dates(
    frame: pd.DataFrame,
    keep: pd.Series,
    header: str,
    field_name: str,
    mapping: Mapping,
    decisions: list[str],
    unparsed_rows: list[dict[str, object]],
    proven: str | None,
) -> pd.Series:
    parsed = parse_dates(frame.loc[keep, header], mapping.date_orders.get(header), proven)
    if parsed.note:
        decisions.append(f"“{header}” {parsed.note}.")
    elif mapping.date_orders.get(header):
        decisions.append(f"“{header}” read as {ORDER_LABELS[mapping.date_orders[header]]} (your choice).")
    for value, count in parsed.unparsed.items():
        unparsed_rows.append({"field": FIELD_LABELS[field_name], "column": header, "value": value, "rows": count})
    return parsed.values.reindex(frame.index)


def _segment_values(column: pd.Series, segment: str) -> pd.Series:
    values = _map_distinct(column, clean_text)
    if segment in ("referral", "cover_letter"):
        labels = {True: "Yes", False: "No"}
        values = values.map(lambda v: labels.get(yes_no(v), v) if not pd.isna(v) else None)
    return values


def _status_text(frame: pd.DataFrame, mapping: Mapping) -> pd.Series:
    """The status words of each row; for a log, the last state column (e.g. 'To')."""
    if mapping.shape == "D" and mapping.events is not None:
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


def _row_signals(
    frame: pd.DataFrame,
    keep: pd.Series,
    mapping: Mapping,
    meanings: pd.Series,
    decisions: list[str],
    warnings: list[str],
    proven: str | None,
) -> _Signals:
    """Stage, outcome and dates each row shows, from its status and any stage columns (furthest wins)."""
    index = frame.index
    rank = meanings.map(lambda m: _RANK[m.stage]).astype(int)
    outcome = meanings.map(lambda m: m.outcome).astype(object)
    inbound = meanings.map(lambda m: m.inbound).astype(bool)
    if mapping.shape == "D" and mapping.events is not None and len(mapping.events.states) > 1:
        for header in mapping.events.states[:-1]:
            earlier = _status_meanings(_text(frame, header), mapping)
            rank = np.maximum(rank, earlier.map(lambda m: _RANK[m.stage]).astype(int))
            inbound |= earlier.map(lambda m: m.inbound).astype(bool)
    stage_dates = {stage: _nat(index) for stage in (*STAGES[1:], "decision")}
    rejected_flag = pd.Series(False, index=index)
    in_progress = pd.Series(False, index=index)
    stopped_after = pd.Series(False, index=index)  # an "N" after the last step reached: it stopped there
    column_outcome = pd.Series(None, index=index, dtype=object)
    odd_letters: set[str] = set()
    for column in mapping.outcomes:
        word_rank, word_outcome, when = _outcome_cells(frame, keep, column, mapping, decisions, proven)
        rank = np.maximum(rank, word_rank)
        column_outcome = column_outcome.fillna(word_outcome)
        stage_dates["decision"] = pd.concat([stage_dates["decision"], when], axis=1).min(axis=1)
    for column in mapping.stages:
        reached, when, negative, said_no = _stage_cells(frame, keep, column, mapping, odd_letters, decisions, proven)
        if column.kind == "rejected":
            rejected_flag |= reached
            continue
        if column.kind == "in_progress":
            in_progress |= reached
            continue
        level = _RANK[column.kind]
        rank = rank.where(~reached | (rank >= level), level)
        stage_dates[column.kind] = pd.concat([stage_dates[column.kind], when], axis=1).min(axis=1)
        stopped_after = (stopped_after & ~reached) | said_no
        column_outcome = column_outcome.fillna(negative)
    if odd_letters:
        warnings.append(
            "Flag cells "
            + ", ".join(f"“{letter}”" for letter in sorted(odd_letters))
            + " are not Y/N; they were read as “reached”. Correct them on the Data page if not."
        )
    outcome = outcome.where(outcome != "active", column_outcome.fillna("active"))
    return _Signals(rank, outcome, inbound, stage_dates, rejected_flag, stopped_after, in_progress)


def _proven_order(frame: pd.DataFrame, keep: pd.Series, mapping: Mapping) -> str | None:
    """The day/month order the sheet's date columns prove together, if their values settle it."""
    headers = [mapping.columns[f] for f in DATE_FIELDS if f in mapping.columns]
    headers += [c.header for c in (*mapping.stages, *mapping.outcomes) if c.cells == "dates"]
    texts = [str(v).strip() for h in dict.fromkeys(headers) for v in frame.loc[keep, h].dropna() if isinstance(v, str)]
    order, why = decide_order(texts)
    return order if why != GUESS else None


def _column_dates(
    frame: pd.DataFrame, keep: pd.Series, header: str, mapping: Mapping, decisions: list[str], proven: str | None
) -> pd.Series:
    parsed = parse_dates(frame[header].where(keep), mapping.date_orders.get(header), proven)
    if parsed.note:
        decisions.append(f"“{header}” {parsed.note}.")
    return parsed.values.reindex(frame.index)


def _outcome_cells(
    frame: pd.DataFrame,
    keep: pd.Series,
    column: StageColumn,
    mapping: Mapping,
    decisions: list[str],
    proven: str | None,
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """A second outcome column ('Final answer' beside 'Status'): its words and, where it holds them, dates."""
    text = _text(frame, column.header)
    meanings = _status_meanings(text, mapping)
    dated = column.cells == "dates"
    when = _column_dates(frame, keep, column.header, mapping, decisions, proven) if dated else _nat(frame.index)
    words = meanings.where(text.notna() & when.isna(), None)
    rank = words.map(lambda m: _RANK[m.stage] if m is not None else 0).astype(int)
    outcome = words.map(lambda m: m.outcome if m is not None and m.outcome != "active" else None).astype(object)
    return rank, outcome, when


def _stage_cells(
    frame: pd.DataFrame,
    keep: pd.Series,
    column: StageColumn,
    mapping: Mapping,
    odd_letters: set[str],
    decisions: list[str],
    proven: str | None,
) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """(reached, date, negative outcome word, explicit 'N') for one stage column."""
    cells = frame[column.header]
    text = _map_distinct(cells, clean_text)
    present = text.notna()
    if column.cells == "dates":
        when = _column_dates(frame, keep, column.header, mapping, decisions, proven)
        words = _map_distinct(text.where(when.isna()), classify_status)
        negative = words.map(lambda m: m.outcome if m is not None and m.outcome in _NEGATIVE else None)
        said_no = text.map(lambda v: fold(v) in ("no", "n", "non", "nein")).astype(bool)
        reached = present & negative.isna() & ~said_no
        return reached, when, negative.astype(object), said_no
    folded = text.map(fold)
    yes = folded.map(lambda v: yes_no(v) is True).astype(bool)
    said_no = folded.map(lambda v: yes_no(v) is False).astype(bool)
    odd = present & ~yes & ~said_no
    odd_letters.update(str(v) for v in text[odd & keep].unique())
    reached = yes | odd
    return reached, _nat(frame.index), pd.Series(None, index=frame.index, dtype=object), said_no


def _combined_outcome(signals: _Signals) -> pd.Series:
    """A status or word that ends the application wins; then a rejection flag; then an 'N' past the furthest stage."""
    outcome = signals.outcome.copy()
    open_ = outcome == "active"
    outcome = outcome.where(~(open_ & signals.rejected_flag), "rejected")
    open_ = outcome == "active"
    return outcome.where(~(open_ & signals.stopped & ~signals.in_progress), "rejected")


def _collapse_events(apps: pd.DataFrame, raw: pd.DataFrame, mapping: Mapping) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Many rows per application -> one: furthest stage, last outcome that ends it, first and last dates, path."""
    if apps.empty:
        return apps.assign(path=pd.Series(dtype=object), events=pd.Series(dtype=int)), raw
    key_columns = [c for c in ("company", "role") if mapping.columns.get(c)]
    keys = apps[key_columns].fillna("").astype(str).agg(" / ".join, axis=1)
    states = [_text(raw, header) for header in mapping.events.states]
    step_words = pd.concat(states, axis=1).apply(lambda r: [v for v in r if v], axis=1)
    date_column = mapping.events.date
    order = apps["applied_on"] if date_column else pd.Series(range(len(apps)), index=apps.index)
    work = apps.assign(_key=keys.to_numpy(), _order=order.to_numpy(), _steps=step_words.to_numpy())
    work = work.sort_values(["_key", "_order"], kind="stable")
    rows = []
    for _, group in work.groupby("_key", sort=False):
        ended = group[group["outcome"] != "active"]
        path: list[str] = []
        for steps in group["_steps"]:
            for step in steps:
                if not path or path[-1] != step:
                    path.append(step)
        first = group.iloc[0].to_dict()
        responded = group[(group["event_rank"] > 0) | group["outcome"].isin(_NEGATIVE)]
        reached_on = {
            f"{stage}_on": group.loc[group["event_rank"] == rank, "applied_on"].min()
            for rank, stage in enumerate(STAGES)
            if rank > 0
        }
        first.update(
            **reached_on,
            stage_rank=int(group["stage_rank"].max()),
            outcome=ended["outcome"].iloc[-1] if len(ended) else "active",
            status_raw=group["status_raw"].dropna().iloc[-1] if group["status_raw"].notna().any() else None,
            direction="inbound" if (group["direction"] == "inbound").any() else "outbound",
            applied_on=group["applied_on"].min(),
            last_update_on=group["applied_on"].max(),
            response_on=responded["applied_on"].min() if len(responded) else pd.NaT,
            path=" → ".join(path),
            events=len(group),
        )
        rows.append(first)
    collapsed = pd.DataFrame(rows).drop(columns=["_key", "_order", "_steps"])
    first_raw = raw.loc[collapsed["row"].to_numpy()]
    return collapsed, first_raw


def _finish(apps: pd.DataFrame) -> pd.DataFrame:
    """Derived columns every shape shares: the stage as an ordered category, first response, last activity."""
    apps = apps.copy()
    apps.insert(
        5,
        "furthest_stage",
        pd.Categorical.from_codes(apps["stage_rank"].astype(int).to_numpy(), categories=list(STAGES), ordered=True),
    )
    # A rejection's date is the last update of a rejected row when the sheet has no rejection date of its own.
    ended = apps["outcome"].isin(("rejected", "closed"))
    apps["rejected_on"] = apps["rejected_on"].where(~ended | apps["rejected_on"].notna(), apps["last_update_on"])
    stage_dates = [apps[f"{stage}_on"] for stage in STAGES[1:]]
    replies = pd.concat([apps["response_on"], apps["rejected_on"], apps["decision_on"], *stage_dates], axis=1)
    apps["first_response_on"] = replies.min(axis=1)
    everything = pd.concat([apps["applied_on"], apps["last_update_on"], replies], axis=1)
    apps["last_activity_on"] = everything.max(axis=1)
    return apps.drop(columns=["stage_rank", "event_rank", "decision_on"])


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


def _shape_decision(mapping: Mapping) -> list[str]:
    if mapping.shape == "D" and mapping.events is not None:
        states = " → ".join(f"“{h}”" for h in mapping.events.states)
        return [f"Shape D (event log): each row is a step ({states}); rows of one company form one application."]
    if not mapping.stages:
        return []
    listed = ", ".join(f"“{s.header}” → {s.kind.replace('_', ' ')}" for s in (*mapping.stages, *mapping.outcomes))
    kind = "one date column per stage" if mapping.shape == "B" else "one yes/no flag per stage"
    also = " together with a status column (the furthest either shows counts)" if "status" in mapping.columns else ""
    return [f"Shape {mapping.shape} ({kind}){also}: {listed}."]


def _warnings(
    apps: pd.DataFrame,
    mapping: Mapping,
    statuses: pd.DataFrame,
    unknown: pd.DataFrame,
    unparsed: list[dict[str, object]],
    skipped: pd.DataFrame,
) -> list[str]:
    cols = mapping.columns
    warnings = []
    if apps.empty:
        warnings.append("No applications were found: every row was blank, a wishlist item, or had no company/role.")
    if "status" not in cols and not mapping.stages and mapping.events is None:
        warnings.append("No status column was found: every application counts as sent, with no reply recorded.")
    if "applied_on" not in cols:
        warnings.append("No application-date column was found: time-based figures (ghosting, pace) are limited.")
    elif not apps.empty and apps["applied_on"].isna().any():
        missing = int(apps["applied_on"].isna().sum())
        warnings.append(f"{missing} application(s) have no readable application date; time figures leave them out.")
    for _, row in unknown.iterrows():
        warnings.append(
            f"Status “{row['value']}” ({row['rows']} row(s)) is not a word we know; it counts as “applied, "
            "in progress”. Map it on the Data page."
        )
    for _, row in statuses[statuses["how"].str.startswith("close to")].iterrows():
        warnings.append(
            f"Status “{row['value']}” was read as {row['how']}: {row['stage']}, {row['outcome']}. "
            "Check it on the Data page."
        )
    for item in unparsed:
        warnings.append(f"{item['rows']} value(s) “{item['value']}” in “{item['column']}” could not be read as a date.")
    if len(skipped):
        reasons = skipped["reason"].value_counts()
        summary = "; ".join(f"{count} {reason}" for reason, count in reasons.items())
        warnings.append(f"{len(skipped)} row(s) left out: {summary}. The Data page lists them.")
    return warnings
