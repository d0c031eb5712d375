"""A compressed WebSocket message inflates within bounds however it is fragmented."""

from __future__ import annotations

import zlib

import pytest
from websockets.exceptions import PayloadTooBig
from websockets.frames import Frame, Opcode

from vector_gql.boundary.websocket import BoundedDeflate


def _deflate() -> BoundedDeflate:
    return BoundedDeflate(False, False, 15, 15)


def _fragments(message: bytes, size: int) -> list[Frame]:
    compressor = zlib.compressobj(wbits=-15)
    data = compressor.compress(message) + compressor.flush(zlib.Z_SYNC_FLUSH)
    data = data[:-4]  # permessage-deflate leaves off the empty block's tail
    chunks = [data[i : i + size] for i in range(0, len(data), size)]
    return [
        Frame(
            Opcode.TEXT if i == 0 else Opcode.CONT,
            chunk,
            fin=i == len(chunks) - 1,
            rsv1=i == 0,
        )
        for i, chunk in enumerate(chunks)
    ]


def _inflate(deflate: BoundedDeflate, frames: list[Frame]) -> bytes:
    return b"".join(bytes(deflate.decode(frame, max_size=None).data) for frame in frames)


def test_a_message_split_into_small_fragments_inflates_within_the_message_bound():
    bomb = b"1" * 1_000_000
    with pytest.raises(PayloadTooBig):
        _inflate(_deflate(), _fragments(bomb, 1))


def test_ordinary_messages_inflate_whole_however_fragmented():
    message = b'{"type": "subscribe", "id": "%d"}' * 50
    deflate = _deflate()
    for size in (1, 7, 10_000):
        assert _inflate(deflate, _fragments(message % tuple(range(50)), size)) == (
            message % tuple(range(50))
        )
