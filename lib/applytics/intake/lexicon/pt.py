"""Portuguese (folded: no accents, punctuation as spaces)."""

HEADERS: dict[str, tuple[str, ...]] = {
    "company": ("empresa contratante",),
    "role": ("vaga", "funcao"),
    "applied_on": ("data", "data da candidatura", "data de candidatura"),
    "status": ("situacao",),
    "source": ("origem",),
    "location": ("localizacao", "cidade"),
    "resume_version": ("curriculo",),
    "referral": ("indicacao",),
    "notes": ("observacoes",),
    "url": ("link da vaga",),
    "last_activity_on": (
        "ultimo contato",
        "ultima atualizacao",
    ),
}

STATUS: dict[str, tuple[str, ...]] = {
    "declined_offer": (r"oferta recusada", r"proposta recusada"),
    "not_selected": (r"nao selecionad",),
    "accepted": (r"aceit",),
    "ghosted": (r"sem resposta",),
    "rejected": (r"rejeitad", r"recusad", r"reprovad"),
    "offer": (r"proposta",),
    "offer_named": (r"proposta",),
    "applied": (r"candidatad", r"em andamento", r"em analise", r"em processo"),
}

STAGE_HEADERS: dict[str, tuple[str, ...]] = {
    "rejected": (r"rejeitad",),
    "in_progress": (r"em andamento",),
    "offer": (r"proposta",),
    "replied": (r"^(resposta|respondeu|responderam|resposta recebida)$",),
}

REASONS: dict[str, tuple[str, ...]] = {}

YES = ("sim",)
NO = ("nao",)
NEGATION = ("nao",)
