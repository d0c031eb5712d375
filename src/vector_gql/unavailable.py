"""Requests that meet a database that is down get 503 and a code, not a 500.

Outside GraphQL (the REST paths and the HTML pages) an exception from a route
would reach Starlette's server-error handler, which answers 500 and then
drops the connection. This middleware answers first: 503 with
``DATABASE_UNAVAILABLE`` and ``Retry-After``, on a connection that stays usable.
GraphQL operations get the same code from the error policy (graphql/errors.py).
"""

from __future__ import annotations

import json
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import db

log = logging.getLogger("vector_gql.errors")

MESSAGE = "The database is unavailable just now; please try again shortly."


class DatabaseUnavailable:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

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
            if started or not db.is_unavailable(exc):
                raise
            request_id = scope.get("state", {}).get("request_id", "-")
            log.warning(
                "database unavailable in %s %s (request %s): %r",
                scope["method"],
                scope["path"],
                request_id,
                exc,
            )
            body = json.dumps(
                {"detail": MESSAGE, "code": "DATABASE_UNAVAILABLE", "requestId": request_id}
            ).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 503,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                        (b"retry-after", b"1"),
                        (b"x-request-id", request_id.encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
