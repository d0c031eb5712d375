"""procrastinate's psycopg connector, able to enqueue on the ORM's connection.

procrastinate talks to PostgreSQL through psycopg 3; the ORM uses asyncpg. A
job is enqueued with procrastinate's "external connection" hook
(``task.configure(connection=...)``), and this connector accepts the ORM's
connection there: inside ``in_transaction()`` that is the transaction itself,
so the job row commits with the change that caused it, or vanishes with it.
Everything else (the worker fetching, finishing and retrying jobs, LISTEN)
goes through psycopg as procrastinate intends.

Only the statements procrastinate runs on an external connection come here
(the defer queries). Their ``%(name)s`` placeholders become asyncpg's ``$n``,
and JSON values are sent as text, which PostgreSQL casts to ``jsonb``.
"""

from __future__ import annotations

import json
import re
from typing import Any, cast

from procrastinate import exceptions, manager
from procrastinate.psycopg_connector import PsycopgConnector
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError

_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%")


def to_asyncpg(query: str, arguments: dict[str, Any]) -> tuple[str, list[Any]]:
    """``query`` with numbered placeholders, and the values in that order."""
    order: dict[str, int] = {}

    def number(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:
            return "%"
        if name not in order:
            order[name] = len(order) + 1
        return f"${order[name]}"

    text = _PLACEHOLDER.sub(number, query)
    return text, [_value(arguments[name]) for name in order]


def _value(value: Any) -> Any:
    if isinstance(value, dict):
        return json.dumps(value)
    if isinstance(value, list):
        return [_value(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_value(item) for item in value)
    return value


class QueueConnector(PsycopgConnector):
    async def execute_query_all_async_with_connection(
        self, connection: Any, query: Any, **arguments: Any
    ) -> list[dict[str, Any]]:
        if isinstance(connection, BaseDBAsyncClient):
            return await _run_on_orm(connection, query, arguments)
        rows = await super().execute_query_all_async_with_connection(connection, query, **arguments)
        return cast(list[dict[str, Any]], rows)

    async def execute_query_one_async_with_connection(
        self, connection: Any, query: Any, **arguments: Any
    ) -> dict[str, Any]:
        if isinstance(connection, BaseDBAsyncClient):
            rows = await _run_on_orm(connection, query, arguments)
            if not rows:
                raise exceptions.NoResult
            return rows[0]
        row = await super().execute_query_one_async_with_connection(connection, query, **arguments)
        return cast(dict[str, Any], row)


async def _run_on_orm(
    client: BaseDBAsyncClient, query: str, arguments: dict[str, Any]
) -> list[dict[str, Any]]:
    text, values = to_asyncpg(query, arguments)
    try:
        return await client.execute_query_dict(text, values)
    except IntegrityError as exc:
        cause = exc.__cause__
        constraint = getattr(cause, "constraint_name", None)
        lock = None
        if constraint == manager.QUEUEING_LOCK_CONSTRAINT:
            match = re.search(r"Key \(queueing_lock\)=\((.*?)\)", getattr(cause, "detail", ""))
            lock = match.group(1) if match else None
        raise exceptions.UniqueViolation(constraint_name=constraint, queueing_lock=lock) from exc
