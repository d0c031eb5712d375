"""Live changes to an interview."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from ...services.errors import ErrorCode, Invalid
from ...services.events import (
    Event,
    InterviewChanged,
    InterviewDeleted,
    InterviewStatusChanged,
    RubricChanged,
)
from ..context import Info
from ..live import live_events
from ..node import decode_id
from .types import Interview, readable_interviews

CHANGES = (InterviewChanged, InterviewStatusChanged, InterviewDeleted, RubricChanged)


@strawberry.type
class InterviewSubscription:
    @strawberry.subscription(
        description="The interview as it is, then again each time it changes: its fields, "
        "status, questions or rubric, by anyone, on any server. The first message says the "
        "subscription is live. Ends when it is deleted, or when the viewer may no "
        "longer read it. Whoever may read the interview."
    )
    async def interview_updated(
        self, info: Info, interview_id: strawberry.ID
    ) -> AsyncGenerator[Interview, None]:
        await info.context.authenticated()
        key = decode_id(interview_id, "Interview", "interview_id")

        def about_it(event: Event) -> bool:
            return getattr(event, "interview_id", None) == key

        async with live_events(info, *CHANGES, match=about_it) as changes:
            current = await info.context.loaders[readable_interviews].load(key)
            if current is None:
                raise Invalid.one(
                    ErrorCode.NOT_FOUND, "There is no interview with this ID.", "interview_id"
                )
            yield current
            async for event in changes:
                if isinstance(event, InterviewDeleted):
                    return
                interview = await info.context.loaders[readable_interviews].load(key)
                if interview is None:
                    return
                yield interview
