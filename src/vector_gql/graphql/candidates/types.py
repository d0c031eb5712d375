"""Invitations and answers as the API shows them, and their loaders."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from ...models import candidates as models
from ...services.candidates import AnswerRow, InvitationRow
from ..context import Context, Info
from ..loaders import loader
from ..media.types import Video, readable_videos
from ..node import decode_id, resolve_readable
from ..rows import FromRow

if TYPE_CHECKING:
    from ..interviews.types import Interview, Question

InterviewType = Annotated["Interview", strawberry.lazy("vector_gql.graphql.interviews.types")]
QuestionType = Annotated["Question", strawberry.lazy("vector_gql.graphql.interviews.types")]

InvitationStatus = strawberry.enum(
    models.InvitationStatus,
    name="InvitationStatus",
    description="INVITED: not started yet. STARTED: answering. SUBMITTED: final. EXPIRED: the "
    "invitation's or the interview's deadline passed before submission. REVOKED: withdrawn.",
)


@strawberry.type(
    description="One attempt at one question. A candidate sees all of theirs until they "
    "submit; owners and recruiters see the attempts that count, once submitted."
)
class Answer(FromRow, relay.Node):
    id: relay.NodeID[int]
    attempt: int = strawberry.field(description="1 for the first recording, 2 for a retake...")
    started_at: datetime = strawberry.field(
        description="When the question was shown (startAnswer), by the server's clock."
    )
    submitted_at: datetime | None = strawberry.field(
        description="When the recording was stored; null while it is being recorded."
    )
    current: bool = strawberry.field(description="This is the attempt that counts.")
    _question_id: strawberry.Private[int]
    _video_id: strawberry.Private[int | None] = None

    @strawberry.field
    async def question(self, info: Info) -> QuestionType:
        from ..interviews.types import readable_questions

        question = await info.context.loaders[readable_questions].load(self._question_id)
        assert question is not None  # a readable answer's question is readable
        return question

    @strawberry.field(description="The recording; null while it is being recorded.")
    async def video(self, info: Info) -> Video | None:
        if self._video_id is None:
            return None
        return await info.context.loaders[readable_videos].load(self._video_id)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Answer | None]:
        return await resolve_readable(info, node_ids, readable_answers)


@strawberry.type(
    description="A candidate invited to answer an interview, by a personal link. Owners and "
    "recruiters see their organization's; a candidate sees their own."
)
class CandidateInvitation(FromRow, relay.Node):
    id: relay.NodeID[int]
    name: str
    email: str
    expires_at: datetime = strawberry.field(
        description="The invitation's own deadline (the interview's answerDeadline applies too)."
    )
    created_at: datetime
    started_at: datetime | None
    submitted_at: datetime | None
    revoked_at: datetime | None
    extra_think_seconds: int = strawberry.field(
        description="Accommodation: seconds added to every question's think time."
    )
    extra_answer_seconds: int = strawberry.field(
        description="Accommodation: seconds added to every question's answer time."
    )
    extra_retakes: int = strawberry.field(
        description="Accommodation: retakes added to every question's."
    )
    url: str | None = strawberry.field(
        default=None,
        description="The candidate's link: only in the payload that made it (inviteCandidates, "
        "resendInvitation), since only a hash of it is kept.",
    )
    _row: strawberry.Private[InvitationRow]

    @strawberry.field(description="Where the invitation stands now.")
    def status(self, info: Info) -> InvitationStatus:  # type: ignore[valid-type]
        return self._row.status_at(info.context.services.clock.now())

    @strawberry.field
    async def interview(self, info: Info) -> InterviewType:
        from ..interviews.types import interviews

        return await info.context.loaders.one(interviews, self._row.interview_id)

    @strawberry.field(
        description="How many questions have an answer that counts: progress, which owners "
        "and recruiters follow before the candidate submits."
    )
    async def answered_questions(self, info: Info) -> int:
        return await info.context.loaders.one(answered_counts, self.id)

    @strawberry.field(
        description="Answers, in question order. Without questionId: for each question the "
        "attempt that counts, and the attempt being recorded if there is one. With it: every "
        "attempt at that question. A candidate sees theirs until they submit; owners and "
        "recruiters see the attempts that count, once submitted."
    )
    async def answers(self, info: Info, question_id: relay.GlobalID | None = None) -> list[Answer]:
        question = None
        if question_id is not None:
            question = decode_id(question_id, "Question", "question_id")
        return await info.context.loaders.one(answers_of_invitations, (self.id, question))

    @classmethod
    def of(cls, row: InvitationRow, url: str | None = None) -> CandidateInvitation:
        return cls.from_row(row, url=url)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[CandidateInvitation | None]:
        return await resolve_readable(info, node_ids, readable_invitations)


@strawberry.type(description="How many of an interview's invitations are in each status.")
class InvitationCounts:
    invited: int
    started: int
    submitted: int
    expired: int
    revoked: int


@loader
async def readable_invitations(context: Context, ids: list[int]) -> dict[int, CandidateInvitation]:
    principal = await context.principal()
    rows = await context.services.candidates.readable_invitations(principal, ids)
    return {key: CandidateInvitation.from_row(row) for key, row in rows.items()}


@loader
async def readable_answers(context: Context, ids: list[int]) -> dict[int, Answer]:
    principal = await context.principal()
    rows = await context.services.candidates.readable_answers(principal, ids)
    return {key: Answer.from_row(row) for key, row in rows.items()}


@loader
async def answers_of_invitations(
    context: Context, keys: list[tuple[int, int | None]]
) -> dict[tuple[int, int | None], list[Answer]]:
    """(invitation id, question id or None) -> the answers the principal may read."""
    principal = await context.principal()
    grouped = await context.services.candidates.answers_of(principal, keys)
    return {key: [Answer.from_row(row) for row in rows] for key, rows in grouped.items()}


@loader
async def answered_counts(context: Context, ids: list[int]) -> dict[int, int]:
    """Invitation id -> questions with an answer that counts (the invitation is shown)."""
    return await context.services.candidates.answered_counts(ids)


def invitation_of(row: InvitationRow, url: str | None = None) -> CandidateInvitation:
    return CandidateInvitation.of(row, url)


def answer_of(row: AnswerRow) -> Answer:
    return Answer.from_row(row)
