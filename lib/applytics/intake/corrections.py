"""The user's corrections to detection, and the small JSON file that carries them to the next upload."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

import pandas as pd

from applytics.errors import ImportProblem
from applytics.intake.detect import FIELD_ALIASES, STAGE_COLUMN_KINDS, Mapping, StageColumn, cell_kind, shape_of
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
        """Read a mapping file; anything off is an ImportProblem that says which entry and why."""
        if len(data) > MAX_FILE_BYTES:
            raise ImportProblem(f"{name} is larger than a mapping file can be.", "Choose the .json Applytics saved.")
        try:
            payload = json.loads(data)
        except (ValueError, UnicodeDecodeError) as exc:
            raise ImportProblem(f"{name} is not valid JSON ({exc}).", "Choose the .json Applytics saved.") from None
        if not isinstance(payload, dict) or payload.get("format") != FORMAT:
            raise ImportProblem(
                f"{name} is not an Applytics mapping file.", "Download one from the Data page, then upload it here."
            )
        unknown = set(payload) - {"format", "version", "columns", "statuses", "date_orders", "reasons"}
        if unknown:
            raise ImportProblem(
                f"{name} has section(s) Applytics does not know: {', '.join(sorted(unknown))}.",
                "Check the spelling, or download the file again from the Data page.",
            )
        columns = payload.get("columns") or {}
        statuses = payload.get("statuses") or {}
        orders = payload.get("date_orders") or {}
        reasons = payload.get("reasons") or {}
        if not all(isinstance(x, dict) for x in (columns, statuses, orders, reasons)):
            raise ImportProblem(f"{name} is damaged: columns, statuses, date_orders and reasons must be objects.")
        for text, category in reasons.items():
            if category not in REASON_CATEGORIES:
                raise ImportProblem(
                    f"{name}: rejection reason “{text}” has category “{category}”.",
                    f"Use one of: {', '.join(REASON_CATEGORIES)}.",
                )
        for header, choice in columns.items():
            if choice not in COLUMN_CHOICES:
                raise ImportProblem(
                    f"{name}: column “{header}” is mapped to “{choice}”, which is not a field.",
                    f"Use one of: {', '.join(COLUMN_CHOICES)}.",
                )
        parsed_statuses: dict[str, tuple[str, str]] = {}
        for word, target in statuses.items():
            stage = target.get("stage") if isinstance(target, dict) else None
            outcome = target.get("outcome") if isinstance(target, dict) else None
            valid = (stage in STAGES and outcome in OUTCOMES) or (
                stage in (*STAGES, "—") and outcome == NOT_APPLICATION
            )
            if not valid:
                raise ImportProblem(
                    f"{name}: status “{word}” has stage “{stage}” and outcome “{outcome}”.",
                    f"Stages: {', '.join(STAGES)}; outcomes: {', '.join(OUTCOMES)} or “{NOT_APPLICATION}”.",
                )
            parsed_statuses[str(word)] = (stage, outcome)
        for header, order in orders.items():
            if order not in ("dmy", "mdy"):
                raise ImportProblem(f"{name}: date order of “{header}” is “{order}”; use “dmy” or “mdy”.")
        return cls(dict(columns), parsed_statuses, dict(orders), dict(reasons))


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
