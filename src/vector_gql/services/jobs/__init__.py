"""Background jobs on PostgreSQL, with procrastinate.

A service defines its jobs once, at start-up, and enqueues them in one line::

    self.make_poster = jobs.define("media.poster", self._make_poster)
    ...
    await self.make_poster.enqueue(video_id=video.id)

``enqueue`` writes the job row on the ORM's current connection. Inside
``in_transaction()`` that is the service's own transaction: the job exists
once the change that caused it commits, and never if it rolls back. Nothing
is lost between the commit and the enqueue, because there is no between.
Outside a transaction the job is enqueued at once.

Why in the same transaction rather than after the commit: a job enqueued
after commit is lost if the process dies in between, and needs an after-commit
hook of its own; here the queue is a table in the same database, so the job
is simply part of the change. (A domain-event subscriber that runs after
commit can enqueue too: outside a transaction ``enqueue`` commits at once.)

Workers (inside ``vector-gql serve`` by default, and ``vector-gql worker``
on any number of hosts) fetch jobs with ``FOR UPDATE SKIP LOCKED``, wake up on
PostgreSQL NOTIFY when a job commits, and run each job's handler with the
arguments it was enqueued with (plain JSON values: ids, not rows). A handler
that raises is retried with exponential backoff (``RetryPolicy``); an
exception listed in ``give_up_on`` (by default ``GiveUp``) ends it at once.
A job that fails for good is logged at ERROR and keeps its row, status
``failed``, with its attempts in ``procrastinate_events``; ``on_give_up``
lets the service record the failure on its own rows too. Successful jobs are
deleted. Delivery is at least once: a worker that dies mid-job leaves the job
to be retried by the stalled-job sweep, so handlers are written to be
idempotent.

Inside ``serve``, every uvicorn worker process runs a queue worker, rather
than one elected process: uvicorn gives its workers no identity to elect by,
SKIP LOCKED makes any number of fetchers safe, one process dying does not stop
the queue, and the work spreads over the processes. The cost is one LISTEN
connection and a small psycopg pool per process. Handlers run on the
process's event loop and must push blocking work (SMTP, OpenCV, PDF
rendering) to threads.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import attr
import procrastinate
from procrastinate import JobContext, RetryStrategy
from procrastinate.retry import RetryDecision
from tortoise import connections

from ...config import Settings
from .connector import QueueConnector

log = logging.getLogger(__name__)

DEFAULT_QUEUE = "default"
# Seconds a worker waits for running jobs when it is asked to stop, before it
# aborts them (they are retried later).
SHUTDOWN_GRACE_SECONDS = 30.0
# A worker whose heartbeat is older than this is taken for dead, and its jobs are retried.
STALLED_AFTER_SECONDS = 60.0
# A worker inside serve that fails is started again after this wait, doubled each
# time up to the maximum.
RESTART_FIRST_SECONDS = 1.0
RESTART_MAX_SECONDS = 60.0


class GiveUp(Exception):
    """Raise from a handler to fail the job now, without retrying."""


@attr.dataclass(kw_only=True)
class RetryPolicy(RetryStrategy):
    """procrastinate's strategy, plus exceptions that end the job at once.

    The wait before retry n (1-based) is ``wait + linear_wait * (n - 1) +
    exponential_wait ** n`` seconds; the job runs at most ``max_attempts + 1``
    times in all.
    """

    give_up_on: tuple[type[BaseException], ...] = (GiveUp,)

    def get_retry_decision(
        self, *, exception: BaseException, job: procrastinate.jobs.Job
    ) -> RetryDecision | None:
        if isinstance(exception, self.give_up_on):
            return None
        return super().get_retry_decision(exception=exception, job=job)


# 8 retries after 3, 9, 27, 81, 243, 729, 2187 and 6561 seconds: about 2.7 hours in all.
DEFAULT_RETRY = RetryPolicy(max_attempts=8, exponential_wait=3)

Handler = Callable[..., Awaitable[Any]]
GiveUpHandler = Callable[..., Awaitable[None]]


@dataclass
class JobType:
    """One kind of job: its name, handler and retry policy. Enqueue with ``enqueue``."""

    name: str
    task: procrastinate.tasks.Task[Any, Any, Any]
    retry: RetryPolicy | None
    queue: str = DEFAULT_QUEUE

    async def enqueue(self, **arguments: Any) -> int:
        """Enqueue one job with these JSON arguments, in the current transaction if any.

        Returns the job's id.
        """
        deferrer = self.task.configure(connection=connections.get("default"))
        return await deferrer.defer_async(**arguments)

    async def enqueue_many(self, arguments: Sequence[Mapping[str, Any]]) -> list[int]:
        """Enqueue one job per mapping, in one statement."""
        if not arguments:
            return []
        deferrer = self.task.configure(connection=connections.get("default"))
        return await deferrer.batch_defer_async(*(dict(a) for a in arguments))


@dataclass
class JobQueue:
    """The queue of one process: its job types, and the worker when it runs one."""

    settings: Settings
    app: procrastinate.App = field(init=False)
    types: dict[str, JobType] = field(init=False, default_factory=dict)
    _pool: Any = field(init=False, default=None)
    _worker: asyncio.Task[None] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.app = procrastinate.App(connector=QueueConnector())
        self._define_maintenance()

    # --- defining and enqueueing -----------------------------------------------------

    def define(
        self,
        name: str,
        handler: Handler,
        *,
        retry: RetryPolicy | None = DEFAULT_RETRY,
        on_give_up: GiveUpHandler | None = None,
        queue: str = DEFAULT_QUEUE,
    ) -> JobType:
        """Register a kind of job. ``handler(**arguments)`` runs it on a worker.

        ``on_give_up(error, **arguments)`` runs once the job has failed for good
        (retries used up, or an exception in ``retry.give_up_on``).
        """
        if name in self.types:
            raise ValueError(f"a job named {name!r} is already defined")

        async def run(context: JobContext, **arguments: Any) -> Any:
            try:
                return await handler(**arguments)
            except Exception as exc:
                job = context.job
                decision = (
                    retry.get_retry_decision(exception=exc, job=job) if retry is not None else None
                )
                if decision is not None:
                    log.warning(
                        "job %s #%s failed (attempt %d), retrying at %s: %s",
                        name,
                        job.id,
                        job.attempts + 1,
                        decision.retry_at.isoformat() if decision.retry_at else "once",
                        _describe(exc),
                    )
                    raise
                log.error(
                    "job %s #%s failed for good after %d attempt(s): %s",
                    name,
                    job.id,
                    job.attempts + 1,
                    _describe(exc),
                )
                if on_give_up is not None:
                    try:
                        await on_give_up(exc, **arguments)
                    except Exception:
                        log.exception("recording the failure of job %s #%s failed", name, job.id)
                raise

        task = self.app.task(name=name, queue=queue, retry=retry or False, pass_context=True)(run)
        job_type = JobType(name=name, task=task, retry=retry, queue=queue)
        self.types[name] = job_type
        return job_type

    def _define_maintenance(self) -> None:
        async def retry_stalled(timestamp: int) -> None:
            """Jobs left 'doing' by a worker that stopped sending heartbeats run again."""
            manager = self.app.job_manager
            for job in await manager.get_stalled_jobs(
                seconds_since_heartbeat=STALLED_AFTER_SECONDS
            ):
                log.warning("job %s #%s was left by a dead worker", job.task_name, job.id)
                await manager.retry_job(job)

        task = self.app.task(name="jobs.retry_stalled", queueing_lock="jobs.retry_stalled")(
            retry_stalled
        )
        self.app.periodic(cron="*/5 * * * *", periodic_id="retry_stalled")(task)
        self.retry_stalled = task

    # --- the worker ------------------------------------------------------------------

    async def open(self) -> None:
        """Open the psycopg pool the worker uses, to the ORM's database."""
        if self._pool is not None:
            return
        from psycopg_pool import AsyncConnectionPool

        pool = AsyncConnectionPool(
            kwargs=psycopg_params(),
            min_size=1,
            max_size=self.settings.job_concurrency + 2,
            open=False,
            check=AsyncConnectionPool.check_connection,
            name="jobs",
        )
        await pool.open(wait=True, timeout=30)
        await self.app.open_async(pool)
        self._pool = pool

    async def close(self) -> None:
        await self.stop_worker()
        if self._pool is not None:
            await self.app.close_async()
            await self._pool.close()
            self._pool = None

    def _worker_options(self) -> dict[str, Any]:
        return {
            "name": f"{socket.gethostname()}:{os.getpid()}",
            "concurrency": self.settings.job_concurrency,
            "delete_jobs": "successful",
            "shutdown_graceful_timeout": SHUTDOWN_GRACE_SECONDS,
            "update_heartbeat_interval": 10.0,
            "stalled_worker_timeout": STALLED_AFTER_SECONDS,
        }

    async def run_until_idle(self) -> None:
        """Run every job that is due now, then return (for tests and one-off runs)."""
        await self.open()
        await self.app.run_worker_async(
            **{**self._worker_options(), "concurrency": 1},
            wait=False,
            listen_notify=False,
            install_signal_handlers=False,
        )

    async def start_worker(self) -> None:
        """Work the queue in the background of this process until ``stop_worker``."""
        if self._worker is not None:
            return
        await self.open()
        self._worker = asyncio.create_task(self._supervise(), name="job worker")
        log.info(
            "job worker started in process %d (%d at a time)",
            os.getpid(),
            self.settings.job_concurrency,
        )

    async def _supervise(self) -> None:
        """Run the worker, and start it again if it fails (the database went away)."""
        delay = RESTART_FIRST_SECONDS
        while True:
            try:
                await self.app.run_worker_async(
                    **self._worker_options(), install_signal_handlers=False
                )
                return
            except Exception:
                log.exception("the job worker stopped; starting it again in %.0f s", delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, RESTART_MAX_SECONDS)

    async def stop_worker(self) -> None:
        """Let running jobs finish (up to SHUTDOWN_GRACE_SECONDS), then stop."""
        worker, self._worker = self._worker, None
        if worker is None:
            return
        worker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await worker

    async def work(self) -> None:
        """Work the queue until SIGINT or SIGTERM (``vector-gql worker``)."""
        await self.open()
        await self.app.run_worker_async(**self._worker_options(), install_signal_handlers=True)


def _describe(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def psycopg_params() -> dict[str, Any]:
    """Connection parameters for psycopg, taken from the ORM's live connection."""
    client = connections.get("default")
    params: dict[str, Any] = {
        "host": client.host,
        "port": client.port,
        "user": client.user,
        "dbname": client.database,
        "application_name": "vector-gql jobs",
    }
    if client.password:
        params["password"] = client.password
    ssl = getattr(client, "extra", {}).get("ssl")
    if isinstance(ssl, str):
        params["sslmode"] = ssl
    return params


__all__ = ["DEFAULT_RETRY", "GiveUp", "JobQueue", "JobType", "RetryPolicy"]
