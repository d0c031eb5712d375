"""Assigning evaluators to submitted candidates, by hand or evenly, under pseudonyms.

An evaluator knows a candidate only by a pseudonym ("Candidate K7QF") made for
that (evaluator, candidate) pair from a keyed hash, so it is stable for the
evaluator, different for every other evaluator, and says nothing about the
candidate. It is stored with the assignment; a clash with another of the
evaluator's pseudonyms takes a longer one.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import defaultdict
from collections.abc import Sequence

from ...config import Settings
from ...models.audit import AuditAction
from ...models.candidates import CandidateInvitation, InvitationStatus
from ...models.interviews import Interview
from ...models.organizations import Membership
from ...models.review import Assignment
from ...storage.signing import hkdf_sha256
from ..audit import AuditLog, Fact
from ..auth import Action, Principal, held_membership, may, require_member
from ..clock import Clock
from ..errors import ErrorCode, Forbidden, Invalid
from ..events import EvaluatorsAssigned, Event, EventBus
from ..validation import Collector
from .rows import AssignmentRow
from .rules import (
    MAX_ASSIGN_EVALUATORS,
    MAX_ASSIGN_INVITATIONS,
    MAX_EVALUATORS_PER_SUBMISSION,
)

PSEUDONYM_LABEL = b"vector-interview/review-pseudonyms/v1"
# Crockford-like: no 0/O, 1/I/L, so a pseudonym reads aloud unambiguously.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
PSEUDONYM_LENGTH = 4
# Assignment ids per EvaluatorsAssigned event: well inside a NOTIFY payload.
EVENT_IDS = 300


def pseudonym_key(settings: Settings) -> bytes:
    return hkdf_sha256((settings.jwt_secret or "vector-interview").encode(), PSEUDONYM_LABEL)


def pseudonym(key: bytes, evaluator_id: int, invitation_id: int, length: int) -> str:
    digest = hmac.new(key, f"{evaluator_id}:{invitation_id}".encode(), hashlib.sha256).digest()
    number = int.from_bytes(digest, "big")
    letters = []
    for _ in range(length):
        number, index = divmod(number, len(ALPHABET))
        letters.append(ALPHABET[index])
    return "Candidate " + "".join(letters)


class AssignmentWrites:
    settings: Settings
    clock: Clock
    events: EventBus
    audit: AuditLog

    async def assign_evaluators(
        self, principal: Principal, invitation_ids: Sequence[int], evaluator_ids: Sequence[int]
    ) -> list[AssignmentRow]:
        """Each evaluator assigned to each submitted invitation; pairs assigned already stay."""
        member = require_member(principal)
        errors = Collector()
        if not invitation_ids:
            errors.add(ErrorCode.REQUIRED, "Choose at least one submission.", "invitation_ids")
        elif len(invitation_ids) > MAX_ASSIGN_INVITATIONS:
            errors.add(
                ErrorCode.TOO_MANY,
                f"Assign at most {MAX_ASSIGN_INVITATIONS} submissions at once.",
                "invitation_ids",
            )
        if not evaluator_ids:
            errors.add(ErrorCode.REQUIRED, "Choose at least one evaluator.", "evaluator_ids")
        elif len(evaluator_ids) > MAX_ASSIGN_EVALUATORS:
            errors.add(
                ErrorCode.TOO_MANY,
                f"Assign at most {MAX_ASSIGN_EVALUATORS} evaluators at once.",
                "evaluator_ids",
            )
        errors.raise_if_any()
        async with self.events.unit() as events:
            found = {
                inv.id: inv for inv in await CandidateInvitation.filter(id__in=list(invitation_ids))
            }
            organizations = {inv.organization_id for inv in found.values()}
            roles = {
                m.organization_id: m.role
                for m in await Membership.filter(
                    user_id=member.user_id, organization_id__in=list(organizations)
                )
            }
            for i, invitation_id in enumerate(invitation_ids):
                invitation = found.get(invitation_id)
                if invitation is None or invitation.organization_id not in roles:
                    errors.add(
                        ErrorCode.NOT_FOUND,
                        "There is no candidate invitation with this ID.",
                        "invitation_ids",
                        i,
                    )
                elif invitation.status != InvitationStatus.SUBMITTED:
                    errors.add(
                        ErrorCode.NOT_SUBMITTED,
                        "This candidate has not submitted their answers yet.",
                        "invitation_ids",
                        i,
                    )
            errors.raise_if_any()
            if not all(may(role, Action.ASSIGN_EVALUATORS) for role in roles.values()):
                raise Forbidden("Only owners and recruiters can assign evaluators.")
            if len(organizations) > 1:
                raise Invalid.one(
                    ErrorCode.INVALID,
                    "Assign the submissions of one organization at a time.",
                    "invitation_ids",
                )
            (organization_id,) = organizations
            members = {
                row["user_id"]
                for row in await Membership.filter(
                    organization_id=organization_id, user_id__in=list(evaluator_ids)
                ).values("user_id")
            }
            for j, evaluator_id in enumerate(evaluator_ids):
                if evaluator_id not in members:
                    errors.add(
                        ErrorCode.NOT_FOUND,
                        "There is no member with this ID in the organization.",
                        "evaluator_ids",
                        j,
                    )
            errors.raise_if_any()
            pairs = [
                (found[i], e)
                for i in dict.fromkeys(invitation_ids)
                for e in dict.fromkeys(evaluator_ids)
            ]
            rows = await self._assign(pairs, member.user_id, events)
        return rows

    async def auto_assign(
        self,
        principal: Principal,
        interview_id: int,
        evaluators_per_submission: int,
        evaluator_ids: Sequence[int] | None = None,
    ) -> list[AssignmentRow]:
        """Give every submitted invitation of the interview ``evaluators_per_submission``
        distinct evaluators, spreading the load evenly.

        The pool is the members listed, or every member of the organization. Assignments
        made before count towards both the submission's evaluators and each evaluator's
        load; the interview's row lock keeps two runs from assigning at once. Returns the
        assignments it made.
        """
        member = require_member(principal)
        errors = Collector()
        errors.in_range(
            evaluators_per_submission,
            1,
            MAX_EVALUATORS_PER_SUBMISSION,
            "evaluators_per_submission",
            name="a number of evaluators per submission",
        )
        if evaluator_ids is not None and len(evaluator_ids) > MAX_ASSIGN_EVALUATORS:
            errors.add(
                ErrorCode.TOO_MANY,
                f"Choose at most {MAX_ASSIGN_EVALUATORS} evaluators.",
                "evaluator_ids",
            )
        errors.raise_if_any()
        async with self.events.unit() as events:
            interview = await Interview.filter(id=interview_id).select_for_update().first()
            found = (
                await held_membership(member.user_id, interview.organization_id)
                if interview is not None
                else None
            )
            if interview is None or found is None:
                raise Invalid.one(
                    ErrorCode.NOT_FOUND, "There is no interview with this ID.", "interview_id"
                )
            if not may(found.role, Action.ASSIGN_EVALUATORS):
                raise Forbidden("Only owners and recruiters can assign evaluators.")
            pool_query = Membership.filter(organization_id=interview.organization_id)
            if evaluator_ids is not None:
                pool_query = pool_query.filter(user_id__in=list(evaluator_ids))
            pool: list[int] = sorted({row["user_id"] for row in await pool_query.values("user_id")})
            if evaluator_ids is not None:
                for j, evaluator_id in enumerate(evaluator_ids):
                    if evaluator_id not in pool:
                        errors.add(
                            ErrorCode.NOT_FOUND,
                            "There is no member with this ID in the organization.",
                            "evaluator_ids",
                            j,
                        )
                errors.raise_if_any()
            if len(pool) < evaluators_per_submission:
                raise Invalid.one(
                    ErrorCode.TOO_FEW_EVALUATORS,
                    f"Each submission needs {evaluators_per_submission} different evaluators, "
                    f"and there are {len(pool)} to choose from.",
                    "evaluators_per_submission",
                )
            invitations = await CandidateInvitation.filter(
                interview_id=interview.id, status=InvitationStatus.SUBMITTED
            ).order_by("id")
            existing: list[tuple[int, int]] = [
                (row["invitation_id"], row["evaluator_id"])
                for row in await Assignment.filter(interview_id=interview.id).values(
                    "invitation_id", "evaluator_id"
                )
            ]
            assigned: dict[int, set[int]] = defaultdict(set)
            load: dict[int, int] = {user_id: 0 for user_id in pool}
            for invitation_id, evaluator_id in existing:
                assigned[invitation_id].add(evaluator_id)
                if evaluator_id in load:
                    load[evaluator_id] += 1
            pairs: list[tuple[CandidateInvitation, int]] = []
            for invitation in invitations:
                have = assigned[invitation.id]
                missing = evaluators_per_submission - len(have & set(pool))
                if missing <= 0:
                    continue
                # The least loaded evaluators first; ties by id, so runs are repeatable.
                choice = sorted((u for u in pool if u not in have), key=lambda u: (load[u], u))
                for evaluator_id in choice[:missing]:
                    pairs.append((invitation, evaluator_id))
                    load[evaluator_id] += 1
                    have.add(evaluator_id)
            rows = await self._assign(pairs, member.user_id, events)
        return rows

    async def _assign(
        self, pairs: list[tuple[CandidateInvitation, int]], by: int, events: list[Event]
    ) -> list[AssignmentRow]:
        """Assignments for the pairs, made where missing (in the caller's transaction)."""
        if not pairs:
            return []
        invitation_ids = sorted({inv.id for inv, _ in pairs})
        evaluator_ids = sorted({e for _, e in pairs})
        current = {
            (row.invitation_id, row.evaluator_id): row
            for row in await AssignmentRow.fetch(
                Assignment.filter(invitation_id__in=invitation_ids, evaluator_id__in=evaluator_ids)
            )
        }
        taken: dict[int, set[str]] = defaultdict(set)
        for evaluator_id, name in await Assignment.filter(
            evaluator_id__in=evaluator_ids
        ).values_list("evaluator_id", "pseudonym"):
            taken[evaluator_id].add(name)
        key = pseudonym_key(self.settings)
        now = self.clock.now()
        new: list[Assignment] = []
        for invitation, evaluator_id in pairs:
            if (invitation.id, evaluator_id) in current:
                continue
            length = PSEUDONYM_LENGTH
            name = pseudonym(key, evaluator_id, invitation.id, length)
            while name in taken[evaluator_id]:
                length += 1
                name = pseudonym(key, evaluator_id, invitation.id, length)
            taken[evaluator_id].add(name)
            new.append(
                Assignment(
                    organization_id=invitation.organization_id,
                    interview_id=invitation.interview_id,
                    invitation_id=invitation.id,
                    evaluator_id=evaluator_id,
                    assigned_by_id=by,
                    pseudonym=name,
                    created_at=now,
                )
            )
        if new:
            await Assignment.bulk_create(new, ignore_conflicts=True)
            created = await AssignmentRow.fetch(
                Assignment.filter(invitation_id__in=invitation_ids, evaluator_id__in=evaluator_ids)
            )
            for row in created:
                current[(row.invitation_id, row.evaluator_id)] = row
            await self.audit.record(
                *(
                    Fact(
                        organization_id=a.organization_id,
                        action=AuditAction.EVALUATOR_ASSIGNED,
                        actor_id=by,
                        subject_user_id=a.evaluator_id,
                        interview_id=a.interview_id,
                        invitation_id=a.invitation_id,
                    )
                    for a in new
                )
            )
            made: dict[tuple[int, int, int], list[int]] = defaultdict(list)
            for a in new:
                row = current[(a.invitation_id, a.evaluator_id)]
                made[(a.organization_id, a.interview_id, a.evaluator_id)].append(row.id)
            for (organization_id, interview_id, evaluator_id), ids in made.items():
                for start in range(0, len(ids), EVENT_IDS):
                    events.append(
                        EvaluatorsAssigned(
                            organization_id,
                            interview_id,
                            evaluator_id,
                            tuple(ids[start : start + EVENT_IDS]),
                        )
                    )
        return [current[(inv.id, e)] for inv, e in pairs]
