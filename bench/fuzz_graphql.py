"""A long schemathesis run against ``vector-gql serve`` on a scratch database.

    python bench/fuzz_graphql.py [--cases 10000]

Runs ``--cases`` generated operations anonymously and as many again as a
signed-in recruiter (20,000 by default), and prints how many cases ran, their
HTTP statuses, and every server error or "Unexpected error." found (exit 1 if
any). Needs PostgreSQL at VECTOR_TEST_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/test).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
import uuid
from pathlib import Path

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.fixtures.fuzz import Report, fuzz, served, sign_up_recruiter  # noqa: E402


async def _admin(server: str, statement: str) -> None:
    connection = await asyncpg.connect(server.replace("postgres://", "postgresql://", 1))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=10_000, help="cases per identity")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    server = os.environ.get("VECTOR_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
    name = f"vector_fuzz_{uuid.uuid4().hex[:10]}"
    asyncio.run(_admin(server, f'CREATE DATABASE "{name}"'))
    report = Report()
    started = time.perf_counter()
    try:
        with served(server.rsplit("/", 1)[0] + f"/{name}") as url:
            fuzz(url, args.cases, None, report, seed=args.seed)
            fuzz(url, args.cases, sign_up_recruiter(url), report, seed=args.seed + 1)
    finally:
        asyncio.run(_admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    elapsed = time.perf_counter() - started
    print(f"cases: {report.cases} in {elapsed:.0f} s ({report.cases / elapsed:.0f}/s)")
    print("statuses: " + ", ".join(f"{k}: {v}" for k, v in sorted(report.by_status.items())))
    print(f"server errors or 'Unexpected error.': {len(report.failures)}")
    for failure in report.failures:
        print(failure)
    print(f"no answer within 30 s: {len(report.timeouts)}")
    for body in report.timeouts:
        print(body)
    sys.exit(1 if report.failures else 0)


if __name__ == "__main__":
    main()
