"""Organization.storageUse: the owners see their storage quota as uploads are judged by it."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from tests.candidates import flows as f
from tests.fixtures import media as mf
from tests.fixtures.graphql import GraphQLClient
from tests.fixtures.teams import Team, create_interview
from tests.media.test_video_rights import start, upload
from vector_gql.app import create_app

STORAGE_USE = """
query($id: ID!) { node(id: $id) { ... on Organization { storageUse {
  usedBytes storedBytes pendingBytes quotaBytes pendingUploads pendingUploadLimit } } } }
"""


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> Path:
    return mf.make_video(tmp_path_factory.mktemp("use") / "small.mp4", seconds=1)


@pytest.fixture
async def http(settings, database, tmp_path, clip):
    limited = replace(
        settings,
        data_dir=tmp_path,
        organization_storage_bytes=clip.stat().st_size * 3,
        organization_pending_uploads=3,
    )
    app = create_app(limited, manage_database=False)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50003))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client
    await app.state.services.close()


async def storage_use(gql: GraphQLClient, team: Team) -> dict:
    body = await gql(STORAGE_USE, {"id": team.org}, token=team.tokens["OWNER"])
    use: dict = body["data"]["node"]["storageUse"]
    return use


async def test_owners_see_the_use_the_quota_check_decides_by(http, clip):
    gql = GraphQLClient(http)
    team = await Team.build(gql)
    size = clip.stat().st_size
    assert await storage_use(gql, team) == {
        "usedBytes": 0,
        "storedBytes": 0,
        "pendingBytes": 0,
        "quotaBytes": size * 3,
        "pendingUploads": 0,
        "pendingUploadLimit": 3,
    }
    stored = (await upload(http, team.tokens["RECRUITER"], clip, team.org))["data"]
    assert stored["uploadVideo"]["errors"] == []
    opened = await start(gql, team.tokens["OWNER"], 1000, team.org)
    assert opened["errors"] == []
    use = await storage_use(gql, team)
    assert (use["storedBytes"], use["pendingBytes"], use["pendingUploads"]) == (size, 1000, 1)
    assert use["usedBytes"] == size + 1000
    # What is left by these figures is exactly what the next upload may declare.
    left = use["quotaBytes"] - use["usedBytes"]
    too_much = await start(gql, team.tokens["OWNER"], left + 1, team.org)
    assert [e["code"] for e in too_much["errors"]] == ["STORAGE_QUOTA_EXCEEDED"]
    assert (await start(gql, team.tokens["OWNER"], left, team.org))["errors"] == []
    use = await storage_use(gql, team)
    assert use["usedBytes"] == use["quotaBytes"] and use["pendingUploads"] == 2


async def test_no_limit_is_null(settings, gql):
    team = await Team.build(gql)
    body = await gql(STORAGE_USE, {"id": team.org}, token=team.tokens["OWNER"])
    use = body["data"]["node"]["storageUse"]
    assert (use["quotaBytes"] is None) == (settings.organization_storage_bytes == 0)
    assert (use["pendingUploadLimit"] is None) == (settings.organization_pending_uploads == 0)


async def test_only_owners_see_the_storage_use(gql, clock):
    team = await Team.build(gql)
    for role in ("RECRUITER", "EVALUATOR"):
        body = await gql(STORAGE_USE, {"id": team.org}, token=team.tokens[role], expect_errors=True)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", role
        assert body["data"]["node"] is None
    # Outsiders and anonymous callers cannot reach the organization at all.
    assert (await gql(STORAGE_USE, {"id": team.org}, token=team.tokens["OUTSIDER"]))["data"][
        "node"
    ] is None
    assert (await gql(STORAGE_USE, {"id": team.org}))["data"]["node"] is None
    # A candidate reaches the organization through their interview, not its storage.
    recruiter = team.tokens["RECRUITER"]
    interview = (await create_interview(gql, recruiter, team.org))["interview"]
    await f.open_interview(gql, recruiter, interview["id"])
    invited = await f.invite(
        gql,
        recruiter,
        interview["id"],
        [("Cara", "cara@example.com")],
        (clock.now() + timedelta(days=2)).isoformat(),
    )
    candidate = (await f.session(gql, f.token_of(invited["invitations"][0]["url"])))["accessToken"]
    body = await gql(
        "{ candidateInvitation { interview { organization { id storageUse { usedBytes } } } } }",
        token=candidate,
        expect_errors=True,
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert body["errors"][0]["path"][-1] == "storageUse"
    assert "usedBytes" not in str(body["data"])
    body = await gql(STORAGE_USE, {"id": team.org}, token=candidate, expect_errors=True)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert body["data"]["node"] is None
