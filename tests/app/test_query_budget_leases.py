"""Query budgets spent from per-worker leases (services/query_budget.py).

Each ``QueryBudgetService`` (or app) here stands for one worker: they share the
database and nothing else, as uvicorn workers and hosts do.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import httpx
import pytest
from tortoise import connections

from tests.fixtures.graphql import GraphQLClient, signup
from vector_gql.app import create_app
from vector_gql.config import Settings
from vector_gql.services.clock import ManualClock
from vector_gql.services.query_budget import LEASE_FRACTION, LEASE_SECONDS, QueryBudgetService
from vector_gql.statements import count_statements

BUDGET = 100 * LEASE_FRACTION  # leases of 100


@pytest.fixture
def lease_settings(settings) -> Settings:
    return replace(
        settings, query_cost_max=100, query_budget=BUDGET, query_budget_restore_per_second=1
    )


@pytest.fixture
def stopped(clock: ManualClock) -> ManualClock:
    clock.freeze()
    return clock


async def _bucket(key: str) -> float:
    rows = await connections.get("default").execute_query_dict(
        "SELECT tokens FROM query_budget WHERE key = $1", [key]
    )
    return float(rows[0]["tokens"])


async def test_a_worker_spends_its_lease_without_a_statement(lease_settings, database, stopped):
    worker = QueryBudgetService(lease_settings, clock=stopped)
    assert worker.lease_size == 100
    with count_statements() as log:
        first = await worker.charge("user:7", 10)
    assert log.count == 1 and first.allowed and first.remaining == BUDGET - 10
    assert await _bucket("user:7") == BUDGET - 100  # the lease left the bucket
    with count_statements() as log:
        rest = [await worker.charge("user:7", 10) for _ in range(9)]
    assert log.count == 0
    assert [charge.remaining for charge in rest] == [BUDGET - 10 * i for i in range(2, 11)]
    with count_statements() as log:
        await worker.charge("user:7", 10)  # the lease is spent: the next one is taken
    assert log.count == 1
    assert await _bucket("user:7") == BUDGET - 200


async def test_an_old_lease_goes_back_with_the_next_charge(lease_settings, database, stopped):
    worker = QueryBudgetService(lease_settings, clock=stopped)
    await worker.charge("user:7", 12)  # 88 left in the lease (12 x 8 < 100: leases of 100)
    stopped.advance(seconds=LEASE_SECONDS)
    with count_statements() as log:
        charge = await worker.charge("user:7", 12)
    assert log.count == 1
    # The 88 went back, the bucket refilled by 1 a second, and a new lease of 100 left it.
    assert await _bucket("user:7") == BUDGET - 100 + 88 + LEASE_SECONDS - 100
    assert charge.remaining == BUDGET - 24 + LEASE_SECONDS


async def test_workers_together_never_spend_more_than_the_bucket(lease_settings, database, stopped):
    one = QueryBudgetService(lease_settings, clock=stopped)
    two = QueryBudgetService(lease_settings, clock=stopped)
    spent = 0
    for i in range(1000):
        charge = await (one, two)[i % 2].charge("user:7", 12)
        spent += charge.cost if charge.allowed else 0
        assert spent <= BUDGET
        # What this worker knows is left: at most the other worker's lease more than is.
        assert charge.remaining <= BUDGET - spent + 100
    # Stricter by at most a lease in the other worker: each refuses with it unspent.
    assert spent >= BUDGET - 2 * 100
    refused = await one.charge("user:7", 12)
    assert not refused.allowed and refused.remaining < 12
    # Once the other worker gives its lease back, what is left can be spent, exactly.
    await two.settle(everything=True)
    while (charge := await one.charge("user:7", 12)).allowed:
        spent += 12
    assert BUDGET - 12 < spent <= BUDGET


async def test_concurrent_charges_from_two_workers_never_overspend(
    lease_settings, database, stopped
):
    one = QueryBudgetService(lease_settings, clock=stopped)
    two = QueryBudgetService(lease_settings, clock=stopped)
    charges = await asyncio.gather(
        *((one, two)[i % 2].charge("user:7", 70) for i in range(2 * BUDGET // 70))
    )
    spent = sum(charge.cost for charge in charges if charge.allowed)
    assert BUDGET - 3 * 100 <= spent <= BUDGET
    await one.settle(everything=True)
    await two.settle(everything=True)
    assert await _bucket("user:7") == BUDGET - spent


async def test_a_burst_of_one_callers_requests_takes_one_lease(lease_settings, database, stopped):
    worker = QueryBudgetService(lease_settings, clock=stopped)
    with count_statements() as log:
        charges = await asyncio.gather(*(worker.charge("user:7", 1) for _ in range(20)))
    assert all(charge.allowed for charge in charges)
    assert log.count == 1
    assert await _bucket("user:7") == BUDGET - 100
    assert sorted(charge.remaining for charge in charges) == list(range(BUDGET - 20, BUDGET))


async def test_the_bucket_is_taken_to_its_last_cost_even_below_a_lease(
    lease_settings, database, stopped
):
    worker = QueryBudgetService(lease_settings, clock=stopped)
    await worker.charge("user:7", 100)
    while (await _bucket("user:7")) >= 100:
        await worker.charge("user:7", 100)
    assert await _bucket("user:7") == 0
    # Spend the whole budget but 50: less than a lease is left, more than 30.
    other = QueryBudgetService(lease_settings, clock=stopped)
    await connections.get("default").execute_query(
        "UPDATE query_budget SET tokens = 50 WHERE key = 'user:7'"
    )
    charge = await other.charge("user:7", 30)
    assert charge.allowed and charge.remaining == 20
    refused = await other.charge("user:7", 30)
    assert not refused.allowed and refused.remaining == 20
    assert refused.retry_after_seconds == 10


async def test_a_charge_near_the_end_of_the_budget_is_one_statement(
    lease_settings, database, stopped
):
    worker = QueryBudgetService(lease_settings, clock=stopped)
    await worker.charge("user:7", 10)
    await worker.settle(everything=True)
    await connections.get("default").execute_query(
        "UPDATE query_budget SET tokens = 50 WHERE key = 'user:7'"
    )
    with count_statements() as log:
        charge = await worker.charge("user:7", 30)  # the bucket holds the cost, not a lease
    assert log.count == 1
    assert charge.allowed and charge.remaining == 20
    assert await _bucket("user:7") == 0  # what it held: 30 spent, 20 in the lease
    with count_statements() as log:
        last = await worker.charge("user:7", 20)
    assert log.count == 0 and last.allowed and last.remaining == 0


async def test_dear_operations_take_leases_sized_from_their_cost(lease_settings, database, stopped):
    worker = QueryBudgetService(lease_settings, clock=stopped)
    with count_statements() as log:
        charges = [await worker.charge("user:7", 90) for _ in range(8)]
    # A lease of 8 x 90 rather than 100: one statement for eight operations.
    assert log.count == 1
    assert await _bucket("user:7") == BUDGET - 8 * 90
    assert [c.remaining for c in charges] == [BUDGET - 90 * i for i in range(1, 9)]
    # At most an eighth of the budget, whatever the cost.
    with count_statements() as log:
        await worker.charge("user:8", 150)
    assert log.count == 1
    assert await _bucket("user:8") == BUDGET - BUDGET // 8
    assert worker.lease_for(BUDGET) == BUDGET
    assert worker.lease_for(1) == BUDGET // LEASE_FRACTION


async def test_settle_returns_only_the_leases_no_longer_spent(lease_settings, database, stopped):
    worker = QueryBudgetService(lease_settings, clock=stopped)
    await worker.charge("user:1", 10)
    stopped.advance(seconds=LEASE_SECONDS / 2)
    await worker.charge("user:2", 10)
    stopped.advance(seconds=LEASE_SECONDS / 2)
    assert await worker.settle() == 1  # user:1's lease is a whole LEASE_SECONDS old
    assert await _bucket("user:1") == BUDGET - 10 + LEASE_SECONDS
    assert await _bucket("user:2") == BUDGET - 100
    assert await worker.settle() == 0
    assert await worker.settle(everything=True) == 1
    assert await _bucket("user:2") == BUDGET - 10 + LEASE_SECONDS / 2


@contextlib.asynccontextmanager
async def _client(settings: Settings, clock: ManualClock) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, manage_database=False, clock=clock)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http
    finally:
        await app.state.services.close()


async def test_two_apps_with_leases_refuse_with_code_cost_and_budget(
    lease_settings, database, stopped
):
    """Through HTTP, as two workers: the refusal still says what it cost and what is left."""
    query = "{ interviews(first: 99) { edges { node { id } } } }"  # 1 + 99
    async with _client(lease_settings, stopped) as one, _client(lease_settings, stopped) as two:
        token = (await signup(GraphQLClient(one), "ann"))["accessToken"]
        clients = [GraphQLClient(one), GraphQLClient(two)]
        allowed = 0
        body: dict[str, Any] = {}
        for i in range(BUDGET // 100 + 1):
            body = await clients[i % 2](query, token=token, expect_errors=True)
            if "errors" in body:
                break
            allowed += 1
        assert allowed == BUDGET // 100
        [error] = body["errors"]
        assert error["extensions"] == {
            "code": "RATE_LIMITED",
            "cost": 100,
            "remaining": 0,
            "budget": BUDGET,
            "restoreRate": 1,
            "retryAfterSeconds": 100,
        }
