"""Direct, resumable uploads: the client sends parts straight to storage.

An upload is claimed before it is assembled (PENDING -> COMPLETING in one
statement), so a client that retries after a timeout gets the finished video,
or a "try again shortly", but never a second assembly of the same object.
"""

from __future__ import annotations

import logging
import math
import os
import uuid
from datetime import datetime, timedelta

from tortoise.expressions import Q

from ...models.interviews import Interview
from ...models.media import PendingObject, UploadStatus, Video, VideoUpload
from ...storage import MIN_PART_BYTES, InvalidUpload, StorageError
from ..auth import (
    Action,
    CandidateSession,
    Principal,
    readable_uploads,
    readable_videos,
    require_held,
    require_member,
)
from ..candidates.rules import not_answerable
from ..errors import ErrorCode, Forbidden, Invalid, Problem
from ..validation import Collector
from .quota import check_quota, lock_storage
from .reads import UploadState, VideoReads
from .rows import UploadRow, VideoRow
from .rules import (
    MAX_PARTS,
    check_filename,
    check_parts,
    check_size,
    check_title,
    file_problem,
    storage_unavailable,
)
from .writes import ProbeCheck, VideoWrites

log = logging.getLogger(__name__)


class DirectUploads(VideoReads, VideoWrites):
    def _part_size(self, size: int) -> int:
        part = max(self.settings.upload_part_bytes, MIN_PART_BYTES)
        return max(part, math.ceil(size / MAX_PARTS))

    async def start_upload(
        self,
        principal: Principal,
        *,
        title: str,
        filename: str,
        size_bytes: int,
        content_type: str,
        organization_id: int | None = None,
    ) -> UploadState:
        created_by_id: int | None = None
        invitation_id: int | None = None
        if isinstance(principal, CandidateSession):
            # An answer on its way: it goes to the interview's organization, and is
            # attached with submitAnswer(videoUploadId).
            organization_id = principal.organization_id
            invitation_id = principal.invitation_id
            interview = await Interview.get(id=principal.interview_id).only("id", "status")
            # An answer the interview would refuse is not uploaded first (submitAnswer
            # decides again when it arrives).
            closed = not_answerable(interview.status)
            if closed is not None:
                raise closed
        else:
            organization_id = await self.organization_for_upload(principal, organization_id)
            created_by_id = require_member(principal).user_id
        errors = Collector()
        title = check_title(title, errors)
        check_filename(filename, errors)
        try:
            check_size(size_bytes, self.settings.max_upload_bytes, "size_bytes")
        except Invalid as exc:
            errors.extend(exc.problems)
        errors.raise_if_any()
        # Early, so a refused upload makes no storage call; decided again under the lock.
        await check_quota(
            self.settings,
            organization_id,
            size_bytes,
            "size_bytes",
            new_upload=True,
            invitation_id=invitation_id,
        )
        part_size = self._part_size(size_bytes)
        key = f"videos/{uuid.uuid4().hex}"
        try:
            storage_upload_id = await self.storage.create_multipart(
                key, content_type=content_type or "application/octet-stream"
            )
        except StorageError:
            log.exception("starting a multipart upload failed")
            raise storage_unavailable() from None
        try:
            async with self.events.unit():
                if created_by_id is not None:
                    await require_held(
                        principal, organization_id, Action.UPLOAD_VIDEOS, "organization_id"
                    )
                await lock_storage(organization_id)
                await check_quota(
                    self.settings,
                    organization_id,
                    size_bytes,
                    "size_bytes",
                    new_upload=True,
                    invitation_id=invitation_id,
                )
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
                    created_by_id=created_by_id,
                    invitation_id=invitation_id,
                    organization_id=organization_id,
                    created_at=self.clock.now(),
                )
        except BaseException:
            # No row names the multipart upload: abort it now (else the clean-up will).
            try:
                await self.storage.abort_multipart(key, storage_upload_id)
            except StorageError:
                log.warning("could not abort refused upload %s; the clean-up will", key)
            raise
        row = UploadRow.of(upload)
        return UploadState(row, await self.part_targets(row, stored=[]))

    async def _own_upload(
        self, principal: Principal, upload_id: uuid.UUID, field: str = "upload_id"
    ) -> VideoUpload:
        upload = await readable_uploads(principal).filter(id=upload_id).first()
        if upload is None:
            raise Invalid.one(ErrorCode.NOT_FOUND, "There is no such upload.", field)
        return upload

    def _require_pending(self, upload: VideoUpload) -> None:
        if upload.status != UploadStatus.PENDING:
            raise Invalid.one(
                ErrorCode.UPLOAD_CLOSED,
                f"This upload is already {upload.status.value.lower()}; start a new one.",
                "upload_id",
            )

    async def complete_upload(
        self, principal: Principal, upload_id: uuid.UUID, parts: list[tuple[int, str]]
    ) -> tuple[UploadRow, VideoRow]:
        """Assemble the parts, probe the object from storage, record the video."""
        if isinstance(principal, CandidateSession):
            raise Forbidden("Send an answer's upload with submitAnswer(videoUploadId).")
        return await self._complete(principal, upload_id, parts)

    async def complete_answer_upload(
        self, candidate: CandidateSession, upload_id: uuid.UUID, check: ProbeCheck
    ) -> VideoRow:
        """A candidate's resumable upload, assembled from every part storage holds,
        probed and ``check``ed like an answer sent in one request."""
        upload = await self._own_upload(candidate, upload_id, "video_upload_id")
        parts: list[tuple[int, str]] = []
        if upload.status == UploadStatus.PENDING:
            try:
                stored = await self.storage.list_parts(upload.storage_key, upload.storage_upload_id)
            except InvalidUpload:
                stored = []
            except StorageError:
                raise storage_unavailable() from None
            parts = [(part.number, part.etag) for part in stored]
            missing = sorted(set(range(1, upload.part_count + 1)) - {n for n, _ in parts})
            if missing:
                raise Invalid.one(
                    ErrorCode.UPLOAD_INCOMPLETE,
                    f"Parts {', '.join(map(str, missing))} are not uploaded yet; send them, "
                    "then submit again.",
                    "video_upload_id",
                )
        _, video = await self._complete(candidate, upload_id, parts, check)
        return video

    async def _complete(
        self,
        principal: Principal,
        upload_id: uuid.UUID,
        parts: list[tuple[int, str]],
        check: ProbeCheck | None = None,
    ) -> tuple[UploadRow, VideoRow]:
        upload = await self._own_upload(principal, upload_id)
        if upload.status == UploadStatus.PENDING:
            check_parts(upload.part_count, parts)
        claimed = await VideoUpload.filter(id=upload.id, status=UploadStatus.PENDING).update(
            status=UploadStatus.COMPLETING
        )
        if not claimed:
            await upload.refresh_from_db()
            if upload.status == UploadStatus.COMPLETED and upload.video_id is not None:
                # Read through the caller's current rights, like any other read.
                done = await VideoRow.by_id(readable_videos(principal), [upload.video_id])
                if upload.video_id in done:
                    return UploadRow.of(upload), done[upload.video_id]
                raise Invalid.one(
                    ErrorCode.NOT_FOUND, "This upload's video no longer exists.", "upload_id"
                )
            if upload.status == UploadStatus.COMPLETING:
                raise Invalid.one(
                    ErrorCode.UPLOAD_BUSY,
                    "This upload is being completed; ask videoUpload(id) again shortly.",
                    "upload_id",
                )
            self._require_pending(upload)
        try:
            video = await self._assemble_and_record(principal, upload, parts, check)
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
        except Forbidden:
            # The caller's role changed while the file was being assembled and probed.
            await self._fail(upload, ErrorCode.INVALID)
            raise
        except BaseException:
            await self._fail(upload, ErrorCode.STORAGE_UNAVAILABLE)
            raise
        upload.status = UploadStatus.COMPLETED
        upload.finished_at = self.clock.now()
        upload.video_id = video.id
        await upload.save(update_fields=["status", "finished_at", "video_id"])
        return UploadRow.of(upload), video

    async def _assemble_and_record(
        self,
        principal: Principal,
        upload: VideoUpload,
        parts: list[tuple[int, str]],
        check: ProbeCheck | None = None,
    ) -> VideoRow:
        try:
            stored = await self.storage.list_parts(upload.storage_key, upload.storage_upload_id)
        except StorageError:
            raise storage_unavailable() from None
        wanted = {number for number, _ in parts}
        total = sum(part.size for part in stored if part.number in wanted)
        if total > self.settings.max_upload_bytes:
            raise file_problem(
                ErrorCode.TOO_LARGE,
                f"The parts add up to {total} bytes; the limit is "
                f"{self.settings.max_upload_bytes} bytes.",
            )
        # Assembling creates the object: recorded first, so nothing can orphan it.
        await self.expect_object(upload.storage_key)
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
            raise storage_unavailable() from None
        # From here on the object exists: whatever fails, it must not stay behind.
        try:
            async with self.storage.hashed_local_copy(upload.storage_key) as copy:
                size, sha256 = copy.size, copy.sha256
                check_size(size, self.settings.max_upload_bytes, "file")
                info = await self.probe(str(copy.path))
                if check is not None:
                    check(info)
        except StorageError:
            await self.discard(upload.storage_key)
            raise Invalid(
                Problem(
                    ErrorCode.STORAGE_UNAVAILABLE,
                    "The file could not be read back from storage. Nothing was kept; "
                    "please upload it again.",
                    ("upload_id",),
                    {"final": True},
                )
            ) from None
        except BaseException:
            await self.discard(upload.storage_key)
            raise
        return await self.record(
            principal,
            organization_id=upload.organization_id,
            key=upload.storage_key,
            title=upload.title,
            filename=upload.filename,
            info=info,
            size=size,
            sha256=sha256,
            upload_id=upload.id,
        )

    async def _fail(self, upload: VideoUpload, code: ErrorCode) -> None:
        """Close the upload for good: its parts go, and it says why."""
        try:
            await self.storage.abort_multipart(upload.storage_key, upload.storage_upload_id)
        except StorageError:
            log.exception("could not abort failed upload %s", upload.id)
        upload.status = UploadStatus.FAILED
        upload.failure_code = code.value
        upload.finished_at = self.clock.now()
        await upload.save(update_fields=["status", "failure_code", "finished_at"])

    async def abort_upload(self, principal: Principal, upload_id: uuid.UUID) -> UploadRow:
        upload = await self._own_upload(principal, upload_id)
        self._require_pending(upload)
        try:
            await self.storage.abort_multipart(upload.storage_key, upload.storage_upload_id)
        except StorageError:
            raise storage_unavailable() from None
        upload.status = UploadStatus.ABORTED
        upload.finished_at = self.clock.now()
        await upload.save(update_fields=["status", "finished_at"])
        return UploadRow.of(upload)

    async def cleanup_abandoned(self, now: datetime | None = None) -> int:
        """Abort uploads left unfinished for longer than the configured time.

        Covers uploads the database knows, uploads left completing by a process
        that died, objects stored by uploads that never recorded their video, and
        multipart uploads in storage that no row points at (a crash between
        starting one and saving its row).
        """
        now = now or self.clock.now()
        cutoff = now - timedelta(seconds=self.settings.abandoned_upload_seconds)
        removed = 0
        # Uploads a process was completing when it died (nothing completes for that long).
        for upload in await VideoUpload.filter(
            status=UploadStatus.COMPLETING, created_at__lt=cutoff
        ):
            try:
                await self.storage.abort_multipart(upload.storage_key, upload.storage_upload_id)
            except StorageError:
                log.warning("could not abort interrupted upload %s; will retry", upload.id)
                continue
            upload.status = UploadStatus.FAILED
            upload.failure_code = "ABANDONED"
            upload.finished_at = now
            await upload.save(update_fields=["status", "failure_code", "finished_at"])
            removed += 1
        # Objects stored by uploads that never recorded their video (see PendingObject).
        for orphan in await PendingObject.filter(created_at__lt=cutoff):
            if not await Video.exists(Q(storage_key=orphan.key) | Q(poster_key=orphan.key)):
                try:
                    await self.storage.delete(orphan.key)
                except StorageError:
                    log.warning("could not delete orphaned object %s; will retry", orphan.key)
                    continue
                removed += 1
            await orphan.delete()
        for upload in await VideoUpload.filter(status=UploadStatus.PENDING, created_at__lt=cutoff):
            try:
                await self.storage.abort_multipart(upload.storage_key, upload.storage_upload_id)
            except StorageError:
                log.exception("could not abort abandoned upload %s", upload.id)
                continue
            upload.status = UploadStatus.ABORTED
            upload.failure_code = ErrorCode.ABANDONED.value
            upload.finished_at = now
            await upload.save(update_fields=["status", "failure_code", "finished_at"])
            removed += 1
        pending_rows = await VideoUpload.filter(status=UploadStatus.PENDING).values(
            "storage_upload_id"
        )
        known = {row["storage_upload_id"] for row in pending_rows}
        for pending in await self.storage.list_multipart_uploads():
            if pending.upload_id in known or pending.started_at >= cutoff:
                continue
            if not pending.key.startswith("videos/"):
                continue
            await self.storage.abort_multipart(pending.key, pending.upload_id)
            removed += 1
        return removed
