"""A direct upload's progress."""

from __future__ import annotations

import strawberry
from strawberry import relay

from ..context import Info
from ..node import decode_uuid
from ..rows import selected
from .types import VideoUpload, readable_uploads


@strawberry.type
class MediaQuery:
    @strawberry.field(description="A direct upload of yours, with the parts storage holds.")
    async def video_upload(self, info: Info, id: relay.GlobalID) -> VideoUpload | None:
        await info.context.authenticated()
        upload_id = decode_uuid(id, "VideoUpload", "id")
        upload = await info.context.loaders[readable_uploads].load(upload_id)
        if upload is not None and "parts" in selected(info):
            # Its parts as plain attributes, not a resolver per field.
            return await upload.with_parts(info)
        return upload
