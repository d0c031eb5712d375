"""The review media routes: evaluators' browsers play and seek answers in byte ranges,
and show the recordings' posters, through links that name nothing but the answer."""

from __future__ import annotations

import hashlib
import io
from urllib.parse import urlsplit

import pytest

from tests.fixtures.teams import Team
from tests.review.blind_helpers import ASSIGNMENT, QUEUE, assign, make_review, submit_candidates
from vector_gql.models.media import Video
from vector_gql.services.media.posters import poster_key_for
from vector_gql.storage import Storage, StorageError


@pytest.fixture
async def team(gql) -> Team:
    return await Team.build(gql)


async def _answer_link(gql, team, clock, services) -> tuple[str, bytes]:
    """The path of an answer's media link, as the evaluator sees it, and its bytes."""
    review = await make_review(gql, team)
    (sub,) = await submit_candidates(
        review, ["Ada Lovelace"], now=clock.now(), storage=services.storage
    )
    body = await assign(gql, team.tokens["OWNER"], [sub.gid], [team.users["EVALUATOR"]["id"]])
    assert body["data"]["assignEvaluators"]["errors"] == []
    queue = await gql(QUEUE, {}, token=team.tokens["EVALUATOR"])
    assignment = queue["data"]["reviewQueue"]["edges"][0]["node"]["id"]
    node = (await gql(ASSIGNMENT, {"id": assignment}, token=team.tokens["EVALUATOR"]))["data"]
    url = node["node"]["answers"][0]["video"]["url"]
    video = sub.videos[0]
    data = b"".join([c async for c in services.storage.open_read(video.storage_key)])
    return urlsplit(url).path, data


async def test_answers_play_in_byte_ranges(gql, client, team, clock, services):
    path, data = await _answer_link(gql, team, clock, services)
    size = len(data)
    assert size > 300

    whole = await client.get(path)
    assert whole.status_code == 200 and whole.content == data
    assert whole.headers["accept-ranges"] == "bytes"
    assert whole.headers["content-length"] == str(size)

    part = await client.get(path, headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.content == data[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{size}"
    assert part.headers["content-length"] == "100"
    assert part.headers["accept-ranges"] == "bytes"
    assert part.headers["content-type"] == "video/mp4"
    assert part.headers["content-disposition"] == "inline"

    # Safari's first probe, an open-ended range, a suffix, and an end past the size.
    probe = await client.get(path, headers={"Range": "bytes=0-1"})
    assert probe.status_code == 206 and probe.content == data[:2]
    rest = await client.get(path, headers={"Range": f"bytes={size - 10}-"})
    assert rest.status_code == 206 and rest.content == data[-10:]
    assert rest.headers["content-range"] == f"bytes {size - 10}-{size - 1}/{size}"
    tail = await client.get(path, headers={"Range": "bytes=-16"})
    assert tail.status_code == 206 and tail.content == data[-16:]
    longer = await client.get(path, headers={"Range": f"bytes=-{size + 5}"})
    assert longer.status_code == 206 and longer.content == data
    clipped = await client.get(path, headers={"Range": f"bytes=5-{size + 100}"})
    assert clipped.status_code == 206 and clipped.content == data[5:]
    assert clipped.headers["content-range"] == f"bytes 5-{size - 1}/{size}"

    for unsatisfiable in (f"bytes={size}-", f"bytes={size + 10}-{size + 20}", "bytes=-0"):
        refused = await client.get(path, headers={"Range": unsatisfiable})
        assert refused.status_code == 416, unsatisfiable
        assert refused.headers["content-range"] == f"bytes */{size}"
        assert data[:16] not in refused.content

    # Several ranges, other units and malformed ranges are answered with the whole.
    for ignored in ("bytes=0-1,5-6", "items=0-1", "bytes=9-3", "bytes=a-b"):
        full = await client.get(path, headers={"Range": ignored})
        assert full.status_code == 200 and full.content == data, ignored


async def test_a_refused_link_gets_no_bytes_whatever_range_it_asks(
    gql, client, team, clock, services
):
    path, data = await _answer_link(gql, team, clock, services)
    tampered = path[:-1] + ("0" if path[-1] != "0" else "1")
    for headers in ({"Range": "bytes=0-99"}, {"Range": "bytes=-50"}, {"Range": "bytes=99999999-"}):
        response = await client.get(tampered, headers=headers)
        assert response.status_code == 403
        assert "content-range" not in response.headers
        assert data[:16] not in response.content
    clock.advance(days=2)
    expired = await client.get(path, headers={"Range": "bytes=0-99"})
    assert expired.status_code == 403 and data[:16] not in expired.content


async def test_head_and_conditional_requests(gql, client, team, clock, services, monkeypatch):
    path, data = await _answer_link(gql, team, clock, services)
    video = await Video.get(sha256=hashlib.sha256(data).hexdigest())
    whole = await client.get(path)
    etag = whole.headers["etag"]
    assert etag.startswith('"') and len(etag) > 20
    # Neither the digest recruiters see nor when the answer was recorded.
    assert video.sha256 not in etag and "last-modified" not in whole.headers
    assert (await client.get(path)).headers["etag"] == etag

    # HEAD: GET's headers, no body, and storage is not read.
    def no_reading(*args, **kwargs):
        raise AssertionError("HEAD read the recording")

    monkeypatch.setattr(services.storage, "open_read", no_reading)
    head = await client.head(path)
    assert head.status_code == 200 and head.content == b""
    for name in ("etag", "content-length", "content-type", "accept-ranges", "cache-control"):
        assert head.headers[name] == whole.headers[name], name
    # Only GET has ranges (RFC 9110, 14.2): a HEAD with one describes the whole recording.
    head_part = await client.head(path, headers={"Range": "bytes=0-9"})
    assert head_part.status_code == 200 and "content-range" not in head_part.headers
    assert head_part.headers["content-length"] == whole.headers["content-length"]
    for method in (client.get, client.head):
        same = await method(path, headers={"If-None-Match": f'"other", {etag}'})
        assert same.status_code == 304 and same.content == b""
        assert same.headers["etag"] == etag
    monkeypatch.undo()

    changed = await client.get(path, headers={"If-None-Match": '"stale"'})
    assert changed.status_code == 200 and changed.content == data
    resumed = await client.get(path, headers={"Range": "bytes=0-9", "If-Range": etag})
    assert resumed.status_code == 206 and resumed.content == data[:10]
    stale = await client.get(path, headers={"Range": "bytes=0-9", "If-Range": '"stale"'})
    assert stale.status_code == 200 and stale.content == data

    # A refused link gets the same 403 to every method and every condition.
    tampered = path[:-1] + ("0" if path[-1] != "0" else "1")
    clock.advance(days=2)
    for link in (tampered, path):
        for method in (client.get, client.head):
            for headers in ({}, {"If-None-Match": etag}, {"If-None-Match": "*"}):
                refused = await method(link, headers=headers)
                assert refused.status_code == 403
                assert "etag" not in refused.headers and "content-range" not in refused.headers
                assert data[:16] not in refused.content


POSTER = """
query One($id: ID!) {
  node(id: $id) { ... on Assignment { answers { video { url posterUrl } } } }
}
"""
JPEG = b"\xff\xd8\xff\xe0" + b"still" * 40


async def test_evaluators_see_the_answers_posters_through_signed_links(
    gql, client, team, clock, services, monkeypatch
):
    review = await make_review(gql, team)
    (sub,) = await submit_candidates(
        review, ["Ada Lovelace"], now=clock.now(), storage=services.storage
    )
    body = await assign(gql, team.tokens["OWNER"], [sub.gid], [team.users["EVALUATOR"]["id"]])
    assignment = body["data"]["assignEvaluators"]["assignments"][0]["id"]

    async def videos(token: str) -> list[dict] | None:
        node = (await gql(POSTER, {"id": assignment}, token=token))["data"]["node"]
        return None if node is None else [a["video"] for a in node["answers"]]

    # No poster made yet: no link.
    before = await videos(team.tokens["EVALUATOR"])
    assert before is not None and [v["posterUrl"] for v in before] == [None, None]
    first = sub.videos[0]
    poster_key = poster_key_for(first.storage_key)
    await services.storage.put(
        poster_key, io.BytesIO(JPEG), content_type="image/jpeg", size=len(JPEG)
    )
    await Video.filter(id=first.id).update(poster_key=poster_key)

    shown = await videos(team.tokens["EVALUATOR"])
    assert shown is not None and shown[1]["posterUrl"] is None
    link = shown[0]["posterUrl"]
    assert link.startswith("http") and "/review-media/posters/" in link
    for secret in (first.storage_key, poster_key, first.filename, ".jpg", ".mp4"):
        assert secret not in link
    path = urlsplit(link).path
    response = await client.get(path)
    assert response.status_code == 200 and response.content == JPEG
    assert response.headers["content-type"] == "image/jpeg"
    assert response.headers["content-disposition"] == "inline"
    assert response.headers["x-content-type-options"] == "nosniff"
    etag = response.headers["etag"]
    assert etag.startswith('"') and len(etag) > 20
    assert (await client.get(path)).headers["etag"] == etag

    # HEAD and a conditional GET read no byte of the poster.
    def no_reading(*args, **kwargs):
        raise AssertionError("the poster was read")

    monkeypatch.setattr(services.storage, "open_read", no_reading)
    head = await client.head(path)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(len(JPEG)) and head.headers["etag"] == etag
    assert head.headers["content-type"] == "image/jpeg"
    for method in (client.get, client.head):
        cached = await method(path, headers={"If-None-Match": f'"other", {etag}'})
        assert cached.status_code == 304 and cached.content == b""
        assert cached.headers["etag"] == etag
    monkeypatch.undo()

    # Nothing a recruiter sees of the poster matches the evaluator's validator: not its
    # bytes' digests, nor the ETag its own storage link answers with.
    signed = urlsplit(await services.storage.signed_download_url(poster_key, expires_in=60))
    recruiters = await client.get(f"{signed.path}?{signed.query}")
    assert recruiters.status_code == 200 and recruiters.content == JPEG
    seen = [
        recruiters.headers["etag"].strip('"'),
        hashlib.sha256(JPEG).hexdigest(),
        hashlib.md5(JPEG).hexdigest(),
    ]
    for value in seen:
        assert value not in etag and etag.strip('"') not in value

    # A new poster is a new version.
    await services.storage.put(
        poster_key, io.BytesIO(JPEG + b"more"), content_type="image/jpeg", size=len(JPEG) + 4
    )
    renewed = await client.get(path, headers={"If-None-Match": etag})
    assert renewed.status_code == 200 and renewed.content == JPEG + b"more"
    assert renewed.headers["etag"] != etag
    assert renewed.headers["content-length"] == str(len(JPEG) + 4)

    # Storage that cannot say what the poster is: a plain 503, for every method.
    async def unavailable(key):
        raise StorageError()

    monkeypatch.setattr(services.storage, "stat", unavailable)
    for method in (client.get, client.head):
        down = await method(path, headers={"If-None-Match": etag})
        assert down.status_code == 503 and down.headers["cache-control"] == "no-store"
        assert "etag" not in down.headers and JPEG not in down.content
    monkeypatch.undo()

    # Whoever cannot read the assignment gets no link.
    assert await videos(team.tokens["OUTSIDER"]) is None
    # A tampered link, the recording's link at the poster route and the poster's at the
    # recording route open nothing.
    token = path.rsplit("/", 1)[-1]
    video_token = urlsplit(shown[0]["url"]).path.rsplit("/", 1)[-1]
    for refused in (
        path[:-1] + ("0" if path[-1] != "0" else "1"),
        "/review-media/posters/" + video_token,
        "/review-media/" + token,
    ):
        answer = await client.get(refused)
        assert answer.status_code == 403, refused
        assert JPEG not in answer.content
    clock.advance(days=2)
    assert (await client.get(path)).status_code == 403


async def _poster_link(gql, team, clock, services, storage, data: bytes | None) -> str:
    """The path of an answer's poster link, as the evaluator sees it; ``data`` is stored as
    the poster (None: the poster is recorded but its file is not in storage)."""
    review = await make_review(gql, team)
    (sub,) = await submit_candidates(
        review, ["Ada Lovelace"], now=clock.now(), storage=services.storage
    )
    body = await assign(gql, team.tokens["OWNER"], [sub.gid], [team.users["EVALUATOR"]["id"]])
    assignment = body["data"]["assignEvaluators"]["assignments"][0]["id"]
    video = sub.videos[0]
    poster_key = poster_key_for(video.storage_key)
    if data is not None:
        await storage.put(poster_key, io.BytesIO(data), content_type="image/jpeg", size=len(data))
    await Video.filter(id=video.id).update(poster_key=poster_key)
    node = (await gql(POSTER, {"id": assignment}, token=team.tokens["EVALUATOR"]))["data"]
    return urlsplit(node["node"]["answers"][0]["video"]["posterUrl"]).path


@pytest.fixture(params=["disk", "s3"])
def storage(request, services, monkeypatch) -> Storage:
    """The app's storage: its disk, or for the S3 case a real SeaweedFS bucket."""
    if request.param == "disk":
        return services.storage
    s3: Storage = request.getfixturevalue("s3_storage")
    monkeypatch.setattr(services, "storage", s3)
    monkeypatch.setattr(services.review, "storage", s3)
    return s3


async def test_a_poster_replaced_while_it_is_sent_is_not_sent_under_the_old_headers(
    gql, client, team, clock, services, monkeypatch, storage
):
    path = await _poster_link(gql, team, clock, services, storage, JPEG)
    # Each request's poster is replaced, by another one, between its headers and its bytes.
    replacements = iter([JPEG + b"a newer poster", JPEG + b"the newest poster"])
    newer = JPEG
    stat = storage.stat

    async def stat_then_replace(key):
        found = await stat(key)
        nonlocal newer
        newer = next(replacements)
        await storage.put(key, io.BytesIO(newer), content_type="image/jpeg", size=len(newer))
        return found

    monkeypatch.setattr(storage, "stat", stat_then_replace)
    raced = await client.get(path)
    assert raced.status_code == 503, raced.status_code
    assert raced.headers["cache-control"] == "no-store" and raced.headers["retry-after"]
    assert "etag" not in raced.headers and JPEG not in raced.content
    # Nor a range of it.
    raced = await client.get(path, headers={"Range": "bytes=4-13"})
    assert raced.status_code == 503 and "content-range" not in raced.headers
    assert JPEG[4:14] not in raced.content
    monkeypatch.setattr(storage, "stat", stat)

    again = await client.get(path)
    assert again.status_code == 200 and again.content == newer
    assert again.headers["content-length"] == str(len(newer))
    assert (await client.head(path)).headers["etag"] == again.headers["etag"]


async def test_a_poster_gone_from_storage_opens_nothing(gql, client, team, clock, services):
    path = await _poster_link(gql, team, clock, services, services.storage, None)
    tampered = path[:-1] + ("0" if path[-1] != "0" else "1")
    bad_link = await client.get(tampered)
    assert bad_link.status_code == 403
    for method in (client.get, client.head):
        missing = await method(path)
        assert missing.status_code == 403, missing.status_code
        assert missing.headers["cache-control"] == "no-store" and "etag" not in missing.headers
        if method is client.get:
            assert missing.text == bad_link.text


async def test_a_poster_removed_while_it_is_sent_opens_nothing(
    gql, client, team, clock, services, monkeypatch
):
    storage = services.storage
    path = await _poster_link(gql, team, clock, services, storage, JPEG)
    stat = storage.stat

    async def stat_then_remove(key):
        found = await stat(key)
        await storage.delete(key)
        return found

    monkeypatch.setattr(storage, "stat", stat_then_remove)
    gone = await client.get(path)
    assert gone.status_code == 403 and JPEG not in gone.content
    assert gone.text == "This link is not valid, or has expired."


async def test_posters_answer_byte_ranges(gql, client, team, clock, services, monkeypatch, storage):
    path = await _poster_link(gql, team, clock, services, storage, JPEG)
    size = len(JPEG)
    whole = await client.get(path)
    assert whole.status_code == 200 and whole.content == JPEG
    assert whole.headers["accept-ranges"] == "bytes"
    etag = whole.headers["etag"]

    part = await client.get(path, headers={"Range": "bytes=4-13"})
    assert part.status_code == 206 and part.content == JPEG[4:14]
    assert part.headers["content-range"] == f"bytes 4-13/{size}"
    assert part.headers["content-length"] == "10"
    assert part.headers["accept-ranges"] == "bytes" and part.headers["etag"] == etag
    assert part.headers["content-type"] == "image/jpeg"
    assert part.headers["content-disposition"] == "inline"
    if storage.name == "disk":  # as recruiters' link to the stored file answers
        key = (await Video.get(poster_key__isnull=False)).poster_key
        assert key is not None
        signed = urlsplit(await storage.signed_download_url(key, expires_in=60))
        stored = await client.get(f"{signed.path}?{signed.query}", headers={"Range": "bytes=4-13"})
        assert stored.status_code == 206 and stored.content == part.content
        assert stored.headers["content-range"] == part.headers["content-range"]
    tail = await client.get(path, headers={"Range": "bytes=-5"})
    assert tail.status_code == 206 and tail.content == JPEG[-5:]
    rest = await client.get(path, headers={"Range": f"bytes={size - 3}-"})
    assert rest.status_code == 206 and rest.content == JPEG[-3:]
    for unsatisfiable in (f"bytes={size}-", "bytes=-0"):
        refused = await client.get(path, headers={"Range": unsatisfiable})
        assert refused.status_code == 416, unsatisfiable
        assert refused.headers["content-range"] == f"bytes */{size}"
        assert JPEG[:16] not in refused.content
    several = await client.get(path, headers={"Range": "bytes=0-1,5-6"})
    assert several.status_code == 200 and several.content == JPEG

    # If-Range: a range of the version the client holds, else the whole new one.
    resumed = await client.get(path, headers={"Range": "bytes=0-9", "If-Range": etag})
    assert resumed.status_code == 206 and resumed.content == JPEG[:10]
    stale = await client.get(path, headers={"Range": "bytes=0-9", "If-Range": '"stale"'})
    assert stale.status_code == 200 and stale.content == JPEG

    # HEAD ignores Range (only GET has ranges, RFC 9110, 14.2): the whole poster's
    # headers, and no byte read.
    open_read = storage.open_read

    def no_reading(*args, **kwargs):
        raise AssertionError("HEAD read the poster")

    monkeypatch.setattr(storage, "open_read", no_reading)
    for headers in ({"Range": "bytes=4-13"}, {"Range": f"bytes={size}-"}):
        head = await client.head(path, headers=headers)
        assert head.content == b"" and head.status_code == 200
        assert "content-range" not in head.headers and head.headers["content-length"] == str(size)
        for name in ("etag", "content-type", "accept-ranges"):
            assert head.headers[name] == part.headers[name], name
    monkeypatch.setattr(storage, "open_read", open_read)  # not undo(): the fixture's S3 stays
