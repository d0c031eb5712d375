"""Reading rubrics and reports through the principal's policy."""

from __future__ import annotations

from collections.abc import Iterable

from tortoise.queryset import QuerySet

from ...config import Settings
from ...models.review import CriterionQuestion, ReportStatus, Rubric, RubricCriterion
from ...storage import Storage
from ..auth import (
    Principal,
    readable_criteria,
    readable_reports,
    readable_rubrics,
    reads_nothing,
)
from .rows import CriterionRow, CriterionView, ReportRow, RubricRow


class ReviewReads:
    settings: Settings
    storage: Storage

    # --- rubrics ---------------------------------------------------------------------

    async def readable_rubrics(
        self, principal: Principal, ids: Iterable[int]
    ) -> dict[int, RubricRow]:
        if reads_nothing(principal):
            return {}
        return await RubricRow.by_id(readable_rubrics(principal), ids)

    async def readable_criteria(
        self, principal: Principal, ids: Iterable[int]
    ) -> dict[int, CriterionView]:
        """Criteria by id, with the questions they apply to (two statements)."""
        wanted = list(ids)
        if reads_nothing(principal) or not wanted:
            return {}
        views = await _criteria(readable_criteria(principal).filter(id__in=wanted))
        return {view.id: view for view in views}

    async def rubrics_of_interviews(
        self, interview_ids: Iterable[int], principal: Principal | None = None
    ) -> dict[int, RubricRow]:
        """Interview id -> its rubric, for interviews already shown. Given a principal,
        only the rubrics it may read: a candidate sees their interview, not how it is
        scored."""
        wanted = list(interview_ids)
        if not wanted:
            return {}
        query = Rubric.all() if principal is None else readable_rubrics(principal)
        rows = await RubricRow.fetch(query.filter(interview_id__in=wanted))
        return {row.interview_id: row for row in rows}

    async def criteria_of_rubrics(
        self, rubric_ids: Iterable[int]
    ) -> dict[int, list[CriterionView]]:
        """Rubric id -> its criteria in order, for rubrics already shown (two statements)."""
        wanted = list(rubric_ids)
        grouped: dict[int, list[CriterionView]] = {rubric_id: [] for rubric_id in wanted}
        if not wanted:
            return grouped
        query = RubricCriterion.filter(rubric_id__in=wanted).order_by("rubric_id", "position")
        for view in await _criteria(query):
            grouped[view.rubric_id].append(view)
        return grouped

    async def rubric_for(self, interview_id: int) -> tuple[RubricRow, list[CriterionView]] | None:
        """An interview's rubric and criteria (no visibility check), or None."""
        rubric = (await self.rubrics_of_interviews([interview_id])).get(interview_id)
        if rubric is None:
            return None
        return rubric, (await self.criteria_of_rubrics([rubric.id]))[rubric.id]

    # --- reports ---------------------------------------------------------------------

    async def readable_reports(
        self, principal: Principal, ids: Iterable[int]
    ) -> dict[int, ReportRow]:
        if reads_nothing(principal):
            return {}
        return await ReportRow.by_id(readable_reports(principal), ids)

    async def report_url(self, report: ReportRow) -> str | None:
        """A signed, expiring link to a ready report. Callers read it through its policy."""
        if report.status != ReportStatus.READY:
            return None
        return await self.storage.signed_download_url(
            report.storage_key,
            expires_in=self.settings.signed_url_seconds,
            filename=report.filename,
            content_type=report.content_type,
        )


async def _criteria(query: QuerySet[RubricCriterion]) -> list[CriterionView]:
    """The query's criteria, in its order, with the questions each applies to.

    Two statements: the criteria (with their interview, joined), and the
    question links of those that apply to some questions only.
    """
    columns = CriterionRow.columns()
    found = await query.values(*columns, interview_id="rubric__interview_id")
    chosen: dict[int, list[int]] = {
        values["id"]: [] for values in found if not values["all_questions"]
    }
    if chosen:
        links = await CriterionQuestion.filter(criterion_id__in=list(chosen)).values_list(
            "criterion_id", "question_id"
        )
        for criterion_id, question_id in links:
            chosen[criterion_id].append(question_id)
    return [
        CriterionView(
            id=values["id"],
            rubric_id=values["rubric_id"],
            interview_id=values["interview_id"],
            position=values["position"],
            name=values["name"],
            description=values["description"],
            weight=values["weight"],
            anchors=tuple(values["anchors"]),
            question_ids=(None if values["all_questions"] else tuple(sorted(chosen[values["id"]]))),
        )
        for values in found
    ]
