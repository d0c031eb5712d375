"""Two ``vector-gql serve`` processes on one PostgreSQL and one S3, as two hosts behind
a load balancer would run them: nothing one of them knows is missing in the other.

Each has its own data folder (hosts share no disk), both start at the same time
(one migrates, the other waits for it), and a client talks to either.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx
import pytest

from tests.fixtures import media as mf
from tests.fixtures.servers import ServeProcess
from tests.fixtures.storage import s3_for
from tests.media.test_videos import COMPLETE, START, pad_mp4
from vector_gql.embedded_db import EmbeddedPostgres

MiB = 1024 * 1024
SECRET = "two-process-secret-" + "y" * 32


@pytest.fixture(scope="module")
async def database_url() -> AsyncIterator[str]:
    """A fresh database on the test server, or an embedded PostgreSQL of this test."""
    server = os.environ.get("VECTOR_TEST_DATABASE_URL")
    if server:
        name = f"vector_two_{uuid.uuid4().hex[:10]}"
        admin = await asyncpg.connect(server.replace("postgres://", "postgresql://", 1))
        await admin.execute(f'CREATE DATABASE "{name}"')
        await admin.close()
        yield urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
        admin = await asyncpg.connect(server.replace("postgres://", "postgresql://", 1))
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
        return
    home = Path(tempfile.mkdtemp(prefix="vector-two-pg-"))
    home.chmod(0o755)
    pg = EmbeddedPostgres(home / "pgdata")
    credentials = (await asyncio.to_thread(pg.start))["credentials"]
    yield f"postgres://postgres@/{credentials['database']}?host={credentials['host']}"
    await asyncio.to_thread(pg.stop)
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="module")
async def hosts(database_url, seaweed) -> AsyncIterator[tuple[ServeProcess, ServeProcess]]:
    bucket = f"vector-two-{uuid.uuid4().hex[:10]}"
    storage = s3_for(seaweed, bucket)
    await storage.ensure_bucket()
    workdir = Path(tempfile.mkdtemp(prefix="vector-two-"))
    env = {
        "VECTOR_DATABASE_URL": database_url,
        "VECTOR_S3_BUCKET": bucket,
        "VECTOR_S3_ENDPOINT_URL": seaweed.endpoint_url,
        "VECTOR_S3_REGION": seaweed.region,
        "AWS_ACCESS_KEY_ID": seaweed.access_key,
        "AWS_SECRET_ACCESS_KEY": seaweed.secret_key,
        "VECTOR_JWT_SECRET": SECRET,
        "VECTOR_LOGIN_MAX_FAILURES": "3",
        "VECTOR_UPLOAD_PART_BYTES": str(5 * MiB),
    }

    def start(name: str) -> ServeProcess:
        folder = workdir / name
        folder.mkdir()
        return ServeProcess(folder, {**env, "VECTOR_DATA_DIR": str(folder / "var")})

    with ThreadPoolExecutor(2) as pool:
        started = [pool.submit(start, name) for name in ("a", "b")]
        first, second = (future.result() for future in started)
    try:
        yield first, second
    finally:
        first.stop()
        second.stop()
        shutil.rmtree(workdir, ignore_errors=True)
        await storage.close()


async def _gql(url: str, query: str, variables: dict | None = None, token: str = "") -> dict:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with httpx.AsyncClient(timeout=60) as client:
        response = await client.post(
            f"{url}/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
    assert response.status_code == 200, response.text
    return response.json()


SIGNUP = """mutation($u: String!, $e: String!) { signup(input: {username: $u, email: $e,
  password: "correct horse battery", password2: "correct horse battery"}) {
  accessToken refreshToken errors { code } } }"""
LOGIN = """mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) {
  accessToken refreshToken errors { code retryAfterSeconds } } }"""
REFRESH = """mutation($t: String!) { refreshToken(input: {refreshToken: $t}) {
  accessToken refreshToken errors { code } } }"""
LOGOUT = """mutation($t: String!) { logout(input: {refreshToken: $t}) { ok errors { code } } }"""
VIEWER = "query { viewer { username } }"
VIDEO = "query($id: ID!) { node(id: $id) { ... on Video { id title url sizeBytes } } }"


def _viewer_name(body: dict) -> str | None:
    if body.get("errors"):
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED", body
        return None
    viewer = body["data"]["viewer"]
    return viewer["username"] if viewer else None


async def test_tokens_logout_and_reuse_detection_work_across_processes(hosts):
    a, b = hosts
    signed_up = (await _gql(a.url, SIGNUP, {"u": "ann", "e": "ann@example.com"}))["data"]["signup"]
    assert signed_up["errors"] == []
    login = (await _gql(b.url, LOGIN, {"u": "ann", "p": "correct horse battery"}))["data"]["login"]
    assert login["errors"] == []
    # A token from either works on the other.
    assert _viewer_name(await _gql(a.url, VIEWER, token=login["accessToken"])) == "ann"
    assert _viewer_name(await _gql(b.url, VIEWER, token=signed_up["accessToken"])) == "ann"

    # Refresh on one, then replay the used refresh token on the other: reuse detected,
    # and the whole login is revoked on both.
    rotated = (await _gql(a.url, REFRESH, {"t": login["refreshToken"]}))["data"]["refreshToken"]
    assert rotated["errors"] == []
    replayed = (await _gql(b.url, REFRESH, {"t": login["refreshToken"]}))["data"]["refreshToken"]
    assert [e["code"] for e in replayed["errors"]] == ["TOKEN_REUSED"]
    after = (await _gql(a.url, REFRESH, {"t": rotated["refreshToken"]}))["data"]["refreshToken"]
    assert after["accessToken"] is None and after["errors"]
    assert _viewer_name(await _gql(b.url, VIEWER, token=rotated["accessToken"])) is None

    # Logout on one ends the session on the other.
    assert _viewer_name(await _gql(b.url, VIEWER, token=signed_up["accessToken"])) == "ann"
    out = (await _gql(b.url, LOGOUT, {"t": signed_up["refreshToken"]}))["data"]["logout"]
    assert out["ok"] is True
    assert _viewer_name(await _gql(a.url, VIEWER, token=signed_up["accessToken"])) is None
    gone = (await _gql(a.url, REFRESH, {"t": signed_up["refreshToken"]}))["data"]["refreshToken"]
    assert gone["accessToken"] is None


async def test_an_upload_started_on_one_process_completes_on_the_other(hosts, tmp_path):
    a, b = hosts
    token = (await _gql(a.url, SIGNUP, {"u": "cat", "e": "cat@example.com"}))["data"]["signup"][
        "accessToken"
    ]
    clip = mf.make_video(tmp_path / "clip.mp4", seconds=2, size=(160, 120))
    big = pad_mp4(clip, tmp_path / "big.mp4", 7 * MiB)
    data = big.read_bytes()
    variables = {
        "input": {
            "title": "Across",
            "filename": big.name,
            "sizeBytes": len(data),
            "contentType": "video/mp4",
        }
    }
    started = (await _gql(a.url, START, variables, token))["data"]["startVideoUpload"]
    assert started["errors"] == []
    upload = started["upload"]
    parts = []
    async with httpx.AsyncClient(timeout=60) as s3:
        for part in upload["parts"]:
            offset = (part["partNumber"] - 1) * upload["partSizeBytes"]
            sent = await s3.put(part["url"], content=data[offset : offset + part["sizeBytes"]])
            assert sent.status_code == 200, sent.text
            parts.append({"partNumber": part["partNumber"], "etag": sent.headers["etag"]})
    completed = (
        await _gql(b.url, COMPLETE, {"input": {"uploadId": upload["id"], "parts": parts}}, token)
    )["data"]["completeVideoUpload"]
    assert completed["errors"] == [], completed
    video_id = completed["video"]["id"]

    # Completing again on the first process gives the same video, not a second one.
    again = (
        await _gql(a.url, COMPLETE, {"input": {"uploadId": upload["id"], "parts": parts}}, token)
    )["data"]["completeVideoUpload"]
    assert again["video"]["id"] == video_id

    # The video and its signed link, read through the first process.
    video = (await _gql(a.url, VIDEO, {"id": video_id}, token))["data"]["node"]
    assert video["sizeBytes"] == len(data)
    async with httpx.AsyncClient(timeout=60) as s3:
        fetched = await s3.get(video["url"])
    assert fetched.status_code == 200 and fetched.content == data


# Last: its failures also count against the address every test here logs in from.
async def test_failed_logins_count_against_one_limit_across_processes(hosts):
    a, b = hosts
    await _gql(a.url, SIGNUP, {"u": "bob", "e": "bob@example.com"})
    codes = []
    for url in (a.url, b.url, a.url, b.url):
        result = (await _gql(url, LOGIN, {"u": "bob", "p": "wrong password!"}))["data"]["login"]
        codes.append(result["errors"][0]["code"])
    # Three failures allowed in all, wherever they landed; the fourth is refused.
    assert codes == ["INVALID_CREDENTIALS"] * 3 + ["RATE_LIMITED"]
    right = (await _gql(a.url, LOGIN, {"u": "bob", "p": "correct horse battery"}))["data"]["login"]
    assert right["errors"][0]["code"] == "RATE_LIMITED"
    assert right["errors"][0]["retryAfterSeconds"] > 0
