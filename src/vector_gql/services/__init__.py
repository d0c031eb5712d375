"""Business rules, free of any web framework. Resolvers and pages call these."""

from __future__ import annotations

from dataclasses import dataclass

from ..config import Settings
from ..storage import Storage, make_storage
from .accounts import AccountService
from .interviews import InterviewService
from .media.videos import VideoService
from .organizations import OrganizationService
from .query_budget import QueryBudgetService


@dataclass
class Services:
    """The services one process uses, built once at start-up."""

    settings: Settings
    storage: Storage
    accounts: AccountService
    videos: VideoService
    organizations: OrganizationService
    interviews: InterviewService
    query_budget: QueryBudgetService

    @classmethod
    def build(cls, settings: Settings, storage: Storage | None = None) -> Services:
        storage = storage or make_storage(settings)
        organizations = OrganizationService(settings)
        return cls(
            settings=settings,
            storage=storage,
            accounts=AccountService(settings, organizations),
            videos=VideoService(settings, storage, organizations),
            organizations=organizations,
            interviews=InterviewService(settings, organizations),
            query_budget=QueryBudgetService(settings),
        )

    async def start(self) -> None:
        """Connect what needs connecting once the event loop runs."""

    async def close(self) -> None:
        self.accounts.close()
        self.videos.close()
        await self.storage.close()
