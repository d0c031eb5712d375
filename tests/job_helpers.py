"""Looking at the job queue from tests, and moving its clock."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

import asyncpg
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


def database_url(database: str | dict[str, Any], name: str | None = None) -> str:
    """A postgres:// URL for the test database (or another on its server), for subprocesses."""
    if isinstance(database, str):
        parts = urlsplit(database)
        return urlunsplit(parts._replace(path=f"/{name}")) if name else database
    creds = database["credentials"]
    query = urlencode({"host": creds["host"], "port": creds["port"]})
    user = quote(creds["user"])
    password = f":{quote(creds['password'])}" if creds.get("password") else ""
    return f"postgres://{user}{password}@/{name or creds['database']}?{query}"


async def _admin(database: str | dict[str, Any]) -> asyncpg.Connection:
    if isinstance(database, str):
        return await asyncpg.connect(database.replace("postgres://", "postgresql://", 1))
    creds = database["credentials"]
    return await asyncpg.connect(
        host=creds["host"], port=creds["port"], user=creds["user"], database=creds["database"]
    )


@asynccontextmanager
async def scratch_database(database: str | dict[str, Any]) -> AsyncIterator[str]:
    """An empty database on the test server, dropped afterwards; yields its URL."""
    name = f"vector_scratch_{uuid.uuid4().hex[:10]}"
    admin = await _admin(database)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield database_url(database, name)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def connect(url: str) -> asyncpg.Connection:
    """A plain asyncpg connection from a URL made by ``database_url``."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    return await asyncpg.connect(
        host=query.get("host") or parts.hostname,
        port=int(query.get("port") or parts.port or 5432),
        user=unquote(parts.username or "postgres"),
        password=unquote(parts.password) if parts.password else None,
        database=parts.path.lstrip("/"),
    )
