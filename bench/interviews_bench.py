"""Benchmark the interviews connection: throughput, latency and SQL statements per request.

Seeds 1,000 interviews of 5 questions each in a fresh database on the
PostgreSQL server at ``VECTOR_BENCH_DATABASE_URL`` (default
``postgres://postgres@127.0.0.1:5432/test``; the database is created for the
run and dropped after it), serves the app with ``vector-gql serve --workers 2``
on a free port of 127.0.0.1, and drives it from a separate process with a fixed
number of requests at a fixed concurrency. The statement count per request is
measured in this process, through the same app, with
``vector_gql.statements.count_statements``. The server's CPU time per request
(all its processes, from /proc) compares builds fairly even when other jobs
compete for the CPU and move req/s.

    python bench/interviews_bench.py [--concurrency 16] [--requests 1500]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from _common import server_cpu_seconds, source_env

QUERY = """
query Bench($first: Int!) {
  interviews(first: $first) {
    edges { node { id title questions { text } creator { username } } }
    totalCount
  }
}
"""
INTERVIEWS = 1_000
QUESTIONS_EACH = 5
CREATORS = 10
PASSWORD = "correct horse battery staple"


# --- the load generator (runs in its own process) ------------------------------------


async def _load(url: str, token: str, first: int, requests: int, concurrency: int) -> dict:
    import httpx

    payload = {"query": QUERY, "variables": {"first": first}}
    headers = {"Authorization": f"Bearer {token}"}
    latencies: list[float] = []
    failures = 0
    remaining = requests
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, headers=headers, limits=limits, timeout=30) as http:
        # Warm up every connection and both workers before timing.
        await asyncio.gather(*(http.post("/graphql", json=payload) for _ in range(concurrency)))

        async def worker() -> None:
            nonlocal remaining, failures
            while remaining > 0:
                remaining -= 1
                started = time.perf_counter()
                response = await http.post("/graphql", json=payload)
                latencies.append(time.perf_counter() - started)
                body = response.json() if response.status_code == 200 else {}
                edges = body.get("data", {}).get("interviews", {}).get("edges", [])
                if response.status_code != 200 or "errors" in body or len(edges) != first:
                    failures += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "failures": failures,
        "seconds": elapsed,
        "rps": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
    }


def load_main(argv: list[str]) -> None:
    url, token, first, requests, concurrency = argv
    assert urlsplit(url).hostname == "127.0.0.1", "the load generator only targets 127.0.0.1"
    result = asyncio.run(_load(url, token, int(first), int(requests), int(concurrency)))
    print(json.dumps(result))


# --- set-up, in-process measurement, the server ------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _admin(server_url: str, sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(server_url.replace("postgres://", "postgresql://", 1))
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def seed(services) -> str:
    """Seed the interviews through the services and models; return a recruiter's token."""
    from vector_gql.models.interviews import Interview, Question
    from vector_gql.models.organizations import Membership, Role

    users = []
    for i in range(CREATORS):
        signed = await services.accounts.signup(
            username=f"creator{i}",
            email=f"creator{i}@example.com",
            password=PASSWORD,
            password2=PASSWORD,
        )
        users.append(signed)
    org = (await Membership.get(user_id=users[0].user.id)).organization_id
    await Membership.bulk_create(
        [Membership(organization_id=org, user_id=u.user.id, role=Role.RECRUITER) for u in users[1:]]
    )
    await Interview.bulk_create(
        [
            Interview(
                organization_id=org,
                creator_id=users[i % CREATORS].user.id,
                title=f"Interview {i:04d}",
                description=f"Role number {i}, a position in engineering.",
            )
            for i in range(INTERVIEWS)
        ],
        batch_size=500,
    )
    ids = await Interview.all().values_list("id", flat=True)
    await Question.bulk_create(
        [
            Question(
                interview_id=iid,
                position=p + 1,
                text=f"Question {p + 1} of interview {iid}: tell us about a project.",
                think_time_seconds=30,
                answer_time_seconds=120,
                retakes=1,
            )
            for iid in ids
            for p in range(QUESTIONS_EACH)
        ],
        batch_size=1000,
    )
    return users[0].tokens.access


async def _seed_and_count(database_url: str) -> tuple[str, dict[int, int]]:
    """Seed the data; return a token and the statement count per page size."""
    import httpx

    from vector_gql import db
    from vector_gql.app import create_app
    from vector_gql.config import Settings
    from vector_gql.statements import count_statements

    await db.migrate(database_url)
    await db.init_orm(database_url)
    settings = Settings(
        env="development", bcrypt_rounds=4, data_dir=Path("var"), jwt_secret=secrets.token_hex(32)
    )
    app = create_app(settings, manage_database=False)
    services = app.state.services
    try:
        token = await seed(services)
        counts = {}
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
            first: int
            for first in (20, 100):
                with count_statements() as log:
                    response = await http.post(
                        "/graphql",
                        json={"query": QUERY, "variables": {"first": first}},
                        headers={"Authorization": f"Bearer {token}"},
                    )
                body = response.json()
                assert "errors" not in body, body
                assert len(body["data"]["interviews"]["edges"]) == first
                counts[first] = log.count
        return token, counts
    finally:
        await services.close()
        await db.close_orm()


def _wait_ready(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with code {server.returncode}")
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the server did not become ready in time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--requests", type=int, default=1500, help="per page size")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    server_url = os.environ.get(
        "VECTOR_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test"
    )
    name = f"vector_bench_{uuid.uuid4().hex[:10]}"
    database_url = urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))
    asyncio.run(_admin(server_url, f'CREATE DATABASE "{name}"'))
    server = None
    started = time.perf_counter()
    try:
        token, statements = asyncio.run(_seed_and_count(database_url))
        print(
            f"Seeded {INTERVIEWS} interviews x {QUESTIONS_EACH} questions "
            f"({CREATORS} creators) in {time.perf_counter() - started:.1f}s.",
            file=sys.stderr,
        )
        port = _free_port()
        env = source_env(
            VECTOR_DATABASE_URL=database_url,
            VECTOR_BCRYPT_ROUNDS="4",
            VECTOR_ENV="development",
            VECTOR_LOG_LEVEL="WARNING",
        )
        server = subprocess.Popen(
            [sys.executable, "-m", "vector_gql.cli", "serve", "--host", "127.0.0.1"]
            + ["--port", str(port), "--workers", str(args.workers)],
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        _wait_ready(url, server)
        results = {}
        for first in (20, 100):
            requests = args.requests if first == 20 else max(args.requests // 3, 100)
            cpu = server_cpu_seconds(server.pid)
            out = subprocess.run(
                [sys.executable, __file__, "--load", url, token, str(first)]
                + [str(requests), str(args.concurrency)],
                check=True,
                capture_output=True,
                text=True,
                timeout=150,
            )
            results[first] = json.loads(out.stdout)
            # The load process also sends one warm-up request per connection.
            served = requests + args.concurrency
            results[first]["cpu_ms"] = (server_cpu_seconds(server.pid) - cpu) * 1000 / served
        print(
            f"\ninterviews(first: N) {{ edges {{ node {{ id title questions {{ text }} "
            f"creator {{ username }} }} }} totalCount }}\n"
            f"{args.workers} uvicorn workers, concurrency {args.concurrency}, "
            f"{INTERVIEWS} interviews x {QUESTIONS_EACH} questions\n"
        )
        header = f"{'first':>6} {'requests':>9} {'failed':>7} {'req/s':>8} "
        header += f"{'p50 ms':>8} {'p99 ms':>8} {'SQL/request':>12} {'server CPU ms/req':>18}"
        print(header)
        print("-" * len(header))
        for first, r in results.items():
            print(
                f"{first:>6} {r['requests']:>9} {r['failures']:>7} {r['rps']:>8.1f} "
                f"{r['p50_ms']:>8.1f} {r['p99_ms']:>8.1f} {statements[first]:>12} "
                f"{r['cpu_ms']:>18.2f}"
            )
        print(f"\nTotal run time {time.perf_counter() - started:.0f}s.")
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        asyncio.run(_admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--load":
        load_main(sys.argv[2:])
    else:
        main()
