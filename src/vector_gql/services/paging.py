"""Keyset pagination over a Tortoise queryset, free of any API framework.

A page is asked for with ``first``/``after`` or ``last``/``before``, where a
position is the sort key of a row plus its id (the tie-breaker). Rows are
found by comparing with that key, never by offset, so a page does not shift
when rows are inserted before it. The GraphQL layer turns positions into
opaque cursors (``graphql/pagination.py``). Pages hold plain rows
(``services/rows.py``), read with only their columns.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from .rows import Row

T = TypeVar("T")
R = TypeVar("R", bound=Row)

# (sort value, id)
Position = tuple[Any, int]


@dataclass(frozen=True)
class Sort:
    """Order by one model field, then by id in the same direction."""

    field: str
    descending: bool = False
    # How the field's values travel in a cursor: "datetime", "str" or "int".
    kind: str = "datetime"

    def order_by(self, *, reverse: bool = False) -> tuple[str, str]:
        desc = self.descending != reverse
        sign = "-" if desc else ""
        return f"{sign}{self.field}", f"{sign}id"

    def key(self, row: Any) -> Position:
        return getattr(row, self.field), row.id


@dataclass(frozen=True)
class PageRequest:
    """Already checked: exactly one of first/last is set, and it is 1..max."""

    first: int | None = None
    last: int | None = None
    after: Position | None = None
    before: Position | None = None


@dataclass
class Page(Generic[T]):
    items: list[T]
    has_next: bool
    has_previous: bool
    sort: Sort
    count: Callable[[], Awaitable[int]]

    def position(self, item: T) -> Position:
        return self.sort.key(item)


def _beyond(sort: Sort, position: Position, *, forward: bool) -> Q:
    """Rows strictly after (forward) or before the position, in the sort order."""
    value, row_id = position
    op = "gt" if forward != sort.descending else "lt"
    return Q(**{f"{sort.field}__{op}": value}) | Q(**{sort.field: value, f"id__{op}": row_id})


async def keyset_page(
    query: QuerySet[Any], sort: Sort, request: PageRequest, row: type[R]
) -> Page[R]:
    """One page of ``query``'s rows in ``sort`` order; ``count`` counts the whole query."""
    base = query
    if request.after is not None:
        query = query.filter(_beyond(sort, request.after, forward=True))
    if request.before is not None:
        query = query.filter(_beyond(sort, request.before, forward=False))
    if request.last is not None:
        size = request.last
        rows = await row.fetch(query.order_by(*sort.order_by(reverse=True)).limit(size + 1))
        has_more = len(rows) > size
        items = list(reversed(rows[:size]))
        has_next, has_previous = request.before is not None, has_more
    else:
        size = request.first if request.first is not None else 20
        rows = await row.fetch(query.order_by(*sort.order_by()).limit(size + 1))
        has_more = len(rows) > size
        items = rows[:size]
        # Cheap and allowed by the Relay spec: "may return true if edges prior
        # to `after` exist"; the backward direction is always exact.
        has_next, has_previous = has_more, request.after is not None
    return Page(
        items=items,
        has_next=has_next,
        has_previous=has_previous,
        sort=sort,
        count=base.count,
    )
