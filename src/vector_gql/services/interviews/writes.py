"""Creating and changing interviews and their questions.

Changes to one interview's questions hold that interview's row lock, so
positions stay 1..n and dense. Once an interview has answers its questions
are frozen, because the answers refer to them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, replace
from datetime import datetime
from typing import Any

from ...models.interviews import Interview, InterviewStatus, Question
from ...models.media import Video
from ..auth import (
    Action,
    Principal,
    held_membership,
    may,
    require_member,
)
from ..clock import Clock
from ..errors import ErrorCode, Forbidden, Invalid
from ..events import (
    Event,
    EventBus,
    InterviewChanged,
    InterviewCreated,
    InterviewDeleted,
    InterviewStatusChanged,
)
from ..validation import Collector
from .rows import InterviewRow, QuestionRow
from .rules import (
    INTERVIEW_UPDATE,
    MAX_QUESTIONS,
    MIN_QUESTIONS,
    QUESTION_UPDATE,
    TRANSITIONS,
    QuestionSpec,
    check_deadline,
    check_description,
    check_question,
    check_questions,
    check_title,
)


class InterviewWrites:
    clock: Clock
    events: EventBus

    async def create_interview(
        self,
        principal: Principal,
        *,
        organization_id: int,
        title: str,
        description: str = "",
        questions: Sequence[QuestionSpec],
        answer_deadline: datetime | None = None,
    ) -> InterviewRow:
        """The interview and all its questions, in one transaction, or nothing.

        The membership is read once, row-locked inside the transaction: the role
        that allows the write is the role it is made under, and a removal or role
        change waits for it. Bad input rolls the transaction back.
        """
        member = require_member(principal)
        async with self.events.unit() as events:
            errors = Collector()
            found = await held_membership(member.user_id, organization_id)
            if found is None:
                errors.add(
                    ErrorCode.NOT_FOUND, "There is no organization with this ID.", "organization_id"
                )
            elif not may(found.role, Action.EDIT_INTERVIEWS):
                raise _forbidden()
            title = check_title(title, errors)
            description = check_description(description, errors)
            now = self.clock.now()
            check_deadline(answer_deadline, now, errors)
            specs = check_questions(list(questions), errors)
            if found is not None:
                await _check_prompts(
                    organization_id,
                    [(spec, ("questions", i)) for i, spec in enumerate(specs)],
                    errors,
                )
            errors.raise_if_any()
            interview = await Interview.create(
                organization_id=organization_id,
                creator_id=member.user_id,
                title=title,
                description=description,
                answer_deadline=answer_deadline,
                created_at=now,
            )
            await Question.bulk_create(
                [
                    Question(interview=interview, position=i + 1, created_at=now, **asdict(spec))
                    for i, spec in enumerate(specs)
                ]
            )
            events.append(InterviewCreated(organization_id, interview.id))
        return InterviewRow.of(interview)

    # --- changing ---------------------------------------------------------------

    async def _edit(self, principal: Principal, interview_id: int, *field: str | int) -> Interview:
        """Lock an interview for a change by someone allowed to make it.

        Call inside a transaction.
        """
        member = require_member(principal)
        interview = await Interview.filter(id=interview_id).select_for_update().first()
        found = (
            await held_membership(member.user_id, interview.organization_id)
            if interview is not None
            else None
        )
        if interview is None or found is None:
            raise Invalid.one(ErrorCode.NOT_FOUND, "There is no interview with this ID.", *field)
        if not may(found.role, Action.EDIT_INTERVIEWS):
            raise _forbidden()
        return interview

    def _require_unlocked(self, interview: Interview) -> None:
        if interview.first_answer_at is not None:
            raise Invalid.one(
                ErrorCode.LOCKED,
                "Candidates have already answered this interview, so its questions cannot "
                "change. Create a new interview instead.",
                "interview_id",
            )

    async def _touch(self, interview: Interview, events: list[Event], what: str) -> None:
        """Record a change: a new updated_at, and an event once committed."""
        interview.updated_at = self.clock.now()
        await Interview.filter(id=interview.id).update(updated_at=interview.updated_at)
        events.append(InterviewChanged(interview.organization_id, interview.id, what))

    async def update_interview(
        self, principal: Principal, interview_id: int, changes: Mapping[str, Any]
    ) -> InterviewRow:
        """Change the given fields: ``title``, ``description``, ``answer_deadline``.

        None is read by INTERVIEW_UPDATE: it empties the description, removes
        the deadline and is REQUIRED for the title. With any problem nothing
        changes.
        """
        errors = Collector()
        changes = INTERVIEW_UPDATE.apply(changes, errors)
        values: dict[str, Any] = {}
        if "title" in changes:
            values["title"] = check_title(changes["title"], errors)
        if "description" in changes:
            values["description"] = check_description(changes["description"], errors)
        if "answer_deadline" in changes:
            check_deadline(changes["answer_deadline"], self.clock.now(), errors)
            values["answer_deadline"] = changes["answer_deadline"]
        async with self.events.unit() as events:
            interview = await self._edit(principal, interview_id, "interview_id")
            errors.raise_if_any()
            if values:
                values["updated_at"] = self.clock.now()
                for name, value in values.items():
                    setattr(interview, name, value)
                await Interview.filter(id=interview.id).update(**values)
                events.append(InterviewChanged(interview.organization_id, interview.id, "fields"))
        return InterviewRow.of(interview)

    async def add_question(
        self,
        principal: Principal,
        interview_id: int,
        spec: QuestionSpec,
        position: int | None = None,
    ) -> QuestionRow:
        errors = Collector()
        spec = check_question(spec, errors, "question")
        async with self.events.unit() as events:
            interview = await self._edit(principal, interview_id, "interview_id")
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
                interview_id=interview.id,
                position=position,
                created_at=self.clock.now(),
                **asdict(spec),
            )
            await self._touch(interview, events, "questions")
        return QuestionRow.of(question)

    async def _edit_question(
        self, principal: Principal, question_id: int
    ) -> tuple[Question, Interview]:
        question = await Question.filter(id=question_id).first()
        if question is None:
            raise _no_question()
        try:
            interview = await self._edit(principal, question.interview_id)
        except Invalid:
            raise _no_question() from None
        self._require_unlocked(interview)
        # Read again under the interview's lock: it may have changed meanwhile.
        question = await Question.filter(id=question_id, interview_id=interview.id).first()
        if question is None:
            raise _no_question()
        return question, interview

    async def update_question(
        self, principal: Principal, question_id: int, changes: Mapping[str, Any]
    ) -> QuestionRow:
        """Change the given fields of a question (any of QuestionSpec's).

        None is read by QUESTION_UPDATE: it removes the video prompt and is
        REQUIRED for any other field. With any problem nothing changes.
        """
        errors = Collector()
        changes = QUESTION_UPDATE.apply(changes, errors)
        async with self.events.unit() as events:
            question, interview = await self._edit_question(principal, question_id)
            current = QuestionSpec(
                text=question.text,
                think_time_seconds=question.think_time_seconds,
                answer_time_seconds=question.answer_time_seconds,
                retakes=question.retakes,
                video_prompt_id=question.video_prompt_id,
            )
            merged = check_question(replace(current, **changes), errors)
            if "video_prompt_id" in changes:
                await _check_prompts(interview.organization_id, [(merged, ())], errors)
            errors.raise_if_any()
            values = asdict(merged)
            for name, value in values.items():
                setattr(question, name, value)
            await question.save(update_fields=list(values))
            await self._touch(interview, events, "questions")
        return QuestionRow.of(question)

    async def remove_question(self, principal: Principal, question_id: int) -> InterviewRow:
        async with self.events.unit() as events:
            question, interview = await self._edit_question(principal, question_id)
            count = await Question.filter(interview_id=interview.id).count()
            if count <= MIN_QUESTIONS:
                raise Invalid.one(
                    ErrorCode.REQUIRED,
                    "An interview needs at least one question; add another before removing "
                    "this one.",
                    "question_id",
                )
            await question.delete()
            following = await Question.filter(
                interview_id=interview.id, position__gt=question.position
            ).order_by("position")
            for row in following:
                row.position -= 1
            if following:
                await Question.bulk_update(following, fields=["position"])
            await self._touch(interview, events, "questions")
        return InterviewRow.of(interview)

    async def reorder_questions(
        self, principal: Principal, interview_id: int, question_ids: Sequence[int]
    ) -> InterviewRow:
        """Put the questions in the given order; it must name each one once."""
        async with self.events.unit() as events:
            interview = await self._edit(principal, interview_id, "interview_id")
            self._require_unlocked(interview)
            questions = {q.id: q for q in await Question.filter(interview_id=interview.id)}
            if len(question_ids) != len(set(question_ids)) or set(question_ids) != set(questions):
                raise Invalid.one(
                    ErrorCode.INVALID,
                    f"List each of the interview's {len(questions)} questions exactly once.",
                    "question_ids",
                )
            changed = []
            for position, question_id in enumerate(question_ids, start=1):
                question = questions[question_id]
                if question.position != position:
                    question.position = position
                    changed.append(question)
            if changed:
                await Question.bulk_update(changed, fields=["position"])
                await self._touch(interview, events, "questions")
        return InterviewRow.of(interview)

    async def set_status(
        self, principal: Principal, interview_id: int, status: InterviewStatus
    ) -> InterviewRow:
        async with self.events.unit() as events:
            interview = await self._edit(principal, interview_id, "interview_id")
            current = InterviewStatus(interview.status)
            if status == current:
                return InterviewRow.of(interview)
            if status not in TRANSITIONS[current]:
                allowed = ", ".join(sorted(TRANSITIONS[current]))
                raise Invalid.one(
                    ErrorCode.INVALID_TRANSITION,
                    f"A {current} interview can become {allowed}, not {status}.",
                    "status",
                )
            if status == InterviewStatus.DRAFT and interview.first_answer_at is not None:
                raise Invalid.one(
                    ErrorCode.LOCKED,
                    "An interview with answers cannot go back to draft; close it instead.",
                    "status",
                )
            now = self.clock.now()
            if (
                status == InterviewStatus.OPEN
                and interview.answer_deadline is not None
                and interview.answer_deadline <= now
            ):
                raise Invalid.one(
                    ErrorCode.INVALID,
                    "The answer deadline has passed; move it to the future before opening.",
                    "status",
                )
            interview.status = status
            interview.updated_at = now
            await Interview.filter(id=interview.id).update(status=status, updated_at=now)
            events.append(
                InterviewStatusChanged(interview.organization_id, interview.id, current, status)
            )
        return InterviewRow.of(interview)

    async def delete_interview(self, principal: Principal, interview_id: int) -> int:
        async with self.events.unit() as events:
            interview = await self._edit(principal, interview_id, "interview_id")
            if interview.first_answer_at is not None:
                raise Invalid.one(
                    ErrorCode.LOCKED,
                    "This interview has answers and cannot be deleted; archive it instead.",
                    "interview_id",
                )
            await interview.delete()
            events.append(InterviewDeleted(interview.organization_id, interview_id))
        return interview_id


def _forbidden() -> Forbidden:
    return Forbidden("Only owners and recruiters can create and change interviews.")


def _no_question() -> Invalid:
    return Invalid.one(ErrorCode.NOT_FOUND, "There is no question with this ID.", "question_id")


async def _check_prompts(
    organization_id: int,
    specs: Sequence[tuple[QuestionSpec, tuple[str | int, ...]]],
    errors: Collector,
) -> None:
    """Video prompts must be videos of the interview's own organization."""
    wanted = {spec.video_prompt_id for spec, _ in specs if spec.video_prompt_id is not None}
    if not wanted:
        return
    rows = await Video.filter(id__in=wanted, organization_id=organization_id).values("id")
    found = {row["id"] for row in rows}
    for spec, path in specs:
        if spec.video_prompt_id is not None and spec.video_prompt_id not in found:
            errors.add(
                ErrorCode.NOT_FOUND,
                "There is no video with this ID in the interview's organization.",
                *path,
                "video_prompt_id",
            )
