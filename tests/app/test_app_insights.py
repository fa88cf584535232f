"""Insights page through AppTest: findings the numbers support, with their counts; benchmarks kept apart."""

from __future__ import annotations

from analytics_support import (
    CSV,
    INSIGHTS_PAGE,
    MINIMAL_CSV,
    decided_outbound,
    main_captions,
    markdowns,
    open_page,
    sample_resolved,
    subheaders,
    titles,
)
from apptest_support import infos, plain, upload

from applytics.analytics.insights import BENCHMARKS, insights
from applytics.analytics.metrics import funnel, kpis
from applytics.analytics.segments import segment_rates

BENCHMARK_NOTE = "Employer-side figures from published reports, for scale only: they are not about you or your file."


def findings(at) -> list[tuple[str, str, str]]:
    """Each bordered finding: (title, evidence, what to try)."""
    found = []
    for block in at.main.children.values():
        if getattr(block, "type", None) == "flex_container":
            texts = [plain(m.value) for m in block.markdown]
            assert len(texts) == 3, texts
            found.append(tuple(texts))
    return found


def test_sample_referral_finding_with_its_counts(at):
    open_page(at, INSIGHTS_PAGE)
    assert titles(at) == ["Insights"]
    assert not any(text.startswith("Nothing stands out") for text in infos(at))

    # Counted from the resolved applications: 18 of the 32 decided outbound applications with a referral got a
    # reply, against 25 of the other 125.
    decided = decided_outbound(sample_resolved())
    referred = decided["referral"] == "Yes"
    assert (int(decided.loc[referred, "responded"].sum()), int(referred.sum())) == (18, 32)
    assert (int(decided.loc[~referred, "responded"].sum()), int((~referred).sum())) == (25, 125)

    shown = findings(at)
    resolved = sample_resolved()
    expected = insights(segment_rates(resolved), funnel(resolved), kpis(resolved))
    assert len(shown) == len(expected) >= 1
    assert [title for title, _, _ in shown] == [f"**{n}. {item.title}**" for n, item in enumerate(expected, 1)]
    title, evidence, try_next = shown[0]
    assert title == "**1. Referral: Yes — response rate higher than the rest**"
    assert evidence.startswith("18 of 32 (56%) got a reply vs 25 of 125 (20%) for the rest; p < 0.001")
    assert try_next.endswith("Referrals work for you: ask two or three contacts a week for an introduction.")
    assert any(t == "**2. Source: Referral — response rate higher than the rest**" for t, _, _ in shown)


def test_benchmarks_are_labelled_as_employer_side(at):
    open_page(at, INSIGHTS_PAGE)
    assert "Context: what employers report" in subheaders(at)
    assert BENCHMARK_NOTE in main_captions(at)
    bullets = [text for text in markdowns(at) if text.startswith("- ")]
    assert len(bullets) == len(BENCHMARKS) == 3
    for bullet, benchmark in zip(bullets, BENCHMARKS, strict=True):
        assert bullet.startswith(f"- {benchmark['figure']}")
        assert bullet.endswith(f"*({benchmark['source']})*")  # every figure names where it comes from


def test_file_with_little_to_compare_says_nothing_stands_out_yet(at):
    upload(at, "minimal.csv", MINIMAL_CSV, CSV)
    open_page(at, INSIGHTS_PAGE)
    assert titles(at) == ["Insights"]
    assert any(text.startswith("Nothing stands out with confidence yet.") for text in infos(at)), infos(at)
    assert findings(at) == []
    assert BENCHMARK_NOTE in main_captions(at)  # the context panel is still there, and still labelled
