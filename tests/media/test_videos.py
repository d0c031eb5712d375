"""Videos through the API, on both storage backends: upload, probe, reject, resume, clean up.

Every rejection must leave no object in storage and no row in the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hashlib
import json
import os
import struct
import tempfile
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fixtures import media as mf
from tests.fixtures.graphql import signup
from vector_gql.app import create_app
from vector_gql.models.media import Video, VideoUpload
from vector_gql.storage import StorageError
from vector_gql.storage.disk import DiskStorage

MiB = 1024 * 1024
MAX_SECONDS = 5.0
MAX_BYTES = 12 * MiB

UPLOAD = """
mutation Upload($input: UploadVideoInput!) {
  uploadVideo(input: $input) {
    video { id title contentType sizeBytes durationSeconds width height codec sha256
            uploadedAt uploadedBy { username } url organization { id name } }
    errors { field message code }
  }
}
"""
START = """
mutation Start($input: StartVideoUploadInput!) {
  startVideoUpload(input: $input) {
    upload { id status partCount partSizeBytes parts { partNumber sizeBytes url uploaded } }
    errors { field message code }
  }
}
"""
STATE = """
query State($id: ID!) {
  videoUpload(id: $id) { id status parts { partNumber uploaded etag url } }
}
"""
COMPLETE = """
mutation Complete($input: CompleteVideoUploadInput!) {
  completeVideoUpload(input: $input) {
    upload { status }
    video { id durationSeconds sizeBytes sha256 contentType }
    errors { field message code }
  }
}
"""
ABORT = """
mutation Abort($input: AbortVideoUploadInput!) {
  abortVideoUpload(input: $input) { upload { status } errors { code } }
}
"""


# --- fixtures ---------------------------------------------------------------------------


def pad_mp4(src: Path, dst: Path, extra: int) -> Path:
    """A valid MP4 made larger by a top-level `free` box (players skip it)."""
    data = src.read_bytes()
    dst.write_bytes(data + struct.pack(">I4s", extra, b"free") + b"\0" * (extra - 8))
    return dst


@pytest.fixture(scope="session")
def files(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("upload_media")
    made = {
        "mp4": mf.make_video(d / "clip.mp4", seconds=2, size=(160, 120)),
        "webm": mf.make_video(d / "recording.webm", seconds=2, fmt="webm", no_duration_header=True),
        "rotated": mf.make_video(d / "phone.mov", seconds=2, fmt="mov", rotate=90),
        "too_long": mf.make_video(d / "long.mp4", seconds=8, fps=5, size=(64, 64)),
        "audio": mf.make_audio_only(d / "voice.m4a", seconds=2),
        "image": mf.make_image(d / "image.png"),
        "text": mf.make_text(d / "notes.txt"),
        "random": mf.make_random(d / "noise.bin"),
    }
    made["truncated"] = mf.truncate(made["mp4"], d / "cut.mp4", fraction=0.4)
    made["empty"] = d / "empty.mp4"
    made["empty"].write_bytes(b"")
    made["big_mp4"] = pad_mp4(made["mp4"], d / "big.mp4", 7 * MiB)
    made["big_random"] = mf.make_random(d / "big.bin", size=7 * MiB)
    made["oversized"] = mf.make_random(d / "huge.bin", size=MAX_BYTES + 256 * 1024)
    return made


@dataclass
class Env:
    backend: str
    app: Any
    http: httpx.AsyncClient  # the API
    storage: Any

    async def objects(self) -> list[str]:
        """Every object key in storage (uploads in progress excluded)."""
        if isinstance(self.storage, DiskStorage):
            root = self.storage.root

            def walk() -> list[str]:
                return sorted(
                    str(p.relative_to(root))
                    for p in root.rglob("*")
                    if p.is_file() and not str(p.relative_to(root)).startswith(".")
                )

            return await asyncio.to_thread(walk)

        def listing() -> list[str]:
            client = self.storage.client
            pages = client.get_paginator("list_objects_v2").paginate(Bucket=self.storage.bucket)
            return sorted(o["Key"] for page in pages for o in page.get("Contents", []))

        return [k for k in await asyncio.to_thread(listing) if k.startswith("videos/")]

    async def fetch(self, url: str, **kwargs) -> httpx.Response:
        """GET/PUT a signed URL: the app's own (disk) or the S3 server's."""
        if url.startswith("http://testserver"):
            return await self.http.request(kwargs.pop("method", "GET"), url, **kwargs)
        async with httpx.AsyncClient(timeout=60) as outside:
            return await outside.request(kwargs.pop("method", "GET"), url, **kwargs)


@pytest.fixture(params=["disk", "s3"])
async def env(request, settings, database, tmp_path, s3_storage) -> Any:
    video_settings = replace(
        settings,
        data_dir=tmp_path,
        max_video_seconds=MAX_SECONDS,
        max_upload_bytes=MAX_BYTES,
        upload_part_bytes=5 * MiB,
    )
    if request.param == "s3":
        storage = s3_storage
        app = create_app(video_settings, manage_database=False, storage=storage)
    else:
        app = create_app(video_settings, manage_database=False)
        storage = app.state.services.storage
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50001))
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", timeout=60
    ) as http:
        environment = Env(request.param, app, http, storage)
        before = await environment.objects()
        yield environment
        # S3 is shared by the session: leave it as this test found it.
        for key in set(await environment.objects()) - set(before):
            await storage.delete(key)
    if request.param == "disk":
        await app.state.services.close()
    else:
        app.state.services.accounts.close()
        app.state.services.videos.close()


async def gql(env: Env, query: str, variables: dict, token: str | None = None) -> dict:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await env.http.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    assert response.status_code == 200, response.text
    return response.json()


async def account(env: Env, name: str = "ann") -> str:
    from tests.fixtures.graphql import GraphQLClient

    return (await signup(GraphQLClient(env.http), name))["accessToken"]


async def upload(
    env: Env,
    token: str | None,
    path: Path,
    title: str = "Answer 1",
    organization_id: str | None = None,
    **headers: str,
) -> httpx.Response:
    """POST the file as apollo-upload-client does (GraphQL multipart request spec)."""
    variables: dict[str, Any] = {"title": title, "file": None}
    if organization_id is not None:
        variables["organizationId"] = organization_id
    operations = {"query": UPLOAD, "variables": {"input": variables}}
    request_headers = {"Apollo-Require-Preflight": "true", **headers}
    if token:
        request_headers["Authorization"] = f"Bearer {token}"
    with open(path, "rb") as handle:
        return await env.http.post(
            "/graphql",
            data={
                "operations": json.dumps(operations),
                "map": json.dumps({"0": ["variables.input.file"]}),
            },
            files={"0": (path.name, handle, "application/octet-stream")},
            headers=request_headers,
        )


async def upload_to(env: Env, token: str, path: Path, organization_id: str) -> dict:
    return (await upload(env, token, path, "Named", organization_id)).json()


# --- upload through the API -------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "content_type", "size", "codec"),
    [
        ("mp4", "video/mp4", (160, 120), "h264"),
        ("webm", "video/webm", (160, 120), "vp8"),
        ("rotated", "video/quicktime", (120, 160), "h264"),
    ],
)
async def test_upload_probes_stores_and_links(env, files, kind, content_type, size, codec):
    token = await account(env)
    response = await upload(env, token, files[kind])
    body = response.json()
    assert "errors" not in body, body
    result = body["data"]["uploadVideo"]
    assert result["errors"] == []
    video = result["video"]
    data = files[kind].read_bytes()
    assert video["contentType"] == content_type
    assert video["sizeBytes"] == len(data)
    assert abs(video["durationSeconds"] - 2.0) <= 0.1
    assert (video["width"], video["height"]) == size
    assert video["codec"].startswith(codec[:2])
    assert video["sha256"] == hashlib.sha256(data).hexdigest()
    assert video["uploadedBy"] == {"username": "ann"}
    downloaded = await env.fetch(video["url"])
    assert downloaded.status_code == 200
    assert downloaded.content == data
    assert len(await env.objects()) == 1


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("empty", "EMPTY_FILE"),
        ("random", "UNSUPPORTED_MEDIA"),
        ("image", "UNSUPPORTED_MEDIA"),
        ("text", "UNSUPPORTED_MEDIA"),
        ("audio", "NO_VIDEO_STREAM"),
        ("truncated", "CORRUPT_MEDIA"),
        ("too_long", "TOO_LONG"),
        ("oversized", "TOO_LARGE"),
    ],
)
async def test_bad_files_are_refused_and_nothing_is_kept(env, files, kind, code):
    token = await account(env)
    path = files[kind]
    renamed = path.with_name(path.stem + "-renamed.mp4")
    renamed.write_bytes(path.read_bytes()) if not renamed.exists() else None
    body = (await upload(env, token, renamed)).json()
    result = body["data"]["uploadVideo"]
    assert result["video"] is None
    assert [(e["code"], e["field"]) for e in result["errors"]] == [(code, ["file"])]
    assert result["errors"][0]["message"]
    assert await Video.all().count() == 0
    assert await env.objects() == []


async def test_a_body_far_over_the_limit_is_cut_off(env):
    token = await account(env)

    operations = {"query": UPLOAD, "variables": {"input": {"title": "x", "file": None}}}
    head = (
        '--xyz\r\nContent-Disposition: form-data; name="operations"\r\n\r\n'
        f"{json.dumps(operations)}\r\n"
        '--xyz\r\nContent-Disposition: form-data; name="map"\r\n\r\n'
        '{"0": ["variables.input.file"]}\r\n'
        '--xyz\r\nContent-Disposition: form-data; name="0"; filename="a.mp4"\r\n'
        "Content-Type: video/mp4\r\n\r\n"
    ).encode()
    streamed = 0

    async def endless():
        """A well-formed multipart body whose file part never ends (no Content-Length)."""
        nonlocal streamed
        yield head
        for _ in range(MAX_BYTES // MiB + 16):
            streamed += MiB
            yield b"\0" * MiB

    sent = await env.http.post(
        "/graphql",
        content=endless(),
        headers={
            "Authorization": f"Bearer {token}",
            "Apollo-Require-Preflight": "true",
            "Content-Type": "multipart/form-data; boundary=xyz",
        },
    )
    assert sent.status_code == 413
    assert await env.objects() == []
    assert await Video.all().count() == 0


def _open_spool_files() -> int:
    """Uploaded-file spools this process still holds open (deleted temp files)."""
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            target = os.readlink(f"/proc/self/fd/{fd}")
            if target.startswith(tempfile.gettempdir()) and target.endswith("(deleted)"):
                count += 1
    return count


async def test_upload_needs_a_signed_in_user(env, files):
    before = _open_spool_files()
    gc.disable()  # the spool must be closed by the app, not by the garbage collector
    try:
        body = (await upload(env, None, files["big_mp4"])).json()
        assert _open_spool_files() == before
    finally:
        gc.enable()
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert await env.objects() == []


async def test_upload_without_preflight_header_is_refused(env, files):
    token = await account(env)
    response = await upload(env, token, files["mp4"], **{"Apollo-Require-Preflight": ""})
    assert response.status_code == 400
    assert await env.objects() == []


async def test_title_is_validated(env, files):
    token = await account(env)
    body = (await upload(env, token, files["mp4"], title=" ")).json()
    assert body["data"]["uploadVideo"]["errors"][0]["field"] == ["title"]
    assert await env.objects() == []


async def test_storage_failure_keeps_nothing_and_can_be_retried(env, files, monkeypatch):
    token = await account(env)
    original = env.storage.put

    async def failing_put(key, fileobj, **kwargs):
        await original(key, fileobj, **kwargs)  # half-way: the object exists...
        raise StorageError()  # ...then the store fails

    monkeypatch.setattr(env.storage, "put", failing_put)
    body = (await upload(env, token, files["mp4"])).json()
    assert body["data"]["uploadVideo"]["errors"][0]["code"] == "STORAGE_UNAVAILABLE"
    assert await env.objects() == [] and await Video.all().count() == 0
    monkeypatch.setattr(env.storage, "put", original)
    retry = (await upload(env, token, files["mp4"])).json()
    assert retry["data"]["uploadVideo"]["video"]["id"]


async def test_nothing_is_stored_before_probing_passes(env, files, monkeypatch):
    token = await account(env)
    original = env.storage.put
    calls = []

    async def recording_put(key, fileobj, **kwargs):
        calls.append(key)
        await original(key, fileobj, **kwargs)

    monkeypatch.setattr(env.storage, "put", recording_put)
    body = (await upload(env, token, files["truncated"])).json()
    assert body["data"]["uploadVideo"]["errors"][0]["code"] == "CORRUPT_MEDIA"
    assert calls == []  # the store never saw a byte of it
    body = (await upload(env, token, files["mp4"])).json()
    assert body["data"]["uploadVideo"]["video"]["id"]
    assert len(calls) == 1


async def test_hashing_failure_removes_the_stored_object(env, files, monkeypatch):
    """The hash runs beside the put; if it fails, the object the put stored goes too."""
    from vector_gql.services.media import writes as videos_module

    token = await account(env)
    original = env.storage.put
    stored = asyncio.Event()

    async def put_then_signal(key, fileobj, **kwargs):
        await original(key, fileobj, **kwargs)
        stored.set()

    def failing_hash(path):
        # Fail only once the object exists, so the delete has something to remove.
        asyncio.run_coroutine_threadsafe(stored.wait(), loop).result(timeout=30)
        raise OSError("the spool file could not be read")

    loop = asyncio.get_running_loop()
    monkeypatch.setattr(env.storage, "put", put_then_signal)
    monkeypatch.setattr(videos_module, "_sha256_of", failing_hash)
    body = (await upload(env, token, files["mp4"])).json()
    assert body["errors"][0]["message"] == "Unexpected error."
    assert stored.is_set()
    assert await env.objects() == [] and await Video.all().count() == 0


async def test_database_failure_removes_the_stored_object(env, files, monkeypatch):
    token = await account(env)

    async def failing_create(*args, **kwargs):
        raise ConnectionError("database went away")

    monkeypatch.setattr(Video, "create", failing_create)
    body = (await upload(env, token, files["mp4"])).json()
    assert body["errors"][0]["extensions"]["code"] == "DATABASE_UNAVAILABLE"
    assert await env.objects() == []


async def test_only_members_of_the_organization_see_a_video(env, files):
    ann = await account(env, "ann")
    bob = await account(env, "bob")  # another organization
    video = (await upload(env, ann, files["mp4"])).json()["data"]["uploadVideo"]["video"]
    query = "query($id: ID!) { node(id: $id) { ... on Video { title url organization { name } } } }"
    assert (await gql(env, query, {"id": video["id"]}, bob))["data"]["node"] is None
    assert (await gql(env, query, {"id": video["id"]}))["data"]["node"] is None
    own = (await gql(env, query, {"id": video["id"]}, ann))["data"]["node"]
    assert own["title"] == "Answer 1" and own["url"]
    assert own["organization"]["name"] == video["organization"]["name"]


async def test_evaluators_see_videos_but_cannot_upload(env, files):
    from tests.fixtures.graphql import GraphQLClient
    from tests.fixtures.teams import member

    ann = await account(env, "ann")
    video = (await upload(env, ann, files["mp4"])).json()["data"]["uploadVideo"]["video"]
    org_id = video["organization"]["id"]
    eve = (await member(GraphQLClient(env.http), ann, org_id, "eve", "EVALUATOR"))["accessToken"]
    query = "query($id: ID!) { node(id: $id) { ... on Video { title url } } }"
    seen = (await gql(env, query, {"id": video["id"]}, eve))["data"]["node"]
    assert seen["title"] == "Answer 1"
    refused = (await upload(env, eve, files["mp4"])).json()
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    named = await upload_to(env, eve, files["mp4"], org_id)
    assert named["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    bob = await account(env, "bob")
    foreign = await upload_to(env, bob, files["mp4"], org_id)
    error = foreign["data"]["uploadVideo"]["errors"][0]
    assert error["field"] == ["organizationId"] and error["code"] == "NOT_FOUND"
    assert len(await env.objects()) == 1


async def test_signed_links_cannot_be_altered(env, files):
    token = await account(env)
    video = (await upload(env, token, files["mp4"])).json()["data"]["uploadVideo"]["video"]
    tampered = video["url"].replace("videos%2F", "videos%2Fx").replace("videos/", "videos/x")
    assert (await env.fetch(tampered)).status_code in (403, 404)
    if env.backend == "disk":
        unsigned = video["url"].split("?")[0]
        assert (await env.fetch(unsigned)).status_code == 403


# --- direct, resumable uploads ------------------------------------------------------------


async def start(env: Env, token: str, path: Path) -> dict:
    body = await gql(
        env,
        START,
        {
            "input": {
                "title": "Big answer",
                "filename": path.name,
                "sizeBytes": path.stat().st_size,
                "contentType": "video/mp4",
            }
        },
        token,
    )
    result = body["data"]["startVideoUpload"]
    assert result["errors"] == [], result
    return result["upload"]


async def put_part(env: Env, upload: dict, path: Path, number: int) -> str:
    part = upload["parts"][number - 1]
    with open(path, "rb") as handle:
        handle.seek((number - 1) * upload["partSizeBytes"])
        data = handle.read(part["sizeBytes"])
    response = await env.fetch(part["url"], method="PUT", content=data)
    assert response.status_code == 200, response.text
    return response.headers["etag"]


async def test_direct_upload_resumes_part_by_part(env, files):
    token = await account(env)
    path = files["big_mp4"]
    upload = await start(env, token, path)
    assert upload["partCount"] == 2 and upload["status"] == "PENDING"
    etag2 = await put_part(env, upload, path, 2)
    # The connection drops; the client asks which parts arrived.
    state = (await gql(env, STATE, {"id": upload["id"]}, token))["data"]["videoUpload"]
    assert [p["uploaded"] for p in state["parts"]] == [False, True]
    etag1 = await put_part(
        env, state | {"partSizeBytes": upload["partSizeBytes"], "parts": upload["parts"]}, path, 1
    )
    body = await gql(
        env,
        COMPLETE,
        {
            "input": {
                "uploadId": upload["id"],
                "parts": [{"partNumber": 1, "etag": etag1}, {"partNumber": 2, "etag": etag2}],
            }
        },
        token,
    )
    result = body["data"]["completeVideoUpload"]
    assert result["errors"] == [], result
    assert result["upload"]["status"] == "COMPLETED"
    assert abs(result["video"]["durationSeconds"] - 2.0) <= 0.1
    assert result["video"]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert len(await env.objects()) == 1


async def test_direct_upload_of_a_non_video_is_deleted(env, files):
    token = await account(env)
    path = files["big_random"]
    upload = await start(env, token, path)
    etags = [await put_part(env, upload, path, n) for n in (1, 2)]
    body = await gql(
        env,
        COMPLETE,
        {
            "input": {
                "uploadId": upload["id"],
                "parts": [{"partNumber": n, "etag": e} for n, e in zip((1, 2), etags, strict=True)],
            }
        },
        token,
    )
    result = body["data"]["completeVideoUpload"]
    assert result["video"] is None
    assert result["errors"][0]["code"] == "UNSUPPORTED_MEDIA"
    assert await env.objects() == []
    assert await Video.all().count() == 0
    state = (await gql(env, STATE, {"id": upload["id"]}, token))["data"]["videoUpload"]
    assert state["status"] == "FAILED"


async def test_completing_with_a_missing_part_says_what_to_do(env, files):
    token = await account(env)
    path = files["big_mp4"]
    upload = await start(env, token, path)
    etag = await put_part(env, upload, path, 1)
    body = await gql(
        env,
        COMPLETE,
        {
            "input": {
                "uploadId": upload["id"],
                "parts": [{"partNumber": 1, "etag": etag}, {"partNumber": 2, "etag": '"00"'}],
            }
        },
        token,
    )
    error = body["data"]["completeVideoUpload"]["errors"][0]
    assert error["code"] == "UPLOAD_INCOMPLETE" and "videoUpload" in error["message"]
    assert await env.objects() == []


async def test_abort_removes_parts_and_closes_the_upload(env, files):
    token = await account(env)
    path = files["big_mp4"]
    upload = await start(env, token, path)
    await put_part(env, upload, path, 1)
    body = await gql(env, ABORT, {"input": {"uploadId": upload["id"]}}, token)
    assert body["data"]["abortVideoUpload"]["upload"]["status"] == "ABORTED"
    again = await gql(env, COMPLETE, {"input": {"uploadId": upload["id"], "parts": []}}, token)
    assert again["data"]["completeVideoUpload"]["errors"][0]["code"] == "UPLOAD_CLOSED"
    pending = await env.storage.list_multipart_uploads()
    assert all(p.key != f"videos/{upload['id']}" for p in pending)
    assert await env.objects() == []


async def test_start_validates_its_input(env):
    token = await account(env)
    body = await gql(
        env,
        START,
        {"input": {"title": "", "filename": "", "sizeBytes": MAX_BYTES + 1}},
        token,
    )
    result = body["data"]["startVideoUpload"]
    assert result["upload"] is None
    assert {(e["code"], tuple(e["field"])) for e in result["errors"]} == {
        ("REQUIRED", ("title",)),
        ("INVALID", ("filename",)),
        ("TOO_LARGE", ("sizeBytes",)),
    }


async def test_uploads_are_private_to_their_owner(env, files):
    ann = await account(env, "ann")
    bob = await account(env, "bob")
    upload = await start(env, ann, files["big_mp4"])
    assert (await gql(env, STATE, {"id": upload["id"]}, bob))["data"]["videoUpload"] is None
    body = await gql(env, ABORT, {"input": {"uploadId": upload["id"]}}, bob)
    assert body["data"]["abortVideoUpload"]["errors"][0]["code"] == "NOT_FOUND"
    anonymous = await gql(env, STATE, {"id": upload["id"]})
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    wrong_type = await gql(env, ABORT, {"input": {"uploadId": "VXNlcjox"}}, ann)
    assert wrong_type["data"]["abortVideoUpload"]["errors"][0]["code"] == "INVALID"


async def test_abandoned_uploads_are_cleaned_up(env, files):
    token = await account(env)
    path = files["big_mp4"]
    upload = await start(env, token, path)
    await put_part(env, upload, path, 1)
    videos = env.app.state.services.videos
    assert await videos.cleanup_abandoned() == 0  # still fresh
    later = datetime.now(UTC) + timedelta(seconds=env.app.state.settings.abandoned_upload_seconds)
    assert await videos.cleanup_abandoned(now=later + timedelta(seconds=1)) >= 1
    row = await VideoUpload.get()
    assert row.status == "ABORTED" and row.failure_code == "ABANDONED"
    body = await gql(
        env,
        "query($id: ID!) { videoUpload(id: $id) { status failureCode } }",
        {"id": upload["id"]},
        token,
    )
    assert body["data"]["videoUpload"] == {"status": "ABORTED", "failureCode": "ABANDONED"}


# --- the original app's upload path ---------------------------------------------------------


async def test_original_upload_path_answers_in_its_shape(env, files):
    token = await account(env)
    with open(files["mp4"], "rb") as handle:
        response = await env.http.post(
            "/api/interviews/upload-video",
            data={"video_title": "Intro"},
            files={"video_file": ("intro.mp4", handle, "video/mp4")},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert response.status_code == 201, response.text
    body = response.json()
    assert set(body) == {"id", "video_title", "video_file", "video_url", "duration", "uploaded_at"}
    assert body["video_title"] == "Intro" and abs(body["duration"] - 2.0) <= 0.1
    assert (await env.fetch(body["video_url"])).content == files["mp4"].read_bytes()


async def test_original_upload_path_refuses_bad_files_and_strangers(env, files):
    with open(files["text"], "rb") as handle:
        anonymous = await env.http.post(
            "/api/interviews/upload-video",
            data={"video_title": "x"},
            files={"video_file": ("x.mp4", handle, "video/mp4")},
        )
    assert anonymous.status_code == 401
    token = await account(env)
    with open(files["text"], "rb") as handle:
        bad = await env.http.post(
            "/api/interviews/upload-video",
            data={"video_title": "x"},
            files={"video_file": ("x.mp4", handle, "video/mp4")},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert bad.status_code == 400
    assert "video_file" in bad.json()
    assert await env.objects() == []


def test_fixture_files_exist(files):
    assert all(os.path.exists(p) for p in files.values())


async def test_completing_twice_at_once_keeps_one_video_and_its_file(env, files):
    """A client that retries after a timeout must not lose the video it made."""
    token = await account(env)
    path = files["big_mp4"]
    upload = await start(env, token, path)
    etags = [await put_part(env, upload, path, n) for n in (1, 2)]
    variables = {
        "input": {
            "uploadId": upload["id"],
            "parts": [{"partNumber": n, "etag": e} for n, e in zip((1, 2), etags, strict=True)],
        }
    }
    results = await asyncio.gather(*(gql(env, COMPLETE, variables, token) for _ in range(3)))
    payloads = [r["data"]["completeVideoUpload"] for r in results]
    assert all("errors" not in r for r in results)
    videos = {p["video"]["id"] for p in payloads if p["video"]}
    assert len(videos) == 1
    assert all(p["errors"] == [] or p["errors"][0]["code"] == "UPLOAD_BUSY" for p in payloads)
    assert await Video.all().count() == 1
    assert len(await env.objects()) == 1
    again = await gql(env, COMPLETE, variables, token)
    assert again["data"]["completeVideoUpload"]["video"]["id"] in videos


async def test_a_part_url_takes_no_more_than_its_part(env, files):
    token = await account(env)
    path = files["big_mp4"]
    upload = await start(env, token, path)
    last = upload["parts"][-1]
    oversized = await env.fetch(last["url"], method="PUT", content=b"\0" * (last["sizeBytes"] + 1))
    assert oversized.status_code in (400, 403, 413)
    state = (await gql(env, STATE, {"id": upload["id"]}, token))["data"]["videoUpload"]
    assert state["parts"][-1]["uploaded"] is False


async def test_a_refused_completion_removes_its_parts(env, files):
    token = await account(env)
    path = files["big_random"]
    upload = await start(env, token, path)
    etags = [await put_part(env, upload, path, n) for n in (1, 2)]
    await gql(
        env,
        COMPLETE,
        {
            "input": {
                "uploadId": upload["id"],
                "parts": [{"partNumber": n, "etag": e} for n, e in zip((1, 2), etags, strict=True)],
            }
        },
        token,
    )
    row = await VideoUpload.get()
    assert row.status == "FAILED"
    pending = await env.storage.list_multipart_uploads()
    assert all(p.upload_id != row.storage_upload_id for p in pending)


async def test_original_upload_path_refuses_evaluators_with_403(env, files):
    from tests.fixtures.graphql import GraphQLClient
    from tests.fixtures.teams import member, own_org

    owner = await account(env, "ann")
    org = await own_org(GraphQLClient(env.http), owner)
    eve = (await member(GraphQLClient(env.http), owner, org, "eve", "EVALUATOR"))["accessToken"]
    with open(files["mp4"], "rb") as handle:
        response = await env.http.post(
            "/api/interviews/upload-video",
            data={"video_title": "x"},
            files={"video_file": ("x.mp4", handle, "video/mp4")},
            headers={"Authorization": f"Bearer {eve}"},
        )
    assert response.status_code == 403
    assert await env.objects() == []


async def test_large_multipart_bodies_only_where_files_are_taken(env):
    body = (
        b'--x\r\nContent-Disposition: form-data; name="username"\r\n\r\n'
        + b"a" * (2 * MiB)
        + b"\r\n--x--\r\n"
    )
    response = await env.http.post(
        "/api/vector-interview/login/",
        content=body,
        headers={"Content-Type": "multipart/form-data; boundary=x"},
    )
    assert response.status_code == 413
