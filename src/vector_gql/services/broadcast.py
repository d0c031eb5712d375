"""Domain events between processes, for live subscriptions: PostgreSQL LISTEN/NOTIFY.

Every API process may hold subscribers (GraphQL subscriptions over a
WebSocket), and the change they wait for may be made by any process on any
host: another uvicorn worker, a `vector-gql worker` running a job. So an
event never goes from the writer to its subscribers in memory. The writer's
``EventBus`` hands each event of a relayed type to ``Broadcaster.notify``
after the commit, which sends it with ``pg_notify``; every process that has a
subscriber LISTENs on the channel with one connection of its own, and hands
each notification to its local subscribers whose filter matches. The writing
process hears its own notifications the same way, so there is one path.

Payloads are the event's JSON: ids and small facts, never rows, well under
NOTIFY's limit of 8000 bytes (an event that would not fit is refused and
logged, never cut). A subscriber reads what it shows again, under its own
principal, once the notification arrives: the change is committed by then.

What is not promised: an event committed before a subscriber started
listening, or while its process had lost the LISTEN connection, does not
reach it. A lost connection (or a subscriber too slow to keep up) ends those
subscriptions with ``Unavailable``, so clients subscribe again and read the
current state, instead of waiting for events that will not come.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
from tortoise import connections

from .errors import Unavailable
from .events import Event, EventBus

log = logging.getLogger(__name__)

CHANNEL = "vector_events"
# PostgreSQL refuses NOTIFY payloads of 8000 bytes or more (the default build).
MAX_PAYLOAD_BYTES = 7999
# Events waiting for one slow subscriber before it is dropped.
QUEUE_SIZE = 256
# How often the LISTEN connection is checked, so a dead one is noticed even
# when no notification is due.
KEEPALIVE_SECONDS = 30.0
CONNECT_TIMEOUT_SECONDS = 10.0


class PayloadTooLarge(ValueError):
    """An event's JSON does not fit into a NOTIFY payload."""


def event_types() -> dict[str, type[Event]]:
    """Every event class by its name, to read notifications back into events."""
    found: dict[str, type[Event]] = {}
    pending: list[type[Event]] = [Event]
    while pending:
        cls = pending.pop()
        found.setdefault(cls.name, cls)
        pending.extend(cls.__subclasses__())
    return found


def decode(payload: str, types: dict[str, type[Event]]) -> Event | None:
    """The event a notification carries; None for one this code does not know."""
    try:
        data = json.loads(payload)
        cls = types[data.pop("event")]
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in names})
    except (ValueError, KeyError, TypeError):
        # A newer version's event, during a rolling deploy, or not ours.
        log.warning("ignored a notification on %s: %.200s", CHANNEL, payload)
        return None


class _Interrupted:
    def __init__(self, reason: str) -> None:
        self.reason = reason


class Subscription:
    """The events one subscriber waits for: iterate it while it is open."""

    def __init__(self, types: tuple[type[Event], ...], match: Callable[[Any], bool] | None) -> None:
        self.types = types
        self.match = match
        self.queue: asyncio.Queue[Event | _Interrupted] = asyncio.Queue(QUEUE_SIZE)

    def offer(self, event: Event) -> bool:
        """Queue the event if it is wanted; False once the subscriber has fallen behind."""
        if not isinstance(event, self.types):
            return True
        if self.match is not None and not self.match(event):
            return True
        try:
            self.queue.put_nowait(event)
        except asyncio.QueueFull:
            return False
        return True

    def interrupt(self, reason: str) -> None:
        # Room is made so the reason always arrives, even in a full queue.
        while self.queue.full():
            self.queue.get_nowait()
        self.queue.put_nowait(_Interrupted(reason))

    def __aiter__(self) -> Subscription:
        return self

    async def __anext__(self) -> Event:
        item = await self.queue.get()
        if isinstance(item, _Interrupted):
            raise Unavailable(item.reason)
        return item


class Broadcaster:
    """Sends this process's relayed events to every process, and receives theirs."""

    def __init__(
        self,
        events: EventBus,
        relayed: Iterable[type[Event]],
        *,
        connect: Callable[[], Any] | None = None,
    ) -> None:
        self.relayed = tuple(relayed)
        for event_type in self.relayed:
            events.subscribe(event_type, self.notify)
        self._connect = connect or _connect_like_the_orm
        self._types = event_types()
        self._subscriptions: set[Subscription] = set()
        self._connection: asyncpg.Connection | None = None
        self._keepalive: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()
        self._closed = False

    # --- sending ---------------------------------------------------------------------

    async def notify(self, event: Event) -> None:
        """Send one committed event to every listening process (an EventBus subscriber)."""
        payload = event.to_json()
        size = len(payload.encode())
        if size > MAX_PAYLOAD_BYTES:
            raise PayloadTooLarge(
                f"{event.name} is {size} bytes as JSON; NOTIFY carries at most "
                f"{MAX_PAYLOAD_BYTES}. Events carry ids, not content."
            )
        await connections.get("default").execute_query(
            "SELECT pg_notify($1, $2)", [CHANNEL, payload]
        )

    # --- receiving -------------------------------------------------------------------

    @asynccontextmanager
    async def listen(
        self, *types: type[Event], match: Callable[[Any], bool] | None = None
    ) -> AsyncIterator[Subscription]:
        """Receive the events of ``types`` (that ``match`` accepts) while the block runs.

        Listening has started when the block is entered: an event committed
        after that arrives. Raises Unavailable if the database cannot be
        reached to listen.
        """
        missing = [t.name for t in types if not issubclass(t, self.relayed)]
        if missing:
            raise ValueError(f"events not relayed between processes: {', '.join(missing)}")
        await self._ensure_listening()
        subscription = Subscription(types, match)
        self._subscriptions.add(subscription)
        try:
            yield subscription
        finally:
            self._subscriptions.discard(subscription)

    @property
    def listening(self) -> bool:
        return self._connection is not None and not self._connection.is_closed()

    async def _ensure_listening(self) -> None:
        if self.listening:
            return
        async with self._lock:
            if self.listening:
                return
            if self._closed:
                raise Unavailable("The server is shutting down.")
            try:
                connection = await asyncio.wait_for(self._connect(), CONNECT_TIMEOUT_SECONDS)
                await connection.add_listener(CHANNEL, self._received)
            except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
                log.error("could not LISTEN for live updates: %s", exc)
                raise Unavailable("Live updates are not available right now; try again.") from exc
            connection.add_termination_listener(self._terminated)
            self._connection = connection
            self._keepalive = asyncio.create_task(self._check_forever(connection))
            log.info("listening for live updates on %s", CHANNEL)

    def _received(self, connection: Any, pid: int, channel: str, payload: str) -> None:
        event = decode(payload, self._types)
        if event is None:
            return
        for subscription in list(self._subscriptions):
            if not subscription.offer(event):
                log.warning("a live subscriber fell %d events behind; ending it", QUEUE_SIZE)
                self._subscriptions.discard(subscription)
                subscription.interrupt("This subscription fell behind; subscribe again.")

    def _terminated(self, connection: Any) -> None:
        if connection is self._connection:
            log.warning("the LISTEN connection for live updates was lost")
            self._lost(connection)

    def _lost(self, connection: Any) -> None:
        if connection is not self._connection:
            return
        self._connection = None
        if self._keepalive is not None and self._keepalive is not asyncio.current_task():
            self._keepalive.cancel()
        self._keepalive = None
        subscriptions, self._subscriptions = self._subscriptions, set()
        for subscription in subscriptions:
            subscription.interrupt("Live updates were interrupted; subscribe again.")

    async def _check_forever(self, connection: asyncpg.Connection) -> None:
        """Notice a connection that died without a word (a dropped network)."""
        while True:
            await asyncio.sleep(KEEPALIVE_SECONDS)
            try:
                await asyncio.wait_for(connection.execute("SELECT 1"), KEEPALIVE_SECONDS)
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError):
                log.warning("the LISTEN connection for live updates stopped answering")
                self._lost(connection)
                connection.terminate()
                return

    async def close(self) -> None:
        """Stop listening; open subscriptions end with Unavailable."""
        self._closed = True
        connection = self._connection
        if connection is None:
            return
        self._lost(connection)
        with contextlib.suppress(Exception):
            await asyncio.wait_for(connection.close(), 5)


async def _connect_like_the_orm() -> asyncpg.Connection:
    """A connection of its own to the ORM's database (LISTEN holds it for good)."""
    client: Any = connections.get("default")
    params: dict[str, Any] = {
        "host": client.host,
        "port": client.port,
        "user": client.user,
        "database": client.database,
        "server_settings": {"application_name": "vector-gql live updates"},
    }
    if client.password:
        params["password"] = client.password
    ssl = getattr(client, "extra", {}).get("ssl")
    if ssl is not None:
        params["ssl"] = ssl
    return await asyncpg.connect(**params)
