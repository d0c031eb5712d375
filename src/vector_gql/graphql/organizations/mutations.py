"""Create organizations; invite, accept, change and remove members."""

from __future__ import annotations

import strawberry
from strawberry import relay

from ...models import organizations as models
from ...services.organizations import Invited
from ..context import Info
from ..errors import UserError, mutation
from ..node import decode_id
from .inputs import (
    AcceptMemberInvitationInput,
    ChangeMemberRoleInput,
    CreateOrganizationInput,
    InviteMemberInput,
    RemoveMemberInput,
    RevokeMemberInvitationInput,
)
from .types import Membership, Organization, OrganizationInvitation


@strawberry.type
class CreateOrganizationPayload:
    organization: Organization | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class InviteMemberPayload:
    invitation: OrganizationInvitation | None = None
    invitation_token: str | None = strawberry.field(
        default=None,
        description="The secret the invitee accepts with (acceptMemberInvitation, or signup's "
        "invitationToken). No email is sent yet, so it is returned to the inviting owner here, "
        "once, to pass on; only its hash is stored. Valid for 7 days, for one use.",
    )
    errors: list[UserError] = strawberry.field(default_factory=list)

    @classmethod
    def invited(cls, result: Invited) -> InviteMemberPayload:
        return cls(
            invitation=OrganizationInvitation.from_row(result.invitation),
            invitation_token=result.token,
        )


@strawberry.type
class MembershipPayload:
    membership: Membership | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class RemoveMemberPayload:
    organization: Organization | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class RevokeMemberInvitationPayload:
    revoked_invitation_id: strawberry.ID | None = None
    organization: Organization | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


def _organization_id(value: strawberry.ID) -> int:
    return decode_id(value, "Organization", "organization_id")


@strawberry.type
class OrganizationMutation:
    @mutation(description="Create an organization with the viewer as its owner.")
    async def create_organization(
        self, info: Info, input: CreateOrganizationInput
    ) -> CreateOrganizationPayload:
        principal = await info.context.authenticated()
        row = await info.context.services.organizations.create_organization(
            principal, name=input.name
        )
        return CreateOrganizationPayload(organization=Organization.from_row(row))

    @mutation(description="Invite someone by email to join in a role. Owners only.")
    async def invite_member(self, info: Info, input: InviteMemberInput) -> InviteMemberPayload:
        principal = await info.context.authenticated()
        invited = await info.context.services.organizations.invite_member(
            principal,
            organization_id=_organization_id(input.organization_id),
            email=input.email,
            role=models.Role(input.role),
        )
        return InviteMemberPayload.invited(invited)

    @mutation(
        description="Join an organization with an invitation sent to the viewer's email address."
    )
    async def accept_member_invitation(
        self, info: Info, input: AcceptMemberInvitationInput
    ) -> MembershipPayload:
        principal = await info.context.authenticated()
        row = await info.context.services.organizations.accept_invitation(
            principal, token=input.token
        )
        return MembershipPayload(membership=Membership.from_row(row))

    @mutation(description="Give a member another role. Owners only; the last owner stays an owner.")
    async def change_member_role(
        self, info: Info, input: ChangeMemberRoleInput
    ) -> MembershipPayload:
        principal = await info.context.authenticated()
        row = await info.context.services.organizations.change_member_role(
            principal,
            organization_id=_organization_id(input.organization_id),
            user_id=decode_id(input.user_id, "User", "user_id"),
            role=models.Role(input.role),
        )
        return MembershipPayload(membership=Membership.from_row(row))

    @mutation(
        description="Remove a member (owners), or leave (anyone, for themself). The last owner "
        "cannot be removed."
    )
    async def remove_member(self, info: Info, input: RemoveMemberInput) -> RemoveMemberPayload:
        principal = await info.context.authenticated()
        row = await info.context.services.organizations.remove_member(
            principal,
            organization_id=_organization_id(input.organization_id),
            user_id=decode_id(input.user_id, "User", "user_id"),
        )
        return RemoveMemberPayload(organization=Organization.from_row(row))

    @mutation(
        description="Withdraw a pending invitation, so that its token no longer works. Owners only."
    )
    async def revoke_member_invitation(
        self, info: Info, input: RevokeMemberInvitationInput
    ) -> RevokeMemberInvitationPayload:
        principal = await info.context.authenticated()
        invitation_id = decode_id(input.invitation_id, "OrganizationInvitation", "invitation_id")
        organizations = info.context.services.organizations
        organization_id = await organizations.revoke_invitation(
            principal, invitation_id=invitation_id
        )
        rows = await organizations.organizations_by_id([organization_id])
        return RevokeMemberInvitationPayload(
            revoked_invitation_id=strawberry.ID(
                relay.to_base64("OrganizationInvitation", invitation_id)
            ),
            organization=Organization.from_row(rows[organization_id]),
        )
