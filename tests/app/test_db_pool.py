"""The ORM's connection pool: what a connection carries back to it, and what it does not."""

from __future__ import annotations

from tortoise import connections
from tortoise.transactions import in_transaction


async def test_a_connection_goes_back_to_the_pool_without_a_reset_statement(database):
    """asyncpg's default reset is a round trip per release: none of it is sent."""
    pool = connections.get("default")._pool
    sent: list[str] = []

    def log(record) -> None:
        sent.append(record.query)

    async with pool.acquire() as proxy:
        connection = proxy._con  # the connection itself outlives the proxy's release
        connection.add_query_logger(log)
        await proxy.fetchval("SELECT 1")
    try:
        assert sent == ["SELECT 1"]
    finally:
        connection.remove_query_logger(log)


async def test_a_transaction_left_open_is_still_rolled_back(database):
    """What a release must still do: no transaction outlives its borrower."""
    pool = connections.get("default")._pool
    async with pool.acquire() as connection:
        await connection.execute("BEGIN")
        await connection.execute("CREATE TEMPORARY TABLE left_open (x int) ON COMMIT DROP")
    async with in_transaction() as transaction:
        _, rows = await transaction.execute_query(
            "SELECT count(*) AS n FROM pg_class WHERE relname = 'left_open'"
        )
    assert rows[0]["n"] == 0
