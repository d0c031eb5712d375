"""The evaluator's work list."""

from __future__ import annotations

import strawberry

from ...models import review as models
from ...services.review.blind import QUEUE_SORT
from ..context import Info
from ..pagination import Connection, page_request
from .blind import Assignment, AssignmentStatus


@strawberry.type
class ReviewQuery:
    @strawberry.field(
        description="The viewer's own assignments, oldest first, optionally of one status. "
        "Candidates appear under pseudonyms. At most 100 per page; 20 unless asked."
    )
    async def review_queue(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        status: AssignmentStatus | None = None,  # type: ignore[valid-type]
    ) -> Connection[Assignment]:
        principal = await info.context.authenticated()
        request = page_request(first=first, after=after, last=None, before=None, sort=QUEUE_SORT)
        page = await info.context.services.review.review_queue(
            principal,
            request,
            models.AssignmentStatus(status.value) if status is not None else None,
        )
        return Connection.from_page(page, Assignment.from_assignment)
