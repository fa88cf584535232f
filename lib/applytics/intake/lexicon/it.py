"""Italian (folded: no accents, punctuation as spaces)."""

HEADERS: dict[str, tuple[str, ...]] = {
    "company": ("azienda", "societa", "nome azienda"),
    "role": ("ruolo", "posizione", "mansione"),
    "applied_on": ("data candidatura", "data di candidatura", "data invio"),
    "status": ("stato", "esito"),
    "source": ("fonte", "canale"),
    "location": ("luogo", "citta", "sede"),
    "resume_version": ("curriculum",),
    "referral": ("referenza",),
    "salary": ("stipendio", "retribuzione"),
    "notes": ("appunti",),
    "contact": ("contatto",),
    "url": ("collegamento",),
    "last_activity_on": (
        "ultimo contatto",
        "ultimo aggiornamento",
    ),
}

STATUS: dict[str, tuple[str, ...]] = {
    "declined_offer": (r"proposta rifiutata",),
    "not_selected": (r"non selezionat",),
    "accepted": (r"accettat",),
    "withdrawn": (r"ritirat",),
    "ghosted": (r"nessuna risposta",),
    "rejected": (r"rifiutat", r"respint"),
    "interview": (r"colloquio",),
    "applied": (r"inviat", r"in corso", r"in attesa"),
}

STAGE_HEADERS: dict[str, tuple[str, ...]] = {
    "rejected": (r"rifiut",),
    "in_progress": (r"in corso",),
    "interview": (r"colloquio",),
    "replied": (r"^(risposta|risposto|risposta ricevuta|hanno risposto)$",),
}

REASONS: dict[str, tuple[str, ...]] = {}

YES: tuple[str, ...] = ()
NO: tuple[str, ...] = ()
NEGATION: tuple[str, ...] = ()
