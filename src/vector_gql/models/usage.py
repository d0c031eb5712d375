"""What callers have spent: the query-cost budget of each user and client address."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class QueryBudget(Model):
    """A token bucket per caller (``user:<id>``, ``invitation:<id>`` or ``addr:<address>``).

    ``tokens`` is what was left at ``updated_at``; the bucket refills
    continuously from then on, up to its capacity. Kept in PostgreSQL so that
    one budget holds across every worker and host. A row whose bucket has
    refilled is the same as no row, so old rows are pruned.
    """

    key = fields.CharField(max_length=80, primary_key=True)
    tokens = fields.FloatField()
    updated_at = fields.DatetimeField()
    # Whether the last charge was refused, and what it took (an operation's cost, up to
    # a lease): they tell the charging statement's caller.
    refused = fields.BooleanField(default=False)
    taken = fields.FloatField(default=0)

    class Meta:
        table = "query_budget"
