"""Organizations in GraphQL: members, roles, invitations."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from ..models import organizations as models
from ..services.organizations import MEMBER_SORT, Invited
from . import loaders
from .errors import UserError, payload
from .mail import OutboxMessage, outbox_field
from .node import decode_id, resolve_visible
from .pagination import Connection, page_request

Role = strawberry.enum(
    models.Role,
    name="Role",
    description="A member's role. OWNER: everything, including members. RECRUITER: create and "
    "change interviews. EVALUATOR: read interviews and review answers.",
)
if TYPE_CHECKING:
    from .accounts import User

UserType = Annotated["User", strawberry.lazy("vector_gql.graphql.accounts")]


@strawberry.type(description="A company or team that runs interviews.")
class Organization(relay.Node):
    id: relay.NodeID[int]
    name: str
    created_at: datetime

    @classmethod
    def from_model(cls, org: models.Organization) -> Organization:
        return cls(id=org.id, name=org.name, created_at=org.created_at)

    @strawberry.field(description="The viewer's role here.")
    async def viewer_role(self, info: Info) -> Role | None:
        return await loaders.viewer_roles(info).load(self.id)

    @strawberry.field(description="The members, oldest first. Visible to members.")
    async def members(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Membership]:
        viewer = await info.context.require_viewer()
        request = page_request(first=first, after=after, last=last, before=before, sort=MEMBER_SORT)
        page = await info.context.services.organizations.members_page(viewer, self.id, request)
        return Connection.from_page(page, Membership.from_model)

    outbox: Connection[OutboxMessage] = outbox_field

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Organization | None]:
        return await resolve_visible(
            info,
            node_ids,
            info.context.services.organizations.visible_organizations,
            cls.from_model,
        )


@strawberry.type(description="A user's place in an organization.")
class Membership:
    role: Role
    created_at: datetime = strawberry.field(description="When the user joined.")
    _organization_id: strawberry.Private[int]
    _user_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, m: models.Membership) -> Membership:
        return cls(
            role=m.role,
            created_at=m.created_at,
            _organization_id=m.organization_id,
            _user_id=m.user_id,
        )

    @strawberry.field
    async def organization(self, info: Info) -> Organization:
        return Organization.from_model(
            await loaders.organizations(info).load(self._organization_id)
        )

    @strawberry.field
    async def user(self, info: Info) -> UserType:
        from .accounts import User

        return User.from_model(await loaders.users(info).load(self._user_id))


@strawberry.type(description="An invitation to join an organization, by email and role.")
class OrganizationInvitation:
    email: str
    role: Role
    created_at: datetime
    expires_at: datetime
    _organization_id: strawberry.Private[int]

    @strawberry.field
    async def organization(self, info: Info) -> Organization:
        return Organization.from_model(
            await loaders.organizations(info).load(self._organization_id)
        )


@strawberry.input
class CreateOrganizationInput:
    name: str


@strawberry.type
class CreateOrganizationPayload:
    organization: Organization | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class InviteMemberInput:
    organization_id: strawberry.ID
    email: str
    role: Role


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
        inv = result.invitation
        return cls(
            invitation=OrganizationInvitation(
                email=inv.email,
                role=inv.role,
                created_at=inv.created_at,
                expires_at=inv.expires_at,
                _organization_id=inv.organization_id,
            ),
            invitation_token=result.token,
        )


@strawberry.input
class AcceptMemberInvitationInput:
    token: str


@strawberry.type
class MembershipPayload:
    membership: Membership | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class ChangeMemberRoleInput:
    organization_id: strawberry.ID
    user_id: strawberry.ID
    role: Role


@strawberry.input
class RemoveMemberInput:
    organization_id: strawberry.ID
    user_id: strawberry.ID


@strawberry.type
class RemoveMemberPayload:
    organization: Organization | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class OrganizationMutation:
    @strawberry.mutation(description="Create an organization with the viewer as its owner.")
    async def create_organization(
        self, info: Info, input: CreateOrganizationInput
    ) -> CreateOrganizationPayload:
        async def call() -> models.Organization:
            viewer = await info.context.require_viewer()
            return await info.context.services.organizations.create_organization(
                viewer, name=input.name
            )

        return await payload(
            call(),
            lambda org: CreateOrganizationPayload(organization=Organization.from_model(org)),
            CreateOrganizationPayload,
        )

    @strawberry.mutation(description="Invite someone by email to join in a role. Owners only.")
    async def invite_member(self, info: Info, input: InviteMemberInput) -> InviteMemberPayload:
        async def call() -> Invited:
            viewer = await info.context.require_viewer()
            return await info.context.services.organizations.invite_member(
                viewer,
                organization_id=decode_id(input.organization_id, "Organization", "organizationId"),
                email=input.email,
                role=models.Role(input.role),
            )

        return await payload(call(), InviteMemberPayload.invited, InviteMemberPayload)

    @strawberry.mutation(
        description="Join an organization with an invitation sent to the viewer's email address."
    )
    async def accept_member_invitation(
        self, info: Info, input: AcceptMemberInvitationInput
    ) -> MembershipPayload:
        async def call() -> models.Membership:
            viewer = await info.context.require_viewer()
            return await info.context.services.organizations.accept_invitation(
                viewer, token=input.token
            )

        return await payload(
            call(),
            lambda m: MembershipPayload(membership=Membership.from_model(m)),
            MembershipPayload,
        )

    @strawberry.mutation(
        description="Give a member another role. Owners only; the last owner stays an owner."
    )
    async def change_member_role(
        self, info: Info, input: ChangeMemberRoleInput
    ) -> MembershipPayload:
        async def call() -> models.Membership:
            viewer = await info.context.require_viewer()
            return await info.context.services.organizations.change_member_role(
                viewer,
                organization_id=decode_id(input.organization_id, "Organization", "organizationId"),
                user_id=decode_id(input.user_id, "User", "userId"),
                role=models.Role(input.role),
            )

        return await payload(
            call(),
            lambda m: MembershipPayload(membership=Membership.from_model(m)),
            MembershipPayload,
        )

    @strawberry.mutation(
        description="Remove a member (owners), or leave (anyone, for themself). The last owner "
        "cannot be removed."
    )
    async def remove_member(self, info: Info, input: RemoveMemberInput) -> RemoveMemberPayload:
        async def call() -> models.Organization:
            viewer = await info.context.require_viewer()
            return await info.context.services.organizations.remove_member(
                viewer,
                organization_id=decode_id(input.organization_id, "Organization", "organizationId"),
                user_id=decode_id(input.user_id, "User", "userId"),
            )

        return await payload(
            call(),
            lambda org: RemoveMemberPayload(organization=Organization.from_model(org)),
            RemoveMemberPayload,
        )
