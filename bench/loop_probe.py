"""The app served with every event-loop callback timed, for refusal_bench.py.

Runs ``vector-gql serve``'s uvicorn set-up (one worker, the product's protocol and
limits) on asyncio's own event loop instead of uvloop, whose callbacks cannot be
timed from Python, with ``asyncio.Handle._run`` wrapped: each callback's wall
time is recorded with what it was (a socket read, a task's step from one await
to the next), as are the garbage collector's pauses. The numbers describe the
pure-Python loop; the app's share of a callback is the same under uvloop, the
loop's own share is larger here.

``GET /__loop_stats?profile=start`` and ``?profile=stop`` run cProfile on the
server's thread in between and return its tables. ``GET /__loop_stats``
(answered here, before the app) returns what was recorded
since the last call and starts afresh: the callbacks' durations in wall and in
CPU time (the wall time includes the moments the server waited for a core), the
longest ones with their names, the GC pauses and the process's CPU time.

    python bench/loop_probe.py PORT   (with the VECTOR_* environment of served_app)

``LOOP_PROBE_UVLOOP=1`` serves on uvloop instead (only the GC pauses and the CPU
time are recorded then); ``LOOP_PROBE_YOUNG=1`` also reports, once, what the
young generation held before a collection (a slow look, for finding garbage cycles).
"""

from __future__ import annotations

import asyncio
import collections
import gc
import heapq
import itertools
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

# Callbacks at least this long keep their name (the others only count).
NAMED_FROM_NS = 200_000
KEEP_LONGEST = 40


class Recorder:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.durations: list[int] = []
        self.cpu_durations: list[int] = []
        self.longest: list[tuple[int, int, int, str]] = []
        self.named: collections.Counter[str] = collections.Counter()
        self.named_ns: collections.Counter[str] = collections.Counter()
        self.gc_pauses: list[tuple[int, int]] = []
        self.collected = 0
        self.young: collections.Counter[str] | None = None
        self.young_sample: list[str] = []
        self.cpu = time.process_time()
        self.wall = time.perf_counter()
        self.counter = itertools.count()

    def stats(self) -> dict:
        def q(values: list[int], p: float) -> float:
            if not values:
                return 0.0
            return values[min(len(values) - 1, int(p * len(values)))] / 1e6

        wall, cpu = sorted(self.durations), sorted(self.cpu_durations)
        return {
            "callbacks": len(wall),
            "busy_ms": sum(wall) / 1e6,
            "busy_cpu_ms": sum(cpu) / 1e6,
            "wall": {str(p): q(wall, p) for p in (0.5, 0.99, 0.999, 1.0)},
            "cpu": {str(p): q(cpu, p) for p in (0.5, 0.99, 0.999, 1.0)},
            "longest": [
                (ns / 1e6, cpu_ns / 1e6, name)
                for ns, _, cpu_ns, name in sorted(self.longest, reverse=True)
            ],
            "named": {
                name: [count, self.named_ns[name] / 1e6]
                for name, count in self.named.most_common(30)
            },
            "gc": {
                "pauses": len(self.gc_pauses),
                "max_ms": max((ns for _, ns in self.gc_pauses), default=0) / 1e6,
                "total_ms": sum(ns for _, ns in self.gc_pauses) / 1e6,
                "collected": self.collected,
                "young": self.young.most_common(20) if self.young else None,
                "young_sample": self.young_sample,
                "by_generation": dict(
                    collections.Counter(generation for generation, _ in self.gc_pauses)
                ),
            },
            "cpu_s": time.process_time() - self.cpu,
            "wall_s": time.perf_counter() - self.wall,
        }


RECORDER = Recorder()


def _where(coro: object) -> str:
    """The innermost frame a coroutine chain is suspended in (or about to run)."""
    last = None
    seen = 0
    while coro is not None and seen < 64:
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "ag_frame", None)
        if frame is None:
            frame = getattr(coro, "gi_frame", None)
        if frame is not None:
            last = frame
        coro = (
            getattr(coro, "cr_await", None)
            or getattr(coro, "gi_yieldfrom", None)
            or getattr(coro, "ag_await", None)
        )
        seen += 1
    if last is None:
        return "?"
    code = last.f_code
    return f"{code.co_qualname}:{last.f_lineno}"


def _name(handle: asyncio.Handle) -> tuple[str, asyncio.Task[Any] | None]:
    callback = handle._callback  # type: ignore[attr-defined]  # noqa: SLF001
    owner = getattr(callback, "__self__", None)
    if isinstance(owner, asyncio.Task):
        return "step", owner
    name = getattr(callback, "__qualname__", None) or type(callback).__name__
    return name, None


def install(*, time_callbacks: bool = True) -> None:
    _record_gc()
    if time_callbacks:
        _time_callbacks()


def _time_callbacks() -> None:
    original = asyncio.Handle._run  # noqa: SLF001
    clock = time.perf_counter_ns
    cpu_clock = time.thread_time_ns

    def timed_run(self: asyncio.Handle) -> None:
        name, task = _name(self)
        start_where = _where(task.get_coro()) if task is not None else ""
        cpu_started = cpu_clock()
        started = clock()
        original(self)
        spent = clock() - started
        cpu_spent = cpu_clock() - cpu_started
        RECORDER.durations.append(spent)
        RECORDER.cpu_durations.append(cpu_spent)
        if spent >= NAMED_FROM_NS:
            if task is not None:
                done = task.done()
                name = f"step {start_where} -> {'done' if done else _where(task.get_coro())}"
            RECORDER.named[name] += 1
            RECORDER.named_ns[name] += spent
            entry = (spent, next(RECORDER.counter), cpu_spent, name)
            if len(RECORDER.longest) < KEEP_LONGEST:
                heapq.heappush(RECORDER.longest, entry)
            else:
                heapq.heappushpop(RECORDER.longest, entry)

    asyncio.Handle._run = timed_run  # type: ignore[method-assign]  # noqa: SLF001


def _record_gc() -> None:
    clock = time.perf_counter_ns
    gc_started = [0]

    def on_gc(phase: str, info: dict) -> None:
        if phase == "start":
            if (
                info["generation"] == 0
                and RECORDER.young is None
                and os.environ.get("LOOP_PROBE_YOUNG")
            ):
                young = gc.get_objects(0)
                RECORDER.young = collections.Counter(type(o).__qualname__ for o in young)
                RECORDER.young_sample = [
                    repr(o)[:200] for o in young if type(o).__qualname__ in ("dict", "tuple")
                ][-30:]
                del young
            gc_started[0] = clock()
        else:
            RECORDER.gc_pauses.append((info["generation"], clock() - gc_started[0]))
            RECORDER.collected += info["collected"]

    gc.callbacks.append(on_gc)


PROFILER: list[Any] = []


def _profile(start: bool) -> bytes:
    """cProfile of the server's thread between two calls: pstats text, by own time."""
    import cProfile
    import io
    import pstats

    if start:
        PROFILER[:] = [cProfile.Profile()]
        PROFILER[0].enable()
        return b"{}"
    profiler = PROFILER.pop()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(40)
    stats.sort_stats("cumulative").print_stats(60)
    return json.dumps({"profile": out.getvalue()}).encode()


def wrap(app):
    async def probed(scope, receive, send):
        if scope["type"] == "http" and scope["path"] == "/__loop_stats":
            query = scope.get("query_string", b"")
            if query in (b"profile=start", b"profile=stop"):
                body = _profile(query == b"profile=start")
            else:
                body = json.dumps(RECORDER.stats()).encode()
                RECORDER.reset()
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-type", b"application/json")],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        await app(scope, receive, send)

    return probed


def main() -> None:
    import uvicorn

    from vector_gql import db
    from vector_gql.app import create_app
    from vector_gql.boundary.server import uvicorn_options
    from vector_gql.config import Settings
    from vector_gql.logging import configure_logging

    port = int(sys.argv[1])
    settings = Settings.from_env()
    configure_logging(settings)
    database, _ = db.connection_for(settings)
    asyncio.run(db.migrate(database))
    # LOOP_PROBE_UVLOOP=1: the served loop, uvloop, whose callbacks cannot be timed:
    # only the collector's pauses and the CPU time are recorded then.
    served_loop = os.environ.get("LOOP_PROBE_UVLOOP") == "1"
    install(time_callbacks=not served_loop)
    app = wrap(create_app(settings))
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        loop="uvloop" if served_loop else "asyncio",
        log_config=None,
        proxy_headers=True,
        lifespan="on",
        **uvicorn_options(settings),
    )
    os.environ["VECTOR_PORT"] = str(port)
    uvicorn.Server(config).run()


if __name__ == "__main__":
    main()
