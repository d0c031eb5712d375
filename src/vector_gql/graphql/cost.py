"""Static query cost: what an operation may cost, known before any resolver runs.

Modelled on the cost limits of GitHub's and Shopify's GraphQL APIs. The cost
of an operation is an upper bound on the work it can cause, in the units of
``VECTOR_QUERY_COST_MAX`` and ``VECTOR_QUERY_BUDGET``:

- a scalar or enum field costs nothing, unless ``FIELD_WEIGHTS`` says it does
  work (a signed URL);
- every object costs the ``object`` weight (plus any ``TYPE_WEIGHTS``), and
  what is selected under it;
- a connection multiplies what is selected under its ``edges`` by its page
  size: ``first`` or ``last``, 20 when neither is given, never more than 100.
  Its edges are wrappers that cost nothing themselves; ``totalCount`` is one
  database count and costs as an object;
- any other list multiplies by its size in ``LIST_SIZES``: a fixed bound, or
  the length of an argument (``nodes(ids:)``);
- a field of an interface or union type costs the most that any of its object
  types costs with the fragments that apply to that type;
- each mutation costs the ``mutation`` weight on top of its ``FIELD_WEIGHTS``;
- ``__typename`` is free; ``__schema`` and ``__type`` cost ``introspection``;
- an alias is resolved again, so every alias counts; ``@skip`` and
  ``@include`` are honoured.

Page sizes, list lengths and ``@skip``/``@include`` conditions may come from
variables. Each (document, operation) is therefore compiled once into a small
expression over the variables it reads, kept in a bounded cache, and
evaluated for every request: a constant when the document reads no variable.

Over 400 lines on purpose: one static analysis. The weights, the list sizes, the
compiler of cost expressions and the cache are read together, and a change to one
of them is a change to what every operation costs.
"""

from __future__ import annotations

import math
import weakref
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    BooleanValueNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLCompositeType,
    GraphQLError,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    NullValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValueNode,
    VariableNode,
    get_named_type,
    is_abstract_type,
    is_composite_type,
    value_from_ast_untyped,
)
from graphql import ExecutionResult as GraphQLExecutionResult
from strawberry.extensions import SchemaExtension

from ..config import Settings
from ..services.auth import Principal
from ..services.candidates.rules import MAX_ATTEMPTS, MAX_CANDIDATES
from ..services.errors import Unauthenticated
from ..services.interviews.rules import MAX_QUESTIONS
from ..services.query_budget import budget_key
from ..services.review.rules import (
    MAX_CRITERIA,
    MAX_EVALUATORS_PER_SUBMISSION,
)
from ..storage import MIN_PART_BYTES
from .context import Context
from .node import MAX_NODES
from .pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

# --- the table: which fields and types do costly work ---------------------------

# Weights (by name, see config.DEFAULT_QUERY_COST_WEIGHTS) paid each time a
# field is resolved, on top of the objects it returns.
FIELD_WEIGHTS: dict[tuple[str, str], tuple[str, ...]] = {
    ("Video", "url"): ("signed_url",),
    ("Video", "posterUrl"): ("signed_url",),
    # Lists the parts storage holds (one storage round trip per upload).
    ("VideoUpload", "parts"): ("storage_call",),
    ("ReviewVideo", "url"): ("signed_url",),
    ("ReviewVideo", "posterUrl"): ("signed_url",),
    # Scored once per request (a loader), whichever of the two is asked for.
    ("Interview", "results"): ("scoring",),
    ("Interview", "agreement"): ("scoring",),
    ("Mutation", "signup"): ("password_hash",),
    ("Mutation", "login"): ("password_hash",),
    ("Mutation", "uploadVideo"): ("probe",),
    ("Mutation", "startVideoUpload"): ("storage_call",),
    ("Mutation", "completeVideoUpload"): ("storage_call", "probe"),
    ("Mutation", "abortVideoUpload"): ("storage_call",),
    ("Mutation", "submitAnswer"): ("storage_call", "probe"),
}

# Weights paid for every object of a type, wherever it appears.
TYPE_WEIGHTS: dict[str, tuple[str, ...]] = {
    # Every part comes with a freshly presigned upload URL.
    "UploadPart": ("signed_url",),
}


@dataclass(frozen=True)
class ArgumentLength:
    """A list as long as one of the field's list arguments, at most ``limit``."""

    argument: str
    limit: int


# The submissions an interview's results are costed for (they are not bounded).
RESULTS_ESTIMATE = 150
# The ratings of an evaluation are costed for (a rubric's criteria on a typical interview).
RATINGS_ESTIMATE = 100

# How many items a list field that is not a connection can hold: a bound, the
# length of an argument, or a bound computed from the settings.
LIST_SIZES: dict[tuple[str, str], int | ArgumentLength | Callable[[Settings], int]] = {
    ("Query", "nodes"): ArgumentLength("ids", MAX_NODES),
    ("Interview", "questions"): MAX_QUESTIONS,  # the interviews rules' own limit
    ("Rubric", "criteria"): MAX_CRITERIA,
    ("InviteCandidatesPayload", "invitations"): MAX_CANDIDATES,
    # Per question: the attempt that counts and the one being recorded; or every attempt
    # at one question (fewer).
    ("CandidateInvitation", "answers"): max(2 * MAX_QUESTIONS, MAX_ATTEMPTS),
    ("Criterion", "questions"): MAX_QUESTIONS,
    # Not bounded by a rule: an estimate of an interview's submissions.
    ("Interview", "results"): RESULTS_ESTIMATE,
    ("SubmissionResult", "criteria"): MAX_CRITERIA,
    ("Agreement", "byCriterion"): MAX_CRITERIA,
    ("Assignment", "questions"): MAX_QUESTIONS,
    ("Assignment", "answers"): MAX_QUESTIONS,
    ("Assignment", "evaluations"): MAX_EVALUATORS_PER_SUBMISSION,
    # An estimate (a rubric's criteria on a typical interview's questions); at most
    # MAX_RATINGS.
    ("Evaluation", "ratings"): RATINGS_ESTIMATE,
    # Estimates: a call assigns a few evaluators to a page of submissions.
    ("AssignEvaluatorsPayload", "assignments"): 100,
    ("AutoAssignPayload", "assignments"): RESULTS_ESTIMATE,
    ("User", "memberships"): 20,  # not bounded; a person is in a few organizations
    ("VideoUpload", "parts"): lambda s: math.ceil(
        s.max_upload_bytes / max(s.upload_part_bytes, MIN_PART_BYTES)
    ),
}
# Lists the table does not name: the ``errors`` of a payload, a handful at most.
DEFAULT_LIST_SIZE = 10

# The analysis refuses, rather than walks, a document that expands into more
# fields than this (fragments spread into many places multiply).
MAX_ANALYSED_FIELDS = 20_000

# Compiled operations kept, each for a query text of at most this many
# characters (longer texts are analysed on every request, as they are parsed).
CACHE_SIZE = 128
CACHED_QUERY_CHARS = 4096


# --- cost expressions over the variables ------------------------------------------


class Expr:
    """A cost that may depend on the operation's variables."""

    def evaluate(self, variables: Mapping[str, Any]) -> int:
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class Const(Expr):
    value: int

    def evaluate(self, variables: Mapping[str, Any]) -> int:
        return self.value


ZERO = Const(0)


@dataclass(frozen=True, slots=True)
class Sum(Expr):
    terms: tuple[Expr, ...]

    def evaluate(self, variables: Mapping[str, Any]) -> int:
        return sum(term.evaluate(variables) for term in self.terms)


@dataclass(frozen=True, slots=True)
class Product(Expr):
    left: Expr
    right: Expr

    def evaluate(self, variables: Mapping[str, Any]) -> int:
        left = self.left.evaluate(variables)
        return left * self.right.evaluate(variables) if left else 0


@dataclass(frozen=True, slots=True)
class Largest(Expr):
    options: tuple[Expr, ...]

    def evaluate(self, variables: Mapping[str, Any]) -> int:
        return max(option.evaluate(variables) for option in self.options)


@dataclass(frozen=True, slots=True)
class Variable:
    """A variable, with the default the operation declares for it."""

    name: str
    default: Any = field(default=None, compare=False)

    def value(self, variables: Mapping[str, Any]) -> Any:
        return variables.get(self.name, self.default)


# An argument is a known value, or a variable read at evaluation.
Argument = Variable | Any


def _read(argument: Argument, variables: Mapping[str, Any]) -> Any:
    return argument.value(variables) if isinstance(argument, Variable) else argument


def _whole_number(value: Any) -> int | None:
    """An Int as GraphQL would coerce it from JSON, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


@dataclass(frozen=True, slots=True)
class PageSize(Expr):
    """The items a connection returns: ``first`` or ``last``, else the default."""

    first: Argument
    last: Argument

    def evaluate(self, variables: Mapping[str, Any]) -> int:
        sizes = [
            size
            for size in (
                _whole_number(_read(self.first, variables)),
                _whole_number(_read(self.last, variables)),
            )
            if size is not None
        ]
        # A value out of range, or both given, is refused by the resolver; the
        # bound covers what it can return.
        size = max(sizes) if sizes else DEFAULT_PAGE_SIZE
        return min(max(size, 0), MAX_PAGE_SIZE)


@dataclass(frozen=True, slots=True)
class Length(Expr):
    """The length of a list argument given as a variable (one value counts as one)."""

    argument: Variable
    limit: int

    def evaluate(self, variables: Mapping[str, Any]) -> int:
        value = self.argument.value(variables)
        if value is None:
            return 0
        return min(len(value), self.limit) if isinstance(value, list) else 1


@dataclass(frozen=True, slots=True)
class Guarded(Expr):
    """A field under ``@skip``/``@include``: counted when any of its copies is included.

    Each alternative is a set of (variable, included when) conditions that must
    all hold; an empty set always holds.
    """

    alternatives: tuple[frozenset[tuple[Variable, bool]], ...]
    body: Expr

    def evaluate(self, variables: Mapping[str, Any]) -> int:
        if any(
            all(_holds(variable, included, variables) for variable, included in conditions)
            for conditions in self.alternatives
        ):
            return self.body.evaluate(variables)
        return 0


def _holds(variable: Variable, included: bool, variables: Mapping[str, Any]) -> bool:
    value = variable.value(variables)
    # A value that is not a boolean fails coercion before anything runs: count it.
    return value is included if isinstance(value, bool) else True


def add(*terms: Expr) -> Expr:
    constant = 0
    rest: list[Expr] = []
    for term in terms:
        if isinstance(term, Const):
            constant += term.value
        elif isinstance(term, Sum):
            for inner in term.terms:
                if isinstance(inner, Const):
                    constant += inner.value
                else:
                    rest.append(inner)
        else:
            rest.append(term)
    if not rest:
        return Const(constant)
    if constant:
        rest.append(Const(constant))
    return rest[0] if len(rest) == 1 else Sum(tuple(rest))


def multiply(left: Expr, right: Expr) -> Expr:
    if isinstance(left, Const) and isinstance(right, Const):
        return Const(left.value * right.value)
    for one, other in ((left, right), (right, left)):
        if isinstance(one, Const):
            if one.value == 0:
                return ZERO
            if one.value == 1:
                return other
    return Product(left, right)


def largest(options: Iterable[Expr]) -> Expr:
    options = list(options)
    constants = [o.value for o in options if isinstance(o, Const)]
    rest = [o for o in options if not isinstance(o, Const)]
    if not rest:
        return Const(max(constants, default=0))
    if constants:
        rest.append(Const(max(constants)))
    return rest[0] if len(rest) == 1 else Largest(tuple(rest))


# --- compiling an operation ---------------------------------------------------------

Conditions = frozenset[tuple[Variable, bool]]


class TooComplex(Exception):
    """The document expands into more fields than the analysis walks."""


# Cached for a document that raised TooComplex, so it is not walked again.
TOO_COMPLEX: Expr = Const(-1)


class _Compiler:
    def __init__(
        self,
        analysis: CostAnalysis,
        operation: OperationDefinitionNode,
        fragments: Mapping[str, FragmentDefinitionNode],
    ) -> None:
        self.analysis = analysis
        self.schema = analysis.schema
        self.fragments = fragments
        self.defaults = {
            definition.variable.name.value: value_from_ast_untyped(definition.default_value)
            if definition.default_value is not None
            else None
            for definition in operation.variable_definitions or ()
        }
        self.fields_seen = 0

    def variable(self, node: VariableNode) -> Variable:
        name = node.name.value
        return Variable(name, self.defaults.get(name))

    def argument(self, node: FieldNode, name: str) -> Argument:
        for argument in node.arguments or ():
            if argument.name.value == name:
                return self.value(argument.value)
        return None

    def value(self, node: ValueNode) -> Argument:
        if isinstance(node, VariableNode):
            return self.variable(node)
        if isinstance(node, NullValueNode):
            return None
        if isinstance(node, IntValueNode):
            return int(node.value)
        if isinstance(node, BooleanValueNode):
            return node.value
        if isinstance(node, ListValueNode):
            return list(node.values)  # only the length is read
        return value_from_ast_untyped(node)

    # Which fields a selection selects on one object type ------------------------

    def conditions(self, node: Any, conditions: Conditions) -> Conditions | None:
        """The conditions after the node's @skip/@include; None when it is left out."""
        for directive in node.directives or ():
            name = directive.name.value
            if name not in ("skip", "include"):
                continue
            included_when = name == "include"
            for argument in directive.arguments or ():
                if argument.name.value != "if":
                    continue
                value = self.value(argument.value)
                if isinstance(value, Variable):
                    conditions = conditions | {(value, included_when)}
                elif bool(value) is not included_when:
                    return None
        return conditions

    def applies(self, type_condition: Any, obj: GraphQLObjectType) -> bool:
        if type_condition is None:
            return True
        condition = self.schema.get_type(type_condition.name.value)
        if condition is obj:
            return True
        return is_abstract_type(condition) and self.schema.is_sub_type(condition, obj)

    def collect(
        self,
        obj: GraphQLObjectType,
        selection_sets: Iterable[SelectionSetNode],
    ) -> dict[str, list[tuple[FieldNode, Conditions]]]:
        """Fields by response key, as execution merges them, with their conditions."""
        fields: dict[str, list[tuple[FieldNode, Conditions]]] = {}
        seen: set[tuple[int, Conditions]] = set()

        def walk(selection_set: SelectionSetNode, conditions: Conditions) -> None:
            for selection in selection_set.selections:
                inner = self.conditions(selection, conditions)
                if inner is None:
                    continue
                # The same node reached twice (a fragment spread twice) merges into itself.
                if (id(selection), inner) in seen:
                    continue
                seen.add((id(selection), inner))
                if isinstance(selection, FieldNode):
                    key = selection.alias.value if selection.alias else selection.name.value
                    fields.setdefault(key, []).append((selection, inner))
                    self.fields_seen += 1
                    if self.fields_seen > MAX_ANALYSED_FIELDS:
                        raise TooComplex
                elif isinstance(selection, InlineFragmentNode):
                    if self.applies(selection.type_condition, obj):
                        walk(selection.selection_set, inner)
                elif isinstance(selection, FragmentSpreadNode):
                    fragment = self.fragments.get(selection.name.value)
                    if fragment is not None and self.applies(fragment.type_condition, obj):
                        walk(fragment.selection_set, inner)

        for selection_set in selection_sets:
            walk(selection_set, frozenset())
        return fields

    # Costs --------------------------------------------------------------------

    def composite(
        self,
        named: GraphQLCompositeType,
        selection_sets: list[SelectionSetNode],
        *,
        page: Expr | None = None,
        wrapper: bool = False,
    ) -> Expr:
        """One object of this type with the selections: the most any possible type costs."""
        if is_abstract_type(named):
            return largest(
                self.object(obj, selection_sets, page=page, wrapper=wrapper)
                for obj in self.schema.get_possible_types(named)
            )
        assert isinstance(named, GraphQLObjectType)
        return self.object(named, selection_sets, page=page, wrapper=wrapper)

    def object(
        self,
        obj: GraphQLObjectType,
        selection_sets: list[SelectionSetNode],
        *,
        page: Expr | None,
        wrapper: bool,
    ) -> Expr:
        own = 0 if wrapper else self.analysis.object_weight(obj.name)
        terms: list[Expr] = [Const(own)]
        for nodes in self.collect(obj, selection_sets).values():
            cost = self.field(obj, [node for node, _ in nodes], page=page)
            alternatives = tuple(dict.fromkeys(conditions for _, conditions in nodes))
            if frozenset() not in alternatives and not _is_zero(cost):
                cost = Guarded(alternatives, cost)
            terms.append(cost)
        return add(*terms)

    def field(
        self, parent: GraphQLObjectType, nodes: list[FieldNode], *, page: Expr | None
    ) -> Expr:
        node = nodes[0]
        name = node.name.value
        if name == "__typename":
            return ZERO
        if name in ("__schema", "__type"):
            return Const(self.analysis.weight("introspection"))
        definition = parent.fields[name]
        own = self.analysis.field_weight(parent.name, name)
        if parent is self.schema.mutation_type:
            own += self.analysis.weight("mutation")
        named = get_named_type(definition.type)
        connection = page is not None
        if connection and name == "totalCount":
            own += self.analysis.weight("object")  # one database count
        if not is_composite_type(named):
            return Const(own)
        selection_sets = [n.selection_set for n in nodes if n.selection_set is not None]
        if _is_connection(definition):
            size = PageSize(self.argument(node, "first"), self.argument(node, "last"))
            return add(Const(own), self.composite(named, selection_sets, page=size))
        item = self.composite(named, selection_sets, wrapper=connection and name == "edges")
        if not _is_list(definition.type):
            return add(Const(own), item)
        if connection and name in ("edges", "nodes"):
            assert page is not None
            size_expr: Expr = page
        else:
            size_expr = self.list_size(parent.name, name, node)
        return add(Const(own), multiply(size_expr, item))

    def list_size(self, parent: str, name: str, node: FieldNode) -> Expr:
        size = self.analysis.list_size(parent, name)
        if not isinstance(size, ArgumentLength):
            return Const(size)
        value = self.argument(node, size.argument)
        if isinstance(value, Variable):
            return Length(value, size.limit)
        if value is None:
            return ZERO
        return Const(min(len(value), size.limit) if isinstance(value, list) else 1)


def _is_zero(expr: Expr) -> bool:
    return isinstance(expr, Const) and expr.value == 0


def _unwrap(field_type: Any) -> Any:
    return field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type


def _is_list(field_type: Any) -> bool:
    return isinstance(_unwrap(field_type), GraphQLList)


def _is_connection(definition: GraphQLField) -> bool:
    named = get_named_type(definition.type)
    return (
        isinstance(named, GraphQLObjectType)
        and "edges" in named.fields
        and "pageInfo" in named.fields
        and ("first" in definition.args or "last" in definition.args)
    )


# --- the analysis of one schema -------------------------------------------------------


@dataclass(frozen=True)
class Cost:
    """An operation's cost, or why it could not be measured."""

    value: int
    # The document expands into more fields than the analysis walks (value unknown).
    too_complex: bool = False


class CostAnalysis:
    """Costs operations of one schema with one set of weights; caches compiled operations."""

    def __init__(self, schema: GraphQLSchema, settings: Settings) -> None:
        self.schema = schema
        self.settings = settings
        self.weights = settings.cost_weights
        self._field_weights = {
            key: sum(self.weights[name] for name in names) for key, names in FIELD_WEIGHTS.items()
        }
        self._type_weights = {
            key: sum(self.weights[name] for name in names) for key, names in TYPE_WEIGHTS.items()
        }
        self._list_sizes = {
            key: size(settings) if callable(size) else size for key, size in LIST_SIZES.items()
        }
        self._cache: OrderedDict[tuple[str, str | None], Expr] = OrderedDict()

    def weight(self, name: str) -> int:
        return self.weights[name]

    def field_weight(self, type_name: str, field_name: str) -> int:
        return self._field_weights.get((type_name, field_name), 0)

    def object_weight(self, type_name: str) -> int:
        return self.weights["object"] + self._type_weights.get(type_name, 0)

    def list_size(self, type_name: str, field_name: str) -> int | ArgumentLength:
        return self._list_sizes.get((type_name, field_name), DEFAULT_LIST_SIZE)

    def compile(self, document: DocumentNode, operation_name: str | None) -> Expr | None:
        """The operation's cost as an expression; None when no operation matches."""
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        if operation_name is None:
            operation = operations[0] if len(operations) == 1 else None
        else:
            operation = next(
                (o for o in operations if o.name and o.name.value == operation_name), None
            )
        if operation is None:
            return None  # execution says what is wrong
        root = self.schema.get_root_type(operation.operation)
        if root is None:
            return None
        fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        compiler = _Compiler(self, operation, fragments)
        return compiler.object(root, [operation.selection_set], page=None, wrapper=True)

    def cost(
        self,
        document: DocumentNode,
        operation_name: str | None,
        variables: Mapping[str, Any] | None,
        *,
        query: str | None = None,
    ) -> Cost | None:
        """The cost of running the operation with these variables (None: no such operation).

        ``query`` is the document's text, the cache key; without it nothing is cached.
        """
        key = (query, operation_name) if query and len(query) <= CACHED_QUERY_CHARS else None
        expr = self._cache.get(key) if key else None
        if expr is None:
            try:
                expr = self.compile(document, operation_name)
            except TooComplex:
                expr = TOO_COMPLEX
            if expr is None:
                return None
            if key:
                self._cache[key] = expr
                if len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
        elif key:
            self._cache.move_to_end(key)
        if expr is TOO_COMPLEX:
            return Cost(0, too_complex=True)
        return Cost(expr.evaluate(variables or {}))


# --- enforcing it: the per-request maximum and the caller's budget --------------------


def _refusal(message: str, operation: Any, **extensions: Any) -> GraphQLExecutionResult:
    error = GraphQLError(message, nodes=operation, extensions=extensions)
    return GraphQLExecutionResult(data=None, errors=[error])


_ANALYSES: weakref.WeakKeyDictionary[GraphQLSchema, tuple[Settings, CostAnalysis]] = (
    weakref.WeakKeyDictionary()
)


def shared_analysis(schema: GraphQLSchema, settings: Settings) -> CostAnalysis:
    """The one CostAnalysis of a schema under these settings, shared by the cost
    extension and the upload gate (its costs are the same and its caches warm once)."""
    kept = _ANALYSES.get(schema)
    if kept is None or kept[0] is not settings:
        kept = _ANALYSES[schema] = (settings, CostAnalysis(schema, settings))
    return kept[1]


def cost_limit(settings: Settings) -> type[SchemaExtension]:
    """The extension that costs each operation after validation and before execution.

    An operation over ``VECTOR_QUERY_COST_MAX`` is refused with
    ``QUERY_TOO_COSTLY`` without touching the database. Otherwise its cost is
    charged to the caller's budget (one statement); when too little is left it
    is refused with ``RATE_LIMITED`` and a ``Retry-After``. Either way
    ``extensions.cost`` reports the cost, the maximum and the budget left.
    """
    maximum = settings.query_cost_max

    def analysis_for(schema: GraphQLSchema) -> CostAnalysis:
        return shared_analysis(schema, settings)

    class CostLimit(SchemaExtension):
        def __init__(self) -> None:
            super().__init__()
            self.report: dict[str, Any] | None = None

        async def on_execute(self) -> AsyncIterator[None]:
            try:
                await self._check()
            except Exception as exc:
                # Not raised: ErrorPolicy masks and logs it with the request id, and
                # the operation does not run uncosted.
                self.execution_context.result = GraphQLExecutionResult(
                    data=None, errors=[GraphQLError(str(exc), original_error=exc)]
                )
            yield

        async def _check(self) -> None:
            execution = self.execution_context
            document = execution.graphql_document
            if document is None or execution.result is not None:
                return
            analysis = analysis_for(execution.schema._schema)
            cost = analysis.cost(
                document, execution.operation_name, execution.variables, query=execution.query
            )
            if cost is None:
                return  # no such operation: execution reports it
            operation = _operation_node(document, execution.operation_name)
            if cost.too_complex or cost.value > maximum:
                self.report = {"requestedQueryCost": cost.value, "maximumQueryCost": maximum}
                described = (
                    f"This operation expands into more than {MAX_ANALYSED_FIELDS} fields"
                    if cost.too_complex
                    else f"This operation would cost {cost.value}"
                )
                execution.result = _refusal(
                    f"{described}; one request may cost at most {maximum}. Ask for fewer "
                    "items (smaller first/last, fewer IDs), fewer fields or fewer aliases, "
                    "or split it into several requests.",
                    operation,
                    code="QUERY_TOO_COSTLY",
                    cost=None if cost.too_complex else cost.value,
                    maximumCost=maximum,
                )
                return
            self.report = {"requestedQueryCost": cost.value, "maximumQueryCost": maximum}
            context = execution.context
            if not isinstance(context, Context):
                return  # run without a request (the schema alone): nobody to charge
            budget = context.services.query_budget
            if not budget.enabled or cost.value == 0:
                return
            prepaid, context.prepaid = context.prepaid, None
            if (
                prepaid is not None
                and prepaid.query == execution.query
                # strawberry names the document's only operation when the client did not
                and prepaid.operation_name in (None, execution.operation_name)
                and prepaid.charge.cost == cost.value
            ):
                # Charged by the upload gate before the files were read: once is enough.
                charge = prepaid.charge
            else:
                if prepaid is not None and prepaid.charge.allowed and prepaid.key:
                    # The gate charged for another reading of the request: give it back.
                    budget.refund(prepaid.key, prepaid.charge.cost)
                charge = await budget.charge(await caller_budget_key(context), cost.value)
            self.report["throttleStatus"] = {
                "maximumAvailable": charge.capacity,
                "currentlyAvailable": charge.remaining,
                "restoreRate": charge.restore_per_second,
            }
            if charge.allowed:
                return
            retry = charge.retry_after_seconds
            response = context.response
            if response is not None and hasattr(response, "headers"):
                response.headers["Retry-After"] = str(retry)
            execution.result = _refusal(
                f"This operation costs {cost.value} and {charge.remaining} of your budget of "
                f"{charge.capacity} is left; it refills by {charge.restore_per_second} a "
                f"second. Try again in {retry} seconds, or ask for less.",
                operation,
                code="RATE_LIMITED",
                cost=cost.value,
                remaining=charge.remaining,
                budget=charge.capacity,
                restoreRate=charge.restore_per_second,
                retryAfterSeconds=retry,
            )

        def get_results(self) -> dict[str, Any]:
            return {"cost": self.report} if self.report is not None else {}

    return CostLimit


def _operation_node(
    document: DocumentNode, operation_name: str | None
) -> OperationDefinitionNode | None:
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode) and (
            operation_name is None or (definition.name and definition.name.value == operation_name)
        ):
            return definition
    return None


async def caller_budget_key(context: Context) -> str:
    """The principal's bucket; anonymous callers and bad tokens, the address's."""
    try:
        principal: Principal | None = await context.principal()
    except Unauthenticated:
        principal = None
    return budget_key(principal, context.client.ip)
