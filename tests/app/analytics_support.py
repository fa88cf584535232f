"""Helpers for the analytics pages' AppTest layer: small trackers with hand-worked figures, page and element readers.

Every tracker below is read "as of" apptest_support.AS_OF (2026-11-20) with the default 30-day ghost window.
"""

from __future__ import annotations

import pandas as pd
from apptest_support import AS_OF, SAMPLE, plain, run_ok
from streamlit.testing.v1 import AppTest

from applytics.analytics.metrics import MetricParams, resolve_outcomes
from applytics.intake.corrections import Corrections
from applytics.intake.pipeline import import_tracker

CONVERSION_PAGE = "pages/conversion.py"
TIMING_PAGE = "pages/timing.py"
REJECTIONS_PAGE = "pages/rejections.py"
INSIGHTS_PAGE = "pages/insights.py"
CSV = "text/csv"
JSON = "application/json"

# Only the four columns every tracker has: no source, reason, feedback or response date; one role family, one
# month, so there is nothing to break results down by. Acme and Eastgate are rejections (no reason, no date).
MINIMAL_CSV = (
    b"Company,Role,Date Applied,Status\r\n"
    b"Acme,Data Analyst,2026-09-01,Rejected\r\n"
    b"Borealis,Data Analyst,2026-09-03,Applied\r\n"
    b"Cobalt,Senior Data Analyst,2026-09-08,Phone screen\r\n"
    b"Dunmore,Data Analyst,2026-09-10,Interviewing\r\n"
    b"Eastgate,Data Analyst,2026-09-15,Rejected after interview\r\n"
    b"Fernhill,Data Analyst,2026-09-20,No response\r\n"
)

# Five applications sent on 1 Sep 2026 with a response-date column, worked out by hand:
#   replies after 4 (Acme), 6 (Eastgate), 10 (Borealis) and 20 (Cobalt) days; Dunmore silent for 80 days (censored).
#   Kaplan-Meier with no censoring before day 80: replied share 20%, 40%, 60%, 80% at days 4, 6, 10, 20,
#   so the median (50%) is reached on day 10 and 75% on day 20; 80% by the last day; the median of the four
#   observed waits is (6 + 10) / 2 = 8 days.
#   Ghosting by source (all five decided): LinkedIn 1 of 3 (Dunmore), Referral 0 of 2 (both active lately).
#   applied -> first reply: 4, 6, 10, 20 days: median 8, quartiles 5.5 and 12.5 (linear interpolation).
TIMING_CSV = (
    b"Company,Role,Date Applied,Status,Source,Response Date,Last Update\r\n"
    b"Acme,Data Analyst,2026-09-01,Rejected,LinkedIn,2026-09-05,2026-09-05\r\n"
    b"Borealis,Data Analyst,2026-09-01,Phone screen,Referral,2026-09-11,2026-11-10\r\n"
    b"Cobalt,Data Analyst,2026-09-01,Interviewing,Referral,2026-09-21,2026-11-15\r\n"
    b"Dunmore,Data Analyst,2026-09-01,Applied,LinkedIn,,\r\n"
    b"Eastgate,Data Analyst,2026-09-01,Rejected,LinkedIn,2026-09-07,2026-09-07\r\n"
)

# "Met the CTO" is not a status word Applytics knows: it counts as "applied, in progress" until mapped.
#   Before the correction: Cobalt and Dunmore (activity on 15 and 16 Nov, no recognised reply) wait as pending with
#   Ivers (sent 10 Nov): 3 pending, 7 decided. Interview or beyond: Glenrock, Juniper = 2 of 7; replied: Acme,
#   Eastgate, Glenrock, Juniper = 4 of 7; ghosted: Borealis, Fernhill, Harlow = 3 of 10.
#   Mapped to (interview, in progress): Cobalt and Dunmore reached an interview, so they count as replied and
#   decided: 1 pending, 9 decided; interview 4 of 9; replied 6 of 9; ghosted still 3 of 10.
STATUS_CSV = (
    b"Company,Role,Date Applied,Status,Last Update\r\n"
    b"Acme,Analyst,2026-09-01,Rejected,2026-09-10\r\n"
    b"Borealis,Analyst,2026-09-02,Applied,\r\n"
    b"Cobalt,Analyst,2026-09-03,Met the CTO,2026-11-15\r\n"
    b"Dunmore,Analyst,2026-09-04,Met the CTO,2026-11-16\r\n"
    b"Eastgate,Analyst,2026-09-05,Phone screen,2026-11-10\r\n"
    b"Fernhill,Analyst,2026-09-06,No response,\r\n"
    b"Glenrock,Analyst,2026-09-07,Interviewing,2026-11-12\r\n"
    b"Harlow,Analyst,2026-09-08,Applied,\r\n"
    b"Ivers,Analyst,2026-11-10,Applied,\r\n"
    b"Juniper,Analyst,2026-09-09,Rejected after interview,2026-10-01\r\n"
)
UNKNOWN_WORD = "Met the CTO"

# A column detection does not know ("Pitch": which opening paragraph the seeker used). All sent in September to
# one role family, so without the column there is nothing to compare. Every application is decided (> 30 days).
#   v1, pitch A: Rejected, Phone screen, Interviewing replied -> 3 of 6; pitch B: only Kestrel's rejection -> 1 of 6.
#   v2 adds four September rows: A gains Mistral (Rejected) and Nettle (Applied) -> 4 of 8;
#                                B gains Oakley (Applied) and Pinecrest (Phone screen) -> 2 of 8.
_PITCH_HEADER = b"Company,Role,Date Applied,Status,Pitch\r\n"
_PITCH_V1_ROWS = (
    b"Acme,Data Analyst,2026-09-01,Rejected,A\r\n"
    b"Borealis,Data Analyst,2026-09-02,Phone screen,A\r\n"
    b"Cobalt,Data Analyst,2026-09-03,Interviewing,A\r\n"
    b"Dunmore,Data Analyst,2026-09-04,Applied,A\r\n"
    b"Eastgate,Data Analyst,2026-09-05,Applied,A\r\n"
    b"Fernhill,Data Analyst,2026-09-06,No response,A\r\n"
    b"Glenrock,Data Analyst,2026-09-07,Applied,B\r\n"
    b"Harlow,Data Analyst,2026-09-08,Applied,B\r\n"
    b"Ivers,Data Analyst,2026-09-09,Applied,B\r\n"
    b"Juniper,Data Analyst,2026-09-10,Applied,B\r\n"
    b"Kestrel,Data Analyst,2026-09-11,Rejected,B\r\n"
    b"Lumen,Data Analyst,2026-09-12,No response,B\r\n"
)
PITCH_V1 = _PITCH_HEADER + _PITCH_V1_ROWS
PITCH_V2 = (
    _PITCH_HEADER
    + _PITCH_V1_ROWS
    + b"Mistral,Data Analyst,2026-09-13,Rejected,A\r\n"
    + b"Nettle,Data Analyst,2026-09-14,Applied,A\r\n"
    + b"Oakley,Data Analyst,2026-09-15,Applied,B\r\n"
    + b"Pinecrest,Data Analyst,2026-09-16,Phone screen,B\r\n"
)
SEGMENT_LABEL = "Segment (keep as a breakdown)"


def resolved(data: bytes, name: str, corrections: Corrections | None = None, ghost_days: int = 30) -> pd.DataFrame:
    """The applications with outcomes resolved by lib, for the same file and as-of date the app is given."""
    result = import_tracker(data, name, corrections=corrections)
    return resolve_outcomes(result.normalized.apps, MetricParams(AS_OF, ghost_days))


def sample_resolved(corrections: Corrections | None = None) -> pd.DataFrame:
    return resolved(SAMPLE.read_bytes(), SAMPLE.name, corrections)


def decided_outbound(frame: pd.DataFrame) -> pd.DataFrame:
    """The denominator of every rate (docs/architecture.md): applications that had their chance, sent by the seeker."""
    return frame[frame["mature"] & (frame["direction"] != "inbound")]


def open_page(at: AppTest, page: str) -> AppTest:
    return run_ok(at.switch_page(page))


def with_corrections(at: AppTest, corrections: Corrections) -> AppTest:
    """What the Data and Rejections pages' editors do on a change: replace the session's corrections, rerun."""
    at.session_state["corrections"] = corrections
    return run_ok(at)


def titles(at: AppTest) -> list[str]:
    return [plain(t.value) for t in at.main.title]


def subheaders(at: AppTest) -> list[str]:
    return [plain(s.value) for s in at.main.subheader]


def markdowns(at: AppTest) -> list[str]:
    """Markdown and st.write text in the main area (captions excluded)."""
    return [plain(m.value) for m in at.main.markdown]


def main_captions(at: AppTest) -> list[str]:
    return [plain(c.value) for c in at.main.caption]


def chart_keys(at: AppTest) -> set[str]:
    return {getattr(e, "key", None) for e in at.main.get("plotly_chart")}


def editor(at: AppTest, prefix: str) -> pd.DataFrame:
    """The table shown by the correction editor whose key starts with this prefix (the key carries a digest)."""
    found = [d.value for d in at.data_editor if (d.key or "").startswith(f"{prefix}-")]
    assert len(found) == 1, f"expected one editor keyed {prefix}-…, got {[d.key for d in at.data_editor]}"
    return found[0]
