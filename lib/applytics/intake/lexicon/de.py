"""German (folded: umlauts without their dots, ß as ss, punctuation as spaces)."""

HEADERS: dict[str, tuple[str, ...]] = {
    "company": ("unternehmen", "firma", "arbeitgeber", "firmenname"),
    "role": ("stelle", "jobtitel", "stellenbezeichnung", "berufsbezeichnung", "rolle"),
    "applied_on": ("datum", "bewerbungsdatum", "beworben am", "gesendet am"),
    "status": ("stand", "bewerbungsstatus", "ergebnis"),
    "source": ("quelle", "kanal", "plattform", "jobborse"),
    "location": ("ort", "standort", "stadt"),
    "work_mode": ("arbeitsmodell", "homeoffice"),
    "resume_version": ("lebenslauf", "lebenslauf version"),
    "cover_letter": ("anschreiben", "motivationsschreiben"),
    "referral": ("empfehlung",),
    "company_size": ("unternehmensgrosse", "mitarbeiterzahl"),
    "salary": ("gehalt",),
    "notes": ("notizen", "bemerkungen", "kommentar"),
    "rejection_reason": ("absagegrund", "grund"),
    "feedback_requested": ("feedback angefragt",),
    "feedback_received": ("ruckmeldung", "feedback erhalten"),
    "response_on": ("antwortdatum",),
    "last_activity_on": (
        "letzte aktualisierung",
        "letzter kontakt",
        "letzte aktivitat",
        "zuletzt aktualisiert",
        "letztes update",
    ),
    "contact": ("ansprechpartner",),
    "url": ("stellenanzeige", "link zur stelle"),
    "seniority": ("erfahrung",),
    "candidate": ("kandidat",),
}

STATUS: dict[str, tuple[str, ...]] = {
    "not_application": (r"gemerkt", r"merkliste"),
    "declined_offer": (r"angebot abgelehnt",),
    "not_selected": (r"nicht (berucksichtigt|ausgewahlt)",),
    "accepted": (r"angenommen", r"eingestellt"),
    "withdrawn": (r"zuruckgezogen",),
    "ghosted": (r"keine (antwort|ruckmeldung)",),
    "closed": (r"besetzt", r"gestrichen"),
    "rejected": (r"absage", r"abgelehnt", r"ablehnung", r"abgesagt"),
    "offer": (r"angebot", r"zusage", r"verhandl"),
    "offer_named": (r"angebot",),
    "interview": (r"vorstellungsgesprach", r"gesprach", r"einladung", r"eingeladen"),
    "screen": (r"telefon",),
    "applied": (
        r"beworben", r"bewerbung", r"gesendet", r"offen", r"laufend", r"wartend", r"in bearbeitung", r"in prufung",
    ),
}  # fmt: skip

STAGE_HEADERS: dict[str, tuple[str, ...]] = {
    "ghosted": (r"keine antwort",),
    "withdrawn": (r"zuruckgezogen",),
    "rejected": (r"absage",),
    "in_progress": (r"laufend",),
    "offer": (r"angebot",),
    "interview": (r"gesprach",),
    "screen": (r"telefon",),
    "replied": (r"^(antwort|ruckmeldung|antwort erhalten|ruckmeldung erhalten|geantwortet)$",),
}

REASONS: dict[str, tuple[str, ...]] = {
    "overqualified": (r"uberqualifiz",),
    "internal candidate": (r"intern besetzt",),
    "position cancelled": (r"eingefroren", r"gestrichen", r"abgesagt", r"stopp"),
    "position filled": (r"besetzt",),
    "experience gap": (r"erfahren", r"erfahrung"),
    "skills mismatch": (r"kenntnis", r"fahigkeit", r"kompetenz"),
    "culture or team fit": (r"kultur", r"ins team", r"zum team", r"passt nicht"),
    "salary": (r"gehalt", r"vergutung"),
    "location / visa": (r"umzug", r"standort", r"arbeitserlaubnis"),
    "no reason given": (r"ohne (grund|begrundung)",),
}

YES = ("ja",)
NO = ("nein",)
NEGATION = ("kein", "keine", "nicht")
