"""What the user loaders and authentication read: never the password hash."""

from __future__ import annotations

from tests.fixtures.graphql import signup
from tests.fixtures.teams import create_interview, own_org
from vector_gql.statements import count_statements

PAGE = """
query { interviews(first: 5) { edges { node {
  creator { username email }
  organization { members { edges { node { user { username } } } } }
} } } }
"""


async def test_reading_users_never_selects_the_password_hash(gql):
    ann = await signup(gql, "ann")
    org = await own_org(gql, ann["accessToken"])
    await create_interview(gql, ann["accessToken"], org)
    with count_statements() as log:
        body = await gql(PAGE, token=ann["accessToken"])
    node = body["data"]["interviews"]["edges"][0]["node"]
    assert node["creator"] == {"username": "ann", "email": "ann@example.com"}
    users = [sql for sql in log.statements if "account_user" in sql]
    assert users, log.statements  # the session lookup and the creators' batch
    assert not any("password_hash" in sql for sql in log.statements), log.statements
