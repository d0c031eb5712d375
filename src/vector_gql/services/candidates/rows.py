"""The rows candidate reads return."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Self

from tortoise.queryset import QuerySet

from ...models.candidates import InvitationStatus
from ..rows import Row
from .rules import effective_status


@dataclass(frozen=True, slots=True)
class InvitationRow(Row):
    id: int
    organization_id: int
    interview_id: int
    name: str
    email: str
    # As stored: INVITED, STARTED, SUBMITTED or REVOKED; ``status_at`` adds EXPIRED.
    status: InvitationStatus
    expires_at: datetime
    created_at: datetime
    started_at: datetime | None
    submitted_at: datetime | None
    revoked_at: datetime | None
    extra_think_seconds: int
    extra_answer_seconds: int
    extra_retakes: int
    # The interview's, read with the invitation: past it, the invitation is expired too.
    answer_deadline: datetime | None

    def status_at(self, now: datetime) -> InvitationStatus:
        return effective_status(self.status, self.expires_at, self.answer_deadline, now)

    @classmethod
    async def fetch(cls, query: QuerySet[Any]) -> list[Self]:
        own = [name for name in cls.columns() if name != "answer_deadline"]
        rows = await query.values(*own, answer_deadline="interview__answer_deadline")
        return [cls(**row) for row in rows]

    @classmethod
    def with_deadline(cls, model: Any, answer_deadline: datetime | None) -> Self:
        values = {name: getattr(model, name) for name in cls.columns() if name != "answer_deadline"}
        return cls(**values, answer_deadline=answer_deadline)


@dataclass(frozen=True, slots=True)
class AnswerRow(Row):
    id: int
    invitation_id: int
    question_id: int
    attempt: int
    started_at: datetime
    submitted_at: datetime | None
    video_id: int | None
    current: bool


@dataclass(frozen=True)
class InvitationCounts:
    invited: int = 0
    started: int = 0
    submitted: int = 0
    expired: int = 0
    revoked: int = 0


@dataclass(frozen=True)
class QuestionLimits:
    """A question as one candidate sees it: its limits with their accommodations."""

    question_id: int
    think_time_seconds: int
    answer_time_seconds: int
    retakes: int
