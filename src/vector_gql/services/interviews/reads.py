"""Reading interviews and questions through the principal's policy."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from ...models.accounts import User
from ...models.interviews import Interview, Question
from ...models.media import Video
from ...models.organizations import Organization
from ..accounts.rows import UserRow
from ..auth import (
    Action,
    Principal,
    readable_interviews,
    readable_interviews_where,
    readable_questions,
    readable_users,
    reads_nothing,
    require,
    sees_creators_of_readable_interviews,
)
from ..errors import ErrorCode, Invalid
from ..media.rows import VideoRow
from ..organizations.rows import OrganizationRow
from ..paging import Page, PageRequest, Sort, keyset_page, sql_keyset_page
from ..rows import Where
from .rows import InterviewRow, QuestionRow
from .rules import MAX_SEARCH, InterviewFilter


def _questions_sql() -> str:
    """An interview's questions, selected with it (``Row.nested_sql``)."""
    outer = f'"{Interview._meta.db_table}"."id"'
    return QuestionRow.nested_sql(Question, "interview_id", outer, ("position", "id"))


def _creator_sql() -> str:
    """An interview's creator, selected with it (``Row.nested_sql``)."""
    return UserRow.nested_sql(User, "id", f'"{Interview._meta.db_table}"."creator_id"')


@dataclass(frozen=True)
class NumberedPage:
    count: int
    items: list[InterviewRow]


@dataclass(frozen=True)
class InterviewRelations:
    """The relations of a list of interviews, each fetched only if asked for.

    None: not asked for. ``creators`` holds only the creators the principal may
    see: a creator missing from it is one the principal may not see. ``prompts``:
    the video prompts of those questions, by video id.
    """

    questions: dict[int, list[QuestionRow]] | None = None
    creators: dict[int, UserRow] | None = None
    organizations: dict[int, OrganizationRow] | None = None
    prompts: dict[int, VideoRow] | None = None


@dataclass(frozen=True)
class RelationsWanted:
    questions: bool = False
    creators: bool = False
    organizations: bool = False
    # The questions' video prompts; only with the questions.
    prompts: bool = False


class InterviewReads:
    async def relations(
        self, principal: Principal, interviews: Sequence[InterviewRow], wanted: RelationsWanted
    ) -> InterviewRelations:
        """The wanted relations of interviews the principal reads, one statement each.

        Questions, their prompts and organizations come with their interview (seeing
        one implies seeing them, as for the ``videos`` loader); creators go through
        ``readable_users``.
        """
        ids = [row.id for row in interviews]
        questions = await self.questions_for(ids) if wanted.questions else None
        prompts = await _prompts_of(questions) if questions is not None and wanted.prompts else None
        creators = None
        if wanted.creators:
            creator_ids = {row.creator_id for row in interviews}
            if sees_creators_of_readable_interviews(principal):
                found = await UserRow.by_column(User, "id", creator_ids)
                creators = {row.id: row for row in found}
            elif reads_nothing(principal):
                creators = {}
            else:
                creators = await UserRow.by_id(readable_users(principal), creator_ids)
        organizations = None
        if wanted.organizations:
            found_organizations = await OrganizationRow.by_column(
                Organization, "id", {row.organization_id for row in interviews}
            )
            organizations = {row.id: row for row in found_organizations}
        return InterviewRelations(questions, creators, organizations, prompts)

    async def readable_interviews(
        self, principal: Principal, ids: Iterable[int]
    ) -> dict[int, InterviewRow]:
        if reads_nothing(principal):
            return {}
        wanted = list(ids)
        if not wanted:
            return {}
        # By id on every node(id:): in SQL, with the same policy.
        where = Where()
        readable_interviews_where(principal, where)
        where.add('"id" = ANY({})', wanted)
        return {row.id: row for row in await InterviewRow.where(Interview, where)}

    async def readable_questions(
        self, principal: Principal, ids: Iterable[int]
    ) -> dict[int, QuestionRow]:
        if reads_nothing(principal):
            return {}
        return await QuestionRow.by_id(readable_questions(principal), ids)

    async def get(self, principal: Principal, interview_id: int) -> InterviewRow | None:
        return (await self.readable_interviews(principal, [interview_id])).get(interview_id)

    async def interviews_by_id(self, ids: Iterable[int]) -> dict[int, InterviewRow]:
        """No visibility check: for relations of objects the principal may already see."""
        return await InterviewRow.by_id(Interview.all(), ids)

    async def questions_for(self, interview_ids: Iterable[int]) -> dict[int, list[QuestionRow]]:
        """Questions by interview, in position order, in one query.

        No visibility check: callers ask only for interviews already shown.
        """
        wanted = list(interview_ids)
        grouped: dict[int, list[QuestionRow]] = {i: [] for i in wanted}
        if not wanted:
            return grouped
        order = ("interview_id", "position", "id")
        for row in await QuestionRow.by_column(Question, "interview_id", wanted, order):
            grouped.setdefault(row.interview_id, []).append(row)
        return grouped

    def _listing(
        self, principal: Principal, organization_id: int | None, filter: InterviewFilter
    ) -> QuerySet[Interview]:
        query = readable_interviews(principal)
        if organization_id is not None:
            query = query.filter(organization_id=organization_id)
        if filter.statuses:
            query = query.filter(status__in=[s.value for s in filter.statuses])
        search = (filter.search or "").strip()
        if search:
            query = query.filter(Q(title__icontains=search) | Q(description__icontains=search))
        return query

    async def page(
        self,
        principal: Principal,
        *,
        organization_id: int | None,
        filter: InterviewFilter,
        sort: Sort,
        request: PageRequest,
    ) -> Page[InterviewRow]:
        """A keyset page of the interviews the principal may read."""
        await self._check_listing(principal, organization_id, filter)
        if (filter.search or "").strip():
            query = self._listing(principal, organization_id, filter)
            return await keyset_page(query, sort, request, InterviewRow)
        return await sql_keyset_page(
            Interview, self._where(principal, organization_id, filter), sort, request, InterviewRow
        )

    async def page_with_relations(
        self,
        principal: Principal,
        *,
        organization_id: int | None,
        filter: InterviewFilter,
        sort: Sort,
        request: PageRequest,
        wanted: RelationsWanted,
        with_count: bool = False,
    ) -> tuple[Page[InterviewRow], InterviewRelations]:
        """``page`` and the wanted ``relations`` of its interviews, with the whole
        list's total if ``with_count``: counted in the page's own statement, so
        ``Page.count`` answers without one, except for an empty page (past the end),
        whose total is still counted by a statement of its own when asked for.

        The common listing (no search) reads, in the page's own statement, its
        total, its questions (they come with their interview) and, for a
        principal who sees every creator of what it reads, its creators: one
        round trip where there were four. Other relations are read as
        ``relations`` reads them.
        """
        if (filter.search or "").strip():
            page = await self.page(
                principal,
                organization_id=organization_id,
                filter=filter,
                sort=sort,
                request=request,
            )
            return page, await self.relations(principal, page.items, wanted)
        await self._check_listing(principal, organization_id, filter)
        with_creators = wanted.creators and sees_creators_of_readable_interviews(principal)
        also = ((_questions_sql(),) if wanted.questions else ()) + (
            (_creator_sql(),) if with_creators else ()
        )
        page = await sql_keyset_page(
            Interview,
            self._where(principal, organization_id, filter),
            sort,
            request,
            InterviewRow,
            with_count=with_count,
            also=also,
        )
        # The rest as ``relations`` reads them (whatever else ``wanted`` may come to hold).
        rest = await self.relations(
            principal,
            page.items,
            replace(wanted, questions=False, creators=wanted.creators and not with_creators),
        )
        questions = creators = None
        if wanted.questions:
            questions = {
                row.id: QuestionRow.from_values(values[0] or (), Question)
                for row, values in zip(page.items, page.also, strict=True)
            }
        if with_creators:
            creators = {}
            for row, values in zip(page.items, page.also, strict=True):
                if row.creator_id not in creators and values[-1] is not None:
                    creators[row.creator_id] = UserRow.from_values([values[-1]], User)[0]
        prompts = await _prompts_of(questions) if questions is not None and wanted.prompts else None
        return page, InterviewRelations(
            questions, creators if with_creators else rest.creators, rest.organizations, prompts
        )

    async def _check_listing(
        self, principal: Principal, organization_id: int | None, filter: InterviewFilter
    ) -> None:
        if organization_id is not None:
            await require(principal, organization_id, Action.READ_INTERVIEWS, "organization_id")
        if filter.search is not None and len(filter.search) > MAX_SEARCH:
            raise Invalid.one(
                ErrorCode.TOO_LONG, f"Search for at most {MAX_SEARCH} characters.", "search"
            )

    @staticmethod
    def _where(principal: Principal, organization_id: int | None, filter: InterviewFilter) -> Where:
        """The common listing (no search), on every page view: in SQL, with the same
        policy as ``_listing``."""
        where = Where()
        readable_interviews_where(principal, where)
        if organization_id is not None:
            where.add('"organization_id" = {}', organization_id)
        if filter.statuses:
            where.add('"status" = ANY({})', [s.value for s in filter.statuses])
        return where

    async def numbered_page(
        self, principal: Principal, *, page: int, page_size: int
    ) -> NumberedPage:
        """A page by number, oldest first, for the original app's REST clients."""
        query = self._listing(principal, None, InterviewFilter())
        count = await query.count()
        rows = await InterviewRow.fetch(
            query.order_by("id").offset((page - 1) * page_size).limit(page_size)
        )
        return NumberedPage(count, rows)


async def _prompts_of(questions: dict[int, list[QuestionRow]]) -> dict[int, VideoRow]:
    """The video prompts of these questions, by video id, in one statement (none if no
    question has one). No visibility check: a shown question's prompt is shown too."""
    ids = {row.video_prompt_id for rows in questions.values() for row in rows}
    ids.discard(None)
    return {row.id: row for row in await VideoRow.by_column(Video, "id", ids)}
