"""The API against its raw floor: the same operations, data and load, side by side.

Seeds 1,000 interviews x 5 questions (``interviews_bench.seed``) in a scratch
database on ``VECTOR_BENCH_DATABASE_URL`` (default
``postgres://postgres@127.0.0.1:5432/test``), then serves it twice, each with
2 uvicorn workers on a free port of 127.0.0.1: the API (``vector-gql serve``)
and the floor (``floor_app.py``: Starlette + asyncpg, no ORM, no GraphQL, the
same JSON). For each operation it first checks that both answer the same JSON,
then drives them with wrk from a separate process, alternating floor and API
(A/B/A/B) so that both see the same machine, and prints for each side req/s,
p50, p99, the server's CPU time per request (all its processes, from /proc:
steadier than req/s when other jobs compete for the CPU), the SQL statements
per request, and the API's ratio to the floor.

A figure for the API alone says little on a shared machine; its ratio to the
floor, measured in the same run with the same generator, is what to compare.

    python bench/floor_bench.py [--duration 10] [--rounds 2] [--connections 32]
        [--only viewer,node] [--app-env VECTOR_COMPILED_EXECUTION=0]

Needs wrk (Debian package ``wrk``).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import statistics
import sys
import tempfile
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from _common import (
    WrkResult,
    require_wrk,
    scratch_database,
    served_app,
    served_floor,
    server_cpu_seconds,
    without_query_limits,
    wrk,
)
from floor_app import CREATE_INTERVIEW_MUTATION, INTERVIEWS_QUERY, NODE_QUERY, VIEWER_QUERY
from interviews_bench import INTERVIEWS, QUESTIONS_EACH, seed

SECRET = "floor-benchmark-secret-" + "x" * 32
# (label, target ratio of req/s to the floor or None, target p99 multiple or None)
SCENARIOS = {
    "first20": ("interviews(first: 20)", 0.5, 2.0),
    "first100": ("interviews(first: 100)", 0.4, None),
    "viewer": ("viewer", 0.6, None),
    "node": ("node(id:) with questions", None, None),
    # Last: every request adds an interview, which the pages above would count.
    "create": ("createInterview, 5 questions", None, None),
}


@dataclass
class Side:
    runs: list[WrkResult] = field(default_factory=list)
    cpu_seconds: float = 0.0
    statements: int | None = None

    @property
    def requests(self) -> int:
        return sum(r.requests for r in self.runs)

    def mean(self, name: str) -> float:
        return statistics.fmean(getattr(r, name) for r in self.runs)

    @property
    def cpu_ms(self) -> float:
        return self.cpu_seconds * 1000 / self.requests if self.requests else float("nan")

    @property
    def failures(self) -> int:
        return sum(r.bad + r.socket_errors for r in self.runs)


async def prepare(database_url: str) -> tuple[str, dict[str, dict], dict[str, int]]:
    """Seed the data; return a token, each scenario's request body and its statement count."""
    import httpx
    from tortoise import connections

    from vector_gql import db
    from vector_gql.app import create_app
    from vector_gql.config import Settings
    from vector_gql.statements import count_statements

    await db.migrate(database_url)
    await db.init_orm(database_url)
    settings = without_query_limits(
        Settings(
            env="development",
            bcrypt_rounds=4,
            data_dir=Path(tempfile.mkdtemp(prefix="vector-floor-bench-")),
            jwt_secret=SECRET,
            access_token_seconds=24 * 3600,  # outlives any run
        )
    )
    app = create_app(settings, manage_database=False)
    services = app.state.services
    try:
        token = await seed(services)
        conn = connections.get("default")
        _, rows = await conn.execute_query(
            "SELECT min(organization_id), max(id) FROM interview_interview"
        )
        org_id, interview_id = rows[0][0], rows[0][1]
        bodies = {
            "first20": {"query": INTERVIEWS_QUERY, "variables": {"first": 20}},
            "first100": {"query": INTERVIEWS_QUERY, "variables": {"first": 100}},
            "viewer": {"query": VIEWER_QUERY, "variables": {}},
            "node": {"query": NODE_QUERY, "variables": {"id": _gid("Interview", interview_id)}},
            "create": {
                "query": CREATE_INTERVIEW_MUTATION,
                "variables": {
                    "input": {
                        "organizationId": _gid("Organization", org_id),
                        "title": "Backend engineer",
                        "description": "Five questions, two minutes each.",
                        "questions": [
                            {"text": f"Question {i}: tell us about a system you built."}
                            for i in range(1, 6)
                        ],
                    }
                },
            },
        }
        counts = {}
        transport = httpx.ASGITransport(app=app)
        headers = {"Authorization": f"Bearer {token}"}
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
            for name, body in bodies.items():
                with count_statements() as log:
                    response = await http.post("/graphql", json=body, headers=headers)
                assert b'"errors":[{' not in response.content, response.text
                counts[name] = log.count
        return token, bodies, counts
    finally:
        await services.close()
        await db.close_orm()


def _gid(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def _post(url: str, body: dict, token: str) -> dict:
    request = urllib.request.Request(
        url + "/graphql",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        answer: dict = json.loads(response.read())
    return answer


def _without_new_ids(value):
    """IDs of rows a mutation created differ between the servers: keep only their type."""
    if isinstance(value, dict):
        return {
            k: base64.b64decode(v).split(b":")[0].decode() if k == "id" else _without_new_ids(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_without_new_ids(v) for v in value]
    return value


def check_same_answer(name: str, floor_url: str, app_url: str, body: dict, token: str) -> None:
    floor, api = _post(floor_url, body, token), _post(app_url, body, token)
    # The API reports what the operation cost (graphql/cost.py); the floor has no such thing.
    api.pop("extensions", None)
    if name == "create":
        floor, api = _without_new_ids(floor), _without_new_ids(api)
    if floor != api or "errors" in api:
        sys.exit(
            f"{SCENARIOS[name][0]}: the floor and the API answer differently.\n"
            f"floor: {json.dumps(floor)[:600]}\nAPI:   {json.dumps(api)[:600]}"
        )


def measure(server, body: dict, token: str, side: Side | None, args) -> None:
    """One wrk run against one server; recorded in ``side`` unless it is a warm-up."""
    duration = args.duration if side is not None else args.warmup
    cpu = server_cpu_seconds(server.pid)
    result = wrk(
        server.url + "/graphql",
        body,
        token=token,
        duration=duration,
        connections=args.connections,
        threads=args.threads,
    )
    if side is not None:
        side.cpu_seconds += server_cpu_seconds(server.pid) - cpu
        side.runs.append(result)


def report(results: dict[str, tuple[Side, Side]], args) -> None:
    print(
        f"\nwrk -t{args.threads} -c{args.connections}, {args.rounds} x {args.duration:g}s per "
        f"side, alternating floor and API; {args.workers} uvicorn workers each; "
        f"{INTERVIEWS:,} interviews x {QUESTIONS_EACH} questions\n"
    )
    header = (
        f"{'operation':<30} {'server':<6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'CPU ms/req':>11} {'SQL/req':>8} {'failed':>7}"
    )
    print(header)
    print("-" * len(header))
    for name, (floor, api) in results.items():
        label, target_rps, target_p99 = SCENARIOS[name]
        for title, side in (("floor", floor), ("API", api)):
            print(
                f"{label if title == 'floor' else '':<30} {title:<6} {side.mean('rps'):>8.1f} "
                f"{side.mean('p50_ms'):>8.1f} {side.mean('p99_ms'):>8.1f} {side.cpu_ms:>11.2f} "
                f"{side.statements if side.statements is not None else '':>8} "
                f"{side.failures:>7}"
            )
        rps = api.mean("rps") / floor.mean("rps") if floor.mean("rps") else float("nan")
        p99 = api.mean("p99_ms") / floor.mean("p99_ms") if floor.mean("p99_ms") else float("nan")
        cpu = api.cpu_ms / floor.cpu_ms if floor.cpu_ms else float("nan")
        targets = []
        if target_rps is not None:
            targets.append(f"req/s >= {target_rps}x: {'met' if rps >= target_rps else 'NOT met'}")
        if target_p99 is not None:
            targets.append(f"p99 <= {target_p99}x: {'met' if p99 <= target_p99 else 'NOT met'}")
        print(
            f"{'':<30} {'ratio':<6} {rps:>8.2f} {'':>8} {p99:>7.1f}x {cpu:>10.1f}x"
            + (f"   target {'; '.join(targets)}" if targets else "")
        )
    print(
        "\nratio: the API's req/s as a fraction of the floor's; p99 and CPU per request as "
        "multiples of the floor's."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=10, help="seconds per timed run")
    parser.add_argument("--warmup", type=float, default=2, help="seconds per side, untimed")
    parser.add_argument("--rounds", type=int, default=2, help="floor/API pairs per operation")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", default="", help=f"comma-separated, of {', '.join(SCENARIOS)}")
    parser.add_argument(
        "--app-env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a setting for the API server, e.g. VECTOR_COMPILED_EXECUTION=0",
    )
    args = parser.parse_args()
    require_wrk()
    names = [n.strip() for n in args.only.split(",") if n.strip()] or list(SCENARIOS)
    unknown = set(names) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown operations: {', '.join(sorted(unknown))}")
    app_env = dict(item.split("=", 1) for item in args.app_env)

    with scratch_database() as database:
        token, bodies, statements = asyncio.run(prepare(database))
        env = {"VECTOR_ENV": "development", "VECTOR_JWT_SECRET": SECRET}
        with (
            served_floor(database, workers=args.workers, **env) as floor_server,
            served_app(database, workers=args.workers, **env, **app_env) as app_server,
        ):
            results: dict[str, tuple[Side, Side]] = {}
            for name in [n for n in SCENARIOS if n in names]:
                body = bodies[name]
                check_same_answer(name, floor_server.url, app_server.url, body, token)
                floor, api = (
                    Side(statements=_floor_statements(name)),
                    Side(statements=statements[name]),
                )
                if args.warmup > 0:
                    measure(floor_server, body, token, None, args)
                    measure(app_server, body, token, None, args)
                for _ in range(args.rounds):
                    measure(floor_server, body, token, floor, args)
                    measure(app_server, body, token, api, args)
                results[name] = (floor, api)
                print(f"{SCENARIOS[name][0]}: done", file=sys.stderr)
    report(results, args)


def _floor_statements(name: str) -> int:
    """The floor's statements per request, as floor_app.py sends them."""
    # Authentication, then: page, count, questions, creators | node, questions |
    # membership, interview, questions (BEGIN and COMMIT not counted, as for the API).
    return {"first20": 5, "first100": 5, "viewer": 1, "node": 3, "create": 4}[name]


if __name__ == "__main__":
    main()
