"""Candidates: invitations, the candidate's session, timed answers and submission."""

from __future__ import annotations

from ...config import Settings
from ..clock import Clock
from ..events import EventBus
from ..mail import MailService
from ..media import VideoService
from .reads import CandidateReads
from .rows import AnswerRow, InvitationCounts, InvitationRow
from .rules import CandidateSpec
from .tokens import CandidateTokens
from .writes import CandidateWrites, Invited, SessionOpened

__all__ = [
    "AnswerRow",
    "CandidateService",
    "CandidateSpec",
    "InvitationCounts",
    "InvitationRow",
    "Invited",
    "SessionOpened",
]


class CandidateService(CandidateReads, CandidateWrites):
    def __init__(
        self,
        settings: Settings,
        *,
        videos: VideoService,
        mail: MailService,
        clock: Clock,
        events: EventBus,
    ) -> None:
        self.settings = settings
        self.videos = videos
        self.mail = mail
        self.clock = clock
        self.events = events
        self.tokens = CandidateTokens(settings, clock)
