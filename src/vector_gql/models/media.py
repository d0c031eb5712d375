"""Videos and the direct (multipart) uploads that produce them."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from .accounts import User
    from .candidates import CandidateInvitation
    from .organizations import Organization


class Video(Model):
    """A probed video in storage. Rows exist only for files that passed probing."""

    id = fields.BigIntField(primary_key=True)
    title = fields.CharField(max_length=200)
    storage_key = fields.CharField(max_length=512, unique=True)
    filename = fields.CharField(max_length=255, default="")
    container = fields.CharField(max_length=32)
    content_type = fields.CharField(max_length=100)
    size_bytes = fields.BigIntField()
    duration_seconds = fields.FloatField()
    width = fields.IntField()
    height = fields.IntField()
    codec = fields.CharField(max_length=32)
    rotation = fields.IntField(default=0)
    sha256 = fields.CharField(max_length=64)
    # A still of the video (JPEG), made by the ``media.poster`` job after the video is
    # recorded; null until it is made, or when no frame could be decoded.
    poster_key = fields.CharField(max_length=512, null=True)
    uploaded_at = fields.DatetimeField(auto_now_add=True)
    # Null for a candidate's answer video: candidates have no user account.
    uploaded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="videos", null=True, on_delete=fields.RESTRICT
    )
    uploaded_by_id: int | None
    # The uploader's organization: its members are the ones who see the video.
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="videos", on_delete=fields.CASCADE
    )
    organization_id: int

    class Meta:
        table = "media_video"


class UploadStatus(StrEnum):
    PENDING = "PENDING"
    COMPLETING = "COMPLETING"
    COMPLETED = "COMPLETED"
    ABORTED = "ABORTED"
    FAILED = "FAILED"


class VideoUpload(Model):
    """A large file sent straight to storage in parts, resumable part by part."""

    id = fields.UUIDField(primary_key=True)
    title = fields.CharField(max_length=200)
    filename = fields.CharField(max_length=255)
    content_type = fields.CharField(max_length=100)
    size_bytes = fields.BigIntField()
    part_size_bytes = fields.BigIntField()
    part_count = fields.IntField()
    storage_key = fields.CharField(max_length=512, unique=True)
    storage_upload_id = fields.CharField(max_length=1024)
    status = fields.CharEnumField(UploadStatus, max_length=16, default=UploadStatus.PENDING)
    failure_code = fields.CharField(max_length=32, null=True)
    # The member who started it, or (for an answer sent by the resumable path) the
    # candidate's invitation: exactly one of the two is set.
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="video_uploads", null=True, on_delete=fields.CASCADE
    )
    created_by_id: int | None
    invitation: fields.ForeignKeyNullableRelation[CandidateInvitation] = fields.ForeignKeyField(
        "models.CandidateInvitation", related_name="uploads", null=True, on_delete=fields.CASCADE
    )
    invitation_id: int | None
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="video_uploads", on_delete=fields.CASCADE
    )
    organization_id: int
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)
    finished_at = fields.DatetimeField(null=True)
    video: fields.ForeignKeyNullableRelation[Video] = fields.ForeignKeyField(
        "models.Video", related_name=None, null=True, on_delete=fields.SET_NULL
    )
    video_id: int | None

    class Meta:
        table = "media_video_upload"


class PendingObject(Model):
    """An object on its way into storage that no ``Video`` owns yet.

    Written before the bytes are stored and deleted in the transaction that records
    the video (or once the object is deleted again), so whatever interrupts an
    upload halfway (a killed process, storage failing while the object is being
    removed) leaves this row behind, and the clean-up deletes the object it names.
    """

    key = fields.CharField(max_length=512, primary_key=True)
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "media_pending_object"
