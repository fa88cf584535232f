"""Corrections that stick (issue 3): an edit applies across the dashboard at once, travels in the mapping file to the
next version of the tracker, a broken mapping file is explained, and the sample never inherits a user's fixes.

AppTest does not fire a data editor's on_change (seeding its edit state only changes the table the script gets), so
these tests set the session's "corrections" exactly as the editors' save callback does; the browser test in
tests/e2e/test_e2e_corrections.py drives the real editor.
"""

from __future__ import annotations

import json

import pytest
from analytics_support import (
    CONVERSION_PAGE,
    CSV,
    JSON,
    PITCH_V1,
    PITCH_V2,
    REJECTIONS_PAGE,
    SEGMENT_LABEL,
    STATUS_CSV,
    UNKNOWN_WORD,
    editor,
    main_captions,
    open_page,
    resolved,
    sample_resolved,
    subheaders,
    with_corrections,
)
from apptest_support import (
    AS_OF,
    DATA_PAGE,
    OVERVIEW_PAGE,
    SAMPLE,
    cards,
    describe_exceptions,
    errors,
    infos,
    metrics,
    new_app,
    rate_caption,
    run_ok,
    table,
    upload,
)
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from applytics.analytics.metrics import kpis
from applytics.intake.corrections import Corrections

MAPPED = Corrections().with_status(UNKNOWN_WORD, "interview", "active")  # Stage "Interview", Outcome "In progress"
PITCH = Corrections().with_column("Pitch", "segment")  # "Read as": "Segment (keep as a breakdown)"
APPLIED_NOTE = "Your corrections were applied"
# Corrections that would show on the sample too: its two "Position Closed" rows as accepted offers, and its
# "Resume Version" column ignored (no résumé breakdown).
SAMPLE_VISIBLE = MAPPED.with_status("Position Closed", "offer", "accepted").with_column("Resume Version", "ignore")


def fresh_session() -> AppTest:
    """A new visit: its own session state, as of the same day."""
    app = new_app()
    run_ok(app)
    return run_ok(app.date_input(key="as_of").set_value(AS_OF))


def upload_mapping(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="mapping_upload").upload(name, data, JSON)
    at.run()
    assert not at.exception, describe_exceptions(at)
    return at


def status_row(at: AppTest, word: str) -> tuple:
    words = table(at, "Status in your file")
    row = words[words["Status in your file"] == word]
    assert len(row) == 1, list(words["Status in your file"])
    return tuple(row.iloc[0])[1:]


def read_as(at: AppTest, header: str) -> str:
    columns = editor(at, "column_editor")
    return columns.loc[columns["Column in your file"] == header, "Read as"].iloc[0]


def pitch_rows(at: AppTest) -> dict[str, tuple[int, int]]:
    shown = table(at, "Pitch")
    return {row.Pitch: (row.Yes, row.Of) for row in shown.itertuples(index=False)}


def assert_status_file_uncorrected(at: AppTest) -> None:
    """STATUS_CSV as detected (analytics_support): interview 2 of 7, replied 4 of 7, 3 pending."""
    shown = cards(at)
    assert shown["Interview rate"] == ("29%", rate_caption(2, 7))
    assert shown["Response rate"] == ("57%", rate_caption(4, 7))
    assert metrics(at)["Pending"] == "3"


def assert_status_file_corrected(at: AppTest) -> None:
    """STATUS_CSV with "Met the CTO" read as an interview: interview 4 of 9, replied 6 of 9, 1 pending."""
    shown = cards(at)
    assert shown["Interview rate"] == ("44%", rate_caption(4, 9))
    assert shown["Response rate"] == ("67%", rate_caption(6, 9))
    assert shown["Ghosted"] == ("30%", rate_caption(3, 10))
    assert metrics(at)["Pending"] == "1"
    assert metrics(at)["Decided"] == "9"


def test_hand_figures_agree_with_lib():
    """The hand-worked figures of the fixtures, checked once against the pipeline on the same files and day."""
    before, after = kpis(resolved(STATUS_CSV, "s.csv")), kpis(resolved(STATUS_CSV, "s.csv", MAPPED))
    assert (before.interview_rate.k, before.interview_rate.n, before.pending) == (2, 7, 3)
    assert (after.interview_rate.k, after.interview_rate.n, after.pending) == (4, 9, 1)
    assert (after.response_rate.k, after.ghosted.k, after.ghosted.n) == (6, 3, 10)
    # The corrections the "Try the sample" tests start from would show on the sample: two more offers.
    assert kpis(sample_resolved(SAMPLE_VISIBLE)).offer_rate.k == kpis(sample_resolved()).offer_rate.k + 2


def test_mapping_an_unknown_status_changes_the_overview_at_once(at):
    upload(at, "statuses.csv", STATUS_CSV, CSV)
    assert_status_file_uncorrected(at)
    assert any(UNKNOWN_WORD in w for w in at.main.expander[0].warning.values), "the unknown word is flagged"

    with_corrections(at, MAPPED)
    assert_status_file_corrected(at)
    assert not at.main.expander, "nothing left to check once the word is mapped"

    open_page(at, DATA_PAGE)
    assert status_row(at, UNKNOWN_WORD) == (2, "Interview", "In progress", "your correction")
    assert any(text.startswith(f"{APPLIED_NOTE}: 0 column(s), 1 status word(s)") for text in infos(at)), infos(at)
    assert not at.button(key="reset_corrections").disabled
    # Undo brings the detected reading back, everywhere.
    run_ok(at.button(key="reset_corrections").click())
    assert status_row(at, UNKNOWN_WORD) == (2, "Applied", "In progress", "not recognised")
    open_page(at, OVERVIEW_PAGE)
    assert_status_file_uncorrected(at)


def test_marking_a_column_as_a_segment_offers_it_on_conversion(at):
    upload(at, "pitch.csv", PITCH_V1, CSV)
    open_page(at, CONVERSION_PAGE)
    assert any("no column to break results down by" in text for text in infos(at))
    open_page(at, DATA_PAGE)
    assert read_as(at, "Pitch") == "Not used"

    with_corrections(at, PITCH)
    assert read_as(at, "Pitch") == SEGMENT_LABEL
    open_page(at, CONVERSION_PAGE)
    segment = at.selectbox(key="segment")
    assert segment.options == ["Pitch"]
    assert "Response rate by pitch" in subheaders(at)
    # By hand (analytics_support.PITCH_V1): pitch A got 3 replies in 6, pitch B 1 in 6; too few to judge either.
    assert pitch_rows(at) == {"A": (3, 6), "B": (1, 6)}
    assert set(table(at, "Pitch")["Verdict"]) == {"too few to judge"}
    run_ok(at.segmented_control(key="rate").set_value("interview"))
    assert pitch_rows(at) == {"A": (1, 6), "B": (0, 6)}  # Cobalt's interview


def test_overriding_a_reason_category_on_rejections(at):
    reason = "Decided to move forward with other candidates"  # read as "no reason given"; the user knows better
    open_page(at, REJECTIONS_PAGE)
    reasons = editor(at, "reason_editor").set_index("Reason as written")
    assert reasons.loc[reason, "Category"] == "No reason given"
    assert any(text.startswith("Of 37 rejections, 17 came with no reason") for text in main_captions(at))

    with_corrections(at, Corrections().with_reason(reason, "position filled"))  # the category editor's fold
    reasons = editor(at, "reason_editor").set_index("Reason as written")
    assert reasons.loc[reason, "Category"] == "Position filled"
    assert reasons.loc[reason, "Rejections"] == 2
    assert any(text.startswith("Of 37 rejections, 15 came with no reason") for text in main_captions(at))
    open_page(at, DATA_PAGE)
    assert any(text.startswith(APPLIED_NOTE) for text in infos(at))


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """What each static download button offers, by file name (a spy on Streamlit's media file manager)."""
    offered: dict[str, bytes] = {}
    original = MediaFileManager.add

    def add(self, path_or_data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        if is_for_static_download and file_name:
            offered[file_name] = path_or_data
        return original(self, path_or_data, mimetype, coordinates, file_name, is_for_static_download)

    monkeypatch.setattr(MediaFileManager, "add", add)
    return offered


@pytest.mark.parametrize("order", ["together", "mapping first", "tracker first"])
def test_saved_mapping_corrects_the_next_version_of_the_tracker(at, downloads, order):
    # Session 1: the correction is made on version 1 and saved from the Data page.
    upload(at, "pitch.csv", PITCH_V1, CSV)
    with_corrections(at, PITCH)
    open_page(at, DATA_PAGE)
    assert not at.get("download_button")[0].proto.disabled
    saved = downloads["applytics-mapping.json"]
    assert json.loads(saved)["columns"] == {"Pitch": "segment"}

    # Session 2, weeks later: version 2 of the tracker and the saved file, no correction by hand.
    later = fresh_session()
    if order == "together":
        later.file_uploader(key="upload").upload("pitch v2.csv", PITCH_V2, CSV)
        upload_mapping(later, "applytics-mapping.json", saved)
    elif order == "mapping first":
        upload_mapping(later, "applytics-mapping.json", saved)
        upload(later, "pitch v2.csv", PITCH_V2, CSV)
    else:
        upload(later, "pitch v2.csv", PITCH_V2, CSV)
        upload_mapping(later, "applytics-mapping.json", saved)
    assert not errors(later)
    open_page(later, CONVERSION_PAGE)
    assert later.selectbox(key="segment").options == ["Pitch"]
    # By hand (PITCH_V2): A 4 replies in 8 (Mistral's rejection added), B 2 in 8 (Pinecrest's screen added).
    assert pitch_rows(later) == {"A": (4, 8), "B": (2, 8)}
    open_page(later, DATA_PAGE)
    assert read_as(later, "Pitch") == SEGMENT_LABEL
    assert any(text.startswith(f"{APPLIED_NOTE}: 1 column(s)") for text in infos(later)), infos(later)


def test_mapping_file_from_another_tracker_says_what_it_could_not_apply(at):
    upload(at, "statuses.csv", STATUS_CSV, CSV)
    upload_mapping(at, "applytics-mapping.json", PITCH.to_json().encode())
    assert not errors(at)
    assert_status_file_uncorrected(at)  # nothing in it applies to this file, and nothing breaks
    open_page(at, DATA_PAGE)
    assert "Your saved mapping mentions column “Pitch”, which this file does not have." in infos(at), infos(at)


def test_saved_reason_categories_travel_in_the_mapping_file(at):
    reason = "Decided to move forward with other candidates"
    saved = Corrections().with_reason(reason, "position filled").to_json().encode()
    upload(at, "my_tracker.xlsx", SAMPLE.read_bytes())
    upload_mapping(at, "applytics-mapping.json", saved)
    open_page(at, REJECTIONS_PAGE)
    reasons = editor(at, "reason_editor").set_index("Reason as written")
    assert reasons.loc[reason, "Category"] == "Position filled"


def mapping_json(**sections: object) -> bytes:
    return json.dumps({"format": "applytics-mapping", **sections}).encode()


MALFORMED = [
    pytest.param(
        "broken.json",
        b'{"format": "applytics-mapping", "columns": {',
        ("“broken.json” is not valid JSON (", "Choose the .json Applytics saved."),
        id="truncated-json",
    ),
    pytest.param(
        "latin1.json",
        b"\xff\xfe{\x00",
        ("“latin1.json” is not valid JSON (", "Choose the .json Applytics saved."),
        id="not-utf8",
    ),
    pytest.param(
        "tracker.json",
        b'[{"Company": "Acme", "Status": "Applied"}]',
        ("“tracker.json” is not an Applytics mapping file.", "Download one from the Data page, then upload it here."),
        id="not-a-mapping",
    ),
    pytest.param(
        "typo.json",
        mapping_json(statuses={UNKNOWN_WORD: {"stage": "interview", "outcome": "hired"}}),
        (f"“typo.json”: status “{UNKNOWN_WORD}” has stage “interview” and outcome “hired”.", "outcomes:"),
        id="unknown-outcome",
    ),
    pytest.param(
        "old.json",
        mapping_json(columns={"Pitch": "breakdown"}),
        ("“old.json”: column “Pitch” is mapped to “breakdown”, which is not a field.", "segment"),
        id="unknown-column-choice",
    ),
    pytest.param(
        # "—" is the stage the Data page writes for "Not an application" only; hand-edited (or from an older
        # version) it may come with another outcome. The file must be refused like any other bad entry.
        "dash.json",
        mapping_json(statuses={UNKNOWN_WORD: {"stage": "—", "outcome": "active"}}),
        ("“dash.json”", UNKNOWN_WORD),
        id="no-stage-for-an-application",
    ),
    pytest.param(
        "lists.json",
        mapping_json(columns=["Pitch"]),
        ("“lists.json” is damaged", "must be objects"),
        id="wrong-section-type",
    ),
]


@pytest.mark.parametrize(("name", "data", "expected"), MALFORMED)
def test_malformed_mapping_file_is_explained_and_the_dashboard_keeps_working(at, name, data, expected):
    upload(at, "statuses.csv", STATUS_CSV, CSV)
    upload_mapping(at, "applytics-mapping.json", MAPPED.to_json().encode())
    assert_status_file_corrected(at)

    upload_mapping(at, name, data)
    shown = [e for e in errors(at) if name in e]
    assert len(shown) == 1, errors(at)
    assert len(errors(at)) == 1, f"only the mapping file is in question, not the tracker: {errors(at)}"
    assert shown[0].startswith(expected[0]), shown[0]
    assert expected[1] in shown[0], shown[0]
    assert "Traceback" not in shown[0]
    # The dashboard goes on with the corrections it had: a bad file neither breaks nor wipes them.
    assert_status_file_corrected(at)
    for page in (CONVERSION_PAGE, REJECTIONS_PAGE, DATA_PAGE):
        open_page(at, page)
    assert status_row(at, UNKNOWN_WORD)[3] == "your correction"


def test_try_the_sample_drops_corrections_made_on_the_page(at):
    upload(at, "statuses.csv", STATUS_CSV, CSV)
    with_corrections(at, SAMPLE_VISIBLE)
    assert_status_file_corrected(at)

    run_ok(at.button(key="try_sample").click())
    assert_sample_uncorrected(at)


def test_try_the_sample_drops_corrections_from_a_mapping_file(at):
    upload(at, "statuses.csv", STATUS_CSV, CSV)
    upload_mapping(at, "applytics-mapping.json", SAMPLE_VISIBLE.to_json().encode())
    assert_status_file_corrected(at)

    run_ok(at.button(key="try_sample").click())
    assert_sample_uncorrected(at)
    # The mapping file still sits in its uploader: a later rerun must not bring it back over the sample.
    run_ok(at)
    assert_sample_uncorrected(at)


def assert_sample_uncorrected(at: AppTest) -> None:
    figures = kpis(sample_resolved())
    shown = cards(at)
    assert metrics(at)["Applications"] == "180"
    assert shown["Interview rate"][1] == rate_caption(figures.interview_rate.k, figures.interview_rate.n)
    assert shown["Ghosted"][1] == rate_caption(figures.ghosted.k, figures.ghosted.n)
    assert shown["Offer rate"][1] == rate_caption(figures.offer_rate.k, figures.offer_rate.n)
    assert at.session_state.get("corrections") in (None, Corrections())
    open_page(at, DATA_PAGE)
    assert not any(text.startswith(APPLIED_NOTE) for text in infos(at)), infos(at)
    assert status_row(at, "Position Closed")[1:] == ("Applied", "Position closed", "vocabulary")
    assert read_as(at, "Resume Version") == "Résumé version"
    assert at.button(key="reset_corrections").disabled
    open_page(at, CONVERSION_PAGE)
    assert "Résumé version" in at.selectbox(key="segment").options
    open_page(at, OVERVIEW_PAGE)


def test_a_mapping_file_uploaded_while_the_sample_shows_says_it_waits_for_the_tracker(at):
    """Dropped on the sample, the file is not lost silently: the sidebar says why, and the tracker uploaded next
    gets its corrections."""
    upload_mapping(at, "applytics-mapping.json", SAMPLE_VISIBLE.to_json().encode())
    waiting = [text for text in infos(at) if text.startswith("applytics-mapping.json is kept for your own tracker")]
    assert len(waiting) == 1, infos(at)
    assert "the sample never takes saved corrections" in waiting[0]
    assert_sample_uncorrected(at)

    upload(at, "statuses.csv", STATUS_CSV, CSV)
    assert_status_file_corrected(at)
    assert not any("is kept for your own tracker" in text for text in infos(at)), infos(at)
