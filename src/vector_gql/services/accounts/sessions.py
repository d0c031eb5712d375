"""Sign-in sessions and their tokens: issue, rotate, revoke, authenticate.

Each login is a session; every access and refresh token names it, so revoking
the session (logout, a refresh token presented twice) ends them all. A
refresh token works once: the rotation marks it used and issues the next.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tortoise.transactions import in_transaction

from ...config import Settings
from ...models.accounts import RefreshToken, Session, User
from ..auth import Member
from ..clock import Clock
from ..errors import ErrorCode, Invalid, Unauthenticated
from ..rows import client_of
from .rows import UserRow
from .tokens import TokenClaims, TokenCodec, TokenInvalid, TokenType


@dataclass(frozen=True)
class ClientInfo:
    """Who is asking, for rate limits and the session record."""

    ip: str = ""
    user_agent: str = ""


@dataclass(frozen=True)
class TokenPair:
    access: str
    refresh: str


@dataclass(frozen=True)
class SignedIn:
    user: UserRow
    tokens: TokenPair


class Sessions:
    settings: Settings
    clock: Clock
    tokens: TokenCodec

    async def start_session(self, user_id: int, client: ClientInfo = ClientInfo()) -> TokenPair:
        """A new login for the user: a session and its first pair of tokens."""
        issued = self.clock.now()
        session = await Session.create(
            id=uuid.uuid4(),
            user_id=user_id,
            created_at=issued,
            expires_at=issued + timedelta(seconds=self.settings.refresh_token_seconds),
            user_agent=client.user_agent[:300],
            client_ip=client.ip[:64],
        )
        return await self._issue(user_id, session.id, issued)

    async def _issue(self, user_id: int, session_id: uuid.UUID, issued: datetime) -> TokenPair:
        access, _ = self.tokens.encode("access", user_id=user_id, session_id=session_id, now=issued)
        refresh, claims = self.tokens.encode(
            "refresh", user_id=user_id, session_id=session_id, now=issued
        )
        await RefreshToken.create(
            jti=claims.jti,
            session_id=session_id,
            issued_at=claims.issued_at,
            expires_at=claims.expires_at,
        )
        return TokenPair(access, refresh)

    async def refresh(self, refresh_token: str) -> SignedIn:
        """Exchange a refresh token for a new pair; a token works once.

        Presenting a used token again means it was copied: the whole session
        (every token descended from that login) is revoked.
        """
        claims = self._decode_or_invalid(refresh_token, "refresh")
        reused = False
        async with in_transaction():
            token = (
                await RefreshToken.filter(jti=claims.jti)
                .select_for_update(of=("account_refresh_token",))
                .select_related("session__user")
                .first()
            )
            if token is None or token.session_id != claims.session_id:
                raise _invalid_token("The refresh token is not recognised.")
            session = token.session
            now = self.clock.now()
            if session.revoked_at is not None:
                raise _invalid_token("The refresh token has been revoked. Log in again.")
            if session.expires_at <= now:
                raise _invalid_token("This login has expired. Log in again.")
            if token.used_at is not None:
                await self._revoke_for_reuse(session.id)
                reused = True
            elif not session.user.is_active:
                raise _invalid_token("The account is disabled.")
            else:
                token.used_at = now
                await token.save(update_fields=["used_at"])
                pair = await self._issue(session.user_id, session.id, now)
                # A login in use stays alive as long as its newest refresh token.
                await Session.filter(id=session.id).update(
                    expires_at=now + timedelta(seconds=self.settings.refresh_token_seconds)
                )
        if reused:
            raise Invalid.one(
                ErrorCode.TOKEN_REUSED,
                "This refresh token was already used. Every token from this login has been "
                "revoked; log in again.",
                "refresh_token",
            )
        return SignedIn(UserRow.of(session.user), pair)

    async def access_from_refresh(self, refresh_token: str) -> str:
        """A new access token for a refresh token, which stays valid.

        The original app's refresh endpoint worked this way (no rotation), and
        its clients keep sending the same refresh token; the token is still
        bounded by its expiry, by logout and by reuse detection elsewhere.
        """
        claims = self._decode_or_invalid(refresh_token, "refresh")
        token = (
            await RefreshToken.filter(jti=claims.jti, session_id=claims.session_id)
            .select_related("session__user")
            .first()
        )
        if token is None:
            raise _invalid_token("The refresh token is not valid.")
        session = token.session
        if token.used_at is not None and session.revoked_at is None:
            # Rotated away through refreshToken, yet presented again: copied.
            await self._revoke_for_reuse(session.id)
            raise _invalid_token("The refresh token is not valid.")
        if (
            session.revoked_at is not None
            or session.expires_at <= self.clock.now()
            or not session.user.is_active
        ):
            raise _invalid_token("The refresh token is not valid.")
        access, _ = self.tokens.encode(
            "access", user_id=claims.user_id, session_id=claims.session_id
        )
        return access

    async def _revoke_for_reuse(self, session_id: uuid.UUID) -> None:
        await Session.filter(id=session_id, revoked_at__isnull=True).update(
            revoked_at=self.clock.now(), revoked_reason="reuse"
        )

    async def logout(self, refresh_token: str) -> None:
        claims = self._decode_or_invalid(refresh_token, "refresh", allow_expired=True)
        updated = await Session.filter(
            id=claims.session_id, user_id=claims.user_id, revoked_at__isnull=True
        ).update(revoked_at=self.clock.now(), revoked_reason="logout")
        if not updated and not await Session.filter(id=claims.session_id).exists():
            raise _invalid_token("The refresh token is not recognised.")

    async def revoke_sessions(
        self, user_id: int, reason: str, *, keep: uuid.UUID | None = None
    ) -> int:
        """End the user's logins (all but ``keep``): every token of them stops working on
        its next use, in every process, since each request reads its session."""
        query = Session.filter(user_id=user_id, revoked_at__isnull=True)
        if keep is not None:
            query = query.exclude(id=keep)
        return await query.update(revoked_at=self.clock.now(), revoked_reason=reason[:32])

    def _decode_or_invalid(
        self, token: str, expected: TokenType, *, allow_expired: bool = False
    ) -> TokenClaims:
        try:
            return self.tokens.decode(token, expected=expected)
        except TokenInvalid as exc:
            if allow_expired and exc.expired:
                return self.tokens.decode(token, expected=expected, verify_exp=False)
            raise _invalid_token(str(exc)) from None

    async def authenticate(self, access_token: str) -> Member:
        """The member an access token speaks for, or Unauthenticated.

        One statement: the live session joined with its user's public columns.
        """
        try:
            claims = self.tokens.decode(access_token, expected="access")
        except TokenInvalid as exc:
            raise Unauthenticated(str(exc)) from None
        sql, converters = _authenticate_statement()
        _, found = await client_of(Session).execute_query(
            sql, [claims.session_id, claims.user_id, self.clock.now()]
        )
        if not found:
            raise Unauthenticated("The token has been revoked. Log in again.")
        return Member(UserRow.from_records(found, converters)[0], claims.session_id)


@functools.cache
def _authenticate_statement() -> tuple[str, list[tuple[str, Callable[..., Any]]]]:
    """The live session (not revoked, not expired, its user active) and its user's row."""
    columns = ", ".join(f'u."{name}"' for name in UserRow.columns())
    sql = (
        f'SELECT {columns} FROM "{Session._meta.db_table}" s '
        f'JOIN "{User._meta.db_table}" u ON u.id = s.user_id '
        "WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > $3 "
        "AND u.is_active LIMIT 1"
    )
    return sql, UserRow.converters(User)


def _invalid_token(message: str) -> Invalid:
    return Invalid.one(ErrorCode.INVALID_TOKEN, message, "refresh_token")
