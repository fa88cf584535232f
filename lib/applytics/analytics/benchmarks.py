"""Employer-side benchmarks: each published figure defined once, with its source, and the sentence that quotes it.

They give scale, never a target: the context panel lists them apart from the user's figures, and a reading or
finding that compares with one takes its number (and its citation) from here, so the two never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class Benchmark:
    """Who published a figure, and when: "CareerPlug Recruiting Metrics Report, 2024"."""

    publisher: str  # "CareerPlug": the short citation in a sentence
    title: str  # "Recruiting Metrics Report"
    year: int | None = None  # None: the publisher does not date it
    month: str | None = None  # "December", when the source names it

    @property
    def source(self) -> str:
        """The full citation, as the context panel shows it."""
        if self.year is None:
            return f"{self.publisher}, {self.title}"
        published = f"{self.month} {self.year}" if self.month else str(self.year)
        return f"{self.publisher} {self.title}, {published}"

    @property
    def figure(self) -> str:
        """The figure in one sentence, as the context panel shows it."""
        raise NotImplementedError


@dataclass(frozen=True, kw_only=True)
class InterviewOdds(Benchmark):
    interviewed: float  # share of applicants invited to an interview
    hired_after_interview: float  # share of those interviewed who are hired

    @property
    def figure(self) -> str:
        return (
            f"About {self.interviewed:.0%} of applicants are invited to an interview; "
            f"{self.hired_after_interview:.0%} of those interviewed are hired."
        )


@dataclass(frozen=True, kw_only=True)
class ReferralOdds(Benchmark):
    referred_one_in: int  # a referred candidate is hired 1 time in this many
    posting_one_in: int  # a candidate from a job posting is hired 1 time in this many

    @property
    def figure(self) -> str:
        return (
            f"A referred candidate is hired about 1 time in {self.referred_one_in}, "
            f"against 1 in {self.posting_one_in} from job postings."
        )


@dataclass(frozen=True, kw_only=True)
class GhostingAfterInterview(Benchmark):
    ghosted: float  # share of job seekers who say they were ghosted after an interview

    @property
    def figure(self) -> str:
        return f"{self.ghosted:.0%} of job seekers say they were ghosted after an interview."


INTERVIEW_ODDS = InterviewOdds(
    publisher="CareerPlug", title="Recruiting Metrics Report", year=2024, interviewed=0.03, hired_after_interview=0.27
)
REFERRAL_ODDS = ReferralOdds(publisher="Lever", title="referral data", referred_one_in=16, posting_one_in=152)
GHOSTING = GhostingAfterInterview(
    publisher="Greenhouse", title="candidate survey", year=2024, month="December", ghosted=0.61
)
ALL: tuple[Benchmark, ...] = (INTERVIEW_ODDS, REFERRAL_ODDS, GHOSTING)  # in the context panel's order
