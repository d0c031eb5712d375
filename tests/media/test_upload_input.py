"""Upload input checked before anything is claimed or stored: part lists, parts
shorter than signed, and the REST upload's title and file name."""

from __future__ import annotations

import pytest
from strawberry import relay

from tests.fixtures.graphql import GraphQLClient, signup
from vector_gql.models.media import VideoUpload

START = """
mutation($input: StartVideoUploadInput!) {
  startVideoUpload(input: $input) {
    upload { id parts { partNumber sizeBytes url } } errors { code }
  }
}
"""
COMPLETE = """
mutation($input: CompleteVideoUploadInput!) {
  completeVideoUpload(input: $input) { upload { status } errors { field code } }
}
"""


async def start_upload(gql: GraphQLClient, token: str, size: int = 1000) -> dict:
    body = await gql(
        START,
        {
            "input": {
                "title": "T",
                "filename": "a.mp4",
                "sizeBytes": size,
                "contentType": "video/mp4",
            }
        },
        token=token,
    )
    return body["data"]["startVideoUpload"]["upload"]


@pytest.mark.parametrize("number", [0, -1, 10_001, 2**31 - 1, 2])
async def test_bad_part_numbers_are_field_errors_and_keep_the_upload_open(gql, number):
    token = (await signup(gql))["accessToken"]
    upload = await start_upload(gql, token)
    body = await gql(
        COMPLETE,
        {"input": {"uploadId": upload["id"], "parts": [{"partNumber": number, "etag": "x"}]}},
        token=token,
    )
    errors = body["data"]["completeVideoUpload"]["errors"]
    assert errors == [{"field": ["parts", "0", "partNumber"], "code": "OUT_OF_RANGE"}]
    row = await VideoUpload.get(id=relay.GlobalID.from_id(upload["id"]).node_id)
    assert row.status.value == "PENDING"


async def test_the_disk_backend_refuses_a_part_shorter_than_signed(gql, client):
    token = (await signup(gql))["accessToken"]
    upload = await start_upload(gql, token, size=1000)
    part = upload["parts"][0]
    short = await client.put(part["url"], content=b"x" * 999)
    assert short.status_code == 400
    state = await gql(
        "query($id: ID!) { videoUpload(id: $id) { parts { uploaded } } }",
        {"id": upload["id"]},
        token=token,
    )
    assert state["data"]["videoUpload"]["parts"][0]["uploaded"] is False
    exact = await client.put(part["url"], content=b"x" * 1000)
    assert exact.status_code == 200


async def test_rest_upload_title_and_filename_are_checked(gql, client):
    token = (await signup(gql))["accessToken"]
    auth = {"Authorization": f"Bearer {token}"}
    titled = await client.post(
        "/api/interviews/upload-video",
        data={"video_title": "a\x00b"},
        files={"video_file": ("a.mp4", b"xyz", "video/mp4")},
        headers=auth,
    )
    assert titled.status_code == 400
    assert "NUL" in titled.json()["video_title"][0]
    body = (
        b'--XX\r\nContent-Disposition: form-data; name="video_title"\r\n\r\nIntro\r\n'
        b'--XX\r\nContent-Disposition: form-data; name="video_file"; filename="a\x00.mp4"\r\n'
        b"Content-Type: video/mp4\r\n\r\nxyz\r\n--XX--\r\n"
    )
    named = await client.post(
        "/api/interviews/upload-video",
        content=body,
        headers={**auth, "Content-Type": "multipart/form-data; boundary=XX"},
    )
    assert named.status_code == 400
    assert "NUL" in named.json()["video_file"][0]
