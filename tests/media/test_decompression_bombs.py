"""Decompression bombs: frame sizes read from the headers, and a decode whose memory is bounded.

The bombs are MJPEG AVIs built byte by byte (media_fixtures.mjpeg_avi): 2 MB on
disk, 16000x16000 frames that take about 2 GB to decode. Nothing here decodes
one in the test process: if a probe did, this process's peak memory would
show it.
"""

from __future__ import annotations

import json
import os
import signal
import threading
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from tests.fixtures import media as mf
from tests.fixtures.graphql import GraphQLClient, signup
from vector_gql.app import create_app
from vector_gql.models.media import Video, VideoUpload
from vector_gql.services.media import _isobmff, _matroska, _riff
from vector_gql.services.media._codec_headers import (
    avc_frame_sizes,
    hevc_frame_sizes,
    jpeg_frame_size,
)
from vector_gql.services.media._container import Source
from vector_gql.services.media.frame_decoder import DecoderFailed, DecoderPool
from vector_gql.services.media.probe import FrameLimits, MediaRejected, probe_video

MiB = 1024 * 1024


def peak_memory_bytes() -> int:
    """This process's peak resident memory (VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


@pytest.fixture(scope="module")
def media(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("bombs")
    return {
        "bomb": mf.mjpeg_avi(d / "bomb.avi", frame_size=(16000, 16000)),
        "liar": mf.mjpeg_avi(d / "liar.avi", frame_size=(16000, 16000), header_size=(64, 64)),
        "small": mf.mjpeg_avi(d / "small.avi", frame_size=(320, 240)),
        "8k": mf.mjpeg_avi(d / "8k.avi", frame_size=(7680, 4320), frames=1),
        "over_8k": mf.mjpeg_avi(d / "over.avi", frame_size=(7688, 4320), frames=1),
        "long_side": mf.mjpeg_avi(d / "side.avi", frame_size=(8200, 200), frames=1),
    }


@pytest.fixture(scope="module")
def pool():
    decoders = DecoderPool(2, memory_bytes=1024 * MiB, timeout_seconds=30)
    yield decoders
    decoders.close()


def rejection(path: Path, **kwargs) -> MediaRejected:
    with pytest.raises(MediaRejected) as rejected:
        probe_video(path, **kwargs)
    return rejected.value


# --- frame sizes from the headers ---------------------------------------------------------


def frame_sizes(path: Path, parser, kind: str) -> list[tuple[int, int]]:
    with open(path, "rb") as handle:
        return parser(Source(handle, os.fstat(handle.fileno()).st_size), kind).frame_sizes


@pytest.mark.parametrize(
    ("fmt", "codec", "parser", "kind"),
    [
        ("mp4", "h264", _isobmff.parse, "mp4"),
        ("mp4", "hevc", _isobmff.parse, "mp4"),
        ("mov", "mjpeg", _isobmff.parse, "mov"),
        ("mkv", "h264", _matroska.parse, "matroska"),
        ("mkv", "hevc", _matroska.parse, "matroska"),
        ("webm", "vp9", _matroska.parse, "webm"),
        ("avi", "mpeg4", _riff.parse, "avi"),
        ("avi", "mjpeg", _riff.parse, "avi"),
    ],
)
def test_every_header_reports_its_frame_size(tmp_path, fmt, codec, parser, kind):
    path = mf.make_video(tmp_path / f"clip.{fmt}", seconds=1, fmt=fmt, codec=codec, size=(330, 186))
    sizes = frame_sizes(path, parser, kind)
    assert (330, 186) in sizes
    # Codec headers hold coded sizes: a little larger (whole macroblocks), never smaller.
    assert all(330 <= w < 330 + 64 and 186 <= h < 186 + 64 for w, h in sizes), sizes


def test_codec_headers_that_lie_are_found_out(media):
    sizes = frame_sizes(media["liar"], _riff.parse, "avi")
    assert (64, 64) in sizes  # what the AVI headers claim
    assert (16000, 16000) in sizes  # what the first JPEG frame's SOF says


def test_codec_header_readers_survive_garbage():
    jpeg = mf.blank_jpeg(1234, 567)
    assert jpeg_frame_size(jpeg) == (1234, 567)
    assert jpeg_frame_size(jpeg[:40]) is None
    assert jpeg_frame_size(b"\xff\xd8\xff\xda\x00\x02") is None  # a scan before any frame
    assert jpeg_frame_size(b"not a jpeg") is None
    for garbage in (b"", b"\x01", b"\x01\x64\x00\x1f\xff\xe1\x00\x40" + bytes(8), os.urandom(300)):
        assert isinstance(avc_frame_sizes(garbage), list)
        assert isinstance(hevc_frame_sizes(garbage), list)


# --- refusing before decoding --------------------------------------------------------------


class Untouchable(DecoderPool):
    """A decoder that must not be asked."""

    def __init__(self) -> None:
        super().__init__(1, 1024 * MiB, 1)

    def decode_first_frame(self, fd, **kwargs):
        raise AssertionError("the file was decoded")


def test_a_bomb_is_refused_from_its_headers_without_decoding(media):
    for name in ("bomb", "liar"):
        rejected = rejection(media[name], decoder=Untouchable())
        assert rejected.code == "FRAME_TOO_LARGE"
        assert "16000x16000" in rejected.message and "by its headers" in rejected.message


def test_the_limit_is_8k_by_default_and_configurable(media, pool):
    info = probe_video(media["8k"], decoder=pool)
    assert (info.width, info.height) == (7680, 4320)
    assert rejection(media["over_8k"], decoder=Untouchable()).code == "FRAME_TOO_LARGE"
    assert rejection(media["long_side"], decoder=Untouchable()).code == "FRAME_TOO_LARGE"
    full_hd = FrameLimits(max_pixels=1920 * 1080, max_side=1920)
    rejected = rejection(media["8k"], limits=full_hd, decoder=Untouchable())
    assert rejected.code == "FRAME_TOO_LARGE" and "2.1 megapixels" in rejected.message
    assert probe_video(media["small"], limits=full_hd, decoder=pool).width == 320


# --- the bounded decode ----------------------------------------------------------------------


def decode(pool: DecoderPool, path: Path, **limits):
    fd = os.open(path, os.O_RDONLY)
    try:
        return pool.decode_first_frame(
            fd,
            max_pixels=limits.get("max_pixels", 7680 * 4320),
            max_side=limits.get("max_side", 8192),
        )
    finally:
        os.close(fd)


def test_the_decoder_refuses_what_its_codec_says_is_too_large(media, pool):
    """The container lies and the parsers are bypassed: the decoder still checks first."""
    report = decode(pool, media["liar"])
    assert report.too_large and not report.decoded
    assert (report.width, report.height) == (16000, 16000)


def test_a_lying_file_cannot_take_the_servers_memory(media, pool):
    """Even allowed any size, the 2 GB decode fails inside its capped worker."""
    before = peak_memory_bytes()
    try:
        report = decode(pool, media["liar"], max_pixels=10**12, max_side=10**6)
        assert not report.decoded
    except DecoderFailed:
        pass  # or its worker died trying: also fine
    assert peak_memory_bytes() - before < 200 * MiB
    # The pool goes on serving.
    assert decode(pool, media["small"]).frame == (320, 240)


def test_workers_are_reused_not_started_per_probe(media):
    decoders = DecoderPool(2, 1024 * MiB, 30)
    try:
        for _ in range(6):
            assert probe_video(media["small"], decoder=decoders).width == 320
        assert decoders.started == 1
        threads = [
            threading.Thread(
                target=probe_video, args=(media["small"],), kwargs={"decoder": decoders}
            )
            for _ in range(6)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert decoders.started <= 2
    finally:
        decoders.close()


def test_a_dead_worker_is_replaced(media):
    decoders = DecoderPool(1, 1024 * MiB, 30)
    try:
        assert decode(decoders, media["small"]).decoded
        [worker] = decoders._idle
        os.kill(worker.process.pid, signal.SIGKILL)
        worker.process.wait()
        # The request finds the worker gone, and is served by a fresh one.
        assert decode(decoders, media["small"]).decoded
        assert decoders.started == 2
    finally:
        decoders.close()


def test_a_decode_that_takes_too_long_is_stopped(media):
    decoders = DecoderPool(1, 1024 * MiB, timeout_seconds=0.001)
    try:
        with pytest.raises(DecoderFailed, match="longer than"):
            decode(decoders, media["8k"])
        rejected = rejection(media["8k"], decoder=decoders)
        assert rejected.code == "CORRUPT_MEDIA" and "limits of memory and time" in rejected.message
        assert decoders._live == 0 and not decoders._idle  # every hung worker was killed
    finally:
        decoders.close()


# --- through the API --------------------------------------------------------------------------

UPLOAD = """
mutation Upload($input: UploadVideoInput!) {
  uploadVideo(input: $input) { video { id } errors { field message code } }
}
"""


async def upload(client: httpx.AsyncClient, token: str, path: Path) -> dict:
    operations = {"query": UPLOAD, "variables": {"input": {"title": "Bomb", "file": None}}}
    with open(path, "rb") as handle:
        response = await client.post(
            "/graphql",
            data={
                "operations": json.dumps(operations),
                "map": json.dumps({"0": ["variables.input.file"]}),
            },
            files={"0": (path.name, handle, "video/x-msvideo")},
            headers={"Authorization": f"Bearer {token}", "Apollo-Require-Preflight": "true"},
        )
    assert response.status_code == 200, response.text
    return response.json()["data"]["uploadVideo"]


async def test_uploaded_bombs_are_refused_with_a_code_and_nothing_is_kept(
    app, client, gql, media, settings
):
    token = (await signup(gql, "ann"))["accessToken"]
    stored = settings.storage_dir / "videos"
    objects_before = set(stored.iterdir()) if stored.exists() else set()
    before = peak_memory_bytes()
    for name in ("bomb", "liar"):
        result = await upload(client, token, media[name])
        assert result["video"] is None
        [error] = result["errors"]
        assert error["code"] == "FRAME_TOO_LARGE" and error["field"] == ["file"]
        assert "16000x16000" in error["message"]
    assert await Video.all().count() == 0
    assert (set(stored.iterdir()) if stored.exists() else set()) == objects_before
    assert peak_memory_bytes() - before < 200 * MiB
    # An ordinary video still goes through.
    assert (await upload(client, token, media["small"]))["errors"] == []


async def test_a_bomb_sent_in_parts_is_refused_and_deleted(app, client, gql, media):
    token = (await signup(gql, "ann"))["accessToken"]
    data = media["liar"].read_bytes()
    start = """mutation($i: StartVideoUploadInput!) { startVideoUpload(input: $i) {
        upload { id parts { url } } errors { code } } }"""
    body = await gql(
        start, {"i": {"title": "Bomb", "filename": "liar.avi", "sizeBytes": len(data)}}, token=token
    )
    upload_ = body["data"]["startVideoUpload"]["upload"]
    put = await client.put(upload_["parts"][0]["url"], content=data)
    assert put.status_code == 200
    complete = """mutation($i: CompleteVideoUploadInput!) { completeVideoUpload(input: $i) {
        video { id } upload { status failureCode } errors { code } } }"""
    body = await gql(
        complete,
        {
            "i": {
                "uploadId": upload_["id"],
                "parts": [{"partNumber": 1, "etag": put.headers["etag"]}],
            }
        },
        token=token,
    )
    result = body["data"]["completeVideoUpload"]
    assert result["errors"] == [{"code": "FRAME_TOO_LARGE"}]
    assert await Video.all().count() == 0
    [row] = await VideoUpload.all()
    assert row.failure_code == "FRAME_TOO_LARGE"
    assert not await app.state.services.storage.exists(row.storage_key)


def test_workers_get_none_of_the_servers_secrets(media, monkeypatch):
    monkeypatch.setenv("VECTOR_JWT_SECRET", "s3cret-for-the-server-only")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "also-secret")
    decoders = DecoderPool(1, 1024 * MiB, 30)
    try:
        assert decode(decoders, media["small"]).decoded
        [worker] = decoders._idle
        environment = Path(f"/proc/{worker.process.pid}/environ").read_bytes().split(b"\0")
        names = {entry.split(b"=", 1)[0].decode() for entry in environment if entry}
        assert "VECTOR_JWT_SECRET" not in names and "AWS_SECRET_ACCESS_KEY" not in names
        assert "MALLOC_ARENA_MAX" in names
        limits = Path(f"/proc/{worker.process.pid}/limits").read_text()
        [address_space] = [line for line in limits.splitlines() if "address space" in line]
        assert str(1024 * MiB) in address_space
    finally:
        decoders.close()


async def test_with_the_frame_limit_lifted_the_bomb_still_cannot_take_the_servers_memory(
    settings, database, media
):
    """Headers let through; the decode fails in its capped worker, not in the server."""
    lifted = replace(settings, max_video_pixels=10**10, max_video_side=10**6, probe_memory_mb=1024)
    app = create_app(lifted, manage_database=False)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            token = (await signup(GraphQLClient(http), "ann"))["accessToken"]
            before = peak_memory_bytes()
            result = await upload(http, token, media["bomb"])
            assert peak_memory_bytes() - before < 200 * MiB
            [error] = result["errors"]
            assert error["code"] == "CORRUPT_MEDIA", error
            assert await Video.all().count() == 0
            # The server goes on probing.
            assert (await upload(http, token, media["small"]))["errors"] == []
    finally:
        await app.state.services.close()
