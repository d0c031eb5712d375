"""What the video mutations take."""

from __future__ import annotations

import strawberry
from strawberry import relay
from strawberry.file_uploads import Upload

from ..scalars import BigInt

ORGANIZATION_ID_HELP = (
    "The organization the video belongs to (its members see it); by default the "
    "viewer's first organization where they are an owner or recruiter."
)


@strawberry.input
class UploadVideoInput:
    title: str
    file: Upload = strawberry.field(
        description="The file, sent as in the GraphQL multipart request spec."
    )
    organization_id: relay.GlobalID | None = strawberry.field(
        default=None, description=ORGANIZATION_ID_HELP
    )


@strawberry.input
class StartVideoUploadInput:
    title: str
    filename: str
    size_bytes: BigInt
    content_type: str = ""
    organization_id: relay.GlobalID | None = strawberry.field(
        default=None, description=ORGANIZATION_ID_HELP
    )


@strawberry.input
class CompletedPartInput:
    part_number: int
    etag: str = strawberry.field(description="The ETag header of the part's PUT response.")


@strawberry.input
class CompleteVideoUploadInput:
    upload_id: relay.GlobalID
    parts: list[CompletedPartInput]


@strawberry.input
class AbortVideoUploadInput:
    upload_id: relay.GlobalID


@strawberry.input
class DeleteVideoInput:
    video_id: relay.GlobalID
