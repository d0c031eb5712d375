"""The rows audit reads return."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ...models.audit import AuditAction
from ..rows import Row


@dataclass(frozen=True, slots=True)
class AuditEntryRow(Row):
    id: int
    organization_id: int
    action: AuditAction
    actor_id: int | None
    subject_user_id: int | None
    interview_id: int | None
    invitation_id: int | None
    details: dict[str, Any]
    created_at: datetime
