"""A real MediaRecorder recording from headless Chromium, uploaded as a browser does.

Chromium's fake camera and microphone record a few seconds; the page posts the
Blob to /graphql as a GraphQL multipart request (what apollo-upload-client
sends). The server must read the duration of this header-less recording right.
"""

from __future__ import annotations

import pytest
from strawberry.relay import GlobalID

from tests.fixtures import media as mf
from tests.fixtures.browser import browser_page
from tests.fixtures.graphql import signup
from vector_gql.models.media import Video

RECORD_AND_UPLOAD = """
async ([token, mimeType, seconds]) => {
  if (!MediaRecorder.isTypeSupported(mimeType)) return {unsupported: true};
  const stream = await navigator.mediaDevices.getUserMedia({video: true, audio: true});
  const recorder = new MediaRecorder(stream, {mimeType});
  const chunks = [];
  recorder.ondataavailable = (e) => chunks.push(e.data);
  const stopped = new Promise((resolve) => (recorder.onstop = resolve));
  recorder.start(500);  // timeslices, as answer recorders do
  await new Promise((r) => setTimeout(r, seconds * 1000));
  recorder.stop();
  await stopped;
  stream.getTracks().forEach((t) => t.stop());
  const blob = new Blob(chunks, {type: mimeType});
  const query = `mutation($input: UploadVideoInput!) { uploadVideo(input: $input) {
      video { id contentType durationSeconds width height codec sizeBytes }
      errors { code message } } }`;
  const form = new FormData();
  const operations = {query, variables: {input: {title: "Answer", file: null}}};
  form.append("operations", JSON.stringify(operations));
  form.append("map", JSON.stringify({"0": ["variables.input.file"]}));
  form.append("0", blob, "answer");
  const response = await fetch("/graphql", {
    method: "POST",
    headers: {"Authorization": "Bearer " + token, "Apollo-Require-Preflight": "true"},
    body: form,
  });
  return {status: response.status, body: await response.json(), size: blob.size};
}
"""


@pytest.mark.parametrize(
    ("mime_type", "content_type"),
    [("video/webm;codecs=vp8,opus", "video/webm"), ("video/mp4", "video/mp4")],
)
async def test_mediarecorder_recording_uploads_with_the_right_duration(
    live_server, gql, app, mime_type, content_type
):
    token = (await signup(gql, "rec"))["accessToken"]
    async with browser_page() as page:
        await page.goto(f"{live_server}/healthz")
        result = await page.evaluate(RECORD_AND_UPLOAD, [token, mime_type, 3])
    if result.get("unsupported"):
        pytest.skip(f"this Chromium cannot record {mime_type}")
    assert result["status"] == 200, result
    payload = result["body"]["data"]["uploadVideo"]
    assert payload["errors"] == [], payload
    video = payload["video"]
    assert video["contentType"] == content_type
    assert video["sizeBytes"] == result["size"]
    assert video["width"] > 0 and video["height"] > 0
    # The recording lasts about as long as the page recorded...
    assert 2.0 < video["durationSeconds"] < 4.5
    # ...and exactly what ffprobe measures, where ffprobe is installed.
    row = await Video.get(id=int(GlobalID.from_id(video["id"]).node_id))
    path = app.state.services.storage.path_for(row.storage_key)
    reference = mf.ffprobe_duration(path) or mf.ffprobe_packet_span(path)
    if reference is not None:
        assert abs(video["durationSeconds"] - reference) <= max(0.1, 0.02 * reference)
