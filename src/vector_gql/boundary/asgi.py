"""An ASGI guard around the whole app.

- An unexpected failure becomes a logged 500 with the request id (on the GraphQL
  path, a masked GraphQL error in the media type the client accepts), and the
  connection stays usable: starlette's outermost error handler re-raises after
  answering, and uvicorn then drops a keep-alive connection without saying
  ``Connection: close``, so the client's next request on it was reset.
- WebSocket messages are capped like HTTP bodies (uvicorn's own cap is set by
  ``vector-gql serve``; this one holds however the app is served).
- HTML pages may not be framed by another site (``frame-ancestors 'none'`` and
  ``X-Frame-Options: DENY``), against clickjacking.
"""

from __future__ import annotations

import json
import logging

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..graphql.http import unexpected_error as unexpected_graphql_error

log = logging.getLogger("vector_gql.errors")

FRAME_ANCESTORS = b"frame-ancestors 'none'"


class BoundaryGuard:
    def __init__(
        self, app: ASGIApp, max_message_bytes: int, graphql_path: str | None = None
    ) -> None:
        self.app = app
        self.max_message_bytes = max_message_bytes
        self.graphql_path = graphql_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await self.app(scope, self._capped(receive, send), send)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = _no_framing(message)
            await send(message)

        try:
            await self.app(scope, receive, guarded_send)
        except Exception as exc:
            if started:
                raise  # half a response went out: the connection cannot be saved
            request_id = scope.get("state", {}).get("request_id", "-")
            log.error(
                "unexpected error in %s %s (request %s)",
                scope.get("method"),
                scope.get("path"),
                request_id,
                exc_info=(type(exc), exc, exc.__traceback__),
            )
            if scope.get("path") == self.graphql_path:
                response = unexpected_graphql_error(Headers(scope=scope), request_id)
                await response(scope, receive, send)
                return
            body = json.dumps({"detail": "Unexpected error.", "requestId": request_id}).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 500,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})

    def _capped(self, receive: Receive, send: Send) -> Receive:
        limit = self.max_message_bytes

        async def capped_receive() -> Message:
            message = await receive()
            if message["type"] == "websocket.receive":
                text = message.get("text")
                size = (
                    len(message.get("bytes") or b"")
                    if text is None
                    else (len(text) if text.isascii() else len(text.encode("utf-8", "replace")))
                )
                if size > limit:
                    await send(
                        {
                            "type": "websocket.close",
                            "code": 1009,
                            "reason": f"Messages may be at most {limit} bytes.",
                        }
                    )
                    return {"type": "websocket.disconnect", "code": 1009}
            return message

        return capped_receive


def _no_framing(message: Message) -> Message:
    headers = list(message.get("headers", []))
    content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
    if not content_type.lower().startswith(b"text/html"):
        return message
    names = {k.lower() for k, _ in headers}
    if b"x-frame-options" not in names:
        headers.append((b"x-frame-options", b"DENY"))
    csp = [i for i, (k, _) in enumerate(headers) if k.lower() == b"content-security-policy"]
    if not csp:
        headers.append((b"content-security-policy", FRAME_ANCESTORS))
    else:
        name, value = headers[csp[0]]
        if b"frame-ancestors" not in value:
            headers[csp[0]] = (name, value.rstrip(b"; ") + b"; " + FRAME_ANCESTORS)
    return {**message, "headers": headers}
