"""Reading organizations and memberships, through the principal's policy."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tortoise.queryset import QuerySet

from ...models.accounts import User
from ...models.organizations import Membership, Organization, OrganizationInvitation, Role
from ..accounts.rows import UserRow
from ..auth import (
    Action,
    Member,
    Principal,
    readable_member_invitations,
    readable_memberships,
    readable_organizations,
    reads_nothing,
    require,
)
from ..clock import Clock
from ..paging import Page, PageRequest, Sort, keyset_page
from .rows import InvitationRow, MembershipRow, OrganizationRow

MEMBER_SORT = Sort("created_at")
INVITATION_SORT = Sort("created_at")


@dataclass(frozen=True)
class MembershipRelations:
    """The users and organizations of memberships the principal sees, by id; None: not
    asked for. Seeing a membership implies seeing both."""

    users: dict[int, UserRow] | None = None
    organizations: dict[int, OrganizationRow] | None = None


class OrganizationReads:
    clock: Clock

    async def membership_relations(
        self, memberships: Sequence[MembershipRow], *, users: bool, organizations: bool
    ) -> MembershipRelations:
        """The wanted relations of memberships the principal reads, one statement each."""
        found_users = (
            {
                row.id: row
                for row in await UserRow.by_column(User, "id", {m.user_id for m in memberships})
            }
            if users
            else None
        )
        found_organizations = (
            {
                row.id: row
                for row in await OrganizationRow.by_column(
                    Organization, "id", {m.organization_id for m in memberships}
                )
            }
            if organizations
            else None
        )
        return MembershipRelations(found_users, found_organizations)

    async def readable_organizations(
        self, principal: Principal, ids: Iterable[int]
    ) -> dict[int, OrganizationRow]:
        if reads_nothing(principal):
            return {}
        return await OrganizationRow.by_id(readable_organizations(principal), ids)

    async def organizations_by_id(self, ids: Iterable[int]) -> dict[int, OrganizationRow]:
        """No visibility check: for relations of objects the principal may already see."""
        return await OrganizationRow.by_id(Organization.all(), ids)

    async def roles_of(
        self, principal: Principal, organization_ids: Iterable[int]
    ) -> dict[int, Role]:
        """The principal's role in each of these organizations where they have one."""
        if not isinstance(principal, Member):
            return {}
        rows = await Membership.filter(
            user_id=principal.user_id, organization_id__in=list(organization_ids)
        ).values("organization_id", "role")
        return {row["organization_id"]: Role(row["role"]) for row in rows}

    async def memberships_of(self, principal: Principal, user_id: int) -> list[MembershipRow]:
        """The user's memberships that the principal may see, oldest first."""
        if reads_nothing(principal):
            return []
        query = readable_memberships(principal).filter(user_id=user_id)
        return await MembershipRow.fetch(query.order_by("created_at", "id"))

    async def members_page(
        self, principal: Principal, organization_id: int, request: PageRequest
    ) -> Page[MembershipRow]:
        await require(principal, organization_id, Action.READ_MEMBERS)
        query = Membership.filter(organization_id=organization_id)
        return await keyset_page(query, MEMBER_SORT, request, MembershipRow)

    def pending_invitations(self, organization_id: int) -> QuerySet[OrganizationInvitation]:
        """Invitations that can still be accepted: not used, not expired."""
        return OrganizationInvitation.filter(
            organization_id=organization_id,
            accepted_at__isnull=True,
            expires_at__gt=self.clock.now(),
        )

    async def invitations_page(
        self, principal: Principal, organization_id: int, request: PageRequest
    ) -> Page[InvitationRow]:
        """The organization's pending invitations, oldest first: owners only."""
        await require(principal, organization_id, Action.MANAGE_MEMBERS)
        query = self.pending_invitations(organization_id)
        return await keyset_page(query, INVITATION_SORT, request, InvitationRow)

    async def readable_invitations(
        self, principal: Principal, ids: Iterable[int]
    ) -> dict[int, InvitationRow]:
        if reads_nothing(principal):
            return {}
        return await InvitationRow.by_id(readable_member_invitations(principal), ids)
