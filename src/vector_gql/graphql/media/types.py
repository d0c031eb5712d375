"""Videos and direct uploads as the API shows them, and their loaders."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay

from ...models import media as models
from ...services.media import UploadRow, UploadState, VideoRow
from ..accounts.types import User, readable_users
from ..context import Context, Info
from ..errors import ErrorCode
from ..loaders import loader
from ..node import resolve_readable
from ..organizations.types import Organization, organizations
from ..rows import FromRow
from ..scalars import BigInt


@strawberry.type(description="A probed video. Its bytes are reached through a signed `url`.")
class Video(FromRow, relay.Node):
    id: relay.NodeID[int]
    title: str
    content_type: str = strawberry.field(description="Decided from the content, not the name.")
    size_bytes: BigInt
    duration_seconds: float
    width: int = strawberry.field(description="Display width, after rotation.")
    height: int = strawberry.field(description="Display height, after rotation.")
    codec: str
    sha256: str
    uploaded_at: datetime
    _row: strawberry.Private[VideoRow]

    @strawberry.field
    async def uploaded_by(self, info: Info) -> User | None:
        return await info.context.loaders[readable_users].load(self._row.uploaded_by_id)

    @strawberry.field(description="The organization whose members see this video.")
    async def organization(self, info: Info) -> Organization:
        return await info.context.loaders.one(organizations, self._row.organization_id)

    @strawberry.field(
        description="A signed link to the file, valid for a limited time "
        "(VECTOR_SIGNED_URL_SECONDS)."
    )
    async def url(self, info: Info) -> str:
        return await info.context.services.videos.download_url(self._row)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Video | None]:
        return await resolve_readable(info, node_ids, readable_videos)


UploadStatus = strawberry.enum(models.UploadStatus, name="VideoUploadStatus")


@strawberry.type(description="One part of a direct upload.")
class UploadPart:
    part_number: int
    size_bytes: BigInt = strawberry.field(description="How many bytes this part must carry.")
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
class VideoUpload(FromRow, relay.Node):
    id: relay.NodeID[str]
    title: str
    filename: str
    content_type: str
    size_bytes: BigInt
    part_size_bytes: BigInt
    part_count: int
    status: UploadStatus  # type: ignore[valid-type]
    failure_code: ErrorCode | None = strawberry.field(
        description="Why a FAILED or ABORTED upload ended, when the server ended it."
    )
    created_at: datetime
    finished_at: datetime | None
    parts: list[UploadPart] = strawberry.field(default_factory=list)
    _video_id: strawberry.Private[int | None] = None

    @strawberry.field
    async def video(self, info: Info) -> Video | None:
        if self._video_id is None:
            return None
        return await info.context.loaders[readable_videos].load(self._video_id)

    @classmethod
    def from_upload(cls, upload: UploadRow, **values: Any) -> VideoUpload:
        failure = upload.failure_code
        return cls.from_row(
            upload,
            id=str(upload.id),
            failure_code=ErrorCode(failure) if failure else None,
            **values,
        )

    @classmethod
    def from_state(cls, state: UploadState) -> VideoUpload:
        return cls.from_upload(
            state.upload,
            parts=[
                UploadPart(
                    part_number=part.number,
                    size_bytes=BigInt(part.size_bytes),
                    url=part.url,
                    uploaded=part.stored is not None,
                    etag=part.stored.etag if part.stored else None,
                )
                for part in state.parts
            ],
        )

    @classmethod
    def closed(cls, upload: UploadRow) -> VideoUpload:
        return cls.from_upload(upload)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[VideoUpload | None]:
        principal = await info.context.principal()
        results: list[VideoUpload | None] = []
        for node_id in node_ids:
            try:
                upload_id = uuid.UUID(node_id)
            except ValueError:
                results.append(None)
                continue
            state = await info.context.services.videos.upload_state(principal, upload_id)
            results.append(VideoUpload.from_state(state) if state else None)
        return results


@loader
async def videos(context: Context, ids: list[int]) -> dict[int, Video]:
    """Videos whose visibility their parent implies (a shown question's prompt)."""
    rows = await context.services.videos.videos_by_id(ids)
    return {key: Video.from_row(row) for key, row in rows.items()}


@loader
async def readable_videos(context: Context, ids: list[int]) -> dict[int, Video]:
    principal = await context.principal()
    rows = await context.services.videos.readable_videos(principal, ids)
    return {key: Video.from_row(row) for key, row in rows.items()}
