"""Without VECTOR_SMTP_URL, invitation emails wait in the organization's outbox."""

from __future__ import annotations

from datetime import timedelta

from tests.candidates import flows as f
from tests.fixtures.teams import Team, create_interview

OUTBOX = """
query($id: ID!) { node(id: $id) { ... on Organization {
  outbox(first: 10) { edges { node { toAddress subject text status } } } } } }
"""


async def test_invitations_are_held_in_the_outbox_for_the_owners(gql, services, clock):
    assert services.mail.smtp is None
    team = await Team.build(gql)
    interview = (await create_interview(gql, team.tokens["RECRUITER"], team.org))["interview"]
    await f.open_interview(gql, team.tokens["RECRUITER"], interview["id"])
    invited = await f.invite(
        gql,
        team.tokens["RECRUITER"],
        interview["id"],
        [("Ann", "ann.c@example.com")],
        (clock.now() + timedelta(days=1)).isoformat(),
    )
    url = invited["invitations"][0]["url"]
    await services.jobs.run_until_idle()
    body = await gql(OUTBOX, {"id": team.org}, token=team.tokens["OWNER"])
    [edge] = body["data"]["node"]["outbox"]["edges"]
    message = edge["node"]
    assert (message["toAddress"], message["status"]) == ("ann.c@example.com", "HELD")
    assert url in message["text"]
    # The link opens a session.
    assert (await f.session(gql, f.token_of(url)))["errors"] == []
