"""What the candidate queries and mutations take."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay
from strawberry.file_uploads import Upload

from ...services.candidates import CandidateSpec


@strawberry.input(description="One person to invite.")
class CandidateInput:
    name: str = strawberry.field(description="1 to 200 characters.")
    email: str

    def spec(self) -> CandidateSpec:
        return CandidateSpec(self.name, self.email)


@strawberry.input
class InviteCandidatesInput:
    interview_id: relay.GlobalID = strawberry.field(description="An OPEN interview.")
    candidates: list[CandidateInput] = strawberry.field(description="1 to 500 people.")
    expires_at: datetime = strawberry.field(
        description="When the links stop working (the interview's answerDeadline applies too)."
    )


@strawberry.input
class InvitationInput:
    invitation_id: relay.GlobalID


@strawberry.input
class ExtendInvitationInput:
    invitation_id: relay.GlobalID
    expires_at: datetime = strawberry.field(description="The new expiry, in the future.")


@strawberry.input
class GrantAccommodationInput:
    invitation_id: relay.GlobalID
    extra_think_seconds: int = strawberry.field(
        default=0, description="Seconds added to every question's think time (0 to 3,600)."
    )
    extra_answer_seconds: int = strawberry.field(
        default=0, description="Seconds added to every question's answer time (0 to 3,600)."
    )
    extra_retakes: int = strawberry.field(
        default=0, description="Retakes added to every question's (0 to 10)."
    )


@strawberry.input
class CandidateSessionInput:
    token: str = strawberry.field(description="The token at the end of the link: /i/<token>.")


@strawberry.input
class StartAnswerInput:
    question_id: relay.GlobalID


@strawberry.input
class SubmitAnswerInput:
    question_id: relay.GlobalID
    file: Upload | None = strawberry.field(
        default=None,
        description="The recording, sent as in the GraphQL multipart request spec.",
    )
    video_upload_id: relay.GlobalID | None = strawberry.field(
        default=None,
        description="Or: a direct upload started with startVideoUpload and its parts sent; "
        "it is assembled and checked here.",
    )
