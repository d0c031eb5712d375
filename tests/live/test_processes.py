"""Live updates between processes: subscribe on one server, change things on another."""

from __future__ import annotations

import httpx

from tests.fixtures.graphql import GraphQLClient, signup
from tests.fixtures.live import live_client
from tests.fixtures.processes import environment, serving
from tests.fixtures.teams import create_interview, own_org
from tests.review.test_rubrics import criterion, set_rubric

UPDATED = """
subscription($id: ID!) { interviewUpdated(interviewId: $id) {
  status rubric { criteria { name } } } }
"""


async def test_a_change_on_one_server_reaches_a_subscriber_on_another(database, tmp_path):
    env = environment(database, tmp_path, VECTOR_WORKER_IN_SERVE="false")
    async with (
        serving(env) as first,
        serving(env) as second,
        httpx.AsyncClient(base_url=second) as http,
    ):
        gql = GraphQLClient(http)
        ann = await signup(gql, "ann")
        token = ann["accessToken"]
        interview = (await create_interview(gql, token, await own_org(gql, token)))["interview"]
        async with live_client(first, token) as live:
            op = await live.subscribe(UPDATED, {"id": interview["id"]})
            now = (await live.next(op))["payload"]["data"]["interviewUpdated"]
            assert now == {"status": "DRAFT", "rubric": None}

            await set_rubric(gql, token, interview["id"], [criterion("Clarity")])
            changed = (await live.next(op))["payload"]["data"]["interviewUpdated"]
            assert changed["rubric"] == {"criteria": [{"name": "Clarity"}]}

            body = await gql(
                """mutation($i: SetInterviewStatusInput!) {
                     setInterviewStatus(input: $i) { errors { code } } }""",
                {"i": {"interviewId": interview["id"], "status": "OPEN"}},
                token=token,
            )
            assert body["data"]["setInterviewStatus"]["errors"] == []
            opened = (await live.next(op))["payload"]["data"]["interviewUpdated"]
            assert opened["status"] == "OPEN"
