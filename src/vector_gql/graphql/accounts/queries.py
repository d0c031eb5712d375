"""The signed-in user."""

from __future__ import annotations

import strawberry

from ...services.auth import Member
from ..context import Info
from .types import User


@strawberry.type
class AccountQuery:
    @strawberry.field(description="The signed-in user, or null without a token.")
    async def viewer(self, info: Info) -> User | None:
        principal = await info.context.principal()
        return User.own(principal.user) if isinstance(principal, Member) else None
