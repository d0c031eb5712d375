"""The schema-extension runner that finds hooks once per class (graphql/extension_hooks.py)
runs them as strawberry's own runner does: same hooks, same order, same exceptions."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
import strawberry
from strawberry.extensions import SchemaExtension
from strawberry.extensions.runner import SchemaExtensionsRunner

from vector_gql.graphql.extension_hooks import KnownHooksRunner


def _extensions(log: list[str], fail: str | None) -> list[type[SchemaExtension]]:
    def maybe_fail(where: str) -> None:
        log.append(where)
        if where == fail:
            raise ValueError(where)

    class Generators(SchemaExtension):
        def on_operation(self) -> Iterator[None]:
            maybe_fail("generators.operation.enter")
            try:
                yield
            except ValueError as exc:
                log.append(f"generators.operation.saw:{exc}")
                raise
            maybe_fail("generators.operation.exit")

        def on_parse(self) -> Iterator[None]:
            maybe_fail("generators.parse.enter")
            yield
            maybe_fail("generators.parse.exit")

    class AsyncGenerators(SchemaExtension):
        async def on_execute(self) -> AsyncIterator[None]:
            maybe_fail("async.execute.enter")
            yield
            maybe_fail("async.execute.exit")

        async def on_operation(self) -> AsyncIterator[None]:
            maybe_fail("async.operation.enter")
            yield
            maybe_fail("async.operation.exit")

    class Plain(SchemaExtension):
        def on_validate(self) -> None:  # type: ignore[override]  # strawberry takes plain hooks
            maybe_fail("plain.validate")

        async def on_execute(self) -> None:  # type: ignore[override]
            maybe_fail("plain.execute")

    class Swallows(SchemaExtension):
        def on_execute(self) -> Iterator[None]:
            try:
                yield
            except ValueError:
                log.append("swallows.execute.swallowed")

    class Results(SchemaExtension):
        def get_results(self) -> dict[str, Any]:
            return {"seen": len(log)}

    return [Generators, AsyncGenerators, Plain, Swallows, Results]


@strawberry.type
class Query:
    @strawberry.field
    def hello(self) -> str:
        return "world"


def _schema(runner: type[SchemaExtensionsRunner], log: list[str], fail: str | None):
    class Schema(strawberry.Schema):
        def create_extensions_runner(self, execution_context, extensions):
            return runner(execution_context=execution_context, extensions=extensions)

    return Schema(query=Query, extensions=_extensions(log, fail))


POINTS = [
    None,
    "generators.operation.enter",
    "generators.parse.enter",
    "generators.parse.exit",
    "plain.validate",
    "async.execute.enter",
    "plain.execute",
    "async.execute.exit",
    "async.operation.enter",
    "async.operation.exit",
    "generators.operation.exit",
]


async def _run(runner: type[SchemaExtensionsRunner], fail: str | None) -> tuple[Any, ...]:
    log: list[str] = []
    try:
        result = await _schema(runner, log, fail).execute("{ hello }")
    except Exception as exc:  # what escapes must escape both runners alike
        return log, "raised", type(exc).__name__, str(exc)
    errors = [str(error) for error in result.errors or []]
    return log, result.data, errors, result.extensions


@pytest.mark.parametrize("fail", POINTS)
async def test_the_runner_runs_hooks_as_strawberry_does(fail):
    ours = await _run(KnownHooksRunner, fail)
    assert ours == await _run(SchemaExtensionsRunner, fail)
    # Twice: the second request uses what the first one found.
    assert await _run(KnownHooksRunner, fail) == ours


def test_sync_execution_refuses_async_hooks_as_strawberry_does():
    outcomes = []
    for runner in (KnownHooksRunner, SchemaExtensionsRunner):
        log: list[str] = []
        result = _schema(runner, log, None).execute_sync("{ hello }")
        errors = [re.sub(" object at 0x[0-9a-f]+", "", str(e)) for e in result.errors or []]
        outcomes.append((log, result.data, errors))
    assert outcomes[0] == outcomes[1]
    assert "failed to complete synchronously" in outcomes[0][2][0]
