"""GraphQL objects made from the services' plain rows, by field name.

A type that mixes in ``FromRow`` is built with ``Type.from_row(row)``: each of
its fields takes the row's attribute of the same name, a private field
``_name`` takes ``name``, and a private field ``_row`` takes the row itself
(for resolvers that hand it back to a service). Fields the row lacks keep
their defaults. So a node's fields are plain attributes, filled once when
the row is converted, and adding a column means adding it to the row and the
type, nowhere else.
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar, Self

_MISSING = object()


class FromRow:
    _row_fields: ClassVar[dict[type, list[tuple[str, str | None, bool]]]] = {}

    @classmethod
    def _plan(cls) -> list[tuple[str, str | None, bool]]:
        """(field, row attribute or None for the row itself, whether it has a default)."""
        plan = FromRow._row_fields.get(cls)
        if plan is None:
            plan = []
            for field in dataclasses.fields(cls):  # type: ignore[arg-type]
                if not field.init:
                    continue  # resolved, not stored
                has_default = (
                    field.default is not dataclasses.MISSING
                    or field.default_factory is not dataclasses.MISSING
                )
                source = None if field.name == "_row" else field.name.lstrip("_")
                plan.append((field.name, source, has_default))
            FromRow._row_fields[cls] = plan
        return plan

    @classmethod
    def from_row(cls, row: Any, **values: Any) -> Self:
        """The object for ``row``; ``values`` set fields the row does not carry."""
        for name, source, has_default in cls._plan():
            if name in values:
                continue
            value = row if source is None else getattr(row, source, _MISSING)
            if value is _MISSING:
                if has_default:
                    continue
                raise TypeError(f"{type(row).__name__} has no {source!r} for {cls.__name__}")
            values[name] = value
        return cls(**values)
