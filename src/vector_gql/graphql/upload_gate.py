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

Anything the gate cannot judge (a malformed envelope, directives or fragments on
the root fields, a field whose arguments do not coerce) is read and run as
before, so every refusal of the usual path stays what it was.
"""

from __future__ import annotations

import functools
import io
import logging
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    GraphQLError,
    GraphQLSchema,
    OperationType,
    get_operation_ast,
    parse,
    validate,
    value_from_ast_untyped,
)
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.datastructures import UploadFile
from starlette.requests import Request
from strawberry.http import GraphQLRequestData

from ..boundary.graphql import place_upload
from ..boundary.values import Refused, json_limits, loads
from ..config import Settings
from ..services.errors import Forbidden, Invalid, Unauthenticated, Unavailable
from .context import Context, Prepaid
from .cost import CostAnalysis, caller_budget_key
from .http import PeekableReceive, RequestError
from .node import decode_id

log = logging.getLogger(__name__)

# Uploads one caller may have under way at once, in one worker.
UPLOADS_AT_ONCE = 1
TOO_MANY_UPLOADS = "TOO_MANY_UPLOADS"
ENVELOPE_FIELDS = ("operations", "map")


class CannotJudge(Exception):
    """The gate cannot tell what the operation would do: it is read and run as usual."""


# --- reading the body up to the first file ------------------------------------------------


@dataclass(frozen=True)
class Envelope:
    fields: dict[str, bytes]  # operations and map, as sent
    file_start: int | None  # where the first file's bytes begin in the body, if reached
    boundary: bytes


class _EnvelopeParser:
    """python-multipart callbacks that keep the envelope's fields and stop at a file."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.fields: dict[str, bytes] = {}
        self.done = False
        self.too_large = False
        self.in_file = False
        self.file_data_at: int | None = None  # in the piece being parsed
        self._header = b""
        self._value = b""
        self._disposition = b""
        self._field: str | None = None
        self._data = bytearray()

    def callbacks(self) -> dict[str, Callable[..., None]]:
        return {
            "on_part_begin": self.on_part_begin,
            "on_part_data": self.on_part_data,
            "on_part_end": self.on_part_end,
            "on_header_field": self.on_header_field,
            "on_header_value": self.on_header_value,
            "on_header_end": self.on_header_end,
            "on_headers_finished": self.on_headers_finished,
        }

    def on_part_begin(self) -> None:
        self._disposition = b""
        self._field = None
        self._data = bytearray()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def on_header_end(self) -> None:
        if self._header.lower() == b"content-disposition":
            self._disposition = self._value
        self._header = self._value = b""

    def on_headers_finished(self) -> None:
        if self.in_file:
            return
        _, options = parse_options_header(self._disposition)
        name = options.get(b"name", b"").decode("latin-1")
        if b"filename" in options or name not in ENVELOPE_FIELDS:
            # The files begin (perhaps in the piece that completed the envelope).
            self.done = self.in_file = True
        elif not self.done:
            self._field = name

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self.in_file:
            if self.file_data_at is None:
                self.file_data_at = start
            return
        if self.done or self._field is None:
            return
        self._data += data[start:end]
        if len(self._data) > self.limit:
            self.done = self.too_large = True

    def on_part_end(self) -> None:
        if self.done or self._field is None:
            return
        self.fields[self._field] = bytes(self._data)
        self._field = None
        if all(name in self.fields for name in ENVELOPE_FIELDS):
            self.done = True


async def read_envelope(receive: PeekableReceive, content_type: str, limit: int) -> Envelope | None:
    """The operations and map fields, read ahead (and kept for the usual reading);
    None when they cannot be had before a file or within ``limit`` bytes each."""
    _, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if not boundary:
        return None
    state = _EnvelopeParser(limit)
    parser = MultipartParser(boundary, state.callbacks())  # type: ignore[arg-type]
    read = 0
    file_start: int | None = None
    while not state.done:
        message = await receive.read_ahead()
        if message["type"] != "http.request":
            return None
        piece = message.get("body", b"")
        before, read = read, read + len(piece)
        state.file_data_at = None
        try:
            parser.write(piece)
        except Exception:  # malformed: the usual reading refuses it with its message
            return None
        if state.in_file and file_start is None:
            at = state.file_data_at
            file_start = before + (at if at is not None else len(piece))
        if not message.get("more_body", False) or read > 2 * limit + 64 * 1024:
            break
    if state.too_large or any(name not in state.fields for name in ENVELOPE_FIELDS):
        return None
    return Envelope(state.fields, file_start, boundary)


def least_file_bytes(envelope: Envelope, declared: int | None, files: int) -> int:
    """The fewest bytes the one file can have: what follows its start in a body of the
    declared length, less the closing delimiter (``\\r\\n--boundary--\\r\\n``). Zero when
    there are several files or the length is not declared."""
    if files != 1 or declared is None or envelope.file_start is None:
        return 0
    return max(0, declared - envelope.file_start - (len(envelope.boundary) + 8))


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
        self.costs = CostAnalysis(schema, settings)
        self.limits = json_limits(settings)
        self._uploading: Counter[str] = Counter()

    async def admit(self, request: Request, context: Context) -> Admission:
        """Judge a multipart request from its envelope (RequestError: too many at once)."""
        receive = request.receive
        if not isinstance(receive, PeekableReceive):
            return Admission()
        envelope = await read_envelope(
            receive, request.headers.get("content-type", ""), self.settings.max_json_body_bytes
        )
        if envelope is None:
            return Admission()
        data, files = self._operation(envelope)
        if data is None:
            return Admission()
        declared = request.headers.get("content-length", "")
        size = least_file_bytes(envelope, int(declared) if declared.isdigit() else None, files)
        try:
            taken = await self._files_taken(context, data, size)
        except CannotJudge:
            taken = True
        if not taken:
            return Admission(without_files=data)
        key = await caller_budget_key(context)
        if self._uploading[key] >= UPLOADS_AT_ONCE:
            raise RequestError(
                429,
                "Another upload of yours is still being received or checked; send the next "
                "one when it has been answered.",
                TOO_MANY_UPLOADS,
            )
        self._uploading[key] += 1
        return Admission(release=functools.partial(self._release, key))

    def _release(self, key: str) -> None:
        self._uploading[key] -= 1
        if self._uploading[key] <= 0:
            del self._uploading[key]

    def _operation(self, envelope: Envelope) -> tuple[GraphQLRequestData | None, int]:
        """The request with an empty placeholder for each file, and how many files; None
        when the envelope is not what the usual reading would take."""
        try:
            operations = loads(envelope.fields["operations"], self.limits, text=False)
            files_map = loads(envelope.fields["map"], self.limits, text=False)
        except Refused:
            return None, 0
        if not isinstance(operations, dict) or not isinstance(files_map, dict) or not files_map:
            return None, 0
        query, variables = operations.get("query"), operations.get("variables")
        name, extensions = operations.get("operationName"), operations.get("extensions")
        if (
            not isinstance(query, str)
            or not isinstance(variables, dict)
            or not isinstance(name, str | None)
            or not isinstance(extensions, dict | None)
        ):
            return None, 0
        try:
            for paths in files_map.values():
                if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
                    return None, 0
                placeholder = UploadFile(io.BytesIO(), filename="")
                for path in paths:
                    place_upload(operations, path, placeholder)
        except Refused:
            return None, 0
        data = GraphQLRequestData(
            query=query, variables=variables, operation_name=name, extensions=extensions
        )
        return data, len(files_map)

    async def _files_taken(self, context: Context, data: GraphQLRequestData, size: int) -> bool:
        """Whether some field would take its file; False sets the refusals on the context."""
        query, name, variables = data.query or "", data.operation_name, data.variables or {}
        try:
            document = parse(query)
        except GraphQLError:
            return False  # the operation reports it, without the files
        if validate(self.schema, document):
            return False
        operation = get_operation_ast(document, name)
        if operation is None:
            return False
        cost = self.costs.cost(document, name, variables, query=query)
        if cost is None or cost.too_complex or cost.value > self.settings.query_cost_max:
            return False  # refused by the cost extension
        budget = context.services.query_budget
        if budget.enabled and cost.value > 0:
            charge = await budget.charge(await caller_budget_key(context), cost.value)
            context.prepaid = Prepaid(query, name, charge)
            if not charge.allowed:
                return False
        if operation.operation != OperationType.MUTATION:
            return False  # no query field takes a file
        judged: dict[str, Exception | None] = {}
        for node in operation.selection_set.selections:
            if not isinstance(node, FieldNode) or node.directives:
                raise CannotJudge
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
