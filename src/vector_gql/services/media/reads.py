"""Reading videos and direct uploads through the principal's policy; signed links."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from ...config import Settings
from ...models.media import UploadStatus, Video
from ...storage import InvalidUpload, Storage, StorageError, StoredPart
from ..auth import Action, Principal, readable_uploads, readable_videos, reads_nothing, require
from .quota import StorageQuota, storage_quota
from .rows import UploadRow, VideoRow
from .rules import storage_unavailable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PartTarget:
    """Where the client sends one part, and whether storage already holds it."""

    number: int
    size_bytes: int
    url: str | None
    stored: StoredPart | None


@dataclass(frozen=True)
class UploadState:
    upload: UploadRow
    parts: list[PartTarget]


class VideoReads:
    settings: Settings
    storage: Storage

    async def readable_videos(
        self, principal: Principal, ids: Iterable[int]
    ) -> dict[int, VideoRow]:
        """The videos among ``ids`` the principal may watch."""
        if reads_nothing(principal):
            return {}
        return await VideoRow.by_id(readable_videos(principal), ids)

    async def still_readable(self, principal: Principal, ids: Iterable[int]) -> set[int]:
        """The videos among ``ids`` the principal may watch now (one statement).

        Asked before every signed link is made, whatever path the video came by,
        so a link is never issued on a right that was read earlier and lost since.
        """
        wanted = set(ids)
        if not wanted or reads_nothing(principal):
            return set()
        found = await readable_videos(principal).filter(id__in=wanted).values_list("id", flat=True)
        return {int(video_id) for video_id in found}  # type: ignore[call-overload]

    async def storage_quota(self, principal: Principal, organization_id: int) -> StorageQuota:
        """How much of its storage quota the organization uses. Owners only."""
        await require(principal, organization_id, Action.READ_STORAGE_USE)
        return await storage_quota(self.settings, organization_id)

    async def videos_by_id(self, ids: Iterable[int]) -> dict[int, VideoRow]:
        """No visibility check: for relations of objects the principal may already see."""
        return await VideoRow.by_id(Video.all(), ids)

    async def download_url(self, video: VideoRow) -> str:
        """A signed, expiring link. Callers read the video through its policy first."""
        extension = {"video/webm": ".webm", "video/quicktime": ".mov"}.get(
            video.content_type, "." + video.container.replace("matroska", "mkv")
        )
        name = video.filename or f"{video.title}{extension}"
        return await self.storage.signed_download_url(
            video.storage_key,
            expires_in=self.settings.signed_url_seconds,
            filename=name,
            content_type=video.content_type,
        )

    async def poster_url(self, video: VideoRow) -> str | None:
        """A signed, expiring link to the video's poster; None until it is made.

        Callers read the video through its policy first, as for ``download_url``.
        """
        if video.poster_key is None:
            return None
        return await self.storage.signed_download_url(
            video.poster_key,
            expires_in=self.settings.signed_url_seconds,
            content_type="image/jpeg",
        )

    async def readable_uploads(
        self, principal: Principal, ids: Iterable[uuid.UUID]
    ) -> dict[uuid.UUID, UploadRow]:
        """The direct uploads among ``ids`` the principal may see, in one query."""
        wanted = set(ids)
        if not wanted or reads_nothing(principal):
            return {}
        rows = await UploadRow.fetch(readable_uploads(principal).filter(id__in=wanted))
        return {row.id: row for row in rows}

    async def upload_parts(self, upload: UploadRow) -> list[PartTarget]:
        """Every part of the upload: the parts storage holds (one listing), fresh URLs.

        Callers read the upload through its policy first (``readable_uploads``).
        """
        stored: list[StoredPart] = []
        if upload.status == UploadStatus.PENDING:
            try:
                stored = await self.storage.list_parts(upload.storage_key, upload.storage_upload_id)
            except InvalidUpload:
                stored = []
            except StorageError:
                log.exception("listing parts of %s failed", upload.id)
                raise storage_unavailable() from None
        return await self.part_targets(upload, stored)

    async def part_targets(self, upload: UploadRow, stored: list[StoredPart]) -> list[PartTarget]:
        by_number = {part.number: part for part in stored}
        targets = []
        for number in range(1, upload.part_count + 1):
            size = min(
                upload.part_size_bytes, upload.size_bytes - (number - 1) * upload.part_size_bytes
            )
            url = None
            if upload.status == UploadStatus.PENDING:
                url = await self.storage.presign_part(
                    upload.storage_key,
                    upload.storage_upload_id,
                    number,
                    expires_in=self.settings.signed_url_seconds,
                    size=size,
                )
            targets.append(PartTarget(number, size, url, by_number.get(number)))
        return targets
