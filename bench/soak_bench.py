"""Soak: a mixed read, write and upload load at 80% of measured capacity, for a while.

Serves the app with ``vector-gql serve --workers 2`` (a fresh database on the
PostgreSQL at ``VECTOR_BENCH_DATABASE_URL``, default
``postgres://postgres@127.0.0.1:5432/test``, dropped after the run; disk
storage, or a SeaweedFS of its own with ``--s3``) and then:

1. measures capacity: the mix as fast as ``--concurrency`` clients can send it,
   for ``--capacity-seconds``;
2. warms up at ``--load`` (default 80%) of that rate for ``--warmup`` seconds,
   then reads the server's RSS (all its processes);
3. holds the same rate for ``--duration`` seconds (600 for the figure we
   report), sampling RSS every ``--sample`` seconds;

and prints the requests, errors (HTTP errors, GraphQL errors and payload
errors alike), latencies, the rate reached, and RSS at the end against RSS
after warm-up. The mix: 60% reads (an interviews page, the viewer with its
memberships), 30% writes (create an interview, rename one), 10% uploads of a
small video through ``uploadVideo``. Only 127.0.0.1 is targeted, and the run
stops by itself.

    python bench/soak_bench.py                       # the 10-minute figure
    python bench/soak_bench.py --duration 30 --warmup 10 --capacity-seconds 10   # smoke
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _common import ROOT, Stats, graphql, scratch_database, served_app

sys.path.insert(0, str(ROOT))  # tests.fixtures: the clip and SeaweedFS

PASSWORD = "correct horse battery staple"
SIGNUP = """mutation($u: String!, $e: String!, $p: String!) { signup(input: {username: $u,
  email: $e, password: $p, password2: $p}) { accessToken errors { code } } }"""
VIEWER = "query { viewer { id username memberships { role organization { id name } } } }"
INTERVIEWS = """query { interviews(first: 20, orderBy: {field: CREATED_AT, direction: DESC}) {
  totalCount edges { node { id title status questions { text } creator { username } } } } }"""
CREATE = """mutation($org: ID!, $title: String!) { createInterview(input: {organizationId: $org,
  title: $title, description: "Soak", questions: [{text: "One?"}, {text: "Two?"},
  {text: "Three?"}]}) { interview { id } errors { code } } }"""
RENAME = """mutation($id: ID!, $title: String!) { updateInterview(input: {interviewId: $id,
  title: $title}) { interview { id } errors { code } } }"""
UPLOAD = """mutation($input: UploadVideoInput!) { uploadVideo(input: $input) {
  video { id } errors { code } } }"""


def rss_bytes(pid: int) -> dict[int, int]:
    """Resident memory of a process and each of its descendants, by pid (Linux /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                parents[int(entry.name)] = int(fields[1])
    tree = {pid}
    changed = True
    while changed:
        changed = False
        for child, parent in parents.items():
            if parent in tree and child not in tree:
                tree.add(child)
                changed = True
    sizes = {}
    for member in tree:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{member}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes[member] = int(line.split()[1]) * 1024
    return sizes


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    late: int = 0

    def stats(self, seconds: float) -> Stats:
        return Stats(len(self.latencies), sum(self.errors.values()), seconds, self.latencies)


class Mix:
    """One client's view of the app: tokens, its organization, interviews to rename."""

    def __init__(self, url: str, users: list[dict], clip: bytes) -> None:
        self.url = url
        self.users = users
        self.clip = clip
        self.rng = random.Random(7)
        self.count = 0

    def pick(self) -> str:
        roll = self.rng.random()
        if roll < 0.35:
            return "interviews"
        if roll < 0.60:
            return "viewer"
        if roll < 0.78:
            return "create"
        if roll < 0.90:
            return "rename"
        return "upload"

    async def one(self, client, kind: str, tally: Tally) -> None:
        user = self.rng.choice(self.users)
        self.count += 1
        headers = {"Authorization": f"Bearer {user['token']}"}
        if kind == "upload":
            operations = {
                "query": UPLOAD,
                "variables": {"input": {"title": f"Soak {self.count}", "file": None}},
            }
            request = client.post(
                "/graphql",
                data={
                    "operations": json.dumps(operations),
                    "map": json.dumps({"0": ["variables.input.file"]}),
                },
                files={"0": ("clip.mp4", self.clip, "video/mp4")},
                headers={**headers, "Apollo-Require-Preflight": "true"},
            )
        else:
            body: dict[str, Any]
            if kind == "interviews":
                body = {"query": INTERVIEWS}
            elif kind == "viewer":
                body = {"query": VIEWER}
            elif kind == "create" or not user["interviews"]:
                kind = "create"
                body = {"query": CREATE, "variables": {"org": user["org"], "title": "Soak"}}
            else:
                target = self.rng.choice(user["interviews"])
                body = {"query": RENAME, "variables": {"id": target, "title": f"R{self.count}"}}
            request = client.post("/graphql", json=body, headers=headers)
        started = time.perf_counter()
        try:
            response = await request
        except Exception as exc:  # transport failures count as errors, with their type
            tally.errors[f"{kind}: {type(exc).__name__}"] += 1
            return
        tally.latencies.append(time.perf_counter() - started)
        tally.kinds[kind] += 1
        if response.status_code != 200:
            tally.errors[f"{kind}: HTTP {response.status_code}"] += 1
            return
        answer = response.json()
        if answer.get("errors"):
            code = answer["errors"][0].get("extensions", {}).get("code", "?")
            tally.errors[f"{kind}: {code}"] += 1
            return
        payload = next(iter(answer["data"].values()))
        if isinstance(payload, dict) and payload.get("errors"):
            tally.errors[f"{kind}: {payload['errors'][0]['code']}"] += 1
            return
        if kind == "create" and len(user["interviews"]) < 50:
            user["interviews"].append(payload["interview"]["id"])


def _limits(concurrency: int):
    import httpx

    # Idle connections are dropped well before uvicorn's 5 s keep-alive timeout, so a
    # request is never sent on a connection the server is closing at that moment.
    return httpx.Limits(
        max_connections=concurrency, max_keepalive_connections=concurrency, keepalive_expiry=2
    )


async def closed_loop(mix: Mix, seconds: float, concurrency: int) -> tuple[Tally, float]:
    import httpx

    tally = Tally()
    deadline = time.monotonic() + seconds
    limits = _limits(concurrency)
    async with httpx.AsyncClient(base_url=mix.url, limits=limits, timeout=60) as client:

        async def worker() -> None:
            while time.monotonic() < deadline:
                await mix.one(client, mix.pick(), tally)

        started = time.monotonic()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return tally, time.monotonic() - started


async def open_loop(
    mix: Mix, seconds: float, rate: float, concurrency: int, on_tick=None, tick: float = 60
) -> tuple[Tally, float]:
    """Start requests at a fixed rate (at most ``concurrency`` in flight) for ``seconds``."""
    import httpx

    tally = Tally()
    limits = _limits(concurrency)
    slots = asyncio.Semaphore(concurrency)
    pending: set[asyncio.Task[None]] = set()
    async with httpx.AsyncClient(base_url=mix.url, limits=limits, timeout=60) as client:
        started = time.monotonic()
        next_tick = started + tick
        n = 0
        while True:
            now = time.monotonic()
            if now - started >= seconds:
                break
            due = started + n / rate
            if due > now:
                await asyncio.sleep(due - now)
            elif now - due > 1.0:
                tally.late += 1  # the server fell behind the schedule
            n += 1
            await slots.acquire()

            async def send() -> None:
                try:
                    await mix.one(client, mix.pick(), tally)
                finally:
                    slots.release()

            task = asyncio.create_task(send())
            pending.add(task)
            task.add_done_callback(pending.discard)
            if on_tick is not None and time.monotonic() >= next_tick:
                on_tick(time.monotonic() - started)
                next_tick += tick
        if pending:
            await asyncio.wait(pending)
        return tally, time.monotonic() - started


def seed(url: str, users: int) -> list[dict]:
    seeded = []
    for n in range(users):
        name = f"soak{n}"
        answer = graphql(url, SIGNUP, {"u": name, "e": f"{name}@example.com", "p": PASSWORD})
        token = answer["data"]["signup"]["accessToken"]
        viewer = graphql(url, VIEWER, token=token)["data"]["viewer"]
        org = viewer["memberships"][0]["organization"]["id"]
        seeded.append({"token": token, "org": org, "interviews": []})
    return seeded


def make_clip() -> bytes:
    from tests.fixtures.media import make_video

    with tempfile.TemporaryDirectory() as folder:
        path = make_video(Path(folder) / "clip.mp4", seconds=1, size=(160, 120))
        return path.read_bytes()


def mb(value: float) -> str:
    return f"{value / 1024 / 1024:.1f} MB"


def report(label: str, tally: Tally, seconds: float) -> None:
    print(tally.stats(seconds).row(label))
    if tally.errors:
        for reason, count in tally.errors.most_common():
            print(f"    error {reason}: {count}")
    if tally.late:
        print(f"    started over a second late: {tally.late}")


def run(args: argparse.Namespace, database_url: str, extra_env: dict[str, str]) -> int:
    with served_app(database_url, workers=args.workers, **extra_env) as app:
        mix = Mix(app.url, seed(app.url, args.users), make_clip())
        print(f"serving on {app.url} with {args.workers} workers; {args.users} users seeded")

        capacity, seconds = asyncio.run(closed_loop(mix, args.capacity_seconds, args.concurrency))
        report(f"capacity ({args.concurrency} clients, closed loop)", capacity, seconds)
        rate = capacity.stats(seconds).rps * args.load
        print(f"target rate: {rate:.1f} req/s ({args.load:.0%} of capacity)")

        warm, seconds = asyncio.run(open_loop(mix, args.warmup, rate, args.concurrency * 4))
        report("warm-up", warm, seconds)
        baseline = rss_bytes(app.pid)
        print(f"RSS after warm-up: {mb(sum(baseline.values()))} ({len(baseline)} processes)")

        samples: list[tuple[float, int]] = []

        def sample(elapsed: float) -> None:
            total = sum(rss_bytes(app.pid).values())
            samples.append((elapsed, total))
            print(f"  {elapsed:6.0f} s  RSS {mb(total)}", flush=True)

        soak, seconds = asyncio.run(
            open_loop(mix, args.duration, rate, args.concurrency * 4, sample, args.sample)
        )
        end = rss_bytes(app.pid)
        report(f"soak at {rate:.1f} req/s for {args.duration:.0f} s", soak, seconds)
        print("    by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(soak.kinds.items())))
        before, after = sum(baseline.values()), sum(end.values())
        growth = (after - before) / before if before else float("nan")
        print(f"RSS at the end: {mb(after)} vs {mb(before)} after warm-up ({growth:+.1%})")
        for pid in sorted(end):
            print(f"    pid {pid}: {mb(baseline.get(pid, 0))} -> {mb(end[pid])}")
        errors = sum(soak.errors.values())
        within = abs(growth) <= 0.10
        print(
            f"verdict: {errors} errors of {len(soak.latencies) + errors} requests; "
            f"RSS {'within' if within else 'NOT within'} 10% of warm-up"
        )
        return 0 if errors == 0 and within else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=600, help="soak seconds (600)")
    parser.add_argument("--warmup", type=float, default=60, help="warm-up seconds (60)")
    parser.add_argument("--capacity-seconds", type=float, default=30, help="capacity run (30)")
    parser.add_argument("--load", type=float, default=0.8, help="share of capacity (0.8)")
    parser.add_argument("--concurrency", type=int, default=16, help="clients (16)")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers (2)")
    parser.add_argument("--users", type=int, default=8, help="accounts in the mix (8)")
    parser.add_argument("--sample", type=float, default=60, help="RSS sample every N s (60)")
    parser.add_argument("--s3", action="store_true", help="store in a SeaweedFS of its own")
    args = parser.parse_args()
    with scratch_database() as database_url:
        if not args.s3:
            return run(args, database_url, {})
        import boto3

        from tests.fixtures.seaweed import SeaweedS3

        with SeaweedS3() as weed:
            bucket = "vector-soak"
            boto3.client(
                "s3",
                endpoint_url=weed.endpoint_url,
                region_name=weed.region,
                aws_access_key_id=weed.access_key,
                aws_secret_access_key=weed.secret_key,
            ).create_bucket(Bucket=bucket)
            env = {k: v for k, v in weed.env().items() if k != "VECTOR_TEST_S3_ENDPOINT_URL"}
            return run(args, database_url, {**env, "VECTOR_S3_BUCKET": bucket})


if __name__ == "__main__":
    sys.exit(main())
