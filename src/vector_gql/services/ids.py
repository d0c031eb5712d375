"""Reading identifiers and text that clients send, before the database sees them."""

from __future__ import annotations

import re

from .errors import ErrorCode, Invalid

MAX_PK = 2**63 - 1  # PostgreSQL bigint
_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_pk(value: str | int | None) -> int | None:
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


def refuse_nul(value: object, *field: str) -> None:
    if contains_nul(value):
        raise Invalid.one(
            ErrorCode.INVALID_FORMAT,
            "Text may not contain the NUL character (U+0000).",
            *field,
        )
