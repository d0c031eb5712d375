"""Where one GraphQL request spends its time, in-process.

Seeds the interviews benchmark's data (1,000 interviews x 5 questions) in a
scratch database, builds the app with ``create_app(manage_database=False)``
and sends requests through ``httpx.ASGITransport``, so no sockets or uvicorn
are involved: what remains is middleware, strawberry, resolvers, tortoise and
the round trips to PostgreSQL. For each query it prints

1. the wall-clock and CPU time per request, one at a time and 16 at a time,
   with the part the garbage collector took (no profiler attached; the CPU
   time is this process's, client included, and is steadier than the wall
   clock on a busy machine; cProfile does not see the collector at all);
2. the time per request inside a few phases (parse, validate, execute, ...),
   from cProfile's cumulative times;
3. the functions with the most own time under cProfile.

cProfile slows Python code down, more for many small calls, so (2) and (3)
rank the costs; (1) is the real figure.

    python bench/profile_request.py [--requests 200] [--top 25]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import pstats
import secrets
import time
from pathlib import Path

from _common import scratch_database
from interviews_bench import QUERY as INTERVIEWS_QUERY
from interviews_bench import seed

QUERIES = {
    "viewer": ({"query": "{ viewer { id username } }"}, b"creator0"),
    "interviews(first: 100)": (
        {"query": INTERVIEWS_QUERY, "variables": {"first": 100}},
        b"totalCount",
    ),
}

# (label, file suffix, function name): summed cumulative time per request.
PHASES = [
    ("whole ASGI app", "starlette/applications.py", "__call__"),
    ("strawberry view (after middleware)", "strawberry/asgi/__init__.py", "__call__"),
    ("  Schema.execute", "strawberry/schema/schema.py", "execute"),
    ("    parse", "graphql/language/parser.py", "parse"),
    ("    validate", "graphql/validation/validate.py", "validate"),
    ("    graphql execute", "graphql/execution/execute.py", "execute"),
    ("  encode JSON response", "strawberry/http/base.py", "encode_json"),
    ("Context.viewer", "vector_gql/graphql/context.py", "viewer"),
    ("tortoise model from row", "tortoise/models.py", "_init_from_db"),
    ("asyncpg fetch", "asyncpg/connection.py", "_execute"),
    ("access log line", "logging/__init__.py", "info"),
]


def phase_times(stats: pstats.Stats, requests: int) -> list[tuple[str, float]]:
    rows = []
    for label, suffix, name in PHASES:
        total = sum(
            cumtime
            for (filename, _, function), (_, _, _, cumtime, _) in stats.stats.items()  # type: ignore[attr-defined]
            if function == name and filename.endswith(suffix)
        )
        rows.append((label, total * 1000 / requests))
    return rows


class GcTimer:
    """Time spent in the garbage collector while active, from gc.callbacks."""

    def __init__(self) -> None:
        self.seconds = {0: 0.0, 1: 0.0, 2: 0.0}
        self._started = 0.0

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.seconds[info["generation"]] += time.perf_counter() - self._started

    def __enter__(self) -> GcTimer:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._callback)


async def timed(send, requests: int, concurrency: int) -> str:
    """Wall-clock, CPU and garbage-collector time per request, no profiler attached."""
    each, extra = divmod(requests, concurrency)

    async def worker(n: int) -> None:
        for _ in range(n):
            await send()

    started, cpu_started = time.perf_counter(), time.process_time()
    with GcTimer() as collector:
        await asyncio.gather(*(worker(each + (i < extra)) for i in range(concurrency)))
    wall = (time.perf_counter() - started) * 1000 / requests
    cpu = (time.process_time() - cpu_started) * 1000 / requests
    full = collector.seconds[2] * 1000 / requests
    young = (collector.seconds[0] + collector.seconds[1]) * 1000 / requests
    return (
        f"{wall:6.2f} ms wall, {cpu:6.2f} ms CPU per request, of which garbage "
        f"collection {full:.2f} ms full + {young:.2f} ms young"
    )


async def measure(app, token: str, requests: int, top: int) -> None:
    import httpx

    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(transport=transport, base_url="http://profile") as http:
        for label, (body, expect) in QUERIES.items():

            async def send(body=body, expect=expect) -> None:
                response = await http.post("/graphql", json=body, headers=headers)
                assert response.status_code == 200 and expect in response.content, response.text
                assert b'"errors"' not in response.content, response.text

            for _ in range(20):  # warm caches, pools and lazy imports
                await send()
            print(f"\n=== {label} ===")
            print(f"  one at a time: {await timed(send, requests, 1)}")
            print(f"  16 at a time:  {await timed(send, requests, 16)}")
            if not top:
                continue

            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(requests):
                await send()
            profiler.disable()
            stats = pstats.Stats(profiler)

            print(f"\nphases, ms per request under cProfile ({requests} requests, one at a time):")
            for phase, ms in phase_times(stats, requests):
                print(f"  {phase:<38} {ms:8.2f}")
            print(f"\ntop {top} functions by own time:")
            stats.sort_stats("tottime").print_stats(top)


async def main_async(database_url: str, requests: int, top: int) -> None:
    from vector_gql import db
    from vector_gql.app import create_app, freeze_startup_objects
    from vector_gql.config import Settings

    await db.migrate(database_url)
    await db.init_orm(database_url)
    settings = Settings(
        env="development", bcrypt_rounds=4, data_dir=Path("var"), jwt_secret=secrets.token_hex(32)
    )
    app = create_app(settings, manage_database=False)
    services = app.state.services
    await services.start()
    try:
        token = await seed(services)
        freeze_startup_objects()  # as the served app's start-up does
        await measure(app, token, requests, top)
    finally:
        await services.close()
        await db.close_orm()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--top", type=int, default=25, help="0: wall-clock times only")
    args = parser.parse_args()
    with scratch_database() as database_url:
        asyncio.run(main_async(database_url, args.requests, args.top))


if __name__ == "__main__":
    main()
