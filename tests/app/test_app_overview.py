"""Overview page through AppTest: the KPI cards show the pipeline's figures, with their counts."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from apptest_support import (
    AS_OF,
    FRENCH_COUNTS,
    FRENCH_METRICS,
    RATE_CARDS,
    SAMPLE,
    captions,
    cards,
    french_csv,
    infos,
    metrics,
    plain,
    rate_caption,
    run_ok,
    upload,
)

from applytics.analytics.metrics import MetricParams, kpis, resolve_outcomes
from applytics.intake.pipeline import import_tracker


def sample_figures(ghost_days: int = 30):
    result = import_tracker(SAMPLE.read_bytes(), SAMPLE.name)
    return kpis(resolve_outcomes(result.normalized.apps, MetricParams(AS_OF, ghost_days)))


def assert_shows(at, expected_metrics: dict[str, str], expected_counts: dict[str, tuple[int, int]]) -> None:
    assert metrics(at) == expected_metrics
    shown = cards(at)
    for label, (k, n) in expected_counts.items():
        assert shown[label][1] == rate_caption(k, n), label


def test_default_run_shows_the_sample_with_the_pipelines_figures(at):
    figures = sample_figures()
    rates = {
        "Response rate": figures.response_rate,
        "Positive responses": figures.positive_rate,
        "Interview rate": figures.interview_rate,
        "Offer rate": figures.offer_rate,
        "Ghosted": figures.ghosted,
    }
    expected = {
        "Applications": f"{figures.applications:,}",
        **{label: f"{rate.value:.0%}" for label, rate in rates.items()},
        "Pending": f"{figures.pending:,}",
        "Decided": f"{figures.mature:,}",
    }
    assert metrics(at) == expected
    assert figures.applications == 180  # the sample's documented size, so a broken import cannot pass unnoticed

    shown = cards(at)
    assert set(shown) == set(expected)
    for label, rate in rates.items():
        # Never a bare percentage: the caption under each rate says "k of n" and its interval.
        assert shown[label][1] == f"{rate.k} of {rate.n} · likely {rate.low:.0%}–{rate.high:.0%}", label
        assert shown[label][1] == rate_caption(rate.k, rate.n), label
    assert shown["Applications"][1] == f"{figures.outbound} sent · {figures.inbound} recruiter contacts"

    assert "As of 20 Nov 2026 · ghosted after 30 days of silence" in captions(at)
    assert any("sample" in text for text in infos(at))
    assert [plain(c.value) for c in at.sidebar.caption] == ["Showing sample_tracker.xlsx (the bundled sample)."]
    assert {"funnel_chart", "sankey_chart"} <= {getattr(e, "key", None) for e in at.main.get("plotly_chart")}


def test_the_as_of_date_is_what_the_figures_depend_on(at):
    later = dt.date(2027, 1, 19)  # 60 days on: every silent application has waited out the window
    run_ok(at.date_input(key="as_of").set_value(later))
    then = kpis(resolve_outcomes(import_tracker(SAMPLE.read_bytes(), SAMPLE.name).normalized.apps, MetricParams(later)))
    now = sample_figures()
    assert (then.pending, then.mature) != (now.pending, now.mature)
    assert metrics(at)["Pending"] == str(then.pending)
    assert metrics(at)["Decided"] == str(then.mature)
    assert metrics(at)["Ghosted"] == f"{then.ghosted.value:.0%}"
    assert "As of 19 Jan 2027 · ghosted after 30 days of silence" in captions(at)


def test_uploaded_xlsx_shows_the_hand_computed_figures(at, hand_xlsx):
    upload(at, hand_xlsx.name, hand_xlsx.data)
    assert_shows(at, hand_xlsx.metrics, hand_xlsx.counts)
    assert cards(at)["Applications"][1] == "13 sent · 1 recruiter contacts"
    assert cards(at)["Pending"][1] == "sent under 30 days ago, no reply yet"
    assert not any("sample" in text for text in infos(at)), "the sample banner must go once the user's file is shown"
    assert [plain(c.value) for c in at.sidebar.caption] == ["Showing my_tracker.xlsx (your upload)."]
    assert "funnel_chart" in {getattr(e, "key", None) for e in at.main.get("plotly_chart")}


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_uploaded_semicolon_csv_shows_the_hand_computed_figures(at, encoding):
    upload(at, "suivi candidatures.csv", french_csv(encoding), "text/csv")
    assert_shows(at, FRENCH_METRICS, FRENCH_COUNTS)
    assert cards(at)["Applications"][1] == "11 sent · 0 recruiter contacts"
    assert all(cards(at)[label][1] for label in RATE_CARDS)


def test_try_the_sample_after_an_upload_brings_the_sample_back(at, hand_xlsx):
    upload(at, hand_xlsx.name, hand_xlsx.data)
    assert metrics(at)["Applications"] == "14"

    run_ok(at.button(key="try_sample").click())
    sample = sample_figures()
    assert metrics(at)["Applications"] == str(sample.applications)
    assert metrics(at)["Decided"] == str(sample.mature)
    assert any("sample" in text for text in infos(at))

    # The upload is still in the uploader; a plain rerun must not bring it back over the sample.
    run_ok(at)
    assert metrics(at)["Applications"] == str(sample.applications)
    assert [plain(c.value) for c in at.sidebar.caption] == ["Showing sample_tracker.xlsx (the bundled sample)."]


def test_a_second_upload_replaces_the_first(at, hand_xlsx):
    upload(at, hand_xlsx.name, hand_xlsx.data)
    assert metrics(at)["Applications"] == "14"
    run_ok(at.file_uploader(key="upload").set_value(("suivi.csv", french_csv("cp1252"), "text/csv")))
    assert metrics(at) == FRENCH_METRICS


@pytest.mark.parametrize(
    ("days", "ghosted", "pending", "decided"),
    [
        (30, (3, 14), "3", "10"),  # Acme (80 silent days), Borealis (status "No response"), Ivers (46)
        (60, (2, 14), "4", "9"),  # Ivers (46 days) is pending again; Acme (80) and Borealis stay
        (14, (6, 14), "1", "12"),  # + Juniper (26), Kestrel (18), and Marlow's screen, silent since 5 Nov (15)
    ],
)
def test_ghost_window_changes_the_ghosted_count(at, hand_xlsx, days, ghosted, pending, decided):
    upload(at, hand_xlsx.name, hand_xlsx.data)
    run_ok(at.number_input(key="ghost_days").set_value(days))
    k, n = ghosted
    assert cards(at)["Ghosted"] == (f"{k / n:.0%}", rate_caption(k, n))
    assert metrics(at)["Pending"] == pending
    assert metrics(at)["Decided"] == decided
    assert f"As of 20 Nov 2026 · ghosted after {days} days of silence" in captions(at)


def test_reruns_keep_the_intake_in_legacy_pages_mode(legacy_pages_mode, at, hand_xlsx):
    """Each AppTest run starts in Streamlit's `pages/` folder mode; the app must still run app.py (the sidebar)."""
    for _ in range(2):
        run_ok(at)
        assert at.file_uploader(key="upload") is not None
        assert at.button(key="try_sample") is not None
        assert metrics(at)["Applications"] == "180"
    upload(at, hand_xlsx.name, hand_xlsx.data)
    assert metrics(at) == hand_xlsx.metrics


def test_an_as_of_day_in_the_past_rolls_the_search_back_and_says_so(at):
    """The sample as of 2026-08-31: applications sent from September on are left out (counted by hand from the
    file with pandas, independently of analytics.asof), and the Overview says what it did."""
    table = pd.read_excel(SAMPLE, sheet_name="Applications", header=2, engine="calamine")  # a title, a blank row
    rows = table[table["Company"].notna() & table["Status"].notna()]
    sent = int((pd.to_datetime(rows["Date Applied"], errors="coerce") <= "2026-08-31").sum())
    run_ok(at.date_input(key="as_of").set_value(dt.date(2026, 8, 31)))
    assert metrics(at)["Applications"] == f"{sent:,}"
    assert any(text.startswith("As of 31 Aug 2026: ") and "sent after it are left out" in text for text in infos(at))
