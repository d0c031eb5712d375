"""Candidate access tokens: short-lived JWTs that reach one invitation.

Signed like members' tokens (HS256, the same secret and issuer) but of type
``candidate``, so neither kind is ever taken for the other. Times are checked
against the services' clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

from ...config import Settings
from ..accounts.tokens import RecentTokens
from ..clock import Clock
from ..validation import parse_pk

ALGORITHM = "HS256"
TOKEN_TYPE = "candidate"


class CandidateTokenInvalid(Exception):
    pass


@dataclass(frozen=True)
class CandidateClaims:
    invitation_id: int
    expires_at: datetime


class CandidateTokens:
    def __init__(self, settings: Settings, clock: Clock) -> None:
        self._secret = settings.jwt_secret
        self._issuer = settings.jwt_issuer
        self.lifetime = timedelta(seconds=settings.candidate_token_seconds)
        self._clock = clock
        # Payloads of validly signed tokens (members' too: every request with a token
        # asks here first), so a client's next request skips the signature check.
        # Times, type and the invitation are checked on every use.
        self._recent: RecentTokens[dict[str, Any]] = RecentTokens()

    def encode(self, invitation_id: int) -> tuple[str, datetime]:
        """A token for the invitation, valid for the configured time; each request
        with it also checks that the invitation is still open."""
        issued = self._clock.now().replace(microsecond=0)
        expires = issued + self.lifetime
        payload = {
            "sub": str(invitation_id),
            "type": TOKEN_TYPE,
            "iss": self._issuer,
            "iat": int(issued.timestamp()),
            "exp": int(expires.timestamp()),
        }
        return jwt.encode(payload, self._secret, algorithm=ALGORITHM), expires

    def read(self, token: str) -> CandidateClaims | None:
        """The claims of a candidate token; None for a validly signed token of another
        type (a member's); CandidateTokenInvalid for anything forged, broken or expired."""
        payload = self._recent.get(token)
        if payload is None:
            try:
                payload = jwt.decode(
                    token,
                    self._secret,
                    algorithms=[ALGORITHM],
                    issuer=self._issuer,
                    options={
                        "require": ["sub", "exp", "iat", "iss", "type"],
                        "verify_exp": False,
                        "verify_iat": False,
                        "verify_nbf": False,
                    },
                )
            except jwt.PyJWTError:
                return None  # not ours to judge: the members' decoder says what is wrong
            self._recent.put(token, payload)
        if payload.get("type") != TOKEN_TYPE:
            return None
        try:
            expires, issued = int(payload["exp"]), int(payload["iat"])
        except (TypeError, ValueError, OverflowError):
            raise CandidateTokenInvalid("The token is invalid.") from None
        now = self._clock.now().timestamp()
        if issued > now:
            raise CandidateTokenInvalid("The token is invalid.")
        if expires <= now:
            raise CandidateTokenInvalid(
                "The candidate token has expired. Open the invitation link again."
            )
        invitation_id = parse_pk(payload["sub"]) if isinstance(payload["sub"], str) else None
        if invitation_id is None:
            raise CandidateTokenInvalid("The token is invalid.")
        try:
            return CandidateClaims(invitation_id, datetime.fromtimestamp(expires, UTC))
        except (OverflowError, OSError, ValueError):
            raise CandidateTokenInvalid("The token is invalid.") from None
