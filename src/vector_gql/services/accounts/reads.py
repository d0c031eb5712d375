"""Reading users: the rows a page or a loader needs, never the password hash."""

from __future__ import annotations

from collections.abc import Iterable

from ...models.accounts import User
from ..auth import Principal, readable_users, reads_nothing
from .rows import UserRow


class AccountReads:
    async def readable_users(self, principal: Principal, ids: Iterable[int]) -> dict[int, UserRow]:
        """The users among ``ids`` that the principal may see."""
        if reads_nothing(principal):
            return {}
        return await UserRow.by_id(readable_users(principal), ids)

    async def users_by_id(self, ids: Iterable[int]) -> dict[int, UserRow]:
        """No visibility check: for relations of objects the principal may already see."""
        return await UserRow.by_id(User.all(), ids)
