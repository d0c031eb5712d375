"""What the review mutations take."""

from __future__ import annotations

import strawberry

from ...services.review import CriterionSpec
from ...services.review.rules import DEFAULT_WEIGHT
from ..node import decode_id


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
