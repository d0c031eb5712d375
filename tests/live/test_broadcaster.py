"""The broadcaster: events through PostgreSQL LISTEN/NOTIFY, and what happens when that fails."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import ClassVar

import pytest
from tortoise import connections

from tests.fixtures.live import live_client
from tests.fixtures.teams import Team, create_interview
from vector_gql.services import LIVE_EVENTS, broadcast
from vector_gql.services.broadcast import CHANNEL, Broadcaster, PayloadTooLarge
from vector_gql.services.errors import Unavailable
from vector_gql.services.events import (
    Event,
    EventBus,
    InterviewChanged,
    InterviewStatusChanged,
    RubricChanged,
)

APPLICATION = "vector-gql live updates"


@pytest.fixture
async def broadcaster(database):
    """A broadcaster of its own: its own bus, its own LISTEN connection."""
    bus = EventBus()
    own = Broadcaster(bus, LIVE_EVENTS)
    yield own, bus
    await own.close()


async def next_event(subscription):
    async with asyncio.timeout(10):
        return await anext(subscription)


async def test_published_events_reach_listeners(broadcaster):
    own, bus = broadcaster
    async with own.listen(InterviewStatusChanged, RubricChanged) as events:
        await bus.publish(InterviewChanged(1, 10, "fields"))  # not asked for
        await bus.publish(InterviewStatusChanged(1, 10, "DRAFT", "OPEN"))
        await bus.publish(RubricChanged(1, 11))
        first = await next_event(events)
        second = await next_event(events)
    assert first == InterviewStatusChanged(1, 10, "DRAFT", "OPEN")
    assert second == RubricChanged(1, 11)


async def test_a_filter_picks_the_events_of_one_object(broadcaster):
    own, bus = broadcaster
    async with own.listen(RubricChanged, match=lambda e: e.interview_id == 2) as events:
        await bus.publish(RubricChanged(1, 1), RubricChanged(1, 2))
        assert await next_event(events) == RubricChanged(1, 2)


async def test_only_relayed_events_can_be_listened_for(broadcaster):
    own, _ = broadcaster

    @dataclass(frozen=True)
    class Private(Event):
        name: ClassVar[str] = "test.private"

    with pytest.raises(ValueError, match="not relayed"):
        async with own.listen(Private):
            pass


async def test_an_event_too_large_for_notify_is_refused(broadcaster, caplog):
    own, bus = broadcaster

    @dataclass(frozen=True)
    class Wordy(InterviewChanged):
        name: ClassVar[str] = "test.wordy"

    with pytest.raises(PayloadTooLarge, match="at most 7999"):
        await own.notify(Wordy(1, 1, "x" * 8000))
    # Through the bus, after commit: logged, and the other subscribers still get theirs.
    with caplog.at_level(logging.ERROR):
        await bus.publish(Wordy(1, 1, "x" * 8000))
    assert "test.wordy" in caplog.text


async def test_notifications_this_code_does_not_know_are_ignored(broadcaster, caplog):
    own, bus = broadcaster
    async with own.listen(RubricChanged) as events:
        db = connections.get("default")
        for payload in ("not json", '{"event": "from.the.future", "id": 1}', '{"no": "name"}'):
            await db.execute_query("SELECT pg_notify($1, $2)", [CHANNEL, payload])
        await bus.publish(RubricChanged(1, 3))
        assert await next_event(events) == RubricChanged(1, 3)
    assert "from.the.future" in caplog.text


async def test_a_slow_subscriber_is_ended_not_buffered_forever(broadcaster, monkeypatch):
    own, bus = broadcaster
    monkeypatch.setattr(broadcast, "QUEUE_SIZE", 3)
    async with (
        own.listen(RubricChanged) as slow,
        own.listen(RubricChanged, match=lambda e: e.interview_id == 99) as other,
    ):
        await bus.publish(*(RubricChanged(1, n) for n in range(5)))
        await bus.publish(RubricChanged(1, 99))
        assert await next_event(other) == RubricChanged(1, 99)
        with pytest.raises(Unavailable, match="fell behind"):
            for _ in range(4):
                await next_event(slow)


async def _terminate_listeners() -> int:
    rows = await connections.get("default").execute_query_dict(
        "SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity "
        "WHERE application_name = $1 AND datname = current_database()",
        [APPLICATION],
    )
    return len(rows)


async def test_a_lost_connection_ends_subscriptions_and_the_next_one_listens_again(broadcaster):
    own, bus = broadcaster
    async with own.listen(RubricChanged) as events:
        assert own.listening
        assert await _terminate_listeners() >= 1
        with pytest.raises(Unavailable, match="interrupted"):
            await next_event(events)
    assert not own.listening
    async with own.listen(RubricChanged) as events:
        await bus.publish(RubricChanged(1, 4))
        assert await next_event(events) == RubricChanged(1, 4)


async def test_subscribers_are_told_to_subscribe_again(live_server, gql):
    team = await Team.build(gql)
    interview = (await create_interview(gql, team.tokens["OWNER"], team.org))["interview"]
    query = "subscription($id: ID!) { interviewUpdated(interviewId: $id) { status } }"
    async with live_client(live_server, team.tokens["OWNER"]) as live:
        op = await live.subscribe(query, {"id": interview["id"]})
        assert (await live.next(op))["type"] == "next"
        await _terminate_listeners()
        message = await live.next(op)
        [error] = message["payload"]["errors"]
        assert error["extensions"]["code"] == "UNAVAILABLE"
        assert error["message"] == "Live updates were interrupted; subscribe again."
        again = await live.subscribe(query, {"id": interview["id"]})
        assert (await live.next(again))["payload"]["data"]["interviewUpdated"]["status"] == "DRAFT"


async def test_listening_fails_cleanly_without_a_database(database):
    async def refuse():
        raise OSError("connection refused")

    own = Broadcaster(EventBus(), LIVE_EVENTS, connect=refuse)
    with pytest.raises(Unavailable, match="not available right now"):
        async with own.listen(RubricChanged):
            pass
    await own.close()
    with pytest.raises(Unavailable, match="shutting down"):
        async with own.listen(RubricChanged):
            pass
