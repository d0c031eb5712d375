"""Blind review as the API shows it: assignments, answers, evaluations, and their loaders.

What an evaluator reaches from here names no candidate: an ``Assignment``
shows a pseudonym, the interview and its questions, the answers' recordings
(``ReviewVideo``: a link through the app's own media route, its duration,
type and size) and evaluations. ``ReviewVideo`` is not the ``Video`` type on
purpose: no title, file name, uploader, hash or upload time.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from ...models import review as models
from ...services.review import AssignmentRow, BlindAnswer, EvaluationView, RatingRow
from ..context import Context, Info
from ..loaders import loader
from ..node import resolve_readable
from ..rows import FromRow
from .types import Criterion, readable_criteria

if TYPE_CHECKING:
    from ..accounts.types import User
    from ..interviews.types import Interview, Question

QuestionType = Annotated["Question", strawberry.lazy("vector_gql.graphql.interviews.types")]
InterviewType = Annotated["Interview", strawberry.lazy("vector_gql.graphql.interviews.types")]
UserType = Annotated["User", strawberry.lazy("vector_gql.graphql.accounts.types")]

AssignmentStatus = strawberry.enum(
    models.AssignmentStatus,
    name="AssignmentStatus",
    description="PENDING: to be evaluated. SUBMITTED: the evaluation is in (final; revisions "
    "add versions).",
)
Recommendation = strawberry.enum(
    models.Recommendation,
    name="Recommendation",
    description="The evaluator's overall advice, apart from the scores.",
)


@strawberry.type(
    description="A recording of an answer, as evaluators see it: no file name, "
    "uploader or times, only what is needed to play it."
)
class ReviewVideo:
    duration_seconds: float | None
    content_type: str | None
    width: int | None
    height: int | None
    _answer: strawberry.Private[BlindAnswer]

    @strawberry.field(
        description="A signed link to play the recording, valid for a limited time "
        "(VECTOR_SIGNED_URL_SECONDS). Ask again for a fresh one."
    )
    def url(self, info: Info) -> str | None:
        return info.context.services.review.media_url(self._answer)

    @strawberry.field(
        description="A signed link to a still from the recording (JPEG), like `url`; null "
        "until the still is made (a moment after the answer is stored)."
    )
    def poster_url(self, info: Info) -> str | None:
        return info.context.services.review.poster_url(self._answer)


@strawberry.type(description="A candidate's answer to one question, under review.")
class ReviewAnswer:
    _answer: strawberry.Private[BlindAnswer]

    @strawberry.field
    async def question(self, info: Info) -> QuestionType:
        from ..interviews.types import readable_questions

        return await info.context.loaders.one(readable_questions, self._answer.question_id)

    @strawberry.field(description="The recording; null if none was stored.")
    def video(self) -> ReviewVideo | None:
        answer = self._answer
        if not answer.has_video:
            return None
        return ReviewVideo(
            duration_seconds=answer.duration_seconds,
            content_type=answer.content_type,
            width=answer.width,
            height=answer.height,
            _answer=answer,
        )


@strawberry.type(description="One score of one answer on one criterion.")
class Rating:
    score: int = strawberry.field(description="1 to 5, as the criterion's anchors describe.")
    note: str
    _row: strawberry.Private[RatingRow]

    @strawberry.field
    async def question(self, info: Info) -> QuestionType:
        from ..interviews.types import readable_questions

        return await info.context.loaders.one(readable_questions, self._row.question_id)

    @strawberry.field
    async def criterion(self, info: Info) -> Criterion | None:
        return await info.context.loaders[readable_criteria].load(self._row.criterion_id)


@strawberry.type(
    description="One version of an evaluator's evaluation of a submission. Other evaluators' "
    "evaluations are readable only once you have submitted your own."
)
class Evaluation(relay.Node):
    id: relay.NodeID[int]
    version: int = strawberry.field(description="1 when submitted; each revision adds one.")
    current: bool = strawberry.field(description="False once a revision replaced it.")
    comment: str
    recommendation: Recommendation | None  # type: ignore[valid-type]
    submitted_at: datetime
    _view: strawberry.Private[EvaluationView]

    @strawberry.field(description="The ratings, by question and criterion.")
    def ratings(self) -> list[Rating]:
        return [Rating(score=r.score, note=r.note, _row=r) for r in self._view.ratings]

    @strawberry.field(description="The member who evaluated.")
    async def evaluator(self, info: Info) -> UserType | None:
        from ..accounts.types import readable_users

        return await info.context.loaders[readable_users].load(self._view.row.evaluator_id)

    @classmethod
    def from_view(cls, view: EvaluationView) -> Evaluation:
        row = view.row
        return cls(
            id=row.id,
            version=row.version,
            current=row.current,
            comment=row.comment,
            recommendation=row.recommendation,
            submitted_at=row.submitted_at,
            _view=view,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Evaluation | None]:
        return await resolve_readable(info, node_ids, readable_evaluations)


@strawberry.type(
    description="An evaluator's task: one submission to evaluate, blind. The candidate appears "
    "only under a pseudonym."
)
class Assignment(FromRow, relay.Node):
    id: relay.NodeID[int]
    pseudonym: str = strawberry.field(
        description="How this evaluator knows the candidate, e.g. 'Candidate K7QF': the same "
        "in all of their views, different for every other evaluator."
    )
    status: AssignmentStatus  # type: ignore[valid-type]
    _row: strawberry.Private[AssignmentRow]

    @strawberry.field
    async def interview(self, info: Info) -> InterviewType:
        from ..interviews.types import interviews

        return await info.context.loaders.one(interviews, self._row.interview_id)

    @strawberry.field(description="The interview's questions, in position order.")
    async def questions(self, info: Info) -> list[QuestionType]:
        from ..interviews.types import questions_of_interviews

        return await info.context.loaders.one(questions_of_interviews, self._row.interview_id)

    @strawberry.field(description="The submitted answers, in question order.")
    async def answers(self, info: Info) -> list[ReviewAnswer]:
        found = await info.context.loaders.one(answers_of_invitations, self._row.invitation_id)
        return [ReviewAnswer(_answer=answer) for answer in found]

    @strawberry.field(description="The assigned evaluator's own current evaluation, if any.")
    async def my_evaluation(self, info: Info) -> Evaluation | None:
        viewer = await info.context.principal()
        found = await info.context.loaders.one(evaluations_of_assignments, self._row.id)
        mine = [e for e in found if getattr(viewer, "user_id", None) == e._view.row.evaluator_id]
        return mine[0] if mine else None

    @strawberry.field(
        description="Every evaluator's current evaluation of this submission. Null for the "
        "assigned evaluator until they have submitted their own, so evaluations stay "
        "independent."
    )
    async def evaluations(self, info: Info) -> list[Evaluation] | None:
        viewer = await info.context.principal()
        if (
            getattr(viewer, "user_id", None) == self._row.evaluator_id
            and self._row.status != models.AssignmentStatus.SUBMITTED
        ):
            return None
        return await info.context.loaders.one(evaluations_of_invitations, self._row.invitation_id)

    @classmethod
    def from_assignment(cls, row: AssignmentRow) -> Assignment:
        return cls(id=row.id, pseudonym=row.pseudonym, status=row.status, _row=row)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Assignment | None]:
        return await resolve_readable(info, node_ids, readable_assignments)


@loader
async def readable_assignments(context: Context, ids: list[int]) -> dict[int, Assignment]:
    principal = await context.principal()
    rows = await context.services.review.readable_assignments(principal, ids)
    return {key: Assignment.from_assignment(row) for key, row in rows.items()}


@loader
async def readable_evaluations(context: Context, ids: list[int]) -> dict[int, Evaluation]:
    principal = await context.principal()
    views = await context.services.review.readable_evaluations(principal, ids)
    return {key: Evaluation.from_view(view) for key, view in views.items()}


@loader
async def answers_of_invitations(context: Context, ids: list[int]) -> dict[int, list[BlindAnswer]]:
    """Invitation id -> its submitted answers (an assignment of it is already shown)."""
    return await context.services.review.blind_answers(ids)


@loader
async def evaluations_of_assignments(
    context: Context, ids: list[int]
) -> dict[int, list[Evaluation]]:
    """Assignment id -> its current evaluations the viewer may read."""
    principal = await context.principal()
    grouped = await context.services.review.evaluations_of_assignments(principal, ids)
    return {key: [Evaluation.from_view(v) for v in views] for key, views in grouped.items()}


@loader
async def evaluations_of_invitations(
    context: Context, ids: list[int]
) -> dict[int, list[Evaluation]]:
    """Invitation id -> the current evaluations of it the viewer may read."""
    principal = await context.principal()
    grouped = await context.services.review.evaluations_of_invitations(principal, ids)
    return {key: [Evaluation.from_view(v) for v in views] for key, views in grouped.items()}
