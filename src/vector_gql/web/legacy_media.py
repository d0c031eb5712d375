"""The original app's upload endpoint, answering in its shape, over the video service."""

from __future__ import annotations

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..boundary.http import check_form
from ..boundary.values import Refused
from ..services.errors import Forbidden, Invalid
from .rest import authenticate, field_errors

UPLOAD_PATH = "/api/interviews/upload-video"
UPLOAD_PATHS = (UPLOAD_PATH, UPLOAD_PATH + "/")


async def upload_video(request: Request) -> Response:
    viewer = await authenticate(request)
    if isinstance(viewer, Response):
        return viewer
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        return JSONResponse(
            {"detail": "Send multipart/form-data with video_title and video_file."},
            status_code=415,
        )
    videos = request.app.state.services.videos
    async with request.form(max_files=1, max_fields=10) as form:
        title = form.get("video_title")
        upload = form.get("video_file")
        errors: dict[str, list[str]] = {}
        if not isinstance(title, str) or not title.strip():
            errors["video_title"] = ["This field is required."]
        if not isinstance(upload, UploadFile):
            errors["video_file"] = ["No file was submitted."]
        if errors:
            return JSONResponse(errors, status_code=400)
        try:
            check_form(form)
        except Refused as exc:
            return JSONResponse({exc.field or "non_field_errors": [exc.message]}, status_code=400)
        try:
            video = await videos.upload(
                viewer, title=title, fileobj=upload.file, filename=upload.filename or ""
            )
        except Invalid as exc:
            return JSONResponse(
                field_errors(exc, {"title": "video_title", "file": "video_file"}),
                status_code=400,
            )
        except Forbidden:
            return JSONResponse(
                {"detail": "You do not have permission to perform this action."},
                status_code=403,
            )
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
