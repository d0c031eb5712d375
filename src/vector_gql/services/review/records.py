"""An interview's review as plain records, read in a fixed number of statements.

Results, agreement and reports all start from the same records: the
questions, the rubric's criteria, the submissions with their candidates, the
current version of every rating, the evaluators' written notes and the
answers' lengths. ``ReviewRecordReads.review_records`` reads them once (one
statement per kind, whatever the number of submissions), and
``ReviewRecords`` turns them into the framework-free inputs of ``scoring``,
``signals`` and ``reports``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from tortoise import connections

from ...config import Settings
from ...models.candidates import Answer, CandidateInvitation, InvitationStatus
from ...models.interviews import Interview, Question
from ...models.review import Evaluation, EvaluationRating
from ..interviews.rows import QuestionRow
from .reads import ReviewReads
from .reports.data import (
    Candidate,
    EvaluationNotes,
    InterviewReportData,
    QuestionText,
    RatingNote,
)
from .rows import CriterionView
from .scoring import Criterion, InterviewScores, Rating, ScoringInput, ScoringSettings
from .scoring import score_interview as score
from .signals import AnswerRecord, QuestionLimit, SubmissionSignals, submission_signals


@dataclass(frozen=True)
class ReviewRecords:
    interview_id: int
    title: str
    questions: Sequence[QuestionRow]
    # The rubric's criteria that apply to at least one question, in order.
    criteria: Sequence[CriterionView]
    # Submitted candidates, by submission id, in submission order.
    candidates: dict[int, Candidate]
    ratings: Sequence[Rating]
    notes: dict[int, tuple[EvaluationNotes, ...]]
    answers: Sequence[AnswerRecord]
    # The time each question allows for an answer.
    limits: Sequence[QuestionLimit]
    settings: ScoringSettings
    generated_at: datetime
    evaluator_labels: dict[int, str] = field(default_factory=dict)

    def scoring_input(self) -> ScoringInput:
        return ScoringInput(
            question_ids=[q.id for q in self.questions],
            criteria=[Criterion(c.id, c.name, c.weight, c.question_ids) for c in self.criteria],
            submission_ids=list(self.candidates),
            ratings=self.ratings,
        )

    @cached_property
    def scores(self) -> InterviewScores:
        return score(self.scoring_input(), self.settings)

    @cached_property
    def signals(self) -> dict[int, SubmissionSignals]:
        return submission_signals(self.limits, list(self.candidates), self.answers)

    def report(self, *, show_identities: bool) -> InterviewReportData:
        """What the renderers take; names and emails only with ``show_identities``."""
        return InterviewReportData(
            title=self.title,
            questions=[QuestionText(q.id, q.position, q.text) for q in self.questions],
            criteria=self.scoring_input().criteria,
            candidates=self.candidates,
            scores=self.scores,
            show_identities=show_identities,
            generated_at=self.generated_at,
            evaluator_labels=self.evaluator_labels,
            signals=self.signals,
        )


async def _rows(sql: str, values: list[Any]) -> list[tuple[Any, ...]]:
    _, rows = await connections.get("default").execute_query(sql, values)
    return [tuple(row) for row in rows]


def scoring_settings(settings: Settings) -> ScoringSettings:
    return ScoringSettings(min_submissions_for_correction=settings.rater_correction_submissions)


class ReviewRecordReads(ReviewReads):
    settings: Settings

    async def review_records(self, interview_id: int, now: datetime) -> ReviewRecords:
        """Everything an interview's results and reports rest on (no visibility check).

        Seven statements, whatever the number of submissions: the interview, its
        questions, the rubric (two), the submitted candidates, the current
        evaluations with their ratings (two: evaluations, ratings) and the current
        answers' durations. Candidates are labelled "Candidate N" in submission
        order, for reports that do not show names.
        """
        found = await Interview.filter(id=interview_id).values("title")
        title = found[0]["title"] if found else ""
        questions = await QuestionRow.fetch(
            Question.filter(interview_id=interview_id).order_by("position", "id")
        )
        rubric = await self.rubric_for(interview_id)
        criteria = [c for c in (rubric[1] if rubric else []) if c.question_ids != ()]
        invitations = (
            await CandidateInvitation.filter(
                interview_id=interview_id, status=InvitationStatus.SUBMITTED
            )
            .order_by("submitted_at", "id")
            .values_list("id", "name", "email", "submitted_at")
        )
        candidates = {
            invitation_id: Candidate(invitation_id, f"Candidate {n}", name, email, submitted_at)
            for n, (invitation_id, name, email, submitted_at) in enumerate(invitations, start=1)
        }
        evaluations = await Evaluation.filter(
            interview_id=interview_id, current=True, invitation_id__in=list(candidates)
        ).values_list("id", "invitation_id", "evaluator_id", "comment", "recommendation")
        ratings: list[Rating] = []
        notes: dict[int, list[RatingNote]] = defaultdict(list)
        question_ids = {q.id for q in questions}
        criterion_ids = {c.id: c for c in criteria}
        if evaluations:
            owner = {e[0]: (e[1], e[2]) for e in evaluations}
            # Tens of thousands of rows for a large interview: read as plain tuples, without
            # the ORM's per-row conversion (a third of the time it takes otherwise).
            found_ratings = await _rows(
                f"SELECT evaluation_id, question_id, criterion_id, score, note "
                f"FROM {EvaluationRating._meta.db_table} WHERE evaluation_id = ANY($1::bigint[])",
                [list(owner)],
            )
            for evaluation_id, question_id, criterion_id, score, note in found_ratings:
                criterion = criterion_ids.get(criterion_id)
                if question_id not in question_ids or criterion is None:
                    continue
                if not criterion.applies_to(question_id):
                    continue
                submission_id, evaluator_id = owner[evaluation_id]
                ratings.append(
                    Rating(submission_id, evaluator_id, question_id, criterion_id, score)
                )
                if note.strip():
                    notes[evaluation_id].append(RatingNote(question_id, criterion_id, note))
        by_submission: dict[int, list[EvaluationNotes]] = defaultdict(list)
        for evaluation_id, invitation_id, evaluator_id, comment, recommendation in evaluations:
            by_submission[invitation_id].append(
                EvaluationNotes(
                    evaluator_id=evaluator_id,
                    comment=comment,
                    recommendation=str(recommendation) if recommendation else None,
                    notes=tuple(notes[evaluation_id]),
                )
            )
        answers = [
            AnswerRecord(invitation_id, question_id, duration)
            for invitation_id, question_id, duration in await Answer.filter(
                invitation_id__in=list(candidates),
                current=True,
                submitted_at__isnull=False,
                question_id__in=list(question_ids),
            ).values_list("invitation_id", "question_id", "video__duration_seconds")
        ]
        return ReviewRecords(
            interview_id=interview_id,
            title=title,
            questions=questions,
            criteria=criteria,
            candidates=candidates,
            ratings=ratings,
            notes={key: tuple(value) for key, value in by_submission.items()},
            answers=answers,
            limits=[QuestionLimit(q.id, float(q.answer_time_seconds)) for q in questions],
            settings=scoring_settings(self.settings),
            generated_at=now,
        )
