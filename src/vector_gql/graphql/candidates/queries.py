"""The candidate's own invitation."""

from __future__ import annotations

import strawberry

from ..context import Info
from .types import CandidateInvitation


@strawberry.type
class CandidateQuery:
    @strawberry.field(
        description="The signed-in candidate's invitation: the interview (title, description, "
        "questions with their limits and prompt videos), their answers and status. Only with a "
        "candidate access token (candidateSession)."
    )
    async def candidate_invitation(self, info: Info) -> CandidateInvitation:
        principal = await info.context.authenticated()
        row = await info.context.services.candidates.own_invitation(principal)
        return CandidateInvitation.of(row)
