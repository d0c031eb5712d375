"""Each message is sent once where the outcome is known, and at most twice, as the same
message, where it is not: a database that fails after the server accepted, a server that
drops the session before answering."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import pytest
from tortoise import connections

from tests.fixtures.jobs import job_rows, make_due, services_with
from tests.fixtures.smtp import DROP_AFTER_DELIVERY, DROP_BEFORE_DATA
from tests.mail.messages import send_welcome, welcome
from vector_gql.models.mail import OutboxMessage, OutboxStatus
from vector_gql.services.mail import smtp


@asynccontextmanager
async def failing_outbox_updates(condition: str) -> AsyncIterator[None]:
    """PostgreSQL refuses every update of a mail_outbox row for which ``condition`` (SQL
    over OLD and NEW, and the sequence ``test_fail_count``) holds, as a full disk would."""
    db = connections.get("default")
    await db.execute_script(
        f"""
        CREATE SEQUENCE test_fail_count;
        CREATE FUNCTION test_fail_update() RETURNS trigger AS $$
        BEGIN
            IF {condition} THEN
                RAISE EXCEPTION 'could not write: disk full';
            END IF;
            RETURN NEW;
        END $$ LANGUAGE plpgsql;
        CREATE TRIGGER test_fail_update BEFORE UPDATE ON mail_outbox
            FOR EACH ROW EXECUTE FUNCTION test_fail_update();
        """
    )
    try:
        yield
    finally:
        await db.execute_script(
            "DROP TRIGGER test_fail_update ON mail_outbox; DROP FUNCTION test_fail_update(); "
            "DROP SEQUENCE test_fail_count;"
        )


def failing_sent_writes(times: int | None) -> AbstractAsyncContextManager[None]:
    """The write that records a message as SENT is refused ``times`` times (None: every
    time), as by a database that fails just after the SMTP server accepted."""
    limit = "TRUE" if times is None else f"nextval('test_fail_count') <= {times}"
    return failing_outbox_updates(f"NEW.status = 'SENT' AND {limit}")


async def test_a_failed_write_after_acceptance_does_not_send_the_message_twice(
    settings, smtp_server, org
):
    async with services_with(settings, smtp_url=smtp_server.url()) as services:
        sent = await send_welcome(services)
        async with failing_sent_writes(times=1):
            await services.jobs.run_until_idle()
        make_due_count = await make_due()
        await services.jobs.run_until_idle()
    first = await smtp_server.next_message()
    assert smtp_server.received.empty()  # one delivery, not two
    assert make_due_count == 0  # the job did not fail: the acceptance was recorded
    row = await OutboxMessage.get(id=sent.id)
    assert (row.status, row.attempts, row.last_error) == (OutboxStatus.SENT, 1, None)
    assert first.message["Message-ID"] == row.message_id
    assert await job_rows("mail.deliver") == []


async def test_a_message_whose_outcome_is_unknown_is_sent_again_as_the_same_message(
    settings, smtp_server, org
):
    """The database stays down for the whole attempt after the server accepted: the retry
    cannot know the message arrived, so it sends it again with the same Message-ID (a lost
    invitation costs more than a copy that receivers can fold into the first)."""
    async with services_with(settings, smtp_url=smtp_server.url()) as services:
        sent = await send_welcome(services)
        async with failing_sent_writes(times=None):
            await services.jobs.run_until_idle()
        row = await OutboxMessage.get(id=sent.id)
        assert (row.status, row.attempts) == (OutboxStatus.SENDING, 1)
        assert await make_due() == 1
        await services.jobs.run_until_idle()
    first = await smtp_server.next_message()
    second = await smtp_server.next_message()
    assert smtp_server.received.empty()
    assert first.message["Message-ID"] == second.message["Message-ID"] == row.message_id
    row = await OutboxMessage.get(id=sent.id)
    assert (row.status, row.attempts) == (OutboxStatus.SENT, 2)
    assert row.last_error == (
        "the outcome of attempt 1 is not known; sent again with the same Message-ID"
    )
    assert row.unknown_outcomes == 1


async def test_an_unanswered_message_is_sent_again_once_as_the_same_message(
    settings, smtp_server, org
):
    """The server takes the message and the connection drops before its answer, twice: it
    may have been accepted each time, so it is sent twice at most, as one message."""
    smtp_server.replies = deque([DROP_AFTER_DELIVERY, DROP_AFTER_DELIVERY])
    async with services_with(settings, smtp_url=smtp_server.url()) as services:
        sent = await send_welcome(services)
        await services.jobs.run_until_idle()
        row = await OutboxMessage.get(id=sent.id)
        assert (row.status, row.attempts, row.unknown_outcomes) == (OutboxStatus.SENDING, 1, 0)
        reason = row.last_error or ""
        assert reason.startswith(
            f"no answer from 127.0.0.1:{smtp_server.port} after the message was sent"
        )
        assert reason.endswith("it may have been accepted")
        for _ in range(2):
            assert await make_due() == 1
            await services.jobs.run_until_idle()
    first = await smtp_server.next_message()
    second = await smtp_server.next_message()
    assert smtp_server.received.empty()
    assert first.message["Message-ID"] == second.message["Message-ID"] == sent.message_id
    row = await OutboxMessage.get(id=sent.id)
    assert (row.status, row.attempts, row.unknown_outcomes) == (OutboxStatus.FAILED, 2, 2)
    assert row.last_error == (
        "the outcomes of 2 attempts are not known; not sent again, and it may well have arrived"
    )
    assert row.text_body is not None  # not known to have left: kept for the owners
    assert await job_rows("mail.deliver") == []


async def test_an_unknown_outcome_then_a_delivery_is_sent(settings, smtp_server, org):
    smtp_server.replies = deque([DROP_AFTER_DELIVERY])
    async with services_with(settings, smtp_url=smtp_server.url()) as services:
        sent = await send_welcome(services)
        await services.jobs.run_until_idle()
        assert await make_due() == 1
        await services.jobs.run_until_idle()
    first = await smtp_server.next_message()
    second = await smtp_server.next_message()
    assert first.message["Message-ID"] == second.message["Message-ID"]
    row = await OutboxMessage.get(id=sent.id)
    assert (row.status, row.attempts, row.unknown_outcomes) == (OutboxStatus.SENT, 2, 1)


async def test_a_retried_message_keeps_its_message_id(settings, smtp_server, org):
    smtp_server.replies = deque(["451 4.3.0 Try again later"])
    async with services_with(settings, smtp_url=smtp_server.url()) as services:
        sent = await send_welcome(services)
        await services.jobs.run_until_idle()
        assert await make_due() == 1
        await services.jobs.run_until_idle()
    received = await smtp_server.next_message()
    assert received.message["Message-ID"] == sent.message_id
    assert sent.message_id is not None and sent.message_id.endswith("@localhost>")


async def test_a_session_dropped_before_the_go_ahead_is_a_known_failure(settings, smtp_server, org):
    """The server closes the session at DATA, before its 354: no content left, so the
    message is plainly retried, not counted as possibly delivered."""
    smtp_server.replies = deque([DROP_BEFORE_DATA])
    async with services_with(settings, smtp_url=smtp_server.url()) as services:
        sent = await send_welcome(services)
        await services.jobs.run_until_idle()
        row = await OutboxMessage.get(id=sent.id)
        assert (row.status, row.attempts, row.unknown_outcomes) == (OutboxStatus.QUEUED, 1, 0)
        assert (row.last_error or "").startswith(f"could not reach 127.0.0.1:{smtp_server.port}")
        assert smtp_server.received.empty()
        assert await make_due() == 1
        await services.jobs.run_until_idle()
    assert (await smtp_server.next_message()).message["Message-ID"] == sent.message_id
    assert smtp_server.received.empty()
    row = await OutboxMessage.get(id=sent.id)
    assert (row.status, row.attempts, row.unknown_outcomes) == (OutboxStatus.SENT, 2, 0)


async def test_a_reused_session_dropped_before_the_go_ahead_is_replaced(settings, smtp_server, org):
    async with services_with(settings, smtp_url=smtp_server.url()) as services:
        first = await services.mail.send_many([welcome(1)])
        await services.jobs.run_until_idle()
        smtp_server.replies = deque([DROP_BEFORE_DATA])
        second = await services.mail.send_many([welcome(2)])
        await services.jobs.run_until_idle()
    assert [(await smtp_server.next_message()).rcpt_tos for _ in range(2)] == [
        ["c1@example.com"],
        ["c2@example.com"],
    ]
    assert smtp_server.connections == 2
    for sent in (*first, *second):
        row = await OutboxMessage.get(id=sent.id)
        assert (row.status, row.attempts, row.last_error) == (OutboxStatus.SENT, 1, None)


async def test_an_acceptance_a_newer_attempt_took_over_is_left_to_it(
    settings, smtp_server, org, caplog
):
    """While the server takes the message, the stalled-job sweep's run claims it as
    attempt 2: attempt 1's acceptance does not overwrite that run's outcome, and says so."""
    caplog.set_level(logging.WARNING, logger="vector_gql.services.mail")
    async with services_with(settings, smtp_url=smtp_server.url()) as services:
        sent = await send_welcome(services)

        async def newer_attempt_claims_it() -> None:
            await OutboxMessage.filter(id=sent.id).update(attempts=2, unknown_outcomes=1)

        smtp_server.while_delivering = newer_attempt_claims_it
        await services.jobs.run_until_idle()
        assert await make_due() == 0
    row = await OutboxMessage.get(id=sent.id)
    assert (row.status, row.attempts, row.sent_at) == (OutboxStatus.SENDING, 2, None)
    assert row.text_body is not None
    superseded = [r.getMessage() for r in caplog.records if "superseded" in r.getMessage()]
    assert superseded == [
        f"mail {sent.id} was accepted on attempt 1, superseded by a newer attempt; "
        "its outcome is left to that one"
    ]


def failing_error_notes() -> AbstractAsyncContextManager[None]:
    """PostgreSQL refuses to write a reason on a message being sent."""
    return failing_outbox_updates("OLD.status = 'SENDING' AND NEW.status = 'SENDING'")


async def test_an_unknown_outcome_stays_the_error_when_noting_it_fails(
    settings, smtp_server, org, caplog
):
    smtp_server.replies = deque([DROP_AFTER_DELIVERY])
    async with services_with(settings, smtp_url=smtp_server.url()) as services:
        sent = await send_welcome(services)
        async with failing_error_notes():
            with pytest.raises(smtp.OutcomeUnknown):
                await services.mail._deliver(sent.id)
    assert any("recording why failed too" in r.getMessage() for r in caplog.records)
    row = await OutboxMessage.get(id=sent.id)
    assert (row.status, row.attempts, row.last_error) == (OutboxStatus.SENDING, 1, None)
