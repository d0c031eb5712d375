"""Cancelled fields cancel what they were handed, instead of dropping it unawaited.

A gather's tasks start in the turn of the event loop after it made them. When
the task awaiting the gather is cancelled in between (a sibling of its field
failed, or the request went away), graphql-core's ``gather_with_cancel`` had
them cancelled before their first step: their coroutines were closed without
running, and the resolver coroutines they held were never awaited ("coroutine
... was never awaited" when freed). Each test cancels at that moment and
checks that every resolver coroutine ran and was cancelled.
"""

from __future__ import annotations

import asyncio
import gc
import inspect
import warnings
from collections.abc import Awaitable, Coroutine
from typing import Any

import pytest
import strawberry
from graphql import build_schema, graphql

from vector_gql.graphql.execution import compiled_executor
from vector_gql.graphql.gather import gather_with_cancel
from vector_gql.graphql.schema import CACHED_QUERY_CHARS, DOCUMENT_CACHE_SIZE, cache_extensions


class Waits:
    """Resolver coroutines that wait until cancelled; each is kept to be inspected."""

    def __init__(self) -> None:
        self.made: list[tuple[str, Coroutine[Any, Any, str]]] = []
        self.cancelled: list[str] = []

    def __call__(self, name: str) -> Coroutine[Any, Any, str]:
        made = self.wait(name)
        self.made.append((name, made))
        return made

    async def wait(self, name: str) -> str:
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            self.cancelled.append(name)
            raise
        return name

    def never_awaited(self) -> list[str]:
        return [
            name for name, made in self.made if inspect.getcoroutinestate(made) == "CORO_CREATED"
        ]


async def _holds(awaitable: Awaitable[str]) -> str:
    """Like a field's completion: it was handed its resolver's coroutine."""
    return await awaitable


async def _cancel_when(started: asyncio.Event, task: asyncio.Future[Any]) -> None:
    """Cancel ``task`` in the turn after ``started`` was set, before what it made has run."""
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_a_gather_cancelled_before_its_tasks_started_cancels_what_they_hold() -> None:
    waits = Waits()

    async def gathering() -> list[str]:
        return await gather_with_cancel(_holds(waits("a")), _holds(waits("b")))

    task = asyncio.ensure_future(gathering())
    await asyncio.sleep(0)  # its first step made the gather's tasks; they have not run
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert waits.never_awaited() == []
    assert sorted(waits.cancelled) == ["a", "b"]


async def test_a_gather_cancelled_before_its_tasks_started_ends_after_their_cleanup() -> None:
    """Its tasks' cleanup (a ``finally`` releasing a connection, say) ends before the
    cancelled field does, as when graphql-core's gather is cancelled later."""
    log: list[str] = []

    async def child(name: str) -> None:
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            await asyncio.sleep(0.01)
            log.append(f"{name} cleaned")
            raise

    async def parent() -> None:
        try:
            await gather_with_cancel(child("a"), child("b"))
        finally:
            log.append("parent unwound")

    task = asyncio.ensure_future(parent())
    await asyncio.sleep(0)  # the gather made its tasks; they have not run
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert log == ["a cleaned", "b cleaned", "parent unwound"]


async def test_a_failing_sibling_cancels_a_gather_made_in_the_same_turn() -> None:
    """The failure reaches the outer gather in the turn in which its sibling's inner
    gather makes its tasks: they are cancelled, not dropped."""
    waits = Waits()
    ready = asyncio.Event()

    async def fails() -> str:
        await ready.wait()
        raise ValueError("fails")

    async def nested() -> list[str]:
        await ready.wait()
        await asyncio.sleep(0)
        return await gather_with_cancel(_holds(waits("a")), _holds(waits("b")))

    running = asyncio.ensure_future(gather_with_cancel(fails(), nested()))
    await asyncio.sleep(0)
    ready.set()
    with pytest.raises(ValueError, match="fails"):
        await running
    assert waits.never_awaited() == []
    assert sorted(waits.cancelled) == ["a", "b"]


class Pair:
    def __init__(self, waits: Waits) -> None:
        self.waits = waits

    def first(self, info: Any) -> Coroutine[Any, Any, str]:
        return self.waits("first")

    def second(self, info: Any) -> Coroutine[Any, Any, str]:
        return self.waits("second")


async def test_graphql_cores_executor_cancels_the_fields_it_had_started() -> None:
    """graphql-core's own executor (the generic path) uses this module's gather."""
    schema = build_schema("type Query { pair: Pair! } type Pair { first: String! second: String! }")
    waits = Waits()
    resolved = asyncio.Event()

    class Root:
        async def pair(self, info: Any) -> Pair:
            resolved.set()  # the pair's fields start their tasks before this returns
            return Pair(waits)

    task = asyncio.ensure_future(graphql(schema, "{ pair { first second } }", root_value=Root()))
    await _cancel_when(resolved, task)
    assert waits.never_awaited() == []
    assert sorted(waits.cancelled) == ["first", "second"]


RESOLVED = asyncio.Event()
CANCELLED: list[str] = []


async def _wait(name: str) -> str:
    try:
        await asyncio.Event().wait()
    except asyncio.CancelledError:
        CANCELLED.append(name)
        raise
    return name


@strawberry.type
class Fields:
    @strawberry.field
    async def first(self) -> str:
        return await _wait("first")

    @strawberry.field
    async def second(self) -> str:
        return await _wait("second")


@strawberry.type
class Query:
    @strawberry.field
    async def fields(self) -> Fields:
        RESOLVED.set()
        return Fields()


async def test_the_compiled_plans_cancel_the_fields_they_had_started() -> None:
    """The plans' own gathers (an object's async fields) do the same; nothing is left
    for the garbage collector to report."""
    schema = strawberry.Schema(
        query=Query,
        execution_context_class=compiled_executor(
            enabled=True, check=False, maxsize=DOCUMENT_CACHE_SIZE, max_chars=CACHED_QUERY_CHARS
        ),
        extensions=cache_extensions(),
    )
    RESOLVED.clear()
    CANCELLED.clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        task = asyncio.ensure_future(schema.execute("{ fields { first second } }"))
        await _cancel_when(RESOLVED, task)
        del task
        gc.collect()
    assert [str(w.message) for w in caught if "never awaited" in str(w.message)] == []
    assert sorted(CANCELLED) == ["first", "second"]
