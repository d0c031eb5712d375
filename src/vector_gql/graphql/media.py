"""Videos in GraphQL: multipart upload, direct resumable uploads, signed links."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

import strawberry
from strawberry import relay
from strawberry.file_uploads import Upload
from strawberry.types import Info

from ..models import media as models
from ..services.media.videos import PartTarget, UploadState
from . import loaders
from .accounts import User
from .errors import UserError, payload
from .node import decode_id, decode_uuid, resolve_visible
from .organizations import Organization


@strawberry.type(description="A probed video. Its bytes are reached through a signed `url`.")
class Video(relay.Node):
    id: relay.NodeID[int]
    title: str
    content_type: str = strawberry.field(description="Decided from the content, not the name.")
    size_bytes: int
    duration_seconds: float
    width: int = strawberry.field(description="Display width, after rotation.")
    height: int = strawberry.field(description="Display height, after rotation.")
    codec: str
    sha256: str
    uploaded_at: datetime
    _model: strawberry.Private[models.Video]

    @strawberry.field
    async def uploaded_by(self, info: Info) -> User | None:
        user = await loaders.users(info).load(self._model.uploaded_by_id)
        return User.from_model(user) if user else None

    @strawberry.field(description="The organization whose members see this video.")
    async def organization(self, info: Info) -> Organization:
        org = await loaders.organizations(info).load(self._model.organization_id)
        return Organization.from_model(org)

    @strawberry.field(
        description="A signed link to the file, valid for a limited time "
        "(VECTOR_SIGNED_URL_SECONDS)."
    )
    async def url(self, info: Info) -> str:
        return await loaders.video_url(info, self._model)

    @classmethod
    def from_model(cls, video: models.Video) -> Video:
        return cls(
            id=video.id,
            title=video.title,
            content_type=video.content_type,
            size_bytes=video.size_bytes,
            duration_seconds=video.duration_seconds,
            width=video.width,
            height=video.height,
            codec=video.codec,
            sha256=video.sha256,
            uploaded_at=video.uploaded_at,
            _model=video,
        )

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Video | None]:
        return await resolve_visible(
            info, node_ids, info.context.services.videos.visible, cls.from_model
        )


UploadStatus = strawberry.enum(models.UploadStatus, name="VideoUploadStatus")


@strawberry.type(description="One part of a direct upload.")
class UploadPart:
    part_number: int
    size_bytes: int = strawberry.field(description="How many bytes this part must carry.")
    url: str | None = strawberry.field(
        description="PUT the part's raw bytes here; the response's ETag header goes into "
        "completeVideoUpload. Null once the upload is closed. A fresh URL comes with every read."
    )
    uploaded: bool = strawberry.field(description="Storage holds this part already.")
    etag: str | None


@strawberry.type(
    description="A large file sent straight to storage in parts. Parts can be retried or "
    "resumed; ask `videoUpload(id:)` which are stored."
)
class VideoUpload(relay.Node):
    id: relay.NodeID[str]
    title: str
    filename: str
    content_type: str
    size_bytes: int
    part_size_bytes: int
    part_count: int
    status: UploadStatus
    failure_code: str | None
    created_at: datetime
    finished_at: datetime | None
    _upload: strawberry.Private[models.VideoUpload]
    # Known already (a just-started or closed upload); None: ask storage when selected.
    _parts: strawberry.Private[list[PartTarget] | None] = None

    @strawberry.field(
        description="Every part, with whether storage holds it and a fresh URL to send it to."
    )
    async def parts(self, info: Info) -> list[UploadPart]:
        targets = self._parts
        if targets is None:
            targets = await loaders.upload_parts(info, self._upload)
        return [
            UploadPart(
                part_number=part.number,
                size_bytes=part.size_bytes,
                url=part.url,
                uploaded=part.stored is not None,
                etag=part.stored.etag if part.stored else None,
            )
            for part in targets
        ]

    @strawberry.field
    async def video(self, info: Info) -> Video | None:
        if self._upload.video_id is None:
            return None
        return (await Video.resolve_nodes(info=info, node_ids=[str(self._upload.video_id)]))[0]

    @classmethod
    def from_model(
        cls, upload: models.VideoUpload, parts: list[PartTarget] | None = None
    ) -> VideoUpload:
        return cls(
            id=str(upload.id),
            title=upload.title,
            filename=upload.filename,
            content_type=upload.content_type,
            size_bytes=upload.size_bytes,
            part_size_bytes=upload.part_size_bytes,
            part_count=upload.part_count,
            status=upload.status,
            failure_code=upload.failure_code,
            created_at=upload.created_at,
            finished_at=upload.finished_at,
            _upload=upload,
            _parts=parts,
        )

    @classmethod
    def from_state(cls, state: UploadState) -> VideoUpload:
        return cls.from_model(state.upload, state.parts)

    @classmethod
    def closed(cls, upload: models.VideoUpload) -> VideoUpload:
        return cls.from_model(upload, [])

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[VideoUpload | None]:
        keys = [_uuid_or_none(node_id) for node_id in node_ids]
        viewer = await info.context.viewer()
        if viewer is None:
            return [None] * len(keys)
        found = await info.context.services.videos.own_uploads(
            viewer, [key for key in keys if key is not None]
        )
        return [cls.from_model(found[key]) if key in found else None for key in keys]


def _uuid_or_none(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


ORGANIZATION_ID_HELP = (
    "The organization the video belongs to (its members see it); by default the "
    "viewer's first organization where they are an owner or recruiter."
)


@strawberry.input
class UploadVideoInput:
    title: str
    file: Upload = strawberry.field(
        description="The file, sent as in the GraphQL multipart request spec."
    )
    organization_id: relay.GlobalID | None = strawberry.field(
        default=None, description=ORGANIZATION_ID_HELP
    )


@strawberry.input
class StartVideoUploadInput:
    title: str
    filename: str
    size_bytes: int
    content_type: str = ""
    organization_id: relay.GlobalID | None = strawberry.field(
        default=None, description=ORGANIZATION_ID_HELP
    )


@strawberry.input
class CompletedPartInput:
    part_number: int
    etag: str = strawberry.field(description="The ETag header of the part's PUT response.")


@strawberry.input
class CompleteVideoUploadInput:
    upload_id: relay.GlobalID
    parts: list[CompletedPartInput]


@strawberry.input
class AbortVideoUploadInput:
    upload_id: relay.GlobalID


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
class MediaQuery:
    @strawberry.field(description="A direct upload of yours, with the parts storage holds.")
    async def video_upload(self, info: Info, id: relay.GlobalID) -> VideoUpload | None:
        viewer = await info.context.require_viewer()
        upload_id = decode_uuid(id, "VideoUpload", "id")
        upload = (await info.context.services.videos.own_uploads(viewer, [upload_id])).get(
            upload_id
        )
        return VideoUpload.from_model(upload) if upload else None


def _organization(value: relay.GlobalID | None) -> int | None:
    return None if value is None else decode_id(value, "Organization", "organizationId")


def _file_and_name(upload: Upload) -> tuple[object, str]:
    return getattr(upload, "file", upload), getattr(upload, "filename", "") or ""


@strawberry.type
class MediaMutation:
    @strawberry.mutation(
        description="Upload a video in one request (GraphQL multipart request spec). The "
        "server probes it; a file that is not a usable video is refused and nothing is kept."
    )
    async def upload_video(self, info: Info, input: UploadVideoInput) -> UploadVideoPayload:
        viewer = await info.context.require_viewer()
        fileobj, filename = _file_and_name(input.file)

        async def run():
            return await info.context.services.videos.upload(
                viewer,
                title=input.title,
                fileobj=fileobj,
                filename=filename,
                organization_id=_organization(input.organization_id),
            )

        try:
            return await payload(
                run(),
                lambda video: UploadVideoPayload(video=Video.from_model(video)),
                UploadVideoPayload,
            )
        finally:
            await input.file.close()

    @strawberry.mutation(
        description="Start a direct upload of a large file: returns an upload with one "
        "presigned URL per part."
    )
    async def start_video_upload(
        self, info: Info, input: StartVideoUploadInput
    ) -> StartVideoUploadPayload:
        viewer = await info.context.require_viewer()

        async def run():
            return await info.context.services.videos.start_upload(
                viewer,
                title=input.title,
                filename=input.filename,
                size_bytes=input.size_bytes,
                content_type=input.content_type,
                organization_id=_organization(input.organization_id),
            )

        return await payload(
            run(),
            lambda state: StartVideoUploadPayload(upload=VideoUpload.from_state(state)),
            StartVideoUploadPayload,
        )

    @strawberry.mutation(
        description="Assemble the uploaded parts and probe the result; a file that is not a "
        "usable video is deleted."
    )
    async def complete_video_upload(
        self, info: Info, input: CompleteVideoUploadInput
    ) -> CompleteVideoUploadPayload:
        viewer = await info.context.require_viewer()

        async def run():
            upload_id = decode_uuid(input.upload_id, "VideoUpload", "uploadId")
            parts = [(p.part_number, p.etag) for p in input.parts]
            return await info.context.services.videos.complete_upload(viewer, upload_id, parts)

        return await payload(
            run(),
            lambda result: CompleteVideoUploadPayload(
                upload=VideoUpload.closed(result[0]), video=Video.from_model(result[1])
            ),
            CompleteVideoUploadPayload,
        )

    @strawberry.mutation(description="Abandon a direct upload; its stored parts are removed.")
    async def abort_video_upload(
        self, info: Info, input: AbortVideoUploadInput
    ) -> AbortVideoUploadPayload:
        viewer = await info.context.require_viewer()

        async def run():
            upload_id = decode_uuid(input.upload_id, "VideoUpload", "uploadId")
            return await info.context.services.videos.abort_upload(viewer, upload_id)

        return await payload(
            run(),
            lambda upload: AbortVideoUploadPayload(upload=VideoUpload.closed(upload)),
            AbortVideoUploadPayload,
        )
