"""What the account mutations take."""

from __future__ import annotations

import strawberry


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


@strawberry.input
class ChangePasswordInput:
    current_password: str
    new_password: str
    new_password2: str = strawberry.field(
        description="The new password again, to catch typing errors."
    )
