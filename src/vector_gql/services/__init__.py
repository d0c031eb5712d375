"""Business rules, free of any web framework. Resolvers and pages call these."""

from __future__ import annotations

from dataclasses import dataclass

from ..config import Settings
from ..storage import Storage, make_storage
from .accounts import AccountService
from .interviews import InterviewService
from .jobs import JobQueue
from .mail import MailService
from .media.videos import VideoService
from .organizations import OrganizationService


@dataclass
class Services:
    """The services one process uses, built once at start-up."""

    settings: Settings
    storage: Storage
    accounts: AccountService
    videos: VideoService
    organizations: OrganizationService
    interviews: InterviewService
    jobs: JobQueue
    mail: MailService

    @classmethod
    def build(cls, settings: Settings, storage: Storage | None = None) -> Services:
        storage = storage or make_storage(settings)
        organizations = OrganizationService(settings)
        jobs = JobQueue(settings)
        return cls(
            settings=settings,
            storage=storage,
            accounts=AccountService(settings, organizations),
            videos=VideoService(settings, storage, organizations),
            organizations=organizations,
            interviews=InterviewService(settings, organizations),
            jobs=jobs,
            mail=MailService(settings, jobs, organizations),
        )

    async def start(self) -> None:
        """Connect what needs connecting once the event loop runs."""

    async def close(self) -> None:
        await self.jobs.close()
        self.accounts.close()
        self.videos.close()
        await self.storage.close()
