"""Storage layer tests, run against both backends: disk and S3 (a real SeaweedFS).

Disk signed URLs go through the storage routes mounted in a tiny Starlette app (ASGI
transport); S3 presigned URLs are fetched over real HTTP from SeaweedFS. SeaweedFS is
started once per session by ``tests/seaweed.py`` (or reused from
``VECTOR_TEST_S3_ENDPOINT_URL`` with the ``AWS_*`` credentials, e.g. when the tests run
under ``python tests/seaweed.py -- pytest``).
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import os
import socket
import tempfile
import tracemalloc
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO, cast
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import FileResponse

from tests.fixtures.storage import s3_for
from vector_gql.config import Settings
from vector_gql.storage import (
    MIN_PART_BYTES,
    InvalidUpload,
    ObjectNotFound,
    Storage,
    StorageError,
    make_storage,
    validate_key,
)
from vector_gql.storage.disk import DiskStorage
from vector_gql.storage.routes import storage_routes
from vector_gql.storage.s3 import S3Storage
from vector_gql.storage.signing import URL_SIGNING_LABEL, UrlSigner, hkdf_sha256

MiB = 1024 * 1024
PUBLIC_URL = "http://testserver"
SECRET = "storage-test-secret-0123456789abcdef"


# -- fixtures -------------------------------------------------------------------------------


def _disk(root: Path, **kwargs) -> DiskStorage:
    return DiskStorage(root, signer=UrlSigner.from_secret(SECRET), public_url=PUBLIC_URL, **kwargs)


@pytest.fixture(params=["disk", "s3"])
def any_storage(request, tmp_path) -> Storage:
    if request.param == "disk":
        return _disk(tmp_path / "storage", max_upload_bytes=64 * MiB)
    return request.getfixturevalue("s3_storage")


@dataclass
class Backend:
    storage: Storage
    http: httpx.AsyncClient  # reaches the storage's signed URLs
    prefix: str

    def key(self, name: str = "video") -> str:
        return f"{self.prefix}/{name}"


@pytest.fixture
async def backend(any_storage: Storage) -> AsyncIterator[Backend]:
    if isinstance(any_storage, DiskStorage):
        app = Starlette(routes=storage_routes(any_storage))
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), timeout=30)
    else:
        assert storage_routes(any_storage) == []
        client = httpx.AsyncClient(timeout=30)
    async with client:
        yield Backend(any_storage, client, f"t/{uuid.uuid4().hex}")


# -- helpers --------------------------------------------------------------------------------


async def read_all(storage: Storage, key: str, chunk_size: int = 1 << 20) -> bytes:
    return b"".join([chunk async for chunk in storage.open_read(key, chunk_size=chunk_size)])


def random_file(size: int) -> tuple[BinaryIO, str]:
    """A spooled temp file of ``size`` random bytes (made in 1 MiB pieces) and its sha256."""
    fh = tempfile.SpooledTemporaryFile(max_size=MiB)  # noqa: SIM115 - the caller closes it
    digest = hashlib.sha256()
    remaining = size
    while remaining:
        piece = os.urandom(min(MiB, remaining))
        digest.update(piece)
        fh.write(piece)
        remaining -= len(piece)
    fh.seek(0)
    return cast(BinaryIO, fh), digest.hexdigest()


def with_query(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query.update(changes)
    return urlunsplit(parts._replace(query=urlencode(query)))


def tamper(url: str, param: str) -> str:
    """The URL with the last character of one query parameter changed."""
    value = dict(parse_qsl(urlsplit(url).query))[param]
    return with_query(url, **{param: value[:-1] + ("0" if value[-1] != "0" else "1")})


def signature_param(storage: Storage) -> str:
    return "sig" if isinstance(storage, DiskStorage) else "X-Amz-Signature"


async def put_part(backend: Backend, key: str, upload_id: str, number: int, data: bytes) -> str:
    url = await backend.storage.presign_part(key, upload_id, number, expires_in=600)
    response = await backend.http.put(url, content=data)
    assert response.status_code == 200, response.text
    etag = response.headers["etag"]
    assert etag == f'"{hashlib.md5(data).hexdigest()}"'
    return etag


async def pending_ids(storage: Storage, prefix: str) -> set[str]:
    return {
        u.upload_id
        for u in await storage.list_multipart_uploads()
        if u.key.startswith(prefix + "/")
    }


# -- objects ----------------------------------------------------------------------------------


async def test_storage_put_and_read_back(backend: Backend) -> None:
    storage, key = backend.storage, backend.key()
    assert not await storage.exists(key)
    assert await storage.size(key) is None
    await storage.put(key, io.BytesIO(b"hello video"), content_type="video/webm", size=11)
    assert await storage.exists(key)
    assert await storage.size(key) == 11
    assert await read_all(storage, key) == b"hello video"
    assert [c async for c in storage.open_read(key, chunk_size=4)] == [b"hell", b"o vi", b"deo"]
    # put over an existing key replaces it
    await storage.put(key, io.BytesIO(b"second"), content_type="video/webm")
    assert await read_all(storage, key) == b"second"


async def test_storage_stat_names_the_version_without_reading(
    backend: Backend, monkeypatch
) -> None:
    storage, key = backend.storage, backend.key()
    assert await storage.stat(key) is None
    await storage.put(key, io.BytesIO(b"first version"), content_type="image/jpeg")

    def no_reading(*args, **kwargs):
        raise AssertionError("stat read the object")

    monkeypatch.setattr(storage, "open_read", no_reading)
    first = await storage.stat(key)
    assert first is not None and first.size == len(b"first version") and first.version
    assert await storage.stat(key) == first
    monkeypatch.undo()
    await storage.put(key, io.BytesIO(b"the second version"), content_type="image/jpeg")
    second = await storage.stat(key)
    assert second is not None and second.size == len(b"the second version")
    assert second.version != first.version


async def test_storage_reads_one_byte_range(backend: Backend) -> None:
    storage, key = backend.storage, backend.key()
    data = bytes(range(256)) * 40  # 10240 bytes
    await storage.put(key, io.BytesIO(data), content_type="video/mp4")

    async def read(**kwargs: Any) -> list[bytes]:
        return [c async for c in storage.open_read(key, **kwargs)]

    assert b"".join(await read(start=100, end=200)) == data[100:200]
    assert b"".join(await read(start=10000)) == data[10000:]
    assert b"".join(await read(end=16)) == data[:16]
    assert b"".join(await read(start=len(data) - 1, end=len(data))) == data[-1:]
    assert b"".join(await read(start=5, end=5)) == b""
    chunks = await read(start=1000, end=1010, chunk_size=4)
    assert b"".join(chunks) == data[1000:1010] and all(len(c) <= 4 for c in chunks)


async def test_storage_put_large_file_streams(backend: Backend) -> None:
    """20 MB: more than one S3 transfer chunk, so boto3 uploads it in parts."""
    storage, key = backend.storage, backend.key("large")
    size = 20 * 1000 * 1000
    fh, expected = random_file(size)
    with fh:
        await storage.put(key, fh, content_type="video/mp4", size=size)
    assert await storage.size(key) == size
    digest = hashlib.sha256()
    async for chunk in storage.open_read(key, chunk_size=MiB):
        assert 0 < len(chunk) <= MiB
        digest.update(chunk)
    assert digest.hexdigest() == expected
    async with storage.local_copy(key) as path:
        assert path.stat().st_size == size
        assert hashlib.sha256(path.read_bytes()).hexdigest() == expected


async def test_storage_put_holds_little_of_a_large_file_in_memory(backend: Backend) -> None:
    """40 MB from a file on disk: no backend keeps whole transfer parts (8 MB) in memory.

    boto3's upload_fileobj copies every part in flight into memory, and reads parts ahead
    of the requests that send them (80 MB a put by default); for a 1 GB upload that was
    the server's largest memory cost. What a request in flight may hold is botocore's
    1 MiB checksum read of its part, not the part.
    """
    storage, key = backend.storage, backend.key("memory")
    size = 40 * 1000 * 1000
    fh, expected = random_file(size)
    with fh:
        fh.fileno()  # on disk, as a large upload is once the form parser has spooled it
        tracemalloc.start()
        try:
            await storage.put(key, fh, content_type="video/mp4", size=size)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    in_flight = 1
    if isinstance(storage, S3Storage):
        in_flight = storage.file_transfer_config.max_concurrency
    limit = max(8 * MiB, in_flight * 3 * MiB // 2)
    assert peak < limit, f"put held {peak / MiB:.1f} MiB at its peak"
    digest = hashlib.sha256()
    async for chunk in storage.open_read(key):
        digest.update(chunk)
    assert digest.hexdigest() == expected


async def test_storage_put_stores_the_rest_of_a_file(backend: Backend) -> None:
    storage, key = backend.storage, backend.key()
    with tempfile.TemporaryFile() as fh:
        fh.write(b"skip this|keep this")
        fh.seek(len(b"skip this|"))
        await storage.put(key, fh, content_type="video/webm")
    assert await read_all(storage, key) == b"keep this"
    with tempfile.SpooledTemporaryFile(max_size=MiB) as small:  # still in memory
        small.write(b"small one")
        small.seek(0)
        await storage.put(key, cast(BinaryIO, small), content_type="video/webm")
    assert await read_all(storage, key) == b"small one"


async def test_storage_delete_is_idempotent(backend: Backend) -> None:
    storage, key = backend.storage, backend.key()
    await storage.delete(key)  # never existed
    await storage.put(key, io.BytesIO(b"x"), content_type="video/webm")
    await storage.delete(key)
    assert not await storage.exists(key)
    assert await storage.size(key) is None
    await storage.delete(key)


async def test_storage_missing_object(backend: Backend) -> None:
    storage, key = backend.storage, backend.key("missing")
    with pytest.raises(ObjectNotFound) as caught:
        await read_all(storage, key)
    assert isinstance(caught.value, StorageError)
    with pytest.raises(ObjectNotFound):
        async with storage.local_copy(key):
            pass


async def test_storage_local_copy(backend: Backend) -> None:
    storage, key = backend.storage, backend.key()
    await storage.put(key, io.BytesIO(b"probe me"), content_type="video/webm")
    async with storage.local_copy(key) as path:
        assert path.read_bytes() == b"probe me"
    if isinstance(storage, DiskStorage):
        assert path.exists()  # the real file
    else:
        assert not path.exists()  # the temporary download is gone


async def test_storage_hashed_local_copy(backend: Backend) -> None:
    """The bytes, their size and their sha256, from one read of the object."""
    storage, key = backend.storage, backend.key("hashed")
    size = 20 * 1000 * 1000
    fh, expected = random_file(size)
    with fh:
        await storage.put(key, fh, content_type="video/mp4", size=size)
    async with storage.hashed_local_copy(key) as copy:
        assert (copy.size, copy.sha256) == (size, expected)
        assert hashlib.sha256(copy.path.read_bytes()).hexdigest() == expected
    assert copy.path.exists() == isinstance(storage, DiskStorage)  # S3's download is gone
    with pytest.raises(ObjectNotFound):
        async with storage.hashed_local_copy(backend.key("missing")):
            pass


@pytest.mark.parametrize(
    "bad_key",
    ["../x", "/x", "videos/../x", "videos/./x", "a//b", "a/", ".uploads/x", "", "x\\y", "a\nb"],
)
async def test_storage_rejects_unsafe_keys(backend: Backend, bad_key: str) -> None:
    storage = backend.storage
    with pytest.raises(ValueError):
        validate_key(bad_key)
    with pytest.raises(ValueError):
        await storage.put(bad_key, io.BytesIO(b"x"), content_type="text/plain")
    with pytest.raises(ValueError):
        await read_all(storage, bad_key)
    for call in (
        storage.exists(bad_key),
        storage.size(bad_key),
        storage.delete(bad_key),
        storage.signed_download_url(bad_key, expires_in=60),
        storage.create_multipart(bad_key, content_type="video/webm"),
    ):
        with pytest.raises(ValueError):
            await call
    if isinstance(storage, DiskStorage):
        assert not (storage.root.parent / "x").exists()


# -- signed downloads -------------------------------------------------------------------------


async def test_storage_signed_download_url(backend: Backend) -> None:
    storage, key = backend.storage, backend.key()
    await storage.put(key, io.BytesIO(b"0123456789" * 100), content_type="video/webm")

    url = await storage.signed_download_url(key, expires_in=300)
    response = await backend.http.get(url)
    assert response.status_code == 200
    assert response.content == b"0123456789" * 100
    assert response.headers["content-type"] == "video/webm"
    assert response.headers["content-length"] == "1000"

    url = await storage.signed_download_url(
        key, expires_in=300, filename="Ansön answer.webm", content_type="video/x-custom"
    )
    response = await backend.http.get(url)
    assert response.status_code == 200
    assert response.content == b"0123456789" * 100
    assert response.headers["content-type"] == "video/x-custom"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''Ans%C3%B6n%20answer.webm" in disposition


async def test_storage_signed_url_tampered_is_refused(backend: Backend) -> None:
    storage, key = backend.storage, backend.key()
    await storage.put(key, io.BytesIO(b"secret"), content_type="video/webm")
    url = await storage.signed_download_url(key, expires_in=300, filename="a.webm")
    assert (await backend.http.get(url)).status_code == 200

    bad_sig = tamper(url, signature_param(storage))
    assert (await backend.http.get(bad_sig)).status_code == 403
    other_key = url.replace(key, backend.key("other"))
    assert (await backend.http.get(other_key)).status_code == 403
    if isinstance(storage, DiskStorage):
        changed = with_query(url, filename="evil.html")
        later = with_query(
            url, expires=str(int(dict(parse_qsl(urlsplit(url).query))["expires"]) + 1)
        )
        assert (await backend.http.get(later)).status_code == 403
    else:
        changed = with_query(url, **{"response-content-disposition": "inline"})
    assert (await backend.http.get(changed)).status_code == 403
    unsigned = urlunsplit(urlsplit(url)._replace(query=""))
    assert (await backend.http.get(unsigned)).status_code == 403


async def test_storage_signed_url_expired_is_refused(backend: Backend) -> None:
    storage, key = backend.storage, backend.key()
    await storage.put(key, io.BytesIO(b"old"), content_type="video/webm")
    if isinstance(storage, DiskStorage):
        url = await storage.signed_download_url(key, expires_in=-1)
    else:  # S3 wants a positive lifetime
        url = await storage.signed_download_url(key, expires_in=1)
        await asyncio.sleep(2.2)
    response = await backend.http.get(url)
    assert response.status_code == 403
    if isinstance(storage, DiskStorage):
        assert response.text == "Link expired"


async def test_storage_range_requests(backend: Backend) -> None:
    storage, key = backend.storage, backend.key()
    data = bytes(range(256)) * 40  # 10240 bytes
    await storage.put(key, io.BytesIO(data), content_type="video/mp4")
    url = await storage.signed_download_url(key, expires_in=300)

    response = await backend.http.get(url, headers={"Range": "bytes=100-199"})
    assert response.status_code == 206
    assert response.content == data[100:200]
    assert response.headers["content-range"] == f"bytes 100-199/{len(data)}"
    assert response.headers["content-length"] == "100"

    response = await backend.http.get(url, headers={"Range": "bytes=10000-"})
    assert response.status_code == 206
    assert response.content == data[10000:]

    response = await backend.http.get(url, headers={"Range": "bytes=-16"})
    assert response.status_code == 206
    assert response.content == data[-16:]

    response = await backend.http.get(url, headers={"Range": f"bytes={len(data) + 10}-"})
    assert response.status_code == 416
    if isinstance(storage, DiskStorage):
        assert response.headers["content-range"] == f"bytes */{len(data)}"
        whole = await backend.http.get(url)
        assert whole.status_code == 200 and whole.headers["accept-ranges"] == "bytes"
        # Several ranges: one multipart/byteranges answer (the routes' docstring says so).
        response = await backend.http.get(url, headers={"Range": "bytes=0-1,100-101"})
        assert response.status_code == 206
        assert response.headers["content-type"].startswith("multipart/byteranges")
        assert f"Content-Range: bytes 100-101/{len(data)}".encode() in response.content


async def test_storage_refused_link_gets_no_bytes_with_a_range(backend: Backend) -> None:
    storage, key = backend.storage, backend.key()
    data = bytes(range(256)) * 40
    await storage.put(key, io.BytesIO(data), content_type="video/mp4")
    url = await storage.signed_download_url(key, expires_in=300)
    unsigned = urlunsplit(urlsplit(url)._replace(query=""))
    for range_ in ("bytes=0-99", "bytes=-16", f"bytes={len(data) + 1}-"):
        response = await backend.http.get(unsigned, headers={"Range": range_})
        assert response.status_code == 403
        assert "content-range" not in response.headers
        assert data[:16] not in response.content


# -- multipart --------------------------------------------------------------------------------


async def test_storage_multipart_resume_and_complete(backend: Backend) -> None:
    storage, key = backend.storage, backend.key("answer")
    part1, part2, part3 = os.urandom(MIN_PART_BYTES), os.urandom(MIN_PART_BYTES), b"tail" * 999
    upload_id = await storage.create_multipart(key, content_type="video/webm")
    assert upload_id in await pending_ids(storage, backend.prefix)
    assert await storage.list_parts(key, upload_id) == []

    # Part 2 "dropped" on the first attempt.
    etag1 = await put_part(backend, key, upload_id, 1, part1)
    etag3 = await put_part(backend, key, upload_id, 3, part3)
    listed = await storage.list_parts(key, upload_id)
    assert [(p.number, p.size, p.etag) for p in listed] == [
        (1, len(part1), etag1),
        (3, len(part3), etag3),
    ]

    # Resume: upload the missing part; a retry (response lost) sends the same bytes again.
    etag2 = await put_part(backend, key, upload_id, 2, part2)
    assert await put_part(backend, key, upload_id, 2, part2) == etag2
    listed = await storage.list_parts(key, upload_id)
    assert [(p.number, p.size, p.etag) for p in listed] == [
        (1, len(part1), etag1),
        (2, len(part2), etag2),
        (3, len(part3), etag3),
    ]

    await storage.complete_multipart(key, upload_id, [(p.number, p.etag) for p in listed])
    expected = hashlib.sha256(part1 + part2 + part3).hexdigest()
    assert hashlib.sha256(await read_all(storage, key)).hexdigest() == expected
    assert await storage.size(key) == len(part1) + len(part2) + len(part3)
    assert upload_id not in await pending_ids(storage, backend.prefix)
    response = await backend.http.get(await storage.signed_download_url(key, expires_in=60))
    assert response.headers["content-type"] == "video/webm"
    if isinstance(storage, DiskStorage):
        assert not (storage.root / ".uploads" / upload_id).exists()


async def test_storage_multipart_part_replaced_by_new_bytes(backend: Backend) -> None:
    storage, key = backend.storage, backend.key()
    upload_id = await storage.create_multipart(key, content_type="video/webm")
    await put_part(backend, key, upload_id, 1, b"first version")
    if isinstance(storage, S3Storage):
        # SeaweedFS keeps both uploads of the part with one-second timestamps; the
        # backend reports the newest, so make "newest" unambiguous.
        await asyncio.sleep(1.1)
    etag = await put_part(backend, key, upload_id, 1, b"second version")
    listed = await storage.list_parts(key, upload_id)
    assert [(p.number, p.etag) for p in listed] == [(1, etag)]
    await storage.complete_multipart(key, upload_id, [(p.number, p.etag) for p in listed])
    assert await read_all(storage, key) == b"second version"


async def test_storage_multipart_single_small_part(backend: Backend) -> None:
    """The last (here: only) part may be smaller than 5 MiB."""
    storage, key = backend.storage, backend.key()
    upload_id = await storage.create_multipart(key, content_type="video/webm")
    etag = await put_part(backend, key, upload_id, 1, b"short")
    await storage.complete_multipart(key, upload_id, [(1, etag.strip('"'))])  # quotes optional
    assert await read_all(storage, key) == b"short"


async def test_storage_multipart_wrong_etag_keeps_nothing(backend: Backend) -> None:
    storage, key = backend.storage, backend.key()
    upload_id = await storage.create_multipart(key, content_type="video/webm")
    etag1 = await put_part(backend, key, upload_id, 1, os.urandom(MIN_PART_BYTES))
    etag2 = await put_part(backend, key, upload_id, 2, b"end")

    with pytest.raises(InvalidUpload) as caught:
        await storage.complete_multipart(key, upload_id, [(1, etag2), (2, etag2)])
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, StorageError)
    assert not await storage.exists(key)
    # Like S3, a failed completion leaves the upload in place to fix or abort.
    assert upload_id in await pending_ids(storage, backend.prefix)
    assert len(await storage.list_parts(key, upload_id)) == 2

    await storage.abort_multipart(key, upload_id)
    assert not await storage.exists(key)
    assert upload_id not in await pending_ids(storage, backend.prefix)
    assert etag1  # uploaded, then discarded


async def test_storage_multipart_missing_part_fails(backend: Backend) -> None:
    storage, key = backend.storage, backend.key()
    upload_id = await storage.create_multipart(key, content_type="video/webm")
    etag1 = await put_part(backend, key, upload_id, 1, os.urandom(MIN_PART_BYTES))
    with pytest.raises(InvalidUpload):
        await storage.complete_multipart(key, upload_id, [(1, etag1), (2, etag1)])
    assert not await storage.exists(key)
    await storage.abort_multipart(key, upload_id)


async def test_storage_multipart_small_middle_part_fails(backend: Backend) -> None:
    """Like AWS: every part but the last must be at least 5 MiB."""
    storage, key = backend.storage, backend.key()
    upload_id = await storage.create_multipart(key, content_type="video/webm")
    etag1 = await put_part(backend, key, upload_id, 1, b"a" * 1024)
    etag2 = await put_part(backend, key, upload_id, 2, b"b" * 1024)
    with pytest.raises(InvalidUpload):
        await storage.complete_multipart(key, upload_id, [(1, etag1), (2, etag2)])
    assert not await storage.exists(key)
    await storage.abort_multipart(key, upload_id)


async def test_storage_multipart_abort_removes_everything(backend: Backend) -> None:
    storage, key = backend.storage, backend.key()
    upload_id = await storage.create_multipart(key, content_type="video/webm")
    await put_part(backend, key, upload_id, 1, os.urandom(MiB))
    await storage.abort_multipart(key, upload_id)
    assert upload_id not in await pending_ids(storage, backend.prefix)
    with pytest.raises(InvalidUpload):
        await storage.list_parts(key, upload_id)
    with pytest.raises(InvalidUpload):
        await storage.complete_multipart(key, upload_id, [(1, '"00"')])
    assert not await storage.exists(key)
    await storage.abort_multipart(key, upload_id)  # idempotent
    if isinstance(storage, DiskStorage):
        assert not (storage.root / ".uploads" / upload_id).exists()
    # A part PUT for the aborted upload is refused.
    url = await storage.presign_part(key, upload_id, 2, expires_in=60)
    assert (await backend.http.put(url, content=b"late")).status_code == 404


async def test_storage_list_multipart_uploads(backend: Backend) -> None:
    storage = backend.storage
    before = datetime.now(UTC) - timedelta(seconds=5)
    first = await storage.create_multipart(backend.key("a"), content_type="video/webm")
    second = await storage.create_multipart(backend.key("b"), content_type="video/webm")
    pending = [
        u for u in await storage.list_multipart_uploads() if u.key.startswith(backend.prefix)
    ]
    assert {(u.key, u.upload_id) for u in pending} == {
        (backend.key("a"), first),
        (backend.key("b"), second),
    }
    for upload in pending:
        assert upload.started_at.tzinfo is not None
        assert before <= upload.started_at <= datetime.now(UTC) + timedelta(seconds=5)
        await storage.abort_multipart(upload.key, upload.upload_id)
    assert await pending_ids(storage, backend.prefix) == set()


async def test_storage_part_url_tampered_is_refused(backend: Backend) -> None:
    storage, key = backend.storage, backend.key()
    upload_id = await storage.create_multipart(key, content_type="video/webm")
    url = await storage.presign_part(key, upload_id, 1, expires_in=60)
    bad = tamper(url, signature_param(storage))
    assert (await backend.http.put(bad, content=b"x")).status_code == 403
    if isinstance(storage, DiskStorage):
        other_part = url.replace(f"/{upload_id}/1?", f"/{upload_id}/2?")
    else:
        other_part = with_query(url, partNumber="2")
    assert (await backend.http.put(other_part, content=b"x")).status_code == 403
    assert await storage.list_parts(key, upload_id) == []
    await storage.abort_multipart(key, upload_id)


# -- readiness and errors ---------------------------------------------------------------------


async def test_storage_ping(backend: Backend) -> None:
    await backend.storage.ping()


async def test_storage_s3_unreachable_raises_storage_error(seaweed) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    down = S3Storage(
        "nowhere",
        endpoint_url=f"http://127.0.0.1:{port}",
        access_key_id="x",
        secret_access_key="y",
        connect_timeout=1,
        max_attempts=1,
    )
    try:
        with pytest.raises(StorageError) as caught:
            await down.ping()
        assert str(caught.value) == "Storage is unavailable, try again"
        assert caught.value.__cause__ is not None
        with pytest.raises(StorageError):
            await down.put("videos/x", io.BytesIO(b"x"), content_type="video/webm")
    finally:
        await down.close()

    missing_bucket = s3_for(seaweed, f"missing-{uuid.uuid4().hex[:12]}", max_attempts=1)
    try:
        with pytest.raises(StorageError) as caught:
            await missing_bucket.ping()
        assert not isinstance(caught.value, ObjectNotFound)
    finally:
        await missing_bucket.close()


# -- disk specifics ---------------------------------------------------------------------------


async def test_storage_disk_part_upload_size_cap(tmp_path: Path) -> None:
    storage = _disk(tmp_path, max_upload_bytes=1000)
    app = Starlette(routes=storage_routes(storage))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app)) as http:
        upload_id = await storage.create_multipart("videos/a", content_type="video/webm")
        url = await storage.presign_part("videos/a", upload_id, 1, expires_in=60)

        response = await http.put(url, content=b"x" * 1001)  # declared Content-Length
        assert response.status_code == 413

        async def body() -> AsyncIterator[bytes]:  # no Content-Length: counted as it arrives
            for _ in range(10):
                yield b"y" * 300

        response = await http.put(url, content=body())
        assert response.status_code == 413
        assert await storage.list_parts("videos/a", upload_id) == []
        assert os.listdir(tmp_path / ".uploads" / upload_id) == ["upload.json"]

        response = await http.put(url, content=b"z" * 1000)
        assert response.status_code == 200
        assert response.headers["access-control-expose-headers"] == "ETag"


async def test_storage_disk_routes_never_escape_root(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("do not serve")
    storage = _disk(tmp_path / "storage")
    await storage.put("videos/a", io.BytesIO(b"ok"), content_type="video/webm")
    app = Starlette(routes=storage_routes(storage))
    signer = storage.signer
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app)) as http:
        for raw in ("../secret.txt", "videos/../../secret.txt", "%2e%2e/secret.txt"):
            path = f"/storage/{raw}"
            expires = 2**40
            sig = signer.signature("GET", path, expires)
            response = await http.get(f"{PUBLIC_URL}{path}?expires={expires}&sig={sig}")
            assert response.status_code in (403, 404)
            assert b"do not serve" not in response.content
        bogus = "/storage-upload/..%2F..%2Fx/1"
        assert (await http.put(f"{PUBLIC_URL}{bogus}?expires=1&sig=0")).status_code in (403, 404)


async def test_storage_disk_head_and_headers(tmp_path: Path) -> None:
    storage = _disk(tmp_path)
    await storage.put("videos/a", io.BytesIO(b"abc"), content_type="video/webm")
    app = Starlette(routes=storage_routes(storage))
    url = await storage.signed_download_url("videos/a", expires_in=60)
    assert url.startswith(f"{PUBLIC_URL}/storage/videos/a?expires=")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app)) as http:
        response = await http.head(url)
        assert response.status_code == 200
        assert response.headers["content-length"] == "3"
        assert response.headers["accept-ranges"] == "bytes"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["content-disposition"] == "inline"
    # Nothing but the object and its metadata is left behind (no temp files).
    files = await asyncio.to_thread(lambda: [p for p in tmp_path.rglob("*") if p.is_file()])
    names = sorted(str(p.relative_to(tmp_path)) for p in files)
    assert names == [".meta/videos/a.json", "videos/a"]


def test_storage_signing_key_is_derived_and_binds_everything() -> None:
    signer = UrlSigner.from_secret(SECRET)
    raw = UrlSigner(SECRET.encode())
    assert signer.signature("GET", "/storage/a", 10) != raw.signature("GET", "/storage/a", 10)
    assert hkdf_sha256(SECRET.encode(), URL_SIGNING_LABEL) != hkdf_sha256(
        SECRET.encode(), b"another purpose"
    )
    sig = signer.signature("GET", "/storage/a", 100, filename="f.webm", content_type="video/webm")
    ok: dict[str, Any] = {"filename": "f.webm", "content_type": "video/webm", "now": 50}
    assert signer.verify("GET", "/storage/a", "100", sig, **ok) is None
    assert signer.verify("PUT", "/storage/a", "100", sig, **ok) == "Invalid signature"
    assert signer.verify("GET", "/storage/b", "100", sig, **ok) == "Invalid signature"
    assert signer.verify("GET", "/storage/a", "101", sig, **ok) == "Invalid signature"
    assert signer.verify("GET", "/storage/a", "x", sig, **ok) == "Invalid signature"
    assert signer.verify("GET", "/storage/a", "100", None, **ok) == "Missing signature"
    assert (
        signer.verify("GET", "/storage/a", "100", sig, filename="g.webm", now=50)
        == "Invalid signature"
    )
    assert (
        signer.verify(
            "GET", "/storage/a", "100", sig, filename="f.webm", content_type="video/webm", now=101
        )
        == "Link expired"
    )


async def test_storage_make_storage_picks_backend(tmp_path: Path) -> None:
    disk = make_storage(
        Settings(data_dir=tmp_path, public_url="https://app.example", jwt_secret=SECRET)
    )
    assert isinstance(disk, DiskStorage)
    assert disk.name == "disk"
    assert disk.root == (tmp_path / "storage").absolute()
    assert isinstance(disk, Storage)

    s3 = make_storage(
        Settings(
            storage_backend="s3",
            s3_bucket="videos-bucket",
            s3_endpoint_url="http://127.0.0.1:1",
            s3_region="eu-west-1",
        )
    )
    assert isinstance(s3, S3Storage)
    assert s3.name == "s3"
    assert s3.client.meta.region_name == "eu-west-1"
    assert isinstance(s3, Storage)
    assert storage_routes(s3) == []
    await s3.close()


async def test_storage_disk_validators_and_conditional_get(tmp_path: Path) -> None:
    storage = _disk(tmp_path)
    await storage.put("videos/a", io.BytesIO(b"abcdef"), content_type="video/webm")
    app = Starlette(routes=storage_routes(storage))
    url = await storage.signed_download_url("videos/a", expires_in=60)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app)) as http:
        got = await http.get(url)
        etag, modified = got.headers["etag"], got.headers["last-modified"]
        assert got.status_code == 200 and got.content == b"abcdef" and etag.startswith('"')
        head = await http.head(url)
        assert head.status_code == 200 and head.content == b""
        assert (head.headers["etag"], head.headers["last-modified"]) == (etag, modified)
        assert head.headers["content-length"] == "6"

        for method in (http.get, http.head):
            same = await method(url, headers={"If-None-Match": f'"other", W/{etag}'})
            assert same.status_code == 304 and same.content == b""
            assert same.headers["etag"] == etag and "content-length" not in same.headers
            since = await method(url, headers={"If-Modified-Since": modified})
            assert since.status_code == 304
        changed = await http.get(url, headers={"If-None-Match": '"other"'})
        assert changed.status_code == 200 and changed.content == b"abcdef"
        resumed = await http.get(url, headers={"Range": "bytes=2-3", "If-Range": etag})
        assert resumed.status_code == 206 and resumed.content == b"cd"

        # One maker for each validator: Starlette's FileResponse, once per answer.
        path = storage.path_for("videos/a")
        made = FileResponse(path, stat_result=os.stat(path)).headers
        assert (etag, modified) == (made["etag"], made["last-modified"])
        for answer in (got, head, same, resumed):
            for name in ("etag", "last-modified", "cache-control"):
                assert len(answer.headers.get_list(name)) == 1, (answer.status_code, name)
        assert got.headers["content-type"] == "video/webm"
        # A new version of the file is a new validator.
        await storage.put("videos/a", io.BytesIO(b"abcdefg"), content_type="video/webm")
        os.utime(path, ns=(0, 10**18))
        again = await http.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 200 and again.content == b"abcdefg"
        assert again.headers["etag"] != etag

        # A refused link learns nothing, whatever it asks and however.
        bad = url.replace("sig=", "sig=0")
        for method in (http.get, http.head):
            for headers in ({}, {"If-None-Match": etag}, {"If-Modified-Since": modified}):
                refused = await method(bad, headers=headers)
                assert refused.status_code == 403
                assert "etag" not in refused.headers and "last-modified" not in refused.headers
                assert b"abcdef" not in refused.content
