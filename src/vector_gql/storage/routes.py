"""HTTP routes that serve the disk backend's signed URLs.

``GET /storage/{key}`` downloads an object (with Range support so ``<video>`` can seek:
Starlette's ``FileResponse`` answers one range with ``206`` and ``Content-Range``, several
ranges with one ``multipart/byteranges`` answer, a range past the end with ``416`` and
``Content-Range: bytes */size``, and says ``Accept-Ranges: bytes``; the signature is
checked first, so a refused URL gets no bytes whatever range it asks for). ``HEAD`` gets
``GET``'s headers without the body; ``ETag`` and ``Last-Modified`` are ``FileResponse``'s
own (from the file's size and modification time), and ``If-None-Match`` or
``If-Modified-Since`` naming them gets ``304``, all after the signature check
(``web/conditional.py``);
``PUT /storage-upload/{upload_id}/{part_number}`` receives one multipart-upload part and
answers with its ``ETag``. Both check the URL signature and expiry first. With the S3
backend, browsers talk to S3 directly and there are no routes.

Browsers only let scripts read the ``ETag`` response header of a cross-origin PUT when
the CORS configuration lists it in ``expose_headers``.
"""

from __future__ import annotations

import asyncio
import os
import re
import stat
from datetime import UTC, datetime

from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

from vector_gql.storage import (
    InvalidUpload,
    Storage,
    StorageError,
    content_disposition,
    validate_part_number,
)
from vector_gql.storage.disk import (
    DiskStorage,
    PartIncomplete,
    PartTooLarge,
    validate_upload_id,
)
from vector_gql.web.conditional import not_modified, not_modified_response

_DIGITS = re.compile(r"[0-9]{1,15}")
# What a 304 repeats of the full answer.
_VALIDATORS = ("etag", "last-modified", "cache-control")


def _text(message: str, status_code: int) -> Response:
    return PlainTextResponse(
        message, status_code=status_code, headers={"Cache-Control": "no-store"}
    )


def storage_routes(storage: Storage) -> list[Route]:
    """Routes to mount at the app's root for the disk backend; none for S3."""
    if not isinstance(storage, DiskStorage):
        return []
    disk = storage

    async def download(request: Request) -> Response:
        key = request.path_params["key"]
        query = request.query_params
        filename = query.get("filename")
        content_type = query.get("type")
        # HEAD is allowed with a URL signed for GET.
        problem = disk.signer.verify(
            "GET",
            f"/storage/{key}",
            query.get("expires"),
            query.get("sig"),
            filename=filename,
            content_type=content_type,
        )
        if problem:
            return _text(problem, 403)
        try:
            path = disk.path_for(key)
        except ValueError:
            return _text("Not found", 404)
        try:
            st = await asyncio.to_thread(os.stat, path)
        except (FileNotFoundError, NotADirectoryError):
            return _text("Not found", 404)
        except OSError:
            return _text(StorageError.default_message, 503)
        if not stat.S_ISREG(st.st_mode):
            return _text("Not found", 404)
        headers = {
            "Cache-Control": "private, max-age=300",
            "Content-Disposition": content_disposition(filename) if filename else "inline",
            # User-supplied bytes on the app's own origin: never sniff, never script.
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "sandbox",
        }
        # FileResponse makes ETag, Last-Modified and Content-Length from the stat; the
        # conditional check reads them back, so each header has one maker.
        response = FileResponse(path, media_type=content_type, headers=headers, stat_result=st)
        validators = {name: response.headers[name] for name in _VALIDATORS}
        modified = datetime.fromtimestamp(st.st_mtime, UTC)
        if not_modified(request.headers, validators["etag"], modified):
            return not_modified_response(validators)
        if content_type is None:
            # Read only for an answer with a body, not for a 304.
            response.headers["content-type"] = await disk.content_type(key)
        return response

    async def upload_part(request: Request) -> Response:
        upload_id = request.path_params["upload_id"]
        part_number = request.path_params["part_number"]
        query = request.query_params
        size_param = query.get("size")
        size = int(size_param) if size_param and _DIGITS.fullmatch(size_param) else None
        if size_param is not None and size is None:
            return _text("Invalid signature", 403)
        problem = disk.signer.verify(
            "PUT",
            f"/storage-upload/{upload_id}/{part_number}",
            query.get("expires"),
            query.get("sig"),
            size=size,
        )
        if problem:
            return _text(problem, 403)
        try:
            validate_upload_id(upload_id)
            validate_part_number(part_number)
        except ValueError:
            return _text("Unknown upload", 404)
        # A URL signed for a part's size takes no more than that.
        limit = min(size, disk.max_upload_bytes) if size is not None else disk.max_upload_bytes
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return _text("Upload too large", 413)
        try:
            part = await disk.receive_part(
                upload_id, part_number, request.stream(), max_bytes=limit, exact_bytes=size
            )
        except PartTooLarge:
            return _text("Upload too large", 413)
        except PartIncomplete:
            return _text(f"This part must be exactly {size} bytes; fewer arrived.", 400)
        except ClientDisconnect:
            # The browser went away mid-part; nothing was kept, it will retry the part.
            return _text("Upload interrupted", 400)
        except InvalidUpload:
            return _text("Unknown upload", 404)
        except StorageError:
            return _text(StorageError.default_message, 503)
        return Response(
            status_code=200,
            headers={
                "ETag": part.etag,
                "Access-Control-Expose-Headers": "ETag",
                "Cache-Control": "no-store",
            },
        )

    return [
        Route("/storage/{key:path}", download, methods=["GET", "HEAD"], name="storage_download"),
        Route(
            "/storage-upload/{upload_id}/{part_number:int}",
            upload_part,
            methods=["PUT"],
            name="storage_upload_part",
        ),
    ]
