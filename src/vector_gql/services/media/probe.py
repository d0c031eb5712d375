"""Decide what an uploaded file is, from its content, and read its duration exactly.

Two stages, both cheap whatever the length of the video:

1. A small container parser (``_isobmff``, ``_matroska``, ``_riff``) identifies the format
   from magic bytes, finds the video track and computes the presentation span from the
   container's own structures: ``mvhd`` (MP4/MOV), the ``moof``/``traf``/``trun`` of the
   first and last fragments (fragmented MP4), ``Info/Duration`` or, when a recorder left it
   out, the last Cluster found by scanning back from the end of the file (WebM/Matroska),
   ``strh`` (AVI). It also notices files cut short. It reads headers only: a few kilobytes
   for most files, the ``moov`` box for long non-fragmented MP4s.
2. Before anything is decoded, the largest frame any container or codec header claims
   (``ContainerInfo.frame_sizes``: track headers, sample entries, H.264/HEVC parameter sets,
   the first JPEG frame's SOF) is checked against ``FrameLimits`` (FRAME_TOO_LARGE).
3. OpenCV's FFmpeg backend opens the file and decodes one frame, to confirm the video stream
   is really decodable and to take the decoder's view of size and rotation. It runs in a
   worker process whose address space is capped (``frame_decoder``), which also refuses a
   frame the decoder finds too large before decoding it; a file that lies in its headers
   can fail its own probe, not take the server's memory.

Frame count / fps is never used: it is wrong for variable frame rate video, and unknown for
MediaRecorder WebM. ``probe_video`` is blocking and thread-safe (every call opens and closes
its own file handle; the decoder pool serves one request per worker at a time); run it in a
worker thread.
"""

from __future__ import annotations

import math
import os
import struct
from dataclasses import dataclass

from . import _isobmff, _matroska, _riff
from ._container import ContainerInfo, MediaRejected, Source, corrupt
from .frame_decoder import DecoderFailed, DecoderPool, default_pool

__all__ = ["FrameLimits", "MediaRejected", "VideoInfo", "probe_video", "sniff_container"]


@dataclass(frozen=True)
class VideoInfo:
    container: str  # "mp4", "webm", "matroska", "mov", "avi"
    content_type: str  # "video/mp4", "video/webm", "video/x-matroska", ...
    duration_seconds: float
    width: int  # display width: after applying the rotation (90/270 swap)
    height: int
    codec: str  # "h264", "vp8", "vp9", "av1", "hevc", "mpeg4", ...
    rotation: int  # clockwise display rotation: 0, 90, 180, 270


_PARSERS = {
    "mp4": _isobmff.parse,
    "mov": _isobmff.parse,
    "webm": _matroska.parse,
    "matroska": _matroska.parse,
    "avi": _riff.parse,
}

# Codecs OpenCV's bundled FFmpeg may have no software decoder for (the opencv-python wheels
# ship without libdav1d/libaom, so AV1 only decodes with hardware acceleration). For these a
# failed first-frame decode says nothing about the file, whose structure the parser checked.
_MAYBE_UNDECODABLE = {"av1"}

_OPENCV_FOURCC = {
    "h264": "h264",
    "avc1": "h264",
    "x264": "h264",
    "hevc": "hevc",
    "hev1": "hevc",
    "hvc1": "hevc",
    "h265": "hevc",
    "vp80": "vp8",
    "vp90": "vp9",
    "av01": "av1",
    "fmp4": "mpeg4",
    "xvid": "mpeg4",
    "divx": "mpeg4",
    "dx50": "mpeg4",
    "mp4v": "mpeg4",
    "mjpg": "mjpeg",
}

# Well-known non-video signatures, for clearer rejection messages only.
_OTHER_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"ID3", "an MP3 audio file"),
    (b"fLaC", "a FLAC audio file"),
    (b"OggS", "an Ogg file"),
]


def sniff_container(head: bytes) -> str | None:
    """Container kind from the first bytes of a file (64 are enough), or None.

    Returns 'mp4', 'mov', 'webm', 'matroska' or 'avi'. HEIF/AVIF stills (ISO-BMFF with an
    image brand) and EBML documents that are not Matroska give None. Audio-only files in
    these containers (e.g. .m4a) are not rejected here; ``probe_video`` reports them as
    NO_VIDEO_STREAM.
    """
    head = bytes(head[:4096])
    if head.startswith(_matroska.EBML_MAGIC):
        return _matroska.sniff(head)
    return _riff.sniff(head) or _isobmff.sniff(head)


@dataclass(frozen=True)
class FrameLimits:
    """The largest frame a video may have: a pixel count, and a longest side."""

    max_pixels: int = 7680 * 4320
    max_side: int = 8192

    def check(self, width: int, height: int, source: str) -> None:
        if width * height > self.max_pixels or max(width, height) > self.max_side:
            raise MediaRejected(
                "FRAME_TOO_LARGE",
                f"the video's frames are {width}x{height} pixels ({source}); the limit is "
                f"{self.max_pixels / 1e6:.1f} megapixels and {self.max_side} pixels a side",
            )


def probe_video(
    path: str | os.PathLike[str],
    *,
    max_seconds: float | None = None,
    limits: FrameLimits | None = None,
    decoder: DecoderPool | None = None,
) -> VideoInfo:
    """Identify and measure the video at ``path``; blocking. Raises MediaRejected.

    Codes: EMPTY_FILE, UNSUPPORTED_MEDIA (not a video container), NO_VIDEO_STREAM,
    CORRUPT_MEDIA (truncated/malformed/undecodable), TOO_LONG (over ``max_seconds``),
    FRAME_TOO_LARGE (frames over ``limits``, by any header or by the decoder).
    The first frame is decoded by ``decoder`` (by default a process-wide pool), in a
    process whose memory is capped. OSError (e.g. missing file) propagates unchanged.
    """
    limits = limits or FrameLimits()
    path = os.fspath(path)
    with open(path, "rb", buffering=0) as f:
        size = os.fstat(f.fileno()).st_size
        if size == 0:
            raise MediaRejected("EMPTY_FILE", "the file is empty")
        src = Source(f, size)
        head = src.read_at(0, 4096)
        kind = sniff_container(head)
        if kind is None:
            raise MediaRejected("UNSUPPORTED_MEDIA", _describe_unsupported(head))
        try:
            found = _PARSERS[kind](src, kind)
        except (IndexError, ValueError, OverflowError, struct.error) as exc:
            raise corrupt(f"malformed {kind} structure ({exc})") from None

        if not found.has_video:
            raise MediaRejected("NO_VIDEO_STREAM", "the file has no video stream")
        # Before anything is decoded: the largest size any header claims.
        claimed = [(w, h) for w, h in found.frame_sizes if w > 0 and h > 0]
        if claimed:
            limits.check(*max(claimed, key=lambda s: (s[0] * s[1], max(s))), "by its headers")
        duration = found.duration
        if duration is None or not math.isfinite(duration) or duration <= 0:
            raise corrupt("could not determine the duration from the file structure")
        if max_seconds is not None and duration > max_seconds:
            raise MediaRejected(
                "TOO_LONG", f"the video is {duration:.1f} s long; the limit is {max_seconds:g} s"
            )
        return _confirm_with_decoder(f.fileno(), found, duration, limits, decoder)


def _describe_unsupported(head: bytes) -> str:
    for magic, what in _OTHER_MAGIC:
        if head.startswith(magic):
            return f"this is {what}, not a video"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "this is a WAV audio file, not a video"
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in _isobmff.IMAGE_BRANDS:
        return "this is a HEIF/AVIF image, not a video"
    try:
        head[:1024].decode("utf-8")
        if all(c >= 32 or c in (9, 10, 13) for c in head[:1024]):
            return "this is a text file, not a video"
    except UnicodeDecodeError:
        pass
    return "not a recognised video format (MP4, MOV, WebM, Matroska or AVI expected)"


def _confirm_with_decoder(
    fd: int,
    found: ContainerInfo,
    duration: float,
    limits: FrameLimits,
    decoder: DecoderPool | None,
) -> VideoInfo:
    decoder = decoder or default_pool()
    try:
        report = decoder.decode_first_frame(
            fd, max_pixels=limits.max_pixels, max_side=limits.max_side
        )
    except DecoderFailed as failure:
        raise corrupt(
            f"the first video frame could not be decoded within the probe's limits "
            f"of memory and time ({failure})"
        ) from None
    if not report.opened:
        raise corrupt("the video stream cannot be opened by the decoder")
    if report.too_large:
        limits.check(report.width, report.height, "by its codec")
    if report.frame is not None:
        limits.check(*report.frame, "decoded")
    codec = found.codec or _codec_from_opencv(report.fourcc)
    if not report.decoded and codec not in _MAYBE_UNDECODABLE:
        raise corrupt("the first video frame cannot be decoded")

    width = report.width if report.width > 0 else (found.width or 0)
    height = report.height if report.height > 0 else (found.height or 0)
    if width <= 0 or height <= 0:
        raise corrupt("the video stream has no frame size")
    # the decoder's reading of the display matrix wins: it is what frame extraction applies
    cv_rot = report.rotation
    rotation = int(round(cv_rot / 90.0)) * 90 % 360 if cv_rot and cv_rot > 0 else found.rotation
    if rotation in (90, 270):
        width, height = height, width
    return VideoInfo(
        container=found.container,
        content_type=found.content_type,
        duration_seconds=round(duration, 6),
        width=width,
        height=height,
        codec=codec or "unknown",
        rotation=rotation,
    )


def _codec_from_opencv(fourcc: int) -> str | None:
    if fourcc <= 0:
        return None
    text = "".join(chr((fourcc >> (8 * i)) & 0xFF) for i in range(4)).strip("\0 ").lower()
    return _OPENCV_FOURCC.get(text, text or None)
