"""The GraphQL entry points' boundary: bodies, multipart envelopes, WebSocket messages,
document text and the size of every list argument, checked before coercion.

``BoundaryView`` is mixed into the strawberry view: JSON is parsed within depth
and size bounds, a multipart envelope is checked field by field, and a refusal
is a 4xx answer shaped like a GraphQL response. ``input_guard`` is a schema
extension: it checks the document's text before parsing, and every variable's
text and list lengths before graphql-core coerces a single item (coercion is
per item, so a million IDs in one variable would cost seconds). The
validation rule ``list_size_rule`` applies the same list limits to lists
written in the document.

Over 400 lines on purpose: the one boundary for GraphQL input over every transport;
the HTTP, multipart and WebSocket checks share their limits and refusal shapes.
"""

from __future__ import annotations

import functools
import re
from collections import OrderedDict
from collections.abc import AsyncGenerator, Iterable, Iterator, Mapping
from typing import Any

from graphql import (
    ArgumentNode,
    ASTValidationRule,
    DocumentNode,
    GraphQLError,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    ListValueNode,
    ObjectFieldNode,
    OperationDefinitionNode,
    TypeInfo,
    TypeInfoVisitor,
    ValidationRule,
    VariableNode,
    Visitor,
    get_operation_ast,
    type_from_ast,
    visit,
)
from graphql.validation import NoSchemaIntrospectionCustomRule
from starlette.datastructures import UploadFile
from starlette.websockets import WebSocketDisconnect, WebSocketState
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.extensions import AddValidationRules, SchemaExtension
from strawberry.file_uploads import Upload
from strawberry.http.exceptions import NonJsonMessageReceived, NonTextMessageReceived
from strawberry.types.scalar import ScalarDefinition, scalar
from strawberry.types.unset import UNSET

from ..config import Settings
from ..graphql.http import graphql_error_response
from .values import (
    JsonLimits,
    RefusalCode,
    Refused,
    TooManyValues,
    ValueCounter,
    check_graphql_document,
    check_text,
    count_values,
    inspect,
    json_limits,
    loads,
    too_many_values,
)

# The longest list each list-typed argument or input field takes, by schema
# coordinate; every other list takes at most DEFAULT_LIST_ITEMS. The services
# check their own (equal or smaller) limits with field-level errors; these only
# stop oversized input before graphql-core coerces it item by item.
DEFAULT_LIST_ITEMS = 100
LIST_LIMITS: dict[str, int] = {
    "Query.nodes(ids:)": 100,
    "CompleteVideoUploadInput.parts": 10_000,
    "CreateInterviewInput.questions": 101,  # one over the maximum: the service says TOO_MANY
    "ReorderQuestionsInput.questionIds": 101,
    "InterviewFilterInput.status": 20,
    "SetRubricInput.criteria": 11,
    "CriterionInput.anchors": 6,
    "CriterionInput.questionIds": 101,
    # One over the review rules' maxima: the service says TOO_MANY.
    "SubmitEvaluationInput.ratings": 1_001,
    "ReviseEvaluationInput.ratings": 1_001,
    "AssignEvaluatorsInput.invitationIds": 501,
    "AssignEvaluatorsInput.evaluatorIds": 51,
    "AutoAssignInput.evaluatorIds": 51,
    "InviteCandidatesInput.candidates": 501,  # one over the maximum: the service says so
}


def _upload_value(value: object) -> object:
    """An Upload is a file from a multipart request; any other value is the client's error."""
    if not isinstance(value, UploadFile):
        # A GraphQLError, so graphql-core reports it as the client's (not masked).
        raise GraphQLError(
            "Upload must be a file sent as in the GraphQL multipart request spec, "
            "with its variable mapped in 'map'."
        )
    return value


# strawberry's Upload accepts any value (a string reached the resolver and failed
# there); this one accepts only files, so the rest are variable coercion errors.
UPLOAD_SCALAR = scalar(
    name="Upload",
    description="Represents a file upload.",
    serialize=lambda v: v,
    parse_value=_upload_value,
)
SCALAR_MAP: dict[object, ScalarDefinition] = {Upload: UPLOAD_SCALAR}


def _refusal_error(exc: Refused) -> GraphQLError:
    return GraphQLError(exc.message, extensions={"code": exc.code.value})


# --- list limits, by schema coordinate -------------------------------------------------


def _named(type_: Any) -> Any:
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        type_ = type_.of_type
    return type_


def _is_list(type_: Any) -> bool:
    if isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    return isinstance(type_, GraphQLList)


class _Analysis:
    """What one document needs for the variable checks: each variable's type and the
    tightest list limit among the places it is used directly."""

    __slots__ = ("document", "variables")

    def __init__(self, document: DocumentNode, variables: dict[str, tuple[Any, int]]) -> None:
        self.document = document
        self.variables = variables


class _Coordinates(Visitor):
    """Tracks the schema coordinate of the argument or input field being visited."""

    def __init__(self, type_info: TypeInfo) -> None:
        super().__init__()
        self.type_info = type_info
        self.stack: list[str | None] = []

    def enter_argument(self, node: ArgumentNode, *_args: Any) -> None:
        parent = self.type_info.get_parent_type()
        field = self.type_info.get_field_def()
        directive = self.type_info.get_directive()
        if directive is not None:
            self.stack.append(f"@{directive.name}({node.name.value}:)")
        elif parent is not None and field is not None and self.current_field is not None:
            self.stack.append(f"{parent.name}.{self.current_field}({node.name.value}:)")
        else:
            self.stack.append(None)

    # TypeInfo knows the field's definition, not its name: the FieldNode does. A
    # field's arguments are visited right after it, before its selections.
    current_field: str | None = None

    def enter_field(self, node: Any, *_args: Any) -> None:
        self.current_field = node.name.value

    def leave_argument(self, *_args: Any) -> None:
        self.stack.pop()

    def enter_object_field(self, node: ObjectFieldNode, *_args: Any) -> None:
        parent = self.type_info.get_parent_input_type()
        named = _named(parent) if parent is not None else None
        self.stack.append(f"{named.name}.{node.name.value}" if named is not None else None)

    def leave_object_field(self, *_args: Any) -> None:
        self.stack.pop()

    def limit_here(self, parent: Any) -> int:
        """The limit of a list value whose direct parent is ``parent``."""
        if isinstance(parent, ArgumentNode | ObjectFieldNode) and self.stack:
            coordinate = self.stack[-1]
            if coordinate is not None:
                return LIST_LIMITS.get(coordinate, DEFAULT_LIST_ITEMS)
        return DEFAULT_LIST_ITEMS


class _VariableUses(_Coordinates):
    def __init__(self, type_info: TypeInfo) -> None:
        super().__init__(type_info)
        self.limits: dict[str, int] = {}

    def enter_variable(self, node: VariableNode, key: Any, parent: Any, *_args: Any) -> None:
        if isinstance(parent, ArgumentNode | ObjectFieldNode):
            name = node.name.value
            self.limits[name] = min(self.limits.get(name, 10**9), self.limit_here(parent))


def _analyse(schema: GraphQLSchema, document: DocumentNode) -> _Analysis:
    type_info = TypeInfo(schema)
    uses = _VariableUses(type_info)
    visit(document, TypeInfoVisitor(type_info, uses))
    variables: dict[str, tuple[Any, int]] = {}
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        for variable in definition.variable_definitions or ():
            name = variable.variable.name.value
            type_ = type_from_ast(schema, variable.type)
            variables[name] = (type_, uses.limits.get(name, DEFAULT_LIST_ITEMS))
    return _Analysis(document, variables)


class _AnalysisCache:
    """Analyses of recently seen documents, keyed by identity (parsed documents are
    cached and reused, so the same object comes back for the same text)."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self.entries: OrderedDict[int, _Analysis] = OrderedDict()

    def get(self, schema: GraphQLSchema, document: DocumentNode) -> _Analysis:
        key = id(document)
        entry = self.entries.get(key)
        if entry is not None and entry.document is document:
            self.entries.move_to_end(key)
            return entry
        entry = _analyse(schema, document)
        self.entries[key] = entry
        if len(self.entries) > self.size:
            self.entries.popitem(last=False)
        return entry


def check_variable_lists(type_: Any, value: object, limit: int, name: str) -> None:
    """Every list in a variable's value against its limit, without recursion.

    The outermost list gets ``limit`` (the tightest place the variable is used);
    lists inside input objects get their field's limit. Values of the wrong shape
    are left for coercion to report.
    """
    stack: list[tuple[Any, object, int, str]] = [(type_, value, limit, name)]
    while stack:
        current, item, item_limit, path = stack.pop()
        if isinstance(current, GraphQLNonNull):
            current = current.of_type
        if isinstance(current, GraphQLList):
            if isinstance(item, list):
                if len(item) > item_limit:
                    raise Refused(
                        RefusalCode.INPUT_TOO_LARGE,
                        f"{path} may hold at most {item_limit} items; it holds {len(item)}.",
                        field=path,
                    )
                inner = current.of_type
                if _has_list(inner):  # items of a scalar or a list-free input: nothing to do
                    stack.extend(
                        (inner, child, DEFAULT_LIST_ITEMS, f"{path}.{i}")
                        for i, child in enumerate(item)
                    )
            else:
                stack.append((current.of_type, item, DEFAULT_LIST_ITEMS, path))
        elif isinstance(current, GraphQLInputObjectType) and isinstance(item, dict):
            fields = current.fields
            for key, child in item.items():
                field = fields.get(key)
                if field is not None and _has_list(field.type):
                    child_limit = LIST_LIMITS.get(f"{current.name}.{key}", DEFAULT_LIST_ITEMS)
                    stack.append((field.type, child, child_limit, f"{path}.{key}"))


@functools.lru_cache(maxsize=4096)
def _has_list(type_: GraphQLInputType) -> bool:
    """Whether a list can occur anywhere inside values of this type."""
    seen: set[str] = set()
    pending = [type_]
    while pending:
        current = pending.pop()
        if _is_list(current):
            return True
        named = _named(current)
        if isinstance(named, GraphQLInputObjectType) and named.name not in seen:
            seen.add(named.name)
            pending.extend(field.type for field in named.fields.values())
    return False


def list_size_rule() -> type[ValidationRule]:
    """A validation rule: lists written in the document obey the same limits."""

    class ListSizeLimit(ValidationRule):
        def __init__(self, context: Any) -> None:
            super().__init__(context)
            self.coordinates = _Coordinates(context._type_info)  # noqa: SLF001

        def enter_field(self, node: Any, *args: Any) -> None:
            self.coordinates.enter_field(node)

        def enter_argument(self, node: ArgumentNode, *args: Any) -> None:
            self.coordinates.enter_argument(node)

        def leave_argument(self, *args: Any) -> None:
            self.coordinates.leave_argument()

        def enter_object_field(self, node: ObjectFieldNode, *args: Any) -> None:
            self.coordinates.enter_object_field(node)

        def leave_object_field(self, *args: Any) -> None:
            self.coordinates.leave_object_field()

        def enter_list_value(self, node: ListValueNode, key: Any, parent: Any, *args: Any) -> None:
            limit = self.coordinates.limit_here(parent)
            if len(node.values) > limit:
                self.report_error(
                    GraphQLError(
                        f"This list may hold at most {limit} items; it holds {len(node.values)}.",
                        node,
                        extensions={"code": RefusalCode.INPUT_TOO_LARGE.value},
                    )
                )

    return ListSizeLimit


# --- the schema extension ----------------------------------------------------------------

_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


def input_guard(settings: Settings) -> list[type[SchemaExtension]]:
    """Extensions that check every operation's input, whatever transport brought it."""
    limits = json_limits(settings)
    cache = _AnalysisCache()
    strip_suggestions = not settings.suggestions_enabled

    class InputGuard(SchemaExtension):
        def on_operation(self) -> Iterator[None]:
            yield
            if strip_suggestions:
                _strip_suggestions(self.execution_context)

        def on_stream_result(self, result: Any) -> Iterator[None]:
            # WebSocket answers are sent from inside the operation, before on_operation
            # ends: each one is cleaned on its way out.
            if strip_suggestions:
                _strip_suggestions_from(getattr(result, "errors", None) or ())
            yield

        def on_parse(self) -> Iterator[None]:
            query = self.execution_context.query
            if query is not None:
                try:
                    check_graphql_document(query)
                except Refused as exc:
                    raise _refusal_error(exc) from None
            yield

        def on_execute(self) -> Iterator[None]:
            context = self.execution_context
            variables = context.variables
            document = context.graphql_document
            if variables and document is not None:
                try:
                    analysis = cache.get(context.schema._schema, document)  # noqa: SLF001
                    operation = get_operation_ast(document, context.operation_name)
                    wanted = (
                        {v.variable.name.value for v in operation.variable_definitions or ()}
                        if operation is not None
                        else set()
                    )
                    for name in wanted & variables.keys():
                        type_, limit = analysis.variables.get(name, (None, DEFAULT_LIST_ITEMS))
                        if type_ is not None and _has_list(type_):
                            check_variable_lists(type_, variables[name], limit, name)
                    # Lists first: a refusal for size costs nothing per item.
                    inspect(variables, limits, text=True)
                except Refused as exc:
                    raise _refusal_error(exc) from None
            yield

    extensions: list[type[SchemaExtension]] = [InputGuard]
    rules: list[type[ASTValidationRule]] = [list_size_rule()]
    if not settings.introspection_enabled:
        rules.append(NoSchemaIntrospectionCustomRule)

    class BoundaryRules(AddValidationRules):
        def __init__(self) -> None:
            super().__init__(rules)

    extensions.append(BoundaryRules)
    return extensions


def _strip_suggestions(context: Any) -> None:
    errors = list(context.pre_execution_errors or [])
    result = context.result
    if result is not None and getattr(result, "errors", None):
        errors += [e for e in result.errors if e not in errors]
    _strip_suggestions_from(errors)


def _strip_suggestions_from(errors: Iterable[Any]) -> None:
    for error in errors:
        if "Did you mean" in error.message:
            error.message = _SUGGESTION.sub("", error.message)


# --- the view ------------------------------------------------------------------------------

MALFORMED_BODY = (
    "A GraphQL request must be a JSON object with a 'query' string, and optionally "
    "'variables' (an object) and 'operationName'."
)


class BoundaryWebSocketAdapter(ASGIWebSocketAdapter):
    """WebSocket messages: bounded JSON and a checked envelope, or the socket closes
    with 4400 and the reason.

    A message long enough to hold more values than allowed has them counted first,
    at bytes speed and a piece at a time (``ValueCounter``, as ``BodyLimit`` does for
    HTTP bodies), so a message full of tiny values is refused without json.loads
    building them all while every other client waits."""

    async def iter_json(self, *, ignore_parsing_errors: bool = False) -> AsyncGenerator[object]:
        view: Any = self.view
        limits = json_limits(view.boundary_settings)
        try:
            while self.ws.application_state != WebSocketState.DISCONNECTED:
                # Oversized messages are refused before this (BoundaryGuard).
                text = await self.ws.receive_text()
                try:
                    if len(text) >= 2 * limits.max_values:
                        await _count_values(text, limits)
                    message = view.decode_json(text)
                    check_ws_message(message)
                except Refused as exc:
                    await self.ws.close(4400, exc.message[:120])
                    return
                yield message
        except KeyError as exc:
            raise NonTextMessageReceived from exc
        except WebSocketDisconnect:
            pass
        except ValueError as exc:  # pragma: no cover - decode_json raises Refused
            raise NonJsonMessageReceived from exc


async def _count_values(text: str, limits: JsonLimits) -> None:
    """Refused (INPUT_TOO_LARGE) when the text holds more values than ``limits`` allow.

    A valid JSON text with ``n`` values in containers is at least ``2n - 1`` characters
    long, so only longer texts are counted."""
    try:
        await count_values(ValueCounter(), text.encode("utf-8", "replace"), limits.max_values)
    except TooManyValues:
        raise too_many_values(limits) from None


def check_ws_message(message: object) -> None:
    """The envelope of a graphql-transport-ws (or legacy graphql-ws) message."""

    def bad(what: str) -> Refused:
        return Refused(RefusalCode.MALFORMED_REQUEST, f"Invalid message: {what}.")

    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        raise bad("a message is a JSON object with a string 'type'")
    if "id" in message and not isinstance(message["id"], str):
        raise bad("'id' must be a string")
    payload = message.get("payload")
    if message["type"] in ("subscribe", "start"):
        if not isinstance(message.get("id"), str):
            raise bad("'id' must be a string")
        if not isinstance(payload, dict) or not isinstance(payload.get("query"), str):
            raise bad("the payload must be an object with a 'query' string")
        for key in ("variables", "extensions"):
            if payload.get(key) is not None and not isinstance(payload[key], dict):
                raise bad(f"'{key}' must be an object")
        if payload.get("operationName") is not None and not isinstance(
            payload["operationName"], str
        ):
            raise bad("'operationName' must be a string")
    elif payload is not None and not isinstance(payload, dict):
        raise bad("the payload must be an object")


class BoundaryView:
    """Mixed into the GraphQL view, before strawberry's class."""

    boundary_settings: Settings
    # Any: strawberry types it as a callable of its base view, which a mixin is not.
    websocket_adapter_class: Any = BoundaryWebSocketAdapter

    def decode_json(self, data: str | bytes) -> object:
        return loads(data, json_limits(self.boundary_settings), text=False)

    async def parse_http_body(self, request: Any) -> Any:
        try:
            return await super().parse_http_body(request)  # type: ignore[misc]
        except AttributeError:
            # strawberry reads the body with ``data.get(...)``: a JSON body that is not
            # an object (a number, a string, null, a list of non-objects) fails there.
            raise Refused(RefusalCode.MALFORMED_REQUEST, MALFORMED_BODY) from None

    async def parse_multipart(self, request: Any) -> dict[str, Any]:
        """The GraphQL multipart request spec's envelope, checked before it is used."""
        try:
            form_data = await request.get_form_data()
        except ValueError as exc:
            raise Refused(
                RefusalCode.MALFORMED_REQUEST, "The multipart body could not be read."
            ) from exc
        form = form_data.form
        operations = self.decode_json(_form_text(form, "operations"))
        files_map = self.decode_json(_form_text(form, "map"))
        if not isinstance(operations, dict):
            raise Refused(RefusalCode.MALFORMED_REQUEST, "'operations' must be a JSON object.")
        if not isinstance(files_map, dict) or not all(
            isinstance(paths, list) and all(isinstance(p, str) for p in paths)
            for paths in files_map.values()
        ):
            raise Refused(
                RefusalCode.MALFORMED_REQUEST,
                "'map' must be a JSON object from file field names to lists of paths, "
                'e.g. {"0": ["variables.file"]}.',
            )
        for name, paths in files_map.items():
            upload = form.get(name)
            if not isinstance(upload, UploadFile):
                raise Refused(
                    RefusalCode.MALFORMED_REQUEST,
                    f"The map names a file '{name}' that was not sent.",
                )
            check_text(upload.filename or "", "filename")
            for path in paths:
                place_upload(operations, path, upload)
        return operations

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        try:
            return await super().run(request, context, root_value)  # type: ignore[misc]
        except Refused as exc:
            # A GraphQL error in the media type the client accepts (GraphQL over HTTP).
            return graphql_error_response(request.headers, exc.status, exc.message, exc.code.value)


def _form_text(form: Mapping[str, Any], name: str) -> str:
    value = form.get(name)
    if not isinstance(value, str):
        raise Refused(
            RefusalCode.MALFORMED_REQUEST,
            f"A multipart GraphQL request needs a '{name}' field with JSON text.",
        )
    return value


def place_upload(operations: dict[str, Any], path: str, upload: UploadFile) -> None:
    """Put the file where ``path`` (``variables.input.file``, ``variables.files.0``) says."""
    keys = path.split(".")
    if len(keys) < 2 or keys[0] != "variables":
        raise _bad_path(path)
    target: Any = operations
    for key in keys[:-1]:
        target = _step(target, key, path)
    last = keys[-1]
    if isinstance(target, dict):
        target[last] = upload
    elif isinstance(target, list) and last.isdigit() and int(last) < len(target):
        target[int(last)] = upload
    else:
        raise _bad_path(path)


def _step(target: Any, key: str, path: str) -> Any:
    if isinstance(target, dict) and isinstance(target.get(key), dict | list):
        return target[key]
    if isinstance(target, list) and key.isdigit() and int(key) < len(target):
        child = target[int(key)]
        if isinstance(child, dict | list):
            return child
    raise _bad_path(path)


def _bad_path(path: str) -> Refused:
    return Refused(
        RefusalCode.MALFORMED_REQUEST,
        f"The map path {path[:100]!r} does not point into the operation's variables.",
    )
