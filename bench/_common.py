"""Shared pieces of the benchmarks: a scratch database, a served app, a load loop.

Every benchmark targets 127.0.0.1 only and stops by itself (bounded request
counts or durations). Figures are printed, never asserted.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
BENCH = ROOT / "bench"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/test"
# Throughput benchmarks lift the query cost limits: they drive the server as one user,
# far faster than anyone would, with pages larger than VECTOR_QUERY_COST_MAX allows.
UNLIMITED_BUDGET = 10**12
UNLIMITED_COST = 10**9

# Benchmark the checkout this file belongs to, not whatever vector_gql the
# interpreter would import (an editable install may point at another worktree).
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

from vector_gql.config import Settings  # noqa: E402


def without_query_limits(settings: Settings) -> Settings:
    """``settings`` with the query cost limit lifted and a budget that never runs out."""
    return dataclasses.replace(
        settings,
        query_cost_max=UNLIMITED_COST,
        query_budget=UNLIMITED_BUDGET,
        query_budget_restore_per_second=UNLIMITED_BUDGET,
    )


def source_env(**env: str) -> dict[str, str]:
    """os.environ for a subprocess that must import this checkout's vector_gql."""
    paths = [str(SRC), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(dict.fromkeys(paths)), **env}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def scratch_database() -> Iterator[str]:
    """A new database on the benchmark server, dropped afterwards."""
    import asyncpg

    server = os.environ.get("VECTOR_BENCH_DATABASE_URL", DEFAULT_SERVER)
    name = f"vector_bench_{uuid.uuid4().hex[:8]}"
    admin_url = server.replace("postgres://", "postgresql://", 1)

    async def admin(sql: str) -> None:
        conn = await asyncpg.connect(admin_url)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    try:
        yield urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@dataclass
class ServedApp:
    url: str
    process: subprocess.Popen

    @property
    def pid(self) -> int:
        return self.process.pid

    def cpu_seconds(self) -> float:
        return server_cpu_seconds(self.pid)


@contextlib.contextmanager
def _served(argv: list[str], env: dict[str, str], port: int, ready: str) -> Iterator[ServedApp]:
    """A server in a subprocess, until it answers 200 at ``ready``; stopped afterwards."""
    url = f"http://127.0.0.1:{port}"
    log_path = f"/tmp/vector-bench-{port}.log"
    log = open(log_path, "w")  # noqa: SIM115
    process = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(url + ready, timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"server did not start; see {log_path}")
            time.sleep(0.2)
        yield ServedApp(url, process)
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@contextlib.contextmanager
def served_app(database_url: str, *, workers: int = 2, **env: str) -> Iterator[ServedApp]:
    """``vector-gql serve`` in a subprocess; yields its base URL and pid once ready."""
    port = free_port()
    data_dir = Path(f"/tmp/vector-bench-{port}")
    defaults = {
        "VECTOR_DATABASE_URL": database_url,
        # links the app signs (disk storage) point back at it
        "VECTOR_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "VECTOR_DATA_DIR": str(data_dir),
        "VECTOR_LOG_LEVEL": "WARNING",
        "VECTOR_BCRYPT_ROUNDS": "12",
        # A budget that never runs out keeps the charge in the figures (its leases: a
        # statement per worker a second) without throttling them. The default budget
        # (10,000, 200 a second) would refuse the load at once: a page of 20
        # interviews with their questions costs about 2,000. ``env`` may set it.
        "VECTOR_QUERY_COST_MAX": str(UNLIMITED_COST),
        "VECTOR_QUERY_BUDGET": str(UNLIMITED_BUDGET),
        "VECTOR_QUERY_BUDGET_RESTORE": str(UNLIMITED_BUDGET),
    }
    environment = source_env(**{**defaults, **env})
    argv = [sys.executable, "-m", "vector_gql.cli", "serve"]
    argv += ["--port", str(port), "--workers", str(workers)]
    try:
        with _served(argv, environment, port, "/readyz") as server:
            yield server
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


@contextlib.contextmanager
def served_floor(database_url: str, *, workers: int = 2, **env: str) -> Iterator[ServedApp]:
    """bench/floor_app.py under uvicorn, with the same workers and HTTP stack as the app."""
    port = free_port()
    environment = source_env(VECTOR_DATABASE_URL=database_url, **env)
    argv = [sys.executable, "-m", "uvicorn", "floor_app:app", "--app-dir", str(BENCH)]
    argv += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    argv += ["--log-level", "warning", "--no-access-log"]
    with _served(argv, environment, port, "/readyz") as server:
        yield server


def server_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by a process and its descendants.

    Unlike req/s, this does not move when other jobs compete for the CPU, so
    it compares two builds fairly on a busy machine. Linux /proc only; NaN
    elsewhere.
    """
    try:
        ticks = os.sysconf("SC_CLK_TCK")
        stats = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError):
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                    # after the name: state ppid ... utime(12) stime(13)
                    stats[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    except OSError:
        return float("nan")
    tree, total = {pid}, 0
    changed = True
    while changed:
        changed = False
        for child, (parent, _) in stats.items():
            if parent in tree and child not in tree:
                tree.add(child)
                changed = True
    for member in tree:
        if member in stats:
            total += stats[member][1]
    return total / ticks


def graphql(url: str, query: str, variables: dict | None = None, token: str | None = None):
    """One blocking GraphQL call (for seeding)."""
    request = urllib.request.Request(
        url + "/graphql",
        data=json.dumps({"query": query, "variables": variables or {}}).encode(),
        headers={
            "Content-Type": "application/json",
            **({"Authorization": f"Bearer {token}"} if token else {}),
        },
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


@dataclass
class Stats:
    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def pct(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    def row(self, label: str) -> str:
        return (
            f"{label:<44} {self.requests:>7} req {self.rps:>8.0f} req/s "
            f"p50 {self.pct(0.50):>7.2f} ms  p99 {self.pct(0.99):>7.2f} ms  errors {self.errors}"
        )

    @property
    def mean_ms(self) -> float:
        return statistics.fmean(self.latencies) * 1000 if self.latencies else float("nan")


def post_request(url: str, body: dict, token: str | None = None) -> bytes:
    """A raw HTTP/1.1 keep-alive POST of a JSON body to url's path."""
    parts = urlsplit(url)
    payload = json.dumps(body).encode()
    headers = [
        f"POST {parts.path or '/'} HTTP/1.1",
        f"Host: {parts.netloc}",
        "Content-Type: application/json",
        f"Content-Length: {len(payload)}",
    ]
    if token:
        headers.append(f"Authorization: Bearer {token}")
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + payload


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.lower() == "content-length":
            length = int(value.strip())
    body = await reader.readexactly(length) if length else b""
    return status, body


async def load(
    url: str,
    request: bytes | list[bytes],
    *,
    concurrency: int,
    total: int | None = None,
    duration: float | None = None,
    check: bytes | None = None,
) -> Stats:
    """Send ``request`` over ``concurrency`` keep-alive connections.

    Stops after ``total`` requests or ``duration`` seconds, whichever comes first.
    A response counts as an error unless it is 200 (and contains ``check``).
    """
    assert total or duration, "a load must be bounded"
    parts = urlsplit(url)
    host, port = parts.hostname, parts.port or 80
    assert host in ("127.0.0.1", "localhost"), "benchmarks target this machine only"
    latencies: list[float] = []
    errors = 0
    sent = 0
    started = time.perf_counter()
    deadline = started + duration if duration else float("inf")

    requests = request if isinstance(request, list) else [request]

    async def worker(index: int) -> None:
        nonlocal errors, sent
        own_request = requests[index % len(requests)]
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while time.perf_counter() < deadline and (total is None or sent < total):
                sent += 1
                t0 = time.perf_counter()
                writer.write(own_request)
                status, body = await _read_response(reader)
                latencies.append(time.perf_counter() - t0)
                if status != 200 or (check is not None and check not in body):
                    errors += 1
        finally:
            writer.close()

    await asyncio.gather(*(worker(i) for i in range(concurrency)))
    return Stats(len(latencies), errors, time.perf_counter() - started, latencies)


# --- wrk, the load generator of the A/B benchmarks -----------------------------------

# Sends one fixed request; counts answers that are not 200 or carry an error
# (a GraphQL error, or a payload's non-empty ``errors``), and prints the figures
# on one line for ``wrk()`` to read.
_WRK_SCRIPT = """
wrk.method = "POST"
wrk.body = [==[%(body)s]==]
wrk.headers["Content-Type"] = "application/json"
%(headers)s
bad = 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function response(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"%%s*:%%s*%%[%%s*{') then bad = bad + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("bad") end
  local e = summary.errors
  io.write(string.format(
    "WRK requests=%%d duration_us=%%d p50_us=%%d p99_us=%%d bad=%%d "
    .. "connect=%%d read=%%d write=%%d status=%%d timeout=%%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    total, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def require_wrk() -> str:
    """The path of wrk, or exit saying how to install it."""
    path = shutil.which("wrk")
    if path is None:
        sys.exit(
            "wrk is not installed, and this benchmark needs it: it drives both servers from "
            "a separate process with an event-loop load generator written in C, so the "
            "generator does not compete with them as a Python one would.\n"
            "Install it from Debian: apt-get install wrk   (as root, or with sudo)"
        )
    return path


@dataclass
class WrkResult:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    bad: int  # answers that were not 200, or carried errors
    socket_errors: int  # connect, read, write errors and timeouts

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def wrk(
    url: str,
    body: dict,
    *,
    token: str | None = None,
    duration: float,
    connections: int,
    threads: int,
    timeout: float = 10.0,
) -> WrkResult:
    """POST ``body`` to ``url`` with wrk for ``duration`` whole seconds, keep-alive."""
    assert urlsplit(url).hostname == "127.0.0.1", "benchmarks target this machine only"
    headers = f'wrk.headers["Authorization"] = "Bearer {token}"' if token else ""
    script = _WRK_SCRIPT % {"body": json.dumps(body), "headers": headers}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script)
    seconds = max(1, round(duration))
    try:
        run = subprocess.run(
            [require_wrk(), f"-t{threads}", f"-c{connections}", f"-d{seconds}s"]
            + [f"--timeout={round(timeout)}s", "-s", file.name, url],
            capture_output=True,
            text=True,
            timeout=seconds + timeout + 30,
        )
    finally:
        os.unlink(file.name)
    out = run.stdout
    if run.returncode != 0:
        raise RuntimeError(f"wrk failed ({run.returncode}):\n{out}{run.stderr}")
    line = next((ln for ln in out.splitlines() if ln.startswith("WRK ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result:\n{out}")
    figures = {k: int(v) for k, v in (item.split("=") for item in line.split()[1:])}
    return WrkResult(
        requests=figures["requests"],
        seconds=figures["duration_us"] / 1e6,
        p50_ms=figures["p50_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        bad=figures["bad"] + figures["status"],
        socket_errors=sum(figures[k] for k in ("connect", "read", "write", "timeout")),
    )
