"""Errors that services raise, free of any web framework.

``Invalid`` carries problems the user can fix, each pointing at a field;
the GraphQL layer turns them into ``errors: [UserError!]!`` in a payload.
``Unauthenticated`` and ``Forbidden`` become GraphQL errors with
``extensions.code``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class ErrorCode(StrEnum):
    """What is wrong, for a client to act on. Messages say it in words."""

    INVALID = "INVALID"
    REQUIRED = "REQUIRED"
    TOO_SHORT = "TOO_SHORT"
    TOO_LONG = "TOO_LONG"
    OUT_OF_RANGE = "OUT_OF_RANGE"
    INVALID_FORMAT = "INVALID_FORMAT"
    TAKEN = "TAKEN"
    NOT_FOUND = "NOT_FOUND"
    PASSWORD_MISMATCH = "PASSWORD_MISMATCH"
    PASSWORD_TOO_SHORT = "PASSWORD_TOO_SHORT"
    PASSWORD_TOO_COMMON = "PASSWORD_TOO_COMMON"
    PASSWORD_ENTIRELY_NUMERIC = "PASSWORD_ENTIRELY_NUMERIC"
    PASSWORD_TOO_SIMILAR = "PASSWORD_TOO_SIMILAR"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    INACTIVE_ACCOUNT = "INACTIVE_ACCOUNT"
    RATE_LIMITED = "RATE_LIMITED"
    INVALID_TOKEN = "INVALID_TOKEN"
    TOKEN_REUSED = "TOKEN_REUSED"
    EMPTY_FILE = "EMPTY_FILE"
    TOO_LARGE = "TOO_LARGE"
    UNSUPPORTED_MEDIA = "UNSUPPORTED_MEDIA"
    NO_VIDEO_STREAM = "NO_VIDEO_STREAM"
    CORRUPT_MEDIA = "CORRUPT_MEDIA"
    FRAME_TOO_LARGE = "FRAME_TOO_LARGE"
    STORAGE_UNAVAILABLE = "STORAGE_UNAVAILABLE"
    UPLOAD_INCOMPLETE = "UPLOAD_INCOMPLETE"
    UPLOAD_CLOSED = "UPLOAD_CLOSED"
    UPLOAD_BUSY = "UPLOAD_BUSY"
    TOO_MANY = "TOO_MANY"
    EXPIRED = "EXPIRED"
    WRONG_ACCOUNT = "WRONG_ACCOUNT"
    ALREADY_MEMBER = "ALREADY_MEMBER"
    LAST_OWNER = "LAST_OWNER"
    LOCKED = "LOCKED"
    INVALID_TRANSITION = "INVALID_TRANSITION"


@dataclass(frozen=True)
class Problem:
    """One thing the user can fix."""

    code: ErrorCode
    message: str
    field: tuple[str, ...] | None = None
    # Extra machine-readable facts, e.g. ``retry_after_seconds`` for RATE_LIMITED.
    extra: dict[str, object] = dataclasses.field(default_factory=dict, compare=False)


class Invalid(Exception):
    """The request cannot be carried out as asked; nothing was changed."""

    def __init__(self, problems: Sequence[Problem] | Problem) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("; ".join(p.message for p in self.problems))

    @classmethod
    def one(cls, code: ErrorCode, message: str, *field: str, **extra: object) -> Invalid:
        return cls(Problem(code, message, tuple(field) or None, dict(extra)))


class Unauthenticated(Exception):
    def __init__(self, message: str = "Sign in to do this.") -> None:
        super().__init__(message)


class Forbidden(Exception):
    def __init__(self, message: str = "You do not have permission to do this.") -> None:
        super().__init__(message)


class Collector:
    """Gathers problems so that a form shows all of them at once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, code: ErrorCode, message: str, *field: str | int) -> None:
        self.problems.append(Problem(code, message, tuple(str(f) for f in field) or None))

    def raise_if_any(self) -> None:
        if self.problems:
            raise Invalid(self.problems)

    def __bool__(self) -> bool:
        return bool(self.problems)
