"""Upload a video in one request, or in parts straight to storage."""

from __future__ import annotations

from typing import cast

import strawberry
from starlette.datastructures import UploadFile
from strawberry import relay

from ..context import Info
from ..errors import UserError, mutation
from ..node import decode_id, decode_uuid
from .inputs import (
    AbortVideoUploadInput,
    CompleteVideoUploadInput,
    DeleteVideoInput,
    StartVideoUploadInput,
    UploadVideoInput,
)
from .types import Video, VideoUpload


@strawberry.type
class UploadVideoPayload:
    video: Video | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class StartVideoUploadPayload:
    upload: VideoUpload | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class CompleteVideoUploadPayload:
    upload: VideoUpload | None = None
    video: Video | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class AbortVideoUploadPayload:
    upload: VideoUpload | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class DeleteVideoPayload:
    deleted_video_id: strawberry.ID | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


def _organization(value: relay.GlobalID | None) -> int | None:
    return None if value is None else decode_id(value, "Organization", "organization_id")


@strawberry.type
class MediaMutation:
    @mutation(
        description="Upload a video in one request (GraphQL multipart request spec). The "
        "server probes it; a file that is not a usable video is refused and nothing is kept."
    )
    async def upload_video(self, info: Info, input: UploadVideoInput) -> UploadVideoPayload:
        upload = cast(UploadFile, input.file)  # what the multipart request spec gives
        try:
            principal = await info.context.authenticated()
            video = await info.context.services.videos.upload(
                principal,
                title=input.title,
                fileobj=upload.file,
                filename=upload.filename or "",
                organization_id=_organization(input.organization_id),
            )
        finally:
            await upload.close()
        return UploadVideoPayload(video=Video.from_row(video))

    @mutation(
        description="Start a direct upload of a large file: returns an upload with one "
        "presigned URL per part."
    )
    async def start_video_upload(
        self, info: Info, input: StartVideoUploadInput
    ) -> StartVideoUploadPayload:
        principal = await info.context.authenticated()
        state = await info.context.services.videos.start_upload(
            principal,
            title=input.title,
            filename=input.filename,
            size_bytes=input.size_bytes,
            content_type=input.content_type,
            organization_id=_organization(input.organization_id),
        )
        return StartVideoUploadPayload(upload=VideoUpload.from_state(state))

    @mutation(
        description="Assemble the uploaded parts and probe the result; a file that is not a "
        "usable video is deleted."
    )
    async def complete_video_upload(
        self, info: Info, input: CompleteVideoUploadInput
    ) -> CompleteVideoUploadPayload:
        principal = await info.context.authenticated()
        upload_id = decode_uuid(input.upload_id, "VideoUpload", "upload_id")
        parts = [(p.part_number, p.etag) for p in input.parts]
        upload, video = await info.context.services.videos.complete_upload(
            principal, upload_id, parts
        )
        return CompleteVideoUploadPayload(
            upload=VideoUpload.closed(upload), video=Video.from_row(video)
        )

    @mutation(description="Abandon a direct upload; its stored parts are removed.")
    async def abort_video_upload(
        self, info: Info, input: AbortVideoUploadInput
    ) -> AbortVideoUploadPayload:
        principal = await info.context.authenticated()
        upload_id = decode_uuid(input.upload_id, "VideoUpload", "upload_id")
        upload = await info.context.services.videos.abort_upload(principal, upload_id)
        return AbortVideoUploadPayload(upload=VideoUpload.closed(upload))

    @mutation(
        description="Delete a video and its file. Owners and recruiters delete any of their "
        "organization's videos; other members, those they uploaded. A video in use (an "
        "interview question's prompt, a candidate's answer) is refused with VIDEO_IN_USE."
    )
    async def delete_video(self, info: Info, input: DeleteVideoInput) -> DeleteVideoPayload:
        principal = await info.context.authenticated()
        video_id = decode_id(input.video_id, "Video", "video_id")
        await info.context.services.videos.delete_video(principal, video_id)
        return DeleteVideoPayload(
            deleted_video_id=strawberry.ID(str(relay.to_base64("Video", video_id)))
        )
