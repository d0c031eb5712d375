"""S3 stopped in the middle of an upload and of a direct-upload completion, and a
process killed while it completes an upload: the client gets STORAGE_UNAVAILABLE,
and once storage is back (and the clean-up has run) nothing is left in storage or
in the database that no video owns.

The S3 server is a SeaweedFS of this module's own, since it is killed and restarted.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fixtures import media as mf
from tests.fixtures.graphql import GraphQLClient, signup
from tests.fixtures.seaweed import SeaweedS3
from tests.fixtures.storage import s3_for
from tests.media.test_videos import COMPLETE, START, UPLOAD, pad_mp4
from vector_gql.app import create_app
from vector_gql.models.media import PendingObject, UploadStatus, Video, VideoUpload
from vector_gql.services.clock import ManualClock

MiB = 1024 * 1024


@pytest.fixture(scope="module")
def weed() -> Iterator[SeaweedS3]:
    server = SeaweedS3()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("fault_media")
    small = mf.make_video(folder / "clip.mp4", seconds=2, size=(160, 120))
    return {"small": small, "big": pad_mp4(small, folder / "big.mp4", 7 * MiB)}


class FaultyS3:
    """The real S3 storage, with a hook that runs just before one of its operations."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.before: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._inner, name)
        hook = self.before.get(name)
        if hook is None or not callable(attr):
            return attr
        if name in ("hashed_local_copy", "local_copy"):

            def wrapped_cm(*args: Any, **kwargs: Any) -> Any:
                self.before.pop(name)()
                return attr(*args, **kwargs)

            return wrapped_cm

        async def wrapped(*args: Any, **kwargs: Any) -> Any:
            self.before.pop(name)()
            return await attr(*args, **kwargs)

        return wrapped


class Env:
    def __init__(
        self,
        app: Any,
        http: httpx.AsyncClient,
        storage: FaultyS3,
        weed: SeaweedS3,
        clock: ManualClock,
    ) -> None:
        self.app, self.http, self.storage, self.weed, self.clock = app, http, storage, weed, clock
        self.videos = app.state.services.videos

    async def gql(self, query: str, variables: dict, token: str) -> dict:
        response = await self.http.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert response.status_code == 200, response.text
        return response.json()

    async def upload(self, token: str, path: Path) -> dict:
        operations = {"query": UPLOAD, "variables": {"input": {"title": "Clip", "file": None}}}
        with open(path, "rb") as handle:
            response = await self.http.post(
                "/graphql",
                data={
                    "operations": json.dumps(operations),
                    "map": json.dumps({"0": ["variables.input.file"]}),
                },
                files={"0": (path.name, handle, "video/mp4")},
                headers={"Authorization": f"Bearer {token}", "Apollo-Require-Preflight": "true"},
            )
        assert response.status_code == 200, response.text
        return response.json()["data"]["uploadVideo"]

    async def start_and_send_parts(self, token: str, path: Path) -> tuple[dict, list[dict]]:
        variables = {
            "input": {
                "title": "Big",
                "filename": path.name,
                "sizeBytes": path.stat().st_size,
                "contentType": "video/mp4",
            }
        }
        upload = (await self.gql(START, variables, token))["data"]["startVideoUpload"]["upload"]
        parts = []
        data = path.read_bytes()
        async with httpx.AsyncClient(timeout=60) as outside:
            for part in upload["parts"]:
                start = (part["partNumber"] - 1) * upload["partSizeBytes"]
                sent = await outside.put(
                    part["url"], content=data[start : start + part["sizeBytes"]]
                )
                assert sent.status_code == 200, sent.text
                parts.append({"partNumber": part["partNumber"], "etag": sent.headers["etag"]})
        return upload, parts

    async def complete(self, token: str, upload: dict, parts: list[dict]) -> dict:
        variables = {"input": {"uploadId": upload["id"], "parts": parts}}
        return (await self.gql(COMPLETE, variables, token))["data"]["completeVideoUpload"]

    def _listing(self) -> tuple[list[str], list[str]]:
        client = self.storage._inner.client
        bucket = self.storage._inner.bucket
        objects = [
            o["Key"]
            for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
            for o in page.get("Contents", [])
        ]
        listed = client.list_multipart_uploads(Bucket=bucket)
        uploads = [u["Key"] for u in listed.get("Uploads", [])]
        return objects, uploads

    async def leftovers(self) -> dict[str, Any]:
        """What storage and the database hold beyond the recorded videos."""
        objects, uploads = await asyncio.to_thread(self._listing)
        owned = set(await Video.all().values_list("storage_key", flat=True))
        return {
            "objects": sorted(set(objects) - owned),
            "multipart": uploads,
            "pending_rows": await PendingObject.all().count(),
        }

    async def clean_up_later(self) -> int:
        """The clean-up as it runs once everything unfinished counts as abandoned
        (only the clean-up looks ahead: the test's tokens stay valid)."""
        wait = timedelta(seconds=self.app.state.settings.abandoned_upload_seconds + 1)
        return await self.videos.cleanup_abandoned(now=self.clock.now() + wait)

    def stop_s3(self) -> None:
        self.weed.kill()

    async def start_s3(self) -> None:
        await asyncio.to_thread(self.weed.start_again)


@pytest.fixture
async def env(settings, database, tmp_path, weed, clock) -> AsyncIterator[Env]:
    storage = s3_for(weed, f"fault-{os.urandom(4).hex()}", connect_timeout=2, max_attempts=1)
    await storage.ensure_bucket()
    faulty = FaultyS3(storage)
    fault_settings = replace(
        settings, data_dir=tmp_path, max_upload_bytes=12 * MiB, upload_part_bytes=5 * MiB
    )
    app = create_app(fault_settings, manage_database=False, storage=faulty, clock=clock)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50002))
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", timeout=60
    ) as http:
        environment = Env(app, http, faulty, weed, clock)
        yield environment
        if weed.process is None:
            await environment.start_s3()
    await app.state.services.close()


async def _token(env: Env, name: str) -> str:
    return (await signup(GraphQLClient(env.http), name))["accessToken"]


async def test_s3_stopping_during_an_upload(env, clip):
    token = await _token(env, "sam")
    # The body has arrived and been probed; S3 dies as the file goes to it.
    env.storage.before["put"] = env.stop_s3
    result = await env.upload(token, clip["small"])
    assert result["video"] is None
    assert [e["code"] for e in result["errors"]] == ["STORAGE_UNAVAILABLE"]
    assert await Video.all().count() == 0

    await env.start_s3()
    await env.clean_up_later()
    assert await env.leftovers() == {"objects": [], "multipart": [], "pending_rows": 0}
    # Storage is back: the same upload now works, with no restart.
    again = await env.upload(token, clip["small"])
    assert again["errors"] == [] and again["video"]["id"]


async def test_s3_stopping_before_a_completion_keeps_the_upload_retryable(env, clip):
    token = await _token(env, "sue")
    upload, parts = await env.start_and_send_parts(token, clip["big"])
    env.stop_s3()
    result = await env.complete(token, upload, parts)
    assert [e["code"] for e in result["errors"]] == ["STORAGE_UNAVAILABLE"]
    assert (await VideoUpload.get()).status == UploadStatus.PENDING

    await env.start_s3()
    # The parts survived; completing again finishes the same upload.
    result = await env.complete(token, upload, parts)
    assert result["errors"] == [], result
    assert result["upload"]["status"] == "COMPLETED"
    await env.clean_up_later()
    assert await env.leftovers() == {"objects": [], "multipart": [], "pending_rows": 0}


async def test_s3_stopping_in_the_middle_of_a_completion(env, clip):
    token = await _token(env, "syd")
    upload, parts = await env.start_and_send_parts(token, clip["big"])
    # The parts are assembled into the object; S3 dies before it is read back.
    env.storage.before["hashed_local_copy"] = env.stop_s3
    result = await env.complete(token, upload, parts)
    assert result["video"] is None
    assert [e["code"] for e in result["errors"]] == ["STORAGE_UNAVAILABLE"]
    row = await VideoUpload.get()
    assert row.status == UploadStatus.FAILED and await Video.all().count() == 0

    await env.start_s3()
    # The assembled object could not be deleted while S3 was down; the clean-up does it.
    assert (await env.leftovers())["objects"] == [row.storage_key]
    assert await env.clean_up_later() >= 1
    assert await env.leftovers() == {"objects": [], "multipart": [], "pending_rows": 0}
    # And a new upload goes through.
    upload, parts = await env.start_and_send_parts(token, clip["big"])
    assert (await env.complete(token, upload, parts))["errors"] == []


# --- a process killed while it completes an upload ---------------------------------------

_HOLDER = r"""
import asyncio, json, os, sys
from dataclasses import replace
from pathlib import Path

from vector_gql import db
from vector_gql.config import Settings
from vector_gql.models.accounts import User
from vector_gql.services import Services
from vector_gql.services.accounts.rows import UserRow
from vector_gql.services.auth import Member
from vector_gql.services.media import VideoService
from vector_gql.storage.s3 import S3Storage

args = json.loads(sys.argv[1])


async def hold_forever(self, path):
    print("holding", flush=True)
    await asyncio.sleep(3600)


async def main():
    await db.init_orm(args["database"])
    storage = S3Storage(args["bucket"], endpoint_url=args["endpoint"], region="us-east-1",
                        access_key_id=args["key"], secret_access_key=args["secret"])
    settings = replace(Settings(), env="test", jwt_secret="x" * 40)
    services = Services.build(settings, storage)
    VideoService.probe = hold_forever  # the object is assembled and read back here
    user = await User.get(id=args["user"])
    member = Member(UserRow.of(user), __import__("uuid").uuid4())
    await services.videos.complete_upload(
        member, __import__("uuid").UUID(args["upload"]), [tuple(p) for p in args["parts"]]
    )


asyncio.run(main())
"""


async def test_a_process_killed_while_it_completes_an_upload_is_cleaned_up(env, clip, database):
    token = await _token(env, "kim")
    upload, parts = await env.start_and_send_parts(token, clip["big"])
    row = await VideoUpload.get()
    spool = Path(tempfile.mkdtemp(prefix="vector-fault-spool-"))
    inner = env.storage._inner
    args = {
        "database": database,
        "bucket": inner.bucket,
        "endpoint": env.weed.endpoint_url,
        "key": env.weed.access_key,
        "secret": env.weed.secret_key,
        "user": row.created_by_id,
        "upload": str(row.id),
        "parts": [[p["partNumber"], p["etag"]] for p in parts],
    }
    holder = subprocess.Popen(  # noqa: ASYNC220 - started once, read in a thread
        [sys.executable, "-c", _HOLDER, json.dumps(args)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(spool)},
    )
    assert holder.stdout is not None
    try:
        line = await asyncio.wait_for(asyncio.to_thread(holder.stdout.readline), 120)
        assert line.strip() == "holding", line
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    # What the killed process held: a claimed upload, an assembled object, a local copy.
    await row.refresh_from_db()
    assert row.status == UploadStatus.COMPLETING
    assert (await env.leftovers())["objects"] == [row.storage_key]
    assert list(spool.iterdir()) == [], "the local copy outlived its process"

    assert await env.videos.cleanup_abandoned() == 0, "fresh uploads are left alone"
    assert await env.clean_up_later() >= 1
    row = await VideoUpload.get(id=row.id)
    assert row.status == UploadStatus.FAILED and row.failure_code == "ABANDONED"
    assert await env.leftovers() == {"objects": [], "multipart": [], "pending_rows": 0}
    spool.rmdir()


async def test_an_upload_dropped_while_storage_fails_leaves_no_failure_unread(
    services, monkeypatch, tmp_path, loop_reports
):
    """A client that goes away while its file is being stored: the put goes on in the
    background, fails there, and the object is deleted once it has finished. Its failure
    reaches no one, as it should, but nothing may be left for the event loop to report
    ("Task exception was never retrieved" in the server's log)."""
    import gc

    from vector_gql.storage import StorageError

    started, release = asyncio.Event(), asyncio.Event()
    deleted: list[str] = []

    class Failing:
        async def put(self, key: str, fileobj: Any, *, content_type: str, size: int) -> None:
            started.set()
            await release.wait()
            raise StorageError("storage went away")

        async def delete(self, key: str) -> None:
            deleted.append(key)

    videos = services.videos
    monkeypatch.setattr(videos, "storage", Failing())
    path = tmp_path / "clip.mp4"
    path.write_bytes(b"not much of a video")
    with open(path, "rb") as handle:
        storing = asyncio.ensure_future(
            videos._put_and_hash("videos/dropped", handle, str(path), "video/mp4", 19)
        )
        await started.wait()
        storing.cancel()
        with pytest.raises(asyncio.CancelledError):
            await storing
    cleanups = list(videos.background)
    assert cleanups
    release.set()
    await asyncio.gather(*cleanups)
    del storing, cleanups
    gc.collect()
    assert deleted == ["videos/dropped"]
    assert [r["message"] for r in loop_reports] == []


async def test_a_dropped_upload_holds_its_slot_until_its_file_is_no_longer_stored(
    services, monkeypatch, tmp_path
):
    """The upload gate's slot (graphql/upload_gate.py) is released when the put and
    hash a dropped upload left running have ended, not when its request ends."""
    from vector_gql.graphql.http import release_when_done
    from vector_gql.services.media.writes import DROPPED_UPLOAD_WORK

    started, finish = asyncio.Event(), asyncio.Event()

    class Slow:
        async def put(self, key: str, fileobj: Any, *, content_type: str, size: int) -> None:
            started.set()
            await finish.wait()

        async def delete(self, key: str) -> None:
            pass

    videos = services.videos
    monkeypatch.setattr(videos, "storage", Slow())
    path = tmp_path / "clip.mp4"
    path.write_bytes(b"not much of a video")
    work: list[asyncio.Future[Any]] = []
    released: list[bool] = []

    async def request() -> None:
        DROPPED_UPLOAD_WORK.set(work)
        with open(path, "rb") as handle:
            await videos._put_and_hash("videos/dropped", handle, str(path), "video/mp4", 19)

    dropped = asyncio.ensure_future(request())
    await started.wait()
    dropped.cancel()
    with pytest.raises(asyncio.CancelledError):
        await dropped
    release_when_done(work, lambda: released.append(True))
    assert work and released == []  # still storing
    finish.set()
    await asyncio.gather(*work)
    assert released == [True]
