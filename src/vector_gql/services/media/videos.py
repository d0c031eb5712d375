"""Videos: upload through the API, or straight to storage in parts; probe; sign links.

The rule for every path in: a file becomes a ``Video`` only after probing says
it is a video within the limits, and a rejected or failed upload leaves no
object in storage and no row in the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import logging
import math
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import BinaryIO

from ...config import Settings
from ...models.media import UploadStatus, Video, VideoUpload
from ...storage import (
    MIN_PART_BYTES,
    InvalidUpload,
    Storage,
    StorageError,
    StoredPart,
    open_file_path,
)
from ..accounts import Viewer
from ..errors import ErrorCode, Forbidden, Invalid, Problem
from ..organizations import OrganizationService
from ..permissions import Action
from .frame_decoder import DecoderPool
from .probe import FrameLimits, MediaRejected, VideoInfo, probe_video

log = logging.getLogger(__name__)
MAX_TITLE = 200
MAX_FILENAME = 255
MAX_PARTS = 10_000
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class PartTarget:
    """Where the client sends one part, and whether storage already holds it."""

    number: int
    size_bytes: int
    url: str | None
    stored: StoredPart | None


@dataclass(frozen=True)
class UploadState:
    upload: VideoUpload
    parts: list[PartTarget]


def _file_problem(code: ErrorCode, message: str) -> Invalid:
    return Invalid(Problem(code, message, ("file",)))


def _storage_unavailable() -> Invalid:
    return Invalid(
        Problem(
            ErrorCode.STORAGE_UNAVAILABLE,
            "The file could not be stored just now. Nothing was kept; please try again.",
            ("file",),
        )
    )


def _check_title(title: str) -> str:
    title = title.strip()
    if not title:
        raise Invalid.one(ErrorCode.REQUIRED, "Enter a title for the video.", "title")
    if len(title) > MAX_TITLE:
        raise Invalid.one(
            ErrorCode.TOO_LONG, f"Use at most {MAX_TITLE} characters for the title.", "title"
        )
    return title


def _sha256_of(path: str) -> str:
    """Blocking: the sha256 of the file's bytes (runs in the probe pool)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _error_of(task: asyncio.Future[object]) -> BaseException | None:
    return asyncio.CancelledError() if task.cancelled() else task.exception()


@contextlib.contextmanager
def _path_of(fileobj: BinaryIO) -> Iterator[str]:
    """A path with the file object's bytes, without copying when the OS can name it."""
    path = open_file_path(fileobj)
    if path is not None:
        yield path
        return
    with tempfile.NamedTemporaryFile(prefix="vector-upload-") as copy:
        fileobj.seek(0)
        shutil.copyfileobj(fileobj, copy, CHUNK)
        copy.flush()
        yield copy.name


class VideoService:
    def __init__(
        self, settings: Settings, storage: Storage, organizations: OrganizationService
    ) -> None:
        self.settings = settings
        self.storage = storage
        self.organizations = organizations
        self._probe_pool = ThreadPoolExecutor(
            max_workers=max(1, settings.probe_workers), thread_name_prefix="probe"
        )
        # Each probe thread decodes in one of these processes, so they are as many.
        self._decoder = DecoderPool(
            max(1, settings.probe_workers),
            memory_bytes=settings.probe_memory_mb * 1024 * 1024,
            timeout_seconds=settings.probe_timeout_seconds,
        )
        self._frame_limits = FrameLimits(settings.max_video_pixels, settings.max_video_side)
        # Clean-ups that outlive a cancelled request (see _put_and_hash).
        self._background: set[asyncio.Task[None]] = set()

    def close(self) -> None:
        self._probe_pool.shutdown(wait=False, cancel_futures=True)
        self._decoder.close()

    # --- probing ----------------------------------------------------------

    async def _probe(self, path: str) -> VideoInfo:
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(
                self._probe_pool,
                functools.partial(
                    probe_video,
                    path,
                    max_seconds=self.settings.max_video_seconds,
                    limits=self._frame_limits,
                    decoder=self._decoder,
                ),
            )
        except MediaRejected as rejected:
            raise _file_problem(ErrorCode(rejected.code), rejected.message) from None

    async def _hash(self, path: str) -> str:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._probe_pool, _sha256_of, path)

    def _check_size(self, size: int) -> None:
        if size <= 0:
            raise _file_problem(ErrorCode.EMPTY_FILE, "The file is empty.")
        limit = self.settings.max_upload_bytes
        if size > limit:
            raise _file_problem(
                ErrorCode.TOO_LARGE,
                f"The file is {size} bytes; the limit is {limit} bytes "
                f"({limit // (1024 * 1024)} MB).",
            )

    # --- upload through the API -------------------------------------------------

    async def organization_for_upload(self, viewer: Viewer, organization_id: int | None) -> int:
        """The organization a new video goes to: the one named, else the viewer's first."""
        if organization_id is not None:
            await self.organizations.require(
                viewer, organization_id, Action.UPLOAD_VIDEOS, "organizationId"
            )
            return organization_id
        default = await self.organizations.first_organization_for(viewer, Action.UPLOAD_VIDEOS)
        if default is None:
            raise Forbidden("You are not an owner or recruiter of any organization.")
        return default

    async def upload(
        self,
        viewer: Viewer,
        *,
        title: str,
        fileobj: BinaryIO,
        filename: str = "",
        organization_id: int | None = None,
    ) -> Video:
        """Probe, store and record a file the client sent through the API."""
        organization_id = await self.organization_for_upload(viewer, organization_id)
        title = _check_title(title)
        fileobj.seek(0, os.SEEK_END)
        size = fileobj.tell()
        self._check_size(size)
        key = f"videos/{uuid.uuid4().hex}"
        with _path_of(fileobj) as path:
            info = await self._probe(path)  # nothing is stored before this passes
            fileobj.seek(0)
            sha256 = await self._put_and_hash(key, fileobj, path, info.content_type, size)
        return await self._record(
            viewer,
            organization_id=organization_id,
            key=key,
            title=title,
            filename=filename,
            info=info,
            size=size,
            sha256=sha256,
        )

    async def _put_and_hash(
        self, key: str, fileobj: BinaryIO, path: str, content_type: str, size: int
    ) -> str:
        """Store the file under ``key`` and hash it at the same time (both only read it).

        If either fails, the object is deleted once both have finished: a put still
        running in its thread could otherwise store it after the delete.
        """
        put = asyncio.ensure_future(
            self.storage.put(key, fileobj, content_type=content_type, size=size)
        )
        digest = asyncio.ensure_future(self._hash(path))
        try:
            await asyncio.wait((put, digest))
        except asyncio.CancelledError:
            cleanup = asyncio.ensure_future(self._discard_when_done(key, put, digest))
            self._background.add(cleanup)
            cleanup.add_done_callback(self._background.discard)
            raise
        put_error, digest_error = _error_of(put), _error_of(digest)
        if put_error is None and digest_error is None:
            return digest.result()
        await self._discard(key)
        if isinstance(put_error, StorageError):
            log.error("storing %s failed", key, exc_info=put_error)
            raise _storage_unavailable() from None
        raise put_error or digest_error  # type: ignore[misc]

    async def _discard_when_done(self, key: str, *running: asyncio.Future[object]) -> None:
        await asyncio.wait(running)
        await self._discard(key)

    async def _record(
        self,
        viewer: Viewer,
        *,
        organization_id: int,
        key: str,
        title: str,
        filename: str,
        info: VideoInfo,
        size: int,
        sha256: str,
    ) -> Video:
        try:
            return await Video.create(
                title=title,
                storage_key=key,
                filename=os.path.basename(filename)[:MAX_FILENAME],
                container=info.container,
                content_type=info.content_type,
                size_bytes=size,
                duration_seconds=round(info.duration_seconds, 3),
                width=info.width,
                height=info.height,
                codec=info.codec,
                rotation=info.rotation,
                sha256=sha256,
                uploaded_by=viewer.user,
                organization_id=organization_id,
            )
        except BaseException:
            # The row failed: the object must not outlive it.
            await self._discard(key)
            raise

    async def _discard(self, key: str) -> None:
        try:
            await self.storage.delete(key)
        except StorageError:
            log.exception("could not delete %s after a failed upload", key)

    # --- who sees what ------------------------------------------------------------

    async def visible(self, viewer: Viewer | None, ids: list[int]) -> dict[int, Video]:
        """The videos among ``ids`` the viewer may see: those of their organizations."""
        if viewer is None or not ids:
            return {}
        videos = await Video.filter(
            id__in=ids, organization_id__in=self.organizations.member_org_ids(viewer.user.id)
        )
        return {video.id: video for video in videos}

    async def videos_by_id(self, ids: list[int]) -> dict[int, Video]:
        """No visibility check: for relations of objects the viewer may already see."""
        return {video.id: video for video in await Video.filter(id__in=ids)}

    async def download_url(self, video: Video) -> str:
        """A signed, expiring link. Callers resolve the video through ``visible`` first."""
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

    # --- direct, resumable uploads ------------------------------------------------

    def _part_size(self, size: int) -> int:
        part = max(self.settings.upload_part_bytes, MIN_PART_BYTES)
        return max(part, math.ceil(size / MAX_PARTS))

    async def start_upload(
        self,
        viewer: Viewer,
        *,
        title: str,
        filename: str,
        size_bytes: int,
        content_type: str,
        organization_id: int | None = None,
    ) -> UploadState:
        organization_id = await self.organization_for_upload(viewer, organization_id)
        problems: list[Problem] = []
        try:
            title = _check_title(title)
        except Invalid as exc:
            problems += exc.problems
        if not filename.strip() or len(filename) > MAX_FILENAME:
            problems.append(
                Problem(
                    ErrorCode.INVALID,
                    f"Give the file's name, at most {MAX_FILENAME} characters.",
                    ("filename",),
                )
            )
        try:
            self._check_size(size_bytes)
        except Invalid as exc:
            problems += [Problem(p.code, p.message, ("sizeBytes",)) for p in exc.problems]
        if problems:
            raise Invalid(problems)
        part_size = self._part_size(size_bytes)
        key = f"videos/{uuid.uuid4().hex}"
        try:
            storage_upload_id = await self.storage.create_multipart(
                key, content_type=content_type or "application/octet-stream"
            )
        except StorageError:
            log.exception("starting a multipart upload failed")
            raise _storage_unavailable() from None
        upload = await VideoUpload.create(
            id=uuid.uuid4(),
            title=title,
            filename=os.path.basename(filename.strip()),
            content_type=(content_type or "")[:100],
            size_bytes=size_bytes,
            part_size_bytes=part_size,
            part_count=math.ceil(size_bytes / part_size),
            storage_key=key,
            storage_upload_id=storage_upload_id,
            created_by=viewer.user,
            organization_id=organization_id,
        )
        return UploadState(upload, await self._targets(upload, stored=[]))

    async def _targets(self, upload: VideoUpload, stored: list[StoredPart]) -> list[PartTarget]:
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

    async def _own_upload(self, viewer: Viewer, upload_id: uuid.UUID) -> VideoUpload:
        upload = await VideoUpload.filter(id=upload_id, created_by_id=viewer.user.id).first()
        if upload is None:
            raise Invalid.one(ErrorCode.NOT_FOUND, "There is no such upload.", "uploadId")
        return upload

    async def own_uploads(
        self, viewer: Viewer, upload_ids: list[uuid.UUID]
    ) -> dict[uuid.UUID, VideoUpload]:
        """The viewer's own direct uploads among ``upload_ids``, in one query."""
        if not upload_ids:
            return {}
        uploads = await VideoUpload.filter(id__in=set(upload_ids), created_by_id=viewer.user.id)
        return {upload.id: upload for upload in uploads}

    async def part_targets(self, upload: VideoUpload) -> list[PartTarget]:
        """The parts storage holds (one listing), and fresh URLs for every part.

        Callers resolve the upload through ``own_uploads`` first.
        """
        stored: list[StoredPart] = []
        if upload.status == UploadStatus.PENDING:
            try:
                stored = await self.storage.list_parts(upload.storage_key, upload.storage_upload_id)
            except InvalidUpload:
                stored = []
            except StorageError:
                log.exception("listing parts of %s failed", upload.id)
                raise _storage_unavailable() from None
        return await self._targets(upload, stored)

    async def upload_state(self, viewer: Viewer, upload_id: uuid.UUID) -> UploadState | None:
        """The upload with the parts storage holds, and fresh URLs for every part."""
        upload = (await self.own_uploads(viewer, [upload_id])).get(upload_id)
        if upload is None:
            return None
        return UploadState(upload, await self.part_targets(upload))

    def _require_pending(self, upload: VideoUpload) -> None:
        if upload.status != UploadStatus.PENDING:
            raise Invalid.one(
                ErrorCode.UPLOAD_CLOSED,
                f"This upload is already {upload.status.value.lower()}; start a new one.",
                "uploadId",
            )

    async def complete_upload(
        self, viewer: Viewer, upload_id: uuid.UUID, parts: list[tuple[int, str]]
    ) -> tuple[VideoUpload, Video]:
        """Assemble the parts, probe the object from storage, record the video.

        The upload is claimed first (PENDING -> COMPLETING in one statement), so
        a client that retries after a timeout gets the finished video, or a
        "try again shortly", but never a second assembly of the same object.
        """
        upload = await self._own_upload(viewer, upload_id)
        claimed = await VideoUpload.filter(id=upload.id, status=UploadStatus.PENDING).update(
            status=UploadStatus.COMPLETING
        )
        if not claimed:
            await upload.refresh_from_db()
            if upload.status == UploadStatus.COMPLETED and upload.video_id is not None:
                return upload, await Video.get(id=upload.video_id)
            if upload.status == UploadStatus.COMPLETING:
                raise Invalid.one(
                    ErrorCode.UPLOAD_BUSY,
                    "This upload is being completed; ask videoUpload(id) again shortly.",
                    "uploadId",
                )
            self._require_pending(upload)
        try:
            video = await self._assemble_and_record(viewer, upload, parts)
        except Invalid as exc:
            problem = exc.problems[0]
            if problem.code == ErrorCode.UPLOAD_INCOMPLETE or (
                problem.code == ErrorCode.STORAGE_UNAVAILABLE and not problem.extra.get("final")
            ):
                # Nothing was assembled: the client can send what is missing and retry.
                await VideoUpload.filter(id=upload.id).update(status=UploadStatus.PENDING)
            else:
                await self._fail(upload, exc.problems[0].code)
            raise
        except BaseException:
            await self._fail(upload, ErrorCode.STORAGE_UNAVAILABLE)
            raise
        upload.status = UploadStatus.COMPLETED
        upload.finished_at = datetime.now(UTC)
        upload.video = video
        await upload.save(update_fields=["status", "finished_at", "video_id"])
        return upload, video

    async def _assemble_and_record(
        self, viewer: Viewer, upload: VideoUpload, parts: list[tuple[int, str]]
    ) -> Video:
        try:
            stored = await self.storage.list_parts(upload.storage_key, upload.storage_upload_id)
        except StorageError:
            raise _storage_unavailable() from None
        wanted = {number for number, _ in parts}
        total = sum(part.size for part in stored if part.number in wanted)
        if total > self.settings.max_upload_bytes:
            raise _file_problem(
                ErrorCode.TOO_LARGE,
                f"The parts add up to {total} bytes; the limit is "
                f"{self.settings.max_upload_bytes} bytes.",
            )
        try:
            await self.storage.complete_multipart(
                upload.storage_key, upload.storage_upload_id, sorted(parts)
            )
        except InvalidUpload as exc:
            raise Invalid.one(
                ErrorCode.UPLOAD_INCOMPLETE,
                f"{exc}. Ask videoUpload(id) which parts are stored, send the rest, "
                "then complete again.",
                "parts",
            ) from None
        except StorageError:
            raise _storage_unavailable() from None
        # From here on the object exists: whatever fails, it must not stay behind.
        try:
            async with self.storage.hashed_local_copy(upload.storage_key) as copy:
                size, sha256 = copy.size, copy.sha256
                self._check_size(size)
                info = await self._probe(str(copy.path))
        except StorageError:
            await self._discard(upload.storage_key)
            raise Invalid(
                Problem(
                    ErrorCode.STORAGE_UNAVAILABLE,
                    "The file could not be read back from storage. Nothing was kept; "
                    "please upload it again.",
                    ("uploadId",),
                    {"final": True},
                )
            ) from None
        except BaseException:
            await self._discard(upload.storage_key)
            raise
        return await self._record(
            viewer,
            organization_id=upload.organization_id,
            key=upload.storage_key,
            title=upload.title,
            filename=upload.filename,
            info=info,
            size=size,
            sha256=sha256,
        )

    async def _fail(self, upload: VideoUpload, code: ErrorCode) -> None:
        """Close the upload for good: its parts go, and it says why."""
        try:
            await self.storage.abort_multipart(upload.storage_key, upload.storage_upload_id)
        except StorageError:
            log.exception("could not abort failed upload %s", upload.id)
        upload.status = UploadStatus.FAILED
        upload.failure_code = code.value
        upload.finished_at = datetime.now(UTC)
        await upload.save(update_fields=["status", "failure_code", "finished_at"])

    async def abort_upload(self, viewer: Viewer, upload_id: uuid.UUID) -> VideoUpload:
        upload = await self._own_upload(viewer, upload_id)
        self._require_pending(upload)
        try:
            await self.storage.abort_multipart(upload.storage_key, upload.storage_upload_id)
        except StorageError:
            raise _storage_unavailable() from None
        upload.status = UploadStatus.ABORTED
        upload.finished_at = datetime.now(UTC)
        await upload.save(update_fields=["status", "finished_at"])
        return upload

    async def cleanup_abandoned(self, now: datetime | None = None) -> int:
        """Abort uploads left unfinished for longer than the configured time.

        Covers uploads the database knows, and multipart uploads in storage that
        no row points at (a crash between starting one and saving its row).
        """
        now = now or datetime.now(UTC)
        cutoff = now - timedelta(seconds=self.settings.abandoned_upload_seconds)
        removed = 0
        for upload in await VideoUpload.filter(status=UploadStatus.PENDING, created_at__lt=cutoff):
            try:
                await self.storage.abort_multipart(upload.storage_key, upload.storage_upload_id)
            except StorageError:
                log.exception("could not abort abandoned upload %s", upload.id)
                continue
            upload.status = UploadStatus.ABORTED
            upload.failure_code = "ABANDONED"
            upload.finished_at = now
            await upload.save(update_fields=["status", "failure_code", "finished_at"])
            removed += 1
        known = set(
            await VideoUpload.filter(status=UploadStatus.PENDING).values_list(
                "storage_upload_id", flat=True
            )
        )
        for pending in await self.storage.list_multipart_uploads():
            if pending.upload_id in known or pending.started_at >= cutoff:
                continue
            if not pending.key.startswith("videos/"):
                continue
            await self.storage.abort_multipart(pending.key, pending.upload_id)
            removed += 1
        return removed
