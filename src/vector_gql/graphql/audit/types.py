"""Audit entries as the API shows them: ``Organization.auditLog``, for owners."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay

from ...models import audit as models
from ...services.audit import AUDIT_SORT, AuditEntryRow, summary
from ..accounts.types import User, readable_users
from ..context import Context, Info
from ..loaders import loader
from ..node import resolve_readable
from ..pagination import Connection, page_request
from ..rows import FromRow

if TYPE_CHECKING:
    from ..interviews.types import Interview

InterviewType = Annotated["Interview", strawberry.lazy("vector_gql.graphql.interviews.types")]

AuditAction = strawberry.enum(
    models.AuditAction,
    name="AuditAction",
    description="RUBRIC_CHANGED: an interview's rubric was set or replaced. "
    "VIDEO_DELETED: a video was deleted (the summary names it).",
)


@strawberry.type(description="Something that happened, recorded for the organization's owners.")
class AuditEntry(FromRow, relay.Node):
    id: relay.NodeID[int]
    action: AuditAction  # type: ignore[valid-type]
    created_at: datetime
    summary: str = strawberry.field(description="What happened, in words.")
    _actor_id: strawberry.Private[int | None]
    _subject_user_id: strawberry.Private[int | None]
    _interview_id: strawberry.Private[int | None]

    @strawberry.field(description="Who did it; null when the system did, or they are gone.")
    async def actor(self, info: Info) -> User | None:
        if self._actor_id is None:
            return None
        return await info.context.loaders[readable_users].load(self._actor_id)

    @strawberry.field(description="The member it concerns, if any.")
    async def subject_user(self, info: Info) -> User | None:
        if self._subject_user_id is None:
            return None
        return await info.context.loaders[readable_users].load(self._subject_user_id)

    @strawberry.field(description="The interview it concerns, if any and while it exists.")
    async def interview(self, info: Info) -> InterviewType | None:
        from ..interviews.types import readable_interviews

        if self._interview_id is None:
            return None
        return await info.context.loaders[readable_interviews].load(self._interview_id)

    @classmethod
    def from_entry(cls, row: AuditEntryRow) -> AuditEntry:
        return cls.from_row(row, summary=summary(row))

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[AuditEntry | None]:
        return await resolve_readable(info, node_ids, readable_entries)


@loader
async def readable_entries(context: Context, ids: list[int]) -> dict[int, AuditEntry]:
    principal = await context.principal()
    rows = await context.services.audit.readable_entries(principal, ids)
    return {key: AuditEntry.from_entry(row) for key, row in rows.items()}


async def resolve_audit_log(
    root: Any,
    info: Info,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
    action: list[AuditAction] | None = None,  # type: ignore[valid-type]
) -> Connection[AuditEntry]:
    principal = await info.context.authenticated()
    request = page_request(first=first, after=after, last=last, before=before, sort=AUDIT_SORT)
    actions = [models.AuditAction(a) for a in action] if action else None
    page = await info.context.services.audit.page(principal, root.id, request, actions)
    return Connection.from_page(page, AuditEntry.from_entry)


audit_log_field: Any = strawberry.field(
    resolver=resolve_audit_log,
    description="What happened in the organization that its owners may need to check later "
    "(see AuditAction), newest first. Owners only.",
)
