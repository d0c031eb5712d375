"""Accounts in GraphQL: sign up, log in, refresh, log out, the viewer."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from ..models import accounts as models
from ..services.accounts import SignedIn
from .errors import UserError, payload

if TYPE_CHECKING:
    from .organizations import Membership


@strawberry.type(description="A person with an account.")
class User(relay.Node):
    id: relay.NodeID[int]
    username: str
    date_joined: datetime
    _email: strawberry.Private[str]
    # True where the object is handed to the user themself (e.g. right after signup).
    _own: strawberry.Private[bool] = False

    @strawberry.field(
        description="The user's email address, visible only to the user themself: an empty "
        "string for everyone else (so that asking for it never costs the rest of a response)."
    )
    async def email(self, info: Info) -> str:
        if self._own:
            return self._email
        viewer = await info.context.viewer()
        if viewer is None or viewer.user.id != self.id:
            return ""
        return self._email

    @strawberry.field(
        description="The user's organizations and roles: all of them for the user themself, "
        "else those the viewer shares with them."
    )
    async def memberships(
        self, info: Info
    ) -> list[Annotated[Membership, strawberry.lazy("vector_gql.graphql.organizations")]]:
        from .organizations import Membership

        viewer_id = self.id if self._own else (await info.context.require_viewer()).user.id
        rows = await info.context.services.organizations.memberships_of(viewer_id, self.id)
        return [Membership.from_model(m) for m in rows]

    @classmethod
    def from_model(cls, user: models.User, *, own: bool = False) -> User:
        return cls(
            id=user.id,
            username=user.username,
            date_joined=user.date_joined,
            _email=user.email,
            _own=own,
        )

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[User | None]:
        viewer = await info.context.viewer()
        ids = list(node_ids)
        if viewer is None:
            return [None] * len(ids)
        visible = await info.context.services.accounts.visible_users(viewer, ids)
        return [User.from_model(visible[i]) if i in visible else None for i in ids]


@strawberry.type
class AuthPayload:
    user: User | None = None
    access_token: str | None = None
    refresh_token: str | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)

    @classmethod
    def signed_in(cls, result: SignedIn) -> AuthPayload:
        return cls(
            user=User.from_model(result.user, own=True),
            access_token=result.tokens.access,
            refresh_token=result.tokens.refresh,
        )


@strawberry.type
class LogoutPayload:
    ok: bool
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class SignupInput:
    username: str
    email: str
    password: str
    password2: str = strawberry.field(description="The password again, to catch typing errors.")
    invitation_token: str | None = strawberry.field(
        default=None,
        description="From an invitation to an organization: join it, sent to this email "
        "address, instead of getting an organization of one's own.",
    )


@strawberry.input
class LoginInput:
    username: str = strawberry.field(description="The username or the email address.")
    password: str


@strawberry.input
class RefreshTokenInput:
    refresh_token: str


@strawberry.input
class LogoutInput:
    refresh_token: str


@strawberry.type
class AccountQuery:
    @strawberry.field(description="The signed-in user, or null without a token.")
    async def viewer(self, info: Info) -> User | None:
        viewer = await info.context.viewer()
        return User.from_model(viewer.user, own=True) if viewer else None


@strawberry.type
class AccountMutation:
    @strawberry.mutation(description="Create an account and sign in.")
    async def signup(self, info: Info, input: SignupInput) -> AuthPayload:
        accounts = info.context.services.accounts
        return await payload(
            accounts.signup(
                username=input.username,
                email=input.email,
                password=input.password,
                password2=input.password2,
                invitation_token=input.invitation_token,
                client=info.context.client,
            ),
            AuthPayload.signed_in,
            AuthPayload,
        )

    @strawberry.mutation(description="Sign in with a username or email and a password.")
    async def login(self, info: Info, input: LoginInput) -> AuthPayload:
        accounts = info.context.services.accounts
        return await payload(
            accounts.login(
                username=input.username, password=input.password, client=info.context.client
            ),
            AuthPayload.signed_in,
            AuthPayload,
        )

    @strawberry.mutation(
        description="Exchange a refresh token for a new pair. Each refresh token works once; "
        "using one twice revokes every token of that login."
    )
    async def refresh_token(self, info: Info, input: RefreshTokenInput) -> AuthPayload:
        return await payload(
            info.context.services.accounts.refresh(input.refresh_token),
            AuthPayload.signed_in,
            AuthPayload,
        )

    @strawberry.mutation(description="Revoke the login that a refresh token belongs to.")
    async def logout(self, info: Info, input: LogoutInput) -> LogoutPayload:
        return await payload(
            info.context.services.accounts.logout(input.refresh_token),
            lambda _: LogoutPayload(ok=True),
            lambda errors: LogoutPayload(ok=False, errors=errors),
        )
