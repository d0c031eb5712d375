"""Business rules, free of any web framework. Resolvers and pages call these."""

from __future__ import annotations

from dataclasses import dataclass

from ..config import Settings
from .accounts import AccountService
from .interviews import InterviewService
from .organizations import OrganizationService


@dataclass
class Services:
    """The services one process uses, built once at start-up."""

    settings: Settings
    accounts: AccountService
    organizations: OrganizationService
    interviews: InterviewService

    @classmethod
    def build(cls, settings: Settings) -> Services:
        organizations = OrganizationService(settings)
        return cls(
            settings=settings,
            accounts=AccountService(settings, organizations),
            organizations=organizations,
            interviews=InterviewService(settings, organizations),
        )

    async def start(self) -> None:
        """Connect what needs connecting once the event loop runs."""

    async def close(self) -> None:
        self.accounts.close()
