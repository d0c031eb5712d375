"""Videos sent through the API: probe, then store and hash, then record.

The rule for every path in: a file becomes a ``Video`` only after probing says
it is a video within the limits, and a rejected or failed upload leaves no
object in storage and no row in the database.

Over 400 lines on purpose: storing, recording and deleting a video share the
crash-safety discipline of ``PendingObject`` and read best together.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import functools
import hashlib
import logging
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, BinaryIO

from ...config import Settings
from ...models.candidates import Answer
from ...models.interviews import Question
from ...models.media import PendingObject, Video
from ...storage import Storage, StorageError, open_file_path
from ..audit import AuditAction, AuditLog, Fact
from ..auth import (
    Action,
    CandidateSession,
    Principal,
    first_organization_for,
    may,
    readable_videos,
    require,
    require_held,
    require_member,
)
from ..clock import Clock
from ..errors import ErrorCode, Forbidden, Invalid
from ..events import EventBus, VideoDeleted, VideoStored
from ..jobs import JobType
from ..validation import Collector
from .frame_decoder import DecoderPool
from .posters import poster_key_for
from .probe import FrameLimits, MediaRejected, VideoInfo, probe_video
from .quota import check_quota, lock_storage
from .rows import VideoRow
from .rules import MAX_FILENAME, check_size, check_title, file_problem, storage_unavailable

log = logging.getLogger(__name__)

# The work a dropped upload leaves running (its put and hash), for whoever set a list
# here for the request: the upload gate holds the caller's upload slot until it ends.
DROPPED_UPLOAD_WORK: contextvars.ContextVar[list[asyncio.Future[Any]] | None] = (
    contextvars.ContextVar("dropped_upload_work", default=None)
)
CHUNK = 1024 * 1024
# A check of a probed video before it is stored (an answer's length): raises Invalid.
ProbeCheck = Callable[[VideoInfo], None]


def _sha256_of(path: str) -> str:
    """Blocking: the sha256 of the file's bytes (runs in the probe pool)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _error_of(task: asyncio.Future[Any]) -> BaseException | None:
    return asyncio.CancelledError() if task.cancelled() else task.exception()


@contextlib.contextmanager
def _path_of(fileobj: BinaryIO) -> Iterator[str]:
    """A path with the file object's bytes, without copying when the OS can name it."""
    path = open_file_path(fileobj)
    if path is not None:
        yield path
        return
    # Unnamed where the OS allows, so a killed process leaves no copy behind.
    with tempfile.TemporaryFile(prefix="vector-upload-") as copy:
        fileobj.seek(0)
        shutil.copyfileobj(fileobj, copy, CHUNK)
        copy.flush()
        unnamed = open_file_path(copy)
        if unnamed is not None:
            yield unnamed
            return
    with tempfile.NamedTemporaryFile(prefix="vector-upload-") as named:
        fileobj.seek(0)
        shutil.copyfileobj(fileobj, named, CHUNK)
        named.flush()
        yield named.name


async def videos_in_use(video_ids: list[int]) -> dict[int, str]:
    """The videos among ``video_ids`` that something depends on, with what uses them.

    The rule: a video that an interview shows as a question's prompt, or that a
    candidate sent as an answer, stays until that use is gone. Every use is listed
    here, and nothing deletes a video without asking.
    """
    used: dict[int, str] = {}
    prompts = await Question.filter(video_prompt_id__in=video_ids).values("video_prompt_id")
    for row in prompts:
        used.setdefault(row["video_prompt_id"], "the prompt of an interview's question")
    answers = await Answer.filter(video_id__in=video_ids).values("video_id")
    for row in answers:
        used.setdefault(row["video_id"], "a candidate's answer")
    return used


class VideoWrites:
    settings: Settings
    storage: Storage
    clock: Clock
    events: EventBus
    audit: AuditLog
    probe_pool: ThreadPoolExecutor
    decoder: DecoderPool
    frame_limits: FrameLimits
    make_poster: JobType  # see posters.py
    # Clean-ups that outlive a cancelled request (see _put_and_hash).
    background: set[asyncio.Task[None]]

    async def probe(self, path: str) -> VideoInfo:
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(
                self.probe_pool,
                functools.partial(
                    probe_video,
                    path,
                    max_seconds=self.settings.max_video_seconds,
                    limits=self.frame_limits,
                    decoder=self.decoder,
                ),
            )
        except MediaRejected as rejected:
            raise file_problem(ErrorCode(rejected.code), rejected.message) from None

    async def _hash(self, path: str) -> str:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.probe_pool, _sha256_of, path)

    async def organization_for_upload(
        self, principal: Principal, organization_id: int | None
    ) -> int:
        """The organization a new video goes to: the one named, else the member's first."""
        if organization_id is not None:
            await require(principal, organization_id, Action.UPLOAD_VIDEOS, "organization_id")
            return organization_id
        default = await first_organization_for(principal, Action.UPLOAD_VIDEOS)
        if default is None:
            raise Forbidden("You are not an owner or recruiter of any organization.")
        return default

    async def check_upload(
        self,
        principal: Principal,
        *,
        title: str,
        organization_id: int | None,
        size: int,
    ) -> None:
        """What ``upload`` decides before it reads the file, in the same order, for an
        upload whose file has not arrived yet: ``size`` is as little as it can be."""
        organization_id = await self.organization_for_upload(principal, organization_id)
        errors = Collector()
        check_title(title, errors)
        errors.raise_if_any()
        if size > 0:  # 0: not known yet
            check_size(size, self.settings.max_upload_bytes, "file")
        await check_quota(self.settings, organization_id, size, "file")

    async def upload(
        self,
        principal: Principal,
        *,
        title: str,
        fileobj: BinaryIO,
        filename: str = "",
        organization_id: int | None = None,
    ) -> VideoRow:
        """Probe, store and record a file the client sent through the API."""
        organization_id = await self.organization_for_upload(principal, organization_id)
        return await self._upload(principal, organization_id, title, fileobj, filename)

    async def upload_answer(
        self,
        candidate: CandidateSession,
        *,
        title: str,
        fileobj: BinaryIO,
        filename: str,
        check: ProbeCheck,
    ) -> VideoRow:
        """A candidate's recording: probed, then ``check``ed, then stored in the
        organization of their interview, with no uploader."""
        return await self._upload(
            candidate, candidate.organization_id, title, fileobj, filename, check
        )

    async def _upload(
        self,
        principal: Principal,
        organization_id: int,
        title: str,
        fileobj: BinaryIO,
        filename: str,
        check: ProbeCheck | None = None,
    ) -> VideoRow:
        errors = Collector()
        title = check_title(title, errors)
        errors.raise_if_any()
        fileobj.seek(0, os.SEEK_END)
        size = fileobj.tell()
        check_size(size, self.settings.max_upload_bytes, "file")
        # Early, so a file over the quota is not stored; record() decides under the lock.
        await check_quota(self.settings, organization_id, size, "file")
        key = f"videos/{uuid.uuid4().hex}"
        with _path_of(fileobj) as path:
            info = await self.probe(path)  # nothing is stored before this passes
            if check is not None:
                check(info)
            fileobj.seek(0)
            await self.expect_object(key)
            sha256 = await self._put_and_hash(key, fileobj, path, info.content_type, size)
        return await self.record(
            principal,
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
            self.background.add(cleanup)
            cleanup.add_done_callback(self.background.discard)
            held = DROPPED_UPLOAD_WORK.get()
            if held is not None:
                held.append(cleanup)
            raise
        put_error, digest_error = _error_of(put), _error_of(digest)
        if put_error is None and digest_error is None:
            return digest.result()
        await self.discard(key)
        if isinstance(put_error, StorageError):
            log.error("storing %s failed", key, exc_info=put_error)
            raise storage_unavailable() from None
        raise put_error or digest_error  # type: ignore[misc]

    async def _discard_when_done(self, key: str, *running: asyncio.Future[Any]) -> None:
        """After a dropped upload: once the put and the hash have finished, delete what
        the put may have stored. Their failures reach no one (the spooled file may be
        gone already), so they are read here; storage failing still gets a log line."""
        await asyncio.wait(running)
        for task in running:
            error = _error_of(task)
            if isinstance(error, StorageError):
                log.warning("storing %s failed after its upload was dropped: %s", key, error)
        await self.discard(key)

    async def record(
        self,
        principal: Principal,
        *,
        organization_id: int,
        key: str,
        title: str,
        filename: str,
        info: VideoInfo,
        size: int,
        sha256: str,
        upload_id: uuid.UUID | None = None,
    ) -> VideoRow:
        """The row of a probed, stored video; the object goes if the row cannot be made.

        A member's video names them as its uploader; a candidate's answer names no one.
        The uploader's right to add videos to the organization, and its quota, are
        decided here, in the transaction that records the video: probing takes a
        while, and a member removed or demoted meanwhile adds nothing. (A candidate's
        right to answer is decided by the candidate service around this call.)
        Every path that stores a video ends here, so its poster is asked for here,
        in the same commit (see posters.py).
        """
        uploaded_by_id = (
            None if isinstance(principal, CandidateSession) else require_member(principal).user_id
        )
        try:
            async with self.events.unit() as events:
                if uploaded_by_id is not None:
                    await require_held(
                        principal, organization_id, Action.UPLOAD_VIDEOS, "organization_id"
                    )
                await lock_storage(organization_id)
                await check_quota(
                    self.settings, organization_id, size, "file", excluding_upload=upload_id
                )
                video = await Video.create(
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
                    uploaded_at=self.clock.now(),
                    uploaded_by_id=uploaded_by_id,
                    organization_id=organization_id,
                )
                # The video owns the object now, in the same commit.
                await PendingObject.filter(key=key).delete()
                await self.make_poster.enqueue(video_id=video.id)
                events.append(VideoStored(organization_id, video.id))
        except BaseException:
            # The row failed: the object must not outlive it.
            await self.discard(key)
            raise
        return VideoRow.of(video)

    async def delete_video(self, principal: Principal, video_id: int) -> int:
        """Delete a video and its stored object; returns the organization it was in.

        Owners and recruiters delete their organization's videos, and any member the
        videos they uploaded themself. A video in use cannot go (VIDEO_IN_USE): see
        ``videos_in_use``. The row goes first, with a PendingObject naming its object
        in the same commit, so the object is deleted even if storage fails or the
        process dies right after (the clean-up retries it). The organization's audit
        log records the deletion (VIDEO_DELETED) in that commit too.
        """
        member = require_member(principal)
        async with self.events.unit() as events:
            # Locked: a question taking it as its prompt waits, then finds it gone.
            video = await readable_videos(principal).filter(id=video_id).select_for_update().first()
            if video is None:
                raise Invalid.one(
                    ErrorCode.NOT_FOUND, "There is no video with this ID.", "video_id"
                )
            held = await require_held(
                principal, video.organization_id, Action.READ_VIDEOS, "video_id"
            )
            if video.uploaded_by_id != member.user_id and not may(held.role, Action.DELETE_VIDEOS):
                raise Forbidden(
                    "Only the organization's owners and recruiters, and the video's uploader, "
                    "can delete it."
                )
            in_use = await videos_in_use([video.id])
            if in_use:
                raise Invalid.one(
                    ErrorCode.VIDEO_IN_USE,
                    f"This video is {in_use[video.id]}, so it cannot be deleted. "
                    "Remove it from there first.",
                    "video_id",
                )
            # The video's object and its poster's are the clean-up's from this commit.
            keys = await self.release_objects([video.id])
            await video.delete()
            await self.audit.record(
                Fact(
                    video.organization_id,
                    AuditAction.VIDEO_DELETED,
                    actor_id=member.user_id,
                    details={"video_id": video.id, "title": video.title},
                )
            )
            events.append(VideoDeleted(video.organization_id, video.id))
        await self.delete_released(keys)
        return video.organization_id

    async def release_objects(self, video_ids: Iterable[int]) -> list[str]:
        """Call inside the transaction that deletes these videos, before deleting them.

        Locks the rows (so a poster job finishing now waits, then finds the video
        gone and deletes its own poster), and hands every object they own, the
        video's and its poster's, to the clean-up as ``PendingObject`` rows: if
        the process dies after the commit, the objects still go. Returns the keys,
        for ``delete_released`` after the commit.
        """
        wanted = list(video_ids)
        if not wanted:
            return []
        rows = (
            await Video.filter(id__in=wanted)
            .select_for_update()
            .values_list("storage_key", "poster_key")
        )
        keys = [key for pair in rows for key in pair if key is not None]
        # A poster job may be storing a poster the row does not name yet; its key is known.
        keys += [poster_key_for(storage_key) for storage_key, poster in rows if poster is None]
        now = self.clock.now()
        await PendingObject.bulk_create(
            [PendingObject(key=key, created_at=now) for key in keys], ignore_conflicts=True
        )
        return keys

    async def delete_released(self, keys: Iterable[str]) -> None:
        """After the commit that deleted the videos: delete their objects now.

        An object storage fails to delete stays recorded, and the clean-up
        (``cleanup_abandoned``) deletes it later.
        """
        for key in keys:
            await self.discard(key)

    async def expect_object(self, key: str) -> None:
        """Record that an object is about to be stored under ``key`` with no video
        owning it yet (see PendingObject): whatever interrupts the upload from here
        on, the clean-up finds the object and deletes it."""
        await PendingObject.get_or_create(key=key, defaults={"created_at": self.clock.now()})

    async def discard(self, key: str) -> None:
        """Delete an object no video owns; if storage fails, the clean-up retries it."""
        try:
            await self.storage.delete(key)
        except StorageError:
            log.warning("could not delete %s after a failed upload; the clean-up will", key)
            return
        await PendingObject.filter(key=key).delete()
