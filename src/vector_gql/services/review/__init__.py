"""Review of submissions: rubrics, scoring from evaluators' ratings, and reports.

``scoring``, ``agreement``, ``signals`` and ``reports`` are framework-free:
they take plain records and return plain results. ``ReviewService`` reads and
writes the review's rows through the principal's policy (``reads``,
``writes``), fills those records from them (``records``), and builds reports
in jobs (``reporting``).
"""

from __future__ import annotations

from ...config import Settings
from ...storage import Storage
from ..audit import AuditLog
from ..clock import Clock
from ..events import EventBus
from ..jobs import JobQueue
from .assignments import AssignmentWrites
from .blind import BlindReads
from .evaluations import EvaluationSpec, EvaluationWrites
from .reporting import ReportWrites
from .results import InterviewResults
from .rows import (
    AssignmentRow,
    BlindAnswer,
    CriterionRow,
    CriterionView,
    EvaluationRow,
    EvaluationView,
    RatingRow,
    ReportRow,
    RubricRow,
)
from .rules import CriterionSpec, RatingSpec
from .writes import ReviewWrites

__all__ = [
    "AssignmentRow",
    "BlindAnswer",
    "EvaluationRow",
    "EvaluationSpec",
    "EvaluationView",
    "InterviewResults",
    "RatingRow",
    "RatingSpec",
    "CriterionRow",
    "CriterionSpec",
    "ReportRow",
    "ReviewService",
    "CriterionView",
    "RubricRow",
]


class ReviewService(ReportWrites, EvaluationWrites, AssignmentWrites, BlindReads, ReviewWrites):
    def __init__(
        self,
        settings: Settings,
        storage: Storage,
        jobs: JobQueue,
        *,
        clock: Clock,
        events: EventBus,
        audit: AuditLog,
    ) -> None:
        self.settings = settings
        self.storage = storage
        self.clock = clock
        self.events = events
        self.audit = audit
        self.define_report_jobs(jobs)
