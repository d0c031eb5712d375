"""Plain rows: what reads return, instead of ORM objects.

A row is a frozen dataclass whose fields are named after its model's columns.
Reads select exactly those columns (``Row.fetch``), so a row never carries
what its readers must not see (a user row has no password hash), and the API
layer converts it once, by field name, without touching the ORM. Writes turn
the model they saved into the same row with ``Row.of``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any, ClassVar, Self

from tortoise.queryset import QuerySet


class Row:
    """Base of the row dataclasses: ``@dataclass(frozen=True, slots=True)`` subclasses."""

    __slots__ = ()
    _columns: ClassVar[dict[type, tuple[str, ...]]] = {}

    @classmethod
    def columns(cls) -> tuple[str, ...]:
        columns = Row._columns.get(cls)
        if columns is None:
            columns = tuple(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]
            Row._columns[cls] = columns
        return columns

    @classmethod
    def of(cls, model: Any) -> Self:
        """The row of a model instance the caller already holds."""
        return cls(**{name: getattr(model, name) for name in cls.columns()})

    @classmethod
    async def fetch(cls, query: QuerySet[Any]) -> list[Self]:
        """The rows of a query, reading only the row's columns."""
        return [cls(**values) for values in await query.values(*cls.columns())]

    @classmethod
    async def by_id(cls, query: QuerySet[Any], ids: Iterable[int]) -> dict[int, Self]:
        """The rows among ``ids`` that ``query`` holds, by id."""
        wanted = list(ids)
        if not wanted:
            return {}
        rows = await cls.fetch(query.filter(id__in=wanted))
        return {row.id: row for row in rows}  # type: ignore[attr-defined]
