"""viewer throughput and latency, alone and while 16 logins run at once.

Serves the app with 2 uvicorn workers on a scratch database (the local
PostgreSQL, or VECTOR_BENCH_DATABASE_URL) with the production bcrypt cost
(12), then drives it from this process over keep-alive connections:

1. ``viewer`` with a valid token, for DURATION seconds;
2. the same, while 16 logins are kept in flight the whole time.

A login that blocked the event loop would show in (2) as a latency jump.
Run: python bench/accounts_bench.py [duration_seconds]
"""

from __future__ import annotations

import asyncio
import sys
import time

from _common import (
    ServedApp,
    Stats,
    graphql,
    load,
    post_request,
    scratch_database,
    served_app,
)

PASSWORD = "correct horse battery"
VIEWER = {"query": "{ viewer { id username } }"}
LOGIN_QUERY = "mutation($i: LoginInput!) { login(input: $i) { accessToken errors { code } } }"
LOGIN_USERS = 16  # one account per connection: each account's own limit stays out of the way


async def run(server: ServedApp, token: str, duration: float) -> tuple[Stats, Stats, Stats, float]:
    url = server.url
    viewer_request = post_request(url + "/graphql", VIEWER, token)
    await load(url, viewer_request, concurrency=8, total=500)  # warm-up
    cpu = server.cpu_seconds()
    alone = await load(url, viewer_request, concurrency=16, duration=duration, check=b"bench")
    cpu_ms = (server.cpu_seconds() - cpu) * 1000 / max(alone.requests, 1)

    login_requests = [
        post_request(
            url + "/graphql",
            {
                "query": LOGIN_QUERY,
                "variables": {"i": {"username": f"login{i}", "password": PASSWORD}},
            },
        )
        for i in range(LOGIN_USERS)
    ]
    stop = time.perf_counter() + duration
    logins_task = asyncio.create_task(
        load(url, login_requests, concurrency=16, duration=duration + 1, check=b'"accessToken":"')
    )
    await asyncio.sleep(0.5)  # let the 16 logins get going
    during = await load(
        url, viewer_request, concurrency=16, duration=stop - time.perf_counter(), check=b"bench"
    )
    logins = await logins_task
    return alone, during, logins, cpu_ms


def main() -> None:
    duration = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    with scratch_database() as database, served_app(database, workers=2) as server:
        signup = graphql(
            server.url,
            """mutation($i: SignupInput!) { signup(input: $i) { accessToken errors { code } } }""",
            {
                "i": {
                    "username": "bench",
                    "email": "bench@example.com",
                    "password": PASSWORD,
                    "password2": PASSWORD,
                }
            },
        )
        token = signup["data"]["signup"]["accessToken"]
        for i in range(LOGIN_USERS):
            graphql(
                server.url,
                "mutation($i: SignupInput!) { signup(input: $i) { errors { code } } }",
                {
                    "i": {
                        "username": f"login{i}",
                        "email": f"login{i}@example.com",
                        "password": PASSWORD,
                        "password2": PASSWORD,
                    }
                },
            )
        alone, during, logins, cpu_ms = asyncio.run(run(server, token, duration))
    print(f"2 uvicorn workers, bcrypt cost 12, {duration:.0f} s per phase, 16 connections")
    print(alone.row("viewer alone"))
    print(f"{'':<44} server CPU {cpu_ms:.2f} ms per viewer request (all processes)")
    print(during.row("viewer while 16 logins run"))
    print(logins.row("logins (16 in flight)"))
    print(
        f"viewer during logins vs alone: p50 x{during.pct(0.5) / alone.pct(0.5):.2f}, "
        f"p99 x{during.pct(0.99) / alone.pct(0.99):.2f}, "
        f"throughput x{during.rps / alone.rps:.2f}"
    )


if __name__ == "__main__":
    main()
