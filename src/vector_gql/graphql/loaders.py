"""Per-request DataLoaders for relations, so a page costs the same whatever its size.

Each loader fetches every key asked for in one event-loop tick with one SQL
statement. They skip visibility checks on purpose: they load the relations of
objects the viewer was already allowed to see (an interview's creator, its
organization, its questions).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader
from strawberry.types import Info


def _by_key(fetch: Callable[[list[Any]], Any]) -> Callable[[], DataLoader]:
    def factory() -> DataLoader:
        async def load(keys: Sequence[Any]) -> list[Any]:
            found = await fetch(list(keys))
            return [found.get(key) for key in keys]

        return DataLoader(load_fn=load)

    return factory


T = TypeVar("T")


class Memo:
    """Results of costly calls (signed URLs, storage listings), once per key per request.

    However often a request asks for the same object (aliases, ``nodes`` with
    repeated IDs), the work is done once; callers that ask while it runs wait
    for the same result, or the same error.
    """

    def __init__(self) -> None:
        self._results: dict[Hashable, asyncio.Future[Any]] = {}

    async def once(self, key: Hashable, compute: Callable[[], Awaitable[T]]) -> T:
        result = self._results.get(key)
        if result is None:
            result = self._results[key] = asyncio.ensure_future(compute())
        # One caller's cancellation must not cancel the others' shared result.
        return await asyncio.shield(result)


def memo(info: Info) -> Memo:
    return info.context.loader("memo", Memo)


async def video_url(info: Info, video: Any) -> str:
    """A video's signed download URL, signed once per request."""
    videos = info.context.services.videos
    return await memo(info).once(("video-url", video.id), lambda: videos.download_url(video))


async def upload_parts(info: Info, upload: Any) -> list[Any]:
    """A direct upload's parts: storage is listed once per upload per request."""
    videos = info.context.services.videos
    return await memo(info).once(("upload-parts", upload.id), lambda: videos.part_targets(upload))


def users(info: Info) -> DataLoader:
    accounts = info.context.services.accounts
    return info.context.loader("users", _by_key(accounts.users_by_id))


def organizations(info: Info) -> DataLoader:
    service = info.context.services.organizations
    return info.context.loader("organizations", _by_key(service.organizations_by_id))


def questions(info: Info) -> DataLoader:
    """Interview id -> its questions in position order."""
    service = info.context.services.interviews
    return info.context.loader("questions", _by_key(service.questions_for))


def interviews(info: Info) -> DataLoader:
    service = info.context.services.interviews
    return info.context.loader("interviews", _by_key(service.interviews_by_id))


def videos(info: Info) -> DataLoader:
    service = info.context.services.videos
    return info.context.loader("videos", _by_key(service.videos_by_id))


def viewer_roles(info: Info) -> DataLoader:
    """Organization id -> the viewer's role there (None: not a member)."""
    context = info.context

    async def fetch(ids: list[int]) -> dict[int, Any]:
        viewer = await context.viewer()
        if viewer is None:
            return {}
        return await context.services.organizations.roles_of(viewer.user.id, ids)

    return context.loader("viewer_roles", _by_key(fetch))
