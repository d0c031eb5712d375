"""AVI (RIFF) structure reader: the ``hdrl`` list (avih, strh/strf, odml/dmlh) only.

AVI streams have a fixed rate, so the video stream's ``(dwStart + dwLength) * dwScale /
dwRate`` is its span (ffprobe reports the same); OpenDML files (over 1 GiB, several RIFF
chunks) keep the full frame count in ``dmlh``.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import Any

from ._codec_headers import jpeg_frame_size
from ._container import ContainerInfo, MediaRejected, Source, corrupt

_FOURCC_CODECS = {
    "H264": "h264",
    "X264": "h264",
    "AVC1": "h264",
    "DAVC": "h264",
    "HEVC": "hevc",
    "H265": "hevc",
    "HVC1": "hevc",
    "FMP4": "mpeg4",
    "XVID": "mpeg4",
    "DIVX": "mpeg4",
    "DX50": "mpeg4",
    "MP4V": "mpeg4",
    "M4S2": "mpeg4",
    "DIV3": "msmpeg4v3",
    "MP43": "msmpeg4v3",
    "MJPG": "mjpeg",
    "VP80": "vp8",
    "VP90": "vp9",
    "AV01": "av1",
    "MPG2": "mpeg2video",
    "WMV3": "wmv3",
}

_MAX_HDRL = 16 * 1024 * 1024


def codec_from_fourcc(fourcc: str) -> str | None:
    key = fourcc.strip("\0 ").upper()
    if not key:
        return None
    return _FOURCC_CODECS.get(key, key.lower())


def sniff(head: bytes) -> str | None:
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] in (b"AVI ", b"AVIX", b"AVI\x19"):
        return "avi"
    return None


def _chunks(buf: bytes, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    pos = start
    while pos + 8 <= end:
        cid, size = struct.unpack_from("<4sI", buf, pos)
        body = pos + 8
        if body + size > end:
            raise corrupt(f"AVI chunk {cid!r} overruns its list")
        yield cid, body, body + size
        pos = body + size + (size & 1)


def parse(src: Source, kind: str) -> ContainerInfo:
    info = ContainerInfo(container="avi", content_type="video/x-msvideo")
    # top-level RIFF chunks (OpenDML files have RIFF 'AVIX' extensions after the first)
    pos = 0
    while pos + 12 <= src.size:
        cid, size, form = struct.unpack("<4sI4s", src.read_at(pos, 12))
        if cid != b"RIFF":
            if pos == 0:
                raise corrupt("not a RIFF file")
            break  # trailing bytes after the RIFF chunks
        if pos + 8 + size > src.size:
            raise corrupt(
                f"RIFF '{form.decode('latin-1')}' chunk runs {pos + 8 + size - src.size} bytes "
                "past the end of the file (truncated upload?)"
            )
        pos += 8 + size + (size & 1)

    lst = src.read_at(12, 12)
    if len(lst) < 12:
        raise corrupt("AVI header cut short")
    cid, size, form = struct.unpack("<4sI4s", lst)
    if cid != b"LIST" or form != b"hdrl" or size > _MAX_HDRL:
        raise corrupt("AVI file has no header list")
    header_end = 20 + size
    hdrl = src.read_at(24, size - 4)
    if len(hdrl) < size - 4:
        raise corrupt("AVI header cut short")

    main_frames = main_usec = 0
    odml_frames = 0
    video = None
    video_index = 0
    streams = 0
    has_audio = False
    try:
        for cid, s, e in _chunks(hdrl, 0, len(hdrl)):
            if cid == b"avih" and e - s >= 40:
                main_usec = struct.unpack_from("<I", hdrl, s)[0]
                main_frames = struct.unpack_from("<I", hdrl, s + 16)[0]
                info.frame_sizes.append(struct.unpack_from("<II", hdrl, s + 32))
            elif cid == b"LIST" and hdrl[s : s + 4] == b"strl":
                stream = _parse_strl(hdrl, s + 4, e)
                if stream.get("type") == b"vids":
                    info.frame_sizes += stream["sizes"]
                    if video is None:
                        video, video_index = stream, streams
                elif stream.get("type") == b"auds":
                    has_audio = True
                streams += 1
            elif cid == b"LIST" and hdrl[s : s + 4] == b"odml":
                for c2, s2, _e2 in _chunks(hdrl, s + 4, e):
                    if c2 == b"dmlh":
                        odml_frames = struct.unpack_from("<I", hdrl, s2)[0]
    except struct.error:
        raise corrupt("malformed AVI header") from None

    if video is None:
        code = "NO_VIDEO_STREAM" if has_audio else "CORRUPT_MEDIA"
        raise MediaRejected(code, "the file has no video stream")
    info.has_video = True
    info.codec = video.get("codec")
    if info.codec == "mjpeg":
        first = _first_frame(src, header_end, video_index)
        found = jpeg_frame_size(first) if first else None
        if found:
            info.frame_sizes.append(found)
    info.width, info.height = video.get("width") or None, video.get("height") or None

    scale, rate = video.get("scale", 0), video.get("rate", 0)
    frames = max(video.get("length", 0), odml_frames)
    if scale and rate and frames:
        info.duration = (video.get("start", 0) + frames) * scale / rate
    elif main_usec and main_frames:
        info.duration = max(main_frames, odml_frames) * main_usec / 1e6
    return info


def _first_frame(src: Source, after_header: int, stream: int) -> bytes | None:
    """The start of the stream's first chunk in the ``movi`` list (64 KiB at most)."""
    wanted = (f"{stream:02d}dc".encode(), f"{stream:02d}db".encode())
    pos, end = after_header + (after_header & 1), src.size
    for _ in range(64):  # the movi list follows the header, maybe after JUNK or INFO
        head = src.read_at(pos, 12)
        if len(head) < 12:
            return None
        cid, size, form = struct.unpack("<4sI4s", head)
        if cid == b"LIST" and form in (b"movi", b"rec "):
            pos, end = pos + 12, min(end, pos + 8 + size)
            continue
        if cid in wanted:
            return src.read_at(pos + 8, min(size, 64 * 1024))
        pos += 8 + size + (size & 1)
        if pos >= end:
            return None
    return None


def _parse_strl(buf: bytes, start: int, end: int) -> dict[str, Any]:
    stream: dict[str, Any] = {"sizes": []}
    for cid, s, e in _chunks(buf, start, end):
        if cid == b"strh" and e - s >= 36:
            ftype, handler = buf[s : s + 4], buf[s + 4 : s + 8]
            scale, rate, st, length = struct.unpack_from("<IIII", buf, s + 20)
            stream.update(type=ftype, scale=scale, rate=rate, start=st, length=length)
            stream["codec"] = codec_from_fourcc(handler.decode("latin-1"))
            if e - s >= 56:  # rcFrame: left, top, right, bottom
                left, top, right, bottom = struct.unpack_from("<hhhh", buf, s + 48)
                stream["sizes"].append((abs(right - left), abs(bottom - top)))
        elif cid == b"strf" and stream.get("type") == b"vids" and e - s >= 20:
            width, height = struct.unpack_from("<ii", buf, s + 4)
            stream["width"], stream["height"] = abs(width), abs(height)
            stream["sizes"].append((abs(width), abs(height)))
            compression = buf[s + 16 : s + 20].decode("latin-1")
            stream["codec"] = codec_from_fourcc(compression) or stream.get("codec")
    return stream
