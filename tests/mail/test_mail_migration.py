"""The outbox migration that added the SENDING state undoes cleanly: mail caught in it
goes back to the queue, where the older job looks for it."""

from __future__ import annotations

import importlib.util

from tests.fixtures.jobs import connect, scratch_database
from vector_gql import db


def _message_id_migration():
    path = next(db.MIGRATIONS_DIR.glob("models/13_*_mail_message_id.py"))
    spec = importlib.util.spec_from_file_location("mail_message_id_migration", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def test_the_downgrade_requeues_mail_that_was_being_sent(database):
    module = _message_id_migration()
    async with scratch_database(database) as url:
        connection = await connect(url)
        try:
            # The outbox columns the migration works on, as the one before left them.
            await connection.execute(
                'CREATE TABLE "mail_outbox" (id SERIAL PRIMARY KEY, "status" VARCHAR(8) NOT NULL)'
            )
            await connection.execute(await module.upgrade(connection))
            await connection.execute(
                """INSERT INTO "mail_outbox" ("status")
                   VALUES ('SENDING'), ('SENT'), ('QUEUED'), ('HELD'), ('FAILED')"""
            )
            await connection.execute(await module.downgrade(connection))
            rows = await connection.fetch('SELECT "status" FROM "mail_outbox" ORDER BY id')
            assert [row["status"] for row in rows] == ["QUEUED", "SENT", "QUEUED", "HELD", "FAILED"]
        finally:
            await connection.close()
