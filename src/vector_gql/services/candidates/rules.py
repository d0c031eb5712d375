"""Candidates' limits and checks, free of the database: tokens, status, time limits."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from ...models.candidates import InvitationStatus
from ...models.interviews import InterviewStatus
from ..errors import ErrorCode, Invalid
from ..interviews.rules import RETAKES
from ..validation import Collector

MIN_CANDIDATES = 1
MAX_CANDIDATES = 500
MAX_NAME = 200
# Accommodations: at most an hour more per question, and ten more retakes.
MAX_EXTRA_SECONDS = 3600
MAX_EXTRA_RETAKES = 10
# The most attempts one question can have: its retakes (at most 10) and the extra ones.
MAX_ATTEMPTS = 1 + RETAKES[1] + MAX_EXTRA_RETAKES
# 32 random bytes (256 bits) in the link; only their sha256 is stored.
TOKEN_BYTES = 32
MAX_TOKEN_CHARS = 200


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_url(public_url: str, token: str) -> str:
    return f"{public_url.rstrip('/')}/i/{token}"


def effective_status(
    stored: InvitationStatus,
    expires_at: datetime,
    answer_deadline: datetime | None,
    now: datetime,
) -> InvitationStatus:
    """The status as the API shows it: EXPIRED is an unsubmitted, unrevoked invitation
    whose own expiry or whose interview's answer deadline has passed."""
    if stored in (InvitationStatus.SUBMITTED, InvitationStatus.REVOKED):
        return stored
    if now >= expires_at or (answer_deadline is not None and now >= answer_deadline):
        return InvitationStatus.EXPIRED
    return stored


def closed_problem(status: InvitationStatus, *field: str) -> Invalid | None:
    """The refusal for a candidate's operation on an invitation in this status, if any."""
    if status == InvitationStatus.EXPIRED:
        return Invalid.one(
            ErrorCode.INVITATION_EXPIRED,
            "This invitation has expired: its deadline has passed.",
            *field,
        )
    if status == InvitationStatus.REVOKED:
        return Invalid.one(ErrorCode.INVITATION_REVOKED, "This invitation was withdrawn.", *field)
    if status == InvitationStatus.SUBMITTED:
        return Invalid.one(
            ErrorCode.ALREADY_SUBMITTED, "These answers are submitted and final.", *field
        )
    return None


INTERVIEW_CLOSED_MESSAGE = (
    "This interview was closed by the organization: it no longer takes answers. "
    "The answers you already recorded are kept."
)


def not_answerable(status: InterviewStatus, *field: str) -> Invalid | None:
    """The refusal for a candidate answering an interview in this status, if any.

    CLOSED and ARCHIVED (closed and put away) say INTERVIEW_CLOSED: the candidate
    did nothing wrong, and what they recorded stays. Any other status but OPEN
    keeps NOT_OPEN.
    """
    if status == InterviewStatus.OPEN:
        return None
    if status in (InterviewStatus.CLOSED, InterviewStatus.ARCHIVED):
        return Invalid.one(ErrorCode.INTERVIEW_CLOSED, INTERVIEW_CLOSED_MESSAGE, *field)
    return Invalid.one(ErrorCode.NOT_OPEN, "This interview is not open for answers.", *field)


@dataclass(frozen=True)
class CandidateSpec:
    name: str
    email: str


def check_candidates(specs: list[CandidateSpec], errors: Collector) -> list[CandidateSpec]:
    """Names and emails checked (emails lower-cased), duplicates in the list refused."""
    if not MIN_CANDIDATES <= len(specs) <= MAX_CANDIDATES:
        errors.add(
            ErrorCode.OUT_OF_RANGE,
            f"Invite from {MIN_CANDIDATES} to {MAX_CANDIDATES} candidates at a time.",
            "candidates",
        )
        return []
    checked: list[CandidateSpec] = []
    seen: dict[str, int] = {}
    for i, spec in enumerate(specs):
        name = errors.text(
            spec.name,
            "candidates",
            i,
            "name",
            max_length=MAX_NAME,
            noun="the name",
            missing="Enter the candidate's name.",
        )
        email = errors.email(spec.email, "candidates", i, "email").lower()
        if email and email in seen:
            errors.add(
                ErrorCode.ALREADY_INVITED,
                f"This address is also candidate {seen[email] + 1} of this list.",
                "candidates",
                i,
                "email",
            )
        seen.setdefault(email, i)
        checked.append(CandidateSpec(name, email))
    return checked


def check_expiry(expires_at: datetime, now: datetime, errors: Collector, *field: str) -> datetime:
    if expires_at.tzinfo is None:
        errors.add(ErrorCode.INVALID, "Give the time with its UTC offset.", *field)
    elif expires_at <= now + timedelta(minutes=1):
        errors.add(ErrorCode.OUT_OF_RANGE, "Choose an expiry time in the future.", *field)
    return expires_at


def check_accommodation(
    extra_think_seconds: int, extra_answer_seconds: int, extra_retakes: int, errors: Collector
) -> None:
    errors.in_range(
        extra_think_seconds,
        0,
        MAX_EXTRA_SECONDS,
        "extra_think_seconds",
        name="extra think time",
        unit="seconds",
    )
    errors.in_range(
        extra_answer_seconds,
        0,
        MAX_EXTRA_SECONDS,
        "extra_answer_seconds",
        name="extra answer time",
        unit="seconds",
    )
    errors.in_range(extra_retakes, 0, MAX_EXTRA_RETAKES, "extra_retakes", name="extra retakes")


@dataclass(frozen=True)
class Limits:
    """One question's limits for one candidate, accommodations included."""

    think_seconds: int
    answer_seconds: int
    attempts: int  # 1 + retakes

    def answer_deadline(self, started_at: datetime, upload_seconds: int) -> datetime:
        """The last moment an answer started at ``started_at`` may arrive."""
        return started_at + timedelta(
            seconds=self.think_seconds + self.answer_seconds + upload_seconds
        )

    def longest_recording(self, grace_seconds: float) -> float:
        return self.answer_seconds + grace_seconds
