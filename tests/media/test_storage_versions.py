"""Reading one version of an object, on both backends: what ``stat`` said of an object
(its size, its version) is true of the bytes a read with that version gives, or the read
fails with ``ObjectChanged`` before any byte."""

from __future__ import annotations

import io
import uuid
from pathlib import Path

import pytest

from vector_gql.storage import ObjectChanged, ObjectNotFound, Storage, StorageError
from vector_gql.storage.disk import DiskStorage
from vector_gql.storage.signing import UrlSigner


@pytest.fixture(params=["disk", "s3"])
def storage(request, tmp_path: Path) -> Storage:
    if request.param == "disk":
        signer = UrlSigner.from_secret("storage-versions-secret-0123456789")
        return DiskStorage(tmp_path / "storage", signer=signer, public_url="http://testserver")
    return request.getfixturevalue("s3_storage")


async def _read(storage: Storage, key: str, **kwargs) -> bytes:
    return b"".join([chunk async for chunk in storage.open_read(key, **kwargs)])


async def test_a_read_of_a_replaced_version_fails_before_any_byte(storage: Storage) -> None:
    key = f"t/{uuid.uuid4().hex}/poster"
    await storage.put(key, io.BytesIO(b"first version"), content_type="image/jpeg")
    first = await storage.stat(key)
    assert first is not None
    assert await _read(storage, key, version=first.version) == b"first version"
    assert await _read(storage, key, version=first.version, start=6, end=13) == b"version"

    await storage.put(key, io.BytesIO(b"the second version"), content_type="image/jpeg")
    chunks = storage.open_read(key, version=first.version)
    with pytest.raises(ObjectChanged) as caught:
        await anext(chunks)
    assert isinstance(caught.value, StorageError)
    with pytest.raises(ObjectChanged):
        await _read(storage, key, version=first.version, start=0, end=4)

    second = await storage.stat(key)
    assert second is not None
    assert await _read(storage, key, version=second.version) == b"the second version"
    # Without a version, whatever is there now.
    assert await _read(storage, key) == b"the second version"

    await storage.delete(key)
    with pytest.raises(ObjectNotFound):
        await _read(storage, key, version=second.version)
