"""Set rubrics; ask for reports."""

from __future__ import annotations

import strawberry

from ..context import Info
from ..errors import UserError, mutation
from ..node import decode_id
from .blind import Assignment, Evaluation, readable_assignments
from .inputs import (
    AssignEvaluatorsInput,
    AutoAssignInput,
    GenerateCandidateReportInput,
    GenerateInterviewReportInput,
    ReviseEvaluationInput,
    SetRubricInput,
    SubmitEvaluationInput,
)
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
class GenerateCandidateReportPayload:
    pdf: Report | None = strawberry.field(
        default=None,
        description="Scores by question and criterion, comments, agreement and standing.",
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class AssignEvaluatorsPayload:
    assignments: list[Assignment] | None = strawberry.field(
        default=None, description="Every pair asked for, including those assigned before."
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class AutoAssignPayload:
    assignments: list[Assignment] | None = strawberry.field(
        default=None, description="The assignments this call made."
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class SubmitEvaluationPayload:
    evaluation: Evaluation | None = None
    assignment: Assignment | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class ReviseEvaluationPayload:
    evaluation: Evaluation | None = strawberry.field(
        default=None, description="The new version; the earlier ones are kept."
    )
    assignment: Assignment | None = None
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

    @mutation(
        description="Build one submitted candidate's PDF report in the background; poll it "
        "with node(id:) until it is READY. Owners and recruiters only; needs the rubric."
    )
    async def generate_candidate_report(
        self, info: Info, input: GenerateCandidateReportInput
    ) -> GenerateCandidateReportPayload:
        principal = await info.context.authenticated()
        invitation_id = decode_id(input.invitation_id, "CandidateInvitation", "invitation_id")
        row = await info.context.services.review.request_candidate_report(principal, invitation_id)
        return GenerateCandidateReportPayload(pdf=Report.from_row(row))

    @mutation(
        description="Assign each evaluator to each submitted invitation (pairs assigned before "
        "stay as they are). Owners and recruiters; evaluators are members with any role."
    )
    async def assign_evaluators(
        self, info: Info, input: AssignEvaluatorsInput
    ) -> AssignEvaluatorsPayload:
        principal = await info.context.authenticated()
        invitation_ids = [
            decode_id(v, "CandidateInvitation", "invitation_ids", i)
            for i, v in enumerate(input.invitation_ids)
        ]
        evaluator_ids = [
            decode_id(v, "User", "evaluator_ids", i) for i, v in enumerate(input.evaluator_ids)
        ]
        rows = await info.context.services.review.assign_evaluators(
            principal, invitation_ids, evaluator_ids
        )
        return AssignEvaluatorsPayload(assignments=[Assignment.from_assignment(r) for r in rows])

    @mutation(
        description="Give every submitted invitation of the interview that many different "
        "evaluators, spreading the work evenly (earlier assignments count). Owners and "
        "recruiters only."
    )
    async def auto_assign(self, info: Info, input: AutoAssignInput) -> AutoAssignPayload:
        principal = await info.context.authenticated()
        interview_id = decode_id(input.interview_id, "Interview", "interview_id")
        evaluator_ids = (
            [decode_id(v, "User", "evaluator_ids", i) for i, v in enumerate(input.evaluator_ids)]
            if input.evaluator_ids is not None
            else None
        )
        rows = await info.context.services.review.auto_assign(
            principal, interview_id, input.evaluators_per_submission, evaluator_ids
        )
        return AutoAssignPayload(assignments=[Assignment.from_assignment(r) for r in rows])

    @mutation(
        description="Submit your evaluation of an assignment, scored against the rubric. Final "
        "once submitted (ALREADY_SUBMITTED afterwards; reviseEvaluation corrects it). The "
        "first evaluation locks the rubric."
    )
    async def submit_evaluation(
        self, info: Info, input: SubmitEvaluationInput
    ) -> SubmitEvaluationPayload:
        principal = await info.context.authenticated()
        assignment_id = decode_id(input.assignment_id, "Assignment", "assignment_id")
        view = await info.context.services.review.submit_evaluation(
            principal, assignment_id, input.spec()
        )
        assignment = await info.context.loaders[readable_assignments].load(assignment_id)
        return SubmitEvaluationPayload(evaluation=Evaluation.from_view(view), assignment=assignment)

    @mutation(
        description="Replace your submitted evaluation with a new version; the earlier versions "
        "are kept for the audit."
    )
    async def revise_evaluation(
        self, info: Info, input: ReviseEvaluationInput
    ) -> ReviseEvaluationPayload:
        principal = await info.context.authenticated()
        assignment_id = decode_id(input.assignment_id, "Assignment", "assignment_id")
        view = await info.context.services.review.revise_evaluation(
            principal, assignment_id, input.spec()
        )
        assignment = await info.context.loaders[readable_assignments].load(assignment_id)
        return ReviseEvaluationPayload(evaluation=Evaluation.from_view(view), assignment=assignment)
