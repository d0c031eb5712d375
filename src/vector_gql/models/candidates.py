"""Candidates: invitations to answer an interview, and the answers they record."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from .accounts import User
    from .interviews import Interview, Question
    from .media import Video
    from .organizations import Organization


class InvitationStatus(StrEnum):
    """Where an invitation stands.

    The stored status is INVITED, STARTED, SUBMITTED or REVOKED. EXPIRED is never
    stored: an unsubmitted, unrevoked invitation is expired once its ``expires_at``
    or its interview's ``answer_deadline`` has passed, which the candidates service
    works out at read time (``services.candidates.rules.effective_status``).
    """

    INVITED = "INVITED"
    STARTED = "STARTED"
    SUBMITTED = "SUBMITTED"
    EXPIRED = "EXPIRED"
    REVOKED = "REVOKED"


class CandidateInvitation(Model):
    """One candidate invited to answer one interview, by a link with a secret token."""

    id = fields.BigIntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="candidate_invitations", on_delete=fields.CASCADE
    )
    organization_id: int
    interview: fields.ForeignKeyRelation[Interview] = fields.ForeignKeyField(
        "models.Interview", related_name="invitations", on_delete=fields.CASCADE
    )
    interview_id: int
    name = fields.CharField(max_length=200)
    # Stored as given, compared lower-cased (the service lower-cases before saving).
    email = fields.CharField(max_length=254)
    # sha256 hex of the token in the link; the token itself is never stored.
    token_hash = fields.CharField(max_length=64, unique=True)
    status = fields.CharEnumField(InvitationStatus, max_length=16, default=InvitationStatus.INVITED)
    expires_at = fields.DatetimeField()
    created_at = fields.DatetimeField()
    invited_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User",
        related_name="candidate_invitations_sent",
        null=True,
        on_delete=fields.SET_NULL,
    )
    invited_by_id: int | None
    started_at = fields.DatetimeField(null=True)
    submitted_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)
    # Accommodations for this one candidate, added to every question's limits.
    extra_think_seconds = fields.IntField(default=0)
    extra_answer_seconds = fields.IntField(default=0)
    extra_retakes = fields.IntField(default=0)
    # Bumped by each resend, so a resent email is a new message, not a retry of the old one.
    sent_count = fields.IntField(default=0)
    answers: fields.ReverseRelation[Answer]

    class Meta:
        table = "candidate_invitation"
        unique_together = (("interview", "email"),)
        # One per sort order of the invitations connection (keyset pagination).
        indexes = (("interview", "created_at", "id"), ("interview", "status", "id"))


class Answer(Model):
    """One attempt at one question. Every attempt is kept; ``current`` marks the one that counts.

    ``started_at`` is the server's time when the question was shown (``startAnswer``);
    an attempt without ``submitted_at`` is still being recorded.
    """

    id = fields.BigIntField(primary_key=True)
    invitation: fields.ForeignKeyRelation[CandidateInvitation] = fields.ForeignKeyField(
        "models.CandidateInvitation", related_name="answers", on_delete=fields.CASCADE
    )
    invitation_id: int
    # Questions lock once the first answer is stored, so only deleting the whole
    # interview removes a question with answers (and its invitations with it).
    question: fields.ForeignKeyRelation[Question] = fields.ForeignKeyField(
        "models.Question", related_name="answers", on_delete=fields.CASCADE
    )
    question_id: int
    # 1-based per invitation and question.
    attempt = fields.IntField()
    started_at = fields.DatetimeField()
    submitted_at = fields.DatetimeField(null=True)
    video: fields.ForeignKeyNullableRelation[Video] = fields.ForeignKeyField(
        "models.Video", related_name="answers", null=True, on_delete=fields.SET_NULL
    )
    video_id: int | None
    current = fields.BooleanField(default=False)

    class Meta:
        table = "candidate_answer"
        unique_together = (("invitation", "question", "attempt"),)
        indexes = (("invitation", "question", "current"),)
