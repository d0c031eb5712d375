"""The original app's upload endpoint, answering in its shape, over the video service."""

from __future__ import annotations

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..services.errors import Forbidden, Invalid
from .rest import authenticate, detail, field_errors, form_refusal, services

UPLOAD_PATH = "/api/interviews/upload-video"
UPLOAD_PATHS = (UPLOAD_PATH, UPLOAD_PATH + "/")


async def upload_video(request: Request) -> Response:
    principal = await authenticate(request)
    if isinstance(principal, Response):
        return principal
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        return JSONResponse(
            {"detail": "Send multipart/form-data with video_title and video_file."},
            status_code=415,
        )
    videos = services(request).videos
    async with request.form(max_files=1, max_fields=10) as form:
        title = form.get("video_title")
        upload = form.get("video_file")
        if not isinstance(title, str) or not title.strip() or not isinstance(upload, UploadFile):
            errors: dict[str, list[str]] = {}
            if not isinstance(title, str) or not title.strip():
                errors["video_title"] = ["This field is required."]
            if not isinstance(upload, UploadFile):
                errors["video_file"] = ["No file was submitted."]
            return JSONResponse(errors, status_code=400)
        if (refused := form_refusal(form)) is not None:
            return JSONResponse(refused, status_code=400)
        try:
            video = await videos.upload(
                principal, title=title, fileobj=upload.file, filename=upload.filename or ""
            )
        except Invalid as exc:
            return JSONResponse(
                field_errors(exc, {"title": "video_title", "file": "video_file"}),
                status_code=400,
            )
        except Forbidden:
            return detail("You do not have permission to perform this action.", 403)
    return JSONResponse(
        {
            "id": video.id,
            "video_title": video.title,
            "video_file": video.storage_key,
            "video_url": await videos.download_url(video),
            "duration": video.duration_seconds,
            "uploaded_at": video.uploaded_at.isoformat().replace("+00:00", "Z"),
        },
        status_code=201,
    )


def routes() -> list[Route]:
    return [Route(path, upload_video, methods=["POST"]) for path in UPLOAD_PATHS]
