"""The rows organization reads return."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ...models.organizations import Role
from ..rows import Row


@dataclass(frozen=True, slots=True)
class OrganizationRow(Row):
    id: int
    name: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class MembershipRow(Row):
    id: int
    organization_id: int
    user_id: int
    role: Role
    created_at: datetime


@dataclass(frozen=True, slots=True)
class InvitationRow(Row):
    """An invitation to join, without its token hash."""

    id: int
    organization_id: int
    email: str
    role: Role
    invited_by_id: int | None
    created_at: datetime
    expires_at: datetime
