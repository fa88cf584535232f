"""French (folded: no accents, punctuation as spaces)."""

HEADERS: dict[str, tuple[str, ...]] = {
    "company": ("entreprise", "societe", "nom de l entreprise", "employeur"),
    "role": ("poste", "intitule du poste", "intitule", "titre du poste", "emploi"),
    "applied_on": ("date de candidature", "date candidature", "date d envoi", "postule le"),
    "status": ("statut", "etat", "etape", "resultat"),
    "source": ("canal", "plateforme"),
    "location": ("lieu", "ville"),
    "work_mode": ("teletravail", "mode de travail"),
    "resume_version": ("version du cv", "version cv"),
    "cover_letter": ("lettre de motivation",),
    "referral": ("cooptation", "recommandation"),
    "company_size": ("taille entreprise", "taille"),
    "salary": ("salaire",),
    "notes": ("remarques", "commentaires"),
    "rejection_reason": ("motif de refus", "raison du refus", "motif"),
    "feedback_requested": ("retour demande", "feedback demande"),
    "feedback_received": ("retour", "retour recu", "feedback recu"),
    "response_on": ("date de reponse",),
    "last_activity_on": ("derniere mise a jour", "dernier contact"),
    "direction": ("qui a postule",),
    "contact": ("interlocuteur",),
    "url": ("lien",),
    "seniority": ("niveau",),
    "candidate": ("candidat",),
    "rejected_on": ("date de refus",),
}

STATUS: dict[str, tuple[str, ...]] = {
    "not_application": (r"a postuler",),
    "declined_offer": (r"offre (refusee|declinee)",),
    "not_selected": (r"\bnon retenu",),
    "accepted": (r"accepte", r"embauche"),
    "withdrawn": (r"retire",),
    "ghosted": (r"sans (reponse|nouvelles)", r"pas de reponse"),
    "closed": (r"pourvu", r"annul"),
    "rejected": (r"rejet", r"refus", r"ne pas donner suite"),
    "offer": (r"offre", r"proposition"),
    "offer_named": (r"offre",),
    "interview": (r"entretien",),
    "screen": (r"appel",),
    "applied": (r"postul", r"candidature", r"envoy", r"en cours", r"attente", r"relance"),
}

STAGE_HEADERS: dict[str, tuple[str, ...]] = {
    "declined": (r"offre refusee",),
    "ghosted": (r"sans reponse",),
    "withdrawn": (r"retire",),
    "rejected": (r"refus",),
    "in_progress": (r"en cours",),
    "offer": (r"proposition", r"offre"),
    "interview": (r"entretien",),
    "screen": (r"appel",),
    "replied": (r"^(reponse|repondu|reponse recue|a repondu|retour|retour recu)$",),
}

REASONS: dict[str, tuple[str, ...]] = {
    "overqualified": (r"surqualif",),
    "internal candidate": (r"en interne", r"mobilite interne"),
    "position cancelled": (r"annul", r"gel des", r"suspendu"),
    "position filled": (r"pourvu",),
    "experience gap": (r"experimente", r"profil trop", r"pas assez d experience"),
    "culture or team fit": (r"equipe",),
    "location / visa": (r"demenag", r"permis"),
    "no reason given": (r"sans (motif|raison)",),
}

YES = ("oui",)
NO = ("non",)
NEGATION = ("sans", "pas", "non")
