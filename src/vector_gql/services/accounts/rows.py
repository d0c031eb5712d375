"""The rows account reads return."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..rows import Row


@dataclass(frozen=True, slots=True)
class UserRow(Row):
    """A user as others may see them: never the password hash."""

    id: int
    username: str
    email: str
    date_joined: datetime
