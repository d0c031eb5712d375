"""Slow and greedy clients against the app served by uvicorn with our protocol, over
real sockets: head and body deadlines, head size, connections per address, the
WebSocket message cap, and a 500 that keeps the connection usable."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import logging
import socket
import struct
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from typing import Any

import pytest
import uvicorn
import websockets
from starlette.routing import Route

from vector_gql.app import create_app
from vector_gql.boundary.server import Proxies, _LingerOnClose, uvicorn_options

# The limits under test are well under a second. Waits are generous: they only tell
# "answered" from "never answered", and must hold on a loaded machine. Which limit
# closed a connection is told by its status line, never by how long it took.
PATIENCE = 30


@contextlib.asynccontextmanager
async def serve(app: Any, settings: Any, **extra: Any) -> AsyncIterator[int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    options = {**uvicorn_options(settings), **extra}
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        lifespan="off",
        log_config=None,
        # Tests connect from 127.0.0.1: not a proxy here, so the per-address limit applies.
        forwarded_allow_ips="",
        **options,
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        if server.started or task.done():
            break
        await asyncio.sleep(0.02)
    assert server.started
    try:
        yield port
    finally:
        server.should_exit = True
        await task


def limited(settings: Any, **overrides: Any) -> Any:
    values = {
        "header_timeout_seconds": 0.5,
        "body_timeout_seconds": 0.5,
        "body_min_rate": 1024,
        "max_connections_per_address": 50,
        **overrides,
    }
    return replace(settings, **values)


async def read_all(reader: asyncio.StreamReader) -> bytes:
    """Everything until the server closes the connection (fails if it never does)."""
    return await asyncio.wait_for(reader.read(), PATIENCE)


async def read_head(reader: asyncio.StreamReader) -> bytes:
    return await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), PATIENCE)


async def test_a_connection_that_sends_nothing_is_closed(app, settings):
    async with serve(app, limited(settings)) as port:
        # Timed from before the connection opens: the server's deadline starts later.
        started = time.monotonic()
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        answer = await read_all(reader)
        assert answer.startswith(b"HTTP/1.1 408")
        assert time.monotonic() - started >= 0.4
        writer.close()


async def test_a_trickled_request_head_times_out(app, settings):
    async with serve(app, limited(settings)) as port:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        head = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 200

        async def trickle() -> None:
            for byte in head:
                writer.write(bytes([byte]))
                await writer.drain()
                await asyncio.sleep(0.05)

        sender = asyncio.create_task(trickle())
        answer = await read_all(reader)
        sender.cancel()
        with contextlib.suppress(asyncio.CancelledError, ConnectionError):
            await sender
        assert answer.startswith(b"HTTP/1.1 408")
        assert b"connection: close" in answer.lower()
        writer.close()


async def test_a_stalled_body_times_out(app, settings, database):
    async with serve(app, limited(settings)) as port:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b'Content-Length: 1000\r\n\r\n{"query": '
        )
        await writer.drain()
        answer = await read_all(reader)
        assert answer.startswith(b"HTTP/1.1 408"), answer[:100]
        assert b"body did not arrive" in answer
        writer.close()


async def test_a_json_body_with_too_many_values_is_refused_before_it_is_all_sent(
    app, settings, database
):
    # 60,000 values (over VECTOR_MAX_INPUT_VALUES) in the first half of a declared body;
    # the second half is held back until the answer comes.
    assert settings.max_input_values < 60_000
    first = b'{"query": "{ viewer { id } }", "variables": {"a": [' + b"1," * 60_000
    rest = b"1]}}"
    rest += b" " * len(first)
    async with serve(app, limited(settings)) as port:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: " + str(len(first) + len(rest)).encode() + b"\r\n\r\n" + first
        )
        await writer.drain()
        head = await read_head(reader)
        assert head.startswith(b"HTTP/1.1 413"), head
        assert b"connection: close" not in head.lower()
        length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
        body = json.loads(await asyncio.wait_for(reader.readexactly(length), PATIENCE))
        assert body["errors"][0]["extensions"]["code"] == "INPUT_TOO_LARGE"
        # The rest of the body is dropped, and the connection serves the next request.
        writer.write(rest + b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        await writer.drain()
        assert (await read_head(reader)).startswith(b"HTTP/1.1 200")
        writer.close()


def _upload_envelope() -> bytes:
    """An anonymous uploadVideo request's multipart start, up to its file's bytes."""
    operations = json.dumps(
        {
            "query": "mutation($i: UploadVideoInput!) { uploadVideo(input: $i) "
            "{ errors { code } } }",
            "variables": {"i": {"title": "t", "file": None}},
        }
    )
    return (
        b'--XX\r\nContent-Disposition: form-data; name="operations"\r\n\r\n'
        + operations.encode()
        + b'\r\n--XX\r\nContent-Disposition: form-data; name="map"\r\n\r\n'
        + b'{"0": ["variables.i.file"]}\r\n--XX\r\n'
        + b'Content-Disposition: form-data; name="0"; filename="a.avi"\r\n\r\n'
    )


async def test_the_rest_of_a_refused_upload_is_not_read(app, settings, database):
    # An anonymous upload: refused from its envelope, with 8 MiB of file still to come.
    envelope = _upload_envelope()
    length = len(envelope) + 8 * 1024 * 1024
    # Body and keep-alive deadlines beyond the wait below: only the refusal can end it.
    patient = limited(
        settings,
        body_timeout_seconds=4 * PATIENCE,
        header_timeout_seconds=4 * PATIENCE,
        keep_alive_seconds=4 * PATIENCE,
    )
    async with serve(app, patient) as port:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            b"POST /graphql HTTP/1.1\r\nHost: x\r\nApollo-Require-Preflight: true\r\n"
            b"Content-Type: multipart/form-data; boundary=XX\r\n"
            b"Content-Length: " + str(length).encode() + b"\r\n\r\n" + envelope
        )
        await writer.drain()
        head = await read_head(reader)
        assert head.startswith(b"HTTP/1.1 200"), head
        size = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
        body = json.loads(await asyncio.wait_for(reader.readexactly(size), PATIENCE))
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        # The server waits for none of the file: it ends its side after the answer.
        assert await asyncio.wait_for(reader.read(), PATIENCE) == b""
        writer.close()


def _send_all_then_read(port: int, raw: bytes) -> bytes:
    """A blocking client that writes its whole request before reading the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=PATIENCE) as sock:
        sock.sendall(raw)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        return answer


@pytest.mark.parametrize("file_bytes", [3 * 1024 * 1024 // 2, 32 * 1024 * 1024])
async def test_a_refused_upload_sent_in_full_still_gets_its_answer(
    app, settings, database, file_bytes
):
    # A client that sends all of its (refused) file before it reads: the server reads
    # and drops the rest rather than reset the connection, which could discard the answer,
    # for a file of tens of megabytes as for a small one.
    body = _upload_envelope() + b"x" * file_bytes + b"\r\n--XX--\r\n"
    raw = (
        b"POST /graphql HTTP/1.1\r\nHost: x\r\nApollo-Require-Preflight: true\r\n"
        b"Content-Type: multipart/form-data; boundary=XX\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )
    patient = limited(settings, body_timeout_seconds=4 * PATIENCE, header_timeout_seconds=PATIENCE)
    async with serve(app, patient) as port:
        answer = await asyncio.to_thread(_send_all_then_read, port, raw)
    head, _, payload = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200"), head
    assert b"connection: close" in head.lower()
    assert json.loads(payload)["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_body_trickled_below_the_minimum_rate_times_out(app, settings, database, caplog):
    async with serve(app, limited(settings, body_timeout_seconds=0.6)) as port:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 100000\r\n\r\n"
        )

        async def trickle() -> None:
            # Never idle for long, but far below 1024 bytes a second.
            while True:
                writer.write(b" ")
                await writer.drain()
                await asyncio.sleep(0.1)

        sender = asyncio.create_task(trickle())
        try:
            # Go on sending well past the deadline before reading: a server that
            # closed at once would answer the late bytes with a reset, and the
            # reset would throw its 408 away unread.
            await asyncio.sleep(1.5)
            answer = await read_all(reader)
        finally:
            sender.cancel()
            with contextlib.suppress(asyncio.CancelledError, ConnectionError):
                await sender
        assert answer.startswith(b"HTTP/1.1 408")
        assert b"body did not arrive" in answer
        writer.close()
    # The app learns the client is gone; that is no unexpected error.
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_an_oversized_request_head_is_refused(app, settings):
    async with serve(
        app, limited(settings, max_header_bytes=4096, header_timeout_seconds=PATIENCE)
    ) as port:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 10_000 + b"\r\n\r\n")
        answer = await read_all(reader)
        assert answer.startswith(b"HTTP/1.1 431")
        writer.close()


async def test_a_body_sent_with_the_head_does_not_count_as_head(app, settings):
    """A client may write the head and the start of a large body at once."""
    async with serve(
        app, limited(settings, max_header_bytes=4096, header_timeout_seconds=PATIENCE)
    ) as port:
        body = b"x" * 100_000
        head = (
            b"POST /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n"
        )
        answer = await request(port, head + body)
        assert not answer.startswith(b"HTTP/1.1 431"), answer[:200]
        # Split inside the blank line that ends the head, the count is still right.
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(head[:-2])
        await writer.drain()
        await asyncio.sleep(0.05)
        writer.write(head[-2:] + body)
        answer = await read_all(reader)
        writer.close()
        assert not answer.startswith(b"HTTP/1.1 431"), answer[:200]


async def request(port: int, raw: bytes) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(raw)
    answer = await read_all(reader)
    writer.close()
    return answer


async def test_normal_requests_and_keep_alive_still_work(app, settings):
    async with serve(app, limited(settings, header_timeout_seconds=PATIENCE)) as port:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        for _ in range(3):
            writer.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            status = await read_head(reader)
            assert status.startswith(b"HTTP/1.1 200")
            length = int(
                next(
                    line.split(b":")[1]
                    for line in status.split(b"\r\n")
                    if line.lower().startswith(b"content-length")
                )
            )
            await reader.readexactly(length)
        writer.close()


async def test_connections_per_address_are_limited(app, settings):
    async with serve(
        app, limited(settings, header_timeout_seconds=30, max_connections_per_address=3)
    ) as port:
        held = [await asyncio.open_connection("127.0.0.1", port) for _ in range(3)]
        await asyncio.sleep(0.1)
        extra_reader, extra_writer = await asyncio.open_connection("127.0.0.1", port)
        answer = await read_all(extra_reader)
        assert answer.startswith(b"HTTP/1.1 503")
        assert b"Too many connections" in answer
        extra_writer.close()
        # A slot frees up when a connection closes (once the server has seen it close).
        held[0][1].close()
        deadline = time.monotonic() + PATIENCE
        while True:
            ok = await request(
                port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            )
            if not ok.startswith(b"HTTP/1.1 503") or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.1)
        assert ok.startswith(b"HTTP/1.1 200")
        for _, writer in held[1:]:
            writer.close()


def test_proxies_are_matched_by_address_and_network():
    proxies = Proxies("10.0.0.0/8, 192.168.1.5,unix-socket")
    assert proxies.contains("10.1.2.3") and proxies.contains("192.168.1.5")
    assert proxies.contains("unix-socket") and not proxies.contains("192.168.1.6")
    assert Proxies("*").contains("203.0.113.9")
    assert not Proxies("").contains("127.0.0.1")


async def test_websocket_messages_are_capped_like_http_bodies(app, settings):
    small = replace(settings, max_json_body_bytes=64 * 1024)
    served = create_app(small, manage_database=False)
    async with (
        serve(served, small) as port,
        websockets.connect(
            f"ws://127.0.0.1:{port}/graphql",
            subprotocols=[websockets.Subprotocol("graphql-transport-ws")],
            max_size=None,
        ) as ws,
    ):
        await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
        assert json.loads(await asyncio.wait_for(ws.recv(), PATIENCE))["type"] == "connection_ack"
        ids = ["VXNlcjox"] * 20_000  # ~220 KB
        await ws.send(
            json.dumps(
                {
                    "id": "1",
                    "type": "subscribe",
                    "payload": {
                        "query": "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
                        "variables": {"ids": ids},
                    },
                }
            )
        )
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), PATIENCE)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009


async def test_the_app_caps_websocket_messages_however_it_is_served(app, settings):
    small = replace(settings, max_json_body_bytes=64 * 1024)
    served = create_app(small, manage_database=False)
    # uvicorn's own cap left at its 16 MiB default: the app refuses by itself.
    async with (
        serve(served, small, ws_max_size=16 * 1024 * 1024) as port,
        websockets.connect(
            f"ws://127.0.0.1:{port}/graphql",
            subprotocols=[websockets.Subprotocol("graphql-transport-ws")],
            max_size=None,
        ) as ws,
    ):
        await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
        assert json.loads(await asyncio.wait_for(ws.recv(), PATIENCE))["type"] == "connection_ack"
        await ws.send(json.dumps({"type": "ping", "payload": {"pad": "x" * 100_000}}))
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), PATIENCE)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009


async def test_a_compressed_websocket_message_inflates_within_bounds(app, settings):
    async with (
        serve(app, settings) as port,
        websockets.connect(
            f"ws://127.0.0.1:{port}/graphql",
            subprotocols=[websockets.Subprotocol("graphql-transport-ws")],
            compression="deflate",
        ) as ws,
    ):
        # Compression is offered and taken; ordinary messages go through.
        assert ws.response is not None
        assert "permessage-deflate" in (ws.response.headers.get("Sec-WebSocket-Extensions") or "")
        await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
        assert json.loads(await asyncio.wait_for(ws.recv(), PATIENCE))["type"] == "connection_ack"
        await ws.send(
            json.dumps({"type": "ping", "payload": {"ids": [str(i) for i in range(5000)]}})
        )
        assert json.loads(await asyncio.wait_for(ws.recv(), PATIENCE))["type"] == "pong"
        # Half the size cap of one repeated value: a few kilobytes on the wire.
        pad = "1," * (settings.max_json_body_bytes // 4)
        await ws.send(json.dumps({"type": "ping", "payload": {"pad": pad}}))
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), PATIENCE)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009


async def test_a_500_keeps_the_keep_alive_connection_usable(settings, database):
    served = create_app(settings, manage_database=False)

    async def boom(request: Any) -> Any:
        raise RuntimeError("a bug")

    served.router.routes.append(Route("/boom", boom))
    async with serve(served, limited(settings, header_timeout_seconds=PATIENCE)) as port:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"GET /boom HTTP/1.1\r\nHost: x\r\n\r\n")
        head = await read_head(reader)
        assert head.startswith(b"HTTP/1.1 500")
        length = int(
            next(
                line.split(b":")[1]
                for line in head.split(b"\r\n")
                if line.lower().startswith(b"content-length")
            )
        )
        body = json.loads(await reader.readexactly(length))
        assert body["detail"] == "Unexpected error." and body["requestId"]
        # The same connection answers the next request.
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        again = await read_head(reader)
        assert again.startswith(b"HTTP/1.1 200")
        writer.close()


class _Transport:
    def __init__(self) -> None:
        self.closed = 0

    def close(self) -> None:
        self.closed += 1


class _Lingering:
    def lingers(self) -> bool:
        return True


@pytest.mark.parametrize("complete", [True, False])
def test_only_the_close_after_a_complete_answer_waits_for_a_lingering_body(complete):
    # uvicorn also closes the transport to abort an answer the app failed or left
    # unfinished: that close happens at once, or the connection could stay open for as
    # long as the client keeps sending.
    transport = _Transport()
    cycle = _Cycle(response_complete=complete)
    protocol = _Lingering()
    wrapped = _LingerOnClose(transport, protocol, cycle)  # type: ignore[arg-type]
    wrapped.close()
    assert transport.closed == (0 if complete else 1)


class _Cycle:
    def __init__(self, response_complete: bool) -> None:
        self.response_complete = response_complete


def test_a_request_whose_cycle_is_gone_closes_at_once():
    transport = _Transport()
    cycle = _Cycle(response_complete=True)
    protocol = _Lingering()
    wrapped = _LingerOnClose(transport, protocol, cycle)  # type: ignore[arg-type]
    del cycle
    wrapped.close()
    assert transport.closed == 1


@contextlib.contextmanager
def _unreachable_objects() -> Iterator[list[object]]:
    """What becomes garbage inside the block that only the collector could free."""
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    found: list[object] = []
    try:
        yield found
        gc.collect()
        found.extend(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was_enabled:
            gc.enable()


async def test_refused_requests_leave_no_garbage_cycles(app, settings):
    # Every request with a body got a transport wrapper (_LingerOnClose) that held its
    # cycle while the cycle held it: the request's objects then waited for the
    # collector, whose passes over a flood of refused requests held the event loop.
    query = "{ interviews(first: 100) { edges { node { questions { videoPrompt { url } } } } } }"
    body = json.dumps({"query": query}).encode()
    raw = (
        b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )
    async with serve(app, limited(settings, header_timeout_seconds=PATIENCE)) as port:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)

        async def ask() -> None:
            writer.write(raw)
            head = await read_head(reader)
            assert head.startswith(b"HTTP/1.1 200"), head
            length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
            answer = json.loads(await asyncio.wait_for(reader.readexactly(length), PATIENCE))
            assert answer["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"

        await ask()  # the document's first parse, validation and cost are kept
        with _unreachable_objects() as garbage:
            for _ in range(5):
                await ask()
            # The last request's cycle is let go by the next one.
            writer.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            assert (await read_head(reader)).startswith(b"HTTP/1.1 200")
        writer.close()
    names = {type(item).__name__ for item in garbage}
    assert not names, sorted(names)


async def test_closed_connections_leave_no_garbage_cycles(app, settings):
    # A closed connection's protocol and its last request held each other, as did a
    # WebSocket protocol and the wrapper of its connection_lost: each closed connection
    # was garbage for the collector, whose passes held the event loop.
    async with serve(app, limited(settings, header_timeout_seconds=PATIENCE)) as port:
        url = f"ws://127.0.0.1:{port}/graphql"
        closing = b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        assert (await request(port, closing)).startswith(b"HTTP/1.1 200")
        with _unreachable_objects() as garbage:
            for _ in range(3):
                assert (await request(port, closing)).startswith(b"HTTP/1.1 200")
                async with websockets.connect(
                    url, subprotocols=[websockets.Subprotocol("graphql-transport-ws")]
                ) as ws:
                    await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
                    assert json.loads(await ws.recv())["type"] == "connection_ack"
            await asyncio.sleep(0.1)  # the server's side of the last one closes
    names = {type(item).__name__ for item in garbage}
    leaked = names & {
        "GuardedHttpToolsProtocol",
        "GuardedWebSocketProtocol",
        "RequestResponseCycle",
        "_LingerOnClose",
    }
    assert not leaked, sorted(names)


async def test_a_connection_reset_with_pipelined_requests_leaves_no_garbage_cycles(app, settings):
    # Pipelined requests that never ran hold the protocol as its last request does.
    patient = limited(
        settings,
        header_timeout_seconds=PATIENCE,
        body_timeout_seconds=PATIENCE,
        keep_alive_seconds=PATIENCE,
    )
    body = json.dumps({"query": "{ __typename }"}).encode()
    post = (
        b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + b"Content-Length: %d\r\n\r\n" % len(body)
        + body
    )
    get = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
    async with serve(app, patient) as port:
        with _unreachable_objects() as garbage:
            for _ in range(5):
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.write(post + get + get)
                await writer.drain()
                sock = writer.get_extra_info("socket")
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                writer.transport.abort()
                await asyncio.sleep(0.2)
    # (The request that was running may still leave its own cycle, through the
    # traceback of its cancellation; the connection's protocol must not be in it.)
    names = {type(item).__name__ for item in garbage}
    assert "GuardedHttpToolsProtocol" not in names, sorted(names)
