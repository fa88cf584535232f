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


# ---------------------------------------------------------------- the Sankey's layout (issue 11)
# The sample's outcomes stacked on top of each other: the layout is now set by hand, so it is tested by hand.

import itertools  # noqa: E402

from applytics.present.charts import _LABEL_GAP, _PLOT_HEIGHT, _sankey_layout  # noqa: E402

# 100 applications: 10 reach a screen, 4 an interview, 1 an offer.
# Ends: no response 60, rejected 20 (15 at applied, 3 at screen, 2 at interview), awaiting reply 10, in progress 6
# (3 + 2 + 1), withdrawn 2 and position closed 1 (each under 3% of 100: grouped), offer accepted 1 (an offer:
# never grouped, however rare).
SMALL = pd.DataFrame(
    [
        ("applied", "screen", 10),
        ("applied", "outcome:ghosted", 60),
        ("applied", "outcome:rejected", 15),
        ("applied", "outcome:pending", 10),
        ("applied", "outcome:withdrawn", 2),
        ("applied", "outcome:closed", 1),
        ("applied", "outcome:active", 2),
        ("screen", "interview", 4),
        ("screen", "outcome:rejected", 3),
        ("screen", "outcome:active", 3),
        ("interview", "offer", 1),
        ("interview", "outcome:rejected", 2),
        ("interview", "outcome:active", 1),
        ("offer", "outcome:accepted", 1),
    ],
    columns=["source", "target", "value"],
)


def test_sankey_nodes_in_order_stages_left_to_right_outcomes_largest_first_other_last() -> None:
    layout = _sankey_layout(SMALL)
    assert layout.labels == [
        "Applied (100)",
        "Screen (10)",
        "Interview (4)",
        "Offer (1)",
        "No response (60)",
        "Rejected (20)",
        "Awaiting reply (10)",
        "In progress (6)",
        "Offer accepted (1)",
        "Other outcomes (3)",
    ]
    x = dict(zip(layout.nodes, layout.x, strict=True))
    assert x["applied"] < x["screen"] < x["interview"] < x["offer"] < x["outcome:ghosted"]
    outcome_x = {x[n] for n in layout.nodes if n.startswith("outcome:")}
    assert len(outcome_x) == 1  # one column on the right
    y = dict(zip(layout.nodes, layout.y, strict=True))
    outcomes = [n for n in layout.nodes if n.startswith("outcome:")]
    assert [y[n] for n in outcomes] == sorted(y[n] for n in outcomes)  # top to bottom in that order
    assert all(0 < v < 1 for v in [*layout.x, *layout.y])  # plotly ignores a 0


def test_sankey_outcome_label_centres_by_hand() -> None:
    # 388 px of plot (420 - 2 x 16); 6 outcome nodes, 5 gaps of 22 px: 278 px for 100 applications, 2.78 px each.
    # Heights 166.8, 55.6, 27.8, 16.68, 2.78, 8.34; centres from the top:
    #   no response 83.4; rejected 166.8 + 22 + 27.8 = 216.6; awaiting reply 244.4 + 22 + 13.9 = 280.3;
    #   in progress 294.2 + 22 + 8.34 = 324.54; accepted 332.88 + 22 + 1.39 = 356.27; other 357.66 + 22 + 4.17
    #   = 383.83 (and its bottom at 388: the column fills the plot exactly).
    layout = _sankey_layout(SMALL)
    assert _PLOT_HEIGHT == 388
    centres = [y * _PLOT_HEIGHT for n, y in zip(layout.nodes, layout.y, strict=True) if n.startswith("outcome:")]
    assert centres == pytest.approx([83.4, 216.6, 280.3, 324.54, 356.27, 383.83], abs=0.01)
    gaps = [below - above for above, below in itertools.pairwise(centres)]
    # the closest pair, accepted (1) over other (3): 1.39 + 22 + 4.17 = 27.56 px apart, more than a label's gap
    assert min(gaps) == pytest.approx(27.56, abs=0.01)
    assert min(gaps) >= _LABEL_GAP == 22


def test_sankey_sample_labels_keep_their_gap() -> None:
    import datetime as dt
    from pathlib import Path

    from applytics.analytics.metrics import MetricParams, resolve_outcomes
    from applytics.intake.pipeline import import_tracker

    sample = Path(__file__).resolve().parents[3] / "data" / "sample_tracker.xlsx"
    apps = import_tracker(sample.read_bytes(), sample.name).normalized.apps
    layout = _sankey_layout(sankey_links(resolve_outcomes(apps, MetricParams(dt.date(2026, 11, 20)))))
    assert layout.grouped == {"withdrawn": 3, "closed": 2}  # 3 and 2 of 180, each under 3%
    for column in ([n for n in layout.nodes if n.startswith("outcome:")], [n for n in layout.nodes if n in STAGES]):
        centres = sorted(y * _PLOT_HEIGHT for n, y in zip(layout.nodes, layout.y, strict=True) if n in column)
        assert min(b - a for a, b in itertools.pairwise(centres)) >= _LABEL_GAP


def test_sankey_tiny_outcomes_are_one_node_whose_hover_lists_them() -> None:
    layout = _sankey_layout(SMALL)
    assert layout.grouped == {"withdrawn": 2, "closed": 1}
    other = layout.nodes.index("outcome:other")
    assert layout.hover[other] == "Other outcomes: 3 (Withdrew 2 · Position closed 1)"
    # each grouped flow is still its own link, named and coloured by its own outcome
    into_other = [
        (label, value, colour)
        for label, target, value, colour in zip(
            layout.link_labels, layout.targets, layout.values, layout.link_colours, strict=True
        )
        if target == other
    ]
    assert into_other == [
        ("Applied → Withdrew", 2, _fade(OUTCOME_COLOURS["withdrawn"])),
        ("Applied → Position closed", 1, _fade(OUTCOME_COLOURS["closed"])),
    ]
    # one tiny outcome alone is not "other": it keeps its own name
    alone = _sankey_layout(SMALL[SMALL["target"] != "outcome:closed"])
    assert alone.grouped == {}


def test_sankey_colours_are_the_palette() -> None:
    layout = _sankey_layout(SMALL)
    for node, colour in zip(layout.nodes, layout.colours, strict=True):
        if node in STAGE_COLOURS:
            assert colour == STAGE_COLOURS[node]
        elif node != "outcome:other":
            assert colour == OUTCOME_COLOURS[node.split(":", 1)[1]]
    for target, colour in zip(SMALL["target"], layout.link_colours, strict=True):
        expected = OUTCOME_COLOURS[target.split(":", 1)[1]] if target.startswith("outcome:") else STAGE_COLOURS[target]
        assert colour == _fade(expected)  # a flow takes its target's colour, see-through
    assert layout.colours[layout.nodes.index("outcome:other")] not in {
        *OUTCOME_COLOURS.values(),
        *STAGE_COLOURS.values(),
    }


def test_sankey_flows_conserve_counts() -> None:
    layout = _sankey_layout(SMALL)
    totals = {n: int(label.rsplit("(", 1)[1].rstrip(")")) for n, label in zip(layout.nodes, layout.labels, strict=True)}
    inflow = {n: 0 for n in layout.nodes}
    outflow = {n: 0 for n in layout.nodes}
    for source, target, value in zip(layout.sources, layout.targets, layout.values, strict=True):
        outflow[layout.nodes[source]] += value
        inflow[layout.nodes[target]] += value
    assert sum(layout.values) == int(SMALL["value"].sum())
    assert outflow["applied"] == totals["applied"] == 100
    for stage in ("screen", "interview", "offer"):
        assert inflow[stage] == outflow[stage] == totals[stage]
    outcomes = [n for n in layout.nodes if n.startswith("outcome:")]
    assert all(inflow[n] == totals[n] for n in outcomes)
    assert sum(inflow[n] for n in outcomes) == 100  # every application ends in exactly one outcome node


def test_sankey_hover_and_labels_carry_counts() -> None:
    (trace,) = sankey_chart(SMALL).data
    assert trace.arrangement == "fixed"
    assert trace.link.hovertemplate == "%{label}: %{value}<extra></extra>"
    assert "Interview → Rejected" in trace.link.label  # hovered: "Interview → Rejected: 2"
    assert trace.node.hovertemplate == "%{customdata}<extra></extra>"
    assert "Rejected: 20" in trace.node.customdata
    shown = [a.text for a in sankey_chart(SMALL).layout.annotations]
    assert shown == list(trace.node.label)  # the visible labels are the nodes' labels, one each


def test_sankey_of_nothing_draws() -> None:
    figure = sankey_chart(
        sankey_links(
            pd.DataFrame({"furthest_stage": pd.Categorical([], categories=STAGES, ordered=True), "outcome": []})
        )
    )
    json.loads(figure.to_json())


def test_cohort_funnels_chart_has_one_subplot_per_candidate_with_escaped_names() -> None:
    funnels = pd.DataFrame(
        [("<b>Ann</b>", s, r) for s, r in zip(STAGES, (5, 2, 1, 0), strict=True)]
        + [("Bob & Co", s, r) for s, r in zip(STAGES, (3, 1, 1, 1), strict=True)]
        + [("Cleo", s, r) for s, r in zip(STAGES, (2, 0, 0, 0), strict=True)],
        columns=["candidate", "stage", "reached"],
    )
    figure = charts.cohort_funnels_chart(funnels)
    assert charts.cohort_funnels_chart.escapes_user_text
    assert len(figure.data) == 3
    assert [(t.xaxis, t.yaxis) for t in figure.data] == [("x", "y"), ("x2", "y2"), ("x3", "y3")]  # own axes each
    assert [list(t.y) for t in figure.data] == [[5, 2, 1, 0], [3, 1, 1, 1], [2, 0, 0, 0]]
    assert list(figure.data[0].x) == ["Applied", "Screen", "Interview", "Offer"]
    assert [a.text for a in figure.layout.annotations] == ["&lt;b&gt;Ann&lt;/b&gt; (5)", "Bob &amp; Co (3)", "Cleo (2)"]
    assert set(figure.data[0].customdata) == {"&lt;b&gt;Ann&lt;/b&gt;"}
    assert "<b>" not in figure.to_json()
    json.loads(charts.cohort_funnels_chart(funnels.iloc[0:0]).to_json())  # nothing to draw still draws
