"""vocabulary: status words -> furthest stage + outcome, per docs/architecture.md.

Why: the same word must mean the same thing everywhere, in four languages and whatever the
case or accents. A declined offer is a success that the candidate turned down, never a
rejection; a wishlist row is not an application; unknown words stay visible.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from applytics.intake.vocabulary import classify_status, stage_mentioned
from applytics.schema import OUTCOME_LABELS, OUTCOMES, STAGE_LABELS, STAGES


@pytest.mark.parametrize(
    ("word", "stage", "outcome"),
    [
        # English, Huntr / Teal and hand-made trackers
        ("Applied", "applied", "active"),
        ("Application sent", "applied", "active"),
        ("In progress", "applied", "active"),
        ("Phone screen", "screen", "active"),
        ("Recruiter call", "screen", "active"),
        ("Interviewing", "interview", "active"),
        ("Onsite", "interview", "active"),
        ("Final round", "interview", "active"),
        ("Technical assessment", "screen", "active"),  # issue #8: an assessment is a screen-level step
        ("Offer", "offer", "active"),
        ("Offer accepted", "offer", "accepted"),
        ("Accepted", "offer", "accepted"),
        ("Offer Rejected", "offer", "declined"),  # Huntr: the candidate rejected the offer
        ("Offer declined", "offer", "declined"),
        ("Declined the offer", "offer", "declined"),
        ("Rejected", "applied", "rejected"),
        ("Rejected after interview", "interview", "rejected"),
        ("Not selected after phone screen", "screen", "rejected"),
        ("Suspected Ghost Job", "applied", "ghosted"),
        ("No response", "applied", "ghosted"),
        ("Ghosted", "applied", "ghosted"),
        ("Ghosted after interview", "interview", "ghosted"),
        ("Withdrawn", "applied", "withdrawn"),
        ("Withdrew after interview", "interview", "withdrawn"),
        ("Position closed", "applied", "closed"),
        ("Hiring freeze", "applied", "closed"),
        ("Position filled", "applied", "closed"),
        # French
        ("Candidature envoyée", "applied", "active"),
        ("Entretien", "interview", "active"),
        ("Refusé", "applied", "rejected"),
        ("Refusé après entretien", "interview", "rejected"),
        ("Pas de réponse", "applied", "ghosted"),
        ("Offre refusée", "offer", "declined"),
        ("Poste pourvu", "applied", "closed"),
        # Spanish
        ("Enviada", "applied", "active"),
        ("Entrevista", "interview", "active"),
        ("Rechazado", "applied", "rejected"),
        ("Rechazado tras entrevista", "interview", "rejected"),
        ("Sin respuesta", "applied", "ghosted"),
        ("Oferta rechazada", "offer", "declined"),
        # German
        ("Beworben", "applied", "active"),
        ("Vorstellungsgespräch", "interview", "active"),
        ("Absage", "applied", "rejected"),
        ("Absage nach Vorstellungsgespräch", "interview", "rejected"),
        ("Keine Antwort", "applied", "ghosted"),
        ("Angebot abgelehnt", "offer", "declined"),
        ("Angebot", "offer", "active"),
    ],
)
def test_status_words(word: str, stage: str, outcome: str) -> None:
    meaning = classify_status(word)
    assert (meaning.stage, meaning.outcome) == (stage, outcome)
    assert meaning.is_application and meaning.known


@pytest.mark.parametrize(
    "variant",
    ["REFUSÉ", "refuse", "Refusee", "  refusé  ", "Refusé.", "refusé!"],
)
def test_case_accents_and_punctuation_do_not_matter(variant: str) -> None:
    assert (classify_status(variant).stage, classify_status(variant).outcome) == ("applied", "rejected")


@pytest.mark.parametrize("variant", ["VORSTELLUNGSGESPRÄCH", "vorstellungsgesprach", " Vorstellungsgespräch "])
def test_german_umlauts_fold(variant: str) -> None:
    assert classify_status(variant).stage == "interview"


@pytest.mark.parametrize(
    "word", ["Rejected offer", "Refused offer", "Offer refused", "Offer turned down", "I declined"]
)
def test_an_offer_the_candidate_turned_down_is_declined_never_rejected(word: str) -> None:
    meaning = classify_status(word)
    assert (meaning.stage, meaning.outcome) == ("offer", "declined")


@pytest.mark.parametrize("word", ["Not hired", "Not accepted"])
def test_a_negated_success_is_not_an_accepted_offer(word: str) -> None:
    # "not hired" is the employer saying no: counting it as an accepted offer inverts the result
    assert classify_status(word).outcome == "rejected"


@pytest.mark.parametrize(
    "word", ["Wishlist", "Wish list", "Bookmarked", "Saved", "Applying", "Not yet applied", "To apply", "À postuler"]
)
def test_wishlist_words_are_not_applications(word: str) -> None:
    meaning = classify_status(word)
    assert not meaning.is_application
    assert meaning.known


@pytest.mark.parametrize("word", ["xyzzy", "Blorptastic", "42"])
def test_unknown_words_are_flagged_not_guessed(word: str) -> None:
    meaning = classify_status(word)
    assert not meaning.known
    # it still counts as an application sent, so nothing is dropped
    assert meaning.is_application
    assert (meaning.stage, meaning.outcome) == ("applied", "active")


@pytest.mark.parametrize("word", [None, "", "   "])
def test_an_empty_status_is_a_sent_application(word: object) -> None:
    meaning = classify_status(word)
    assert (meaning.stage, meaning.outcome, meaning.is_application, meaning.known) == ("applied", "active", True, True)


@pytest.mark.parametrize(
    ("typo", "outcome"), [("Rejcted", "rejected"), ("Interveiw", "active"), ("Widthdrawn", "withdrawn")]
)
def test_typos_match_with_less_than_full_confidence(typo: str, outcome: str) -> None:
    meaning = classify_status(typo)
    assert meaning.known
    assert meaning.outcome == outcome
    assert 0 < meaning.confidence < 1
    assert meaning.matched


def test_exact_words_are_fully_confident() -> None:
    assert classify_status("Rejected").confidence == 1


@pytest.mark.parametrize("word", ["Recruiter reached out", "Recruiter inquiry", "Headhunted"])
def test_inbound_words(word: str) -> None:
    meaning = classify_status(word)
    assert meaning.inbound
    assert meaning.is_application


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("rejected after interview", "interview"),
        ("rejected after phone screen", "screen"),
        ("rejected at offer stage", "offer"),
        ("absage nach vorstellungsgesprach", "interview"),
        ("rejected", "applied"),
    ],
)
def test_stage_mentioned(text: str, stage: str) -> None:
    assert stage_mentioned(text) == stage


def test_stages_and_outcomes_cover_design() -> None:
    assert STAGES == ("applied", "screen", "interview", "offer")  # docs/architecture.md order
    # The seven outcomes, plus "pending" for young silent applications (docs/architecture.md)
    assert set(OUTCOMES) == {"active", "rejected", "ghosted", "withdrawn", "declined", "accepted", "closed", "pending"}
    assert set(STAGE_LABELS) == set(STAGES)
    assert set(OUTCOME_LABELS) == set(OUTCOMES)
    assert len(set(OUTCOME_LABELS.values())) == len(OUTCOMES)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), st.integers(), st.floats(), st.none()))
def test_classify_status_never_raises(word: object) -> None:
    meaning = classify_status(word)
    assert meaning.stage in STAGES
    assert meaning.outcome in OUTCOMES
    assert 0 < meaning.confidence <= 1


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["Rejected after interview", "Offer declined", "Phone screen", "Wishlist", "Refusé", "Absage"]),
    st.lists(st.booleans(), min_size=30, max_size=30),
)
def test_classification_ignores_case(word: str, upper: list[bool]) -> None:
    mixed = "".join(ch.upper() if flip else ch.lower() for ch, flip in zip(word, upper, strict=False))
    assert classify_status(mixed) == classify_status(word)


# ---------------------------------------------------------------- issue #8: what people write on real trackers


@pytest.mark.parametrize(
    ("word", "stage", "outcome"),
    [
        # negation is meaning: silence or a rejection, never a reply or a stage
        ("No reply", "applied", "ghosted"),
        ("No response yet", "applied", "ghosted"),
        ("Never heard back", "applied", "ghosted"),
        ("No callback yet", "applied", "ghosted"),
        ("Not selected", "applied", "rejected"),
        ("Did not proceed", "applied", "rejected"),
        ("Not shortlisted", "applied", "rejected"),
        ("No interview", "applied", "rejected"),
        ("Rejected without an interview", "applied", "rejected"),
        ("No interview yet", "applied", "active"),  # still waiting, not a verdict
        # the candidate's own decision, not a rejection
        ("I withdrew", "applied", "withdrawn"),
        ("Declined by me", "applied", "withdrawn"),
        ("I pulled out", "applied", "withdrawn"),
        ("Turned down the interview", "screen", "withdrawn"),  # an invitation is a positive reply
        # compound words carry both parts
        ("Rejected after assessment", "screen", "rejected"),
        ("Phone screen + rejected", "screen", "rejected"),
        ("Ghosted after 2nd round", "interview", "ghosted"),
        ("Rejected after HM interview", "interview", "rejected"),
        # assessments are a screen-level step; on-sites, superdays and panels are interviews
        ("Online assessment", "screen", "active"),
        ("OA", "screen", "active"),
        ("Coding challenge", "screen", "active"),
        ("Take-home", "screen", "active"),
        ("Technical test", "screen", "active"),
        ("Written test", "screen", "active"),
        ("HackerRank sent", "screen", "active"),
        ("Technical interview", "interview", "active"),
        ("On-site", "interview", "active"),
        ("On campus interview", "interview", "active"),
        ("Superday", "interview", "active"),
        ("Panel", "interview", "active"),
        ("Hiring manager interview", "interview", "active"),
        # German's most common words for a refusal and for "in progress"
        ("Absage erhalten", "applied", "rejected"),
        ("Ablehnung", "applied", "rejected"),
        ("In Bearbeitung", "applied", "active"),
        ("Vorstellungsgespräch", "interview", "active"),
        # Portuguese, Italian, Dutch
        ("Rejeitado", "applied", "rejected"),
        ("Não selecionado", "applied", "rejected"),
        ("Em análise", "applied", "active"),
        ("Entrevista marcada", "interview", "active"),
        ("Proposta recebida", "offer", "active"),
        ("Rifiutato", "applied", "rejected"),
        ("Colloquio", "interview", "active"),
        ("In attesa", "applied", "active"),
        ("Afgewezen", "applied", "rejected"),
        ("Sollicitatiegesprek", "interview", "active"),
        ("Geen reactie", "applied", "ghosted"),
        ("Aanbod afgewezen", "offer", "declined"),
        # Simplified Chinese
        ("已投递", "applied", "active"),
        ("笔试", "screen", "active"),
        ("一面", "interview", "active"),
        ("二面", "interview", "active"),
        ("HR面", "interview", "active"),
        ("线下面", "interview", "active"),
        ("offer拒绝", "offer", "declined"),
        ("拒绝offer", "offer", "declined"),
        ("已签约", "offer", "accepted"),
        ("感谢信", "applied", "rejected"),
        ("二面挂了", "interview", "rejected"),
        ("石沉大海", "applied", "ghosted"),
        ("不去了", "applied", "withdrawn"),
        # more of what people type
        ("Not a fit", "applied", "rejected"),
        ("Job posting removed", "applied", "closed"),
        ("No longer accepting applications", "applied", "closed"),
        ("Moved to next round", "interview", "active"),
        ("Applied - no response", "applied", "ghosted"),
        ("Rejected (no interview)", "applied", "rejected"),
        ("✅ Offer", "offer", "active"),
        ("❌ Rejected", "applied", "rejected"),
        ("Assessment sent", "screen", "active"),
        ("En proceso", "applied", "active"),
        ("Descartado", "applied", "rejected"),
        ("Relancé", "applied", "active"),
        ("Einladung zum Gespräch", "interview", "active"),
        ("Em processo", "applied", "active"),
        ("nope", "applied", "rejected"),
        ("No luck", "applied", "rejected"),
        ("tech round", "interview", "active"),
        ("final", "interview", "active"),
        ("Phone round", "screen", "active"),
        ("withdrew, accepted another offer", "applied", "withdrawn"),  # the offer was another company's
        ("Took a different job", "applied", "withdrawn"),
        ("offer but declined - salary too low", "offer", "declined"),
    ],
)
def test_real_tracker_phrasings(word: str, stage: str, outcome: str) -> None:
    meaning = classify_status(word)
    assert (meaning.stage, meaning.outcome, meaning.confidence) == (stage, outcome, 1.0)


@pytest.mark.parametrize("word", ["Researching", "Want to apply", "Planning", "Not started", "To do", "Backlog"])
def test_words_for_not_sent_yet_are_not_applications(word: str) -> None:
    assert classify_status(word).is_application is False


@pytest.mark.parametrize("word", ["Not intervewed", "No intervew", "Never replyed"])
def test_a_near_miss_of_a_negated_phrase_is_never_guessed(word: str) -> None:
    """Fuzzy matching would read 'intervew' as 'interview': with a negation in front, that is its opposite."""
    meaning = classify_status(word)
    assert meaning.stage == "applied"
    assert meaning.outcome not in ("accepted",)
    assert not meaning.known or meaning.outcome in ("rejected", "ghosted")
    assert meaning.confidence == 1.0  # never a silent fuzzy reading


@pytest.mark.parametrize(
    ("text", "stage"),
    [("rejected without an interview", "applied"), ("no offer after the final round", "interview")],
)
def test_a_negated_stage_is_not_a_stage_reached(text: str, stage: str) -> None:
    assert stage_mentioned(text) == stage
