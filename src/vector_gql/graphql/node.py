"""Global object identification: ``node(id:)`` and ``nodes(ids:)``.

Every object with an identity implements ``Node``; its global ID is strawberry's
base64 of ``TypeName:pk``. Each type's ``resolve_nodes`` loads through its
``readable_*`` loader, so an object the principal may not see resolves to null,
the same as an ID that does not exist, and ``nodes(ids:)`` costs one statement
per type.

The decoders raise ``Invalid`` pointing at the input field by its domain name
(``"interview_id"``), like the services.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import TypeVar

import strawberry
from strawberry import relay
from strawberry.types.base import StrawberryObjectDefinition
from strawberry.utils.await_maybe import await_maybe

from ..services.errors import ErrorCode, Invalid
from ..services.validation import parse_pk
from .context import Info
from .loaders import Loader

T = TypeVar("T")

MAX_NODES = 100


def _not_an_id_of(type_name: str, field: tuple[str | int, ...]) -> Invalid:
    article = "an" if type_name[:1] in "AEIOU" else "a"
    return Invalid.one(ErrorCode.INVALID, f"This is not the ID of {article} {type_name}.", *field)


def decode_global_id(value: str | relay.GlobalID, type_name: str, *field: str | int) -> str:
    """The node id inside a global ID of the given type, or Invalid."""
    try:
        gid = value if isinstance(value, relay.GlobalID) else relay.GlobalID.from_id(value)
    except (ValueError, TypeError):
        raise _not_an_id_of(type_name, field) from None
    if gid.type_name != type_name:
        raise _not_an_id_of(type_name, field)
    return gid.node_id


def decode_id(value: str | relay.GlobalID, type_name: str, *field: str | int) -> int:
    """The integer primary key inside a global ID of the given type, or Invalid."""
    pk = parse_pk(decode_global_id(value, type_name, *field))
    if pk is None:
        raise _not_an_id_of(type_name, field)
    return pk


def decode_uuid(value: str | relay.GlobalID, type_name: str, *field: str | int) -> uuid.UUID:
    """The UUID primary key inside a global ID of the given type, or Invalid."""
    try:
        return uuid.UUID(decode_global_id(value, type_name, *field))
    except ValueError:
        raise _not_an_id_of(type_name, field) from None


async def resolve_readable(
    info: Info, node_ids: Iterable[str], readable: Loader[int, T]
) -> list[T | None]:
    """Nodes by integer key, in order: those the principal may read, else None.

    Keys no row can have are never sent to the database.
    """
    keys = [parse_pk(node_id) for node_id in node_ids]
    wanted = [key for key in keys if key is not None]
    found = dict(zip(wanted, await info.context.loaders[readable].load_many(wanted), strict=True))
    return [found.get(key) if key is not None else None for key in keys]


async def _resolve(info: Info, ids: list[relay.GlobalID]) -> list[relay.Node | None]:
    results: list[relay.Node | None] = [None] * len(ids)
    groups: dict[str, list[tuple[int, str]]] = {}
    for position, gid in enumerate(ids):
        groups.setdefault(gid.type_name, []).append((position, gid.node_id))
    for type_name, members in groups.items():
        definition = info.schema.get_type_by_name(type_name)
        # Unknown names and abstract types (the Node interface itself) name no object.
        if not isinstance(definition, StrawberryObjectDefinition) or definition.is_interface:
            continue
        origin = definition.origin
        if not (isinstance(origin, type) and issubclass(origin, relay.Node)):
            continue
        resolved = await await_maybe(
            origin.resolve_nodes(
                info=info, node_ids=[node_id for _, node_id in members], required=False
            )
        )
        for (position, _), node in zip(members, resolved, strict=True):
            results[position] = node
    return results


@strawberry.type
class NodeQuery:
    @strawberry.field(description="Any object by its global ID; null if it is not visible.")
    async def node(self, info: Info, id: relay.GlobalID) -> relay.Node | None:
        return (await _resolve(info, [id]))[0]

    @strawberry.field(description=f"Objects by global ID, in order (at most {MAX_NODES}).")
    async def nodes(self, info: Info, ids: list[relay.GlobalID]) -> list[relay.Node | None]:
        if len(ids) > MAX_NODES:
            raise Invalid.one(ErrorCode.OUT_OF_RANGE, f"Ask for at most {MAX_NODES} IDs.", "ids")
        return await _resolve(info, ids)
