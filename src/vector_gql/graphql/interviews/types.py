"""Interviews and questions as the API shows them, and their loaders."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from ...models import interviews as models
from ...services.errors import Forbidden
from ...services.interviews import InterviewRelations, InterviewRow, RelationsWanted
from ...services.review.results import RANKING_SORT, ranking_page
from ..accounts.types import User, readable_users
from ..context import Context, Info
from ..loaders import loader
from ..media.types import Video, videos
from ..node import resolve_readable
from ..organizations.types import Organization, organizations
from ..pagination import Connection, page_request
from ..review.results import (
    Agreement,
    SubmissionResult,
    agreement_of,
    ranked_result,
    results_for,
    results_of,
)
from ..review.types import Rubric, rubrics_of_interviews
from ..rows import FromRow, prefetched, selected

if TYPE_CHECKING:
    from ..candidates.types import CandidateInvitation, InvitationCounts, InvitationStatus

InterviewStatus = strawberry.enum(
    models.InterviewStatus,
    name="InterviewStatus",
    description="DRAFT: being written. OPEN: candidates may answer. CLOSED: no more answers. "
    "ARCHIVED: kept for the record, out of the way.",
)
UserType = Annotated["User", strawberry.lazy("vector_gql.graphql.accounts.types")]
_CANDIDATES = "vector_gql.graphql.candidates.types"
InvitationType = Annotated["CandidateInvitation", strawberry.lazy(_CANDIDATES)]
InvitationCountsType = Annotated["InvitationCounts", strawberry.lazy(_CANDIDATES)]
InvitationStatusType = Annotated["InvitationStatus", strawberry.lazy(_CANDIDATES)]  # type: ignore[valid-type]


@strawberry.type(description="One question of an interview.")
class Question(FromRow, relay.Node):
    id: relay.NodeID[int]
    position: int = strawberry.field(description="1 for the first question, and so on.")
    text: str
    think_time_seconds: int = strawberry.field(
        description="Time to read and think before recording starts."
    )
    answer_time_seconds: int = strawberry.field(description="The longest an answer may be.")
    retakes: int = strawberry.field(description="How many times a candidate may record again.")
    _interview_id: strawberry.Private[int]
    _video_prompt_id: strawberry.Private[int | None] = None
    # Set by the list that fetched the question with its interview (``prefetched``).
    _interview: strawberry.Private[Interview | None] = None
    _video_prompt: strawberry.Private[Video | None] = None

    @strawberry.field(description="The recruiter's recording of the question, if any.")
    @prefetched("_video_prompt")
    def video_prompt(self, info: Info) -> Video | None:
        # Without a prompt, None at once: no awaitable for each question of a page.
        if self._video_prompt_id is None:
            return None
        # Not fetched with the list: graphql-core awaits the loader's answer.
        return info.context.loaders[videos].load(self._video_prompt_id)  # type: ignore[return-value]

    @strawberry.field
    @prefetched("_interview")
    async def interview(self, info: Info) -> Interview:
        return await info.context.loaders.one(interviews, self._interview_id)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Question | None]:
        return await resolve_readable(info, node_ids, readable_questions)


@strawberry.type(description="A set of questions that candidates answer on video.")
class Interview(FromRow, relay.Node):
    id: relay.NodeID[int]
    title: str
    description: str
    status: InterviewStatus  # type: ignore[valid-type]
    answer_deadline: datetime | None = strawberry.field(
        description="After this, candidates can no longer answer."
    )
    created_at: datetime
    updated_at: datetime
    questions_locked: bool = strawberry.field(
        description="True once candidates have answered: the questions can no longer change."
    )
    _organization_id: strawberry.Private[int]
    _creator_id: strawberry.Private[int]
    # Relations a list fetched for its whole page, when asked for (``with_relations``);
    # None: not fetched, the field's loader fetches it.
    _organization: strawberry.Private[Organization | None] = None
    _creator: strawberry.Private[User | Forbidden | None] = None
    _questions: strawberry.Private[list[Question] | None] = None
    _row: strawberry.Private[InterviewRow | None] = None

    @strawberry.field
    @prefetched("_organization")
    async def organization(self, info: Info) -> Organization:
        return await info.context.loaders.one(organizations, self._organization_id)

    @strawberry.field(description="Who created the interview.")
    @prefetched("_creator")
    async def creator(self, info: Info) -> UserType:
        creator = await info.context.loaders[readable_users].load(self._creator_id)
        if creator is None:
            raise Forbidden("You may not see who created this interview.")
        return creator

    @strawberry.field(description="The questions in position order.")
    @prefetched("_questions")
    async def questions(self, info: Info) -> list[Question]:
        return await info.context.loaders.one(questions_of_interviews, self.id)

    @strawberry.field(
        description="How evaluators score the answers; null until owners or recruiters set it."
    )
    async def rubric(self, info: Info) -> Rubric | None:
        return await info.context.loaders[rubrics_of_interviews].load(self.id)

    @strawberry.field(
        description="The submitted candidates ranked by rater-corrected total, with raw totals "
        "beside them and an uncertainty interval. Names come with them, so each first showing "
        "of a candidate to a member is audited. Owners and recruiters only (null, with an error, "
        "for others).",
        deprecation_reason="Use ranking: the same results a page at a time, in the same order "
        "but for ties (broken by submission time there), auditing only the candidates shown.",
    )
    async def results(self, info: Info) -> list[SubmissionResult] | None:
        found = await results_for(info, self.id)
        shown = [r.submission_id for r in found.scores.results]
        await self._audit_identities_shown(info, found.organization_id, shown, "results")
        return results_of(found)

    @strawberry.field(
        description="The submitted candidates ranked by rater-corrected total (highest first; "
        "those without a total last; equal ranks by submission time, earliest first), with raw "
        "totals beside them and an uncertainty interval. Names come with them, so each first "
        "showing of a candidate on a page to a member is audited. Owners and recruiters only "
        "(null, with an error, for others). At most 100 per page; 20 unless asked."
    )
    async def ranking(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[SubmissionResult] | None:
        found = await results_for(info, self.id)
        request = page_request(
            first=first, after=after, last=last, before=before, sort=RANKING_SORT
        )
        page = ranking_page(found, request)
        shown = [item.id for item in page.items]
        await self._audit_identities_shown(info, found.organization_id, shown, "ranking")
        return Connection.from_page(page, ranked_result)

    async def _audit_identities_shown(
        self, info: Info, organization_id: int, shown: list[int], where: str
    ) -> None:
        """Audit the first showing of these candidates to the viewer; ``where`` names the
        field that showed them."""
        if shown:
            await info.context.services.review.identities_shown(
                await info.context.principal(), organization_id, self.id, shown, where
            )

    @strawberry.field(
        description="How far the evaluators agree, overall and by criterion. Owners and "
        "recruiters only (null, with an error, for others)."
    )
    async def agreement(self, info: Info) -> Agreement | None:
        return agreement_of(await results_for(info, self.id))

    @strawberry.field(
        description="The candidates invited, newest first, optionally in one status. Owners "
        "and recruiters. At most 100 per page; 20 unless asked."
    )
    async def invitations(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        status: InvitationStatusType | None = None,
    ) -> Connection[InvitationType]:
        from ...models.candidates import InvitationStatus as StoredStatus
        from ...services.candidates.reads import INVITATION_SORT
        from ..candidates.types import CandidateInvitation

        principal = await info.context.authenticated()
        request = page_request(
            first=first, after=after, last=last, before=before, sort=INVITATION_SORT
        )
        page = await info.context.services.candidates.invitations_page(
            principal,
            self.id,
            request,
            StoredStatus(status.value) if status is not None else None,
        )
        return Connection.from_page(page, CandidateInvitation.of)

    @strawberry.field(description="How many invitations are in each status. Owners and recruiters.")
    async def invitation_counts(self, info: Info) -> InvitationCountsType:
        from ..candidates.types import InvitationCounts

        principal = await info.context.authenticated()
        counts = await info.context.services.candidates.invitation_counts(principal, self.id)
        return InvitationCounts(
            invited=counts.invited,
            started=counts.started,
            submitted=counts.submitted,
            expired=counts.expired,
            revoked=counts.revoked,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Interview | None]:
        found = await resolve_readable(info, node_ids, readable_interviews)
        # node(id:) and nodes(ids:) fetch what the interviews are asked for with them.
        wanted = relations_wanted(info)
        if wanted != RelationsWanted():
            unique = {id(i): i for i in found if i is not None and i._row is not None}
            interviews = list(unique.values())
            if interviews:
                principal = await info.context.principal()
                rows = [i._row for i in interviews if i._row is not None]
                relations = await info.context.services.interviews.relations(
                    principal, rows, wanted
                )
                attach_relations(interviews, relations, with_interview=asks_interview(info))
        return found


def relations_wanted(info: Info, *path: str) -> RelationsWanted:
    """The relations of Interview that a list should fetch with its page, by field name,
    for the interviews selected at ``path`` below the current field."""
    fields = selected(info, *path)
    questions = "questions" in fields
    return RelationsWanted(
        questions=questions,
        creators="creator" in fields,
        organizations="organization" in fields,
        prompts=questions and "videoPrompt" in selected(info, *path, "questions"),
    )


def asks_interview(info: Info, *path: str) -> bool:
    """Whether the questions of the interviews at ``path`` are asked for their interview."""
    return "interview" in selected(info, *path, "questions")


def with_relations(
    rows: Sequence[InterviewRow], relations: InterviewRelations, *, with_interview: bool
) -> list[Interview]:
    """Interviews with the relations fetched for their list as plain attributes."""
    interviews = Interview.from_rows(rows)
    attach_relations(interviews, relations, with_interview=with_interview)
    return interviews


def attach_relations(
    interviews: Sequence[Interview], relations: InterviewRelations, *, with_interview: bool
) -> None:
    """Set the fetched relations on interviews that do not have them yet.

    A question gets its interview only when it is asked for (``with_interview``): the
    interview holds its questions, so each question holding it back makes a reference
    cycle, and a large page of them would wait for the garbage collector instead of
    being freed with its answer.
    """
    creators = (
        {key: User.from_row(row) for key, row in relations.creators.items()}
        if relations.creators is not None
        else None
    )
    organizations = (
        {key: Organization.from_row(row) for key, row in relations.organizations.items()}
        if relations.organizations is not None
        else None
    )
    # One object per prompt video, shared by its questions, as the loader shares it.
    prompts = (
        {key: Video.from_row(row) for key, row in relations.prompts.items()}
        if relations.prompts is not None
        else None
    )
    for interview in interviews:
        if relations.questions is not None and interview._questions is None:
            rows = relations.questions.get(interview.id, ())
            interview._questions = (
                Question.from_rows(rows, _interview=interview)
                if with_interview
                else Question.from_rows(rows)
            )
            if prompts is not None:
                for question in interview._questions:
                    if question._video_prompt_id is not None:
                        # Missing (deleted since): the field's loader answers.
                        question._video_prompt = prompts.get(question._video_prompt_id)
        if creators is not None and interview._creator is None:
            interview._creator = creators.get(interview._creator_id) or Forbidden(
                "You may not see who created this interview."
            )
        if organizations is not None and interview._organization is None:
            interview._organization = organizations[interview._organization_id]


@loader
async def interviews(context: Context, ids: list[int]) -> dict[int, Interview]:
    """Interviews whose visibility their parent implies (a shown question's)."""
    rows = await context.services.interviews.interviews_by_id(ids)
    return {key: Interview.from_row(row) for key, row in rows.items()}


@loader
async def readable_interviews(context: Context, ids: list[int]) -> dict[int, Interview]:
    principal = await context.principal()
    rows = await context.services.interviews.readable_interviews(principal, ids)
    return {key: Interview.from_row(row) for key, row in rows.items()}


@loader
async def readable_questions(context: Context, ids: list[int]) -> dict[int, Question]:
    principal = await context.principal()
    rows = await context.services.interviews.readable_questions(principal, ids)
    return {key: Question.from_row(row) for key, row in rows.items()}


@loader
async def questions_of_interviews(context: Context, ids: list[int]) -> dict[int, list[Question]]:
    """Interview id -> its questions in position order (the interview is already shown)."""
    grouped = await context.services.interviews.questions_for(ids)
    return {key: Question.from_rows(rows) for key, rows in grouped.items()}
