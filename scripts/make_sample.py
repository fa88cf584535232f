"""Generate the bundled sample tracker and the blank template for Applytics.

Why a script and not a hand-made file: the sample is quoted by tests and docs, so it
must be reproducible and reviewable as code. Everything comes from one seeded
``random.Random``; outcome counts per source are planned, not drawn, so the numbers the
dashboard shows on "Try the sample" are stable and meaningful (channels and résumé
versions differ clearly). The zip container is written with fixed timestamps so the
.xlsx files are byte-identical on every run and do not churn in git.

Usage: python scripts/make_sample.py [OUT_DIR]   (default: the repo's data/)
"""

from __future__ import annotations

import io
import random
import re
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

SEED = 20260601
AS_OF = date(2026, 11, 20)  # the day the sample "was saved"; tests pin this as-of date
GHOST_AFTER_DAYS = 30  # the default ghost window: older silent rows are marked "No Response"
FIXED_TIMESTAMP = datetime(2026, 11, 20, 9, 0, 0)
FIRST_WEEK = date(2026, 6, 1)  # a Monday
RESUME_V2_FROM = date(2026, 7, 13)  # mid-July: the tailored résumé is introduced

SAMPLE_NAME = "sample_tracker.xlsx"
TEMPLATE_NAME = "template.xlsx"
TRACKER_SHEET = "Applications"
TITLE = "Job search 2026 — applications"
HEADER_ROW = 3
FOOTER = "total: 180"

HEADER = [
    "Company",
    "Role",
    "Location",
    "Work Mode",
    "Source",
    "Referral",
    "Resume Version",
    "Cover Letter",
    "Company Size",
    "Date Applied",
    "Status",
    "Response Date",
    "Last Update",
    "Rejection Reason",
    "Feedback Requested",
    "Feedback Received",
    "Direction",
    "Contact",
    "Job URL",
    "Notes",
]
DATE_COLUMNS = ("Date Applied", "Response Date", "Last Update")

STATUSES = [
    "Applied",
    "Phone Screen",
    "Interviewing",
    "Final Round",
    "Offer",
    "Offer Accepted",
    "Offer Declined",
    "Rejected",
    "Rejected after interview",
    "No Response",
    "Withdrawn",
    "Position Closed",
]
# Status word -> (furthest funnel stage, outcome), as the vocabulary maps them (docs/architecture.md).
STATUS_MEANING = {
    "Applied": ("applied", "active: sent, no reply yet"),
    "Phone Screen": ("screen", "active: first call with a recruiter / HR"),
    "Interviewing": ("interview", "active: interviews in progress"),
    "Final Round": ("interview", "active: last interview before a decision"),
    "Offer": ("offer", "active: offer received, you are deciding"),
    "Offer Accepted": ("offer", "accepted: you said yes"),
    "Offer Declined": ("offer", "declined: you turned the offer down (not a rejection)"),
    "Rejected": ("applied", "rejected before any interview"),
    "Rejected after interview": ("interview", "rejected after at least one interview"),
    "No Response": ("applied", "ghosted: no reply for weeks"),
    "Withdrawn": ("as far as it got", "withdrawn: you pulled out"),
    "Position Closed": (
        "as far as it got",
        "closed: role cancelled, frozen or filled internally",
    ),
}

WEEKLY_COUNTS = [
    6, 9, 12, 8, 7, 5,  # June - early July
    10, 12, 9, 6,  # résumé v2 arrives, a burst
    1,  # holiday week (10 Aug)
    3, 7, 10, 11, 8, 6, 9, 7,  # end of August - mid October
    7, 8, 6, 6, 7,  # mid October - 13 Nov
]  # fmt: skip

# (source, direction, planned status or None for "silent", count). Planned rather
# than drawn so that response rates per source are exactly what the sample promises.
PLAN: list[tuple[str, str, str | None, int]] = [
    ("Referral", "Outbound", "Offer Accepted", 1),
    ("Referral", "Outbound", "Offer", 1),
    ("Referral", "Outbound", "Final Round", 1),
    ("Referral", "Outbound", "Interviewing", 1),
    ("Referral", "Outbound", "Phone Screen", 1),
    ("Referral", "Outbound", "Rejected after interview", 4),
    ("Referral", "Outbound", "Rejected", 8),
    ("Referral", "Outbound", "Position Closed", 1),
    ("Referral", "Outbound", None, 14),
    ("Recruiter", "Inbound", "Offer Declined", 1),
    ("Recruiter", "Inbound", "Rejected after interview", 2),
    ("Recruiter", "Inbound", "Phone Screen", 1),
    ("Recruiter", "Inbound", "Interviewing", 1),
    ("Recruiter", "Inbound", "Final Round", 1),
    ("Recruiter", "Inbound", "Rejected", 1),
    ("Recruiter", "Inbound", None, 1),
    ("Recruiter", "Outbound", "Rejected after interview", 1),
    ("Recruiter", "Outbound", "Rejected", 4),
    ("Recruiter", "Outbound", None, 13),
    ("Networking event", "Outbound", "Rejected after interview", 1),
    ("Networking event", "Outbound", "Interviewing", 1),
    ("Networking event", "Outbound", "Rejected", 2),
    ("Networking event", "Outbound", None, 8),
    ("Company site", "Outbound", "Rejected after interview", 1),
    ("Company site", "Outbound", "Phone Screen", 1),
    ("Company site", "Outbound", "Rejected", 5),
    ("Company site", "Outbound", "Position Closed", 1),
    ("Company site", "Outbound", "Withdrawn", 2),
    ("Company site", "Outbound", None, 26),
    ("LinkedIn", "Outbound", "Rejected after interview", 1),
    ("LinkedIn", "Outbound", "Rejected", 3),
    ("LinkedIn", "Outbound", "Withdrawn", 1),
    ("LinkedIn", "Outbound", None, 33),
    ("Indeed", "Outbound", "Rejected after interview", 1),
    ("Indeed", "Outbound", "Rejected", 1),
    ("Indeed", "Outbound", None, 14),
    ("Glassdoor", "Outbound", "Rejected", 1),
    ("Glassdoor", "Outbound", None, 9),
    ("Welcome to the Jungle", "Outbound", "Rejected", 1),
    ("Welcome to the Jungle", "Outbound", None, 9),
]

# Date Applied must fall in this window for the status to be plausible on AS_OF
# (e.g. an interview still "in progress" must be recent).
APPLIED_WINDOW: dict[str, tuple[date, date]] = {
    "Phone Screen": (date(2026, 10, 26), date(2026, 11, 11)),
    "Interviewing": (date(2026, 10, 12), date(2026, 11, 4)),
    "Final Round": (date(2026, 10, 1), date(2026, 10, 28)),
    "Offer": (date(2026, 9, 28), date(2026, 10, 20)),
    "Offer Accepted": (date(2026, 9, 7), date(2026, 9, 30)),
    "Offer Declined": (date(2026, 8, 3), date(2026, 9, 25)),
    "Rejected after interview": (date(2026, 6, 1), date(2026, 10, 20)),
    "Position Closed": (date(2026, 6, 1), date(2026, 11, 6)),
    "Withdrawn": (date(2026, 6, 1), date(2026, 11, 6)),
}

COMPANIES_BY_CITY: dict[str, list[str]] = {
    "London": [
        "Brightlane Insurance", "Ferncastle Bank", "Quillstone Media",
        "Harbourline Travel", "Stonegate Realty", "Silverfin Capital",
        "Wrenford Consulting", "Blue Heron Learning", "Crestmoor Housing",
        "Driftwood Apparel", "Glasshouse Studio", "Ironbark Security",
        "Larkspur Biotech", "Meadowgate Insurance", "Pinecroft Hotels",
        "Quarry Lane Partners", "Sablewood Markets", "Thamesview Energy",
        "Kingsmere Health", "Ashcombe Retail", "Bellwether Analytics",
        "Cobalt Street", "Dovetail Payments", "Elmstead Foods",
        "Fairhaven Pensions", "Greyfriars Publishing", "Hartwell & Co",
        "Inkwell Learning", "Juniper Freight", "Kettleby Brands",
        "Lockwood Mutual", "Marlowe Digital", "Northgate Fintech",
        "Oakmere Property", "Penrose Health", "Quayside Telecom",
        "Ravenscourt Legal", "Sparrowgate Labs", "Tessellate Insights",
        "Underhill Gaming", "Vauxhall Metrics", "Wexford Shipping",
        "Yarrow Care", "Zephyr Lane", "Albion Pay", "Blackfriars Data Co",
        "Camden Orchard", "Deptford Robotics", "Embankment Capital",
        "Fleetbridge Media",
    ],
    "Manchester": [
        "Irwell Analytics", "Pennine Logistics", "Cottonworks Retail",
        "Deansgate Digital", "Ancoats Software", "Mersey Health Partners",
        "Salford Quay Media", "Redbrick Insurance", "Castlefield Travel",
        "Millgate Energy", "Oxford Road Labs", "Northern Mill Foods",
        "Piccadilly Pay", "Spinningfield Bank", "Trafford Fitness",
        "Chorlton Creative", "Hatters Lane Fashion", "Weaver & Loom",
        "Bridgewater Data", "Rochdale Canal Co", "Viaduct Tech",
        "Didsbury Learning",
    ],
    "Berlin": [
        "Nordlicht Mobility GmbH", "Brückenwerk Analytics", "Spreeblick Commerce",
        "Kiezkraft Energie", "Lindenhof Health", "Havelwerk Logistik",
        "Tempelhof Travel", "Weißensee Labs", "Grünblatt Foods",
        "Kreuzberg Payments", "Friedrichshain Games", "Eisvogel Versicherung",
        "Sternwarte Data", "Mauerpark Media", "Pankow Robotics",
        "Wannsee Capital", "Funkturm Software", "Ostkreuz Mobility",
        "Schillerkiez Retail", "Bergmann & Vogel", "Tiergarten Bank",
        "Alexanderplatz Audio", "Moabit Biotech", "Wedding Works",
        "Kastanie Cloud",
    ],
    "Paris": [
        "Maison Lavande", "Clairbois Assurances", "Rive Gauche Data",
        "Pont-Neuf Paiements", "Saint-Martin Logistique", "Belleville Studio",
        "Lumière Santé", "Montmartre Media", "Canal Bleu Énergie",
        "Batignolles Retail", "Marais Mobility", "Bastille Analytics",
        "Oberkampf Games", "Vendôme Capital", "Sèvres Learning",
        "Ménilmontant Foods", "Trocadéro Travel", "Butte-aux-Cailles Tech",
        "Voltaire Assurances", "Châtelet Conseil", "Pigalle Payments",
        "Quai Ouest Labs",
    ],
    "Remote": [
        "Cloudberry", "Tallwind Software", "Nomad Metrics", "Open Meadow",
        "Lanternfish", "Paperkite", "Sundial Analytics", "Bytegrove",
        "Fieldnote", "Quietlight", "Halftone Labs", "Moonbeam Health",
        "Seaglass Software", "Everpine", "Kindling Works", "Waypoint Insights",
        "Switchback Data", "Lowtide", "Farlight", "Pinwheel Analytics",
        "Riverstone Cloud", "Saltbox", "Tinyforge", "Upland Metrics", "Vellum",
        "Woodlark", "Yonder Data", "Zestful", "Beacon Loop", "Copperleaf Energy",
        "Driftless Data",
    ],
}  # fmt: skip

ROLES = [
    ("Data Analyst", 30),
    ("BI Developer", 12),
    ("Analytics Engineer", 14),
    ("Data Engineer", 8),
    ("Product Analyst", 12),
    ("Business Intelligence Analyst", 8),
    ("Marketing Data Analyst", 5),
    ("Insights Analyst", 5),
]
# The persona is a mid-level analyst: mostly plain or Senior titles, some Junior.
SENIORITY = [("", 50), ("Senior ", 25), ("Junior ", 12), ("Mid-level ", 8), ("Lead ", 3)]

COMPANY_SIZES = [("1-50", 18), ("51-500", 36), ("501-5000", 30), ("5000+", 16)]

FIRST_NAMES = [
    "Priya",
    "Tom",
    "Léa",
    "Jonas",
    "Aisha",
    "Marcus",
    "Sophie",
    "Daniel",
    "Chloé",
    "Ben",
    "Hannah",
    "Omar",
    "Julia",
    "Kwame",
    "Emma",
    "Lukas",
    "Nadia",
    "Sam",
    "Zoe",
    "Felix",
    "Grace",
    "Rahul",
    "Inès",
    "Oliver",
]
LAST_NAMES = [
    "Natarajan", "Okafor", "Dubois", "Becker", "Rahman", "Hughes", "Martin",
    "Schulz", "Moreau", "Clarke", "Fischer", "Haddad", "Novak", "Mensah", "Walsh",
    "Wagner", "Petrova", "Kowalski", "Bennett", "Lefèvre", "Shah", "Osei",
]  # fmt: skip

REASONS_BEFORE_INTERVIEW = [
    "Stelle intern besetzt",
    "Automated rejection email, no reason",
    "Position filled internally",
    "Role put on hold - budget freeze",
    "Requires relocation to Munich",
    "Decided to move forward with other candidates",
    "No visa sponsorship for this role",
    "Needed more Python / Airflow experience",
    "Not enough fintech experience",
    "Overqualified for the role",
    "automated reply - not moving forward",
    "Salary expectations above range",
]
REASONS_AFTER_INTERVIEW = [
    "Profil trop junior",
    "Went with a more experienced candidate",
    "Culture fit concerns from panel",
    "Looking for stronger SQL / dbt skills",
    "Salary expectations above range",
    "Take-home test not strong enough on statistics",
    "Another candidate was a better fit for the team",
    "They chose someone with more domain experience",
    "Overqualified for the role",
]
FEEDBACK_BEFORE_INTERVIEW = [
    "CV did not show enough cloud / Snowflake work",
    "Other applicants had more years with Power BI",
    "Nothing wrong with the application, an internal candidate got it",
    "Lead the CV with impact numbers, not tools",
]
FEEDBACK_AFTER_INTERVIEW = [
    "Strong technical test, less experience with stakeholder management",
    "Good SQL, wanted more dashboard design examples",
    "Liked the case study; other candidate had domain experience",
    "Be more concise when presenting results",
    "Stats questions were weak - revise A/B testing",
    "Need more hands-on dbt and data modelling",
]
GENERIC_NOTES = [
    "Take-home task, about 3 hours",  # contains a comma on purpose
    "Asked about dbt experience",
    "Salary band 45-55k",
    "Posting reposted twice",
    "4-day week",
    "Good reviews from ex-employees",
    "Contract role (6 months)",
    "Needs Tableau",
    "Visa sponsorship unclear",
    "Sent thank-you email",
    "Follow up in 2 weeks",
    "Hybrid 2 days in office",
    "Small team, first data hire",
    "Big company, slow process",
]
COMMA_NOTE = "Applied via careers page, also emailed the hiring manager"
ACCENT_NOTE = "Échange très sympa avec l'équipe data"
FORMULA_NOTE = "=follow up Friday"

COLUMN_WIDTHS = {
    "Company": 26, "Role": 32, "Location": 12, "Work Mode": 11, "Source": 20,
    "Referral": 9, "Resume Version": 14, "Cover Letter": 12, "Company Size": 13,
    "Date Applied": 13, "Status": 22, "Response Date": 14, "Last Update": 13,
    "Rejection Reason": 40, "Feedback Requested": 10, "Feedback Received": 44,
    "Direction": 10, "Contact": 18, "Job URL": 52, "Notes": 44,
}  # fmt: skip

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


@dataclass(eq=False)  # identity equality: rows are compared with `in`
class Application:
    """One planned application; filled in step by step by the builders below."""

    source: str
    direction: str
    planned: str | None  # None = silent (Applied / No Response decided from the date)
    applied_on: date | None = None
    status: str = ""
    response_on: date | None = None
    last_update: date | None = None
    company: str = ""
    location: str = ""
    role: str = ""
    work_mode: str = ""
    referral: str = "No"
    resume: str = "v1 generic"
    cover_letter: str = "No"
    company_size: str = ""
    rejection_reason: str = ""
    feedback_requested: str = ""
    feedback_received: str = ""
    contact: str = ""
    job_url: str = ""
    notes: str = ""

    @property
    def responded(self) -> bool:
        """Same definition as the tests: any employer reply, rejection included."""
        return self.status not in ("Applied", "No Response", "Withdrawn")


def _weighted(rng: random.Random, options: list[tuple[str, int]]) -> str:
    """Pick one value by integer weight (keeps the option tables readable)."""
    values = [v for v, _ in options]
    weights = [w for _, w in options]
    return rng.choices(values, weights=weights, k=1)[0]


def _slug(text: str) -> str:
    """URL-safe lowercase slug for fake job URLs."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _application_dates(rng: random.Random) -> list[date]:
    """One date per application, following the uneven weekly volume of a real search."""
    assert sum(WEEKLY_COUNTS) == 180
    dates: list[date] = []
    for week, count in enumerate(WEEKLY_COUNTS):
        monday = FIRST_WEEK + timedelta(weeks=week)
        last_week = week == len(WEEKLY_COUNTS) - 1
        for i in range(count):
            if week == 0 and i == 0:
                offset = 0  # the search starts on 1 June
            elif last_week and i == 0:
                offset = 4  # ... and the file ends on Friday 13 November
            elif not last_week and rng.random() < 0.08:
                offset = rng.choice([5, 6])  # the odd weekend application
            else:
                offset = rng.randint(0, 4)
            dates.append(monday + timedelta(days=offset))
    return sorted(dates)


def _plan_applications(rng: random.Random) -> list[Application]:
    """Expand PLAN and give each application a date compatible with its status."""
    apps = [Application(source, direction, status) for source, direction, status, count in PLAN for _ in range(count)]
    slots = _application_dates(rng)
    free = list(range(len(slots)))

    def window_width(app: Application) -> int:
        lo, hi = APPLIED_WINDOW.get(app.planned or "", (slots[0], slots[-1]))
        return (hi - lo).days

    # Most constrained first, so narrow windows always find a free slot.
    for app in sorted(apps, key=window_width):
        if app.planned not in APPLIED_WINDOW:
            continue
        lo, hi = APPLIED_WINDOW[app.planned]
        eligible = [i for i in free if lo <= slots[i] <= hi]
        pick = rng.choice(eligible)
        free.remove(pick)
        app.applied_on = slots[pick]
    rng.shuffle(free)
    for app in apps:
        if app.applied_on is None:
            app.applied_on = slots[free.pop()]
    apps.sort(key=lambda a: (a.applied_on, a.source, a.planned or ""))
    return apps


def _cap(day: date) -> date:
    """No activity can be later than the day the file was saved."""
    return min(day, AS_OF)


def _set_timeline(rng: random.Random, app: Application) -> None:
    """Status, first-response date and last-update date, consistent with each other."""
    applied = app.applied_on
    assert applied is not None
    days = timedelta
    planned = app.planned
    if planned is None:
        silent_for = (AS_OF - applied).days
        app.status = "Applied" if silent_for < GHOST_AFTER_DAYS else "No Response"
        return
    app.status = planned
    if planned == "Withdrawn":
        app.last_update = _cap(applied + days(rng.randint(5, 30)))
        return
    if planned == "Rejected":
        # Many rejections are quick automated ones, some take weeks.
        wait = rng.choice([rng.randint(2, 7), rng.randint(5, 40)])
        app.response_on = _cap(applied + days(wait))
        app.last_update = app.response_on
        return
    if planned == "Position Closed":
        app.response_on = _cap(applied + days(rng.randint(5, 40)))
        app.last_update = app.response_on
        return
    app.response_on = _cap(applied + days(rng.randint(3, 12)))
    later = {
        "Phone Screen": (0, 5),
        "Interviewing": (5, 20),
        "Final Round": (14, 30),
        "Rejected after interview": (10, 35),
        "Offer Declined": (25, 40),
    }
    if planned in later:
        lo, hi = later[planned]
        app.last_update = _cap(app.response_on + days(rng.randint(lo, hi)))
    elif planned == "Offer":
        app.last_update = date(2026, 11, rng.randint(12, 18))
    elif planned == "Offer Accepted":
        app.last_update = date(2026, 10, rng.randint(26, 30))
    assert app.last_update is not None and app.last_update >= app.response_on


def _assign_companies_and_roles(rng: random.Random, apps: list[Application]) -> None:
    """~150 distinct companies, 30 of them seen twice with a different role."""
    companies = [(name, city) for city, names in COMPANIES_BY_CITY.items() for name in names]
    assert len(companies) == 150, len(companies)
    repeats = rng.sample(companies, len(apps) - len(companies))
    pool = companies + repeats
    rng.shuffle(pool)
    roles_at: dict[str, set[str]] = {}
    for app, (company, city) in zip(apps, pool, strict=True):
        app.company, app.location = company, city
        taken = roles_at.setdefault(company, set())
        while True:
            seniority = _weighted(rng, SENIORITY)
            role = seniority + _weighted(rng, ROLES)
            if role not in taken:
                break
        taken.add(role)
        app.role = role
        if city == "Remote":
            app.work_mode = "Remote"
        else:
            app.work_mode = _weighted(rng, [("Hybrid", 62), ("On-site", 30), ("Remote", 8)])


def _assign_resume_versions(rng: random.Random, apps: list[Application]) -> None:
    """v1 before mid-July; after it mostly v2, chosen so v2 answers about twice as often.

    The split is planned (how many v1 rows responded) rather than drawn, so the
    résumé comparison in the dashboard shows a clear, stable effect.
    """
    early = [a for a in apps if a.applied_on < RESUME_V2_FROM]
    late = [a for a in apps if a.applied_on >= RESUME_V2_FROM]
    v1_total = round(0.45 * len(apps))
    late_v1 = v1_total - len(early)
    early_resp = sum(a.responded for a in early)
    late_resp_rows = [a for a in late if a.responded]
    late_silent_rows = [a for a in late if not a.responded]

    def ratio_gap(k: int) -> float:
        v1_rate = (early_resp + k) / v1_total
        v2_rate = (len(late_resp_rows) - k) / (len(apps) - v1_total)
        return abs(v2_rate - 2 * v1_rate)

    k = min(range(min(late_v1, len(late_resp_rows)) + 1), key=ratio_gap)
    chosen = rng.sample(late_resp_rows, k) + rng.sample(late_silent_rows, late_v1 - k)
    for app in apps:
        app.resume = "v1 generic" if app in early or app in chosen else "v2 tailored"


def _assign_rejection_details(rng: random.Random, apps: list[Application]) -> None:
    """Reasons on ~60% of rejections, feedback requested on ~40%, received on ~half."""
    for status, reasons, feedback, share, n_requested, n_received in (
        ("Rejected", REASONS_BEFORE_INTERVIEW, FEEDBACK_BEFORE_INTERVIEW, 0.55, 8, 3),
        ("Rejected after interview", REASONS_AFTER_INTERVIEW, FEEDBACK_AFTER_INTERVIEW, 0.75, 7, 5),
    ):
        rows = [a for a in apps if a.status == status]
        with_reason = rng.sample(rows, round(share * len(rows)))
        # The foreign-language reason comes first so it is always used.
        texts = [reasons[0], *rng.sample(reasons[1:], len(reasons) - 1)]
        texts = (texts * 2)[: len(with_reason)]
        rng.shuffle(texts)
        for app, text in zip(with_reason, texts, strict=True):
            app.rejection_reason = text
            if text == "Profil trop junior":
                app.location, app.work_mode = "Paris", "Hybrid"
            elif text == "Stelle intern besetzt":
                app.location, app.work_mode = "Berlin", "On-site"
        requested = rng.sample(rows, n_requested)
        received = dict(zip(rng.sample(requested, n_received), rng.sample(feedback, n_received), strict=True))
        for app in rows:
            app.feedback_requested = "Yes" if app in requested else "No"
            if app in received:
                app.feedback_received = received[app]
                # Asking for and getting feedback is activity too.
                app.last_update = _cap(app.last_update + timedelta(days=rng.randint(2, 9)))


def _assign_people_and_links(rng: random.Random, apps: list[Application]) -> None:
    """Referral flag, contacts, cover letters, sizes and fake URLs."""

    def person() -> str:
        return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"

    contact_share = {"Referral": 1.0, "Recruiter": 1.0, "Networking event": 0.9}
    cover_share = {"Company site": 0.55, "Referral": 0.35}
    for app in apps:
        if rng.random() < contact_share.get(app.source, 0.12):
            app.contact = person()
        app.referral = "Yes" if app.source == "Referral" else "No"
        app.cover_letter = "Yes" if rng.random() < cover_share.get(app.source, 0.2) else "No"
        app.company_size = _weighted(rng, COMPANY_SIZES)
        if app.direction == "Outbound" and rng.random() < 0.93:
            job_id = rng.randint(1000, 99999)
            app.job_url = f"https://jobs.example.com/{_slug(app.company)}/{_slug(app.role)}-{job_id}"
    # A few non-referral applications where an insider still passed the CV on.
    insiders = [a for a in apps if a.source in ("Networking event", "Company site") and a.contact]
    for app in rng.sample(insiders, 3):
        app.referral = "Yes"


def _assign_notes(rng: random.Random, apps: list[Application]) -> None:
    """Short notes on some rows, including the three tricky strings importers must keep."""
    fixed = {
        "Offer Accepted": "Accepted: 6-month contract from January - still looking for permanent",
        "Offer Declined": "Declined - salary below current and no remote",
        "Offer": "Offer received, answer due 27 Nov",
    }
    withdrawn_notes = iter(
        [
            "Withdrew - role turned out to be 80% reporting",
            "Withdrew - office moving out of town",
            "Withdrew - process too long",
        ]
    )
    for app in apps:
        if app.status in fixed:
            app.notes = fixed[app.status]
        elif app.status == "Withdrawn":
            app.notes = next(withdrawn_notes)
        elif app.direction == "Inbound":
            app.notes = "Recruiter reached out on LinkedIn"
        elif app.source == "Networking event" and rng.random() < 0.5:
            app.notes = rng.choice(["Met at dbt meetup", "Met at PyData London"])
        elif rng.random() < 0.2:
            app.notes = rng.choice(GENERIC_NOTES)
    blank = [a for a in apps if not a.notes]
    rng.choice([a for a in blank if a.source == "Company site"]).notes = COMMA_NOTE
    rng.choice([a for a in blank if a.location == "Paris" and not a.notes]).notes = ACCENT_NOTE
    recent = [a for a in blank if a.status == "Applied" and not a.notes]
    rng.choice(recent).notes = FORMULA_NOTE


def build_applications(seed: int = SEED) -> list[Application]:
    """The 180 sample applications, in the order they appear in the sheet."""
    rng = random.Random(seed)
    apps = _plan_applications(rng)
    for app in apps:
        _set_timeline(rng, app)
    _assign_companies_and_roles(rng, apps)
    _assign_resume_versions(rng, apps)
    _assign_rejection_details(rng, apps)
    _assign_people_and_links(rng, apps)
    _assign_notes(rng, apps)
    return apps


def _row_values(app: Application) -> list[object]:
    """Cell values in HEADER order; empty strings become truly empty cells."""
    values: list[object] = [
        app.company,
        app.role,
        app.location,
        app.work_mode,
        app.source,
        app.referral,
        app.resume,
        app.cover_letter,
        app.company_size,
        app.applied_on,
        app.status,
        app.response_on,
        app.last_update,
        app.rejection_reason,
        app.feedback_requested,
        app.feedback_received,
        app.direction,
        app.contact,
        app.job_url,
        app.notes,
    ]
    return [None if v == "" else v for v in values]


def _style_header(ws: Worksheet, row: int, widths: dict[str, float] | None) -> None:
    """Bold, shaded header and (optionally) column widths, like a hand-kept sheet."""
    for col, cell in enumerate(ws[row], start=1):
        if cell.value is None:
            continue
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        if widths is not None:
            width = widths.get(str(cell.value), 14)
            ws.column_dimensions[get_column_letter(col)].width = width


def _write_sample(apps: list[Application]) -> Workbook:
    """Shape-A tracker: title row, blank row, header on row 3, data, blank rows, footer."""
    wb = Workbook()
    ws = wb.active
    ws.title = TRACKER_SHEET
    ws.cell(row=1, column=1, value=TITLE).font = Font(bold=True, size=14)
    for col, name in enumerate(HEADER, start=1):
        ws.cell(row=HEADER_ROW, column=col, value=name)
    _style_header(ws, HEADER_ROW, COLUMN_WIDTHS)
    date_cols = {HEADER.index(name) + 1 for name in DATE_COLUMNS}
    for r, app in enumerate(apps, start=HEADER_ROW + 1):
        for col, value in enumerate(_row_values(app), start=1):
            if value is None:
                continue
            cell = ws.cell(row=r, column=col, value=value)
            if col in date_cols:
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text that looks like a formula, kept as text
    last = HEADER_ROW + len(apps)
    # Two blank rows, then the user's own footer line (not an application).
    ws.cell(row=last + 3, column=1, value=FOOTER).font = Font(italic=True)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(HEADER))}{last}"

    goal = wb.create_sheet("Weekly goal")
    goal.append(["Week", "Goal"])
    for week in range(len(WEEKLY_COUNTS)):
        monday = FIRST_WEEK + timedelta(weeks=week)
        goal.append([monday, 8 if monday < date(2026, 9, 1) else 10])
        goal.cell(row=goal.max_row, column=1).number_format = "yyyy-mm-dd"
    _style_header(goal, 1, {"Week": 13, "Goal": 8})
    return wb


TEMPLATE_HELP: dict[str, tuple[str, str]] = {
    "Company": ("Employer name. Company or Role is required on every row.", "Brightlane Insurance"),
    "Role": ("Job title as advertised, with seniority.", "Senior Data Analyst"),
    "Location": ("City of the job, or Remote.", "London"),
    "Work Mode": ("Remote, Hybrid or On-site.", "Hybrid"),
    "Source": (
        "Where you found the job: LinkedIn, Indeed, Company site, Referral, Recruiter, "
        "Glassdoor, Welcome to the Jungle, Networking event, ...",
        "LinkedIn",
    ),
    "Referral": ("Yes if someone inside referred you, else No.", "No"),
    "Resume Version": ("Which CV you sent, so versions can be compared.", "v2 tailored"),
    "Cover Letter": ("Yes or No.", "Yes"),
    "Company Size": ("Employees: 1-50, 51-500, 501-5000 or 5000+.", "51-500"),
    "Date Applied": ("Date the application went out.", "2026-06-01"),
    "Status": (
        "Where it stands now: one of the Status words listed below.",
        "Phone Screen",
    ),
    "Response Date": (
        "Date of the employer's first reply of any kind (a rejection counts). Leave empty while silent.",
        "2026-06-09",
    ),
    "Last Update": ("Date of the latest activity on this application.", "2026-06-15"),
    "Rejection Reason": (
        "If rejected: the reason, in your words or theirs.",
        "Went with a more experienced candidate",
    ),
    "Feedback Requested": ("On rejections: Yes if you asked for feedback, else No.", "Yes"),
    "Feedback Received": (
        "The feedback you got, in a sentence.",
        "Strong technical test, less experience with stakeholder management",
    ),
    "Direction": (
        "Outbound if you applied; Inbound if a recruiter reached out to you.",
        "Outbound",
    ),
    "Contact": ("Recruiter, referrer or hiring manager name.", "Priya Natarajan"),
    "Job URL": ("Link to the posting.", "https://jobs.example.com/brightlane/data-analyst"),
    "Notes": ("Anything else worth remembering.", "Take-home task, about 3 hours"),
}
TEMPLATE_VALIDATIONS = {
    "Status": STATUSES,
    "Referral": ["Yes", "No"],
    "Cover Letter": ["Yes", "No"],
    "Feedback Requested": ["Yes", "No"],
    "Direction": ["Outbound", "Inbound"],
    "Work Mode": ["Remote", "Hybrid", "On-site"],
}
TEMPLATE_ROWS = 1000  # drop-down lists cover this many data rows


def _write_template() -> Workbook:
    """Blank tracker with a how-to sheet, so new users start with a file that imports."""
    assert set(TEMPLATE_HELP) == set(HEADER)
    wb = Workbook()
    how = wb.active
    how.title = "How to use"
    how["A1"] = "Applytics — application tracker template"
    how["A1"].font = Font(bold=True, size=14)
    intro = [
        "Keep one row per application on the 'Applications' sheet: add it the day you "
        "apply, then update Status, Response Date and Last Update as things move.",
        "Only Company (or Role) and Date Applied are needed; every other column is "
        "optional but makes the dashboard richer. You may add your own columns.",
        "When you want to see your numbers, save this file and upload it to Applytics.",
    ]
    for i, line in enumerate(intro, start=2):
        how.cell(row=i, column=1, value=line)

    def put(row: int, values: list[str]) -> None:
        for col, value in enumerate(values, start=1):
            how.cell(row=row, column=col, value=value)

    table_top = len(intro) + 3  # one blank row after the intro
    put(table_top, ["Column", "What to write", "Example"])
    _style_header(how, table_top, {"Column": 20, "What to write": 80, "Example": 45})
    for row, name in enumerate(HEADER, start=table_top + 1):
        put(row, [name, *TEMPLATE_HELP[name]])
    status_top = table_top + len(HEADER) + 2
    put(status_top, ["Status", "Funnel stage reached", "Outcome / meaning"])
    _style_header(how, status_top, None)
    for row, status in enumerate(STATUSES, start=status_top + 1):
        put(row, [status, *STATUS_MEANING[status]])
    for row in how.iter_rows(min_row=table_top + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    ws = wb.create_sheet(TRACKER_SHEET)
    ws.append(HEADER)
    _style_header(ws, 1, COLUMN_WIDTHS)
    ws.freeze_panes = "A2"
    for name, options in TEMPLATE_VALIDATIONS.items():
        letter = get_column_letter(HEADER.index(name) + 1)
        dv = DataValidation(
            type="list",
            formula1='"' + ",".join(options) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=f"{name}",
            error=f"Choose one of: {', '.join(options)}",
        )
        dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
        ws.add_data_validation(dv)
    for name in DATE_COLUMNS:
        # Column-level format: cells the user types later become dates, and no
        # empty styled cells are created (the sheet stays header-only).
        letter = get_column_letter(HEADER.index(name) + 1)
        ws.column_dimensions[letter].number_format = "yyyy-mm-dd"
    return wb


def _save_deterministic(wb: Workbook, path: Path) -> None:
    """Save with fixed document and zip timestamps, so reruns are byte-identical."""
    wb.properties.creator = "Applytics"
    wb.properties.lastModifiedBy = "Applytics"
    wb.properties.created = FIXED_TIMESTAMP
    wb.properties.modified = FIXED_TIMESTAMP
    raw = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook() would stamp "modified" with now.
    ExcelWriter(wb, ZipFile(raw, "w", ZIP_DEFLATED, allowZip64=True)).save()
    fixed = io.BytesIO()
    with ZipFile(raw) as src, ZipFile(fixed, "w", ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = ZipInfo(info.filename, date_time=FIXED_TIMESTAMP.timetuple()[:6])
            entry.compress_type = ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, src.read(info.filename))
    path.write_bytes(fixed.getvalue())


def main(out_dir: Path) -> tuple[Path, Path]:
    """Write sample_tracker.xlsx and template.xlsx into out_dir; return their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sample_path = out_dir / SAMPLE_NAME
    template_path = out_dir / TEMPLATE_NAME
    _save_deterministic(_write_sample(build_applications()), sample_path)
    _save_deterministic(_write_template(), template_path)
    return sample_path, template_path


if __name__ == "__main__":
    default = Path(__file__).resolve().parent.parent / "data"
    for written in main(Path(sys.argv[1]) if len(sys.argv) > 1 else default):
        print(f"wrote {written}")
