"""Domain events: what changed, published once the change is committed.

A write path records events inside its unit of work; they reach the
subscribers only after the transaction commits, and never if it rolls back,
so a subscriber can read the new state and never sees a change that did not
happen. Units nest: a service called inside another's unit (the organization
a signup provisions) hands its events to the outermost one.

Subscribers attach to the bus by event type (or to ``Event`` for all): live
GraphQL subscriptions (relayed between processes with PostgreSQL
LISTEN/NOTIFY), queued jobs (emails, posters), recomputed reports. An event
carries ids and small facts, never rows, so it can be serialised as it is
(``Event.to_json``) and read again by another process; a subscriber loads what
it needs under its own principal's policy.

Subscribers run in the task that made the change, after the commit and
before its response: they hand work off (a NOTIFY, a deferred job) rather
than do it. A subscriber that fails is logged and does not undo the change,
nor keep the event from the other subscribers.
"""

from __future__ import annotations

import contextvars
import dataclasses
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from tortoise.transactions import in_transaction

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Event:
    """Something that happened in one organization."""

    name: ClassVar[str] = "event"
    organization_id: int

    def to_json(self) -> str:
        return json.dumps({"event": self.name, **dataclasses.asdict(self)}, default=str)


# --- accounts and organizations -------------------------------------------------------


@dataclass(frozen=True)
class OrganizationCreated(Event):
    name: ClassVar[str] = "organization.created"
    user_id: int


@dataclass(frozen=True)
class MemberInvited(Event):
    name: ClassVar[str] = "member.invited"
    invitation_id: int


@dataclass(frozen=True)
class MemberInvitationRevoked(Event):
    name: ClassVar[str] = "member.invitation_revoked"
    invitation_id: int


@dataclass(frozen=True)
class MemberJoined(Event):
    name: ClassVar[str] = "member.joined"
    user_id: int
    role: str


@dataclass(frozen=True)
class MemberRoleChanged(Event):
    name: ClassVar[str] = "member.role_changed"
    user_id: int
    role: str


@dataclass(frozen=True)
class MemberRemoved(Event):
    name: ClassVar[str] = "member.removed"
    user_id: int


# --- interviews -------------------------------------------------------------------


@dataclass(frozen=True)
class InterviewCreated(Event):
    name: ClassVar[str] = "interview.created"
    interview_id: int


@dataclass(frozen=True)
class InterviewChanged(Event):
    """Its fields or its questions changed (``what`` says which)."""

    name: ClassVar[str] = "interview.changed"
    interview_id: int
    what: str


@dataclass(frozen=True)
class InterviewStatusChanged(Event):
    name: ClassVar[str] = "interview.status_changed"
    interview_id: int
    previous: str
    status: str


@dataclass(frozen=True)
class InterviewDeleted(Event):
    name: ClassVar[str] = "interview.deleted"
    interview_id: int


# --- media ------------------------------------------------------------------------


@dataclass(frozen=True)
class VideoStored(Event):
    """A probed video is stored and recorded (posters and transcodes start here)."""

    name: ClassVar[str] = "video.stored"
    video_id: int


@dataclass(frozen=True)
class VideoDeleted(Event):
    """A video and its stored object were deleted."""

    name: ClassVar[str] = "video.deleted"
    video_id: int


# --- candidates ---------------------------------------------------------------------


@dataclass(frozen=True)
class CandidatesInvited(Event):
    """Invitations to an interview were created (their emails are queued with them)."""

    name: ClassVar[str] = "candidates.invited"
    interview_id: int
    invitation_ids: tuple[int, ...]


@dataclass(frozen=True)
class AnswerRecorded(Event):
    """A candidate's attempt at a question was stored and became the one that counts."""

    name: ClassVar[str] = "candidate.answer_recorded"
    interview_id: int
    invitation_id: int
    question_id: int
    answer_id: int


@dataclass(frozen=True)
class SubmissionReceived(Event):
    """A candidate submitted their answers: final, and ready for review."""

    name: ClassVar[str] = "candidate.submitted"
    interview_id: int
    invitation_id: int


# --- review ---------------------------------------------------------------------


@dataclass(frozen=True)
class RubricChanged(Event):
    """An interview's rubric was set or replaced."""

    name: ClassVar[str] = "rubric.changed"
    interview_id: int


@dataclass(frozen=True)
class EvaluationSubmitted(Event):
    """An evaluator submitted (``version`` 1) or revised an evaluation of an assignment."""

    name: ClassVar[str] = "evaluation.submitted"
    interview_id: int
    assignment_id: int
    evaluation_id: int
    evaluator_id: int
    version: int


@dataclass(frozen=True)
class EvaluatorsAssigned(Event):
    """Submissions of an interview were assigned to one evaluator (ids, a few hundred at most
    per event, so it fits a NOTIFY)."""

    name: ClassVar[str] = "evaluators.assigned"
    interview_id: int
    evaluator_id: int
    assignment_ids: tuple[int, ...]


@dataclass(frozen=True)
class ReportFinished(Event):
    """A report's job is done: ``status`` READY (stored) or FAILED."""

    name: ClassVar[str] = "report.finished"
    report_id: int
    status: str


E = TypeVar("E", bound=Event)
Handler = Callable[[Any], Awaitable[None]]

# The events recorded by the unit of work running in this task, if any.
_pending: contextvars.ContextVar[list[Event] | None] = contextvars.ContextVar(
    "pending_events", default=None
)


class EventBus:
    """Delivers events to the subscribers of their type, after commit."""

    def __init__(self) -> None:
        self._handlers: list[tuple[type[Event], Handler]] = []

    def subscribe(self, event_type: type[E], handler: Callable[[E], Awaitable[None]]) -> None:
        """Call ``handler`` with every published event of ``event_type`` (or a subclass)."""
        self._handlers.append((event_type, handler))

    def unsubscribe(self, handler: Callable[[Any], Awaitable[None]]) -> None:
        self._handlers = [(t, h) for t, h in self._handlers if h is not handler]

    async def publish(self, *events: Event) -> None:
        """Deliver now. Write paths use ``unit`` instead, which publishes after commit."""
        for event in events:
            for event_type, handler in list(self._handlers):
                if not isinstance(event, event_type):
                    continue
                try:
                    await handler(event)
                except Exception:  # a subscriber's failure must not undo the change
                    log.exception("subscriber %r failed on %s", handler, event.name)

    @asynccontextmanager
    async def unit(self) -> AsyncIterator[list[Event]]:
        """A transaction whose recorded events are published once it commits.

        Append events to the list it yields. Inside another unit, the outer
        one commits and publishes; events of an inner unit that fails are
        dropped with its savepoint.
        """
        outer = _pending.get()
        if outer is not None:
            mark = len(outer)
            try:
                async with in_transaction():
                    yield outer
            except BaseException:
                del outer[mark:]
                raise
            return
        pending: list[Event] = []
        token = _pending.set(pending)
        try:
            async with in_transaction():
                yield pending
        finally:
            _pending.reset(token)
        await self.publish(*pending)
