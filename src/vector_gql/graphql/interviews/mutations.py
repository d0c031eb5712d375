"""Create and change interviews and their questions."""

from __future__ import annotations

import strawberry
from strawberry import relay

from ...models import interviews as models
from ..context import Info
from ..errors import UserError, mutation
from ..node import decode_id
from .inputs import (
    AddQuestionInput,
    CreateInterviewInput,
    DeleteInterviewInput,
    RemoveQuestionInput,
    ReorderQuestionsInput,
    SetInterviewStatusInput,
    UpdateInterviewInput,
    UpdateQuestionInput,
    video_pk,
)
from .types import Interview, Question


@strawberry.type
class InterviewPayload:
    interview: Interview | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class CreateInterviewPayload(InterviewPayload):
    pass


@strawberry.type
class UpdateInterviewPayload(InterviewPayload):
    pass


@strawberry.type
class SetInterviewStatusPayload(InterviewPayload):
    pass


@strawberry.type
class ReorderQuestionsPayload(InterviewPayload):
    pass


@strawberry.type
class RemoveQuestionPayload(InterviewPayload):
    pass


@strawberry.type
class QuestionPayload:
    question: Question | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class AddQuestionPayload(QuestionPayload):
    pass


@strawberry.type
class UpdateQuestionPayload(QuestionPayload):
    pass


@strawberry.type
class DeleteInterviewPayload:
    deleted_interview_id: strawberry.ID | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


def _interview_id(value: strawberry.ID) -> int:
    return decode_id(value, "Interview", "interview_id")


def _question_id(value: strawberry.ID) -> int:
    return decode_id(value, "Question", "question_id")


@strawberry.type
class InterviewMutation:
    @mutation(
        description="Create an interview with all its questions, or nothing. Owners and "
        "recruiters only."
    )
    async def create_interview(
        self, info: Info, input: CreateInterviewInput
    ) -> CreateInterviewPayload:
        principal = await info.context.authenticated()
        row = await info.context.services.interviews.create_interview(
            principal,
            organization_id=decode_id(input.organization_id, "Organization", "organization_id"),
            title=input.title,
            description=input.description,
            questions=[q.spec() for q in input.questions],
            answer_deadline=input.answer_deadline,
        )
        return CreateInterviewPayload(interview=Interview.from_row(row))

    @mutation(description="Change an interview's title, description or deadline.")
    async def update_interview(
        self, info: Info, input: UpdateInterviewInput
    ) -> UpdateInterviewPayload:
        principal = await info.context.authenticated()
        changes = input.changes()
        row = await info.context.services.interviews.update_interview(
            principal, _interview_id(input.interview_id), changes
        )
        return UpdateInterviewPayload(interview=Interview.from_row(row))

    @mutation(description="Add a question; not once the interview has answers.")
    async def add_question(self, info: Info, input: AddQuestionInput) -> AddQuestionPayload:
        principal = await info.context.authenticated()
        row = await info.context.services.interviews.add_question(
            principal, _interview_id(input.interview_id), input.question.spec(), input.position
        )
        return AddQuestionPayload(question=Question.from_row(row))

    @mutation(description="Change a question; not once the interview has answers.")
    async def update_question(
        self, info: Info, input: UpdateQuestionInput
    ) -> UpdateQuestionPayload:
        principal = await info.context.authenticated()
        changes = input.changes()
        if "video_prompt_id" in changes:
            changes["video_prompt_id"] = video_pk(changes["video_prompt_id"])
        row = await info.context.services.interviews.update_question(
            principal, _question_id(input.question_id), changes
        )
        return UpdateQuestionPayload(question=Question.from_row(row))

    @mutation(
        description="Remove a question; the others close up. Not the last one, and not once "
        "the interview has answers."
    )
    async def remove_question(
        self, info: Info, input: RemoveQuestionInput
    ) -> RemoveQuestionPayload:
        principal = await info.context.authenticated()
        row = await info.context.services.interviews.remove_question(
            principal, _question_id(input.question_id)
        )
        return RemoveQuestionPayload(interview=Interview.from_row(row))

    @mutation(description="Put the questions in a new order.")
    async def reorder_questions(
        self, info: Info, input: ReorderQuestionsInput
    ) -> ReorderQuestionsPayload:
        principal = await info.context.authenticated()
        ids = [
            decode_id(q, "Question", "question_ids", i) for i, q in enumerate(input.question_ids)
        ]
        row = await info.context.services.interviews.reorder_questions(
            principal, _interview_id(input.interview_id), ids
        )
        return ReorderQuestionsPayload(interview=Interview.from_row(row))

    @mutation(
        description="Move an interview through DRAFT → OPEN ⇄ CLOSED; ARCHIVED from anywhere, "
        "and back to CLOSED."
    )
    async def set_interview_status(
        self, info: Info, input: SetInterviewStatusInput
    ) -> SetInterviewStatusPayload:
        principal = await info.context.authenticated()
        row = await info.context.services.interviews.set_status(
            principal, _interview_id(input.interview_id), models.InterviewStatus(input.status)
        )
        return SetInterviewStatusPayload(interview=Interview.from_row(row))

    @mutation(
        description="Delete an interview and its questions; not once it has answers (archive "
        "it instead)."
    )
    async def delete_interview(
        self, info: Info, input: DeleteInterviewInput
    ) -> DeleteInterviewPayload:
        principal = await info.context.authenticated()
        deleted = await info.context.services.interviews.delete_interview(
            principal, _interview_id(input.interview_id)
        )
        return DeleteInterviewPayload(
            deleted_interview_id=strawberry.ID(str(relay.to_base64("Interview", deleted)))
        )
