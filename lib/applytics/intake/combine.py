"""Several trackers uploaded at once, one candidate each, read as one cohort (a coach's view, issue 11).

Each file is imported on its own, exactly as it would be alone (its best sheet, the same corrections), and the
applications are stacked with a `candidate` column: the file's own candidate cells where it has them, otherwise a
name made from the file name. The combined table keeps every original cell under the columns `File` and `Row`
(the row in that file), and the canonical `row` of a combined application is its row in that combined table.
A file that cannot be used is reported by name and left out; the others still count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath

import pandas as pd

from applytics.errors import ImportProblem
from applytics.intake.corrections import Corrections
from applytics.intake.detect import Mapping, RawTable
from applytics.intake.guard import DEFAULT_LIMITS, Limits
from applytics.intake.normalize import Normalized, Quality
from applytics.intake.pipeline import ImportResult, import_tracker
from applytics.intake.plausibility import Uncertain
from applytics.schema import EVENTS, PATH, REPLIED, ROW, validate

CANDIDATE = "candidate"
FILE_COLUMN = "File"
ROW_COLUMN = "Row"
MAX_FILES = 60  # a coach's group; each file is also held to the single-file limits
_WORD_EDGE = re.compile(r"[\s_\-.]+")


@dataclass(frozen=True)
class Unusable:
    """A file of the cohort that could not be used, and the reason in the words the single-file import gives."""

    filename: str
    message: str


def candidate_names(filenames: Sequence[str]) -> list[str]:
    """A name per file: its stem, less the words every stem shares ("tracker-anna", "tracker-ben" -> "anna",
    "ben") when what is left of each still has a letter, numbered when two files would otherwise give the same
    name."""
    stems = [PurePath(name).stem.strip() or name for name in filenames]
    words = [[w for w in _WORD_EDGE.split(stem) if w] for stem in stems]
    if len(stems) > 1 and all(words):
        common_head = _shared_length(words)
        common_tail = _shared_length([list(reversed(w)) for w in words])
        trimmed = [w[common_head : len(w) - common_tail] for w in words]
        if all(any(c.isalpha() for c in "".join(w)) for w in trimmed):  # "Candidate 07" stays, not "07"
            stems = [" ".join(w) for w in trimmed]
    names: list[str] = []
    for stem in stems:
        name, number = stem, 2
        while name in names:
            name, number = f"{stem} ({number})", number + 1
        names.append(name)
    return names


def _shared_length(word_lists: list[list[str]]) -> int:
    shortest = min(len(w) for w in word_lists)
    length = 0
    while length < shortest - 1 and len({w[length].casefold() for w in word_lists}) == 1:
        length += 1
    return length


def import_cohort(
    files: Sequence[tuple[str, bytes]],
    corrections: Corrections | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ImportResult:
    """The files as one cohort. Raises ImportProblem when there are too many files or none can be used."""
    if len(files) > MAX_FILES:
        raise ImportProblem(
            f"{len(files)} files were uploaded at once; a cohort holds at most {MAX_FILES}.",
            "Upload the candidates in groups, or put them in one tracker with a Candidate column.",
        )
    parts: list[ImportResult] = []
    unusable: list[Unusable] = []
    for filename, data in files:
        try:
            parts.append(import_tracker(data, filename, corrections=corrections, limits=limits))
        except ImportProblem as problem:
            unusable.append(Unusable(filename, problem.message))
    if not parts:
        reasons = " ".join(f"“{u.filename}”: {u.message}" for u in unusable)
        raise ImportProblem(f"None of the {len(files)} files could be used. {reasons}", "Fix one and upload again.")
    return combine_imports(parts, unusable)


def combine_imports(parts: Sequence[ImportResult], unusable: Sequence[Unusable] = ()) -> ImportResult:
    """One ImportResult over several files' imports: applications stacked with their candidate, every file's
    report kept under its name (`parts` holds each file's own import, for the Data page)."""
    names = candidate_names([p.filename for p in parts])
    tables, apps, rows = [], [], []
    offset = 0
    for part, name in zip(parts, names, strict=True):
        frame = part.table.frame
        numbered = pd.RangeIndex(offset + 1, offset + len(frame) + 1)
        renumber = pd.Series(numbered, index=frame.index)
        tables.append(
            pd.concat(
                [
                    pd.DataFrame({FILE_COLUMN: part.filename, ROW_COLUMN: frame.index.astype(object)}, index=numbered),
                    frame.set_axis(numbered).rename(columns=str),
                ],
                axis=1,
            )
        )
        own = part.normalized.apps
        named = own[CANDIDATE].where(own[CANDIDATE].notna(), name) if CANDIDATE in own else name
        apps.append(own.assign(**{CANDIDATE: named, ROW: renumber.loc[own[ROW]].to_numpy()}))
        rows.append(renumber.loc[part.normalized.raw_rows].to_numpy())
        offset += len(frame)
    table_frame = pd.concat(tables).astype(object)
    table_frame = table_frame.where(table_frame.notna(), None)
    combined_apps = _stacked(apps)
    normalized = Normalized(
        apps=validate(combined_apps),
        statuses=_statuses([p.normalized.statuses for p in parts]),
        quality=_quality(parts, unusable),
        table_frame=table_frame,
        raw_rows=pd.Index([r for part_rows in rows for r in part_rows]),
    )
    described = ", ".join(p.filename for p in parts)
    decisions = [
        f"{len(parts)} files were read as a cohort, one candidate each: "
        + ", ".join(
            f"{name} ({p.filename}, {len(p.normalized.apps):,} applications)"
            for name, p in zip(names, parts, strict=True)
        )
        + "."
    ]
    decisions += [f"{p.filename}: {d}" for p in parts for d in p.decisions]
    return ImportResult(
        filename=f"{len(parts)} trackers ({described})",
        workbook_kind="cohort",
        sheet_names=[],
        sheet="",
        table=RawTable(sheet="", header_row=1, frame=table_frame),
        mapping=_merged_mapping([p.mapping for p in parts]),
        normalized=normalized,
        decisions=decisions,
        uncertain=_questions(parts),
        plausibility=[f"{p.filename}: {w}" for p in parts for w in p.plausibility],
        parts=tuple(parts),
        unusable=tuple(_left_out(u) for u in unusable),
    )


def _left_out(file: Unusable) -> str:
    return f"“{file.filename}” could not be used and is left out: {file.message}"


def _stacked(apps: list[pd.DataFrame]) -> pd.DataFrame:
    """The applications one under the other. An event log's path and event count stay only when every file is
    a log (a one-row application has no path to show)."""
    logs = all(PATH in a.columns for a in apps)
    kept = apps if logs else [a.drop(columns=[c for c in (PATH, EVENTS) if c in a.columns]) for a in apps]
    combined = pd.concat(kept, ignore_index=True)
    if REPLIED in combined.columns:  # a file without a Response column says nothing of replies: not one
        combined[REPLIED] = combined[REPLIED].fillna(False).astype(bool)
    for column in combined.columns:
        if combined[column].dtype == object or pd.api.types.is_string_dtype(combined[column].dtype):
            combined[column] = combined[column].astype(object).where(combined[column].notna(), None)
    return combined


def _statuses(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """Each status word once, its rows summed over the files (its reading is the same in each: the same
    vocabulary and corrections)."""
    stacked = pd.concat(tables, ignore_index=True)
    if stacked.empty:
        return tables[0]
    firsts = stacked.drop_duplicates("value").set_index("value")
    rows = stacked.groupby("value", sort=False)["rows"].sum()
    return firsts.assign(rows=rows).reset_index()[list(tables[0].columns)]


def _quality(parts: Sequence[ImportResult], unusable: Sequence[Unusable]) -> Quality:
    qualities = [(p.filename, p.normalized.quality) for p in parts]

    def with_file(frames: list[tuple[str, pd.DataFrame]]) -> pd.DataFrame:
        tagged = [f.assign(file=name)[["file", *f.columns]] for name, f in frames if len(f)]
        return pd.concat(tagged, ignore_index=True) if tagged else frames[0][1].assign(file=pd.Series(dtype=object))

    unknown = pd.concat([q.unknown_statuses for _, q in qualities], ignore_index=True)
    if len(unknown):
        unknown = unknown.groupby("value", sort=False, as_index=False)["rows"].sum()
    return Quality(
        rows_in_table=sum(q.rows_in_table for _, q in qualities),
        applications=sum(q.applications for _, q in qualities),
        blank_rows=sum(q.blank_rows for _, q in qualities),
        skipped=with_file([(name, q.skipped) for name, q in qualities]),
        unparsed=with_file([(name, q.unparsed) for name, q in qualities]),
        unknown_statuses=unknown,
        decisions=[],
        warnings=[_left_out(u) for u in unusable] + [f"{name}: {w}" for name, q in qualities for w in q.warnings],
    )


def _merged_mapping(mappings: list[Mapping]) -> Mapping:
    """What the files map, together: a field is present when any file has it (the first file's header names
    it). Each file's own mapping, the one its corrections change, is in ImportResult.parts."""
    columns: dict[str, str] = {}
    for mapping in mappings:
        for field_name, header in mapping.columns.items():
            columns.setdefault(field_name, header)
    shapes = {m.shape for m in mappings}
    return replace(
        mappings[0],
        columns=columns,
        shape=mappings[0].shape if len(shapes) == 1 else "A",
        stages=tuple({s.header: s for m in mappings for s in m.stages}.values()),
        outcomes=tuple({s.header: s for m in mappings for s in m.outcomes}.values()),
        segments=tuple(dict.fromkeys(s for m in mappings for s in m.segments)),
        events=mappings[0].events if len(shapes) == 1 else None,
        readings=(),
    )


def _questions(parts: Sequence[ImportResult]) -> list[Uncertain]:
    """Every file's questions, each asked once: files made from one template raise the same ones, and one
    answer (a correction) applies to every file."""
    seen: dict[tuple[str, str, tuple[str, ...]], Uncertain] = {}
    for part in parts:
        for item in part.uncertain:
            seen.setdefault((item.where, item.subject, item.reading), item)
    return list(seen.values())
