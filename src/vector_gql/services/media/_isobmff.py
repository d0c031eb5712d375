"""ISO base media file format (MP4, MOV, 3GP) structure reader.

Reads only box headers at the top level, the ``moov`` box, and for fragmented files the
``moof`` boxes (a few hundred bytes each), never sample data. Durations follow what ffprobe
reports as the format duration:

* regular files: ``mvhd`` duration / ``mvhd`` timescale (edit lists are already folded in
  by the muxer, and ffmpeg's mov demuxer takes exactly this value);
* fragmented files (``mvex`` present, e.g. ``empty_moov`` or MediaRecorder MP4): the latest
  presentation end over all tracks, from each track's last ``traf`` (``tfdt`` + ``trun``
  sample durations and composition offsets), shifted by the track's edit list; ``mehd``
  only when there are no fragments to read.

Over 400 lines on purpose: one container format, read as one parser; the box readers
share one track record and are only meaningful together.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ._codec_headers import avc_frame_sizes, hevc_frame_sizes, jpeg_frame_size
from ._container import ContainerInfo, MediaRejected, Source, corrupt, normalise_rotation

# Boxes that may open a QuickTime/MP4 file (besides ftyp): old QuickTime files start directly
# with these.
QT_LEADING_BOXES = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot", b"junk"}

# ftyp brands of still images / image sequences (HEIF, AVIF) and audio-only brands that still
# deserve a look for a video track (we do not reject those here; the track scan decides).
IMAGE_BRANDS = {
    b"heic",
    b"heix",
    b"heim",
    b"heis",
    b"hevc",
    b"hevx",
    b"mif1",
    b"msf1",
    b"avif",
    b"avis",
    b"avci",
    b"jp2 ",
    b"jpx ",
}

# The movie header of a two-hour video is a few MB; a larger one is read into memory for
# nothing but trouble.
_MAX_MOOV = 64 * 1024 * 1024
_MAX_MOOF = 64 * 1024 * 1024
_SMALL_BOX = 16 * 1024
_SMALL_BOX_READ = 64 * 1024

_CODECS = {
    b"avc1": "h264",
    b"avc2": "h264",
    b"avc3": "h264",
    b"avc4": "h264",
    b"hvc1": "hevc",
    b"hev1": "hevc",
    b"dvh1": "hevc",
    b"dvhe": "hevc",
    b"vp08": "vp8",
    b"vp09": "vp9",
    b"av01": "av1",
    b"mp4v": "mpeg4",
    b"jpeg": "mjpeg",
    b"mjpa": "mjpeg",
    b"mjpb": "mjpeg",
    b"s263": "h263",
    b"h263": "h263",
    b"apch": "prores",
    b"apcn": "prores",
    b"apcs": "prores",
    b"apco": "prores",
    b"ap4h": "prores",
    b"ap4x": "prores",
}


def sniff(head: bytes) -> str | None:
    """'mp4' or 'mov' when ``head`` opens an ISO-BMFF/QuickTime file of video kind."""
    if len(head) < 12:
        return None
    size = struct.unpack_from(">I", head, 0)[0]
    typ = head[4:8]
    if typ == b"ftyp":
        if size < 16 and size != 1:
            return None
        major = head[8:12]
        if major in IMAGE_BRANDS:
            return None
        return "mov" if major == b"qt  " else "mp4"
    if typ == b"styp":  # a media segment (DASH/CMAF); treat as mp4
        return "mp4"
    if typ in QT_LEADING_BOXES and (size in (0, 1) or size >= 8):
        # a bare QuickTime box: sanity-check the next bytes look like a box too when possible
        return "mov"
    return None


def _is_fourcc(typ: bytes) -> bool:
    return len(typ) == 4 and all(32 <= c < 127 or c == 0xA9 for c in typ)


def _iter_boxes(buf: bytes, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """Yield (type, payload_start, payload_end) for the boxes in buf[start:end]."""
    pos = start
    while pos + 8 <= end:
        size, typ = struct.unpack_from(">I4s", buf, pos)
        hdr = 8
        if size == 1:
            if pos + 16 > end:
                raise corrupt(f"box {typ!r} header cut short")
            size = struct.unpack_from(">Q", buf, pos + 8)[0]
            hdr = 16
        elif size == 0:
            size = end - pos
        if size < hdr or pos + size > end:
            raise corrupt(f"box {typ!r} at {pos} overruns its parent")
        yield typ, pos + hdr, pos + size
        pos += size


def _find(buf: bytes, start: int, end: int, typ: bytes) -> tuple[int, int] | None:
    for t, s, e in _iter_boxes(buf, start, end):
        if t == typ:
            return s, e
    return None


@dataclass
class _Track:
    track_id: int = 0
    handler: bytes = b""
    timescale: int = 0
    media_duration: int = 0  # mdhd, media timescale
    codec: str | None = None
    width: int = 0
    height: int = 0
    rotation: int = 0
    sample_count: int = 0  # from the moov sample table
    first_cto: int = 0  # composition offset of the first sample (ctts)
    max_chunk_offset: int = 0
    first_chunk_offset: int = 0
    # every frame size the headers claim: tkhd, the sample entry, the codec's parameter sets
    frame_sizes: list[tuple[int, int]] = field(default_factory=list)
    # first edit: media time where presentation starts (media units), and leading empty edits
    edit_media_time: int = 0
    edit_empty: int = 0  # movie timescale
    # from trex
    default_duration: int = 0
    # fragments (media units)
    frag_start: int | None = None
    frag_end: int | None = None
    frag_max_pts: int | None = None
    frag_dts_end: int | None = None
    frag_last_dur: int = 0
    next_dts: int = 0
    frag_samples: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def _full_box(buf: bytes, s: int) -> tuple[int, int]:
    v = buf[s]
    flags = int.from_bytes(buf[s + 1 : s + 4], "big")
    return v, flags


def _parse_trak(buf: bytes, s: int, e: int) -> _Track:
    tr = _Track()
    for typ, ps, pe in _iter_boxes(buf, s, e):
        if typ == b"tkhd":
            v, _ = _full_box(buf, ps)
            if v == 1:
                tr.track_id = struct.unpack_from(">IIQ", buf, ps + 20)[0]
                mpos = ps + 4 + 32 + 8 + 8
            else:
                tr.track_id = struct.unpack_from(">III", buf, ps + 12)[0]
                mpos = ps + 4 + 20 + 8 + 8
            if mpos + 44 <= pe:
                m = struct.unpack_from(">9i", buf, mpos)
                a, b = m[0] / 65536.0, m[1] / 65536.0
                if a or b:
                    tr.rotation = normalise_rotation(math.degrees(math.atan2(b, a)))
                w, h = struct.unpack_from(">II", buf, mpos + 36)
                tr.extra["tkhd_size"] = (w >> 16, h >> 16)
                tr.frame_sizes.append((w >> 16, h >> 16))
        elif typ == b"edts":
            elst = _find(buf, ps, pe, b"elst")
            if elst:
                _parse_elst(buf, elst[0], tr)
        elif typ == b"mdia":
            _parse_mdia(buf, ps, pe, tr)
    if not (tr.width and tr.height) and "tkhd_size" in tr.extra:
        tr.width, tr.height = tr.extra["tkhd_size"]
    return tr


def _parse_elst(buf: bytes, s: int, tr: _Track) -> None:
    v, _ = _full_box(buf, s)
    count = struct.unpack_from(">I", buf, s + 4)[0]
    pos = s + 8
    for _ in range(min(count, 1000)):
        if v == 1:
            seg, media_time = struct.unpack_from(">Qq", buf, pos)
            pos += 20
        else:
            seg, media_time = struct.unpack_from(">Ii", buf, pos)
            pos += 12
        if media_time == -1:
            tr.edit_empty += seg
            continue
        tr.edit_media_time = media_time
        break


def _parse_mdia(buf: bytes, s: int, e: int, tr: _Track) -> None:
    for typ, ps, pe in _iter_boxes(buf, s, e):
        if typ == b"mdhd":
            v, _ = _full_box(buf, ps)
            if v == 1:
                tr.timescale, tr.media_duration = struct.unpack_from(">IQ", buf, ps + 20)
            else:
                tr.timescale, tr.media_duration = struct.unpack_from(">II", buf, ps + 12)
        elif typ == b"hdlr":
            tr.handler = buf[ps + 8 : ps + 12]
        elif typ == b"minf":
            stbl = _find(buf, ps, pe, b"stbl")
            if stbl:
                _parse_stbl(buf, stbl[0], stbl[1], tr)


def _parse_stbl(buf: bytes, s: int, e: int, tr: _Track) -> None:
    for typ, ps, pe in _iter_boxes(buf, s, e):
        if typ == b"stsd":
            count = struct.unpack_from(">I", buf, ps + 4)[0]
            if count and ps + 16 <= pe:
                fmt = buf[ps + 12 : ps + 16]
                tr.codec = _CODECS.get(fmt, fmt.decode("latin-1").strip().lower() or None)
                # VisualSampleEntry: 6 reserved + 2 index + 16 pre-defined, then width, height
                if ps + 8 + 8 + 24 + 4 <= pe:
                    tr.width, tr.height = struct.unpack_from(">HH", buf, ps + 8 + 8 + 24)
                    tr.frame_sizes.append((tr.width, tr.height))
                    entry_end = min(pe, ps + 8 + struct.unpack_from(">I", buf, ps + 8)[0])
                    _parse_codec_config(buf, ps + 8 + 86, entry_end, tr)
        elif typ == b"stsz" or typ == b"stz2":
            tr.sample_count = struct.unpack_from(">I", buf, ps + 8)[0]
        elif typ == b"ctts":
            v, _ = _full_box(buf, ps)
            if struct.unpack_from(">I", buf, ps + 4)[0]:
                tr.first_cto = struct.unpack_from(">i" if v == 1 else ">I", buf, ps + 12)[0]
        elif typ in (b"stco", b"co64"):
            n = struct.unpack_from(">I", buf, ps + 4)[0]
            width = 8 if typ == b"co64" else 4
            if n and ps + 8 + n * width <= pe:
                last = ps + 8 + (n - 1) * width
                tr.max_chunk_offset = int.from_bytes(buf[last : last + width], "big")
                tr.first_chunk_offset = int.from_bytes(buf[ps + 8 : ps + 8 + width], "big")


def _parse_codec_config(buf: bytes, s: int, e: int, tr: _Track) -> None:
    """Frame sizes from the sample entry's decoder configuration (H.264 avcC, HEVC hvcC)."""
    try:
        for typ, ps, pe in _iter_boxes(buf, s, e):
            if typ == b"avcC":
                tr.frame_sizes += avc_frame_sizes(buf[ps:pe])
            elif typ == b"hvcC":
                tr.frame_sizes += hevc_frame_sizes(buf[ps:pe])
    except MediaRejected:
        pass  # not boxes after all: the sample entry's own size stands


@dataclass
class _Movie:
    timescale: int = 0
    duration: int = 0
    fragmented: bool = False
    fragment_duration: int = 0  # mehd
    tracks: dict[int, _Track] = field(default_factory=dict)


def _parse_moov(buf: bytes) -> _Movie:
    mv = _Movie()
    for typ, ps, pe in _iter_boxes(buf, 0, len(buf)):
        if typ == b"mvhd":
            v, _ = _full_box(buf, ps)
            if v == 1:
                mv.timescale, mv.duration = struct.unpack_from(">IQ", buf, ps + 20)
            else:
                mv.timescale, mv.duration = struct.unpack_from(">II", buf, ps + 12)
        elif typ == b"trak":
            tr = _parse_trak(buf, ps, pe)
            mv.tracks[tr.track_id] = tr
        elif typ == b"mvex":
            mv.fragmented = True
            for t2, s2, _e2 in _iter_boxes(buf, ps, pe):
                if t2 == b"mehd":
                    v, _ = _full_box(buf, s2)
                    fmt = ">Q" if v == 1 else ">I"
                    mv.fragment_duration = struct.unpack_from(fmt, buf, s2 + 4)[0]
                elif t2 == b"trex":
                    tid, _, dur = struct.unpack_from(">III", buf, s2 + 4)
                    mv.tracks.setdefault(tid, _Track(track_id=tid)).extra["trex_duration"] = dur
    for tr in mv.tracks.values():
        tr.default_duration = tr.extra.get("trex_duration", 0)
    return mv


def _apply_moof(buf: bytes, mv: _Movie) -> tuple[set[int], bool]:
    """Fold one moof's trafs into the tracks' fragment spans.

    Returns the ids of the tracks it had samples for, and whether every traf carried a
    ``tfdt`` (absolute decode time); without one the time depends on all earlier fragments.
    """
    seen: set[int] = set()
    anchored = True
    for typ, ps, pe in _iter_boxes(buf, 0, len(buf)):
        if typ != b"traf":
            continue
        tr: _Track | None = None
        default_dur = 0
        base: int | None = None
        truns = []
        for t2, s2, e2 in _iter_boxes(buf, ps, pe):
            if t2 == b"tfhd":
                _, flags = _full_box(buf, s2)
                tid = struct.unpack_from(">I", buf, s2 + 4)[0]
                tr = mv.tracks.get(tid)
                pos = s2 + 8
                if flags & 0x1:
                    pos += 8
                if flags & 0x2:
                    pos += 4
                if flags & 0x8:
                    default_dur = struct.unpack_from(">I", buf, pos)[0]
            elif t2 == b"tfdt":
                v, _ = _full_box(buf, s2)
                base = struct.unpack_from(">Q" if v == 1 else ">I", buf, s2 + 4)[0]
            elif t2 == b"trun":
                truns.append((s2, e2))
        if tr is None:
            continue
        seen.add(tr.track_id)
        anchored = anchored and base is not None
        if not default_dur:
            default_dur = tr.default_duration
        dts = base if base is not None else tr.next_dts
        last_dur: int | None = None
        for s2, e2 in truns:
            v, flags = _full_box(buf, s2)
            count = struct.unpack_from(">I", buf, s2 + 4)[0]
            pos = s2 + 8
            if flags & 0x1:
                pos += 4
            if flags & 0x4:
                pos += 4
            has_dur, has_size = flags & 0x100, flags & 0x200
            has_flags, has_cto = flags & 0x400, flags & 0x800
            stride = 4 * sum(bool(x) for x in (has_dur, has_size, has_flags, has_cto))
            if pos + count * stride > e2:
                raise corrupt("trun sample table overruns its box")
            cto_fmt = ">i" if v == 1 else ">I"
            for _ in range(count):
                p = pos
                dur = default_dur
                cto = 0
                if has_dur:
                    dur = struct.unpack_from(">I", buf, p)[0]
                    p += 4
                if has_size:
                    p += 4
                if has_flags:
                    p += 4
                if has_cto:
                    cto = struct.unpack_from(cto_fmt, buf, p)[0]
                pts = dts + cto
                if tr.frag_start is None or pts < tr.frag_start:
                    tr.frag_start = pts
                if tr.frag_max_pts is None or pts > tr.frag_max_pts:
                    tr.frag_max_pts = pts
                dts += dur
                last_dur = dur
                pos += stride
            tr.frag_samples += count
        if last_dur is not None and (tr.frag_dts_end is None or dts >= tr.frag_dts_end):
            # the last sample in decode order; its duration is how long the last
            # displayed frame lasts (with B-frames a reordered sample's own delta may
            # span a frame-rate gap, so pts + own duration would overshoot)
            tr.frag_dts_end = dts
            tr.frag_last_dur = last_dur
        if tr.frag_max_pts is not None:
            tr.frag_end = tr.frag_max_pts + tr.frag_last_dur
        tr.next_dts = dts
    return seen, anchored


def _apply_fragments(src: Source, mv: _Movie, moofs: list[tuple[int, int]]) -> None:
    """Find each track's first and last presentation time in the fragments.

    With ``tfdt`` in every traf only the first moof and the last few need reading (the end
    of a track is in its last traf), so an hour-long recording costs a handful of reads.
    Otherwise decode times are cumulative and every moof is read (still headers only).
    """

    def read(i: int) -> bytes:
        off, size = moofs[i]
        return src.read_at(off + 8, size - 8)

    seen, anchored = _apply_moof(read(0), mv)
    if anchored:
        # every track of the movie (a moof may carry only some of them, e.g. one per frame)
        pending = {tid for tid, t in mv.tracks.items() if t.timescale} - seen
        pending |= {tid for tid in seen if len(moofs) > 1}
        i = len(moofs) - 1
        while pending and i > 0:
            seen, anchored = _apply_moof(read(i), mv)
            if not anchored:
                break
            pending -= seen
            i -= 1
        if anchored:
            return
    for tr in mv.tracks.values():  # start over, summing durations from the first fragment
        tr.frag_start = tr.frag_end = tr.frag_max_pts = tr.frag_dts_end = None
        tr.frag_last_dur = 0
        tr.next_dts = tr.frag_samples = 0
    for i in range(len(moofs)):
        _apply_moof(read(i), mv)


def parse(src: Source, kind: str) -> ContainerInfo:
    info = ContainerInfo(
        container=kind, content_type="video/quicktime" if kind == "mov" else "video/mp4"
    )
    moov: bytes | None = None
    moofs: list[tuple[int, int]] = []
    have_media = False
    pos = 0
    # Box headers are read one by one (16 bytes) while boxes are large; runs of small boxes
    # (a fragment per frame) are read 64 KiB at a time instead of one syscall per box.
    buf, buf_at = b"", 0
    last_size = 1 << 30
    while pos < src.size:
        if not (buf_at <= pos and pos + 16 <= buf_at + len(buf)):
            buf_at = pos
            buf = src.read_at(pos, _SMALL_BOX_READ if last_size < _SMALL_BOX else 16)
        head = buf[pos - buf_at : pos - buf_at + 16]
        if len(head) < 8:
            raise corrupt("file ends inside a box header (truncated)")
        size, typ = struct.unpack_from(">I4s", head, 0)
        hdr = 8
        if size == 1:
            if len(head) < 16:
                raise corrupt("file ends inside a box header (truncated)")
            size = struct.unpack_from(">Q", head, 8)[0]
            hdr = 16
        elif size == 0:
            size = src.size - pos
        if not _is_fourcc(typ) or size < hdr:
            if moov is not None and have_media:
                break  # trailing junk after a complete file: ignore, as players do
            raise corrupt(f"invalid box header at byte {pos}")
        if pos + size > src.size:
            raise corrupt(
                f"'{typ.decode('latin-1')}' box runs {pos + size - src.size} bytes past the end "
                "of the file (truncated upload?)"
            )
        if typ == b"moov":
            if size > _MAX_MOOV:
                raise MediaRejected("UNSUPPORTED_MEDIA", "movie header is unreasonably large")
            moov = src.read_at(pos + hdr, size - hdr)
        elif typ == b"moof":
            if size > _MAX_MOOF:
                raise corrupt("fragment header is unreasonably large")
            moofs.append((pos, size))
        elif typ == b"mdat":
            have_media = True
        pos += size
        last_size = size

    if moov is None:
        raise corrupt("no 'moov' box: the file is truncated or was never finalised")
    try:
        mv = _parse_moov(moov)
        videos = [t for t in mv.tracks.values() if t.handler == b"vide"]
        if not videos:
            raise MediaRejected("NO_VIDEO_STREAM", "the file has no video track")
        if mv.fragmented and moofs:
            _apply_fragments(src, mv, moofs)
    except (struct.error, IndexError) as exc:
        raise corrupt(f"malformed box structure ({exc})") from None

    video = max(videos, key=lambda t: t.width * t.height)
    for track in videos:
        info.frame_sizes += track.frame_sizes
        if track.codec == "mjpeg" and track.first_chunk_offset:
            # the first frame's JPEG header says how large frames really are
            found = jpeg_frame_size(src.read_at(track.first_chunk_offset, _SMALL_BOX_READ))
            if found:
                info.frame_sizes.append(found)
    info.has_video = True
    info.codec = video.codec
    info.width, info.height = video.width or None, video.height or None
    info.rotation = video.rotation

    if not have_media and not moofs:
        raise corrupt("no media data ('mdat') in the file")
    for t in mv.tracks.values():
        if t.max_chunk_offset and t.max_chunk_offset >= src.size:
            raise corrupt("sample data lies beyond the end of the file (truncated upload?)")
    if video.sample_count == 0 and video.frag_samples == 0:
        raise corrupt("the video track has no frames")

    info.duration = _duration(mv)
    return info


def _duration(mv: _Movie) -> float | None:
    if not mv.fragmented or mv.duration and not any(t.frag_samples for t in mv.tracks.values()):
        if mv.timescale and mv.duration:
            return mv.duration / mv.timescale
        # no movie duration: fall back to the longest track
        ends = [t.media_duration / t.timescale for t in mv.tracks.values() if t.timescale]
        return max(ends) if ends and max(ends) > 0 else None

    # fragmented: presentation span over all tracks
    starts, ends = [], []
    for t in mv.tracks.values():
        if not t.timescale:
            continue
        shift = -t.edit_media_time / t.timescale
        if mv.timescale:
            shift += t.edit_empty / mv.timescale
        moov_end = t.media_duration if t.sample_count else 0
        end = max(moov_end, t.frag_end or 0)
        if end <= 0:
            continue
        start = t.first_cto if t.sample_count else (t.frag_start or 0)
        starts.append(start / t.timescale + shift)
        ends.append(end / t.timescale + shift)
    if ends:
        return max(ends) - max(0.0, min(starts))
    if mv.fragment_duration and mv.timescale:
        return mv.fragment_duration / mv.timescale
    return None
