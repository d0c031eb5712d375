"""Live review events for dashboards: submissions received, evaluations submitted.

Both start like the queries: the viewer must be able to read the interview,
and the first message (with nothing in it) says the subscription is live.
Owners and recruiters then get every event of the interview. Anyone else (an
evaluator) gets only their own: a submission when it is assigned to them,
shown as their blind ``Assignment``, and their own evaluations. Each event is
read again through the same ``readable_*`` loaders as a query, so nothing
reaches a subscriber that a query would not show them.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable
from typing import TYPE_CHECKING, Annotated

import strawberry

from ...services.auth import Action, Member, may, membership
from ...services.errors import ErrorCode, Invalid
from ...services.events import (
    EvaluationSubmitted,
    EvaluatorsAssigned,
    Event,
    SubmissionReceived,
)
from ..context import Info
from ..live import live_events
from ..node import decode_id
from .blind import Assignment, Evaluation, readable_assignments, readable_evaluations

if TYPE_CHECKING:
    from ..candidates.types import CandidateInvitation

InvitationType = Annotated[
    "CandidateInvitation", strawberry.lazy("vector_gql.graphql.candidates.types")
]


@strawberry.type(description="An evaluation submitted or revised; null in the first message.")
class EvaluationUpdate:
    evaluation: Evaluation | None = None


@strawberry.type(
    description="A submission that reached the review; null fields in the first message. "
    "Evaluators get their own blind assignment of it."
)
class SubmissionUpdate:
    invitation: InvitationType | None = strawberry.field(
        default=None,
        description="The candidate who submitted: for owners and recruiters only.",
    )
    assignment: Assignment | None = strawberry.field(
        default=None,
        description="The viewer's assignment of the submission, when it was assigned to them.",
    )


async def _open(info: Info, interview_id: strawberry.ID) -> int:
    """The interview's key; NOT_FOUND unless a member may read it."""
    from ..interviews.types import readable_interviews

    principal = await info.context.authenticated()
    key = decode_id(interview_id, "Interview", "interview_id")
    interview = await info.context.loaders[readable_interviews].load(key)
    if interview is None or not isinstance(principal, Member):
        raise Invalid.one(
            ErrorCode.NOT_FOUND, "There is no interview with this ID.", "interview_id"
        )
    return key


async def _sees_all(info: Info, organization_id: int) -> bool:
    """Owners and recruiters get everyone's events; read fresh for each event."""
    principal = await info.context.principal()
    if not isinstance(principal, Member):
        return False
    found = await membership(principal.user_id, organization_id)
    return found is not None and may(found.role, Action.READ_RESULTS)


def _about(key: int) -> Callable[[Event], bool]:
    def about_it(event: Event) -> bool:
        return getattr(event, "interview_id", None) == key

    return about_it


@strawberry.type
class ReviewSubscription:
    @strawberry.subscription(
        description="Each evaluation submitted or revised in the interview, on any server. "
        "Owners and recruiters get every one; evaluators only their own. Whoever may read the "
        "interview may subscribe; the first message, without an evaluation, says it is live."
    )
    async def evaluation_submitted(
        self, info: Info, interview_id: strawberry.ID
    ) -> AsyncGenerator[EvaluationUpdate, None]:
        key = await _open(info, interview_id)
        async with live_events(info, EvaluationSubmitted, match=_about(key)) as events:
            # Checked inside too: listening has started, so nothing later is missed.
            await _open(info, interview_id)
            yield EvaluationUpdate()
            async for event in events:
                principal = await info.context.principal()
                own = isinstance(principal, Member) and principal.user_id == event.evaluator_id
                if not own and not await _sees_all(info, event.organization_id):
                    continue
                evaluation = await info.context.loaders[readable_evaluations].load(
                    event.evaluation_id
                )
                if evaluation is not None:
                    yield EvaluationUpdate(evaluation=evaluation)

    @strawberry.subscription(
        description="Each submission that reaches the interview's review, on any server: for "
        "owners and recruiters every submitted candidate; for evaluators the submissions "
        "assigned to them, as their blind assignments. Whoever may read the interview may "
        "subscribe; the first message, with nothing in it, says it is live."
    )
    async def submission_received(
        self, info: Info, interview_id: strawberry.ID
    ) -> AsyncGenerator[SubmissionUpdate, None]:
        key = await _open(info, interview_id)
        async with live_events(
            info, SubmissionReceived, EvaluatorsAssigned, match=_about(key)
        ) as events:
            await _open(info, interview_id)
            yield SubmissionUpdate()
            async for event in events:
                async for update in _received(info, event):
                    yield update


async def _received(info: Info, event: Event) -> AsyncGenerator[SubmissionUpdate, None]:
    principal = await info.context.principal()
    if isinstance(event, SubmissionReceived):
        if not await _sees_all(info, event.organization_id):
            return
        from ..candidates.types import readable_invitations

        invitation = await info.context.loaders[readable_invitations].load(event.invitation_id)
        if invitation is not None:
            await info.context.services.review.identities_shown(
                principal,
                event.organization_id,
                event.interview_id,
                [event.invitation_id],
                "live results",
            )
            yield SubmissionUpdate(invitation=invitation)
        return
    if isinstance(event, EvaluatorsAssigned):
        if not isinstance(principal, Member) or principal.user_id != event.evaluator_id:
            return
        found = await info.context.loaders[readable_assignments].load_many(
            list(event.assignment_ids)
        )
        for assignment in found:
            if assignment is not None:
                yield SubmissionUpdate(assignment=assignment)
