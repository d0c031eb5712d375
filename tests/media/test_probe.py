"""Tests for vector_gql.services.media.probe.

Every fixture is generated once per session with imageio-ffmpeg's binary (tests/fixtures/media.py).
Durations are checked against the generated length and, where /usr/bin/ffprobe exists, against
ffprobe's format duration (or, for headerless recordings, ffprobe's packet span).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import struct
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import cv2
import pytest

from tests.fixtures import media as mf
from vector_gql.services.media.probe import (
    MediaRejected,
    VideoInfo,
    probe_video,
    sniff_container,
)

SECONDS = 3.0
W, H = 160, 120


def within_tolerance(found: float, ref: float) -> bool:
    """The product's acceptance bound: 0.1 s or 2 %, whichever is larger."""
    return abs(found - ref) <= max(0.1, 0.02 * ref)


@dataclass(frozen=True)
class Case:
    name: str
    kwargs: dict
    container: str
    content_type: str
    codec: str
    rotation: int = 0
    headerless: bool = False  # the container carries no duration header


MP4, MOV = ("mp4", "video/mp4"), ("mov", "video/quicktime")
WEBM, MKV, AVI = (
    ("webm", "video/webm"),
    ("matroska", "video/x-matroska"),
    ("avi", "video/x-msvideo"),
)

CASES = [
    Case("mp4_h264", dict(fmt="mp4"), *MP4, "h264"),
    Case("mp4_h264_bframes_audio", dict(fmt="mp4", codec="h264-bframes", audio=True), *MP4, "h264"),
    Case("mp4_faststart", dict(fmt="mp4", faststart=True, audio=True), *MP4, "h264"),
    Case("mp4_hevc", dict(fmt="mp4", codec="hevc"), *MP4, "hevc"),
    # phone-style variable frame rate: a third of each second's frames missing
    Case("mp4_vfr", dict(fmt="mp4", vfr=True, fps=30), *MP4, "h264"),
    Case("mp4_rot90", dict(fmt="mp4", rotate=90), *MP4, "h264", rotation=90),
    Case("mp4_rot180", dict(fmt="mp4", rotate=180), *MP4, "h264", rotation=180),
    # MediaRecorder-style MP4: fragmented, empty moov, written to a pipe
    Case(
        "fmp4_mediarecorder",
        dict(fmt="fmp4", no_duration_header=True, audio=True),
        *MP4,
        "h264",
        headerless=True,
    ),
    Case(
        "fmp4_bframes_vfr",
        dict(fmt="fmp4", codec="h264-bframes", vfr=True, fps=30, gop=15),
        *MP4,
        "h264",
        headerless=True,
    ),
    # one fragment per frame: a moof carries a single track, video is not in the first one
    Case(
        "fmp4_fragment_per_frame",
        dict(
            fmt="fmp4",
            audio=True,
            no_duration_header=True,
            movflags=["frag_every_frame", "empty_moov", "default_base_moof"],
        ),
        *MP4,
        "h264",
        headerless=True,
    ),
    # fragmented but the first fragment's samples in the moov, with B-frames (cts offsets)
    Case(
        "fmp4_samples_in_moov_bframes",
        dict(fmt="mp4", codec="h264-bframes", gop=25, movflags=["frag_keyframe"]),
        *MP4,
        "h264",
    ),
    # fragments without tfdt (older muxers): the reader must sum every fragment
    Case(
        "fmp4_no_tfdt",
        dict(fmt="fmp4", audio=True, gop=10, post=mf.strip_tfdt),
        *MP4,
        "h264",
        headerless=True,
    ),
    Case("mov_h264", dict(fmt="mov", audio=True), *MOV, "h264"),
    Case("mov_rot270", dict(fmt="mov", rotate=270), *MOV, "h264", rotation=270),
    Case("mkv_h264_audio", dict(fmt="mkv", audio=True), *MKV, "h264"),
    Case("mkv_rot90", dict(fmt="mkv", rotate=90), *MKV, "h264", rotation=90),
    Case("mkv_headerless", dict(fmt="mkv", no_duration_header=True), *MKV, "h264", headerless=True),
    Case("webm_vp8_audio", dict(fmt="webm", audio=True), *WEBM, "vp8"),
    Case("webm_vp9", dict(fmt="webm", codec="vp9"), *WEBM, "vp9"),
    Case("webm_av1", dict(fmt="webm", codec="av1"), *WEBM, "av1"),
    # ffmpeg writing WebM to a pipe: no Duration, no Cues, unknown-size Segment
    Case(
        "webm_vp8_pipe",
        dict(fmt="webm", no_duration_header=True, audio=True),
        *WEBM,
        "vp8",
        headerless=True,
    ),
    # Chrome MediaRecorder layout: unknown-size Segment and Clusters, no DefaultDuration
    Case(
        "webm_vp9_chrome",
        dict(fmt="webm", codec="vp9", chrome_style=True, audio=True),
        *WEBM,
        "vp9",
        headerless=True,
    ),
    Case(
        "webm_vp8_chrome_vfr",
        dict(fmt="webm", chrome_style=True, vfr=True, fps=30),
        *WEBM,
        "vp8",
        headerless=True,
    ),
    Case("avi_mpeg4_audio", dict(fmt="avi", audio=True), *AVI, "mpeg4"),
    Case("avi_mjpeg", dict(fmt="avi", codec="mjpeg"), *AVI, "mjpeg"),
]
CASE_IDS = [c.name for c in CASES]
EXT = {"fmp4": "mp4", "mkv": "mkv", "webm": "webm", "mp4": "mp4", "mov": "mov", "avi": "avi"}


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("probe_media")


@pytest.fixture(scope="session")
def videos(media_dir) -> dict[str, Path]:
    """All valid fixtures, generated in two worker threads (ffmpeg does the work)."""

    def build(case: Case) -> tuple[str, Path]:
        path = media_dir / f"{case.name}.{EXT[case.kwargs['fmt']]}"
        kwargs = dict(case.kwargs)
        post = kwargs.pop("post", None)
        mf.make_video(path, seconds=SECONDS, size=(W, H), **kwargs)
        return case.name, post(path) if post else path

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(build, CASES))


@pytest.fixture(scope="session")
def long_videos(media_dir) -> dict[str, Path]:
    """60 s files (tiny, 5 fps): durations read from the structure, whatever the length."""
    out = {}
    out["mp4"] = mf.make_video(
        media_dir / "long.mp4", seconds=60, fps=5, size=(64, 64), gop=25, audio=True
    )
    out["webm_chrome"] = mf.make_video(
        media_dir / "long_chrome.webm",
        seconds=60,
        fps=5,
        size=(64, 64),
        fmt="webm",
        chrome_style=True,
        audio=True,
        gop=25,
    )
    out["fmp4"] = mf.make_video(
        media_dir / "long_frag.mp4",
        seconds=60,
        fps=5,
        size=(64, 64),
        fmt="fmp4",
        no_duration_header=True,
        gop=10,
    )
    return out


# --- accepted videos ----------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_probe_reports_container_codec_size_rotation(videos, case):
    info = probe_video(videos[case.name])
    assert isinstance(info, VideoInfo)
    assert info.container == case.container
    assert info.content_type == case.content_type
    assert info.codec == case.codec
    assert info.rotation == case.rotation
    expected = (H, W) if case.rotation in (90, 270) else (W, H)
    assert (info.width, info.height) == expected


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_probe_duration_matches_generated_length(videos, case):
    info = probe_video(videos[case.name])
    assert within_tolerance(info.duration_seconds, SECONDS), info.duration_seconds
    # tighter than the product bound: we are never more than ~1 audio/video frame off
    assert abs(info.duration_seconds - SECONDS) < 0.05, info.duration_seconds


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_probe_duration_matches_ffmpeg_header_or_is_headerless(videos, case):
    """Headerless fixtures really lack a duration header; the others agree with avformat."""
    path = videos[case.name]
    reported = mf.ffmpeg_header_duration(path)
    if case.headerless and case.container != "mp4":
        assert reported is None, "fixture unexpectedly carries a duration header"
    if reported is not None:
        assert abs(probe_video(path).duration_seconds - reported) <= 0.011  # 10 ms display


@pytest.mark.skipif(mf.ffprobe_path() is None, reason="ffprobe not installed")
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_probe_matches_ffprobe(videos, case):
    path = videos[case.name]
    found = probe_video(path)
    ref = mf.ffprobe_duration(path)
    if ref is None:
        assert case.headerless
        ref = mf.ffprobe_packet_span(path)
    assert ref is not None
    assert within_tolerance(found.duration_seconds, ref), (found.duration_seconds, ref)
    # A headerless recording does not say how long its last frame lasts: allow one frame
    # interval (1/30 s) there; the encoder's timing of that frame varies between runs.
    strict = 0.04 if case.headerless else 0.03
    assert abs(found.duration_seconds - ref) < strict, (found.duration_seconds, ref)
    described = mf.ffprobe_json(
        path, "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height"
    )
    assert described is not None
    stream = described["streams"][0]
    assert found.codec == stream["codec_name"]
    coded = (
        (found.height, found.width) if found.rotation in (90, 270) else (found.width, found.height)
    )
    assert coded == (stream["width"], stream["height"])


def test_vfr_fixtures_are_variable_rate(videos):
    """The VFR fixtures are meaningful: 60 frames at a nominal 30 fps spread over 3 s.

    Frame count / nominal rate would say 2 s. (OpenCV 5's CAP_PROP_FPS for MP4 is the
    *average* rate, itself derived from the container duration, so its count / fps happens to
    come out right for MP4; for WebM its frame count is garbage, see the next test.)
    """
    for name in ("mp4_vfr", "fmp4_bframes_vfr"):
        cap = cv2.VideoCapture(str(videos[name]), cv2.CAP_FFMPEG)
        try:
            frames = cap.get(cv2.CAP_PROP_FRAME_COUNT)
        finally:
            cap.release()
        assert frames == pytest.approx(60, abs=1), (name, frames)
        assert abs(frames / 30 - SECONDS) > 0.9
        assert abs(probe_video(videos[name]).duration_seconds - SECONDS) < 0.05


def test_headerless_webm_defeats_opencv_frame_count(videos):
    cap = cv2.VideoCapture(str(videos["webm_vp9_chrome"]), cv2.CAP_FFMPEG)
    try:
        frames = cap.get(cv2.CAP_PROP_FRAME_COUNT)
    finally:
        cap.release()
    assert not 0 < frames < 1e6  # garbage (negative) for a webm without Duration


def test_chrome_fixture_has_live_layout(videos):
    data = videos["webm_vp9_chrome"].read_bytes()
    unknown = b"\x01\xff\xff\xff\xff\xff\xff\xff"
    assert b"\x18\x53\x80\x67" + unknown in data  # Segment of unknown size
    assert b"\x1f\x43\xb6\x75" + unknown in data  # Cluster of unknown size
    assert b"\x1c\x53\xbb\x6b" not in data  # no Cues


def test_fmp4_fixture_has_empty_moov(videos):
    data = videos["fmp4_mediarecorder"].read_bytes()
    i = data.index(b"mvhd")
    version = data[i + 4]
    duration = struct.unpack_from(">Q" if version else ">I", data, i + (28 if version else 20))[0]
    assert duration == 0
    assert data.count(b"moof") >= 1


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_decision_ignores_file_name(videos, media_dir, case):
    src = videos[case.name]
    wrong = media_dir / f"renamed_{case.name}.txt"
    if not wrong.exists():
        shutil.copyfile(src, wrong)
    assert probe_video(wrong) == probe_video(src)


def test_long_videos_are_measured_exactly(long_videos):
    # What probing costs against length is measured by bench/probe_bench.py, not here:
    # a timed assertion fails on a loaded machine.
    for kind, path in long_videos.items():
        info = probe_video(path)
        assert within_tolerance(info.duration_seconds, 60.0), (kind, info.duration_seconds)
        assert abs(info.duration_seconds - 60.0) < 0.05, (kind, info.duration_seconds)


def test_max_seconds(videos):
    path = videos["webm_vp9_chrome"]
    with pytest.raises(MediaRejected) as exc:
        probe_video(path, max_seconds=2.0)
    assert exc.value.code == "TOO_LONG"
    assert probe_video(path, max_seconds=3.5).duration_seconds == pytest.approx(SECONDS, abs=0.05)


# --- rejected files -----------------------------------------------------------------------------


def rejection(path) -> str:
    with pytest.raises(MediaRejected) as exc:
        probe_video(path)
    assert exc.value.message
    return exc.value.code


def test_empty_file(media_dir):
    path = media_dir / "empty.mp4"
    path.write_bytes(b"")
    assert rejection(path) == "EMPTY_FILE"


@pytest.mark.parametrize(
    "maker",
    [
        lambda d: mf.make_random(d / "random.mp4"),
        lambda d: mf.make_random(d / "random_small.webm", size=10),
        lambda d: mf.make_text(d / "notes.mp4"),
        lambda d: mf.make_image(d / "photo_png.mp4", fmt="png"),
        lambda d: mf.make_image(d / "photo_jpeg.webm", fmt="jpeg"),
        lambda d: mf.make_audio_only(d / "song_mp3.mp4", fmt="mp3"),
        lambda d: mf.make_audio_only(d / "sound_wav.mov", fmt="wav"),
        # a HEIF still: ISO-BMFF structure, but an image brand
        lambda d: _write(d / "still.mp4", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"),
        # an EBML document that is not Matroska
        lambda d: _write(d / "other.webm", bytes.fromhex("1a45dfa3 88 4282 85 6f74686572")),
    ],
    ids=["random", "random_tiny", "text", "png", "jpeg", "mp3", "wav", "heif", "ebml_other"],
)
def test_not_a_video_container(media_dir, maker):
    path = maker(media_dir)
    assert rejection(path) == "UNSUPPORTED_MEDIA"
    assert sniff_container(path.read_bytes()[:64]) is None


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("fmt", ["m4a", "webm", "mkv"])
def test_audio_only(media_dir, fmt):
    path = mf.make_audio_only(media_dir / f"audio_only_{fmt}.mp4", fmt=fmt)
    assert sniff_container(path.read_bytes()[:64]) is not None  # a video container...
    assert rejection(path) == "NO_VIDEO_STREAM"  # ...holding no video


TRUNCATABLE = [
    "mp4_h264",
    "mp4_faststart",
    "fmp4_mediarecorder",
    "mov_h264",
    "mkv_h264_audio",
    "mkv_headerless",
    "webm_vp8_audio",
    "webm_vp8_pipe",
    "webm_vp9_chrome",
    "avi_mpeg4_audio",
]


@pytest.mark.parametrize("fraction", [0.05, 0.5, 0.97])
@pytest.mark.parametrize("name", TRUNCATABLE)
def test_truncated(videos, media_dir, name, fraction):
    src = videos[name]
    path = mf.truncate(src, media_dir / f"cut_{fraction}_{src.name}", fraction=fraction)
    assert rejection(path) == "CORRUPT_MEDIA"


def test_mp4_cut_before_moov(videos, media_dir):
    data = videos["mp4_h264"].read_bytes()
    moov = data.index(b"moov") - 4
    path = mf.truncate(videos["mp4_h264"], media_dir / "no_moov.mp4", keep=moov)
    assert rejection(path) == "CORRUPT_MEDIA"


@pytest.mark.parametrize("keep", [8, 20, 40, 100])
def test_only_a_header(videos, media_dir, keep):
    for name in ("mp4_faststart", "webm_vp9_chrome", "avi_mpeg4_audio", "mov_h264"):
        path = mf.truncate(videos[name], media_dir / f"head_{keep}_{name}", keep=keep)
        code = rejection(path)
        assert code in ("CORRUPT_MEDIA", "UNSUPPORTED_MEDIA"), (name, code)


def test_undecodable_frames(videos, media_dir):
    """Intact structure but the coded frames zeroed: the decode check catches it."""
    data = bytearray(videos["mp4_h264"].read_bytes())
    start = data.index(b"mdat") + 4
    data[start : start + len(data) // 2] = bytes(len(data) // 2)
    path = _write(media_dir / "zeroed.mp4", bytes(data))
    assert rejection(path) == "CORRUPT_MEDIA"


# --- sniffing -----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_sniff_container(videos, case):
    head = videos[case.name].read_bytes()[:64]
    assert sniff_container(head) == case.container


def test_sniff_short_or_empty():
    assert sniff_container(b"") is None
    assert sniff_container(b"\x00\x00\x00") is None
    assert sniff_container(b"RIFF\x00\x00\x00\x00WAVEfmt ") is None


# --- concurrency and resources ------------------------------------------------------------------


def test_thread_safe(videos, media_dir):
    paths = [videos[c.name] for c in CASES] + [mf.make_text(media_dir / "t.mp4")]

    def safe(path):
        try:
            return probe_video(path)
        except MediaRejected as exc:
            return exc.code

    serial = [safe(p) for p in paths]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(3):
            assert list(pool.map(safe, paths)) == serial


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc")
def test_file_handles_closed(videos, media_dir):
    bad = mf.truncate(videos["webm_vp9_chrome"], media_dir / "fd_cut.webm", fraction=0.5)
    paths = [videos[c.name] for c in CASES] + [bad, mf.make_text(media_dir / "fd.mp4")]
    for p in paths:  # warm up lazily-opened library handles
        with contextlib.suppress(MediaRejected):
            probe_video(p)
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(3):
        for p in paths:
            with contextlib.suppress(MediaRejected):
                probe_video(p)
    after = len(os.listdir("/proc/self/fd"))
    assert after <= before


def test_missing_file_raises_oserror(media_dir):
    with pytest.raises(FileNotFoundError):
        probe_video(media_dir / "does-not-exist.mp4")
