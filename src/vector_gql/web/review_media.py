"""``GET /review-media/<token>``: an answer's recording, for evaluators reviewing blind.

The link names the answer by id and carries an expiry and an HMAC signature
(``services/review/blind.py``); it holds no storage key or file name, and the
response adds none (no ``Content-Disposition`` file name, no storage headers).
The bytes are streamed from storage through the app, whichever backend holds
them.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from ..services.review.blind import MEDIA_PATH
from ..storage import StorageError
from .rest import services


def _text(message: str, status_code: int) -> Response:
    return PlainTextResponse(
        message, status_code=status_code, headers={"Cache-Control": "no-store"}
    )


async def answer_media(request: Request) -> Response:
    found = await services(request).review.answer_media(request.path_params["token"])
    if found is None:
        return _text("This link is not valid, or has expired.", 403)
    key, content_type, size = found
    storage = services(request).storage
    chunks = storage.open_read(key)
    try:
        first = await anext(chunks, b"")
    except StorageError:
        return _text(StorageError.default_message, 503)

    async def body():  # type: ignore[no-untyped-def]
        yield first
        async for chunk in chunks:
            yield chunk

    return StreamingResponse(
        body(),
        media_type=content_type,
        headers={
            "Content-Length": str(size),
            "Content-Disposition": "inline",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "sandbox",
            "Cache-Control": "private, max-age=300",
        },
    )


def routes() -> list[Route]:
    return [Route(MEDIA_PATH + "{token}", answer_media, methods=["GET"])]
