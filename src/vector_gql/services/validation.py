"""Checking what clients send, before a rule or the database sees it.

One toolkit for every service: a ``Collector`` gathers every problem of an
input so that a form shows all of them at once, and its checks clean the
value they are given (text is stripped, ``None`` counts as empty) and return
it. Identifiers and raw text are read by ``parse_pk`` and ``contains_nul``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .errors import ErrorCode, Invalid, Problem

MAX_PK = 2**63 - 1  # PostgreSQL bigint
_DIGITS = re.compile(r"[0-9]{1,19}")
# Pragmatic: one @, no spaces, a dot in the domain; the mailbox is what proves it.
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+\Z")
MAX_EMAIL = 254


def parse_pk(value: object) -> int | None:
    """A primary key from text or a number; None for anything no row can have.

    Only ASCII digits count ("²".isdigit() is true, int("²") fails), and only
    values PostgreSQL's bigint can hold: larger ones would fail in the query.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and _DIGITS.fullmatch(value):
        number = int(value)
    else:
        return None
    return number if 0 < number <= MAX_PK else None


def contains_nul(value: object) -> bool:
    """True if any text in a JSON-like value holds U+0000, which PostgreSQL cannot store."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(contains_nul(k) or contains_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(contains_nul(v) for v in value)
    return False


def is_email(value: str) -> bool:
    return len(value) <= MAX_EMAIL and bool(EMAIL_RE.match(value))


class Collector:
    """Gathers the problems of one input; ``raise_if_any`` ends the checking."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def __bool__(self) -> bool:
        return bool(self.problems)

    def add(self, code: ErrorCode, message: str, *field: str | int) -> None:
        self.problems.append(Problem(code, message, tuple(field) or None))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise Invalid(self.problems)

    def text(
        self,
        value: str | None,
        *field: str | int,
        max_length: int,
        noun: str,
        missing: str | None = None,
    ) -> str:
        """Stripped text of at most ``max_length`` characters; required if ``missing`` is given.

        ``missing`` is the message for an empty value ("Enter a title."); ``noun``
        names the field in the length message ("the title").
        """
        text = (value or "").strip()
        if not text and missing is not None:
            self.add(ErrorCode.REQUIRED, missing, *field)
        elif len(text) > max_length:
            self.add(
                ErrorCode.TOO_LONG, f"Use at most {max_length:,} characters for {noun}.", *field
            )
        return text

    def long_text(self, value: str | None, *field: str | int, max_length: int, noun: str) -> str:
        """Optional free text kept as typed (not stripped), of at most ``max_length`` characters."""
        text = value or ""
        if len(text) > max_length:
            self.add(
                ErrorCode.TOO_LONG, f"Use at most {max_length:,} characters for {noun}.", *field
            )
        return text

    def in_range(
        self, value: int, low: int, high: int, *field: str | int, name: str, unit: str = ""
    ) -> int:
        """A whole number from ``low`` to ``high``; ``name`` says what it is ("a think time")."""
        if not low <= value <= high:
            self.add(
                ErrorCode.OUT_OF_RANGE,
                f"Choose {name} from {low} to {high}{' ' + unit if unit else ''}.",
                *field,
            )
        return value

    def email(self, value: str | None, *field: str | int) -> str:
        """A stripped, plausible email address (the mailbox is what proves it)."""
        email = (value or "").strip()
        if not email:
            self.add(ErrorCode.REQUIRED, "Enter an email address.", *field)
        elif not is_email(email):
            self.add(ErrorCode.INVALID_FORMAT, "Enter a valid email address.", *field)
        return email
