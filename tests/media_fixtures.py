"""Generate small media files for tests, with the ffmpeg binary shipped by imageio-ffmpeg.

Other test modules import these helpers, so they take plain paths and keyword options and
return the path they wrote. Nothing here depends on the system ffmpeg; ``ffprobe_duration``
uses /usr/bin/ffprobe when present and returns None otherwise (callers skip the cross-check).
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
from pathlib import Path

import imageio_ffmpeg

FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()

# fmt -> (ffmpeg muxer, default video codec, default audio codec, file suffix)
_FORMATS: dict[str, tuple[str, str, str, str]] = {
    "mp4": ("mp4", "h264", "aac", ".mp4"),
    "fmp4": ("mp4", "h264", "aac", ".mp4"),
    "mov": ("mov", "h264", "aac", ".mov"),
    "mkv": ("matroska", "h264", "libopus", ".mkv"),
    "webm": ("webm", "vp8", "libopus", ".webm"),
    "avi": ("avi", "mpeg4", "libmp3lame", ".avi"),
}

# our codec names -> ffmpeg encoder arguments (tuned for speed on tiny frames)
_VIDEO_ENCODERS: dict[str, list[str]] = {
    "h264": ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"],
    # same encoder but with B-frames, so the muxer writes composition offsets / an edit list
    "h264-bframes": ["-c:v", "libx264", "-preset", "veryfast", "-bf", "2", "-pix_fmt", "yuv420p"],
    "hevc": [
        "-c:v",
        "libx265",
        "-preset",
        "ultrafast",
        "-x265-params",
        "log-level=error",
        "-pix_fmt",
        "yuv420p",
    ],
    "vp8": ["-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "200k"],
    "vp9": [
        "-c:v",
        "libvpx-vp9",
        "-deadline",
        "realtime",
        "-cpu-used",
        "8",
        "-row-mt",
        "1",
        "-b:v",
        "200k",
    ],
    "av1": ["-c:v", "libsvtav1", "-preset", "12", "-pix_fmt", "yuv420p"],
    "mpeg4": ["-c:v", "mpeg4", "-q:v", "8"],
    "mjpeg": ["-c:v", "mjpeg", "-q:v", "8", "-pix_fmt", "yuvj420p"],
}

_AUDIO_ENCODERS: dict[str, list[str]] = {
    "aac": ["-c:a", "aac", "-b:a", "48k"],
    "libopus": ["-c:a", "libopus", "-b:a", "32k"],
    "libvorbis": ["-c:a", "libvorbis"],
    "libmp3lame": ["-c:a", "libmp3lame", "-b:a", "32k"],
}


def _run(args: list[str], *, stdout=None) -> None:
    cmd = [FFMPEG, "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *args]
    proc = subprocess.run(cmd, stdout=stdout, stderr=subprocess.PIPE, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"ffmpeg failed ({proc.returncode}): {cmd}\n{proc.stderr.decode()}")


def make_video(
    path: str | os.PathLike,
    *,
    seconds: float,
    fmt: str = "mp4",
    codec: str | None = None,
    vfr: bool = False,
    rotate: int | None = None,
    no_duration_header: bool = False,
    fps: float = 25,
    size: tuple[int, int] = (160, 120),
    audio: bool = False,
    gop: int | None = None,
    chrome_style: bool = False,
    faststart: bool = False,
    movflags: list[str] | None = None,
) -> Path:
    """Write a test-pattern video of ``seconds`` length and return its path.

    fmt: mp4, fmp4 (fragmented, empty moov, like MediaRecorder's MP4), mov, mkv, webm, avi.
    vfr: drop a third of each second's frames and keep the gaps (variable frame rate), so
        frame_count / fps is wrong while the real span stays ``seconds``.
    rotate: display rotation metadata in degrees (90/180/270); the pixels stay unrotated.
    movflags: explicit ``-movflags`` for mp4/mov/fmp4 (e.g. ``frag_every_frame``), replacing
        the defaults chosen from fmt/no_duration_header/faststart.
    no_duration_header: write to a pipe so the muxer cannot seek back to fill in a duration
        (webm/mkv: no Duration, no Cues, unknown-size Segment; mp4 becomes fragmented).
    chrome_style (webm/mkv only): additionally rewrite the file the way Chrome's MediaRecorder
        lays it out: unknown-size Segment *and* Clusters, no SeekHead/Cues/Duration/Tags and
        no DefaultDuration on the tracks.
    """
    path = Path(path)
    muxer, default_codec, default_audio, _ = _FORMATS[fmt]
    codec = codec or default_codec
    args = [
        "-f",
        "lavfi",
        "-i",
        f"testsrc2=size={size[0]}x{size[1]}:rate={fps}:duration={seconds}",
    ]
    if audio:
        args += ["-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=48000:duration={seconds}"]
    vfilters = []
    if vfr:
        # keep frames whose index within each second is outside [fps/3, 2fps/3): a third of
        # every second is missing, with the timestamps of the kept frames unchanged
        lo, hi = int(fps / 3), int(2 * fps / 3)
        vfilters.append(f"select='not(between(mod(n\\,{int(fps)})\\,{lo}\\,{hi - 1}))'")
    if vfilters:
        args += ["-vf", ",".join(vfilters)]
    if vfr:
        args += ["-fps_mode", "vfr"]
    args += _VIDEO_ENCODERS[codec]
    if gop:
        args += ["-g", str(gop)]
    if audio:
        args += _AUDIO_ENCODERS[default_audio]
    flags = []
    if fmt == "fmp4" or (no_duration_header and muxer in ("mp4", "mov")):
        flags += ["frag_keyframe", "empty_moov", "default_base_moof"]
    elif faststart:
        flags.append("faststart")
    if movflags is None:
        movflags = flags
    if movflags:
        args += ["-movflags", "+".join(movflags)]
    args += ["-f", muxer]

    tmp = path.with_name(path.name + ".part")
    if no_duration_header or chrome_style:
        with open(tmp, "wb") as out:
            _run([*args, "pipe:1"], stdout=out)
    else:
        _run([*args, str(tmp)])

    if rotate:
        # encoding would bake the rotation into the pixels; attach it to a stream copy instead
        rotated = path.with_name(path.name + ".rot")
        _run(
            [
                "-display_rotation:v:0",
                str(-rotate),  # ffmpeg's option is counter-clockwise; metadata is clockwise
                "-i",
                str(tmp),
                "-map",
                "0",
                "-c",
                "copy",
                "-f",
                muxer,
                str(rotated),
            ]
        )
        os.replace(rotated, tmp)

    if chrome_style:
        data = tmp.read_bytes()
        tmp.write_bytes(chromify_matroska(data))
    os.replace(tmp, path)
    return path


def strip_tfdt(path: str | os.PathLike) -> Path:
    """Turn every ``tfdt`` box of a fragmented MP4 into a ``free`` box of the same size.

    Older muxers wrote no tfdt; a reader must then add up every fragment's sample durations.
    """
    path = Path(path)
    data = path.read_bytes()
    assert b"tfdt" in data
    path.write_bytes(data.replace(b"tfdt", b"free"))
    return path


def make_audio_only(path: str | os.PathLike, *, seconds: float = 2, fmt: str = "m4a") -> Path:
    """Audio-only file in a video-capable container: m4a (mp4), webm, mkv, or mp3."""
    path = Path(path)
    spec = {
        "m4a": (["-c:a", "aac", "-b:a", "48k"], "mp4"),
        "webm": (["-c:a", "libopus", "-b:a", "32k"], "webm"),
        "mkv": (["-c:a", "libopus", "-b:a", "32k"], "matroska"),
        "mp3": (["-c:a", "libmp3lame", "-b:a", "32k"], "mp3"),
        "wav": (["-c:a", "pcm_s16le"], "wav"),
    }
    codec_args, muxer = spec[fmt]
    _run(
        [
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency=440:sample_rate=48000:duration={seconds}",
            *codec_args,
            "-f",
            muxer,
            str(path),
        ]
    )
    return path


def make_image(
    path: str | os.PathLike, *, fmt: str = "png", size: tuple[int, int] = (64, 48)
) -> Path:
    """A still image (png or jpeg), written with ffmpeg."""
    path = Path(path)
    codec = {"png": "png", "jpeg": "mjpeg", "jpg": "mjpeg"}[fmt]
    muxer = "image2"
    _run(
        [
            "-f",
            "lavfi",
            "-i",
            f"testsrc2=size={size[0]}x{size[1]}:rate=1",
            "-frames:v",
            "1",
            "-c:v",
            codec,
            "-update",
            "1",
            "-f",
            muxer,
            str(path),
        ]
    )
    return path


def make_text(path: str | os.PathLike, text: str | None = None) -> Path:
    path = Path(path)
    path.write_text(text or "This is not a video, just a renamed text file.\n" * 20)
    return path


def make_random(path: str | os.PathLike, *, size: int = 64 * 1024, seed: int = 1234) -> Path:
    import random

    path = Path(path)
    path.write_bytes(random.Random(seed).randbytes(size))
    return path


def truncate(
    src: str | os.PathLike,
    dst: str | os.PathLike,
    *,
    fraction: float = 0.5,
    keep: int | None = None,
) -> Path:
    """Copy the first ``keep`` bytes (or ``fraction`` of the file) of ``src`` to ``dst``."""
    dst = Path(dst)
    size = os.path.getsize(src)
    n = keep if keep is not None else int(size * fraction)
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        fout.write(fin.read(n))
    return dst


def ffprobe_path() -> str | None:
    return shutil.which("ffprobe")


def ffprobe_json(path: str | os.PathLike, *extra: str) -> dict | None:
    exe = ffprobe_path()
    if exe is None:
        return None
    proc = subprocess.run(
        [exe, "-v", "error", "-of", "json", *extra, str(path)],
        capture_output=True,
        check=True,
    )
    return json.loads(proc.stdout)


def ffprobe_duration(path: str | os.PathLike) -> float | None:
    """ffprobe's format=duration, or None when ffprobe is absent or reports none (N/A)."""
    info = ffprobe_json(path, "-show_entries", "format=duration")
    if info is None:
        return None
    value = info.get("format", {}).get("duration")
    return float(value) if value not in (None, "N/A") else None


def ffprobe_packet_span(path: str | os.PathLike) -> float | None:
    """max(pts + duration) - min(pts) over all packets, read by ffprobe (None if absent).

    This is the presentation span ffprobe would report as format duration if the file had a
    duration header; used as the reference for headerless recordings.
    """
    info = ffprobe_json(path, "-show_entries", "packet=pts_time,duration_time")
    if info is None:
        return None
    start, end = None, None
    for pkt in info.get("packets", []):
        pts = pkt.get("pts_time")
        if pts in (None, "N/A"):
            continue
        pts = float(pts)
        dur = pkt.get("duration_time")
        dur = float(dur) if dur not in (None, "N/A") else 0.0
        start = pts if start is None else min(start, pts)
        end = pts + dur if end is None else max(end, pts + dur)
    if start is None:
        return None
    return end - max(start, 0.0)


# --- Matroska rewriting: emulate Chrome's MediaRecorder layout --------------------------------

_UNKNOWN_SIZE = b"\x01\xff\xff\xff\xff\xff\xff\xff"
_SEGMENT, _CLUSTER, _INFO, _TRACKS = 0x18538067, 0x1F43B675, 0x1549A966, 0x1654AE6B
_DROP_TOP = {0x114D9B74, 0x1C53BB6B, 0x1254C367, 0xEC}  # SeekHead, Cues, Tags, Void
_DROP_INFO = {0x4489}  # Duration
_DROP_TRACK = {0x23E383}  # DefaultDuration


def _read_id(buf: bytes, pos: int) -> tuple[int, int]:
    first = buf[pos]
    length = 1
    mask = 0x80
    while length <= 4 and not first & mask:
        mask >>= 1
        length += 1
    return int.from_bytes(buf[pos : pos + length], "big"), pos + length


def _read_size(buf: bytes, pos: int) -> tuple[int | None, int]:
    first = buf[pos]
    length = 1
    mask = 0x80
    while length <= 8 and not first & mask:
        mask >>= 1
        length += 1
    value = first & (mask - 1)
    for b in buf[pos + 1 : pos + length]:
        value = (value << 8) | b
    if value == (1 << (7 * length)) - 1:
        return None, pos + length
    return value, pos + length


def _enc_id(eid: int) -> bytes:
    return eid.to_bytes((eid.bit_length() + 7) // 8, "big")


def _enc_size(n: int) -> bytes:
    return (n | (1 << 56)).to_bytes(8, "big")  # always 8-byte vint, like libwebm


def _children(buf: bytes, start: int, end: int):
    pos = start
    while pos < end:
        eid, p = _read_id(buf, pos)
        size, p = _read_size(buf, p)
        if size is None:  # unknown size: runs to the end of the parent
            size = end - p
        yield eid, buf[p : p + size]
        pos = p + size


def _filter_master(eid: int, payload: bytes, drop: set[int], nested: dict[int, set[int]]) -> bytes:
    out = bytearray()
    for cid, cpay in _children(payload, 0, len(payload)):
        if cid in drop:
            continue
        if cid in nested:
            out += _filter_master(cid, cpay, nested[cid], {})
        else:
            out += _enc_id(cid) + _enc_size(len(cpay)) + cpay
    return _enc_id(eid) + _enc_size(len(out)) + bytes(out)


def chromify_matroska(data: bytes) -> bytes:
    """Rewrite an ffmpeg-made WebM/MKV into MediaRecorder's live layout (see make_video)."""
    out = bytearray()
    pos = 0
    eid, p = _read_id(data, pos)
    size, p = _read_size(data, p)
    assert eid == 0x1A45DFA3 and size is not None
    out += data[: p + size]
    pos = p + size
    eid, p = _read_id(data, pos)
    assert eid == _SEGMENT
    _, p = _read_size(data, p)
    out += _enc_id(_SEGMENT) + _UNKNOWN_SIZE
    for cid, cpay in _children(data, p, len(data)):
        if cid in _DROP_TOP:
            continue
        if cid == _INFO:
            out += _filter_master(cid, cpay, _DROP_INFO, {})
        elif cid == _TRACKS:
            out += _filter_master(cid, cpay, set(), {0xAE: _DROP_TRACK})
        elif cid == _CLUSTER:
            out += _enc_id(cid) + _UNKNOWN_SIZE + cpay
        else:
            out += _enc_id(cid) + _enc_size(len(cpay)) + cpay
    return bytes(out)


def ffmpeg_header_duration(path: str | os.PathLike) -> float | None:
    """Format duration as the bundled ffmpeg reports it (``Duration:`` of ``ffmpeg -i``).

    None when it prints ``Duration: N/A``, i.e. the file carries no usable duration header
    (avformat estimates one from stream headers, never by reading the whole file here).
    Needs no ffprobe; resolution is 10 ms.
    """
    proc = subprocess.run(
        [FFMPEG, "-hide_banner", "-nostdin", "-i", str(path)], capture_output=True, check=False
    )
    for line in proc.stderr.decode(errors="replace").splitlines():
        line = line.strip()
        if line.startswith("Duration:"):
            value = line.split(",")[0].split(":", 1)[1].strip()
            if value == "N/A":
                return None
            h, m, s = value.split(":")
            return int(h) * 3600 + int(m) * 60 + float(s)
    raise RuntimeError(f"ffmpeg printed no Duration line for {path}")


# --- decompression bombs: MJPEG AVIs built byte by byte ------------------------------------


def _segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def blank_jpeg(width: int, height: int) -> bytes:
    """A valid baseline greyscale JPEG of any size, about width * height / 256 bytes.

    Every 8x8 block is flat grey: a DC difference of category 0 and an end of block,
    each a one-bit Huffman code '0', so the entropy-coded data is zero bytes (no 0xFF
    to stuff). Decoding it still allocates the whole frame, which is the point.
    """
    blocks = ((width + 7) // 8) * ((height + 7) // 8)
    quant = _segment(0xDB, b"\x00" + b"\x01" * 64)
    frame = _segment(0xC0, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00")
    one_code = b"\x01" + b"\x00" * 15  # one code of length 1
    dc = _segment(0xC4, b"\x00" + one_code + b"\x00")  # DC table 0: category 0
    ac = _segment(0xC4, b"\x10" + one_code + b"\x00")  # AC table 0: end of block
    scan = _segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
    data = bytes((blocks * 2 + 7) // 8)
    return b"\xff\xd8" + quant + frame + dc + ac + scan + data + b"\xff\xd9"


def _chunk(fourcc: bytes, payload: bytes) -> bytes:
    return fourcc + struct.pack("<I", len(payload)) + payload + (b"\0" if len(payload) % 2 else b"")


def _list(kind: bytes, *chunks: bytes) -> bytes:
    return _chunk(b"LIST", kind + b"".join(chunks))


def mjpeg_avi(
    path: str | os.PathLike,
    *,
    frame_size: tuple[int, int],
    header_size: tuple[int, int] | None = None,
    frames: int = 2,
) -> Path:
    """An MJPEG AVI whose frames are ``frame_size``; its headers claim ``header_size``.

    With the default ``header_size`` the headers tell the truth (a plain decompression
    bomb at 16000x16000: about 2 MB per frame on disk, 768 MB decoded as BGR); with
    a small one they lie, and only the JPEG data says how large the frames are.
    """
    width, height = frame_size
    claim_w, claim_h = header_size or frame_size
    jpeg = blank_jpeg(width, height)
    avih = struct.pack(
        "<IIIIIIIIII", 1_000_000, 0, 0, 0x10, frames, 0, 1, len(jpeg), claim_w, claim_h
    ) + bytes(16)
    strh = b"vidsMJPG" + struct.pack(
        "<IHHIIIIIIIIhhhh", 0, 0, 0, 0, 1, 1, 0, frames, len(jpeg), 0, 0, 0, 0, claim_w, claim_h
    )
    strf = struct.pack(
        "<IiiHH4sIiiII", 40, claim_w, claim_h, 1, 24, b"MJPG", claim_w * claim_h * 3, 0, 0, 0, 0
    )
    header = _list(
        b"hdrl", _chunk(b"avih", avih), _list(b"strl", _chunk(b"strh", strh), _chunk(b"strf", strf))
    )
    movi = _list(b"movi", *(_chunk(b"00dc", jpeg) for _ in range(frames)))
    offsets, index = 4, []
    for _ in range(frames):
        index.append(struct.pack("<4sIII", b"00dc", 0x10, offsets, len(jpeg)))
        offsets += 8 + len(jpeg) + (len(jpeg) % 2)
    body = b"AVI " + header + movi + _chunk(b"idx1", b"".join(index))
    path = Path(path)
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path
