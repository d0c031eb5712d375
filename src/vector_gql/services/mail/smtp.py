"""Sending one message over SMTP, configured by ``VECTOR_SMTP_URL``.

URL forms (the scheme says how the connection is protected):

- ``smtp://[user:pass@]host[:25]``: plain SMTP, for a relay on the same host
  or network (and for tests);
- ``smtp+starttls://[user:pass@]host[:587]``: upgraded with STARTTLS, which the
  server must offer; the certificate is verified;
- ``smtps://[user:pass@]host[:465]``: TLS from the first byte, verified.

Options in the query string: ``timeout`` (seconds for connecting and for each
reply, default 30) and ``cafile`` (a PEM file of the certificate authorities
to trust instead of the system's, for a private relay). The user name and
password are percent-decoded, so ``%40`` stands for ``@``.

``ConnectionPool.send`` blocks; the mail job runs it in a thread. A burst of
messages (200 invitations) goes out over as many connections as jobs run at
once, each reused for up to
``MESSAGES_PER_CONNECTION`` messages and closed after ``IDLE_SECONDS`` without
use (``close_idle``) or on any failure. Each message is still its own job,
sent once per successful attempt: a reused connection the server had already
dropped is replaced, and the message sent on the new one, only when the
failure came before the server's go-ahead to DATA (its 354 reply), so nothing
can have been delivered twice. Failures are sorted into
``PermanentMailError`` (the server refused this message for good: a 5xx reply
to the sender, the recipient or the content) and ``TransientMailError``
(anything that may work later: connection failures, timeouts, 4xx replies,
authentication or TLS set-up), which the job retries. A failure after the
server's 354 that is not a reply from it (the connection dropped or timed out
while the server had the message, or part of it) is an ``OutcomeUnknown``:
the server may have accepted the message. Before the 354 the content has not
left, so a dropped session there is a plain transient failure.
"""

from __future__ import annotations

import contextlib
import ipaddress
import smtplib
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage, Message
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

SECURITY_BY_SCHEME = {"smtp": "none", "smtp+starttls": "starttls", "smtps": "tls"}
DEFAULT_PORTS = {"none": 25, "starttls": 587, "tls": 465}
DEFAULT_TIMEOUT = 30.0
# A connection carries at most this many messages, then is closed and another opened
# (some servers refuse more per connection, and a long session is a long-lived risk).
MESSAGES_PER_CONNECTION = 100
# A pooled connection unused for this long is closed (servers drop idle sessions
# after a few minutes; an open one costs the server a slot).
IDLE_SECONDS = 10.0


class SmtpUrlError(ValueError):
    """VECTOR_SMTP_URL cannot be used; the message says what to fix."""


class MailError(Exception):
    """Sending failed; ``str()`` is a short description kept with the message."""


class TransientMailError(MailError):
    """May work on a later attempt."""


class PermanentMailError(MailError):
    """The server refused this message; trying again would get the same answer."""


class OutcomeUnknown(TransientMailError):
    """The session failed after the server had the message and before it answered:
    the message may have been accepted."""


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    security: str  # "none", "starttls" or "tls"
    username: str | None = None
    password: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    cafile: str | None = None

    @classmethod
    def parse(cls, url: str) -> SmtpConfig:
        parts = urlsplit(url.strip())
        security = SECURITY_BY_SCHEME.get(parts.scheme.lower())
        if security is None:
            raise SmtpUrlError(
                f"unknown scheme {parts.scheme!r}; use smtp://, smtp+starttls:// or smtps://"
            )
        if not parts.hostname:
            raise SmtpUrlError("name the server, as in smtp+starttls://user:pass@host:587")
        try:
            port = parts.port or DEFAULT_PORTS[security]
        except ValueError:
            raise SmtpUrlError("the port must be a number between 1 and 65535") from None
        options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        unknown = set(options) - {"timeout", "cafile"}
        if unknown:
            raise SmtpUrlError(f"unknown option(s) {', '.join(sorted(unknown))}")
        timeout = DEFAULT_TIMEOUT
        if "timeout" in options:
            try:
                timeout = float(options["timeout"])
            except ValueError:
                timeout = -1.0
            if not 0 < timeout <= 600:
                raise SmtpUrlError("timeout must be a number of seconds between 0 and 600")
        username = unquote(parts.username) if parts.username else None
        password = unquote(parts.password) if parts.password is not None else None
        if username and password is None:
            raise SmtpUrlError("give the password with the user name (user:pass@host)")
        return cls(
            host=parts.hostname,
            port=port,
            security=security,
            username=username,
            password=password,
            timeout=timeout,
            cafile=options.get("cafile"),
        )

    @property
    def sends_password_in_clear(self) -> bool:
        """Whether the password would cross the network unencrypted to another host."""
        if self.security != "none" or not self.username:
            return False
        if self.host == "localhost":
            return False
        try:
            return not ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return True

    def describe(self) -> str:
        """Where mail goes, without the password."""
        user = f"{self.username}@" if self.username else ""
        return f"{self.security} SMTP {user}{self.host}:{self.port}"

    def tls_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.cafile)


@contextlib.contextmanager
def classified(config: SmtpConfig) -> Iterator[None]:
    """Turn smtplib's and the socket's exceptions into MailError subclasses."""
    try:
        yield
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        text = "; ".join(f"{to}: {_reply(code, msg)}" for to, (code, msg) in exc.recipients.items())
        if codes and all(code >= 500 for code in codes):
            raise PermanentMailError(f"recipient refused: {text}") from exc
        raise TransientMailError(f"recipient refused for now: {text}") from exc
    except smtplib.SMTPAuthenticationError as exc:
        reply = _reply(exc.smtp_code, exc.smtp_error)
        raise TransientMailError(f"the server refused the SMTP user or password ({reply})") from exc
    except smtplib.SMTPResponseException as exc:
        reply = _reply(exc.smtp_code, exc.smtp_error)
        if exc.smtp_code >= 500 and not isinstance(exc, smtplib.SMTPConnectError):
            raise PermanentMailError(f"message refused: {reply}") from exc
        raise TransientMailError(f"server answered {reply}") from exc
    except smtplib.SMTPNotSupportedError as exc:
        raise TransientMailError(f"the server does not support {exc}") from exc
    except ssl.SSLError as exc:
        raise TransientMailError(f"TLS failed: {exc.reason or exc}") from exc
    except (smtplib.SMTPException, OSError) as exc:
        # Connection refused or reset, timeouts, name resolution, disconnects.
        raise TransientMailError(f"could not reach {config.host}:{config.port}: {exc}") from exc


class _Plain(smtplib.SMTP):
    """An SMTP session that knows whether the current message's content may have reached
    the server: whether the server answered its DATA with 354, the go-ahead."""

    data_started = False
    messages = 0
    last_used = 0.0
    _in_data = False

    def send_message(self, msg: Message, *args: Any, **kwargs: Any) -> dict[str, tuple[int, bytes]]:
        self.data_started = False
        self.messages += 1
        refused = super().send_message(msg, *args, **kwargs)
        self.last_used = time.monotonic()
        return refused

    def data(self, msg: Any) -> tuple[int, bytes]:
        self._in_data = True
        try:
            return super().data(msg)
        finally:
            self._in_data = False

    def getreply(self) -> tuple[int, bytes]:
        code, text = super().getreply()
        if self._in_data and code == 354:
            self.data_started = True  # the content goes out next
        return code, text

    def close_quietly(self) -> None:
        """QUIT if the server still listens, then close the socket."""
        with contextlib.suppress(smtplib.SMTPException, OSError):
            self.quit()
        with contextlib.suppress(OSError):
            self.close()


class _Tls(_Plain, smtplib.SMTP_SSL):
    pass


Connection = _Plain  # or _Tls, its subclass


def _connect(config: SmtpConfig) -> Connection:
    """A session ready for messages: greeted, upgraded to TLS if asked, logged in."""
    smtp: Connection
    if config.security == "tls":
        smtp = _Tls(config.host, config.port, timeout=config.timeout, context=config.tls_context())
    else:
        smtp = _Plain(config.host, config.port, timeout=config.timeout)
    try:
        smtp.ehlo_or_helo_if_needed()
        if config.security == "starttls":
            if not smtp.has_extn("starttls"):
                raise smtplib.SMTPNotSupportedError(
                    "STARTTLS, which smtp+starttls:// requires; use smtps:// or smtp://"
                )
            smtp.starttls(context=config.tls_context())
            smtp.ehlo()
        if config.username:
            smtp.login(config.username, config.password or "")
    except BaseException:
        smtp.close_quietly()
        raise
    return smtp


def _unanswered(connection: Connection, exc: BaseException) -> bool:
    """Whether ``exc`` left the message with the server, unanswered: the server had said
    go ahead to DATA and no reply said what became of the message."""
    return connection.data_started and not isinstance(exc, smtplib.SMTPResponseException)


def _dropped(exc: BaseException) -> bool:
    """Whether ``exc`` says the server had closed the session (not refused a message)."""
    if isinstance(exc, smtplib.SMTPServerDisconnected | ConnectionError):
        return True
    return isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code == 421


class ConnectionPool:
    """Open sessions to one server, reused by the messages of a burst (thread-safe).

    A session serves one message at a time: ``send`` takes an idle one (or
    opens one), sends, and gives it back, so the number open is at most the
    number of messages being sent at once. Any failure closes the session it
    happened on.
    """

    def __init__(
        self,
        config: SmtpConfig,
        *,
        messages_per_connection: int = MESSAGES_PER_CONNECTION,
        idle_seconds: float = IDLE_SECONDS,
    ) -> None:
        self.config = config
        self.messages_per_connection = messages_per_connection
        self.idle_seconds = idle_seconds
        self._idle: list[Connection] = []
        self._lock = threading.Lock()
        self.opened = 0  # sessions opened so far

    def send(self, message: EmailMessage) -> None:
        """Deliver ``message``, blocking; raises a MailError subclass."""
        with classified(self.config):
            connection = self._take()
            if connection is not None:
                try:
                    connection.send_message(message)
                except Exception as exc:
                    self._failed(connection, exc)
                    # Only a session the server dropped before its go-ahead to this
                    # message's DATA is replaced: the message cannot have been accepted.
                    if connection.data_started or not _dropped(exc):
                        raise
                else:
                    self._give_back(connection)
                    return
            connection = _connect(self.config)
            with self._lock:
                self.opened += 1
            try:
                connection.send_message(message)
            except Exception as exc:
                self._failed(connection, exc)
                raise
            except BaseException:
                connection.close_quietly()
                raise
            self._give_back(connection)

    def _failed(self, connection: Connection, exc: BaseException) -> None:
        """Close the session ``exc`` happened on; raise ``OutcomeUnknown`` if it left the
        message with the server, unanswered."""
        connection.close_quietly()
        if _unanswered(connection, exc):
            raise OutcomeUnknown(_unknown(self.config, exc)) from exc

    def _take(self) -> Connection | None:
        stale: list[Connection] = []
        taken = None
        now = time.monotonic()
        with self._lock:
            while self._idle:
                connection = self._idle.pop()
                if now - connection.last_used < self.idle_seconds:
                    taken = connection
                    break
                stale.append(connection)
        for connection in stale:
            connection.close_quietly()
        return taken

    def _give_back(self, connection: Connection) -> None:
        if connection.messages >= self.messages_per_connection:
            connection.close_quietly()
            return
        with self._lock:
            self._idle.append(connection)

    @property
    def idle(self) -> int:
        """How many sessions are open and unused."""
        with self._lock:
            return len(self._idle)

    def close_idle(self, older_than: float | None = None) -> int:
        """Close the unused sessions idle for ``older_than`` seconds (default: all).

        Returns how many remain open and unused.
        """
        limit = time.monotonic() - (older_than or 0.0)
        with self._lock:
            closing = [c for c in self._idle if c.last_used <= limit]
            self._idle = [c for c in self._idle if c.last_used > limit]
            remaining = len(self._idle)
        for connection in closing:
            connection.close_quietly()
        return remaining


def _unknown(config: SmtpConfig, exc: BaseException) -> str:
    return (
        f"no answer from {config.host}:{config.port} after the message was sent "
        f"({exc or type(exc).__name__}); it may have been accepted"
    )


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}".strip()[:300]


__all__ = [
    "ConnectionPool",
    "MailError",
    "OutcomeUnknown",
    "PermanentMailError",
    "SmtpConfig",
    "SmtpUrlError",
    "TransientMailError",
]
