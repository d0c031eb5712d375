"""Relay connections over keyset pages: arguments, opaque cursors, totalCount.

A cursor is the base64 of ``[sort field, sort value, id]``: the position of a
row in its order, not an offset, so a page stays put when rows are inserted
before it. A cursor made for one order is refused by another, since its
position means nothing there. Any list that can grow uses ``Connection[T]``
with ``page_request`` and ``Connection.from_page``.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import orjson
import strawberry
from strawberry import relay

from ..boundary.values import JsonLimits, Refused, loads
from ..services.errors import ErrorCode, Invalid
from ..services.paging import Page, PageRequest, Position, Sort
from ..services.validation import is_int64, parse_pk
from .rows import selected

if TYPE_CHECKING:
    from .context import Info

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# A cursor is a flat [field, value, id]: anything deeper or longer is forged.
CURSOR_LIMITS = JsonLimits(max_depth=2, max_values=4)

NodeT = TypeVar("NodeT")
ItemT = TypeVar("ItemT")


@strawberry.enum(description="Sort direction.")
class OrderDirection(Enum):
    ASC = "ASC"
    DESC = "DESC"


@strawberry.type(description="An item of a list, with its position as a cursor.")
class Edge(Generic[NodeT]):
    cursor: str = strawberry.field(description="Where this item is, to page on from it.")
    node: NodeT


@strawberry.type(description="A page of a list, with cursors to move on from it.")
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]]
    page_info: relay.PageInfo
    _count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many items the whole list has, on every page.")
    async def total_count(self) -> int:
        return await self._count()

    @classmethod
    def from_page(cls, page: Page[ItemT], convert: Callable[[ItemT], NodeT]) -> Connection[NodeT]:
        return cls.of_nodes(page, [convert(item) for item in page.items])

    @classmethod
    def of_nodes(
        cls, page: Page[ItemT], nodes: list[NodeT], *, cursors: bool = True
    ) -> Connection[NodeT]:
        """The connection of a page whose items are already converted, in order
        (with the relations fetched for the whole page, say).

        ``cursors=False`` (``edge_cursors_selected``: the request does not ask for
        ``edges { cursor }``) leaves the edges' cursors empty, never shown, instead
        of encoding one per item; pageInfo's start and end cursors are still made.
        """
        sort = page.sort
        items = page.items
        if cursors:
            edges = [
                Edge(cursor=encode_cursor(sort, page.position(item)), node=node)
                for item, node in zip(items, nodes, strict=True)
            ]
            start = edges[0].cursor if edges else None
            end = edges[-1].cursor if edges else None
        else:
            if len(items) != len(nodes):
                raise ValueError("a page's nodes are its items, converted")
            edges = [Edge(cursor="", node=node) for node in nodes]
            start = encode_cursor(sort, page.position(items[0])) if items else None
            end = encode_cursor(sort, page.position(items[-1])) if items else None
        return cls(
            edges=edges,
            page_info=relay.PageInfo(
                has_next_page=page.has_next,
                has_previous_page=page.has_previous,
                start_cursor=start,
                end_cursor=end,
            ),
            _count=page.count,
        )


def edge_cursors_selected(info: Info) -> bool:
    """Whether the connection field being resolved asks for its edges' cursors
    (``Connection.of_nodes(..., cursors=...)``)."""
    return "cursor" in selected(info, "edges")


def page_request(
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    sort: Sort,
) -> PageRequest:
    """Checked paging arguments; Invalid says what to fix."""
    if first is not None and last is not None:
        raise Invalid.one(
            ErrorCode.INVALID,
            "Use either first (to page forwards) or last (to page backwards), not both.",
            "first",
        )
    for name, value in (("first", first), ("last", last)):
        if value is not None and not 1 <= value <= MAX_PAGE_SIZE:
            raise Invalid.one(
                ErrorCode.OUT_OF_RANGE,
                f"{name} must be between 1 and {MAX_PAGE_SIZE}; got {value}.",
                name,
            )
    if first is None and last is None:
        first = DEFAULT_PAGE_SIZE
    return PageRequest(
        first=first,
        last=last,
        after=decode_cursor(after, sort, "after") if after is not None else None,
        before=decode_cursor(before, sort, "before") if before is not None else None,
    )


def encode_cursor(sort: Sort, position: Position) -> str:
    value, row_id = position
    if isinstance(value, datetime):
        value = value.isoformat()
    if isinstance(value, str) and not value.isascii():
        # json's escapes, so a cursor stays the same text it always was
        raw = json.dumps([sort.field, value, row_id], separators=(",", ":")).encode()
    else:
        raw = orjson.dumps([sort.field, value, row_id])  # the same bytes, faster
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: Sort, argument: str) -> Position:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        decoded = loads(base64.urlsafe_b64decode(padded.encode()), CURSOR_LIMITS)
    except (Refused, ValueError, binascii.Error):
        raise _bad_cursor(argument) from None
    if not isinstance(decoded, list) or len(decoded) != 3:
        raise _bad_cursor(argument)
    field, value, row_id = decoded
    if field != sort.field:
        raise Invalid.one(
            ErrorCode.INVALID,
            f"The {argument} cursor was made for another order; start again from the first "
            "page when you change the order.",
            argument,
        )
    # The parsed id, never the raw one: a forged "5" would compare (or bind) as text.
    pk = parse_pk(row_id)
    if pk is None:
        raise _bad_cursor(argument)
    return _parse_value(value, sort.kind, argument), pk


def _parse_value(value: Any, kind: str, argument: str) -> Any:
    if kind == "datetime" and isinstance(value, str):
        try:
            # In UTC, as stored: an offset at either end of the calendar overflows here,
            # not in the database driver.
            parsed = datetime.fromisoformat(value)
            if parsed.tzinfo is not None:
                return parsed.astimezone(UTC)
        except (ValueError, OverflowError):
            raise _bad_cursor(argument) from None
    elif (kind == "str" and isinstance(value, str)) or (
        kind == "int" and isinstance(value, int) and not isinstance(value, bool) and is_int64(value)
    ):
        return value
    raise _bad_cursor(argument)


def _bad_cursor(argument: str) -> Invalid:
    return Invalid.one(
        ErrorCode.INVALID_FORMAT,
        f"The {argument} cursor is not valid. Use a cursor from a previous page, unchanged.",
        argument,
    )
