"""A compiled execution plan per cached operation, in front of graphql-core's executor.

graphql-core executes every field the same generic way: it builds a resolve
info object, finds and calls the field's resolver (for a plain attribute,
strawberry's wrapper around ``getattr``), then walks the return type (non-null?
list? leaf? abstract? object?) to complete the value. For a page of a hundred
objects that is thousands of identical decisions per request.

``CompiledExecutor`` makes those decisions once per operation. The first time
an operation of a cached document runs, it records what graphql-core's own
field collection gives for it; every field of a selection then gets a plan:

- ``PLAIN``: a strawberry field without a resolver. Its value is read with
  strawberry's default resolver and completed by a function built for its
  return type (non-null check, list, leaf coercion, nested object).
- ``TYPENAME``: ``__typename`` of an object type, a constant.
- ``NODE_ID``: the ``id`` of a relay ``Node`` that keeps strawberry's own
  ``resolve_id`` and ``resolve_typename``: the global ID, built as
  ``Node._id`` builds it, without the resolver call.
- ``PREFETCHED``: a relation declared with ``graphql/rows.py`` ``prefetched``,
  whose value the list resolver fetched with the page: read from its attribute
  and completed like ``PLAIN``; where the attribute is None (not fetched), run
  by graphql-core as ``GENERIC``.
- ``GENERIC``: everything else (resolvers, async fields, introspection), run
  by graphql-core's ``execute_field`` as always.

Each selection set's fields run in a function written for them
(``_object_function``): response keys, attributes, fast types and completers
are constants of its code, so no per-field loop or dispatch remains. An
object's type check (strawberry's ``is_type_of``) is made once per class and
plan (``_TypeCheck``), not per object: a class it accepted is accepted again
unless an instance carries ``strawberry.cast``'s mark; list items and object
fields of such a class, never awaitable, go straight to their object's
function. Anything else takes the general path below.

Whatever a plan does not cover is handed to graphql-core at the point where it
arises, with graphql-core's own methods: awaitable values, async iterables,
abstract types (their runtime type's selection is compiled again),
``is_type_of`` functions that may use the resolve info, and every error (field
errors go through ``handle_field_error``, so their paths and null propagation
are graphql-core's). Operations whose field collection depends on variables
(``@skip``/``@include`` with a variable, fragment variables), subscriptions,
documents too long for the parse cache, and schemas with resolver middleware
run wholly on graphql-core. When graphql-core completes an object whose
selection belongs to a plan (say, the page a connection resolver returned), the
plan takes over again for that object's fields.

With ``check`` on (tests), every operation the plan ran is executed a second
time by graphql-core's generic executor, and the two responses must be equal.
The second run does not call the resolvers that graphql-core called in the
first: it gets their recorded outcomes, so mutations and other side effects
happen once, and only the executors are compared. A resolver the first run
cancelled (a non-null sibling failed and nulled their parent) stays pending in
the second until graphql-core cancels it too. Plain attributes are read
again, so the check needs values that read the same twice: not a generator or
an awaitable inside a list, which the first run consumes.

Over 400 lines on purpose: the planner, the completion functions it builds and
the hand-overs to graphql-core share one executor's state and its invariants;
spread over modules they would have to expose those internals to each other.
"""

from __future__ import annotations

import asyncio
import json
import logging
from base64 import b64encode
from collections import Counter, OrderedDict
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from keyword import iskeyword
from types import CoroutineType, GeneratorType
from typing import Any, cast
from uuid import UUID

from graphql import (
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLError,
    GraphQLField,
    GraphQLID,
    GraphQLInt,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLString,
    OperationType,
    is_abstract_type,
    is_enum_type,
    is_specified_scalar_type,
)
from graphql.execution.collect_fields import (
    CollectedFields,
    DeferUsage,
    FieldDetailsList,
    GroupedFieldSet,
    collect_subfields,
)
from graphql.execution.executor import (
    collect_iterator_awaitables,
    invalid_return_type_error,
    to_nodes,
)
from graphql.execution.middleware import MiddlewareManager
from graphql.execution.types import ExecutionResult
from graphql.language import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    ListValueNode,
    ObjectValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValueNode,
    VariableNode,
)
from graphql.pyutils import Path, Undefined, is_async_iterable, is_iterable
from graphql.pyutils import is_awaitable as default_is_awaitable
from graphql.type.scalars import GRAPHQL_MAX_INT as MAX_INT
from graphql.type.scalars import GRAPHQL_MIN_INT as MIN_INT
from strawberry.execution.is_awaitable import optimized_is_awaitable
from strawberry.relay import GlobalID, Node
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.cast import TYPE_CAST_ATTRIBUTE

from .gather import gather_with_cancel

log = logging.getLogger("vector_gql.execution")

PLAIN, TYPENAME, NODE_ID, PREFETCHED, GENERIC = (
    "plain",
    "typename",
    "node id",
    "prefetched",
    "generic",
)
DEFINITION = "strawberry-definition"  # strawberry's back-reference in GraphQL extensions

# A completer turns a resolved value into its response value, as graphql-core's
# complete_value would, or raises the error complete_value would raise. It may
# return an awaitable when a nested field is asynchronous.
Completer = Callable[["CompiledExecutor", Any, Path | None], Any]

# Path(prev, key, typename) without the named tuple's Python-level __new__.
new_path = tuple.__new__

# Types whose instances are never awaitable: no per-instance attributes to say
# otherwise, so graphql-core's is_awaitable answers the same for all of them.
SYNC_TYPES = frozenset(
    {type(None), bool, int, float, str, bytes, list, tuple, dict}
    | {datetime, date, time, timedelta, Decimal, UUID}
)


class ExecutionMismatch(AssertionError):
    """The compiled plan and graphql-core answered the same operation differently."""


# Every mismatch found with ``check`` on, for a test run to assert there were none,
# and how many operations were compared, or why they were not.
MISMATCHES: list[str] = []
CHECKS: Counter[str] = Counter()


# --- plans ------------------------------------------------------------------------------


def _unset(executor: CompiledExecutor, value: Any, path: Path | None) -> Any:
    raise AssertionError("a generic field has no completer")


class FieldPlan:
    __slots__ = (
        "attr",
        "complete",
        "details",
        "fast_type",
        "getter",
        "kind",
        "name",
        "parent",
        "return_type",
        "sync",
    )

    def __init__(
        self,
        name: str,
        kind: str,
        details: FieldDetailsList,
        parent: GraphQLObjectType,
        return_type: Any,
    ) -> None:
        self.name = name
        self.parent = parent
        self.kind = kind
        self.details = details
        self.return_type = return_type
        self.attr = ""
        self.getter: Callable[[Any, str], Any] = getattr
        self.complete: Completer = _unset
        # A leaf (maybe non-null) of a type whose coercion never returns an awaitable.
        self.sync = False
        # The one Python type whose values complete to themselves (str for String).
        self.fast_type: type | None = None


class ObjectPlan:
    """The fields of one selection set on one object type, in response order."""

    __slots__ = ("fields", "grouped", "run", "type")

    def __init__(self, type_: GraphQLObjectType, grouped: GroupedFieldSet) -> None:
        self.type = type_
        self.grouped = grouped
        self.fields: tuple[FieldPlan, ...] = ()
        # The object's fields executed by a function written for them (_object_function).
        self.run: Callable[[CompiledExecutor, Any, Path | None], Any] = _no_run


class OperationPlan:
    """What one operation's execution can skip deciding again; compiled lazily.

    graphql-core hands field groups (lists of field nodes) and grouped field
    sets around by identity; the plan keeps every one it made alive and maps
    them, by identity, to their compiled counterparts.
    """

    def __init__(self, schema: GraphQLSchema, operation: OperationDefinitionNode) -> None:
        self.schema = schema
        self.operation = operation
        self.root: ObjectPlan | None = None
        self.objects: dict[int, ObjectPlan] = {}  # id(grouped field set) -> plan
        self.groups: dict[int, FieldDetailsList] = {}  # id(field group) -> field group
        self.subfields: dict[tuple[GraphQLObjectType, int], tuple[CollectedFields, ObjectPlan]] = {}
        # Resolvers the plan stands in for: pure reads, safe to call again.
        self.pure_resolvers: set[Any] = set()
        self.node_ids: dict[type, str | None] = {}


def _uses_variables(value: ValueNode) -> bool:
    if isinstance(value, VariableNode):
        return True
    if isinstance(value, ListValueNode):
        return any(_uses_variables(v) for v in value.values)
    if isinstance(value, ObjectValueNode):
        return any(_uses_variables(f.value) for f in value.fields)
    return False


def _collection_is_static(
    selection_set: SelectionSetNode | None, fragments: dict[str, FragmentDefinitionNode]
) -> bool:
    """Whether collecting this selection's fields gives the same result for any variables."""
    pending: list[SelectionSetNode | None] = [selection_set]
    seen: set[str] = set()
    while pending:
        current = pending.pop()
        if current is None:
            continue
        for selection in current.selections:
            for directive in selection.directives or ():
                if any(_uses_variables(arg.value) for arg in directive.arguments or ()):
                    return False
            if isinstance(selection, (FieldNode, InlineFragmentNode)):
                pending.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name not in seen and name in fragments:
                    seen.add(name)
                    pending.append(fragments[name].selection_set)
    return True


class PlanCache:
    """Compiled plans of the most recently used operations, each compiled once.

    Only operations of documents short enough for the parse cache are compiled:
    the parse cache hands out the same document object for the same text, so a
    plan keyed by the operation node is found again. A key holds its node alive,
    so its id cannot be reused by another node while the entry is cached.
    """

    def __init__(self, maxsize: int, max_chars: int) -> None:
        self.maxsize = maxsize
        self.max_chars = max_chars
        self._plans: OrderedDict[int, tuple[OperationDefinitionNode, OperationPlan | str]] = (
            OrderedDict()
        )

    def get(self, executor: CompiledExecutor) -> OperationPlan | str:
        """The operation's plan, or why it has none."""
        operation = executor.operation
        key = id(operation)
        entry = self._plans.get(key)
        if entry is not None and entry[0] is operation:
            plan = entry[1]
            if isinstance(plan, str) or plan.schema is executor.schema:
                self._plans.move_to_end(key)
                return plan
        loc = operation.loc
        if loc is None or len(loc.source.body) > self.max_chars:
            # The parse cache does not keep the document: a plan would be made in vain.
            return "a document the parse cache does not keep"
        plan = _uncompilable(executor) or OperationPlan(executor.schema, operation)
        self._plans[key] = (operation, plan)
        if len(self._plans) > self.maxsize:
            self._plans.popitem(last=False)
        return plan

    def __len__(self) -> int:
        return len(self._plans)


def _uncompilable(executor: CompiledExecutor) -> str | None:
    """Why the operation cannot have a plan, if it cannot."""
    schema = executor.schema
    if executor.operation.operation == OperationType.SUBSCRIPTION:
        return "a subscription"
    if schema.get_directive("defer") or schema.get_directive("stream"):
        return "a schema with @defer or @stream"
    if any(f.variable_signatures for f in executor.fragments.values()):
        return "fragment variables"
    fragments = {name: f.definition for name, f in executor.fragments.items()}
    if not _collection_is_static(executor.operation.selection_set, fragments):
        return "a directive whose arguments use variables"
    return None


# --- compiling ----------------------------------------------------------------------------


def _is_plain(resolve: Any, definition: Any) -> bool:
    """strawberry's resolver for a field without one: ``getattr`` on the source."""
    return (
        definition is not None
        and getattr(resolve, "_is_default", False)
        and getattr(resolve, "__name__", "") == "_get_basic_result"
        and definition.is_basic_field
    )


def _is_node_id(resolve: Any, definition: Any) -> bool:
    """relay's ``Node.id``, resolved by strawberry's synchronous wrapper, no extensions."""
    if definition is None or definition.base_resolver is None or definition.extensions:
        return False
    wrapped = definition.base_resolver.wrapped_func
    return (
        getattr(wrapped, "__func__", wrapped) is getattr(Node._id, "__func__", None)
        and getattr(resolve, "__name__", "") == "_resolver"
    )


def _prefetched_attr(resolve: Any, definition: Any) -> str | None:
    """The attribute a ``prefetched`` relation keeps its value in, for a plain resolver."""
    if definition is None or definition.base_resolver is None or definition.extensions:
        return None
    if getattr(definition, "permission_classes", None) or definition.base_resolver.is_async:
        return None
    if getattr(resolve, "__name__", "") != "_resolver":
        return None
    attr = getattr(definition.base_resolver.wrapped_func, "__prefetched__", None)
    return attr if isinstance(attr, str) else None


def _info_free_is_type_of(function: Any) -> bool:
    """strawberry's generated ``is_type_of``: synchronous, and never looks at its info."""
    return getattr(function, "__module__", "") == "strawberry.schema.schema_converter" and (
        getattr(function, "__qualname__", "").endswith("_get_is_type_of.<locals>.is_type_of")
    )


def _compile_object(
    plan: OperationPlan, type_: GraphQLObjectType, grouped: GroupedFieldSet
) -> ObjectPlan:
    compiled = ObjectPlan(type_, grouped)
    plan.objects[id(grouped)] = compiled
    fields: list[FieldPlan] = []
    for name, details in grouped.items():
        plan.groups[id(details)] = details
        field_name = details[0].node.name.value
        field_def = plan.schema.get_field(type_, field_name)
        if field_def is None:
            fields.append(FieldPlan(name, GENERIC, details, type_, None))
            continue
        return_type = field_def.type
        definition = (field_def.extensions or {}).get(DEFINITION)
        resolve = field_def.resolve
        if field_name == "__typename":
            field = FieldPlan(name, TYPENAME, details, type_, return_type)
            plan.pure_resolvers.add(resolve)
        elif definition is not None and _is_plain(resolve, definition) and not field_def.args:
            field = FieldPlan(name, PLAIN, details, type_, return_type)
            field.attr = definition.python_name
            field.getter = definition.default_resolver
            plan.pure_resolvers.add(resolve)
        elif _is_node_id(resolve, definition) and not field_def.args:
            field = FieldPlan(name, NODE_ID, details, type_, return_type)
            plan.pure_resolvers.add(resolve)
        elif not field_def.args and (attr := _prefetched_attr(resolve, definition)):
            field = FieldPlan(name, PREFETCHED, details, type_, return_type)
            field.attr = attr
            # Pure where the value was fetched; elsewhere the compiled run calls it too.
            plan.pure_resolvers.add(resolve)
        else:
            fields.append(FieldPlan(name, GENERIC, details, type_, return_type))
            continue
        field.complete = _completer(plan, return_type, type_, field_def, details)
        inner = return_type.of_type if isinstance(return_type, GraphQLNonNull) else return_type
        field.sync = is_enum_type(inner) or (
            isinstance(inner, GraphQLScalarType) and is_specified_scalar_type(inner)
        )
        if inner is GraphQLString or inner is GraphQLID:
            field.fast_type = str
        elif inner is GraphQLBoolean:
            field.fast_type = bool
        elif inner is GraphQLInt:
            field.fast_type = int  # within 32 bits
        if field.kind is NODE_ID and inner is GraphQLID:
            # str(GlobalID(type_name, node_id)), which is what ID's coercion returns
            field.attr = f"{type_.name}:"
        fields.append(field)
    compiled.fields = tuple(fields)
    compiled.run = _object_function(compiled)
    return compiled


def _no_run(executor: CompiledExecutor, source: Any, path: Path | None) -> Any:
    raise AssertionError("an object plan runs once its fields are compiled")


def _object_function(compiled: ObjectPlan) -> Callable[[CompiledExecutor, Any, Path | None], Any]:
    """graphql-core's execute_fields for one selection set, written out field by field.

    The function does for each field what graphql-core's generic loop would decide
    for it, with the decisions made here: the response key, kind, attribute, fast
    type and completer of each field are constants of its code. Values it does not
    expect, errors and awaitables go to the executor's methods, as in graphql-core.
    """
    typename = compiled.type.name
    namespace: dict[str, Any] = {
        "SYNC_TYPES": SYNC_TYPES,
        "Path": Path,
        "new_path": new_path,
        "ATTRIBUTE_CLASSES": _ATTRIBUTE_CLASSES,
        "TYPE_CAST_ATTRIBUTE": TYPE_CAST_ATTRIBUTE,
        "Undefined": Undefined,
        "MIN_INT": MIN_INT,
        "MAX_INT": MAX_INT,
        "_gather_fields": _gather_fields,
        "parent_type": compiled.type,
        "typename": typename,
    }
    lines = [
        "def run(self, source, path):",
        "    results = {}",
        "    awaiting = None",
        "    is_awaitable = self.is_awaitable",
        "    try:",
    ]
    if not compiled.fields:
        lines.append("        pass")

    def awaiting(indent: str, key: str) -> list[str]:
        return [
            f"{indent}if type(result) not in SYNC_TYPES and is_awaitable(result):",
            f"{indent}    if awaiting is None:",
            f"{indent}        awaiting = []",
            f"{indent}    awaiting.append({key})",
        ]

    def complete_plain(indent: str, field: FieldPlan, i: int, known: str) -> list[str]:
        """``result = self._plain(...)``; for an object, the plan of its class inlined."""
        slow = f"result = self._plain(field_{i}, value, {known}, source, field_path)"
        object_plan = getattr(field.complete, "object_plan", None)
        if object_plan is None:
            return [indent + slow]
        # What _plain, the non-null check and complete_object do for a value whose class
        # is of the type (accepted), never awaitable, and not marked by a cast.
        namespace[f"accepted_{i}"] = object_plan[1].accepted
        namespace[f"object_plan_{i}"] = object_plan[2]
        namespace[f"fast_{i}"] = set()
        lines = [
            f"if value_type in fast_{i} and self.standard_awaitable:",
            '    instance = getattr(value, "__dict__", None)',
            "    inline = instance is None or (",
            '        TYPE_CAST_ATTRIBUTE not in instance and "__await__" not in instance',
            "    )",
            "else:",
            "    inline = False",
            "if inline:",
            "    try:",
            f"        result = object_plan_{i}[0].run(self, value, field_path)",
            "        if type(result) is not dict:  # awaiting nested fields",
            "            result = self.guard_item(",
            f"                result, return_type_{i}, details_{i}, field_path",
            "            )",
            "    except Exception as raw_error:",
            f"        self.handle_field_error(raw_error, return_type_{i}, details_{i}, field_path)",
            "        result = None",
            "else:",
            f"    {slow}",
            f"    if object_plan_{i} and value_type in accepted_{i}:",
            "        if value_type in ATTRIBUTE_CLASSES:",
            f"            fast_{i}.add(value_type)",
        ]
        return [indent + line for line in lines]

    for index, field in enumerate(compiled.fields):
        key = repr(field.name)
        for name, value in (
            ("field", field),
            ("getter", field.getter),
            ("complete", field.complete),
            ("return_type", field.return_type),
            ("details", field.details),
        ):
            namespace[f"{name}_{index}"] = value
        i = index
        kind = field.kind
        if kind is TYPENAME:
            lines.append(f"        results[{key}] = typename")
        elif kind is PLAIN:
            if field.getter is getattr and field.attr.isidentifier() and not iskeyword(field.attr):
                read = f"source.{field.attr}"
            else:
                read = f"getter_{i}(source, {field.attr!r})"
            lines += [
                "        try:",
                f"            value = {read}",
                "            value_type = type(value)",
            ]
            branch = "if"
            if field.fast_type is int:
                lines += [
                    "            if value_type is int and MIN_INT <= value <= MAX_INT:",
                    f"                results[{key}] = value",
                    "                known = None",
                ]
                branch = "elif"
            elif field.fast_type is not None:
                namespace[f"fast_type_{i}"] = field.fast_type
                lines += [
                    f"            if value_type is fast_type_{i}:",
                    f"                results[{key}] = value",
                    "                known = None",
                ]
                branch = "elif"
            lines.append(f"            {branch} value_type in SYNC_TYPES:")
            if field.sync:  # neither the value nor its coercion can be awaitable
                lines += [
                    f"                results[{key}] = complete_{i}(self, value, None)",
                    "                known = None",
                ]
            else:
                lines.append("                known = True")
            lines += [
                "            else:",
                "                known = False",
                "        except Exception as raw_error:",
                "            self.handle_field_error(",
                f"                raw_error, return_type_{i}, details_{i},",
                f"                new_path(Path, (path, {key}, typename)),",
                "            )",
                f"            results[{key}] = None",
                "            known = None",
                "        if known is not None:",
                f"            field_path = new_path(Path, (path, {key}, typename))",
                *complete_plain("            ", field, i, "known"),
                f"            results[{key}] = result",
                *awaiting("            ", key),
            ]
        elif kind is NODE_ID:
            lines += [
                f"        result = self._node_id(field_{i}, source, path, parent_type)",
                f"        results[{key}] = result",
                *awaiting("        ", key),
            ]
        elif kind is PREFETCHED:
            lines += [
                f"        value = getattr(source, {field.attr!r}, None)",
                f"        field_path = new_path(Path, (path, {key}, typename))",
                "        if value is None:  # not fetched with the list: the resolver loads it",
                "            result = self.execute_field(",
                f"                parent_type, source, details_{i}, field_path, None",
                "            )",
                "            if result is not Undefined:",
                f"                results[{key}] = result",
                *awaiting("                ", key),
                "        else:",
                "            value_type = type(value)",
                *complete_plain("            ", field, i, "False"),
                f"            results[{key}] = result",
                *awaiting("            ", key),
            ]
        else:
            lines += [
                f"        field_path = new_path(Path, (path, {key}, typename))",
                "        result = self.execute_field(",
                f"            parent_type, source, details_{i}, field_path, None",
                "        )",
                "        if result is not Undefined:",
                f"            results[{key}] = result",
                *awaiting("            ", key),
            ]
    lines += [
        "    except Exception:",
        "        if awaiting:",
        "            self.settle_in_background([results[name] for name in awaiting])",
        "        raise",
        "    if awaiting is None:",
        "        return results",
        "    return _gather_fields(results, awaiting)",
    ]
    code = compile("\n".join(lines) + "\n", f"<plan of {typename}>", "exec")
    exec(code, namespace)  # noqa: S102
    return cast(Callable[[CompiledExecutor, Any, Path | None], Any], namespace["run"])


def _completer(
    plan: OperationPlan,
    type_: GraphQLOutputType,
    parent: GraphQLObjectType,
    field_def: GraphQLField,
    details: FieldDetailsList,
) -> Completer:
    """A function completing values of ``type_``, as graphql-core's complete_value does.

    Only object and list completers use the path they are given; leaves get None.
    """
    field_name = details[0].node.name.value

    def info(executor: CompiledExecutor, path: Path) -> GraphQLResolveInfo[Any]:
        # The field's own path: list items get the info of their field, as in graphql-core.
        while isinstance(path.key, int) and path.prev is not None:
            path = path.prev
        return executor.build_resolve_info(field_def, to_nodes(details), parent, path)

    def generic(of_type: GraphQLOutputType) -> Completer:
        def complete(executor: CompiledExecutor, value: Any, path: Path | None) -> Any:
            assert path is not None
            return executor.complete_value(
                of_type, details, info(executor, path), path, value, None
            )

        return complete

    if isinstance(type_, GraphQLNonNull):
        inner = _completer(plan, type_.of_type, parent, field_def, details)
        message = f"Cannot return null for non-nullable field {parent}.{field_name}."
        leaf_inner = type_.of_type
        if isinstance(leaf_inner, GraphQLScalarType | GraphQLEnumType):
            coerce_inner = leaf_inner.coerce_output_value

            def complete_non_null_leaf(
                executor: CompiledExecutor, value: Any, path: Path | None
            ) -> Any:
                if value is None or value is Undefined:
                    raise TypeError(message)
                if isinstance(value, Exception):
                    raise value
                coerced = coerce_inner(value)
                if coerced is None or coerced is Undefined:
                    return executor.complete_leaf_value(leaf_inner, value)  # raises its error
                return coerced

            return complete_non_null_leaf

        def complete_non_null(executor: CompiledExecutor, value: Any, path: Path | None) -> Any:
            completed = inner(executor, value, path)
            if completed is None:
                raise TypeError(message)
            return completed

        # An object completer never returns None for a value that is not None.
        complete_non_null.object_plan = getattr(inner, "object_plan", None)  # type: ignore[attr-defined]
        return complete_non_null

    if isinstance(type_, GraphQLScalarType | GraphQLEnumType):
        coerce = type_.coerce_output_value
        leaf = type_

        def complete_leaf(executor: CompiledExecutor, value: Any, path: Path | None) -> Any:
            if value is None or value is Undefined:
                return None
            if isinstance(value, Exception):
                raise value
            coerced = coerce(value)
            if coerced is None or coerced is Undefined:
                return executor.complete_leaf_value(leaf, value)  # raises graphql-core's error
            return coerced

        return complete_leaf

    if isinstance(type_, GraphQLList):
        return _list_completer(plan, type_, parent, field_def, details, info, generic(type_))

    if isinstance(type_, GraphQLObjectType):
        object_type = type_
        is_type_of = object_type.is_type_of
        if is_type_of is not None and not _info_free_is_type_of(is_type_of):
            return generic(type_)
        accepts = _TypeCheck(is_type_of)
        compiled: list[ObjectPlan] = []  # compiled on first use

        def complete_object(executor: CompiledExecutor, value: Any, path: Path | None) -> Any:
            if value is None or value is Undefined:
                return None
            if isinstance(value, Exception):
                raise value
            if not accepts(value):
                raise invalid_return_type_error(object_type, value, details)
            assert path is not None
            if not compiled:
                compiled.append(_subfields(plan, object_type, details, executor)[1])
            return compiled[0].run(executor, value, path)

        complete_object.object_plan = (object_type, accepts, compiled)  # type: ignore[attr-defined]
        return complete_object

    # Interfaces and unions: graphql-core resolves the runtime type, and the
    # plan takes over again for its selection (CompiledExecutor.collect_subfields).
    assert is_abstract_type(type_)
    return generic(type_)


class _TypeCheck:
    """strawberry's ``is_type_of`` of one object type, decided once per class where it can be.

    ``accepted`` also says which classes the list completer may hand straight to
    the object's plan (for a type without ``is_type_of``: every ordinary class).

    strawberry's function (``_info_free_is_type_of``) answers from the value's
    class, except that ``strawberry.cast`` marks an instance with an attribute
    that overrides it. For a class whose instances get their attributes in the
    ordinary way, once it has answered True for one instance it answers True for
    every instance without that mark in its own ``__dict__``; anything else is
    asked every time.
    """

    __slots__ = ("accepted", "is_type_of")

    def __init__(self, is_type_of: Any) -> None:
        self.is_type_of = is_type_of
        self.accepted: set[type] = set()

    def __call__(self, value: Any) -> bool:
        is_type_of = self.is_type_of
        cls = type(value)
        if cls in self.accepted:
            if is_type_of is None:
                return True
            instance = getattr(value, "__dict__", None)
            if instance is None or TYPE_CAST_ATTRIBUTE not in instance:
                return True
            return bool(is_type_of(value, _NO_INFO))
        if is_type_of is not None and not is_type_of(value, _NO_INFO):
            return False
        if (
            _plain_class(cls)
            and not hasattr(cls, TYPE_CAST_ATTRIBUTE)
            and not issubclass(cls, Exception)  # completing raises those
        ):
            self.accepted.add(cls)
        return True


# strawberry's is_type_of ignores its info argument.
_NO_INFO = cast(GraphQLResolveInfo[Any], None)


def _list_completer(
    plan: OperationPlan,
    type_: GraphQLList[GraphQLOutputType],
    parent: GraphQLObjectType,
    field_def: GraphQLField,
    details: FieldDetailsList,
    info: Callable[[CompiledExecutor, Path], GraphQLResolveInfo[Any]],
    generic: Completer,
) -> Completer:
    item_type = type_.of_type
    complete_item = _completer(plan, item_type, parent, field_def, details)
    field_name = details[0].node.name.value
    message = f"Expected Iterable, but did not find one for field '{parent}.{field_name}'."

    # Items of an object type: (accepts, its plan once compiled) for the fast path below.
    object_plan = getattr(complete_item, "object_plan", None)
    accepts: _TypeCheck | None = object_plan[1] if object_plan is not None else None
    compiled: list[ObjectPlan] = object_plan[2] if object_plan is not None else []
    # The classes both accepted by the item type and never awaitable (may_await).
    fast: set[type] = set()

    def complete_list(executor: CompiledExecutor, value: Any, path: Path | None) -> Any:
        # A list is iterable and, for graphql-core's predicate, not an async iterable.
        if type(value) is not list or executor.is_async_iterable is not is_async_iterable:
            if value is None or value is Undefined:
                return None
            if isinstance(value, Exception):
                raise value
            if executor.is_async_iterable(value):
                assert path is not None
                return generic(executor, value, path)
            if not is_iterable(value):
                raise GraphQLError(message)
        assert path is not None
        is_awaitable = executor.is_awaitable
        may_await = executor.may_await
        results: list[Any] = []
        append = results.append
        awaitable_indices: list[int] = []
        iterator = iter(value)
        # Classes whose instances are, by their class alone, of the item type and not
        # awaitable: such an item goes straight to its object's plan.
        known = fast if executor.standard_awaitable else _NO_CLASSES
        run = compiled[0].run if compiled else _no_run
        try:
            for index, item in enumerate(iterator):
                item_path = new_path(Path, (path, index, None))
                cls = type(item)
                if cls in known:
                    instance = getattr(item, "__dict__", None)
                    if instance is None or (
                        TYPE_CAST_ATTRIBUTE not in instance and "__await__" not in instance
                    ):
                        try:
                            completed = run(executor, item, item_path)
                            if type(completed) is not dict:  # awaiting nested fields
                                completed = executor.guard_item(
                                    completed, item_type, details, item_path
                                )
                                awaitable_indices.append(index)
                        except Exception as raw_error:
                            executor.handle_field_error(raw_error, item_type, details, item_path)
                            completed = None
                        append(completed)
                        continue
                if may_await(item):
                    append(
                        executor.complete_awaitable_list_item_value(
                            item, item_type, details, info(executor, path), item_path, None
                        )
                    )
                    awaitable_indices.append(index)
                    continue
                try:
                    completed = complete_item(executor, item, item_path)
                    if type(completed) not in SYNC_TYPES and is_awaitable(completed):
                        completed = executor.guard_item(completed, item_type, details, item_path)
                        awaitable_indices.append(index)
                except Exception as raw_error:
                    executor.handle_field_error(raw_error, item_type, details, item_path)
                    completed = None
                append(completed)
                if (
                    compiled
                    and accepts is not None
                    and cls in accepts.accepted
                    and cls in _ATTRIBUTE_CLASSES
                ):
                    fast.add(cls)
                    run = compiled[0].run
        except Exception:
            pending = [results[i] for i in awaitable_indices]
            pending.extend(collect_iterator_awaitables(iterator, is_awaitable))
            if pending:
                executor.settle_in_background(pending)
            raise
        if not awaitable_indices:
            return results
        return _gather_list(results, awaitable_indices)

    return complete_list


async def _gather_list(results: list[Any], indices: list[int]) -> list[Any]:
    if len(indices) == 1:
        index = indices[0]
        results[index] = await results[index]
    else:
        settled = await gather_with_cancel(*(results[i] for i in indices))
        for index, value in zip(indices, settled, strict=True):
            results[index] = value
    return results


def _subfields(
    plan: OperationPlan,
    type_: GraphQLObjectType,
    details: FieldDetailsList,
    executor: CompiledExecutor,
) -> tuple[CollectedFields, ObjectPlan]:
    """graphql-core's field collection for this selection, once; then its plan.

    The collection does not depend on the request (the plan exists only for
    operations whose collection ignores variables), so the first request's
    stands for all.
    """
    entry = plan.subfields.get((type_, id(details)))
    if entry is not None:
        return entry
    collected = collect_subfields(
        plan.schema,
        executor.fragments,
        executor.variable_values,
        plan.operation,
        type_,
        details,
        executor.hide_suggestions,
    )
    entry = (collected, _compile_object(plan, type_, collected.grouped_field_set))
    plan.subfields[(type_, id(details))] = entry
    return entry


# --- executing ----------------------------------------------------------------------------


class CompiledExecutor(StrawberryGraphQLCoreExecutionContext):
    """strawberry's executor, with the plan of the operation where it has one."""

    plans: PlanCache | None = None  # None: compiled execution is off
    check = False
    _plan: OperationPlan | None = None
    # graphql-core's (or strawberry's) is_awaitable: the plans may then judge by class.
    standard_awaitable = False

    def execute_operation(self, serially: bool | None = None) -> Any:
        plans = self.plans
        manager = self.middleware_manager
        if plans is None:
            return super().execute_operation(serially)
        if manager is not None and manager.middlewares:
            plan: OperationPlan | str = "resolver middleware"
        else:
            plan = plans.get(self)
        if isinstance(plan, str):
            if self.check:
                CHECKS[f"graphql-core only: {plan}"] += 1
            return super().execute_operation(serially)
        self._plan = plan
        self.standard_awaitable = self.is_awaitable in _STANDARD_IS_AWAITABLE
        if self.check:
            return self._execute_checked(serially)
        return super().execute_operation(serially)

    def may_await(self, value: Any) -> bool:
        """``self.is_awaitable(value)``, with its answer kept per class where it can be.

        graphql-core's (and strawberry's) is_awaitable says True for coroutines and
        for anything with an ``__await__`` attribute. For a class without one,
        without attribute hooks and not a coroutine or generator, only an
        instance's own ``__dict__`` could still give it one.
        """
        cls = type(value)
        if cls in SYNC_TYPES:
            return False
        if cls in _ATTRIBUTE_CLASSES and self.is_awaitable in _STANDARD_IS_AWAITABLE:
            instance = getattr(value, "__dict__", None)
            return instance is not None and "__await__" in instance and self.is_awaitable(value)
        awaitable = self.is_awaitable(value)
        if not awaitable and _plain_class(cls):
            _ATTRIBUTE_CLASSES.add(cls)
        return awaitable

    def execute_collected_root_fields(
        self,
        root_type: GraphQLObjectType,
        root_value: Any,
        grouped_field_set: GroupedFieldSet,
        serially: bool,
        new_defer_usages: Sequence[DeferUsage],
    ) -> Any:
        plan = self._plan
        if plan is not None and not new_defer_usages:
            # The first request's collection stands for every later one: it does not
            # depend on variables, and the plan knows its field groups.
            if plan.root is None or plan.root.type is not root_type:
                plan.root = _compile_object(plan, root_type, grouped_field_set)
            grouped_field_set = plan.root.grouped
        return super().execute_collected_root_fields(
            root_type, root_value, grouped_field_set, serially, new_defer_usages
        )

    def collect_subfields(
        self, return_type: GraphQLObjectType, field_details_list: FieldDetailsList
    ) -> CollectedFields:
        plan = self._plan
        if plan is not None and plan.groups.get(id(field_details_list)) is field_details_list:
            return _subfields(plan, return_type, field_details_list, self)[0]
        return super().collect_subfields(return_type, field_details_list)

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> Any:
        plan = self._plan
        if plan is not None and position_context is None:
            compiled = plan.objects.get(id(grouped_field_set))
            if compiled is not None and compiled.grouped is grouped_field_set:
                return compiled.run(self, source_value, path)
        return super().execute_fields(
            parent_type, source_value, path, grouped_field_set, position_context
        )

    def _plain(self, field: FieldPlan, value: Any, known: bool, source: Any, path: Path) -> Any:
        """The rest of graphql-core's execute_field, for a value read from an attribute.

        ``known``: the value is of a type in SYNC_TYPES, so not awaitable.
        """
        if not known and self.may_await(value):
            # graphql-core awaits it; reading the attribute again there is harmless.
            return self.execute_field(field.parent, source, field.details, path, None)
        try:
            completed = field.complete(self, value, path)
        except Exception as raw_error:
            self.handle_field_error(raw_error, field.return_type, field.details, path)
            return None
        if type(completed) not in SYNC_TYPES and self.is_awaitable(completed):
            return self.guard_item(completed, field.return_type, field.details, path)
        return completed

    def _node_id(
        self, field: FieldPlan, source: Any, path: Path | None, parent_type: GraphQLObjectType
    ) -> Any:
        """relay's global ID as ``Node._id`` makes it, for a Node that keeps the defaults."""
        plan = self._plan
        assert plan is not None
        cls = type(source)
        try:
            attr = plan.node_ids[cls]
        except KeyError:
            attr = plan.node_ids[cls] = _default_node_id_attr(cls)
        node_id = getattr(source, attr, None) if attr is not None else None
        if node_id is None or (type(node_id) not in SYNC_TYPES and self.is_awaitable(node_id)):
            # Not the plain case: strawberry's resolver decides (and reports any error).
            return self.execute_field(
                parent_type, source, field.details, Path(path, field.name, parent_type.name), None
            )
        try:
            if field.attr:  # an ID field: GlobalID's str(), without the object
                return b64encode((field.attr + str(node_id)).encode()).decode()
            return field.complete(
                self, GlobalID(type_name=parent_type.name, node_id=str(node_id)), None
            )
        except Exception as raw_error:
            self.handle_field_error(
                raw_error,
                field.return_type,
                field.details,
                Path(path, field.name, parent_type.name),
            )
            return None

    def guard_item(
        self, completed: Any, return_type: Any, details: FieldDetailsList, path: Path
    ) -> Any:
        """Await a completion, turning its error into a field error, as graphql-core does."""

        async def await_completed() -> Any:
            try:
                return await completed
            except Exception as raw_error:
                self.handle_field_error(raw_error, return_type, details, path)
                return None

        return await_completed()

    # --- the differential check -------------------------------------------------------------

    def _execute_checked(self, serially: bool | None) -> Any:
        recorder = _Recorder(self.is_awaitable)
        self.middleware_manager = MiddlewareManager(recorder)
        result = super().execute_operation(serially)
        if self.is_awaitable(result):

            async def checked() -> Any:
                completed = await result
                generic = self._generic(recorder, serially)
                if self.is_awaitable(generic):
                    generic = await generic
                self._compare(cast(ExecutionResult, completed), generic, recorder)
                return completed

            return checked()
        generic = self._generic(recorder, serially)
        if self.is_awaitable(generic):

            async def compared() -> Any:
                self._compare(cast(ExecutionResult, result), await generic, recorder)
                return result

            return compared()
        self._compare(cast(ExecutionResult, result), generic, recorder)
        return result

    def _generic(self, recorder: _Recorder, serially: bool | None) -> Any:
        plan = self._plan
        assert plan is not None
        recorder.replaying = True
        recorder.pure = plan.pure_resolvers
        executor = StrawberryGraphQLCoreExecutionContext(
            self.schema,
            self.fragment_definitions,
            self.fragments,
            self.root_value,
            self.context_value,
            self.operation,
            self.variable_values,
            self.field_resolver,
            self.type_resolver,
            self.subscribe_field_resolver,
            self.enable_early_execution,
            MiddlewareManager(recorder),
            self.is_awaitable,
            self.is_async_iterable,
            hide_suggestions=self.hide_suggestions,
            abort_signal=self.abort_signal,
            operation_extensions=self.operation_extensions,
        )
        return executor.execute_operation(serially)

    def _compare(
        self, compiled: ExecutionResult, generic: ExecutionResult, recorder: _Recorder
    ) -> None:
        problems = []
        if _data(compiled) != _data(generic):
            problems.append(f"data: compiled {_data(compiled)} != generic {_data(generic)}")
        if _errors(compiled) != _errors(generic) and _null_roots(compiled) != _null_roots(generic):
            problems.append(f"errors: compiled {_errors(compiled)} != generic {_errors(generic)}")
        unused = set(recorder.outcomes) - recorder.replayed
        if unused:
            problems.append(f"resolvers called only by the compiled plan at {sorted(unused)}")
        problems.extend(recorder.problems)
        problems.extend(
            f"graphql-core resolved {list(key)}, the compiled plan did not"
            for key in recorder.unplanned
            if not _under_null(generic.data, key)
        )
        CHECKS["compared with graphql-core"] += 1
        if problems:
            name = self.operation.name.value if self.operation.name else "(anonymous)"
            text = f"operation {name}: " + "; ".join(problems)
            MISMATCHES.append(text)
            log.error("compiled execution differs from graphql-core: %s", text)
            raise ExecutionMismatch(text)


# Classes for which CompiledExecutor.may_await needs only look at the instance.
_ATTRIBUTE_CLASSES: set[type] = set()
_NO_CLASSES: frozenset[type] = frozenset()
_STANDARD_IS_AWAITABLE = (optimized_is_awaitable, default_is_awaitable)


def _plain_class(cls: type) -> bool:
    return (
        not issubclass(cls, (CoroutineType, GeneratorType))
        and not hasattr(cls, "__await__")
        and not hasattr(cls, "__getattr__")
        and cls.__getattribute__ is object.__getattribute__
        and not any("__class__" in vars(base) for base in cls.__mro__[:-1])
    )


def _default_node_id_attr(cls: type) -> str | None:
    """The NodeID attribute of a Node class that resolves its id as Node does, else None."""
    if not (isinstance(cls, type) and issubclass(cls, Node)):
        return None
    for name in ("resolve_id", "resolve_typename"):
        if getattr(getattr(cls, name), "__func__", None) is not getattr(
            getattr(Node, name), "__func__", None
        ):
            return None
    try:
        return cls.resolve_id_attr()
    except Exception:  # strawberry's resolver will say what is wrong
        return None


async def _gather_fields(results: dict[str, Any], names: list[str]) -> dict[str, Any]:
    if len(names) == 1:
        name = names[0]
        results[name] = await results[name]
    else:
        settled = await gather_with_cancel(*(results[name] for name in names))
        results.update(zip(names, settled, strict=True))
    return results


def _data(result: ExecutionResult) -> str:
    return json.dumps(result.data, default=repr)


def _errors(result: ExecutionResult) -> list[str]:
    # Concurrent fields may fail in either order; the set of errors must match.
    return sorted(
        json.dumps(e.formatted, sort_keys=True, default=repr) for e in result.errors or ()
    )


def _under_null(data: object, path: tuple[str | int, ...]) -> bool:
    """Whether an object on ``path`` (above its last field) is null in ``data``."""
    node = data
    for key in path[:-1]:
        if node is None:
            return True
        try:
            node = node[key]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return True
    return node is None


def _null_roots(result: ExecutionResult) -> set[tuple[object, ...] | str]:
    """Where each error left its null: the first null on the error's path.

    When several fields fail under one object that a non-null failure nulls, the
    error graphql-core reports for that null is whichever failed first in time
    (the others are dropped with the object), so two correct runs may name
    different errors for the same null. With equal data, they agree when every
    null that an error explains is explained on both sides; errors without a
    path (the whole request failed) are compared as they are.
    """
    roots: set[tuple[object, ...] | str] = set()
    for error in result.errors or ():
        if not error.path:
            roots.add(json.dumps(error.formatted, sort_keys=True, default=repr))
            continue
        node: object = result.data
        prefix: list[object] = []
        for key in error.path:
            if node is None:
                break
            prefix.append(key)
            try:
                node = node[key]  # type: ignore[index]
            except (KeyError, IndexError, TypeError):
                break
        roots.add(tuple(prefix))
    return roots


class _Recorder:
    """Middleware: records each resolver's outcome by path, then replays it.

    The compiled run records; the generic run replays, so a resolver runs once
    per request whichever executor asks. In the generic run, a resolver that the
    compiled run did not call is called only if the plan stands in for it (a pure
    read); anything else is reported, not run.

    An async resolver may not have settled when the compiled run ends: a
    sibling's error nulled their parent, and the executor either cancelled it
    (``gather_with_cancel``) or left it to settle in the background. Its replay
    then does what the compiled run saw: it waits for the background outcome, or,
    for a cancelled one, waits to be cancelled in turn, as graphql-core does when
    the same sibling fails. Only if graphql-core goes on waiting for it is that a
    difference, reported after ``CANCEL_TURNS`` turns of the event loop (the
    replayed failure reaches graphql-core's gather in a few turns per level of
    nesting; no I/O is involved, so this does not depend on time or load).
    """

    RETURNED, RAISED, AWAITED, AWAIT_RAISED, PENDING, CANCELLED = range(6)
    CANCEL_TURNS = 10_000

    def __init__(self, is_awaitable: Callable[[Any], bool]) -> None:
        self.is_awaitable = is_awaitable
        self.outcomes: dict[tuple[str | int, ...], tuple[int, Any]] = {}
        # Set when a resolver's awaitable settles (or is cancelled) in the compiled run.
        self.settled: dict[tuple[str | int, ...], asyncio.Event] = {}
        self.replayed: set[tuple[str | int, ...]] = set()
        self.replaying = False
        self.pure: set[Any] = set()
        self.problems: list[str] = []
        self.unplanned: list[tuple[str | int, ...]] = []

    def resolve(self, next_: Callable[..., Any], root: Any, info: Any, **args: Any) -> Any:
        key = tuple(info.path.as_list())
        if self.replaying:
            return self._replay(key, next_, root, info, args)
        outcomes = self.outcomes
        try:
            result = next_(root, info, **args)
        except Exception as error:
            outcomes[key] = (self.RAISED, error)
            raise
        if not self.is_awaitable(result):
            outcomes[key] = (self.RETURNED, result)
            return result
        outcomes[key] = (self.PENDING, None)
        settled = self.settled[key] = asyncio.Event()

        async def recorded() -> Any:
            try:
                value = await result
            except asyncio.CancelledError:
                outcomes[key] = (self.CANCELLED, None)
                raise
            except Exception as error:
                outcomes[key] = (self.AWAIT_RAISED, error)
                raise
            finally:
                settled.set()
            outcomes[key] = (self.AWAITED, value)
            return value

        return recorded()

    def _replay(
        self,
        key: tuple[str | int, ...],
        next_: Callable[..., Any],
        root: Any,
        info: Any,
        args: dict[str, Any],
    ) -> Any:
        outcome = self.outcomes.get(key)
        if outcome is None:
            if next_ in self.pure:
                return next_(root, info, **args)
            # A problem unless the object it belongs to ends up null anyway: when a
            # non-null failure cancels siblings, how far each run got first is timing.
            self.unplanned.append(key)
            raise ExecutionMismatch(f"not resolved by the compiled plan: {list(key)}")
        self.replayed.add(key)
        kind, value = outcome
        if kind == self.RETURNED:
            return value
        if kind == self.RAISED:
            raise value

        async def replayed() -> Any:
            kind, value = self.outcomes[key]
            if kind == self.PENDING:
                # Still settling in the background of the compiled run: its outcome.
                await self.settled[key].wait()
                kind, value = self.outcomes[key]
            if kind == self.AWAITED:
                return value
            if kind == self.AWAIT_RAISED:
                raise value
            # Cancelled in the compiled run: graphql-core must cancel it too.
            for _ in range(self.CANCEL_TURNS):
                await asyncio.sleep(0)
            problem = f"graphql-core waited for {list(key)}, which the compiled run cancelled"
            self.problems.append(problem)
            raise ExecutionMismatch(problem)

        return replayed()


def compiled_executor(
    *, enabled: bool, check: bool, maxsize: int, max_chars: int
) -> type[CompiledExecutor]:
    """An executor class for one schema, with its own plan cache."""
    return type(
        "CompiledExecutor",
        (CompiledExecutor,),
        {"plans": PlanCache(maxsize, max_chars) if enabled else None, "check": check and enabled},
    )
