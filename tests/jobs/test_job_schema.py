"""The queue's schema comes from the migrations, on a fresh database and an upgraded one."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import procrastinate
from procrastinate.schema import SchemaManager

from tests.fixtures.jobs import connect, database_url, scratch_database
from vector_gql import db

CATALOG = {
    "columns": """
        SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
        FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name LIKE 'procrastinate%'""",
    "routines": """
        SELECT p.proname, pg_get_function_identity_arguments(p.oid), pg_get_functiondef(p.oid)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = current_schema() AND p.proname LIKE 'procrastinate%'""",
    "types": """
        SELECT t.typname, coalesce(e.enumlabel, a.attname), coalesce(e.enumsortorder, a.attnum),
               format_type(a.atttypid, a.atttypmod)
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        LEFT JOIN pg_enum e ON e.enumtypid = t.oid
        LEFT JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
        LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
        WHERE n.nspname = current_schema() AND t.typname LIKE 'procrastinate%'
          AND (e.oid IS NOT NULL OR c.oid IS NOT NULL)""",
    "indexes": """
        SELECT indexname, indexdef FROM pg_indexes
        WHERE schemaname = current_schema() AND tablename LIKE 'procrastinate%'""",
    "constraints": """
        SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
        WHERE conrelid::regclass::text LIKE 'procrastinate%'""",
    "triggers": """
        SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger
        WHERE NOT tgisinternal AND tgname LIKE 'procrastinate%'""",
}


async def catalog(connection) -> dict[str, list[tuple]]:
    return {
        name: sorted(tuple(row) for row in await connection.fetch(sql))
        for name, sql in CATALOG.items()
    }


async def test_migrations_give_the_installed_procrastinates_schema(database):
    """Fails when procrastinate is upgraded without a migration carrying its changes."""
    migrated = await connect(database_url(database))
    try:
        ours = await catalog(migrated)
    finally:
        await migrated.close()
    async with scratch_database(database) as url:
        fresh = await connect(url)
        try:
            await fresh.execute(SchemaManager.get_schema())
            theirs = await catalog(fresh)
        finally:
            await fresh.close()
    assert theirs["routines"] and theirs["columns"]
    for part in CATALOG:
        assert ours[part] == theirs[part], (
            f"The migrated job-queue schema differs from procrastinate {procrastinate.__version__}"
            f"'s ({part}). Add a migration with the SQL of procrastinate/sql/migrations/ since "
            "the version in the *_job_queue migration."
        )


def _migration(suffix: str) -> Path:
    return next(db.MIGRATIONS_DIR.glob(f"models/*_{suffix}.py"))


async def test_the_downgrade_removes_every_queue_object(database):
    spec = importlib.util.spec_from_file_location("job_queue_migration", _migration("job_queue"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    async with scratch_database(database) as url:
        connection = await connect(url)
        try:
            await connection.execute(await module.upgrade(connection))
            assert any((await catalog(connection)).values())
            await connection.execute(await module.downgrade(connection))
            assert not any((await catalog(connection)).values())
        finally:
            await connection.close()


APPLY_FIRST_ONLY = """
import asyncio, sys
from aerich import Command
from vector_gql import db

async def main(url, location):
    command = Command(tortoise_config=db.tortoise_config(url), app="models", location=location)
    await command.init()
    try:
        print(await command.upgrade(run_in_transaction=True))
    finally:
        await command.aclose()

asyncio.run(main(sys.argv[1], sys.argv[2]))
"""


def _run(args: list[str], url: str) -> str:
    env = {**os.environ, "VECTOR_DATABASE_URL": url, "VECTOR_ENV": "test"}
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


async def test_an_existing_database_gets_the_queue_on_upgrade(database, tmp_path):
    """A database made by the first release gains the queue and the outbox on `migrate`."""
    first = sorted(db.MIGRATIONS_DIR.glob("models/0_*.py"))[0]
    (tmp_path / "models").mkdir()
    shutil.copy(first, tmp_path / "models" / first.name)
    async with scratch_database(database) as url:
        _run([sys.executable, "-c", APPLY_FIRST_ONLY, url, str(tmp_path)], url)
        connection = await connect(url)
        try:
            await connection.execute(
                "INSERT INTO org_organization (name, created_at) VALUES ('Acme', now())"
            )
            assert await connection.fetchval("SELECT to_regclass('procrastinate_jobs')") is None
            out = _run([sys.executable, "-m", "vector_gql.cli", "migrate"], url)
            assert "_job_queue.py" in out and "_mail_outbox.py" in out
            # The queue works: a deferred job is there, and the data from before is kept.
            job_ids = await connection.fetchval(
                "SELECT procrastinate_defer_jobs_v1(ARRAY[ROW('default', 'mail.deliver', 0, "
                "NULL, NULL, '{}', NULL)::procrastinate_job_to_defer_v1])"
            )
            assert len(job_ids) == 1
            assert await connection.fetchval("SELECT count(*) FROM mail_outbox") == 0
            assert await connection.fetchval("SELECT name FROM org_organization") == "Acme"
        finally:
            await connection.close()
