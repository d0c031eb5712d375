"""An interview's ranking and agreement, for owners and recruiters, and the reveal.

Results show candidates by name next to their scores. Each time a candidate's
identity is shown to a member who had not seen it before (in results or in a
report), an ``IDENTITY_REVEALED`` audit entry records who saw whom and where;
``review_identity_shown`` remembers the pairs, so only the first showing is
recorded, whichever process shows it (one statement, ``ON CONFLICT DO NOTHING``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tortoise import connections

from ...models.audit import AuditAction
from ...models.interviews import Interview
from ..audit import AuditLog, Fact
from ..auth import Action, Principal, require, require_member
from ..clock import Clock
from ..errors import ErrorCode, Invalid
from .records import ReviewRecordReads, ReviewRecords
from .scoring import InterviewScores


@dataclass(frozen=True)
class InterviewResults:
    interview_id: int
    organization_id: int
    records: ReviewRecords

    @property
    def scores(self) -> InterviewScores:
        return self.records.scores


class ResultReads(ReviewRecordReads):
    clock: Clock
    audit: AuditLog

    async def interview_results(self, principal: Principal, interview_id: int) -> InterviewResults:
        """The interview's scored records. Owners and recruiters of its organization only."""
        require_member(principal)
        found = await Interview.filter(id=interview_id).values("organization_id")
        if not found:
            raise Invalid.one(ErrorCode.NOT_FOUND, "There is no interview with this ID.", "id")
        organization_id = found[0]["organization_id"]
        await require(principal, organization_id, Action.READ_RESULTS, "id")
        records = await self.review_records(interview_id, self.clock.now())
        return InterviewResults(interview_id, organization_id, records)

    async def identities_shown(
        self,
        principal: Principal,
        organization_id: int,
        interview_id: int,
        invitation_ids: Iterable[int],
        where: str,
    ) -> None:
        """Record that these candidates' identities were shown to the member; the first
        showing of each to them writes an audit entry. Callers have checked the right."""
        member = require_member(principal)
        wanted = sorted(set(invitation_ids))
        if not wanted:
            return
        now = self.clock.now()
        connection = connections.get("default")
        rows = await connection.execute_query_dict(
            """
            INSERT INTO review_identity_shown
                (organization_id, invitation_id, viewer_id, first_shown_at)
            SELECT $1::bigint, ids.id, $2::bigint, $3::timestamptz
            FROM unnest($4::bigint[]) AS ids(id)
            ON CONFLICT (invitation_id, viewer_id) DO NOTHING
            RETURNING invitation_id
            """,
            [organization_id, member.user_id, now, wanted],
        )
        await self.audit.record(
            *(
                Fact(
                    organization_id=organization_id,
                    action=AuditAction.IDENTITY_REVEALED,
                    actor_id=member.user_id,
                    subject_user_id=member.user_id,
                    interview_id=interview_id,
                    invitation_id=row["invitation_id"],
                    details={"where": where},
                )
                for row in rows
            )
        )
