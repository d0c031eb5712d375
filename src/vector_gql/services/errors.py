"""Errors that services raise, free of any web framework.

``Invalid`` carries problems the user can fix, each pointing at a field by
its domain name: ``("questions", 3, "text")``, ``("interview_id",)``. The
GraphQL layer camelCases the path into ``errors: [UserError!]!`` of a
payload; the original REST paths map it to their own field names.
``Unauthenticated`` and ``Forbidden`` become GraphQL errors with
``extensions.code`` (401 and 403 on the REST paths); ``Unavailable``, one
with the code ``UNAVAILABLE``, for a client to try again later.
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
    ABANDONED = "ABANDONED"
    RUBRIC_REQUIRED = "RUBRIC_REQUIRED"
    NOT_IN_RUBRIC = "NOT_IN_RUBRIC"
    NOT_YOUR_ASSIGNMENT = "NOT_YOUR_ASSIGNMENT"
    NOT_SUBMITTED = "NOT_SUBMITTED"
    ALREADY_SUBMITTED = "ALREADY_SUBMITTED"
    NOT_EVALUATED = "NOT_EVALUATED"
    TOO_FEW_EVALUATORS = "TOO_FEW_EVALUATORS"
    NOT_OPEN = "NOT_OPEN"
    INTERVIEW_CLOSED = "INTERVIEW_CLOSED"
    ALREADY_INVITED = "ALREADY_INVITED"
    ALREADY_STARTED = "ALREADY_STARTED"
    INVITATION_EXPIRED = "INVITATION_EXPIRED"
    INVITATION_REVOKED = "INVITATION_REVOKED"
    NOT_STARTED = "NOT_STARTED"
    ANSWER_TOO_LONG = "ANSWER_TOO_LONG"
    ANSWER_TOO_LATE = "ANSWER_TOO_LATE"
    RETAKES_EXHAUSTED = "RETAKES_EXHAUSTED"
    INCOMPLETE = "INCOMPLETE"
    STORAGE_QUOTA_EXCEEDED = "STORAGE_QUOTA_EXCEEDED"
    TOO_MANY_PENDING_UPLOADS = "TOO_MANY_PENDING_UPLOADS"
    VIDEO_IN_USE = "VIDEO_IN_USE"
    REPORT_FAILED = "REPORT_FAILED"


@dataclass(frozen=True)
class Problem:
    """One thing the user can fix."""

    code: ErrorCode
    message: str
    # The input field, by domain name; list items by index. None: the whole input.
    field: tuple[str | int, ...] | None = None
    # Extra machine-readable facts, e.g. ``retry_after_seconds`` for RATE_LIMITED.
    extra: dict[str, object] = dataclasses.field(default_factory=dict, compare=False)


class Invalid(Exception):
    """The request cannot be carried out as asked; nothing was changed."""

    def __init__(self, problems: Sequence[Problem] | Problem) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("; ".join(p.message for p in self.problems))

    @classmethod
    def one(cls, code: ErrorCode, message: str, *field: str | int, **extra: object) -> Invalid:
        return cls(Problem(code, message, tuple(field) or None, dict(extra)))


class Unauthenticated(Exception):
    def __init__(self, message: str = "Sign in to do this.") -> None:
        super().__init__(message)


class InvitationClosed(Unauthenticated):
    """A candidate token whose invitation has expired or was revoked: it reaches nothing.

    ``code`` is INVITATION_EXPIRED or INVITATION_REVOKED, the GraphQL error's code.
    """

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code


class Forbidden(Exception):
    def __init__(self, message: str = "You do not have permission to do this.") -> None:
        super().__init__(message)


class Unavailable(Exception):
    """Something the request needs is out of reach for now; trying again may work.

    The message is safe to show (live updates interrupted, and the like).
    """
