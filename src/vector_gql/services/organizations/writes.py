"""Creating organizations, inviting and changing members.

An organization never loses its last owner: changes to its owners lock its
row first, and read the acting member's role only under that lock.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from tortoise.exceptions import IntegrityError

from ...models.accounts import User
from ...models.organizations import Membership, Organization, OrganizationInvitation, Role
from ..auth import (
    Action,
    Principal,
    may,
    membership,
    not_found_organization,
    require,
    require_member,
)
from ..clock import Clock
from ..errors import ErrorCode, Invalid
from ..events import (
    EventBus,
    MemberInvitationRevoked,
    MemberInvited,
    MemberJoined,
    MemberRemoved,
    MemberRoleChanged,
    OrganizationCreated,
)
from ..validation import Collector
from .rows import InvitationRow, MembershipRow, OrganizationRow
from .rules import INVITATION_DAYS, MAX_NAME, check_name, hash_token


@dataclass(frozen=True)
class Invited:
    invitation: InvitationRow
    # Handed to the inviting owner once: no mail is sent yet.
    token: str


class OrganizationWrites:
    clock: Clock
    events: EventBus

    async def create_organization(self, principal: Principal, *, name: str) -> OrganizationRow:
        member = require_member(principal)
        name = check_name(name)
        async with self.events.unit() as events:
            now = self.clock.now()
            org = await Organization.create(name=name, created_at=now)
            await Membership.create(
                organization=org, user_id=member.user_id, role=Role.OWNER, created_at=now
            )
            events.append(OrganizationCreated(org.id, member.user_id))
        return OrganizationRow.of(org)

    async def provision(self, user: User, invitation: OrganizationInvitation | None) -> None:
        """A new user's first membership: the invitation's, or a new organization.

        Runs inside the signup's unit of work.
        """
        if invitation is not None:
            await self._accept(invitation, user.id, "invitation_token")
            return
        async with self.events.unit() as events:
            now = self.clock.now()
            org = await Organization.create(
                name=f"{user.username}'s organization"[:MAX_NAME], created_at=now
            )
            await Membership.create(organization=org, user=user, role=Role.OWNER, created_at=now)
            events.append(OrganizationCreated(org.id, user.id))

    # --- invitations ----------------------------------------------------------

    async def invite_member(
        self, principal: Principal, *, organization_id: int, email: str, role: Role
    ) -> Invited:
        await require(principal, organization_id, Action.MANAGE_MEMBERS, "organization_id")
        errors = Collector()
        email = errors.email(email, "email")
        errors.raise_if_any()
        key = email.lower()
        if await Membership.filter(organization_id=organization_id, user__email_key=key).exists():
            raise Invalid.one(
                ErrorCode.ALREADY_MEMBER,
                "Someone with this email address is already a member.",
                "email",
            )
        member = require_member(principal)
        token = secrets.token_urlsafe(32)
        async with self.events.unit() as events:
            now = self.clock.now()
            # A new invitation replaces any pending one for the same address.
            await OrganizationInvitation.filter(
                organization_id=organization_id, email_key=key, accepted_at__isnull=True
            ).delete()
            invitation = await OrganizationInvitation.create(
                organization_id=organization_id,
                email=email,
                email_key=key,
                role=role,
                token_hash=hash_token(token),
                invited_by_id=member.user_id,
                created_at=now,
                expires_at=now + timedelta(days=INVITATION_DAYS),
            )
            events.append(MemberInvited(organization_id, invitation.id))
        return Invited(InvitationRow.of(invitation), token)

    async def find_invitation(
        self, token: str, email: str, *field: str | int
    ) -> OrganizationInvitation:
        """A usable invitation for this token and email address, or Invalid."""
        token = token.strip()
        invitation = None
        if token:
            invitation = await OrganizationInvitation.filter(token_hash=hash_token(token)).first()
        if invitation is None or invitation.accepted_at is not None:
            raise Invalid.one(
                ErrorCode.INVALID_TOKEN,
                "This invitation is not valid or has already been used.",
                *field,
            )
        if invitation.expires_at <= self.clock.now():
            raise Invalid.one(
                ErrorCode.EXPIRED,
                "This invitation has expired. Ask the organization's owner for a new one.",
                *field,
            )
        if not await self._sender_may_invite(invitation):
            raise _lapsed(*field)
        if invitation.email_key != email.strip().lower():
            raise Invalid.one(
                ErrorCode.WRONG_ACCOUNT,
                f"This invitation was sent to {invitation.email}; sign in with that address.",
                *field,
            )
        return invitation

    async def accept_invitation(self, principal: Principal, *, token: str) -> MembershipRow:
        member = require_member(principal)
        invitation = await self.find_invitation(token, member.user.email, "token")
        if await membership(member.user_id, invitation.organization_id) is not None:
            raise Invalid.one(
                ErrorCode.ALREADY_MEMBER, "You are already a member of this organization.", "token"
            )
        return await self._accept(invitation, member.user_id, "token")

    @staticmethod
    async def _sender_may_invite(invitation: OrganizationInvitation) -> bool:
        """An invitation speaks for its sender: it works while they may still invite."""
        if invitation.invited_by_id is None:
            return False
        sender = await membership(invitation.invited_by_id, invitation.organization_id)
        return sender is not None and may(sender.role, Action.MANAGE_MEMBERS)

    async def _accept(
        self, invitation: OrganizationInvitation, user_id: int, field: str
    ) -> MembershipRow:
        async with self.events.unit() as events:
            # Under the lock that removals and role changes take: the sender's right is
            # read as it stands when the invitation is used.
            await self._lock(invitation.organization_id)
            if not await self._sender_may_invite(invitation):
                raise _lapsed(field)
            now = self.clock.now()
            used = await OrganizationInvitation.filter(
                id=invitation.id, accepted_at__isnull=True
            ).update(accepted_at=now, accepted_by_id=user_id)
            if not used:
                raise Invalid.one(
                    ErrorCode.INVALID_TOKEN, "This invitation has already been used.", field
                )
            try:
                joined = await Membership.create(
                    organization_id=invitation.organization_id,
                    user_id=user_id,
                    role=invitation.role,
                    created_at=now,
                )
            except IntegrityError:
                raise Invalid.one(
                    ErrorCode.ALREADY_MEMBER,
                    "You are already a member of this organization.",
                    field,
                ) from None
            events.append(MemberJoined(invitation.organization_id, user_id, invitation.role))
        return MembershipRow.of(joined)

    async def revoke_invitation(self, principal: Principal, *, invitation_id: int) -> int:
        """Withdraw a pending invitation (owners); returns the organization's id."""
        invitation = await OrganizationInvitation.filter(id=invitation_id).first()
        if invitation is None:
            raise _no_invitation()
        async with self.events.unit() as events:
            await self._lock(invitation.organization_id)
            found = await membership(require_member(principal).user_id, invitation.organization_id)
            if found is None:
                raise _no_invitation()  # outsiders learn nothing
            await require(principal, invitation.organization_id, Action.MANAGE_MEMBERS)
            removed = await OrganizationInvitation.filter(
                id=invitation.id, accepted_at__isnull=True
            ).delete()
            if not removed:
                raise Invalid.one(
                    ErrorCode.INVALID_TRANSITION,
                    "This invitation has already been accepted; remove the member instead.",
                    "invitation_id",
                )
            events.append(MemberInvitationRevoked(invitation.organization_id, invitation.id))
        return invitation.organization_id

    async def _drop_invitations_of(self, organization_id: int, user_id: int) -> None:
        """A member who can no longer invite takes their pending invitations with them."""
        await OrganizationInvitation.filter(
            organization_id=organization_id, invited_by_id=user_id, accepted_at__isnull=True
        ).delete()

    # --- changing members -------------------------------------------------------

    async def change_member_role(
        self, principal: Principal, *, organization_id: int, user_id: int, role: Role
    ) -> MembershipRow:
        async with self.events.unit() as events:
            await self._lock(organization_id)
            await require(principal, organization_id, Action.MANAGE_MEMBERS, "organization_id")
            member = await self._member(organization_id, user_id)
            if member.role == Role.OWNER and role != Role.OWNER:
                await self._keep_an_owner(organization_id, "role")
            member.role = role
            await member.save(update_fields=["role"])
            if not may(role, Action.MANAGE_MEMBERS):
                await self._drop_invitations_of(organization_id, user_id)
            events.append(MemberRoleChanged(organization_id, user_id, role))
        return MembershipRow.of(member)

    async def remove_member(
        self, principal: Principal, *, organization_id: int, user_id: int
    ) -> OrganizationRow:
        """Owners remove anyone; any member may remove themself (leave)."""
        acting = require_member(principal)
        async with self.events.unit() as events:
            org = await self._lock(organization_id)
            if user_id == acting.user_id:
                if await membership(acting.user_id, organization_id) is None:
                    raise not_found_organization("organization_id")
            else:
                await require(principal, organization_id, Action.MANAGE_MEMBERS, "organization_id")
            member = await self._member(organization_id, user_id)
            if member.role == Role.OWNER:
                await self._keep_an_owner(organization_id, "user_id")
            await member.delete()
            await self._drop_invitations_of(organization_id, user_id)
            events.append(MemberRemoved(organization_id, user_id))
        return OrganizationRow.of(org)

    async def _lock(self, organization_id: int) -> Organization:
        org = await Organization.filter(id=organization_id).select_for_update().first()
        if org is None:
            raise not_found_organization("organization_id")
        return org

    async def _member(self, organization_id: int, user_id: int) -> Membership:
        member = await membership(user_id, organization_id)
        if member is None:
            raise Invalid.one(
                ErrorCode.NOT_FOUND, "This user is not a member of the organization.", "user_id"
            )
        return member

    async def _keep_an_owner(self, organization_id: int, field: str) -> None:
        owners = await Membership.filter(organization_id=organization_id, role=Role.OWNER).count()
        if owners <= 1:
            raise Invalid.one(
                ErrorCode.LAST_OWNER,
                "An organization needs at least one owner. Make someone else an owner first.",
                field,
            )


def _lapsed(*field: str | int) -> Invalid:
    return Invalid.one(
        ErrorCode.INVALID_TOKEN,
        "This invitation is no longer valid: whoever sent it can no longer invite members. "
        "Ask one of the organization's owners for a new one.",
        *field,
    )


def _no_invitation() -> Invalid:
    return Invalid.one(
        ErrorCode.NOT_FOUND, "There is no pending invitation with this ID.", "invitation_id"
    )
