"""GraphQL over HTTP, as the GraphQL-over-HTTP specification lays it out.

- The response is ``application/graphql-response+json`` when the client
  accepts it, else ``application/json`` (also for ``*/*`` or no Accept header).
- A request error (the document cannot be parsed or validated, the operation
  cannot be chosen, the variables cannot be coerced) has no ``data`` entry. It
  answers 400 under ``application/graphql-response+json`` and 200 under
  ``application/json``, as the specification asks for each.
- A request the server cannot read at all (bad JSON, wrong parameters, an
  unsupported content type or method, a mutation over GET) gets the HTTP status
  that names the problem (400, 405, 413, 415) under either media type. JSON is
  decoded, and refused, by the input boundary (``boundary/graphql.py``), whose
  codes (``INVALID_JSON``, ``MALFORMED_REQUEST``, ...) these refusals share.
- Every error is a JSON GraphQL error with ``extensions.code``; nothing is
  answered as text/plain.

WebSocket connections are strawberry's (``graphql-transport-ws``), unchanged.

Over 400 lines on purpose: every way an HTTP request is taken or refused (methods,
media types, parameters, the upload gate's admission and its charge) is one view.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import orjson
from cross_web import HTTPException, StarletteRequestAdapter
from graphql import GraphQLError
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import MissingQueryError
from strawberry.http import GraphQLRequestData
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType
from strawberry.types.unset import UNSET

from ..boundary.envelope import PeekableReceive
from ..boundary.server import UNWANTED_BODY
from ..services.errors import ErrorCode
from ..services.media.writes import DROPPED_UPLOAD_WORK
from .request_errors import INTERNAL_SERVER_ERROR, OPERATION_RESOLUTION_FAILURE

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"

# A request that does not have the shape of a GraphQL request (the boundary's code).
MALFORMED_REQUEST = "MALFORMED_REQUEST"
# A request refused to protect against cross-site request forgery (Apollo's code).
BAD_REQUEST = "BAD_REQUEST"
METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
NOT_FOUND = "NOT_FOUND"
PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"
UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"

_REQUEST_CONTENT_TYPES = ("application/json", "multipart/form-data")


class RequestError(Exception):
    """The HTTP request cannot be taken as a GraphQL request."""

    def __init__(
        self,
        status: int,
        message: str,
        code: str = MALFORMED_REQUEST,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.headers = dict(headers or {})


def _media_ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        if not media:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((media.lower(), quality))
    return ranges


def response_media_type(accept: str | None) -> str:
    """The media type to answer with, from the request's Accept header.

    ``application/graphql-response+json`` only when the client names it and
    prefers it at least as much as ``application/json``; ``application/json``
    otherwise, including for ``*/*``, for no header and for an Accept header
    that names neither (the specification lets the server answer its default
    rather than 406, which suits clients that send ``text/html``).
    """
    if not accept:
        return JSON
    best: dict[str, float] = {}
    for media, quality in _media_ranges(accept):
        if media in (GRAPHQL_RESPONSE_JSON, JSON):
            best[media] = max(best.get(media, 0.0), quality)
        elif media in ("*/*", "application/*"):
            best.setdefault("*", 0.0)
            best["*"] = max(best["*"], quality)
    graphql_q = best.get(GRAPHQL_RESPONSE_JSON, 0.0)
    json_q = best.get(JSON, best.get("*", 0.0))
    if graphql_q > 0 and graphql_q >= json_q:
        return GRAPHQL_RESPONSE_JSON
    return JSON


def error_body(message: str, code: str, **extensions: Any) -> dict[str, Any]:
    return {"errors": [{"message": message, "extensions": {"code": code, **extensions}}]}


def graphql_error_response(
    headers: Headers | Mapping[str, str],
    status: int,
    message: str,
    code: str,
    *,
    extra_headers: Mapping[str, str] | None = None,
    **extensions: Any,
) -> Response:
    """A request refused before any GraphQL ran, as a JSON GraphQL error."""
    return Response(
        json.dumps(error_body(message, code, **extensions), separators=(",", ":")),
        status_code=status,
        media_type=response_media_type(headers.get("accept")),
        headers={"vary": "Accept", **(extra_headers or {})},
    )


def unexpected_error(headers: Headers, request_id: str) -> Response:
    """A failure outside the resolvers, where no GraphQL error masking ran."""
    return graphql_error_response(
        headers, 500, "Unexpected error.", INTERNAL_SERVER_ERROR, requestId=request_id
    )


def is_request_error(result: ExecutionResult) -> bool:
    """No field ran: parsing, validation or variable coercion failed.

    Errors from fields always have a path; request errors never do.
    """
    errors = result.errors or []
    return result.data is None and bool(errors) and all(error.path is None for error in errors)


ContextT = TypeVar("ContextT")
RootValueT = TypeVar("RootValueT")


class GraphQLHTTPView(GraphQL[ContextT, RootValueT]):
    """strawberry's ASGI view, with the HTTP side answered by the specification."""

    # Judges multipart requests before their files are read (upload_gate.UploadGate).
    upload_gate: Any = None

    def encode_json(self, data: object) -> str | bytes:
        """orjson: UTF-8 as it is, 30 times faster than json for a page of a hundred
        interviews; json for what orjson refuses (an integer beyond 64 bits)."""
        try:
            return orjson.dumps(data)
        except TypeError:
            return json.dumps(data, separators=(",", ":"))

    async def parse_http_body(self, request: Any) -> Any:
        """strawberry's, without its Content-Type parsing (``email.message``, the most
        of its cost) for the usual request: a POST of ``application/json`` that holds
        one JSON object. Anything else is strawberry's to read."""
        if request.method != "POST" or request.content_type != JSON:
            return await super().parse_http_body(request)
        data = self.parse_json(await request.get_body())
        if not isinstance(data, dict):
            return await super().parse_http_body(request)  # the body is read once
        transport = self._get_stream_transport_from_headers(request.headers)
        query, variables, extensions = (
            data.get("query"),
            data.get("variables"),
            data.get("extensions"),
        )
        # strawberry's checks and messages.
        if not isinstance(query, str | None):
            raise HTTPException(
                400, "The GraphQL operation's `query` must be a string or null, if provided."
            )
        if not isinstance(variables, dict | None):
            raise HTTPException(
                400, "The GraphQL operation's `variables` must be an object or null, if provided."
            )
        if not isinstance(extensions, dict | None):
            raise HTTPException(
                400,
                "The GraphQL operation's `extensions` must be an object or null, if provided.",
            )
        return GraphQLRequestData(
            query=query,
            variables=variables,
            operation_name=data.get("operationName"),
            extensions=extensions,
            protocol=transport.protocol if transport else "http",
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=PeekableReceive(receive))
        response = await self.run(request)

        async def send_closing(message: Message) -> None:
            if message["type"] == "http.response.start" and scope.get("state", {}).get(
                UNWANTED_BODY
            ):
                # The rest of the body is dropped: the connection ends after this answer.
                headers = [*message.get("headers", ()), (b"connection", b"close")]
                message = {**message, "headers": headers}
            await send(message)

        await response(scope, receive, send_closing)

    async def run(
        self, request: Request | WebSocket, context: Any = UNSET, root_value: Any = UNSET
    ) -> Any:
        if not isinstance(request, Request):
            return await super().run(request, context, root_value)
        try:
            return await self._answer(request, context, root_value)
        except RequestError as exc:
            return graphql_error_response(
                request.headers, exc.status, exc.message, exc.code, extra_headers=exc.headers
            )
        except HTTPException as exc:
            # Raised by strawberry's request parsing (multipart, batching) and by our checks.
            return graphql_error_response(
                request.headers, exc.status_code, exc.reason, _code_for_status(exc.status_code)
            )
        # Anything else goes on to the middleware (a body over the limit) or to the
        # app's handler of unexpected errors, which answers with unexpected_error().

    async def _answer(self, request: Request, context: Any, root_value: Any) -> Response:
        method = request.method
        if method not in ("GET", "POST"):
            raise RequestError(
                405,
                f"{method} is not supported here: send GraphQL requests with POST, or queries "
                "with GET.",
                METHOD_NOT_ALLOWED,
                {"allow": "GET, POST"},
            )
        adapter = StarletteRequestAdapter(request)
        if self.should_render_graphql_ide(adapter):
            if not self.graphql_ide:
                raise RequestError(404, "GraphiQL is not served here.", NOT_FOUND)
            return await self.render_graphql_ide(request)
        data, release = None, None
        sub_response = await self.get_sub_response(request)
        if method == "POST":
            _check_content_type(request.headers.get("content-type", ""))
        dropped: list[asyncio.Future[Any]] = []
        holding = DROPPED_UPLOAD_WORK.set(dropped)
        try:
            content_type = request.headers.get("content-type", "")
            if (
                method == "POST"
                and self.upload_gate
                and content_type.lower().startswith("multipart/form-data")
            ):
                if context is UNSET:
                    context = await self.get_context(request, response=sub_response)
                admission = await self.upload_gate.admit(request, context)
                data, release = admission.without_files, admission.release
            if data is None:
                data = await self.parse_http_body(adapter)
            if not isinstance(data, GraphQLRequestData):
                raise RequestError(400, "Send one operation per request; batches are not taken.")
            _check_parameters(data)
            if context is UNSET:
                context = await self.get_context(request, response=sub_response)
            if root_value is UNSET:
                root_value = await self.get_root_value(request)
            result = await self.execute_operation(
                request=request,
                request_adapter=adapter,
                request_data=data,
                context=context,
                root_value=root_value,
                sub_response=sub_response,
            )
            if not isinstance(result, ExecutionResult):
                raise RequestError(400, "This operation cannot be answered over plain HTTP.")
            return await self._respond(request, result, sub_response)
        finally:
            DROPPED_UPLOAD_WORK.reset(holding)
            if release is not None:
                release_when_done(dropped, release)
            _refund_unused(context)

    async def execute_single(
        self,
        request: Request,
        request_adapter: Any,
        sub_response: Response,
        context: Any,
        root_value: Any,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        allowed = OperationType.from_http(request_adapter.method)
        try:
            return await self.schema.execute(
                request_data.query,
                root_value=root_value,
                variable_values=request_data.variables,
                context_value=context,
                operation_name=request_data.operation_name,
                allowed_operation_types=allowed,
                operation_extensions=request_data.extensions,
            )
        except CannotGetOperationTypeError:
            name = request_data.operation_name
            return ExecutionResult(
                data=None,
                errors=[
                    GraphQLError(
                        f"The document has no operation named '{name}'."
                        if name
                        else "The document has no operation to run.",
                        extensions={"code": OPERATION_RESOLUTION_FAILURE},
                    )
                ],
            )
        except InvalidOperationTypeError as exc:
            kind = exc.operation_type.value
            raise RequestError(
                405,
                f"A {kind} cannot be sent with {request_adapter.method}: use POST.",
                METHOD_NOT_ALLOWED,
                {"allow": "POST"},
            ) from None
        except MissingQueryError:
            raise RequestError(400, _NO_QUERY) from None

    async def _respond(
        self, request: Request, result: ExecutionResult, sub_response: Response
    ) -> Response:
        media_type = response_media_type(request.headers.get("accept"))
        body: dict[str, Any] = dict(await self.process_result(request, result))
        status = 200
        if is_request_error(result):
            # The specification: a request error has no data entry, and is a 400 for
            # clients that understand application/graphql-response+json (429 when the
            # caller's query budget refused it, with its Retry-After).
            body.pop("data", None)
            if media_type == GRAPHQL_RESPONSE_JSON:
                status = 429 if _rate_limited(result) else 400
        response = Response(self.encode_json(body), status_code=status, media_type=media_type)
        response.headers.raw.extend(sub_response.headers.raw)
        response.headers["vary"] = "Accept"
        if sub_response.background:
            response.background = sub_response.background
        if sub_response.status_code:
            response.status_code = sub_response.status_code
        return response


_NO_QUERY = "Send the GraphQL document in the 'query' parameter."


def _rate_limited(result: ExecutionResult) -> bool:
    return any(
        (error.extensions or {}).get("code") == ErrorCode.RATE_LIMITED
        for error in result.errors or []
    )


def _check_content_type(header: str) -> None:
    media_type, _, params = header.partition(";")
    media_type = media_type.strip().lower()
    if media_type not in _REQUEST_CONTENT_TYPES:
        raise RequestError(
            415,
            "Send GraphQL requests as application/json (multipart/form-data for file "
            f"uploads), not {media_type or 'a body without a Content-Type'}.",
            UNSUPPORTED_MEDIA_TYPE,
        )
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in (
            "utf-8",
            "utf8",
        ):
            raise RequestError(415, "Send the request body in UTF-8.", UNSUPPORTED_MEDIA_TYPE)


def _check_parameters(data: GraphQLRequestData) -> None:
    if data.query is None:
        raise RequestError(400, _NO_QUERY)
    if data.operation_name is not None and not isinstance(data.operation_name, str):
        raise RequestError(400, "The 'operationName' parameter must be a string or null.")


def _code_for_status(status: int) -> str:
    return {
        405: METHOD_NOT_ALLOWED,
        404: NOT_FOUND,
        413: PAYLOAD_TOO_LARGE,
        415: UNSUPPORTED_MEDIA_TYPE,
    }.get(status, MALFORMED_REQUEST)


def _refund_unused(context: Any) -> None:
    """The upload gate's charge, given back when its operation never ran (the cost
    extension takes it from the context when it does)."""
    prepaid = getattr(context, "prepaid", None)
    if prepaid is None:
        return
    context.prepaid = None
    if prepaid.charge.allowed and prepaid.key:
        context.services.query_budget.refund(prepaid.key, prepaid.charge.cost)


def release_when_done(work: list[asyncio.Future[Any]], release: Callable[[], None]) -> None:
    """Call ``release`` now, or once the work a dropped upload left running has ended:
    the caller's upload slot is held until its file is no longer being stored."""
    pending = [future for future in work if not future.done()]
    left = len(pending)
    if not left:
        release()
        return

    def one_done(_: asyncio.Future[Any]) -> None:
        nonlocal left
        left -= 1
        if left == 0:
            release()

    for future in pending:
        future.add_done_callback(one_done)
