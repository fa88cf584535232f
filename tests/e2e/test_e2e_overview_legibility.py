"""The Overview reads at a glance (issue 11): in light and dark themes, on a desktop and a phone, the Sankey's
labels never overlap or leave the chart, and each KPI card keeps its "k of n · likely a–b" inside its border.

Why: a new user trying the sample in Chromium at 1400 px saw the outcome labels stacked on top of each other and
over the flows, and the cards' captions hanging below their borders. These checks are geometric (boxes read from
the rendered page), so they hold whatever the fonts; the screenshots are saved for a person to look at.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest
from e2e_support import ROOT
from playwright.sync_api import Page, expect

from applytics.analytics.metrics import MetricParams, resolve_outcomes, sankey_links
from applytics.intake.pipeline import import_tracker
from applytics.present.charts import sankey_chart

pytestmark = pytest.mark.e2e

AS_OF = dt.date(2026, 11, 20)
LIVE = '[data-testid="stElementContainer"]:not([data-stale="true"])'
TOLERANCE = 0.5  # pixels: sub-pixel rounding between two boxes is not an overlap

# Every label the Sankey shows (plotly's own node text is kept invisible, for hover): its text and box.
SANKEY_LABELS = """() => {
    const chart = document.querySelector('.st-key-sankey_chart .js-plotly-plot');
    const svg = chart.querySelector('svg.main-svg').getBoundingClientRect();
    const box = (r) => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
    const shown = [...chart.querySelectorAll('text.annotation-text')].map(
        (t) => ({text: t.textContent, box: box(t.getBoundingClientRect())}));
    const hidden = [...chart.querySelectorAll('g.sankey-node text.node-label')].map((t) => {
        const style = getComputedStyle(t);
        return {text: t.textContent, opacity: style.fillOpacity, size: style.fontSize};
    });
    return {svg: box(svg), shown, hidden, nodes: chart.querySelectorAll('g.sankey-node').length};
}"""

# Each KPI card: the bordered block around a metric, and the caption inside it.
CARDS = """() => [...document.querySelectorAll('[data-testid="stMetric"]')].map((metric) => {
    let card = metric.parentElement;
    while (card && parseFloat(getComputedStyle(card).borderTopWidth) === 0) card = card.parentElement;
    const caption = card && card.querySelector('[data-testid="stCaptionContainer"]');
    const box = (e) => { const r = e.getBoundingClientRect();
                         return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
    return {label: metric.querySelector('[data-testid="stMetricLabel"]').innerText.trim(),
            card: card ? box(card) : null, caption: caption ? box(caption) : null,
            captionText: caption ? caption.innerText.trim() : null};
})"""


def expected_labels() -> list[str]:
    sample = ROOT / "data" / "sample_tracker.xlsx"
    resolved = resolve_outcomes(import_tracker(sample.read_bytes(), sample.name).normalized.apps, MetricParams(AS_OF))
    return [a.text for a in sankey_chart(sankey_links(resolved)).layout.annotations]


def overlaps(a: dict, b: dict) -> bool:
    return (
        min(a["right"], b["right"]) - max(a["left"], b["left"]) > TOLERANCE
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > TOLERANCE
    )


def inside(inner: dict, outer: dict) -> bool:
    return (
        inner["left"] >= outer["left"] - TOLERANCE
        and inner["top"] >= outer["top"] - TOLERANCE
        and inner["right"] <= outer["right"] + TOLERANCE
        and inner["bottom"] <= outer["bottom"] + TOLERANCE
    )


def background_luminance(page: Page) -> float:
    colour = page.evaluate("getComputedStyle(document.querySelector('[data-testid=\"stApp\"]')).backgroundColor")
    red, green, blue = (int(v) / 255 for v in re.findall(r"\d+", colour)[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def settled(page: Page, script: str, seconds: float = 10.0):
    """The script's answer once two reads 300 ms apart agree (plotly animates nodes into place for 500 ms)."""
    deadline = time.monotonic() + seconds
    previous = page.evaluate(script)
    while time.monotonic() < deadline:
        page.wait_for_timeout(300)
        current = page.evaluate(script)
        if current == previous:
            return current
        previous = current
    return previous


@pytest.mark.parametrize("width", [1400, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_overview_labels_and_cards_fit(browser, server: str, tmp_path: Path, theme: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 1000})
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        page.emulate_media(color_scheme=theme)  # Streamlit's default theme follows the system's
        page.goto(f"{server}/?as_of={AS_OF.isoformat()}")
        sankey = page.locator(".st-key-sankey_chart").and_(page.locator(LIVE)).locator(".js-plotly-plot")
        expect(sankey).to_be_visible(timeout=60_000)
        expect(page.locator(f"{LIVE} [data-testid='stMetric']")).to_have_count(8)
        luminance = background_luminance(page)
        assert luminance < 0.2 if theme == "dark" else luminance > 0.8, f"{theme} theme not applied: {luminance:.2f}"

        labels = settled(page, SANKEY_LABELS)
        cards = settled(page, CARDS)
        shot = tmp_path / f"overview-{theme}-{width}.png"
        page.screenshot(path=str(shot), full_page=True)
        chart_shot = tmp_path / f"sankey-{theme}-{width}.png"
        sankey.screenshot(path=str(chart_shot))
        rows = page.get_by_test_id("stHorizontalBlock").filter(has=page.get_by_test_id("stMetric"))
        card_shots = [tmp_path / f"cards-{theme}-{width}-{row + 1}.png" for row in range(rows.count())]
        for row, path in enumerate(card_shots):
            rows.nth(row).screenshot(path=str(path))
        print("screenshots:", shot, chart_shot, *card_shots)

        shown = labels["shown"]
        assert [label["text"] for label in shown] == expected_labels()
        assert len(shown) == labels["nodes"], "one visible label per node"
        assert all(float(h["opacity"]) == 0 for h in labels["hidden"]), "plotly's own labels stay invisible"
        clashes = [
            (a["text"], b["text"]) for i, a in enumerate(shown) for b in shown[i + 1 :] if overlaps(a["box"], b["box"])
        ]
        assert clashes == [], f"overlapping Sankey labels at {width} px, {theme}: {clashes}"
        outside = [label["text"] for label in shown if not inside(label["box"], labels["svg"])]
        assert outside == [], f"labels leaving the chart at {width} px, {theme}: {outside}"

        assert len(cards) == 8
        for card in cards:
            assert card["card"] is not None, f"{card['label']}: no bordered card"
            assert card["caption"] is not None, f"{card['label']}: no caption inside the card"
            assert inside(card["caption"], card["card"]), f"{card['label']}: caption outside its card {card}"
        assert any(re.fullmatch(r"\d+ of \d+ · likely \d+%–\d+%", c["captionText"]) for c in cards)
    finally:
        context.close()
