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
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from tortoise import Model
from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from .rows import Converters, Row, Where, client_of

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
    # For each item, the values of the expressions ``sql_keyset_page`` was asked to
    # select with it (``also``), in their order; empty when none were.
    also: list[tuple[Any, ...]] = field(default_factory=list)

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


async def sql_keyset_page(
    model: type[Model],
    where: Where,
    sort: Sort,
    request: PageRequest,
    row: type[R],
    *,
    with_count: bool = False,
    also: tuple[str, ...] = (),
) -> Page[R]:
    """``keyset_page`` for a read written in SQL: the rows of ``model`` meeting ``where``.

    The same statements as tortoise would send, without building them through
    the ORM on every request. ``also``: SQL expressions to select with each row
    (its relations, by ``Row.nested_sql``), which name the columns of
    ``model``'s table as ``"table"."column"``; their values are in ``Page.also``.
    ``with_count``: the page's statement counts the whole list too, so that a
    page that shows its total costs one round trip; the count runs alone only
    for an empty page (past the end, say), which has no row to carry it.
    """
    meta = model._meta
    table = f'"{meta.db_table}"'
    column = f'"{meta.fields_db_projection[sort.field]}"'
    base = where.copy()
    for position, forward in ((request.after, True), (request.before, False)):
        if position is not None:
            value, row_id = position
            op = ">" if forward != sort.descending else "<"
            where.add(
                f"{column} {op} {{}} OR ({column} = {{}} AND id {op} {{}})", value, value, row_id
            )
    backward = request.last is not None
    size = request.last if request.last is not None else (request.first or 20)
    direction = "DESC" if sort.descending != backward else "ASC"
    columns = row.columns()
    selected = [f'"{meta.fields_db_projection[name]}" AS "{name}"' for name in columns]
    selected += also
    count_sql = f"SELECT count(*) FROM {table} WHERE {base.sql()}"
    if with_count:
        # Its parameters are the first of the page's: ``where`` only added to ``base``'s.
        selected.append(f"({count_sql})")
    sql = (
        f"SELECT {', '.join(selected)} FROM {table} WHERE {where.sql()} "
        f"ORDER BY {column} {direction}, id {direction} LIMIT {where.param(size + 1)}"
    )
    _, records = await client_of(model).execute_query(sql, where.params)
    has_more = len(records) > size
    records = records[:size]
    rows = row.from_records(records, _converters(row, model))
    extra = [record[len(columns) :] for record in records] if also or with_count else []
    if backward:
        rows.reverse()
        extra.reverse()
        has_next, has_previous = request.before is not None, has_more
    else:
        has_next, has_previous = has_more, request.after is not None

    async def count() -> int:
        _, found = await client_of(model).execute_query(count_sql, base.params)
        return int(found[0][0])

    if with_count and extra:
        total = int(extra[0][-1])

        async def counted() -> int:
            return total

        return Page(rows, has_next, has_previous, sort, counted, [e[:-1] for e in extra])
    return Page(rows, has_next, has_previous, sort, count, extra)


_CONVERTERS: dict[tuple[type, type], Converters] = {}


def _converters(row: type[Row], model: type[Model]) -> Converters:
    found = _CONVERTERS.get((row, model))
    if found is None:
        found = _CONVERTERS[(row, model)] = row.converters(model)
    return found
