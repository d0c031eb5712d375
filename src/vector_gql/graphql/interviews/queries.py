"""The interviews connection."""

from __future__ import annotations

import strawberry

from ...models import interviews as models
from ...services.interviews import SORT_FIELDS, InterviewFilter
from ...services.paging import Sort
from ..context import Info
from ..node import decode_id
from ..pagination import Connection, OrderDirection, edge_cursors_selected, page_request
from ..rows import selected
from .inputs import InterviewFilterInput, InterviewOrder
from .types import Interview, asks_interview, relations_wanted, with_relations


def _sort(order: InterviewOrder | None) -> Sort:
    order = order or InterviewOrder()
    field = SORT_FIELDS[order.field.value]
    return Sort(
        field,
        descending=order.direction == OrderDirection.DESC,
        kind="str" if field == "title" else "datetime",
    )


def _filter(given: InterviewFilterInput | None) -> InterviewFilter:
    if given is None:
        return InterviewFilter()
    return InterviewFilter(
        statuses=tuple(models.InterviewStatus(s) for s in (given.status or ())),
        search=given.search,
    )


@strawberry.type
class InterviewQuery:
    @strawberry.field(
        description="The interviews the viewer may read, in one organization or in all of "
        "theirs. At most 100 per page; 20 unless asked."
    )
    async def interviews(
        self,
        info: Info,
        organization_id: strawberry.ID | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: InterviewFilterInput | None = None,
        order_by: InterviewOrder | None = None,
    ) -> Connection[Interview]:
        principal = await info.context.authenticated()
        sort = _sort(order_by)
        request = page_request(first=first, after=after, last=last, before=before, sort=sort)
        # The relations its nodes are asked for, for the whole page at once, and its total
        # if asked for: with the page, in as few statements as the service can.
        page, relations = await info.context.services.interviews.page_with_relations(
            principal,
            organization_id=(
                decode_id(organization_id, "Organization", "organization_id")
                if organization_id is not None
                else None
            ),
            filter=_filter(filter),
            sort=sort,
            request=request,
            wanted=relations_wanted(info, "edges", "node"),
            with_count="totalCount" in selected(info),
        )
        return Connection.of_nodes(
            page,
            with_relations(
                page.items, relations, with_interview=asks_interview(info, "edges", "node")
            ),
            cursors=edge_cursors_selected(info),
        )
