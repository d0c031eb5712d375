"""JSON and text from outside, checked before any other code sees them.

JSON is parsed with bounds on nesting and on the number of values, checked
without recursion and before any per-item work, so a deeply nested or huge
document costs one cheap pass and a refusal. Every string in it is held to
``services.validation.text_problem`` (no NUL, no unpaired surrogate). A
refusal is a ``Refused`` with a code and a message that says what to fix.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from ..services.validation import NUL_MESSAGE, text_problem

if TYPE_CHECKING:
    from ..config import Settings


class RefusalCode(StrEnum):
    """Why input was refused at the boundary, for a client to act on."""

    INVALID_TEXT = "INVALID_TEXT"
    INVALID_JSON = "INVALID_JSON"
    INPUT_TOO_DEEP = "INPUT_TOO_DEEP"
    INPUT_TOO_LARGE = "INPUT_TOO_LARGE"
    MALFORMED_REQUEST = "MALFORMED_REQUEST"


class Refused(ValueError):
    """Input that no handler should see; the message says what to fix."""

    def __init__(
        self, code: RefusalCode, message: str, *, field: str | None = None, status: int = 400
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
        self.status = status

    def as_json(self) -> dict[str, object]:
        """The body of an HTTP refusal outside GraphQL."""
        body: dict[str, object] = {"detail": self.message, "code": self.code.value}
        if self.field:
            body["field"] = self.field
        return body


@dataclass(frozen=True)
class JsonLimits:
    """Bounds for one JSON document from a client."""

    max_depth: int = 32
    max_values: int = 50_000


def json_limits(settings: Settings) -> JsonLimits:
    """The bounds the settings give every JSON document from a client."""
    return JsonLimits(max_depth=settings.max_input_depth, max_values=settings.max_input_values)


def check_text(value: str, field: str | None = None) -> str:
    """The text, or Refused(INVALID_TEXT) naming the field."""
    problem = text_problem(value)
    if problem is not None:
        where = f"{field}: " if field else ""
        raise Refused(RefusalCode.INVALID_TEXT, where + problem, field=field)
    return value


def check_graphql_document(query: str) -> None:
    """A GraphQL document's text: no raw NUL or surrogate, and no ``\\u0000`` escape.

    The GraphQL lexer already refuses escaped surrogates, but turns ``\\u0000`` in
    a string literal into a real NUL.
    """
    check_text(query, "query")
    if "\\u0000" in query:
        raise Refused(RefusalCode.INVALID_TEXT, "query: " + NUL_MESSAGE, field="query")


def loads(data: str | bytes, limits: JsonLimits, *, text: bool = True) -> object:
    """Parse JSON within the limits; Refused otherwise.

    ``text`` also checks every string (keys included) with ``text_problem``.
    """
    try:
        value = json.loads(data)
    except RecursionError:
        raise _too_deep(limits) from None
    except (ValueError, TypeError) as exc:  # JSONDecodeError, UnicodeDecodeError, huge ints
        raise Refused(RefusalCode.INVALID_JSON, f"JSON parse error - {exc}") from None
    inspect(value, limits, text=text)
    return value


def inspect(value: object, limits: JsonLimits, *, text: bool = True) -> None:
    """Check a decoded JSON value's depth, size and (optionally) text, without recursion.

    A container's length is compared with the limit before its items are looked
    at, so a list of a million items is refused in constant time.
    """
    if not isinstance(value, dict | list):
        if text and isinstance(value, str):
            check_text(value)
        return
    stack: list[tuple[dict[str, object] | list[object], int]] = [(value, 1)]
    seen = 1
    while stack:
        container, depth = stack.pop()
        if not container:
            continue
        if depth >= limits.max_depth:
            raise _too_deep(limits)
        seen += len(container)
        if seen > limits.max_values:
            raise too_many_values(limits)
        if isinstance(container, dict):
            if text:
                for key in container:
                    check_text(key)
            children: Iterable[object] = container.values()
        else:
            children = container
        for child in children:
            if isinstance(child, dict | list):
                stack.append((child, depth + 1))
            elif text and isinstance(child, str):
                check_text(child)


# Every byte but the double quote and the comma, for bytes.translate.
_NOT_QUOTE_OR_COMMA = bytes(b for b in range(256) if b not in b'",')


class ValueCounter:
    """A lower bound on the values of a JSON text that arrives in pieces, at bytes speed.

    ``inspect`` counts every item of every array and object; a comma outside
    strings separates two of them, so a text with ``n`` such commas holds more
    than ``n`` values. Counting them needs no decoding: escapes are dropped
    (``\\\\`` pairs, then ``\\"``), every byte but quotes and commas is deleted, and
    adjacent quotes are removed (an empty string, or two strings with only
    ``:[]{}`` or spaces between them), which changes no comma's side of a quote.
    What remains is commas, all outside strings, unless some string holds a comma;
    only then are the pieces between quotes counted one by one. (When every
    quote pairs with the next one, as counting ``""`` tells, no string holds a
    comma and nothing needs removing.) A huge body is
    thus refused for its values while it arrives, in a few bytes operations per
    piece, without json.loads building a million objects first. The count is
    exact for valid JSON; an invalid text may count more, and is refused either way.
    """

    __slots__ = ("commas", "in_string", "backslash")

    def __init__(self) -> None:
        self.commas = 0
        self.in_string = False
        self.backslash = False  # the piece before ended with an unpaired backslash

    def feed(self, data: bytes) -> int:
        """Count one more piece; the commas outside strings seen so far."""
        if self.backslash:
            data = b"\\" + data
            self.backslash = False
        if b"\\" in data:
            data = data.replace(b"\\\\", b"")
            if data.endswith(b"\\"):
                data = data[:-1]
                self.backslash = True
            data = data.replace(b'\\"', b"")
        marks = data.translate(None, _NOT_QUOTE_OR_COMMA)
        if self.in_string:
            marks = b'"' + marks
        quotes = marks.count(b'"')
        self.in_string = quotes % 2 == 1
        # Commas after a quote left open belong to its string.
        closed = marks[: marks.rfind(b'"')] if self.in_string else marks
        if 2 * closed.count(b'""') == quotes - self.in_string:
            # Every string is an adjacent pair of quotes here: none holds a comma.
            self.commas += len(closed) - (quotes - self.in_string)
            return self.commas
        # Only quotes and commas are left: one pass turns each run of quotes into what
        # its parity leaves, and commas keep the runs apart, so no new pair forms.
        marks = marks.replace(b'""', b"")
        if b'"' not in marks:
            self.commas += len(marks)
        else:
            self.commas += sum(map(len, marks.split(b'"')[::2]))
        return self.commas


class TooManyValues(Exception):
    """A text holds at least as many values as allowed (``count_values``)."""


# A JSON text's values are counted this many bytes at a time, with a turn of the event
# loop between pieces: a piece takes a fraction of a millisecond.
VALUE_COUNT_PIECE = 64 * 1024


async def count_values(counter: ValueCounter, body: bytes, max_values: int) -> None:
    """Feed ``body`` to ``counter``; TooManyValues once it holds ``max_values`` or more."""
    for start in range(0, len(body), VALUE_COUNT_PIECE):
        if start:
            await asyncio.sleep(0)
        if counter.feed(body[start : start + VALUE_COUNT_PIECE]) >= max_values:
            raise TooManyValues


def _too_deep(limits: JsonLimits) -> Refused:
    return Refused(
        RefusalCode.INPUT_TOO_DEEP,
        f"The input is nested more than {limits.max_depth} levels deep.",
    )


def too_many_values(limits: JsonLimits) -> Refused:
    """The refusal of a text holding more values than ``limits`` allow."""
    return Refused(
        RefusalCode.INPUT_TOO_LARGE,
        f"The input holds more than {limits.max_values} values.",
        status=413,
    )
