"""report: the whole dashboard as one self-contained HTML file (issue 10, part 3).

Why: the report is what a job seeker sends a mentor, or keeps: it must open from disk in any browser with no
network (plotly.js inside it, once; no CDN, no font, no request of any kind), say what every page says (each chart
with its reading sentence and its key table, the figures with their counts), print one dashboard page per sheet
of paper, and never let a cell of the tracker become markup: a company called `<img src=x onerror=alert(1)>` is
text in the report, as it is on the dashboard.

The tracker below is small enough to work out by hand (see TRACKER_ROWS); the expected figures come from those
notes and from builders.hand_wilson (the closed form), not from the analytics.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from html.parser import HTMLParser

import numpy as np
import plotly.offline
import pytest
from builders import hand_wilson, workbook_bytes
from openpyxl import Workbook

from applytics.analytics.metrics import MetricParams
from applytics.intake.pipeline import ImportResult, import_tracker
from applytics.present.report import html_report

AS_OF = dt.date(2024, 6, 30)  # every figure below is as of this day, with a 30-day ghost window
PARAMS = MetricParams(AS_OF, 30)
EVIL_COMPANY = "<img src=x onerror=alert(1)>"
EVIL_ROLE = "<script>alert(2)</script>"
D = dt.datetime
HEADER = ["Company", "Role", "Date Applied", "Status", "Source", "Response Date", "Rejection Reason",
          "Feedback Requested", "Feedback", "Notes", "Who Applied?"]  # fmt: skip
# company, role, applied, status, source, response, reason, feedback asked, feedback, notes, who applied;
# each row's comment says what it is as of 2024-06-30 with a 30-day window
# fmt: off
TRACKER_ROWS = [
    # 5 silent days: pending (left out of the rates)
    ["Alpha", "Data Analyst", D(2024, 6, 25), "Applied", "LinkedIn", None, None, None, None, None, "Me"],
    # 60 silent days: ghosted
    ["Beta", "Data Analyst", D(2024, 5, 1), "Applied", "LinkedIn", None, None, None, None, "#DIV/0!", "Me"],
    # rejected at application, a reply after 10 days; feedback asked for and received
    [EVIL_COMPANY, EVIL_ROLE, D(2024, 5, 10), "Rejected", "Referral", D(2024, 5, 20), "Position filled", "Yes",
     "They hired internally", None, "Me"],
    # a screen, last news 25 days ago: still active; a reply after 4 days
    ["Société Delta", "BI Analyst", D(2024, 6, 1), "Phone screen", "Referral", D(2024, 6, 5), None, None, None, None,
     "Me"],
    # offer accepted, a reply after 8 days
    ["Epsilon", "Data Analyst", D(2024, 4, 2), "Offer accepted", "Indeed", D(2024, 4, 10), None, None, None,
     "fine\n+SUM(A1)", "Me"],
    # rejected after an interview, a reply after 7 days; feedback not asked for
    ["Acme\r=1+1", "@SUM(1)", D(2024, 5, 20), "Rejected after interview", "Indeed", D(2024, 5, 27),
     "Not enough experience", "No", None, "=1+1", "Me"],
    # a recruiter contact (inbound), rejected a day after it began: counted, never in the rates
    ["Zeta", "Data Engineer", D(2024, 5, 15), "Rejected", "Recruiter", D(2024, 5, 16), None, None, None, "-2+3",
     "Them"],
]
# fmt: on
# 7 applications, 6 outbound; decided outbound = all but Alpha = 5 (Beta, Evil, Delta, Epsilon, Acme).
# Replied: Evil, Delta, Epsilon, Acme = 4 of 5; a screen or further: Delta, Epsilon, Acme = 3 of 5; an interview:
# Epsilon, Acme = 2 of 5; an offer: Epsilon = 1 of 5. Ghosted: Beta = 1 of all 7.
HAND_RATES = {
    "Response rate": (4, 5),
    "Positive responses": (3, 5),
    "Interview rate": (2, 5),
    "Offer rate": (1, 5),
    "Ghosted (no reply for 30 days)": (1, 7),
}
# Segments: source, role and month applied (each has two or more values among decided applications), in the order
# the Conversion page lists them; each gets an interval chart and a stage heat chart.
CHARTS = {
    "chart-funnel", "chart-sankey",
    "chart-segment-1", "chart-heat-1", "chart-segment-2", "chart-heat-2", "chart-segment-3", "chart-heat-3",
    "chart-response-curve", "chart-ghosting", "chart-weekly-pace", "chart-activity-calendar", "chart-reasons",
    "chart-rejection-stage",
}  # fmt: skip
SECTIONS = ["overview", "conversion", "timing", "pace", "rejections", "insights", "data"]


def tracker_bytes(rows: list[list[object]] = TRACKER_ROWS) -> bytes:
    """The tracker as an .xlsx whose text cells are all text: openpyxl would store "=1+1" as a formula and
    "#DIV/0!" as an error value, which a spreadsheet program never shows as typed."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Tracker"
    for row in [HEADER, *rows]:
        sheet.append(row)
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    return workbook_bytes(book)


def import_rows(rows: list[list[object]] = TRACKER_ROWS) -> ImportResult:
    return import_tracker(tracker_bytes(rows), "tracker.xlsx")


@pytest.fixture(scope="module")
def result() -> ImportResult:
    return import_rows()


@pytest.fixture(scope="module")
def report(result: ImportResult) -> str:
    return html_report(result, PARAMS)


class Parsed(HTMLParser):
    """What a browser would build from the report: its tags, the text of each reading, table and list item by
    section, the chart divs, the style sheet, and the figures' JSON. Entities are decoded (convert_charrefs), so
    texts compare with what a reader sees."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.section: str | None = None
        self.sections: list[str] = []
        self.readings: dict[str, list[str]] = {}
        self.tables: dict[str, list[list[list[str]]]] = {}
        self.items: dict[str, list[str]] = {}
        self.notes: dict[str, list[str]] = {}
        self.charts: dict[str, list[str]] = {}
        self.style = ""
        self.figures_json = ""
        self.scripts = 0
        self._text: list[str] | None = None
        self._into: str | None = None
        self._script: str | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        css = found.get("class") or ""
        if tag == "section":
            self.section = found["id"]
            self.sections.append(self.section)
        elif tag == "script":
            self.scripts += 1
            self._script = found.get("type") or "javascript"
        elif tag == "style":
            self._into = "style"
        elif self.section is None:
            return
        elif tag == "p" and css in ("reading", "note"):
            self._text, self._into = [], css
        elif tag == "table":
            self.tables.setdefault(self.section, []).append([])
        elif tag == "tr":
            self.tables[self.section][-1].append([])
        elif tag in ("td", "th"):
            self.tables[self.section][-1][-1].append("")
            self._into = "cell"
        elif tag == "li":
            self._text, self._into = [], "item"
        elif tag == "div" and "chart" in css.split():
            self.charts.setdefault(self.section, []).append(found["id"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "section":
            self.section = None
        elif tag == "script":
            self._script = None
        elif tag == "style" or tag in ("td", "th"):
            self._into = None
        elif tag == "p" and self._into in ("reading", "note"):
            target = self.readings if self._into == "reading" else self.notes
            target.setdefault(self.section, []).append("".join(self._text))
            self._text, self._into = None, None
        elif tag == "li" and self._into == "item":
            self.items.setdefault(self.section, []).append("".join(self._text))
            self._text, self._into = None, None

    def handle_data(self, data: str) -> None:
        if self._script == "application/json":
            self.figures_json += data
        elif self._script is not None:
            return
        elif self._into == "style":
            self.style += data
        elif self._into == "cell":
            row = self.tables[self.section][-1][-1]
            row[-1] += data
        elif self._text is not None:
            self._text.append(data)

    def table_with(self, section: str, first_header: str) -> list[list[str]]:
        """The first table of a section whose first header cell is `first_header`, rows without the header."""
        for table in self.tables.get(section, []):
            if table and table[0] and table[0][0] == first_header:
                return table[1:]
        raise AssertionError(f"no table headed {first_header!r} in {section}: {self.tables.get(section)}")

    def by_first_cell(self, section: str, first_header: str) -> dict[str, list[str]]:
        return {row[0]: row[1:] for row in self.table_with(section, first_header)}


@pytest.fixture(scope="module")
def parsed(report: str) -> Parsed:
    return Parsed(report)


def numbers(values: object) -> list[float]:
    """A figure's numbers as plotly.js reads them: a list, or a typed array ({"dtype", "bdata": base64})."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def interval(k: int, n: int) -> str:
    low, high = hand_wilson(k, n)
    return f"{low:.0%}–{high:.0%}"


# ---------------------------------------------------------------- one file, offline


def test_plotly_js_is_embedded_exactly_once(report: str, parsed: Parsed) -> None:
    bundle = plotly.offline.get_plotlyjs()
    assert report.count(bundle) == 1
    assert report.count("plotly.js v") == bundle.count("plotly.js v") == 1  # no second copy of another version
    # three scripts: plotly.js, the figures (JSON, never run) and the few lines that draw them
    assert parsed.scripts == 3
    assert report.count("</script>") == 3
    assert [attrs.get("type") for tag, attrs in parsed.tags if tag == "script"] == [None, "application/json", None]


def test_no_remote_resource_is_referenced(parsed: Parsed) -> None:
    """No src/href (or any other URL attribute) leaves the file; no stylesheet link, no @import, no url()."""
    url_attributes = {"src", "href", "srcset", "action", "formaction", "data", "poster", "background", "cite"}
    for tag, attrs in parsed.tags:
        for name, value in attrs.items():
            if name in url_attributes:
                assert "http://" not in (value or "") and "https://" not in (value or ""), (tag, name, value)
                assert (value or "").startswith("#"), (tag, name, value)  # only the table of contents links
        assert tag not in {"link", "img", "iframe", "object", "embed", "base", "form", "audio", "video"}, tag
    assert "@import" not in parsed.style and "url(" not in parsed.style
    assert "@font-face" not in parsed.style


def test_a_content_security_policy_allows_inline_script_and_style_only(parsed: Parsed) -> None:
    metas = [attrs for tag, attrs in parsed.tags if tag == "meta" and attrs.get("http-equiv")]
    assert [m["http-equiv"] for m in metas] == ["Content-Security-Policy"]
    directives = dict((part.split()[0], part.split()[1:]) for part in metas[0]["content"].split(";") if part.strip())
    assert directives["default-src"] == ["'none'"]
    assert directives["script-src"] == ["'unsafe-inline'"]
    assert directives["style-src"] == ["'unsafe-inline'"]
    assert directives["connect-src"] == ["'none'"]
    everything = " ".join(source for sources in directives.values() for source in sources)
    assert "http" not in everything and "*" not in everything and "'unsafe-eval'" not in everything


def test_one_section_per_dashboard_page_each_printed_on_its_own_page(parsed: Parsed) -> None:
    assert parsed.sections == SECTIONS
    print_rules = re.search(r"@media print\s*{(.*)}\s*$", parsed.style, re.S)
    assert print_rules is not None
    # every section after the first starts a new page; the first follows the title block
    assert re.search(r"section \+ section\s*{\s*break-before:\s*page;?\s*}", print_rules.group(1))
    assert re.search(r"\.chart[^{]*{\s*break-inside:\s*avoid", print_rules.group(1))


def test_every_chart_has_its_div_and_its_figure(parsed: Parsed) -> None:
    figures = json.loads(parsed.figures_json)
    divs = [chart for charts in parsed.charts.values() for chart in charts]
    assert set(divs) == CHARTS and len(divs) == len(CHARTS)
    assert list(figures) == divs  # drawn in the order they appear
    assert parsed.charts["overview"] == ["chart-funnel", "chart-sankey"]
    assert parsed.charts["timing"] == ["chart-response-curve", "chart-ghosting"]
    assert parsed.charts["pace"] == ["chart-weekly-pace", "chart-activity-calendar"]
    assert parsed.charts["rejections"] == ["chart-reasons", "chart-rejection-stage"]
    for figure in figures.values():
        assert figure["data"], figure
        assert figure["layout"]["width"] <= 703  # A4's printable width at 12 mm margins, in CSS pixels


def test_the_figures_are_the_dashboards(parsed: Parsed) -> None:
    """Counts by hand: reached applied 7, screen 3 (Delta, Epsilon, Acme), interview 2, offer 1 (inbound Zeta
    counted, as on the Overview)."""
    figures = json.loads(parsed.figures_json)
    funnel = figures["chart-funnel"]["data"][0]
    assert funnel["type"] == "funnel"
    assert funnel["x"] == [7, 3, 2, 1]
    assert funnel["y"] == ["Applied", "Screen", "Interview", "Offer"]
    ghosting = figures["chart-ghosting"]["data"][0]
    # ghosted among decided outbound, by source: LinkedIn Beta 1 of 1; Indeed and Referral 0 of 2
    assert ghosting["y"] == ["LinkedIn (1/1)", "Indeed (0/2)", "Referral (0/2)"]
    stage = figures["chart-rejection-stage"]["data"][0]
    # rejections: Evil and Zeta at application, Acme after an interview
    assert stage["x"] == ["at application", "after a screen", "after an interview", "at offer"]
    assert numbers(stage["y"]) == [2, 0, 1, 0]


# ---------------------------------------------------------------- what each page says


def test_the_kpis_with_their_counts_and_intervals(parsed: Parsed) -> None:
    kpis = parsed.by_first_cell("overview", "Figure")
    assert kpis["Applications"][:2] == ["7", "6 sent · 1 recruiter contacts"]
    for label, (k, n) in HAND_RATES.items():
        assert kpis[label] == [f"{k / n:.0%}", f"{k} of {n}", interval(k, n)], label
    assert kpis["Pending"][0] == "1"
    assert kpis["Decided"][0] == "5"


def test_the_funnel_table(parsed: Parsed) -> None:
    # applied -> screen: 3 of (7 - Alpha still open at applied) = 3 of 6; screen -> interview: 2 of (3 - Delta
    # open) = 2 of 2; interview -> offer: 1 of 2
    funnel = parsed.by_first_cell("overview", "Stage")
    assert funnel == {
        "Applied": ["7", "—", "—", "—", "—"],
        "Screen": ["3", "3", "6", "50%", interval(3, 6)],
        "Interview": ["2", "2", "2", "100%", interval(2, 2)],
        "Offer": ["1", "1", "2", "50%", interval(1, 2)],
    }
    outcomes = parsed.by_first_cell("overview", "Outcome")
    assert outcomes["Rejected"] == ["3"] and outcomes["No response"] == ["1"] and outcomes["Awaiting reply"] == ["1"]


def test_the_reading_sentences_beside_the_charts(parsed: Parsed) -> None:
    overview = parsed.readings["overview"]
    assert overview[0].startswith("4 of 5 (80%) of the applications that have had time for a reply got one")
    assert "1 younger silent ones are left out until 30 days pass." in overview[0]
    assert overview[1].startswith("2 of 7 applications reached an interview.")
    assert overview[2].startswith("4 of 7 applications ended in silence (1) or a rejection (3)")
    timing = parsed.readings["timing"]
    # replies after 4, 7, 8 and 10 days, two silent (Alpha 5 days, Beta 60 days): Kaplan–Meier by hand,
    # 1 - (5/6)(3/4)(2/3)(1/2) = 79% replied by day 10; median of the reply times (7 + 8) / 2 = 7.5 -> "8 days"
    assert timing[0] == (
        "4 replies and 2 still-silent applications, counted as “no reply yet” up to 30 Jun 2024 rather than "
        "dropped. By the last day observed, 79% had a reply. Among the replies, the typical wait was 8 days."
    )
    assert timing[1].startswith("Silence is most common from LinkedIn (1 of 1) and least from Referral (0 of 2).")
    rejections = parsed.readings["rejections"]
    assert rejections[0].startswith("Of 3 rejections, 1 came with no reason")
    assert rejections[1].startswith("2 at application (the résumé and the channel are what to change) and 1 after")
    conversion = parsed.readings["conversion"]
    # three segments, each: one difference sentence (none stands out at these counts) and the heat chart's
    assert len(conversion) == 6
    assert conversion[0].startswith("No value of source stands out from the rest on this rate yet")


def test_the_timing_tables(parsed: Parsed) -> None:
    # Kaplan–Meier: 1/6 by day 4, 1 - (5/6)(3/4) = 37.5% by day 7, 58% by day 8 (first >= 50%), 79% by day 10
    assert parsed.table_with("timing", "Median time to a reply") == [["8 days", "10 days"]]
    # applied -> first reply, where both dates are known: 1 (Zeta), 4, 7, 8, 10 days: median 7, quartiles 4 and 8
    assert parsed.by_first_cell("timing", "Step") == {"applied → first reply": ["5", "7", "4", "8"]}


def test_the_rejection_tables_and_feedback_loop(parsed: Parsed) -> None:
    reasons = parsed.by_first_cell("rejections", "Reason")
    assert {reason: row[0] for reason, row in reasons.items()} == {
        "Position filled": "1",
        "Experience gap / more experienced candidate": "1",
        "No reason given": "1",
    }
    written = parsed.by_first_cell("rejections", "Reason as written")
    assert written == {
        "Not enough experience": ["1", "Experience gap / more experienced candidate"],
        "Position filled": ["1", "Position filled"],
    }
    loop = parsed.by_first_cell("rejections", "")
    assert loop == {
        "Feedback requested": ["33%", "1 of 3 rejections"],  # Evil only
        "Feedback received": ["100%", "1 of 1 requests"],
    }
    assert parsed.table_with("rejections", "Company") == [[EVIL_COMPANY, EVIL_ROLE, "They hired internally"]]


def test_the_insights_and_data_sections(parsed: Parsed) -> None:
    # with 5 decided applications no segment is large enough to test: the insights say so
    assert parsed.notes["insights"][0].startswith("Nothing stands out with confidence yet.")
    assert any("Employer-side" not in item and "(" in item for item in parsed.items["insights"])
    quality = parsed.by_first_cell("data", "")
    assert quality == {
        "Rows in the table": ["7"],
        "Applications used": ["7"],
        "Rows left out": ["0"],
        "of which fully blank": ["0"],
    }
    assert parsed.readings["data"] == ["Every row and value was understood."]


def test_the_generated_line_states_the_as_of_date_not_the_clock(report: str, result: ImportResult) -> None:
    assert "Figures as of 30 Jun 2024, ghosted after 30 days of silence · tracker.xlsx, sheet “Tracker”" in report
    today = dt.date.today()
    if today != AS_OF:
        assert f"{today:%d %b %Y}" not in report and today.isoformat() not in report
    assert html_report(result, PARAMS) == report  # same input, same text
    later = html_report(result, MetricParams(dt.date(2024, 7, 1), 30))
    assert "Figures as of 01 Jul 2024" in later and later != report


# ---------------------------------------------------------------- user text stays text


def test_a_hostile_company_and_role_appear_only_escaped(report: str, parsed: Parsed) -> None:
    assert EVIL_COMPANY not in report
    assert "<img" not in report.replace(plotly.offline.get_plotlyjs(), "")
    assert "&lt;img src=x onerror=alert(1)&gt;" in report  # in the feedback table, as text
    assert "alert(2)</script>" not in report and "<script>alert" not in report
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in report
    # the browser's view: no img element, and the cells read exactly as typed
    assert not [tag for tag, _ in parsed.tags if tag == "img"]
    assert [EVIL_COMPANY, EVIL_ROLE, "They hired internally"] in parsed.table_with("rejections", "Company")


def test_chart_labels_are_escaped_inside_the_figures(parsed: Parsed) -> None:
    """Plotly renders a subset of HTML in labels: the role reaches the role segment's chart as entities (escaped
    by charts.chart), which plotly shows as the literal text."""
    figures = json.loads(parsed.figures_json)
    role_chart = figures["chart-segment-2"]["data"][0]
    assert "Role: &lt;script&gt;alert(2)&lt;/script&gt; (1/1)" in role_chart["y"]
    assert not any("<script" in label for label in role_chart["y"])


def test_a_title_is_escaped_too(result: ImportResult) -> None:
    titled = html_report(result, PARAMS, title="Q3 <b>search</b> & co")
    assert "<title>Q3 &lt;b&gt;search&lt;/b&gt; &amp; co</title>" in titled
    assert "<h1>Q3 &lt;b&gt;search&lt;/b&gt; &amp; co</h1>" in titled


# ---------------------------------------------------------------- a file with little in it


def test_a_tracker_without_dates_sources_or_rejections_still_makes_every_section() -> None:
    """Two applications and a status each: the pages that have nothing to show say why, as the dashboard does.
    Undated and silent, Alpha counts as ghosted (nothing shows it is recent), so ghosting by source has one bar."""
    bare = import_tracker(b"Company,Status\nAlpha,Applied\nBeta,Phone screen\n", "bare.csv")
    parsed = Parsed(html_report(bare, PARAMS))
    assert parsed.sections == SECTIONS
    drawn = ["chart-funnel", "chart-sankey", "chart-ghosting"]
    assert [c for charts in parsed.charts.values() for c in charts] == drawn
    assert list(json.loads(parsed.figures_json)) == drawn
    assert parsed.table_with("timing", "Source") == [["(no source)", "1", "2", "50%", interval(1, 2)]]
    assert parsed.notes["conversion"][0].startswith("Your file has no column to break results down by")
    assert parsed.notes["timing"][0].startswith("No reply has a date yet")
    assert parsed.notes["rejections"] == [
        "No rejections recorded. When they come — and they come for everyone — they will be read here."
    ]


def test_the_pace_section_at_the_goal_chosen(result: ImportResult) -> None:
    # Outbound applications by ISO week (Mondays), as of Sunday 30 June 2024: Epsilon 2 Apr (week of 1 Apr), Beta
    # 1 May (29 Apr), Evil 10 May (6 May), Acme 20 May (20 May), Delta 1 Jun (27 May), Alpha 25 Jun (24 Jun); the
    # inbound Zeta is not counted. 13 weeks from 1 Apr to 24 Jun, six with one application. At a goal of 1: 6 weeks
    # met of 13; the current streak is the as-of week alone (17 Jun had none); the best, 2 (29 Apr-6 May, and
    # 20-27 May). At the default goal of 10 no week meets it.
    at_one = Parsed(html_report(result, PARAMS, goal=1))
    assert at_one.table_with("pace", "Weeks that met the goal") == [["6 of 13", "1 week", "2 weeks"]]
    weekly = json.loads(at_one.figures_json)["chart-weekly-pace"]["data"]
    bars = next(trace for trace in weekly if trace["type"] == "bar")
    assert numbers(bars["y"]) == [1, 0, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 1]
    at_ten = Parsed(html_report(result, PARAMS))
    assert at_ten.table_with("pace", "Weeks that met the goal") == [["0 of 13", "0 weeks", "0 weeks"]]
    assert "<h3>Applications per week (goal: 10)</h3>" in html_report(result, PARAMS)


COHORT_CSV = (
    b"Candidate,Company,Role,Date Applied,Status\n"
    b"Ana,A1,Dev,2024-06-10,Rejected\n"
    b"Ana,A2,Dev,2024-06-11,Interview\n"
    b"Ana,A3,Dev,2024-06-12,Applied\n"
    b"Ben,B1,Dev,2024-06-05,Offer\n"
    b"Ben,B2,Dev,2024-06-20,Applied\n"
)


def test_a_cohort_file_gets_a_cohort_section_before_the_data() -> None:
    # As of Sunday 30 June 2024, 30-day window, goal 1. Ana: three applications in the week of 10 June, none in
    # the two after: 3 weeks, 1.0 a week, 1 goal week of 3; A3 (18 silent days) is pending, so 2 are decided: both
    # replied (a rejection, an interview), one interview, no offer. Ben: 5 June (week of 3 June) and 20 June (week
    # of 17 June): 4 weeks, 0.5 a week, 2 goal weeks of 4; B2 is pending, B1 (an offer) is his one decided.
    parsed = Parsed(html_report(import_tracker(COHORT_CSV, "cohort.csv"), PARAMS, goal=1))
    assert parsed.sections == ["overview", "conversion", "timing", "pace", "rejections", "insights", "cohort", "data"]

    def rate(k: int, n: int) -> str:
        low, high = hand_wilson(k, n)
        return f"{k / n:.0%} ({k} of {n}; {low:.0%}–{high:.0%})"

    assert parsed.by_first_cell("cohort", "Candidate") == {
        "Ana": ["3", "1.0", "1 of 3", rate(2, 2), rate(1, 2), rate(0, 2), "—"],
        "Ben": ["2", "0.5", "2 of 4", rate(1, 1), rate(1, 1), rate(1, 1), "—"],
    }
    assert parsed.charts["cohort"] == ["chart-cohort-funnels"]
    assert "cohort" not in Parsed(html_report(import_rows(), PARAMS)).sections  # one seeker: no such section
