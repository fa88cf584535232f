"""The one import path, shared by the app and the CLI: bytes -> workbook -> table -> mapping -> applications."""

from __future__ import annotations

from dataclasses import dataclass, field

from applytics.intake.corrections import Corrections, apply_corrections
from applytics.intake.detect import Mapping, RawTable, choose_sheet, detect_mapping, require_countable, table_from_sheet
from applytics.intake.guard import DEFAULT_LIMITS, Limits
from applytics.intake.normalize import Normalized, normalize
from applytics.intake.plausibility import Uncertain, plausibility_warnings, uncertain_readings
from applytics.intake.read import Workbook, read_workbook
from applytics.schema import validate


@dataclass(frozen=True)
class ImportResult:
    filename: str
    workbook_kind: str
    sheet_names: list[str]
    sheet: str
    table: RawTable
    mapping: Mapping
    normalized: Normalized
    decisions: list[str]
    uncertain: list[Uncertain] = field(default_factory=list)  # decisions to check: shown as questions
    plausibility: list[str] = field(default_factory=list)  # surprising figures, each naming its cause
    parts: tuple[ImportResult, ...] = ()  # a cohort of files (intake.combine): each file's own import
    unusable: tuple[str, ...] = ()  # a cohort's files that could not be used: each named, with why

    @property
    def is_cohort(self) -> bool:
        return bool(self.parts)

    @property
    def described(self) -> str:
        """Where the applications came from, in one line: the file, sheet, header row and shape."""
        quality = self.normalized.quality
        counted = f"{quality.applications:,} applications from {quality.rows_in_table:,} rows"
        if self.is_cohort:
            return f"{self.filename} · {counted}"
        return (
            f"{self.filename} · sheet “{self.sheet}” · header on row {self.table.header_row} · "
            f"shape {self.mapping.shape} · {counted}"
        )

    @property
    def warnings(self) -> list[str]:
        return self.plausibility + self.normalized.quality.warnings


def import_tracker(
    data: bytes,
    filename: str,
    sheet: str | None = None,
    corrections: Corrections | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ImportResult:
    """Raises ImportProblem (with a message for the user) for any file it cannot use, and SchemaError (a bug)
    when the applications it built break the canonical frame's contract."""
    workbook: Workbook = read_workbook(data, filename, limits)
    chosen = sheet or choose_sheet(workbook)
    table = table_from_sheet(workbook.sheet(chosen))
    used, notes = apply_corrections(detect_mapping(table), corrections or Corrections(), table.frame)
    require_countable(used, table)
    normalized = normalize(table, used)
    decisions = list(workbook.notes)
    if len(workbook.sheets) > 1:
        how = "your choice" if sheet else "it looks most like a tracker"
        decisions.append(f"Sheet “{chosen}” of {len(workbook.sheets)} was used ({how}).")
    if table.header_row > 1:
        decisions.append(f"The header is on row {table.header_row}; the rows above it were treated as a title.")
    decisions.extend(notes)
    decisions.extend(f"{r.decision}: {r.evidence}." for r in used.readings)
    decisions.extend(normalized.quality.decisions)
    validate(normalized.apps)
    return ImportResult(
        filename=workbook.filename,
        workbook_kind=workbook.kind,
        sheet_names=[s.name for s in workbook.sheets],
        sheet=chosen,
        table=table,
        mapping=used,
        normalized=normalized,
        decisions=decisions,
        uncertain=uncertain_readings(used, normalized.statuses, decisions),
        plausibility=plausibility_warnings(normalized.apps, normalized.statuses, used),
    )
