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
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from strawberry.dataloader import DataLoader

if TYPE_CHECKING:
    from .context import Context

K = TypeVar("K")
T = TypeVar("T")


class SharedLoader(DataLoader[K, T]):
    """A DataLoader whose answers survive the cancellation of one of the fields awaiting them.

    Fields that ask for the same key share one future. When a field fails and
    its null reaches a non-null parent, graphql-core cancels that parent's
    other pending fields, and cancelling a task cancels the future it awaits:
    without the shield, every other field awaiting the same key, anywhere in
    the response, would get a CancelledError, which escapes GraphQL's error
    handling and fails the whole request.
    """

    def load(self, key: K) -> Awaitable[T]:
        return asyncio.shield(super().load(key))


class Loader(Generic[K, T]):
    """How to fetch one kind of object by key, in batches."""

    def __init__(self, batch: Callable[[Context, list[K]], Awaitable[Mapping[K, T]]]) -> None:
        self.batch = batch
        self.__doc__ = batch.__doc__
        self.name = batch.__name__

    def __repr__(self) -> str:
        return f"Loader({self.name})"

    def make(self, context: Context) -> DataLoader[K, T | None]:
        async def load(keys: Sequence[K]) -> list[T | None]:
            found = await self.batch(context, list(keys))
            return [found.get(key) for key in keys]

        return SharedLoader(load_fn=load)


def loader(batch: Callable[[Context, list[K]], Awaitable[Mapping[K, T]]]) -> Loader[K, T]:
    """Declare a loader from its batch function (keys in, objects by key out)."""
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
