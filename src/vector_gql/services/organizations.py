"""Organizations, memberships and member invitations.

Every user belongs to at least one organization: signing up creates one with
the new user as owner, unless the signup carries an invitation, in which case
the user joins that organization instead. An organization never loses its
last owner; changes to its owners are serialised by locking its row.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Subquery
from tortoise.transactions import in_transaction

from ..config import Settings
from ..models.accounts import User
from ..models.organizations import Membership, Organization, OrganizationInvitation, Role
from .errors import Collector, ErrorCode, Forbidden, Invalid
from .paging import Page, PageRequest, Sort, keyset_page
from .permissions import Action, may

if TYPE_CHECKING:
    from .accounts import Viewer

MAX_NAME = 200
INVITATION_DAYS = 7
MEMBER_SORT = Sort("created_at")
_EMAIL_CHARS_MAX = 254


def now() -> datetime:
    return datetime.now(UTC)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Invited:
    invitation: OrganizationInvitation
    # Handed to the inviting owner once: no mail is sent yet.
    token: str


class OrganizationService:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    # --- reading ------------------------------------------------------------

    async def membership(self, user_id: int, organization_id: int) -> Membership | None:
        return await Membership.filter(user_id=user_id, organization_id=organization_id).first()

    async def require(
        self, viewer: Viewer, organization_id: int, action: Action, *field: str
    ) -> Membership:
        """The viewer's membership, if it allows ``action``.

        Outsiders learn nothing: an organization they are not in is reported
        exactly like one that does not exist.
        """
        membership = await self.membership(viewer.user.id, organization_id)
        if membership is None:
            raise not_found_organization(*field)
        if not may(membership.role, action):
            raise Forbidden(f"Your role in this organization does not allow you to {action}.")
        return membership

    async def first_organization_for(self, viewer: Viewer, action: Action) -> int | None:
        """The viewer's oldest membership that allows ``action``: a default organization."""
        memberships = await Membership.filter(user_id=viewer.user.id).order_by("created_at", "id")
        return next((m.organization_id for m in memberships if may(m.role, action)), None)

    def member_org_ids(self, user_id: int) -> Subquery:
        """A subquery of the ids of the organizations the user belongs to."""
        return Subquery(Membership.filter(user_id=user_id).values("organization_id"))

    async def memberships_of(self, viewer_id: int, user_id: int) -> list[Membership]:
        """The user's memberships in organizations the viewer shares with them."""
        query = Membership.filter(user_id=user_id)
        if user_id != viewer_id:
            query = query.filter(organization_id__in=self.member_org_ids(viewer_id))
        return list(await query.select_related("organization").order_by("created_at", "id"))

    async def visible_organizations(
        self, viewer: Viewer, ids: list[int]
    ) -> dict[int, Organization]:
        rows = await Organization.filter(id__in=ids, memberships__user_id=viewer.user.id)
        return {org.id: org for org in rows}

    async def organizations_by_id(self, ids: list[int]) -> dict[int, Organization]:
        """No visibility check: for objects whose own visibility implies it."""
        return {org.id: org for org in await Organization.filter(id__in=ids)}

    async def roles_of(self, user_id: int, organization_ids: list[int]) -> dict[int, Role]:
        rows = await Membership.filter(user_id=user_id, organization_id__in=organization_ids)
        return {m.organization_id: Role(m.role) for m in rows}

    async def members_page(
        self, viewer: Viewer, organization_id: int, request: PageRequest
    ) -> Page[Membership]:
        await self.require(viewer, organization_id, Action.READ_MEMBERS)
        query = Membership.filter(organization_id=organization_id).select_related("user")
        return await keyset_page(query, MEMBER_SORT, request)

    # --- creating -------------------------------------------------------------

    async def create_organization(self, viewer: Viewer, *, name: str) -> Organization:
        name = _check_name(name)
        async with in_transaction():
            org = await Organization.create(name=name)
            await Membership.create(organization=org, user_id=viewer.user.id, role=Role.OWNER)
        return org

    async def provision(self, user: User, invitation: OrganizationInvitation | None) -> Membership:
        """A new user's first membership: the invitation's, or a new organization.

        Runs inside the signup transaction.
        """
        if invitation is not None:
            return await self._accept(invitation, user, "invitationToken")
        org = await Organization.create(name=f"{user.username}'s organization"[:MAX_NAME])
        return await Membership.create(organization=org, user=user, role=Role.OWNER)

    # --- invitations ----------------------------------------------------------

    async def invite_member(
        self, viewer: Viewer, *, organization_id: int, email: str, role: Role
    ) -> Invited:
        await self.require(viewer, organization_id, Action.MANAGE_MEMBERS, "organizationId")
        email = email.strip()
        if not email:
            raise Invalid.one(ErrorCode.REQUIRED, "Enter an email address.", "email")
        if len(email) > _EMAIL_CHARS_MAX or not _looks_like_email(email):
            raise Invalid.one(ErrorCode.INVALID_FORMAT, "Enter a valid email address.", "email")
        key = email.lower()
        if await Membership.filter(organization_id=organization_id, user__email_key=key).exists():
            raise Invalid.one(
                ErrorCode.ALREADY_MEMBER,
                "Someone with this email address is already a member.",
                "email",
            )
        token = secrets.token_urlsafe(32)
        async with in_transaction():
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
                invited_by_id=viewer.user.id,
                expires_at=now() + timedelta(days=INVITATION_DAYS),
            )
        return Invited(invitation, token)

    async def find_invitation(self, token: str, email: str, *field: str) -> OrganizationInvitation:
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
        if invitation.expires_at <= now():
            raise Invalid.one(
                ErrorCode.EXPIRED,
                "This invitation has expired. Ask the organization's owner for a new one.",
                *field,
            )
        if invitation.email_key != email.strip().lower():
            raise Invalid.one(
                ErrorCode.WRONG_ACCOUNT,
                f"This invitation was sent to {invitation.email}; sign in with that address.",
                *field,
            )
        return invitation

    async def accept_invitation(self, viewer: Viewer, *, token: str) -> Membership:
        invitation = await self.find_invitation(token, viewer.user.email, "token")
        if await self.membership(viewer.user.id, invitation.organization_id) is not None:
            raise Invalid.one(
                ErrorCode.ALREADY_MEMBER, "You are already a member of this organization.", "token"
            )
        async with in_transaction():
            return await self._accept(invitation, viewer.user, "token")

    async def _accept(
        self, invitation: OrganizationInvitation, user: User, field: str
    ) -> Membership:
        used = await OrganizationInvitation.filter(
            id=invitation.id, accepted_at__isnull=True
        ).update(accepted_at=now(), accepted_by_id=user.id)
        if not used:
            raise Invalid.one(
                ErrorCode.INVALID_TOKEN, "This invitation has already been used.", field
            )
        try:
            return await Membership.create(
                organization_id=invitation.organization_id, user=user, role=invitation.role
            )
        except IntegrityError:
            raise Invalid.one(
                ErrorCode.ALREADY_MEMBER, "You are already a member of this organization.", field
            ) from None

    # --- changing members -------------------------------------------------------

    async def change_member_role(
        self, viewer: Viewer, *, organization_id: int, user_id: int, role: Role
    ) -> Membership:
        async with in_transaction():
            await self._lock(organization_id)
            await self.require(viewer, organization_id, Action.MANAGE_MEMBERS, "organizationId")
            member = await self._member(organization_id, user_id)
            if member.role == Role.OWNER and role != Role.OWNER:
                await self._keep_an_owner(organization_id, "role")
            member.role = role
            await member.save(update_fields=["role"])
        return member

    async def remove_member(
        self, viewer: Viewer, *, organization_id: int, user_id: int
    ) -> Organization:
        """Owners remove anyone; any member may remove themself (leave)."""
        async with in_transaction():
            org = await self._lock(organization_id)
            if user_id == viewer.user.id:
                if await self.membership(viewer.user.id, organization_id) is None:
                    raise not_found_organization("organizationId")
            else:
                await self.require(viewer, organization_id, Action.MANAGE_MEMBERS, "organizationId")
            member = await self._member(organization_id, user_id)
            if member.role == Role.OWNER:
                await self._keep_an_owner(organization_id, "userId")
            await member.delete()
        return org

    async def _lock(self, organization_id: int) -> Organization:
        org = await Organization.filter(id=organization_id).select_for_update().first()
        if org is None:
            raise not_found_organization("organizationId")
        return org

    async def _member(self, organization_id: int, user_id: int) -> Membership:
        member = await self.membership(user_id, organization_id)
        if member is None:
            raise Invalid.one(
                ErrorCode.NOT_FOUND, "This user is not a member of the organization.", "userId"
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


def not_found_organization(*field: str) -> Invalid:
    return Invalid.one(ErrorCode.NOT_FOUND, "There is no organization with this ID.", *field)


def _check_name(name: str) -> str:
    name = name.strip()
    errors = Collector()
    if not name:
        errors.add(ErrorCode.REQUIRED, "Enter a name for the organization.", "name")
    elif len(name) > MAX_NAME:
        errors.add(ErrorCode.TOO_LONG, f"Use at most {MAX_NAME} characters for the name.", "name")
    errors.raise_if_any()
    return name


def _looks_like_email(email: str) -> bool:
    from .accounts import EMAIL_RE

    return bool(EMAIL_RE.match(email))
