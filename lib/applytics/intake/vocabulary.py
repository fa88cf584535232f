"""Status words -> (furthest stage, outcome), yes/no flags and rejection reasons, read with the lexicon's tables."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from applytics.intake import lexicon
from applytics.intake.lexicon import common
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

_INTERVIEW = lexicon.pattern("STATUS", "interview")
# Assessments are a screen-level step: a test taken before (or instead of) the first interview.
_ASSESSMENT = lexicon.pattern("STATUS", "assessment")
_SCREEN = lexicon.pattern("STATUS", "screen", extra=(_ASSESSMENT,))
_OFFER_NAMED = lexicon.pattern("STATUS", "offer_named")

# A word that negates what follows ("no reply", "not selected", "never heard back", "did not proceed").
NEGATION = r"\b(" + "|".join(sorted(lexicon.words("NEGATION"), key=lambda w: (-len(w), w))) + r")\b"
_NEGATED_NOUNS = r"( (a|an|the|any|first|second))* (interview|screen|call|offer|test)"

# Meaning of each STATUS table of the lexicon, in the order the rules are tried: the first that matches decides.
# Negated and compound phrasings come before the words they contain ("not selected" before "selected", "offer
# declined" before "offer"); a meaning given as an outcome takes its stage from the words ("rejected after
# assessment" reached the screen).
_MEANINGS: tuple[tuple[str, StatusMeaning | str], ...] = (
    ("not_application", NOT_APPLICATION),
    ("declined_invitation", StatusMeaning("screen", "withdrawn")),
    ("declined_offer", StatusMeaning("offer", "declined")),
    ("withdrawn_by_me", "withdrawn"),
    ("not_selected", "rejected"),
    ("accepted", StatusMeaning("offer", "accepted")),
    ("withdrawn", "withdrawn"),
    ("ghosted", "ghosted"),
    ("closed", "closed"),
    ("rejected", "rejected"),
)
_RULES: tuple[tuple[str, StatusMeaning | str], ...] = (
    *((lexicon.pattern("STATUS", key), meaning) for key, meaning in _MEANINGS),
    (NEGATION + _NEGATED_NOUNS + r"s? yet", StatusMeaning()),  # "no interview yet": still waiting
    (NEGATION + _NEGATED_NOUNS, "rejected"),  # "no interview", "not interviewed"
    (lexicon.pattern("STATUS", "offer"), StatusMeaning("offer")),
    (lexicon.pattern("STATUS", "inbound"), StatusMeaning("applied", inbound=True)),
    (_INTERVIEW, StatusMeaning("interview")),
    (_SCREEN, StatusMeaning("screen")),
    (lexicon.pattern("STATUS", "applied"), StatusMeaning("applied")),
)
_COMPILED = tuple((re.compile(pattern), meaning) for pattern, meaning in _RULES)


def stage_mentioned(folded: str) -> str:
    """The furthest stage a free-text status names ('Rejected after interview' -> interview); a negated
    stage ('no interview', 'rejected without an interview') is not one reached."""
    reached = _ELSEWHERE.sub(" ", _NEGATED_STAGE.sub(" ", folded))
    if re.search(_OFFER_NAMED, reached):
        return "offer"
    if re.search(_INTERVIEW, reached):
        return "interview"
    if re.search(_SCREEN, reached):
        return "screen"
    return "applied"


_ELSEWHERE = re.compile(r"\b(an ?other|a different|other) (offer|job|role|position|company)s?\b")  # not this one
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

_YES = lexicon.words("YES")
_NO = lexicon.words("NO")
_MARKS = common.MARKS


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
_REASON_ORDER = (
    "overqualified", "internal candidate", "automated screen", "position cancelled", "position filled",
    "experience gap", "skills mismatch", "culture or team fit", "salary", "location / visa", "no reason given",
)  # fmt: skip
_REASON_COMPILED = tuple((re.compile(lexicon.pattern("REASONS", c)), c) for c in _REASON_ORDER)


def classify_reason(text: object) -> str:
    """One reason text -> a category (docs/architecture.md); blank means 'no reason given', unmatched text 'other'."""
    folded = "" if is_missing(text) else fold(text)
    if not folded:
        return "no reason given"
    for pattern, category in _REASON_COMPILED:
        if pattern.search(folded):
            return category
    return "other"
