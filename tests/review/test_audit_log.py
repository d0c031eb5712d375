"""The audit log: owners read their organization's entries, newest first; no one else does."""

from __future__ import annotations

import pytest

from tests.fixtures.teams import Team, create_interview
from tests.review.test_rubrics import criterion, set_rubric

AUDIT_LOG = """
query Log($org: ID!, $first: Int, $after: String, $action: [AuditAction!]) {
  node(id: $org) { ... on Organization {
    auditLog(first: $first, after: $after, action: $action) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id action summary createdAt actor { username } subjectUser { id }
                     interview { id title } } }
    } } }
}
"""


@pytest.fixture
async def team(gql) -> Team:
    return await Team.build(gql)


async def test_owners_read_the_log_newest_first(gql, team, clock):
    first = (await create_interview(gql, team.tokens["OWNER"], team.org))["interview"]
    second = (await create_interview(gql, team.tokens["OWNER"], team.org))["interview"]
    await set_rubric(gql, team.tokens["RECRUITER"], first["id"], [criterion("A")])
    clock.advance(minutes=1)
    await set_rubric(gql, team.tokens["OWNER"], second["id"], [criterion("A"), criterion("B")])

    body = await gql(AUDIT_LOG, {"org": team.org, "first": 1}, token=team.tokens["OWNER"])
    log = body["data"]["node"]["auditLog"]
    assert log["totalCount"] == 2
    assert log["pageInfo"]["hasNextPage"]
    newest = log["edges"][0]["node"]
    assert newest["action"] == "RUBRIC_CHANGED"
    assert newest["summary"] == "Set the rubric (2 criteria)."
    assert newest["actor"] == {"username": "olivia"}
    assert newest["subjectUser"] is None
    assert newest["interview"]["id"] == second["id"]

    body = await gql(
        AUDIT_LOG,
        {"org": team.org, "after": log["pageInfo"]["endCursor"], "action": ["RUBRIC_CHANGED"]},
        token=team.tokens["OWNER"],
    )
    older = body["data"]["node"]["auditLog"]["edges"]
    assert [e["node"]["summary"] for e in older] == ["Set the rubric (1 criterion)."]
    assert older[0]["node"]["actor"] == {"username": "rick"}

    # Each entry is a node, for owners only.
    query = "query($id: ID!) { node(id: $id) { ... on AuditEntry { action } } }"
    body = await gql(query, {"id": newest["id"]}, token=team.tokens["OWNER"])
    assert body["data"]["node"] == {"action": "RUBRIC_CHANGED"}
    for role in ("RECRUITER", "EVALUATOR", "OUTSIDER"):
        body = await gql(query, {"id": newest["id"]}, token=team.tokens[role])
        assert body["data"]["node"] is None


@pytest.mark.parametrize("role", ["RECRUITER", "EVALUATOR"])
async def test_other_roles_are_refused(gql, team, role):
    body = await gql(AUDIT_LOG, {"org": team.org}, token=team.tokens[role], expect_errors=True)
    assert body["data"]["node"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_outsiders_and_anonymous_see_nothing(gql, team):
    body = await gql(AUDIT_LOG, {"org": team.org}, token=team.tokens["OUTSIDER"])
    assert body["data"]["node"] is None
    body = await gql(AUDIT_LOG, {"org": team.org}, expect_errors=True)
    assert body["data"]["node"] is None
