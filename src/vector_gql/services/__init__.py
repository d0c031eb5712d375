"""Business rules, free of any web framework. Resolvers and pages call these.

Each domain is a package (``accounts``, ``organizations``, ``interviews``,
``media``) with its ``rules`` (limits and checks, no database), ``reads``
(plain rows through the principal's policy), ``writes`` (policy, rules,
transaction, events) and ``rows``. Across domains: ``auth`` (the principal and
every policy), ``events`` (published after commit), ``broadcast`` (events
to every process, for live subscriptions), ``audit`` (the audit log),
``clock``, ``validation``, ``errors`` and ``paging``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import Settings
from ..storage import Storage, make_storage
from .accounts import AccountService
from .audit import AuditLog
from .auth import ANONYMOUS, Principal
from .broadcast import Broadcaster
from .candidates import CandidateService
from .clock import Clock
from .events import (
    EvaluationSubmitted,
    EvaluatorsAssigned,
    EventBus,
    InterviewChanged,
    InterviewDeleted,
    InterviewStatusChanged,
    RubricChanged,
    SubmissionReceived,
)
from .interviews import InterviewService
from .jobs import JobQueue
from .mail import MailService
from .media import VideoService
from .organizations import OrganizationService
from .query_budget import QueryBudgetService
from .review import ReviewService

# The events that live subscriptions wait for: sent to every process by NOTIFY.
LIVE_EVENTS = (
    InterviewChanged,
    InterviewStatusChanged,
    InterviewDeleted,
    RubricChanged,
    EvaluationSubmitted,
    EvaluatorsAssigned,
    SubmissionReceived,
)


@dataclass
class Services:
    """The services one process uses, built once at start-up."""

    settings: Settings
    storage: Storage
    clock: Clock
    events: EventBus
    accounts: AccountService
    videos: VideoService
    organizations: OrganizationService
    interviews: InterviewService
    jobs: JobQueue
    mail: MailService
    query_budget: QueryBudgetService
    audit: AuditLog
    review: ReviewService
    candidates: CandidateService
    broadcaster: Broadcaster

    @classmethod
    def build(
        cls, settings: Settings, storage: Storage | None = None, *, clock: Clock | None = None
    ) -> Services:
        storage = storage or make_storage(settings)
        clock = clock or Clock()
        events = EventBus()
        organizations = OrganizationService(clock=clock, events=events)
        jobs = JobQueue(settings)
        audit = AuditLog(clock=clock)
        videos = VideoService(settings, storage, jobs, clock=clock, events=events, audit=audit)
        mail = MailService(settings, jobs, clock=clock)
        return cls(
            settings=settings,
            storage=storage,
            clock=clock,
            events=events,
            accounts=AccountService(settings, organizations, clock=clock, events=events),
            videos=videos,
            organizations=organizations,
            interviews=InterviewService(clock=clock, events=events),
            jobs=jobs,
            mail=mail,
            query_budget=QueryBudgetService(settings, clock=clock),
            audit=audit,
            review=ReviewService(settings, storage, jobs, clock=clock, events=events, audit=audit),
            candidates=CandidateService(
                settings, videos=videos, mail=mail, clock=clock, events=events
            ),
            broadcaster=Broadcaster(events, LIVE_EVENTS),
        )

    async def authenticate(self, token: str | None) -> Principal:
        """The principal a bearer token speaks for: the one authentication path.

        No token is the anonymous principal; a bad one raises Unauthenticated.
        Candidate access tokens are told apart by their type: they speak for a
        ``CandidateSession`` while their invitation is open.
        """
        if token is None:
            return ANONYMOUS
        candidate = await self.candidates.authenticate_candidate(token)
        if candidate is not None:
            return candidate
        return await self.accounts.authenticate(token)

    async def close(self) -> None:
        await self.broadcaster.close()
        await self.jobs.close()
        await self.mail.close()
        self.accounts.close()
        self.videos.close()
        await self.storage.close()
