"""Per-caller query budgets: token buckets in PostgreSQL, spent from per-worker leases.

Every GraphQL operation is charged its static cost (see graphql/cost.py)
against its caller's bucket: the signed-in user's, or for anonymous callers
the client address's (an IPv6 address by its /64, which one host usually
holds whole). A bucket holds up to ``VECTOR_QUERY_BUDGET`` and refills at
``VECTOR_QUERY_BUDGET_RESTORE`` a second; an operation that costs more than
is left is refused and charges nothing.

The bucket lives in PostgreSQL. One ``INSERT ... ON CONFLICT DO UPDATE``
reads it, refills it for the time passed on the service's clock, takes an
amount from it or refuses, and returns the outcome, atomically under
concurrent requests from any number of workers and hosts. Time never runs
backwards for a bucket: a charge stamped earlier than the bucket's last one
(another host's clock a little behind) refills nothing and leaves the stamp
where it was, so clocks that disagree can make a budget stricter for a
moment, never more generous.

Leases. Writing the bucket on every request was a statement, a row lock and
a WAL record per request, all requests of one caller queueing on the same
row. So a worker takes a little more than an operation costs, a lease of
``1/LEASE_FRACTION`` of the budget, and spends the operations that follow
from it locally, going back to the database when the lease cannot pay for
the next operation or is ``LEASE_SECONDS`` old. Going back, it returns what
is left of its lease in the same statement. Why the guarantees hold:

- Never more generous than one bucket: every token a worker spends was taken
  from the bucket first, atomically, and a token is spent once (a lease is
  this worker's alone, changed only between awaits). The sum over workers
  and hosts of what they spend in any window is at most what the bucket gave
  out in it, which is what it would have allowed one request at a time.
  Tokens returned are added back with the refill the bucket would have had,
  capped at the budget, exactly as if they had never been taken.
- Stricter by at most a lease per other worker: what another worker holds
  and has not spent is missing from the bucket until it goes back (on its
  next charge for that caller, or when ``settle`` returns leases older than
  ``LEASE_SECONDS``, every few seconds), so a caller near the end of their
  budget may be refused while up to ``budget / MAX_LEASE_FRACTION`` per other
  worker sits unspent (``budget / LEASE_FRACTION`` while the caller's
  operations cost less than ``budget / (LEASE_FRACTION * LEASE_OPERATIONS)``).
  A worker that stops for good strands at most that, which the refill
  restores. The statement takes the cost and as much of the wanted lease as
  the bucket holds, or nothing when it holds less than the cost, and says how
  much it took: so a worker alone refuses exactly what one bucket would, with
  one statement.
- Refusals say what is left as the database counts it, with this worker's
  lease returned: the ``cost``, ``remaining``, ``budget``, ``restoreRate``
  and ``retryAfterSeconds`` of before. An allowed operation reports the
  bucket as of the worker's last statement for that caller, plus its lease:
  as a statement per request did, a figure of the moment it was read, which
  other workers' spending and the refill since have moved.
- One operation per caller and worker takes from the bucket at a time; the
  caller's other operations wait for it and spend from the lease it brings.
  A burst of a caller's first requests therefore takes one lease, not one
  each.

A caller's requests then cost one write per ``LEASE_SECONDS`` and worker, or
per lease spent, instead of one per request.

Refusals are believed like leases. A worker remembers, for up to
``LEASE_SECONDS``, what a caller's bucket held when it refused them, and refuses
their next operations without a statement while that plus the refill since
cannot pay for them: a spent caller who keeps sending costs no database work
(an attacker looping over uploads did, once per request). Tokens another worker
returns meanwhile are seen after that: stricter by at most a lease per other
worker, as above, for at most ``LEASE_SECONDS``.
"""

from __future__ import annotations

import asyncio
import ipaddress
import math
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise import connections

from ..config import Settings
from .auth import CandidateSession, Member, Principal
from .clock import Clock

# A lease is at least this fraction of the budget: 156 of the default 10,000, a viewer
# query's cost 150 times over, or the refill of 0.8 s at the default rate.
LEASE_FRACTION = 64
# For dearer operations, a lease pays for this many of the one that takes it, up to
# 1/MAX_LEASE_FRACTION of the budget: a page of 20 interviews with their questions
# (cost about 2,000) takes leases of 16,000 from budgets of 128,000 or more, where a
# lease of 1/64 would pay for a single page only from budgets of 256,000.
LEASE_OPERATIONS = 8
MAX_LEASE_FRACTION = 8
# A lease is spent for at most this long, then returned with the next charge.
LEASE_SECONDS = 1.0
# Leases kept per worker; the least recently used beyond this are returned by settle().
MAX_LEASES = 4096

# $1 key, $2 amount taken, $3 capacity, $4 restore per second, $5 now, $6 returned.
# Every SET expression sees the row as it was before the statement, so "available" is
# the old balance plus what has refilled since and what the caller's worker returns,
# capped at the capacity.
_ELAPSED = "GREATEST(0, EXTRACT(EPOCH FROM ($5::timestamptz - b.updated_at)))::float8"
_AVAILABLE = f"LEAST($3::float8, b.tokens + $6::float8 + $4::float8 * {_ELAPSED})"
# The statement is its own transaction, and commits without waiting for the
# WAL to reach disk (synchronous_commit off, for this transaction only): that
# wait was most of its time, and a crash can lose at most the last moment's
# charges, which only makes a budget a little more generous once.
# What the charge takes: nothing when the bucket cannot pay the cost $2, else up to
# the wanted lease $7 (at least the cost), as much as the bucket holds.
_TAKE = f"CASE WHEN {_AVAILABLE} >= $2::float8 THEN LEAST($7::float8, {_AVAILABLE}) ELSE 0 END"
_NEW_TAKE = "CASE WHEN $3::float8 >= $2::float8 THEN LEAST($7::float8, $3::float8) ELSE 0 END"
CHARGE_SQL = f"""
WITH no_wait AS (SELECT set_config('synchronous_commit', 'off', true))
INSERT INTO query_budget AS b (key, tokens, updated_at, refused, taken)
SELECT $1, $3::float8 - {_NEW_TAKE}, $5::timestamptz, $3::float8 < $2::float8, {_NEW_TAKE}
FROM no_wait
ON CONFLICT (key) DO UPDATE SET
    tokens = {_AVAILABLE} - {_TAKE},
    taken = {_TAKE},
    refused = {_AVAILABLE} < $2::float8,
    updated_at = GREATEST(b.updated_at, $5::timestamptz)
RETURNING tokens, taken, refused
"""
# Leases going back: $1 keys, $2 tokens, $3 capacity, $4 restore per second, $5 now.
_RETURNED_AVAILABLE = f"LEAST($3::float8, b.tokens + r.tokens + $4::float8 * {_ELAPSED})"
RETURN_SQL = f"""
WITH no_wait AS (SELECT set_config('synchronous_commit', 'off', true))
UPDATE query_budget AS b SET
    tokens = {_RETURNED_AVAILABLE},
    updated_at = GREATEST(b.updated_at, $5::timestamptz)
FROM no_wait, unnest($1::text[], $2::float8[]) AS r(key, tokens)
WHERE b.key = r.key
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


@dataclass
class _Refusal:
    bucket: float  # what the bucket held when it refused
    at: datetime


@dataclass
class _Lease:
    tokens: float  # taken from the bucket, not spent yet
    bucket: float  # what the bucket held after the last statement for this caller
    taken_at: datetime


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
        self.lease_size = self.capacity // LEASE_FRACTION
        self._lease_time = timedelta(seconds=LEASE_SECONDS)
        self._leases: OrderedDict[str, _Lease] = OrderedDict()
        self._evicted: dict[str, float] = {}
        self._refusals: OrderedDict[str, _Refusal] = OrderedDict()
        # The callers for whom an operation is taking from the bucket right now.
        self._taking: dict[str, asyncio.Event] = {}

    @property
    def enabled(self) -> bool:
        return self.capacity > 0

    async def charge(self, key: str, cost: int) -> Charge:
        """Charge ``cost`` to the bucket ``key`` if it holds that much.

        From this worker's lease when it can pay; otherwise one statement, which
        takes the cost and as much of a lease as the bucket holds. Call it outside
        any transaction: the statement commits on its own.
        """
        while True:
            now = self.clock.now()
            lease = self._leases.get(key)
            if lease is not None:
                age = now - lease.taken_at
                if lease.tokens >= cost and timedelta(0) <= age < self._lease_time:
                    lease.tokens -= cost
                    self._leases.move_to_end(key)
                    return self._outcome(True, cost, lease.bucket + lease.tokens)
            refusal = self._refusals.get(key)
            if refusal is not None:
                age = now - refusal.at
                if timedelta(0) <= age < self._lease_time:
                    held = min(
                        self.capacity,
                        refusal.bucket + self.restore_per_second * age.total_seconds(),
                    )
                    if held < cost:
                        return self._outcome(False, cost, held)
                del self._refusals[key]
            taking = self._taking.get(key)
            if taking is None:
                break
            # Another operation of this caller is taking a lease: spend from it if it can.
            await taking.wait()
        self._taking[key] = taking = asyncio.Event()
        try:
            return await self._charge_from_bucket(key, cost, lease, now)
        finally:
            del self._taking[key]
            taking.set()

    def refund(self, key: str, cost: int) -> None:
        """Give back an allowed charge whose operation never ran: to this worker's lease,
        or with the next statement for the bucket (as an evicted lease is)."""
        lease = self._leases.get(key)
        if lease is not None:
            lease.tokens += cost
        else:
            self._evicted[key] = self._evicted.get(key, 0.0) + cost

    async def _charge_from_bucket(
        self, key: str, cost: int, lease: _Lease | None, now: datetime
    ) -> Charge:
        if lease is not None:
            # Not enough, or too old: what is left goes back with this statement.
            del self._leases[key]
        returned = lease.tokens if lease is not None else 0.0
        returned += self._evicted.pop(key, 0.0)
        tokens, taken, refused = await self._take(key, cost, self.lease_for(cost), returned, now)
        if refused:
            self._refusals[key] = _Refusal(tokens, now)
            self._refusals.move_to_end(key)
            while len(self._refusals) > MAX_LEASES:
                self._refusals.popitem(last=False)
            return self._outcome(False, cost, tokens)
        left = taken - cost
        if left > 0:
            self._keep(key, left, tokens, now)
        return self._outcome(True, cost, tokens + left)

    def _keep(self, key: str, tokens: float, bucket: float, now: datetime) -> None:
        self._leases[key] = _Lease(tokens, bucket, now)
        while len(self._leases) > MAX_LEASES:
            old_key, old = self._leases.popitem(last=False)
            self._evicted[old_key] = self._evicted.get(old_key, 0.0) + old.tokens

    def lease_for(self, cost: int) -> int:
        """What a worker asks the bucket for, to pay an operation of ``cost``: a lease
        that pays for LEASE_OPERATIONS such operations, at least ``1/LEASE_FRACTION``
        and at most ``1/MAX_LEASE_FRACTION`` of the budget; never less than the cost."""
        lease = min(cost * LEASE_OPERATIONS, self.capacity // MAX_LEASE_FRACTION)
        return max(cost, self.lease_size, lease)

    async def _take(
        self, key: str, cost: int, wanted: int, returned: float, now: datetime
    ) -> tuple[float, float, bool]:
        """One statement: the bucket's tokens after it, what it took, and whether it
        refused the cost (then it took nothing, and still took back ``returned``)."""
        rows = await connections.get("default").execute_query_dict(
            CHARGE_SQL,
            [key, cost, self.capacity, self.restore_per_second, now, returned, wanted],
        )
        row = rows[0]
        return float(row["tokens"]), float(row["taken"]), bool(row["refused"])

    def _outcome(self, allowed: bool, cost: int, remaining: float) -> Charge:
        return Charge(
            allowed=allowed,
            cost=cost,
            remaining=max(0, math.floor(remaining)),
            capacity=self.capacity,
            restore_per_second=self.restore_per_second,
        )

    async def settle(self, *, everything: bool = False) -> int:
        """Return to their buckets the leases this worker has not spent for LEASE_SECONDS
        (all of them with ``everything``); returns how many buckets got tokens back."""
        now = self.clock.now()
        back = self._evicted
        self._evicted = {}
        for key, lease in list(self._leases.items()):
            age = now - lease.taken_at
            if everything or not timedelta(0) <= age < self._lease_time:
                del self._leases[key]
                back[key] = back.get(key, 0.0) + lease.tokens
        back = {key: tokens for key, tokens in back.items() if tokens > 0}
        if not back:
            return 0
        await connections.get("default").execute_query(
            RETURN_SQL,
            [list(back), list(back.values()), self.capacity, self.restore_per_second, now],
        )
        return len(back)

    def forget_leases(self) -> None:
        """Drop this worker's leases (and refusals) without returning them: for when the
        buckets they came from were removed under it (tests empty the tables between
        cases)."""
        self._leases.clear()
        self._evicted.clear()
        self._refusals.clear()

    async def prune(self) -> int:
        """Remove buckets that have refilled; returns how many."""
        if not self.enabled:
            return 0
        full_after = timedelta(seconds=self.capacity / max(1, self.restore_per_second))
        removed, _ = await connections.get("default").execute_query(
            PRUNE_SQL, [self.clock.now() - full_after]
        )
        return int(removed)
