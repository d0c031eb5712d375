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
from .reporting import ReportWrites
from .rows import CriterionRow, CriterionView, ReportRow, RubricRow
from .rules import CriterionSpec
from .writes import ReviewWrites

__all__ = [
    "CriterionRow",
    "CriterionSpec",
    "ReportRow",
    "ReviewService",
    "CriterionView",
    "RubricRow",
]


class ReviewService(ReportWrites, ReviewWrites):
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
