"""Test harness fixtures: a real PostgreSQL, the app over HTTP, its clock, S3.

The database is ``VECTOR_TEST_DATABASE_URL`` when set (a fresh database is
created on that server for the run and dropped after it), else the embedded
PostgreSQL in a temporary directory. The schema comes from the migrations, so
every run also proves that they apply.

Only fixtures live here; what tests import (the GraphQL client, row
factories, media files) is in ``tests/fixtures/``.
"""

from __future__ import annotations

import asyncio
import gc
import os
import shutil
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx
import pytest
from tortoise import Tortoise, connections

from tests.fixtures.app import make_settings
from tests.fixtures.graphql import GraphQLClient
from tests.fixtures.seaweed import SeaweedS3
from tests.fixtures.storage import s3_for
from vector_gql import db
from vector_gql.app import create_app
from vector_gql.config import Settings
from vector_gql.graphql import execution
from vector_gql.services import Services
from vector_gql.services.clock import ManualClock
from vector_gql.storage.s3 import S3Storage

pytest_plugins = ["tests.fixtures.random_objects"]


@pytest.fixture(scope="session")
def data_dir() -> Any:
    path = Path(tempfile.mkdtemp(prefix="vector-test-"))
    # mkdtemp makes it private; under root the embedded PostgreSQL runs as another
    # user, which must be able to reach its data folder inside this one.
    path.chmod(0o755)
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


# The job queue's tables (procrastinate's, not ORM models).
JOB_TABLES = [
    "procrastinate_events",
    "procrastinate_periodic_defers",
    "procrastinate_jobs",
    "procrastinate_workers",
]


def _tables() -> list[str]:
    tables = list(JOB_TABLES)
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
    if "app" in request.fixturenames:
        # The session's app outlives the rows: its query-budget leases went with them.
        request.getfixturevalue("app").state.services.query_budget.forget_leases()


@pytest.fixture(autouse=True)
def compiled_and_generic_execution_agree() -> Iterator[None]:
    """Fails a test in which an operation's compiled plan answered unlike graphql-core."""
    start = len(execution.MISMATCHES)
    yield
    mismatches = execution.MISMATCHES[start:]
    assert not mismatches, "\n".join(mismatches)


# What the event loop reported about a future or task: an exception that nobody read
# ("... exception was never retrieved"), a task destroyed while pending ("Task was
# destroyed but it is pending!"). In production each is a traceback in the server's log.
# (Other reports, such as asyncpg's about a connection reset mid-transaction, which a
# test provokes on purpose, are not counted.) The garbage collector may free the
# object, and so report it, during a later test: the reports fail the run at its end,
# each listed, rather than an unrelated test. A test that provokes reports on purpose
# takes the ``loop_reports`` fixture and judges them itself. Each report names the
# test that was running (from its setup to its teardown) when the loop made it.
LOOP_REPORTS: list[str] = []
_CAPTURES: list[list[dict[str, Any]]] = []
_RUNNING: list[str] = []


def pytest_runtest_logstart(nodeid: str, location: tuple[str, int | None, str]) -> None:
    _RUNNING[:] = [nodeid]


def pytest_runtest_logfinish(nodeid: str, location: tuple[str, int | None, str]) -> None:
    _RUNNING.clear()


def _loop_report(context: dict[str, Any]) -> str:
    error = context.get("exception")
    subject = context.get("future", context.get("task"))
    when = f"during {_RUNNING[0]}" if _RUNNING else "between tests"
    return f"{when}: {context.get('message')}: {error!r} {subject!r}"[:2000]


def _counted(context: dict[str, Any]) -> bool:
    return "future" in context or "task" in context


@pytest.fixture(scope="session", autouse=True)
async def loop_reports_are_failures() -> AsyncIterator[None]:
    """Collects what the tests' event loop reports; it still prints them as before."""
    loop = asyncio.get_running_loop()

    def collect(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        if _CAPTURES:
            for captured in _CAPTURES:
                captured.append(context)
            return
        if _counted(context):
            LOOP_REPORTS.append(_loop_report(context))
        loop.default_exception_handler(context)

    loop.set_exception_handler(collect)
    yield


@pytest.fixture
def loop_reports(loop_reports_are_failures: None) -> Iterator[list[dict[str, Any]]]:
    """Everything the event loop reports while the test runs, for the test to judge
    (call ``gc.collect()`` first to have what is freed reported): these reports are
    neither printed nor counted at the end of the run."""
    captured: list[dict[str, Any]] = []
    _CAPTURES.append(captured)
    try:
        yield captured
    finally:
        _CAPTURES.remove(captured)


def loop_reports_failure() -> str | None:
    """What fails the run: every report the loop made outside ``loop_reports``."""
    gc.collect()
    if not LOOP_REPORTS:
        return None
    return "the event loop reported:\n" + "\n".join(f"- {r}" for r in LOOP_REPORTS)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    failure = loop_reports_failure()
    if failure:
        sys.stderr.write("\n" + failure + "\n")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


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
def session_clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def clock(session_clock: ManualClock) -> Iterator[ManualClock]:
    """The app's clock: move it with ``clock.advance(minutes=16)``; reset after each test."""
    yield session_clock
    session_clock.reset()


@pytest.fixture(scope="session")
async def app(settings: Settings, database: Any, session_clock: ManualClock) -> AsyncIterator[Any]:
    application = create_app(settings, manage_database=False, clock=session_clock)
    yield application
    await application.state.services.close()


@pytest.fixture
def services(app: Any) -> Services:
    found: Services = app.state.services
    return found


@pytest.fixture
async def client(app: Any, database: Any) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


@pytest.fixture
def gql(client: httpx.AsyncClient) -> GraphQLClient:
    return GraphQLClient(client)


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
    # Generous: start-up is slow on a loaded machine.
    for _ in range(1500):
        if server.started or task.done():
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
