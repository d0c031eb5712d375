"""The envelope of a multipart GraphQL request, read before its files.

The GraphQL multipart request spec puts the ``operations`` and ``map`` fields
before the files, and clients (apollo-upload-client) send them so. ``read_envelope``
reads the body up to the first file, keeping what it read for whoever reads the
body next (``PeekableReceive``), so the upload gate can judge the operation
before a byte of the file is received.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.types import Message, Receive

ENVELOPE_FIELDS = ("operations", "map")
# Set to True in a request's scope["state"] once the envelope has been read (or could
# not be): until then the body reaches the app as it arrives (middleware.py).
ENVELOPE_READ = "vector.envelope_read"


class PeekableReceive:
    """A request's ``receive`` that can read ahead: what was read ahead is received
    again, in order, by whoever reads the body next (see upload_gate.py)."""

    def __init__(self, receive: Receive) -> None:
        self._receive = receive
        self._held: deque[Message] = deque()

    async def __call__(self) -> Message:
        if self._held:
            return self._held.popleft()
        return await self._receive()

    async def read_ahead(self) -> Message:
        message = await self._receive()
        self._held.append(message)
        return message


@dataclass(frozen=True)
class Envelope:
    fields: dict[str, bytes]  # operations and map, as sent
    file_start: int | None  # where the first file's bytes begin in the body, if reached
    boundary: bytes
    first_part: str | None = None  # the name of the part after the envelope, if reached
    first_is_file: bool = False


class _EnvelopeParser:
    """python-multipart callbacks that keep the envelope's fields and stop at a file."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.fields: dict[str, bytes] = {}
        self.done = False
        self.too_large = False
        self.in_file = False
        self.file_data_at: int | None = None  # in the piece being parsed
        self.first_part: str | None = None
        self.first_is_file = False
        self._header = b""
        self._value = b""
        self._disposition = b""
        self._field: str | None = None
        self._data = bytearray()

    def callbacks(self) -> dict[str, Callable[..., None]]:
        return {
            "on_part_begin": self.on_part_begin,
            "on_part_data": self.on_part_data,
            "on_part_end": self.on_part_end,
            "on_header_field": self.on_header_field,
            "on_header_value": self.on_header_value,
            "on_header_end": self.on_header_end,
            "on_headers_finished": self.on_headers_finished,
        }

    def on_part_begin(self) -> None:
        self._disposition = b""
        self._field = None
        self._data = bytearray()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def on_header_end(self) -> None:
        if self._header.lower() == b"content-disposition":
            self._disposition = self._value
        self._header = self._value = b""

    def on_headers_finished(self) -> None:
        if self.in_file:
            return
        _, options = parse_options_header(self._disposition)
        name = options.get(b"name", b"").decode("latin-1")
        if b"filename" in options or name not in ENVELOPE_FIELDS:
            # The files begin (perhaps in the piece that completed the envelope).
            self.done = self.in_file = True
            self.first_part, self.first_is_file = name, b"filename" in options
        elif not self.done:
            self._field = name

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self.in_file:
            if self.file_data_at is None:
                self.file_data_at = start
            return
        if self.done or self._field is None:
            return
        self._data += data[start:end]
        if len(self._data) > self.limit:
            self.done = self.too_large = True

    def on_part_end(self) -> None:
        if self.done or self._field is None:
            return
        self.fields[self._field] = bytes(self._data)
        self._field = None
        if all(name in self.fields for name in ENVELOPE_FIELDS):
            self.done = True


async def read_envelope(receive: PeekableReceive, content_type: str, limit: int) -> Envelope | None:
    """The operations and map fields, read ahead (and kept for the usual reading);
    None when they cannot be had before a file or within ``limit`` bytes each."""
    _, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if not boundary:
        return None
    state = _EnvelopeParser(limit)
    parser = MultipartParser(boundary, state.callbacks())  # type: ignore[arg-type]
    read = 0
    file_start: int | None = None
    while not state.done:
        message = await receive.read_ahead()
        if message["type"] != "http.request":
            return None
        piece = message.get("body", b"")
        before, read = read, read + len(piece)
        state.file_data_at = None
        try:
            parser.write(piece)
        except Exception:  # malformed: the usual reading refuses it with its message
            return None
        if state.in_file and file_start is None:
            at = state.file_data_at
            file_start = before + (at if at is not None else len(piece))
        if not message.get("more_body", False) or read > 2 * limit + 64 * 1024:
            break
    if state.too_large or any(name not in state.fields for name in ENVELOPE_FIELDS):
        return None
    return Envelope(state.fields, file_start, boundary, state.first_part, state.first_is_file)


def least_file_bytes(envelope: Envelope, declared: int | None, files: list[str]) -> int:
    """The fewest bytes the one file can have: what follows its start in a body of the
    declared length, less the closing delimiter (``\\r\\n--boundary--\\r\\n``). Zero when
    there are several files, the length is not declared, or the part after the envelope
    is not that file (the bytes that follow may be another part's)."""
    if len(files) != 1 or declared is None or envelope.file_start is None:
        return 0
    if not envelope.first_is_file or envelope.first_part != files[0]:
        return 0
    return max(0, declared - envelope.file_start - (len(envelope.boundary) + 8))
