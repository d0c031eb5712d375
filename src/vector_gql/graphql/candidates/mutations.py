"""Inviting candidates; the candidate's session, answers and submission."""

from __future__ import annotations

from datetime import datetime
from typing import cast

import strawberry
from starlette.datastructures import UploadFile

from ..context import Info
from ..errors import UserError, mutation
from ..node import decode_id, decode_uuid
from .inputs import (
    CandidateSessionInput,
    ExtendInvitationInput,
    GrantAccommodationInput,
    InvitationInput,
    InviteCandidatesInput,
    StartAnswerInput,
    SubmitAnswerInput,
)
from .types import Answer, CandidateInvitation


@strawberry.type
class InviteCandidatesPayload:
    invitations: list[CandidateInvitation] | None = strawberry.field(
        default=None, description="In the order given, each with its url (shown only here)."
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class InvitationPayload:
    invitation: CandidateInvitation | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class ResendInvitationPayload(InvitationPayload):
    pass


@strawberry.type
class ExtendInvitationPayload(InvitationPayload):
    pass


@strawberry.type
class RevokeInvitationPayload(InvitationPayload):
    pass


@strawberry.type
class GrantAccommodationPayload(InvitationPayload):
    pass


@strawberry.type
class SubmitInterviewPayload(InvitationPayload):
    pass


@strawberry.type
class CandidateSessionPayload:
    access_token: str | None = strawberry.field(
        default=None,
        description="Send as 'Authorization: Bearer <token>'; it reaches this invitation only.",
    )
    expires_at: datetime | None = None
    invitation: CandidateInvitation | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class AnswerPayload:
    answer: Answer | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class StartAnswerPayload(AnswerPayload):
    pass


@strawberry.type
class SubmitAnswerPayload(AnswerPayload):
    pass


def _invitation_id(value: strawberry.ID | object) -> int:
    return decode_id(value, "CandidateInvitation", "invitation_id")  # type: ignore[arg-type]


def _question_id(value: object) -> int:
    return decode_id(value, "Question", "question_id")  # type: ignore[arg-type]


@strawberry.type
class CandidateMutation:
    # --- owners and recruiters ---------------------------------------------------------

    @mutation(
        description="Invite 1 to 500 candidates to an OPEN interview; each gets an email with "
        "a personal link, sent by the job queue. All or none: an address already invited "
        "gives ALREADY_INVITED. Owners and recruiters."
    )
    async def invite_candidates(
        self, info: Info, input: InviteCandidatesInput
    ) -> InviteCandidatesPayload:
        principal = await info.context.authenticated()
        invited = await info.context.services.candidates.invite(
            principal,
            interview_id=decode_id(input.interview_id, "Interview", "interview_id"),
            candidates=[c.spec() for c in input.candidates],
            expires_at=input.expires_at,
        )
        return InviteCandidatesPayload(
            invitations=[CandidateInvitation.of(item.invitation, item.url) for item in invited]
        )

    @mutation(
        description="Email the invitation again, with a new link (the old one stops working). "
        "An expired invitation is extended first (INVITATION_EXPIRED)."
    )
    async def resend_invitation(
        self, info: Info, input: InvitationInput
    ) -> ResendInvitationPayload:
        principal = await info.context.authenticated()
        invited = await info.context.services.candidates.resend_invitation(
            principal, _invitation_id(input.invitation_id)
        )
        return ResendInvitationPayload(
            invitation=CandidateInvitation.of(invited.invitation, invited.url)
        )

    @mutation(description="Move an invitation's expiry; an expired invitation opens again.")
    async def extend_invitation(
        self, info: Info, input: ExtendInvitationInput
    ) -> ExtendInvitationPayload:
        principal = await info.context.authenticated()
        row = await info.context.services.candidates.extend_invitation(
            principal, _invitation_id(input.invitation_id), input.expires_at
        )
        return ExtendInvitationPayload(invitation=CandidateInvitation.of(row))

    @mutation(description="Withdraw an invitation: its link and the candidate's tokens stop.")
    async def revoke_invitation(
        self, info: Info, input: InvitationInput
    ) -> RevokeInvitationPayload:
        principal = await info.context.authenticated()
        row = await info.context.services.candidates.revoke_invitation(
            principal, _invitation_id(input.invitation_id)
        )
        return RevokeInvitationPayload(invitation=CandidateInvitation.of(row))

    @mutation(
        description="Give one candidate more think time, answer time or retakes on every "
        "question, before they start. The values replace earlier ones."
    )
    async def grant_accommodation(
        self, info: Info, input: GrantAccommodationInput
    ) -> GrantAccommodationPayload:
        principal = await info.context.authenticated()
        row = await info.context.services.candidates.grant_accommodation(
            principal,
            _invitation_id(input.invitation_id),
            extra_think_seconds=input.extra_think_seconds,
            extra_answer_seconds=input.extra_answer_seconds,
            extra_retakes=input.extra_retakes,
        )
        return GrantAccommodationPayload(invitation=CandidateInvitation.of(row))

    # --- the candidate -----------------------------------------------------------------

    @mutation(
        description="Exchange the token of an invitation link for a short-lived candidate "
        "access token, limited to that invitation. No account is needed."
    )
    async def candidate_session(
        self, info: Info, input: CandidateSessionInput
    ) -> CandidateSessionPayload:
        opened = await info.context.services.candidates.open_session(input.token)
        return CandidateSessionPayload(
            access_token=opened.access_token,
            expires_at=opened.expires_at,
            invitation=CandidateInvitation.of(opened.invitation),
        )

    @mutation(
        description="Show a question: the server records the time, and the answer must arrive "
        "within the think time and answer time after it (plus time to upload). Asked again "
        "while the attempt is open, it returns the same attempt; after a recording, it starts a "
        "retake (RETAKES_EXHAUSTED when none are left)."
    )
    async def start_answer(self, info: Info, input: StartAnswerInput) -> StartAnswerPayload:
        principal = await info.context.authenticated()
        row = await info.context.services.candidates.start_answer(
            principal, _question_id(input.question_id)
        )
        return StartAnswerPayload(answer=Answer.from_row(row))

    @mutation(
        description="Send the recording of the started question, as a file (multipart) or "
        "as a direct upload (videoUploadId). It is probed like any video; ANSWER_TOO_LONG past "
        "the answer time (plus VECTOR_ANSWER_GRACE_SECONDS), ANSWER_TOO_LATE past the time "
        "allowed. It becomes the answer that counts; earlier attempts are kept until submission."
    )
    async def submit_answer(self, info: Info, input: SubmitAnswerInput) -> SubmitAnswerPayload:
        upload = cast(UploadFile | None, input.file)
        try:
            principal = await info.context.authenticated()
            question_id = _question_id(input.question_id)
            upload_id = (
                decode_uuid(input.video_upload_id, "VideoUpload", "video_upload_id")
                if input.video_upload_id is not None
                else None
            )
            row = await info.context.services.candidates.submit_answer(
                principal,
                question_id,
                fileobj=upload.file if upload is not None else None,
                upload_id=upload_id,
            )
        finally:
            if upload is not None:
                await upload.close()
        return SubmitAnswerPayload(answer=Answer.from_row(row))

    @mutation(
        description="Submit the answers: final (ALREADY_SUBMITTED afterwards), and only once "
        "every question has one (INCOMPLETE otherwise). Attempts that do not count are deleted."
    )
    async def submit_interview(self, info: Info) -> SubmitInterviewPayload:
        principal = await info.context.authenticated()
        row = await info.context.services.candidates.submit_interview(principal)
        return SubmitInterviewPayload(invitation=CandidateInvitation.of(row))
