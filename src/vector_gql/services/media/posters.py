"""Poster images: one still of every stored video, made on the job queue.

Recording a video (``VideoWrites.record``, the one function every path in goes
through: multipart upload, a completed direct upload, the original REST path)
enqueues a ``media.poster`` job in the same transaction. The job decodes one
frame at a tenth of the video's duration (its first frame if seeking finds
none) in the decoder pool, the address-space-capped processes that probing
uses, so the server's memory never holds the frame. The pool writes it as a
JPEG at most ``POSTER_MAX_WIDTH`` pixels wide into an unnamed temporary file,
which is stored under ``poster_key_for(video)`` and recorded on the video
(``Video.poster_key``); the API signs it as ``Video.posterUrl``.

Idempotent: the key is derived from the video's, so a job that runs twice
stores the same object twice, and a video that already has its poster is left
alone. Until the row names the poster, a ``PendingObject`` row does, so a
process that dies after storing leaves nothing the clean-up would not find.
A video deleted while its poster was being made loses the poster too.

A frame that cannot be decoded, a decoder that dies, storage that fails: the
job raises, is logged and retried (``POSTER_RETRY``), and the video keeps a
null ``posterUrl``. Nothing about a missing poster is shown as an error.

Deleting videos (see ``release_objects`` and ``delete_released``) removes
their posters with them.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor

from ...config import Settings
from ...models.media import PendingObject, Video
from ...storage import ObjectNotFound, Storage, StorageError
from ..clock import Clock
from ..events import EventBus
from ..jobs import JobQueue, JobType, RetryPolicy
from .frame_decoder import DecoderPool, PosterReport
from .probe import FrameLimits
from .rows import VideoRow

log = logging.getLogger(__name__)

POSTER_MAX_WIDTH = 640
POSTER_QUALITY = 85
POSTER_CONTENT_TYPE = "image/jpeg"
# Where in the video the poster comes from: past a recording's first, often
# black or blurred, frames.
POSTER_POSITION = 0.1
# Three more tries, after 3, 9 and 27 seconds: a decoder that died or storage
# that failed usually recovers; a file whose frames do not decode does not.
POSTER_RETRY = RetryPolicy(max_attempts=3, exponential_wait=3)


class PosterNotMade(Exception):
    """The decoder could not make a poster of this video."""


def poster_key_for(storage_key: str) -> str:
    """The poster's object key, derived from its video's (``videos/<id>``)."""
    return f"posters/{storage_key.rsplit('/', 1)[-1]}.jpg"


def _render(
    decoder: DecoderPool, path: str, out_fd: int, at_seconds: float, limits: FrameLimits
) -> PosterReport:
    """Blocking: the poster of the video at ``path``, written to ``out_fd``."""
    with open(path, "rb", buffering=0) as video:
        return decoder.render_poster(
            video.fileno(),
            out_fd,
            at_seconds=at_seconds,
            max_width=POSTER_MAX_WIDTH,
            max_pixels=limits.max_pixels,
            max_side=limits.max_side,
            quality=POSTER_QUALITY,
        )


class VideoPosters:
    settings: Settings
    storage: Storage
    clock: Clock
    events: EventBus
    probe_pool: ThreadPoolExecutor
    decoder: DecoderPool
    frame_limits: FrameLimits
    make_poster: JobType

    def define_poster_job(self, jobs: JobQueue) -> None:
        self.make_poster = jobs.define("media.poster", self._make_poster, retry=POSTER_RETRY)

    async def _make_poster(self, video_id: int) -> None:
        found = await VideoRow.fetch(Video.filter(id=video_id))
        if not found or found[0].poster_key is not None:
            return  # deleted since, or made by an earlier run
        video = found[0]
        key = poster_key_for(video.storage_key)
        with tempfile.TemporaryFile(prefix="vector-poster-") as out:
            try:
                async with self.storage.local_copy(video.storage_key) as path:
                    report = await asyncio.get_running_loop().run_in_executor(
                        self.probe_pool,
                        functools.partial(
                            _render,
                            self.decoder,
                            str(path),
                            out.fileno(),
                            video.duration_seconds * POSTER_POSITION,
                            self.frame_limits,
                        ),
                    )
            except ObjectNotFound:
                if not await Video.exists(id=video_id):
                    return  # deleted while we were reading it
                raise
            if not report.decoded or report.size is None:
                why = (
                    "cannot be opened"
                    if not report.opened
                    else "has frames over the limits"
                    if report.too_large
                    else "has no frame that decodes"
                )
                raise PosterNotMade(f"video {video_id} {why}")
            out.seek(0, os.SEEK_END)
            size = out.tell()
            if size != report.jpeg_bytes:
                raise PosterNotMade(f"the poster of video {video_id} was not written whole")
            out.seek(0)
            # Recorded before it is stored: whatever stops us, the clean-up finds it.
            await PendingObject.get_or_create(key=key, defaults={"created_at": self.clock.now()})
            await self.storage.put(key, out, content_type=POSTER_CONTENT_TYPE, size=size)
        async with self.events.unit():
            owned = await Video.filter(id=video_id, poster_key=None).update(poster_key=key)
            if owned or await Video.exists(id=video_id, poster_key=key):
                await PendingObject.filter(key=key).delete()
                return
        # The video went while its poster was made: the poster goes too.
        await self._discard(key)

    async def _discard(self, key: str) -> None:
        try:
            await self.storage.delete(key)
        except StorageError:
            log.warning("could not delete %s; the clean-up will", key)
            return
        await PendingObject.filter(key=key).delete()
