"""Disk storage for development: objects are files under one root directory.

Layout under the root::

    <key>                                 the object (keys are validated, never escape)
    .meta/<key>.json                      {"content_type": ...}
    .uploads/<upload_id>/upload.json      {"key", "content_type", "started_at"}
    .uploads/<upload_id>/<part_number>    a part's bytes
    .uploads/<upload_id>/<n>.etag         the part's quoted MD5 (what list_parts reports)

Writes go to a temporary file in the destination's directory and are moved into place
with ``os.replace``, so readers see the old or the new object, never half of one. All
file I/O runs in worker threads. Part and object names never start with a dot, so the
temporary files (``.tmp-*``) and the bookkeeping directories cannot clash with keys.

Browsers reach the files through signed URLs served by :mod:`vector_gql.storage.routes`.

Over 400 lines on purpose: it is one implementation of the ``Storage`` protocol that
imitates S3's multipart rules on a file system; its pieces share the layout above and
the atomic-write discipline, and read best together.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlencode

from vector_gql.storage import (
    MIN_PART_BYTES,
    HashedCopy,
    InvalidUpload,
    ObjectChanged,
    ObjectNotFound,
    ObjectStat,
    PendingUpload,
    StorageError,
    StoredPart,
    normalize_etag,
    validate_key,
    validate_part_number,
)
from vector_gql.storage.signing import UrlSigner

COPY_CHUNK = 1 << 20
_UPLOAD_ID_RE = re.compile(r"[0-9a-f]{32}")


class PartTooLarge(StorageError):
    default_message = "The upload is larger than allowed"


class PartIncomplete(StorageError):
    """Fewer bytes arrived than the part's signed size (S3 refuses such a PUT too)."""

    default_message = "The part is shorter than its signed size"


def validate_upload_id(upload_id: str) -> str:
    if not isinstance(upload_id, str) or not _UPLOAD_ID_RE.fullmatch(upload_id):
        raise InvalidUpload("Unknown upload")
    return upload_id


@contextlib.contextmanager
def _os_errors() -> Iterator[None]:
    """Turn unexpected OS errors (disk full, permissions, ...) into StorageError."""
    try:
        yield
    except StorageError:
        raise
    except OSError as exc:
        raise StorageError() from exc


def _version(st: os.stat_result) -> str:
    """A file's version, as ``stat`` gives it: its size and modification time."""
    return f"{st.st_size:x}-{st.st_mtime_ns:x}"


def _quoted_md5(digest: str) -> str:
    return f'"{digest}"'


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class DiskStorage:
    name = "disk"

    def __init__(
        self,
        root: str | os.PathLike[str],
        *,
        signer: UrlSigner,
        public_url: str,
        max_upload_bytes: int = 500 * 1024 * 1024,
        min_part_bytes: int = MIN_PART_BYTES,
    ) -> None:
        self.root = Path(root).absolute()
        self.signer = signer
        self.public_url = public_url.rstrip("/")
        self.max_upload_bytes = max_upload_bytes
        self.min_part_bytes = min_part_bytes

    # -- paths ---------------------------------------------------------------------------

    def path_for(self, key: str) -> Path:
        validate_key(key)
        path = self.root / key
        # Belt and braces: the key rules already make escaping impossible.
        if not path.resolve().is_relative_to(self.root.resolve()):
            raise ValueError(f"Invalid storage key: {key!r}")
        return path

    def _meta_path(self, key: str) -> Path:
        return self.root / ".meta" / f"{key}.json"

    def _upload_dir(self, upload_id: str) -> Path:
        return self.root / ".uploads" / validate_upload_id(upload_id)

    # -- objects -------------------------------------------------------------------------

    async def put(
        self, key: str, fileobj: BinaryIO, *, content_type: str, size: int | None = None
    ) -> None:
        target = self.path_for(key)
        await asyncio.to_thread(self._put_sync, key, target, fileobj, content_type)

    def _put_sync(self, key: str, target: Path, fileobj: BinaryIO, content_type: str) -> None:
        with _os_errors():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
            try:
                with os.fdopen(fd, "wb") as out:
                    shutil.copyfileobj(fileobj, out, COPY_CHUNK)
                    out.flush()
                    os.fsync(out.fileno())
                self._write_meta(key, content_type)
                os.replace(tmp, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise

    def _write_meta(self, key: str, content_type: str) -> None:
        _write_atomic(self._meta_path(key), json.dumps({"content_type": content_type}).encode())

    async def open_read(
        self,
        key: str,
        *,
        chunk_size: int = 1 << 20,
        start: int = 0,
        end: int | None = None,
        version: str | None = None,
    ) -> AsyncIterator[bytes]:
        path = self.path_for(key)
        try:
            fh = await asyncio.to_thread(open, path, "rb")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as exc:
            raise ObjectNotFound() from exc
        except OSError as exc:
            raise StorageError() from exc
        try:
            if version is not None:
                # The open file's own stat: a file moved into place after the open is not
                # the one read, so this names exactly the bytes that follow.
                with _os_errors():
                    opened = await asyncio.to_thread(os.fstat, fh.fileno())
                if _version(opened) != version:
                    raise ObjectChanged()
            if start:
                with _os_errors():
                    await asyncio.to_thread(fh.seek, start)
            left = None if end is None else max(end - start, 0)
            while left is None or left > 0:
                want = chunk_size if left is None else min(chunk_size, left)
                with _os_errors():
                    chunk = await asyncio.to_thread(fh.read, want)
                if not chunk:
                    break
                if left is not None:
                    left -= len(chunk)
                yield chunk
        finally:
            fh.close()

    async def delete(self, key: str) -> None:
        path = self.path_for(key)

        def remove() -> None:
            with _os_errors():
                path.unlink(missing_ok=True)
                self._meta_path(key).unlink(missing_ok=True)

        await asyncio.to_thread(remove)

    def _stat(self, key: str) -> os.stat_result | None:
        path = self.path_for(key)
        try:
            st = path.stat()
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise StorageError() from exc
        return st if path.is_file() else None

    async def exists(self, key: str) -> bool:
        return await asyncio.to_thread(self._stat, key) is not None

    async def size(self, key: str) -> int | None:
        found = await self.stat(key)
        return None if found is None else found.size

    async def stat(self, key: str) -> ObjectStat | None:
        st = await asyncio.to_thread(self._stat, key)
        if st is None:
            return None
        return ObjectStat(st.st_size, _version(st))

    async def content_type(self, key: str) -> str:
        """The content type given to ``put`` (or the upload), else a generic one."""
        meta_path = self._meta_path(validate_key(key))

        def read() -> str:
            try:
                return str(json.loads(meta_path.read_bytes())["content_type"])
            except (OSError, ValueError, KeyError, TypeError):
                return "application/octet-stream"

        return await asyncio.to_thread(read)

    @contextlib.asynccontextmanager
    async def local_copy(self, key: str) -> AsyncIterator[Path]:
        path = self.path_for(key)
        if await asyncio.to_thread(self._stat, key) is None:
            raise ObjectNotFound()
        yield path

    @contextlib.asynccontextmanager
    async def hashed_local_copy(self, key: str) -> AsyncIterator[HashedCopy]:
        path = self.path_for(key)

        def digest() -> tuple[int, str]:
            sha256 = hashlib.sha256()
            size = 0
            with _os_errors():
                try:
                    fh = open(path, "rb")  # noqa: SIM115
                except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as exc:
                    raise ObjectNotFound() from exc
                with fh:
                    while chunk := fh.read(COPY_CHUNK):
                        sha256.update(chunk)
                        size += len(chunk)
            return size, sha256.hexdigest()

        size, sha256 = await asyncio.to_thread(digest)
        yield HashedCopy(path, size, sha256)

    # -- signed URLs ---------------------------------------------------------------------

    async def signed_download_url(
        self,
        key: str,
        *,
        expires_in: int,
        filename: str | None = None,
        content_type: str | None = None,
    ) -> str:
        validate_key(key)
        path = f"/storage/{key}"
        expires = int(time.time()) + int(expires_in)
        sig = self.signer.signature(
            "GET", path, expires, filename=filename, content_type=content_type
        )
        query: dict[str, str | int] = {"expires": expires}
        if filename is not None:
            query["filename"] = filename
        if content_type is not None:
            query["type"] = content_type
        query["sig"] = sig
        return f"{self.public_url}{path}?{urlencode(query)}"

    async def presign_part(
        self,
        key: str,
        upload_id: str,
        part_number: int,
        *,
        expires_in: int,
        size: int | None = None,
    ) -> str:
        validate_key(key)
        validate_upload_id(upload_id)
        validate_part_number(part_number)
        path = f"/storage-upload/{upload_id}/{part_number}"
        expires = int(time.time()) + int(expires_in)
        sig = self.signer.signature("PUT", path, expires, size=size)
        query = {"expires": expires, "sig": sig}
        if size is not None:
            query["size"] = int(size)
        return f"{self.public_url}{path}?{urlencode(query)}"

    # -- multipart -----------------------------------------------------------------------

    async def create_multipart(self, key: str, *, content_type: str) -> str:
        validate_key(key)
        upload_id = uuid.uuid4().hex
        meta = {
            "key": key,
            "content_type": content_type,
            "started_at": datetime.now(UTC).isoformat(),
        }
        upload_dir = self._upload_dir(upload_id)

        def create() -> None:
            with _os_errors():
                upload_dir.mkdir(parents=True)
                _write_atomic(upload_dir / "upload.json", json.dumps(meta).encode())

        await asyncio.to_thread(create)
        return upload_id

    def _load_upload(self, upload_id: str, key: str | None = None) -> dict[str, str]:
        upload_dir = self._upload_dir(upload_id)
        try:
            meta: dict[str, str] = json.loads((upload_dir / "upload.json").read_bytes())
        except FileNotFoundError:
            raise InvalidUpload("Unknown upload") from None
        except (OSError, ValueError) as exc:
            raise StorageError() from exc
        if key is not None and meta.get("key") != key:
            raise InvalidUpload("Unknown upload")
        return meta

    async def receive_part(
        self,
        upload_id: str,
        part_number: int,
        body: AsyncIterator[bytes],
        *,
        max_bytes: int | None = None,
        exact_bytes: int | None = None,
    ) -> StoredPart:
        """Store a part streamed from ``body`` (used by the PUT route); replaces a retry.

        Raises :class:`PartTooLarge` as soon as more than ``max_bytes`` arrive (the
        partial file is removed), :class:`PartIncomplete` when ``exact_bytes`` is
        given and fewer arrived (nothing is stored), and :class:`InvalidUpload` for
        an unknown upload.
        """
        validate_part_number(part_number)
        limit = self.max_upload_bytes if max_bytes is None else max_bytes
        upload_dir = self._upload_dir(upload_id)
        await asyncio.to_thread(self._load_upload, upload_id)

        def open_temp() -> tuple[int, str]:
            with _os_errors():
                return tempfile.mkstemp(prefix=".tmp-", dir=upload_dir)

        try:
            fd, tmp = await asyncio.to_thread(open_temp)
        except StorageError as exc:
            if not upload_dir.exists():  # aborted meanwhile
                raise InvalidUpload("Unknown upload") from exc
            raise
        out = os.fdopen(fd, "wb")
        md5 = hashlib.md5(usedforsecurity=False)
        received = 0
        buffer = bytearray()

        def write_and_hash(data: bytes | bytearray) -> None:
            # In a worker thread: MD5 of a 16 MB part is ~25 ms of CPU, off the event loop.
            out.write(data)
            md5.update(data)

        try:
            async for chunk in body:
                if not chunk:
                    continue
                received += len(chunk)
                if received > limit:
                    raise PartTooLarge()
                buffer += chunk
                if len(buffer) >= COPY_CHUNK:
                    with _os_errors():
                        await asyncio.to_thread(write_and_hash, bytes(buffer))
                    buffer.clear()
            if exact_bytes is not None and received != exact_bytes:
                raise PartIncomplete()

            def finish() -> str:
                with _os_errors():
                    write_and_hash(buffer)
                    out.close()
                    os.replace(tmp, upload_dir / str(part_number))
                    etag = _quoted_md5(md5.hexdigest())
                    _write_atomic(upload_dir / f"{part_number}.etag", etag.encode())
                    return etag

            etag = await asyncio.to_thread(finish)
        except BaseException:
            out.close()
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        return StoredPart(number=part_number, size=received, etag=etag)

    def _list_parts_sync(self, upload_id: str, key: str) -> list[StoredPart]:
        self._load_upload(upload_id, key)
        upload_dir = self._upload_dir(upload_id)
        parts = []
        with _os_errors():
            for entry in os.scandir(upload_dir):
                if not entry.name.isdigit() or not entry.is_file():
                    continue
                number = int(entry.name)
                try:
                    etag = (upload_dir / f"{number}.etag").read_text().strip()
                except FileNotFoundError:
                    etag = _quoted_md5(self._md5_file(Path(entry.path)))
                parts.append(StoredPart(number=number, size=entry.stat().st_size, etag=etag))
        return sorted(parts, key=lambda p: p.number)

    @staticmethod
    def _md5_file(path: Path) -> str:
        md5 = hashlib.md5(usedforsecurity=False)
        with open(path, "rb") as fh:
            while chunk := fh.read(COPY_CHUNK):
                md5.update(chunk)
        return md5.hexdigest()

    async def list_parts(self, key: str, upload_id: str) -> list[StoredPart]:
        validate_key(key)
        return await asyncio.to_thread(self._list_parts_sync, upload_id, key)

    async def complete_multipart(
        self, key: str, upload_id: str, parts: list[tuple[int, str]]
    ) -> None:
        target = self.path_for(key)
        await asyncio.to_thread(self._complete_sync, key, target, upload_id, list(parts))

    def _complete_sync(
        self, key: str, target: Path, upload_id: str, parts: list[tuple[int, str]]
    ) -> None:
        meta = self._load_upload(upload_id, key)
        upload_dir = self._upload_dir(upload_id)
        if not parts:
            raise InvalidUpload("No parts to assemble")
        numbers = [validate_part_number(n) for n, _ in parts]
        if any(b <= a for a, b in zip(numbers, numbers[1:], strict=False)):
            raise InvalidUpload("Parts must be listed in ascending order")
        # Check everything cheap before writing anything.
        for index, number in enumerate(numbers):
            try:
                part_size = (upload_dir / str(number)).stat().st_size
            except FileNotFoundError:
                raise InvalidUpload(f"Part {number} is missing") from None
            if index < len(numbers) - 1 and part_size < self.min_part_bytes:
                raise InvalidUpload(f"Part {number} is smaller than the minimum part size")
        with _os_errors():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
            try:
                with os.fdopen(fd, "wb") as out:
                    for number, etag in parts:
                        md5 = hashlib.md5(usedforsecurity=False)
                        try:
                            src = open(upload_dir / str(number), "rb")  # noqa: SIM115
                        except FileNotFoundError:
                            raise InvalidUpload(f"Part {number} is missing") from None
                        with src:
                            while chunk := src.read(COPY_CHUNK):
                                md5.update(chunk)
                                out.write(chunk)
                        if md5.hexdigest() != normalize_etag(etag):
                            raise InvalidUpload(f"Part {number} does not match its ETag")
                    out.flush()
                    os.fsync(out.fileno())
                self._write_meta(key, meta.get("content_type") or "application/octet-stream")
                os.replace(tmp, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
            shutil.rmtree(upload_dir, ignore_errors=True)

    async def abort_multipart(self, key: str, upload_id: str) -> None:
        validate_key(key)
        upload_dir = self._upload_dir(upload_id)

        def remove() -> None:
            try:
                meta = self._load_upload(upload_id)
            except InvalidUpload:
                return  # already gone
            if meta.get("key") != key:
                return  # someone else's upload: S3 would answer NoSuchUpload
            with _os_errors():
                shutil.rmtree(upload_dir)

        await asyncio.to_thread(remove)

    async def list_multipart_uploads(self) -> list[PendingUpload]:
        def scan() -> list[PendingUpload]:
            uploads_root = self.root / ".uploads"
            found = []
            try:
                entries = list(os.scandir(uploads_root))
            except FileNotFoundError:
                return []
            except OSError as exc:
                raise StorageError() from exc
            for entry in entries:
                if not _UPLOAD_ID_RE.fullmatch(entry.name):
                    continue
                try:
                    meta = self._load_upload(entry.name)
                    started = datetime.fromisoformat(meta["started_at"])
                    found.append(PendingUpload(meta["key"], entry.name, started))
                except (StorageError, KeyError, ValueError):
                    continue  # half-created or half-removed; the next scan sees it
            return sorted(found, key=lambda u: u.started_at)

        return await asyncio.to_thread(scan)

    async def ping(self) -> None:
        def check() -> None:
            with _os_errors():
                self.root.mkdir(parents=True, exist_ok=True)
                if not os.access(self.root, os.W_OK | os.X_OK):
                    raise StorageError()

        await asyncio.to_thread(check)

    async def close(self) -> None:
        """Nothing to release; here so both backends can be closed the same way."""
