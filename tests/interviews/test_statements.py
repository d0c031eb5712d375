"""A page of interviews costs the same number of SQL statements for 5 items as for 40.

40 is the largest page of this query under the default VECTOR_QUERY_COST_MAX
(each interview may have 100 questions); a page of 100 without the questions
is also checked.
"""

from __future__ import annotations

from tests.fixtures.graphql import signup
from tests.fixtures.teams import Team, create_interview, own_org, questions
from vector_gql.statements import count_statements

QUERY = """
query($first: Int!) {
  interviews(first: $first) {
    totalCount
    edges { cursor node {
      id title status
      questions { id position text }
      creator { username }
      organization { name viewerRole }
    } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


WITHOUT_QUESTIONS = QUERY.replace("questions { id position text }", "")


async def _statements(gql, token: str, first: int, query: str = QUERY) -> tuple[int, list[str]]:
    with count_statements() as log:
        body = await gql(query, {"first": first}, token=token)
    edges = body["data"]["interviews"]["edges"]
    assert len(edges) == first
    assert all(len(e["node"].get("questions", [1] * 5)) == 5 for e in edges)
    # The query budget is charged from the worker's lease, with a statement only when the
    # lease runs out or ages (tests/app/test_query_budget_leases.py): not counted here.
    statements = [sql for sql in log.statements if "query_budget" not in sql]
    return len(statements), statements


async def test_statement_count_does_not_grow_with_page_size(gql):
    team = await Team.build(gql)
    # Interviews by several creators in two organizations the viewer belongs to.
    side = await signup(gql, "sam")
    side_org = await own_org(gql, side["accessToken"])
    invited = await gql(
        """mutation($i: InviteMemberInput!) { inviteMember(input: $i) { invitationToken } }""",
        {"i": {"organizationId": side_org, "email": "eve@example.com", "role": "EVALUATOR"}},
        token=side["accessToken"],
    )
    await gql(
        """mutation($i: AcceptMemberInvitationInput!) {
          acceptMemberInvitation(input: $i) { errors { code } } }""",
        {"i": {"token": invited["data"]["inviteMember"]["invitationToken"]}},
        token=team.tokens["EVALUATOR"],
    )
    for i in range(100):
        token, org = [
            (team.tokens["OWNER"], team.org),
            (team.tokens["RECRUITER"], team.org),
            (side["accessToken"], side_org),
        ][i % 3]
        await create_interview(gql, token, org, title=f"I{i}", questions=questions(5))
    token = team.tokens["EVALUATOR"]
    small, small_sql = await _statements(gql, token, 5)
    large, large_sql = await _statements(gql, token, 40)
    assert small == large, (small_sql, large_sql)
    # session; the page with its count, questions and creators; organizations; viewer roles
    assert small == 4, small_sql
    small, small_sql = await _statements(gql, token, 5, WITHOUT_QUESTIONS)
    large, large_sql = await _statements(gql, token, 100, WITHOUT_QUESTIONS)
    assert small == large == 4, (small_sql, large_sql)


async def test_counter_counts_only_its_own_context(gql):
    with count_statements() as log:
        pass
    assert log.count == 0
    ann = await signup(gql, "ann")
    with count_statements() as log:
        await gql("query { viewer { username } }", token=ann["accessToken"])
    assert log.count == 2  # the session lookup, the query budget's first lease


async def test_creating_an_interview_reads_the_membership_once(gql):
    team = await Team.build(gql)
    token = team.tokens["RECRUITER"]
    await gql("query { viewer { username } }", token=token)  # the budget's lease taken
    with count_statements() as log:
        result = await create_interview(
            gql, token, team.org, questions=questions(5), expect_ok=True
        )
    assert len(result["interview"]["questions"]) == 5
    statements = [sql for sql in log.statements if "query_budget" not in sql]
    # the viewer's membership row, not the policy subqueries of the payload's reads
    row = 'FROM "org_membership" WHERE "user_id"=$1 AND "organization_id"=$2'
    memberships = [sql for sql in statements if row in sql]
    # held: the role the interview is created under cannot change until it commits
    assert len(memberships) == 1 and "FOR UPDATE" in memberships[0], statements
