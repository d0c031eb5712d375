"""The rows interview reads return."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ...models.interviews import InterviewStatus
from ..rows import Row


@dataclass(frozen=True, slots=True)
class InterviewRow(Row):
    id: int
    organization_id: int
    creator_id: int
    title: str
    description: str
    status: InterviewStatus
    answer_deadline: datetime | None
    first_answer_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @property
    def questions_locked(self) -> bool:
        """True once the interview has answers: they refer to its questions."""
        return self.first_answer_at is not None


@dataclass(frozen=True, slots=True)
class QuestionRow(Row):
    id: int
    interview_id: int
    position: int
    text: str
    think_time_seconds: int
    answer_time_seconds: int
    retakes: int
    video_prompt_id: int | None
