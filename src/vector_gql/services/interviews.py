"""Interviews and their questions: creation, changes, status, listing.

Owners and recruiters create and change an organization's interviews;
evaluators read them; outsiders cannot tell an interview exists (it is "not
found", as for an id that does not exist). Changes to one interview's
questions hold that interview's row lock, so positions stay 1..n and dense.
Once an interview has answers its questions are frozen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from ..config import Settings
from ..models.interviews import Interview, InterviewStatus, Question
from ..models.media import Video
from .errors import Collector, ErrorCode, Forbidden, Invalid
from .organizations import OrganizationService
from .paging import Page, PageRequest, Sort, keyset_page
from .permissions import Action, may

if TYPE_CHECKING:
    from .accounts import Viewer

MAX_TITLE = 200
MAX_DESCRIPTION = 10_000
MAX_QUESTION_TEXT = 2_000
MIN_QUESTIONS, MAX_QUESTIONS = 1, 100
THINK_TIME = (0, 600)
ANSWER_TIME = (10, 1_800)
RETAKES = (0, 10)
DEFAULT_THINK_TIME = 30
DEFAULT_ANSWER_TIME = 120
DEFAULT_RETAKES = 1
MAX_SEARCH = 200

SORT_FIELDS = {"CREATED_AT": "created_at", "UPDATED_AT": "updated_at", "TITLE": "title"}

# Which status may follow which. Archiving is open from anywhere; an archived
# interview comes back as CLOSED, so it never reopens to candidates unasked.
TRANSITIONS: dict[InterviewStatus, frozenset[InterviewStatus]] = {
    InterviewStatus.DRAFT: frozenset({InterviewStatus.OPEN, InterviewStatus.ARCHIVED}),
    InterviewStatus.OPEN: frozenset(
        {InterviewStatus.CLOSED, InterviewStatus.ARCHIVED, InterviewStatus.DRAFT}
    ),
    InterviewStatus.CLOSED: frozenset({InterviewStatus.OPEN, InterviewStatus.ARCHIVED}),
    InterviewStatus.ARCHIVED: frozenset({InterviewStatus.CLOSED}),
}


def now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class QuestionSpec:
    text: str
    think_time_seconds: int = DEFAULT_THINK_TIME
    answer_time_seconds: int = DEFAULT_ANSWER_TIME
    retakes: int = DEFAULT_RETAKES
    # A video of the interview's organization, recorded as the question's prompt.
    video_prompt_id: int | None = None


@dataclass(frozen=True)
class InterviewFilter:
    statuses: tuple[InterviewStatus, ...] = ()
    search: str | None = None


@dataclass(frozen=True)
class NumberedPage:
    count: int
    items: list[Interview]


class InterviewService:
    def __init__(self, settings: Settings, organizations: OrganizationService) -> None:
        self.settings = settings
        self.organizations = organizations

    # --- reading ------------------------------------------------------------

    async def visible_interviews(self, viewer: Viewer, ids: Sequence[int]) -> dict[int, Interview]:
        rows = await Interview.filter(
            id__in=list(ids),
            organization_id__in=self.organizations.member_org_ids(viewer.user.id),
        )
        return {row.id: row for row in rows}

    async def visible_questions(self, viewer: Viewer, ids: Sequence[int]) -> dict[int, Question]:
        rows = await Question.filter(
            id__in=list(ids),
            interview__organization_id__in=self.organizations.member_org_ids(viewer.user.id),
        )
        return {row.id: row for row in rows}

    async def get(self, viewer: Viewer, interview_id: int) -> Interview | None:
        return (await self.visible_interviews(viewer, [interview_id])).get(interview_id)

    async def questions_for(self, interview_ids: Sequence[int]) -> dict[int, list[Question]]:
        """Questions by interview, in position order, in one query.

        No visibility check: callers ask only for interviews already shown.
        """
        grouped: dict[int, list[Question]] = {i: [] for i in interview_ids}
        rows = await Question.filter(interview_id__in=list(interview_ids)).order_by(
            "interview_id", "position", "id"
        )
        for row in rows:
            grouped.setdefault(row.interview_id, []).append(row)
        return grouped

    async def interviews_by_id(self, ids: Sequence[int]) -> dict[int, Interview]:
        """No visibility check: for objects whose own visibility implies it."""
        return {row.id: row for row in await Interview.filter(id__in=list(ids))}

    def _listing(self, viewer: Viewer, organization_id: int | None, filter: InterviewFilter) -> Any:
        query = Interview.filter(
            organization_id__in=self.organizations.member_org_ids(viewer.user.id)
        )
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
        viewer: Viewer,
        *,
        organization_id: int | None,
        filter: InterviewFilter,
        sort: Sort,
        request: PageRequest,
    ) -> Page[Interview]:
        """A keyset page of the interviews the viewer may read."""
        if organization_id is not None:
            await self.organizations.require(
                viewer, organization_id, Action.READ_INTERVIEWS, "organizationId"
            )
        if filter.search is not None and len(filter.search) > MAX_SEARCH:
            raise Invalid.one(
                ErrorCode.TOO_LONG, f"Search for at most {MAX_SEARCH} characters.", "search"
            )
        return await keyset_page(self._listing(viewer, organization_id, filter), sort, request)

    async def numbered_page(self, viewer: Viewer, *, page: int, page_size: int) -> NumberedPage:
        """A page by number, oldest first, for the original app's REST clients."""
        query = self._listing(viewer, None, InterviewFilter())
        count = await query.count()
        items = await query.order_by("id").offset((page - 1) * page_size).limit(page_size)
        return NumberedPage(count, list(items))

    # --- creating ---------------------------------------------------------------

    async def create_interview(
        self,
        viewer: Viewer,
        *,
        organization_id: int,
        title: str,
        description: str = "",
        questions: Sequence[QuestionSpec],
        answer_deadline: datetime | None = None,
    ) -> Interview:
        """The interview and all its questions, in one transaction, or nothing."""
        errors = Collector()
        membership = await self.organizations.membership(viewer.user.id, organization_id)
        if membership is None:
            errors.add(
                ErrorCode.NOT_FOUND, "There is no organization with this ID.", "organizationId"
            )
        elif not may(membership.role, Action.EDIT_INTERVIEWS):
            raise _forbidden()
        title = _check_title(title, errors)
        description = _check_description(description, errors)
        _check_deadline(answer_deadline, errors)
        if len(questions) < MIN_QUESTIONS:
            errors.add(ErrorCode.REQUIRED, "Add at least one question.", "questions")
        elif len(questions) > MAX_QUESTIONS:
            errors.add(
                ErrorCode.TOO_MANY,
                f"An interview has at most {MAX_QUESTIONS} questions.",
                "questions",
            )
        specs = [_check_question(q, errors, "questions", str(i)) for i, q in enumerate(questions)]
        if membership is not None:
            await _check_prompts(
                organization_id,
                [(spec, ("questions", str(i))) for i, spec in enumerate(specs)],
                errors,
            )
        errors.raise_if_any()
        async with in_transaction():
            interview = await Interview.create(
                organization_id=organization_id,
                creator_id=viewer.user.id,
                title=title,
                description=description,
                answer_deadline=answer_deadline,
            )
            await Question.bulk_create(
                [
                    Question(interview=interview, position=i + 1, **spec.__dict__)
                    for i, spec in enumerate(specs)
                ]
            )
        return interview

    # --- changing ---------------------------------------------------------------

    async def _edit(self, viewer: Viewer, interview_id: int, *field: str) -> Interview:
        """Lock an interview for a change by someone allowed to make it.

        Call inside a transaction.
        """
        interview = await Interview.filter(id=interview_id).select_for_update().first()
        membership = (
            await self.organizations.membership(viewer.user.id, interview.organization_id)
            if interview is not None
            else None
        )
        if interview is None or membership is None:
            raise Invalid.one(ErrorCode.NOT_FOUND, "There is no interview with this ID.", *field)
        if not may(membership.role, Action.EDIT_INTERVIEWS):
            raise _forbidden()
        return interview

    def questions_locked(self, interview: Interview) -> bool:
        """True once the interview has answers: they refer to its questions."""
        return interview.first_answer_at is not None

    def _require_unlocked(self, interview: Interview) -> None:
        if self.questions_locked(interview):
            raise Invalid.one(
                ErrorCode.LOCKED,
                "Candidates have already answered this interview, so its questions cannot "
                "change. Create a new interview instead.",
                "interviewId",
            )

    async def _touch(self, interview: Interview) -> None:
        interview.updated_at = now()
        await Interview.filter(id=interview.id).update(updated_at=interview.updated_at)

    async def update_interview(
        self, viewer: Viewer, interview_id: int, changes: Mapping[str, Any]
    ) -> Interview:
        """Change the given fields: ``title``, ``description``, ``answer_deadline``.

        A field that is not in ``changes`` stays as it is. None clears
        ``description`` (to empty) and ``answer_deadline``; for ``title`` it is
        REQUIRED. With any problem nothing changes.
        """
        errors = Collector()
        values: dict[str, Any] = {}
        if "title" in changes:
            values["title"] = _check_title(changes["title"], errors)
        if "description" in changes:
            values["description"] = _check_description(changes["description"] or "", errors)
        if "answer_deadline" in changes:
            _check_deadline(changes["answer_deadline"], errors)
            values["answer_deadline"] = changes["answer_deadline"]
        async with in_transaction():
            interview = await self._edit(viewer, interview_id, "interviewId")
            errors.raise_if_any()
            if values:
                for name, value in values.items():
                    setattr(interview, name, value)
                await interview.save(update_fields=[*values, "updated_at"])
        return interview

    async def add_question(
        self, viewer: Viewer, interview_id: int, spec: QuestionSpec, position: int | None = None
    ) -> Question:
        errors = Collector()
        spec = _check_question(spec, errors, "question")
        async with in_transaction():
            interview = await self._edit(viewer, interview_id, "interviewId")
            self._require_unlocked(interview)
            await _check_prompts(interview.organization_id, [(spec, ("question",))], errors)
            count = await Question.filter(interview_id=interview.id).count()
            if count >= MAX_QUESTIONS:
                errors.add(
                    ErrorCode.TOO_MANY,
                    f"An interview has at most {MAX_QUESTIONS} questions.",
                    "question",
                )
            if position is None:
                position = count + 1
            elif not 1 <= position <= count + 1:
                errors.add(
                    ErrorCode.OUT_OF_RANGE,
                    f"Choose a position from 1 to {count + 1}.",
                    "position",
                )
            errors.raise_if_any()
            shifted = await Question.filter(
                interview_id=interview.id, position__gte=position
            ).order_by("-position")
            for row in shifted:
                row.position += 1
            if shifted:
                await Question.bulk_update(shifted, fields=["position"])
            question = await Question.create(
                interview_id=interview.id, position=position, **spec.__dict__
            )
            await self._touch(interview)
        return question

    async def _edit_question(self, viewer: Viewer, question_id: int) -> tuple[Question, Interview]:
        question = await Question.filter(id=question_id).first()
        if question is None:
            raise Invalid.one(
                ErrorCode.NOT_FOUND, "There is no question with this ID.", "questionId"
            )
        try:
            interview = await self._edit(viewer, question.interview_id)
        except Invalid:
            raise Invalid.one(
                ErrorCode.NOT_FOUND, "There is no question with this ID.", "questionId"
            ) from None
        self._require_unlocked(interview)
        # Read again under the interview's lock: it may have changed meanwhile.
        question = await Question.filter(id=question_id, interview_id=interview.id).first()
        if question is None:
            raise Invalid.one(
                ErrorCode.NOT_FOUND, "There is no question with this ID.", "questionId"
            )
        return question, interview

    async def update_question(
        self, viewer: Viewer, question_id: int, changes: Mapping[str, Any]
    ) -> Question:
        """Change the given fields of a question (any of QuestionSpec's).

        A field that is not in ``changes`` stays as it is. None clears
        ``video_prompt_id``; for any other field it is REQUIRED. With any
        problem nothing changes.
        """
        async with in_transaction():
            question, interview = await self._edit_question(viewer, question_id)
            current = QuestionSpec(
                text=question.text,
                think_time_seconds=question.think_time_seconds,
                answer_time_seconds=question.answer_time_seconds,
                retakes=question.retakes,
                video_prompt_id=question.video_prompt_id,
            )
            merged = QuestionSpec(**{**current.__dict__, **changes})
            errors = Collector()
            merged = _check_question(merged, errors)
            if "video_prompt_id" in changes:
                await _check_prompts(interview.organization_id, [(merged, ())], errors)
            errors.raise_if_any()
            for name, value in merged.__dict__.items():
                setattr(question, name, value)
            await question.save(update_fields=list(merged.__dict__))
            await self._touch(interview)
        return question

    async def remove_question(self, viewer: Viewer, question_id: int) -> Interview:
        async with in_transaction():
            question, interview = await self._edit_question(viewer, question_id)
            count = await Question.filter(interview_id=interview.id).count()
            if count <= MIN_QUESTIONS:
                raise Invalid.one(
                    ErrorCode.REQUIRED,
                    "An interview needs at least one question; add another before removing "
                    "this one.",
                    "questionId",
                )
            await question.delete()
            following = await Question.filter(
                interview_id=interview.id, position__gt=question.position
            ).order_by("position")
            for row in following:
                row.position -= 1
            if following:
                await Question.bulk_update(following, fields=["position"])
            await self._touch(interview)
        return interview

    async def reorder_questions(
        self, viewer: Viewer, interview_id: int, question_ids: Sequence[int]
    ) -> Interview:
        """Put the questions in the given order; it must name each one once."""
        async with in_transaction():
            interview = await self._edit(viewer, interview_id, "interviewId")
            self._require_unlocked(interview)
            questions = {q.id: q for q in await Question.filter(interview_id=interview.id)}
            if len(question_ids) != len(set(question_ids)) or set(question_ids) != set(questions):
                raise Invalid.one(
                    ErrorCode.INVALID,
                    f"List each of the interview's {len(questions)} questions exactly once.",
                    "questionIds",
                )
            changed = []
            for position, question_id in enumerate(question_ids, start=1):
                question = questions[question_id]
                if question.position != position:
                    question.position = position
                    changed.append(question)
            if changed:
                await Question.bulk_update(changed, fields=["position"])
                await self._touch(interview)
        return interview

    async def set_status(
        self, viewer: Viewer, interview_id: int, status: InterviewStatus
    ) -> Interview:
        async with in_transaction():
            interview = await self._edit(viewer, interview_id, "interviewId")
            current = InterviewStatus(interview.status)
            if status == current:
                return interview
            if status not in TRANSITIONS[current]:
                allowed = ", ".join(sorted(TRANSITIONS[current]))
                raise Invalid.one(
                    ErrorCode.INVALID_TRANSITION,
                    f"A {current} interview can become {allowed}, not {status}.",
                    "status",
                )
            if status == InterviewStatus.DRAFT and self.questions_locked(interview):
                raise Invalid.one(
                    ErrorCode.LOCKED,
                    "An interview with answers cannot go back to draft; close it instead.",
                    "status",
                )
            if (
                status == InterviewStatus.OPEN
                and interview.answer_deadline is not None
                and interview.answer_deadline <= now()
            ):
                raise Invalid.one(
                    ErrorCode.INVALID,
                    "The answer deadline has passed; move it to the future before opening.",
                    "status",
                )
            interview.status = status
            await interview.save(update_fields=["status", "updated_at"])
        return interview

    async def delete_interview(self, viewer: Viewer, interview_id: int) -> int:
        async with in_transaction():
            interview = await self._edit(viewer, interview_id, "interviewId")
            if self.questions_locked(interview):
                raise Invalid.one(
                    ErrorCode.LOCKED,
                    "This interview has answers and cannot be deleted; archive it instead.",
                    "interviewId",
                )
            await interview.delete()
        return interview_id


def _forbidden() -> Forbidden:
    return Forbidden("Only owners and recruiters can create and change interviews.")


def _check_title(title: str, errors: Collector) -> str:
    title = (title or "").strip()
    if not title:
        errors.add(ErrorCode.REQUIRED, "Enter a title.", "title")
    elif len(title) > MAX_TITLE:
        errors.add(
            ErrorCode.TOO_LONG, f"Use at most {MAX_TITLE} characters for the title.", "title"
        )
    return title


def _check_description(description: str, errors: Collector) -> str:
    if len(description) > MAX_DESCRIPTION:
        errors.add(
            ErrorCode.TOO_LONG,
            f"Use at most {MAX_DESCRIPTION:,} characters for the description.",
            "description",
        )
    return description


def _check_deadline(deadline: datetime | None, errors: Collector) -> None:
    if deadline is not None and deadline <= now():
        errors.add(ErrorCode.OUT_OF_RANGE, "Choose a deadline in the future.", "answerDeadline")


def _check_question(spec: QuestionSpec, errors: Collector, *path: str) -> QuestionSpec:
    text = (spec.text or "").strip()
    if not text:
        errors.add(ErrorCode.REQUIRED, "Enter the question.", *path, "text")
    elif len(text) > MAX_QUESTION_TEXT:
        errors.add(
            ErrorCode.TOO_LONG,
            f"Use at most {MAX_QUESTION_TEXT:,} characters for a question.",
            *path,
            "text",
        )
    for name, field, (low, high), unit in (
        ("think time", "thinkTimeSeconds", THINK_TIME, "seconds"),
        ("answer time", "answerTimeSeconds", ANSWER_TIME, "seconds"),
        ("number of retakes", "retakes", RETAKES, ""),
    ):
        value = getattr(spec, _snake(field))
        if value is None:
            # An update that sent null: these always have a value.
            errors.add(ErrorCode.REQUIRED, f"Enter a {name}.", *path, field)
        elif not low <= value <= high:
            errors.add(
                ErrorCode.OUT_OF_RANGE,
                f"Choose a {name} from {low} to {high}{' ' + unit if unit else ''}.",
                *path,
                field,
            )
    return QuestionSpec(
        text=text,
        think_time_seconds=spec.think_time_seconds,
        answer_time_seconds=spec.answer_time_seconds,
        retakes=spec.retakes,
        video_prompt_id=spec.video_prompt_id,
    )


async def _check_prompts(
    organization_id: int, specs: Sequence[tuple[QuestionSpec, tuple[str, ...]]], errors: Collector
) -> None:
    """Video prompts must be videos of the interview's own organization."""
    wanted = {spec.video_prompt_id for spec, _ in specs if spec.video_prompt_id is not None}
    if not wanted:
        return
    found = set(
        await Video.filter(id__in=wanted, organization_id=organization_id).values_list(
            "id", flat=True
        )
    )
    for spec, path in specs:
        if spec.video_prompt_id is not None and spec.video_prompt_id not in found:
            errors.add(
                ErrorCode.NOT_FOUND,
                "There is no video with this ID in the interview's organization.",
                *path,
                "videoPromptId",
            )


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name)
