"""Reading invitations and answers through the principal's policy."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from tortoise import connections
from tortoise.expressions import Q
from tortoise.functions import Count
from tortoise.queryset import QuerySet

from ...models.candidates import Answer, CandidateInvitation, InvitationStatus
from ...models.interviews import Interview
from ..auth import (
    Action,
    CandidateSession,
    Principal,
    readable_answers,
    readable_interviews,
    readable_invitations,
    reads_nothing,
    require,
)
from ..clock import Clock
from ..errors import ErrorCode, Forbidden, Invalid
from ..paging import Page, PageRequest, Sort, keyset_page
from .rows import AnswerRow, InvitationCounts, InvitationRow

INVITATION_SORT = Sort("created_at", descending=True)


def _expired(now: datetime) -> Q:
    return Q(expires_at__lte=now) | Q(interview__answer_deadline__lte=now)


def status_filter(status: InvitationStatus, now: datetime) -> Q:
    """The invitations whose status, as the API shows it, is ``status`` at ``now``."""
    if status in (InvitationStatus.SUBMITTED, InvitationStatus.REVOKED):
        return Q(status=status)
    live = Q(status__in=[InvitationStatus.INVITED, InvitationStatus.STARTED])
    if status == InvitationStatus.EXPIRED:
        return live & _expired(now)
    return Q(status=status) & ~_expired(now)


class CandidateReads:
    clock: Clock

    async def readable_invitations(
        self, principal: Principal, ids: Iterable[int]
    ) -> dict[int, InvitationRow]:
        if reads_nothing(principal):
            return {}
        return await InvitationRow.by_id(readable_invitations(principal), ids)

    async def readable_answers(
        self, principal: Principal, ids: Iterable[int]
    ) -> dict[int, AnswerRow]:
        if reads_nothing(principal):
            return {}
        return await AnswerRow.by_id(readable_answers(principal), ids)

    async def answers_of(
        self, principal: Principal, keys: Iterable[tuple[int, int | None]]
    ) -> dict[tuple[int, int | None], list[AnswerRow]]:
        """Answers the principal may read, by (invitation id, question id or None), in one
        query, in question and attempt order.

        For a question: every attempt of it. Without one: for each question, the attempt
        that counts and, if the newest attempt is still being recorded, that one too.
        """
        wanted = list(keys)
        grouped: dict[tuple[int, int | None], list[AnswerRow]] = {key: [] for key in wanted}
        if not wanted or reads_nothing(principal):
            return grouped
        query = (
            readable_answers(principal)
            .filter(invitation_id__in={invitation_id for invitation_id, _ in wanted})
            .order_by("invitation_id", "question__position", "question_id", "attempt")
        )
        rows = await AnswerRow.fetch(query)
        newest: dict[tuple[int, int], AnswerRow] = {}
        for row in rows:
            newest[(row.invitation_id, row.question_id)] = row
        for key in wanted:
            invitation_id, question_id = key
            for row in rows:
                if row.invitation_id != invitation_id:
                    continue
                if question_id is not None:
                    if row.question_id == question_id:
                        grouped[key].append(row)
                elif row.current or (
                    row.submitted_at is None and newest[(row.invitation_id, row.question_id)] is row
                ):
                    grouped[key].append(row)
        return grouped

    async def answered_counts(self, invitation_ids: Iterable[int]) -> dict[int, int]:
        """Invitation id -> questions with an answer that counts, in one query.

        No visibility check: callers ask only for invitations already shown.
        """
        wanted = list(invitation_ids)
        counts = dict.fromkeys(wanted, 0)
        if not wanted:
            return counts
        rows = (
            await Answer.filter(invitation_id__in=wanted, current=True, submitted_at__isnull=False)
            .annotate(answered=Count("id"))
            .group_by("invitation_id")
            .values("invitation_id", "answered")
        )
        for row in rows:
            counts[row["invitation_id"]] = row["answered"]
        return counts

    async def own_invitation(self, principal: Principal) -> InvitationRow:
        """The signed-in candidate's invitation."""
        if not isinstance(principal, CandidateSession):
            raise Forbidden("Only a candidate, signed in with their invitation, has one.")
        rows = await self.readable_invitations(principal, [principal.invitation_id])
        if principal.invitation_id not in rows:
            raise Forbidden("This invitation no longer exists.")
        return rows[principal.invitation_id]

    async def _interview_for_invitations(self, principal: Principal, interview_id: int) -> None:
        """Owners and recruiters of the interview's organization list its invitations."""
        interview = await readable_interviews(principal).filter(id=interview_id).first()
        if interview is None:
            raise Invalid.one(ErrorCode.NOT_FOUND, "There is no interview with this ID.")
        await require(principal, interview.organization_id, Action.INVITE_CANDIDATES)

    async def invitations_page(
        self,
        principal: Principal,
        interview_id: int,
        request: PageRequest,
        status: InvitationStatus | None = None,
    ) -> Page[InvitationRow]:
        """The interview's invitations, newest first, optionally in one status."""
        await self._interview_for_invitations(principal, interview_id)
        query: QuerySet[CandidateInvitation] = readable_invitations(principal).filter(
            interview_id=interview_id
        )
        if status is not None:
            query = query.filter(status_filter(status, self.clock.now()))
        return await keyset_page(query, INVITATION_SORT, request, InvitationRow)

    async def invitation_counts(self, principal: Principal, interview_id: int) -> InvitationCounts:
        """How many of the interview's invitations are in each status, in one statement."""
        await self._interview_for_invitations(principal, interview_id)
        interview = await Interview.get(id=interview_id)
        now = self.clock.now()
        deadline = interview.answer_deadline
        past_deadline = deadline is not None and deadline <= now
        rows = await connections.get("default").execute_query_dict(
            """
            SELECT
              count(*) FILTER (WHERE status = 'INVITED' AND expires_at > $2) AS invited,
              count(*) FILTER (WHERE status = 'STARTED' AND expires_at > $2) AS started,
              count(*) FILTER (WHERE status = 'SUBMITTED') AS submitted,
              count(*) FILTER (WHERE status IN ('INVITED', 'STARTED') AND expires_at <= $2)
                AS expired,
              count(*) FILTER (WHERE status = 'REVOKED') AS revoked
            FROM candidate_invitation WHERE interview_id = $1
            """,
            [interview_id, now],
        )
        row = rows[0]
        if past_deadline:
            # Past the interview's deadline, everything unsubmitted is expired.
            return InvitationCounts(
                submitted=row["submitted"],
                expired=row["invited"] + row["started"] + row["expired"],
                revoked=row["revoked"],
            )
        return InvitationCounts(**row)

    async def answer_attempts(self, invitation_id: int, question_id: int) -> list[Answer]:
        return await Answer.filter(invitation_id=invitation_id, question_id=question_id).order_by(
            "attempt"
        )
