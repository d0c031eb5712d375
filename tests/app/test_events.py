"""Domain events reach subscribers after the change commits, and never before or without it."""

from __future__ import annotations

import base64
import json

import pytest

from tests.fixtures.graphql import signup
from tests.fixtures.teams import create_interview, own_org
from vector_gql.models.interviews import Interview, Question
from vector_gql.services.events import (
    Event,
    EventBus,
    InterviewCreated,
    InterviewStatusChanged,
    OrganizationCreated,
)


@pytest.fixture
def received(services):
    """Every event the app publishes while the test runs, with what the database held."""
    seen: list[tuple[Event, bool]] = []

    async def record(event: Event) -> None:
        committed = True
        if isinstance(event, InterviewCreated):
            # Another connection: the change must already be committed.
            committed = await Interview.filter(id=event.interview_id).exists()
        seen.append((event, committed))

    services.events.subscribe(Event, record)
    yield seen
    services.events.unsubscribe(record)


async def test_writes_publish_after_commit(gql, received):
    ann = await signup(gql, "ann")
    org = await own_org(gql, ann["accessToken"])
    created = await create_interview(gql, ann["accessToken"], org)
    kinds = [type(event) for event, _ in received]
    assert kinds == [OrganizationCreated, InterviewCreated]
    event, committed = received[-1]
    assert committed
    global_id = base64.b64decode(created["interview"]["id"]).decode()
    assert global_id == f"Interview:{event.interview_id}"
    body = await gql(
        """mutation($i: SetInterviewStatusInput!) { setInterviewStatus(input: $i) {
             errors { code } } }""",
        {"i": {"interviewId": created["interview"]["id"], "status": "OPEN"}},
        token=ann["accessToken"],
    )
    assert body["data"]["setInterviewStatus"]["errors"] == []
    status = received[-1][0]
    assert isinstance(status, InterviewStatusChanged)
    assert (status.previous, status.status) == ("DRAFT", "OPEN")
    assert json.loads(status.to_json())["event"] == "interview.status_changed"


async def test_failed_writes_publish_nothing(gql, received, monkeypatch):
    ann = await signup(gql, "ann")
    org = await own_org(gql, ann["accessToken"])
    received.clear()
    refused = await create_interview(gql, ann["accessToken"], org, title="", expect_ok=False)
    assert refused["errors"]

    async def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Question, "bulk_create", broken)
    body = await gql(
        "mutation($i: CreateInterviewInput!) { createInterview(input: $i) { errors { code } } }",
        {"i": {"organizationId": org, "title": "T", "questions": [{"text": "q"}]}},
        token=ann["accessToken"],
        expect_errors=True,
    )
    assert body["errors"][0]["message"] == "Unexpected error."
    assert received == []


async def test_a_failing_subscriber_does_not_undo_the_change(gql, services, received):
    async def broken(event: Event) -> None:
        raise RuntimeError("subscriber bug")

    services.events.subscribe(InterviewCreated, broken)
    try:
        ann = await signup(gql, "ann")
        org = await own_org(gql, ann["accessToken"])
        created = await create_interview(gql, ann["accessToken"], org)
    finally:
        services.events.unsubscribe(broken)
    assert created["interview"]["id"]
    assert any(isinstance(event, InterviewCreated) for event, _ in received)


async def test_inner_units_publish_with_the_outer_one(database):
    bus = EventBus()
    seen: list[Event] = []

    async def record(event: Event) -> None:
        seen.append(event)

    bus.subscribe(Event, record)
    async with bus.unit() as events:
        events.append(OrganizationCreated(1, 1))
        async with bus.unit() as inner:
            inner.append(OrganizationCreated(2, 1))
            assert seen == []  # nothing before the outer commit
        with pytest.raises(RuntimeError):
            async with bus.unit() as failing:
                failing.append(OrganizationCreated(3, 1))
                raise RuntimeError("rolled back")
    assert [event.organization_id for event in seen] == [1, 2]
    seen.clear()
    with pytest.raises(RuntimeError):
        async with bus.unit() as events:
            events.append(OrganizationCreated(4, 1))
            raise RuntimeError("rolled back")
    assert seen == []
