"""The audit log: who did or saw what, kept for an organization's owners."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from .accounts import User
    from .interviews import Interview
    from .organizations import Organization


class AuditAction(StrEnum):
    # An interview's rubric was set or replaced.
    RUBRIC_CHANGED = "RUBRIC_CHANGED"
    # An evaluator was assigned a submission (the evaluator is the subject).
    EVALUATOR_ASSIGNED = "EVALUATOR_ASSIGNED"
    # An evaluation was submitted, or revised (a new version; the old one is kept).
    EVALUATION_SUBMITTED = "EVALUATION_SUBMITTED"
    EVALUATION_REVISED = "EVALUATION_REVISED"
    # A candidate's identity was shown to a member for the first time (the subject).
    IDENTITY_REVEALED = "IDENTITY_REVEALED"
    # A video was deleted (details: its id and title, since the row is gone).
    VIDEO_DELETED = "VIDEO_DELETED"


class AuditEntry(Model):
    """One recorded fact. Entries are only ever added.

    The ids of what an entry is about are kept even after those rows are
    gone (the foreign keys set null, and ``invitation_id`` is a plain
    column), so the log outlives what it describes; only deleting the
    organization removes it.
    """

    id = fields.BigIntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="audit_entries", on_delete=fields.CASCADE
    )
    organization_id: int
    action = fields.CharEnumField(AuditAction, max_length=32)
    # Who did it; null when it was the system, or the user is gone.
    actor: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="audit_actions", null=True, on_delete=fields.SET_NULL
    )
    actor_id: int | None
    # Whom it concerns: the member an identity was shown to, an assigned evaluator.
    subject_user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="audit_subjects", null=True, on_delete=fields.SET_NULL
    )
    subject_user_id: int | None
    interview: fields.ForeignKeyNullableRelation[Interview] = fields.ForeignKeyField(
        "models.Interview", related_name="audit_entries", null=True, on_delete=fields.SET_NULL
    )
    interview_id: int | None
    # The candidate it concerns, if any.
    invitation_id = fields.BigIntField(null=True)
    # Small facts in words and numbers (where an identity was shown, counts).
    details: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    created_at = fields.DatetimeField()

    class Meta:
        table = "audit_entry"
        indexes = (("organization", "created_at"),)
