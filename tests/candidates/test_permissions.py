"""Who may invite and manage invitations: owners and recruiters of the organization."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.candidates import flows as f
from tests.fixtures.teams import Team, create_interview
from vector_gql.models.candidates import CandidateInvitation


@pytest.fixture
async def setup(gql, clock):
    team = await Team.build(gql)
    interview = (await create_interview(gql, team.tokens["RECRUITER"], team.org))["interview"]
    await f.open_interview(gql, team.tokens["RECRUITER"], interview["id"])
    soon = (clock.now() + timedelta(days=1)).isoformat()
    invitation = (
        await f.invite(
            gql, team.tokens["RECRUITER"], interview["id"], [("Ann", "ann.c@example.com")], soon
        )
    )["invitations"][0]
    return team, interview, invitation, soon


def _operations(interview: dict, invitation: dict, soon: str) -> list[tuple[str, str, dict]]:
    return [
        (
            "inviteCandidates",
            f.INVITE,
            {
                "input": {
                    "interviewId": interview["id"],
                    "candidates": [{"name": "New", "email": "new@example.com"}],
                    "expiresAt": soon,
                }
            },
        ),
        ("resendInvitation", f.RESEND, {"input": {"invitationId": invitation["id"]}}),
        (
            "extendInvitation",
            f.EXTEND,
            {"input": {"invitationId": invitation["id"], "expiresAt": soon}},
        ),
        (
            "grantAccommodation",
            f.GRANT,
            {"input": {"invitationId": invitation["id"], "extraRetakes": 1}},
        ),
        ("revokeInvitation", f.REVOKE, {"input": {"invitationId": invitation["id"]}}),
    ]


async def test_evaluators_outsiders_and_the_anonymous_are_refused(gql, setup):
    team, interview, invitation, soon = setup
    before = await CandidateInvitation.all().values()
    for name, document, variables in _operations(interview, invitation, soon):
        body = await gql(document, variables, token=team.tokens["EVALUATOR"], expect_errors=True)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", name
        body = await gql(document, variables, token=team.tokens["OUTSIDER"], expect_errors=True)
        assert f.codes(body["data"][name]) == ["NOT_FOUND"], name
        body = await gql(document, variables, expect_errors=True)
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED", name
    assert await CandidateInvitation.all().values() == before


@pytest.mark.parametrize("role", ["OWNER", "RECRUITER"])
async def test_owners_and_recruiters_may(gql, setup, role):
    team, interview, invitation, soon = setup
    for name, document, variables in _operations(interview, invitation, soon):
        body = await gql(document, variables, token=team.tokens[role])
        assert body["data"][name]["errors"] == [], (name, body)
