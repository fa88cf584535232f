"""Spanish (folded: no accents, punctuation as spaces)."""

HEADERS: dict[str, tuple[str, ...]] = {
    "company": ("empresa", "compania", "organizacion"),
    "role": ("puesto", "cargo", "titulo del puesto", "posicion"),
    "applied_on": ("fecha", "fecha de aplicacion", "fecha de solicitud", "fecha de postulacion", "fecha aplicacion"),
    "status": ("estado", "etapa", "situacion", "resultado"),
    "source": ("canal", "fuente", "plataforma"),
    "location": ("ubicacion", "ciudad"),
    "work_mode": ("modalidad", "remoto"),
    "resume_version": ("version del cv",),
    "cover_letter": ("carta de presentacion",),
    "referral": ("referido", "recomendacion"),
    "company_size": ("tamano empresa", "tamano"),
    "salary": ("salario", "sueldo"),
    "notes": ("notas", "comentarios"),
    "rejection_reason": ("motivo de rechazo", "motivo"),
    "feedback_requested": ("feedback solicitado",),
    "feedback_received": ("feedback recibido",),
    "response_on": ("fecha de respuesta",),
    "last_activity_on": ("ultima actualizacion", "ultimo contacto"),
    "contact": ("contacto",),
    "url": ("enlace",),
    "seniority": ("nivel",),
    "candidate": ("candidato",),
    "rejected_on": ("fecha de rechazo",),
}

STATUS: dict[str, tuple[str, ...]] = {
    "not_application": (r"por (aplicar|postular)",),
    "declined_offer": (r"oferta (rechazada|declinada)",),
    "not_selected": (r"\bno seleccionad",),
    "accepted": (r"contratad", r"aceptad"),
    "withdrawn": (r"desist",),
    "ghosted": (r"sin respuesta",),
    "closed": (r"cerrad", r"cancelad"),
    "rejected": (r"rechaz", r"descartad"),
    "offer": (r"oferta", r"propuesta", r"negoci"),
    "offer_named": (r"oferta",),
    "interview": (r"entrevista",),
    "screen": (r"llamada",),
    "applied": (
        r"aplicad",
        r"enviad",
        r"solicitud",
        r"pendiente",
        r"espera",
        r"en proceso",
        r"en curso",
        r"en revision",
    ),
}

STAGE_HEADERS: dict[str, tuple[str, ...]] = {
    "ghosted": (r"sin respuesta",),
    "rejected": (r"rechaz",),
    "in_progress": (r"en curso",),
    "offer": (r"oferta", r"propuesta"),
    "interview": (r"entrevista",),
    "screen": (r"llamada",),
    "replied": (r"^(respuesta|respondieron|respondio|respuesta recibida|contestaron|contestado|contestacion)$",),
}

REASONS: dict[str, tuple[str, ...]] = {
    "overqualified": (r"sobrecualific",),
    "internal candidate": (r"promocion interna",),
    "position cancelled": (r"congelad", r"cancelad", r"presupuest"),
    "position filled": (r"cubiert",),
    "experience gap": (r"experimentad", r"experiencia"),
    "skills mismatch": (r"competenc", r"habilidad", r"conocimient"),
    "culture or team fit": (r"equipo",),
    "salary": (r"sueldo",),
    "location / visa": (r"ubicaci", r"reubic"),
    "no reason given": (r"sin (motivo|razon)",),
}

YES = ("si",)
NO: tuple[str, ...] = ()
NEGATION = ("sin",)
