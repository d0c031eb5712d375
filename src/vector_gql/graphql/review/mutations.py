"""Set rubrics."""

from __future__ import annotations

import strawberry

from ..context import Info
from ..errors import UserError, mutation
from ..node import decode_id
from .inputs import SetRubricInput
from .types import Rubric


@strawberry.type
class SetRubricPayload:
    rubric: Rubric | None = None
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
