"""Interviews and their questions: creation, changes, status, listing.

Owners and recruiters create and change an organization's interviews;
evaluators read them; outsiders cannot tell an interview exists (it is "not
found", as for an id that does not exist).
"""

from __future__ import annotations

from ..clock import Clock
from ..events import EventBus
from .reads import InterviewReads, InterviewRelations, NumberedPage, RelationsWanted
from .rows import InterviewRow, QuestionRow
from .rules import INTERVIEW_UPDATE, QUESTION_UPDATE, SORT_FIELDS, InterviewFilter, QuestionSpec
from .writes import InterviewWrites

__all__ = [
    "INTERVIEW_UPDATE",
    "QUESTION_UPDATE",
    "SORT_FIELDS",
    "InterviewFilter",
    "InterviewRelations",
    "InterviewRow",
    "InterviewService",
    "NumberedPage",
    "QuestionRow",
    "QuestionSpec",
    "RelationsWanted",
]


class InterviewService(InterviewReads, InterviewWrites):
    def __init__(self, *, clock: Clock, events: EventBus) -> None:
        self.clock = clock
        self.events = events
