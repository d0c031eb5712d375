"""Live review events for dashboards: submissions received, evaluations submitted.

Both start like the queries: the viewer must be able to read the interview.
Owners and recruiters then get every event of the interview. Anyone else
(an evaluator) gets only their own: a submission when it is assigned to
them, shown as their blind ``Assignment``, and their own evaluations. Each
event is read again through the same ``readable_*`` loaders as a query, so
nothing reaches a subscriber that a query would not show them.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from ...services.auth import Action, Member, may, membership
from ...services.errors import ErrorCode, Invalid
from ...services.events import EvaluationSubmitted, EvaluatorsAssigned, Event
from ..context import Info
from ..live import live_events
from ..node import decode_id
from .blind import Assignment, Evaluation, readable_assignments, readable_evaluations


async def _interview_and_role(info: Info, interview_id: strawberry.ID) -> tuple[int, bool]:
    """The interview's key, and whether the viewer sees all of its review (owners and
    recruiters); NOT_FOUND when they may not read it."""
    from ..interviews.types import readable_interviews

    principal = await info.context.authenticated()
    key = decode_id(interview_id, "Interview", "interview_id")
    interview = await info.context.loaders[readable_interviews].load(key)
    if interview is None or not isinstance(principal, Member):
        raise Invalid.one(
            ErrorCode.NOT_FOUND, "There is no interview with this ID.", "interview_id"
        )
    found = await membership(principal.user_id, interview._organization_id)
    return key, found is not None and may(found.role, Action.READ_RESULTS)


async def _still_sees_all(info: Info, organization_id: int) -> bool:
    principal = await info.context.principal()
    if not isinstance(principal, Member):
        return False
    found = await membership(principal.user_id, organization_id)
    return found is not None and may(found.role, Action.READ_RESULTS)


# The events of a candidate's submission (the candidate journey publishes them).
SUBMISSION_EVENTS: tuple[type[Event], ...] = ()


@strawberry.type(
    description="A submission that reached the review: for owners and recruiters the "
    "candidate's invitation; for an evaluator their own blind assignment of it."
)
class ReceivedSubmission:
    assignment: Assignment | None = strawberry.field(
        description="The viewer's assignment of the submission, if it was assigned to them."
    )


async def _received(info: Info, event: Event) -> AsyncGenerator[ReceivedSubmission, None]:
    principal = await info.context.principal()
    if isinstance(event, EvaluatorsAssigned):
        if not isinstance(principal, Member) or principal.user_id != event.evaluator_id:
            return
        found = await info.context.loaders[readable_assignments].load_many(
            list(event.assignment_ids)
        )
        for assignment in found:
            if assignment is not None:
                yield ReceivedSubmission(assignment=assignment)


@strawberry.type
class ReviewSubscription:
    @strawberry.subscription(
        description="Each evaluation submitted or revised in the interview, on any server. "
        "Owners and recruiters get every one; evaluators only their own. Whoever may read the "
        "interview may subscribe."
    )
    async def evaluation_submitted(
        self, info: Info, interview_id: strawberry.ID
    ) -> AsyncGenerator[Evaluation, None]:
        key, _ = await _interview_and_role(info, interview_id)

        def about_it(event: Event) -> bool:
            return getattr(event, "interview_id", None) == key

        async with live_events(info, EvaluationSubmitted, match=about_it) as events:
            # Checked again inside: listening has started, so nothing later is missed.
            key, _ = await _interview_and_role(info, interview_id)
            async for event in events:
                principal = await info.context.principal()
                own = isinstance(principal, Member) and principal.user_id == event.evaluator_id
                if not own and not await _still_sees_all(info, event.organization_id):
                    continue
                evaluation = await info.context.loaders[readable_evaluations].load(
                    event.evaluation_id
                )
                if evaluation is not None:
                    yield evaluation

    @strawberry.subscription(
        description="Each submission that reaches the interview's review, on any server. Owners "
        "and recruiters get every submitted candidate; evaluators, the submissions assigned to "
        "them, as their blind assignments. Whoever may read the interview may subscribe."
    )
    async def submission_received(
        self, info: Info, interview_id: strawberry.ID
    ) -> AsyncGenerator[ReceivedSubmission, None]:
        key, _ = await _interview_and_role(info, interview_id)

        def about_it(event: Event) -> bool:
            return getattr(event, "interview_id", None) == key

        async with live_events(
            info, *SUBMISSION_EVENTS, EvaluatorsAssigned, match=about_it
        ) as events:
            key, _ = await _interview_and_role(info, interview_id)
            async for event in events:
                async for item in _received(info, event):
                    yield item
