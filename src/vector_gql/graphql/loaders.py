"""DataLoaders: a page costs the same number of statements whatever its size.

A ``Loader`` says how to fetch a batch of keys; each domain declares its own
at the end of ``graphql/<domain>/types.py``, after the types it returns. The request
context holds a ``Loaders`` object, which makes each loader's DataLoader on
first use and keeps it for the rest of the request (a WebSocket operation
gets a fresh one). A batch is one statement for every key asked for in one
event-loop tick; each row is converted to its GraphQL object once per key,
and every parent that asks for it shares that object.

Visibility: a loader named ``readable_*`` applies the principal's policy
(``services/auth.py``) and answers None for what the principal may not see;
node lookups and any relation whose visibility is not implied by its parent
use those. The others load relations of objects the principal was already
allowed to see (an interview's organization and questions, a question's
prompt video).
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Callable, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from strawberry.dataloader import DataLoader

if TYPE_CHECKING:
    from .context import Context

K = TypeVar("K")
T = TypeVar("T")


def _relay(outer: asyncio.Future[Any], inner: asyncio.Future[Any]) -> None:
    """Pass a key's answer on to one field that asked for it, if it still waits.

    The answer's exception is taken from ``inner`` in any case: when every field
    that asked was cancelled, nobody raises it, and that is no error nobody saw.
    """
    if inner.cancelled():
        outer.cancel()
        return
    error = inner.exception()
    if outer.cancelled():
        return
    if error is None:
        outer.set_result(inner.result())
    else:
        outer.set_exception(error)


class SharedLoader(DataLoader[K, T]):
    """A DataLoader whose answers survive the cancellation of one of the fields awaiting them.

    Fields that ask for the same key share one future. When a field fails and
    its null reaches a non-null parent, graphql-core cancels that parent's
    other pending fields, and cancelling a task cancels the future it awaits:
    without a future of its own per field, every other field awaiting the same
    key, anywhere in the response, would get a CancelledError, which escapes
    GraphQL's error handling and fails the whole request.

    This is ``asyncio.shield``, except that a cancelled field's relay stays on
    the shared future: an exception answered for a key that only cancelled
    fields asked for (a refusal, a failed batch) is consumed there, instead of
    being logged as "Future exception was never retrieved" when the request's
    objects are freed.
    """

    def load(self, key: K) -> Awaitable[T]:
        inner = cast("asyncio.Future[T]", super().load(key))
        if inner.done():
            return inner
        outer: asyncio.Future[T] = inner.get_loop().create_future()
        inner.add_done_callback(partial(_relay, outer))
        return outer


class Loader(Generic[K, T]):
    """How to fetch one kind of object by key, in batches.

    A batch may answer an exception for a key (a refusal): every field awaiting
    that key gets it raised, as DataLoader does with any exception it is given.
    """

    def __init__(
        self, batch: Callable[[Context, list[K]], Awaitable[Mapping[K, T | Exception]]]
    ) -> None:
        self.batch = batch
        self.__doc__ = batch.__doc__
        self.name = batch.__name__

    def __repr__(self) -> str:
        return f"Loader({self.name})"

    def make(self, context: Context) -> DataLoader[K, T | None]:
        async def load(keys: Sequence[K]) -> list[T | Exception | None]:
            found = await self.batch(context, list(keys))
            return [found.get(key) for key in keys]

        return SharedLoader(load_fn=load)


def loader(
    batch: Callable[[Context, list[K]], Awaitable[Mapping[K, T | Exception]]],
) -> Loader[K, T]:
    """Declare a loader from its batch function (keys in, objects or refusals by key out)."""
    return Loader(batch)


class Loaders:
    """The request's DataLoaders, one per ``Loader``, made on first use.

    They hold the context weakly (it holds them, and the request holds it while
    anything runs): a reference cycle would keep every request's objects until
    the garbage collector found them, and collecting some 20,000 of them at once
    held the event loop for about 10 ms.
    """

    def __init__(self, context: Context) -> None:
        self._context = weakref.proxy(context)
        self._made: dict[Loader[Any, Any], DataLoader[Any, Any]] = {}

    def __getitem__(self, kind: Loader[K, T]) -> DataLoader[K, T | None]:
        made = self._made.get(kind)
        if made is None:
            made = self._made[kind] = kind.make(self._context)
        return made

    async def one(self, kind: Loader[K, T], key: K) -> T:
        """A relation that must exist (a foreign key): a missing one is a bug, not a null."""
        found = await self[kind].load(key)
        if found is None:
            raise LookupError(f"{kind.name} has no {key!r}")
        return found
