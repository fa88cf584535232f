"""Helpers for the AppTest layer: running the app, reading what it shows, building small tracker files."""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

import pandas as pd
from builders import xlsx_bytes
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
SAMPLE = ROOT / "data" / "sample_tracker.xlsx"
AS_OF = dt.date(2026, 11, 20)
DATA_PAGE = "pages/data.py"
OVERVIEW_PAGE = "pages/overview.py"
RATE_CARDS = ("Response rate", "Positive responses", "Interview rate", "Offer rate", "Ghosted")

_ESCAPED = re.compile(r"\\(.)")


def new_app() -> AppTest:
    return AppTest.from_file(str(APP), default_timeout=60)


def run_ok(runnable) -> AppTest:
    """Run (the app, or the app after a widget change) and insist that no traceback reached the page."""
    at = runnable.run()
    assert not at.exception, describe_exceptions(at)
    return at


def describe_exceptions(at: AppTest) -> str:
    """Each exception on the page: type, message, and the frames in the project's own files."""
    described = []
    for exception in at.exception:
        frames = [
            " ".join(line.split()).split(", in ")[0].removeprefix(f'File "{ROOT}/').replace('", line ', ":")
            for line in exception.stack_trace
            if str(ROOT) in line and "/.venv/" not in line
        ]
        described.append(f"{exception.proto.type}: {exception.message} (at {' <- '.join(reversed(frames))})")
    return "\n".join(described)


def plain(text: str) -> str:
    """The text a reader sees: the app escapes Markdown characters in user-facing strings and puts invisible
    word joiners inside URLs and addresses (ui.render.escape_markdown)."""
    return _ESCAPED.sub(r"\1", text).replace("\u2060", "")


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def captions(at: AppTest) -> list[str]:
    return [plain(c.value) for c in at.caption]


def errors(at: AppTest) -> list[str]:
    return [plain(e.value) for e in at.error]


def warnings(at: AppTest) -> list[str]:
    return [plain(w.value) for w in at.warning]


def infos(at: AppTest) -> list[str]:
    return [plain(i.value) for i in at.info]


def upload(at: AppTest, name: str, data: bytes, mime: str = "application/octet-stream") -> AppTest:
    return run_ok(at.file_uploader(key="upload").upload(name, data, mime))


def table(at: AppTest, first_column: str) -> pd.DataFrame:
    """The st.dataframe whose first column has this header."""
    found = [d.value for d in at.dataframe if len(d.value.columns) and d.value.columns[0] == first_column]
    assert len(found) == 1, f"expected one table starting with {first_column!r}, got {len(found)}"
    return found[0]


def wilson(k: int, n: int) -> tuple[float, float]:
    """Wilson score 95% interval, written out here so the page's interval is checked independently of lib."""
    z = 1.959963984540054
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def rate_caption(k: int, n: int) -> str:
    low, high = wilson(k, n)
    return f"{k} of {n} · likely {low:.0%}–{high:.0%}"


# A French-speaking job seeker's tracker, as Excel on Windows saves "CSV (separator: semicolon)":
# cp1252, dd/mm/yyyy, French headers and status words. Resolved as of 2026-11-20 with a 30-day window:
#   Société Générale  applied 03/09, no update            -> 78 silent days: ghosted
#   Crédit Agricole   Refusé                              -> rejected (a reply)
#   Décathlon         Entretien, updated 13/11            -> interview, in progress
#   Danone            Refusée après entretien             -> interview, rejected
#   L'Oréal           Sans réponse                        -> ghosted (status word)
#   Michelin          Désisté                             -> withdrawn, no reply
#   Renault           applied 13/10, no update            -> 38 silent days: ghosted
#   Thalès, Orange    applied 29/10 and 16/11             -> 22 and 4 days: pending, left out of the rates
#   Capgemini         Offre acceptée, updated 17/11       -> offer
#   Airbus            Appel RH, updated 30/10             -> screen, in progress (21 days)
#   Ubisoft           À postuler                          -> wishlist: not an application
# 11 applications, all outbound; decided = 11 - 2 pending = 9; replied: Crédit Agricole, Décathlon, Danone,
# Capgemini, Airbus = 5; screen or beyond: Décathlon, Danone, Capgemini, Airbus = 4; interview or beyond:
# Décathlon, Danone, Capgemini = 3; offer: Capgemini = 1; ghosted: Société Générale, L'Oréal, Renault = 3 of 11.
FRENCH_HEADER = "Société;Intitulé du poste;Date de candidature;Statut;Canal;Dernière mise à jour;Remarques"
FRENCH_ROWS = (
    "Société Générale;Analyste de données;03/09/2026;Candidature envoyée;LinkedIn;;",
    "Crédit Agricole;Data analyst;15/09/2026;Refusé;Welcome to the Jungle;20/09/2026;",
    "Décathlon;Analyste BI;18/09/2026;Entretien;Indeed;13/11/2026;2e entretien prévu",
    "Danone;Data scientist;22/09/2026;Refusée après entretien;Cooptation;14/10/2026;",
    "L'Oréal;Chargé d'études;25/09/2026;Sans réponse;Site carrière;;",
    "Michelin;Analyste;28/09/2026;Désisté;Indeed;02/10/2026;",
    "Renault;Data analyst;13/10/2026;Candidature envoyée;LinkedIn;;",
    "Thalès;Analyste de données;29/10/2026;Candidature envoyée;APEC;;",
    "Orange;Data analyst;16/11/2026;Candidature envoyée;LinkedIn;;",
    "Capgemini;Consultant data;14/10/2026;Offre acceptée;Cabinet de recrutement;17/11/2026;",
    "Airbus;Analyste;20/10/2026;Appel RH;LinkedIn;30/10/2026;",
    "Ubisoft;Data analyst;;À postuler;;;",
)
FRENCH_METRICS = {
    "Applications": "11",
    "Response rate": "56%",
    "Positive responses": "44%",
    "Interview rate": "33%",
    "Offer rate": "11%",
    "Ghosted": "27%",
    "Pending": "2",
    "Decided": "9",
}
FRENCH_COUNTS = {
    "Response rate": (5, 9),
    "Positive responses": (4, 9),
    "Interview rate": (3, 9),
    "Offer rate": (1, 9),
    "Ghosted": (3, 11),
}


def french_csv(encoding: str) -> bytes:
    text = "\r\n".join((FRENCH_HEADER, *FRENCH_ROWS)) + "\r\n"
    return text.encode(encoding)


workbook_bytes = xlsx_bytes


def cards(at: AppTest) -> dict[str, tuple[str, str]]:
    """Each KPI card: label -> (metric value, the caption under it in the same column)."""
    found = {}
    for column in at.columns:
        if len(column.metric) == 1 and len(column.caption) == 1:
            found[column.metric[0].label] = (column.metric[0].value, plain(column.caption[0].value))
    return found
