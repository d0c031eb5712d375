"""Interviews and questions in GraphQL: the connection, the node types, mutations."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from ..models import interviews as models
from ..services.ids import parse_pk
from ..services.interviews import SORT_FIELDS, InterviewFilter, QuestionSpec
from ..services.paging import Sort
from . import loaders
from .errors import UserError, payload
from .media import Video
from .node import decode_id, resolve_visible
from .organizations import Organization
from .pagination import Connection, OrderDirection, page_request

InterviewStatus = strawberry.enum(
    models.InterviewStatus,
    name="InterviewStatus",
    description="DRAFT: being written. OPEN: candidates may answer. CLOSED: no more answers. "
    "ARCHIVED: kept for the record, out of the way.",
)
if TYPE_CHECKING:
    from .accounts import User

UserType = Annotated["User", strawberry.lazy("vector_gql.graphql.accounts")]


def _video_pk(value: relay.GlobalID | None) -> int | None:
    """A Video's key; an ID of anything else becomes one that matches no video."""
    if value is None:
        return None
    if value.type_name != "Video":
        return -1
    return parse_pk(value.node_id) or -1


@strawberry.type(description="One question of an interview.")
class Question(relay.Node):
    id: relay.NodeID[int]
    position: int = strawberry.field(description="1 for the first question, and so on.")
    text: str
    think_time_seconds: int = strawberry.field(
        description="Time to read and think before recording starts."
    )
    answer_time_seconds: int = strawberry.field(description="The longest an answer may be.")
    retakes: int = strawberry.field(description="How many times a candidate may record again.")
    _interview_id: strawberry.Private[int]
    _video_prompt_id: strawberry.Private[int | None] = None

    @strawberry.field(description="The recruiter's recording of the question, if any.")
    async def video_prompt(self, info: Info) -> Video | None:
        if self._video_prompt_id is None:
            return None
        video = await loaders.videos(info).load(self._video_prompt_id)
        return Video.from_model(video) if video else None

    @classmethod
    def from_model(cls, q: models.Question) -> Question:
        return cls(
            id=q.id,
            position=q.position,
            text=q.text,
            think_time_seconds=q.think_time_seconds,
            answer_time_seconds=q.answer_time_seconds,
            retakes=q.retakes,
            _interview_id=q.interview_id,
            _video_prompt_id=q.video_prompt_id,
        )

    @strawberry.field
    async def interview(self, info: Info) -> Interview:
        return Interview.from_model(await loaders.interviews(info).load(self._interview_id))

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Question | None]:
        return await resolve_visible(
            info, node_ids, info.context.services.interviews.visible_questions, cls.from_model
        )


@strawberry.type(description="A set of questions that candidates answer on video.")
class Interview(relay.Node):
    id: relay.NodeID[int]
    title: str
    description: str
    status: InterviewStatus
    answer_deadline: datetime | None = strawberry.field(
        description="After this, candidates can no longer answer."
    )
    created_at: datetime
    updated_at: datetime
    questions_locked: bool = strawberry.field(
        description="True once candidates have answered: the questions can no longer change."
    )
    _organization_id: strawberry.Private[int]
    _creator_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, i: models.Interview) -> Interview:
        return cls(
            id=i.id,
            title=i.title,
            description=i.description,
            status=i.status,
            answer_deadline=i.answer_deadline,
            created_at=i.created_at,
            updated_at=i.updated_at,
            questions_locked=i.first_answer_at is not None,
            _organization_id=i.organization_id,
            _creator_id=i.creator_id,
        )

    @strawberry.field
    async def organization(self, info: Info) -> Organization:
        return Organization.from_model(
            await loaders.organizations(info).load(self._organization_id)
        )

    @strawberry.field(description="Who created the interview.")
    async def creator(self, info: Info) -> UserType:
        from .accounts import User

        return User.from_model(await loaders.users(info).load(self._creator_id))

    @strawberry.field(description="The questions in position order.")
    async def questions(self, info: Info) -> list[Question]:
        rows = await loaders.questions(info).load(self.id)
        return [Question.from_model(q) for q in rows or []]

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Interview | None]:
        return await resolve_visible(
            info, node_ids, info.context.services.interviews.visible_interviews, cls.from_model
        )


# --- the connection -----------------------------------------------------------


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
    status: list[InterviewStatus] | None = strawberry.field(
        default=None, description="Any of these statuses (one value works too)."
    )
    search: str | None = strawberry.field(
        default=None, description="Words in the title or description, ignoring case."
    )


def _sort(order: InterviewOrder | None) -> Sort:
    order = order or InterviewOrder()
    field = SORT_FIELDS[order.field.value]
    return Sort(
        field,
        descending=order.direction == OrderDirection.DESC,
        kind="str" if field == "title" else "datetime",
    )


@strawberry.type
class InterviewQuery:
    @strawberry.field(
        description="The interviews the viewer may read, in one organization or in all of "
        "theirs. At most 100 per page; 20 unless asked."
    )
    async def interviews(
        self,
        info: Info,
        organization_id: strawberry.ID | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: InterviewFilterInput | None = None,
        order_by: InterviewOrder | None = None,
    ) -> Connection[Interview]:
        viewer = await info.context.require_viewer()
        sort = _sort(order_by)
        request = page_request(first=first, after=after, last=last, before=before, sort=sort)
        page = await info.context.services.interviews.page(
            viewer,
            organization_id=(
                decode_id(organization_id, "Organization", "organizationId")
                if organization_id is not None
                else None
            ),
            filter=InterviewFilter(
                statuses=tuple(models.InterviewStatus(s) for s in (filter.status or ()))
                if filter
                else (),
                search=filter.search if filter else None,
            ),
            sort=sort,
            request=request,
        )
        return Connection.from_page(page, Interview.from_model)


# --- mutations ------------------------------------------------------------------


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
            video_prompt_id=_video_pk(self.video_prompt_id),
        )


@strawberry.input
class CreateInterviewInput:
    organization_id: strawberry.ID
    title: str = strawberry.field(description="1 to 200 characters.")
    questions: list[QuestionInput] = strawberry.field(description="1 to 100 questions, in order.")
    description: str = strawberry.field(default="", description="Up to 10,000 characters.")
    answer_deadline: datetime | None = None


@strawberry.type
class InterviewPayload:
    interview: Interview | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)

    @classmethod
    def of(cls, interview: models.Interview) -> InterviewPayload:
        return cls(interview=Interview.from_model(interview))


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


# One rule for every update input (README, "Updating").
UPDATE_RULE = (
    "Fields left out stay as they are. null clears {optional}; on any other field null is "
    "a REQUIRED error, and then nothing is changed."
)


@strawberry.input(
    description=UPDATE_RULE.format(optional="description (to empty) and answerDeadline")
)
class UpdateInterviewInput:
    interview_id: strawberry.ID
    title: str | None = strawberry.field(
        default=strawberry.UNSET, description="1 to 200 characters; null is REQUIRED."
    )
    description: str | None = strawberry.field(
        default=strawberry.UNSET, description="Up to 10,000 characters; null empties it."
    )
    answer_deadline: datetime | None = strawberry.field(
        default=strawberry.UNSET, description="null removes the deadline."
    )


@strawberry.input
class AddQuestionInput:
    interview_id: strawberry.ID
    question: QuestionInput
    position: int | None = strawberry.field(
        default=None, description="Where to insert it (1 = first); the end if left out."
    )


@strawberry.type
class QuestionPayload:
    question: Question | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)

    @classmethod
    def of(cls, question: models.Question) -> QuestionPayload:
        return cls(question=Question.from_model(question))


@strawberry.type
class AddQuestionPayload(QuestionPayload):
    pass


@strawberry.type
class UpdateQuestionPayload(QuestionPayload):
    pass


@strawberry.input(description=UPDATE_RULE.format(optional="videoPromptId"))
class UpdateQuestionInput:
    question_id: strawberry.ID
    text: str | None = strawberry.field(
        default=strawberry.UNSET, description="1 to 2,000 characters; null is REQUIRED."
    )
    think_time_seconds: int | None = strawberry.field(
        default=strawberry.UNSET, description="0 to 600; null is REQUIRED."
    )
    answer_time_seconds: int | None = strawberry.field(
        default=strawberry.UNSET, description="10 to 1,800; null is REQUIRED."
    )
    retakes: int | None = strawberry.field(
        default=strawberry.UNSET, description="0 to 10; null is REQUIRED."
    )
    video_prompt_id: relay.GlobalID | None = strawberry.field(
        default=strawberry.UNSET, description="null removes the video prompt."
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
    status: InterviewStatus


@strawberry.input
class DeleteInterviewInput:
    interview_id: strawberry.ID


@strawberry.type
class DeleteInterviewPayload:
    deleted_interview_id: strawberry.ID | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


def _given(obj: Any, *names: str) -> dict[str, Any]:
    """The input fields the client sent, by service (snake_case) name, nulls included.

    The services apply the update rule (UPDATE_RULE) to what they get: None
    clears an optional field and is REQUIRED for any other.
    """
    return {
        name: getattr(obj, name) for name in names if getattr(obj, name) is not strawberry.UNSET
    }


def _interview_id(value: strawberry.ID) -> int:
    return decode_id(value, "Interview", "interviewId")


def _question_id(value: strawberry.ID) -> int:
    return decode_id(value, "Question", "questionId")


@strawberry.type
class InterviewMutation:
    @strawberry.mutation(
        description="Create an interview with all its questions, or nothing. Owners and "
        "recruiters only."
    )
    async def create_interview(
        self, info: Info, input: CreateInterviewInput
    ) -> CreateInterviewPayload:
        async def call() -> models.Interview:
            viewer = await info.context.require_viewer()
            return await info.context.services.interviews.create_interview(
                viewer,
                organization_id=decode_id(input.organization_id, "Organization", "organizationId"),
                title=input.title,
                description=input.description,
                questions=[q.spec() for q in input.questions],
                answer_deadline=input.answer_deadline,
            )

        return await payload(call(), CreateInterviewPayload.of, CreateInterviewPayload)

    @strawberry.mutation(description="Change an interview's title, description or deadline.")
    async def update_interview(
        self, info: Info, input: UpdateInterviewInput
    ) -> UpdateInterviewPayload:
        async def call() -> models.Interview:
            viewer = await info.context.require_viewer()
            changes = _given(input, "title", "description", "answer_deadline")
            return await info.context.services.interviews.update_interview(
                viewer, _interview_id(input.interview_id), changes
            )

        return await payload(call(), UpdateInterviewPayload.of, UpdateInterviewPayload)

    @strawberry.mutation(description="Add a question; not once the interview has answers.")
    async def add_question(self, info: Info, input: AddQuestionInput) -> AddQuestionPayload:
        async def call() -> models.Question:
            viewer = await info.context.require_viewer()
            return await info.context.services.interviews.add_question(
                viewer, _interview_id(input.interview_id), input.question.spec(), input.position
            )

        return await payload(call(), AddQuestionPayload.of, AddQuestionPayload)

    @strawberry.mutation(description="Change a question; not once the interview has answers.")
    async def update_question(
        self, info: Info, input: UpdateQuestionInput
    ) -> UpdateQuestionPayload:
        async def call() -> models.Question:
            viewer = await info.context.require_viewer()
            changes = _given(input, "text", "think_time_seconds", "answer_time_seconds", "retakes")
            if input.video_prompt_id is not strawberry.UNSET:
                changes["video_prompt_id"] = _video_pk(input.video_prompt_id)
            return await info.context.services.interviews.update_question(
                viewer, _question_id(input.question_id), changes
            )

        return await payload(call(), UpdateQuestionPayload.of, UpdateQuestionPayload)

    @strawberry.mutation(
        description="Remove a question; the others close up. Not the last one, and not once "
        "the interview has answers."
    )
    async def remove_question(
        self, info: Info, input: RemoveQuestionInput
    ) -> RemoveQuestionPayload:
        async def call() -> models.Interview:
            viewer = await info.context.require_viewer()
            return await info.context.services.interviews.remove_question(
                viewer, _question_id(input.question_id)
            )

        return await payload(call(), RemoveQuestionPayload.of, RemoveQuestionPayload)

    @strawberry.mutation(description="Put the questions in a new order.")
    async def reorder_questions(
        self, info: Info, input: ReorderQuestionsInput
    ) -> ReorderQuestionsPayload:
        async def call() -> models.Interview:
            viewer = await info.context.require_viewer()
            ids = [
                decode_id(q, "Question", "questionIds", str(i))
                for i, q in enumerate(input.question_ids)
            ]
            return await info.context.services.interviews.reorder_questions(
                viewer, _interview_id(input.interview_id), ids
            )

        return await payload(call(), ReorderQuestionsPayload.of, ReorderQuestionsPayload)

    @strawberry.mutation(
        description="Move an interview through DRAFT → OPEN ⇄ CLOSED; ARCHIVED from anywhere, "
        "and back to CLOSED."
    )
    async def set_interview_status(
        self, info: Info, input: SetInterviewStatusInput
    ) -> SetInterviewStatusPayload:
        async def call() -> models.Interview:
            viewer = await info.context.require_viewer()
            return await info.context.services.interviews.set_status(
                viewer, _interview_id(input.interview_id), models.InterviewStatus(input.status)
            )

        return await payload(call(), SetInterviewStatusPayload.of, SetInterviewStatusPayload)

    @strawberry.mutation(
        description="Delete an interview and its questions; not once it has answers (archive "
        "it instead)."
    )
    async def delete_interview(
        self, info: Info, input: DeleteInterviewInput
    ) -> DeleteInterviewPayload:
        async def call() -> int:
            viewer = await info.context.require_viewer()
            return await info.context.services.interviews.delete_interview(
                viewer, _interview_id(input.interview_id)
            )

        return await payload(
            call(),
            lambda pk: DeleteInterviewPayload(
                deleted_interview_id=strawberry.ID(str(relay.to_base64("Interview", pk)))
            ),
            DeleteInterviewPayload,
        )
