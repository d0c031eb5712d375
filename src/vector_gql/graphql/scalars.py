"""The API's custom scalars: ``DateTime`` (RFC 3339, always with an offset) and ``BigInt``.

Each refuses a value it cannot represent with a message that says what to send
instead; graphql-core turns that into an input error (``BAD_USER_INPUT``)
naming the variable or argument.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, NewType

import strawberry
from graphql import IntValueNode, StringValueNode, ValueNode, print_ast
from strawberry.exceptions import StrawberryInputCoercionError
from strawberry.types.scalar import ScalarDefinition

RFC3339_URL = "https://datatracker.ietf.org/doc/html/rfc3339#section-5.6"
DATETIME_EXAMPLE = "2026-05-01T17:00:00Z"

# RFC 3339 section 5.6 date-time: full-date "T" full-time, where full-time ends in
# "Z" or a numeric offset. Letters are case-insensitive there.
_DATE_TIME = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"[Tt](?P<hour>\d{2}):(?P<minute>\d{2}):(?P<second>\d{2})(?:\.(?P<fraction>\d+))?"
    r"(?P<offset>[Zz]|(?P<sign>[+-])(?P<off_hour>\d{2}):(?P<off_minute>\d{2}))"
)
# What <input type="date"> and <input type="datetime-local"> send: no offset.
_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
_LOCAL = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?")


def _refuse(value: object, reason: str) -> StrawberryInputCoercionError:
    return StrawberryInputCoercionError(
        f"DateTime cannot represent {_show(value)}: {reason} Send an RFC 3339 date-time "
        f"with a zone offset, such as {DATETIME_EXAMPLE} or 2026-05-01T19:00:00+02:00."
    )


def _show(value: object) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 60 else text[:57] + '..."'


def parse_datetime(value: object) -> datetime:
    """An RFC 3339 date-time as an aware datetime in UTC, or an input error.

    A value without a zone offset is refused rather than guessed at: the server
    cannot know which zone a browser's local date and time meant.
    """
    if not isinstance(value, str):
        raise _refuse(value, "it is not a string.")
    match = _DATE_TIME.fullmatch(value)
    if match is None:
        if _DATE_ONLY.fullmatch(value):
            raise _refuse(value, "it is a date without a time and a zone offset.")
        if _LOCAL.fullmatch(value):
            raise _refuse(value, "it has no zone offset (Z or ±hh:mm), so the moment is unknown.")
        raise _refuse(value, "it is not in the RFC 3339 date-time format.")
    fields = match.groupdict()
    if fields["offset"] in ("Z", "z"):
        offset = timedelta(0)
    else:
        hours, minutes = int(fields["off_hour"]), int(fields["off_minute"])
        if hours > 23 or minutes > 59:
            raise _refuse(value, "its zone offset is out of range (at most ±23:59).")
        offset = timedelta(hours=hours, minutes=minutes)
        if fields["sign"] == "-":
            offset = -offset
    fraction = fields["fraction"] or ""
    try:
        local = datetime(
            int(fields["year"]),
            int(fields["month"]),
            int(fields["day"]),
            int(fields["hour"]),
            int(fields["minute"]),
            int(fields["second"]),
            int((fraction + "000000")[:6]),
            tzinfo=timezone(offset),
        )
    except ValueError as exc:
        raise _refuse(value, f"it is not a valid date and time ({exc}).") from None
    try:
        return local.astimezone(UTC)
    except OverflowError:
        raise _refuse(value, "in UTC it falls outside the years 0001 to 9999.") from None


def serialize_datetime(value: datetime) -> str:
    """UTC, to the microsecond, with a ``Z``: ``2026-05-01T17:00:00.000000Z``.

    Always the same width, so that the strings sort in time order too.
    """
    if value.tzinfo is None:
        # Stored timestamps are UTC; a naive one can only have come from the database.
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _datetime_literal(node: ValueNode, _variables: Any = None) -> datetime:
    if isinstance(node, StringValueNode):
        return parse_datetime(node.value)
    raise _refuse(print_ast(node), "it is not a string.")


DATETIME = strawberry.scalar(
    name="DateTime",
    description=(
        "A moment in time: an RFC 3339 date-time with a zone offset, such as "
        f"{DATETIME_EXAMPLE} or 2026-05-01T19:00:00+02:00. Values without an offset (what "
        '<input type="datetime-local"> gives) are refused, since the moment they mean is '
        "unknown. The API answers in UTC, to the microsecond, with Z."
    ),
    specified_by_url=RFC3339_URL,
    serialize=serialize_datetime,
    parse_value=parse_datetime,
    parse_literal=_datetime_literal,
)


INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
JS_SAFE_MAX = 2**53 - 1

BigInt = NewType("BigInt", int)


def _bigint_error(value: object) -> StrawberryInputCoercionError:
    return StrawberryInputCoercionError(
        f"BigInt cannot represent {_show(value)}: send a whole number from {INT64_MIN} to "
        f"{INT64_MAX}, as a JSON number or a string of digits."
    )


def parse_bigint(value: object) -> int:
    if isinstance(value, bool):
        raise _bigint_error(value)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and re.fullmatch(r"[+-]?\d{1,19}", value.strip()):
        number = int(value.strip())
    else:
        raise _bigint_error(value)
    if not INT64_MIN <= number <= INT64_MAX:
        raise _bigint_error(value)
    return number


def serialize_bigint(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"BigInt cannot serialize {value!r}")
    if not INT64_MIN <= value <= INT64_MAX:
        raise ValueError(f"BigInt cannot serialize {value}: outside 64 bits")
    return value


def _bigint_literal(node: ValueNode, _variables: Any = None) -> int:
    if isinstance(node, (IntValueNode, StringValueNode)):
        return parse_bigint(node.value)
    raise _bigint_error(print_ast(node))


BIGINT = strawberry.scalar(
    name="BigInt",
    description=(
        "A whole number that may pass Int's 32 bits, such as a size in bytes: at most 64-bit "
        "signed. It is sent as a JSON number, which JavaScript holds exactly up to "
        "2^53 - 1 (9 PB as bytes); it is accepted as a JSON number or a string of digits."
    ),
    serialize=serialize_bigint,
    parse_value=parse_bigint,
    parse_literal=_bigint_literal,
)

SCALAR_MAP: Mapping[object, ScalarDefinition] = {datetime: DATETIME, BigInt: BIGINT}
