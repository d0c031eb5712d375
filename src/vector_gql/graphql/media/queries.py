"""A direct upload's progress."""

from __future__ import annotations

import strawberry
from strawberry import relay

from ..context import Info
from ..node import decode_uuid
from .types import VideoUpload, readable_uploads


@strawberry.type
class MediaQuery:
    @strawberry.field(description="A direct upload of yours, with the parts storage holds.")
    async def video_upload(self, info: Info, id: relay.GlobalID) -> VideoUpload | None:
        await info.context.authenticated()
        upload_id = decode_uuid(id, "VideoUpload", "id")
        return await info.context.loaders[readable_uploads].load(upload_id)
