"""An interview's ranking and agreement as the API shows them (owners and recruiters)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from ...services.errors import Forbidden, Invalid
from ...services.review import InterviewResults
from ...services.review.agreement import Alpha
from ...services.review.results import RankedSubmission
from ...services.review.scoring import SubmissionResult as ScoredSubmission
from ...services.review.signals import SubmissionSignals
from ..context import Context, Info
from ..loaders import loader
from .types import Criterion, readable_criteria

if TYPE_CHECKING:
    from ..candidates.types import CandidateInvitation

InvitationType = Annotated[
    "CandidateInvitation", strawberry.lazy("vector_gql.graphql.candidates.types")
]


@strawberry.type(description="Where a total probably lies: a bootstrap over the evaluators.")
class ScoreInterval:
    low: float
    high: float


@strawberry.type(description="A submission's score on one criterion, raw and rater-corrected.")
class CriterionResult:
    raw: float | None
    corrected: float | None
    ratings: int
    _criterion_id: strawberry.Private[int]

    @strawberry.field
    async def criterion(self, info: Info) -> Criterion | None:
        return await info.context.loaders[readable_criteria].load(self._criterion_id)


@strawberry.type(
    description="Automatic signals about a submission, shown apart from the scores and never "
    "mixed into them."
)
class SubmissionSignalsType:
    questions_answered: int
    questions_total: int
    seconds_used: float
    seconds_allowed: float


@strawberry.type(description="A submitted candidate's place in the interview's ranking.")
class SubmissionResult:
    rank: int | None = strawberry.field(
        description="1 for the highest corrected total; equal totals share a rank. Null "
        "without a total (a criterion nobody rated yet)."
    )
    raw_total: float | None = strawberry.field(
        description="The weighted mean of the criterion scores, from the raw ratings (1-5)."
    )
    corrected_total: float | None = strawberry.field(
        description="The same from rater-corrected ratings: harsh and lenient evaluators "
        "count alike once they have rated enough submissions."
    )
    interval: ScoreInterval | None = strawberry.field(
        description="The corrected total's uncertainty; null with fewer than two evaluators."
    )
    ratings: int
    _result: strawberry.Private[ScoredSubmission]
    _signals: strawberry.Private[SubmissionSignals | None]

    @strawberry.field(
        description="The candidate, by name: shown to owners and recruiters, and each first "
        "showing to a member is audited."
    )
    async def invitation(self, info: Info) -> InvitationType | None:
        from ..candidates.types import readable_invitations

        return await info.context.loaders[readable_invitations].load(self._result.submission_id)

    @strawberry.field(description="The scores by criterion, in the rubric's order.")
    def criteria(self) -> list[CriterionResult]:
        return [
            CriterionResult(
                raw=c.raw, corrected=c.corrected, ratings=c.ratings, _criterion_id=c.criterion_id
            )
            for c in self._result.criteria
        ]

    @strawberry.field(description="Questions answered and time used; not part of any score.")
    def signals(self) -> SubmissionSignalsType | None:
        s = self._signals
        if s is None:
            return None
        return SubmissionSignalsType(
            questions_answered=s.questions_answered,
            questions_total=s.questions_total,
            seconds_used=s.seconds_used,
            seconds_allowed=s.seconds_allowed,
        )


@strawberry.type(description="How far the evaluators agree on one criterion.")
class CriterionAgreement:
    alpha: float | None = strawberry.field(
        description="Krippendorff's alpha for ordinal data; null when it is undefined (too few "
        "ratings to pair, or no variation at all)."
    )
    ratings: int = strawberry.field(description="The pairable ratings it rests on.")
    below_threshold: bool = strawberry.field(description="Alpha is below 0.667.")
    _criterion_id: strawberry.Private[int]

    @strawberry.field
    async def criterion(self, info: Info) -> Criterion | None:
        return await info.context.loaders[readable_criteria].load(self._criterion_id)


@strawberry.type(
    description="How far the evaluators agree: Krippendorff's alpha (ordinal) over units "
    "(submission, question, criterion), with the evaluators as raters."
)
class Agreement:
    alpha: float | None
    ratings: int
    below_threshold: bool
    _by_criterion: strawberry.Private[list[CriterionAgreement]]

    @strawberry.field(description="The same for each criterion alone, in the rubric's order.")
    def by_criterion(self) -> list[CriterionAgreement]:
        return self._by_criterion


def _alpha(value: Alpha) -> dict[str, Any]:
    return {
        "alpha": value.alpha,
        "ratings": value.ratings,
        "below_threshold": value.below_threshold,
    }


def agreement_of(results: InterviewResults) -> Agreement:
    agreement = results.scores.agreement
    return Agreement(
        **_alpha(agreement.overall),
        _by_criterion=[
            CriterionAgreement(**_alpha(c.agreement), _criterion_id=c.criterion_id)
            for c in agreement.by_criterion
        ],
    )


def submission_result(r: ScoredSubmission, signals: SubmissionSignals | None) -> SubmissionResult:
    return SubmissionResult(
        rank=r.rank,
        raw_total=r.raw_total,
        corrected_total=r.corrected_total,
        interval=ScoreInterval(low=r.interval.low, high=r.interval.high) if r.interval else None,
        ratings=r.ratings,
        _result=r,
        _signals=signals,
    )


def results_of(results: InterviewResults) -> list[SubmissionResult]:
    signals = results.records.signals
    return [submission_result(r, signals.get(r.submission_id)) for r in results.scores.results]


def ranked_result(item: RankedSubmission) -> SubmissionResult:
    return submission_result(item.result, item.signals)


@loader
async def interview_results(
    context: Context, ids: list[int]
) -> dict[int, InterviewResults | Forbidden | Invalid]:
    """Interview id -> its scored review, or why the viewer may not read it (raised in
    every field that asks)."""
    principal = await context.principal()
    found: dict[int, InterviewResults | Forbidden | Invalid] = {}
    for interview_id in ids:
        try:
            found[interview_id] = await context.services.review.interview_results(
                principal, interview_id
            )
        except (Forbidden, Invalid) as refused:
            found[interview_id] = refused
    return found


async def results_for(info: Info, interview_id: int) -> InterviewResults:
    return await info.context.loaders.one(interview_results, interview_id)
