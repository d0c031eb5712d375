"""Videos sent through the API: probe, then store and hash, then record.

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
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, BinaryIO

from ...config import Settings
from ...models.media import PendingObject, Video
from ...storage import Storage, StorageError, open_file_path
from ..auth import (
    Action,
    CandidateSession,
    Principal,
    first_organization_for,
    require,
    require_member,
)
from ..clock import Clock
from ..errors import ErrorCode, Forbidden
from ..events import EventBus, VideoStored
from ..validation import Collector
from .frame_decoder import DecoderPool
from .probe import FrameLimits, MediaRejected, VideoInfo, probe_video
from .rows import VideoRow
from .rules import MAX_FILENAME, check_size, check_title, file_problem, storage_unavailable

log = logging.getLogger(__name__)
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


class VideoWrites:
    settings: Settings
    storage: Storage
    clock: Clock
    events: EventBus
    probe_pool: ThreadPoolExecutor
    decoder: DecoderPool
    frame_limits: FrameLimits
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
        await asyncio.wait(running)
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
    ) -> VideoRow:
        """The row of a probed, stored video; the object goes if the row cannot be made.

        A member's video names them as its uploader; a candidate's answer names no one.
        """
        uploaded_by_id = (
            None if isinstance(principal, CandidateSession) else require_member(principal).user_id
        )
        try:
            async with self.events.unit() as events:
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
                events.append(VideoStored(organization_id, video.id))
        except BaseException:
            # The row failed: the object must not outlive it.
            await self.discard(key)
            raise
        return VideoRow.of(video)

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
