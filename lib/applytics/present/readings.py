"""One plain sentence beside each chart: factual, with its counts, and honest that rejection is normal."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from applytics.analytics.benchmarks import GHOSTING, INTERVIEW_ODDS
from applytics.analytics.insights import k_of_n, p_text
from applytics.analytics.metrics import Kpis, Rate
from applytics.analytics.pace import MIN_DECIDED, MIN_HITS, Counted, Expected, Pace, Streaks
from applytics.analytics.reasons import REJECTED_AT
from applytics.analytics.timeline import ResponseTimes


def share(rate: Rate) -> str:
    """'12 of 40 (30%)' — a percentage never travels without its counts."""
    if not rate.n:
        return "none decided yet"
    return k_of_n(rate.k, rate.n)


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
        benchmark = INTERVIEW_ODDS.interviewed
        position = "above" if rate.low > benchmark else "below" if rate.high < benchmark else "in line with"
        sentence += (
            f" Your interview rate, {share(rate)}, is {position} what employers report overall "
            f"(about {benchmark:.0%} of applicants interviewed, {INTERVIEW_ODDS.publisher} {INTERVIEW_ODDS.year}): "
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


# ---------------------------------------------------------------- conversion


def segment_difference_readings(one: pd.DataFrame, segment_label: str) -> list[str]:
    """One sentence per value of one segment that differs from the rest on one rate, or one saying none does.

    `one`: the segment_rates rows of a single segment and metric; `segment_label`: "Source", "Résumé version"."""
    differences = one[one["verdict"].str.endswith("than the rest")]
    if differences.empty:
        return [
            f"No value of {segment_label.lower()} stands out from the rest on this rate yet: the gaps you see are "
            "within what chance alone produces at these counts."
        ]
    return [
        f"{row.value}: {row.k} of {row.n} ({row.rate:.0%}) vs {row.rest_k} of {row.rest_n} for the rest "
        f"({row.rest_rate:.0%}); {row.verdict} ({p_text(row.p_adjusted)}, adjusted)."
        for row in differences.itertuples()
    ]


# ---------------------------------------------------------------- timing


def days_or_not_reached(days: float | None) -> str:
    """A quantile of the reply curve: '10 days', or 'not reached' while too few have replied."""
    return f"{days:.0f} days" if days is not None else "not reached"


def response_time_reading(times: ResponseTimes, as_of: dt.date) -> str:
    """The time-to-first-reply curve in words; for a curve with at least one dated reply (times.replied > 0)."""
    median = (
        "; since fewer than half ever reply, the median is not reached — normal for cold applications."
        if times.median_days is None
        else "."
    )
    return (
        f"{times.replied} replies and {times.censored} still-silent applications, counted as “no reply yet” up "
        f"to {as_of:%d %b %Y} rather than dropped. By the last day observed, "
        f"{times.final_share:.0%} had a reply{median}"
        f" Among the replies, the typical wait was {times.median_among_replies:.0f} days."
    )


def response_time_left_out(times: ResponseTimes) -> str | None:
    """The applications the curve could not place in time, or None when every one is in it."""
    if not times.left_out:
        return None
    return f"{times.left_out} application(s) without an application date are left out of this curve."


def ghosting_reading(ghosting: pd.DataFrame) -> str:
    """ghosting_by_source (most silence first, at least one row) in words, with the employer-side context."""
    worst = ghosting.iloc[0]
    best = ghosting.iloc[-1]
    context = (
        f" Being ghosted is the norm for cold channels ({GHOSTING.publisher}, {GHOSTING.year}: "
        f"{GHOSTING.ghosted:.0%} of job seekers were ghosted even after an interview), not a verdict on you."
    )
    if len(ghosting) == 1:
        return f"{worst['k']} of {worst['n']} decided applications from {worst['source']} ended in silence.{context}"
    return (
        f"Silence is most common from {worst['source']} ({worst['k']} of {worst['n']}) and least from "
        f"{best['source']} ({best['k']} of {best['n']}).{context}"
    )


# ---------------------------------------------------------------- rejections


def reasons_reading(pareto: pd.DataFrame) -> str:
    """reason_pareto (largest first) in words: how many came without a reason, and which given reason leads."""
    given = pareto[pareto["category"] != "no reason given"]
    total = int(pareto["count"].sum())
    silent = total - int(given["count"].sum())
    if given.empty:
        return f"None of the {total} rejections came with a reason; that is common, and not about you."
    top = given.iloc[0]
    return (
        f"Of {total} rejections, {silent} came with no reason — most employers give none. Among the rest, "
        f"“{top['label']}” leads ({int(top['count'])}). A pattern in the reasons is something you can act on; "
        "a single one is not."
    )


def rejection_stage_reading(by_stage: pd.DataFrame) -> str:
    """rejections_by_stage in words: rejections at application against those later on, which need other fixes."""
    early = int(by_stage.loc[by_stage["stage"] == REJECTED_AT["applied"], "count"].iloc[0])
    late = int(by_stage["count"].sum()) - early
    return (
        f"{early} at application (the résumé and the channel are what to change) and {late} after a screen or an "
        "interview (interview practice and feedback are what help). They call for different fixes."
    )


# ---------------------------------------------------------------- pace


def weeks_text(count: int) -> str:
    return f"{count:,} week" if count == 1 else f"{count:,} weeks"


def _applications(count: int) -> str:
    return f"{count} application" if count == 1 else f"{count} applications"


def pace_reading(figures: Streaks, split: Counted) -> str:
    """Weeks that met the goal, the current and best streak, and the current week so far (pace.streaks)."""
    if figures.weeks == 0:
        if split.undated and not split.dated:
            return (
                f"None of your {_applications(split.undated)} has an application date, so there are no weeks to "
                "count. A “Date applied” column in the tracker gives the weekly pace."
            )
        return "No application sent on or before the as-of date yet, so there are no weeks to count."
    goal = figures.goal
    sentence = f"{figures.weeks_met} of {weeks_text(figures.weeks)} met your goal of {_applications(goal)} a week"
    if figures.in_progress:
        sentence += ", the current week so far included."
        if figures.this_week >= goal:
            sentence += f" The current week has already met it ({figures.this_week} so far)."
        else:
            sentence += (
                f" The current week so far has {figures.this_week} of {goal}; while it is in progress it does not "
                "break a streak."
            )
    else:
        sentence += "."
    complete_weeks = figures.weeks - int(figures.in_progress)
    if figures.current:
        sentence += f" Current streak: {weeks_text(figures.current)} in a row."
    elif complete_weeks:
        sentence += " No current streak: the last complete week was short of the goal."
    if figures.best:
        sentence += f" Best streak: {weeks_text(figures.best)}."
    else:
        sentence += " No week has reached it yet; a goal you can keep is worth more than a high one."
    return sentence


def left_out_reading(split: Counted) -> str | None:
    """The outbound applications the weekly counts leave out, or None when every one is in them."""
    parts = []
    if split.undated:
        verb = "has no date and is" if split.undated == 1 else "have no date and are"
        parts.append(f"{_applications(split.undated)} {verb} not in the weekly counts.")
    if split.after_as_of:
        verb = "is" if split.after_as_of == 1 else "are"
        parts.append(f"{_applications(split.after_as_of)} dated after the as-of date {verb} not counted.")
    return " ".join(parts) or None


def current_pace_reading(pace: Pace) -> str:
    """Which weeks the current pace is the mean of."""
    if pace.per_week is None:
        return "No complete week with dated applications yet, so there is no current pace."
    last_day = pace.last_week + dt.timedelta(days=6)
    weeks = "the last complete week" if pace.weeks == 1 else f"the last {pace.weeks} complete weeks"
    return (
        f"Current pace: {pace.per_week:.1f} applications a week, the mean of {weeks} "
        f"({pace.first_week:%d %b} to {last_day:%d %b %Y}: {_applications(pace.applications)}); "
        "the week in progress is not one of them."
    )


def _decided(count: int) -> str:
    return f"{count} decided application" if count == 1 else f"{count} decided applications"


_HIT_NOUNS = {"interview": ("interview", "interviews"), "offer": ("offer", "offers")}


def projection_reading(expected: Expected, pace: Pace) -> str:
    """Applications and weeks to the next interview or offer (pace.projection), honest when data are too few."""
    one, many = _HIT_NOUNS[expected.key]
    rate = expected.rate
    if rate.n == 0:
        return f"No application is decided yet, so there is no {one} rate to project the next {one} from."
    if expected.applications is None:
        return (
            f"No {one} yet in {_decided(rate.n)}, so there is no rate to project from: a rate of 0 gives no "
            f"projection. That says little on its own; the estimate appears with the first {one}."
        )
    hits = f"{rate.k} {one if rate.k == 1 else many} in {_decided(rate.n)}"
    if expected.reliable:
        sentence = f"At your rate, {hits}, the next {one} takes about"
    else:
        sentence = (
            f"{hits} is too few to project reliably (that needs at least {MIN_HITS} {many} and {MIN_DECIDED} "
            f"decided applications); as a rough guide only, the next {one} takes about"
        )
    count = f"{expected.applications:.0f}"
    sentence += f" {count} {'application' if count == '1' else 'applications'}"
    if expected.applications_low is not None and expected.applications_high is not None:
        sentence += f" (likely {expected.applications_low:.0f} to {expected.applications_high:.0f})"
    if expected.weeks is not None:
        sentence += f", about {expected.weeks:.1f} weeks at your current pace of {pace.per_week:.1f} a week"
        if expected.weeks_low is not None and expected.weeks_high is not None:
            sentence += f" (likely {expected.weeks_low:.1f} to {expected.weeks_high:.1f})"
        return sentence + "."
    if pace.per_week is None:
        return sentence + "; with no complete week yet there is no pace to turn that into weeks."
    weeks = "complete week" if pace.weeks == 1 else f"{pace.weeks} complete weeks"
    return sentence + f"; with no application in the last {weeks} there is no pace to turn that into weeks."
