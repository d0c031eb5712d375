"""An answer sent by the direct, resumable path: parts straight to storage, then
submitAnswer(videoUploadId), checked like one sent in a single request."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx

from tests.candidates import flows as f
from tests.fixtures.teams import Team, create_interview
from vector_gql.models.media import Video, VideoUpload
from vector_gql.services.media.quota import storage_use

START_UPLOAD = """
mutation($input: StartVideoUploadInput!) {
  startVideoUpload(input: $input) {
    upload { id status partCount partSizeBytes parts { partNumber sizeBytes url } }
    errors { code }
  }
}
"""

SUBMIT_UPLOAD = f"""
mutation($q: ID!, $u: ID!) {{
  submitAnswer(input: {{questionId: $q, videoUploadId: $u}}) {{
    answer {{ {f.ANSWER_FIELDS} }} errors {{ field message code }}
  }}
}}
"""


async def start_upload(gql, token: str, path: Path) -> dict[str, Any]:
    body = await gql(
        START_UPLOAD,
        {
            "input": {
                "title": "My answer",
                "filename": path.name,
                "sizeBytes": path.stat().st_size,
                "contentType": "video/webm",
            }
        },
        token=token,
    )
    result: dict[str, Any] = body["data"]["startVideoUpload"]
    assert result["errors"] == [], result
    return result["upload"]


async def send_parts(http: httpx.AsyncClient, upload: dict[str, Any], path: Path) -> None:
    data = path.read_bytes()
    for part in upload["parts"]:
        start = (part["partNumber"] - 1) * upload["partSizeBytes"]
        response = await http.put(part["url"], content=data[start : start + part["sizeBytes"]])
        assert response.status_code == 200, response.text


async def test_an_answer_sent_in_parts(gql, client, clock, clips):
    team = await Team.build(gql)
    recruiter = team.tokens["RECRUITER"]
    interview = (
        await create_interview(
            gql,
            recruiter,
            team.org,
            questions=[{"text": "Q?", "answerTimeSeconds": 10, "retakes": 2}],
        )
    )["interview"]
    question = interview["questions"][0]["id"]
    await f.open_interview(gql, recruiter, interview["id"])
    invitation = (
        await f.invite(
            gql,
            recruiter,
            interview["id"],
            [("Dee", "dee@example.com")],
            (clock.now() + timedelta(days=1)).isoformat(),
        )
    )["invitations"][0]
    token = (await f.session(gql, f.token_of(invitation["url"])))["accessToken"]
    await f.start(gql, token, question)

    # Started, but no part sent yet: nothing to assemble.
    upload = await start_upload(gql, token, clips["answer"])
    early = (await gql(SUBMIT_UPLOAD, {"q": question, "u": upload["id"]}, token=token))["data"]
    assert f.codes(early["submitAnswer"]) == ["UPLOAD_INCOMPLETE"]
    # The candidate's upload is theirs: not the recruiter's to see.
    seen = await gql(
        "query($id: ID!) { videoUpload(id: $id) { id } }", {"id": upload["id"]}, token=recruiter
    )
    assert seen["data"]["videoUpload"] is None
    await send_parts(client, upload, clips["answer"])
    done = (await gql(SUBMIT_UPLOAD, {"q": question, "u": upload["id"]}, token=token))["data"]
    answer = done["submitAnswer"]
    assert answer["errors"] == [], answer
    assert answer["answer"]["current"] is True
    assert answer["answer"]["video"]["uploadedBy"] is None
    assert 2.5 < answer["answer"]["video"]["durationSeconds"] < 3.5

    # The same upload cannot be a second answer.
    await f.start(gql, token, question)
    reused = (await gql(SUBMIT_UPLOAD, {"q": question, "u": upload["id"]}, token=token))["data"]
    assert f.codes(reused["submitAnswer"]) == ["UPLOAD_CLOSED"]

    # Too long: refused like a file sent in one request, and nothing is kept.
    videos = await Video.all().count()
    long = await start_upload(gql, token, clips["too_long"])
    await send_parts(client, long, clips["too_long"])
    refused = (await gql(SUBMIT_UPLOAD, {"q": question, "u": long["id"]}, token=token))["data"]
    assert f.codes(refused["submitAnswer"]) == ["ANSWER_TOO_LONG"]
    assert await Video.all().count() == videos
    assert (await VideoUpload.get(id=_pk(long["id"]))).failure_code == "ANSWER_TOO_LONG"
    # The attempt is still open for a good recording.
    again = await start_upload(gql, token, clips["answer"])
    await send_parts(client, again, clips["answer"])
    ok = (await gql(SUBMIT_UPLOAD, {"q": question, "u": again["id"]}, token=token))["data"]
    assert ok["submitAnswer"]["errors"] == [] and ok["submitAnswer"]["answer"]["attempt"] == 2

    # Completing it as a member would is not the candidate's way.
    completed = await gql(
        """mutation($u: ID!) { completeVideoUpload(input: {uploadId: $u,
             parts: [{partNumber: 1, etag: "x"}]}) { errors { code } } }""",
        {"u": again["id"]},
        token=token,
        expect_errors=True,
    )
    assert completed["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def _pk(global_id: str) -> str:
    from strawberry import relay

    return relay.GlobalID.from_id(global_id).node_id


async def test_a_candidates_open_uploads_are_bounded_and_leave_the_members_slots(
    gql, client, clock, clips
):
    """A candidate may have two answer uploads open at once; theirs never count
    against the organization's slots for members, so recruiters are not held up."""
    team = await Team.build(gql)
    recruiter = team.tokens["RECRUITER"]
    interview = (await create_interview(gql, recruiter, team.org))["interview"]
    await f.open_interview(gql, recruiter, interview["id"])
    invited = await f.invite(
        gql,
        recruiter,
        interview["id"],
        [("Dan", "dan@example.com")],
        (clock.now() + timedelta(days=2)).isoformat(),
    )
    token = (await f.session(gql, f.token_of(invited["invitations"][0]["url"])))["accessToken"]
    path = clips["answer"]
    for _ in range(2):
        await start_upload(gql, token, path)
    body = await gql(
        START_UPLOAD,
        {
            "input": {
                "title": "My answer",
                "filename": path.name,
                "sizeBytes": path.stat().st_size,
                "contentType": "video/webm",
            }
        },
        token=token,
    )
    assert [e["code"] for e in body["data"]["startVideoUpload"]["errors"]] == [
        "TOO_MANY_PENDING_UPLOADS"
    ]
    assert await VideoUpload.filter(invitation_id__isnull=False).count() == 2
    # Their bytes count against the organization's storage, not its members' slots.
    upload = await VideoUpload.filter(invitation_id__isnull=False).first()
    assert upload is not None
    use = await storage_use(upload.organization_id)
    assert use.pending_uploads == 0
    assert use.pending_bytes == 2 * path.stat().st_size
