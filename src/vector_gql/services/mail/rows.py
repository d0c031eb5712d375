"""The rows mail reads return."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ...models.mail import OutboxStatus
from ..rows import Row


@dataclass(frozen=True, slots=True)
class OutboxRow(Row):
    id: int
    organization_id: int | None
    to_address: str
    to_name: str
    subject: str
    text_body: str | None
    html_body: str | None
    status: OutboxStatus
    attempts: int
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
