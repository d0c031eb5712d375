"""Per-caller query budgets: token buckets in PostgreSQL, charged in one statement.

Every GraphQL operation is charged its static cost (see graphql/cost.py)
against its caller's bucket: the signed-in user's, or for anonymous callers
the client address's (an IPv6 address by its /64, which one host usually
holds whole). A bucket holds up to ``VECTOR_QUERY_BUDGET`` and refills at
``VECTOR_QUERY_BUDGET_RESTORE`` a second; an operation that costs more than
is left is refused and charges nothing.

One ``INSERT ... ON CONFLICT DO UPDATE`` reads the bucket, refills it from the
database's clock, charges it or refuses, and returns the outcome, atomically
under concurrent requests from any number of workers and hosts. The key comes
from the access token's claims, so the statement needs nothing the
authentication query reads and could later be folded into it as a CTE.
"""

from __future__ import annotations

import ipaddress
import math
from dataclasses import dataclass

from tortoise import connections

from ..config import Settings

# $1 key, $2 cost, $3 capacity, $4 restore per second. Every SET expression
# sees the row as it was before the statement, so "available" is the old
# balance plus what has refilled since, capped at the capacity.
_AVAILABLE = (
    "LEAST($3::float8, b.tokens + $4::float8 * EXTRACT(EPOCH FROM (now() - b.updated_at))::float8)"
)
# The statement is its own transaction, and commits without waiting for the
# WAL to reach disk (synchronous_commit off, for this transaction only): that
# wait was most of its time, and a crash can lose at most the last moment's
# charges, which only makes a budget a little more generous once.
CHARGE_SQL = f"""
WITH no_wait AS (SELECT set_config('synchronous_commit', 'off', true))
INSERT INTO query_budget AS b (key, tokens, updated_at, refused)
SELECT $1, $3::float8 - $2::float8, now(), false FROM no_wait
ON CONFLICT (key) DO UPDATE SET
    tokens = {_AVAILABLE} - CASE WHEN {_AVAILABLE} >= $2::float8 THEN $2::float8 ELSE 0 END,
    refused = {_AVAILABLE} < $2::float8,
    updated_at = now()
RETURNING tokens, refused
"""
# A bucket untouched for long enough to be full again is the same as none.
PRUNE_SQL = "DELETE FROM query_budget WHERE updated_at < now() - make_interval(secs => $1)"


@dataclass(frozen=True)
class Charge:
    """The outcome of charging an operation's cost to a caller's budget."""

    allowed: bool
    cost: int
    remaining: int  # left after this operation (or, when refused, left now)
    capacity: int
    restore_per_second: int

    @property
    def retry_after_seconds(self) -> int:
        """How long until the bucket holds the cost again (0 when allowed)."""
        if self.allowed:
            return 0
        rate = max(1, self.restore_per_second)  # Settings.validate refuses 0 with a budget
        return max(1, math.ceil((self.cost - self.remaining) / rate))


def budget_key(user_id: int | None, client_ip: str) -> str:
    """The bucket a caller spends from: their user, else their client address."""
    if user_id is not None:
        return f"user:{user_id}"
    try:
        address = ipaddress.ip_address(client_ip)
    except ValueError:
        return f"addr:{client_ip[:64]}"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return f"addr:{address.ipv4_mapped}"
        return f"addr:{ipaddress.ip_network(f'{address}/64', strict=False)}"
    return f"addr:{address}"


class QueryBudgetService:
    def __init__(self, settings: Settings) -> None:
        self.capacity = settings.query_budget
        self.restore_per_second = settings.query_budget_restore_per_second

    @property
    def enabled(self) -> bool:
        return self.capacity > 0

    async def charge(self, key: str, cost: int) -> Charge:
        """Charge ``cost`` to the bucket ``key`` if it holds that much; one statement.

        Call it outside any transaction: the statement commits on its own.
        """
        rows = await connections.get("default").execute_query_dict(
            CHARGE_SQL, [key, cost, self.capacity, self.restore_per_second]
        )
        tokens, refused = rows[0]["tokens"], rows[0]["refused"]
        return Charge(
            allowed=not refused,
            cost=cost,
            remaining=max(0, math.floor(tokens)),
            capacity=self.capacity,
            restore_per_second=self.restore_per_second,
        )

    async def prune(self) -> int:
        """Remove buckets that have refilled; returns how many."""
        if not self.enabled:
            return 0
        full_after = self.capacity / max(1, self.restore_per_second)
        removed, _ = await connections.get("default").execute_query(PRUNE_SQL, [full_after])
        return removed
