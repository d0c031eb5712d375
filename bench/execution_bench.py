"""GraphQL execution alone: graphql-core's generic executor against the compiled plans.

The interviews page of the floor benchmark, ``interviews(first: N) { edges {
node { id title questions { text } creator { username } } } totalCount }``,
executed in-process on objects whose fields are plain attributes (the shape a
connection resolver returns when it fetches the page and its selected relations
as rows): no HTTP, no database, no JSON encoding. What remains is the
executor's own cost per request, which the compiled plans
(``vector_gql/graphql/execution.py``, ``VECTOR_COMPILED_EXECUTION``) cut. Both
schemas use the app's parse and validation caches and executor class, and the
two answers are checked to be equal before anything is timed.

    python bench/execution_bench.py [--requests 300]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import time
from datetime import UTC, datetime, timedelta
from enum import Enum

import _common  # noqa: F401  (puts this checkout's src/ first on sys.path)
import strawberry
from strawberry import relay
from strawberry.types import Info

from vector_gql.graphql.execution import compiled_executor
from vector_gql.graphql.schema import CACHED_QUERY_CHARS, DOCUMENT_CACHE_SIZE, cache_extensions

QUERY = """
query Bench($first: Int!) {
  interviews(first: $first) {
    edges { node { id title questions { text } creator { username } } }
    totalCount
  }
}
"""
# Every scalar kind of the Interview type, for the cost of leaf coercion.
WIDE_QUERY = """
query Wide($first: Int!) {
  interviews(first: $first) {
    edges {
      cursor
      node {
        id title description status createdAt questionsLocked
        questions { id position text thinkTimeSeconds }
      }
    }
    totalCount
  }
}
"""


@strawberry.enum
class Status(Enum):
    DRAFT = "DRAFT"
    OPEN = "OPEN"


@strawberry.type
class User(relay.Node):
    id: relay.NodeID[int]
    username: str


@strawberry.type
class Question(relay.Node):
    id: relay.NodeID[int]
    position: int
    text: str
    think_time_seconds: int


@strawberry.type
class Interview(relay.Node):
    id: relay.NodeID[int]
    title: str
    description: str
    status: Status
    created_at: datetime
    questions_locked: bool
    questions: list[Question]
    creator: User


@strawberry.type
class Edge:
    cursor: str
    node: Interview


@strawberry.type
class Page:
    edges: list[Edge]
    total_count: int


def build_pages(sizes: tuple[int, ...]) -> dict[int, Page]:
    users = [User(id=i, username=f"creator{i}") for i in range(10)]
    start = datetime(2025, 1, 1, tzinfo=UTC)
    pages = {}
    for size in sizes:
        edges = []
        for i in range(size):
            questions = [
                Question(
                    id=i * 5 + p,
                    position=p,
                    text=f"Question {p} of interview {i}: tell us about a project.",
                    think_time_seconds=30,
                )
                for p in range(1, 6)
            ]
            node = Interview(
                id=1000 - i,
                title=f"Interview {i:04d}",
                description=f"Role number {i}, a position in engineering.",
                status=Status.DRAFT,
                created_at=start + timedelta(minutes=i),
                questions_locked=False,
                questions=questions,
                creator=users[i % 10],
            )
            edges.append(Edge(cursor=f"cursor-{i}", node=node))
        pages[size] = Page(edges=edges, total_count=1000)
    return pages


PAGES = build_pages((20, 100))


@strawberry.type
class Query:
    @strawberry.field
    async def interviews(self, info: Info, first: int) -> Page:
        return PAGES[first]


def schema(compiled: bool) -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        execution_context_class=compiled_executor(
            enabled=compiled, check=False, maxsize=DOCUMENT_CACHE_SIZE, max_chars=CACHED_QUERY_CHARS
        ),
        extensions=cache_extensions(),
    )


async def cpu_per_request(target: strawberry.Schema, query: str, first: int, n: int) -> float:
    for _ in range(20):
        await target.execute(query, variable_values={"first": first})
    gc.collect()
    started = time.process_time()
    for _ in range(n):
        result = await target.execute(query, variable_values={"first": first})
    assert result.errors is None, result.errors
    return (time.process_time() - started) * 1000 / n


async def main_async(requests: int) -> None:
    generic, compiled = schema(False), schema(True)
    print(f"CPU ms per execution, {requests} executions each, one at a time\n")
    print(f"{'operation':<34} {'generic':>9} {'compiled':>9} {'saved':>7}")
    for label, query in (("page", QUERY), ("wide page", WIDE_QUERY)):
        for first in (20, 100):
            variables = {"first": first}
            a = await generic.execute(query, variable_values=variables)
            b = await compiled.execute(query, variable_values=variables)
            assert a.data == b.data and a.errors == b.errors, "the executors disagree"
            # Alternate, so both see the same machine.
            times: dict[str, list[float]] = {"generic": [], "compiled": []}
            for _ in range(3):
                times["generic"].append(await cpu_per_request(generic, query, first, requests))
                times["compiled"].append(await cpu_per_request(compiled, query, first, requests))
            g, c = min(times["generic"]), min(times["compiled"])
            name = f"{label}, interviews(first: {first})"
            print(f"{name:<34} {g:>9.3f} {c:>9.3f} {1 - c / g:>6.0%}")
    print("\n(best of 3 alternating runs; process CPU time, so other jobs move it less)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    asyncio.run(main_async(args.requests))


if __name__ == "__main__":
    main()
