"""Videos: upload through the API, or straight to storage in parts; probe; posters; sign links."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from ...config import Settings
from ...storage import Storage
from ..audit import AuditLog
from ..clock import Clock
from ..events import EventBus
from ..jobs import JobQueue
from .frame_decoder import DecoderPool
from .posters import VideoPosters
from .probe import FrameLimits
from .reads import PartTarget, UploadState
from .rows import UploadRow, VideoRow
from .uploads import DirectUploads

__all__ = ["PartTarget", "UploadRow", "UploadState", "VideoRow", "VideoService"]


class VideoService(DirectUploads, VideoPosters):
    def __init__(
        self,
        settings: Settings,
        storage: Storage,
        jobs: JobQueue,
        *,
        clock: Clock,
        events: EventBus,
        audit: AuditLog,
    ) -> None:
        self.settings = settings
        self.storage = storage
        self.clock = clock
        self.events = events
        self.audit = audit
        self.probe_pool = ThreadPoolExecutor(
            max_workers=max(1, settings.probe_workers), thread_name_prefix="probe"
        )
        # Each probe thread decodes its video's first frame in one of these
        # processes (memory capped), so there are as many.
        self.decoder = DecoderPool(
            max(1, settings.probe_workers),
            memory_bytes=settings.probe_memory_mb * 1024 * 1024,
            timeout_seconds=settings.probe_timeout_seconds,
        )
        self.frame_limits = FrameLimits(settings.max_video_pixels, settings.max_video_side)
        self.background: set[asyncio.Task[None]] = set()
        self.define_poster_job(jobs)

    def close(self) -> None:
        self.probe_pool.shutdown(wait=False, cancel_futures=True)
        self.decoder.close()
