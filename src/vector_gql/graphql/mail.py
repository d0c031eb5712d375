"""Outgoing mail in GraphQL: ``Organization.outbox``, for the organization's owners."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from ..models import mail as models
from ..services.mail import OUTBOX_SORT
from .node import resolve_visible
from .pagination import Connection, page_request

OutboxStatus = strawberry.enum(
    models.OutboxStatus,
    name="OutboxStatus",
    description="QUEUED: waiting to be sent. SENT: accepted by the SMTP server. HELD: kept "
    "here because no SMTP server is configured. FAILED: refused, or retries used up "
    "(lastError says why).",
)


@strawberry.type(description="A message the organization sent, or is sending, by email.")
class OutboxMessage(relay.Node):
    id: relay.NodeID[int]
    to_address: str = strawberry.field(description="The recipient's email address.")
    to_name: str = strawberry.field(description="The recipient's name, or empty.")
    subject: str
    text: str | None = strawberry.field(
        description="The plain-text part; null once the message has been sent, since the "
        "bodies are not kept after delivery."
    )
    html: str | None = strawberry.field(description="The HTML part; null once sent, like text.")
    status: OutboxStatus
    attempts: int = strawberry.field(description="SMTP deliveries tried so far.")
    last_error: str | None = strawberry.field(description="Why the last attempt failed.")
    created_at: datetime
    sent_at: datetime | None

    @classmethod
    def from_model(cls, row: models.OutboxMessage) -> OutboxMessage:
        return cls(
            id=row.id,
            to_address=row.to_address,
            to_name=row.to_name,
            subject=row.subject,
            text=row.text_body,
            html=row.html_body,
            status=row.status,
            attempts=row.attempts,
            last_error=row.last_error,
            created_at=row.created_at,
            sent_at=row.sent_at,
        )

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[OutboxMessage | None]:
        return await resolve_visible(
            info, node_ids, info.context.services.mail.visible_messages, cls.from_model
        )


async def resolve_outbox(
    root: Any,
    info: Info,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
    status: list[OutboxStatus] | None = None,
) -> Connection[OutboxMessage]:
    viewer = await info.context.require_viewer()
    request = page_request(first=first, after=after, last=last, before=before, sort=OUTBOX_SORT)
    statuses = [models.OutboxStatus(s) for s in status] if status else None
    page = await info.context.services.mail.outbox_page(viewer, root.id, request, statuses)
    return Connection.from_page(page, OutboxMessage.from_model)


outbox_field = strawberry.field(
    resolver=resolve_outbox,
    description="Mail the organization sent, newest first, with its delivery status. Without "
    "an SMTP server, messages are HELD here, bodies included, for the owners to pass on. "
    "Owners only.",
)
