"""What the review mutations take."""

from __future__ import annotations

import strawberry

from ...models import review as models
from ...services.review import CriterionSpec, EvaluationSpec, RatingSpec
from ...services.review.rules import DEFAULT_WEIGHT
from ..node import decode_id
from .blind import Recommendation


@strawberry.input(description="A criterion, scored 1 to 5 on an anchored scale.")
class CriterionInput:
    name: str = strawberry.field(description="1 to 100 characters, unique in the rubric.")
    anchors: list[str] = strawberry.field(
        description="Five short descriptions of what a score of 1, 2, 3, 4 and 5 means, in "
        "that order (up to 300 characters each)."
    )
    description: str = strawberry.field(default="", description="Up to 2,000 characters.")
    weight: float = strawberry.field(
        default=DEFAULT_WEIGHT,
        description="Its share of the total, relative to the others: above 0, at most 100.",
    )
    question_ids: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="The questions it applies to; every question of the interview if left out.",
    )

    def spec(self, *path: str | int) -> CriterionSpec:
        question_ids = None
        if self.question_ids is not None:
            question_ids = [
                decode_id(value, "Question", *path, "question_ids", i)
                for i, value in enumerate(self.question_ids)
            ]
        return CriterionSpec(
            name=self.name,
            anchors=self.anchors,
            description=self.description,
            weight=self.weight,
            question_ids=question_ids,
        )


@strawberry.input
class SetRubricInput:
    interview_id: strawberry.ID
    criteria: list[CriterionInput] = strawberry.field(description="1 to 10 criteria, in order.")


@strawberry.input
class GenerateInterviewReportInput:
    interview_id: strawberry.ID


@strawberry.input
class GenerateCandidateReportInput:
    invitation_id: strawberry.ID


@strawberry.input
class AssignEvaluatorsInput:
    invitation_ids: list[strawberry.ID] = strawberry.field(
        description="Submitted candidate invitations, 1 to 500."
    )
    evaluator_ids: list[strawberry.ID] = strawberry.field(
        description="Members of the organization (users), any role, 1 to 50."
    )


@strawberry.input
class AutoAssignInput:
    interview_id: strawberry.ID
    evaluators_per_submission: int = strawberry.field(
        description="How many different evaluators each submission gets, 1 to 10."
    )
    evaluator_ids: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="The members to choose from; every member of the organization if left out.",
    )


@strawberry.input(description="One score of one answer on one criterion.")
class RatingInput:
    question_id: strawberry.ID
    criterion_id: strawberry.ID
    score: int = strawberry.field(description="1 to 5, as the criterion's anchors describe.")
    note: str = strawberry.field(default="", description="Up to 2,000 characters.")

    def spec(self, *path: str | int) -> RatingSpec:
        return RatingSpec(
            question_id=decode_id(self.question_id, "Question", *path, "question_id"),
            criterion_id=decode_id(self.criterion_id, "Criterion", *path, "criterion_id"),
            score=self.score,
            note=self.note,
        )


@strawberry.input
class SubmitEvaluationInput:
    assignment_id: strawberry.ID
    ratings: list[RatingInput] = strawberry.field(
        description="A score for every question on every criterion that applies to it."
    )
    comment: str = strawberry.field(default="", description="Up to 10,000 characters.")
    recommendation: Recommendation | None = None  # type: ignore[valid-type]

    def spec(self) -> EvaluationSpec:
        return EvaluationSpec(
            ratings=[r.spec("ratings", i) for i, r in enumerate(self.ratings)],
            comment=self.comment,
            recommendation=(
                models.Recommendation(self.recommendation.value)
                if self.recommendation is not None
                else None
            ),
        )


@strawberry.input
class ReviseEvaluationInput(SubmitEvaluationInput):
    pass
