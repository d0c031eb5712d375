"""Automatic signals about a submission: questions answered, time used.

They are facts the platform measured, shown beside the scores and never
mixed into them: a short answer may be a good one, and an evaluator's
judgement is the only input to a score (see ``scoring``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class QuestionLimit:
    question_id: int
    # The time allowed for the answer (the question's, plus any accommodation).
    answer_seconds: float


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    """The submitted answer's recording length; None when its duration is unknown."""

    submission_id: int
    question_id: int
    duration_seconds: float | None


@dataclass(frozen=True, slots=True)
class AnswerTime:
    question_id: int
    seconds: float | None
    limit_seconds: float
    # seconds / limit_seconds; can exceed 1 within the grace the server allows.
    share_of_limit: float | None


@dataclass(frozen=True, slots=True)
class SubmissionSignals:
    submission_id: int
    questions_answered: int
    questions_total: int
    # Sums over the answers whose duration is known, against those answers' limits.
    seconds_used: float
    seconds_allowed: float
    answers: tuple[AnswerTime, ...]

    @property
    def share_of_time_used(self) -> float | None:
        return self.seconds_used / self.seconds_allowed if self.seconds_allowed else None


def submission_signals(
    questions: Sequence[QuestionLimit],
    submission_ids: Sequence[int],
    answers: Sequence[AnswerRecord],
) -> dict[int, SubmissionSignals]:
    """Signals for each submission, from its answers' durations and the questions' limits."""
    limits = {q.question_id: q.answer_seconds for q in questions}
    by_submission: dict[int, dict[int, AnswerRecord]] = {s: {} for s in submission_ids}
    for answer in answers:
        if answer.submission_id not in by_submission:
            raise ValueError(f"an answer refers to unlisted submission {answer.submission_id}")
        if answer.question_id not in limits:
            raise ValueError(f"an answer refers to unknown question {answer.question_id}")
        by_submission[answer.submission_id][answer.question_id] = answer

    signals = {}
    for submission_id, given in by_submission.items():
        times = []
        for question in questions:
            record = given.get(question.question_id)
            if record is None:
                continue
            seconds = record.duration_seconds
            share = (
                seconds / question.answer_seconds
                if seconds is not None and question.answer_seconds
                else None
            )
            times.append(AnswerTime(question.question_id, seconds, question.answer_seconds, share))
        known = [t for t in times if t.seconds is not None]
        signals[submission_id] = SubmissionSignals(
            submission_id=submission_id,
            questions_answered=len(times),
            questions_total=len(questions),
            seconds_used=sum(t.seconds or 0.0 for t in known),
            seconds_allowed=sum(t.limit_seconds for t in known),
            answers=tuple(times),
        )
    return signals
