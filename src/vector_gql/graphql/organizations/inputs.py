"""What the organization mutations take."""

from __future__ import annotations

import strawberry

from .types import Role


@strawberry.input
class CreateOrganizationInput:
    name: str


@strawberry.input
class InviteMemberInput:
    organization_id: strawberry.ID
    email: str
    role: Role  # type: ignore[valid-type]


@strawberry.input
class AcceptMemberInvitationInput:
    token: str


@strawberry.input
class ChangeMemberRoleInput:
    organization_id: strawberry.ID
    user_id: strawberry.ID
    role: Role  # type: ignore[valid-type]


@strawberry.input
class RemoveMemberInput:
    organization_id: strawberry.ID
    user_id: strawberry.ID


@strawberry.input
class RevokeMemberInvitationInput:
    invitation_id: strawberry.ID
