"""Posters: every stored video gets a still, made by the job queue's worker, on disk and S3.

The worker here is the real procrastinate worker (``run_until_idle``), and the
frame is decoded in the real decoder processes.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import cv2
import httpx
import numpy as np
import pytest

from tests.fixtures import media as mf
from tests.fixtures.graphql import GraphQLClient, signup
from tests.fixtures.jobs import job_rows, make_due
from vector_gql.app import create_app
from vector_gql.models.interviews import Interview
from vector_gql.models.media import PendingObject, Video
from vector_gql.models.organizations import Membership, Organization
from vector_gql.models.review import Report, ReportKind, ReportStatus
from vector_gql.services.media.posters import POSTER_MAX_WIDTH, POSTER_RETRY, poster_key_for
from vector_gql.storage import StorageError
from vector_gql.storage.disk import DiskStorage

MiB = 1024 * 1024

UPLOAD = """
mutation Upload($input: UploadVideoInput!) {
  uploadVideo(input: $input) {
    video { id width height posterUrl url organization { id } }
    errors { code message }
  }
}
"""
VIDEO = "query($id: ID!) { node(id: $id) { ... on Video { id width height posterUrl url } } }"
START = """
mutation Start($input: StartVideoUploadInput!) {
  startVideoUpload(input: $input) {
    upload { id parts { partNumber url } }
    errors { code }
  }
}
"""
COMPLETE = """
mutation Complete($input: CompleteVideoUploadInput!) {
  completeVideoUpload(input: $input) { video { id posterUrl } errors { code } }
}
"""


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("poster_media")
    return {
        "mp4": mf.make_video(d / "clip.mp4", seconds=2, size=(160, 120)),
        "wide": mf.make_video(d / "wide.mp4", seconds=2, size=(1280, 720), fps=10),
        "rotated": mf.make_video(d / "phone.mov", seconds=2, fmt="mov", rotate=90),
        "webm": mf.make_video(d / "recording.webm", seconds=2, fmt="webm", no_duration_header=True),
    }


@dataclass
class Env:
    backend: str
    app: Any
    http: httpx.AsyncClient
    storage: Any

    @property
    def services(self) -> Any:
        return self.app.state.services

    async def gql(self, query: str, variables: dict, token: str | None = None) -> dict:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )
        assert response.status_code == 200, response.text
        return response.json()

    async def fetch(self, url: str, **kwargs: Any) -> httpx.Response:
        if url.startswith("http://testserver"):
            return await self.http.request(kwargs.pop("method", "GET"), url, **kwargs)
        async with httpx.AsyncClient(timeout=60) as outside:
            return await outside.request(kwargs.pop("method", "GET"), url, **kwargs)

    async def account(self, name: str) -> str:
        return (await signup(GraphQLClient(self.http), name))["accessToken"]

    async def upload(self, token: str, path: Path, title: str = "Answer") -> dict:
        operations = {"query": UPLOAD, "variables": {"input": {"title": title, "file": None}}}
        with open(path, "rb") as handle:
            response = await self.http.post(
                "/graphql",
                data={
                    "operations": json.dumps(operations),
                    "map": json.dumps({"0": ["variables.input.file"]}),
                },
                files={"0": (path.name, handle, "application/octet-stream")},
                headers={"Apollo-Require-Preflight": "true", "Authorization": f"Bearer {token}"},
            )
        result = response.json()["data"]["uploadVideo"]
        assert result["errors"] == [], result
        return result["video"]

    async def video(self, token: str | None, video_id: str) -> dict | None:
        body = await self.gql(VIDEO, {"id": video_id}, token)
        assert "errors" not in body, body
        return body["data"]["node"]

    async def stored(self, key: str) -> bool:
        return await self.storage.exists(key)


async def _env(backend: str, settings, tmp_path, s3_storage, clock) -> AsyncIterator[Env]:
    video_settings = replace(
        settings, data_dir=tmp_path, max_video_seconds=5.0, max_upload_bytes=12 * MiB
    )
    if backend == "s3":
        app = create_app(video_settings, manage_database=False, storage=s3_storage, clock=clock)
        storage = s3_storage
    else:
        app = create_app(video_settings, manage_database=False, clock=clock)
        storage = app.state.services.storage
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50001))
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", timeout=60
    ) as http:
        env = Env(backend, app, http, storage)
        try:
            yield env
        finally:
            services = app.state.services
            await services.jobs.close()
            for key in await Video.all().values_list("storage_key", "poster_key"):
                for one in key:
                    if one is not None:
                        await storage.delete(one)
            if backend == "disk":
                await services.close()
            else:
                services.accounts.close()
                services.videos.close()


@pytest.fixture(params=["disk", "s3"])
async def env(request, settings, database, tmp_path, s3_storage, clock) -> AsyncIterator[Env]:
    async for made in _env(request.param, settings, tmp_path, s3_storage, clock):
        yield made


@pytest.fixture
async def disk_env(settings, database, tmp_path, clock) -> AsyncIterator[Env]:
    async for made in _env("disk", settings, tmp_path, None, clock):
        yield made


def jpeg_size(data: bytes) -> tuple[int, int]:
    """The (width, height) of a JPEG, decoded; fails for anything that is not one."""
    assert data[:3] == b"\xff\xd8\xff", "not a JPEG"
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    assert image is not None, "the JPEG does not decode"
    return int(image.shape[1]), int(image.shape[0])


@pytest.mark.parametrize(
    ("kind", "size"),
    [("mp4", (160, 120)), ("wide", (640, 360)), ("rotated", (120, 160)), ("webm", (160, 120))],
)
async def test_a_stored_video_gets_a_poster_of_its_shape(env, files, kind, size):
    token = await env.account("ann")
    uploaded = await env.upload(token, files[kind])
    # The request returned before any poster was made: the job queue makes it.
    assert uploaded["posterUrl"] is None
    [job] = await job_rows("media.poster")
    assert job["status"] == "todo"
    await env.services.jobs.run_until_idle()
    assert await job_rows("media.poster") == []  # done, and removed from the queue

    video = await env.video(token, uploaded["id"])
    assert video is not None and video["posterUrl"]
    response = await env.fetch(video["posterUrl"])
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("image/jpeg")
    width, height = jpeg_size(response.content)
    assert (width, height) == size
    assert width <= POSTER_MAX_WIDTH
    # The same shape as the video, as shown (rotation applied).
    assert abs(width / height - video["width"] / video["height"]) < 0.02
    row = await Video.get(storage_key__isnull=False)
    assert row.poster_key == poster_key_for(row.storage_key)
    assert await env.stored(row.poster_key)
    assert await PendingObject.all().count() == 0


async def test_every_path_that_stores_a_video_asks_for_its_poster(disk_env, files):
    env = disk_env
    token = await env.account("ann")
    # The multipart GraphQL upload.
    first = await env.upload(token, files["mp4"], "Multipart")
    # The direct, resumable upload.
    path = files["mp4"]
    started = await env.gql(
        START,
        {
            "input": {
                "title": "Direct",
                "filename": path.name,
                "sizeBytes": path.stat().st_size,
                "contentType": "video/mp4",
            }
        },
        token,
    )
    upload = started["data"]["startVideoUpload"]["upload"]
    put = await env.fetch(upload["parts"][0]["url"], method="PUT", content=path.read_bytes())
    assert put.status_code == 200, put.text
    completed = await env.gql(
        COMPLETE,
        {
            "input": {
                "uploadId": upload["id"],
                "parts": [{"partNumber": 1, "etag": put.headers["etag"]}],
            }
        },
        token,
    )
    second = completed["data"]["completeVideoUpload"]
    assert second["errors"] == [], second
    assert second["video"]["posterUrl"] is None
    # The original app's REST path.
    with open(path, "rb") as handle:
        legacy = await env.http.post(
            "/api/interviews/upload-video",
            data={"video_title": "Legacy"},
            files={"video_file": ("intro.mp4", handle, "video/mp4")},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert legacy.status_code == 201, legacy.text

    rows = await Video.all().order_by("id").values_list("id", flat=True)
    assert len(rows) == 3
    jobs = await job_rows("media.poster")
    assert sorted(json.loads(job["args"])["video_id"] for job in jobs) == rows
    await env.services.jobs.run_until_idle()
    for video_id in (first["id"], second["video"]["id"]):
        video = await env.video(token, video_id)
        assert video is not None and video["posterUrl"]
    assert await Video.filter(poster_key__isnull=True).count() == 0


async def test_no_poster_for_those_who_cannot_see_the_video(disk_env, files):
    env = disk_env
    ann = await env.account("ann")
    bob = await env.account("bob")  # another organization
    uploaded = await env.upload(ann, files["mp4"])
    await env.services.jobs.run_until_idle()
    assert (await env.video(ann, uploaded["id"]))["posterUrl"]
    assert await env.video(bob, uploaded["id"]) is None
    assert await env.video(None, uploaded["id"]) is None
    nodes = await env.gql(
        "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Video { posterUrl } } }",
        {"ids": [uploaded["id"]]},
        bob,
    )
    assert nodes["data"]["nodes"] == [None]


async def test_a_poster_link_is_signed(disk_env, files):
    env = disk_env
    token = await env.account("ann")
    uploaded = await env.upload(token, files["mp4"])
    await env.services.jobs.run_until_idle()
    url = (await env.video(token, uploaded["id"]))["posterUrl"]
    assert (await env.fetch(url.split("?")[0])).status_code == 403
    assert (await env.fetch(url.replace("posters/", "videos/"))).status_code in (403, 404)


async def test_an_undecodable_video_keeps_a_null_poster_and_is_retried(disk_env, files, caplog):
    env = disk_env
    token = await env.account("ann")
    uploaded = await env.upload(token, files["mp4"])
    row = await Video.get()
    # The stored bytes stop being a video (storage damaged them, say).
    path = env.storage.path_for(row.storage_key)
    path.write_bytes(b"\0" * path.stat().st_size)
    caplog.set_level(logging.WARNING)
    attempts = (POSTER_RETRY.max_attempts or 0) + 1
    for attempt in range(1, attempts + 1):
        await env.services.jobs.run_until_idle()
        [job] = await job_rows("media.poster")
        assert job["attempts"] == attempt
        if attempt < attempts:
            assert job["status"] == "todo"  # waiting for its retry
            assert await make_due() == 1
    assert job["status"] == "failed"
    assert "failed for good" in caplog.text and "cannot be opened" in caplog.text
    video = await env.video(token, uploaded["id"])
    assert video is not None and video["posterUrl"] is None and video["url"]
    assert await Video.filter(poster_key__isnull=False).count() == 0
    assert not await env.stored(poster_key_for(row.storage_key))
    assert await PendingObject.all().count() == 0


async def test_a_video_deleted_while_its_poster_is_made_leaves_no_poster(
    disk_env, files, monkeypatch
):
    env = disk_env
    token = await env.account("ann")
    await env.upload(token, files["mp4"])
    row = await Video.get()
    storage = env.storage
    put = storage.put

    async def put_then_delete_the_video(key, fileobj, **kwargs):
        await put(key, fileobj, **kwargs)
        if key.startswith("posters/"):
            await Video.filter(id=row.id).delete()

    monkeypatch.setattr(storage, "put", put_then_delete_the_video)
    await env.services.jobs.run_until_idle()
    assert await job_rows("media.poster") == []
    assert not await env.stored(poster_key_for(row.storage_key))
    assert await PendingObject.all().count() == 0


async def test_deleting_videos_removes_their_files_and_posters(disk_env, files):
    """What a deletion calls: release_objects in its transaction, delete_released after."""
    env = disk_env
    videos = env.services.videos
    token = await env.account("ann")
    await env.upload(token, files["mp4"], "With poster")
    await env.services.jobs.run_until_idle()
    await env.upload(token, files["mp4"], "Poster not made yet")
    rows = await Video.all().order_by("id")
    assert rows[0].poster_key is not None and rows[1].poster_key is None
    keys_before = [rows[0].storage_key, rows[0].poster_key, rows[1].storage_key]
    assert all([await env.stored(key) for key in keys_before])

    async with env.services.events.unit():
        released = await videos.release_objects([row.id for row in rows])
        await Video.filter(id__in=[row.id for row in rows]).delete()
    # Until they are deleted, the clean-up knows about every object.
    pending = set(await PendingObject.all().values_list("key", flat=True))
    assert set(keys_before) <= pending
    await videos.delete_released(released)
    assert [await env.stored(key) for key in keys_before] == [False, False, False]
    assert await PendingObject.all().count() == 0
    # The second video's poster job finds nothing to do, and stores nothing.
    await env.services.jobs.run_until_idle()
    assert await job_rows("media.poster") == []
    assert not await env.stored(poster_key_for(rows[1].storage_key))
    assert isinstance(env.storage, DiskStorage)
    assert list(env.storage.root.rglob("*.jpg")) == []


async def test_a_poster_left_behind_by_a_dead_job_is_cleaned_up(disk_env, files, clock):
    """A poster stored by a process that died before recording it is deleted by the clean-up;
    a recorded poster is kept."""
    env = disk_env
    token = await env.account("ann")
    await env.upload(token, files["mp4"])
    await env.services.jobs.run_until_idle()
    kept = await Video.get()
    orphan = "posters/0123456789abcdef.jpg"
    await env.storage.put(orphan, _bytes(b"jpeg"), content_type="image/jpeg", size=4)
    await PendingObject.create(key=orphan, created_at=clock.now())
    await PendingObject.create(key=kept.poster_key, created_at=clock.now())
    clock.advance(seconds=env.services.settings.abandoned_upload_seconds + 60)
    await env.services.videos.cleanup_abandoned()
    assert not await env.stored(orphan)
    assert await env.stored(kept.poster_key)
    assert await PendingObject.all().count() == 0


def _bytes(data: bytes) -> Any:
    import io

    return io.BytesIO(data)


def test_the_poster_key_follows_the_video_key():
    assert poster_key_for("videos/abc123") == "posters/abc123.jpg"


async def test_deleting_an_organization_hands_its_objects_to_the_clean_up(
    disk_env, files, clock, monkeypatch
):
    """However the organization's row is deleted (there is no API for it), its videos',
    posters' and reports' objects are named for the clean-up in that transaction; the
    clean-up deletes them, and keeps the record of any that storage fails to delete."""
    env = disk_env
    token = await env.account("ann")
    await env.upload(token, files["mp4"], "With poster")
    await env.services.jobs.run_until_idle()
    await env.upload(token, files["mp4"], "Poster not made yet")
    await env.upload(await env.account("bob"), files["mp4"], "Another organization's")
    await env.services.jobs.run_until_idle()
    first, second, other = await Video.all().order_by("id")
    assert first.poster_key is not None and other.poster_key is not None
    org_id = first.organization_id
    # The second video's poster as a job that died before recording it left it.
    late_poster = poster_key_for(second.storage_key)
    await Video.filter(id=second.id).update(poster_key=None)
    await env.storage.put(late_poster, _bytes(b"jpeg"), content_type="image/jpeg", size=4)
    member = await Membership.get(organization_id=org_id)
    interview = await Interview.create(organization_id=org_id, creator_id=member.user_id, title="T")
    report_key = "reports/interview.csv"
    await env.storage.put(report_key, _bytes(b"a,b"), content_type="text/csv", size=3)
    await Report.create(
        organization_id=org_id,
        interview_id=interview.id,
        requested_by_id=member.user_id,
        kind=ReportKind.INTERVIEW_CSV,
        status=ReportStatus.READY,
        show_identities=True,
        storage_key=report_key,
        content_type="text/csv",
        filename="interview.csv",
        created_at=clock.now(),
    )
    gone = [first.storage_key, first.poster_key, second.storage_key, late_poster, report_key]

    async def pending_keys() -> set[str]:
        return {row.key for row in await PendingObject.all()}

    kept = [other.storage_key, other.poster_key]
    assert all([await env.stored(key) for key in gone + kept])

    await Organization.filter(id=org_id).delete()
    assert await Video.filter(organization_id=org_id).count() == 0
    assert await pending_keys() == set(gone)

    # Storage failing: nothing is lost, the records stay for the next run.
    delete = env.storage.delete

    async def failing_delete(key: str) -> None:
        raise StorageError("storage is down")

    monkeypatch.setattr(env.storage, "delete", failing_delete)
    clock.advance(seconds=env.services.settings.abandoned_upload_seconds + 60)
    await env.services.videos.cleanup_abandoned()
    assert all([await env.stored(key) for key in gone])
    assert await pending_keys() == set(gone)

    monkeypatch.setattr(env.storage, "delete", delete)
    await env.services.videos.cleanup_abandoned()
    assert [await env.stored(key) for key in gone] == [False] * len(gone)
    assert all([await env.stored(key) for key in kept])
    assert await PendingObject.all().count() == 0
