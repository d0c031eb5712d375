"""Serving with uvicorn, safe against slow and greedy clients.

uvicorn 0.54 closes idle keep-alive connections (``timeout_keep_alive``) and can
answer 503 past a number of connections (``limit_concurrency``), but a fresh
connection that sends nothing, a request head trickled a byte at a time, or a
body that never finishes are kept open forever, each holding a file
descriptor; and httptools puts no bound on the size of a request head. The
protocol here adds, per connection:

- a deadline for the request head (``header_timeout_seconds``), from the moment
  the connection opens or the next request starts, and a bound on its size
  (``max_header_bytes``); past either the client gets 408 or 431 and the
  connection closes;
- a body deadline: no pause longer than ``body_timeout_seconds``, and after that
  grace an average of at least ``body_min_rate`` bytes a second (time during
  which the app is not reading does not count); past it, 408 and close;
- a request the app answers without wanting the rest of its body (it sets
  ``UNWANTED_BODY`` in the scope's state: an upload refused from its envelope,
  see graphql/upload_gate.py) is not passed on further: the answer says
  ``Connection: close``, the connection is half closed after it, and what the
  client still sends is read and dropped for up to ``LINGER_SECONDS`` (and at
  most the largest upload allowed, plus ``LINGER_SLACK_BYTES``), then it closes.
  Closing at once while the client still sends would reset the connection, and a
  reset can discard the answer before the client reads it; the time cap keeps a
  refused client from holding the server to receive a whole file;
- compressed WebSocket messages inflate within bounds (``websocket.py``);
- at most ``max_connections_per_address`` open connections per client address in
  this worker; more get 503 and close. Addresses in ``FORWARDED_ALLOW_IPS`` (a
  proxy) are not limited, since every client arrives through them: the proxy
  must limit per client (nginx ``limit_conn``, HAProxy ``conn_cur``).
"""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import time
import weakref
from collections import Counter
from dataclasses import dataclass
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from ..config import Settings
from .websocket import GuardedWebSocketProtocol

# How long a refused connection keeps reading (and dropping) what the client still
# sends before the socket closes; see GuardedHttpToolsProtocol._refuse.
LINGER_SECONDS = 2.0
# And at most this many bytes past the largest upload a client may send (past them the
# socket closes at once): a client that writes its whole file before it reads still
# gets the answer, and the time limit bounds what a faster sender costs.
LINGER_SLACK_BYTES = 2 * 1024 * 1024
# Set to True in a request's scope["state"] by an app that answers it without wanting
# the rest of its body: the connection reads no more of it (see on_response_complete).
UNWANTED_BODY = "vector.unwanted_body"


@dataclass(frozen=True)
class ConnectionLimits:
    header_timeout: float = 10.0
    body_timeout: float = 30.0
    body_min_rate: int = 1024
    max_header_bytes: int = 64 * 1024
    per_address: int = 100
    linger_bytes: int = 500 * 1024 * 1024 + LINGER_SLACK_BYTES

    @classmethod
    def from_settings(cls, settings: Settings) -> ConnectionLimits:
        return cls(
            header_timeout=settings.header_timeout_seconds,
            body_timeout=settings.body_timeout_seconds,
            body_min_rate=settings.body_min_rate,
            max_header_bytes=settings.max_header_bytes,
            per_address=settings.max_connections_per_address,
            linger_bytes=settings.max_upload_bytes + LINGER_SLACK_BYTES,
        )


# Open connections per client address, in this process.
_open_per_address: Counter[str] = Counter()


def _simple_response(status: bytes, message: str) -> bytes:
    body = message.encode()
    return (
        b"HTTP/1.1 " + status + b"\r\n"
        b"content-type: text/plain; charset=utf-8\r\n"
        b"connection: close\r\n"
        b"content-length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with head and body deadlines and a per-address limit."""

    def __init__(self, *args: Any, limits: ConnectionLimits, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limits = limits
        self._address: str | None = None
        self._deadline: asyncio.TimerHandle | None = None
        self._in_head = False
        self._head_bytes = 0
        self._in_body = False
        self._body_started = 0.0
        self._body_last = 0.0
        self._body_bytes = 0
        self._closed_by_guard = False
        self._dropped = 0

    # --- connections per address ----------------------------------------------------

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        host = self.client[0] if self.client else None
        if host is not None and self.limits.per_address > 0 and not self._trusted(host):
            if _open_per_address[host] >= self.limits.per_address:
                self._refuse(b"503 Service Unavailable", "Too many connections from your address.")
                return
            self._address = host
            _open_per_address[host] += 1
        self._start_head()

    def _trusted(self, host: str) -> bool:
        trusted = getattr(self.config, "_vector_proxies", None)
        if trusted is None:
            trusted = Proxies(self.config.forwarded_allow_ips or "")
            self.config._vector_proxies = trusted  # type: ignore[attr-defined]
        return trusted.contains(host)

    def _release_address(self) -> None:
        if self._address is not None:
            _open_per_address[self._address] -= 1
            if _open_per_address[self._address] <= 0:
                del _open_per_address[self._address]
            self._address = None

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_deadline()
        self._release_address()
        super().connection_lost(exc)
        # The connection's last request cycle and this protocol hold each other (the
        # cycle's on_response is a method of this), as do the keep-alive timer and this:
        # let go of both, so that a closed connection is freed at once rather than by
        # the collector, whose passes over many closed connections held the event loop.
        # Pipelined requests that never ran hold it the same way.
        self.cycle = None  # type: ignore[assignment]
        self.pipeline.clear()
        if self.timeout_keep_alive_task is not None:
            self.timeout_keep_alive_task.cancel()
            self.timeout_keep_alive_task = None

    def handle_websocket_upgrade(self) -> None:
        self._cancel_deadline()
        self._in_head = self._in_body = False
        super().handle_websocket_upgrade()
        # The WebSocket protocol owns the connection now; its end frees the slot.
        protocol = self.transport.get_protocol()
        lost = protocol.connection_lost
        release = self._release_address

        def connection_lost(exc: Exception | None) -> None:
            release()
            lost(exc)
            # This wrapper holds the protocol's own method: let the protocol go.
            vars(protocol).pop("connection_lost", None)

        protocol.connection_lost = connection_lost  # type: ignore[method-assign]
        # This protocol is done; its parser holds it (and it the parser): let go.
        self.parser = None  # type: ignore[assignment]

    # --- the request head -----------------------------------------------------------

    def _start_head(self) -> None:
        if self._closed_by_guard:
            return
        self._in_head = True
        self._head_bytes = 0
        self._head_tail = b""
        self._arm(self.limits.header_timeout, self._head_expired)

    def _head_expired(self) -> None:
        if self._in_head:
            self._refuse(b"408 Request Timeout", "The request head did not arrive in time.")

    def data_received(self, data: bytes) -> None:
        if self._closed_by_guard:
            # Lingering: dropped, up to a bound.
            self._dropped += len(data)
            if self._dropped > self.limits.linger_bytes:
                self._close()
            return
        if self._in_head:
            # Only the head counts: a client may send the start of the body in the same
            # packet (httpx does with a multipart upload). The blank line that ends the
            # head may be split between packets, so the last bytes are searched again.
            window = self._head_tail + data
            end = window.find(b"\r\n\r\n")
            if end < 0:
                self._head_bytes += len(data)
            else:
                self._head_bytes += max(0, end + 4 - len(self._head_tail))
            self._head_tail = window[-3:]
            if self._head_bytes > self.limits.max_header_bytes:
                self._refuse(
                    b"431 Request Header Fields Too Large",
                    f"The request head is larger than {self.limits.max_header_bytes} bytes.",
                )
                return
        elif self._in_body:
            now = time.monotonic()
            self._body_last = now
            self._body_bytes += len(data)
        super().data_received(data)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if not self._in_head:
            # The next request on a kept-alive connection.
            self._start_head()

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._cancel_deadline()
        super().on_headers_complete()
        if self.cycle is not None and self.cycle.more_body and not self.transport.is_closing():
            # uvicorn closes at once after an answer that says Connection: close; an
            # unwanted body lingers instead (on_response_complete).
            self.cycle.transport = _LingerOnClose(self.transport, self, self.cycle)  # type: ignore[assignment]
            self._in_body = True
            now = time.monotonic()
            self._body_started = self._body_last = now
            self._body_bytes = 0
            self._arm(self.limits.body_timeout, self._body_check)

    # --- the request body -----------------------------------------------------------

    def _body_check(self) -> None:
        if not self._in_body:
            return
        now = time.monotonic()
        if self.flow.read_paused:
            # The app is not reading: the client cannot send, so start counting afresh.
            self._body_started = self._body_last = now
            self._body_bytes = 0
            self._arm(self.limits.body_timeout, self._body_check)
            return
        idle_deadline = self._body_last + self.limits.body_timeout
        rate_deadline = (
            self._body_started
            + self.limits.body_timeout
            + self._body_bytes / max(1, self.limits.body_min_rate)
        )
        deadline = min(idle_deadline, rate_deadline)
        if now >= deadline:
            self._body_timed_out()
        else:
            self._arm(deadline - now, self._body_check)

    def _body_timed_out(self) -> None:
        self._in_body = False
        cycle = self.cycle
        if cycle is not None and not cycle.response_started:
            self._refuse(b"408 Request Timeout", "The request body did not arrive in time.")
        else:
            self._close()
        if cycle is not None:
            # The app waiting for more body learns the client is gone.
            cycle.disconnected = True
            cycle.message_event.set()

    def on_message_complete(self) -> None:
        self._in_body = False
        self._cancel_deadline()
        super().on_message_complete()

    def on_response_complete(self) -> None:
        state = self.scope.get("state") if self.scope else None
        if self._in_body and state and state.get(UNWANTED_BODY) and not self.transport.is_closing():
            # Answered before the body arrived, and the rest is not wanted: half close
            # after the answer (the client reads it, then sees the end), and read and
            # drop what still comes, within LINGER_SECONDS and the limits' linger_bytes.
            self.server_state.total_requests += 1
            self._in_body = False
            self._closed_by_guard = True
            self._dropped = 0
            self.flow.resume_reading()
            if self.transport.can_write_eof():
                self.transport.write_eof()
            self._arm(LINGER_SECONDS, self._close)
            return
        super().on_response_complete()

    # --- helpers --------------------------------------------------------------------

    def _arm(self, delay: float, callback: Any) -> None:
        self._cancel_deadline()
        self._deadline = self.loop.call_later(delay, callback)

    def _cancel_deadline(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _refuse(self, status: bytes, message: str) -> None:
        """Answer (unless a response is under way) and close, lingering.

        A client that is still sending when the socket closes gets a TCP reset,
        and a reset can discard the answer before the client has read it. So,
        as nginx's lingering close does, the write side is shut after the answer,
        what still arrives is read and dropped, and the socket closes once the
        client closes its side or after LINGER_SECONDS.
        """
        cycle = self.cycle
        if cycle is None or cycle.response_complete or not cycle.response_started:
            self.transport.write(_simple_response(status, message))
            if self.transport.can_write_eof() and not self.transport.is_closing():
                self._closed_by_guard = True
                self._in_head = self._in_body = False
                self.transport.write_eof()
                self._arm(LINGER_SECONDS, self._close)
                return
        self._close()

    def lingers(self) -> bool:
        state = self.scope.get("state") if self.scope else None
        return bool(self._in_body and state and state.get(UNWANTED_BODY))

    def _close(self) -> None:
        self._closed_by_guard = True
        self._in_head = self._in_body = False
        self._cancel_deadline()
        if not self.transport.is_closing():
            self.transport.close()


class _LingerOnClose:
    """A request's transport whose ``close`` waits while an unwanted body lingers.

    The request's cycle holds this as its transport, so this holds the cycle (and the
    protocol, which holds the cycle) weakly:
    a strong reference both ways made every request with a body (its cycle, scope,
    headers, events) garbage that only the collector could free, and under a flood
    of refused requests its young-generation passes, each freeing some thousand
    requests at once, held the event loop for 5 to 10 ms.
    """

    def __init__(
        self, transport: asyncio.Transport, protocol: GuardedHttpToolsProtocol, cycle: Any
    ) -> None:
        self._transport = transport
        self._protocol = weakref.ref(protocol)
        self._cycle = weakref.ref(cycle)

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._transport, name)
        if callable(found):
            setattr(self, name, found)  # a transport's methods: looked up once per request
        return found

    def close(self) -> None:
        # Only the close after a complete answer waits: uvicorn also closes to abort an
        # answer the app failed or left unfinished, and that close must happen now.
        cycle, protocol = self._cycle(), self._protocol()
        if not (
            cycle is not None
            and protocol is not None
            and cycle.response_complete
            and protocol.lingers()
        ):
            self._transport.close()


class Proxies:
    """The addresses of FORWARDED_ALLOW_IPS: literal IPs, networks, or ``*``."""

    def __init__(self, spec: str | list[str]) -> None:
        items = spec.split(",") if isinstance(spec, str) else list(spec)
        items = [item.strip() for item in items if item.strip()]
        self.everyone = "*" in items
        self.networks = []
        self.literals = set()
        for item in items:
            try:
                self.networks.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                self.literals.add(item)

    def contains(self, host: str) -> bool:
        if self.everyone or host in self.literals:
            return True
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(address in network for network in self.networks)


def http_protocol(settings: Settings) -> Any:
    """The ``http`` argument for uvicorn: our protocol with these limits."""
    return functools.partial(
        GuardedHttpToolsProtocol, limits=ConnectionLimits.from_settings(settings)
    )


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """Everything ``vector-gql serve`` passes to uvicorn besides the app and address."""
    return {
        "http": http_protocol(settings),
        "timeout_keep_alive": settings.keep_alive_seconds,
        "limit_concurrency": settings.max_connections or None,
        "ws": GuardedWebSocketProtocol,
        "ws_max_size": settings.max_json_body_bytes,
        "h11_max_incomplete_event_size": settings.max_header_bytes,
    }
