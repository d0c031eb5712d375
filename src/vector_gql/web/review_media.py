"""``GET /review-media/<token>``: an answer's recording, for evaluators reviewing blind;
``GET /review-media/posters/<token>``: a still from it (its poster, a JPEG).

The link names the answer by id and carries an expiry and an HMAC signature
(``services/review/blind.py``); it holds no storage key or file name, and the
response adds none (no ``Content-Disposition`` file name, no storage headers).
The bytes are streamed from storage through the app, whichever backend holds
them.

Range requests are answered (``web/byte_ranges.py``) so browsers, Safari above all, can
play and seek: one range gives ``206`` with ``Content-Range`` and reads only those bytes
from storage; several ranges give the whole recording (``200``); a range past the end
gives ``416`` with ``Content-Range: bytes */size``. Every answer with the recording says
``Accept-Ranges: bytes``. The link is checked before the header is read, so a refused
link gets no bytes whatever range it asks for.

``HEAD`` gets the headers ``GET`` would, with no body (the recording's without reading
storage). The recording's ``ETag`` is made from its stored sha256 with the server's key
(the digest itself, which recruiters see beside the candidate's name, would identify
the candidate, and so would when it was recorded: no ``Last-Modified``); the poster's
``ETag`` is the sha256 of the bytes it sends. ``If-None-Match`` naming the current
version gives ``304``, and ``If-Range`` naming it lets a range be answered
(``web/conditional.py``). All of it comes after the link's check: a refused link gets
the same ``403`` to every method and header.
"""

from __future__ import annotations

import hashlib

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from ..services.review.blind import MEDIA_PATH, POSTER_PATH
from ..storage import StorageError
from .byte_ranges import UNSATISFIABLE, range_headers, requested_range
from .conditional import not_modified, not_modified_response, range_still_valid
from .rest import services


def _text(message: str, status_code: int) -> Response:
    return PlainTextResponse(
        message, status_code=status_code, headers={"Cache-Control": "no-store"}
    )


async def answer_media(request: Request) -> Response:
    found = await services(request).review.answer_media(request.path_params["token"])
    if found is None:
        return _text("This link is not valid, or has expired.", 403)
    size = found.size
    validators = {"ETag": f'"{found.tag}"', "Cache-Control": "private, max-age=300"}
    if not_modified(request.headers, validators["ETag"], None):
        return not_modified_response(validators)
    if_range_ok = range_still_valid(request.headers, validators["ETag"])
    wanted = requested_range(request.headers, size, if_range_ok=if_range_ok)
    if wanted == UNSATISFIABLE:
        return PlainTextResponse(
            "Requested range not satisfiable",
            status_code=416,
            headers={"Content-Range": f"bytes */{size}", "Cache-Control": "no-store"},
        )
    start, end = (0, size) if wanted is None else wanted
    length = {"Content-Length": str(size)} if wanted is None else range_headers(start, end, size)
    status = 200 if wanted is None else 206
    headers = {
        **length,
        **validators,
        "Accept-Ranges": "bytes",
        "Content-Disposition": "inline",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox",
    }
    if request.method == "HEAD":
        # The same headers as GET, and nothing read from storage.
        return Response(status_code=status, media_type=found.content_type, headers=headers)
    storage = services(request).storage
    chunks = storage.open_read(found.key, start=start, end=end)
    try:
        first = await anext(chunks, b"")
    except StorageError:
        return _text(StorageError.default_message, 503)

    async def body():  # type: ignore[no-untyped-def]
        yield first
        async for chunk in chunks:
            yield chunk

    return StreamingResponse(
        body(), status_code=status, media_type=found.content_type, headers=headers
    )


async def answer_poster(request: Request) -> Response:
    key = await services(request).review.answer_poster(request.path_params["token"])
    if key is None:
        return _text("This link is not valid, or has expired.", 403)
    try:
        data = b"".join([chunk async for chunk in services(request).storage.open_read(key)])
    except StorageError:
        return _text(StorageError.default_message, 503)
    # A poster has no stored digest (it can be made again): its bytes are its tag.
    validators = {
        "ETag": f'"{hashlib.sha256(data).hexdigest()}"',
        "Cache-Control": "private, max-age=300",
    }
    if not_modified(request.headers, validators["ETag"], None):
        return not_modified_response(validators)
    return Response(
        b"" if request.method == "HEAD" else data,
        media_type="image/jpeg",
        headers={
            **validators,
            "Content-Length": str(len(data)),
            "Content-Disposition": "inline",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "sandbox",
        },
    )


def routes() -> list[Route]:
    return [
        Route(POSTER_PATH + "{token}", answer_poster, methods=["GET", "HEAD"]),
        Route(MEDIA_PATH + "{token}", answer_media, methods=["GET", "HEAD"]),
    ]
