"""Organization.outbox: the owners read the organization's mail; nobody else does."""

from __future__ import annotations

import pytest
from strawberry import relay

from tests.fixtures.jobs import TEST_TEMPLATES
from tests.fixtures.teams import Team
from vector_gql.services.mail import Recipient
from vector_gql.services.mail.compose import template_environment

OUTBOX = """
query Outbox($id: ID!, $first: Int, $after: String, $status: [OutboxStatus!]) {
  node(id: $id) {
    ... on Organization {
      outbox(first: $first, after: $after, status: $status) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { id toAddress toName subject text html status attempts createdAt } }
      }
    }
  }
}
"""
NODE = """
query Node($id: ID!) { node(id: $id) { ... on OutboxMessage { subject status } } }
"""


@pytest.fixture
def mail(app):
    service = app.state.services.mail
    original = service.templates
    service.templates = template_environment([TEST_TEMPLATES])
    yield service
    service.templates = original


async def send(mail, org_gid: str, to: str, name: str) -> None:
    org_id = int(relay.GlobalID.from_id(org_gid).node_id)
    await mail.send(
        to=Recipient(to, name),
        template="welcome",
        context={"organization_name": "Acme", "name": name, "url": f"https://x.example/{name}"},
        organization_id=org_id,
    )


async def test_owners_read_the_outbox_newest_first(gql, app, mail):
    team = await Team.build(gql)
    for name in ("ann", "bo", "cy"):
        await send(mail, team.org, f"{name}@example.com", name.title())
    await send(mail, team.foreign_org, "zed@example.com", "Zed")
    body = await gql(OUTBOX, {"id": team.org, "first": 2}, token=team.tokens["OWNER"])
    outbox = body["data"]["node"]["outbox"]
    assert outbox["totalCount"] == 3
    names = [edge["node"]["toName"] for edge in outbox["edges"]]
    assert names == ["Cy", "Bo"]
    first = outbox["edges"][0]["node"]
    assert first["status"] == "QUEUED" and first["subject"] == "Welcome to Acme, Cy"

    await app.state.services.jobs.run_until_idle()
    body = await gql(
        OUTBOX,
        {"id": team.org, "after": outbox["pageInfo"]["endCursor"], "status": ["HELD"]},
        token=team.tokens["OWNER"],
    )
    (edge,) = body["data"]["node"]["outbox"]["edges"]
    message = edge["node"]
    assert (message["toAddress"], message["status"], message["attempts"]) == (
        "ann@example.com",
        "HELD",
        0,
    )
    assert "https://x.example/Ann" in message["text"] and "https://x.example/Ann" in message["html"]

    # The message is a node, for its owners only.
    body = await gql(NODE, {"id": message["id"]}, token=team.tokens["OWNER"])
    assert body["data"]["node"] == {"subject": "Welcome to Acme, Ann", "status": "HELD"}
    for who in ("RECRUITER", "EVALUATOR", "OUTSIDER"):
        body = await gql(NODE, {"id": message["id"]}, token=team.tokens[who])
        assert body["data"]["node"] is None, who
    body = await gql(NODE, {"id": message["id"]})
    assert body["data"]["node"] is None


async def test_only_owners_may_read_the_outbox(gql, mail):
    team = await Team.build(gql)
    await send(mail, team.org, "ann@example.com", "Ann")
    for who in ("RECRUITER", "EVALUATOR"):
        body = await gql(OUTBOX, {"id": team.org}, token=team.tokens[who], expect_errors=True)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", who
        assert body["data"]["node"] is None
    # Outsiders cannot reach the organization at all, nor can anonymous callers.
    body = await gql(OUTBOX, {"id": team.org}, token=team.tokens["OUTSIDER"])
    assert body["data"]["node"] is None
    body = await gql(OUTBOX, {"id": team.org})
    assert body["data"]["node"] is None
