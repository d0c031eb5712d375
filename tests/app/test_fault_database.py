"""PostgreSQL restarted and crashed under a running server: requests fail quickly with
a retryable code, none hangs, and the server recovers by itself.

The database is an embedded PostgreSQL that ``vector-gql serve`` starts in a
temporary folder of this test's own, never the shared test server.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.fixtures.servers import ServeProcess
from vector_gql.embedded_db import EmbeddedPostgres

VIEWER = "query { viewer { id username memberships { organization { id } } } }"
CREATE = """
mutation($org: ID!, $title: String!) {
  createInterview(input: {organizationId: $org, title: $title, questions: [{text: "Why?"}]}) {
    interview { id } errors { code }
  }
}
"""
SIGNUP = """
mutation { signup(input: {username: "dora", email: "dora@example.com",
  password: "correct horse battery", password2: "correct horse battery"}) {
  accessToken errors { code } } }
"""
# A request that takes longer than this while the database is away counts as hanging.
HANG_SECONDS = 15


@pytest.fixture
def served() -> Iterator[tuple[ServeProcess, EmbeddedPostgres]]:
    home = Path(tempfile.mkdtemp(prefix="vector-fault-db-"))
    home.chmod(0o755)
    server = ServeProcess(
        home,
        {
            "VECTOR_DATA_DIR": str(home / "var"),
            "VECTOR_DATABASE_TIMEOUT_SECONDS": "5",
            # The load below asks as fast as the server answers, far beyond a
            # caller's refill rate: without this, refusals for the budget would
            # hide the faults this test is about.
            "VECTOR_QUERY_BUDGET": "0",
        },
    )
    pg = EmbeddedPostgres(home / "var" / "pgdata")
    try:
        yield server, pg
    finally:
        server.stop()
        pg.stop_if_unused()
        shutil.rmtree(home, ignore_errors=True)


def _classify(response: httpx.Response) -> str:
    if response.status_code != 200:
        return f"http {response.status_code}: {response.text[:200]}"
    body = response.json()
    errors = body.get("errors") or []
    if not errors:
        return "ok"
    codes = {e.get("extensions", {}).get("code") for e in errors}
    if codes == {"DATABASE_UNAVAILABLE"} and all(
        e["extensions"].get("retryable") is True for e in errors
    ):
        return "unavailable"
    return f"errors: {errors}"


async def _load(client: httpx.AsyncClient, token: str, org: str, stop: asyncio.Event, out):
    headers = {"Authorization": f"Bearer {token}"}
    n = 0
    while not stop.is_set():
        n += 1
        body = (
            {"query": VIEWER}
            if n % 2
            else {"query": CREATE, "variables": {"org": org, "title": f"Load {n}"}}
        )
        started = time.monotonic()
        try:
            response = await client.post("/graphql", json=body, headers=headers)
            outcome = _classify(response)
        except httpx.TimeoutException:
            outcome = "hung"
        except httpx.HTTPError as exc:
            outcome = f"transport: {exc!r}"
        out.append((outcome, time.monotonic() - started))
        await asyncio.sleep(0.02)


async def test_requests_fail_retryably_during_a_restart_and_a_crash_and_recover(served):
    server, pg = served
    async with httpx.AsyncClient(base_url=server.url, timeout=HANG_SECONDS) as client:
        token = (await client.post("/graphql", json={"query": SIGNUP})).json()["data"]["signup"][
            "accessToken"
        ]
        headers = {"Authorization": f"Bearer {token}"}
        me = (await client.post("/graphql", json={"query": VIEWER}, headers=headers)).json()
        org = me["data"]["viewer"]["memberships"][0]["organization"]["id"]

        outcomes: list[tuple[str, float]] = []
        stop = asyncio.Event()
        workers = [asyncio.create_task(_load(client, token, org, stop, outcomes)) for _ in range(6)]
        await asyncio.sleep(1.0)
        # A fast restart cuts every open connection while requests use them.
        await asyncio.to_thread(pg.restart)
        await asyncio.sleep(1.0)
        # A crash, and a database that stays away for a while.
        await asyncio.to_thread(pg.kill)
        await asyncio.sleep(1.0)
        rest = await client.get("/api/interviews/interview", headers=headers)
        ready = await client.get("/readyz")
        await asyncio.sleep(1.0)
        await asyncio.to_thread(pg.start_again)
        await asyncio.sleep(2.0)
        stop.set()
        await asyncio.gather(*workers)

        counts = Counter(outcome for outcome, _ in outcomes)
        unexpected = {k: v for k, v in counts.items() if k not in ("ok", "unavailable")}
        log = server.output()
        first = log.find("unexpected error")
        assert not unexpected, f"{unexpected} (all: {counts})\n{log[first : first + 4000]}"
        assert counts["unavailable"] > 0, f"the outage was never seen: {counts}"
        assert max(seconds for _, seconds in outcomes) < HANG_SECONDS

        # The REST paths and the readiness check say the same while it is down.
        assert rest.status_code == 503, rest.text
        assert rest.json()["code"] == "DATABASE_UNAVAILABLE"
        assert rest.headers["retry-after"]
        assert ready.status_code == 503 and ready.json()["database"] == "down"

        # Recovered without a restart of the server: everything works again.
        for n in range(10):
            response = await client.post(
                "/graphql",
                json={"query": CREATE, "variables": {"org": org, "title": f"After {n}"}},
                headers=headers,
            )
            assert _classify(response) == "ok", response.text
        assert (await client.get("/readyz")).status_code == 200
    assert server.process.poll() is None
    assert "unexpected error" not in server.output()
