"""The job queue: enqueued with the transaction, run by the worker, retried, failed visibly."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from tortoise.transactions import in_transaction

from tests.fixtures.jobs import job_events, job_rows, make_due, services_with
from vector_gql.models.organizations import Organization
from vector_gql.services.jobs import GiveUp, RetryPolicy
from vector_gql.services.jobs.connector import to_asyncpg


def test_placeholders_become_numbered_and_json_becomes_text():
    text, values = to_asyncpg(
        "SELECT %(a)s, %(b)s::jsonb, %(a)s, '100%%'", {"a": 1, "b": {"x": [1, {"y": 2}]}}
    )
    assert text == "SELECT $1, $2::jsonb, $1, '100%'"
    assert values == [1, '{"x": [1, {"y": 2}]}']


async def test_a_job_enqueued_in_a_request_runs_on_the_worker(settings, database):
    """A request commits a change and a job; the background worker, woken by NOTIFY, runs it."""
    async with services_with(settings) as services:
        done = asyncio.Event()

        async def rename(organization_id: int, name: str) -> None:
            await Organization.filter(id=organization_id).update(name=name)
            done.set()

        renamer = services.jobs.define("test.rename", rename)

        async def endpoint(request: Request) -> JSONResponse:
            async with in_transaction():
                org = await Organization.create(name="Before")
                await renamer.enqueue(organization_id=org.id, name="After")
            return JSONResponse({"id": org.id})

        web = Starlette(routes=[Route("/enqueue", endpoint, methods=["POST"])])
        await services.jobs.start_worker()
        transport = httpx.ASGITransport(app=web)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            response = await client.post("/enqueue")
        org_id = response.json()["id"]
        # The request returned before the work was done: the job runs on the worker.
        await asyncio.wait_for(done.wait(), 20)
        await services.jobs.stop_worker()
        assert (await Organization.get(id=org_id)).name == "After"
        # Successful jobs are removed from the queue.
        assert await job_rows("test.rename") == []


async def test_a_rolled_back_transaction_enqueues_nothing(settings, database):
    async with services_with(settings) as services:
        ran = []

        async def record(value: int) -> None:
            ran.append(value)

        job = services.jobs.define("test.record", record)
        with pytest.raises(RuntimeError):
            async with in_transaction():
                await Organization.create(name="Doomed")
                await job.enqueue(value=1)
                assert len(await job_rows("test.record")) == 1  # visible inside the transaction
                raise RuntimeError("the request failed")
        assert await job_rows("test.record") == []
        assert await Organization.filter(name="Doomed").count() == 0
        await services.jobs.run_until_idle()
        assert ran == []


async def test_outside_a_transaction_a_job_is_enqueued_at_once(settings, database):
    async with services_with(settings) as services:
        ran = []

        async def record(value: int) -> None:
            ran.append(value)

        job = services.jobs.define("test.record", record)
        job_id = await job.enqueue(value=7)
        await job.enqueue_many([{"value": 8}, {"value": 9}])
        rows = await job_rows("test.record")
        assert [row["id"] for row in rows][0] == job_id
        assert [row["status"] for row in rows] == ["todo"] * 3
        await services.jobs.run_until_idle()
        assert sorted(ran) == [7, 8, 9]


async def test_a_failing_job_is_retried_with_backoff_then_marked_failed(settings, database, caplog):
    async with services_with(settings) as services:
        calls = []
        gave_up = []

        async def flaky(item: int) -> None:
            calls.append(item)
            raise ConnectionError("the far side is down")

        async def record_failure(error: BaseException, item: int) -> None:
            gave_up.append((item, str(error)))

        job = services.jobs.define(
            "test.flaky",
            flaky,
            retry=RetryPolicy(max_attempts=2, exponential_wait=3),
            on_give_up=record_failure,
        )
        await job.enqueue(item=5)
        caplog.set_level(logging.WARNING, logger="vector_gql.services.jobs")

        waits = []
        for attempt in (1, 2):
            before = datetime.now(UTC)
            await services.jobs.run_until_idle()
            (row,) = await job_rows("test.flaky")
            assert (row["status"], row["attempts"]) == ("todo", attempt)
            waits.append((row["scheduled_at"] - before).total_seconds())
            # Not due yet: another run of the worker leaves it alone.
            await services.jobs.run_until_idle()
            assert len(calls) == attempt
            assert await make_due() == 1
        # Backoff 3 s, then 9 s (exponential_wait ** attempt), measured from the run.
        assert 3 <= waits[0] < 3 + 5
        assert 9 <= waits[1] < 9 + 5

        await services.jobs.run_until_idle()
        (row,) = await job_rows("test.flaky")
        assert (row["status"], row["attempts"]) == ("failed", 3)  # runs in all
        assert calls == [5, 5, 5]
        assert gave_up == [(5, "the far side is down")]
        # The job's history stays in the database, and the failure is logged.
        events = await job_events(row["id"])
        assert events.count("deferred_for_retry") == 2 and events[-1] == "failed"
        errors = [r for r in caplog.records if r.levelno == logging.ERROR]
        assert any(
            "test.flaky" in r.getMessage() and "failed for good" in r.getMessage() for r in errors
        )
        # Nothing runs it again.
        assert await make_due() == 0
        await services.jobs.run_until_idle()
        assert calls == [5, 5, 5]


async def test_give_up_ends_a_job_without_retrying(settings, database):
    async with services_with(settings) as services:
        gave_up = []

        async def refuse(item: int) -> None:
            raise GiveUp("this can never work")

        async def record_failure(error: BaseException, item: int) -> None:
            gave_up.append(item)

        job = services.jobs.define("test.refuse", refuse, on_give_up=record_failure)
        await job.enqueue(item=1)
        await services.jobs.run_until_idle()
        (row,) = await job_rows("test.refuse")
        assert (row["status"], row["attempts"]) == ("failed", 1)
        assert gave_up == [1]


async def test_a_job_that_succeeds_on_retry_leaves_the_queue(settings, database):
    async with services_with(settings) as services:
        calls = []

        async def second_time_lucky(item: int) -> None:
            calls.append(item)
            if len(calls) == 1:
                raise TimeoutError("slow server")

        job = services.jobs.define("test.lucky", second_time_lucky)
        await job.enqueue(item=3)
        await services.jobs.run_until_idle()
        assert [r["status"] for r in await job_rows("test.lucky")] == ["todo"]
        await make_due()
        await services.jobs.run_until_idle()
        assert calls == [3, 3]
        assert await job_rows("test.lucky") == []


async def test_jobs_left_by_a_dead_worker_are_retried(settings, database):
    async with services_with(settings) as services:
        ran = []

        async def record(value: int) -> None:
            ran.append(value)

        job = services.jobs.define("test.record", record)
        job_id = await job.enqueue(value=1)
        connection = services.jobs.app.connector
        await services.jobs.open()
        # A worker took the job, then died: its last heartbeat is long past.
        dead = await connection.execute_query_one_async(
            "INSERT INTO procrastinate_workers (last_heartbeat) "
            "VALUES (now() - interval '1 hour') RETURNING id"
        )
        await connection.execute_query_async(
            "UPDATE procrastinate_jobs SET status = 'doing', worker_id = %(w)s WHERE id = %(j)s",
            w=dead["id"],
            j=job_id,
        )
        assert [row["status"] for row in await job_rows("test.record")] == ["doing"]
        await services.jobs.retry_stalled(timestamp=0)
        assert [row["status"] for row in await job_rows("test.record")] == ["todo"]
        await services.jobs.run_until_idle()
        assert ran == [1]


def test_a_job_name_is_defined_once(settings):
    from vector_gql.services.jobs import JobQueue

    queue = JobQueue(settings)

    async def handler() -> None: ...

    queue.define("test.once", handler)
    with pytest.raises(ValueError, match="already defined"):
        queue.define("test.once", handler)


async def test_a_worker_inside_serve_starts_again_after_a_failure(settings, database, monkeypatch):
    from procrastinate import exceptions

    from vector_gql.services import jobs as jobs_module

    monkeypatch.setattr(jobs_module, "RESTART_FIRST_SECONDS", 0.01)
    async with services_with(settings) as services:
        done = asyncio.Event()

        async def record() -> None:
            done.set()

        job = services.jobs.define("test.after_restart", record)
        real_run = services.jobs.app.run_worker_async
        failures: list[int] = []

        async def fail_once(**options):
            if not failures:
                failures.append(1)
                raise exceptions.ConnectorException("the database went away")
            await real_run(**options)

        monkeypatch.setattr(services.jobs.app, "run_worker_async", fail_once)
        await services.jobs.start_worker()
        await job.enqueue()
        await asyncio.wait_for(done.wait(), 20)
        await services.jobs.stop_worker()
        assert failures == [1]
