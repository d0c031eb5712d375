"""Plain rows: what reads return, instead of ORM objects.

A row is a frozen dataclass whose fields are named after its model's columns.
Reads select exactly those columns (``Row.fetch``), so a row never carries
what its readers must not see (a user row has no password hash), and the API
layer converts it once, by field name, without touching the ORM. Writes turn
the model they saved into the same row with ``Row.of``.

Reads on the path of every request (the rows of a page's relations, by their
parents' keys) use ``Row.by_column``: one statement whose SQL is made once per
row type, column and order, then only bound to the keys, instead of tortoise
building a query for every request.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any, ClassVar, Self, cast

from tortoise import Model, connections, timezone
from tortoise.fields import DatetimeField
from tortoise.queryset import QuerySet

# (column, its function to a Python value), for the columns that need one.
Converters = list[tuple[str, Callable[..., Any]]]


class Row:
    """Base of the row dataclasses: ``@dataclass(frozen=True, slots=True)`` subclasses."""

    __slots__ = ()
    _columns: ClassVar[dict[type, tuple[str, ...]]] = {}
    _statements: ClassVar[dict[tuple[Any, ...], tuple[str, Converters]]] = {}
    _makers: ClassVar[dict[tuple[Any, ...], Callable[[Any], Any]]] = {}

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

    @classmethod
    async def by_column(
        cls,
        model: type[Model],
        column: str,
        keys: Iterable[Any],
        order_by: tuple[str, ...] = (),
    ) -> list[Self]:
        """The rows of ``model`` whose ``column`` is one of ``keys``, in ``order_by``.

        No policy: for rows whose visibility their parents imply, or whose keys
        a readable query gave. Values convert as tortoise's ``values()`` does.
        """
        wanted = list(keys)
        if not wanted:
            return []
        sql, converters = cls._statement(model, column, order_by)
        _, records = await client_of(model).execute_query(sql, [wanted])
        return cls.from_records(records, converters)

    @classmethod
    async def where(cls, model: type[Model], where: Where) -> list[Self]:
        """The rows of ``model`` meeting ``where`` (a read written in SQL)."""
        meta = model._meta
        projection = meta.fields_db_projection
        selected = ", ".join(f'"{projection[name]}" AS "{name}"' for name in cls.columns())
        sql = f'SELECT {selected} FROM "{meta.db_table}" WHERE {where.sql()}'
        _, records = await client_of(model).execute_query(sql, where.params)
        return cls.from_records(records, cls._converters_of(model))

    @classmethod
    def _converters_of(cls, model: type[Model]) -> Converters:
        key = (cls, model, None, ())
        made = Row._statements.get(key)
        if made is None:
            made = Row._statements[key] = ("", cls.converters(model))
        return made[1]

    @classmethod
    def from_records(cls, records: Iterable[Any], converters: Converters) -> list[Self]:
        """Rows from database records named after the row's fields (``converters``:
        ``Row.converters(model)``).

        Records whose columns start with the row's fields in order (as every
        statement made here selects them, some with more columns after them) are
        read by position, through a function made once per row type and
        converters; others by name.
        """
        records = records if isinstance(records, list) else list(records)
        if not records:
            return []
        keys = getattr(records[0], "keys", None)
        columns = cls.columns()
        if keys is not None and tuple(keys())[: len(columns)] == columns:
            return list(map(cls._maker(converters), records))
        if not converters:
            return [cls(**dict(record)) for record in records]
        rows = []
        for record in records:
            values = dict(record)
            for name, convert in converters:
                values[name] = convert(values[name])
            rows.append(cls(**values))
        return rows

    @classmethod
    def from_values(cls, values: Iterable[Any], model: type[Model]) -> list[Self]:
        """Rows of ``model`` from sequences of their fields' values in order, such as
        the records ``nested_sql`` selects; values convert as in ``by_column``."""
        return list(map(cls._maker(cls._converters_of(model)), values))

    @classmethod
    def _maker(cls, converters: Converters) -> Callable[[Any], Self]:
        key = (cls, tuple(converters))
        make = Row._makers.get(key)
        if make is None:
            make = Row._makers[key] = _positional_maker(cls, converters)
        return make

    @classmethod
    def nested_sql(
        cls,
        model: type[Model],
        column: str,
        outer: str,
        order_by: tuple[str, ...] | None = None,
    ) -> str:
        """SQL of a value of a statement's row: the rows of ``model`` whose ``column``
        equals ``outer`` (an expression of that statement, such as ``"table"."id"``),
        each a record of the row's fields in order, for ``Row.from_values``.

        With ``order_by`` (a tuple, maybe empty), all of them as an array in that
        order, or NULL for none; without it, the one such row (``column`` must be
        unique) or NULL. So a page reads its rows' relations in its own
        statement: one round trip, not one more per relation. The driver decodes
        a record's fields by their types alone, so they must be of PostgreSQL's
        own types (asyncpg refuses an enum or composite type of the schema there).
        """
        key = ("nested", cls, model, column, outer, order_by)
        made = Row._statements.get(key)
        if made is None:
            meta = model._meta
            db = meta.fields_db_projection
            fields = ", ".join(f'nested."{db[name]}"' for name in cls.columns())
            value = f"ROW({fields})"
            if order_by is not None:
                order = ", ".join(f'nested."{db[name]}"' for name in order_by)
                value = f"array_agg({value}{f' ORDER BY {order}' if order else ''})"
            sql = (
                f'(SELECT {value} FROM "{meta.db_table}" nested '
                f'WHERE nested."{db[column]}" = {outer})'
            )
            made = Row._statements[key] = (sql, [])
        return made[0]

    @classmethod
    def converters(cls, model: type[Model]) -> Converters:
        """How the row's columns of ``model`` turn into Python values, as in tortoise's
        ``values()``: the columns the database driver does not return as they are."""
        native = {name for _, name, _ in model._meta.db_native_fields}
        fields = model._meta.fields_map
        return [(name, _converter(fields[name])) for name in cls.columns() if name not in native]

    @classmethod
    def _statement(
        cls, model: type[Model], column: str, order_by: tuple[str, ...]
    ) -> tuple[str, Converters]:
        key = (cls, model, column, order_by)
        made = Row._statements.get(key)
        if made is None:
            meta = model._meta
            db = meta.fields_db_projection
            selected = ", ".join(f'"{db[name]}" AS "{name}"' for name in cls.columns())
            order = ", ".join(f'"{db[name]}"' for name in order_by)
            sql = f'SELECT {selected} FROM "{meta.db_table}" WHERE "{db[column]}" = ANY($1)' + (
                f" ORDER BY {order}" if order else ""
            )
            made = Row._statements[key] = (sql, cls.converters(model))
        return made


class AwareDatetime:
    """Tortoise's conversion of a datetime column, without its work for the values
    PostgreSQL's driver returns for ``timestamptz``: aware datetimes in UTC.

    With tortoise's ``use_tz`` and its time zone UTC, such a value only has its
    ``tzinfo`` swapped for an equal one (same instant, same ISO text); it is
    kept as it is. Anything else (naive, another offset, not a datetime) goes
    through the field's own conversion.
    """

    __slots__ = ("convert",)

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        self.convert = convert

    def __call__(self, value: Any) -> Any:
        if value is None or (type(value) is datetime and value.tzinfo is UTC):
            return value
        return self.convert(value)


def _converter(field: Any) -> Callable[[Any], Any]:
    convert: Callable[[Any], Any] = field.to_python_value
    if (
        isinstance(field, DatetimeField)
        and timezone.get_use_tz()
        and str(timezone.get_default_timezone()) == "UTC"
    ):
        return AwareDatetime(convert)
    return convert


def _positional_maker(row: type[Row], converters: Converters) -> Callable[[Any], Any]:
    """``lambda record: row(record[0], convert(record[1]), ...)`` for records whose
    columns are the row's fields in order: no dictionary per record.

    For the usual row (frozen, slots, nothing in ``__init__`` but the fields),
    the function sets the slots itself, as the dataclass's ``__init__`` does
    with ``object.__setattr__``, without the call and its arguments.
    """
    convert = dict(converters)
    namespace: dict[str, Any] = {
        "row": row,
        "new": object.__new__,
        "datetime": datetime,
        "UTC": UTC,
    }
    arguments = []
    for index, name in enumerate(row.columns()):
        given = convert.get(name)
        if isinstance(given, AwareDatetime):
            # AwareDatetime's test inline: no call for the usual value.
            namespace[f"convert_{index}"] = given.convert
            arguments.append(
                f"(value if (value := record[{index}]) is None or "
                f"(type(value) is datetime and value.tzinfo is UTC) else convert_{index}(value))"
            )
        elif given is not None:
            namespace[f"convert_{index}"] = given
            arguments.append(f"convert_{index}(record[{index}])")
        else:
            arguments.append(f"record[{index}]")
    if _sets_only_its_slots(row):
        lines = ["def make(record):", "    made = new(row)"]
        for index, (name, argument) in enumerate(zip(row.columns(), arguments, strict=True)):
            namespace[f"set_{index}"] = vars(row)[name].__set__
            lines.append(f"    set_{index}(made, {argument})")
        source = "\n".join([*lines, "    return made", ""])
    else:
        source = f"def make(record):\n    return row({', '.join(arguments)})\n"
    exec(compile(source, f"<{row.__name__} from a record>", "exec"), namespace)  # noqa: S102
    return cast(Callable[[Any], Any], namespace["make"])


def _sets_only_its_slots(row: type[Row]) -> bool:
    """Whether ``row(*values)`` only stores each value in its field's slot."""
    params = getattr(row, "__dataclass_params__", None)
    fields = dataclasses.fields(row)  # type: ignore[arg-type]
    return (
        params is not None
        and params.frozen
        and not hasattr(row, "__post_init__")
        and all(
            f.init and type(vars(row).get(f.name)).__name__ == "member_descriptor" for f in fields
        )
        and len(fields) == len(row.columns())
        and row.__new__ is object.__new__
    )


def client_of(model: type[Model]) -> Any:
    """The database client ``model`` is stored through (inside a transaction, its own)."""
    return connections.get(model._meta.default_connection or "default")


class Where:
    """The conditions of a read in SQL, with their parameters numbered as they are added.

    ``where.add('"id" = {}', 5)`` adds ``"id" = $1``; each ``{}`` takes the next
    value. For the few reads on the path of every request, written once in SQL
    next to their tortoise form (``services/auth.py`` ``readable_*_where``), with a
    test holding the two to the same rows.
    """

    __slots__ = ("conditions", "params")

    def __init__(self) -> None:
        self.conditions: list[str] = []
        self.params: list[Any] = []

    def param(self, value: Any) -> str:
        self.params.append(value)
        return f"${len(self.params)}"

    def add(self, condition: str, *values: Any) -> None:
        self.conditions.append(condition.format(*(self.param(value) for value in values)))

    def sql(self) -> str:
        return " AND ".join(f"({c})" for c in self.conditions) if self.conditions else "true"

    def copy(self) -> Where:
        copied = Where()
        copied.conditions, copied.params = list(self.conditions), list(self.params)
        return copied
