"""Test harness: a real PostgreSQL, the app over HTTP, helpers for GraphQL calls.

The database is ``VECTOR_TEST_DATABASE_URL`` when set (a fresh database is
created on that server for the run and dropped after it), else the embedded
PostgreSQL in a temporary directory. The schema comes from the migrations, so
every run also proves that they apply.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx
import pytest
from seaweed import SeaweedS3
from tortoise import Tortoise, connections

from vector_gql import db
from vector_gql.app import create_app
from vector_gql.config import Settings
from vector_gql.graphql import execution
from vector_gql.storage.s3 import S3Storage

TEST_SECRET = "test-secret-" + "x" * 40


def make_settings(tmp: Path, **overrides: Any) -> Settings:
    base = Settings(
        env="test",
        data_dir=tmp,
        jwt_secret=TEST_SECRET,
        bcrypt_rounds=4,
        public_url="http://testserver",
        # Every operation also runs on graphql-core's executor, and must answer the same.
        execution_check=True,
    )
    return replace(base, **overrides)


@pytest.fixture(scope="session")
def data_dir() -> Any:
    path = Path(tempfile.mkdtemp(prefix="vector-test-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
async def database(data_dir: Path) -> AsyncIterator[str | dict[str, Any]]:
    server_url = os.environ.get("VECTOR_TEST_DATABASE_URL")
    embedded = None
    if server_url:
        name = f"vector_test_{uuid.uuid4().hex[:10]}"
        admin = await asyncpg.connect(server_url.replace("postgres://", "postgresql://", 1))
        await admin.execute(f'CREATE DATABASE "{name}"')
        await admin.close()
        parts = urlsplit(server_url)
        database: str | dict[str, Any] = urlunsplit(parts._replace(path=f"/{name}"))
    else:
        embedded = db.EmbeddedPostgres(data_dir / "pgdata")
        database = embedded.start()
    await db.migrate(database)
    await db.init_orm(database)
    try:
        yield database
    finally:
        await Tortoise.close_connections()
        if server_url:
            admin = await asyncpg.connect(server_url.replace("postgres://", "postgresql://", 1))
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await admin.close()
        if embedded is not None:
            embedded.stop()


def _tables() -> list[str]:
    tables = []
    for app in Tortoise.apps.values():
        for model in app.values():
            table = model._meta.db_table
            if table != "aerich":
                tables.append(f'"{table}"')
    return tables


@pytest.fixture(autouse=True)
async def clean_tables(request: pytest.FixtureRequest) -> None:
    """Each test that touches the database starts from empty tables."""
    if "database" not in request.fixturenames:
        return
    await connections.get("default").execute_script(
        f"TRUNCATE {', '.join(_tables())} RESTART IDENTITY CASCADE"
    )


@pytest.fixture(autouse=True)
def compiled_and_generic_execution_agree() -> Iterator[None]:
    """Fails a test in which an operation's compiled plan answered unlike graphql-core."""
    start = len(execution.MISMATCHES)
    yield
    mismatches = execution.MISMATCHES[start:]
    assert not mismatches, "\n".join(mismatches)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    checks = execution.CHECKS
    if checks:
        terminalreporter.write_sep("-", "compiled execution against graphql-core's executor")
        for reason, count in sorted(checks.items()):
            terminalreporter.write_line(f"{count:6} operations: {reason}")


@pytest.fixture(scope="session")
def settings(data_dir: Path) -> Settings:
    return make_settings(data_dir)


@pytest.fixture(scope="session")
async def app(settings: Settings, database: Any) -> AsyncIterator[Any]:
    application = create_app(settings, manage_database=False)
    await application.state.services.start()
    yield application
    await application.state.services.close()


@pytest.fixture
async def client(app: Any, database: Any) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


class GraphQLClient:
    """Posts GraphQL operations and returns the decoded response.

    The response's ``extensions`` (the operation's cost) are kept apart, in
    ``self.extensions``, so that tests can compare the rest as a whole.
    """

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http
        self.extensions: dict[str, Any] | None = None

    async def __call__(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        token: str | None = None,
        expect_errors: bool = False,
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert response.status_code == 200, response.text
        body = response.json()
        self.extensions = body.pop("extensions", None)
        if not expect_errors:
            assert "errors" not in body, body["errors"]
        return body


@pytest.fixture
def gql(client: httpx.AsyncClient) -> GraphQLClient:
    return GraphQLClient(client)


SIGNUP = """
mutation Signup($input: SignupInput!) {
  signup(input: $input) {
    user { id username email dateJoined }
    accessToken refreshToken
    errors { field message code }
  }
}
"""


async def signup(gql: GraphQLClient, username: str = "ann", **extra: str) -> dict[str, Any]:
    """Create an account; returns the payload with tokens."""
    values = {
        "username": username,
        "email": f"{username}@example.com",
        "password": "correct horse battery",
        "password2": "correct horse battery",
        **extra,
    }
    body = await gql(SIGNUP, {"input": values})
    result = body["data"]["signup"]
    assert result["errors"] == [], result["errors"]
    return result


@pytest.fixture(scope="session")
async def live_server(app: Any) -> AsyncIterator[str]:
    """The app served by uvicorn on a free local port, in the tests' event loop."""
    import asyncio
    import socket

    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off", log_config=None)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    for _ in range(200):
        if server.started:
            break
        await asyncio.sleep(0.02)
    assert server.started, "the test server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    await task


# --- S3: a real SeaweedFS, started once per session -------------------------------------


@pytest.fixture(scope="session")
def seaweed() -> Iterator[SimpleNamespace | SeaweedS3]:
    endpoint = os.environ.get("VECTOR_TEST_S3_ENDPOINT_URL")
    if endpoint:
        yield SimpleNamespace(
            endpoint_url=endpoint,
            access_key=os.environ.get("AWS_ACCESS_KEY_ID"),
            secret_key=os.environ.get("AWS_SECRET_ACCESS_KEY"),
            region=os.environ.get("AWS_DEFAULT_REGION", "us-east-1"),
        )
        return
    server = SeaweedS3()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def s3_for(seaweed, bucket: str, **kwargs) -> S3Storage:
    return S3Storage(
        bucket,
        endpoint_url=seaweed.endpoint_url,
        region=seaweed.region,
        access_key_id=seaweed.access_key,
        secret_access_key=seaweed.secret_key,
        **kwargs,
    )


@pytest.fixture(scope="session")
async def s3_storage(seaweed) -> AsyncIterator[S3Storage]:
    storage = s3_for(seaweed, f"vector-test-{uuid.uuid4().hex[:12]}")
    await storage.ensure_bucket()
    yield storage
    # Leave an external server as we found it; a private one is thrown away anyway.
    for upload in await storage.list_multipart_uploads():
        await storage.abort_multipart(upload.key, upload.upload_id)

    def empty_and_remove() -> None:
        client = storage.client
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=storage.bucket):
            for obj in page.get("Contents", []):
                client.delete_object(Bucket=storage.bucket, Key=obj["Key"])
        client.delete_bucket(Bucket=storage.bucket)

    await asyncio.to_thread(empty_and_remove)
    await storage.close()
