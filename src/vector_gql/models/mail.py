"""Outgoing mail: every message an organization sends, and where it got to."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from .organizations import Organization


class OutboxStatus(StrEnum):
    QUEUED = "QUEUED"  # waiting for a worker to send it
    # An SMTP transaction for it has begun and its outcome is not recorded yet (or
    # could not be: the next attempt sends it again, with the same Message-ID).
    SENDING = "SENDING"
    SENT = "SENT"  # accepted by the SMTP server
    HELD = "HELD"  # no SMTP server is configured: kept here for the owners to read
    FAILED = "FAILED"  # refused, or retries used up; last_error says why


class OutboxMessage(Model):
    """One message to one recipient, rendered when it was sent.

    The bodies are kept until the message leaves by SMTP and are then erased:
    mail carries links with secrets in them, which the database should not
    keep longer than it has to. A HELD message keeps them, because reading
    them in the outbox is how they reach anyone.
    """

    id = fields.BigIntField(primary_key=True)
    # Null for mail that belongs to no organization (account mail, when there is
    # some): no outbox shows it, and only the operators can read it.
    organization: fields.ForeignKeyNullableRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="outbox", null=True, on_delete=fields.CASCADE
    )
    template = fields.CharField(max_length=100)
    to_address = fields.CharField(max_length=254)
    to_name = fields.CharField(max_length=200)
    subject = fields.CharField(max_length=250)
    text_body = fields.TextField(null=True)
    html_body = fields.TextField(null=True)
    status = fields.CharEnumField(OutboxStatus, max_length=8, default=OutboxStatus.QUEUED)
    # The Message-ID header every SMTP attempt for this message carries, chosen when
    # it is queued: a copy sent again after an uncertain outcome is the same message
    # to the receiver (null only for messages queued before it was kept).
    message_id = fields.CharField(max_length=250, null=True)
    # Attempts begun so far; the number of the current one is its attempt key.
    attempts = fields.IntField(default=0)
    # Attempts whose outcome is not known (the server may have accepted the message).
    unknown_outcomes = fields.IntField(default=0)
    last_error = fields.CharField(max_length=500, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    sent_at = fields.DatetimeField(null=True)

    class Meta:
        table = "mail_outbox"
        indexes = (("organization", "created_at"),)
