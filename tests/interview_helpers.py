"""Helpers for the organization and interview tests: members in roles, interviews."""

from __future__ import annotations

from typing import Any

from conftest import GraphQLClient, signup

VIEWER_ORGS = """
query { viewer { id memberships { role organization { id name } } } }
"""

INVITE = """
mutation Invite($input: InviteMemberInput!) {
  inviteMember(input: $input) {
    invitation { email role expiresAt organization { id } }
    invitationToken
    errors { field message code }
  }
}
"""

CREATE = """
mutation Create($input: CreateInterviewInput!) {
  createInterview(input: $input) {
    interview {
      id title description status createdAt updatedAt
      organization { id }
      creator { id username }
      questions { id position text thinkTimeSeconds answerTimeSeconds retakes }
    }
    errors { field message code }
  }
}
"""


async def own_org(gql: GraphQLClient, token: str) -> str:
    """The global id of the user's first organization."""
    body = await gql(VIEWER_ORGS, token=token)
    return body["data"]["viewer"]["memberships"][0]["organization"]["id"]


async def invite(gql: GraphQLClient, token: str, org: str, email: str, role: str) -> dict:
    body = await gql(
        INVITE, {"input": {"organizationId": org, "email": email, "role": role}}, token=token
    )
    return body["data"]["inviteMember"]


async def member(gql: GraphQLClient, owner_token: str, org: str, name: str, role: str) -> dict:
    """A new user who joined ``org`` in ``role`` through an invitation at signup."""
    result = await invite(gql, owner_token, org, f"{name}@example.com", role)
    assert result["errors"] == [], result["errors"]
    return await signup(gql, name, invitationToken=result["invitationToken"])


def questions(n: int, **extra: Any) -> list[dict[str, Any]]:
    return [{"text": f"Question {i + 1}?", **extra} for i in range(n)]


async def create_interview(
    gql: GraphQLClient, token: str, org: str, *, expect_ok: bool = True, **fields: Any
) -> dict:
    values = {"organizationId": org, "title": "Backend engineer", "questions": questions(3)}
    values.update(fields)
    body = await gql(CREATE, {"input": values}, token=token)
    result = body["data"]["createInterview"]
    if expect_ok:
        assert result["errors"] == [], result["errors"]
    return result


class Team:
    """One organization with a user in each role, and an outsider with their own."""

    def __init__(self) -> None:
        self.tokens: dict[str, str] = {}
        self.users: dict[str, dict] = {}
        self.org = ""
        self.foreign_org = ""

    @classmethod
    async def build(cls, gql: GraphQLClient) -> Team:
        team = cls()
        owner = await signup(gql, "olivia")
        team.tokens["OWNER"] = owner["accessToken"]
        team.users["OWNER"] = owner["user"]
        team.org = await own_org(gql, owner["accessToken"])
        for name, role in (("rick", "RECRUITER"), ("eve", "EVALUATOR")):
            joined = await member(gql, owner["accessToken"], team.org, name, role)
            team.tokens[role] = joined["accessToken"]
            team.users[role] = joined["user"]
        outsider = await signup(gql, "otto")
        team.tokens["OUTSIDER"] = outsider["accessToken"]
        team.users["OUTSIDER"] = outsider["user"]
        team.foreign_org = await own_org(gql, outsider["accessToken"])
        return team
