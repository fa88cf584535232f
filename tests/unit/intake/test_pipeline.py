"""pipeline: bytes -> workbook -> table -> mapping -> applications, the one path app and CLI share.

Why: a user drops their own file and sees a dashboard without editing it: title rows, another
language, another encoding, several sheets, ods. Every decision taken on the way (encoding,
delimiter, sheet, header row, date order, corrections) is said, so the user can check it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest
from builders import ods_package, xlsx_bytes

from applytics.errors import ImportProblem
from applytics.intake import pipeline
from applytics.intake.corrections import Corrections
from applytics.intake.guard import Limits
from applytics.intake.pipeline import import_tracker
from applytics.schema import SchemaError


def ods_bytes(name: str, rows: list[list[str]]) -> bytes:
    """A minimal OpenDocument spreadsheet of text cells, built with the standard library."""
    body = "".join(
        "<table:table-row>"
        + "".join(f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>' for v in row)
        + "</table:table-row>"
        for row in rows
    )
    return ods_package(f'<table:table table:name="{name}">{body}</table:table>')


def days(series: object) -> list[dt.date | None]:
    return [None if pd.isna(v) else v.date() for v in series]


FRENCH_CSV = (
    "Suivi des candidatures 2024;;;\r\n"
    ";;;\r\n"
    "Entreprise;Intitulé du poste;Date de candidature;Statut\r\n"
    "Société Générale;Analyste;05/03/2024;Refusé\r\n"
    "Dupont SA;Développeur;25/03/2024;Entretien\r\n"
    "Martin;Data;12/04/2024;Envoyée\r\n"
)


def test_a_french_cp1252_semicolon_csv_under_a_title() -> None:
    result = import_tracker(FRENCH_CSV.encode("cp1252"), "suivi.csv")
    assert result.workbook_kind == "csv"
    assert result.sheet == "suivi"
    assert result.table.header_row == 3
    assert result.mapping.columns == {
        "company": "Entreprise",
        "role": "Intitulé du poste",
        "applied_on": "Date de candidature",
        "status": "Statut",
    }
    apps = result.normalized.apps
    assert list(apps["company"]) == ["Société Générale", "Dupont SA", "Martin"]
    # 25/03 settles day-first: 05/03 is the 5th of March
    assert days(apps["applied_on"]) == [dt.date(2024, 3, 5), dt.date(2024, 3, 25), dt.date(2024, 4, 12)]
    assert list(apps["furthest_stage"].astype(str)) == ["applied", "interview", "applied"]
    assert list(apps["outcome"]) == ["rejected", "active", "active"]
    said = " ".join(result.decisions)
    assert "cp1252" in said and "semicolon" in said  # the encoding and delimiter used
    assert "row 3" in said  # the header row
    assert "day/month/year" in said  # the date order, and why
    assert result.warnings == result.normalized.quality.warnings


def test_a_utf16_tab_separated_export_with_month_first_dates() -> None:
    text = (
        "Company\tJob Title\tDate Applied\tStatus\r\n"
        "Acme\tDev\t03/05/2024\tApplied\r\n"
        "Beta\tOps\t12/25/2023\tGhosted\r\n"
    )
    result = import_tracker(text.encode("utf-16"), "export.txt")
    # 12/25 settles month-first: 03/05 is the 5th of March
    assert days(result.normalized.apps["applied_on"]) == [dt.date(2024, 3, 5), dt.date(2023, 12, 25)]
    assert any("month/day/year" in d for d in result.decisions)
    assert any("tab" in d for d in result.decisions)


SPANISH_BOOK = {
    "Notas": [["Llamar a Acme el lunes"], ["Actualizar CV"]],
    "Candidaturas": [
        ["Mis postulaciones 2024"],
        ["Empresa", "Puesto", "Fecha", "Estado"],
        ["Acme", "Dev", dt.datetime(2024, 3, 5), "Rechazado"],
        ["Beta", "Ops", 45292, "Entrevista"],  # an Excel serial: 2024-01-01
        ["Gamma", "Data", "2024-01-10", "Sin respuesta"],
        [None, None, None, None],
    ],
}


def test_an_xlsx_with_several_sheets_real_dates_and_serials() -> None:
    result = import_tracker(xlsx_bytes(SPANISH_BOOK), "busqueda.xlsx")
    assert result.workbook_kind == "xlsx"
    assert result.sheet_names == ["Notas", "Candidaturas"]
    assert result.sheet == "Candidaturas"
    assert result.table.header_row == 2
    apps = result.normalized.apps
    assert days(apps["applied_on"]) == [dt.date(2024, 3, 5), dt.date(2024, 1, 1), dt.date(2024, 1, 10)]
    assert list(apps["outcome"]) == ["rejected", "active", "ghosted"]
    assert list(apps["furthest_stage"].astype(str)) == ["applied", "interview", "applied"]
    assert any("Candidaturas" in d and "2" in d for d in result.decisions)


def test_the_sheet_can_be_chosen() -> None:
    data = xlsx_bytes({"2023": [["Company", "Role"], ["Old", "Dev"]], **SPANISH_BOOK})
    result = import_tracker(data, "busqueda.xlsx", sheet="2023")
    assert result.sheet == "2023"
    assert list(result.normalized.apps["company"]) == ["Old"]
    assert any("your choice" in d for d in result.decisions)
    with pytest.raises(ImportProblem) as caught:
        import_tracker(data, "busqueda.xlsx", sheet="2025")
    assert "2025" in caught.value.what and "Candidaturas" in caught.value.fix


def test_an_ods_in_german() -> None:
    data = ods_bytes(
        "Bewerbungen",
        [
            ["Unternehmen", "Stellenbezeichnung", "Bewerbungsdatum", "Status"],
            ["Müller GmbH", "Analyst", "2024-02-01", "Absage"],
            ["Schmidt AG", "Entwickler", "2024-02-03", "Vorstellungsgespräch"],
        ],
    )
    result = import_tracker(data, "bewerbungen.ods")
    assert result.workbook_kind == "ods"
    assert result.sheet == "Bewerbungen"
    apps = result.normalized.apps
    assert list(apps["company"]) == ["Müller GmbH", "Schmidt AG"]
    assert list(apps["outcome"]) == ["rejected", "active"]
    assert list(apps["furthest_stage"].astype(str)) == ["applied", "interview"]


def test_corrections_remap_a_column_and_a_status() -> None:
    data = "Boîte,Poste,Statut\nAcme,Dev,xyzzy\nBeta,Ops,Refusé\n".encode()
    fixes = Corrections().with_column("Boîte", "company").with_status("xyzzy", "interview", "active")
    result = import_tracker(data, "t.csv", corrections=fixes)
    assert result.mapping.columns["company"] == "Boîte"
    assert list(result.normalized.apps["company"]) == ["Acme", "Beta"]
    assert list(result.normalized.apps["furthest_stage"].astype(str)) == ["interview", "applied"]
    assert result.normalized.quality.unknown_statuses.empty
    assert any("corrections" in d for d in result.decisions)


def test_a_table_with_nothing_to_count_is_refused() -> None:
    with pytest.raises(ImportProblem) as caught:
        import_tracker(b"Date,Amount,Category\n2024-01-05,12.50,Food\n", "budget.csv")
    assert "No company or role column" in caught.value.what


def test_limits_reach_the_reader() -> None:
    data = b"Company,Role\n" + b"Acme,Dev\n" * 100
    with pytest.raises(ImportProblem):
        import_tracker(data, "t.csv", limits=Limits(max_rows=10))


REASONS_CSV = (
    b"Company,Role,Date Applied,Status,Rejection reason\n"
    b"Acme,Analyst,2024-05-01,Rejected,Decided to move forward with other candidates\n"
    b"Beta,Analyst,2024-05-02,Rejected,\n"
    b"Cobalt,Analyst,2024-05-03,Rejected,Not enough SQL\n"
)


def test_a_saved_reason_correction_sets_the_reason_category_of_the_applications() -> None:
    plain = import_tracker(REASONS_CSV, "reasons.csv").normalized.apps
    # the vocabulary reads the polite formula as no reason at all; a blank reason has no category
    assert list(plain["reason_category"]) == ["no reason given", None, "skills mismatch"]
    fixes = Corrections().with_reason("decided to move forward with OTHER candidates", "position filled")
    fixed = import_tracker(REASONS_CSV, "reasons.csv", corrections=fixes).normalized.apps
    assert list(fixed["reason_category"]) == ["position filled", None, "skills mismatch"]  # matched folded


def test_raw_cells_are_kept_once_not_copied() -> None:
    result = import_tracker(REASONS_CSV, "reasons.csv")
    assert result.normalized.table_frame is result.table.frame
    assert result.normalized.raw["Rejection reason"].tolist()[2] == "Not enough SQL"


def test_an_import_that_breaks_the_frame_contract_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.normalize

    def broken(table, mapping):
        normalized = real(table, mapping)
        return dataclasses.replace(normalized, apps=normalized.apps.drop(columns=["outcome"]))

    monkeypatch.setattr(pipeline, "normalize", broken)
    with pytest.raises(SchemaError, match="missing column “outcome”"):
        import_tracker(REASONS_CSV, "reasons.csv")
