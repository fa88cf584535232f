"""reasons: why rejections happen — categories from free text, the stage they hit, the feedback loop.

Why: issue #4 / docs/architecture.md — reason texts in English, French, Spanish and German fall into the
categories; a blank reason is "no reason given", text nothing matches is "other", and the user's own
category always wins. The Rejections page counts them (Pareto, by stage), shows how often feedback was
asked for and received, and drafts a polite feedback request for each rejection of the last 30 days
that has none yet, with a mailto link whose subject and body survive the trip through a URL.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from urllib.parse import parse_qs, unquote, urlsplit

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from applytics.analytics.metrics import MetricParams, resolve_outcomes
from applytics.analytics.reasons import feedback_loop, feedback_requests, reason_pareto, rejections, rejections_by_stage
from applytics.intake.corrections import Corrections
from applytics.intake.pipeline import import_tracker
from applytics.intake.vocabulary import CATEGORIES, CATEGORY_LABELS, classify_reason
from applytics.schema import STAGES

AS_OF = dt.date(2024, 6, 30)

# ---------------------------------------------------------------- categories


def test_categories_are_the_design_list_in_display_order() -> None:
    assert CATEGORIES == (
        "experience gap",
        "skills mismatch",
        "internal candidate",
        "position filled",
        "position cancelled",
        "culture or team fit",
        "salary",
        "location / visa",
        "overqualified",
        "automated screen",
        "no reason given",
        "other",
    )
    assert set(CATEGORY_LABELS) == set(CATEGORIES)


CLASSIFIED = [
    # experience gap / more experienced candidate
    ("We went with a more experienced candidate", "experience gap"),
    ("Looking for someone with 5+ years", "experience gap"),
    ("Manque d'expérience", "experience gap"),
    ("Profil trop junior", "experience gap"),
    ("Falta de experiencia", "experience gap"),
    ("Buscaban un perfil con más experiencia", "experience gap"),
    ("Zu wenig Berufserfahrung", "experience gap"),
    ("Kandidat mit mehr Erfahrung gewählt", "experience gap"),
    # skills mismatch
    ("Missing SQL skills", "skills mismatch"),
    ("Failed the technical test", "skills mismatch"),
    ("Compétences techniques insuffisantes", "skills mismatch"),
    ("No tiene las habilidades técnicas requeridas", "skills mismatch"),
    ("Fehlende Python-Kenntnisse", "skills mismatch"),
    # internal candidate (before "filled": filled internally is an internal candidate)
    ("Position filled internally", "internal candidate"),
    ("Went with an internal candidate", "internal candidate"),
    ("Poste pourvu en interne", "internal candidate"),
    ("Promoción interna", "internal candidate"),
    ("Stelle wurde intern besetzt", "internal candidate"),
    # position filled
    ("The position has been filled", "position filled"),
    ("Le poste a été pourvu", "position filled"),
    ("La vacante ya ha sido cubierta", "position filled"),
    ("Die Stelle ist bereits besetzt", "position filled"),
    # position cancelled / budget / hiring freeze
    ("Hiring freeze", "position cancelled"),
    ("Role put on hold, no budget", "position cancelled"),
    ("Poste annulé", "position cancelled"),
    ("Gel des recrutements", "position cancelled"),
    ("Proceso cancelado por falta de presupuesto", "position cancelled"),
    ("Stelle wurde gestrichen", "position cancelled"),
    # culture or team fit
    ("Not a good culture fit", "culture or team fit"),
    ("Manque d'adéquation culturelle", "culture or team fit"),
    ("Pas le bon fit avec l'équipe", "culture or team fit"),
    ("No encaja con la cultura de la empresa", "culture or team fit"),
    ("Passt nicht zur Unternehmenskultur", "culture or team fit"),
    # salary
    ("Salary expectations too high", "salary"),
    ("Prétentions salariales trop élevées", "salary"),
    ("Expectativas salariales demasiado altas", "salary"),
    ("Gehaltsvorstellungen zu hoch", "salary"),
    # location / visa / relocation
    ("Requires visa sponsorship", "location / visa"),
    ("Pas de permis de travail", "location / visa"),
    ("Refus de déménager", "location / visa"),
    ("Ubicación demasiado lejos", "location / visa"),
    ("Requiere permiso de trabajo", "location / visa"),
    ("Keine Arbeitserlaubnis", "location / visa"),
    ("Standort zu weit", "location / visa"),
    # overqualified
    ("Overqualified for the role", "overqualified"),
    ("Surqualifié", "overqualified"),
    ("Sobrecualificado", "overqualified"),
    ("Überqualifiziert", "overqualified"),
    # automated screen
    ("Auto-rejected by ATS", "automated screen"),
    ("Rejet automatique", "automated screen"),
    ("Rechazo automático", "automated screen"),
    ("Automatische Absage", "automated screen"),
    # no reason given
    ("No reason given", "no reason given"),
    ("Refus sans motif", "no reason given"),
    ("Rechazo sin motivo", "no reason given"),
    ("Absage ohne Begründung", "no reason given"),
    # other: text nothing matches
    ("Recruiter left the company", "other"),
    ("Le recruteur a quitté l'entreprise", "other"),
    ("El reclutador dejó la empresa", "other"),
    ("Der Recruiter hat das Unternehmen verlassen", "other"),
]


@pytest.mark.parametrize(("text", "category"), CLASSIFIED, ids=[t for t, _ in CLASSIFIED])
def test_classify_reason_in_four_languages(text: str, category: str) -> None:
    assert classify_reason(text) == category


# The most natural way to say "internal candidate" / "more experienced" / "not a team fit" in French, Spanish and
# German puts the adjective after the noun or declines it; the issue asks for these languages.
NATURAL_WORD_ORDER = [
    ("Candidat interne retenu", "internal candidate"),
    ("Se eligió a un candidato interno", "internal candidate"),
    ("Interner Bewerber wurde genommen", "internal candidate"),
    ("Interne Besetzung", "internal candidate"),
    ("Candidat plus expérimenté retenu", "experience gap"),
    ("Passt nicht ins Team", "culture or team fit"),
]


@pytest.mark.parametrize(("text", "category"), NATURAL_WORD_ORDER, ids=[t for t, _ in NATURAL_WORD_ORDER])
def test_classify_reason_natural_french_spanish_german_phrasing(text: str, category: str) -> None:
    assert classify_reason(text) == category


# Pasted rejection e-mails open with boilerplate; the reason that follows is the one to count.
BOILERPLATE_THEN_REASON = [
    ("Unfortunately, we need someone with stronger SQL skills", "skills mismatch"),
    ("We decided to move forward with candidates with more experience", "experience gap"),
    ("Unfortunately the role was cancelled", "position cancelled"),
]


@pytest.mark.parametrize(("text", "category"), BOILERPLATE_THEN_REASON, ids=[t for t, _ in BOILERPLATE_THEN_REASON])
def test_classify_reason_boilerplate_does_not_hide_the_reason(text: str, category: str) -> None:
    assert classify_reason(text) == category


def test_meeting_expectations_is_not_about_salary() -> None:
    # "expectation" alone is not pay: this is a verdict on the candidate, not on the salary ask
    assert classify_reason("Did not meet our expectations") != "salary"


@pytest.mark.parametrize("blank", [None, "", "   ", "\t\n"])
def test_blank_reason_is_no_reason_given(blank: object) -> None:
    assert classify_reason(blank) == "no reason given"


def test_a_missing_cell_from_a_frame_is_no_reason_given() -> None:
    # pandas gives a blank cell as NaN; the docstring: "blank means 'no reason given'"
    assert classify_reason(float("nan")) == "no reason given"


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
        st.none(),
        st.integers(),
        st.floats(allow_nan=False),
        st.dates(),
    )
)
def test_classify_reason_never_raises_and_returns_a_category(text: object) -> None:
    assert classify_reason(text) in CATEGORIES


# ---------------------------------------------------------------- rejections, Pareto, by stage


def day(text: str | None) -> pd.Timestamp:
    return pd.NaT if text is None else pd.Timestamp(text)


def apps(rows: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "company": pd.Series([r.get("company", f"Co {i}") for i, r in enumerate(rows)], dtype=object),
            "role": pd.Series([r.get("role", "Data Analyst") for r in rows], dtype=object),
            "applied_on": pd.to_datetime([day(r.get("applied", "2024-05-01")) for r in rows]),
            "furthest_stage": pd.Categorical(
                [r.get("stage", "applied") for r in rows], categories=STAGES, ordered=True
            ),
            "outcome": pd.Series([r.get("outcome", "rejected") for r in rows], dtype=object),
            "direction": "outbound",
            "first_response_on": pd.to_datetime([day(r.get("rejected")) for r in rows]),
            "rejected_on": pd.to_datetime([day(r.get("rejected")) for r in rows]),
            "last_activity_on": pd.to_datetime([day(r.get("last", r.get("rejected", "2024-05-01"))) for r in rows]),
            "rejection_reason": pd.Series([r.get("reason") for r in rows], dtype=object),
        }
    )
    for column in ("feedback_requested", "feedback_received", "feedback_text", "contact"):
        if any(column in r for r in rows):
            frame[column] = pd.Series([r.get(column) for r in rows], dtype=object)
    return frame


REJECTIONS = [
    # at application (5)
    {"stage": "applied", "reason": "More experienced candidate"},  # experience gap
    {"stage": "applied", "reason": "more experienced candidate "},  # experience gap
    {"stage": "applied", "reason": None},  # blank -> no reason given
    {"stage": "applied", "reason": "No reason given"},  # no reason given
    {"stage": "applied", "reason": "Salary expectations too high"},  # salary
    # after a screen (3)
    {"stage": "screen", "reason": "Falta de experiencia"},  # experience gap
    {"stage": "screen", "reason": "Fehlende SQL-Kenntnisse"},  # skills mismatch
    {"stage": "screen", "reason": None},  # no reason given
    # after an interview (2)
    {"stage": "interview", "reason": "Manque d'expérience"},  # experience gap
    {"stage": "interview", "reason": "Technical test failed"},  # skills mismatch
    # not rejections: left out
    {"stage": "screen", "outcome": "active", "reason": "Hiring freeze", "last": "2024-06-25"},
    {"stage": "applied", "outcome": "active", "reason": "Salary"},  # silent since May: ghosted
]


# The same applications as a tracker file: reason categories, and the user's corrections of them, are read at import.
STATUS_WORDS = {
    ("applied", "rejected"): "Rejected",
    ("screen", "rejected"): "Rejected after phone screen",
    ("interview", "rejected"): "Rejected after interview",
    ("screen", "active"): "Phone screen",
    ("applied", "active"): "Applied",
}


def tracker_of(rows: list[dict[str, object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Company", "Role", "Date Applied", "Status", "Last Update", "Rejection reason"])
    for i, r in enumerate(rows):
        status = STATUS_WORDS[(r.get("stage", "applied"), r.get("outcome", "rejected"))]
        writer.writerow([f"Co {i}", "Data Analyst", "2024-05-01", status, r.get("last") or "", r.get("reason") or ""])
    return out.getvalue().encode()


def rejected_frame(overrides: dict[str, str] | None = None) -> pd.DataFrame:
    fixes = Corrections(reasons=overrides or {})
    result = import_tracker(tracker_of(REJECTIONS), "rejections.csv", corrections=fixes)
    return rejections(resolve_outcomes(result.normalized.apps, MetricParams(AS_OF)))


def test_rejections_keep_only_rejected_with_category_and_stage() -> None:
    rejected = rejected_frame()
    assert len(rejected) == 10
    assert rejected["reason_category"].tolist() == [
        "experience gap", "experience gap", "no reason given", "no reason given", "salary",
        "experience gap", "skills mismatch", "no reason given",
        "experience gap", "skills mismatch",
    ]  # fmt: skip
    assert (
        rejected["rejected_at"].tolist() == ["at application"] * 5 + ["after a screen"] * 3 + ["after an interview"] * 2
    )


def test_user_override_wins_and_matches_case_and_accent_insensitively() -> None:
    rejected = rejected_frame({"SALARY expectations too high": "location / visa", "Manque d’experience": "other"})
    categories = rejected["reason_category"].tolist()
    assert categories[4] == "location / visa"  # classification said salary; the user's word wins
    assert categories[8] == "other"  # "Manque d'expérience" folded = "manque d experience" = the override key folded
    assert categories[:4] == ["experience gap", "experience gap", "no reason given", "no reason given"]


def test_rejections_without_a_reason_column_are_no_reason_given() -> None:
    frame = resolve_outcomes(apps(REJECTIONS[:3]).drop(columns=["rejection_reason"]), MetricParams(AS_OF))
    assert rejections(frame)["reason_category"].tolist() == ["no reason given"] * 3


def test_reason_pareto_by_hand() -> None:
    pareto = reason_pareto(rejected_frame())
    # experience gap 4, no reason given 3, skills mismatch 2, salary 1; of 10: cumulative .4, .7, .9, 1.0
    assert pareto["category"].tolist() == ["experience gap", "no reason given", "skills mismatch", "salary"]
    assert pareto["count"].tolist() == [4, 3, 2, 1]
    assert pareto["cumulative_share"].tolist() == pytest.approx([0.4, 0.7, 0.9, 1.0])
    assert pareto["label"].tolist() == [
        "Experience gap / more experienced candidate",
        "No reason given",
        "Skills mismatch",
        "Salary",
    ]


def test_reason_pareto_of_no_rejections_is_empty() -> None:
    pareto = reason_pareto(rejected_frame().iloc[0:0])
    assert pareto.empty


def test_rejections_by_stage_counts_with_zeros() -> None:
    table = rejections_by_stage(rejected_frame())
    # 5 at application, 3 after a screen, 2 after an interview, none at offer
    assert table.to_dict("records") == [
        {"stage": "at application", "count": 5},
        {"stage": "after a screen", "count": 3},
        {"stage": "after an interview", "count": 2},
        {"stage": "at offer", "count": 0},
    ]


# ---------------------------------------------------------------- feedback loop


def test_feedback_loop_shares_by_hand() -> None:
    rows = [
        {"feedback_requested": True, "feedback_received": True, "feedback_text": "Needed more SQL"},
        {"feedback_requested": True, "feedback_received": False},
        {"feedback_requested": True, "feedback_received": None},
        {"feedback_requested": False, "feedback_received": None},
        {"feedback_requested": None, "feedback_received": None},
    ]
    loop = feedback_loop(rejections(resolve_outcomes(apps(rows), MetricParams(AS_OF))))
    # asked 3 of 5 rejections = .6; answered 1 of the 3 requests = 1/3
    assert (loop.rejections, loop.requested, loop.received) == (5, 3, 1)
    assert loop.requested_share == pytest.approx(0.6)
    assert loop.received_share == pytest.approx(1 / 3)
    assert loop.tracked is True
    assert loop.texts.to_dict("records") == [{"company": "Co 0", "role": "Data Analyst", "feedback": "Needed more SQL"}]


def test_feedback_loop_untracked_and_empty() -> None:
    loop = feedback_loop(rejections(resolve_outcomes(apps([{}, {}]), MetricParams(AS_OF))))
    assert (loop.rejections, loop.requested, loop.received, loop.tracked) == (2, 0, 0, False)
    assert (loop.requested_share, loop.received_share) == (0.0, None)
    assert loop.texts.empty and list(loop.texts.columns) == ["company", "role", "feedback"]
    nothing = feedback_loop(rejections(resolve_outcomes(apps([{}]), MetricParams(AS_OF))).iloc[0:0])
    assert (nothing.rejections, nothing.requested_share, nothing.received_share) == (0, None, None)


def test_feedback_received_counts_even_when_the_request_was_not_recorded() -> None:
    # The common sheet has only a "Feedback" column: 2 rejections, one with feedback text that came back.
    rows = [
        {"feedback_received": True, "feedback_text": "Strong CV, weaker statistics"},
        {"feedback_received": None},
    ]
    loop = feedback_loop(rejections(resolve_outcomes(apps(rows), MetricParams(AS_OF))))
    assert len(loop.texts) == 1
    assert loop.received == 1  # the feedback listed right below did come back


# ---------------------------------------------------------------- feedback requests


def request_rows() -> list[dict[str, object]]:
    # as of 2024-06-30 with 30 days: rejections dated 2024-05-31 .. 2024-06-30 qualify
    return [
        {"company": "Acme", "role": "Data Analyst", "rejected": "2024-06-20", "feedback_requested": False,
         "contact": "Jane Doe <jane.doe@acme.io>"},  # in
        {"company": "Borealis", "role": "BI Analyst", "rejected": "2024-05-31", "contact": "call Tom"},  # 30 days: in
        {"company": "Cobalt", "rejected": "2024-05-30"},  # 31 days: out
        {"company": "Dunmore", "rejected": None, "last": "2024-06-15", "feedback_requested": None},  # last news
        {"company": "Eastgate", "rejected": "2024-06-10", "feedback_requested": True},  # already asked: out
        {"company": "Fernhill", "rejected": "2024-07-02"},  # after the as-of date: out
        {"company": "Glenrock & Söhne", "role": "R&D / Data Analyst?", "rejected": "2024-06-30",
         "contact": "hr@glenrock.de; +49 30 1234"},  # in: the as-of day itself
    ]  # fmt: skip


def requests() -> list[object]:
    frame = apps(request_rows())
    return feedback_requests(frame[frame["outcome"] == "rejected"], AS_OF)


def test_feedback_requests_only_recent_and_not_yet_asked() -> None:
    emails = requests()
    assert [e.company for e in emails] == ["Acme", "Borealis", "Dunmore", "Glenrock & Söhne"]
    assert [e.rejected_on for e in emails] == [
        dt.date(2024, 6, 20),
        dt.date(2024, 5, 31),
        dt.date(2024, 6, 15),  # no rejection date: the last activity stands in
        dt.date(2024, 6, 30),
    ]


def test_feedback_requests_window_is_a_parameter() -> None:
    frame = apps(request_rows())
    emails = feedback_requests(frame[frame["outcome"] == "rejected"], AS_OF, days=10)
    # 2024-06-20 .. 2024-06-30: Acme (06-20), Glenrock (06-30); Dunmore's 06-15 is now too old
    assert [e.company for e in emails] == ["Acme", "Glenrock & Söhne"]


def test_feedback_request_text_names_company_and_role_and_leaves_a_name_placeholder() -> None:
    acme = requests()[0]
    assert acme.subject == "Feedback on my application for Data Analyst"
    assert acme.body.startswith("Dear hiring team at Acme,")
    assert "the Data Analyst position" in acme.body
    assert "interested in Acme" in acme.body
    assert acme.body.rstrip().endswith("[Your name]")


@pytest.mark.parametrize(
    ("contact", "address"),
    [
        ("jane.doe@acme.io", "jane.doe@acme.io"),
        ("Jane Doe <jane.doe+jobs@acme.co.uk>", "jane.doe+jobs@acme.co.uk"),
        ("Tel 555 0100; mail: hr@firm.de (Mon–Fri)", "hr@firm.de"),
        ("call Tom on Monday", ""),
        (None, ""),
    ],
)
def test_feedback_request_picks_the_address_out_of_the_contact_cell(contact: str | None, address: str) -> None:
    frame = apps([{"company": "Acme", "rejected": "2024-06-20", "contact": contact}])
    (email,) = feedback_requests(frame, AS_OF)
    assert email.to == address


def test_mailto_percent_encodes_subject_and_body() -> None:
    glenrock = requests()[-1]
    assert glenrock.to == "hr@glenrock.de"
    link = urlsplit(glenrock.mailto)
    assert link.scheme == "mailto"
    assert unquote(link.path) == "hr@glenrock.de"
    # no raw space, newline, '&', '?' or '#' inside the parameters: they would cut the subject or the body short
    assert link.query.startswith("subject=")
    subject_part, body_part = link.query.split("&body=")
    for part in (subject_part.removeprefix("subject="), body_part):
        assert not set(part) & {" ", "\n", "&", "?", "#", "=", "+"}
    params = parse_qs(link.query, strict_parsing=True)
    assert params == {"subject": [glenrock.subject], "body": [glenrock.body]}
    assert glenrock.subject == "Feedback on my application for R&D / Data Analyst?"
    assert "%0A%0A" in body_part  # paragraph breaks as encoded newlines
    assert "Glenrock%20%26%20S%C3%B6hne" in body_part  # space, '&' and 'ö' (UTF-8) encoded


def test_mailto_address_keeps_its_at_sign() -> None:
    # RFC 6068 §2: '@' is not percent-encoded in the address of a mailto URI ("mailto:chris@example.com").
    acme = requests()[0]
    assert acme.mailto.startswith("mailto:jane.doe@acme.io?subject=")


def test_mailto_without_an_address_leaves_the_recipient_empty() -> None:
    borealis = requests()[1]
    assert borealis.to == ""
    assert borealis.mailto.startswith("mailto:?subject=Feedback%20on%20my%20application%20for%20BI%20Analyst&body=")


# ---------------------------------------------------------------- through the import pipeline

TRACKER = (
    "Company,Role,Date Applied,Status,Rejection date,Rejection reason,Feedback requested,Contact\n"
    "Acme,Data Analyst,2024-05-01,Rejected,2024-06-20,Not enough SQL,No,Jane Doe <jane.doe@acme.io>\n"
    ",BI Analyst,2024-06-01,Rejected,2024-06-25,candidat interne,,\n"
    "Beta,,2024-06-01,Rejected,2024-06-25,,,\n"
)


def imported_rejections() -> pd.DataFrame:
    result = import_tracker(TRACKER.encode(), "tracker.csv")
    assert result.mapping.columns["contact"] == "Contact"
    return rejections(resolve_outcomes(result.normalized.apps, MetricParams(AS_OF)))


def test_imported_rejections_categories_and_requests() -> None:
    rejected = imported_rejections()
    assert rejected["reason_category"].tolist()[0] == "skills mismatch"
    assert rejected["reason_category"].tolist()[2] == "no reason given"
    assert len(feedback_requests(rejected, AS_OF)) == 3


def test_imported_contact_column_reaches_the_feedback_email() -> None:
    # The sheet's Contact column is detected; the request to Acme should be addressed to it.
    acme = feedback_requests(imported_rejections(), AS_OF)[0]
    assert acme.to == "jane.doe@acme.io"


def test_a_rejection_without_company_or_role_gets_readable_placeholders() -> None:
    # The code means "your company" / "the role" for a missing name; a blank cell must not print as "nan".
    _, no_company, no_role = feedback_requests(imported_rejections(), AS_OF)
    assert no_company.company == "your company"
    assert "Dear hiring team at your company," in no_company.body
    assert no_role.role == "the role"
    assert no_role.subject == "Feedback on my application for the role"
    for email in (no_company, no_role):
        assert "nan" not in email.subject + email.body
    # the placeholder reads as English inside the sentence "for the {role} position"
    assert "the the role" not in no_role.body
