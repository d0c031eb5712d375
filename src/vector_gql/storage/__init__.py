"""Object storage for videos: one interface, a disk backend (development) and S3.

Everything else in the app talks to :class:`Storage`; :func:`make_storage` picks the
backend from the settings. Keys look like ``videos/<uuid>`` and are validated by
:func:`validate_key` before any backend touches them.

Errors: backend failures raise :class:`StorageError` (message safe to show; the original
exception is chained as ``__cause__``). A missing object raises :class:`ObjectNotFound`;
an object replaced since the ``stat`` whose version a read asks for raises
:class:`ObjectChanged`; a multipart upload that cannot be completed (missing part,
wrong ETag, part too small, unknown upload id) raises :class:`InvalidUpload`, which is
also a ``ValueError``. An invalid key raises ``ValueError``.
"""

from __future__ import annotations

import io
import os
import re
import stat
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol, runtime_checkable

if TYPE_CHECKING:
    from vector_gql.config import Settings

__all__ = [
    "MAX_PART_NUMBER",
    "MIN_PART_BYTES",
    "HashedCopy",
    "InvalidUpload",
    "ObjectChanged",
    "ObjectNotFound",
    "ObjectStat",
    "PendingUpload",
    "Storage",
    "StorageError",
    "StoredPart",
    "content_disposition",
    "open_file_path",
    "make_storage",
    "validate_key",
]

# S3 rules, applied by the disk backend too so development behaves like production:
# every part but the last must be at least 5 MiB, part numbers run 1..10000.
MIN_PART_BYTES = 5 * 1024 * 1024
MAX_PART_NUMBER = 10_000
MAX_KEY_LENGTH = 512

# Segments start with a letter or digit (so no ".", "..", hidden names or the disk
# backend's ".uploads"/".meta" directories) and use a conservative charset.
_SEGMENT = r"[A-Za-z0-9][A-Za-z0-9._-]*"
_KEY_RE = re.compile(rf"{_SEGMENT}(?:/{_SEGMENT})*")


class StorageError(Exception):
    """A storage operation failed. ``str(error)`` is safe to show to users."""

    default_message = "Storage is unavailable, try again"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)


class ObjectNotFound(StorageError):
    """The key holds no object."""

    default_message = "The file was not found"


class ObjectChanged(StorageError):
    """The object is no longer the version a read asked for (it was replaced meanwhile)."""

    default_message = "The file changed while it was being read, try again"


class InvalidUpload(StorageError, ValueError):
    """A multipart upload cannot be used as asked (unknown id, missing/mismatched part)."""

    default_message = "The upload is incomplete or does not match; upload the parts again"


@dataclass(frozen=True, slots=True)
class StoredPart:
    number: int
    size: int
    etag: str  # quoted, as S3 returns it: '"<md5 hex>"'


@dataclass(frozen=True, slots=True)
class PendingUpload:
    key: str
    upload_id: str
    started_at: datetime  # timezone-aware, UTC


@dataclass(frozen=True, slots=True)
class HashedCopy:
    """A local file with an object's bytes, their count and their sha256 (hex)."""

    path: Path
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class ObjectStat:
    """What the backend knows of an object without reading it: its size, and a string
    that changes whenever the object does (disk: size and modification time; S3: the
    object's ETag). The version is the backend's own, as a signed URL's answer shows it."""

    size: int
    version: str


@runtime_checkable
class Storage(Protocol):
    name: str  # "disk" | "s3"

    async def put(
        self, key: str, fileobj: BinaryIO, *, content_type: str, size: int | None = None
    ) -> None:
        """Store the rest of ``fileobj`` under ``key``, streaming it (``size`` is a hint)."""
        ...

    def open_read(
        self,
        key: str,
        *,
        chunk_size: int = 1 << 20,
        start: int = 0,
        end: int | None = None,
        version: str | None = None,
    ) -> AsyncIterator[bytes]:
        """Stream the object in chunks of at most ``chunk_size`` bytes.

        ``start`` and ``end`` (exclusive, ``None`` for the object's end) read one byte
        range only, as an HTTP Range request asks; the caller keeps them within the size.
        ``version`` (a :meth:`stat`'s) reads the bytes only of that version: if the object
        was replaced since, :class:`ObjectChanged` is raised before any byte is given, so
        what was said of the object (its size, a validator) is true of the bytes.
        """
        ...

    async def delete(self, key: str) -> None:
        """Remove the object; no error if it does not exist."""
        ...

    async def exists(self, key: str) -> bool: ...

    async def size(self, key: str) -> int | None: ...

    async def stat(self, key: str) -> ObjectStat | None:
        """The object's size and version, from its metadata (no bytes are read); None if
        the key holds no object."""
        ...

    def local_copy(self, key: str) -> AbstractAsyncContextManager[Path]:
        """A local file with the object's bytes for the duration of the ``async with``."""
        ...

    def hashed_local_copy(self, key: str) -> AbstractAsyncContextManager[HashedCopy]:
        """As :meth:`local_copy`, with the bytes' size and sha256, from the same one read
        of the object (hashed as they are copied, where there is a copy to make)."""
        ...

    async def signed_download_url(
        self,
        key: str,
        *,
        expires_in: int,
        filename: str | None = None,
        content_type: str | None = None,
    ) -> str: ...

    async def create_multipart(self, key: str, *, content_type: str) -> str: ...

    async def presign_part(
        self,
        key: str,
        upload_id: str,
        part_number: int,
        *,
        expires_in: int,
        size: int | None = None,
    ) -> str:
        """A URL to PUT one part to; with ``size``, a part of another length is refused."""
        ...

    async def list_parts(self, key: str, upload_id: str) -> list[StoredPart]: ...

    async def complete_multipart(
        self, key: str, upload_id: str, parts: list[tuple[int, str]]
    ) -> None: ...

    async def abort_multipart(self, key: str, upload_id: str) -> None:
        """Discard the upload and its parts; no error if it is already gone."""
        ...

    async def list_multipart_uploads(self) -> list[PendingUpload]: ...

    async def ping(self) -> None:
        """Raise :class:`StorageError` if the backend cannot be reached."""
        ...

    async def close(self) -> None:
        """Release connections and threads."""
        ...


def open_file_path(fileobj: BinaryIO) -> str | None:
    """A path that opens the same regular file as ``fileobj``, or None.

    ``/proc/self/fd/<n>`` reopens the file behind a descriptor even when it has no
    name (a spooled upload rolled over to an unlinked temporary file), so OpenCV and
    boto3 can read it without a copy. Linux only; elsewhere callers fall back to the
    file object.
    """
    try:
        fd = fileobj.fileno()  # a spooled temporary file rolls over to disk here
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        fileobj.flush()
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return None
    path = f"/proc/self/fd/{fd}"
    return path if os.path.exists(path) else None


def validate_key(key: str) -> str:
    """Return ``key`` if it is a safe object key, else raise ``ValueError``."""
    if not isinstance(key, str) or not key or len(key) > MAX_KEY_LENGTH:
        raise ValueError(f"Invalid storage key: {key!r}")
    if not _KEY_RE.fullmatch(key):
        raise ValueError(f"Invalid storage key: {key!r}")
    return key


def validate_part_number(part_number: int) -> int:
    if (
        not isinstance(part_number, int)
        or isinstance(part_number, bool)
        or not 1 <= part_number <= MAX_PART_NUMBER
    ):
        raise ValueError(f"Part number must be between 1 and {MAX_PART_NUMBER}")
    return part_number


def normalize_etag(etag: str) -> str:
    """ETags compare without surrounding quotes (clients send them either way)."""
    return etag.strip().removeprefix("W/").strip('"')


def content_disposition(filename: str, disposition: str = "attachment") -> str:
    """A Content-Disposition value with an ASCII fallback and the UTF-8 name (RFC 6266)."""
    from urllib.parse import quote

    cleaned = "".join(ch for ch in filename if ch.isprintable() and ch not in "\r\n") or "file"
    fallback = "".join(
        ch if ch.isascii() and (ch.isalnum() or ch in " ._-()[]+,") else "_" for ch in cleaned
    )
    value = f'{disposition}; filename="{fallback}"'
    if fallback != cleaned:
        value += f"; filename*=UTF-8''{quote(cleaned, safe='')}"
    return value


def make_storage(settings: Settings) -> Storage:
    """The backend the settings ask for."""
    if settings.storage_backend == "s3":
        from vector_gql.storage.s3 import S3Storage

        if not settings.s3_bucket:
            raise ValueError("The s3 storage backend needs a bucket (VECTOR_S3_BUCKET).")
        return S3Storage(
            settings.s3_bucket,
            endpoint_url=settings.s3_endpoint_url,
            region=settings.s3_region,
        )
    if settings.storage_backend == "disk":
        from vector_gql.storage.disk import DiskStorage
        from vector_gql.storage.signing import UrlSigner

        return DiskStorage(
            settings.storage_dir,
            signer=UrlSigner.from_secret(settings.jwt_secret),
            public_url=settings.public_url,
            max_upload_bytes=settings.max_upload_bytes,
        )
    raise ValueError(f"Unknown storage backend {settings.storage_backend!r}")
