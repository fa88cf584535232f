"""Plain-language findings, each shown only when the numbers support it, each with a 'what to try' line."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from applytics.analytics import benchmarks
from applytics.analytics.metrics import Kpis
from applytics.schema import RATE_BY_KEY

# Employer-side benchmarks for the context panel: labelled as such, never mixed into the user's figures.
BENCHMARKS: tuple[dict[str, str], ...] = tuple({"source": b.source, "figure": b.figure} for b in benchmarks.ALL)
_TRY = {
    ("source", "Referral", True): "Referrals work for you: ask two or three contacts a week for an introduction.",
    ("referral", "Yes", True): "Referrals work for you: ask two or three contacts a week for an introduction.",
    ("resume_version", None, True): "Keep using this résumé version, and tailor it to each posting's keywords.",
    ("resume_version", None, False): "Retire this résumé version; tailor the one that works to each posting.",
    ("cover_letter", "Yes", True): "Keep writing cover letters for the roles you care most about.",
    ("cover_letter", "No", False): "Try a short, specific cover letter for roles you care about.",
    ("source", None, False): "Spend less of your week on this channel; move the time to referrals and direct contact.",
    ("source", None, True): "This channel pays off: put more of your week into it.",
}


@dataclass(frozen=True)
class Insight:
    title: str
    evidence: str  # the numbers, always: "18 of 30 (60%) vs 25 of 127 (20%); p = 0.001"
    try_next: str
    strength: float  # for ranking: significance times size of the difference


def k_of_n(k: int, n: int) -> str:
    """'12 of 40 (30%)': the count, then the percentage; '0 of 0' has none."""
    return f"{k} of {n} ({k / n:.0%})" if n else f"{k} of {n}"


def p_text(p: float) -> str:
    """'p = 0.012', or 'p < 0.001' below what three decimals can show."""
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def _advice(segment: str, value: str, higher: bool) -> str:
    return (
        _TRY.get((segment, value, higher))
        or _TRY.get((segment, None, higher))
        or (
            "Do more of what this group has in common."
            if higher
            else "Look at what these applications share, and change one thing at a time."
        )
    )


def segment_insights(rates: pd.DataFrame) -> list[Insight]:
    """One finding per segment value that differs from the rest after correction; its strongest metric only."""
    significant = rates[rates["verdict"].isin(["higher than the rest", "lower than the rest"])]
    two_sided = rates.groupby("segment")["value"].nunique() == 2
    if significant.empty:
        return []
    mirrored = significant["segment"].map(two_sided).fillna(False).astype(bool) & (
        significant["verdict"] == "lower than the rest"
    )
    significant = significant[~mirrored]  # with two values, "No is lower" only repeats "Yes is higher"
    found: list[Insight] = []
    for (_, _), group in significant.groupby(["segment", "value"], sort=False):
        row = group.sort_values("p_adjusted").iloc[0]
        higher = row["verdict"].startswith("higher")
        label = f"{row['segment_label']}: {row['value']}"
        rate = RATE_BY_KEY[row["metric"]]
        found.append(
            Insight(
                title=f"{label} — {rate.label.lower()} {'higher' if higher else 'lower'} than the rest",
                evidence=(
                    f"{k_of_n(row['k'], row['n'])} {rate.hit_words} vs "
                    f"{k_of_n(row['rest_k'], row['rest_n'])} for the rest; {p_text(float(row['p_value']))} "
                    "(adjusted for the other values: "
                    f"{p_text(float(row['p_adjusted']))})."
                ),
                try_next=_advice(row["segment"], str(row["value"]), higher),
                strength=-math.log10(max(float(row["p_adjusted"]), 1e-12)) * abs(float(row["effect"])),
            )
        )
    return found


def funnel_insights(stages: pd.DataFrame, figures: Kpis) -> list[Insight]:
    """Stage-level findings that hold whatever the segments say, judged against the interval, not the point."""
    found = []
    to_interview = stages.loc[stages["stage"] == "interview"].iloc[0]  # conversion screen -> interview
    to_offer = stages.loc[stages["stage"] == "offer"].iloc[0]  # conversion interview -> offer
    hired = benchmarks.INTERVIEW_ODDS.hired_after_interview
    if to_offer["n"] and to_offer["n"] >= 5 and to_offer["high"] is not None and to_offer["high"] < hired:
        found.append(
            Insight(
                title="Interviews rarely turn into offers",
                evidence=(
                    f"{int(to_offer['k'])} of {int(to_offer['n'])} decided interviews led to an offer "
                    f"(at most {to_offer['high']:.0%} at 95% confidence), below the {hired:.0%} employers report."
                ),
                try_next="Practise interviews: rehearse your stories out loud, and ask each interviewer for feedback.",
                strength=2.0,
            )
        )
    rate = figures.positive_rate
    if rate.n >= 20 and rate.high is not None and rate.high < 0.05:
        found.append(
            Insight(
                title="Few applications get past the first screen",
                evidence=f"{rate.k} of {rate.n} reached a screen (at most {rate.high:.0%} at 95% confidence).",
                try_next="Tailor the résumé to each posting, and ask for referrals rather than applying cold.",
                strength=1.5,
            )
        )
    if to_interview["n"] and to_interview["n"] >= 5 and to_interview["high"] is not None and to_interview["high"] < 0.5:
        found.append(
            Insight(
                title="Screens rarely lead to interviews",
                evidence=f"{int(to_interview['k'])} of {int(to_interview['n'])} decided screens led to an interview.",
                try_next="Prepare a two-minute pitch and questions for the recruiter; confirm salary and fit early.",
                strength=1.0,
            )
        )
    return found


def insights(rates: pd.DataFrame, stages: pd.DataFrame, figures: Kpis) -> list[Insight]:
    """Every supported finding, strongest first."""
    return sorted(segment_insights(rates) + funnel_insights(stages, figures), key=lambda i: -i.strength)
