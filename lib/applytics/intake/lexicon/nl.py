"""Dutch (folded: no accents, punctuation as spaces)."""

HEADERS: dict[str, tuple[str, ...]] = {
    "company": ("bedrijf", "werkgever", "organisatie", "bedrijfsnaam"),
    "role": ("functie", "rol", "vacature", "functietitel"),
    "applied_on": ("datum sollicitatie", "sollicitatiedatum", "gesolliciteerd op"),
    "status": ("status sollicitatie",),
    "source": ("bron", "kanaal"),
    "location": ("plaats", "locatie", "stad"),
    "referral": ("referentie",),
    "salary": ("salaris",),
    "notes": ("opmerkingen", "notities"),
    "contact": ("contactpersoon",),
    "last_activity_on": (
        "laatste contact",
        "laatst bijgewerkt",
    ),
}

STATUS: dict[str, tuple[str, ...]] = {
    "declined_offer": (r"aanbod afgewezen",),
    "not_selected": (r"niet geselecteerd",),
    "accepted": (r"geaccepteerd", r"aangenomen"),
    "withdrawn": (r"teruggetrokken",),
    "ghosted": (r"geen (reactie|antwoord)",),
    "rejected": (r"afgewezen", r"afwijzing"),
    "offer": (r"aanbod",),
    "offer_named": (r"aanbod",),
    "interview": (r"sollicitatiegesprek", r"gesprek"),
    "applied": (r"sollicitatie", r"gesolliciteerd", r"verstuurd", r"in behandeling", r"lopend"),
}

STAGE_HEADERS: dict[str, tuple[str, ...]] = {
    "rejected": (r"afgewezen",),
    "offer": (r"aanbod",),
    "interview": (r"gesprek",),
    "replied": (r"^(reactie|antwoord|reactie ontvangen|gereageerd)$",),
}

REASONS: dict[str, tuple[str, ...]] = {}

YES: tuple[str, ...] = ()
NO = ("nee",)
NEGATION = ("geen",)
