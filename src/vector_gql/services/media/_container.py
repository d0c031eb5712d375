"""Shared pieces of the container parsers: the error type, a positional reader, the result.

Nothing here holds global mutable state; every probe builds its own objects.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import BinaryIO


class MediaRejected(Exception):
    """The upload is not an acceptable video. ``code`` is machine-readable, ``message`` human."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def corrupt(message: str) -> MediaRejected:
    return MediaRejected("CORRUPT_MEDIA", message)


@dataclass
class ContainerInfo:
    """What a container parser found without decoding anything.

    ``duration`` is the presentation span in seconds (None when the parser could not tell).
    ``width``/``height`` are the coded (stored) dimensions, before rotation.
    ``rotation`` is clockwise display rotation in degrees, normalised to 0/90/180/270.
    ``frame_sizes`` holds every (width, height) that a container or codec header claims for
    any video stream, so that the largest can be refused before anything is decoded.
    """

    container: str
    content_type: str
    has_video: bool = False
    duration: float | None = None
    codec: str | None = None
    width: int | None = None
    height: int | None = None
    rotation: int = 0
    frame_sizes: list[tuple[int, int]] = field(default_factory=list)


class Source:
    """Positional reads from a file opened once; never shares a file position across threads."""

    def __init__(self, fileobj: BinaryIO, size: int) -> None:
        self._f = fileobj
        self.size = size
        self._pread = getattr(os, "pread", None)

    def read_at(self, offset: int, n: int) -> bytes:
        """Read up to ``n`` bytes at ``offset`` (fewer at the end of the file)."""
        if offset >= self.size or n <= 0:
            return b""
        n = min(n, self.size - offset)
        if self._pread is not None:
            chunks = []
            got = 0
            while got < n:
                chunk = self._pread(self._f.fileno(), n - got, offset + got)
                if not chunk:
                    break
                chunks.append(chunk)
                got += len(chunk)
            return b"".join(chunks)
        self._f.seek(offset)
        data: bytes = self._f.read(n)
        return data


def normalise_rotation(degrees: float) -> int:
    """Round to the nearest quarter turn and fold into 0..359."""
    return int(round(degrees / 90.0)) * 90 % 360
