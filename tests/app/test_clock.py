"""Tests move time through the app's clock instead of sleeping or editing rows."""

from __future__ import annotations

from datetime import timedelta

from tests.fixtures.graphql import signup
from tests.fixtures.teams import invite, own_org
from vector_gql.services.clock import ManualClock

VIEWER = "{ viewer { username } }"
ACCEPT = """
mutation($i: AcceptMemberInvitationInput!) {
  acceptMemberInvitation(input: $i) { membership { role } errors { code } }
}
"""
LOGIN = """
mutation($i: LoginInput!) { login(input: $i) { accessToken errors { code retryAfterSeconds } } }
"""


def test_the_manual_clock_moves_and_stops():
    clock = ManualClock()
    start = clock.now()
    assert clock.advance(hours=2) - start >= timedelta(hours=2)
    frozen = clock.freeze()
    assert clock.now() == frozen
    assert clock.advance(seconds=5) == frozen + timedelta(seconds=5)
    clock.reset()
    assert clock.now() - start < timedelta(minutes=1)


async def test_access_tokens_expire_when_the_clock_passes_them(gql, clock, settings):
    ann = await signup(gql, "ann")
    assert (await gql(VIEWER, token=ann["accessToken"]))["data"]["viewer"]["username"] == "ann"
    clock.advance(seconds=settings.access_token_seconds + 1)
    body = await gql(VIEWER, token=ann["accessToken"], expect_errors=True)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert body["errors"][0]["message"] == "The token has expired."


async def test_a_token_from_the_future_is_refused(gql, clock):
    clock.advance(hours=1)
    ann = await signup(gql, "ann")
    clock.reset()
    body = await gql(VIEWER, token=ann["accessToken"], expect_errors=True)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_member_invitations_expire_after_a_week(gql, clock):
    olivia = await signup(gql, "olivia")
    org = await own_org(gql, olivia["accessToken"])
    bob = await signup(gql, "bob")
    invited = await invite(gql, olivia["accessToken"], org, "bob@example.com", "RECRUITER")
    clock.advance(days=7, seconds=1)
    token = (await gql(LOGIN, {"i": {"username": "bob", "password": "correct horse battery"}}))[
        "data"
    ]["login"]["accessToken"]
    assert bob["accessToken"] != token
    body = await gql(ACCEPT, {"i": {"token": invited["invitationToken"]}}, token=token)
    assert body["data"]["acceptMemberInvitation"]["errors"] == [{"code": "EXPIRED"}]


async def test_the_login_limit_lifts_when_its_window_has_passed(gql, clock, settings):
    await signup(gql, "ann")
    wrong = {"i": {"username": "ann", "password": "not the password"}}
    for _ in range(settings.login_max_failures):
        await gql(LOGIN, wrong)
    limited = (await gql(LOGIN, wrong))["data"]["login"]["errors"][0]
    assert limited["code"] == "RATE_LIMITED"
    clock.advance(seconds=limited["retryAfterSeconds"] + 1)
    right = {"i": {"username": "ann", "password": "correct horse battery"}}
    assert (await gql(LOGIN, right))["data"]["login"]["accessToken"]
