"""Raw table + mapping -> one canonical row per application, and a report of everything not used."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from lib.dates import ORDER_LABELS, parse_dates
from lib.detect import DATE_FIELDS, FIELD_LABELS, SEGMENT_FIELDS, Mapping, RawTable
from lib.text import clean_text, fold
from lib.vocabulary import STAGES, StatusMeaning, classify_status

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
_YES = {"yes", "y", "true", "1", "x", "oui", "si", "ja", "done", "sent", "requested", "asked"}
_NO = {"no", "n", "false", "0", "non", "nein", "not sent", "none"}

APPLICATION_COLUMNS = (
    "row", "company", "role", "applied_on", "status_raw", "furthest_stage", "outcome", "source", "source_raw",
    "direction", "first_response_on", "last_activity_on", "rejection_reason", "feedback_requested",
    "feedback_received", "notes",
)  # fmt: skip


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
    apps: pd.DataFrame  # one row per application, APPLICATION_COLUMNS + segments
    raw: pd.DataFrame  # the same rows with every original column as typed
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
    return column.map(lambda v: distinct.get(v) if v is not None and v == v else func(None))


def _text(table: pd.DataFrame, header: str | None) -> pd.Series:
    if header is None:
        return pd.Series([None] * len(table), index=table.index, dtype=object)
    return _map_distinct(table[header], clean_text)


def _preview(row: pd.Series, width: int = 80) -> str:
    text = " | ".join(str(clean_text(v)) for v in row if clean_text(v) is not None)
    return text if len(text) <= width else text[: width - 1] + "…"


def normalize(table: RawTable, mapping: Mapping) -> Normalized:
    frame = table.frame
    cols = mapping.columns
    filled = frame.map(lambda v: clean_text(v) is not None)
    filled_count = filled.sum(axis=1)
    blank = filled_count == 0
    typical = float(filled_count[~blank].median()) if (~blank).any() else 0.0

    company = _text(frame, cols.get("company"))
    role = _text(frame, cols.get("role"))
    status_raw = _text(frame, cols.get("status"))

    statuses, meanings = _status_meanings(status_raw, mapping)
    stage = meanings.map(lambda m: m.stage)
    outcome = meanings.map(lambda m: m.outcome)
    is_application = meanings.map(lambda m: m.is_application)

    reasons = pd.Series(None, index=frame.index, dtype=object)
    reasons[company.isna() & role.isna() & ~blank] = "no company or role"
    lone = (filled_count == 1) & (typical >= 3) & reasons.isna()
    reasons[lone] = "only one cell filled (a note or a total?)"
    reasons[~is_application & reasons.isna() & ~blank] = "not sent yet (wishlist / saved / diary entry)"
    keep = reasons.isna() & ~blank
    skipped = pd.DataFrame(
        {
            "row": frame.index[reasons.notna()],
            "reason": reasons[reasons.notna()].to_numpy(),
            "content": [_preview(frame.loc[i]) for i in frame.index[reasons.notna()]],
        }
    )

    decisions: list[str] = []
    unparsed_rows: list[dict[str, object]] = []
    dates: dict[str, pd.Series] = {}
    for field_name in DATE_FIELDS:
        header = cols.get(field_name)
        if header is None:
            dates[field_name] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
            continue
        parsed = parse_dates(frame.loc[keep, header], mapping.date_orders.get(header))
        dates[field_name] = parsed.values.reindex(frame.index)
        if parsed.note:
            decisions.append(f"“{header}” {parsed.note}.")
        elif mapping.date_orders.get(header):
            decisions.append(f"“{header}” read as {ORDER_LABELS[mapping.date_orders[header]]} (your choice).")
        for value, count in parsed.unparsed.items():
            unparsed_rows.append({"field": FIELD_LABELS[field_name], "column": header, "value": value, "rows": count})

    source_raw = _text(frame, cols.get("source"))
    source = _map_distinct(source_raw, canonical_source)
    direction = _direction(frame, cols, source_raw)

    first_response = dates["response_on"].fillna(dates["rejected_on"])
    activity = pd.concat(
        [dates["applied_on"], first_response, dates["last_activity_on"], dates["rejected_on"]], axis=1
    ).max(axis=1)

    feedback_received_text = _text(frame, cols.get("feedback_received"))
    feedback_received = feedback_received_text.map(
        lambda v: None if v is None else (yes_no(v) if yes_no(v) is not None else True)
    )
    apps = pd.DataFrame(
        {
            "row": frame.index,
            "company": company,
            "role": role,
            "applied_on": dates["applied_on"],
            "status_raw": status_raw,
            "furthest_stage": pd.Categorical(stage, categories=list(STAGES), ordered=True),
            "outcome": outcome,
            "source": source,
            "source_raw": source_raw,
            "direction": direction,
            "first_response_on": first_response,
            "last_activity_on": activity,
            "rejection_reason": _text(frame, cols.get("rejection_reason")),
            "feedback_requested": _map_distinct(_text(frame, cols.get("feedback_requested")), yes_no),
            "feedback_received": feedback_received,
            "feedback_text": feedback_received_text.map(lambda v: v if v is not None and yes_no(v) is None else None),
            "notes": _text(frame, cols.get("notes")),
        },
        index=frame.index,
    )
    for segment in SEGMENT_FIELDS:
        if segment == "source" or segment not in cols:
            continue
        values = _text(frame, cols[segment])
        if segment in ("referral", "cover_letter"):
            values = values.map(lambda v: {True: "Yes", False: "No"}.get(yes_no(v), v) if v is not None else None)
        apps[segment] = values
    apps = apps[keep].reset_index(drop=True)
    raw = frame[keep].reset_index(drop=True)

    unknown = statuses[statuses["how"] == "not recognised"][["value", "rows"]].reset_index(drop=True)
    warnings = _warnings(apps, cols, unknown, unparsed_rows, skipped)
    quality = Quality(
        rows_in_table=len(frame),
        applications=len(apps),
        blank_rows=int(blank.sum()),
        skipped=skipped,
        unparsed=pd.DataFrame(unparsed_rows, columns=["field", "column", "value", "rows"]),
        unknown_statuses=unknown,
        decisions=decisions,
        warnings=warnings,
    )
    return Normalized(apps, raw, statuses, quality)


def _status_meanings(status_raw: pd.Series, mapping: Mapping) -> tuple[pd.DataFrame, pd.Series]:
    """Classify each distinct status word once; the user's overrides win over the vocabulary."""
    counts = status_raw.value_counts(dropna=True)
    rows = []
    meaning_of: dict[str, StatusMeaning] = {}
    for value, count in counts.items():
        override = mapping.status_overrides.get(fold(value))
        if override is not None:
            meaning = StatusMeaning(override[0], override[1], is_application=override[1] != "not an application")
            how = "your mapping"
        else:
            meaning = classify_status(value)
            how = "vocabulary" if meaning.known else "not recognised"
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
    statuses = pd.DataFrame(rows, columns=["value", "rows", "stage", "outcome", "how"])
    default = StatusMeaning()
    meanings = status_raw.map(lambda v: meaning_of.get(v, default) if v is not None else default)
    return statuses, meanings


def _direction(frame: pd.DataFrame, cols: dict[str, str], source_raw: pd.Series) -> pd.Series:
    """Outbound unless a direction column or an inbound-sounding source says the employer reached out."""
    direction = pd.Series("outbound", index=frame.index, dtype=object)
    inbound_source = source_raw.map(lambda v: bool(v and _INBOUND_SOURCE.search(fold(v))))
    direction[inbound_source] = "inbound"
    if "direction" in cols:
        said = frame[cols["direction"]].map(fold)
        direction[said.map(lambda v: bool(_INBOUND.match(v)))] = "inbound"
        direction[said.map(lambda v: bool(_OUTBOUND.match(v)))] = "outbound"
    return direction


def _warnings(
    apps: pd.DataFrame,
    cols: dict[str, str],
    unknown: pd.DataFrame,
    unparsed: list[dict[str, object]],
    skipped: pd.DataFrame,
) -> list[str]:
    warnings = []
    if apps.empty:
        warnings.append("No applications were found: every row was blank, a wishlist item, or had no company/role.")
    if "status" not in cols:
        warnings.append("No status column was found: every application counts as sent, with no reply recorded.")
    if "applied_on" not in cols:
        warnings.append("No application-date column was found: time-based figures (ghosting, pace) are not shown.")
    elif apps["applied_on"].isna().any() and not apps.empty:
        missing = int(apps["applied_on"].isna().sum())
        warnings.append(f"{missing} application(s) have no readable application date; time figures leave them out.")
    for _, row in unknown.iterrows():
        warnings.append(
            f"Status “{row['value']}” ({row['rows']} row(s)) is not a word we know; it counts as “applied, "
            "in progress”. Map it on the Data page."
        )
    for item in unparsed:
        warnings.append(f"{item['rows']} value(s) “{item['value']}” in “{item['column']}” could not be read as a date.")
    if len(skipped):
        reasons = skipped["reason"].value_counts()
        summary = "; ".join(f"{count} {reason}" for reason, count in reasons.items())
        warnings.append(f"{len(skipped)} row(s) left out: {summary}. The Data page lists them.")
    return warnings
