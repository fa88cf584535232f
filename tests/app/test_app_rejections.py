"""Rejections page through AppTest: reason categories (Pareto), where they happen, the feedback loop, request emails."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from analytics_support import (
    CSV,
    MINIMAL_CSV,
    REJECTIONS_PAGE,
    chart_keys,
    editor,
    main_captions,
    open_page,
    sample_resolved,
    subheaders,
    titles,
)
from apptest_support import AS_OF, infos, metrics, plain, table, upload

from applytics.analytics.reasons import feedback_requests, reason_pareto, rejections, rejections_by_stage
from applytics.intake.vocabulary import CATEGORY_LABELS


def sample_rejections():
    return rejections(sample_resolved())


def test_sample_reasons_table_and_pareto(at):
    open_page(at, REJECTIONS_PAGE)
    assert titles(at) == ["Rejections"]
    assert subheaders(at) == ["Why", "Where", "Reasons as written", "Feedback loop", "Ask for feedback"]
    assert {"pareto_chart", "stage_chart"} <= chart_keys(at)
    assert not any("no rejection-reason column" in text for text in infos(at))

    rejected = sample_rejections()
    reasons = editor(at, "reason_editor")
    assert list(reasons.columns) == ["Reason as written", "Rejections", "Category"]
    written = rejected.dropna(subset=["rejection_reason"])
    assert reasons["Rejections"].sum() == len(written)  # every written reason is listed once, with its count
    assert set(reasons["Category"]) <= set(CATEGORY_LABELS.values())
    by_text = {row[0]: (row[1], row[2]) for row in reasons.itertuples(index=False)}
    # Read by hand from the sample's "Rejection Reason" column, in four languages:
    assert by_text["Stelle intern besetzt"] == (2, "Internal candidate")
    assert by_text["Position filled internally"] == (1, "Internal candidate")
    assert by_text["Profil trop junior"] == (1, "Experience gap / more experienced candidate")
    assert by_text["Overqualified for the role"] == (2, "Overqualified")
    assert by_text["No visa sponsorship for this role"] == (1, "Location / visa / relocation")
    assert by_text["Role put on hold - budget freeze"] == (1, "Position cancelled / budget / freeze")
    assert by_text["Decided to move forward with other candidates"] == (2, "No reason given")
    assert by_text["Salary expectations above range"] == (1, "Salary")

    pareto = reason_pareto(rejected)
    no_reason = int(pareto.loc[pareto["category"] == "no reason given", "count"].sum())
    top = pareto[pareto["category"] != "no reason given"].iloc[0]
    assert (len(rejected), no_reason, top["label"], top["count"]) == (
        37, 17, "Experience gap / more experienced candidate", 5,
    )  # fmt: skip
    assert any(
        text.startswith(
            "Of 37 rejections, 17 came with no reason — most employers give none. Among the rest, "
            "“Experience gap / more experienced candidate” leads (5)."
        )
        for text in main_captions(at)
    ), main_captions(at)


def test_sample_rejections_by_stage_reading(at):
    open_page(at, REJECTIONS_PAGE)
    by_stage = rejections_by_stage(sample_rejections())
    early = int(by_stage.loc[by_stage["stage"] == "at application", "count"].iloc[0])
    late = int(by_stage["count"].sum()) - early
    # The sample's status column: 26 "Rejected" (at application) and 11 "Rejected after interview".
    assert (early, late) == (26, 11)
    assert any(text.startswith("26 at application") and "11 after a screen or an interview" in text for text in
               main_captions(at))  # fmt: skip


def test_sample_feedback_loop_shares_with_counts(at):
    open_page(at, REJECTIONS_PAGE)
    rejected = sample_rejections()
    requested = rejected["feedback_requested"].map(lambda v: v is True)
    received = rejected["feedback_received"].map(lambda v: v is True) & requested
    assert (int(requested.sum()), int(received.sum())) == (15, 8)
    shown = metrics(at)
    assert shown["Feedback requested"] == f"{15 / 37:.0%}" == "41%"
    assert shown["Feedback received"] == f"{8 / 15:.0%}" == "53%"
    assert "15 of 37 rejections" in main_captions(at)
    assert "8 of 15 requests" in main_captions(at)
    texts = table(at, "company")
    assert list(texts.columns) == ["company", "role", "feedback"]
    assert len(texts) == int(rejected["feedback_text"].notna().sum())
    assert texts["feedback"].notna().all()


def test_sample_feedback_request_per_recent_rejection(at):
    open_page(at, REJECTIONS_PAGE)
    emails = feedback_requests(sample_rejections(), AS_OF)
    # Rejections of the 30 days up to 20 Nov 2026 with no feedback asked for yet:
    assert [(e.company, e.rejected_on.isoformat()) for e in emails] == [
        ("Lowtide", "2026-10-22"),
        ("Fairhaven Pensions", "2026-11-20"),
    ]
    expanders = at.main.expander
    labels = [plain(e.label) for e in expanders]
    assert labels == [
        "Lowtide — Senior Data Analyst · rejected 22 Oct",
        "Fairhaven Pensions — Product Analyst · rejected 20 Nov",
    ]
    for expander, email in zip(expanders, emails, strict=True):
        (button,) = expander.get("link_button")
        assert button.proto.label == "Open in my mail app"
        link = urlsplit(button.proto.url)
        assert link.scheme == "mailto"
        query = parse_qs(link.query)
        assert query["subject"] == [f"Feedback on my application for {email.role}"]
        assert query["body"][0].startswith(f"Dear hiring team at {email.company},")
        (subject,) = expander.text_input
        assert subject.value == f"Feedback on my application for {email.role}"
        (body,) = expander.code
        assert body.value == query["body"][0]  # the text shown is the text the mail app gets


def test_file_without_reasons_or_feedback_says_so(at):
    upload(at, "minimal.csv", MINIMAL_CSV, CSV)
    open_page(at, REJECTIONS_PAGE)
    assert titles(at) == ["Rejections"]
    notes = infos(at)
    assert any(text.startswith("Your file has no rejection-reason column") for text in notes), notes
    assert any(text.startswith("Your file does not track feedback.") for text in notes), notes
    assert "Reasons as written" not in subheaders(at)
    assert not at.data_editor
    assert "Feedback requested" not in metrics(at)
    # Acme and Eastgate's rejections carry no date, and were sent in early September: nothing recent to ask about.
    assert "No rejection in the last 30 days is waiting for a feedback request." in main_captions(at)
