"""Live subscriptions: events from any process, with the query's authorization per event.

A subscription resolver opens ``live_events``, which listens through the
services' ``Broadcaster`` (PostgreSQL LISTEN/NOTIFY, so the change may be
made by any process on any host), and before handing over each event
authenticates the connection's token again and forgets what the previous
event loaded. The resolver then reads what it shows through the same
``readable_*`` loaders as a query, so an event shows exactly what a query
would show at that moment: a revoked login ends the subscription with
UNAUTHENTICATED, and an object the viewer may no longer read ends it too.

Listening has started once the block is entered, so a resolver checks what
the viewer may subscribe to inside it, and misses nothing committed after
that check.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from ..services.broadcast import Subscription
from ..services.events import Event
from .context import Info

E = TypeVar("E", bound=Event)


@asynccontextmanager
async def live_events(
    info: Info, *types: type[E], match: Callable[[E], bool] | None = None
) -> AsyncIterator[AsyncIterator[E]]:
    """Events of ``types`` that ``match`` accepts, as the viewer may see them, while open."""
    accept: Any = match
    async with info.context.services.broadcaster.listen(*types, match=accept) as events:
        yield _authenticated(info, events)


async def _authenticated(info: Info, events: Subscription) -> AsyncIterator[Any]:
    async for event in events:
        info.context.reset()
        await info.context.authenticated()
        yield event
