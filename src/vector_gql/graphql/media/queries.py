"""A direct upload's progress."""

from __future__ import annotations

import strawberry
from strawberry import relay

from ..context import Info
from ..node import decode_uuid
from .types import VideoUpload


@strawberry.type
class MediaQuery:
    @strawberry.field(description="A direct upload of yours, with the parts storage holds.")
    async def video_upload(self, info: Info, id: relay.GlobalID) -> VideoUpload | None:
        principal = await info.context.authenticated()
        upload_id = decode_uuid(id, "VideoUpload", "id")
        state = await info.context.services.videos.upload_state(principal, upload_id)
        return VideoUpload.from_state(state) if state else None
