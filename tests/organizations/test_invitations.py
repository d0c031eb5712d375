"""Invitations are managed by owners and speak for their sender: one stops working
when its sender can no longer invite (issue 7, point 7)."""

from __future__ import annotations

from datetime import timedelta

from tests.fixtures.graphql import signup
from tests.fixtures.teams import Team, invite
from tests.organizations.test_organizations import ACCEPT, CHANGE_ROLE, REMOVE
from vector_gql.models.organizations import OrganizationInvitation

INVITATIONS = """
query($id: ID!) {
  node(id: $id) {
    ... on Organization {
      invitations(first: 10) {
        totalCount
        edges { node { id email role expiresAt invitedBy { username } organization { id } } }
      }
    }
  }
}
"""
REVOKE = """
mutation($input: RevokeMemberInvitationInput!) {
  revokeMemberInvitation(input: $input) {
    revokedInvitationId organization { id } errors { field code message }
  }
}
"""
INVITE_ID = """
mutation($input: InviteMemberInput!) {
  inviteMember(input: $input) {
    invitation { id invitedBy { username } } invitationToken errors { code }
  }
}
"""


async def _invite(gql, token: str, org: str, email: str, role: str = "RECRUITER") -> dict:
    body = await gql(
        INVITE_ID, {"input": {"organizationId": org, "email": email, "role": role}}, token=token
    )
    result = body["data"]["inviteMember"]
    assert result["errors"] == [], result
    return result


async def test_owners_see_pending_invitations_with_their_sender(gql, clock):
    team = await Team.build(gql)
    sent = await _invite(gql, team.tokens["OWNER"], team.org, "new@example.com")
    assert sent["invitation"]["invitedBy"] == {"username": "olivia"}
    body = await gql(INVITATIONS, {"id": team.org}, token=team.tokens["OWNER"])
    listed = body["data"]["node"]["invitations"]
    # Rick's and Eve's invitations were accepted: only the new one is pending.
    assert listed["totalCount"] == 1
    node = listed["edges"][0]["node"]
    assert node["id"] == sent["invitation"]["id"]
    assert (node["email"], node["role"], node["invitedBy"]) == (
        "new@example.com",
        "RECRUITER",
        {"username": "olivia"},
    )
    # Expired invitations are not pending.
    await OrganizationInvitation.filter(email_key="new@example.com").update(
        expires_at=clock.now() - timedelta(seconds=1)
    )
    body = await gql(INVITATIONS, {"id": team.org}, token=team.tokens["OWNER"])
    assert body["data"]["node"]["invitations"]["totalCount"] == 0


async def test_only_owners_see_or_revoke_invitations(gql):
    team = await Team.build(gql)
    sent = await _invite(gql, team.tokens["OWNER"], team.org, "new@example.com")
    for role in ("RECRUITER", "EVALUATOR"):
        body = await gql(INVITATIONS, {"id": team.org}, token=team.tokens[role], expect_errors=True)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        body = await gql(
            REVOKE,
            {"input": {"invitationId": sent["invitation"]["id"]}},
            token=team.tokens[role],
            expect_errors=True,
        )
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    outsider = await gql(INVITATIONS, {"id": team.org}, token=team.tokens["OUTSIDER"])
    assert outsider["data"]["node"] is None
    body = await gql(
        REVOKE,
        {"input": {"invitationId": sent["invitation"]["id"]}},
        token=team.tokens["OUTSIDER"],
    )
    assert body["data"]["revokeMemberInvitation"]["errors"][0]["code"] == "NOT_FOUND"
    node = "query($id: ID!) { node(id: $id) { ... on OrganizationInvitation { email } } }"
    assert (await gql(node, {"id": sent["invitation"]["id"]}, token=team.tokens["RECRUITER"]))[
        "data"
    ]["node"] is None
    assert (await gql(node, {"id": sent["invitation"]["id"]}, token=team.tokens["OWNER"]))["data"][
        "node"
    ] == {"email": "new@example.com"}
    anonymous = await gql(
        REVOKE, {"input": {"invitationId": sent["invitation"]["id"]}}, expect_errors=True
    )
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert await OrganizationInvitation.filter(email_key="new@example.com").exists()


async def test_a_revoked_invitation_no_longer_works(gql):
    team = await Team.build(gql)
    sent = await _invite(gql, team.tokens["OWNER"], team.org, "new@example.com")
    body = await gql(
        REVOKE, {"input": {"invitationId": sent["invitation"]["id"]}}, token=team.tokens["OWNER"]
    )
    result = body["data"]["revokeMemberInvitation"]
    assert result["errors"] == [] and result["revokedInvitationId"] == sent["invitation"]["id"]
    assert result["organization"] == {"id": team.org}
    refused = await gql(
        "mutation($input: SignupInput!) { signup(input: $input) { user { id } errors { code } } }",
        {
            "input": {
                "username": "new",
                "email": "new@example.com",
                "password": "correct horse battery",
                "password2": "correct horse battery",
                "invitationToken": sent["invitationToken"],
            }
        },
    )
    assert refused["data"]["signup"] == {"user": None, "errors": [{"code": "INVALID_TOKEN"}]}
    again = await gql(
        REVOKE, {"input": {"invitationId": sent["invitation"]["id"]}}, token=team.tokens["OWNER"]
    )
    assert again["data"]["revokeMemberInvitation"]["errors"][0]["code"] == "NOT_FOUND"


async def _second_owner(gql, team: Team) -> dict:
    """Rick, made an owner, so that he can invite and Olivia can remove him."""
    args = {
        "input": {
            "organizationId": team.org,
            "userId": team.users["RECRUITER"]["id"],
            "role": "OWNER",
        }
    }
    body = await gql(CHANGE_ROLE, args, token=team.tokens["OWNER"])
    assert body["data"]["changeMemberRole"]["errors"] == []
    return team.users["RECRUITER"]


async def test_an_owner_removed_cannot_come_back_through_their_own_invitation(gql):
    """The reported case: an owner invites a second address of theirs as owner, is
    removed, and signs up (or accepts) with that address."""
    team = await Team.build(gql)
    rick = await _second_owner(gql, team)
    sent = await invite(gql, team.tokens["RECRUITER"], team.org, "rick.other@example.com", "OWNER")
    assert sent["errors"] == []
    other = await signup(gql, "rickother")  # the second address, with an account already
    args = {"input": {"organizationId": team.org, "userId": rick["id"]}}
    removed = await gql(REMOVE, args, token=team.tokens["OWNER"])
    assert removed["data"]["removeMember"]["errors"] == []
    assert other["user"]["email"] == "rickother@example.com"
    # Accepting needs the invited address; the account for it joins through the token ...
    body = await gql(
        "mutation($input: SignupInput!) { signup(input: $input) { user { id } errors { code } } }",
        {
            "input": {
                "username": "rick2",
                "email": "rick.other@example.com",
                "password": "correct horse battery",
                "password2": "correct horse battery",
                "invitationToken": sent["invitationToken"],
            }
        },
    )
    assert body["data"]["signup"]["errors"][0]["code"] == "INVALID_TOKEN"
    # ... and the owners no longer see it pending.
    listed = await gql(INVITATIONS, {"id": team.org}, token=team.tokens["OWNER"])
    assert listed["data"]["node"]["invitations"]["totalCount"] == 0


async def test_an_invitation_stops_working_when_its_sender_loses_the_right(gql):
    """However the right is lost (here, demotion, with the row left in place), the
    invitation is checked against its sender's role when it is used."""
    team = await Team.build(gql)
    rick = await _second_owner(gql, team)
    sent = await invite(gql, team.tokens["RECRUITER"], team.org, "zoe@example.com", "OWNER")
    zoe = await signup(gql, "zoe")
    # Demoted by a path that leaves his invitations in place (as a concurrent change could).
    from vector_gql.graphql.node import decode_id
    from vector_gql.models.organizations import Membership, Role

    await Membership.filter(user_id=decode_id(rick["id"], "User")).update(role=Role.RECRUITER)
    body = await gql(
        ACCEPT, {"input": {"token": sent["invitationToken"]}}, token=zoe["accessToken"]
    )
    result = body["data"]["acceptMemberInvitation"]
    assert result["membership"] is None and result["errors"][0]["code"] == "INVALID_TOKEN"
    assert "no longer valid" in result["errors"][0]["message"]
    # Made an owner again, his invitation works again: it speaks for a current owner.
    await Membership.filter(user_id=decode_id(rick["id"], "User")).update(role=Role.OWNER)
    body = await gql(
        ACCEPT, {"input": {"token": sent["invitationToken"]}}, token=zoe["accessToken"]
    )
    assert body["data"]["acceptMemberInvitation"]["membership"]["role"] == "OWNER"


async def test_demoting_an_owner_withdraws_their_pending_invitations(gql):
    team = await Team.build(gql)
    rick = await _second_owner(gql, team)
    await invite(gql, team.tokens["RECRUITER"], team.org, "zoe@example.com", "EVALUATOR")
    await invite(gql, team.tokens["OWNER"], team.org, "max@example.com", "EVALUATOR")
    args = {"input": {"organizationId": team.org, "userId": rick["id"], "role": "EVALUATOR"}}
    body = await gql(CHANGE_ROLE, args, token=team.tokens["OWNER"])
    assert body["data"]["changeMemberRole"]["errors"] == []
    listed = await gql(INVITATIONS, {"id": team.org}, token=team.tokens["OWNER"])
    emails = [e["node"]["email"] for e in listed["data"]["node"]["invitations"]["edges"]]
    assert emails == ["max@example.com"]
