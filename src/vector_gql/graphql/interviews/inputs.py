"""What the interview queries and mutations take."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry
from strawberry import relay

from ...services.interviews import INTERVIEW_UPDATE, QUESTION_UPDATE, QuestionSpec
from ...services.validation import parse_pk
from ..pagination import OrderDirection
from ..updates import UpdateInput, update_input
from .types import InterviewStatus


def video_pk(value: relay.GlobalID | None) -> int | None:
    """A Video's key; an ID of anything else becomes one that matches no video."""
    if value is None:
        return None
    if value.type_name != "Video":
        return -1
    return parse_pk(value.node_id) or -1


@strawberry.enum
class InterviewOrderField(Enum):
    CREATED_AT = "CREATED_AT"
    UPDATED_AT = "UPDATED_AT"
    TITLE = "TITLE"


@strawberry.input
class InterviewOrder:
    field: InterviewOrderField = InterviewOrderField.CREATED_AT
    direction: OrderDirection = OrderDirection.DESC


@strawberry.input
class InterviewFilterInput:
    status: list[InterviewStatus] | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Any of these statuses (one value works too)."
    )
    search: str | None = strawberry.field(
        default=None, description="Words in the title or description, ignoring case."
    )


@strawberry.input(description="A question; times are in seconds.")
class QuestionInput:
    text: str = strawberry.field(description="1 to 2,000 characters.")
    think_time_seconds: int = strawberry.field(default=30, description="0 to 600.")
    answer_time_seconds: int = strawberry.field(default=120, description="10 to 1,800.")
    retakes: int = strawberry.field(default=1, description="0 to 10.")
    video_prompt_id: relay.GlobalID | None = strawberry.field(
        default=None, description="A video of the same organization, played as the question."
    )

    def spec(self) -> QuestionSpec:
        return QuestionSpec(
            text=self.text,
            think_time_seconds=self.think_time_seconds,
            answer_time_seconds=self.answer_time_seconds,
            retakes=self.retakes,
            video_prompt_id=video_pk(self.video_prompt_id),
        )


@strawberry.input
class CreateInterviewInput:
    organization_id: strawberry.ID
    title: str = strawberry.field(description="1 to 200 characters.")
    questions: list[QuestionInput] = strawberry.field(description="1 to 100 questions, in order.")
    description: str = strawberry.field(default="", description="Up to 10,000 characters.")
    answer_deadline: datetime | None = None


@update_input(INTERVIEW_UPDATE)
class UpdateInterviewInput(UpdateInput):
    interview_id: strawberry.ID
    title: str | None = strawberry.field(
        default=strawberry.UNSET, description="1 to 200 characters;"
    )
    description: str | None = strawberry.field(
        default=strawberry.UNSET, description="Up to 10,000 characters;"
    )
    answer_deadline: datetime | None = strawberry.field(
        default=strawberry.UNSET, description="When answers close;"
    )


@strawberry.input
class AddQuestionInput:
    interview_id: strawberry.ID
    question: QuestionInput
    position: int | None = strawberry.field(
        default=None, description="Where to insert it (1 = first); the end if left out."
    )


@update_input(QUESTION_UPDATE)
class UpdateQuestionInput(UpdateInput):
    question_id: strawberry.ID
    text: str | None = strawberry.field(
        default=strawberry.UNSET, description="1 to 2,000 characters;"
    )
    think_time_seconds: int | None = strawberry.field(
        default=strawberry.UNSET, description="0 to 600;"
    )
    answer_time_seconds: int | None = strawberry.field(
        default=strawberry.UNSET, description="10 to 1,800;"
    )
    retakes: int | None = strawberry.field(default=strawberry.UNSET, description="0 to 10;")
    video_prompt_id: relay.GlobalID | None = strawberry.field(
        default=strawberry.UNSET, description="A video of the same organization;"
    )


@strawberry.input
class RemoveQuestionInput:
    question_id: strawberry.ID


@strawberry.input
class ReorderQuestionsInput:
    interview_id: strawberry.ID
    question_ids: list[strawberry.ID] = strawberry.field(
        description="Every question of the interview, once, in the new order."
    )


@strawberry.input
class SetInterviewStatusInput:
    interview_id: strawberry.ID
    status: InterviewStatus  # type: ignore[valid-type]


@strawberry.input
class DeleteInterviewInput:
    interview_id: strawberry.ID
