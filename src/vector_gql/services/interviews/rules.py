"""What an interview and its questions may hold, and how its status may move."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from ...models.interviews import InterviewStatus
from ..errors import ErrorCode
from ..validation import Collector, UpdateRule

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


@dataclass(frozen=True)
class QuestionSpec:
    text: str
    think_time_seconds: int = DEFAULT_THINK_TIME
    answer_time_seconds: int = DEFAULT_ANSWER_TIME
    retakes: int = DEFAULT_RETAKES
    # A video of the interview's organization, recorded as the question's prompt.
    video_prompt_id: int | None = None


# What None means in updateInterview and updateQuestion (UpdateRule).
INTERVIEW_UPDATE = UpdateRule(
    clears={"description": "", "answer_deadline": None},
    required={"title": "a title"},
)
QUESTION_UPDATE = UpdateRule(
    clears={"video_prompt_id": None},
    required={
        "text": "the question",
        "think_time_seconds": "a think time",
        "answer_time_seconds": "an answer time",
        "retakes": "a number of retakes",
    },
)


@dataclass(frozen=True)
class InterviewFilter:
    statuses: tuple[InterviewStatus, ...] = ()
    search: str | None = None


def check_title(title: str | None, errors: Collector) -> str:
    return errors.text(
        title, "title", max_length=MAX_TITLE, noun="the title", missing="Enter a title."
    )


def check_description(description: str | None, errors: Collector) -> str:
    return errors.long_text(
        description, "description", max_length=MAX_DESCRIPTION, noun="the description"
    )


def check_deadline(deadline: datetime | None, now: datetime, errors: Collector) -> None:
    if deadline is not None and deadline <= now:
        errors.add(ErrorCode.OUT_OF_RANGE, "Choose a deadline in the future.", "answer_deadline")


def check_question(spec: QuestionSpec, errors: Collector, *path: str | int) -> QuestionSpec:
    """The question with its text stripped; its problems go into ``errors`` under ``path``."""
    text = errors.text(
        spec.text,
        *path,
        "text",
        max_length=MAX_QUESTION_TEXT,
        noun="a question",
        missing="Enter the question.",
    )
    low, high = THINK_TIME
    errors.in_range(
        spec.think_time_seconds,
        low,
        high,
        *path,
        "think_time_seconds",
        name="a think time",
        unit="seconds",
    )
    low, high = ANSWER_TIME
    errors.in_range(
        spec.answer_time_seconds,
        low,
        high,
        *path,
        "answer_time_seconds",
        name="an answer time",
        unit="seconds",
    )
    low, high = RETAKES
    errors.in_range(spec.retakes, low, high, *path, "retakes", name="a number of retakes")
    return replace(spec, text=text)


def check_questions(specs: list[QuestionSpec], errors: Collector) -> list[QuestionSpec]:
    if len(specs) < MIN_QUESTIONS:
        errors.add(ErrorCode.REQUIRED, "Add at least one question.", "questions")
    elif len(specs) > MAX_QUESTIONS:
        errors.add(
            ErrorCode.TOO_MANY, f"An interview has at most {MAX_QUESTIONS} questions.", "questions"
        )
    return [check_question(spec, errors, "questions", i) for i, spec in enumerate(specs)]
