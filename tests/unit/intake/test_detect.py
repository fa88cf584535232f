"""detect: where the table is in a sheet and what each column means (docs/architecture.md).

Why: users never edit their file for us. Headers come in four languages with stray spaces,
punctuation and capitals; title rows sit above the header; a workbook has a notes tab next
to the tracker; and the tracker comes in four shapes (status, stage dates, stage flags, log).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from applytics.errors import ImportProblem
from applytics.intake.detect import (
    FIELD_ALIASES,
    EventLog,
    Mapping,
    cell_kind,
    choose_sheet,
    detect_mapping,
    find_header_row,
    header_score,
    match_headers,
    require_countable,
    stage_kind,
    table_from_sheet,
    tracker_score,
    unique_headers,
)
from applytics.intake.read import Sheet, Workbook
from applytics.schema import FIELD_LABELS
from applytics.text import fold


def table(rows: list[list[object]], name: str = "Sheet1") -> object:
    return table_from_sheet(Sheet(name, rows))


# ---------------------------------------------------------------- headers


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Company", "company"),
        ("Companies Name", "company"),
        ("COMPANY NAME", "company"),
        ("company_name", "company"),
        ("Company Name (legal)", "company"),
        ("Entreprise", "company"),
        ("ENTREPRISE ", "company"),
        ("Nom de l'entreprise", "company"),
        ("Société", "company"),
        ("Empresa", "company"),
        ("Compañía", "company"),
        ("Unternehmen", "company"),
        ("Firmenname", "company"),
        ("Job Title", "role"),
        ("job-title", "role"),
        ("Position", "role"),
        ("Intitulé du poste", "role"),
        ("Puesto", "role"),
        ("Stellenbezeichnung", "role"),
        ("Date ", "applied_on"),
        ("Date Applied", "applied_on"),
        ("Date Applied (dd/mm/yyyy)", "applied_on"),
        ("Date de candidature", "applied_on"),
        ("Fecha", "applied_on"),
        ("Fecha de postulación", "applied_on"),
        ("Bewerbungsdatum", "applied_on"),
        ("Status", "status"),
        ("Application Status", "status"),
        ("Statut", "status"),
        ("État", "status"),
        ("Estado", "status"),
        ("Bewerbungsstatus", "status"),
        ("Source", "source"),
        ("Fuente", "source"),
        ("Quelle", "source"),
        ("Who Applied?", "direction"),
        ("WFH/WFO", "work_mode"),
        ("HR Mail ID", "contact"),
        ("Rejection Reason", "rejection_reason"),
        ("Motif de refus", "rejection_reason"),
    ],
)
def test_header_aliases(header: str, field: str) -> None:
    assert match_headers([header]) == {field: header}


def test_header_score_prefers_exact_aliases() -> None:
    assert header_score("  company ", "company") == 100
    assert 50 <= header_score("Company Name (legal)", "company") < 100
    assert header_score("Area", "company") == 0
    assert header_score("", "company") == 0


def test_aliases_are_stored_folded() -> None:
    # matching folds the header, so an alias that is not itself folded could never match
    for field, aliases in FIELD_ALIASES.items():
        assert field in FIELD_LABELS
        for alias in aliases:
            assert fold(alias) == alias, (field, alias)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            ["Company", "Position", "Date Applied", "Status", "Source", "Notes"],
            {
                "company": "Company",
                "role": "Position",
                "applied_on": "Date Applied",
                "status": "Status",
                "source": "Source",
                "notes": "Notes",
            },
        ),
        (
            ["Sn", "Companies Name", "City", "HR Mail ID", "Career Link", "Status", "Roles", "Packages", "Date "],
            {
                "company": "Companies Name",
                "location": "City",
                "contact": "HR Mail ID",
                "url": "Career Link",
                "status": "Status",
                "role": "Roles",
                "salary": "Packages",
                "applied_on": "Date ",
            },
        ),
        (
            ["Entreprise", "Intitulé du poste", "Date de candidature", "Statut", "Source", "Lieu", "Remarques"],
            {
                "company": "Entreprise",
                "role": "Intitulé du poste",
                "applied_on": "Date de candidature",
                "status": "Statut",
                "source": "Source",
                "location": "Lieu",
                "notes": "Remarques",
            },
        ),
        (
            ["Empresa", "Puesto", "Fecha", "Estado", "Fuente", "Ciudad", "Notas"],
            {
                "company": "Empresa",
                "role": "Puesto",
                "applied_on": "Fecha",
                "status": "Estado",
                "source": "Fuente",
                "location": "Ciudad",
                "notes": "Notas",
            },
        ),
        (
            ["Unternehmen", "Stellenbezeichnung", "Bewerbungsdatum", "Status", "Quelle", "Ort", "Notizen"],
            {
                "company": "Unternehmen",
                "role": "Stellenbezeichnung",
                "applied_on": "Bewerbungsdatum",
                "status": "Status",
                "source": "Quelle",
                "location": "Ort",
                "notes": "Notizen",
            },
        ),
    ],
)
def test_whole_header_rows(headers: list[str], expected: dict[str, str]) -> None:
    assert match_headers(headers) == expected


def test_each_header_serves_one_field_and_each_field_one_header() -> None:
    columns = match_headers(["Company", "Company (2)", "Employer"])
    # "Company" is exact for company; the others may not take company again
    assert columns == {"company": "Company"}
    assert len(set(columns.values())) == len(columns)


def test_unknown_headers_map_to_nothing() -> None:
    assert match_headers(["Sn", "Area", "Shifts", "Follow-up-1(24hrs)"]) == {}


def test_unique_headers() -> None:
    headers = unique_headers([None, "Company", "Company", 2024.0, "  Job   Title ", None])
    assert headers == ["Column A", "Company", "Company (2)", "2024", "Job Title", "Column F"]
    # the 27th blank column is AA, as a spreadsheet letters it
    assert unique_headers([None] * 28)[26:] == ["Column AA", "Column AB"]


# ---------------------------------------------------------------- where the table is


def test_header_found_below_title_rows() -> None:
    rows = [
        ["Job search 2024 — applications", None, None, None],
        [None, None, None, None],
        ["Company", "Role", "Date Applied", "Status"],
        ["Acme", "Dev", "2024-01-05", "Applied"],
        ["Beta", "Ops", "2024-01-06", "Rejected"],
    ]
    assert find_header_row(rows) == 2
    found = table(rows)
    assert found.header_row == 3  # spreadsheet numbering
    assert list(found.frame.columns) == ["Company", "Role", "Date Applied", "Status"]
    # each body row keeps its sheet row number, so the quality report can point at it
    assert list(found.frame.index) == [4, 5]
    assert found.frame.loc[5, "Company"] == "Beta"


def test_header_of_unknown_words_is_the_first_all_text_row() -> None:
    rows = [["My tracker", None, None], ["Alpha", "Beta", "Gamma"], ["1", "2", 3.0]]
    assert find_header_row(rows) == 1


def test_header_row_can_be_given() -> None:
    rows = [["Company", "Role"], ["Name", "Title"], ["Acme", "Dev"]]
    assert list(table_from_sheet(Sheet("S", rows), header_index=1).frame.columns) == ["Name", "Title"]


def test_two_row_header_under_merged_cells() -> None:
    # "Interviews" spans C1:D1 with "1st" and "2nd" beneath it
    rows = [
        ["Company", "Role", "Interviews", None],
        [None, None, "1st", "2nd"],
        ["Acme", "Dev", "2024-01-05", None],
    ]
    found = table_from_sheet(Sheet("S", rows, merged=((0, 2, 0, 3),)))
    assert list(found.frame.columns) == ["Company", "Role", "Interviews 1st", "Interviews 2nd"]
    assert list(found.frame.index) == [3]


def test_empty_sheet_is_a_problem() -> None:
    with pytest.raises(ImportProblem) as caught:
        table_from_sheet(Sheet("Vide", []))
    assert "Vide" in caught.value.what


def test_the_tracker_sheet_is_chosen_among_several() -> None:
    notes = Sheet("Notes", [["Remember to follow up"], ["Call Bob on Monday"], ["Update CV"]] * 10)
    summary = Sheet("Summary", [["Status", "Count"], ["Applied", 5.0], ["Rejected", 3.0]])
    tracker = Sheet(
        "Applications",
        [["My search"], ["Company", "Role", "Date Applied", "Status"], ["Acme", "Dev", "2024-01-05", "Applied"]],
    )
    book = Workbook("t.xlsx", "xlsx", [notes, summary, tracker])
    assert choose_sheet(book) == "Applications"
    assert tracker_score(tracker) > tracker_score(summary) > tracker_score(notes)


def test_between_two_trackers_the_longer_one_wins() -> None:
    header = ["Company", "Role", "Status"]
    old = Sheet("2023", [header, ["A", "Dev", "Rejected"]])
    new = Sheet("2024", [header, ["B", "Dev", "Applied"], ["C", "Ops", "Applied"]])
    assert choose_sheet(Workbook("t.xlsx", "xlsx", [old, new])) == "2024"


# ---------------------------------------------------------------- shapes


def test_shape_a_current_status() -> None:
    mapping = detect_mapping(
        table([["Company", "Position", "Date Applied", "Status"], ["Acme", "Dev", "2024-01-05", "Applied"]])
    )
    assert mapping.shape == "A"
    assert mapping.columns == {
        "company": "Company",
        "role": "Position",
        "applied_on": "Date Applied",
        "status": "Status",
    }
    assert mapping.stages == ()


def test_shape_b_one_date_column_per_stage() -> None:
    # the shape B example: the dates sit under the stage names; the word sits under Status
    rows = [
        ["Company", "Role", "Application", "Phone call", "1st interview", "2nd interview", "Proposition",
         "Final answer", "Status"],
        ["Acme", "Dev", "2024-01-02", "2024-01-10", "2024-01-20", "2024-02-01", "2024-02-10", "2024-02-15",
         "Accepted"],
        ["Beta", "Ops", "2024-01-03", "2024-01-12", None, None, None, "2024-01-20", "Rejected"],
        ["Gamma", "Data", "2024-01-04", None, None, None, None, None, "Applied"],
    ]  # fmt: skip
    mapping = detect_mapping(table(rows))
    assert mapping.shape == "B"
    kinds = {s.header: (s.kind, s.cells) for s in mapping.stages}
    assert kinds["Phone call"] == ("screen", "dates")
    assert kinds["1st interview"] == ("interview", "dates")
    assert kinds["2nd interview"] == ("interview", "dates")
    assert kinds["Proposition"] == ("offer", "dates")
    assert mapping.columns["applied_on"] == "Application"
    assert mapping.columns["status"] == "Status"


def test_shape_c_one_flag_per_stage() -> None:
    rows = [
        ["Company", "Role", "Auto Rejected", "HR/ Recruiter Call", "Hiring Manager", "Technical Interview", "Offer"],
        ["Apptegy", "Data Engineer", "N", "Y", "Y", "Y", "Y"],
        ["CoBank", "Data Engineer", "N", "N", None, None, None],
        ["AgileEngine", "Data Engineer", "Y", None, None, None, None],
    ]
    mapping = detect_mapping(table(rows))
    assert mapping.shape == "C"
    kinds = {s.header: (s.kind, s.cells) for s in mapping.stages}
    assert kinds == {
        "Auto Rejected": ("rejected", "flags"),
        "HR/ Recruiter Call": ("screen", "flags"),
        "Hiring Manager": ("interview", "flags"),
        "Technical Interview": ("interview", "flags"),
        "Offer": ("offer", "flags"),
    }
    assert mapping.columns == {"company": "Company", "role": "Role"}


@pytest.mark.parametrize(
    ("header", "states"),
    [(["Company", "Source", "Target"], ("Source", "Target")), (["Company", "From", "To"], ("From", "To"))],
)
def test_shape_d_transition_log(header: list[str], states: tuple[str, str]) -> None:
    rows = [
        header,
        ["Company_1", "Recruiter Inquiry", "HR/ Hiring Manager Interview"],
        ["Company_1", "HR/ Hiring Manager Interview", "No Response"],
        ["Company_2", "Applied", "Withdrew"],
        ["Company_3", "Applied", "No Response"],
    ]
    mapping = detect_mapping(table(rows))
    assert mapping.shape == "D"
    assert mapping.events is not None
    assert mapping.events.states == states
    assert mapping.is_event_log
    # the state columns are not also read as a source channel or a status
    assert set(mapping.columns.values()) == {"Company"}


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("Phone call", "screen"),
        ("HR/ Recruiter Call", "screen"),
        ("1st interview", "interview"),
        ("Entretien RH", "interview"),
        ("Proposition", "offer"),
        ("Offer", "offer"),
        ("Auto Rejected", "rejected"),
        ("In-Progress", "in_progress"),
        ("Notes", None),
        ("Company", None),
    ],
)
def test_stage_kind(header: str, kind: str | None) -> None:
    assert stage_kind(header) == kind


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        (["2024-01-05", "05/01/2024", None, dt.date(2024, 1, 6)], "dates"),
        (["Y", "N", None, "y", "Yes"], "flags"),
        (["Oui", "Non", "X"], "flags"),
        ([None, None], "flags"),
        (["Went well", "Long chat about the team", "Salary talk"], None),
    ],
)
def test_cell_kind(values: list[object], kind: str | None) -> None:
    assert cell_kind(pd.Series(values, dtype=object)) == kind


# ---------------------------------------------------------------- nothing to count


def test_a_table_without_company_role_or_status_is_refused_with_its_headers() -> None:
    found = table([["Date", "Amount", "Category"], ["2024-01-05", "12.50", "Food"]], name="Budget")
    mapping = detect_mapping(found)
    with pytest.raises(ImportProblem) as caught:
        require_countable(mapping, found)
    assert "Budget" in caught.value.what
    assert "“Amount”" in caught.value.what and "“Category”" in caught.value.what
    assert "Company" in caught.value.fix


def test_a_role_only_or_status_only_table_is_countable() -> None:
    roles = table([["Job Title", "Date"], ["Dev", "2024-01-05"]])
    require_countable(detect_mapping(roles), roles)
    statuses = table([["Status", "Date"], ["Rejected", "2024-01-05"]])
    require_countable(detect_mapping(statuses), statuses)


def test_mapping_defaults() -> None:
    mapping = Mapping(columns={"company": "Company"})
    assert (mapping.shape, mapping.stages, mapping.events, mapping.segments) == ("A", (), None, ())
    assert mapping.date_orders == {} and mapping.status_overrides == {}
    assert mapping.reason_overrides == {}
    assert not mapping.is_event_log


def test_only_shape_d_with_its_states_is_an_event_log() -> None:
    log = EventLog(("From", "To"))
    assert Mapping(columns={}, shape="D", events=log).is_event_log
    assert not Mapping(columns={}, shape="D").is_event_log  # no state columns: nothing to collapse
    assert not Mapping(columns={}, shape="A", events=log).is_event_log


# ---------------------------------------------------------------- issue #8: headers as written, values as evidence


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("companyName", "company"),
        ("jobTitle", "role"),
        ("dateApplied", "applied_on"),
        ("date_applied", "applied_on"),
        ("Date.Applied", "applied_on"),
        ("Salary.Amount", "salary"),
        ("Applied via?", "source"),
        ("Submitted on", "applied_on"),
        ("Date of application", "applied_on"),
        ("Bewerbungsdatum", "applied_on"),
        ("申请日期", "applied_on"),
        ("公司", "company"),
        ("单位", "company"),
        ("岗位", "role"),
        ("职位名称", "role"),
        ("状态", "status"),
        ("Empresa", "company"),
        ("Vaga", "role"),
        ("Data da candidatura", "applied_on"),
        ("Azienda", "company"),
        ("Ruolo", "role"),
        ("Esito", "status"),
        ("Bedrijf", "company"),
        ("Functie", "role"),
        ("Sollicitatiedatum", "applied_on"),
        ("Letzter Kontakt", "last_activity_on"),
        ("List Name", "status"),
    ],
)
def test_headers_in_any_case_style_and_more_languages(header: str, field: str) -> None:
    assert match_headers([header]) == {field: header}


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("Online assessment", "screen"),
        ("OA", "screen"),
        ("Coding challenge", "screen"),
        ("Take-home", "screen"),
        ("Technical test", "screen"),
        ("笔试", "screen"),
        ("Technical interview", "interview"),
        ("Technical Interview/ Assessment", "interview"),
        ("Superday", "interview"),
        ("On-campus", "interview"),
        ("一面", "interview"),
        ("二面", "interview"),
        ("HR面", "interview"),
        ("Offer", "offer"),
    ],
)
def test_assessments_are_a_screen_step_and_interviews_are_interviews(header: str, kind: str) -> None:
    assert stage_kind(header) == kind


def test_a_date_header_over_words_is_not_the_application_date() -> None:
    """'Date' holds status words here; the column that holds dates takes the field instead."""
    mapping = detect_mapping(
        table(
            [
                ["Company", "Date", "Sent on"],
                ["Acme", "Rejected", dt.date(2026, 9, 1)],
                ["Borealis", "Applied", dt.date(2026, 9, 3)],
                ["Cobalt", "Interview", dt.date(2026, 9, 5)],
            ]
        )
    )
    assert mapping.columns["applied_on"] == "Sent on"
    assert mapping.columns.get("status") != "Sent on"


def test_yes_no_under_an_application_header_is_not_a_date() -> None:
    mapping = detect_mapping(
        table([["Company", "Role", "Application"], ["Acme", "Analyst", "Yes"], ["Borealis", "Engineer", "No"]])
    )
    assert "applied_on" not in mapping.columns


def test_a_role_header_over_dates_is_not_the_role() -> None:
    mapping = detect_mapping(
        table(
            [
                ["Company", "Position", "Job"],
                ["Acme", dt.date(2026, 9, 1), "Data Analyst"],
                ["Borealis", dt.date(2026, 9, 3), "BI Developer"],
            ]
        )
    )
    assert mapping.columns["role"] == "Job"


def test_dates_under_a_resume_header_are_when_the_resume_went_out() -> None:
    """A campus tracker's 简历 ('résumé') column holds the day the résumé was sent: the application date."""
    mapping = detect_mapping(
        table(
            [
                ["单位", "岗位", "简历", "笔试", "一面"],
                ["华为", "软开", dt.date(2020, 9, 1), dt.date(2020, 9, 9), dt.date(2020, 9, 18)],
                ["京东", "测开", 9.15, dt.date(2020, 9, 17), None],
            ]
        )
    )
    assert mapping.columns == {"company": "单位", "role": "岗位", "applied_on": "简历"}
    assert [(s.header, s.kind, s.cells) for s in mapping.stages] == [
        ("笔试", "screen", "dates"),
        ("一面", "interview", "dates"),
    ]


def test_a_column_of_status_words_is_the_status_whatever_its_header() -> None:
    rows = [["Company", "Role", "Where"]] + [
        [f"Co {i}", "Analyst", word]
        for i, word in enumerate(["Applied", "Rejected", "Interviewing", "Applied", "Offer", "No response"])
    ]
    mapping = detect_mapping(table(rows))
    assert mapping.columns["status"] == "Where"
    (reading,) = mapping.readings
    assert (reading.header, reading.field, reading.sure) == ("Where", "status", True)
    assert "6 of 6 cells" in reading.evidence


def test_company_names_are_not_mistaken_for_status_words() -> None:
    """'Applied Materials' and 'Offerpad' hold status words; a column of employers is still not a status."""
    rows = [["Employer", "Notes"]] + [
        [name, ""] for name in ["Applied Materials", "Offerpad", "Acme", "Borealis", "Cobalt", "Dunmore"]
    ]
    mapping = detect_mapping(table(rows))
    assert "status" not in mapping.columns
    assert mapping.columns["company"] == "Employer"


def test_yes_no_cells_are_not_a_role() -> None:
    mapping = detect_mapping(
        table([["Company", "Position", "Title"], ["Acme", "Yes", "Analyst"], ["Borealis", "No", "Engineer"]])
    )
    assert mapping.columns["role"] == "Title"


def test_a_row_of_column_numbers_above_the_header_is_not_the_header() -> None:
    found = table(
        [[1, 2, 3, 4], ["Company", "Role", "Date applied", "Status"], ["Acme", "Dev", "2026-09-01", "Applied"]]
    )
    assert found.header_row == 2
    assert list(found.frame.columns) == ["Company", "Role", "Date applied", "Status"]
