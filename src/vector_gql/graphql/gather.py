"""graphql-core's ``gather_with_cancel``, without dropping what a cancelled field was handed.

An object's async fields, and a list's async items, run with ``gather_with_cancel``:
a task for each awaitable, and when one fails the others are cancelled. A task
cancelled before its first step never runs its coroutine, which is closed on the
spot; the coroutines it was handed (a field's completion holds its resolver's,
an object's gather its fields') are then never awaited. The garbage collector
reports each as "coroutine ... was never awaited", and whatever they would have
released in a ``finally`` is not.

graphql-core's version does that when the task awaiting the gather is cancelled
(a sibling of that task's field failed, or the request went away) in the turn of
the event loop in which the gather made its tasks: it awaits ``asyncio.gather``
at once, which passes the cancellation on to tasks that have not started. This
one lets the loop turn once first, in which each task takes its first step; a
cancellation then runs down the awaits of started coroutines, as any other
does, and one that comes during that turn is passed on to the tasks after it.
Otherwise it is graphql-core's: a failure cancels the others, settles them and
is raised. The extra turn costs about a microsecond per gather.

graphql-core's executor looks the name up in its module on every call, so this
module puts its version there when imported (``execution.py`` imports it).
"""

from __future__ import annotations

from asyncio import CancelledError, Future, ensure_future, gather, sleep
from collections.abc import Awaitable
from typing import Any

from graphql.execution import executor


async def gather_with_cancel(*awaitables: Awaitable[Any]) -> list[Any]:
    """Await ``awaitables`` concurrently; the first failure cancels the rest and is raised."""
    futures: list[Future[Any]] = [ensure_future(aw) for aw in awaitables]
    try:
        await sleep(0)  # each task's first step
    except CancelledError:
        # As graphql-core does: the cancelled field ends after what it started has.
        for future in futures:
            future.cancel()
        await gather(*futures, return_exceptions=True)
        raise
    try:
        return await gather(*futures)
    except Exception:
        for future in futures:
            if not future.done():
                future.cancel()
        await gather(*futures, return_exceptions=True)
        raise


executor.gather_with_cancel = gather_with_cancel
