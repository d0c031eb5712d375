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

``send`` blocks; the mail job runs it in a thread. Failures are sorted into
``PermanentMailError`` (the server refused this message for good: a 5xx reply
to the sender, the recipient or the content) and ``TransientMailError``
(anything that may work later: connection failures, timeouts, 4xx replies,
authentication or TLS set-up), which the job retries.
"""

from __future__ import annotations

import ipaddress
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

SECURITY_BY_SCHEME = {"smtp": "none", "smtp+starttls": "starttls", "smtps": "tls"}
DEFAULT_PORTS = {"none": 25, "starttls": 587, "tls": 465}
DEFAULT_TIMEOUT = 30.0


class SmtpUrlError(ValueError):
    """VECTOR_SMTP_URL cannot be used; the message says what to fix."""


class MailError(Exception):
    """Sending failed; ``str()`` is a short description kept with the message."""


class TransientMailError(MailError):
    """May work on a later attempt."""


class PermanentMailError(MailError):
    """The server refused this message; trying again would get the same answer."""


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


def send(config: SmtpConfig, message: EmailMessage) -> None:
    """Deliver ``message`` to the server, blocking; raises a MailError subclass."""
    try:
        _send(config, message)
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


def _send(config: SmtpConfig, message: EmailMessage) -> None:
    smtp: smtplib.SMTP
    if config.security == "tls":
        smtp = smtplib.SMTP_SSL(
            config.host, config.port, timeout=config.timeout, context=config.tls_context()
        )
    else:
        smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
    with smtp:
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
        smtp.send_message(message)


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}".strip()[:300]


__all__ = [
    "MailError",
    "PermanentMailError",
    "SmtpConfig",
    "SmtpUrlError",
    "TransientMailError",
    "send",
]
