"""The user as the API shows them, and the loaders that fetch users."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from ...services.accounts import UserRow
from ...services.auth import Member, sees_email_of
from ..context import Context, Info
from ..loaders import loader
from ..node import resolve_readable
from ..rows import FromRow

if TYPE_CHECKING:
    from ..organizations.types import Membership


@strawberry.type(description="A person with an account.")
class User(FromRow, relay.Node):
    id: relay.NodeID[int]
    username: str
    date_joined: datetime
    _email: strawberry.Private[str]
    # The user themself, where the object is handed to them (e.g. right after signup,
    # before the request carries their token).
    _self: strawberry.Private[Member | None] = None

    @classmethod
    def own(cls, row: UserRow) -> User:
        return cls.from_row(row, _self=Member(row))

    @strawberry.field(
        description="The user's email address, visible only to the user themself: an empty "
        "string for everyone else (so that asking for it never costs the rest of a response)."
    )
    async def email(self, info: Info) -> str:
        principal = self._self or await info.context.principal()
        return self._email if sees_email_of(principal, self.id) else ""

    @strawberry.field(
        description="The user's organizations and roles: all of them for the user themself, "
        "else those the viewer shares with them."
    )
    async def memberships(
        self, info: Info
    ) -> list[Annotated[Membership, strawberry.lazy("vector_gql.graphql.organizations.types")]]:
        from ..organizations.types import memberships_with_relations

        principal = self._self or await info.context.authenticated()
        rows = await info.context.services.organizations.memberships_of(principal, self.id)
        return await memberships_with_relations(info, rows)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[User | None]:
        return await resolve_readable(info, node_ids, readable_users)


@loader
async def users(context: Context, ids: list[int]) -> dict[int, User]:
    """Users whose visibility their parent implies (a member of a shown membership)."""
    rows = await context.services.accounts.users_by_id(ids)
    return {key: User.from_row(row) for key, row in rows.items()}


@loader
async def readable_users(context: Context, ids: list[int]) -> dict[int, User]:
    """Users the principal may see (themself, co-members, the authors of what they see)."""
    principal = await context.principal()
    rows = await context.services.accounts.readable_users(principal, ids)
    return {key: User.from_row(row) for key, row in rows.items()}
