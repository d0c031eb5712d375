"""Organizations, memberships and invitations as the API shows them, and their loaders."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Annotated

import strawberry
from strawberry import relay

from ...models import organizations as models
from ...services.media.quota import StorageQuota
from ...services.organizations import INVITATION_SORT, MEMBER_SORT
from ...services.organizations.rows import MembershipRow
from ..accounts.types import User, readable_users, users
from ..audit.types import AuditEntry, audit_log_field
from ..context import Context, Info
from ..loaders import loader
from ..mail.types import OutboxMessage, outbox_field
from ..node import resolve_readable
from ..pagination import Connection, edge_cursors_selected, page_request
from ..rows import FromRow, prefetched, selected
from ..scalars import BigInt

Role = strawberry.enum(
    models.Role,
    name="Role",
    description="A member's role. OWNER: everything, including members. RECRUITER: create and "
    "change interviews. EVALUATOR: read interviews and review answers.",
)
UserType = Annotated["User", strawberry.lazy("vector_gql.graphql.accounts.types")]


@strawberry.type(
    description="How much of its storage the organization uses, measured as uploads are "
    "judged: past quotaBytes, or with pendingUploadLimit uploads open, uploadVideo and "
    "startVideoUpload are refused (STORAGE_QUOTA_EXCEEDED, TOO_MANY_PENDING_UPLOADS)."
)
class StorageUse:
    used_bytes: BigInt = strawberry.field(
        description="storedBytes + pendingBytes: what counts against quotaBytes."
    )
    stored_bytes: BigInt = strawberry.field(description="The size of the videos kept.")
    pending_bytes: BigInt = strawberry.field(
        description="The declared size of direct uploads still open (their parts take space)."
    )
    quota_bytes: BigInt | None = strawberry.field(
        description="VECTOR_ORGANIZATION_STORAGE_BYTES; null: no limit."
    )
    pending_uploads: int = strawberry.field(
        description="Members' direct uploads open now (candidates' answers are bounded "
        "per invitation instead)."
    )
    pending_upload_limit: int | None = strawberry.field(
        description="VECTOR_ORGANIZATION_PENDING_UPLOADS; null: no limit."
    )

    @classmethod
    def of(cls, quota: StorageQuota) -> StorageUse:
        use = quota.use
        return cls(
            used_bytes=BigInt(use.bytes),
            stored_bytes=BigInt(use.stored_bytes),
            pending_bytes=BigInt(use.pending_bytes),
            quota_bytes=BigInt(quota.quota_bytes) if quota.quota_bytes else None,
            pending_uploads=use.pending_uploads,
            pending_upload_limit=quota.pending_upload_limit or None,
        )


@strawberry.type(description="A company or team that runs interviews.")
class Organization(FromRow, relay.Node):
    id: relay.NodeID[int]
    name: str
    created_at: datetime

    @strawberry.field(description="The viewer's role here.")
    async def viewer_role(self, info: Info) -> Role | None:  # type: ignore[valid-type]
        return await info.context.loaders[viewer_roles].load(self.id)

    @strawberry.field(description="The members, oldest first. Visible to members.")
    async def members(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Membership]:
        principal = await info.context.authenticated()
        request = page_request(first=first, after=after, last=last, before=before, sort=MEMBER_SORT)
        organizations = info.context.services.organizations
        page = await organizations.members_page(principal, self.id, request)
        return Connection.of_nodes(
            page,
            await memberships_with_relations(info, page.items, "edges", "node"),
            cursors=edge_cursors_selected(info),
        )

    @strawberry.field(
        description="Invitations not yet accepted nor expired, oldest first, with who sent "
        "each. Owners only. An invitation works while its sender may still invite."
    )
    async def invitations(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[OrganizationInvitation]:
        principal = await info.context.authenticated()
        request = page_request(
            first=first, after=after, last=last, before=before, sort=INVITATION_SORT
        )
        page = await info.context.services.organizations.invitations_page(
            principal, self.id, request
        )
        return Connection.from_page(page, OrganizationInvitation.from_row)

    @strawberry.field(
        description="How much of the storage quota the organization's videos and open "
        "uploads use, with the limits. Owners only."
    )
    async def storage_use(self, info: Info) -> StorageUse:
        principal = await info.context.authenticated()
        quota = await info.context.services.videos.storage_quota(principal, self.id)
        return StorageUse.of(quota)

    outbox: Connection[OutboxMessage] = outbox_field
    audit_log: Connection[AuditEntry] = audit_log_field

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Organization | None]:
        return await resolve_readable(info, node_ids, readable_organizations)


@strawberry.type(description="A user's place in an organization.")
class Membership(FromRow):
    role: Role  # type: ignore[valid-type]
    created_at: datetime = strawberry.field(description="When the user joined.")
    _organization_id: strawberry.Private[int]
    _user_id: strawberry.Private[int]
    # Fetched with the list when asked for (``memberships_with_relations``).
    _organization: strawberry.Private[Organization | None] = None
    _user: strawberry.Private[User | None] = None

    @strawberry.field
    @prefetched("_organization")
    async def organization(self, info: Info) -> Organization:
        return await info.context.loaders.one(organizations, self._organization_id)

    @strawberry.field
    @prefetched("_user")
    async def user(self, info: Info) -> UserType:
        return await info.context.loaders.one(users, self._user_id)


async def memberships_with_relations(
    info: Info, rows: Sequence[MembershipRow], *path: str
) -> list[Membership]:
    """Memberships with the users and organizations their list is asked for, fetched for
    the whole list (``path``: where the memberships are in the field's selection)."""
    wanted = selected(info, *path)
    memberships = Membership.from_rows(rows)
    if not rows or not ({"user", "organization"} & wanted):
        return memberships
    relations = await info.context.services.organizations.membership_relations(
        rows, users="user" in wanted, organizations="organization" in wanted
    )
    users = (
        {key: User.from_row(row) for key, row in relations.users.items()}
        if relations.users is not None
        else None
    )
    found = (
        {key: Organization.from_row(row) for key, row in relations.organizations.items()}
        if relations.organizations is not None
        else None
    )
    for membership in memberships:
        if users is not None:
            membership._user = users[membership._user_id]
        if found is not None:
            membership._organization = found[membership._organization_id]
    return memberships


@strawberry.type(description="An invitation to join an organization, by email and role.")
class OrganizationInvitation(FromRow, relay.Node):
    id: relay.NodeID[int]
    email: str
    role: Role  # type: ignore[valid-type]
    created_at: datetime
    expires_at: datetime
    _organization_id: strawberry.Private[int]
    _invited_by_id: strawberry.Private[int | None]

    @strawberry.field
    async def organization(self, info: Info) -> Organization:
        return await info.context.loaders.one(organizations, self._organization_id)

    @strawberry.field(description="The owner who sent it.")
    async def invited_by(self, info: Info) -> UserType | None:
        if self._invited_by_id is None:
            return None
        found: User | None = await info.context.loaders[readable_users].load(self._invited_by_id)
        return found

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[OrganizationInvitation | None]:
        return await resolve_readable(info, node_ids, readable_invitations)


@loader
async def organizations(context: Context, ids: list[int]) -> dict[int, Organization]:
    """Organizations whose visibility their parent implies."""
    rows = await context.services.organizations.organizations_by_id(ids)
    return {key: Organization.from_row(row) for key, row in rows.items()}


@loader
async def readable_organizations(context: Context, ids: list[int]) -> dict[int, Organization]:
    principal = await context.principal()
    rows = await context.services.organizations.readable_organizations(principal, ids)
    return {key: Organization.from_row(row) for key, row in rows.items()}


@loader
async def viewer_roles(context: Context, ids: list[int]) -> dict[int, models.Role]:
    """Organization id -> the principal's role there (absent: not a member)."""
    principal = await context.principal()
    return await context.services.organizations.roles_of(principal, ids)


@loader
async def readable_invitations(
    context: Context, ids: list[int]
) -> dict[int, OrganizationInvitation]:
    """Invitations of the organizations where the principal is an owner."""
    principal = await context.principal()
    rows = await context.services.organizations.readable_invitations(principal, ids)
    return {key: OrganizationInvitation.from_row(row) for key, row in rows.items()}
