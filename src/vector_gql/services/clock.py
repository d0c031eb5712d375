"""The one source of "now" for the services, so that tests can move time.

Every rule that compares with the present (deadlines, token and invitation
expiry, login windows, abandoned uploads) and every timestamp a service writes
asks the clock it was built with. ``create_app(clock=...)`` and
``Services.build(clock=...)`` take another one: a test hands in a
``ManualClock`` and moves it forward instead of sleeping.

Two things keep to the wall clock: storage's signed URLs (S3 checks them
against its own time, and the disk backend does the same so the two agree),
and the columns the ORM stamps itself on every save (``auto_now``: an
interview's ``updated_at`` when it is created; every later change sets it
from the clock).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class Clock:
    """The wall clock, in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock(Clock):
    """A clock a test controls: the wall clock moved by an offset, or stopped.

    Time still passes between calls unless the clock is frozen, so rows made
    one after another keep their order; ``advance`` jumps ahead by as much as
    a test needs.
    """

    def __init__(self) -> None:
        self._offset = timedelta(0)
        self._frozen: datetime | None = None

    def now(self) -> datetime:
        if self._frozen is not None:
            return self._frozen
        return datetime.now(UTC) + self._offset

    def advance(self, delta: timedelta | None = None, /, **parts: float) -> datetime:
        """Move forward by ``delta`` or by ``timedelta(**parts)``; returns the new now."""
        step = (delta or timedelta(0)) + timedelta(**parts)
        if self._frozen is not None:
            self._frozen += step
        else:
            self._offset += step
        return self.now()

    def freeze(self, at: datetime | None = None) -> datetime:
        """Stop the clock at ``at`` (by default at the current now)."""
        self._frozen = at if at is not None else self.now()
        return self._frozen

    def reset(self) -> None:
        """Back to the wall clock."""
        self._offset = timedelta(0)
        self._frozen = None
