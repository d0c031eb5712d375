"""Accounts: sign up, log in, sessions and tokens, reading users."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...config import Settings
from ..clock import Clock
from ..events import EventBus
from .passwords import PasswordHasher
from .reads import AccountReads
from .rows import UserRow
from .sessions import ClientInfo, SignedIn, TokenPair
from .tokens import TokenCodec
from .writes import AccountWrites

if TYPE_CHECKING:
    from ..organizations import OrganizationService

__all__ = ["AccountService", "ClientInfo", "SignedIn", "TokenPair", "UserRow"]


class AccountService(AccountReads, AccountWrites):
    def __init__(
        self,
        settings: Settings,
        organizations: OrganizationService,
        *,
        clock: Clock,
        events: EventBus,
    ) -> None:
        self.settings = settings
        self.organizations = organizations
        self.clock = clock
        self.events = events
        self.hasher = PasswordHasher(settings.bcrypt_rounds)
        self.tokens = TokenCodec(settings, clock)

    def close(self) -> None:
        self.hasher.close()
