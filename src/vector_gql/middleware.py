"""ASGI middleware: request ids and access logs, body size limits, upload body pieces,
upload CSRF."""

from __future__ import annotations

import contextvars
import logging
import os
import re
import time

from starlette.datastructures import Headers
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .boundary.envelope import ENVELOPE_READ
from .boundary.values import (
    Refused,
    TooManyValues,
    ValueCounter,
    count_values,
    json_limits,
    too_many_values,
)
from .config import Settings
from .graphql.http import BAD_REQUEST, PAYLOAD_TOO_LARGE, graphql_error_response

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)
access_log = logging.getLogger("vector_gql.access")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdFilter(logging.Filter):
    """Puts the current request id on every log record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get() or "-"
        return True


class RequestContext:
    """Give each request an id (or keep the caller's), log one line per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        incoming = Headers(scope=scope).get("x-request-id", "")
        request_id = incoming if _SAFE_ID.match(incoming) else os.urandom(16).hex()
        scope.setdefault("state", {})["request_id"] = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 0

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [
                    *message["headers"],
                    (b"x-request-id", request_id.encode()),
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            access_log.info(
                "%s %s %s %.1fms",
                scope.get("method", "WS"),
                scope.get("path", ""),
                status or "-",
                (time.perf_counter() - started) * 1000,
            )
            request_id_var.reset(token)


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """Refuse request bodies over a limit while they arrive, never reading them whole.

    A declared Content-Length over the limit is refused before reading a byte;
    a chunked body is cut off as soon as it passes the limit.

    A JSON body large enough to hold more values than ``VECTOR_MAX_INPUT_VALUES``
    has them counted as it arrives (``ValueCounter``, at bytes speed) and is
    refused (413, ``INPUT_TOO_LARGE``) once it has too many, before the rest is
    read or any of it decoded: decoding a million values would hold the event
    loop for milliseconds, and every other request with it. With a declared
    length the connection stays open and the server drops the rest of the body.
    """

    def __init__(
        self,
        app: ASGIApp,
        settings: Settings,
        upload_paths: tuple[str, ...],
        graphql_path: str | None = None,
    ) -> None:
        self.app = app
        self.settings = settings
        self.upload_paths = upload_paths
        self.graphql_path = graphql_path
        self.json_limits = json_limits(settings)

    def limit_for(self, scope: Scope, headers: Headers) -> int:
        """Files may be large only where files are taken; everything else stays small."""
        if scope["path"].startswith("/storage-upload/"):
            return self.settings.max_upload_bytes
        if scope["path"] in self.upload_paths and headers.get("content-type", "").startswith(
            "multipart/form-data"
        ):
            # The file plus the operations and map fields around it.
            return self.settings.max_upload_bytes + 1024 * 1024
        return self.settings.max_json_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        limit = self.limit_for(scope, headers)
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self.too_large(scope, headers, limit)(scope, receive, send)
            return
        received = 0
        started = False
        values = self.value_counter(headers, declared)
        max_values = self.json_limits.max_values

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                body = message.get("body", b"")
                received += len(body)
                if received > limit:
                    raise BodyTooLarge
                if values is not None and body:
                    await count_values(values, body, max_values)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self.too_large(scope, headers, limit)(scope, receive, send)
        except TooManyValues:
            if not started:
                response = self.too_many_values(scope, headers, close=declared is None)
                await response(scope, receive, send)

    def value_counter(self, headers: Headers, declared: str | None) -> ValueCounter | None:
        """A counter for JSON bodies that could hold more values than allowed.

        A valid JSON text with ``n`` commas between values is at least ``2n + 1``
        bytes long, so a shorter declared body is not counted at all.
        """
        media_type = headers.get("content-type", "").partition(";")[0].strip().lower()
        if not media_type.endswith("json"):
            return None
        if (
            declared is not None
            and declared.isdigit()
            and int(declared) < 2 * self.json_limits.max_values
        ):
            return None
        return ValueCounter()

    def too_many_values(self, scope: Scope, headers: Headers, *, close: bool) -> Response:
        refusal: Refused = too_many_values(self.json_limits)
        # A body of declared length is read to its end by the server (and dropped), so
        # the connection can serve the next request; a chunked one may never end.
        extra = {"connection": "close"} if close else {}
        if scope["path"] == self.graphql_path:
            return graphql_error_response(
                headers, refusal.status, refusal.message, refusal.code.value, extra_headers=extra
            )
        return JSONResponse(refusal.as_json(), status_code=refusal.status, headers=extra)

    def too_large(self, scope: Scope, headers: Headers, limit: int) -> Response:
        message = f"The request body is larger than the limit of {limit} bytes."
        if scope["path"] == self.graphql_path:
            return graphql_error_response(
                headers, 413, message, PAYLOAD_TOO_LARGE, extra_headers={"connection": "close"}
            )
        return PlainTextResponse(message, status_code=413, headers={"connection": "close"})


UPLOAD_BODY_PIECE = 1024 * 1024


class CoalesceUploadBody:
    """Hand upload bodies to the app in pieces of about 1 MiB rather than as they arrive.

    uvicorn passes a body on in the pieces the socket yields (64-256 KB), and starlette's
    multipart parser writes each piece of a file to its spool file in a thread hop of its
    own: some 10,000 hops for a 1 GB upload, most of the time spent receiving it. Joined
    into 1 MiB pieces, the same bytes take a tenth of the hops; the app holds at most one
    piece (and one message more) of a body in memory.

    The first message of a multipart POST goes on as it arrives: it holds the
    operations and map fields, which the upload gate (graphql/upload_gate.py) judges
    before any more of the body is read, so a refused upload costs that one message.
    On ``gated_paths`` every message goes on as it arrives until the gate has read the
    envelope (``ENVELOPE_READ``), however many messages the envelope spans: a file is
    not gathered before the gate has judged it.

    A disconnect while a piece is being gathered is passed on at once: the request is
    lost either way.
    """

    def __init__(
        self,
        app: ASGIApp,
        upload_paths: tuple[str, ...],
        piece_bytes: int = UPLOAD_BODY_PIECE,
        gated_paths: tuple[str, ...] = (),
    ) -> None:
        self.app = app
        self.upload_paths = upload_paths
        self.piece_bytes = piece_bytes
        self.gated_paths = gated_paths

    def applies(self, scope: Scope) -> bool:
        if scope["path"].startswith("/storage-upload/"):
            return bool(scope["method"] == "PUT")
        return bool(
            scope["method"] == "POST"
            and scope["path"] in self.upload_paths
            and Headers(scope=scope).get("content-type", "").startswith("multipart/form-data")
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.applies(scope):
            await self.app(scope, receive, send)
            return
        finished = False
        first = scope["method"] == "POST"
        gated = first and scope["path"] in self.gated_paths

        def judged() -> bool:
            return bool(scope.get("state", {}).get(ENVELOPE_READ))

        async def coalescing_receive() -> Message:
            nonlocal finished, first
            if first or (gated and not judged()):
                first = False
                message = await receive()
                finished = message["type"] != "http.request" or not message.get("more_body")
                return message
            if finished:
                return await receive()
            pieces: list[bytes] = []
            gathered = 0
            while True:
                message = await receive()
                if message["type"] != "http.request":
                    return message
                body = message.get("body", b"")
                pieces.append(body)
                gathered += len(body)
                more = message.get("more_body", False)
                if not more or gathered >= self.piece_bytes:
                    finished = not more
                    return {"type": "http.request", "body": b"".join(pieces), "more_body": more}

        await self.app(scope, coalescing_receive, send)


class UploadCsrf:
    """Multipart requests to the API must carry a header a plain form cannot set.

    As in Apollo Server: a browser sends ``multipart/form-data`` cross-site
    without a preflight, so such requests must carry ``Apollo-Require-Preflight``
    or ``X-Apollo-Operation-Name``, which force one.
    """

    def __init__(self, app: ASGIApp, paths: tuple[str, ...]) -> None:
        self.app = app
        self.paths = paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] in self.paths:
            headers = Headers(scope=scope)
            content_type = headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type in (
                "multipart/form-data",
                "application/x-www-form-urlencoded",
                "text/plain",
            ) and not (
                headers.get("apollo-require-preflight") or headers.get("x-apollo-operation-name")
            ):
                response = graphql_error_response(
                    headers,
                    400,
                    "This request has content type "
                    f"{content_type} and no 'Apollo-Require-Preflight' or "
                    "'X-Apollo-Operation-Name' header, so it was refused to protect against "
                    "cross-site request forgery. Add 'Apollo-Require-Preflight: true'.",
                    BAD_REQUEST,
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
