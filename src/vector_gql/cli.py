"""``vector-gql``: serve the API, work the job queue, apply migrations, export the schema."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

from . import db
from .config import ConfigError, Settings


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except ConfigError as exc:
        sys.exit(f"Configuration error: {exc}")


def _database(settings: Settings) -> tuple[str | dict, db.EmbeddedPostgres | None]:
    try:
        return db.connection_for(settings)
    except db.EmbeddedDatabaseError as exc:
        sys.exit(f"Database error: {exc}")


def serve(args: argparse.Namespace) -> None:
    import dataclasses

    import uvicorn

    from .boundary.server import uvicorn_options
    from .logging import configure_logging

    settings = _settings()
    overrides = {k: v for k, v in (("host", args.host), ("port", args.port)) if v is not None}
    if args.workers is not None:
        overrides["workers"] = args.workers
    settings = dataclasses.replace(settings, **overrides)
    configure_logging(settings)
    database, embedded = _database(settings)
    try:
        applied = asyncio.run(db.migrate(database))
        print(
            f"Database: {db.describe_database(database)}; {len(applied)} migration(s) applied.",
            file=sys.stderr,
        )
        print(
            f"GraphiQL: http://{settings.host}:{settings.port}/graphql  "
            f"Sign up: http://{settings.host}:{settings.port}/api/vector-interview/signup/",
            file=sys.stderr,
        )
        # Workers read the same VECTOR_* environment; the CLI's overrides go with it.
        os.environ["VECTOR_HOST"] = settings.host
        os.environ["VECTOR_PORT"] = str(settings.port)
        if embedded is not None:
            # The app's lifespan holds the database while it serves (see detach).
            embedded.detach()
        uvicorn.run(
            "vector_gql.app:create_app",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=settings.workers,
            log_config=None,
            proxy_headers=True,
            lifespan="on",
            **uvicorn_options(settings),
        )
    finally:
        if embedded is not None:
            # Stops it when nothing took over, e.g. when uvicorn could not bind its port.
            embedded.stop()


def worker(args: argparse.Namespace) -> None:
    """Work the job queue until SIGINT or SIGTERM, on this host's own processes."""
    import dataclasses

    from .logging import configure_logging

    settings = _settings()
    if args.concurrency is not None:
        settings = dataclasses.replace(settings, job_concurrency=args.concurrency)
        settings.validate()
    configure_logging(settings)
    database, embedded = _database(settings)
    try:
        asyncio.run(_work(settings, database))
    finally:
        if embedded is not None:
            embedded.stop()


async def _work(settings: Settings, database: str | dict) -> None:
    import logging

    from .services import Services

    await db.init_orm(
        database,
        pool_max=settings.database_pool_max,
        statement_timeout=settings.database_timeout_seconds,
    )
    services = Services.build(settings)
    try:
        logging.getLogger(__name__).info(
            "job worker on %s, %d at a time; mail: %s",
            db.describe_database(database),
            settings.job_concurrency,
            services.mail.describe(),
        )
        await services.jobs.work()
    finally:
        await services.close()
        await db.close_orm()


def migrate(args: argparse.Namespace) -> None:
    settings = _settings()
    database, embedded = _database(settings)
    try:
        applied = asyncio.run(db.migrate(database))
    finally:
        if embedded is not None:
            embedded.stop()
    print(f"{len(applied)} migration(s) applied" + (": " + ", ".join(applied) if applied else "."))


def stop_database(args: argparse.Namespace) -> None:
    """Stop an embedded PostgreSQL that no process uses, e.g. one a killed server left."""
    settings = _settings()
    if settings.database_url:
        sys.exit("VECTOR_DATABASE_URL is set: there is no embedded database to stop.")
    if not (settings.pgdata_dir / "PG_VERSION").exists():
        print(f"No embedded database in {settings.pgdata_dir}.")
        return
    try:
        stopped = db.EmbeddedPostgres(settings.pgdata_dir).stop_if_unused()
    except db.EmbeddedDatabaseError as exc:
        sys.exit(f"Database error: {exc}")
    print(
        "Stopped the embedded PostgreSQL."
        if stopped
        else "Nothing stopped: the embedded PostgreSQL is not running, or a server uses it."
    )


def makemigrations(args: argparse.Namespace) -> None:
    """Write a migration for model changes, from the last migration's recorded state."""
    name = asyncio.run(db.make_migration(args.name))
    print(f"Wrote {name}." if name else "No changes.")


def healthcheck(args: argparse.Namespace) -> None:
    """Exit 0 when /healthz answers 200 on the configured port, else 1 (for HEALTHCHECK)."""
    import urllib.error
    import urllib.request

    url = args.url
    if url is None:
        settings = _settings()
        # A server bound to every address is reached on the loopback one.
        host = {"0.0.0.0": "127.0.0.1", "": "127.0.0.1", "::": "::1"}.get(
            settings.host, settings.host
        )
        if ":" in host:
            host = f"[{host}]"
        url = f"http://{host}:{settings.port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=args.timeout) as response:
            status = response.status
    except (urllib.error.URLError, OSError) as exc:
        sys.exit(f"unhealthy: {url}: {getattr(exc, 'reason', exc)}")
    if status != 200:
        sys.exit(f"unhealthy: {url} answered {status}")
    print(f"healthy: {url}")


def export_schema(args: argparse.Namespace) -> None:
    from .graphql.schema import export_sdl

    sdl = export_sdl()
    if args.output == "-":
        sys.stdout.write(sdl)
    else:
        Path(args.output).write_text(sdl)
        print(f"Wrote {args.output}.")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="vector-gql", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("serve", help="migrate, then serve the API with uvicorn")
    p.add_argument("--host", help="address to bind (VECTOR_HOST, default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (VECTOR_PORT, default 8000)")
    p.add_argument("--workers", type=int, help="uvicorn worker processes (VECTOR_WORKERS)")
    p.set_defaults(func=serve)

    p = commands.add_parser(
        "worker", help="work the job queue (emails, posters, reports) until stopped"
    )
    p.add_argument(
        "--concurrency", type=int, help="jobs run at once (VECTOR_JOB_CONCURRENCY, default 2)"
    )
    p.set_defaults(func=worker)

    p = commands.add_parser("migrate", help="apply pending database migrations")
    p.set_defaults(func=migrate)

    p = commands.add_parser(
        "stop-database", help="stop the embedded PostgreSQL if no server process uses it"
    )
    p.set_defaults(func=stop_database)

    p = commands.add_parser("makemigrations", help="write a migration for model changes")
    p.add_argument("name", nargs="?", default="update")
    p.set_defaults(func=makemigrations)

    p = commands.add_parser("healthcheck", help="exit 0 if the server on VECTOR_PORT is healthy")
    p.add_argument("--url", help="health URL to check (default: /healthz on VECTOR_HOST:PORT)")
    p.add_argument("--timeout", type=float, default=3.0, help="seconds to wait (default 3)")
    p.set_defaults(func=healthcheck)

    p = commands.add_parser("export-schema", help="print or write the GraphQL SDL")
    p.add_argument("output", nargs="?", default="-", help="file to write, or - for stdout")
    p.set_defaults(func=export_schema)

    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
