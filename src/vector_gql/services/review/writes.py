"""Setting an interview's rubric."""

from __future__ import annotations

from collections.abc import Sequence

from ...models.audit import AuditAction
from ...models.interviews import Interview, Question
from ...models.review import CriterionQuestion, Rubric, RubricCriterion
from ..audit import AuditLog, Fact
from ..auth import Action, Principal, held_membership, may, require_member
from ..clock import Clock
from ..errors import ErrorCode, Forbidden, Invalid
from ..events import EventBus, RubricChanged
from ..validation import Collector
from .rows import RubricRow
from .rules import CriterionSpec, check_criteria


class ReviewWrites:
    clock: Clock
    events: EventBus
    audit: AuditLog

    async def set_rubric(
        self, principal: Principal, interview_id: int, specs: Sequence[CriterionSpec]
    ) -> RubricRow:
        """Give the interview this rubric, replacing its criteria, until it is locked.

        Holds the interview's row lock (as question changes do), so the
        questions named are the interview's while the rubric is written, and
        then the rubric's, which the first submitted evaluation takes to lock it.
        """
        member = require_member(principal)
        errors = Collector()
        specs = check_criteria(specs, errors)
        async with self.events.unit() as events:
            interview = await Interview.filter(id=interview_id).select_for_update().first()
            found = (
                await held_membership(member.user_id, interview.organization_id)
                if interview is not None
                else None
            )
            if interview is None or found is None:
                raise Invalid.one(
                    ErrorCode.NOT_FOUND, "There is no interview with this ID.", "interview_id"
                )
            if not may(found.role, Action.EDIT_INTERVIEWS):
                raise Forbidden("Only owners and recruiters can set an interview's rubric.")
            rubric = await Rubric.filter(interview_id=interview.id).select_for_update().first()
            if rubric is not None and rubric.locked_at is not None:
                raise Invalid.one(
                    ErrorCode.LOCKED,
                    "Evaluations have been submitted against this rubric, so it can no longer "
                    "change.",
                    "interview_id",
                )
            question_ids = {
                row["id"] for row in await Question.filter(interview_id=interview.id).values("id")
            }
            for i, spec in enumerate(specs):
                for j, question_id in enumerate(spec.question_ids or ()):
                    if question_id not in question_ids:
                        errors.add(
                            ErrorCode.NOT_FOUND,
                            "There is no question with this ID in the interview.",
                            "criteria",
                            i,
                            "question_ids",
                            j,
                        )
            errors.raise_if_any()

            now = self.clock.now()
            if rubric is None:
                rubric = await Rubric.create(
                    organization_id=interview.organization_id,
                    interview_id=interview.id,
                    created_at=now,
                    updated_at=now,
                    updated_by_id=member.user_id,
                )
            else:
                rubric.updated_at = now
                rubric.updated_by_id = member.user_id
                await rubric.save(update_fields=["updated_at", "updated_by_id"])
                await RubricCriterion.filter(rubric_id=rubric.id).delete()
            links: list[CriterionQuestion] = []
            for position, spec in enumerate(specs, start=1):
                criterion = await RubricCriterion.create(
                    rubric_id=rubric.id,
                    position=position,
                    name=spec.name,
                    description=spec.description,
                    weight=spec.weight,
                    anchors=list(spec.anchors),
                    all_questions=spec.question_ids is None,
                )
                links.extend(
                    CriterionQuestion(criterion_id=criterion.id, question_id=question_id)
                    for question_id in spec.question_ids or ()
                )
            if links:
                await CriterionQuestion.bulk_create(links)
            await self.audit.record(
                Fact(
                    organization_id=interview.organization_id,
                    action=AuditAction.RUBRIC_CHANGED,
                    actor_id=member.user_id,
                    interview_id=interview.id,
                    details={"criteria": len(specs)},
                )
            )
            events.append(RubricChanged(interview.organization_id, interview.id))
        return RubricRow.of(rubric)
