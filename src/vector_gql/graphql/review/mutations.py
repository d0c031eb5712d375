"""Set rubrics; ask for reports."""

from __future__ import annotations

import strawberry

from ..context import Info
from ..errors import UserError, mutation
from ..node import decode_id
from .inputs import GenerateInterviewReportInput, SetRubricInput
from .types import Report, Rubric


@strawberry.type
class SetRubricPayload:
    rubric: Rubric | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class GenerateInterviewReportPayload:
    csv: Report | None = strawberry.field(
        default=None, description="One row per candidate, ranked (UTF-8 with a byte-order mark)."
    )
    pdf: Report | None = strawberry.field(
        default=None, description="The ranked table, the evaluators and charts."
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class ReviewMutation:
    @mutation(
        description="Give an interview its rubric, replacing the criteria it had. Owners and "
        "recruiters only; not once an evaluation has been submitted (LOCKED)."
    )
    async def set_rubric(self, info: Info, input: SetRubricInput) -> SetRubricPayload:
        principal = await info.context.authenticated()
        interview_id = decode_id(input.interview_id, "Interview", "interview_id")
        specs = [c.spec("criteria", i) for i, c in enumerate(input.criteria)]
        row = await info.context.services.review.set_rubric(principal, interview_id, specs)
        return SetRubricPayload(rubric=Rubric.from_row(row))

    @mutation(
        description="Build the interview's CSV export and summary PDF in the background. Both "
        "come back PENDING: poll them with node(id:) until they are READY, then download them "
        "from url. Owners and recruiters only; needs the rubric."
    )
    async def generate_interview_report(
        self, info: Info, input: GenerateInterviewReportInput
    ) -> GenerateInterviewReportPayload:
        principal = await info.context.authenticated()
        interview_id = decode_id(input.interview_id, "Interview", "interview_id")
        csv, pdf = await info.context.services.review.request_interview_reports(
            principal, interview_id
        )
        return GenerateInterviewReportPayload(csv=Report.from_row(csv), pdf=Report.from_row(pdf))
