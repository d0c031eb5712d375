"""uvicorn's WebSocket protocol with permessage-deflate held within bounds.

A compressed WebSocket message (permessage-deflate) may inflate to at most
``MAX_INFLATION`` times its size on the wire, counted over all its fragments, or it
is refused like one over the
size cap (1009): a few kilobytes of one repeated value otherwise inflated to the
whole 1 MiB the cap allows, in one call that held the event loop, for every
message. Compression itself stays: measured with bench/abuse_bench.py, without
it the same attack sends its messages raw and costs the server more (health p99
7.6x the idle one, against 2.6-2.9x).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.extensions import Extension
from websockets.extensions.permessage_deflate import (
    PerMessageDeflate,
    ServerPerMessageDeflateFactory,
)
from websockets.frames import DATA_OPCODES, Frame, Opcode
from websockets.typing import ExtensionParameter

# A compressed WebSocket message may inflate to this many times its size (plus a little,
# once per message, for the smallest): JSON messages compress some 3 to 10 times. The
# bound holds for the whole message, however many fragments it is sent in.
MAX_INFLATION = 16
INFLATION_SLACK = 1024


class BoundedDeflate(PerMessageDeflate):
    """permessage-deflate whose messages inflate to at most MAX_INFLATION times their size."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._compressed = 0  # of the message being received, so far
        self._inflated = 0

    def decode(self, frame: Frame, *, max_size: int | None = None) -> Frame:
        if frame.opcode in DATA_OPCODES and (frame.rsv1 or self.decode_cont_data):
            if frame.opcode is not Opcode.CONT:
                self._compressed = self._inflated = 0  # a new message
            self._compressed += len(frame.data)
            left = MAX_INFLATION * self._compressed + INFLATION_SLACK - self._inflated
            # max_size 0 would mean no bound at all.
            bound = max(1, left)
            max_size = bound if max_size is None else min(max_size, bound)
            decoded = super().decode(frame, max_size=max_size)
            self._inflated += len(decoded.data)
            if frame.fin:
                self._compressed = self._inflated = 0
            return decoded
        return super().decode(frame, max_size=max_size)


class BoundedDeflateFactory(ServerPerMessageDeflateFactory):
    def process_request_params(
        self, params: Sequence[ExtensionParameter], accepted_extensions: Sequence[Extension]
    ) -> tuple[list[ExtensionParameter], PerMessageDeflate]:
        response, agreed = super().process_request_params(params, accepted_extensions)
        bounded = BoundedDeflate(
            agreed.remote_no_context_takeover,
            agreed.local_no_context_takeover,
            agreed.remote_max_window_bits,
            agreed.local_max_window_bits,
            self.compress_settings,
        )
        return response, bounded


class GuardedWebSocketProtocol(WebSocketsSansIOProtocol):
    """uvicorn's WebSocket protocol, its permessage-deflate bounded (BoundedDeflate)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.config.ws_per_message_deflate:
            # uvicorn's own settings for the extension, bounded.
            self.conn.available_extensions = [
                BoundedDeflateFactory(
                    server_max_window_bits=12,
                    client_max_window_bits=12,
                    compress_settings={"memLevel": 5},
                )
            ]
