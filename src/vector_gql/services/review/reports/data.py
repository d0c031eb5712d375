"""What a report is made from: plain records and the interview's computed scores.

A job reads these in a fixed number of statements (interview, questions,
rubric, candidates, current evaluations with their notes), scores the
interview with ``scoring.score_interview`` and hands both to a renderer.

Names and emails are shown only when ``show_identities`` is true: the caller
decides it from what the requester may see. Otherwise every renderer uses the
candidate's ``label`` (for example "Candidate 12") and writes no name or email
anywhere in the file, its metadata included.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from ..scoring import Criterion, InterviewScores, SubmissionResult
from ..signals import SubmissionSignals


@dataclass(frozen=True, slots=True)
class Candidate:
    submission_id: int
    # How the candidate is called when identities are hidden.
    label: str
    name: str | None = None
    email: str | None = None
    # Only to order the ranking (``results.ranking_key``, whose cursors only owners and
    # recruiters get). Never rendered in a report: in a blind one, when someone submitted
    # can say who "Candidate 3" is. Renderers reach the candidate through
    # ``candidate_title``/``candidate_email``; tests/review/test_reports.py renders every
    # report and looks for the time.
    submitted_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class QuestionText:
    id: int
    position: int
    text: str


@dataclass(frozen=True, slots=True)
class RatingNote:
    question_id: int
    criterion_id: int
    note: str


@dataclass(frozen=True, slots=True)
class EvaluationNotes:
    """One evaluator's written part of an evaluation of one submission."""

    evaluator_id: int
    comment: str
    recommendation: str | None = None
    notes: tuple[RatingNote, ...] = ()


@dataclass(frozen=True)
class InterviewReportData:
    title: str
    questions: Sequence[QuestionText]
    criteria: Sequence[Criterion]
    candidates: Mapping[int, Candidate]
    scores: InterviewScores
    show_identities: bool
    generated_at: datetime
    # How evaluators are called in reports; "Evaluator N" (in id order) by default.
    evaluator_labels: Mapping[int, str] = field(default_factory=dict)
    signals: Mapping[int, SubmissionSignals] = field(default_factory=dict)

    def candidate_title(self, submission_id: int) -> str:
        """The candidate's name when identities may be shown, else their label."""
        candidate = self.candidates[submission_id]
        if self.show_identities and candidate.name:
            return candidate.name
        return candidate.label

    def candidate_email(self, submission_id: int) -> str | None:
        return self.candidates[submission_id].email if self.show_identities else None

    def evaluator_label(self, evaluator_id: int) -> str:
        if evaluator_id in self.evaluator_labels:
            return self.evaluator_labels[evaluator_id]
        ordered = sorted(p.evaluator_id for p in self.scores.raters)
        position = ordered.index(evaluator_id) + 1 if evaluator_id in ordered else len(ordered) + 1
        return f"Evaluator {position}"

    def ranked(self) -> list[SubmissionResult]:
        return [r for r in self.scores.results if r.rank is not None]

    def question(self, question_id: int) -> QuestionText:
        return next(q for q in self.questions if q.id == question_id)

    def criterion(self, criterion_id: int) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)
