"""Outgoing mail as the API shows it: ``Organization.outbox``, for the organization's owners."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay

from ...models import mail as models
from ...services.mail import OUTBOX_SORT
from ..context import Context, Info
from ..loaders import loader
from ..node import resolve_readable
from ..pagination import Connection, page_request
from ..rows import FromRow

OutboxStatus = strawberry.enum(
    models.OutboxStatus,
    name="OutboxStatus",
    description="QUEUED: waiting to be sent. SENDING: being sent now, or the outcome of "
    "the last attempt is not known yet (it is sent again with the same Message-ID). "
    "SENT: accepted by the SMTP server. HELD: kept here because no SMTP server is "
    "configured. FAILED: refused, or retries used up (lastError says why).",
)


@strawberry.type(description="A message the organization sent, or is sending, by email.")
class OutboxMessage(FromRow, relay.Node):
    id: relay.NodeID[int]
    to_address: str = strawberry.field(description="The recipient's email address.")
    to_name: str = strawberry.field(description="The recipient's name, or empty.")
    subject: str
    text_body: str | None = strawberry.field(
        name="text",
        description="The plain-text part; null once the message has been sent, since the "
        "bodies are not kept after delivery.",
    )
    html_body: str | None = strawberry.field(
        name="html", description="The HTML part; null once sent, like text."
    )
    status: OutboxStatus  # type: ignore[valid-type]
    attempts: int = strawberry.field(description="SMTP deliveries tried so far.")
    last_error: str | None = strawberry.field(description="Why the last attempt failed.")
    created_at: datetime
    sent_at: datetime | None

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[OutboxMessage | None]:
        return await resolve_readable(info, node_ids, readable_messages)


@loader
async def readable_messages(context: Context, ids: list[int]) -> dict[int, OutboxMessage]:
    principal = await context.principal()
    rows = await context.services.mail.readable_messages(principal, ids)
    return {key: OutboxMessage.from_row(row) for key, row in rows.items()}


async def resolve_outbox(
    root: Any,
    info: Info,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
    status: list[OutboxStatus] | None = None,  # type: ignore[valid-type]
) -> Connection[OutboxMessage]:
    principal = await info.context.authenticated()
    request = page_request(first=first, after=after, last=last, before=before, sort=OUTBOX_SORT)
    statuses = [models.OutboxStatus(s) for s in status] if status else None
    page = await info.context.services.mail.outbox_page(principal, root.id, request, statuses)
    return Connection.from_page(page, OutboxMessage.from_row)


outbox_field: Any = strawberry.field(
    resolver=resolve_outbox,
    description="Mail the organization sent, newest first, with its delivery status. Without "
    "an SMTP server, messages are HELD here, bodies included, for the owners to pass on. "
    "Owners only.",
)
