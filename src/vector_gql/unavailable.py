"""Requests that meet a dependency that is down get 503 and a code, not a 500.

Two conditions are the server's to wait out, not the client's to fix: the
database is unreachable, and the local disk that receives uploads (the
temporary folder, where request bodies are spooled) is full. Outside a GraphQL
resolver, an exception for either would reach the boundary guard
(boundary/asgi.py), which answers 500 "Unexpected error.". This middleware,
inside the guard and inside CORS, answers first: 503 with ``Retry-After`` and a code,
as a GraphQL error list on /graphql and as ``{"detail", "code"}`` elsewhere.
Inside resolvers the error policy (graphql/errors.py) gives the same codes.
"""

from __future__ import annotations

import errno
import logging

from starlette.datastructures import Headers
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import db
from .graphql.http import graphql_error_response

log = logging.getLogger("vector_gql.errors")

MESSAGE = "The database is unavailable just now; please try again shortly."
DISK_FULL_MESSAGE = (
    "The server has no room to receive this file just now; nothing was kept. "
    "Please try again later."
)


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)


def classify(exc: BaseException) -> tuple[str, str] | None:
    """(code, message) for a failure the client should retry later, else None."""
    if is_disk_full(exc):
        return "STORAGE_UNAVAILABLE", DISK_FULL_MESSAGE
    if db.is_unavailable(exc):
        return "DATABASE_UNAVAILABLE", MESSAGE
    return None


class ServiceUnavailable:
    def __init__(self, app: ASGIApp, graphql_path: str = "/graphql") -> None:
        self.app = app
        self.graphql_path = graphql_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            found = None if started else classify(exc)
            if found is None:
                raise
            code, message = found
            request_id = scope.get("state", {}).get("request_id", "-")
            log.warning(
                "%s in %s %s (request %s): %r",
                code.lower().replace("_", " "),
                scope["method"],
                scope["path"],
                request_id,
                exc,
            )
            headers = {
                "retry-after": "1" if code == "DATABASE_UNAVAILABLE" else "30",
                "x-request-id": request_id,
            }
            response: Response
            if scope["path"] == self.graphql_path:
                # A GraphQL error, in the media type the client asked for.
                response = graphql_error_response(
                    Headers(scope=scope),
                    503,
                    message,
                    code,
                    extra_headers=headers,
                    retryable=True,
                    requestId=request_id,
                )
            else:
                response = JSONResponse(
                    {"detail": message, "code": code, "requestId": request_id},
                    status_code=503,
                    headers=headers,
                )
            await response(scope, receive, send)
