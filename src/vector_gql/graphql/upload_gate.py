"""Uploads judged before their files are read.

A multipart request (the GraphQL multipart request spec) carries its operation
in the ``operations`` and ``map`` parts, which clients (apollo-upload-client)
send before the files. The gate reads the body up to the first file and judges
the operation as the server would once it had read everything:

- the document must parse and validate, and its cost must fit the caller's
  query budget, which is charged here, once (the cost extension takes the
  charge it finds on the context rather than charging again);
- each field that takes a file (``FIELD_CHECKS``) asks its service what it
  would decide before reading the file: the caller's credentials and rights,
  the organization's storage quota for a file at least as large as what is
  left of the body, a candidate's open attempt.

When no field will take its file, the operation runs without its files: each is
an empty placeholder that no resolver reads, every refusal is the GraphQL error
or payload error it would have been, and the rest of the body is never read
(the server drops it). A caller whose budget is spent, or who may not upload,
costs the few kilobytes before the first file and a look-up or two, not the
spooling of the file and the work after it.

When a field will take its file, the body is read as usual, from its start, and
the caller holds one of ``UPLOADS_AT_ONCE`` slots until the answer: another
upload of theirs meanwhile is refused (429, ``TOO_MANY_UPLOADS``), so one
account looping over costly files holds at most one probe (and its decoder
process) at a time, and the other decoders stay free for everyone else. Slots
are counted per worker process, like the connections per address.

A body whose ``operations`` and ``map`` do not come first (the spec's order), or
do not fit the read-ahead, is refused (400) before anything else is read. What
the gate otherwise cannot judge (fragments on the root fields, a field whose
arguments do not coerce) is read and run as before, with the caller's slot, and
only for a signed-in caller: an anonymous one is answered without the files.
The gate parses and validates with the server's own document limits.
"""

from __future__ import annotations

import functools
import io
import logging
from collections import Counter, OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLError,
    GraphQLIncludeDirective,
    GraphQLSchema,
    GraphQLSkipDirective,
    OperationType,
    get_operation_ast,
    parse,
    specified_rules,
    validate,
    value_from_ast_untyped,
)
from graphql.validation import NoSchemaIntrospectionCustomRule
from starlette.datastructures import UploadFile
from starlette.requests import Request
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter
from strawberry.http import GraphQLRequestData

from ..boundary.envelope import (
    ENVELOPE_READ,
    Envelope,
    PeekableReceive,
    least_file_bytes,
    read_envelope,
)
from ..boundary.graphql import place_upload
from ..boundary.server import UNWANTED_BODY
from ..boundary.values import Refused, json_limits, loads
from ..config import Settings
from ..services.errors import Forbidden, Invalid, Unauthenticated, Unavailable
from .context import Context, Prepaid
from .cost import caller_budget_key, shared_analysis
from .http import MALFORMED_REQUEST, RequestError
from .node import decode_id

log = logging.getLogger(__name__)

# Uploads one caller may have under way at once, in one worker.
UPLOADS_AT_ONCE = 1
TOO_MANY_UPLOADS = "TOO_MANY_UPLOADS"
ENVELOPE_FIRST = (
    "Send the 'operations' and 'map' fields first in a multipart request, before any "
    "file or other field (the GraphQL multipart request spec), each as a JSON object of "
    "at most {limit} bytes."
)
# Parsed and validated upload documents kept, and the longest text kept.
KEPT_DOCUMENTS = 64
MAX_KEPT_QUERY_CHARS = 8 * 1024


class CannotJudge(Exception):
    """The gate cannot tell what the operation would do: it is read and run as usual."""


# --- the fields that take files ----------------------------------------------------------

FieldCheck = Callable[[Context, Mapping[str, Any], int], Awaitable[None]]


def _input_with_file(arguments: Mapping[str, Any]) -> dict[str, Any]:
    data = arguments.get("input")
    if not isinstance(data, dict) or not isinstance(data.get("file"), UploadFile):
        raise CannotJudge
    return data


async def _upload_video(context: Context, arguments: Mapping[str, Any], size: int) -> None:
    principal = await context.authenticated()
    data = _input_with_file(arguments)
    title, organization = data.get("title"), data.get("organizationId")
    if not isinstance(title, str) or not isinstance(organization, str | None):
        raise CannotJudge
    organization_id = (
        None if organization is None else decode_id(organization, "Organization", "organization_id")
    )
    await context.services.videos.check_upload(
        principal, title=title, organization_id=organization_id, size=size
    )


async def _submit_answer(context: Context, arguments: Mapping[str, Any], size: int) -> None:
    principal = await context.authenticated()
    data = _input_with_file(arguments)
    question = data.get("questionId")
    if not isinstance(question, str) or data.get("videoUploadId") is not None:
        raise CannotJudge
    question_id = decode_id(question, "Question", "question_id")
    await context.services.candidates.check_answer_upload(principal, question_id, size)


# Every root field that takes a file, with what it decides before reading it
# (tests/media/test_upload_gate.py checks that no such field is missing).
FIELD_CHECKS: dict[str, FieldCheck] = {
    "uploadVideo": _upload_video,
    "submitAnswer": _submit_answer,
}


def _included(node: FieldNode, variables: Mapping[str, Any]) -> bool:
    """Whether @skip and @include keep the field, @skip first (as graphql-core's
    should_include_node), with the request's variables."""

    def condition(name: str) -> bool | None:
        for directive in node.directives or ():
            if directive.name.value == name:
                for argument in directive.arguments or ():
                    if argument.name.value == "if":
                        value = value_from_ast_untyped(argument.value, dict(variables))
                        if isinstance(value, bool):
                            return value
                raise CannotJudge
        return None

    if condition(GraphQLSkipDirective.name) is True:
        return False
    return condition(GraphQLIncludeDirective.name) is not False


# --- the gate ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Admission:
    """What the view does with a multipart request."""

    # Run this operation without reading the files: no field will take one.
    without_files: GraphQLRequestData | None = None
    # Read and run as usual; call this when the answer is ready.
    release: Callable[[], None] | None = None


class UploadGate:
    def __init__(self, schema: GraphQLSchema, settings: Settings) -> None:
        self.schema = schema
        self.settings = settings
        self.costs = shared_analysis(schema, settings)
        self.limits = json_limits(settings)
        self._uploading: Counter[str] = Counter()
        self._documents: OrderedDict[str, DocumentNode | None] = OrderedDict()
        # The checks of the usual path (schema.py's limit_extensions, boundary rules).
        self._rules = [
            *specified_rules,
            *QueryDepthLimiter(max_depth=settings.max_query_depth).validation_rules,
            *MaxAliasesLimiter(max_alias_count=settings.max_query_aliases).validation_rules,
        ]
        if not settings.introspection_enabled:
            self._rules.append(NoSchemaIntrospectionCustomRule)

    async def admit(self, request: Request, context: Context) -> Admission:
        """Judge a multipart request from its envelope (RequestError: too many at once)."""
        receive = request.receive
        if not isinstance(receive, PeekableReceive):
            return Admission()
        envelope = await read_envelope(
            receive, request.headers.get("content-type", ""), self.settings.max_json_body_bytes
        )
        request.scope.setdefault("state", {})[ENVELOPE_READ] = True
        data, files = (None, []) if envelope is None else self._operation(envelope)
        if envelope is None or data is None:
            # Read on, the files would be taken with no slot and no judgement.
            request.scope.setdefault("state", {})[UNWANTED_BODY] = True
            raise RequestError(
                400,
                ENVELOPE_FIRST.format(limit=self.settings.max_json_body_bytes),
                MALFORMED_REQUEST,
            )
        declared = request.headers.get("content-length", "")
        size = least_file_bytes(envelope, int(declared) if declared.isdigit() else None, files)
        if not files:
            # No file to take: what may follow the envelope is not wanted.
            request.scope.setdefault("state", {})[UNWANTED_BODY] = True
            return Admission(without_files=data)
        # Before any charge: an upload refused for this costs the caller nothing.
        key = await caller_budget_key(context)
        self._check_slot(key, request)
        try:
            taken = await self._files_taken(context, data, size)
        except CannotJudge:
            try:
                await context.authenticated()
                taken = True
            except Unauthenticated:
                taken = False  # the fields refuse the anonymous caller, without the files
        if not taken:
            # Answered without the files: the server need not receive them.
            request.scope.setdefault("state", {})[UNWANTED_BODY] = True
            return Admission(without_files=data)
        self._check_slot(key, request)
        self._uploading[key] += 1
        return Admission(release=functools.partial(self._release, key))

    def _check_slot(self, key: str, request: Request) -> None:
        if self._uploading[key] >= UPLOADS_AT_ONCE:
            # Refused before its file: the server need not receive it.
            request.scope.setdefault("state", {})[UNWANTED_BODY] = True
            raise RequestError(
                429,
                "Another upload of yours is still being received or checked; send the next "
                "one when it has been answered.",
                TOO_MANY_UPLOADS,
            )

    def _document(self, query: str) -> DocumentNode | None:
        """The parsed document if it parses and validates; the last documents are kept,
        as a client sends the same few upload mutations again and again."""
        if query in self._documents:
            self._documents.move_to_end(query)
            return self._documents[query]
        try:
            document: DocumentNode | None = parse(query, max_tokens=self.settings.max_query_tokens)
            if document is not None and validate(self.schema, document, self._rules):
                document = None
        except (GraphQLError, RecursionError):
            document = None
        if len(query) <= MAX_KEPT_QUERY_CHARS:
            self._documents[query] = document
            if len(self._documents) > KEPT_DOCUMENTS:
                self._documents.popitem(last=False)
        return document

    def _release(self, key: str) -> None:
        self._uploading[key] -= 1
        if self._uploading[key] <= 0:
            del self._uploading[key]

    def _operation(self, envelope: Envelope) -> tuple[GraphQLRequestData | None, list[str]]:
        """The request with an empty placeholder for each file, and how many files; None
        when the envelope is not what the usual reading would take."""
        try:
            operations = loads(envelope.fields["operations"], self.limits, text=False)
            files_map = loads(envelope.fields["map"], self.limits, text=False)
        except Refused:
            return None, []
        if not isinstance(operations, dict) or not isinstance(files_map, dict):
            return None, []
        query, variables = operations.get("query"), operations.get("variables")
        name, extensions = operations.get("operationName"), operations.get("extensions")
        if (
            not isinstance(query, str)
            or not isinstance(variables, dict)
            or not isinstance(name, str | None)
            or not isinstance(extensions, dict | None)
        ):
            return None, []
        try:
            for paths in files_map.values():
                if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
                    return None, []
                placeholder = UploadFile(io.BytesIO(), filename="")
                for path in paths:
                    place_upload(operations, path, placeholder)
        except Refused:
            return None, []
        data = GraphQLRequestData(
            query=query, variables=variables, operation_name=name, extensions=extensions
        )
        return data, list(files_map)

    async def _files_taken(self, context: Context, data: GraphQLRequestData, size: int) -> bool:
        """Whether some field would take its file; False sets the refusals on the context."""
        query, name, variables = data.query or "", data.operation_name, data.variables or {}
        document = self._document(query)
        if document is None:
            return False  # the operation reports why, without the files
        operation = get_operation_ast(document, name)
        if operation is None:
            return False
        cost = self.costs.cost(document, name, variables, query=query)
        if cost is None or cost.too_complex or cost.value > self.settings.query_cost_max:
            return False  # refused by the cost extension
        budget = context.services.query_budget
        if budget.enabled and cost.value > 0:
            key = await caller_budget_key(context)
            charge = await budget.charge(key, cost.value)
            context.prepaid = Prepaid(query, name, charge, key)
            if not charge.allowed:
                return False
        if operation.operation != OperationType.MUTATION:
            return False  # no query field takes a file
        judged: dict[str, Exception | None] = {}
        for node in operation.selection_set.selections:
            if not isinstance(node, FieldNode):
                raise CannotJudge
            if node.directives and not _included(node, variables):
                continue
            check = FIELD_CHECKS.get(node.name.value)
            if check is None:
                continue
            arguments = {
                argument.name.value: value_from_ast_untyped(argument.value, variables)
                for argument in node.arguments or ()
            }
            key = node.alias.value if node.alias else node.name.value
            try:
                await check(context, arguments, size)
                judged[key] = None
            except (Invalid, Forbidden, Unauthenticated) as refusal:
                judged[key] = refusal
            except (CannotJudge, Unavailable):
                raise CannotJudge from None
            except Exception:
                log.exception("judging an upload before its body failed")
                raise CannotJudge from None
        if any(refusal is None for refusal in judged.values()):
            return True
        context.upload_refusals = {k: v for k, v in judged.items() if v is not None}
        return False
