"""A real SMTP server (aiosmtpd) on a free local port, in the tests' event loop.

Messages that arrive are parsed and queued; a test awaits ``next_message``.
``replies`` scripts the answers to DATA (for example a 451, then success) so
that retries can be tested against a server that really refused.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import ssl
from collections import deque
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage
    raw: bytes
    authenticated_as: str | None
    tls: bool


@dataclass
class LocalSmtp:
    tls_context: ssl.SSLContext | None = None  # offered with STARTTLS
    require_starttls: bool = False
    implicit_tls: ssl.SSLContext | None = None  # TLS from the first byte (smtps)
    credentials: tuple[str, str] | None = None  # required login, if any
    replies: deque[str] = field(default_factory=deque)  # answers to DATA, then 250
    received: asyncio.Queue[Received] = field(default_factory=asyncio.Queue)
    port: int = 0
    _server: Any = None

    async def start(self) -> LocalSmtp:
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(
            self._protocol, "127.0.0.1", 0, ssl=self.implicit_tls
        )
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        self._server.close()
        await self._server.wait_closed()

    def _protocol(self) -> SMTP:
        return SMTP(
            self,
            hostname="localhost",
            loop=asyncio.get_running_loop(),
            tls_context=self.tls_context,
            require_starttls=self.require_starttls,
            auth_required=self.credentials is not None,
            auth_require_tls=True,
            authenticator=self._authenticate if self.credentials else None,
        )

    def _authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and (
                auth_data.login.decode(),
                auth_data.password.decode(),
            )
            == self.credentials
        )
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.replies:
            return self.replies.popleft()
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        login = session.auth_data
        await self.received.put(
            Received(
                mail_from=envelope.mail_from,
                rcpt_tos=list(envelope.rcpt_tos),
                message=message,
                raw=raw,
                authenticated_as=login.login.decode() if login else None,
                tls=session.ssl is not None,
            )
        )
        return "250 OK"

    async def next_message(self, within: float = 20.0) -> Received:
        return await asyncio.wait_for(self.received.get(), within)

    def url(self, scheme: str = "smtp", userinfo: str = "", query: str = "") -> str:
        at = f"{userinfo}@" if userinfo else ""
        return f"{scheme}://{at}127.0.0.1:{self.port}" + (f"?{query}" if query else "")
