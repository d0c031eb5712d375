"""interviewUpdated over graphql-transport-ws: changes as they commit, checked per event."""

from __future__ import annotations

import pytest

from tests.fixtures.live import live_client
from tests.fixtures.teams import Team, create_interview
from tests.review.test_rubrics import criterion, set_rubric

UPDATED = """
subscription Updated($id: ID!) {
  interviewUpdated(interviewId: $id) {
    id title status questions { text } rubric { criteria { name } }
  }
}
"""

SET_STATUS = """
mutation($i: SetInterviewStatusInput!) { setInterviewStatus(input: $i) { errors { code } } }
"""


@pytest.fixture
async def team(gql) -> Team:
    return await Team.build(gql)


@pytest.fixture
async def interview(gql, team) -> dict:
    return (await create_interview(gql, team.tokens["OWNER"], team.org))["interview"]


async def set_status(gql, token: str, interview_id: str, status: str) -> None:
    variables = {"i": {"interviewId": interview_id, "status": status}}
    body = await gql(SET_STATUS, variables, token=token)
    assert body["data"]["setInterviewStatus"]["errors"] == []


def data(message: dict) -> dict:
    assert message["type"] == "next", message
    assert "errors" not in message["payload"], message
    updated: dict = message["payload"]["data"]["interviewUpdated"]
    return updated


async def test_members_see_each_change_as_it_commits(live_server, gql, team, interview):
    async with live_client(live_server, team.tokens["EVALUATOR"]) as live:
        op = await live.subscribe(UPDATED, {"id": interview["id"]})
        first = data(await live.next(op))
        assert (first["id"], first["status"], first["rubric"]) == (interview["id"], "DRAFT", None)

        await set_status(gql, team.tokens["OWNER"], interview["id"], "OPEN")
        assert data(await live.next(op))["status"] == "OPEN"

        await set_rubric(gql, team.tokens["RECRUITER"], interview["id"], [criterion("Clarity")])
        assert data(await live.next(op))["rubric"] == {"criteria": [{"name": "Clarity"}]}

        body = await gql(
            """mutation($i: UpdateInterviewInput!) {
                 updateInterview(input: $i) { errors { code } } }""",
            {"i": {"interviewId": interview["id"], "title": "Staff engineer"}},
            token=team.tokens["OWNER"],
        )
        assert body["data"]["updateInterview"]["errors"] == []
        assert data(await live.next(op))["title"] == "Staff engineer"

        # A refused change commits nothing and sends nothing.
        body = await gql(
            SET_STATUS,
            {"i": {"interviewId": interview["id"], "status": "CLOSED"}},
            token=team.tokens["EVALUATOR"],
            expect_errors=True,
        )
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        # Another interview's changes are not this subscription's.
        other = (await create_interview(gql, team.tokens["OWNER"], team.org))["interview"]
        await set_status(gql, team.tokens["OWNER"], other["id"], "OPEN")
        assert await live.silent(op)


async def test_deleting_the_interview_ends_the_subscription(live_server, gql, team, interview):
    async with live_client(live_server, team.tokens["OWNER"]) as live:
        op = await live.subscribe(UPDATED, {"id": interview["id"]})
        data(await live.next(op))
        body = await gql(
            """mutation($i: DeleteInterviewInput!) {
                 deleteInterview(input: $i) { errors { code } } }""",
            {"i": {"interviewId": interview["id"]}},
            token=team.tokens["OWNER"],
        )
        assert body["data"]["deleteInterview"]["errors"] == []
        assert (await live.next(op))["type"] == "complete"


async def test_outsiders_cannot_subscribe(live_server, team, interview):
    async with live_client(live_server, team.tokens["OUTSIDER"]) as live:
        op = await live.subscribe(UPDATED, {"id": interview["id"]})
        message = await live.next(op)
        assert message["type"] == "next"
        [error] = message["payload"]["errors"]
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert error["message"] == "There is no interview with this ID."
        assert (await live.next(op))["type"] == "complete"


async def test_anonymous_callers_must_sign_in(live_server, interview):
    async with live_client(live_server, None) as live:
        op = await live.subscribe(UPDATED, {"id": interview["id"]})
        message = await live.next(op)
        assert message["payload"]["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_authorization_is_checked_again_for_each_event(live_server, gql, team, interview):
    async with live_client(live_server, team.tokens["EVALUATOR"]) as live:
        op = await live.subscribe(UPDATED, {"id": interview["id"]})
        data(await live.next(op))
        # The evaluator leaves the organization: the next change is not shown to them.
        body = await gql(
            """mutation($i: RemoveMemberInput!) { removeMember(input: $i) { errors { code } } }""",
            {"i": {"organizationId": team.org, "userId": team.users["EVALUATOR"]["id"]}},
            token=team.tokens["OWNER"],
        )
        assert body["data"]["removeMember"]["errors"] == []
        await set_status(gql, team.tokens["OWNER"], interview["id"], "OPEN")
        assert (await live.next(op))["type"] == "complete"


async def test_a_revoked_login_ends_the_subscription(live_server, gql, interview, team):
    login = await gql(
        """mutation { login(input: {username: "rick", password: "correct horse battery"}) {
             accessToken refreshToken errors { code } } }"""
    )
    tokens = login["data"]["login"]
    async with live_client(live_server, tokens["accessToken"]) as live:
        op = await live.subscribe(UPDATED, {"id": interview["id"]})
        data(await live.next(op))
        await gql(
            "mutation($t: String!) { logout(input: {refreshToken: $t}) { ok } }",
            {"t": tokens["refreshToken"]},
        )
        await set_status(gql, team.tokens["OWNER"], interview["id"], "OPEN")
        message = await live.next(op)
        assert message["payload"]["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert message["payload"]["data"] is None
