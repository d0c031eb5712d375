"""The clients against a running ``vector-gql serve``.

Starts the README's serve command on a free port with a database of its own,
opens its GraphiQL in Chromium with every other host blocked, then runs, from
web/:

- the graphql-http audit of the GraphQL-over-HTTP specification
  (web/scripts/audit-graphql-http.mjs): every audit must pass;
- the Apollo Client suite (web/test/apollo.test.ts, with apollo-upload-client),
  compiled by tsc together with the generated client code.

They need Node and ``npm ci`` in web/. Without them these tests skip, except
with ``VECTOR_REQUIRE_NODE=1`` (set by CI), where they fail.
"""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest

from tests.fixtures import media as mf
from tests.fixtures.browser import Offline, browser_page, run_graphiql_query

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
ACCESS_TOKEN_SECONDS = 2


def node_or_skip() -> str:
    node = shutil.which("node")
    problem = None
    if node is None:
        problem = "Node.js is not installed"
    elif not (WEB / "node_modules" / ".package-lock.json").exists():
        problem = "run 'npm ci' in web/ first"
    if node is not None and problem is None:
        return node
    assert problem is not None
    if os.environ.get("VECTOR_REQUIRE_NODE") == "1":
        pytest.fail(problem)
    pytest.skip(problem)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def vector_gql() -> list[str]:
    script = Path(sys.executable).parent / "vector-gql"
    return [str(script)] if script.exists() else [sys.executable, "-m", "vector_gql.cli"]


def _admin(url: str, statement: str) -> None:
    import asyncpg

    async def run() -> None:
        connection = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    asyncio.run(run())


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[str]:
    """``vector-gql serve`` in a process of its own; yields its GraphQL URL."""
    data_dir = tmp_path_factory.mktemp("served")
    env = {k: v for k, v in os.environ.items() if not k.startswith("VECTOR_")}
    server_url = os.environ.get("VECTOR_TEST_DATABASE_URL")
    name = None
    if server_url:
        name = f"vector_test_{uuid.uuid4().hex[:10]}_served"
        _admin(server_url, f'CREATE DATABASE "{name}"')
        env["VECTOR_DATABASE_URL"] = urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))
    # else: serve starts its own embedded PostgreSQL under the data directory.
    port = free_port()
    env.update(
        VECTOR_DATA_DIR=str(data_dir),
        VECTOR_JWT_SECRET=secrets.token_urlsafe(48),
        VECTOR_BCRYPT_ROUNDS="4",
        VECTOR_ACCESS_TOKEN_SECONDS=str(ACCESS_TOKEN_SECONDS),
        VECTOR_PUBLIC_URL=f"http://127.0.0.1:{port}",
        VECTOR_LOG_LEVEL="WARNING",
        # As for the apps the other tests build: compiled plans checked against
        # graphql-core's executor (a difference fails the operation).
        VECTOR_EXECUTION_CHECK="1",
    )
    log = (data_dir / "serve.log").open("wb")
    process = subprocess.Popen(
        [*vector_gql(), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                pytest.fail(f"vector-gql serve exited: {(data_dir / 'serve.log').read_text()}")
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"vector-gql serve did not start: {(data_dir / 'serve.log').read_text()}"
                )
            time.sleep(0.2)
        yield f"{base}/graphql"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        if server_url is not None and name is not None:
            _admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(args: list[str], env: dict[str, str] | None = None, timeout: int = 300):
    result = subprocess.run(
        args,
        cwd=WEB,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return result, result.stdout + result.stderr


async def test_graphiql_of_the_served_app_works_offline(served):
    offline = Offline(served)
    async with browser_page() as page:
        await offline.attach(page)
        await page.goto(served)
        await page.wait_for_selector("text=Not signed in")
        result = await run_graphiql_query(page, "{ __typename }")
        assert result == {"data": {"__typename": "Query"}}
        await offline.check(page)


def test_graphql_over_http_audit_passes_every_audit(served):
    node = node_or_skip()
    result, output = run([node, "scripts/audit-graphql-http.mjs"], {"VECTOR_API_URL": served})
    assert result.returncode == 0, output
    summary = output.strip().splitlines()[-1]
    total = int(summary.split(" audits")[0])
    assert f"{total} passed, 0 MUST/SHOULD failed" in summary, output
    assert total >= 60  # the audit ran in full
    assert "MUST" in summary and "SHOULD" in summary


def test_apollo_client_suite(served, tmp_path):
    node = node_or_skip()
    video = mf.make_video(tmp_path / "clip.mp4", seconds=2, size=(160, 120))
    build, output = run([node, "node_modules/typescript/bin/tsc", "-p", "tsconfig.json"])
    assert build.returncode == 0, f"tsc failed:\n{output}"
    result, output = run(
        [node, "--test", "--test-reporter=spec", "dist/test/"],
        {
            "VECTOR_API_URL": served,
            "VECTOR_TEST_VIDEO": str(video),
            "VECTOR_ACCESS_TOKEN_SECONDS": str(ACCESS_TOKEN_SECONDS),
        },
    )
    assert result.returncode == 0, output
    for zero in ("fail 0", "skipped 0", "cancelled 0", "todo 0"):
        assert zero in output, output
    counted = re.search(r"pass (\d+)", output)
    assert counted is not None, output
    passed = int(counted.group(1))
    assert passed >= 11, output
