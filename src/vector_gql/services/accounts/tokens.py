"""JSON Web Tokens: HS256, the algorithm pinned when decoding.

Every token names its sign-in session (``sid``) so that revoking the session
(logout, refresh-token reuse) ends every token issued from that login.
Issue and expiry times are checked against the services' clock, not by the
JWT library against the wall clock, so that tests can move time.
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Generic, Literal, TypeVar

import jwt

from ...config import ConfigError, Settings
from ..clock import Clock
from ..validation import parse_pk

ALGORITHM = "HS256"
# Verified tokens kept, so a client's next request skips the signature check.
RECENT_TOKENS = 1024
TokenType = Literal["access", "refresh"]
T = TypeVar("T")


class RecentTokens(Generic[T]):
    """What was read from the most recently seen validly signed tokens.

    The check and the reading depend on nothing but the token, and a client sends
    the same token with every request; times, type and revocation are still checked
    on every use, by the caller.
    """

    def __init__(self, size: int = RECENT_TOKENS) -> None:
        self._size = size
        self._items: OrderedDict[str, T] = OrderedDict()

    def get(self, token: str) -> T | None:
        found = self._items.get(token)
        if found is not None:
            self._items.move_to_end(token)
        return found

    def put(self, token: str, value: T) -> None:
        self._items[token] = value
        if len(self._items) > self._size:
            self._items.popitem(last=False)


class TokenInvalid(Exception):
    """The token is malformed, tampered with, expired or of the wrong type."""

    def __init__(self, message: str, *, expired: bool = False) -> None:
        super().__init__(message)
        self.expired = expired


@dataclass(frozen=True)
class TokenClaims:
    user_id: int
    session_id: uuid.UUID
    jti: uuid.UUID
    type: TokenType
    issued_at: datetime
    expires_at: datetime


class TokenCodec:
    def __init__(self, settings: Settings, clock: Clock | None = None) -> None:
        if not settings.jwt_secret:
            raise ConfigError("No JWT secret: set VECTOR_JWT_SECRET (Settings.from_env makes one).")
        self._clock = clock or Clock()
        self._recent: RecentTokens[_Verified] = RecentTokens()
        self._secret = settings.jwt_secret
        self._issuer = settings.jwt_issuer
        self._lifetimes = {
            "access": timedelta(seconds=settings.access_token_seconds),
            "refresh": timedelta(seconds=settings.refresh_token_seconds),
        }

    def encode(
        self,
        type: TokenType,
        *,
        user_id: int,
        session_id: uuid.UUID,
        jti: uuid.UUID | None = None,
        now: datetime | None = None,
    ) -> tuple[str, TokenClaims]:
        issued = (now or self._clock.now()).replace(microsecond=0)
        claims = TokenClaims(
            user_id=user_id,
            session_id=session_id,
            jti=jti or uuid.uuid4(),
            type=type,
            issued_at=issued,
            expires_at=issued + self._lifetimes[type],
        )
        payload = {
            "sub": str(user_id),
            "sid": str(claims.session_id),
            "jti": str(claims.jti),
            "type": type,
            "iss": self._issuer,
            "iat": int(issued.timestamp()),
            "exp": int(claims.expires_at.timestamp()),
        }
        return jwt.encode(payload, self._secret, algorithm=ALGORITHM), claims

    def _verified(self, token: str) -> _Verified:
        """What a token whose signature and issuer check out says, read once
        (:class:`RecentTokens`)."""
        verified = self._recent.get(token)
        if verified is not None:
            return verified
        payload = jwt.decode(
            token,
            self._secret,
            algorithms=[ALGORITHM],
            issuer=self._issuer,
            # Times are checked by decode, against the clock.
            options={
                "require": ["sub", "exp", "iat", "jti", "iss", "type", "sid"],
                "verify_exp": False,
                "verify_iat": False,
                "verify_nbf": False,
            },
        )
        verified = _read(payload)
        self._recent.put(token, verified)
        return verified

    def decode(self, token: str, *, expected: TokenType, verify_exp: bool = True) -> TokenClaims:
        try:
            verified = self._verified(token)
        except jwt.PyJWTError:
            raise TokenInvalid("The token is invalid.") from None
        if verified.times is None:
            raise TokenInvalid("The token is invalid.")
        issued, expires = verified.times
        now = self._clock.now().timestamp()
        if issued > now:
            raise TokenInvalid("The token is invalid.")
        if verify_exp and expires <= now:
            raise TokenInvalid("The token has expired.", expired=True)
        if verified.type != expected:
            article = "an" if expected == "access" else "a"
            raise TokenInvalid(f"This is not {article} {expected} token.")
        if verified.claims is None:
            raise TokenInvalid("The token is invalid.")
        return verified.claims


@dataclass(frozen=True)
class _Verified:
    """A validly signed token's claims as far as they could be read (None: unreadable)."""

    times: tuple[int, int] | None  # issued, expires
    type: Any
    claims: TokenClaims | None


def _read(payload: dict[str, Any]) -> _Verified:
    try:
        times: tuple[int, int] | None = (int(payload["iat"]), int(payload["exp"]))
    except (TypeError, ValueError, OverflowError):
        times = None
    kind = payload["type"]
    if times is None or kind not in ("access", "refresh"):
        return _Verified(times, kind, None)
    # A validly signed token still only names what a row can hold: a bigint user
    # id and UUIDs given as text.
    user_id = parse_pk(payload["sub"]) if isinstance(payload["sub"], str) else None
    if user_id is None or not all(isinstance(payload[k], str) for k in ("sid", "jti")):
        return _Verified(times, kind, None)
    try:
        claims = TokenClaims(
            user_id=user_id,
            session_id=uuid.UUID(payload["sid"]),
            jti=uuid.UUID(payload["jti"]),
            type=kind,
            issued_at=datetime.fromtimestamp(times[0], UTC),
            expires_at=datetime.fromtimestamp(times[1], UTC),
        )
    except (TypeError, ValueError, OverflowError, OSError):
        # Malformed UUIDs; iat/exp that no datetime can hold.
        return _Verified(times, kind, None)
    return _Verified(times, kind, claims)
