"""Matroska / WebM structure reader.

Reads the EBML header, the Segment's Info and Tracks, and the tail of the file. Duration:

* ``Info/Duration`` × ``TimestampScale`` when the muxer wrote it (what ffprobe reports);
* otherwise (browser MediaRecorder output: unknown-size Segment and Clusters, no Duration,
  no Cues) the end of the last block: scan backwards from the end of the file for the
  Cluster ID, parse that cluster's Timestamp and its blocks, and add the last block's
  duration (BlockDuration, the track's DefaultDuration, or the spacing of that track's
  preceding blocks). That is a few reads near the end of the file, never a decode.

The tail is read in both cases, to notice a file cut short (an element running past the end
of the file).

Over 400 lines on purpose: one container format, read as one parser; its element table
and its readers are only meaningful together, and no other module uses them.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ._codec_headers import avc_frame_sizes, hevc_frame_sizes
from ._container import ContainerInfo, MediaRejected, Source, corrupt, normalise_rotation
from ._riff import codec_from_fourcc

EBML_MAGIC = b"\x1a\x45\xdf\xa3"

ID_EBML = 0x1A45DFA3
ID_DOCTYPE = 0x4282
ID_SEGMENT = 0x18538067
ID_SEEKHEAD = 0x114D9B74
ID_INFO = 0x1549A966
ID_TRACKS = 0x1654AE6B
ID_CLUSTER = 0x1F43B675
ID_CUES = 0x1C53BB6B
ID_TAGS = 0x1254C367
ID_CHAPTERS = 0x1043A770
ID_ATTACHMENTS = 0x1941A469
ID_VOID = 0xEC
ID_CRC32 = 0xBF
ID_TIMESTAMPSCALE = 0x2AD7B1
ID_DURATION = 0x4489
ID_TRACKENTRY = 0xAE
ID_TRACKNUMBER = 0xD7
ID_TRACKTYPE = 0x83
ID_CODECID = 0x86
ID_CODECPRIVATE = 0x63A2
ID_DEFAULTDURATION = 0x23E383
ID_VIDEO = 0xE0
ID_PIXELWIDTH = 0xB0
ID_PIXELHEIGHT = 0xBA
ID_PROJECTION = 0x7670
ID_POSE_ROLL = 0x7675
ID_TIMESTAMP = 0xE7
ID_SIMPLEBLOCK = 0xA3
ID_BLOCKGROUP = 0xA0
ID_BLOCK = 0xA1
ID_BLOCKDURATION = 0x9B
ID_POSITION = 0xA7
ID_PREVSIZE = 0xAB
ID_SILENTTRACKS = 0x5854
ID_ENCRYPTEDBLOCK = 0xAF

TOP_LEVEL = {
    ID_SEEKHEAD,
    ID_INFO,
    ID_TRACKS,
    ID_CLUSTER,
    ID_CUES,
    ID_TAGS,
    ID_CHAPTERS,
    ID_ATTACHMENTS,
    ID_VOID,
    ID_CRC32,
    ID_EBML,
    ID_SEGMENT,
}
CLUSTER_CHILDREN = {
    ID_TIMESTAMP,
    ID_SIMPLEBLOCK,
    ID_BLOCKGROUP,
    ID_POSITION,
    ID_PREVSIZE,
    ID_SILENTTRACKS,
    ID_ENCRYPTEDBLOCK,
    ID_VOID,
    ID_CRC32,
}

_CODECS = {
    "V_VP8": "vp8",
    "V_VP9": "vp9",
    "V_AV1": "av1",
    "V_MPEG4/ISO/AVC": "h264",
    "V_MPEGH/ISO/HEVC": "hevc",
    "V_MPEG4/ISO/SP": "mpeg4",
    "V_MPEG4/ISO/ASP": "mpeg4",
    "V_MPEG4/ISO/AP": "mpeg4",
    "V_MPEG4/MS/V3": "msmpeg4v3",
    "V_MPEG1": "mpeg1video",
    "V_MPEG2": "mpeg2video",
    "V_MJPEG": "mjpeg",
    "V_THEORA": "theora",
    "V_PRORES": "prores",
    "V_FFV1": "ffv1",
}

_MAX_HEADER_ELEMENT = 16 * 1024 * 1024
_TAIL_WINDOW = 256 * 1024
_MAX_TAIL_SCAN = 256 * 1024 * 1024
UNKNOWN = -1


def read_vint(buf: bytes, pos: int, *, is_id: bool = False) -> tuple[int, int]:
    """Decode an EBML variable-length integer; returns (value, new_pos).

    IDs keep their length marker bits. Sizes with all value bits set mean "unknown" (-1).
    Raises IndexError when buf ends inside the number, ValueError on an invalid first byte.
    """
    first = buf[pos]
    if first == 0:
        raise ValueError("invalid EBML variable-length integer")
    length = 8 - first.bit_length() + 1
    if is_id and length > 4:
        raise ValueError("invalid EBML ID")
    end = pos + length
    if end > len(buf):
        raise IndexError("EBML number cut short")
    if is_id:
        return int.from_bytes(buf[pos:end], "big"), end
    value = first & ((1 << (8 - length)) - 1)
    for b in buf[pos + 1 : end]:
        value = (value << 8) | b
    if value == (1 << (7 * length)) - 1:
        return UNKNOWN, end
    return value, end


def _uint(data: bytes) -> int:
    return int.from_bytes(data, "big") if data else 0


def _float(data: bytes) -> float:
    if len(data) == 4:
        return float(struct.unpack(">f", data)[0])
    if len(data) == 8:
        return float(struct.unpack(">d", data)[0])
    return 0.0


def _children(buf: bytes, start: int, end: int) -> Iterator[tuple[int, int, int]]:
    pos = start
    while pos < end:
        eid, p = read_vint(buf, pos, is_id=True)
        size, p = read_vint(buf, p)
        if size == UNKNOWN or p + size > end:
            raise corrupt(f"element 0x{eid:X} overruns its parent")
        yield eid, p, p + size
        pos = p + size


def sniff(head: bytes) -> str | None:
    """'webm' or 'matroska' from the EBML header's DocType."""
    if not head.startswith(EBML_MAGIC):
        return None
    try:
        size, p = read_vint(head, 4)
    except (IndexError, ValueError):
        return "matroska"
    end = min(len(head), p + size) if size != UNKNOWN else len(head)
    try:
        pos = p
        while pos < end:
            eid, q = read_vint(head, pos, is_id=True)
            esize, q = read_vint(head, q)
            if eid == ID_DOCTYPE:
                doctype = head[q : q + esize].rstrip(b"\0")
                if doctype == b"webm":
                    return "webm"
                if doctype == b"matroska":
                    return "matroska"
                return None  # some other EBML document
            pos = q + esize
    except (IndexError, ValueError):
        pass
    return "matroska"


@dataclass
class _Track:
    number: int = 0
    type: int = 0
    codec: str | None = None
    default_duration_ns: int = 0
    width: int = 0
    height: int = 0
    rotation: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def _parse_tracks(buf: bytes) -> dict[int, _Track]:
    tracks: dict[int, _Track] = {}
    for eid, s, e in _children(buf, 0, len(buf)):
        if eid != ID_TRACKENTRY:
            continue
        tr = _Track()
        for cid, cs, ce in _children(buf, s, e):
            if cid == ID_TRACKNUMBER:
                tr.number = _uint(buf[cs:ce])
            elif cid == ID_TRACKTYPE:
                tr.type = _uint(buf[cs:ce])
            elif cid == ID_CODECID:
                cid_str = buf[cs:ce].rstrip(b"\0").decode("ascii", "replace")
                tr.codec = _CODECS.get(cid_str, cid_str.removeprefix("V_").lower() or None)
                tr.extra["codec_id"] = cid_str
            elif cid == ID_CODECPRIVATE:
                tr.extra["private"] = buf[cs:ce]
            elif cid == ID_DEFAULTDURATION:
                tr.default_duration_ns = _uint(buf[cs:ce])
            elif cid == ID_VIDEO:
                for vid, vs, ve in _children(buf, cs, ce):
                    if vid == ID_PIXELWIDTH:
                        tr.width = _uint(buf[vs:ve])
                    elif vid == ID_PIXELHEIGHT:
                        tr.height = _uint(buf[vs:ve])
                    elif vid == ID_PROJECTION:
                        for pid, ps, pe in _children(buf, vs, ve):
                            if pid == ID_POSE_ROLL:
                                # roll is counter-clockwise; rotation is reported clockwise
                                tr.rotation = normalise_rotation(-_float(buf[ps:pe]))
        private = tr.extra.get("private", b"")
        codec_id = tr.extra.get("codec_id")
        sizes = tr.extra.setdefault("frame_sizes", [(tr.width, tr.height)])
        if codec_id == "V_MS/VFW/FOURCC" and len(private) >= 20:
            # BITMAPINFOHEADER: biWidth, biHeight at byte 4; biCompression at byte 16
            tr.codec = codec_from_fourcc(private[16:20].decode("latin-1"))
            width, height = struct.unpack_from("<ii", private, 4)
            sizes.append((abs(width), abs(height)))
        elif codec_id == "V_MPEG4/ISO/AVC":
            sizes += avc_frame_sizes(private)
        elif codec_id == "V_MPEGH/ISO/HEVC":
            sizes += hevc_frame_sizes(private)
        tracks[tr.number] = tr
    return tracks


@dataclass
class _Block:
    track: int
    time: int  # absolute, in TimestampScale units
    duration: int | None  # BlockDuration, same units
    frames: int


def _parse_block_header(buf: bytes, s: int, e: int) -> tuple[int, int, int]:
    """(track number, relative timestamp, frame count) of a (Simple)Block payload."""
    track, p = read_vint(buf, s)
    if p + 3 > e:
        raise IndexError("block header cut short")
    rel = struct.unpack_from(">h", buf, p)[0]
    flags = buf[p + 2]
    frames = 1
    if flags & 0x06 and p + 3 < e:
        frames = buf[p + 3] + 1
    return track, rel, frames


def _parse_cluster(
    buf: bytes, pos: int, limit: int, tracks: dict[int, _Track]
) -> tuple[list[_Block], bool]:
    """Parse the cluster whose ID starts at buf[pos]; ``limit`` is the end of valid data.

    Returns (blocks, truncated). Raises ValueError when this does not look like a cluster
    (a false match of the ID inside payload bytes).
    """
    try:
        eid, p = read_vint(buf, pos, is_id=True)
        size, p = read_vint(buf, p)
    except IndexError:
        return [], True
    if eid != ID_CLUSTER:
        raise ValueError("not a cluster")
    end = limit if size == UNKNOWN else p + size
    truncated = end > limit
    end = min(end, limit)
    timestamp: int | None = None
    blocks: list[_Block] = []
    while p < end:
        try:
            cid, q = read_vint(buf, p, is_id=True)
            csize, q = read_vint(buf, q)
        except IndexError:
            return blocks, True
        if size == UNKNOWN and cid in TOP_LEVEL and cid not in (ID_VOID, ID_CRC32):
            break  # next level-1 element ends an unknown-size cluster
        if cid not in CLUSTER_CHILDREN or csize == UNKNOWN:
            raise ValueError("not a cluster")  # also a false match that parsed a little
        if q + csize > end:
            if timestamp is None:
                raise ValueError("not a cluster")
            return blocks, True
        if cid == ID_TIMESTAMP:
            if csize > 8:
                raise ValueError("not a cluster")
            timestamp = _uint(buf[q : q + csize])
        elif cid in (ID_SIMPLEBLOCK, ID_BLOCKGROUP):
            if timestamp is None:
                raise ValueError("not a cluster")
            if cid == ID_SIMPLEBLOCK:
                track, rel, frames = _parse_block_header(buf, q, q + csize)
                duration = None
            else:
                track, rel, frames, duration = 0, 0, 1, None
                for gid, gs, ge in _children(buf, q, q + csize):
                    if gid == ID_BLOCK:
                        track, rel, frames = _parse_block_header(buf, gs, ge)
                    elif gid == ID_BLOCKDURATION:
                        duration = _uint(buf[gs:ge])
            if track not in tracks:
                raise ValueError("not a cluster")
            blocks.append(_Block(track, timestamp + rel, duration, frames))
        p = q + csize
    return blocks, truncated


def parse(src: Source, kind: str) -> ContainerInfo:
    info = ContainerInfo(
        container="webm" if kind == "webm" else "matroska",
        content_type="video/webm" if kind == "webm" else "video/x-matroska",
    )
    head = src.read_at(0, 64 * 1024)
    try:
        eid, p = read_vint(head, 0, is_id=True)
        size, p = read_vint(head, p)
        if eid != ID_EBML or size == UNKNOWN:
            raise corrupt("bad EBML header")
        pos = p + size
        seg_hdr = src.read_at(pos, 12)
        eid, p = read_vint(seg_hdr, 0, is_id=True)
        seg_size, p = read_vint(seg_hdr, p)
    except (IndexError, ValueError):
        raise corrupt("file ends inside the EBML header") from None
    if eid != ID_SEGMENT:
        raise corrupt("no Segment after the EBML header")
    seg_start = pos + p
    if seg_size == UNKNOWN:
        seg_end = src.size
    else:
        seg_end = seg_start + seg_size
        if seg_end > src.size:
            raise corrupt(
                f"Segment runs {seg_end - src.size} bytes past the end of the file "
                "(truncated upload?)"
            )

    # level-1 elements up to the first Cluster
    timescale = 1_000_000
    header_duration: float | None = None
    tracks: dict[int, _Track] | None = None
    first_cluster: int | None = None
    pos = seg_start
    try:
        while pos < seg_end:
            hdr = src.read_at(pos, 12)
            eid, p = read_vint(hdr, 0, is_id=True)
            esize, p = read_vint(hdr, p)
            if eid == ID_CLUSTER:
                first_cluster = pos
                break
            if esize == UNKNOWN:
                raise corrupt(f"unknown-size element 0x{eid:X} before the first Cluster")
            if pos + p + esize > seg_end:
                raise corrupt("file ends inside the Segment header (truncated upload?)")
            if eid in (ID_INFO, ID_TRACKS):
                if esize > _MAX_HEADER_ELEMENT:
                    raise corrupt("header element is unreasonably large")
                body = src.read_at(pos + p, esize)
                if eid == ID_INFO:
                    for cid, cs, ce in _children(body, 0, len(body)):
                        if cid == ID_TIMESTAMPSCALE:
                            timescale = _uint(body[cs:ce]) or 1_000_000
                        elif cid == ID_DURATION:
                            header_duration = _float(body[cs:ce])
                else:
                    tracks = _parse_tracks(body)
            pos += p + esize
    except (IndexError, ValueError, struct.error):
        raise corrupt("malformed Segment header") from None

    if tracks is None:
        raise corrupt("no Tracks element before the media data")
    videos = [t for t in tracks.values() if t.type == 1]
    if not videos:
        raise MediaRejected("NO_VIDEO_STREAM", "the file has no video track")
    video = videos[0]
    for track in videos:
        info.frame_sizes += track.extra["frame_sizes"]
    info.has_video = True
    info.codec = video.codec
    info.width, info.height = video.width or None, video.height or None
    info.rotation = video.rotation
    if first_cluster is None:
        raise corrupt("the file has no media data (no Cluster)")

    first_time = _first_block_time(src, first_cluster, seg_end, tracks)
    end_time = _tail_end_time(src, first_cluster, seg_end, tracks, timescale)

    if header_duration and header_duration > 0:
        info.duration = header_duration * timescale / 1e9
    elif end_time is not None:
        start = max(0, first_time or 0)
        info.duration = (end_time - start) * timescale / 1e9
    return info


def _first_block_time(src: Source, pos: int, limit: int, tracks: dict[int, _Track]) -> int | None:
    buf = src.read_at(pos, 64 * 1024)
    try:
        blocks, _ = _parse_cluster(buf, 0, len(buf), tracks)
    except (ValueError, IndexError, MediaRejected):
        return None
    return min((b.time for b in blocks), default=None)


def _tail_end_time(
    src: Source, first_cluster: int, limit: int, tracks: dict[int, _Track], timescale: int
) -> int | None:
    """End of the last block (TimestampScale units) found by scanning back from ``limit``.

    Raises CORRUPT_MEDIA when the last cluster is cut short.
    """
    magic = ID_CLUSTER.to_bytes(4, "big")
    window_end = limit
    scanned = 0
    carry = b""
    while window_end > first_cluster and scanned < _MAX_TAIL_SCAN:
        window_start = max(first_cluster, window_end - _TAIL_WINDOW)
        chunk = src.read_at(window_start, window_end - window_start) + carry
        carry = chunk[:3]
        scanned += window_end - window_start
        idx = len(chunk)
        while True:
            idx = chunk.rfind(magic, 0, idx)
            if idx < 0:
                break
            cluster_at = window_start + idx
            buf = src.read_at(cluster_at, limit - cluster_at)
            try:
                blocks, truncated = _parse_cluster(buf, 0, len(buf), tracks)
            except (ValueError, IndexError, struct.error):
                continue  # the ID bytes occurred inside some payload
            if truncated:
                raise corrupt("the last Cluster is cut short (truncated upload?)")
            if not blocks:
                continue
            return _end_of_blocks(blocks, tracks, timescale)
        window_end = window_start
    return None


def _end_of_blocks(blocks: list[_Block], tracks: dict[int, _Track], timescale: int) -> int:
    by_track: dict[int, list[_Block]] = {}
    for b in blocks:
        by_track.setdefault(b.track, []).append(b)
    end: float = 0
    for number, tblocks in by_track.items():
        last = max(tblocks, key=lambda b: b.time)
        dur: float
        if last.duration is not None:
            dur = last.duration
        elif tracks[number].default_duration_ns:
            dur = tracks[number].default_duration_ns * last.frames / timescale
        else:
            times = sorted({b.time for b in tblocks})
            deltas = [b - a for a, b in zip(times, times[1:], strict=False)]
            if deltas:
                deltas.sort()
                dur = deltas[len(deltas) // 2] * last.frames
            else:
                dur = 0
        end = max(end, last.time + dur)
    return int(round(end))
