"""The one-frame decode of a probe, run where its memory is bounded.

OpenCV (FFmpeg) allocates whatever a video's codec headers ask for: a 3 MB
MJPEG file of 16000x16000 frames takes about 2 GB to decode. The container
parsers refuse frames above the configured maximum before anything is
decoded, but a file can lie in its headers, and decoders have bugs. So the
decode runs in a small pool of long-lived worker processes (see
``_frame_worker``), each with its address space capped (RLIMIT_AS): the worst
a file can do is fail its own decode, or kill its worker, which is replaced.
The server's memory never sees the frame.

Workers start on first use and then stay, so a probe pays neither a process
start nor an OpenCV import; requests carry the open file descriptor, not a
path. ``decode_first_frame`` and ``render_poster`` are blocking and
thread-safe: the probe threads and the poster job call them, one request per
worker at a time.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

WORKER_SCRIPT = Path(__file__).with_name("_frame_worker.py")
# A cold start imports OpenCV and FFmpeg from disk; allow for a slow one.
START_TIMEOUT_SECONDS = 60.0
# Fewer threads and malloc arenas: the address-space cap then measures frames, not
# reservations that are never used.
WORKER_ENVIRONMENT = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MALLOC_ARENA_MAX": "2",
    "OPENCV_LOG_LEVEL": "ERROR",
    "OPENCV_FFMPEG_LOGLEVEL": "-8",
}
# What the worker inherits of the server's environment: enough to run Python and find
# OpenCV, and none of the server's secrets (database URL, JWT key, S3 credentials), as
# the worker is the process that parses untrusted files.
INHERITED = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PYTHONPATH", "LD_LIBRARY_PATH")


@dataclass(frozen=True)
class FrameReport:
    """What the decoder saw in a video."""

    opened: bool
    width: int = 0  # coded size, as the decoder reports it
    height: int = 0
    rotation: float = 0.0  # the orientation metadata, degrees
    fourcc: int = 0
    too_large: bool = False  # the decoder's size is over the limit: nothing was decoded
    decoded: bool = False  # the first frame was decoded
    frame: tuple[int, int] | None = None  # its (width, height)


@dataclass(frozen=True)
class PosterReport:
    """What the decoder made of a video's poster."""

    opened: bool
    too_large: bool = False
    decoded: bool = False
    size: tuple[int, int] | None = None  # the JPEG's (width, height), when written
    jpeg_bytes: int = 0


class DecoderFailed(Exception):
    """The decoder process died, or ran out of time, on this file."""


class DecoderUnavailable(RuntimeError):
    """No decoder process could be started: a fault of the server, not of the file."""


class _Worker:
    def __init__(self, memory_bytes: int) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self.process = subprocess.Popen(
                [sys.executable, str(WORKER_SCRIPT), str(theirs.fileno()), str(memory_bytes)],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                env={
                    **{name: os.environ[name] for name in INHERITED if name in os.environ},
                    **WORKER_ENVIRONMENT,
                },
            )
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        self.channel = ours
        try:
            ready = self._receive(START_TIMEOUT_SECONDS)
        except DecoderFailed as failure:
            self.kill()
            raise DecoderUnavailable(f"the decoder process did not start: {failure}") from None
        if not ready.get("ready"):
            self.kill()
            raise DecoderUnavailable("the decoder process did not start")

    def _receive(self, timeout: float) -> dict[str, Any]:
        self.channel.settimeout(timeout)
        try:
            message = self.channel.recv(64 * 1024)
        except TimeoutError:
            raise DecoderFailed(f"the decoder took longer than {timeout:g} s") from None
        except OSError as exc:
            raise DecoderFailed(f"the decoder process is gone ({exc})") from None
        if not message:
            code = self.process.poll()
            if code is None:
                try:
                    code = self.process.wait(1)
                except subprocess.TimeoutExpired:
                    code = None
            raise DecoderFailed(f"the decoder process died (exit status {code})")
        reply: dict[str, Any] = json.loads(message)
        return reply

    def request(self, fds: list[int], payload: dict[str, Any], timeout: float) -> dict[str, Any]:
        try:
            socket.send_fds(self.channel, [json.dumps(payload).encode()], fds)
        except OSError as exc:
            raise DecoderFailed(f"the decoder process is gone ({exc})") from None
        return self._receive(timeout)

    def kill(self) -> None:
        self.channel.close()
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            log.error("decoder process %d did not exit", self.process.pid)


class DecoderPool:
    """Up to ``size`` worker processes, each capped at ``memory_bytes`` of address space."""

    def __init__(self, size: int, memory_bytes: int, timeout_seconds: float) -> None:
        self.size = max(1, size)
        self.memory_bytes = memory_bytes
        self.timeout_seconds = timeout_seconds
        self._idle: list[_Worker] = []
        self._live = 0
        self._closed = False
        self._changed = threading.Condition()
        # Workers started and replaced, for operators (and tests) to see churn.
        self.started = 0

    def decode_first_frame(
        self, fd: int, *, max_pixels: int, max_side: int, attempts: int = 2
    ) -> FrameReport:
        """Open the video behind ``fd`` and decode its first frame, in a worker.

        A worker that dies or hangs on a file is replaced and the file tried once
        more on a fresh one (a worker may die for reasons of its own); the second
        failure raises DecoderFailed.
        """
        payload = {"max_pixels": max_pixels, "max_side": max_side}
        reply = self._request([fd], payload, attempts)
        frame = reply.get("frame")
        return FrameReport(
            opened=reply["opened"],
            width=reply.get("width", 0),
            height=reply.get("height", 0),
            rotation=reply.get("rotation") or 0.0,
            fourcc=reply.get("fourcc", 0),
            too_large=reply.get("too_large", False),
            decoded=reply.get("decoded", False),
            frame=(frame[0], frame[1]) if frame else None,
        )

    def render_poster(
        self,
        fd: int,
        out_fd: int,
        *,
        at_seconds: float,
        max_width: int,
        max_pixels: int,
        max_side: int,
        quality: int = 85,
        attempts: int = 2,
    ) -> PosterReport:
        """Decode one frame of the video behind ``fd`` near ``at_seconds`` (else its
        first), shrink it to at most ``max_width`` pixels wide, and write it as a
        JPEG to ``out_fd`` (an empty file), in a worker. Failures as for
        ``decode_first_frame``; ``out_fd`` may hold a partial image when this raises.
        """
        payload = {
            "max_pixels": max_pixels,
            "max_side": max_side,
            "poster": {"at_seconds": at_seconds, "max_width": max_width, "quality": quality},
        }
        reply = self._request([fd, out_fd], payload, attempts)
        poster = reply.get("poster")
        return PosterReport(
            opened=reply["opened"],
            too_large=reply.get("too_large", False),
            decoded=reply.get("decoded", False) and poster is not None,
            size=(poster[0], poster[1]) if poster else None,
            jpeg_bytes=poster[2] if poster else 0,
        )

    def _request(self, fds: list[int], payload: dict[str, Any], attempts: int) -> dict[str, Any]:
        """One request on a worker; a worker that dies or hangs on it is replaced and
        the request tried again, up to ``attempts`` times."""
        for attempt in range(1, attempts + 1):
            worker = self._acquire()
            healthy = False
            try:
                started = time.monotonic()
                reply = worker.request(fds, payload, self.timeout_seconds)
                healthy = not reply.get("retire", False)
            except DecoderFailed as failure:
                log.warning(
                    "frame decoder failed after %.1f s (attempt %d): %s",
                    time.monotonic() - started,
                    attempt,
                    failure,
                )
                if attempt == attempts:
                    raise
                continue
            finally:
                self._release(worker, healthy)
            if "error" in reply:
                raise DecoderFailed(f"the decoder failed ({reply['error']})")
            return reply
        raise AssertionError("unreachable")

    def _acquire(self) -> _Worker:
        with self._changed:
            while True:
                if self._closed:
                    raise DecoderUnavailable("the decoder pool is closed")
                if self._idle:
                    return self._idle.pop()
                if self._live < self.size:
                    self._live += 1
                    break
                self._changed.wait()
        try:
            worker = _Worker(self.memory_bytes)
        except BaseException:
            with self._changed:
                self._live -= 1
                self._changed.notify()
            raise
        with self._changed:
            self.started += 1
        return worker

    def _release(self, worker: _Worker, healthy: bool) -> None:
        with self._changed:
            if healthy and not self._closed:
                self._idle.append(worker)
            else:
                self._live -= 1
                worker.kill()
            self._changed.notify()

    def close(self) -> None:
        """Stop the idle workers now; busy ones stop when their request ends."""
        with self._changed:
            self._closed = True
            idle, self._idle = self._idle, []
            self._live -= len(idle)
            self._changed.notify_all()
        for worker in idle:
            worker.kill()


_default: DecoderPool | None = None
_default_lock = threading.Lock()


def default_pool() -> DecoderPool:
    """A process-wide pool with the default limits, for callers without settings."""
    global _default
    with _default_lock:
        if _default is None:
            from ...config import Settings

            defaults = Settings()
            _default = DecoderPool(
                defaults.probe_workers,
                defaults.probe_memory_mb * 1024 * 1024,
                defaults.probe_timeout_seconds,
            )
            atexit.register(_default.close)
        return _default
