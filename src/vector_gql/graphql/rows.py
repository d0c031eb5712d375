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
import functools
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar, Self, TypeVar, cast

from graphql.language import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionSetNode,
)

from ..services.rows import Row

if TYPE_CHECKING:
    from .context import Info

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
        """The object for ``row``; ``values`` set fields the row does not carry.

        For a service row (``services/rows.py``), whose attributes are the same
        for every instance of its class, through a function made once per type,
        row class and names in ``values``: the same keyword call, without
        looking each field up again; for a plain dataclass type, the instance's
        ``__dict__`` filled as its ``__init__`` would, without the call.
        """
        make = _maker_for(cls, type(row), tuple(values) if values else ())
        if make is not _GENERIC:
            return cast(Self, make(row, values))
        return cls._from_row(row, values)

    @classmethod
    def from_rows(cls, rows: Iterable[Any], **values: Any) -> list[Self]:
        """``[cls.from_row(row, **values) for row in rows]``, finding the conversion once
        per row class rather than once per row."""
        made: list[Self] = []
        append = made.append
        given = tuple(values) if values else ()
        made_for: type | None = None
        make: Callable[[Any, dict[str, Any]], Any] = _GENERIC
        for row in rows:
            if type(row) is not made_for:
                made_for = type(row)
                make = _maker_for(cls, made_for, given)
            if make is _GENERIC:
                append(cls._from_row(row, dict(values)))
            else:
                append(make(row, values))
        return made

    @classmethod
    def _from_row(cls, row: Any, values: dict[str, Any]) -> Self:
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


def _GENERIC(row: Any, values: dict[str, Any]) -> Any:
    raise AssertionError("the generic conversion is FromRow._from_row")


# (type, row class, names given as values) -> its conversion, or _GENERIC
_MAKERS: dict[tuple[type, type, tuple[str, ...]], Callable[[Any, dict[str, Any]], Any]] = {}


def _maker_for(
    cls: type[FromRow], row_type: type, given: tuple[str, ...]
) -> Callable[[Any, dict[str, Any]], Any]:
    """The conversion of ``row_type`` rows into ``cls`` with the extra names ``given``,
    made the first time it is asked for."""
    key = (cls, row_type, given)
    make = _MAKERS.get(key)
    if make is None:
        make = _MAKERS[key] = _maker(cls, row_type, given)
    return make


def _maker(
    cls: type[FromRow], row_type: type, given: tuple[str, ...]
) -> Callable[[Any, dict[str, Any]], Any]:
    """``cls(name=row.name, ..., **values)`` for rows of ``row_type``, or _GENERIC where
    what ``getattr(row, name, missing)`` finds could differ between instances."""
    if not (isinstance(row_type, type) and issubclass(row_type, Row)):
        return _GENERIC
    # Slots all the way up: an instance cannot carry attributes its class does not declare.
    has_dict = any(
        "__dict__" in vars(c).get("__slots__", ("__dict__",)) for c in row_type.__mro__[:-1]
    )
    if (
        has_dict
        or row_type.__getattribute__ is not object.__getattribute__
        or hasattr(row_type, "__getattr__")
    ):
        return _GENERIC
    columns = set(row_type.columns())
    arguments = []
    # name -> the expression of its value, in field order, for _fills_its_dict
    stored: dict[str, str] = {}
    for name, source, has_default in cls._plan():
        if name in given:
            stored[name] = f"values[{name!r}]"
            continue
        if source is None:
            arguments.append(f"{name}=row")
            stored[name] = "row"
        elif source in columns or isinstance(getattr(row_type, source, None), property):
            arguments.append(f"{name}=row.{source}")
            stored[name] = f"row.{source}"
        elif hasattr(row_type, source) or not has_default:
            return _GENERIC  # a class attribute, or the generic error for a missing one
        else:
            stored[name] = f"default_{len(stored)}"
    namespace: dict[str, Any] = {"cls": cls, "new": object.__new__}
    defaults = _fills_its_dict(cls, given)
    if defaults is not None:
        # What the dataclass's __init__ would store, without the call and its keywords.
        entries = []
        for name, expression in stored.items():
            if expression.startswith("default_"):
                namespace[expression] = defaults[name]
            entries.append(f"{name!r}: {expression}")
        source_code = (
            "def make(row, values):\n    made = new(cls)\n"
            f"    made.__dict__ = {{{', '.join(entries)}}}\n    return made\n"
        )
    else:
        source_code = (
            f"def make(row, values):\n    return cls({', '.join(arguments + ['**values'])})\n"
        )
    exec(compile(source_code, f"<{cls.__name__} from {row_type.__name__}>", "exec"), namespace)  # noqa: S102
    return cast(Callable[[Any, dict[str, Any]], Any], namespace["make"])


def _fills_its_dict(cls: type, given: tuple[str, ...]) -> dict[str, Any] | None:
    """The defaults of ``cls``'s fields by name, when its ``__init__`` is the one
    ``dataclasses`` writes and only stores each init field in the instance's
    ``__dict__`` (the given value or the field's plain default); else None."""
    kind: Any = cls  # its slots, compared by identity
    init = vars(cls).get("__init__")
    fields = getattr(cls, "__dataclass_fields__", None)
    if (
        init is None
        or fields is None
        or getattr(getattr(init, "__code__", None), "co_filename", None) != "<string>"
        or hasattr(cls, "__post_init__")
        or kind.__setattr__ is not object.__setattr__
        or kind.__new__ is not object.__new__
        or not kind.__dictoffset__
        or getattr(kind, "__dataclass_params__", None) is None
        or kind.__dataclass_params__.frozen
    ):
        return None
    names = set()
    defaults: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        if field.default_factory is not dataclasses.MISSING:
            return None  # made anew by __init__, init field or not
        if field.init:
            names.add(field.name)
            if field.default is not dataclasses.MISSING:
                defaults[field.name] = field.default
    if not set(given) <= names:
        return None  # __init__ refuses an unknown keyword
    return defaults


ResolverT = TypeVar("ResolverT", bound=Callable[..., Any])


def prefetched(attribute: str) -> Callable[[ResolverT], ResolverT]:
    """A relation whose value the resolver of a list may have fetched with the list.

    The decorated resolver (``async def creator(self, info)``, through a loader)
    runs only when the object's ``attribute`` is None. A list resolver that saw
    the relation in the selection (``selected``) fetches it for the whole page
    in one statement and sets the attribute on each object: then the field is
    a plain attribute, which the compiled plan (``graphql/execution.py``) reads
    without calling the resolver, and graphql-core gets from the resolver
    without a coroutine. An exception stored in the attribute (a relation the
    principal may not see) is raised as the field's error.
    """

    def decorate(resolve: ResolverT) -> ResolverT:
        @functools.wraps(resolve)
        def field(self: Any, info: Any) -> Any:
            value = getattr(self, attribute)
            if value is None:
                return resolve(self, info)
            if isinstance(value, Exception):
                raise value
            return value

        field.__prefetched__ = attribute  # type: ignore[attr-defined]
        return cast(ResolverT, field)

    return decorate


_SELECTIONS: OrderedDict[tuple[int, tuple[str, ...]], tuple[object, frozenset[str]]] = OrderedDict()
_MAX_SELECTIONS = 1024


def selected(info: Info, *path: str) -> frozenset[str]:
    """The field names selected at ``path`` below the current field, through fragments.

    ``selected(info, "edges", "node")`` in a connection resolver: what its nodes
    are asked for. Fields under a directive (``@include``, ``@skip``) count as
    selected: a relation fetched in vain costs a statement, one missed costs
    nothing but the loader's usual one. Kept per field node of a cached document.
    """
    raw = info._raw_info
    node = raw.field_nodes[0]
    key = (id(node), path)
    entry = _SELECTIONS.get(key)
    if entry is not None and entry[0] is node and len(raw.field_nodes) == 1:
        return entry[1]
    level: list[SelectionSetNode] = [
        n.selection_set for n in raw.field_nodes if n.selection_set is not None
    ]
    for name in path:
        level = [
            field.selection_set
            for field in _fields(level, raw.fragments)
            if field.name.value == name and field.selection_set is not None
        ]
    names = frozenset(field.name.value for field in _fields(level, raw.fragments))
    if len(raw.field_nodes) == 1:
        _SELECTIONS[key] = (node, names)
        if len(_SELECTIONS) > _MAX_SELECTIONS:
            _SELECTIONS.popitem(last=False)
    return names


def _fields(
    selection_sets: list[SelectionSetNode], fragments: dict[str, FragmentDefinitionNode]
) -> Iterator[FieldNode]:
    pending = list(selection_sets)
    seen: set[str] = set()
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FieldNode):
                yield selection
            elif isinstance(selection, InlineFragmentNode):
                pending.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name not in seen and name in fragments:
                    seen.add(name)
                    pending.append(fragments[name].selection_set)
