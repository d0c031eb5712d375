"""/healthz latency for a normal client while the server is attacked, against no attack.

Serves the app (``vector-gql serve``, one uvicorn worker as by default, disk
storage, so that every attack shares the normal client's event loop) on a
scratch database, seeds an organization with interviews of the most questions
an interview may have, whose questions carry video prompts, and a pending
direct upload, then measures ``GET /healthz`` p50
and p99 for one well-behaved client (one keep-alive connection, a request
every 10 ms) in phases of ``--seconds`` each:

    idle                      nothing else happens
    0 control                 the attacker's CPU load without any request (the noise floor)
    1 big lists, HTTP         anonymous nodes(ids:) with a list variable filling the 1 MiB body
    1 big lists, WebSocket    the same over graphql-transport-ws, an 8 MiB message
    2 costly aliases          5 aliases of interviews(first: 100) { ... videoPrompt { url } }
    2 repeated upload IDs     30 aliases of nodes(ids:) with 100 copies of one upload's ID
    2 just under the max      every field of as many interviews as fit under
                              VECTOR_QUERY_COST_MAX (the most work per unit of cost, see
                              cost_bench.py), on one token
    3 decompression bomb      uploadVideo of a 2 MB MJPEG AVI of 16000x16000 frames, and of
                              one whose AVI headers claim 64x64

Each attack runs in its own process, in a loop, on ``--connections``
connections, for the whole phase, which is measured from the attacker's first
request (a fresh attacker's first moment, with a full query budget, is part of
the attack). The table gives the health p99 against the idle p99 (target:
under 2x), the server's CPU time, how long the server's threads waited for a
core (ms per second: the machine's contention, not the server's work), the
normal client's own p99 wake-up lag (how late its own sleeps ended), and how
the server answered the attacker. Every attack starts with a full query
budget, as a fresh attacker would. Figures are printed, never asserted;
everything targets 127.0.0.1 and stops by itself.

Fairness: the attacker, the normal client and the server share this
machine's cores, while in production the attacker's CPU is on another machine,
and so is the normal client. An attacker busy encoding its requests delayed the
normal client's own wake-ups (and the server's turn on a core) by milliseconds,
which is not the server's doing. So, with one worker and two cores or more, the
server process is pinned to a core of its own (its threads too; a frame decoder
process it starts after that inherits the pin, those started with it do not)
and the attacker and the client share the others. The attacker runs under
SCHED_IDLE, so that it gets all the CPU the client leaves but never delays its
wake-ups: at nice 10, which this bench used before, the kernel (EEVDF) still let
a running attacker finish its slice before the woken client ran, about 1 ms
that ``perf sched timehist`` showed in most of the slow health requests. While
it measures, the client runs at a real-time priority (SCHED_FIFO 1), as the
instrument it is: other processes of this shared machine (test runs, shells)
then do not delay its wake-ups either. Neither change takes any of the server's
work out of the figures; only the server's own core is left as it was, and the
time its threads waited for it (other work on the machine: PostgreSQL, other
processes, kernel threads) shows in the wait column. Each attack body is
encoded once, byte for byte as httpx would, so the attacker sends more, not
less. ``--no-pin`` measures without any of this.

The ``0 control`` phase is the noise floor: an "attacker" that keeps its cores
busy, as the attackers do, without sending the server anything. A phase's p99
near the control's is the machine's, not the server's.

    python bench/abuse_bench.py [--seconds 10] [--connections 2] [--workers 1]
        [--only big_list_http,...] [--profile DIR] [--trace DIR] [--no-pin]

``--profile DIR`` records the server with py-spy during each phase
(``DIR/<attack>.txt``, collapsed stacks); py-spy is not a dependency of the
product: ``pip install py-spy``. ``--trace DIR`` records every context switch of
the machine with ``perf sched`` (Linux perf, as root) during each phase, and the
health requests slower than SLOW_SECONDS; ``bench/slow_requests.py DIR/<attack>``
then shows what ran on each core while each of them waited.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from _common import ROOT, graphql, scratch_database, served_app

sys.path.insert(0, str(ROOT))

from graphql import parse  # noqa: E402

from tests.fixtures import media as mf  # noqa: E402
from vector_gql.config import Settings  # noqa: E402
from vector_gql.graphql.cost import CostAnalysis  # noqa: E402
from vector_gql.graphql.schema import build_schema  # noqa: E402
from vector_gql.services.interviews.rules import MAX_QUESTIONS  # noqa: E402

PASSWORD = "correct horse battery"
HEALTH_INTERVAL = 0.01
CACHE = Path("/tmp/vector_abuse_bench")

COSTLY = (
    "{ "
    + " ".join(
        f"a{i}: interviews(first: 100) "
        "{ edges { node { questions { videoPrompt { url } } } } }"
        for i in range(5)
    )
    + " }"
)
REPEATED = (
    "query($ids: [ID!]!) { "
    + " ".join(
        f"a{i}: nodes(ids: $ids) {{ ... on VideoUpload {{ parts {{ partNumber url }} }} }}"
        for i in range(30)
    )
    + " }"
)
# Every field of interviews, their questions and prompts: scalars cost nothing, so this is
# the most work one unit of cost buys (bench/cost_bench.py measures it).
EVERY_FIELD = """query($n: Int!) { interviews(first: $n) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id title description status answerDeadline createdAt updatedAt
    questionsLocked creator { id username } organization { id name createdAt }
    questions { id position text thinkTimeSeconds answerTimeSeconds retakes
      videoPrompt { id title contentType sizeBytes durationSeconds width height codec sha256
        uploadedAt } } } } } }"""
BIG_LIST = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }"
UPLOAD = (
    "mutation($i: UploadVideoInput!) { uploadVideo(input: $i) { video { id } errors { code } } }"
)


# --- the attacks (each runs in its own process) --------------------------------------------


def _outcome(status: int, body: bytes) -> str:
    """A short name for how the server answered."""
    if status != 200:
        return f"HTTP {status}"
    try:
        data = json.loads(body)
    except ValueError:
        return "not JSON"
    for error in data.get("errors") or []:
        return (error.get("extensions") or {}).get("code") or error.get("message", "?")[:40]
    payload = (data.get("data") or {}).get("uploadVideo")
    if payload and payload.get("errors"):
        return payload["errors"][0]["code"]
    return "answered"


def _started() -> None:
    """Tell the bench the attack begins (imports and set-up are done)."""
    print("started", flush=True)


async def _http_attack(url: str, make_request, seconds: float, connections: int) -> dict:
    import httpx

    outcomes: collections.Counter[str] = collections.Counter()
    _started()
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=connections)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120) as http:

        async def loop() -> None:
            while time.monotonic() < deadline:
                try:
                    response = await make_request(http)
                    outcomes[_outcome(response.status_code, response.content)] += 1
                except httpx.HTTPError as exc:
                    outcomes[type(exc).__name__] += 1

        await asyncio.gather(*(loop() for _ in range(connections)))
    return dict(outcomes)


async def _ws_attack(url: str, message: str, seconds: float, connections: int) -> dict:
    import websockets

    outcomes: collections.Counter[str] = collections.Counter()
    _started()
    deadline = time.monotonic() + seconds
    ws_url = url.replace("http", "ws", 1) + "/graphql"

    async def loop() -> None:
        while time.monotonic() < deadline:
            try:
                async with websockets.connect(
                    ws_url,
                    subprotocols=[websockets.Subprotocol("graphql-transport-ws")],
                    max_size=None,
                    open_timeout=30,
                ) as ws:
                    await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
                    await ws.recv()
                    await ws.send(message)
                    reply = json.loads(await asyncio.wait_for(ws.recv(), timeout=120))
                    errors = (reply.get("payload") or {}).get("errors") or reply.get("payload")
                    outcomes[f"{reply.get('type')}: {str(errors)[:40]}"] += 1
            except websockets.ConnectionClosed as closed:
                outcomes[f"closed {closed.rcvd.code if closed.rcvd else '-'}"] += 1
            except (OSError, TimeoutError) as exc:
                outcomes[type(exc).__name__] += 1

    await asyncio.gather(*(loop() for _ in range(connections)))
    return dict(outcomes)


def _spin(seconds: float, connections: int) -> dict:
    """The control: the attacker's processes busy, as in an attack, with no request."""
    import multiprocessing

    _started()
    with multiprocessing.Pool(connections) as pool:
        spun = sum(pool.map(_spin_one, [seconds] * connections))
    return {f"no request, {spun} loops": 1}


def _spin_one(seconds: float) -> int:
    deadline = time.monotonic() + seconds
    loops = 0
    while time.monotonic() < deadline:
        loops += 1
    return loops


def attack_main(name: str, url: str, seed: dict, seconds: float, connections: int) -> dict:
    assert urlsplit(url).hostname == "127.0.0.1", "attacks target 127.0.0.1 only"
    if name == "control":
        return _spin(seconds, connections)
    auth = {"Authorization": f"Bearer {seed['token']}"}
    ids_1mb = ["1"] * ((Settings().max_json_body_bytes - 200) // 4)

    def post(query: str, variables: dict | None = None, headers: dict | None = None):
        # Encoded once, byte for byte as httpx's json= would, so that the attacker's
        # own CPU goes into sending rather than into encoding the same body again.
        body = json.dumps(
            {"query": query, "variables": variables or {}},
            ensure_ascii=False,
            separators=(",", ":"),
            allow_nan=False,
        ).encode()
        sent_headers = {**(headers or {}), "Content-Type": "application/json"}

        def send(http):
            return http.post("/graphql", content=body, headers=sent_headers)

        return send

    if name == "big_list_http":
        request = post(BIG_LIST, {"ids": ids_1mb})
    elif name == "big_list_ws":
        message = json.dumps(
            {
                "id": "1",
                "type": "subscribe",
                "payload": {"query": BIG_LIST, "variables": {"ids": ["1"] * (2 * 1024 * 1024)}},
            }
        )
        return asyncio.run(_ws_attack(url, message, seconds, connections))
    elif name == "costly_aliases":
        request = post(COSTLY, headers=auth)
    elif name == "repeated_uploads":
        request = post(REPEATED, {"ids": [seed["upload"]] * 100}, headers=auth)
    elif name == "under_max":
        request = post(EVERY_FIELD, {"n": seed["under_max_first"]}, headers=auth)
    elif name == "bomb":
        # Alternately a bomb that says what it is, and one whose AVI headers claim 64x64.
        bombs = [Path(path).read_bytes() for path in seed["bombs"]]
        operations = json.dumps({"query": UPLOAD, "variables": {"i": {"title": "x", "file": None}}})
        sent = iter(range(1 << 62))

        def request(http):
            return http.post(
                "/graphql",
                data={"operations": operations, "map": json.dumps({"0": ["variables.i.file"]})},
                files={"0": ("bomb.avi", bombs[next(sent) % 2], "video/x-msvideo")},
                headers={**auth, "Apollo-Require-Preflight": "true"},
            )
    else:
        raise SystemExit(f"unknown attack {name}")
    return asyncio.run(_http_attack(url, request, seconds, connections))


PHASES = [
    ("idle", None),
    ("0 control", "control"),
    ("1 big lists, HTTP", "big_list_http"),
    ("1 big lists, WebSocket", "big_list_ws"),
    ("2 costly aliases", "costly_aliases"),
    ("2 repeated upload IDs", "repeated_uploads"),
    ("2 just under the max", "under_max"),
    ("3 decompression bomb", "bomb"),
]


# --- the normal client -------------------------------------------------------------------


@dataclass
class Health:
    latencies: list[float] = field(default_factory=list)
    # How late the client itself woke for each request (its own scheduling delay).
    lags: list[float] = field(default_factory=list)
    failures: int = 0
    # (sent, answered) on the monotonic clock, for requests slower than SLOW_SECONDS.
    slow: list[tuple[float, float]] = field(default_factory=list)


SLOW_SECONDS = 0.0015


async def health_latencies(url: str, seconds: float) -> Health:
    """GET /healthz every HEALTH_INTERVAL on one keep-alive connection."""
    parts = urlsplit(url)
    request = f"GET /healthz HTTP/1.1\r\nHost: {parts.netloc}\r\n\r\n".encode()
    health = Health()
    deadline = time.monotonic() + seconds
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    try:
        while time.monotonic() < deadline:
            started = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = next(
                int(line.split(b":")[1])
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length")
            )
            await reader.readexactly(length)
            health.latencies.append(time.perf_counter() - started)
            if health.latencies[-1] > SLOW_SECONDS:
                answered = time.monotonic()
                health.slow.append((answered - health.latencies[-1], answered))
            if not head.startswith(b"HTTP/1.1 200"):
                health.failures += 1
            pause = max(0.0, HEALTH_INTERVAL - (time.perf_counter() - started))
            wake = time.perf_counter() + pause
            await asyncio.sleep(pause)
            health.lags.append(max(0.0, time.perf_counter() - wake))
    finally:
        writer.close()
    return health


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else float("nan")


# --- set-up -------------------------------------------------------------------------------


def _upload(url: str, token: str, path: Path) -> str:
    import httpx

    operations = {"query": UPLOAD, "variables": {"i": {"title": "Prompt", "file": None}}}
    with open(path, "rb") as handle:
        response = httpx.post(
            url + "/graphql",
            data={
                "operations": json.dumps(operations),
                "map": json.dumps({"0": ["variables.i.file"]}),
            },
            files={"0": (path.name, handle, "video/x-msvideo")},
            headers={"Authorization": f"Bearer {token}", "Apollo-Require-Preflight": "true"},
            timeout=60,
        )
    body = response.json()
    assert not body["data"]["uploadVideo"]["errors"], body
    return body["data"]["uploadVideo"]["video"]["id"]


def seed(url: str, interviews: int, prompts: int) -> dict:
    """An attacker with an organization full of interviews with video prompts."""
    CACHE.mkdir(exist_ok=True)
    bombs = [
        mf.mjpeg_avi(CACHE / "bomb.avi", frame_size=(16000, 16000)),
        mf.mjpeg_avi(CACHE / "liar.avi", frame_size=(16000, 16000), header_size=(64, 64)),
    ]
    clip = mf.mjpeg_avi(CACHE / "prompt.avi", frame_size=(64, 48))
    signup = graphql(
        url,
        "mutation($i: SignupInput!) { signup(input: $i) { accessToken errors { code } } }",
        {
            "i": {
                "username": "mallory",
                "email": "mallory@example.com",
                "password": PASSWORD,
                "password2": PASSWORD,
            }
        },
    )
    token = signup["data"]["signup"]["accessToken"]
    viewer = graphql(url, "{ viewer { memberships { organization { id } } } }", token=token)
    org = viewer["data"]["viewer"]["memberships"][0]["organization"]["id"]
    videos = [_upload(url, token, clip) for _ in range(prompts)]
    create = (
        "mutation($i: CreateInterviewInput!) { createInterview(input: $i) { errors { code } } }"
    )
    for n in range(interviews):
        questions = [
            {"text": f"Question {q + 1}", "videoPromptId": videos[(n + q) % prompts]}
            for q in range(MAX_QUESTIONS)
        ]
        body = graphql(
            url,
            create,
            {"i": {"organizationId": org, "title": f"Interview {n}", "questions": questions}},
            token=token,
        )
        assert body["data"]["createInterview"]["errors"] == [], body
    start = graphql(
        url,
        "mutation($i: StartVideoUploadInput!) { startVideoUpload(input: $i) { upload { id } } }",
        {"i": {"title": "Big", "filename": "big.mp4", "sizeBytes": 100 * 1024 * 1024}},
        token=token,
    )
    upload = start["data"]["startVideoUpload"]["upload"]["id"]
    return {
        "token": token,
        "upload": upload,
        "bombs": [str(b) for b in bombs],
        "under_max_first": under_max_first(),
    }


def under_max_first() -> int:
    """The most interviews whose every field fits under the default VECTOR_QUERY_COST_MAX."""
    defaults = Settings()
    analysis = CostAnalysis(build_schema(defaults)._schema, defaults)
    document = parse(EVERY_FIELD)

    def cost(n: int) -> int:
        found = analysis.cost(document, None, {"n": n}, query=EVERY_FIELD)
        assert found is not None
        return found.value

    return max(n for n in range(1, 101) if cost(n) <= defaults.query_cost_max)


async def _forget_budgets(database: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(database.replace("postgres://", "postgresql://", 1))
    try:
        await connection.execute("DELETE FROM query_budget")
    finally:
        await connection.close()


def _profiler(pid: int, attack: str | None, args) -> subprocess.Popen | None:
    """py-spy sampling the server for the phase's measured seconds (``--profile DIR``)."""
    if not args.profile:
        return None
    out = Path(args.profile) / f"{attack or 'idle'}.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    py_spy = Path(sys.executable).with_name("py-spy")
    command = [str(py_spy) if py_spy.exists() else "py-spy", "record", "--pid", str(pid)]
    command += ["--duration", str(int(args.seconds))]
    command += ["--format", "raw", "--nonblocking", "--output", str(out)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def run_queue_seconds(pid: int) -> float:
    """Time the server's threads spent runnable but waiting for a core (Linux schedstat)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            total += int((task / "schedstat").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return total / 1e9


def pin(pid: int, cores: set[int]) -> None:
    """Every thread of ``pid`` (threads it starts later inherit it) on ``cores``."""
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            os.sched_setaffinity(int(task.name), cores)
        except OSError:
            continue


def _lowest_priority() -> None:
    """The attacker's scheduling: any CPU the others leave, preempted whenever they wake."""
    os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))


@contextlib.contextmanager
def _realtime(enabled: bool) -> Iterator[None]:
    """The measuring client's thread at SCHED_FIFO 1 (its children do not inherit it)."""
    if not enabled:
        yield
        return
    try:
        os.sched_setscheduler(0, os.SCHED_FIFO | os.SCHED_RESET_ON_FORK, os.sched_param(1))
    except (PermissionError, OSError) as refused:
        print(f"  (the client could not take SCHED_FIFO: {refused}; measured at normal priority)")
        yield
        return
    try:
        yield
    finally:
        os.sched_setscheduler(0, os.SCHED_OTHER, os.sched_param(0))


def run_phase(url: str, name: str, attack: str | None, seed_data: dict, args, pid: int) -> dict:
    attacker = None
    if attack:
        attacker = subprocess.Popen(
            [sys.executable, __file__, "--attack", attack, url, json.dumps(seed_data)]
            + [str(args.seconds + 1), str(args.connections)],
            stdout=subprocess.PIPE,
            text=True,
            # Pinned, the attacker shares its core with the normal client only: a lower
            # priority keeps its CPU from delaying the client's wake-ups, and it still
            # gets all the CPU the client leaves.
            preexec_fn=_lowest_priority if args.pinned else None,
        )
        assert attacker.stdout is not None
        # Measured from the attacker's first request (its imports take a second or two):
        # a fresh attacker's first moment, with a full budget, is part of the attack.
        attacker.stdout.readline()
    profiler = _profiler(pid, attack, args)
    tracer = None
    if args.trace:
        trace = Path(args.trace) / f"{attack or 'idle'}"
        trace.parent.mkdir(parents=True, exist_ok=True)
        tracer = subprocess.Popen(
            ["perf", "sched", "record", "-k", "CLOCK_MONOTONIC", "-a", "-o", f"{trace}.perf"]
            + ["--", "sleep", str(args.seconds)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(0.3)
    with _realtime(args.pinned):
        health = asyncio.run(health_latencies(url, args.seconds))
    latencies, failures = health.latencies, health.failures
    if tracer is not None:
        tracer.wait()
        Path(f"{trace}.slow.json").write_text(json.dumps(health.slow))
    if profiler is not None:
        profiler.wait()
    outcomes: dict = {}
    if attacker is not None:
        try:
            out, _ = attacker.communicate(timeout=args.seconds + 180)
            outcomes = json.loads(out) if out.strip() else {"attacker failed": 1}
        except subprocess.TimeoutExpired:
            attacker.kill()
            attacker.wait()
            outcomes = {"attacker still waiting on the server": 1}
    return {
        "name": name,
        "count": len(latencies),
        "failures": failures,
        "p50": percentile(latencies, 0.50),
        "p99": percentile(latencies, 0.99),
        "max": max(latencies) * 1000 if latencies else float("nan"),
        "lag99": percentile(health.lags, 0.99),
        "outcomes": outcomes,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10, help="per phase")
    parser.add_argument("--connections", type=int, default=2, help="per attack")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--interviews", type=int, default=30)
    parser.add_argument("--prompts", type=int, default=20, help="distinct prompt videos")
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated attacks to run (idle always runs): "
        + ", ".join(attack for _, attack in PHASES if attack),
    )
    parser.add_argument(
        "--profile",
        default="",
        metavar="DIR",
        help="record the server with py-spy during each phase, as DIR/<attack>.txt",
    )
    parser.add_argument(
        "--trace",
        default="",
        metavar="DIR",
        help="record the machine's scheduling (perf sched) during each phase, as "
        "DIR/<attack>.perf, and the slow health requests, as DIR/<attack>.slow.json",
    )
    parser.add_argument(
        "--no-pin",
        dest="pin",
        action="store_false",
        help="let the server share every core with the attacker and the client",
    )
    args = parser.parse_args()
    only = {name for name in args.only.split(",") if name}
    phases = [(name, attack) for name, attack in PHASES if not only or not attack or attack in only]

    defaults = Settings()
    # The real limits, not the benchmarks' unlimited budget: they are what is measured.
    env = {
        "VECTOR_QUERY_COST_MAX": str(defaults.query_cost_max),
        "VECTOR_QUERY_BUDGET": str(defaults.query_budget),
        "VECTOR_QUERY_BUDGET_RESTORE": str(defaults.query_budget_restore_per_second),
        "VECTOR_BCRYPT_ROUNDS": "4",
    }
    with scratch_database() as database, served_app(database, workers=args.workers, **env) as app:
        cores = sorted(os.sched_getaffinity(0))
        pinned = args.pinned = args.pin and args.workers == 1 and len(cores) >= 2
        if pinned:
            # The server's own core; the attacker and the client share the others.
            pin(app.pid, {cores[0]})
            os.sched_setaffinity(0, set(cores[1:]))
        started = time.perf_counter()
        seed_data = seed(app.url, args.interviews, args.prompts)
        print(
            f"Seeded {args.interviews} interviews x {MAX_QUESTIONS} questions with "
            f"{args.prompts} prompt videos in {time.perf_counter() - started:.1f} s; "
            f"{args.workers} uvicorn workers, "
            f"{args.connections} attacking connections, {args.seconds:g} s a phase; "
            + (
                f"the server on core {cores[0]}, the attacker and the client on {cores[1:]}.\n"
                if pinned
                else "no core pinning.\n"
            ),
            file=sys.stderr,
        )
        results = []
        for name, attack in phases:
            # Each attack starts with a full budget, as a fresh attacker would.
            asyncio.run(_forget_budgets(database))
            cpu, waited = app.cpu_seconds(), run_queue_seconds(app.pid)
            result = run_phase(app.url, name, attack, seed_data, args, app.pid)
            result["cpu"] = app.cpu_seconds() - cpu
            result["waited"] = (run_queue_seconds(app.pid) - waited) * 1000 / args.seconds
            results.append(result)
            print(f"  {name}: p99 {result['p99']:.1f} ms", file=sys.stderr)

    idle = results[0]["p99"]
    header = (
        f"{'phase':<24} {'health':>7} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} "
        f"{'p99/idle':>9} {'server CPU s':>13} {'queued ms/s':>12} {'own lag':>8}  attacker got"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        outcomes = ", ".join(f"{k} x{v}" for k, v in sorted(r["outcomes"].items())) or "-"
        failed = f" ({r['failures']} failed)" if r["failures"] else ""
        print(
            f"{r['name']:<24} {r['count']:>7} {r['p50']:>8.2f} {r['p99']:>8.2f} {r['max']:>8.1f} "
            f"{r['p99'] / idle:>8.2f}x {r['cpu']:>13.1f} {r['waited']:>12.1f} {r['lag99']:>8.2f}"
            f"  {outcomes}{failed}"
        )
    worst = max(results[1:], key=lambda r: r["p99"])
    print(
        f"\nWorst: {worst['name']}, p99 {worst['p99'] / idle:.2f}x the idle p99 "
        f"({'under' if worst['p99'] < 2 * idle else 'over'} the 2x target)."
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--attack":
        name, url, seed_json, seconds, connections = sys.argv[2:7]
        result = attack_main(name, url, json.loads(seed_json), float(seconds), int(connections))
        print(json.dumps(result))
    else:
        main()
