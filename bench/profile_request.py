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

With ``--compare-execution`` it prints instead, for each query, the CPU time
per request with graphql-core's generic executor and with the compiled plans
(``VECTOR_COMPILED_EXECUTION``), measured alternately in one run.

With ``--pyinstrument`` (needs ``pip install pyinstrument``) it prints, instead
of cProfile's tables, pyinstrument's call tree of one request at a time: a
statistical profiler, which slows small calls down far less than cProfile.

    python bench/profile_request.py [--requests 200] [--top 25] [--compare-execution]
        [--pyinstrument] [--only viewer]
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
from typing import Any

from _common import scratch_database, without_query_limits
from interviews_bench import QUERY as INTERVIEWS_QUERY
from interviews_bench import seed

# The interviews page with the fields that are plain attributes of its objects:
# what the compiled execution plans resolve without graphql-core's per-field work.
PLAIN_PAGE_QUERY = """
query Plain($first: Int!) {
  interviews(first: $first) {
    edges { cursor node { id title description status createdAt updatedAt questionsLocked } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
QUERIES: dict[str, tuple[dict[str, Any], bytes]] = {
    "viewer": ({"query": "{ viewer { id username } }"}, b"creator0"),
    "interviews(first: 20)": (
        {"query": INTERVIEWS_QUERY, "variables": {"first": 20}},
        b"totalCount",
    ),
    "interviews(first: 100)": (
        {"query": INTERVIEWS_QUERY, "variables": {"first": 100}},
        b"totalCount",
    ),
    "interviews(first: 100), plain fields": (
        {"query": PLAIN_PAGE_QUERY, "variables": {"first": 100}},
        b"endCursor",
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


def sender(http, body: dict, expect: bytes, headers: dict):
    async def send() -> None:
        response = await http.post("/graphql", json=body, headers=headers)
        assert response.status_code == 200 and expect in response.content, response.text
        assert b'"errors"' not in response.content, response.text

    return send


async def compare_execution(apps: dict, token: str, requests: int) -> None:
    """CPU per request with graphql-core's executor and with the compiled plans, alternating."""
    import httpx

    headers = {"Authorization": f"Bearer {token}"}
    clients = {
        name: httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://p")
        for name, app in apps.items()
    }
    print(f"\nCPU ms per request, one at a time, best of 3 alternating runs of {requests}:")
    print(f"{'query':<40} {'generic':>9} {'compiled':>9} {'saved':>7}")
    try:
        for label, (body, expect) in QUERIES.items():
            sends = {name: sender(http, body, expect, headers) for name, http in clients.items()}
            bodies = set()
            for name, send in sends.items():
                for _ in range(20):
                    await send()
                response = await clients[name].post("/graphql", json=body, headers=headers)
                bodies.add(response.content)
            assert len(bodies) == 1, "the executors answer differently"
            best = {name: float("inf") for name in sends}
            for _ in range(3):
                for name, send in sends.items():
                    started = time.process_time()
                    for _ in range(requests):
                        await send()
                    cpu = (time.process_time() - started) * 1000 / requests
                    best[name] = min(best[name], cpu)
            saved = 1 - best["compiled"] / best["generic"]
            print(f"{label:<40} {best['generic']:>9.2f} {best['compiled']:>9.2f} {saved:>6.0%}")
    finally:
        for http in clients.values():
            await http.aclose()


async def measure(app, token: str, requests: int, top: int, args) -> None:
    import httpx

    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token}"}
    only = [label for label in args.only.split(",") if label]
    async with httpx.AsyncClient(transport=transport, base_url="http://profile") as http:
        for label, (body, expect) in QUERIES.items():
            if only and not any(label.startswith(name) for name in only):
                continue
            send = sender(http, body, expect, headers)
            for _ in range(20):  # warm caches, pools and lazy imports
                await send()
            print(f"\n=== {label} ===")
            print(f"  one at a time: {await timed(send, requests, 1)}")
            print(f"  16 at a time:  {await timed(send, requests, 16)}")
            if not top:
                continue
            if args.pyinstrument:
                from pyinstrument import Profiler  # type: ignore[import-not-found]  # optional: pip install pyinstrument

                sampler = Profiler(interval=0.0002, async_mode="disabled")
                sampler.start()
                for _ in range(requests):
                    await send()
                sampler.stop()
                print(sampler.output_text(unicode=False, color=False, show_all=False))
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


async def main_async(database_url: str, requests: int, top: int, compare: bool, args) -> None:
    from dataclasses import replace

    from vector_gql import db
    from vector_gql.app import create_app, freeze_startup_objects
    from vector_gql.config import Settings

    await db.migrate(database_url)
    await db.init_orm(database_url)
    settings = without_query_limits(
        Settings(
            env="development",
            bcrypt_rounds=4,
            data_dir=Path("var"),
            jwt_secret=secrets.token_hex(32),
        )
    )
    app = create_app(settings, manage_database=False)
    services = app.state.services
    generic = None
    try:
        token = await seed(services)
        if compare:
            generic = create_app(replace(settings, compiled_execution=False), manage_database=False)
        freeze_startup_objects()  # as the served app's start-up does
        if compare:
            await compare_execution({"generic": generic, "compiled": app}, token, requests)
        else:
            await measure(app, token, requests, top, args)
    finally:
        if generic is not None:
            await generic.state.services.close()
        await services.close()
        await db.close_orm()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--top", type=int, default=25, help="0: wall-clock times only")
    parser.add_argument(
        "--compare-execution",
        action="store_true",
        help="CPU per request with graphql-core's executor against the compiled plans",
    )
    parser.add_argument(
        "--pyinstrument", action="store_true", help="pyinstrument's call tree, not cProfile's"
    )
    parser.add_argument("--only", default="", help="comma-separated label prefixes")
    args = parser.parse_args()
    with scratch_database() as database_url:
        asyncio.run(main_async(database_url, args.requests, args.top, args.compare_execution, args))


if __name__ == "__main__":
    main()
