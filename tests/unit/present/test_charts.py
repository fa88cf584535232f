"""charts: result frames -> plotly figures.

Why: DESIGN §4: one colour per stage and per outcome, the same on every chart, colour-blind safe;
numbers shown with their counts, never hidden in a hover. The figures only draw what metrics
computed, so their values must be exactly the frames they were given.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from applytics.analytics.metrics import sankey_links
from applytics.present import charts
from applytics.present.charts import OUTCOME_COLOURS, STAGE_COLOURS, _fade, funnel_chart, sankey_chart
from applytics.schema import OUTCOMES, STAGES

HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


def stages_frame(reached: list[int]) -> pd.DataFrame:
    return pd.DataFrame({"stage": list(STAGES), "reached": reached})


LINKS = pd.DataFrame(
    [
        ("applied", "screen", 4),
        ("applied", "outcome:pending", 3),
        ("applied", "outcome:ghosted", 2),
        ("applied", "outcome:rejected", 1),
        ("screen", "interview", 2),
        ("screen", "outcome:active", 1),
        ("screen", "outcome:rejected", 1),
        ("interview", "offer", 1),
        ("interview", "outcome:rejected", 1),
        ("offer", "outcome:accepted", 1),
    ],
    columns=["source", "target", "value"],
)


def test_one_distinct_colour_per_stage_and_outcome() -> None:
    assert set(STAGE_COLOURS) == set(STAGES)
    assert set(OUTCOME_COLOURS) == set(OUTCOMES)
    colours = [*STAGE_COLOURS.values(), *OUTCOME_COLOURS.values()]
    assert all(HEX.match(c) for c in colours)
    assert len({c.lower() for c in colours}) == len(STAGES) + len(OUTCOMES)


def test_fade_turns_hex_into_rgba() -> None:
    # 0x00 = 0, 0x72 = 114, 0xB2 = 178
    assert _fade("#0072B2") == "rgba(0,114,178,0.45)"
    assert _fade("#D55E00", 0.2) == "rgba(213,94,0,0.2)"


def test_funnel_chart_draws_the_reached_counts_with_their_share() -> None:
    figure = funnel_chart(stages_frame([10, 4, 2, 1]))
    assert isinstance(figure, go.Figure)
    (trace,) = figure.data
    assert trace.type == "funnel"
    assert list(trace.x) == [10, 4, 2, 1]
    assert list(trace.y) == ["Applied", "Screen", "Interview", "Offer"]
    # 4 of 10 = 40%, 2 of 10 = 20%, 1 of 10 = 10%
    assert list(trace.text) == [
        "10 (100% of applied)",
        "4 (40% of applied)",
        "2 (20% of applied)",
        "1 (10% of applied)",
    ]
    assert list(trace.marker.color) == [STAGE_COLOURS[s] for s in STAGES]


def test_funnel_chart_of_an_empty_tracker() -> None:
    (trace,) = funnel_chart(stages_frame([0, 0, 0, 0])).data
    assert list(trace.text) == ["0 (0% of applied)"] * 4


def _nodes_and_links(figure: go.Figure) -> tuple[list[str], list[tuple[str, str, int]]]:
    (trace,) = figure.data
    labels = list(trace.node.label)
    links = [
        (labels[s], labels[t], v)
        for s, t, v in zip(trace.link.source, trace.link.target, trace.link.value, strict=True)
    ]
    return labels, links


def test_sankey_node_labels_carry_their_counts() -> None:
    figure = sankey_chart(LINKS)
    labels, _ = _nodes_and_links(figure)
    # stage totals = what reached them (10, 4, 2, 1); outcome totals = all that flowed in
    # (rejected: 1 from applied + 1 from screen + 1 from interview = 3)
    assert set(labels) == {
        "Applied (10)",
        "Screen (4)",
        "Interview (2)",
        "Offer (1)",
        "Awaiting reply (3)",
        "No response (2)",
        "Rejected (3)",
        "In progress (1)",
        "Offer accepted (1)",
    }


def test_sankey_links_are_drawn_as_given_with_outcome_colours() -> None:
    figure = sankey_chart(LINKS)
    labels, links = _nodes_and_links(figure)
    name = {label: label.rsplit(" (", 1)[0] for label in labels}
    drawn = sorted((name[s], name[t], v) for s, t, v in links)
    assert sum(v for _, _, v in drawn) == int(LINKS["value"].sum())
    assert ("Applied", "Screen", 4) in drawn
    assert ("Interview", "Rejected", 1) in drawn
    (trace,) = figure.data
    node_colour = dict(zip(labels, trace.node.color, strict=True))
    assert node_colour["Rejected (3)"] == OUTCOME_COLOURS["rejected"]
    assert node_colour["Screen (4)"] == STAGE_COLOURS["screen"]


def test_sankey_layout_reads_left_to_right_and_stacks_outcomes_by_size() -> None:
    (trace,) = sankey_chart(LINKS).data
    labels = list(trace.node.label)
    x = dict(zip(labels, trace.node.x, strict=True))
    y = dict(zip(labels, trace.node.y, strict=True))
    assert x["Applied (10)"] < x["Screen (4)"] < x["Interview (2)"] < x["Offer (1)"]
    outcome_labels = [lab for lab in labels if lab not in ("Applied (10)", "Screen (4)", "Interview (2)", "Offer (1)")]
    assert all(x[lab] > x["Offer (1)"] for lab in outcome_labels)
    assert all(0 <= y[lab] <= 1 for lab in labels)
    assert len({round(y[lab], 6) for lab in outcome_labels}) == len(outcome_labels), "outcome labels must not overlap"
    by_height = sorted(outcome_labels, key=lambda lab: y[lab])
    totals = [int(lab.rsplit("(", 1)[1].rstrip(")")) for lab in by_height]
    assert totals == sorted(totals, reverse=True)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(STAGES), st.sampled_from(OUTCOMES)), min_size=1, max_size=30))
def test_any_sankey_from_metrics_draws_and_serialises(pairs: list[tuple[str, str]]) -> None:
    resolved = pd.DataFrame(
        {
            "furthest_stage": pd.Categorical([s for s, _ in pairs], categories=STAGES, ordered=True),
            "outcome": [o for _, o in pairs],
        }
    )
    figure = sankey_chart(sankey_links(resolved))
    labels, links = _nodes_and_links(figure)
    stage_names = {"Applied", "Screen", "Interview", "Offer"}
    into_outcomes = sum(v for _, t, v in links if t.rsplit(" (", 1)[0] not in stage_names)
    assert into_outcomes == len(pairs), "every application ends in one outcome node"
    # the first stage's label shows every application
    assert f"Applied ({len(pairs)})" in labels
    json.loads(figure.to_json())


# ---------------------------------------------------------------- user text is never HTML to plotly
# Plotly renders a subset of HTML in labels and hover text: a source named like a link became a live link on the
# Timing chart, and a span's style drew over the chart. Every user string is escaped by `charts.chart`.

HOSTILE = '<a href="http://x.invalid/">click</a> & <span style="font-size:60px">big</span>'
ESCAPED = '&lt;a href="http://x.invalid/"&gt;click&lt;/a&gt; &amp; &lt;span style="font-size:60px"&gt;big&lt;/span&gt;'


def _interval_rates() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "segment_label": [HOSTILE, "Source"],
            "value": ["LinkedIn", HOSTILE],
            "k": [3, 1],
            "n": [10, 8],
            "rate": [0.3, 0.125],
            "low": [0.1, 0.02],
            "high": [0.6, 0.47],
            "effect": [0.1, -0.1],
            "verdict": ["too few to judge", "lower"],
        }
    )


def _data_strings(figure: go.Figure) -> list[str]:
    """Every string in the figure's traces (the layout holds only the app's own titles)."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for key, inner in value.items():
                if key not in ("hovertemplate", "texttemplate"):  # the app's own templates
                    walk(inner)
        elif isinstance(value, list | tuple):
            for inner in value:
                walk(inner)

    walk(json.loads(figure.to_json())["data"])
    return found


HOSTILE_FIGURES = {
    "segment_interval_chart": lambda: charts.segment_interval_chart(_interval_rates(), 0.2),
    "segment_heat_chart": lambda: charts.segment_heat_chart(
        pd.DataFrame(
            {
                "value": [HOSTILE, "Referral"],
                "stage": ["screen", "screen"],
                "rate": [0.5, 0.2],
                "k": [1, 1],
                "n": [2, 5],
            }
        )
    ),
    "rate_bar_chart": lambda: charts.rate_bar_chart(
        pd.DataFrame({"source": [HOSTILE], "k": [2], "n": [4], "rate": [0.5], "low": [0.15], "high": [0.85]}),
        "source",
        "#000000",
    ),
    "pareto_chart": lambda: charts.pareto_chart(
        pd.DataFrame({"category": [HOSTILE], "count": [3], "cumulative_share": [1.0], "label": [HOSTILE]})
    ),
    "count_bar_chart": lambda: charts.count_bar_chart(
        pd.DataFrame({"stage": [HOSTILE], "count": [3]}), "stage", "#000"
    ),
}


def test_every_public_chart_is_built_through_the_one_escaping_place() -> None:
    public = [name for name in dir(charts) if name.endswith("_chart") and callable(getattr(charts, name))]
    assert len(public) >= 8
    assert [name for name in public if not getattr(getattr(charts, name), "escapes_user_text", False)] == []


@pytest.mark.parametrize("name", sorted(HOSTILE_FIGURES))
def test_user_text_reaches_a_figure_only_as_escaped_text(name: str) -> None:
    strings = _data_strings(HOSTILE_FIGURES[name]())
    assert any(ESCAPED in s for s in strings), strings  # shown, literally, as typed
    assert not [s for s in strings if "<" in s or ">" in s], strings  # and no tag at all


def test_escape_label_by_hand() -> None:
    assert charts.escape_label("R&D <b>team</b>") == "R&amp;D &lt;b&gt;team&lt;/b&gt;"
    assert charts.escape_label('"quoted" it\'s') == '"quoted" it\'s'  # quotes are not markup in a label
    assert charts.escape_label("Café 東京") == "Café 東京"


def test_numbers_and_the_apps_own_labels_are_left_as_they_are() -> None:
    figure = charts.funnel_chart(stages_frame([10, 4, 2, 1]))
    assert list(figure.data[0].x) == [10, 4, 2, 1]
    assert list(figure.data[0].y) == ["Applied", "Screen", "Interview", "Offer"]
    assert figure.data[0].hovertemplate == "%{y}: %{x} applications<extra></extra>"


# ---------------------------------------------------------------- pace

# Three ISO weeks as pace.weekly_counts gives them, goal 10: 12 (met), 0 (a zero week, short), 10 so far (met, the
# week in progress); running total 12, 12, 22.
PACE_WEEKS = pd.DataFrame(
    {
        "week_start": pd.to_datetime(["2026-12-21", "2026-12-28", "2027-01-04"]),
        "applications": [12, 0, 10],
        "cumulative": [12, 12, 22],
        "complete": [True, True, False],
        "met": [True, False, True],
    }
)


def test_weekly_pace_chart_draws_the_weeks_the_goal_and_the_running_total() -> None:
    figure = charts.weekly_pace_chart(PACE_WEEKS, 10)
    bars, total = figure.data
    assert list(bars.y) == [12, 0, 10]
    assert [pd.Timestamp(x).date().isoformat() for x in bars.x] == ["2026-12-21", "2026-12-28", "2027-01-04"]
    applied = STAGE_COLOURS["applied"]
    assert list(bars.marker.color) == [applied, _fade(applied), applied]  # short weeks faded
    assert list(bars.marker.pattern.shape) == ["", "", "/"]  # the week in progress hatched
    assert list(bars.customdata) == ["met the goal", "short of the goal", "met the goal, week in progress"]
    assert list(total.y) == [12, 12, 22] and total.yaxis == "y2"
    (goal_line,) = figure.layout.shapes
    assert (goal_line.y0, goal_line.y1) == (10, 10)
    assert [a.text for a in figure.layout.annotations] == ["goal 10"]
    assert charts.weekly_pace_chart.escapes_user_text


def test_activity_calendar_chart_puts_weeks_in_columns_and_weekdays_in_rows() -> None:
    # pace.daily_counts rows from Mon 28 Dec 2026 to Wed 6 Jan 2027 (the as-of day): 10 days, two ISO weeks.
    # 3 on Fri 1 Jan 2027 (2026-W53), 1 on Mon 4 Jan and 2 on Wed 6 Jan (2027-W01); Thu 7 Jan on is absent.
    days = pd.date_range("2026-12-28", "2027-01-06", freq="D")
    counts = {pd.Timestamp("2027-01-01"): 3, pd.Timestamp("2027-01-04"): 1, pd.Timestamp("2027-01-06"): 2}
    daily = pd.DataFrame(
        {
            "day": days,
            "week_start": [pd.Timestamp("2026-12-28")] * 7 + [pd.Timestamp("2027-01-04")] * 3,
            "weekday": [0, 1, 2, 3, 4, 5, 6, 0, 1, 2],
            "applications": [counts.get(d, 0) for d in days],
        }
    )
    (heat,) = charts.activity_calendar_chart(daily).data
    assert list(heat.y) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert [pd.Timestamp(x).date().isoformat() for x in heat.x] == ["2026-12-28", "2027-01-04"]
    grid = [[None if v != v else v for v in row] for row in heat.z]  # NaN (no such day yet) as None
    assert grid == [
        [0, 1],  # Mon 28 Dec, Mon 4 Jan
        [0, 0],
        [0, 2],  # Wed 6 Jan, the as-of day
        [0, None],  # Thu 7 Jan is after the as-of date: blank, not zero
        [3, None],  # Fri 1 Jan 2027 sits in the week of 28 Dec 2026
        [0, None],
        [0, None],
    ]
    assert heat.customdata[4][0] == "Fri 01 Jan 2027" and heat.customdata[3][1] == ""
    assert (heat.zmin, heat.zmax) == (0, 3)
    assert heat.colorscale[-1][1] == STAGE_COLOURS["applied"]
    assert charts.activity_calendar_chart.escapes_user_text


def test_activity_calendar_of_a_quiet_week_keeps_a_visible_scale() -> None:
    days = pd.date_range("2026-11-02", "2026-11-08", freq="D")
    daily = pd.DataFrame({"day": days, "week_start": days[0], "weekday": range(7), "applications": [0] * 7})
    (heat,) = charts.activity_calendar_chart(daily).data
    assert (heat.zmin, heat.zmax) == (0, 1)  # all zeros: no division by a zero range, every cell the zero grey
