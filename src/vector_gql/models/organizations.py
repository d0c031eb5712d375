"""Organizations: who belongs to which organization, in which role, and invitations."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from .accounts import User


class Role(StrEnum):
    """A member's one role in an organization."""

    OWNER = "OWNER"
    RECRUITER = "RECRUITER"
    EVALUATOR = "EVALUATOR"


class Organization(Model):
    id = fields.BigIntField(primary_key=True)
    name = fields.CharField(max_length=200)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "org_organization"


class Membership(Model):
    id = fields.BigIntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="memberships", on_delete=fields.CASCADE
    )
    organization_id: int
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="memberships", on_delete=fields.CASCADE
    )
    user_id: int
    role = fields.CharEnumField(Role, max_length=16)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "org_membership"
        unique_together = (("organization", "user"),)
        indexes = (("user", "organization"),)


class OrganizationInvitation(Model):
    """An owner's invitation to join, by email and role.

    Only a hash of the token is stored: the token itself travels to the
    invitee once and works once, before ``expires_at``.
    """

    id = fields.BigIntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="invitations", on_delete=fields.CASCADE
    )
    email = fields.CharField(max_length=254)
    email_key = fields.CharField(max_length=254)
    role = fields.CharEnumField(Role, max_length=16)
    token_hash = fields.CharField(max_length=64, unique=True)
    organization_id: int
    invited_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="sent_invitations", null=True, on_delete=fields.SET_NULL
    )
    invited_by_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    accepted_at = fields.DatetimeField(null=True)
    accepted_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="accepted_invitations", null=True, on_delete=fields.SET_NULL
    )
    accepted_by_id: int | None

    class Meta:
        table = "org_invitation"
        indexes = (("organization", "email_key"),)
