"""One plain sentence beside each chart: factual, with its counts, and honest that rejection is normal."""

from __future__ import annotations

import pandas as pd
from applytics.analytics.metrics import Kpis, Rate

# CareerPlug Recruiting Metrics Report 2024: about 3% of applicants get an interview (employer-side figure).
BENCHMARK_INTERVIEW_SHARE = 0.03


def share(rate: Rate) -> str:
    """'12 of 40 (30%)' — a percentage never travels without its counts."""
    if not rate.n:
        return "none decided yet"
    return f"{rate.k} of {rate.n} ({rate.k / rate.n:.0%})"


def kpi_reading(figures: Kpis, ghost_after_days: int) -> str:
    if figures.applications == 0:
        return "No applications yet: once rows are in the tracker, the figures appear here."
    if figures.outbound == 0:
        return (
            f"All {figures.applications} are recruiter contacts (inbound). Rates are about applications you sent, "
            "and there are none in the file yet."
        )
    if figures.mature == 0:
        return (
            f"All {figures.pending} outbound applications are younger than {ghost_after_days} days and still "
            "silent, so it is too early for rates; they are counted, not judged."
        )
    interval = figures.response_rate
    sentence = (
        f"{share(interval)} of the applications that have had time for a reply got one "
        f"(likely between {interval.low:.0%} and {interval.high:.0%})."
    )
    if figures.pending:
        sentence += f" {figures.pending} younger silent ones are left out until {ghost_after_days} days pass."
    if figures.inbound:
        sentence += (
            f" {figures.inbound} recruiter contacts (inbound) are counted apart, since they replied by definition."
        )
    return sentence


def funnel_reading(stages: pd.DataFrame, figures: Kpis) -> str:
    applied = int(stages["reached"].iloc[0])
    if applied == 0:
        return "The funnel fills in as applications are added."
    interview = int(stages.loc[stages["stage"] == "interview", "reached"].iloc[0])
    rate = figures.interview_rate
    sentence = f"{interview} of {applied} applications reached an interview."
    if rate.n:
        benchmark = BENCHMARK_INTERVIEW_SHARE
        position = "above" if rate.low > benchmark else "below" if rate.high < benchmark else "in line with"
        sentence += (
            f" Your interview rate, {share(rate)}, is {position} what employers report overall "
            f"(about {benchmark:.0%} of applicants interviewed, CareerPlug 2024): "
            "most applications end early, for everyone."
        )
    weakest = stages.dropna(subset=["conversion"])
    weakest = weakest[weakest["n"] >= 5]
    if not weakest.empty:
        row = weakest.loc[weakest["conversion"].idxmin()]
        sentence += (
            f" The narrowest step is into {row['stage']}: {int(row['k'])} of {int(row['n'])} decided "
            f"applications made it ({row['conversion']:.0%})."
        )
    return sentence


def sankey_reading(outcomes: pd.DataFrame) -> str:
    counts = dict(zip(outcomes["outcome"], outcomes["count"], strict=True))
    total = sum(counts.values())
    if total == 0:
        return "The flow appears once applications are added."
    ended_quietly = counts["ghosted"] + counts["rejected"]
    sentence = (
        f"{ended_quietly} of {total} applications ended in silence ({counts['ghosted']}) or a rejection "
        f"({counts['rejected']}) — the usual shape of a search, not a verdict on you."
    )
    open_now = counts["active"] + counts["pending"]
    if open_now:
        sentence += (
            f" {open_now} are still open ({counts['active']} in progress, {counts['pending']} awaiting a reply)."
        )
    if counts["accepted"]:
        sentence += f" {counts['accepted']} offer accepted."
    return sentence
