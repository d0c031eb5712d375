"""What the user loaders and authentication read: never the password hash."""

from __future__ import annotations

from tests.fixtures.graphql import signup
from tests.fixtures.teams import create_interview, own_org
from vector_gql.statements import count_statements

PAGE = """
query { interviews(first: 5) { edges { node {
  creator { username email }
  organization { members { edges { node { user { username } } } } }
} } } }
"""


async def test_reading_users_never_selects_the_password_hash(gql):
    ann = await signup(gql, "ann")
    org = await own_org(gql, ann["accessToken"])
    await create_interview(gql, ann["accessToken"], org)
    with count_statements() as log:
        body = await gql(PAGE, token=ann["accessToken"])
    node = body["data"]["interviews"]["edges"][0]["node"]
    assert node["creator"] == {"username": "ann", "email": "ann@example.com"}
    users = [sql for sql in log.statements if "account_user" in sql]
    assert users, log.statements  # the session lookup and the creators' batch
    assert not any("password_hash" in sql for sql in log.statements), log.statements


async def test_a_cancelled_field_does_not_cancel_the_others_awaiting_the_same_key():
    """graphql-core cancels the siblings of a failed non-null field; those awaiting the
    same key elsewhere must still get it (a CancelledError there failed whole requests)."""
    import asyncio

    from vector_gql.graphql.loaders import Loader

    release = asyncio.Event()

    async def slow(context, keys):
        await release.wait()
        return {key: key * 10 for key in keys}

    loader = Loader(slow).make(context=None)  # type: ignore[arg-type]
    cancelled = asyncio.ensure_future(loader.load(1))
    kept = asyncio.ensure_future(loader.load(1))
    await asyncio.sleep(0)
    cancelled.cancel()
    release.set()
    assert await kept == 10
    assert cancelled.cancelled()
    assert await loader.load(1) == 10


async def test_a_requests_context_is_freed_without_the_garbage_collector():
    """The context and its loaders form no reference cycle: every request's objects are
    freed as soon as it ends, not in a pause of the garbage collector."""
    import gc
    import weakref

    from vector_gql.graphql.context import Context
    from vector_gql.graphql.loaders import Loader

    async def double(context, keys):
        return {key: 2 * key for key in keys}

    kind = Loader(double)
    gc.disable()
    try:
        context = Context(request=None, services=None, request_id="-")  # type: ignore[arg-type]
        assert await context.loaders[kind].load(21) == 42
        freed = weakref.ref(context)
        del context
        assert freed() is None
    finally:
        gc.enable()


async def test_a_refusal_that_no_field_waits_for_any_more_is_not_reported_as_lost(loop_reports):
    """A batch may answer a refusal for a key; every field awaiting that key gets it
    raised. When all of them were cancelled first (a non-null sibling failed), the
    refusal reaches no one, as it should, and the event loop must not report it as an
    error nobody saw ("Future exception was never retrieved" in the server's log)."""
    import asyncio
    import gc

    import pytest

    from vector_gql.graphql.loaders import Loader
    from vector_gql.services.errors import Forbidden

    started, release = asyncio.Event(), asyncio.Event()

    async def refusing(context, keys):
        started.set()
        await release.wait()
        return {key: Forbidden(f"not {key}") for key in keys}

    loader = Loader(refusing).make(context=None)  # type: ignore[arg-type]
    cancelled = asyncio.ensure_future(loader.load(1))
    kept = asyncio.ensure_future(loader.load(2))
    await started.wait()
    cancelled.cancel()
    await asyncio.sleep(0)  # the cancellation settles before the batch answers
    release.set()
    with pytest.raises(Forbidden, match="not 2"):
        await kept
    del loader, cancelled, kept
    gc.collect()
    assert [r["message"] for r in loop_reports] == []
