"""Organizations, memberships and member invitations.

Every user belongs to at least one organization: signing up creates one with
the new user as owner, unless the signup carries an invitation, in which case
the user joins that organization instead.
"""

from __future__ import annotations

from ..clock import Clock
from ..events import EventBus
from .reads import INVITATION_SORT, MEMBER_SORT, OrganizationReads
from .rows import InvitationRow, MembershipRow, OrganizationRow
from .writes import Invited, OrganizationWrites

__all__ = [
    "INVITATION_SORT",
    "MEMBER_SORT",
    "InvitationRow",
    "Invited",
    "MembershipRow",
    "OrganizationRow",
    "OrganizationService",
]


class OrganizationService(OrganizationReads, OrganizationWrites):
    def __init__(self, *, clock: Clock, events: EventBus) -> None:
        self.clock = clock
        self.events = events
