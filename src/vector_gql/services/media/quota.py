"""Per-organization storage quotas: bytes kept, and direct uploads pending at once.

An organization's use is the size of its videos plus the declared size of its
direct uploads still open (PENDING or COMPLETING: their parts take space in
storage already). Every decision that adds to it (starting a direct upload,
recording a video) is taken under the organization's storage lock, in the
transaction that adds the row, so parallel uploads cannot all slip under the limit.
A quick check without the lock runs first, so a refused upload stores nothing.

``storage_quota`` is the one place that reads the use and the limits together:
``check_quota`` decides with it, and ``Organization.storageUse`` shows it to
the owners, so what they see is what the next upload is judged by.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from tortoise import connections

from ...config import Settings
from ...models.media import UploadStatus, VideoUpload
from ..errors import ErrorCode, Invalid

# Open uploads of members who can no longer upload here (removed, demoted) are not
# counted: nobody can complete them, and the clean-up removes them
# (VECTOR_ABANDONED_UPLOAD_SECONDS); the organization's owners are not held up meanwhile.
# A candidate's open answer upload takes space like any other, but it is bounded per
# invitation (CANDIDATE_PENDING_UPLOADS) rather than counted against the members' slots,
# so hundreds of candidates answering at once never lock the recruiters out.
_MEMBER_OPEN = """
  FROM media_video_upload u
  WHERE u.organization_id = $1 AND u.status IN ('PENDING', 'COMPLETING') AND u.id <> $2
    AND EXISTS (SELECT 1 FROM org_membership m
                WHERE m.organization_id = u.organization_id AND m.user_id = u.created_by_id
                  AND m.role IN ('OWNER', 'RECRUITER'))
"""
_CANDIDATE_OPEN = """
  FROM media_video_upload u
  WHERE u.organization_id = $1 AND u.status IN ('PENDING', 'COMPLETING') AND u.id <> $2
    AND u.invitation_id IS NOT NULL
"""
_USE = f"""
SELECT
  (SELECT COALESCE(SUM(size_bytes), 0) FROM media_video WHERE organization_id = $1) AS stored,
  (SELECT COALESCE(SUM(u.size_bytes), 0) {_MEMBER_OPEN}) AS pending,
  (SELECT COALESCE(SUM(u.size_bytes), 0) {_CANDIDATE_OPEN}) AS candidate_pending,
  (SELECT COUNT(*) {_MEMBER_OPEN}) AS pending_uploads
"""
# Answer uploads one invitation may have open at once: the one being sent, and a retake.
CANDIDATE_PENDING_UPLOADS = 2
_NO_UPLOAD = uuid.UUID(int=0)


@dataclass(frozen=True)
class StorageUse:
    stored_bytes: int
    pending_bytes: int
    pending_uploads: int

    @property
    def bytes(self) -> int:
        return self.stored_bytes + self.pending_bytes


async def storage_use(
    organization_id: int, *, excluding_upload: uuid.UUID | None = None
) -> StorageUse:
    """What the organization's videos and open direct uploads take (one statement)."""
    rows = await connections.get("default").execute_query_dict(
        _USE, [organization_id, excluding_upload or _NO_UPLOAD]
    )
    row = rows[0]
    return StorageUse(
        int(row["stored"]),
        int(row["pending"]) + int(row["candidate_pending"]),
        int(row["pending_uploads"]),
    )


async def lock_storage(organization_id: int) -> None:
    """Serialize the quota decisions of one organization (call inside a transaction)."""
    await connections.get("default").execute_query(
        "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
        [f"storage:{organization_id}"],
    )


@dataclass(frozen=True)
class StorageQuota:
    """An organization's use, and the limits it is held to (0: no limit)."""

    use: StorageUse
    quota_bytes: int
    pending_upload_limit: int


async def storage_quota(
    settings: Settings, organization_id: int, *, excluding_upload: uuid.UUID | None = None
) -> StorageQuota:
    """The organization's use with its limits, as every quota decision reads them."""
    use = await storage_use(organization_id, excluding_upload=excluding_upload)
    return StorageQuota(
        use, settings.organization_storage_bytes, settings.organization_pending_uploads
    )


async def check_quota(
    settings: Settings,
    organization_id: int,
    adding_bytes: int,
    *field: str,
    new_upload: bool = False,
    excluding_upload: uuid.UUID | None = None,
    invitation_id: int | None = None,
) -> None:
    """Invalid when adding ``adding_bytes`` (and one more pending upload, with
    ``new_upload``: a member's, or the candidate's of ``invitation_id``) would take
    the organization over its quotas."""
    quota = await storage_quota(settings, organization_id, excluding_upload=excluding_upload)
    use, pending_limit = quota.use, quota.pending_upload_limit
    if new_upload and invitation_id is not None:
        open_answers = await VideoUpload.filter(
            invitation_id=invitation_id, status__in=(UploadStatus.PENDING, UploadStatus.COMPLETING)
        ).count()
        if open_answers >= CANDIDATE_PENDING_UPLOADS:
            raise Invalid.one(
                ErrorCode.TOO_MANY_PENDING_UPLOADS,
                f"You have {open_answers} answer uploads open, the most at once "
                f"({CANDIDATE_PENDING_UPLOADS}). Send one with submitAnswer, then start again.",
                *field,
            )
    elif new_upload and pending_limit and use.pending_uploads >= pending_limit:
        raise Invalid.one(
            ErrorCode.TOO_MANY_PENDING_UPLOADS,
            f"This organization has {use.pending_uploads} direct uploads open, the most it "
            f"may have at once ({pending_limit}). Complete or abort one, then start again.",
            *field,
        )
    limit = quota.quota_bytes
    if limit and use.bytes + adding_bytes > limit:
        raise Invalid.one(
            ErrorCode.STORAGE_QUOTA_EXCEEDED,
            f"This organization's videos and open uploads take {use.bytes} bytes; "
            f"{adding_bytes} more would pass its storage quota of {limit} bytes. "
            "Delete videos it no longer needs (deleteVideo), or abort open uploads.",
            *field,
        )
