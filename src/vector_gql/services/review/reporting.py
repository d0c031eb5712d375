"""Reports of an interview's review, built by jobs on the queue and kept in storage.

Asking for a report writes a PENDING ``Report`` row and a ``review.report``
job in one transaction, and returns at once; the client polls the report
(``node(id:)``) until it is READY, then downloads it by its signed URL. The
job reads the review's records in a fixed number of statements, scores them
(``scoring``), renders the file in a thread (``reports``, reportlab and
matplotlib) and stores it under the key chosen when it was asked for, so a
job that runs twice (a worker died after storing) writes the same object
again. A job that keeps failing marks the report FAILED with a reason the
requester can read.

What a report shows follows the requester's rights when they asked: names
and emails for those who may see candidates' identities, labels for the rest
(``show_identities``). Reading a report later needs the same right again
(``readable_reports``).
"""

from __future__ import annotations

import asyncio
import io
import logging
import re
import uuid
from collections.abc import Callable

from ...config import Settings
from ...models.candidates import CandidateInvitation, InvitationStatus
from ...models.interviews import Interview
from ...models.review import Report, ReportKind, ReportStatus
from ...storage import Storage, StorageError
from ..auth import Action, Principal, held_membership, may, require_member
from ..clock import Clock
from ..errors import ErrorCode, Forbidden, Invalid
from ..events import EventBus, ReportFinished
from ..jobs import GiveUp, JobQueue, RetryPolicy
from .records import ReviewRecords
from .results import ResultReads
from .rows import ReportRow
from .scoring import ScoringInputError

log = logging.getLogger(__name__)

# Three more tries, after 3, 9 and 27 seconds: someone is waiting for it. Records
# that contradict the rubric do not get better by waiting.
REPORT_RETRY = RetryPolicy(max_attempts=3, exponential_wait=3, give_up_on=(GiveUp,))
FAILED_MESSAGE = "The report could not be built. Try again; if it fails again, tell us."
STORAGE_FAILED = "The report could not be stored. Try again in a few minutes."

CONTENT_TYPES = {
    ReportKind.INTERVIEW_CSV: "text/csv; charset=utf-8",
    ReportKind.INTERVIEW_PDF: "application/pdf",
    ReportKind.CANDIDATE_PDF: "application/pdf",
}
EXTENSIONS = {
    ReportKind.INTERVIEW_CSV: "csv",
    ReportKind.INTERVIEW_PDF: "pdf",
    ReportKind.CANDIDATE_PDF: "pdf",
}


def slug(text: str, fallback: str = "interview") -> str:
    """A file-name-safe version of a title: ASCII letters, digits and dashes."""
    words = re.findall(r"[A-Za-z0-9]+", text)
    return "-".join(words).lower()[:60].strip("-") or fallback


class ReportWrites(ResultReads):
    settings: Settings
    storage: Storage
    clock: Clock
    events: EventBus

    def define_report_jobs(self, jobs: JobQueue) -> None:
        self.build_report = jobs.define(
            "review.report", self._build_report, retry=REPORT_RETRY, on_give_up=self._gave_up
        )

    # --- asking ----------------------------------------------------------------------

    async def request_interview_reports(
        self, principal: Principal, interview_id: int
    ) -> tuple[ReportRow, ReportRow]:
        """The interview's CSV export and summary PDF, queued for building."""
        member = require_member(principal)
        async with self.events.unit():
            interview = await Interview.filter(id=interview_id).first()
            found = (
                await held_membership(member.user_id, interview.organization_id)
                if interview is not None
                else None
            )
            if interview is None or found is None:
                raise Invalid.one(
                    ErrorCode.NOT_FOUND, "There is no interview with this ID.", "interview_id"
                )
            if not may(found.role, Action.READ_RESULTS):
                raise Forbidden("Only owners and recruiters can generate reports.")
            await self._require_rubric(interview.id)
            name = slug(interview.title)
            rows = [
                await self._new_report(
                    interview, member.user_id, ReportKind.INTERVIEW_CSV, f"{name}-results"
                ),
                await self._new_report(
                    interview, member.user_id, ReportKind.INTERVIEW_PDF, f"{name}-summary"
                ),
            ]
            await self.build_report.enqueue_many([{"report_id": row.id} for row in rows])
            submitted = [
                row["id"]
                for row in await CandidateInvitation.filter(
                    interview_id=interview.id, status=InvitationStatus.SUBMITTED
                ).values("id")
            ]
            await self.identities_shown(
                principal, interview.organization_id, interview.id, submitted, "interview report"
            )
        return rows[0], rows[1]

    async def request_candidate_report(self, principal: Principal, invitation_id: int) -> ReportRow:
        """One submitted candidate's PDF, queued for building."""
        member = require_member(principal)
        async with self.events.unit():
            invitation = await CandidateInvitation.filter(id=invitation_id).first()
            found = (
                await held_membership(member.user_id, invitation.organization_id)
                if invitation is not None
                else None
            )
            if invitation is None or found is None or not may(found.role, Action.READ_RESULTS):
                # Evaluators know candidates by pseudonym only: to them, as to outsiders,
                # an invitation is not there.
                raise Invalid.one(
                    ErrorCode.NOT_FOUND,
                    "There is no candidate invitation with this ID.",
                    "invitation_id",
                )
            if invitation.status != InvitationStatus.SUBMITTED:
                raise Invalid.one(
                    ErrorCode.NOT_SUBMITTED,
                    "The candidate has not submitted their answers yet.",
                    "invitation_id",
                )
            interview = await Interview.get(id=invitation.interview_id)
            await self._require_rubric(interview.id)
            row = await self._new_report(
                interview,
                member.user_id,
                ReportKind.CANDIDATE_PDF,
                f"{slug(invitation.name, 'candidate')}-report",
                invitation.id,
            )
            await self.build_report.enqueue(report_id=row.id)
            await self.identities_shown(
                principal,
                interview.organization_id,
                interview.id,
                [invitation.id],
                "candidate report",
            )
        return row

    async def _require_rubric(self, interview_id: int) -> None:
        found = await self.rubric_for(interview_id)
        if found is None or not any(c.question_ids != () for c in found[1]):
            raise Invalid.one(
                ErrorCode.RUBRIC_REQUIRED,
                "Set the interview's rubric first: reports show the scores by its criteria.",
                "interview_id",
            )

    async def _new_report(
        self,
        interview: Interview,
        user_id: int,
        kind: ReportKind,
        name: str,
        invitation_id: int | None = None,
        *,
        show_identities: bool = True,
    ) -> ReportRow:
        extension = EXTENSIONS[kind]
        report = await Report.create(
            organization_id=interview.organization_id,
            interview_id=interview.id,
            invitation_id=invitation_id,
            requested_by_id=user_id,
            kind=kind,
            show_identities=show_identities,
            storage_key=f"reports/{uuid.uuid4().hex}.{extension}",
            content_type=CONTENT_TYPES[kind],
            filename=f"{name}.{extension}",
            created_at=self.clock.now(),
        )
        return ReportRow.of(report)

    # --- building --------------------------------------------------------------------

    async def _build_report(self, report_id: int) -> None:
        found = await ReportRow.fetch(Report.filter(id=report_id))
        if not found or found[0].status != ReportStatus.PENDING:
            return  # gone with its interview, or built already by an earlier run
        report = found[0]
        try:
            records = await self.review_records(report.interview_id, self.clock.now())
            render = _renderer(report, records)
        except ScoringInputError as exc:
            raise GiveUp(str(exc)) from exc
        content = await asyncio.to_thread(render)
        try:
            await self.storage.put(
                report.storage_key,
                io.BytesIO(content),
                content_type=report.content_type,
                size=len(content),
            )
        except StorageError:
            log.warning("storing report %s failed; the job will try again", report.id)
            raise
        async with self.events.unit() as events:
            done = await Report.filter(id=report.id, status=ReportStatus.PENDING).update(
                status=ReportStatus.READY, size_bytes=len(content), finished_at=self.clock.now()
            )
            if done:
                events.append(ReportFinished(report.organization_id, report.id, "READY"))

    async def _gave_up(self, error: BaseException, report_id: int) -> None:
        code, reason = (
            (ErrorCode.STORAGE_UNAVAILABLE, STORAGE_FAILED)
            if isinstance(error, StorageError)
            else (ErrorCode.REPORT_FAILED, FAILED_MESSAGE)
        )
        report = await Report.get_or_none(id=report_id)
        if report is None:
            return
        async with self.events.unit() as events:
            done = await Report.filter(id=report_id, status=ReportStatus.PENDING).update(
                status=ReportStatus.FAILED,
                error_code=code.value,
                error=reason,
                finished_at=self.clock.now(),
            )
            if done:
                events.append(ReportFinished(report.organization_id, report_id, "FAILED"))


def _renderer(report: ReportRow, records: ReviewRecords) -> Callable[[], bytes]:
    """The rendering of one report, to run in a thread (reportlab and matplotlib block)."""
    from . import reports  # loaded on first use: matplotlib takes a while to import

    if report.kind == ReportKind.INTERVIEW_CSV:
        content = records.report(show_identities=report.show_identities)
        return lambda: reports.interview_csv(content)
    if report.kind == ReportKind.INTERVIEW_PDF:
        content = records.report(show_identities=report.show_identities)
        return lambda: reports.interview_pdf(content)
    if report.kind == ReportKind.CANDIDATE_PDF:
        submission_id = report.invitation_id
        if submission_id is None or submission_id not in records.candidates:
            raise ScoringInputError(f"report {report.id} is about no submitted candidate")
        content = records.report(show_identities=report.show_identities)
        notes = records.notes.get(submission_id, ())
        return lambda: reports.candidate_pdf(content, submission_id, notes)
    raise ScoringInputError(f"report {report.id} is of an unknown kind {report.kind}")


__all__ = ["REPORT_RETRY", "ReportWrites", "slug"]
