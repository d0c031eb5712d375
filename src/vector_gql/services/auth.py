"""Who a request acts as, and what they may read and do: the one place for policy.

The principal
    ``Member``: a signed-in user acting through their memberships.
    ``CandidateSession``: someone answering one invitation, with no account;
    they reach that invitation's interview and nothing else of its
    organization.
    ``ANONYMOUS``: no credentials; reads nothing, does nothing.
    An API client acting for an organization is the next kind; each policy
    below says explicitly what every kind reaches, so a new kind reaches
    nothing until it is named.

Reading: one readable-query builder per model (``readable_interviews`` and so
on), used by every read, node lookup and visibility-applying loader. A row
is visible exactly when it is in its model's readable query; nothing else
writes a visibility filter by hand. An object that cannot be seen is reported
like one that does not exist.

Doing: ``Action`` and ``ALLOWED`` say which role may do what in an
organization; ``require`` checks it for a write, reading the role fresh (a
write that must not race with a role change calls it under its row lock), and
``require_member`` turns away every principal that is not a member.

Evaluators are members too; the rules that limit them to their own
assignments, and keep candidates' identities from them, belong in the
readable queries of the models that hold submissions.

Over 400 lines on purpose: every authorization rule of the API, the one place to
review who may read and write what.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Final

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from ..models.accounts import User
from ..models.audit import AuditEntry
from ..models.candidates import Answer, CandidateInvitation, InvitationStatus
from ..models.interviews import Interview, Question
from ..models.mail import OutboxMessage
from ..models.media import Video, VideoUpload
from ..models.organizations import Membership, Organization, OrganizationInvitation, Role
from ..models.review import (
    Assignment,
    AssignmentStatus,
    Evaluation,
    Report,
    Rubric,
    RubricCriterion,
)
from .errors import ErrorCode, Forbidden, Invalid, Unauthenticated
from .rows import Where

if TYPE_CHECKING:
    from .accounts.rows import UserRow

# --- principals ---------------------------------------------------------------------


class Anonymous:
    """No credentials were presented."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "ANONYMOUS"


ANONYMOUS: Final = Anonymous()


@dataclass(frozen=True, slots=True)
class Member:
    """A signed-in user. Their roles are read where they are used, never cached here:
    inside the visibility queries, or fresh under the lock of the write that needs them."""

    user: UserRow
    session_id: uuid.UUID | None = None

    @property
    def user_id(self) -> int:
        return self.user.id


@dataclass(frozen=True, slots=True)
class CandidateSession:
    """A candidate answering one invitation; their token reaches nothing else."""

    invitation_id: int
    interview_id: int
    organization_id: int


Principal = Anonymous | Member | CandidateSession


def bearer_token(header: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` value; None when there is none.

    The one reading of credentials, for the API, its WebSocket and the REST paths.
    """
    if not header:
        return None
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise MalformedCredentials()
    return token.strip()


class MalformedCredentials(Unauthenticated):
    def __init__(self) -> None:
        super().__init__("Send the access token as 'Authorization: Bearer <token>'.")


def require_member(principal: Principal) -> Member:
    """The member acting; Unauthenticated without credentials, Forbidden for anyone else."""
    if isinstance(principal, Member):
        return principal
    if isinstance(principal, Anonymous):
        raise Unauthenticated()
    raise Forbidden("Sign in with an account to do this.")


# --- what each role may do ------------------------------------------------------------


class Action(StrEnum):
    READ_INTERVIEWS = "read interviews"
    EDIT_INTERVIEWS = "create and change interviews"
    MANAGE_MEMBERS = "manage members"
    READ_MEMBERS = "see the members"
    UPLOAD_VIDEOS = "upload videos"
    DELETE_VIDEOS = "delete the organization's videos"
    READ_VIDEOS = "watch videos"
    READ_MAIL = "read the organization's outgoing mail"
    READ_RESULTS = "see the review's results and reports"
    READ_AUDIT_LOG = "read the audit log"
    ASSIGN_EVALUATORS = "assign evaluators"
    EVALUATE = "evaluate submissions"
    INVITE_CANDIDATES = "invite candidates and follow their progress"
    READ_STORAGE_USE = "see how much of the storage quota is used"


EVERY_ROLE = frozenset(Role)
ALLOWED: dict[Action, frozenset[Role]] = {
    Action.READ_INTERVIEWS: EVERY_ROLE,
    Action.EDIT_INTERVIEWS: frozenset({Role.OWNER, Role.RECRUITER}),
    Action.MANAGE_MEMBERS: frozenset({Role.OWNER}),
    Action.READ_MEMBERS: EVERY_ROLE,
    # services/media/quota.py names these roles in SQL too.
    Action.UPLOAD_VIDEOS: frozenset({Role.OWNER, Role.RECRUITER}),
    # Their own uploads, members who may upload delete too (see VideoWrites.delete_video).
    Action.DELETE_VIDEOS: frozenset({Role.OWNER, Role.RECRUITER}),
    Action.READ_VIDEOS: EVERY_ROLE,
    Action.READ_MAIL: frozenset({Role.OWNER}),
    Action.READ_RESULTS: frozenset({Role.OWNER, Role.RECRUITER}),
    Action.READ_AUDIT_LOG: frozenset({Role.OWNER}),
    Action.ASSIGN_EVALUATORS: frozenset({Role.OWNER, Role.RECRUITER}),
    # Evaluators are members with any role.
    Action.EVALUATE: EVERY_ROLE,
    Action.INVITE_CANDIDATES: frozenset({Role.OWNER, Role.RECRUITER}),
    Action.READ_STORAGE_USE: frozenset({Role.OWNER}),
}


def may(role: Role | str | None, action: Action) -> bool:
    return role is not None and Role(role) in ALLOWED[action]


def organizations_where(member: Member, action: Action) -> Subquery:
    """The ids of the organizations where the member's role allows ``action``."""
    query = Membership.filter(user_id=member.user_id)
    if ALLOWED[action] != EVERY_ROLE:
        query = query.filter(role__in=sorted(ALLOWED[action]))
    return Subquery(query.values("organization_id"))


def not_found_organization(*field: str | int) -> Invalid:
    return Invalid.one(ErrorCode.NOT_FOUND, "There is no organization with this ID.", *field)


async def membership(user_id: int, organization_id: int) -> Membership | None:
    return await Membership.filter(user_id=user_id, organization_id=organization_id).first()


async def held_membership(user_id: int, organization_id: int) -> Membership | None:
    """The membership, row-locked until the transaction ends: for writes, which call it
    inside their transaction, so that a removal or role change waits for them (and a
    write that waited reads the role as it is now)."""
    return (
        await Membership.filter(user_id=user_id, organization_id=organization_id)
        .select_for_update()
        .first()
    )


async def require(
    principal: Principal, organization_id: int, action: Action, *field: str | int
) -> Membership:
    """The member's membership, if it allows ``action``.

    Outsiders learn nothing: an organization they are not in is reported
    exactly like one that does not exist.
    """
    member = require_member(principal)
    found = await membership(member.user_id, organization_id)
    if found is None:
        raise not_found_organization(*field)
    if not may(found.role, action):
        raise Forbidden(f"Your role in this organization does not allow you to {action}.")
    return found


async def require_held(
    principal: Principal, organization_id: int, action: Action, *field: str | int
) -> Membership:
    """``require``, holding the membership's row lock until the transaction ends.

    Call inside the transaction of the write it guards: a removal or role change
    made meanwhile waits for the write, and a write that waited for one reads the
    role it left, so nothing is done on a right that was taken away.
    """
    member = require_member(principal)
    found = await held_membership(member.user_id, organization_id)
    if found is None:
        raise not_found_organization(*field)
    if not may(found.role, action):
        raise Forbidden(f"Your role in this organization does not allow you to {action}.")
    return found


async def first_organization_for(principal: Principal, action: Action) -> int | None:
    """The member's oldest membership that allows ``action``: a default organization."""
    member = require_member(principal)
    memberships = await Membership.filter(user_id=member.user_id).order_by("created_at", "id")
    return next((m.organization_id for m in memberships if may(m.role, action)), None)


# --- what each principal may read -------------------------------------------------------


def reads_nothing(principal: Principal) -> bool:
    """True when every readable query is empty, so a read can skip the database."""
    return isinstance(principal, Anonymous)


def sees_email_of(principal: Principal, user_id: int) -> bool:
    """A user's email address is shown to that user only."""
    return isinstance(principal, Member) and principal.user_id == user_id


def readable_organizations(principal: Principal) -> QuerySet[Organization]:
    if isinstance(principal, Member):
        return Organization.filter(id__in=_member_of(principal))
    if isinstance(principal, CandidateSession):
        return Organization.filter(id=principal.organization_id)
    return Organization.filter(id__in=[])


def readable_memberships(principal: Principal) -> QuerySet[Membership]:
    """Members see the members of their organizations (their own memberships among them)."""
    if isinstance(principal, Member):
        return Membership.filter(
            organization_id__in=organizations_where(principal, Action.READ_MEMBERS)
        )
    return Membership.filter(id__in=[])


def readable_users(principal: Principal) -> QuerySet[User]:
    """Members see themselves, the members of their organizations, and the people
    whose work they can see (the creators of their interviews, the uploaders of their
    videos), even after those have left. Candidates see no one."""
    if isinstance(principal, Member):
        members = Membership.filter(
            organization_id__in=organizations_where(principal, Action.READ_MEMBERS)
        )
        return User.filter(
            Q(id=principal.user_id)
            | Q(id__in=Subquery(members.values("user_id")))
            | Q(id__in=Subquery(readable_interviews(principal).values("creator_id")))
            | Q(id__in=Subquery(readable_videos(principal).values("uploaded_by_id")))
        )
    return User.filter(id__in=[])


def sees_creators_of_readable_interviews(principal: Principal) -> bool:
    """Whether the principal may see who created each interview it reads: what
    ``readable_users`` gives members (a list of interviews then needs no user check)."""
    return isinstance(principal, Member)


def readable_member_invitations(principal: Principal) -> QuerySet[OrganizationInvitation]:
    """Owners see their organizations' invitations (pending or not: callers filter)."""
    if isinstance(principal, Member):
        return OrganizationInvitation.filter(
            organization_id__in=organizations_where(principal, Action.MANAGE_MEMBERS)
        )
    return OrganizationInvitation.filter(id__in=[])


def readable_interviews(principal: Principal) -> QuerySet[Interview]:
    if isinstance(principal, Member):
        return Interview.filter(
            organization_id__in=organizations_where(principal, Action.READ_INTERVIEWS)
        )
    if isinstance(principal, CandidateSession):
        return Interview.filter(id=principal.interview_id)
    return Interview.filter(id__in=[])


def readable_interviews_where(principal: Principal, where: Where) -> None:
    """``readable_interviews`` as a condition on the interview table, for reads in SQL."""
    if isinstance(principal, Member):
        organizations = _organizations_where_sql(principal, Action.READ_INTERVIEWS, where)
        where.add(f'"organization_id" IN ({organizations})')
    elif isinstance(principal, CandidateSession):
        where.add('"id" = {}', principal.interview_id)
    else:
        where.add("false")


def _organizations_where_sql(member: Member, action: Action, where: Where) -> str:
    """``organizations_where`` in SQL."""
    sql = (
        f'SELECT "organization_id" FROM "{Membership._meta.db_table}" '
        f'WHERE "user_id" = {where.param(member.user_id)}'
    )
    if ALLOWED[action] != EVERY_ROLE:
        sql += f' AND "role" = ANY({where.param(sorted(role.value for role in ALLOWED[action]))})'
    return sql


def readable_questions(principal: Principal) -> QuerySet[Question]:
    if isinstance(principal, Member):
        return Question.filter(
            interview__organization_id__in=organizations_where(principal, Action.READ_INTERVIEWS)
        )
    if isinstance(principal, CandidateSession):
        return Question.filter(interview_id=principal.interview_id)
    return Question.filter(id__in=[])


def readable_videos(principal: Principal) -> QuerySet[Video]:
    """Members watch their organizations' videos, except candidates' answers: those are
    watched by owners and recruiters once the candidate has submitted (only the attempts
    that count). A candidate watches the prompts of their questions, and their own
    answers until they submit."""
    if isinstance(principal, Member):
        answers = Answer.filter(video_id__isnull=False).values("video_id")
        return Video.filter(
            (
                Q(organization_id__in=organizations_where(principal, Action.READ_VIDEOS))
                & ~Q(id__in=Subquery(answers))
            )
            | Q(id__in=Subquery(readable_answers(principal).values("video_id")))
        )
    if isinstance(principal, CandidateSession):
        prompts = Question.filter(
            interview_id=principal.interview_id, video_prompt_id__isnull=False
        ).values("video_prompt_id")
        unsubmitted = CandidateInvitation.filter(
            id=principal.invitation_id,
            status__in=[InvitationStatus.INVITED, InvitationStatus.STARTED],
        ).values("id")
        own = Answer.filter(invitation_id__in=Subquery(unsubmitted), video_id__isnull=False).values(
            "video_id"
        )
        return Video.filter(Q(id__in=Subquery(prompts)) | Q(id__in=Subquery(own)))
    return Video.filter(id__in=[])


def readable_uploads(principal: Principal) -> QuerySet[VideoUpload]:
    """A direct upload is seen only by whoever started it: a member while their role in
    its organization still lets them upload (a removed or demoted member's uploads are
    gone for them: no part URLs, no completing), or a candidate's invitation (an answer
    sent by the resumable path)."""
    if isinstance(principal, Member):
        return VideoUpload.filter(
            created_by_id=principal.user_id,
            organization_id__in=organizations_where(principal, Action.UPLOAD_VIDEOS),
        )
    if isinstance(principal, CandidateSession):
        return VideoUpload.filter(invitation_id=principal.invitation_id)
    return VideoUpload.filter(id__in=[])


def readable_invitations(principal: Principal) -> QuerySet[CandidateInvitation]:
    """Owners and recruiters follow their organizations' invitations; a candidate reads
    their own."""
    if isinstance(principal, Member):
        return CandidateInvitation.filter(
            organization_id__in=organizations_where(principal, Action.INVITE_CANDIDATES)
        )
    if isinstance(principal, CandidateSession):
        return CandidateInvitation.filter(id=principal.invitation_id)
    return CandidateInvitation.filter(id__in=[])


def readable_answers(principal: Principal) -> QuerySet[Answer]:
    """A candidate reads every attempt of their own. Owners and recruiters read the attempts
    that count, of submitted invitations only: before that they see progress, not
    unfinished work."""
    if isinstance(principal, Member):
        return Answer.filter(
            current=True,
            submitted_at__isnull=False,
            invitation__status=InvitationStatus.SUBMITTED,
            invitation__organization_id__in=organizations_where(
                principal, Action.INVITE_CANDIDATES
            ),
        )
    if isinstance(principal, CandidateSession):
        return Answer.filter(invitation_id=principal.invitation_id)
    return Answer.filter(id__in=[])


def readable_outbox(principal: Principal) -> QuerySet[OutboxMessage]:
    """An organization's mail is read by its owners; mail of no organization, by no one."""
    if isinstance(principal, Member):
        return OutboxMessage.filter(
            organization_id__in=organizations_where(principal, Action.READ_MAIL)
        )
    return OutboxMessage.filter(id__in=[])


def readable_rubrics(principal: Principal) -> QuerySet[Rubric]:
    """Every member reads the rubrics of their organizations' interviews (evaluators score
    by them); candidates do not see how they are scored."""
    if isinstance(principal, Member):
        return Rubric.filter(
            organization_id__in=organizations_where(principal, Action.READ_INTERVIEWS)
        )
    return Rubric.filter(id__in=[])


def readable_criteria(principal: Principal) -> QuerySet[RubricCriterion]:
    if isinstance(principal, Member):
        return RubricCriterion.filter(
            rubric__organization_id__in=organizations_where(principal, Action.READ_INTERVIEWS)
        )
    return RubricCriterion.filter(id__in=[])


def readable_reports(principal: Principal) -> QuerySet[Report]:
    """A report is made for the member who asked for it (its content follows what they may
    see), and read by them while their role still lets them ask for it."""
    if isinstance(principal, Member):
        return Report.filter(
            requested_by_id=principal.user_id,
            organization_id__in=organizations_where(principal, Action.READ_RESULTS),
        )
    return Report.filter(id__in=[])


def readable_audit_entries(principal: Principal) -> QuerySet[AuditEntry]:
    """The audit log is read by the organization's owners."""
    if isinstance(principal, Member):
        return AuditEntry.filter(
            organization_id__in=organizations_where(principal, Action.READ_AUDIT_LOG)
        )
    return AuditEntry.filter(id__in=[])


def readable_assignments(principal: Principal) -> QuerySet[Assignment]:
    """An evaluator reads their own assignments, while they are a member; owners and
    recruiters read all of their organizations' (to manage the review). Candidates none."""
    if isinstance(principal, Member):
        return Assignment.filter(
            Q(
                evaluator_id=principal.user_id,
                organization_id__in=organizations_where(principal, Action.EVALUATE),
            )
            | Q(organization_id__in=organizations_where(principal, Action.ASSIGN_EVALUATORS))
        )
    return Assignment.filter(id__in=[])


def readable_evaluations(principal: Principal) -> QuerySet[Evaluation]:
    """Evaluations stay independent: a member reads their own; another evaluator's, of a
    submission, only once they have submitted their own of it; owners and recruiters read
    them all, except of a submission they are still to evaluate themselves."""
    if isinstance(principal, Member):
        mine = Assignment.filter(evaluator_id=principal.user_id)
        evaluated = Subquery(mine.filter(status=AssignmentStatus.SUBMITTED).values("invitation_id"))
        pending = Subquery(mine.filter(status=AssignmentStatus.PENDING).values("invitation_id"))
        in_org = organizations_where(principal, Action.EVALUATE)
        return Evaluation.filter(
            Q(evaluator_id=principal.user_id, interview__organization_id__in=in_org)
            | Q(invitation_id__in=evaluated, interview__organization_id__in=in_org)
            | (
                Q(
                    interview__organization_id__in=organizations_where(
                        principal, Action.READ_RESULTS
                    )
                )
                & ~Q(invitation_id__in=pending)
            )
        )
    return Evaluation.filter(id__in=[])


def _member_of(member: Member) -> Subquery:
    return Subquery(Membership.filter(user_id=member.user_id).values("organization_id"))
