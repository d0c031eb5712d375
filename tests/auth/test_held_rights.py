"""A write reads the caller's role under the membership's row lock, in its own
transaction: a removal or role change in flight is waited for, never overtaken
(issue 7, point 6, for every write that checks a role)."""

from __future__ import annotations

import asyncio
import contextvars

from tortoise import connections
from tortoise.transactions import in_transaction

from tests.fixtures.graphql import GraphQLClient
from tests.fixtures.teams import Team, create_interview
from vector_gql.graphql.node import decode_id
from vector_gql.models.organizations import Membership, Role

UPDATE = """
mutation($input: UpdateInterviewInput!) {
  updateInterview(input: $input) { interview { title } errors { code } }
}
"""


async def _waiting_on_a_lock() -> bool:
    rows = await connections.get("default").execute_query_dict(
        "SELECT count(*) AS n FROM pg_stat_activity "
        "WHERE wait_event_type = 'Lock' AND datname = current_database()"
    )
    return int(rows[0]["n"]) > 0


async def test_a_write_waits_for_a_role_change_in_flight_and_then_obeys_it(gql: GraphQLClient):
    team = await Team.build(gql)
    rick = team.tokens["RECRUITER"]
    created = await create_interview(gql, rick, team.org)
    interview_id = created["interview"]["id"]
    user_id = decode_id(team.users["RECRUITER"]["id"], "User")
    # The request runs as another client would: outside the transaction below.
    outside = contextvars.copy_context()
    async with in_transaction() as connection:
        # The owner's demotion of Rick, not yet committed.
        await Membership.filter(user_id=user_id).using_db(connection).update(role=Role.EVALUATOR)
        edit = asyncio.create_task(
            gql(
                UPDATE,
                {"input": {"interviewId": interview_id, "title": "Renamed"}},
                token=rick,
                expect_errors=True,
            ),
            context=outside,
        )
        # Until the edit either finishes (it did not wait: the old behaviour) or waits
        # for the demotion's lock. No timing: whichever happens first is seen.
        while not edit.done() and not await _waiting_on_a_lock():  # noqa: ASYNC110 - polls the database
            await asyncio.sleep(0.01)
        assert not edit.done(), "the edit went ahead on the role read before the change"
    body = await edit
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    check = "query($id: ID!) { node(id: $id) { ... on Interview { title } } }"
    after = await gql(check, {"id": interview_id}, token=team.tokens["OWNER"])
    assert after["data"]["node"]["title"] == "Backend engineer"
