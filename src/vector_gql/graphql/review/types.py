"""Rubrics, criteria and reports as the API shows them, and their loaders.

These types are reached from an interview (``Interview.rubric``), so this
module does not import the interview types at load time; the few fields that
return them name them lazily and load them through the interviews' loaders.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from ...models import review as models
from ...services.review import CriterionView, ReportRow
from ..context import Context, Info
from ..errors import ErrorCode
from ..loaders import loader
from ..node import resolve_readable
from ..rows import FromRow
from ..scalars import BigInt

if TYPE_CHECKING:
    from ..interviews.types import Interview, Question

QuestionType = Annotated["Question", strawberry.lazy("vector_gql.graphql.interviews.types")]
InterviewType = Annotated["Interview", strawberry.lazy("vector_gql.graphql.interviews.types")]


@strawberry.enum(
    description="EDITABLE: owners and recruiters may still replace it. LOCKED: an "
    "evaluation has been submitted against it, so it no longer changes."
)
class RubricStatus(Enum):
    EDITABLE = "EDITABLE"
    LOCKED = "LOCKED"


@strawberry.type(
    description="A criterion of a rubric: scored from 1 to 5, each score described by an anchor."
)
class Criterion(FromRow, relay.Node):
    id: relay.NodeID[int]
    position: int = strawberry.field(description="1 for the first criterion, and so on.")
    name: str
    description: str
    weight: float = strawberry.field(
        description="Its share of the total, relative to the other criteria's weights."
    )
    anchors: list[str] = strawberry.field(
        description="What each score means: five texts, for the scores 1 to 5 in order."
    )
    _interview_id: strawberry.Private[int]
    _question_ids: strawberry.Private[tuple[int, ...] | None]

    @strawberry.field(description="True when it applies to every question of the interview.")
    def applies_to_all_questions(self) -> bool:
        return self._question_ids is None

    @strawberry.field(description="The questions it applies to, in position order.")
    async def questions(self, info: Info) -> list[QuestionType]:
        from ..interviews.types import questions_of_interviews

        questions = await info.context.loaders.one(questions_of_interviews, self._interview_id)
        if self._question_ids is None:
            return questions
        return [q for q in questions if q.id in self._question_ids]

    @classmethod
    def from_view(cls, view: CriterionView) -> Criterion:
        return cls.from_row(view, anchors=list(view.anchors))

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Criterion | None]:
        return await resolve_readable(info, node_ids, readable_criteria)


@strawberry.type(description="How evaluators score an interview's answers.")
class Rubric(FromRow, relay.Node):
    id: relay.NodeID[int]
    updated_at: datetime
    locked_at: datetime | None = strawberry.field(
        description="When the first evaluation was submitted against it."
    )
    _interview_id: strawberry.Private[int]

    @strawberry.field
    def status(self) -> RubricStatus:
        return RubricStatus.LOCKED if self.locked_at is not None else RubricStatus.EDITABLE

    @strawberry.field(description="The criteria, in order.")
    async def criteria(self, info: Info) -> list[Criterion]:
        return await info.context.loaders.one(criteria_of_rubrics, self.id)

    @strawberry.field
    async def interview(self, info: Info) -> InterviewType:
        from ..interviews.types import interviews

        return await info.context.loaders.one(interviews, self._interview_id)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Rubric | None]:
        return await resolve_readable(info, node_ids, readable_rubrics)


ReportKind = strawberry.enum(
    models.ReportKind,
    name="ReportKind",
    description="CANDIDATE_PDF: one candidate's scores, comments and standing. INTERVIEW_CSV: "
    "one row per candidate, ranked. INTERVIEW_PDF: the ranked table with charts.",
)
ReportStatus = strawberry.enum(
    models.ReportStatus,
    name="ReportStatus",
    description="PENDING: being built; ask again (node(id:)) in a moment. READY: download it "
    "from url. FAILED: it could not be built; failure says why.",
)


@strawberry.type(description="Why a report FAILED, like the errors of mutation payloads.")
class ReportError:
    code: ErrorCode = strawberry.field(
        description="REPORT_FAILED: it could not be built (trying again may help; if it fails "
        "again, the interview's data needs a look). STORAGE_UNAVAILABLE: it could not be "
        "stored; try again in a few minutes."
    )
    message: str = strawberry.field(description="The same in words, for people.")


@strawberry.type(
    description="A file made from an interview's review, for the member who asked for it. "
    "Built in the background: poll it with node(id:) until it is READY."
)
class Report(FromRow, relay.Node):
    id: relay.NodeID[int]
    kind: ReportKind  # type: ignore[valid-type]
    status: ReportStatus  # type: ignore[valid-type]
    content_type: str
    filename: str
    size_bytes: BigInt | None = strawberry.field(description="Set once it is READY.")
    created_at: datetime
    finished_at: datetime | None
    _row: strawberry.Private[ReportRow]

    @strawberry.field(
        description="A signed link to the file, valid for a limited time "
        "(VECTOR_SIGNED_URL_SECONDS); null until it is READY. Ask again for a fresh one."
    )
    async def url(self, info: Info) -> str | None:
        return await info.context.services.review.report_url(self._row)

    @strawberry.field(
        description="Why it FAILED, in words; null otherwise.",
        deprecation_reason="Use failure { code message }: it carries a code to act on.",
    )
    def error(self) -> str | None:
        failure = self.failure()
        return failure.message if failure is not None else None

    @strawberry.field(description="Why it FAILED: a code to act on, and a message; null otherwise.")
    def failure(self) -> ReportError | None:
        row = self._row
        if row.error is None and row.error_code is None:
            return None
        code = ErrorCode(row.error_code or "REPORT_FAILED")
        return ReportError(code=code, message=row.error or "The report could not be built.")

    @strawberry.field
    async def interview(self, info: Info) -> InterviewType:
        from ..interviews.types import interviews

        return await info.context.loaders.one(interviews, self._row.interview_id)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Report | None]:
        return await resolve_readable(info, node_ids, readable_reports)


@loader
async def readable_reports(context: Context, ids: list[int]) -> dict[int, Report]:
    principal = await context.principal()
    rows = await context.services.review.readable_reports(principal, ids)
    return {key: Report.from_row(row) for key, row in rows.items()}


@loader
async def rubrics_of_interviews(context: Context, ids: list[int]) -> dict[int, Rubric]:
    """Interview id -> its rubric, if the principal may read it (the interview is shown)."""
    principal = await context.principal()
    rows = await context.services.review.rubrics_of_interviews(ids, principal)
    return {key: Rubric.from_row(row) for key, row in rows.items()}


@loader
async def criteria_of_rubrics(context: Context, ids: list[int]) -> dict[int, list[Criterion]]:
    """Rubric id -> its criteria in order (the rubric is already shown)."""
    grouped = await context.services.review.criteria_of_rubrics(ids)
    return {key: [Criterion.from_view(v) for v in views] for key, views in grouped.items()}


@loader
async def readable_rubrics(context: Context, ids: list[int]) -> dict[int, Rubric]:
    principal = await context.principal()
    rows = await context.services.review.readable_rubrics(principal, ids)
    return {key: Rubric.from_row(row) for key, row in rows.items()}


@loader
async def readable_criteria(context: Context, ids: list[int]) -> dict[int, Criterion]:
    principal = await context.principal()
    views = await context.services.review.readable_criteria(principal, ids)
    return {key: Criterion.from_view(view) for key, view in views.items()}
