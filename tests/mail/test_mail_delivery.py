"""Mail through the queue to a real SMTP server (aiosmtpd), and to the outbox without one.

What happens when a delivery's outcome is not known: test_mail_idempotency.py."""

from __future__ import annotations

import asyncio
import ssl
from collections import deque

import pytest
import trustme
from tortoise.transactions import in_transaction

from tests.fixtures.jobs import job_rows, make_due, services_with
from tests.fixtures.smtp import LocalSmtp
from tests.mail.messages import CONTEXT, welcome
from vector_gql.models.mail import OutboxMessage, OutboxStatus
from vector_gql.services.mail import Recipient


async def test_a_message_is_delivered_over_smtp(settings, smtp_server, org):
    async with services_with(settings, smtp_url=smtp_server.url()) as services:
        async with in_transaction():
            sent = await services.mail.send(
                to=Recipient("ann@example.com", "Ann Example"),
                template="welcome",
                context=CONTEXT,
                organization_id=org.id,
            )
        assert sent.status == OutboxStatus.QUEUED
        await services.jobs.run_until_idle()

    received = await smtp_server.next_message()
    assert received.rcpt_tos == ["ann@example.com"]
    assert received.mail_from == "noreply@localhost"
    message = received.message
    assert message["To"] == "Ann Example <ann@example.com>"
    assert message["From"] == "Vector Interview <noreply@localhost>"
    assert message["Subject"] == "Welcome to Acme, Ann"
    assert message["Message-ID"].endswith("@localhost>")
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Open this link to start: https://app.example/i/abc123" in text
    assert '<a href="https://app.example/i/abc123">Start</a>' in html
    assert "Sent by Vector Interview for Acme" in html

    row = await OutboxMessage.get(id=sent.id)
    assert (row.status, row.attempts, row.last_error) == (OutboxStatus.SENT, 1, None)
    assert row.sent_at is not None
    # The link had a secret in it: the bodies are not kept once the message is gone.
    assert row.text_body is None and row.html_body is None
    assert await job_rows("mail.deliver") == []


async def test_names_and_subjects_cannot_inject_headers(settings, smtp_server, org):
    evil = "Eve\r\nBcc: victim@example.com\nX-Injected: 1"
    async with services_with(settings, smtp_url=smtp_server.url()) as services:
        await services.mail.send(
            to=Recipient("ann@example.com", evil),
            template="welcome",
            context={**CONTEXT, "name": evil, "organization_name": "Acme\r\nCc: x@example.com"},
            organization_id=org.id,
        )
        await services.jobs.run_until_idle()
    received = await smtp_server.next_message()
    assert received.rcpt_tos == ["ann@example.com"]
    message = received.message
    for header in ("Bcc", "Cc", "X-Injected"):
        assert message[header] is None
    assert message.get_all("To") == [
        '"Eve Bcc: victim@example.com X-Injected: 1" <ann@example.com>'
    ]
    assert message["Subject"] == (
        "Welcome to Acme Cc: x@example.com, Eve Bcc: victim@example.com X-Injected: 1"
    )
    header_block = received.raw.split(b"\r\n\r\n", 1)[0]
    assert b"\nBcc:" not in header_block and b"\nCc:" not in header_block


def test_addresses_that_could_carry_headers_are_refused():
    for bad in ("ann@example.com\r\nBcc: x@example.com", "a b@example.com", "<a@b.c>", "ann"):
        with pytest.raises(ValueError):
            Recipient(bad)


async def test_html_is_escaped_and_text_is_not(settings, smtp_server, org):
    async with services_with(settings, smtp_url=smtp_server.url()) as services:
        await services.mail.send(
            to=Recipient("ann@example.com"),
            template="welcome",
            context={**CONTEXT, "name": "<b>Ann</b> & co"},
            organization_id=org.id,
        )
        await services.jobs.run_until_idle()
    message = (await smtp_server.next_message()).message
    assert "Hello &lt;b&gt;Ann&lt;/b&gt; &amp; co," in message.get_body(("html",)).get_content()
    assert "Hello <b>Ann</b> & co," in message.get_body(("plain",)).get_content()


async def test_a_missing_template_value_fails_the_sender_not_the_job(settings, org):
    async with services_with(settings) as services:
        with pytest.raises(Exception, match="url"):
            await services.mail.send(
                to=Recipient("ann@example.com"),
                template="welcome",
                context={"organization_name": "Acme", "name": "Ann"},
            )
    assert await OutboxMessage.all().count() == 0
    assert await job_rows("mail.deliver") == []


async def test_a_refusal_for_now_is_retried_then_delivered(settings, smtp_server, org):
    smtp_server.replies = deque(["451 4.3.0 Try again later"])
    async with services_with(settings, smtp_url=smtp_server.url()) as services:
        sent = await services.mail.send(
            to=Recipient("ann@example.com"), template="welcome", context=CONTEXT
        )
        await services.jobs.run_until_idle()
        row = await OutboxMessage.get(id=sent.id)
        assert (row.status, row.attempts) == (OutboxStatus.QUEUED, 1)
        assert row.last_error == "server answered 451 4.3.0 Try again later"
        (job,) = await job_rows("mail.deliver")
        assert job["status"] == "todo"
        assert await make_due() == 1
        await services.jobs.run_until_idle()
    received = await smtp_server.next_message()
    assert received.rcpt_tos == ["ann@example.com"]
    row = await OutboxMessage.get(id=sent.id)
    assert (row.status, row.attempts) == (OutboxStatus.SENT, 2)


async def test_an_unreachable_server_is_retried(settings, org):
    closed = await LocalSmtp().start()
    await closed.stop()  # nothing listens on that port any more
    async with services_with(settings, smtp_url=closed.url()) as services:
        sent = await services.mail.send(
            to=Recipient("ann@example.com"), template="welcome", context=CONTEXT
        )
        await services.jobs.run_until_idle()
    row = await OutboxMessage.get(id=sent.id)
    assert (row.status, row.attempts) == (OutboxStatus.QUEUED, 1)
    assert (row.last_error or "").startswith(f"could not reach 127.0.0.1:{closed.port}")
    assert [job["status"] for job in await job_rows("mail.deliver")] == ["todo"]


async def test_a_permanent_refusal_fails_the_message_at_once(settings, smtp_server, org):
    smtp_server.replies = deque(["550 5.1.1 No such mailbox"])
    async with services_with(settings, smtp_url=smtp_server.url()) as services:
        sent = await services.mail.send(
            to=Recipient("nobody@example.com"), template="welcome", context=CONTEXT
        )
        await services.jobs.run_until_idle()
    row = await OutboxMessage.get(id=sent.id)
    assert row.status == OutboxStatus.FAILED
    assert row.last_error == "message refused: 550 5.1.1 No such mailbox"
    assert row.text_body is not None  # not sent: kept for the owners to see what failed
    assert [job["status"] for job in await job_rows("mail.deliver")] == ["failed"]


async def test_without_smtp_messages_are_held_in_the_outbox(settings, org):
    async with services_with(settings, smtp_url=None) as services:
        sent = await services.mail.send(
            to=Recipient("ann@example.com", "Ann"),
            template="welcome",
            context=CONTEXT,
            organization_id=org.id,
        )
        await services.jobs.run_until_idle()
    row = await OutboxMessage.get(id=sent.id)
    assert (row.status, row.attempts, row.sent_at) == (OutboxStatus.HELD, 0, None)
    assert "https://app.example/i/abc123" in row.text_body
    assert "https://app.example/i/abc123" in row.html_body
    assert await job_rows("mail.deliver") == []


async def test_a_rolled_back_transaction_sends_nothing(settings, smtp_server, org):
    async with services_with(settings, smtp_url=smtp_server.url()) as services:
        with pytest.raises(RuntimeError):
            async with in_transaction():
                await services.mail.send(
                    to=Recipient("ann@example.com"), template="welcome", context=CONTEXT
                )
                raise RuntimeError("the request failed after sending")
        await services.jobs.run_until_idle()
    assert await OutboxMessage.all().count() == 0
    assert await job_rows("mail.deliver") == []
    assert smtp_server.received.empty()


@pytest.fixture(scope="module")
def certificate_authority():
    return trustme.CA()


@pytest.fixture
def tls_files(certificate_authority, tmp_path):
    server_cert = certificate_authority.issue_cert("127.0.0.1", "localhost")
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_cert.configure_cert(server_context)
    cafile = tmp_path / "ca.pem"
    certificate_authority.cert_pem.write_to_path(str(cafile))
    return server_context, cafile


async def test_starttls_with_login(settings, org, tls_files):
    server_context, cafile = tls_files
    server = await LocalSmtp(
        tls_context=server_context, require_starttls=True, credentials=("mailer", "p@ss:word")
    ).start()
    try:
        url = server.url("smtp+starttls", "mailer:p%40ss%3Aword", f"cafile={cafile}")
        async with services_with(settings, smtp_url=url) as services:
            await services.mail.send(
                to=Recipient("ann@example.com"), template="welcome", context=CONTEXT
            )
            await services.jobs.run_until_idle()
        received = await server.next_message()
    finally:
        await server.stop()
    assert received.tls and received.authenticated_as == "mailer"
    assert received.rcpt_tos == ["ann@example.com"]


async def test_smtps_verifies_the_certificate(settings, org, tls_files, certificate_authority):
    server_context, cafile = tls_files
    server = await LocalSmtp(implicit_tls=server_context).start()
    try:
        async with services_with(
            settings, smtp_url=server.url("smtps", query=f"cafile={cafile}")
        ) as services:
            await services.mail.send(
                to=Recipient("ann@example.com"), template="welcome", context=CONTEXT
            )
            await services.jobs.run_until_idle()
        received = await server.next_message()
        assert received.rcpt_tos == ["ann@example.com"]

        # Without the private authority the certificate is not trusted: nothing is sent.
        async with services_with(settings, smtp_url=server.url("smtps")) as services:
            sent = await services.mail.send(
                to=Recipient("bo@example.com"), template="welcome", context=CONTEXT
            )
            await services.jobs.run_until_idle()
        row = await OutboxMessage.get(id=sent.id)
        assert row.status == OutboxStatus.QUEUED
        assert (row.last_error or "").startswith("TLS failed")
    finally:
        await server.stop()


async def test_starttls_is_required_when_asked_for(settings, smtp_server, org):
    async with services_with(settings, smtp_url=smtp_server.url("smtp+starttls")) as services:
        sent = await services.mail.send(
            to=Recipient("ann@example.com"), template="welcome", context=CONTEXT
        )
        await services.jobs.run_until_idle()
    row = await OutboxMessage.get(id=sent.id)
    assert row.status == OutboxStatus.QUEUED
    assert "STARTTLS" in (row.last_error or "")
    assert smtp_server.received.empty()


async def test_a_wrong_password_is_kept_as_the_reason_and_retried(settings, org, tls_files):
    server_context, cafile = tls_files
    server = await LocalSmtp(
        tls_context=server_context, require_starttls=True, credentials=("mailer", "right")
    ).start()
    try:
        url = server.url("smtp+starttls", "mailer:wrong", f"cafile={cafile}")
        async with services_with(settings, smtp_url=url) as services:
            sent = await services.mail.send(
                to=Recipient("ann@example.com"), template="welcome", context=CONTEXT
            )
            await services.jobs.run_until_idle()
    finally:
        await server.stop()
    row = await OutboxMessage.get(id=sent.id)
    assert row.status == OutboxStatus.QUEUED
    assert (row.last_error or "").startswith("the server refused the SMTP user or password (535")
    assert [job["status"] for job in await job_rows("mail.deliver")] == ["todo"]
    assert server.received.empty()


async def test_a_burst_of_messages_shares_a_connection(settings, smtp_server, org):
    async with services_with(settings, smtp_url=smtp_server.url()) as services:
        sent = await services.mail.send_many([welcome(n) for n in range(6)])
        await services.jobs.run_until_idle()
        assert services.mail.connections is not None
        assert services.mail.connections.idle == 1  # kept for the next message
    # One job at a time here: every message went over the one session, closed at shutdown.
    assert smtp_server.connections == 1
    assert not smtp_server.open_sessions
    received = [await smtp_server.next_message() for _ in sent]
    assert sorted(r.rcpt_tos[0] for r in received) == sorted(f"c{n}@example.com" for n in range(6))
    assert smtp_server.received.empty()  # each once
    rows = await OutboxMessage.filter(id__in=[m.id for m in sent])
    assert {(r.status, r.attempts, r.last_error) for r in rows} == {(OutboxStatus.SENT, 1, None)}


async def test_one_refused_recipient_fails_alone(settings, smtp_server, org):
    # The second message's DATA is refused for good, the third's for now.
    smtp_server.replies = deque(["250 OK", "550 5.1.1 No such mailbox", "451 4.3.0 Later"])
    async with services_with(settings, smtp_url=smtp_server.url()) as services:
        sent = await services.mail.send_many([welcome(n) for n in range(5)])
        await services.jobs.run_until_idle()
        rows = {r.id: r for r in await OutboxMessage.filter(id__in=[m.id for m in sent])}
        statuses = [(rows[m.id].status, rows[m.id].attempts) for m in sent]
        assert statuses == [
            (OutboxStatus.SENT, 1),
            (OutboxStatus.FAILED, 1),
            (OutboxStatus.QUEUED, 1),
            (OutboxStatus.SENT, 1),
            (OutboxStatus.SENT, 1),
        ]
        assert rows[sent[2].id].last_error == "server answered 451 4.3.0 Later"
        # A failure closes its session: the next message opened another.
        assert smtp_server.connections == 3
        assert await make_due() == 1
        await services.jobs.run_until_idle()
    assert (await OutboxMessage.get(id=sent[2].id)).status == OutboxStatus.SENT
    delivered = [(await smtp_server.next_message()).rcpt_tos[0] for _ in range(3)]
    assert delivered == ["c3@example.com", "c4@example.com", "c2@example.com"]
    assert smtp_server.received.empty()


async def test_a_session_the_server_dropped_is_replaced_without_a_failure(
    settings, smtp_server, org
):
    async with services_with(settings, smtp_url=smtp_server.url()) as services:
        first = await services.mail.send(
            to=Recipient("a@example.com"), template="welcome", context=CONTEXT
        )
        await services.jobs.run_until_idle()
        assert (await smtp_server.next_message()).rcpt_tos == ["a@example.com"]
        smtp_server.drop_connections()  # the server timed the idle session out
        await asyncio.sleep(0.05)
        second = await services.mail.send(
            to=Recipient("b@example.com"), template="welcome", context=CONTEXT
        )
        await services.jobs.run_until_idle()
    assert (await smtp_server.next_message()).rcpt_tos == ["b@example.com"]
    assert smtp_server.received.empty()
    assert smtp_server.connections == 2
    for sent in (first, second):
        row = await OutboxMessage.get(id=sent.id)
        assert (row.status, row.attempts, row.last_error) == (OutboxStatus.SENT, 1, None)


async def test_idle_sessions_are_closed(settings, smtp_server, org):
    async with services_with(settings, smtp_url=smtp_server.url()) as services:
        pool = services.mail.connections
        assert pool is not None
        pool.idle_seconds = 0.2
        await services.mail.send(to=Recipient("a@example.com"), template="welcome", context=CONTEXT)
        await services.jobs.run_until_idle()
        assert len(smtp_server.open_sessions) == 1
        for _ in range(50):
            if not smtp_server.open_sessions:
                break
            await asyncio.sleep(0.05)
        assert not smtp_server.open_sessions and pool.idle == 0


async def test_a_session_carries_a_bounded_number_of_messages(settings, smtp_server, org):
    async with services_with(settings, smtp_url=smtp_server.url()) as services:
        pool = services.mail.connections
        assert pool is not None
        pool.messages_per_connection = 2
        await services.mail.send_many([welcome(n) for n in range(5)])
        await services.jobs.run_until_idle()
    assert smtp_server.connections == 3 and pool.opened == 3
    assert len([await smtp_server.next_message() for _ in range(5)]) == 5
    assert not smtp_server.open_sessions
