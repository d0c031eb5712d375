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

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from ...config import Settings
from ...models.interviews import Interview, Question
from ..interviews.rows import QuestionRow
from .reads import ReviewReads
from .reports.data import Candidate, EvaluationNotes, InterviewReportData, QuestionText
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


def scoring_settings(settings: Settings) -> ScoringSettings:
    return ScoringSettings(min_submissions_for_correction=settings.rater_correction_submissions)


class ReviewRecordReads(ReviewReads):
    settings: Settings

    async def review_records(self, interview_id: int, now: datetime) -> ReviewRecords:
        """Everything an interview's results and reports rest on (no visibility check).

        Statements: the interview, its questions and the rubric (three).

        Not yet read: submissions, ratings, notes and answers. Candidate
        invitations, their answers and the evaluations of them do not exist in
        this code yet; until they do, an interview's records hold no submission,
        and its reports list no candidate. Each will be one more statement here.
        """
        found = await Interview.filter(id=interview_id).values("title")
        title = found[0]["title"] if found else ""
        questions = await QuestionRow.fetch(
            Question.filter(interview_id=interview_id).order_by("position", "id")
        )
        rubric = await self.rubric_for(interview_id)
        criteria = [c for c in (rubric[1] if rubric else []) if c.question_ids != ()]
        return ReviewRecords(
            interview_id=interview_id,
            title=title,
            questions=questions,
            criteria=criteria,
            candidates={},
            ratings=(),
            notes={},
            answers=(),
            limits=[QuestionLimit(q.id, float(q.answer_time_seconds)) for q in questions],
            settings=scoring_settings(self.settings),
            generated_at=now,
        )
