"""Automatic signals: counted apart from the scores."""

from __future__ import annotations

import pytest

from vector_gql.services.review.signals import AnswerRecord, QuestionLimit, submission_signals

QUESTIONS = (QuestionLimit(11, 120.0), QuestionLimit(12, 60.0), QuestionLimit(13, 90.0))


def test_questions_answered_and_time_used_against_the_limit():
    signals = submission_signals(
        QUESTIONS,
        (1, 2),
        [
            AnswerRecord(1, 11, 90.0),
            AnswerRecord(1, 12, 63.0),  # over the limit, within the grace
            AnswerRecord(1, 13, None),  # duration unknown
        ],
    )
    first = signals[1]
    assert (first.questions_answered, first.questions_total) == (3, 3)
    # Known durations only: 90 + 63 against 120 + 60.
    assert (first.seconds_used, first.seconds_allowed) == (153.0, 180.0)
    assert first.share_of_time_used == pytest.approx(153 / 180)
    assert [(a.question_id, a.share_of_limit) for a in first.answers] == [
        (11, 0.75),
        (12, 1.05),
        (13, None),
    ]
    none = signals[2]
    assert (none.questions_answered, none.questions_total, none.share_of_time_used) == (0, 3, None)


def test_answers_to_unknown_submissions_or_questions_are_refused():
    with pytest.raises(ValueError, match="submission 9"):
        submission_signals(QUESTIONS, (1,), [AnswerRecord(9, 11, 1.0)])
    with pytest.raises(ValueError, match="question 99"):
        submission_signals(QUESTIONS, (1,), [AnswerRecord(1, 99, 1.0)])
