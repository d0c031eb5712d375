"""The rows review reads return."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ...models.review import AssignmentStatus, Recommendation, ReportKind, ReportStatus
from ..rows import Row


@dataclass(frozen=True, slots=True)
class RubricRow(Row):
    id: int
    organization_id: int
    interview_id: int
    created_at: datetime
    updated_at: datetime
    updated_by_id: int | None
    locked_at: datetime | None

    @property
    def locked(self) -> bool:
        """True once an evaluation has been submitted: ratings refer to the criteria."""
        return self.locked_at is not None


@dataclass(frozen=True, slots=True)
class CriterionRow(Row):
    id: int
    rubric_id: int
    position: int
    name: str
    description: str
    weight: float
    anchors: list[str]
    all_questions: bool


@dataclass(frozen=True, slots=True)
class CriterionView:
    """A criterion with the questions it applies to.

    ``question_ids`` is None when it applies to every question of the
    interview; otherwise the ones it applies to, in no particular order (an
    empty tuple once all of those were removed from the interview).
    """

    id: int
    rubric_id: int
    interview_id: int
    position: int
    name: str
    description: str
    weight: float
    anchors: tuple[str, ...]
    question_ids: tuple[int, ...] | None

    def applies_to(self, question_id: int) -> bool:
        return self.question_ids is None or question_id in self.question_ids


@dataclass(frozen=True, slots=True)
class ReportRow(Row):
    id: int
    organization_id: int
    interview_id: int
    invitation_id: int | None
    requested_by_id: int
    kind: ReportKind
    status: ReportStatus
    show_identities: bool
    storage_key: str
    content_type: str
    filename: str
    size_bytes: int | None
    error_code: str | None
    error: str | None
    created_at: datetime
    finished_at: datetime | None


@dataclass(frozen=True, slots=True)
class AssignmentRow(Row):
    """An assignment as evaluators may see it: nothing here names the candidate."""

    id: int
    organization_id: int
    interview_id: int
    invitation_id: int
    evaluator_id: int
    pseudonym: str
    status: AssignmentStatus
    created_at: datetime
    submitted_at: datetime | None


@dataclass(frozen=True, slots=True)
class RatingRow:
    question_id: int
    criterion_id: int
    score: int
    note: str


@dataclass(frozen=True, slots=True)
class EvaluationRow(Row):
    id: int
    assignment_id: int
    interview_id: int
    invitation_id: int
    evaluator_id: int
    version: int
    current: bool
    comment: str
    recommendation: Recommendation | None
    submitted_at: datetime


@dataclass(frozen=True, slots=True)
class EvaluationView:
    """An evaluation with its ratings, in question and criterion order."""

    row: EvaluationRow
    ratings: tuple[RatingRow, ...]

    @property
    def id(self) -> int:
        return self.row.id


@dataclass(frozen=True, slots=True)
class BlindAnswer:
    """A submitted answer as an evaluator sees it: the question and the recording's
    playable facts, with nothing about who recorded it, when, or what the file was called."""

    answer_id: int
    question_id: int
    duration_seconds: float | None
    content_type: str | None
    width: int | None
    height: int | None
    has_video: bool
    # Whether the recording's poster (a still from it) has been made yet.
    has_poster: bool = False
