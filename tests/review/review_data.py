"""A small fixed interview whose scores are worked out by hand in the tests.

Two questions, two criteria: "Communication" (weight 2) on both questions,
"Technical depth" (weight 1) on the second only, so each submission has three
cells: (Q1, communication), (Q2, communication), (Q2, depth).

Evaluator HARSH rates submissions 101, 102, 103; LENIENT rates 101, 102, 104
and always gives exactly two points more than HARSH would (same spread, mean
4 against 2). ONCE rates only 101. Submission 105 has no rating.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from vector_gql.services.review.reports import (
    Candidate,
    EvaluationNotes,
    InterviewReportData,
    QuestionText,
    RatingNote,
)
from vector_gql.services.review.scoring import (
    Criterion,
    Rating,
    ScoringInput,
    ScoringSettings,
    score_interview,
)
from vector_gql.services.review.signals import AnswerRecord, QuestionLimit, submission_signals

Q1, Q2 = 11, 12
COMMUNICATION = Criterion(id=1, name="Communication", weight=2.0)
DEPTH = Criterion(id=2, name="Technical depth", weight=1.0, question_ids=(Q2,))
CELLS = ((Q1, 1), (Q2, 1), (Q2, 2))
HARSH, LENIENT, ONCE = 7, 8, 9
SUBMISSIONS = (101, 102, 103, 104, 105)

SCORES = {
    (101, HARSH): (2, 3, 1),
    (102, HARSH): (1, 2, 2),
    (103, HARSH): (3, 3, 1),
    (101, LENIENT): (4, 5, 3),
    (102, LENIENT): (3, 4, 4),
    (104, LENIENT): (5, 5, 3),
    (101, ONCE): (5, 4, 4),
}


def ratings_from(
    scores: Mapping[tuple[int, int], tuple[int | None, ...]],
    cells: tuple[tuple[int, int], ...] = CELLS,
) -> list[Rating]:
    """Ratings from {(submission, evaluator): one score per cell, None for unrated}."""
    return [
        Rating(submission, evaluator, question, criterion, value)
        for (submission, evaluator), values in scores.items()
        for (question, criterion), value in zip(cells, values, strict=True)
        if value is not None
    ]


def fixed_input() -> ScoringInput:
    return ScoringInput(
        question_ids=(Q1, Q2),
        criteria=(COMMUNICATION, DEPTH),
        submission_ids=SUBMISSIONS,
        ratings=ratings_from(SCORES),
    )


# --- for the reports -------------------------------------------------------

GENERATED = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
QUESTIONS = (
    QuestionText(Q1, 1, "Tell us about a system you designed."),
    QuestionText(Q2, 2, "How would you find a memory leak in production?"),
)
# When each was submitted: in a year and at times nothing else in a report shows.
SUBMITTED = {n: datetime(1999, 7, 19, 13, 40 + n - 100, tzinfo=UTC) for n in range(101, 106)}
CANDIDATES = {
    101: Candidate(101, "Candidate 1", "Ann Example", "ann@example.com", SUBMITTED[101]),
    102: Candidate(102, "Candidate 2", "Дмитрий Ølsen", "dmitri@example.org", SUBMITTED[102]),
    103: Candidate(
        103, "Candidate 3", '=HYPERLINK("http://x")', "+evil@example.com", SUBMITTED[103]
    ),
    104: Candidate(104, "Candidate 4", "Zoë Brontë", "zoe@example.net", SUBMITTED[104]),
    105: Candidate(105, "Candidate 5", "Bob Unrated", "bob@example.com", SUBMITTED[105]),
}
EVALUATORS = {HARSH: "Evaluator A", LENIENT: "Evaluator B", ONCE: "Evaluator C"}
COMMENTS = (
    EvaluationNotes(
        LENIENT,
        "Clear structure & good trade-offs.\nWould hire.",
        "YES",
        (RatingNote(Q2, 2, "Knew <heap snapshots> well."),),
    ),
    EvaluationNotes(HARSH, 'Shallow on depth; see <img src="/etc/passwd"/>.', "NO"),
    EvaluationNotes(ONCE, "Strong candidate.", None),
)


def report_data(*, show_identities: bool, settings: ScoringSettings | None = None):
    return InterviewReportData(
        title="Backend engineer",
        questions=QUESTIONS,
        criteria=(COMMUNICATION, DEPTH),
        candidates=CANDIDATES,
        scores=score_interview(fixed_input(), settings or ScoringSettings(3)),
        show_identities=show_identities,
        generated_at=GENERATED,
        evaluator_labels=EVALUATORS,
        signals=submission_signals(
            (QuestionLimit(Q1, 120), QuestionLimit(Q2, 60)),
            SUBMISSIONS,
            [AnswerRecord(101, Q1, 90.0), AnswerRecord(101, Q2, 45.0)],
        ),
    )
