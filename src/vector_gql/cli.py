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
    database, embedded = db.connection_for(settings)
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
    database, embedded = db.connection_for(settings)
    try:
        asyncio.run(_work(settings, database))
    finally:
        if embedded is not None:
            embedded.stop()


async def _work(settings: Settings, database: str | dict) -> None:
    import logging

    from .services import Services

    await db.init_orm(database, pool_max=settings.database_pool_max)
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
    database, embedded = db.connection_for(settings)
    try:
        applied = asyncio.run(db.migrate(database))
    finally:
        if embedded is not None:
            embedded.stop()
    print(f"{len(applied)} migration(s) applied" + (": " + ", ".join(applied) if applied else "."))


def makemigrations(args: argparse.Namespace) -> None:
    """Write a migration for model changes, from the last migration's recorded state."""
    name = asyncio.run(db.make_migration(args.name))
    print(f"Wrote {name}." if name else "No changes.")


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

    p = commands.add_parser("makemigrations", help="write a migration for model changes")
    p.add_argument("name", nargs="?", default="update")
    p.set_defaults(func=makemigrations)

    p = commands.add_parser("export-schema", help="print or write the GraphQL SDL")
    p.add_argument("output", nargs="?", default="-", help="file to write, or - for stdout")
    p.set_defaults(func=export_schema)

    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
