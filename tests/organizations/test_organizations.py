"""Organizations through GraphQL: own organization at signup, invitations, roles, owners."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.fixtures.graphql import SIGNUP, signup
from tests.fixtures.teams import VIEWER_ORGS, Team, invite, member, own_org
from vector_gql.models.organizations import OrganizationInvitation

CHANGE_ROLE = """
mutation Change($input: ChangeMemberRoleInput!) {
  changeMemberRole(input: $input) {
    membership { role user { username } organization { id } }
    errors { field message code }
  }
}
"""
REMOVE = """
mutation Remove($input: RemoveMemberInput!) {
  removeMember(input: $input) { organization { id } errors { field message code } }
}
"""
ACCEPT = """
mutation Accept($input: AcceptMemberInvitationInput!) {
  acceptMemberInvitation(input: $input) {
    membership { role organization { id name } }
    errors { field message code }
  }
}
"""
CREATE_ORG = """
mutation C($input: CreateOrganizationInput!) {
  createOrganization(input: $input) {
    organization { id name viewerRole }
    errors { field message code }
  }
}
"""
MEMBERS = """
query M($id: ID!, $first: Int, $after: String) {
  node(id: $id) {
    ... on Organization {
      name viewerRole
      members(first: $first, after: $after) {
        totalCount
        edges { cursor node { role user { username } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}
"""


async def test_signup_creates_an_own_organization_as_owner(gql):
    ann = await signup(gql, "ann")
    body = await gql(VIEWER_ORGS, token=ann["accessToken"])
    memberships = body["data"]["viewer"]["memberships"]
    assert len(memberships) == 1
    assert memberships[0]["role"] == "OWNER"
    assert memberships[0]["organization"]["name"] == "ann's organization"


async def test_signup_payload_shows_the_new_users_memberships(gql):
    values = {
        "username": "bo",
        "email": "bo@example.com",
        "password": "correct horse battery",
        "password2": "correct horse battery",
    }
    query = SIGNUP.replace("dateJoined }", "dateJoined memberships { role } }")
    body = await gql(query, {"input": values})
    assert body["data"]["signup"]["user"]["memberships"] == [{"role": "OWNER"}]


async def test_signup_with_invitation_joins_that_organization_only(gql):
    owner = await signup(gql, "olivia")
    org = await own_org(gql, owner["accessToken"])
    joined = await member(gql, owner["accessToken"], org, "rick", "RECRUITER")
    body = await gql(VIEWER_ORGS, token=joined["accessToken"])
    assert body["data"]["viewer"]["memberships"] == [
        {"role": "RECRUITER", "organization": {"id": org, "name": "olivia's organization"}}
    ]


async def test_signup_with_invitation_for_another_email_is_refused_and_creates_nothing(gql):
    owner = await signup(gql, "olivia")
    org = await own_org(gql, owner["accessToken"])
    token = (await invite(gql, owner["accessToken"], org, "rick@example.com", "EVALUATOR"))[
        "invitationToken"
    ]
    values = {
        "username": "mallory",
        "email": "mallory@example.com",
        "password": "correct horse battery",
        "password2": "correct horse battery",
        "invitationToken": token,
    }
    body = await gql(SIGNUP, {"input": values})
    errors = body["data"]["signup"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [(["invitationToken"], "WRONG_ACCOUNT")]
    assert body["data"]["signup"]["user"] is None
    # The invitation still works for the right person.
    joined = await signup(gql, "rick", invitationToken=token)
    assert joined["user"]["username"] == "rick"


async def test_invitation_works_once(gql):
    owner = await signup(gql, "olivia")
    org = await own_org(gql, owner["accessToken"])
    token = (await invite(gql, owner["accessToken"], org, "rick@example.com", "EVALUATOR"))[
        "invitationToken"
    ]
    rick = await signup(gql, "rick")
    body = await gql(ACCEPT, {"input": {"token": token}}, token=rick["accessToken"])
    assert body["data"]["acceptMemberInvitation"]["membership"]["role"] == "EVALUATOR"
    body = await gql(ACCEPT, {"input": {"token": token}}, token=rick["accessToken"])
    result = body["data"]["acceptMemberInvitation"]
    assert result["membership"] is None
    assert result["errors"][0]["code"] == "INVALID_TOKEN"


async def test_accepting_requires_the_invited_email_and_a_live_token(gql):
    owner = await signup(gql, "olivia")
    org = await own_org(gql, owner["accessToken"])
    token = (await invite(gql, owner["accessToken"], org, "Rick@Example.com", "EVALUATOR"))[
        "invitationToken"
    ]
    other = await signup(gql, "mallory")
    body = await gql(ACCEPT, {"input": {"token": token}}, token=other["accessToken"])
    assert body["data"]["acceptMemberInvitation"]["errors"][0]["code"] == "WRONG_ACCOUNT"
    body = await gql(ACCEPT, {"input": {"token": "nonsense"}}, token=other["accessToken"])
    assert body["data"]["acceptMemberInvitation"]["errors"][0]["code"] == "INVALID_TOKEN"

    await OrganizationInvitation.all().update(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    rick = await signup(gql, "rick")  # email matches, ignoring case
    body = await gql(ACCEPT, {"input": {"token": token}}, token=rick["accessToken"])
    assert body["data"]["acceptMemberInvitation"]["errors"][0]["code"] == "EXPIRED"


async def test_accepting_needs_sign_in(gql):
    body = await gql(ACCEPT, {"input": {"token": "x"}}, expect_errors=True)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_only_the_token_hash_is_stored(gql):
    owner = await signup(gql, "olivia")
    org = await own_org(gql, owner["accessToken"])
    result = await invite(gql, owner["accessToken"], org, "rick@example.com", "RECRUITER")
    stored = await OrganizationInvitation.get()
    assert result["invitationToken"] not in stored.token_hash
    assert len(stored.token_hash) == 64


async def test_invite_errors(gql):
    team = await Team.build(gql)
    owner = team.tokens["OWNER"]
    result = await invite(gql, owner, team.org, "not an email", "EVALUATOR")
    assert result["errors"][0]["field"] == ["email"]
    result = await invite(gql, owner, team.org, "Rick@example.com", "EVALUATOR")
    assert result["errors"][0]["code"] == "ALREADY_MEMBER"
    result = await invite(gql, owner, team.foreign_org, "x@example.com", "EVALUATOR")
    assert result["errors"][0] == {
        "field": ["organizationId"],
        "message": "There is no organization with this ID.",
        "code": "NOT_FOUND",
    }
    result = await invite(gql, owner, team.users["OWNER"]["id"], "x@example.com", "EVALUATOR")
    assert result["errors"][0]["message"] == "This is not the ID of an Organization."


async def test_only_owners_invite(gql):
    team = await Team.build(gql)
    for role in ("RECRUITER", "EVALUATOR"):
        body = await gql(
            """mutation($input: InviteMemberInput!) {
              inviteMember(input: $input) { errors { code } } }""",
            {"input": {"organizationId": team.org, "email": "z@example.com", "role": "OWNER"}},
            token=team.tokens[role],
            expect_errors=True,
        )
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert body["data"] is None
    assert await OrganizationInvitation.filter(email="z@example.com").count() == 0


async def test_change_role_rules(gql):
    team = await Team.build(gql)
    rick = team.users["RECRUITER"]["id"]
    owner = team.users["OWNER"]["id"]
    args = {"organizationId": team.org, "userId": rick, "role": "OWNER"}
    body = await gql(CHANGE_ROLE, {"input": args}, token=team.tokens["OWNER"])
    assert body["data"]["changeMemberRole"]["membership"]["role"] == "OWNER"
    # Two owners now: one may step down, then the other is the last and may not.
    args = {"organizationId": team.org, "userId": owner, "role": "EVALUATOR"}
    body = await gql(CHANGE_ROLE, {"input": args}, token=team.tokens["OWNER"])
    assert body["data"]["changeMemberRole"]["membership"]["role"] == "EVALUATOR"
    args = {"organizationId": team.org, "userId": rick, "role": "RECRUITER"}
    body = await gql(CHANGE_ROLE, {"input": args}, token=team.tokens["RECRUITER"])
    assert body["data"]["changeMemberRole"]["errors"][0]["code"] == "LAST_OWNER"
    # The former owner is an evaluator now, and may no longer change roles.
    body = await gql(CHANGE_ROLE, {"input": args}, token=team.tokens["OWNER"], expect_errors=True)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_change_role_refusals(gql):
    team = await Team.build(gql)
    args = {"organizationId": team.org, "userId": team.users["EVALUATOR"]["id"], "role": "OWNER"}
    for role in ("RECRUITER", "EVALUATOR"):
        body = await gql(CHANGE_ROLE, {"input": args}, token=team.tokens[role], expect_errors=True)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    body = await gql(CHANGE_ROLE, {"input": args}, token=team.tokens["OUTSIDER"])
    assert body["data"]["changeMemberRole"]["errors"][0]["code"] == "NOT_FOUND"
    body = await gql(CHANGE_ROLE, {"input": args}, expect_errors=True)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    args["userId"] = team.users["OUTSIDER"]["id"]
    body = await gql(CHANGE_ROLE, {"input": args}, token=team.tokens["OWNER"])
    assert body["data"]["changeMemberRole"]["errors"][0] == {
        "field": ["userId"],
        "message": "This user is not a member of the organization.",
        "code": "NOT_FOUND",
    }


async def test_change_role_takes_a_whole_value_and_null_changes_nothing(gql):
    """changeMemberRole is no partial update: its role is required, so null or leaving it
    out is a request error, and the member keeps their role."""
    team = await Team.build(gql)
    eve = team.users["EVALUATOR"]["id"]
    for args in (
        {"organizationId": team.org, "userId": eve, "role": None},
        {"organizationId": team.org, "userId": eve},
    ):
        body = await gql(
            CHANGE_ROLE, {"input": args}, token=team.tokens["OWNER"], expect_errors=True
        )
        assert "data" not in body
        assert [e["extensions"]["code"] for e in body["errors"]] == ["BAD_USER_INPUT"]
    body = await gql(MEMBERS, {"id": team.org}, token=team.tokens["OWNER"])
    roles = {
        edge["node"]["user"]["username"]: edge["node"]["role"]
        for edge in body["data"]["node"]["members"]["edges"]
    }
    assert roles["eve"] == "EVALUATOR"


async def test_remove_member_rules(gql):
    team = await Team.build(gql)
    org = team.org

    def args(role):
        return {"input": {"organizationId": org, "userId": team.users[role]["id"]}}

    body = await gql(REMOVE, args("EVALUATOR"), token=team.tokens["RECRUITER"], expect_errors=True)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    body = await gql(REMOVE, args("EVALUATOR"), token=team.tokens["OUTSIDER"])
    assert body["data"]["removeMember"]["errors"][0]["code"] == "NOT_FOUND"
    body = await gql(REMOVE, args("OWNER"), token=team.tokens["OWNER"])
    assert body["data"]["removeMember"]["errors"][0]["code"] == "LAST_OWNER"
    # An evaluator may leave by themself.
    body = await gql(REMOVE, args("EVALUATOR"), token=team.tokens["EVALUATOR"])
    assert body["data"]["removeMember"]["errors"] == []
    body = await gql(MEMBERS, {"id": org}, token=team.tokens["EVALUATOR"])
    assert body["data"]["node"] is None
    body = await gql(REMOVE, args("RECRUITER"), token=team.tokens["OWNER"])
    assert body["data"]["removeMember"]["errors"] == []
    body = await gql(MEMBERS, {"id": org}, token=team.tokens["OWNER"])
    assert body["data"]["node"]["members"]["totalCount"] == 1


async def test_members_are_paged_and_visible_to_members_only(gql):
    team = await Team.build(gql)
    body = await gql(MEMBERS, {"id": team.org, "first": 2}, token=team.tokens["EVALUATOR"])
    org = body["data"]["node"]
    assert org["viewerRole"] == "EVALUATOR"
    assert org["members"]["totalCount"] == 3
    assert [e["node"]["user"]["username"] for e in org["members"]["edges"]] == ["olivia", "rick"]
    cursor = org["members"]["pageInfo"]["endCursor"]
    body = await gql(
        MEMBERS, {"id": team.org, "first": 2, "after": cursor}, token=team.tokens["EVALUATOR"]
    )
    members = body["data"]["node"]["members"]
    assert [e["node"]["user"]["username"] for e in members["edges"]] == ["eve"]
    assert members["pageInfo"]["hasNextPage"] is False
    body = await gql(MEMBERS, {"id": team.org}, token=team.tokens["OUTSIDER"])
    assert body["data"]["node"] is None
    body = await gql(MEMBERS, {"id": team.org})
    assert body["data"]["node"] is None


async def test_co_members_see_each_other_but_not_emails(gql):
    team = await Team.build(gql)
    query = "query($id: ID!) { node(id: $id) { ... on User { username } } }"
    rick = team.users["RECRUITER"]["id"]
    body = await gql(query, {"id": rick}, token=team.tokens["EVALUATOR"])
    assert body["data"]["node"] == {"username": "rick"}
    body = await gql(query, {"id": rick}, token=team.tokens["OUTSIDER"])
    assert body["data"]["node"] is None
    email = "query($id: ID!) { node(id: $id) { ... on User { username email } } }"
    body = await gql(email, {"id": rick}, token=team.tokens["EVALUATOR"])
    assert body["data"]["node"] == {"username": "rick", "email": ""}
    own = await gql(email, {"id": rick}, token=team.tokens["RECRUITER"])
    assert own["data"]["node"]["email"] == "rick@example.com"
    # Another user's memberships show only the organizations shared with the viewer.
    memberships = "query($id: ID!) { node(id: $id) { ... on User { memberships { role } } } }"
    await gql(
        CREATE_ORG,
        {"input": {"name": "Side project"}},
        token=team.tokens["RECRUITER"],
    )
    body = await gql(memberships, {"id": rick}, token=team.tokens["EVALUATOR"])
    assert body["data"]["node"]["memberships"] == [{"role": "RECRUITER"}]
    body = await gql(VIEWER_ORGS, token=team.tokens["RECRUITER"])
    assert len(body["data"]["viewer"]["memberships"]) == 2


async def test_create_organization(gql):
    ann = await signup(gql, "ann")
    body = await gql(CREATE_ORG, {"input": {"name": "  Acme  "}}, token=ann["accessToken"])
    org = body["data"]["createOrganization"]["organization"]
    assert (org["name"], org["viewerRole"]) == ("Acme", "OWNER")
    for name, code in (("", "REQUIRED"), ("x" * 201, "TOO_LONG")):
        body = await gql(CREATE_ORG, {"input": {"name": name}}, token=ann["accessToken"])
        assert body["data"]["createOrganization"]["errors"][0]["code"] == code
    body = await gql(CREATE_ORG, {"input": {"name": "Acme"}}, expect_errors=True)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
