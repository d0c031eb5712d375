"""Rights over videos are read at every step, storage is bounded per organization,
and videos can be deleted (issue 7, points 4 and 6)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fixtures import media as mf
from tests.fixtures.graphql import GraphQLClient
from tests.fixtures.teams import Team, create_interview
from vector_gql.app import create_app
from vector_gql.models.media import PendingObject, Video, VideoUpload
from vector_gql.models.organizations import Membership, Role
from vector_gql.storage import StorageError

MiB = 1024 * 1024

UPLOAD = """
mutation($input: UploadVideoInput!) {
  uploadVideo(input: $input) { video { id url sizeBytes } errors { field code message } }
}
"""
START = """
mutation($input: StartVideoUploadInput!) {
  startVideoUpload(input: $input) {
    upload { id partSizeBytes parts { partNumber sizeBytes url } }
    errors { field code message }
  }
}
"""
STATE = "query($id: ID!) { videoUpload(id: $id) { status parts { url } } }"
COMPLETE = """
mutation($input: CompleteVideoUploadInput!) {
  completeVideoUpload(input: $input) {
    upload { status } video { id url } errors { field code }
  }
}
"""
ABORT = """
mutation($input: AbortVideoUploadInput!) {
  abortVideoUpload(input: $input) { upload { status } errors { code } }
}
"""
DELETE = """
mutation($input: DeleteVideoInput!) {
  deleteVideo(input: $input) { deletedVideoId errors { field code message } }
}
"""
VIDEO = "query($id: ID!) { node(id: $id) { ... on Video { id url } } }"
UPDATE_QUESTION = """
mutation($input: UpdateQuestionInput!) {
  updateQuestion(input: $input) { question { videoPrompt { id } } errors { field code } } }
"""


@pytest.fixture(scope="module")
def clips(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("rights")
    return {"small": mf.make_video(d / "small.mp4", seconds=1)}


@pytest.fixture
async def team(gql: GraphQLClient) -> Team:
    return await Team.build(gql)


async def upload(client: httpx.AsyncClient, token: str, path: Path, org: str | None = None) -> dict:
    variables: dict[str, Any] = {"title": "Clip", "file": None}
    if org is not None:
        variables["organizationId"] = org
    with open(path, "rb") as handle:
        response = await client.post(
            "/graphql",
            data={
                "operations": json.dumps({"query": UPLOAD, "variables": {"input": variables}}),
                "map": json.dumps({"0": ["variables.input.file"]}),
            },
            files={"0": (path.name, handle, "video/mp4")},
            headers={"Authorization": f"Bearer {token}", "Apollo-Require-Preflight": "true"},
        )
    body: dict = response.json()
    return body


async def start(gql: GraphQLClient, token: str, size: int, org: str | None = None) -> dict:
    values: dict[str, Any] = {
        "title": "Big",
        "filename": "big.mp4",
        "sizeBytes": size,
        "contentType": "video/mp4",
    }
    if org is not None:
        values["organizationId"] = org
    body = await gql(START, {"input": values}, token=token)
    return body["data"]["startVideoUpload"]


async def send_all(client: httpx.AsyncClient, upload: dict, path: Path) -> list[dict]:
    """PUT every part to its signed URL (disk storage: the app itself)."""
    parts = []
    data = path.read_bytes()
    for part in upload["parts"]:
        offset = (part["partNumber"] - 1) * upload["partSizeBytes"]
        response = await client.put(part["url"], content=data[offset : offset + part["sizeBytes"]])
        assert response.status_code == 200, response.text
        parts.append({"partNumber": part["partNumber"], "etag": response.headers["etag"]})
    return parts


async def complete(gql: GraphQLClient, token: str, upload_id: str, parts: list[dict]) -> dict:
    body = await gql(COMPLETE, {"input": {"uploadId": upload_id, "parts": parts}}, token=token)
    return body["data"]["completeVideoUpload"]


async def set_role(user: dict, *, role: Role | None) -> None:
    """Remove the member (role None) or change their role, as an owner would."""
    from vector_gql.graphql.node import decode_id

    user_id = decode_id(user["id"], "User")
    if role is None:
        await Membership.filter(user_id=user_id).exclude(role=Role.OWNER).delete()
    else:
        await Membership.filter(user_id=user_id).update(role=role)


_BEFORE: dict[int, set[str]] = {}


def _listing(storage: Any) -> set[str]:
    root = storage.root
    return {
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.is_file() and not str(p.relative_to(root)).startswith(".")
    }


async def objects(storage: Any) -> list[str]:
    """The objects stored since the test began (the session's storage is shared)."""
    return sorted(_listing(storage) - _BEFORE.get(id(storage), set()))


@pytest.fixture(autouse=True)
def _storage_baseline(services: Any) -> None:
    _BEFORE[id(services.storage)] = _listing(services.storage)


# --- point 6: rights are read again at every step -----------------------------------------


@pytest.mark.parametrize("lost", [None, Role.EVALUATOR], ids=["removed", "demoted"])
async def test_a_member_who_lost_the_right_cannot_complete_an_upload(
    gql, client, team, clips, services, lost
):
    rick = team.tokens["RECRUITER"]
    path = clips["small"]
    started = await start(gql, rick, path.stat().st_size, team.org)
    assert started["errors"] == []
    parts = await send_all(client, started["upload"], path)
    await set_role(team.users["RECRUITER"], role=lost)
    result = await complete(gql, rick, started["upload"]["id"], parts)
    assert result["video"] is None and result["errors"][0]["code"] == "NOT_FOUND"
    # No fresh part URLs either, and nothing was recorded.
    assert (await gql(STATE, {"id": started["upload"]["id"]}, token=rick))["data"] == {
        "videoUpload": None
    }
    assert await Video.all().count() == 0
    aborted = (await gql(ABORT, {"input": {"uploadId": started["upload"]["id"]}}, token=rick))[
        "data"
    ]["abortVideoUpload"]
    assert aborted["errors"][0]["code"] == "NOT_FOUND"


async def test_completing_again_after_removal_gives_no_fresh_link(gql, client, team, clips):
    rick = team.tokens["RECRUITER"]
    path = clips["small"]
    started = await start(gql, rick, path.stat().st_size, team.org)
    parts = await send_all(client, started["upload"], path)
    done = await complete(gql, rick, started["upload"]["id"], parts)
    assert done["errors"] == [] and done["video"]["url"]
    # Completing again is idempotent while the right holds ...
    again = await complete(gql, rick, started["upload"]["id"], parts)
    assert again["video"]["id"] == done["video"]["id"] and again["video"]["url"]
    await set_role(team.users["RECRUITER"], role=None)
    # ... and answers nothing once it is gone.
    after = await complete(gql, rick, started["upload"]["id"], parts)
    assert after["video"] is None and after["errors"][0]["code"] == "NOT_FOUND"
    node = await gql(VIDEO, {"id": done["video"]["id"]}, token=rick)
    assert node["data"]["node"] is None


async def test_a_role_lost_while_the_file_is_probed_keeps_nothing(
    gql, client, team, clips, services, monkeypatch
):
    """The right is decided in the transaction that records the video, not before probing."""
    videos = services.videos
    probe = videos.probe

    async def probe_then_demote(path: str):
        info = await probe(path)
        await set_role(team.users["RECRUITER"], role=Role.EVALUATOR)
        return info

    monkeypatch.setattr(videos, "probe", probe_then_demote)
    body = await upload(client, team.tokens["RECRUITER"], clips["small"], team.org)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await Video.all().count() == 0
    assert await objects(services.storage) == []
    assert await PendingObject.all().count() == 0


async def test_a_signed_link_is_made_only_on_the_current_right(gql, client, team, clips, services):
    """However a video reached the response, its URL is signed only for someone who may
    watch it now: the loader re-reads the right for every batch it signs."""
    from vector_gql.graphql.context import Context
    from vector_gql.graphql.media.types import signed_urls
    from vector_gql.services.auth import Member
    from vector_gql.services.media.rows import VideoRow

    body = await upload(client, team.tokens["RECRUITER"], clips["small"], team.org)
    video = await Video.get()
    row = (await VideoRow.by_id(Video.all(), [video.id]))[video.id]
    outsider = await services.accounts.authenticate(team.tokens["OUTSIDER"])
    rick = await services.accounts.authenticate(team.tokens["RECRUITER"])
    assert isinstance(outsider, Member) and body["data"]["uploadVideo"]["video"]["url"]

    async def sign_for(member: Member) -> str | Exception | None:
        context = Context(request=None, services=services, request_id="t", _principal=member)  # type: ignore[arg-type]
        return (await signed_urls.batch(context, [row])).get(row)

    assert await sign_for(rick)
    assert await sign_for(outsider) is None
    await set_role(team.users["RECRUITER"], role=None)
    assert await sign_for(rick) is None


# --- point 4: deleting videos ----------------------------------------------------------------


async def test_deleting_a_video_removes_its_file(gql, client, team, clips, services):
    made = (await upload(client, team.tokens["RECRUITER"], clips["small"], team.org))["data"]
    video_id = made["uploadVideo"]["video"]["id"]
    assert len(await objects(services.storage)) == 1
    body = await gql(DELETE, {"input": {"videoId": video_id}}, token=team.tokens["RECRUITER"])
    assert body["data"]["deleteVideo"] == {"deletedVideoId": video_id, "errors": []}
    assert await objects(services.storage) == []
    assert await Video.all().count() == 0 and await PendingObject.all().count() == 0
    gone = await gql(DELETE, {"input": {"videoId": video_id}}, token=team.tokens["RECRUITER"])
    assert gone["data"]["deleteVideo"]["errors"][0]["code"] == "NOT_FOUND"


AUDIT_LOG = """
query($org: ID!) { node(id: $org) { ... on Organization {
  auditLog(action: [VIDEO_DELETED]) {
    totalCount edges { node { action summary actor { username } } }
  }
} } }
"""


async def test_deleting_a_video_is_in_the_audit_log_for_owners(gql, client, team, clips):
    made = (await upload(client, team.tokens["RECRUITER"], clips["small"], team.org))["data"]
    video_id = made["uploadVideo"]["video"]["id"]
    refused = await gql(
        DELETE, {"input": {"videoId": video_id}}, token=team.tokens["EVALUATOR"], expect_errors=True
    )
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    log = await gql(AUDIT_LOG, {"org": team.org}, token=team.tokens["OWNER"])
    assert log["data"]["node"]["auditLog"]["totalCount"] == 0

    body = await gql(DELETE, {"input": {"videoId": video_id}}, token=team.tokens["RECRUITER"])
    assert body["data"]["deleteVideo"]["errors"] == []
    log = await gql(AUDIT_LOG, {"org": team.org}, token=team.tokens["OWNER"])
    entries = [e["node"] for e in log["data"]["node"]["auditLog"]["edges"]]
    assert entries == [
        {
            "action": "VIDEO_DELETED",
            "summary": "Deleted the video \u201cClip\u201d.",
            "actor": {"username": "rick"},
        }
    ]
    # Whoever may not read the organization's log does not read this entry either.
    for role in ("RECRUITER", "EVALUATOR"):
        other = await gql(AUDIT_LOG, {"org": team.org}, token=team.tokens[role], expect_errors=True)
        assert other["data"]["node"] is None
        assert other["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    outsider = await gql(AUDIT_LOG, {"org": team.org}, token=team.tokens["OUTSIDER"])
    assert outsider["data"]["node"] is None


async def test_who_may_delete_a_video(gql, client, team, clips, services):
    owner_video = (await upload(client, team.tokens["OWNER"], clips["small"], team.org))["data"][
        "uploadVideo"
    ]["video"]["id"]
    args = {"input": {"videoId": owner_video}}
    anonymous = await gql(DELETE, args, expect_errors=True)
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    outsider = await gql(DELETE, args, token=team.tokens["OUTSIDER"])
    assert outsider["data"]["deleteVideo"]["errors"][0]["code"] == "NOT_FOUND"
    evaluator = await gql(DELETE, args, token=team.tokens["EVALUATOR"], expect_errors=True)
    assert evaluator["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await Video.all().count() == 1
    # A recruiter deletes the organization's videos, not only their own.
    recruiter = await gql(DELETE, args, token=team.tokens["RECRUITER"])
    assert recruiter["data"]["deleteVideo"]["errors"] == []
    # The uploader deletes their own, even after being made an evaluator ...
    own = (await upload(client, team.tokens["RECRUITER"], clips["small"], team.org))["data"][
        "uploadVideo"
    ]["video"]["id"]
    await set_role(team.users["RECRUITER"], role=Role.EVALUATOR)
    mine = await gql(DELETE, {"input": {"videoId": own}}, token=team.tokens["RECRUITER"])
    assert mine["data"]["deleteVideo"]["errors"] == []
    # ... but not once removed from the organization.
    await set_role(team.users["RECRUITER"], role=Role.RECRUITER)
    kept = (await upload(client, team.tokens["RECRUITER"], clips["small"], team.org))["data"][
        "uploadVideo"
    ]["video"]["id"]
    await set_role(team.users["RECRUITER"], role=None)
    removed = await gql(DELETE, {"input": {"videoId": kept}}, token=team.tokens["RECRUITER"])
    assert removed["data"]["deleteVideo"]["errors"][0]["code"] == "NOT_FOUND"
    assert await Video.all().count() == 1 and len(await objects(services.storage)) == 1


async def test_a_video_used_as_a_prompt_cannot_be_deleted(gql, client, team, clips, services):
    video_id = (await upload(client, team.tokens["RECRUITER"], clips["small"], team.org))["data"][
        "uploadVideo"
    ]["video"]["id"]
    created = await create_interview(
        gql,
        team.tokens["RECRUITER"],
        team.org,
        questions=[{"text": "Why us?", "videoPromptId": video_id}],
    )
    question = created["interview"]["questions"][0]["id"]
    body = await gql(DELETE, {"input": {"videoId": video_id}}, token=team.tokens["OWNER"])
    error = body["data"]["deleteVideo"]["errors"][0]
    assert error["code"] == "VIDEO_IN_USE" and error["field"] == ["videoId"]
    assert "prompt" in error["message"]
    assert await Video.all().count() == 1 and len(await objects(services.storage)) == 1
    cleared = await gql(
        UPDATE_QUESTION,
        {"input": {"questionId": question, "videoPromptId": None}},
        token=team.tokens["RECRUITER"],
    )
    assert cleared["data"]["updateQuestion"]["errors"] == []
    body = await gql(DELETE, {"input": {"videoId": video_id}}, token=team.tokens["OWNER"])
    assert body["data"]["deleteVideo"]["errors"] == []


async def test_a_deletion_that_storage_fails_is_finished_by_the_clean_up(
    gql, client, team, clips, services, monkeypatch, clock
):
    video_id = (await upload(client, team.tokens["RECRUITER"], clips["small"], team.org))["data"][
        "uploadVideo"
    ]["video"]["id"]
    storage = services.storage
    key = (await Video.get()).storage_key
    delete = storage.delete

    async def failing_delete(key: str) -> None:
        raise StorageError("storage is down")

    monkeypatch.setattr(storage, "delete", failing_delete)
    body = await gql(DELETE, {"input": {"videoId": video_id}}, token=team.tokens["RECRUITER"])
    assert body["data"]["deleteVideo"]["errors"] == []
    assert await Video.all().count() == 0
    # The object is still there, and named for the clean-up.
    assert await objects(services.storage) == [key]
    assert await PendingObject.filter(key=key).exists()
    monkeypatch.setattr(storage, "delete", delete)
    later = clock.now() + timedelta(seconds=services.settings.abandoned_upload_seconds + 1)
    assert await services.videos.cleanup_abandoned(now=later) >= 1
    assert await objects(services.storage) == []
    assert await PendingObject.all().count() == 0


# --- point 4: quotas ----------------------------------------------------------------------


@pytest.fixture
async def quota_app(settings, database, tmp_path, clips):
    small = clips["small"].stat().st_size
    limited = replace(
        settings,
        data_dir=tmp_path,
        organization_storage_bytes=small * 2 + small // 2,
        organization_pending_uploads=2,
    )
    app = create_app(limited, manage_database=False)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50002))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield app, http
    await app.state.services.close()


async def test_an_organization_stores_no_more_than_its_quota(quota_app, clips):
    app, http = quota_app
    gql = GraphQLClient(http)
    team = await Team.build(gql)
    rick = team.tokens["RECRUITER"]
    small = clips["small"]
    first = (await upload(http, rick, small, team.org))["data"]["uploadVideo"]
    second = (await upload(http, rick, small, team.org))["data"]["uploadVideo"]
    assert first["errors"] == [] and second["errors"] == []
    third = (await upload(http, rick, small, team.org))["data"]["uploadVideo"]
    assert third["video"] is None
    assert [(e["code"], e["field"]) for e in third["errors"]] == [
        ("STORAGE_QUOTA_EXCEEDED", ["file"])
    ]
    assert len(await objects(app.state.services.storage)) == 2
    # A direct upload counts what it declares, from the start.
    refused = await start(gql, rick, small.stat().st_size, team.org)
    assert refused["errors"][0]["code"] == "STORAGE_QUOTA_EXCEEDED"
    assert await VideoUpload.all().count() == 0
    # Another organization has a quota of its own.
    assert (await upload(http, team.tokens["OUTSIDER"], small))["data"]["uploadVideo"][
        "errors"
    ] == []
    # Deleting frees the space.
    await gql(DELETE, {"input": {"videoId": first["video"]["id"]}}, token=rick)
    again = (await upload(http, rick, small, team.org))["data"]["uploadVideo"]
    assert again["errors"] == []


async def test_an_organization_has_few_direct_uploads_pending_at_once(quota_app, clips):
    app, http = quota_app
    gql = GraphQLClient(http)
    team = await Team.build(gql)
    uploads = [
        await start(gql, team.tokens[role], 1000, team.org) for role in ("OWNER", "RECRUITER")
    ]
    assert [u["errors"] for u in uploads] == [[], []]
    third = await start(gql, team.tokens["OWNER"], 1000, team.org)
    assert third["upload"] is None
    assert third["errors"][0]["code"] == "TOO_MANY_PENDING_UPLOADS"
    assert await VideoUpload.all().count() == 2
    aborted = await gql(
        ABORT, {"input": {"uploadId": uploads[0]["upload"]["id"]}}, token=team.tokens["OWNER"]
    )
    assert aborted["data"]["abortVideoUpload"]["errors"] == []
    assert (await start(gql, team.tokens["OWNER"], 1000, team.org))["errors"] == []
    # Uploads left open by a member who was removed hold nobody up: no one can finish them.
    await set_role(team.users["RECRUITER"], role=None)
    assert (await start(gql, team.tokens["OWNER"], 1000, team.org))["errors"] == []
