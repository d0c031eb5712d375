"""Looking at the job queue from tests, and moving its clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from tortoise import connections

from vector_gql.config import Settings
from vector_gql.services import Services
from vector_gql.services.mail.compose import template_environment

TEST_TEMPLATES = Path(__file__).parent / "mail" / "templates"


async def job_rows(task_name: str | None = None) -> list[dict[str, Any]]:
    """The queue's job rows, oldest first, optionally of one task."""
    sql = (
        "SELECT id, task_name, status::text AS status, attempts, args, scheduled_at "
        "FROM procrastinate_jobs"
    )
    values: list[Any] = []
    if task_name is not None:
        sql += " WHERE task_name = $1"
        values.append(task_name)
    return await connections.get("default").execute_query_dict(sql + " ORDER BY id", values)


async def job_events(job_id: int) -> list[str]:
    rows = await connections.get("default").execute_query_dict(
        "SELECT type::text AS type FROM procrastinate_events WHERE job_id = $1 ORDER BY id",
        [job_id],
    )
    return [row["type"] for row in rows]


async def make_due() -> int:
    """Move the queue's clock past every scheduled retry: waiting jobs become due now.

    Returns how many jobs were waiting. The backoff itself is read from
    ``scheduled_at`` before this is called.
    """
    rows = await connections.get("default").execute_query_dict(
        "UPDATE procrastinate_jobs SET scheduled_at = now() - interval '1 second' "
        "WHERE status = 'todo' AND scheduled_at > now() RETURNING id"
    )
    return len(rows)


@asynccontextmanager
async def services_with(settings: Settings, **overrides: Any) -> AsyncIterator[Services]:
    """Services of their own (their own queue and mail settings), with the test templates."""
    services = Services.build(replace(settings, **overrides))
    services.mail.templates = template_environment([TEST_TEMPLATES])
    await services.start()
    try:
        yield services
    finally:
        await services.close()
