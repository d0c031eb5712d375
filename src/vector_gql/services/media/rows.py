"""The rows media reads return."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from ...models.media import UploadStatus
from ..rows import Row


@dataclass(frozen=True, slots=True)
class VideoRow(Row):
    id: int
    title: str
    storage_key: str
    filename: str
    container: str
    content_type: str
    size_bytes: int
    duration_seconds: float
    width: int
    height: int
    codec: str
    sha256: str
    poster_key: str | None
    uploaded_at: datetime
    uploaded_by_id: int | None
    organization_id: int


@dataclass(frozen=True, slots=True)
class UploadRow(Row):
    id: uuid.UUID
    title: str
    filename: str
    content_type: str
    size_bytes: int
    part_size_bytes: int
    part_count: int
    storage_key: str
    storage_upload_id: str
    status: UploadStatus
    failure_code: str | None
    created_by_id: int | None
    organization_id: int
    created_at: datetime
    finished_at: datetime | None
    video_id: int | None
