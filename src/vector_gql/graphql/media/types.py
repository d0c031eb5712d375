"""Videos and direct uploads as the API shows them, and their loaders."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay

from ...models import media as models
from ...services.errors import Forbidden
from ...services.media import PartTarget, UploadRow, UploadState, VideoRow
from ..accounts.types import User, readable_users
from ..context import Context, Info
from ..errors import ErrorCode
from ..loaders import loader
from ..node import resolve_readable
from ..organizations.types import Organization, organizations
from ..rows import FromRow, prefetched
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

    @strawberry.field(description="The member who uploaded it; null for a candidate's answer.")
    async def uploaded_by(self, info: Info) -> User | None:
        if self._row.uploaded_by_id is None:
            return None
        return await info.context.loaders[readable_users].load(self._row.uploaded_by_id)

    @strawberry.field(description="The organization whose members see this video.")
    async def organization(self, info: Info) -> Organization:
        return await info.context.loaders.one(organizations, self._row.organization_id)

    @strawberry.field(
        description="A signed link to the file, valid for a limited time "
        "(VECTOR_SIGNED_URL_SECONDS)."
    )
    async def url(self, info: Info) -> str:
        url = await info.context.loaders[signed_urls].load(self._row)
        if url is None:
            raise Forbidden("You can no longer watch this video.")
        return url

    @strawberry.field(
        description="A signed link to a still of the video (JPEG, at most 640 pixels wide), "
        "valid as long as `url`. Null until the poster is made, shortly after the video is "
        "stored, or if no frame of the video could be decoded."
    )
    async def poster_url(self, info: Info) -> str | None:
        if self._row.poster_key is None:
            return None
        return await info.context.loaders[signed_poster_urls].load(self._row)

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
    _row: strawberry.Private[UploadRow]
    _video_id: strawberry.Private[int | None] = None
    # Known already (a just-started or a closed upload); None: ask storage when selected.
    _parts: strawberry.Private[list[PartTarget] | None] = None
    # The parts as the API shows them, once known (``with_parts``).
    _upload_parts: strawberry.Private[list[UploadPart] | Forbidden | None] = None

    @strawberry.field(
        description="Every part, with whether storage holds it and a fresh URL to send it to."
    )
    @prefetched("_upload_parts")
    async def parts(self, info: Info) -> list[UploadPart]:
        upload = await self.with_parts(info)
        if isinstance(upload._upload_parts, Exception):
            raise upload._upload_parts
        return upload._upload_parts or []

    async def with_parts(self, info: Info) -> VideoUpload:
        """The upload with its parts as plain attributes, asking storage if need be
        (an upload no longer the viewer's: the error its parts answer)."""
        if self._upload_parts is None:
            targets = self._parts
            if targets is None:
                targets = await info.context.loaders[upload_parts].load(self._row)
            if targets is None:
                self._upload_parts = Forbidden("This upload is no longer yours to send parts to.")
                return self
            self._upload_parts = [
                UploadPart(
                    part_number=part.number,
                    size_bytes=BigInt(part.size_bytes),
                    url=part.url,
                    uploaded=part.stored is not None,
                    etag=part.stored.etag if part.stored else None,
                )
                for part in targets
            ]
        return self

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
        return cls.from_upload(state.upload, _parts=state.parts)

    @classmethod
    def closed(cls, upload: UploadRow) -> VideoUpload:
        return cls.from_upload(upload, _parts=[])

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[VideoUpload | None]:
        keys = [_uuid_or_none(node_id) for node_id in node_ids]
        wanted = [key for key in keys if key is not None]
        found = dict(
            zip(wanted, await info.context.loaders[readable_uploads].load_many(wanted), strict=True)
        )
        return [found.get(key) if key is not None else None for key in keys]


def _uuid_or_none(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


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


@loader
async def readable_uploads(context: Context, ids: list[uuid.UUID]) -> dict[uuid.UUID, VideoUpload]:
    """Direct uploads the principal may see (their own), without their parts."""
    principal = await context.principal()
    rows = await context.services.videos.readable_uploads(principal, ids)
    return {key: VideoUpload.from_upload(row) for key, row in rows.items()}


# Costly work, done once per object per request however often it is asked for
# (aliases, repeated IDs): keyed by the row, each loader signs or lists once.


@loader
async def signed_urls(context: Context, rows: list[VideoRow]) -> dict[VideoRow, str]:
    """A signed download link per video the principal may watch now (None for the rest)."""
    videos = context.services.videos
    allowed = await videos.still_readable(await context.principal(), (row.id for row in rows))
    signed = [row for row in rows if row.id in allowed]
    urls = await asyncio.gather(*(videos.download_url(row) for row in signed))
    return dict(zip(signed, urls, strict=True))


@loader
async def signed_poster_urls(context: Context, rows: list[VideoRow]) -> dict[VideoRow, str]:
    """A signed link per video to its poster, for videos that have one."""
    videos = context.services.videos
    urls = await asyncio.gather(*(videos.poster_url(row) for row in rows))
    return {row: url for row, url in zip(rows, urls, strict=True) if url is not None}


@loader
async def upload_parts(
    context: Context, rows: list[UploadRow]
) -> dict[UploadRow, list[PartTarget]]:
    """A direct upload's parts: one storage listing per upload, and a fresh URL per part,
    for uploads the principal may still send parts to (None for the rest)."""
    videos = context.services.videos
    principal = await context.principal()
    allowed = await videos.readable_uploads(principal, (row.id for row in rows))
    signed = [row for row in rows if row.id in allowed]
    parts = await asyncio.gather(*(videos.upload_parts(row) for row in signed))
    return dict(zip(signed, parts, strict=True))
