"""Outgoing mail: rendered from templates, sent by a job, kept in an outbox.

A service sends a message in one line, inside its own transaction::

    await self.mail.send(
        to=Recipient(email, name),
        template="candidate_invitation",
        context={"interview_title": ..., "url": ...},
        organization_id=org_id,
    )

The message is rendered at once (a template error fails the request, not the
job) and stored in ``mail_outbox`` with a ``mail.deliver`` job, both in the
caller's transaction. The job sends it over SMTP when ``VECTOR_SMTP_URL`` is
set, with retries and backoff; without it, the message is HELD in the outbox,
where the organization's owners read it (``Organization.outbox``).

Each message reaches its recipient once where the outcome of sending it is
known, and at most twice, as the same message, where it is not:

- It gets its Message-ID when it is queued, and every SMTP attempt carries
  that one, so a second copy is the same message to the receiver (many
  mailboxes keep one of two messages with one Message-ID).
- Before the SMTP transaction, a committed write claims it: status SENDING,
  ``attempts`` one higher (the attempt key). If that write fails, nothing is
  sent. Every later write about the attempt names the key, so a run the
  stalled-job sweep started beside a slow one cannot overwrite a newer outcome.
- The server's answer is recorded at once: SENT (the bodies erased), or back
  to QUEUED with the reason (retried), or FAILED. A failed write recording
  an acceptance is tried again a few times within the attempt
  (``RECORD_PAUSES``) before the job gives up on it, because a momentary
  database failure must not turn a delivered message into a resent one.
- The outcome is unknown when the session failed after the server had the
  message and before it answered (``smtp.OutcomeUnknown``), when the write
  above kept failing, or when the worker died in the transaction: the
  message is left SENDING, and the next run counts one more
  ``unknown_outcomes``. After the first, the message is sent again, with the
  same Message-ID, and ``last_error`` says so: a lost invitation costs a
  candidate their interview, and a second copy of the same message costs a
  glance. After the second, it is not sent again: it is FAILED, with a reason
  saying it may well have arrived.

The jobs of one process share a pool of SMTP sessions (``smtp.ConnectionPool``):
a burst of messages reuses a few connections instead of opening one each, and
the sessions left idle are closed after ``smtp.IDLE_SECONDS``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from ...config import Settings
from ...models.mail import OutboxMessage, OutboxStatus
from ..auth import Action, Principal, readable_outbox, reads_nothing, require
from ..clock import Clock
from ..jobs import JobQueue, RetryPolicy
from ..paging import Page, PageRequest, Sort, keyset_page
from . import smtp
from .addresses import InvalidAddress, Recipient, parse_sender
from .compose import mime_message, new_message_id, render, template_environment
from .rows import OutboxRow
from .smtp import SmtpConfig

log = logging.getLogger(__name__)

OUTBOX_SORT = Sort("created_at", descending=True)
# 8 retries after 3, 9, 27, ... 6561 seconds (about 2.7 hours in all); a message
# the server refuses outright (a 5xx reply) is not retried.
DELIVERY_RETRY = RetryPolicy(
    max_attempts=8, exponential_wait=3, give_up_on=(smtp.PermanentMailError,)
)
# Pauses (seconds) before the second and later tries of the write that records an
# acceptance, within one attempt.
RECORD_PAUSES = (0.1, 0.5)
# Unknown outcomes after which a message is not sent again (each may have delivered it).
MAX_UNKNOWN_OUTCOMES = 2
# last_error of an attempt that resends a message whose previous outcome is unknown.
RESENT_UNKNOWN = (
    "the outcome of attempt {attempt} is not known; sent again with the same Message-ID"
)
GAVE_UP_UNKNOWN = (
    "the outcomes of {count} attempts are not known; not sent again, and it may well have arrived"
)
# Statuses a delivery job still works on.
UNFINISHED = (OutboxStatus.QUEUED, OutboxStatus.SENDING)


@dataclass(frozen=True)
class Mail:
    """One message to send: who to, which template, with what values."""

    to: Recipient
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)
    organization_id: int | None = None


class MailService:
    def __init__(
        self,
        settings: Settings,
        jobs: JobQueue,
        *,
        clock: Clock | None = None,
        templates: Environment | None = None,
    ) -> None:
        self.settings = settings
        self.clock = clock or Clock()
        self.sender = parse_sender(settings.mail_from)
        config = smtp.SmtpConfig.parse(settings.smtp_url) if settings.smtp_url else None
        # The sessions to the configured server, None without one.
        self.connections = smtp.ConnectionPool(config) if config else None
        self._closer: asyncio.Task[None] | None = None
        self.templates = templates or template_environment()
        self.deliver = jobs.define(
            "mail.deliver", self._deliver, retry=DELIVERY_RETRY, on_give_up=self._gave_up
        )

    @property
    def smtp(self) -> SmtpConfig | None:
        """The SMTP server mail goes to; None: messages stay in the outbox."""
        return self.connections.config if self.connections else None

    async def close(self) -> None:
        """Close the SMTP sessions this process keeps open."""
        closer, self._closer = self._closer, None
        if closer is not None:
            closer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await closer
        if self.connections is not None:
            await asyncio.to_thread(self.connections.close_idle)

    def describe(self) -> str:
        return self.smtp.describe() if self.smtp else "kept in the outbox (no VECTOR_SMTP_URL)"

    # --- sending ---------------------------------------------------------------------

    async def send(
        self,
        *,
        to: Recipient,
        template: str,
        context: Mapping[str, Any] | None = None,
        organization_id: int | None = None,
    ) -> OutboxMessage:
        """Render and queue one message; it leaves when the caller's transaction commits."""
        mail = Mail(to, template, context or {}, organization_id)
        return (await self.send_many([mail]))[0]

    async def send_many(self, mails: Sequence[Mail]) -> list[OutboxMessage]:
        """Render and queue several messages, with one statement for their jobs."""
        rows = []
        for mail in mails:
            rendered = render(self.templates, mail.template, mail.context)
            rows.append(
                OutboxMessage(
                    organization_id=mail.organization_id,
                    template=mail.template,
                    to_address=mail.to.email,
                    to_name=mail.to.name,
                    subject=rendered.subject,
                    text_body=rendered.text,
                    html_body=rendered.html,
                    message_id=new_message_id(self.sender),
                )
            )
        async with in_transaction():
            for row in rows:
                await row.save()
            await self.deliver.enqueue_many([{"message_id": row.id} for row in rows])
        return rows

    # --- the job ---------------------------------------------------------------------

    async def _deliver(self, message_id: int) -> None:
        message = await OutboxMessage.get_or_none(id=message_id)
        if message is None:
            log.info("mail %s is gone (its organization was deleted); nothing to send", message_id)
            return
        if message.status not in UNFINISHED:
            return  # sent, held or failed already: a job that ran again after a crash
        connections = self.connections
        if connections is None:
            message.status = OutboxStatus.HELD
            await message.save(update_fields=["status"])
            log.info("mail %s held in the outbox: no VECTOR_SMTP_URL is set", message_id)
            return
        attempt = message.attempts + 1
        last_error = message.last_error
        unknown = message.unknown_outcomes
        if message.status == OutboxStatus.SENDING:
            # The previous attempt's outcome is unknown (see the module's docstring).
            unknown += 1
            if unknown >= MAX_UNKNOWN_OUTCOMES:
                await self._claimed(message).update(
                    status=OutboxStatus.FAILED,
                    unknown_outcomes=unknown,
                    last_error=GAVE_UP_UNKNOWN.format(count=unknown),
                )
                log.warning("mail %s: %d outcomes unknown; not sent again", message_id, unknown)
                return
            last_error = RESENT_UNKNOWN.format(attempt=message.attempts)
            log.warning("mail %s: %s", message_id, last_error)
        header = message.message_id or new_message_id(self.sender)
        claimed = await OutboxMessage.filter(
            id=message.id, status=message.status, attempts=message.attempts
        ).update(
            status=OutboxStatus.SENDING,
            attempts=attempt,
            unknown_outcomes=unknown,
            message_id=header,
            last_error=last_error,
        )
        if not claimed:
            return  # another run claimed it first
        message.status, message.attempts = OutboxStatus.SENDING, attempt
        email = mime_message(
            sender=self.sender,
            to=Recipient(message.to_address, message.to_name),
            subject=message.subject,
            text=message.text_body or "",
            html=message.html_body or "",
            created_at=message.created_at,
            message_id=header,
        )
        try:
            await asyncio.to_thread(connections.send, email)
        except smtp.OutcomeUnknown as exc:
            # Left SENDING: the next run counts it as unknown.
            await self._note_failure(message, exc, last_error=str(exc)[:500])
            raise
        except smtp.MailError as exc:
            await self._note_failure(
                message, exc, status=OutboxStatus.QUEUED, last_error=str(exc)[:500]
            )
            raise
        finally:
            self._close_idle_later()
        if await self._record_sent(message):
            log.info(
                "mail %s sent to %s via %s",
                message_id,
                message.to_address,
                connections.config.host,
            )

    def _claimed(self, message: OutboxMessage) -> QuerySet[OutboxMessage]:
        """The message, while the attempt ``message.attempts`` still holds it."""
        return OutboxMessage.filter(
            id=message.id, status=OutboxStatus.SENDING, attempts=message.attempts
        )

    async def _note_failure(self, message: OutboxMessage, error: Exception, **fields: Any) -> None:
        """Record what the attempt's failure was. If that write fails too, the mail error
        still goes to the job (its retry policy reads it): the write's is only logged."""
        try:
            await self._claimed(message).update(**fields)
        except Exception:
            log.warning(
                "mail %s: sending failed (%s), and recording why failed too",
                message.id,
                error,
                exc_info=True,
            )

    async def _record_sent(self, message: OutboxMessage) -> bool:
        """Record that the server accepted the message, trying again on a failed write.

        False when a newer attempt owns the message (the stalled-job sweep started one
        beside this slow one): its outcome is the one to keep, so nothing is written."""
        for pause in (*RECORD_PAUSES, None):
            try:
                updated = await self._claimed(message).update(
                    status=OutboxStatus.SENT,
                    sent_at=self.clock.now(),
                    text_body=None,
                    html_body=None,
                )
                break
            except Exception:
                if pause is None:
                    raise
                log.warning(
                    "mail %s was accepted but recording it failed; trying again",
                    message.id,
                    exc_info=True,
                )
                await asyncio.sleep(pause)
        if not updated:
            log.warning(
                "mail %s was accepted on attempt %d, superseded by a newer attempt; "
                "its outcome is left to that one",
                message.id,
                message.attempts,
            )
        return bool(updated)

    def _close_idle_later(self) -> None:
        """Make sure the sessions left idle get closed, by one task per process."""
        if self._closer is None or self._closer.done():
            self._closer = asyncio.create_task(self._close_idle(), name="mail sessions")

    async def _close_idle(self) -> None:
        while (pool := self.connections) is not None:
            await asyncio.sleep(pool.idle_seconds)
            if not await asyncio.to_thread(pool.close_idle, pool.idle_seconds):
                return

    async def _gave_up(self, error: BaseException, message_id: int) -> None:
        await OutboxMessage.filter(id=message_id, status__in=UNFINISHED).update(
            status=OutboxStatus.FAILED,
            last_error=(str(error) or type(error).__name__)[:500],
        )

    # --- reading ---------------------------------------------------------------------

    async def outbox_page(
        self,
        principal: Principal,
        organization_id: int,
        request: PageRequest,
        statuses: Sequence[OutboxStatus] | None = None,
    ) -> Page[OutboxRow]:
        """The organization's messages, newest first. Owners only."""
        await require(principal, organization_id, Action.READ_MAIL)
        query = readable_outbox(principal).filter(organization_id=organization_id)
        if statuses:
            query = query.filter(status__in=list(statuses))
        return await keyset_page(query, OUTBOX_SORT, request, OutboxRow)

    async def readable_messages(
        self, principal: Principal, ids: Iterable[int]
    ) -> dict[int, OutboxRow]:
        if reads_nothing(principal):
            return {}
        return await OutboxRow.by_id(readable_outbox(principal), ids)


__all__ = [
    "InvalidAddress",
    "Mail",
    "MailService",
    "OutboxMessage",
    "OutboxRow",
    "OutboxStatus",
    "Recipient",
]
