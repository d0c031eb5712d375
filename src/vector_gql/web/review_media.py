"""``GET /review-media/<token>``: an answer's recording, for evaluators reviewing blind;
``GET /review-media/posters/<token>``: a still from it (its poster, a JPEG).

The link names the answer by id and carries an expiry and an HMAC signature
(``services/review/blind.py``); it holds no storage key or file name, and the
response adds none (no ``Content-Disposition`` file name, no storage headers).
The bytes are streamed from storage through the app, whichever backend holds
them.

Range requests are answered (``web/byte_ranges.py``) so browsers, Safari above all, can
play and seek: one range gives ``206`` with ``Content-Range`` and reads only those bytes
from storage; several ranges give the whole file (``200``); a range past the end
gives ``416`` with ``Content-Range: bytes */size``. Every answer with the bytes says
``Accept-Ranges: bytes``. Posters are answered in the same way, from either storage
backend. The link is checked before the header is read, so a refused link gets no
bytes whatever range it asks for.

``HEAD`` gets the headers ``GET`` would, with no body, and neither it nor a ``304``
reads a byte from storage. Each ``ETag`` is keyed with the server's key
(``BlindReads._media_tag``): the recording's is made from its stored sha256, the
poster's from the version storage keeps for it (its ``stat``: the file's size and
modification time, or S3's ETag). Unkeyed, the validator itself would be a value
recruiters see beside the candidate's name (the digest, the poster's storage ETag); no
``Last-Modified`` either, since when it was recorded could say whose it is. Keying the
validator is all it does: the bytes and ``Content-Length`` are the same as recruiters
get, so someone shown both views can still match the two by their content.
``If-None-Match`` naming the current version gives ``304``, and ``If-Range`` naming it
lets a range be answered (``web/conditional.py``). All of it comes after the link's
check: a refused link gets the same ``403`` to every method and header, and so does a
link whose file is gone from storage.

The poster's size and ``ETag`` come from its ``stat``, its bytes from a read of that
same version (``open_read(version=...)``): a poster replaced in between is not sent
under the old one's headers, the answer is a ``503`` to retry, never cached.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from ..services.review.blind import MEDIA_PATH, POSTER_PATH, AnswerMedia
from ..storage import ObjectChanged, ObjectNotFound, StorageError
from .byte_ranges import UNSATISFIABLE, range_headers, requested_range
from .conditional import not_modified, not_modified_response, range_still_valid
from .rest import services


def _text(message: str, status_code: int, **headers: str) -> Response:
    return PlainTextResponse(
        message, status_code=status_code, headers={"Cache-Control": "no-store", **headers}
    )


def _refused() -> Response:
    return _text("This link is not valid, or has expired.", 403)


# What every answer with the bytes says of them: shown in place, never sniffed or run.
_BODY_HEADERS = {
    "Content-Disposition": "inline",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox",
}


def _validators(found: AnswerMedia) -> dict[str, str]:
    return {"ETag": f'"{found.tag}"', "Cache-Control": "private, max-age=300"}


async def _send(
    request: Request,
    found: AnswerMedia,
    headers: dict[str, str],
    *,
    status: int = 200,
    start: int = 0,
    end: int | None = None,
) -> Response:
    """The bytes ``[start, end)`` of ``found``, streamed from storage; for ``HEAD`` the
    same headers, and nothing read."""
    if request.method == "HEAD":
        return Response(status_code=status, media_type=found.content_type, headers=headers)
    chunks = services(request).storage.open_read(
        found.key, start=start, end=end, version=found.version
    )
    try:
        first = await anext(chunks, b"")
    except ObjectNotFound:
        return _refused()
    except ObjectChanged:
        # Replaced since its headers were made: the next request gets the new one.
        return _text(ObjectChanged.default_message, 503, **{"Retry-After": "1"})
    except StorageError:
        return _text(StorageError.default_message, 503)

    async def body():  # type: ignore[no-untyped-def]
        yield first
        async for chunk in chunks:
            yield chunk

    return StreamingResponse(
        body(), status_code=status, media_type=found.content_type, headers=headers
    )


async def _answer(request: Request, found: AnswerMedia) -> Response:
    """``found``'s bytes for a link already checked: whole, one range of them, or the
    ``304`` or ``416`` its validator and size call for."""
    size = found.size
    validators = _validators(found)
    if not_modified(request.headers, validators["ETag"], None):
        return not_modified_response(validators)
    # Only GET has ranges (RFC 9110, 14.2): HEAD describes the whole representation.
    if_range_ok = request.method == "GET" and range_still_valid(request.headers, validators["ETag"])
    wanted = requested_range(request.headers, size, if_range_ok=if_range_ok)
    if wanted == UNSATISFIABLE:
        return PlainTextResponse(
            "Requested range not satisfiable",
            status_code=416,
            headers={"Content-Range": f"bytes */{size}", "Cache-Control": "no-store"},
        )
    start, end = (0, size) if wanted is None else wanted
    length = {"Content-Length": str(size)} if wanted is None else range_headers(start, end, size)
    headers = {**length, **validators, "Accept-Ranges": "bytes", **_BODY_HEADERS}
    return await _send(
        request, found, headers, status=200 if wanted is None else 206, start=start, end=end
    )


async def answer_media(request: Request) -> Response:
    found = await services(request).review.answer_media(request.path_params["token"])
    if found is None:
        return _refused()
    return await _answer(request, found)


async def answer_poster(request: Request) -> Response:
    try:
        found = await services(request).review.answer_poster(request.path_params["token"])
    except StorageError:
        return _text(StorageError.default_message, 503)
    if found is None:
        return _refused()
    return await _answer(request, found)


def routes() -> list[Route]:
    return [
        Route(POSTER_PATH + "{token}", answer_poster, methods=["GET", "HEAD"]),
        Route(MEDIA_PATH + "{token}", answer_media, methods=["GET", "HEAD"]),
    ]
