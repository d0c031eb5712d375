"""A page of members, with their users and organizations, costs the same number of SQL
statements for 2 members as for 30; so does a user's list of memberships."""

from __future__ import annotations

import base64

from tests.fixtures.graphql import signup
from tests.fixtures.random_objects import add_member, create_member, create_organization
from tests.fixtures.teams import own_org
from vector_gql.models.accounts import User
from vector_gql.models.organizations import Organization
from vector_gql.statements import count_statements

MEMBERS = """
query($id: ID!, $first: Int!) { node(id: $id) { ... on Organization {
  members(first: $first) { edges { node { role user { username } organization { name } } } }
} } }
"""
MEMBERSHIPS = "{ viewer { memberships { role organization { name } } } }"


async def _count(gql, token: str, query: str, variables: dict) -> tuple[int, list[str], dict]:
    with count_statements() as log:
        body = await gql(query, variables, token=token)
    assert "errors" not in body, body
    # The query budget is charged from the worker's lease, with a statement only when the
    # lease runs out or ages (tests/app/test_query_budget_leases.py): not counted here.
    statements = [sql for sql in log.statements if "query_budget" not in sql]
    return len(statements), statements, body


async def test_members_cost_the_same_statements_for_any_page_size(gql):
    ann = await signup(gql, "ann")
    org = await own_org(gql, ann["accessToken"])
    pk = int(base64.b64decode(org).decode().split(":")[1])
    organization = await Organization.get(id=pk)
    for _ in range(30):
        await create_member(organization)
    token = ann["accessToken"]
    small, small_sql, body = await _count(gql, token, MEMBERS, {"id": org, "first": 2})
    assert len(body["data"]["node"]["members"]["edges"]) == 2
    large, large_sql, body = await _count(gql, token, MEMBERS, {"id": org, "first": 30})
    edges = body["data"]["node"]["members"]["edges"]
    assert len(edges) == 30 and all(e["node"]["user"]["username"] for e in edges)
    assert small == large, (small_sql, large_sql)
    # session, organization, membership check, page, users, organizations
    assert small == 6, small_sql


async def test_a_users_memberships_fetch_their_organizations_at_once(gql):
    ann = await signup(gql, "ann")
    token = ann["accessToken"]
    await own_org(gql, token)
    one, one_sql, _ = await _count(gql, token, MEMBERSHIPS, {})
    user = await User.get(username="ann")
    for _ in range(4):
        await add_member(await create_organization(), user)
    five, five_sql, body = await _count(gql, token, MEMBERSHIPS, {})
    assert len(body["data"]["viewer"]["memberships"]) == 5
    assert one == five, (one_sql, five_sql)
