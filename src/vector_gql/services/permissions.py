"""Who may do what in an organization, by role. One table, read by the services."""

from __future__ import annotations

from enum import StrEnum

from ..models.organizations import Role


class Action(StrEnum):
    READ_INTERVIEWS = "read interviews"
    EDIT_INTERVIEWS = "create and change interviews"
    MANAGE_MEMBERS = "manage members"
    READ_MEMBERS = "see the members"
    UPLOAD_VIDEOS = "upload videos"
    READ_VIDEOS = "watch videos"
    READ_MAIL = "read the organization's outgoing mail"


ALLOWED: dict[Action, frozenset[Role]] = {
    Action.READ_INTERVIEWS: frozenset({Role.OWNER, Role.RECRUITER, Role.EVALUATOR}),
    Action.EDIT_INTERVIEWS: frozenset({Role.OWNER, Role.RECRUITER}),
    Action.MANAGE_MEMBERS: frozenset({Role.OWNER}),
    Action.READ_MEMBERS: frozenset({Role.OWNER, Role.RECRUITER, Role.EVALUATOR}),
    Action.UPLOAD_VIDEOS: frozenset({Role.OWNER, Role.RECRUITER}),
    Action.READ_VIDEOS: frozenset({Role.OWNER, Role.RECRUITER, Role.EVALUATOR}),
    Action.READ_MAIL: frozenset({Role.OWNER}),
}


def may(role: Role | str | None, action: Action) -> bool:
    return role is not None and Role(role) in ALLOWED[action]
