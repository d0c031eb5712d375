"""Inviting candidates, and the candidate's side: session, answers, submission.

Every change to one invitation holds its row lock, so two requests of the same
candidate (a double click, a retried upload) cannot both use the last retake or
both submit. Limits are checked against the server's clock: ``startAnswer``
records when the question was shown, and the answer must arrive within the
think time, the answer time and an upload allowance after that.

Over 400 lines on purpose: every write of the candidate journey holds the same
invitation lock and the same time rules, and reads best as one state machine.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from ...config import Settings
from ...models.candidates import Answer, CandidateInvitation, InvitationStatus
from ...models.interviews import Interview, InterviewStatus, Question
from ...models.media import Video
from ...models.organizations import Organization
from ..auth import (
    Action,
    CandidateSession,
    Principal,
    may,
    membership,
    readable_interviews,
    require,
    require_member,
)
from ..clock import Clock
from ..errors import (
    ErrorCode,
    Forbidden,
    Invalid,
    InvitationClosed,
    Problem,
    Unauthenticated,
)
from ..events import AnswerRecorded, CandidatesInvited, EventBus, SubmissionReceived
from ..mail import Mail, MailService, Recipient
from ..media import VideoRow, VideoService
from ..media.probe import VideoInfo
from ..media.quota import check_quota
from ..validation import Collector
from .rows import AnswerRow, InvitationRow
from .rules import (
    MAX_TOKEN_CHARS,
    CandidateSpec,
    Limits,
    check_accommodation,
    check_candidates,
    check_expiry,
    closed_problem,
    effective_status,
    invitation_url,
    new_token,
    not_answerable,
    token_hash,
)
from .tokens import CandidateTokenInvalid, CandidateTokens

log = logging.getLogger(__name__)

TEMPLATE = "candidate_invitation"


@dataclass(frozen=True)
class Invited:
    """An invitation with its link: shown once, to whoever created the link."""

    invitation: InvitationRow
    url: str


@dataclass(frozen=True)
class SessionOpened:
    access_token: str
    expires_at: datetime
    invitation: InvitationRow


async def _organization_name(organization_id: int) -> str:
    organization = await Organization.get(id=organization_id)
    return organization.name


def _not_found_invitation(*field: str) -> Invalid:
    return Invalid.one(ErrorCode.NOT_FOUND, "There is no invitation with this ID.", *field)


class CandidateWrites:
    settings: Settings
    clock: Clock
    events: EventBus
    mail: MailService
    videos: VideoService
    tokens: CandidateTokens

    # --- owners and recruiters --------------------------------------------------------

    async def invite(
        self,
        principal: Principal,
        *,
        interview_id: int,
        candidates: Sequence[CandidateSpec],
        expires_at: datetime,
    ) -> list[Invited]:
        """One invitation per candidate, all or none, each with its email queued."""
        require_member(principal)
        interview = await readable_interviews(principal).filter(id=interview_id).first()
        if interview is None:
            raise Invalid.one(
                ErrorCode.NOT_FOUND, "There is no interview with this ID.", "interview_id"
            )
        await require(
            principal, interview.organization_id, Action.INVITE_CANDIDATES, "interview_id"
        )
        now = self.clock.now()
        errors = Collector()
        specs = check_candidates(list(candidates), errors)
        check_expiry(expires_at, now, errors, "expires_at")
        if interview.status != InterviewStatus.OPEN:
            errors.add(
                ErrorCode.NOT_OPEN,
                f"Candidates are invited to OPEN interviews; this one is {interview.status.value}.",
                "interview_id",
            )
        emails = [spec.email for spec in specs if spec.email]
        if emails:
            taken = {
                row["email"]
                for row in await CandidateInvitation.filter(
                    interview_id=interview_id, email__in=emails
                ).values("email")
            }
            for i, spec in enumerate(specs):
                if spec.email in taken:
                    errors.add(
                        ErrorCode.ALREADY_INVITED,
                        f"{spec.email} is already invited to this interview.",
                        "candidates",
                        i,
                        "email",
                    )
        errors.raise_if_any()
        organization_name = await _organization_name(interview.organization_id)
        tokens = [new_token() for _ in specs]
        try:
            async with self.events.unit() as events:
                await CandidateInvitation.bulk_create(
                    [
                        CandidateInvitation(
                            organization_id=interview.organization_id,
                            interview_id=interview_id,
                            name=spec.name,
                            email=spec.email,
                            token_hash=token_hash(token),
                            status=InvitationStatus.INVITED,
                            expires_at=expires_at,
                            created_at=now,
                            invited_by_id=require_member(principal).user_id,
                            sent_count=1,
                        )
                        for spec, token in zip(specs, tokens, strict=True)
                    ]
                )
                by_email = {
                    row.email: row
                    for row in await InvitationRow.fetch(
                        CandidateInvitation.filter(
                            interview_id=interview_id, email__in=[s.email for s in specs]
                        )
                    )
                }
                invited = [
                    Invited(by_email[spec.email], invitation_url(self.settings.public_url, token))
                    for spec, token in zip(specs, tokens, strict=True)
                ]
                await self.mail.send_many(
                    [
                        self._invitation_mail(
                            item, interview.title, organization_name, interview.answer_deadline
                        )
                        for item in invited
                    ]
                )
                events.append(
                    CandidatesInvited(
                        interview.organization_id,
                        interview_id,
                        tuple(item.invitation.id for item in invited),
                    )
                )
        except IntegrityError:
            # Another request invited one of these addresses in the meantime.
            raise Invalid.one(
                ErrorCode.ALREADY_INVITED,
                "One of these addresses was invited to this interview just now; "
                "reload the invitations and try again.",
                "candidates",
            ) from None
        return invited

    def _invitation_mail(
        self,
        item: Invited,
        interview_title: str,
        organization_name: str,
        answer_deadline: datetime | None,
    ) -> Mail:
        row = item.invitation
        ends = row.expires_at if answer_deadline is None else min(row.expires_at, answer_deadline)
        return Mail(
            to=Recipient(row.email, row.name),
            template=TEMPLATE,
            context={
                "name": row.name,
                "organization_name": organization_name,
                "interview_title": interview_title,
                "url": item.url,
                "expires_at": ends.strftime("%d %B %Y, %H:%M UTC"),
            },
            organization_id=row.organization_id,
        )

    async def _lock_for_member(
        self, principal: Principal, invitation_id: int
    ) -> tuple[CandidateInvitation, Interview]:
        """The invitation, locked, for an owner or recruiter of its organization.

        Call inside a transaction.
        """
        member = require_member(principal)
        invitation = await CandidateInvitation.filter(id=invitation_id).select_for_update().first()
        found = (
            await membership(member.user_id, invitation.organization_id)
            if invitation is not None
            else None
        )
        if invitation is None or found is None:
            raise _not_found_invitation("invitation_id")
        if not may(found.role, Action.INVITE_CANDIDATES):
            raise Forbidden(
                f"Your role in this organization does not allow you to {Action.INVITE_CANDIDATES}."
            )
        interview = await Interview.get(id=invitation.interview_id)
        return invitation, interview

    def _status(self, invitation: CandidateInvitation, interview: Interview) -> InvitationStatus:
        return effective_status(
            invitation.status, invitation.expires_at, interview.answer_deadline, self.clock.now()
        )

    def _refuse_closed(
        self, invitation: CandidateInvitation, interview: Interview, *, expired_too: bool
    ) -> None:
        status = self._status(invitation, interview)
        if status == InvitationStatus.EXPIRED and not expired_too:
            return
        problem = closed_problem(status, "invitation_id")
        if problem is not None:
            raise problem

    async def resend_invitation(self, principal: Principal, invitation_id: int) -> Invited:
        """A new link (the old one stops working), emailed again."""
        async with self.events.unit():
            invitation, interview = await self._lock_for_member(principal, invitation_id)
            self._refuse_closed(invitation, interview, expired_too=True)
            token = new_token()
            invitation.token_hash = token_hash(token)
            invitation.sent_count += 1
            await invitation.save(update_fields=["token_hash", "sent_count"])
            row = InvitationRow.with_deadline(invitation, interview.answer_deadline)
            invited = Invited(row, invitation_url(self.settings.public_url, token))
            organization_name = await _organization_name(invitation.organization_id)
            await self.mail.send_many(
                [
                    self._invitation_mail(
                        invited, interview.title, organization_name, interview.answer_deadline
                    )
                ]
            )
        return invited

    async def extend_invitation(
        self, principal: Principal, invitation_id: int, expires_at: datetime
    ) -> InvitationRow:
        """A new expiry, later or earlier; an expired invitation opens again (the
        interview's own deadline still applies)."""
        async with self.events.unit():
            invitation, interview = await self._lock_for_member(principal, invitation_id)
            self._refuse_closed(invitation, interview, expired_too=False)
            errors = Collector()
            check_expiry(expires_at, self.clock.now(), errors, "expires_at")
            errors.raise_if_any()
            invitation.expires_at = expires_at
            await invitation.save(update_fields=["expires_at"])
        return InvitationRow.with_deadline(invitation, interview.answer_deadline)

    async def revoke_invitation(self, principal: Principal, invitation_id: int) -> InvitationRow:
        """Withdraw the invitation: its link and candidate tokens stop working at once."""
        async with self.events.unit():
            invitation, interview = await self._lock_for_member(principal, invitation_id)
            if invitation.status == InvitationStatus.SUBMITTED:
                raise Invalid.one(
                    ErrorCode.ALREADY_SUBMITTED,
                    "This candidate has submitted; a submission cannot be withdrawn.",
                    "invitation_id",
                )
            if invitation.status != InvitationStatus.REVOKED:
                invitation.status = InvitationStatus.REVOKED
                invitation.revoked_at = self.clock.now()
                await invitation.save(update_fields=["status", "revoked_at"])
        return InvitationRow.with_deadline(invitation, interview.answer_deadline)

    async def grant_accommodation(
        self,
        principal: Principal,
        invitation_id: int,
        *,
        extra_think_seconds: int,
        extra_answer_seconds: int,
        extra_retakes: int,
    ) -> InvitationRow:
        """More time or retakes for this one candidate, on every question; only before
        they start, so that no answer was timed by other limits."""
        async with self.events.unit():
            invitation, interview = await self._lock_for_member(principal, invitation_id)
            self._refuse_closed(invitation, interview, expired_too=True)
            if invitation.status != InvitationStatus.INVITED:
                raise Invalid.one(
                    ErrorCode.ALREADY_STARTED,
                    "This candidate has started answering; accommodations are given before.",
                    "invitation_id",
                )
            errors = Collector()
            check_accommodation(extra_think_seconds, extra_answer_seconds, extra_retakes, errors)
            errors.raise_if_any()
            invitation.extra_think_seconds = extra_think_seconds
            invitation.extra_answer_seconds = extra_answer_seconds
            invitation.extra_retakes = extra_retakes
            await invitation.save(
                update_fields=["extra_think_seconds", "extra_answer_seconds", "extra_retakes"]
            )
        return InvitationRow.with_deadline(invitation, interview.answer_deadline)

    # --- the candidate's session -------------------------------------------------------

    async def open_session(self, token: str) -> SessionOpened:
        """Exchange the link's token for a short-lived candidate access token."""
        token = (token or "").strip()
        if not token or len(token) > MAX_TOKEN_CHARS:
            raise Invalid.one(
                ErrorCode.INVALID_TOKEN, "This invitation link is not valid.", "token"
            )
        rows = await InvitationRow.fetch(CandidateInvitation.filter(token_hash=token_hash(token)))
        if not rows:
            raise Invalid.one(
                ErrorCode.INVALID_TOKEN,
                "This invitation link is not valid. If it was sent again, use the newest email.",
                "token",
            )
        row = rows[0]
        now = self.clock.now()
        status = row.status_at(now)
        if status in (InvitationStatus.EXPIRED, InvitationStatus.REVOKED):
            problem = closed_problem(status, "token")
            assert problem is not None
            raise problem
        # Not capped at the invitation's end: past it, every request with the token is
        # refused with INVITATION_EXPIRED, which says more than an expired token would.
        access_token, expires_at = self.tokens.encode(row.id)
        return SessionOpened(access_token, expires_at, row)

    async def authenticate_candidate(self, token: str) -> CandidateSession | None:
        """The candidate a candidate token speaks for; None for a token of another kind.

        A token whose invitation has since expired or been revoked reaches nothing:
        InvitationClosed, with the code that says why.
        """
        try:
            claims = self.tokens.read(token)
        except CandidateTokenInvalid as exc:
            raise Unauthenticated(str(exc)) from None
        if claims is None:
            return None
        rows = await InvitationRow.fetch(CandidateInvitation.filter(id=claims.invitation_id))
        if not rows:
            raise Unauthenticated("This invitation no longer exists.")
        row = rows[0]
        status = row.status_at(self.clock.now())
        if status == InvitationStatus.REVOKED:
            raise InvitationClosed(ErrorCode.INVITATION_REVOKED, "This invitation was withdrawn.")
        if status == InvitationStatus.EXPIRED:
            raise InvitationClosed(
                ErrorCode.INVITATION_EXPIRED, "This invitation has expired: its deadline passed."
            )
        return CandidateSession(row.id, row.interview_id, row.organization_id)

    # --- answering ---------------------------------------------------------------------

    async def _lock_own(self, principal: Principal) -> tuple[CandidateInvitation, Interview]:
        """The candidate's invitation, locked, if it still takes answers.

        Call inside a transaction.
        """
        if not isinstance(principal, CandidateSession):
            raise Forbidden("Only a candidate, signed in with their invitation, can answer.")
        invitation = (
            await CandidateInvitation.filter(id=principal.invitation_id).select_for_update().first()
        )
        if invitation is None:
            raise Unauthenticated("This invitation no longer exists.")
        interview = await Interview.get(id=invitation.interview_id)
        problem = closed_problem(self._status(invitation, interview))
        if problem is not None:
            raise problem
        problem = not_answerable(interview.status)
        if problem is not None:
            raise problem
        return invitation, interview

    async def _question(self, invitation: CandidateInvitation, question_id: int) -> Question:
        question = await Question.filter(
            id=question_id, interview_id=invitation.interview_id
        ).first()
        if question is None:
            raise Invalid.one(
                ErrorCode.NOT_FOUND,
                "There is no question with this ID in your interview.",
                "question_id",
            )
        return question

    @staticmethod
    def limits(invitation: CandidateInvitation | InvitationRow, question: Question) -> Limits:
        return Limits(
            think_seconds=question.think_time_seconds + invitation.extra_think_seconds,
            answer_seconds=question.answer_time_seconds + invitation.extra_answer_seconds,
            attempts=1 + question.retakes + invitation.extra_retakes,
        )

    def _attempt_open(self, answer: Answer, limits: Limits, now: datetime) -> bool:
        deadline = limits.answer_deadline(answer.started_at, self.settings.answer_upload_seconds)
        return answer.submitted_at is None and now <= deadline

    async def start_answer(self, principal: Principal, question_id: int) -> AnswerRow:
        """Show a question: its attempt's clock starts now. Asked again while that attempt
        is still open, the same attempt is returned (a reload does not restart the clock,
        and does not use a retake)."""
        async with self.events.unit():
            invitation, _ = await self._lock_own(principal)
            question = await self._question(invitation, question_id)
            limits = self.limits(invitation, question)
            attempts = await Answer.filter(
                invitation_id=invitation.id, question_id=question.id
            ).order_by("attempt")
            now = self.clock.now()
            if attempts and self._attempt_open(attempts[-1], limits, now):
                return AnswerRow.of(attempts[-1])
            if len(attempts) >= limits.attempts:
                raise Invalid.one(
                    ErrorCode.RETAKES_EXHAUSTED,
                    f"This question allows {limits.attempts} attempt"
                    f"{'s' if limits.attempts != 1 else ''}, and all are used.",
                    "question_id",
                )
            answer = await Answer.create(
                invitation_id=invitation.id,
                question_id=question.id,
                attempt=len(attempts) + 1,
                started_at=now,
                current=False,
            )
            if invitation.status == InvitationStatus.INVITED:
                invitation.status = InvitationStatus.STARTED
                invitation.started_at = now
                await invitation.save(update_fields=["status", "started_at"])
        return AnswerRow.of(answer)

    async def _attempt_to_answer(
        self, principal: Principal, question_id: int, now: datetime
    ) -> tuple[Question, Limits, Answer]:
        """The question and its open attempt, if the candidate may send its recording now."""
        async with in_transaction():
            invitation, _ = await self._lock_own(principal)
            question = await self._question(invitation, question_id)
            limits = self.limits(invitation, question)
            attempt = await self._open_attempt(invitation, question, limits, now)
        return question, limits, attempt

    async def check_answer_upload(self, principal: Principal, question_id: int, size: int) -> None:
        """What ``submit_answer`` decides before it reads a recording sent as a file, for
        one that has not arrived yet: ``size`` is as little as it can be."""
        await self._attempt_to_answer(principal, question_id, self.clock.now())
        assert isinstance(principal, CandidateSession)
        await check_quota(self.settings, principal.organization_id, size, "file")

    async def submit_answer(
        self,
        principal: Principal,
        question_id: int,
        *,
        fileobj: BinaryIO | None = None,
        upload_id: uuid.UUID | None = None,
    ) -> AnswerRow:
        """Store the recording of the question's open attempt; it becomes the one that
        counts. Checked like any video, then against the question's limits."""
        arrived = self.clock.now()
        if (fileobj is None) == (upload_id is None):
            raise Invalid.one(
                ErrorCode.REQUIRED, "Send the recording as file, or give videoUploadId.", "file"
            )
        field = "file" if fileobj is not None else "video_upload_id"
        # Checked before the upload is probed, and again under the lock after it.
        question, limits, attempt = await self._attempt_to_answer(principal, question_id, arrived)
        assert isinstance(principal, CandidateSession)

        def check(info: VideoInfo) -> None:
            longest = limits.longest_recording(self.settings.answer_grace_seconds)
            if info.duration_seconds > longest:
                raise Invalid.one(
                    ErrorCode.ANSWER_TOO_LONG,
                    f"The recording is {info.duration_seconds:.1f} s long; answers to this "
                    f"question may be at most {limits.answer_seconds} s.",
                    field,
                )

        title = f"Answer to question {question.position}, attempt {attempt.attempt}"
        if fileobj is not None:
            video = await self.videos.upload_answer(
                principal, title=title, fileobj=fileobj, filename="", check=check
            )
        else:
            assert upload_id is not None
            video = await self.videos.complete_answer_upload(principal, upload_id, check)
            if await Answer.exists(video_id=video.id):
                raise Invalid.one(
                    ErrorCode.UPLOAD_CLOSED,
                    "This upload is already an answer; record and upload a new one.",
                    field,
                )
        try:
            async with self.events.unit() as events:
                invitation, interview = await self._lock_own(principal)
                answer = await Answer.filter(id=attempt.id).first()
                if answer is None or answer.submitted_at is not None:
                    raise Invalid.one(
                        ErrorCode.NOT_STARTED,
                        "This attempt is already recorded; start another with startAnswer.",
                        "question_id",
                    )
                await Answer.filter(
                    invitation_id=invitation.id, question_id=question.id, current=True
                ).update(current=False)
                answer.submitted_at = self.clock.now()
                answer.video_id = video.id
                answer.current = True
                await answer.save(update_fields=["submitted_at", "video_id", "current"])
                if interview.first_answer_at is None:
                    # The first stored answer: the interview's questions lock.
                    await Interview.filter(id=interview.id, first_answer_at__isnull=True).update(
                        first_answer_at=answer.submitted_at
                    )
                events.append(
                    AnswerRecorded(
                        invitation.organization_id,
                        interview.id,
                        invitation.id,
                        question.id,
                        answer.id,
                    )
                )
        except BaseException:
            await self._drop_video(video)
            raise
        return AnswerRow.of(answer)

    async def _open_attempt(
        self, invitation: CandidateInvitation, question: Question, limits: Limits, now: datetime
    ) -> Answer:
        latest = (
            await Answer.filter(invitation_id=invitation.id, question_id=question.id)
            .order_by("-attempt")
            .first()
        )
        if latest is None or latest.submitted_at is not None:
            raise Invalid.one(
                ErrorCode.NOT_STARTED,
                "Start the question with startAnswer before sending its recording.",
                "question_id",
            )
        deadline = limits.answer_deadline(latest.started_at, self.settings.answer_upload_seconds)
        if now > deadline:
            raise Invalid.one(
                ErrorCode.ANSWER_TOO_LATE,
                "The time for this attempt has run out: answers must arrive within the think "
                f"time and answer time ({limits.think_seconds + limits.answer_seconds} s) "
                "after the question was shown, plus time to upload.",
                "question_id",
            )
        return latest

    async def _drop_video(self, video: VideoRow) -> None:
        """Remove a recorded video that no answer took, with its poster if one was made
        already (the objects via the clean-up if storage fails now)."""
        async with self.events.unit():
            keys = await self.videos.release_objects([video.id])
            await Video.filter(id=video.id).delete()
        await self.videos.delete_released(keys)

    async def submit_interview(self, principal: Principal) -> InvitationRow:
        """Final: every question must have an answer. The attempts that do not count
        are deleted with their videos."""
        async with self.events.unit() as events:
            invitation, interview = await self._lock_own(principal)
            questions = await Question.filter(interview_id=interview.id).order_by("position")
            answered = set(
                await Answer.filter(
                    invitation_id=invitation.id, current=True, submitted_at__isnull=False
                ).values_list("question_id", flat=True)
            )
            missing = [q.position for q in questions if q.id not in answered]
            if missing:
                raise Invalid(
                    Problem(
                        ErrorCode.INCOMPLETE,
                        f"Answer every question before submitting; question"
                        f"{'s' if len(missing) > 1 else ''} "
                        f"{', '.join(map(str, missing))} "
                        f"{'have' if len(missing) > 1 else 'has'} no answer yet.",
                        None,
                        {"missing": missing},
                    )
                )
            discarded = await Answer.filter(invitation_id=invitation.id, current=False).values(
                "video_id"
            )
            video_ids = [row["video_id"] for row in discarded if row["video_id"] is not None]
            # Their recordings and posters are the clean-up's from this commit.
            keys = await self.videos.release_objects(video_ids)
            now = self.clock.now()
            await Answer.filter(invitation_id=invitation.id, current=False).delete()
            await Video.filter(id__in=video_ids).delete()
            invitation.status = InvitationStatus.SUBMITTED
            invitation.submitted_at = now
            await invitation.save(update_fields=["status", "submitted_at"])
            events.append(
                SubmissionReceived(
                    invitation.organization_id,
                    interview_id=interview.id,
                    invitation_id=invitation.id,
                )
            )
        await self.videos.delete_released(keys)
        return InvitationRow.with_deadline(invitation, interview.answer_deadline)
