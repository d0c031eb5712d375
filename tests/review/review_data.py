"""A small fixed interview whose scores are worked out by hand in the tests.

Two questions, two criteria: "Communication" (weight 2) on both questions,
"Technical depth" (weight 1) on the second only, so each submission has three
cells: (Q1, communication), (Q2, communication), (Q2, depth).

Evaluator HARSH rates submissions 101, 102, 103; LENIENT rates 101, 102, 104
and always gives exactly two points more than HARSH would (same spread, mean
4 against 2). ONCE rates only 101. Submission 105 has no rating.
"""

from __future__ import annotations

from vector_gql.services.review.scoring import Criterion, Rating, ScoringInput

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
    scores: dict[tuple[int, int], tuple[int | None, ...]],
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
