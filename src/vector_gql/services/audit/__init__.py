"""The audit log: facts an organization's owners may need to check later.

Services record entries inside their own transaction (``record``), so an
entry exists exactly when what it describes happened. Entries are never
changed or removed, except with their organization. Owners read them,
newest first (``page``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...models.audit import AuditAction, AuditEntry
from ..auth import Action, Principal, readable_audit_entries, reads_nothing, require
from ..clock import Clock
from ..paging import Page, PageRequest, Sort, keyset_page
from .rows import AuditEntryRow

__all__ = ["AUDIT_SORT", "AuditAction", "AuditEntryRow", "AuditLog", "Fact", "summary"]

AUDIT_SORT = Sort("created_at", descending=True)


@dataclass(frozen=True)
class Fact:
    """One entry to record."""

    organization_id: int
    action: AuditAction
    actor_id: int | None = None
    subject_user_id: int | None = None
    interview_id: int | None = None
    invitation_id: int | None = None
    details: dict[str, Any] = field(default_factory=dict)


def summary(entry: AuditEntryRow) -> str:
    """The entry in words, for people reading the log."""
    if entry.action == AuditAction.RUBRIC_CHANGED:
        count = entry.details.get("criteria")
        if isinstance(count, int):
            return f"Set the rubric ({count} criteri{'on' if count == 1 else 'a'})."
        return "Set the rubric."
    if entry.action == AuditAction.IDENTITY_REVEALED:
        where = entry.details.get("where")
        return f"A candidate's identity was shown{f' in {where}' if where else ''}."
    if entry.action == AuditAction.VIDEO_DELETED:
        title = entry.details.get("title")
        return f"Deleted the video \u201c{title}\u201d." if title else "Deleted a video."
    if entry.action == AuditAction.EVALUATION_REVISED:
        return f"Revised an evaluation (version {entry.details.get('version')})."
    return str(entry.action).replace("_", " ").capitalize() + "."


class AuditLog:
    def __init__(self, *, clock: Clock) -> None:
        self.clock = clock

    async def record(self, *facts: Fact) -> None:
        """Add entries, in the caller's transaction (one statement for all of them)."""
        if not facts:
            return
        now = self.clock.now()
        await AuditEntry.bulk_create(
            [
                AuditEntry(
                    organization_id=fact.organization_id,
                    action=fact.action,
                    actor_id=fact.actor_id,
                    subject_user_id=fact.subject_user_id,
                    interview_id=fact.interview_id,
                    invitation_id=fact.invitation_id,
                    details=fact.details,
                    created_at=now,
                )
                for fact in facts
            ]
        )

    async def page(
        self,
        principal: Principal,
        organization_id: int,
        request: PageRequest,
        actions: Sequence[AuditAction] | None = None,
    ) -> Page[AuditEntryRow]:
        """The organization's entries, newest first. Owners only."""
        await require(principal, organization_id, Action.READ_AUDIT_LOG)
        query = readable_audit_entries(principal).filter(organization_id=organization_id)
        if actions:
            query = query.filter(action__in=list(actions))
        return await keyset_page(query, AUDIT_SORT, request, AuditEntryRow)

    async def readable_entries(
        self, principal: Principal, ids: Iterable[int]
    ) -> dict[int, AuditEntryRow]:
        if reads_nothing(principal):
            return {}
        return await AuditEntryRow.by_id(readable_audit_entries(principal), ids)
