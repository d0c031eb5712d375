"""Per-request DataLoaders for relations, so a page costs the same whatever its size.

Each loader fetches every key asked for in one event-loop tick with one SQL
statement. They skip visibility checks on purpose: they load the relations of
objects the viewer was already allowed to see (an interview's creator, its
organization, its questions).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.types import Info


def _by_key(fetch: Callable[[list[Any]], Any]) -> Callable[[], DataLoader]:
    def factory() -> DataLoader:
        async def load(keys: Sequence[Any]) -> list[Any]:
            found = await fetch(list(keys))
            return [found.get(key) for key in keys]

        return DataLoader(load_fn=load)

    return factory


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
