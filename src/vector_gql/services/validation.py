"""Checking what clients send, before a rule or the database sees it.

One toolkit for every service: a ``Collector`` gathers every problem of an
input so that a form shows all of them at once, and its checks clean the
value they are given (text is stripped, ``None`` counts as empty) and return
it. Identifiers are read by ``parse_pk``, numbers bound for a bigint column are
checked by ``is_int64``, and ``text_problem`` says what no stored text may hold
(the entry points refuse such text before any service sees it). Every update
of some of a row's fields reads None the one way ``UpdateRule`` says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import ErrorCode, Invalid, Problem

MAX_INT64 = 2**63 - 1  # PostgreSQL bigint
MIN_INT64 = -(2**63)
MAX_PK = MAX_INT64
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


def is_int64(value: int) -> bool:
    """Whether a whole number fits PostgreSQL's bigint (larger ones fail in the query)."""
    return MIN_INT64 <= value <= MAX_INT64


NUL_MESSAGE = "Text may not contain the NUL character (U+0000)."
SURROGATE_MESSAGE = (
    "Text may not contain unpaired UTF-16 surrogates (U+D800 to U+DFFF); send valid Unicode."
)


def text_problem(value: str) -> str | None:
    """What makes text unstorable, or None.

    PostgreSQL cannot store U+0000, and asyncpg cannot encode a lone UTF-16
    surrogate (JSON's ``"\\ud800"`` decodes to one): such text would fail deep
    in a query instead of with a message that says what to fix.
    """
    if "\x00" in value:
        return NUL_MESSAGE
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return SURROGATE_MESSAGE
    return None


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


@dataclass(frozen=True)
class UpdateRule:
    """How an update of some of a row's fields reads what it is given.

    A field that is not in the changes stays as it is. None on a field of
    ``clears`` sets it to that field's empty value (``""`` for text, None
    for an optional reference or time). None on a field of ``required``
    (which maps it to what to ask for: "a title") is a REQUIRED problem on
    that field, so the update raises before it saves anything. A field in
    neither is a mistake of the caller's.
    """

    clears: Mapping[str, object] = field(default_factory=dict)
    required: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        both = set(self.clears) & set(self.required)
        if both:
            raise ValueError(f"{sorted(both)} cannot be both cleared and required")

    @property
    def fields(self) -> tuple[str, ...]:
        return (*self.clears, *self.required)

    def apply(
        self, changes: Mapping[str, Any], errors: Collector, *path: str | int
    ) -> dict[str, Any]:
        """The changes to make, None read by the rule; REQUIRED problems go into ``errors``.

        A field that got REQUIRED is left out of the result: the caller raises
        with ``errors.raise_if_any()`` before saving.
        """
        result: dict[str, Any] = {}
        for name, value in changes.items():
            if value is not None:
                if name not in self.clears and name not in self.required:
                    raise ValueError(f"{name!r} is not a field this update changes")
                result[name] = value
            elif name in self.clears:
                result[name] = self.clears[name]
            elif name in self.required:
                errors.add(ErrorCode.REQUIRED, f"Enter {self.required[name]}.", *path, name)
            else:
                raise ValueError(f"{name!r} is not a field this update changes")
        return result
