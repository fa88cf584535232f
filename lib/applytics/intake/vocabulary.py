"""Status words -> (furthest stage, outcome), in English, French, Spanish and German (docs/architecture.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from applytics.text import fold, is_missing


@dataclass(frozen=True)
class StatusMeaning:
    """What a status word says; `is_application` is False for wishlist-type rows."""

    stage: str = "applied"
    outcome: str = "active"
    is_application: bool = True
    known: bool = True
    inbound: bool = False
    confidence: float = 1.0  # below 1: matched fuzzily, worth showing to the user
    matched: str = ""  # the vocabulary word a fuzzy match was taken for


NOT_APPLICATION = StatusMeaning(is_application=False)
UNKNOWN = StatusMeaning(known=False)

_INTERVIEW = (
    r"interview|onsite|on site|on campus|superday|final round|panel|technical(?! (test|assessment|challenge|exercise))|"
    r"case study|entretien|entrevista|vorstellungsgesprach|gesprach|hiring manager|2nd round|second round|"
    r"first round|colloquio|sollicitatiegesprek|gesprek|面试|[一二三四五六终初复群]面|hr ?面|线下面|线上面|视频面"
)
# Assessments are a screen-level step: a test taken before (or instead of) the first interview.
_ASSESSMENT = (
    r"assessment|\boa\b|coding (challenge|test|exercise)|take ?home|technical (test|challenge|exercise)|"
    r"written test|online test|hackerrank|codility|codesignal|笔试|测评|在线测试|机考"
)
_SCREEN = (
    r"screen|phone|call|recruiter|\bhr\b|contacted|responded|in touch|in contact|telefon|appel|llamada|" + _ASSESSMENT
)

# A word that negates what follows ("no reply", "not selected", "never heard back", "did not proceed").
NEGATION = r"\b(no|not|never|without|didn t|did not|didnt|nothing|none|sans|pas|sin|kein|keine|nicht|nao|non|geen)\b"

# Order matters: the first rule that matches decides. Negated and compound phrasings come before the words
# they contain ("not selected" before "selected", "offer declined" before "offer", "rejected after assessment"
# takes its stage from the words after the outcome).
_RULES: tuple[tuple[str, StatusMeaning | str], ...] = (
    (
        r"wish ?list|bookmark|^saved$|^to apply$|^applying$|not (yet )?applied|^interested$|^draft$|^idea$|"
        r"diary|a postuler|por (aplicar|postular)|gemerkt|merkliste|^prospect|"
        r"收藏|待投递|未投递|想投",
        NOT_APPLICATION,
    ),
    (
        r"(turned down|declined|refused|skipped) (the |an |their |my )?(interview|screen|call|invitation|invite)|"
        r"declined (the )?invite",
        StatusMeaning("screen", "withdrawn"),
    ),
    (
        r"offer (rejected|declined|refused|turned down)|(declined|rejected|refused) (the |their |an )?offer|"
        r"turned (it )?down|"
        r"offre (refusee|declinee)|oferta (rechazada|declinada|recusada)|angebot abgelehnt|i declined|"
        r"proposta (recusada|rifiutata)|aanbod afgewezen|offer ?拒绝|拒(绝|了)? ?offer|放弃 ?offer|婉拒",
        StatusMeaning("offer", "declined"),
    ),
    (
        r"declined by me|i withdrew|i pulled out|pulled out|i retracted|no longer pursuing|not pursuing|"
        r"decided not to (proceed|continue|apply|pursue)",
        "withdrawn",
    ),
    (
        r"\bnot (hired|accepted|selected|successful|retained|chosen|shortlisted|progressed|proceeding)\b|"
        r"did not (proceed|progress|pass|make it|get it)|didn t (proceed|progress|pass|make it|get it)|"
        r"\bnon retenu|\bno seleccionad|nao selecionad|non selezionat|niet geselecteerd|"
        r"nicht (berucksichtigt|ausgewahlt)",
        "rejected",
    ),
    (
        r"accepted|accepte|hired|signed|^starting|embauche|contratad|aceptad|angenommen|eingestellt|aceit|"
        r"accettat|geaccepteerd|aangenomen|已签|签约|接受 ?offer|已入职|三方",
        StatusMeaning("offer", "accepted"),
    ),
    (
        r"withdr[ae]w|withdrawn|retire|desist|zuruckgezogen|no longer interested|not interested|abandon|"
        r"ritirat|teruggetrokken|不去了|放弃|弃面",
        "withdrawn",
    ),
    (
        r"ghost|no (response|reply|answer|news|feedback|word|callback|call back|reaction|update|contact)|"
        r"never (heard|replied|answered|got back)|"
        r"not (heard|replied|answered)|unanswered|sans (reponse|nouvelles)|pas de reponse|sin respuesta|"
        r"keine (antwort|ruckmeldung)|sem resposta|nessuna risposta|geen (reactie|antwoord)|"
        r"没消息|无消息|无回复|没回复|未回复|石沉大海|没有回音|无音讯",
        "ghosted",
    ),
    (
        r"position (closed|filled|cancel)|job (closed|removed|expired)|\bclosed\b|cancel|freeze|expired|"
        r"on hold|filled|pourvu|annul|cerrad|cancelad|besetzt|gestrichen|岗位关闭|停招",
        "closed",
    ),
    (
        r"reject|rejet|refus|rechaz|absage|abgelehnt|ablehnung|abgesagt|not selected|not moving forward|"
        r"unsuccessful|declined|denied|ne pas donner suite|\bko\b|negati|rejeitad|recusad|reprovad|rifiutat|"
        r"respint|afgewezen|afwijzing|被拒|未通过|没过|没通过|感谢信|淘汰|挂了|^挂$|凉|拒绝|不合适",
        "rejected",
    ),
    (NEGATION + r"( (a|an|the|any|first|second))* (interview|screen|call|offer|test)s? yet", StatusMeaning()),
    (NEGATION + r"( (a|an|the|any|first|second))* (interview|screen|call|offer|test)", "rejected"),
    (
        r"offer|offre|oferta|angebot|zusage|proposition|propuesta|negotiat|negoci|verhandl|proposta|aanbod|"
        r"意向书|录用|\boc\b",
        StatusMeaning("offer"),
    ),
    (
        r"recruiter (inquiry|enquiry|reach ?out|contact)|reach ?out|reached out|inbound|approached|headhunted",
        StatusMeaning("applied", inbound=True),
    ),
    (_INTERVIEW, StatusMeaning("interview")),
    (_SCREEN, StatusMeaning("screen")),
    (
        r"applied|application|submitted|sent|pending|in progress|waiting|review|^open$|^active$|"
        r"postul|candidature|envoy|aplicad|enviad|solicitud|beworben|bewerbung|gesendet|offen|laufend|en cours|"
        r"attente|pendiente|espera|wartend|in bearbeitung|in prufung|candidatad|em andamento|em analise|inviat|"
        r"in corso|in attesa|sollicitatie|gesolliciteerd|verstuurd|in behandeling|lopend|"
        r"已投递|投递|网申|已申请|简历筛选|待处理|等待|审核中|处理中",
        StatusMeaning("applied"),
    ),
)
_COMPILED = tuple((re.compile(pattern), meaning) for pattern, meaning in _RULES)


def stage_mentioned(folded: str) -> str:
    """The furthest stage a free-text status names ('Rejected after interview' -> interview); a negated
    stage ('no interview', 'rejected without an interview') is not one reached."""
    reached = _NEGATED_STAGE.sub(" ", folded)
    if re.search(r"offer|offre|oferta|angebot|proposta|aanbod", reached):
        return "offer"
    if re.search(_INTERVIEW, reached):
        return "interview"
    if re.search(_SCREEN, reached):
        return "screen"
    return "applied"


_NEGATED_STAGE = re.compile(NEGATION + r"( (a|an|the|any|first|second))* \w+")


def _by_rules(folded: str) -> StatusMeaning | None:
    for pattern, meaning in _COMPILED:
        if pattern.search(folded):
            if isinstance(meaning, str):
                return StatusMeaning(stage_mentioned(folded), meaning)
            return meaning
    return None


# Words people misspell, each spelled right; a typo within FUZZY_CUTOFF of one takes its meaning.
FUZZY_WORDS = (
    "rejected", "rejection", "interview", "interviewing", "accepted", "offer", "ghosted", "withdrawn", "withdrew",
    "applied", "application", "screen", "screening", "phone screen", "no response", "declined", "hired",
    "pending", "submitted", "wishlist", "bookmarked", "closed", "cancelled", "refused", "onsite", "assessment",
)  # fmt: skip
FUZZY_CUTOFF = 80.0


def classify_status(word: object) -> StatusMeaning:
    """The meaning of one status cell; typos match fuzzily with a confidence; unknown words stay visible."""
    folded = fold(word)
    if not folded:
        return StatusMeaning()
    meaning = _by_rules(folded)
    if meaning is not None:
        return meaning
    if re.search(NEGATION, folded):
        return UNKNOWN  # a near miss of a negated phrase is never guessed as its positive: the user maps it
    best = None
    for token in [folded, *folded.split()]:
        found = process.extractOne(token, FUZZY_WORDS, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if found and (best is None or found[1] > best[1]):
            best = found
    if best is None:
        return UNKNOWN
    guessed = _by_rules(best[0])
    if guessed is None:
        return UNKNOWN
    return replace(guessed, confidence=round(best[1] / 100, 2), matched=best[0])


# ---------------------------------------------------------------- yes / no flags

_YES = {
    "yes", "y", "true", "1", "x", "oui", "si", "ja", "done", "sent", "requested", "asked", "v", "ok", "sim",
    "是", "有", "已", "对", "通过",
}  # fmt: skip
_NO = {"no", "n", "false", "0", "non", "nein", "not sent", "none", "nao", "nee", "否", "没有", "未"}
_MARKS = {"✓": True, "✔": True, "√": True, "☑": True, "✅": True, "×": False, "✗": False, "✘": False, "❌": False}


def yes_no(value: object) -> bool | None:
    """A flag cell as True / False, or None when it is not a yes/no word or mark."""
    if isinstance(value, str) and value.strip() in _MARKS:
        return _MARKS[value.strip()]
    text = fold(value)
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None


# ---------------------------------------------------------------- rejection reasons

# Reason categories (docs/architecture.md), in display order; "other" and "no reason given" match no pattern.
CATEGORIES: tuple[str, ...] = (
    "experience gap",
    "skills mismatch",
    "internal candidate",
    "position filled",
    "position cancelled",
    "culture or team fit",
    "salary",
    "location / visa",
    "overqualified",
    "automated screen",
    "no reason given",
    "other",
)
CATEGORY_LABELS = {
    "experience gap": "Experience gap / more experienced candidate",
    "skills mismatch": "Skills mismatch",
    "internal candidate": "Internal candidate",
    "position filled": "Position filled",
    "position cancelled": "Position cancelled / budget / freeze",
    "culture or team fit": "Culture or team fit",
    "salary": "Salary",
    "location / visa": "Location / visa / relocation",
    "overqualified": "Overqualified",
    "automated screen": "Automated screen",
    "no reason given": "No reason given",
    "other": "Other",
}
# First match wins: specific before general ("filled internally" is an internal candidate, not just filled).
_REASON_RULES: tuple[tuple[str, str], ...] = (
    (r"overqualif|surqualif|sobrecualific|uberqualifiz", "overqualified"),
    (
        r"intern(al|ally|e|o|en|er)? (candidate|hire|candidat|candidato|bewerber|besetzt|besetzung|kandidat)|"
        r"(candidat|candidato|bewerber|kandidat)\w* intern|filled internally|internal(ly)?|en interne|"
        r"intern besetzt|promocion interna|mobilite interne",
        "internal candidate",
    ),
    (r"automat|\bats\b|auto ?reject|keyword|screening question|knock ?out|robot|algorithm", "automated screen"),
    (
        r"on hold|budget|freeze|cancel|no longer (hiring|open|available)|withdrawn by|restructur|reorg|"
        r"annul|gel des|suspendu|congelad|cancelad|presupuest|eingefroren|gestrichen|abgesagt|stopp",
        "position cancelled",
    ),
    (r"filled|pourvu|cubiert|besetzt|already (hired|found)|closed", "position filled"),
    (
        r"more experience|experienced candidate|stronger candidate|better (matched|suited|qualified)|senior|"
        r"junior|experience|experimente|experimentad|erfahren|years|profil trop|pas assez d experience|"
        r"experiencia|erfahrung|seniorit",
        "experience gap",
    ),
    (
        r"skill|sql|python|technical|test|statistic|case study|assessment|coding|stack|tool|knowledge|competen|"
        r"certif|degree|qualification|"
        r"competenc|habilidad|conocimient|kenntnis|fahigkeit|kompetenz|dbt|excel|stakeholder",
        "skills mismatch",
    ),
    (
        r"cultur|team fit|fit (with|for) the team|better fit|personality|values|soft skill|motivation|kultur|"
        r"ins team|zum team|passt nicht|"
        r"equipo|equipe",
        "culture or team fit",
    ),
    (
        r"salar|\bpay\b|compensation|budget for the role|remuneration|sueldo|gehalt|vergutung|"
        r"(salary|pay|compensation) expectation|expectations? (were |was |are |is )?(too high|above)",
        "salary",
    ),
    (
        r"relocat|location|visa|sponsor|work permit|right to work|commute|on ?site only|remote|demenag|ubicaci|"
        r"reubic|umzug|standort|arbeitserlaubnis|permis",
        "location / visa",
    ),
    (
        r"no reason|without (a )?reason|generic|template|sans (motif|raison)|sin (motivo|razon)|"
        r"ohne (grund|begrundung)|^no$|not given|none given|standard (email|rejection)|other (candidates|applicants)|"
        r"mov(e|ing) forward with|not moving forward|not to proceed|unfortunately",
        "no reason given",
    ),
)
_REASON_COMPILED = tuple((re.compile(pattern), category) for pattern, category in _REASON_RULES)


def classify_reason(text: object) -> str:
    """One reason text -> a category (docs/architecture.md); blank means 'no reason given', unmatched text 'other'."""
    folded = "" if is_missing(text) else fold(text)
    if not folded:
        return "no reason given"
    for pattern, category in _REASON_COMPILED:
        if pattern.search(folded):
            return category
    return "other"
