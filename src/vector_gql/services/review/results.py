"""An interview's ranking and agreement, for owners and recruiters, and the reveal.

Results show candidates by name next to their scores. Each time a candidate's
identity is shown to a member who had not seen it before (in results or in a
report), an ``IDENTITY_REVEALED`` audit entry records who saw whom and where;
``review_identity_shown`` remembers the pairs, so only the first showing is
recorded, whichever process shows it (one statement, ``ON CONFLICT DO NOTHING``).

The ranking is read a page at a time (``ranking_page``), in the order of the
ranking: by rank, highest total first (those without a total last), then by
submission time, earliest first, then by id. The whole interview is scored for
any page (the rater correction and the ranks rest on every submission), in the
same statements whatever the page size; a page is then cut from it by the
position of its cursor, not by an offset.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from tortoise import connections

from ...models.audit import AuditAction
from ...models.interviews import Interview
from ..audit import AuditLog, Fact
from ..auth import Action, Principal, require, require_member
from ..clock import Clock
from ..errors import ErrorCode, Invalid
from ..paging import Page, PageRequest, Sort
from .records import ReviewRecordReads, ReviewRecords
from .scoring import InterviewScores, SubmissionResult
from .signals import SubmissionSignals

# Cursors of the ranking hold a submission's ranking key (``RankedSubmission.ranking``).
RANKING_SORT = Sort("ranking", kind="str")
# Sorts after every zero-padded rank: submissions without a total come last.
_UNRANKED = "~"


@dataclass(frozen=True)
class InterviewResults:
    interview_id: int
    organization_id: int
    records: ReviewRecords

    @property
    def scores(self) -> InterviewScores:
        return self.records.scores


@dataclass(frozen=True, slots=True)
class RankedSubmission:
    """A submission's place in the ranking, as a page of it holds it."""

    id: int  # the submission's (invitation's) id
    # Its sort key: the rank, zero-padded, then the submission time in UTC.
    ranking: str
    result: SubmissionResult
    signals: SubmissionSignals | None


def ranking_key(rank: int | None, submitted_at: datetime | None) -> str:
    ranked = f"{rank:010d}" if rank is not None else _UNRANKED
    time = submitted_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ") if submitted_at else ""
    return f"{ranked}|{time}"


def ranking_page(results: InterviewResults, request: PageRequest) -> Page[RankedSubmission]:
    """One page of the interview's ranking (the caller has checked the right to read it)."""
    records = results.records
    ranked = sorted(
        (
            RankedSubmission(
                id=r.submission_id,
                ranking=ranking_key(r.rank, _submitted_at(records, r.submission_id)),
                result=r,
                signals=records.signals.get(r.submission_id),
            )
            for r in results.scores.results
        ),
        key=RANKING_SORT.key,
    )
    keys = [RANKING_SORT.key(item) for item in ranked]
    start = bisect_right(keys, request.after) if request.after is not None else 0
    end = bisect_left(keys, request.before) if request.before is not None else len(keys)
    window = ranked[start : max(start, end)]
    if request.last is not None:
        items = window[-request.last :]
        has_next, has_previous = request.before is not None, len(window) > request.last
    else:
        # A checked request (graphql's page_request) sets first whenever last is unset.
        size = request.first if request.first is not None else len(window)
        items = window[:size]
        has_next, has_previous = len(window) > size, request.after is not None

    async def count() -> int:
        return len(ranked)

    return Page(
        items=items, has_next=has_next, has_previous=has_previous, sort=RANKING_SORT, count=count
    )


def _submitted_at(records: ReviewRecords, submission_id: int) -> datetime | None:
    candidate = records.candidates.get(submission_id)
    return candidate.submitted_at if candidate is not None else None


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
