"""Per-caller query budgets: token buckets in PostgreSQL, charged in one statement.

Every GraphQL operation is charged its static cost (see graphql/cost.py)
against its caller's bucket: the signed-in user's, or for anonymous callers
the client address's (an IPv6 address by its /64, which one host usually
holds whole). A bucket holds up to ``VECTOR_QUERY_BUDGET`` and refills at
``VECTOR_QUERY_BUDGET_RESTORE`` a second; an operation that costs more than
is left is refused and charges nothing.

One ``INSERT ... ON CONFLICT DO UPDATE`` reads the bucket, refills it for the
time passed on the service's clock, charges it or refuses, and returns the
outcome, atomically under concurrent requests from any number of workers and
hosts. Time never runs backwards for a bucket: a charge stamped earlier than
the bucket's last one (another host's clock a little behind) refills nothing
and leaves the stamp where it was, so clocks that disagree can make a budget
stricter for a moment, never more generous.
"""

from __future__ import annotations

import ipaddress
import math
from dataclasses import dataclass
from datetime import timedelta

from tortoise import connections

from ..config import Settings
from .auth import CandidateSession, Member, Principal
from .clock import Clock

# $1 key, $2 cost, $3 capacity, $4 restore per second, $5 now. Every SET
# expression sees the row as it was before the statement, so "available" is
# the old balance plus what has refilled since, capped at the capacity.
_ELAPSED = "GREATEST(0, EXTRACT(EPOCH FROM ($5::timestamptz - b.updated_at)))::float8"
_AVAILABLE = f"LEAST($3::float8, b.tokens + $4::float8 * {_ELAPSED})"
# The statement is its own transaction, and commits without waiting for the
# WAL to reach disk (synchronous_commit off, for this transaction only): that
# wait was most of its time, and a crash can lose at most the last moment's
# charges, which only makes a budget a little more generous once.
CHARGE_SQL = f"""
WITH no_wait AS (SELECT set_config('synchronous_commit', 'off', true))
INSERT INTO query_budget AS b (key, tokens, updated_at, refused)
SELECT $1, $3::float8 - $2::float8, $5::timestamptz, false FROM no_wait
ON CONFLICT (key) DO UPDATE SET
    tokens = {_AVAILABLE} - CASE WHEN {_AVAILABLE} >= $2::float8 THEN $2::float8 ELSE 0 END,
    refused = {_AVAILABLE} < $2::float8,
    updated_at = GREATEST(b.updated_at, $5::timestamptz)
RETURNING tokens, refused
"""
# A bucket untouched for long enough to be full again is the same as none.
PRUNE_SQL = "DELETE FROM query_budget WHERE updated_at < $1::timestamptz"


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


def budget_key(principal: Principal | None, client_ip: str) -> str:
    """The bucket a caller spends from: their user or invitation, else their client address.

    ``None`` is a caller whose credentials were refused: they spend from their address.
    """
    if isinstance(principal, Member):
        return f"user:{principal.user_id}"
    if isinstance(principal, CandidateSession):
        return f"invitation:{principal.invitation_id}"
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
    def __init__(self, settings: Settings, *, clock: Clock) -> None:
        self.capacity = settings.query_budget
        self.restore_per_second = settings.query_budget_restore_per_second
        self.clock = clock

    @property
    def enabled(self) -> bool:
        return self.capacity > 0

    async def charge(self, key: str, cost: int) -> Charge:
        """Charge ``cost`` to the bucket ``key`` if it holds that much; one statement.

        Call it outside any transaction: the statement commits on its own.
        """
        rows = await connections.get("default").execute_query_dict(
            CHARGE_SQL, [key, cost, self.capacity, self.restore_per_second, self.clock.now()]
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
        full_after = timedelta(seconds=self.capacity / max(1, self.restore_per_second))
        removed, _ = await connections.get("default").execute_query(
            PRUNE_SQL, [self.clock.now() - full_after]
        )
        return int(removed)
