"""Submitting and revising evaluations, validated against the rubric.

Submitting is final: the assignment becomes SUBMITTED and a second submission
is refused. A revision writes the next version and moves ``current`` to it;
earlier versions stay for the audit. The first evaluation submitted against a
rubric locks it, under the interview's row lock that ``set_rubric`` takes too,
so a rubric never changes under ratings that refer to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...models.audit import AuditAction
from ...models.candidates import CandidateInvitation, InvitationStatus
from ...models.interviews import Interview, Question
from ...models.review import (
    Assignment,
    AssignmentStatus,
    Evaluation,
    EvaluationRating,
    Recommendation,
    Rubric,
)
from ..audit import AuditLog, Fact
from ..auth import Action, Principal, may, membership, require_member
from ..clock import Clock
from ..errors import ErrorCode, Invalid
from ..events import EvaluationSubmitted, EventBus
from ..validation import Collector
from .reads import ReviewReads
from .rows import EvaluationRow, EvaluationView, RatingRow
from .rules import MAX_COMMENT, RatingSpec, check_ratings


@dataclass(frozen=True)
class EvaluationSpec:
    ratings: Sequence[RatingSpec]
    comment: str = ""
    recommendation: Recommendation | None = None


class EvaluationWrites(ReviewReads):
    clock: Clock
    events: EventBus
    audit: AuditLog

    async def submit_evaluation(
        self, principal: Principal, assignment_id: int, spec: EvaluationSpec
    ) -> EvaluationView:
        """The evaluator's evaluation of their assignment, final once submitted."""
        return await self._evaluate(principal, assignment_id, spec, revise=False)

    async def revise_evaluation(
        self, principal: Principal, assignment_id: int, spec: EvaluationSpec
    ) -> EvaluationView:
        """A new version of a submitted evaluation; the earlier ones are kept."""
        return await self._evaluate(principal, assignment_id, spec, revise=True)

    async def _evaluate(
        self, principal: Principal, assignment_id: int, spec: EvaluationSpec, *, revise: bool
    ) -> EvaluationView:
        member = require_member(principal)
        errors = Collector()
        comment = errors.long_text(
            spec.comment, "comment", max_length=MAX_COMMENT, noun="a comment"
        )
        async with self.events.unit() as events:
            assignment = await Assignment.filter(id=assignment_id).first()
            found = (
                await membership(member.user_id, assignment.organization_id)
                if assignment is not None
                else None
            )
            if (
                assignment is None
                or found is None
                or (
                    assignment.evaluator_id != member.user_id
                    and not may(found.role, Action.ASSIGN_EVALUATORS)
                )
            ):
                raise Invalid.one(
                    ErrorCode.NOT_FOUND, "There is no assignment with this ID.", "assignment_id"
                )
            if assignment.evaluator_id != member.user_id:
                raise Invalid.one(
                    ErrorCode.NOT_YOUR_ASSIGNMENT,
                    "Only the evaluator it is assigned to can evaluate this submission.",
                    "assignment_id",
                )
            # The interview's lock first, as set_rubric takes it; then the assignment's.
            interview = (
                await Interview.filter(id=assignment.interview_id).select_for_update().first()
            )
            assignment = await Assignment.filter(id=assignment_id).select_for_update().first()
            if interview is None or assignment is None:
                raise Invalid.one(
                    ErrorCode.NOT_FOUND, "There is no assignment with this ID.", "assignment_id"
                )
            status = await CandidateInvitation.filter(id=assignment.invitation_id).values("status")
            if not status or status[0]["status"] != InvitationStatus.SUBMITTED:
                raise Invalid.one(
                    ErrorCode.NOT_SUBMITTED,
                    "The candidate has not submitted their answers, so there is nothing to "
                    "evaluate yet.",
                    "assignment_id",
                )
            if not revise and assignment.status == AssignmentStatus.SUBMITTED:
                raise Invalid.one(
                    ErrorCode.ALREADY_SUBMITTED,
                    "You have submitted your evaluation of this submission already; it is "
                    "final. Use reviseEvaluation to correct it.",
                    "assignment_id",
                )
            if revise and assignment.status != AssignmentStatus.SUBMITTED:
                raise Invalid.one(
                    ErrorCode.NOT_EVALUATED,
                    "Submit your evaluation first; only a submitted one can be revised.",
                    "assignment_id",
                )
            rubric = await Rubric.filter(interview_id=interview.id).select_for_update().first()
            found_rubric = await self.rubric_for(interview.id) if rubric is not None else None
            criteria = [
                c for c in (found_rubric[1] if found_rubric else []) if c.question_ids != ()
            ]
            if rubric is None or not criteria:
                raise Invalid.one(
                    ErrorCode.RUBRIC_REQUIRED,
                    "The interview has no rubric to evaluate by yet.",
                    "assignment_id",
                )
            question_ids: list[int] = [
                row["id"]
                for row in await Question.filter(interview_id=interview.id)
                .order_by("position", "id")
                .values("id")
            ]
            ratings = check_ratings(spec.ratings, criteria, question_ids, errors)
            errors.raise_if_any()

            now = self.clock.now()
            version = 1
            if revise:
                latest = (
                    await Evaluation.filter(assignment_id=assignment.id)
                    .order_by("-version")
                    .first()
                    .values("version")
                )
                version = (int(latest["version"]) if latest else 0) + 1
                await Evaluation.filter(assignment_id=assignment.id, current=True).update(
                    current=False
                )
            evaluation = await Evaluation.create(
                assignment_id=assignment.id,
                interview_id=interview.id,
                invitation_id=assignment.invitation_id,
                evaluator_id=member.user_id,
                version=version,
                current=True,
                comment=comment,
                recommendation=spec.recommendation,
                submitted_at=now,
            )
            await EvaluationRating.bulk_create(
                [
                    EvaluationRating(
                        evaluation_id=evaluation.id,
                        question_id=r.question_id,
                        criterion_id=r.criterion_id,
                        score=r.score,
                        note=r.note,
                    )
                    for r in ratings
                ]
            )
            if not revise:
                assignment.status = AssignmentStatus.SUBMITTED
                assignment.submitted_at = now
                await assignment.save(update_fields=["status", "submitted_at"])
            if rubric.locked_at is None:
                rubric.locked_at = now
                await rubric.save(update_fields=["locked_at"])
            await self.audit.record(
                Fact(
                    organization_id=assignment.organization_id,
                    action=(
                        AuditAction.EVALUATION_REVISED
                        if revise
                        else AuditAction.EVALUATION_SUBMITTED
                    ),
                    actor_id=member.user_id,
                    interview_id=interview.id,
                    invitation_id=assignment.invitation_id,
                    details={"version": version, "ratings": len(ratings)},
                )
            )
            events.append(
                EvaluationSubmitted(
                    assignment.organization_id,
                    interview.id,
                    assignment.id,
                    evaluation.id,
                    member.user_id,
                    version,
                )
            )
        order = {q: i for i, q in enumerate(question_ids)}
        positions = {c.id: c.position for c in criteria}
        return EvaluationView(
            EvaluationRow.of(evaluation),
            tuple(
                RatingRow(r.question_id, r.criterion_id, r.score, r.note)
                for r in sorted(
                    ratings, key=lambda r: (order[r.question_id], positions[r.criterion_id])
                )
            ),
        )
