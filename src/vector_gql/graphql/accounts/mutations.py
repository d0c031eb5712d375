"""Sign up, log in, refresh, log out."""

from __future__ import annotations

import strawberry

from ...services.accounts import SignedIn
from ..context import Info
from ..errors import UserError, mutation
from .inputs import ChangePasswordInput, LoginInput, LogoutInput, RefreshTokenInput, SignupInput
from .types import User


@strawberry.type
class AuthPayload:
    user: User | None = None
    access_token: str | None = None
    refresh_token: str | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)

    @classmethod
    def signed_in(cls, result: SignedIn) -> AuthPayload:
        return cls(
            user=User.own(result.user),
            access_token=result.tokens.access,
            refresh_token=result.tokens.refresh,
        )


@strawberry.type
class LogoutPayload:
    ok: bool = False
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class ChangePasswordPayload:
    user: User | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class LogoutEverywherePayload:
    ok: bool = False
    revoked_sessions: int = strawberry.field(
        default=0, description="How many logins ended, this one included."
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class AccountMutation:
    @mutation(description="Create an account and sign in.")
    async def signup(self, info: Info, input: SignupInput) -> AuthPayload:
        result = await info.context.services.accounts.signup(
            username=input.username,
            email=input.email,
            password=input.password,
            password2=input.password2,
            invitation_token=input.invitation_token,
            client=info.context.client,
        )
        return AuthPayload.signed_in(result)

    @mutation(description="Sign in with a username or email and a password.")
    async def login(self, info: Info, input: LoginInput) -> AuthPayload:
        result = await info.context.services.accounts.login(
            username=input.username, password=input.password, client=info.context.client
        )
        return AuthPayload.signed_in(result)

    @mutation(
        description="Exchange a refresh token for a new pair. Each refresh token works once; "
        "using one twice revokes every token of that login."
    )
    async def refresh_token(self, info: Info, input: RefreshTokenInput) -> AuthPayload:
        return AuthPayload.signed_in(
            await info.context.services.accounts.refresh(input.refresh_token)
        )

    @mutation(description="Revoke the login that a refresh token belongs to.")
    async def logout(self, info: Info, input: LogoutInput) -> LogoutPayload:
        await info.context.services.accounts.logout(input.refresh_token)
        return LogoutPayload(ok=True)

    @mutation(
        description="Change the viewer's password. Every other login of the account ends at "
        "once (its tokens stop working); this one stays. The current password counts against "
        "the login limits."
    )
    async def change_password(
        self, info: Info, input: ChangePasswordInput
    ) -> ChangePasswordPayload:
        principal = await info.context.authenticated()
        row = await info.context.services.accounts.change_password(
            principal,
            current_password=input.current_password,
            new_password=input.new_password,
            new_password2=input.new_password2,
            client=info.context.client,
        )
        return ChangePasswordPayload(user=User.own(row))

    @mutation(
        description="End every login of the viewer's account, this one included: all their "
        "access and refresh tokens stop working at once."
    )
    async def logout_everywhere(self, info: Info) -> LogoutEverywherePayload:
        principal = await info.context.authenticated()
        count = await info.context.services.accounts.logout_everywhere(principal)
        return LogoutEverywherePayload(ok=True, revoked_sessions=count)
