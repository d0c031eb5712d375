"""Names, addresses and subjects made safe for mail headers.

Header injection is impossible by construction: every text that reaches a
header passes through ``one_line`` (control characters, CR and LF become
spaces), addresses must match a plain ``local@domain`` shape, and the headers
are written by the standard library's ``email`` package with a policy that
refuses any header value still holding a line break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.headerregistry import Address
from email.utils import getaddresses

MAX_NAME = 200
MAX_SUBJECT = 250
MAX_ADDRESS = 254

# Control characters (C0, DEL, C1) and the Unicode line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_SPACES = re.compile(r"\s+")
# local@domain: no spaces, quotes, angle brackets, commas or control characters,
# and a domain of dot-separated labels.
_ADDRESS = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"
)


class InvalidAddress(ValueError):
    """An address that cannot be mailed to; the message says why."""


def one_line(text: str, limit: int) -> str:
    """``text`` on one line: control characters and runs of spaces become one space."""
    text = _SPACES.sub(" ", _CONTROL.sub(" ", text)).strip()
    return text[:limit].rstrip()


def check_address(address: str) -> str:
    """The address, stripped, if it is a plain ``local@domain``; InvalidAddress otherwise."""
    address = address.strip()
    if not address:
        raise InvalidAddress("The email address is empty.")
    if len(address) > MAX_ADDRESS or not _ADDRESS.match(address) or ".." in address:
        raise InvalidAddress(f"{address!r} is not an email address mail can be sent to.")
    return address


@dataclass(frozen=True)
class Recipient:
    """Someone mail goes to (or comes from): an address and an optional display name."""

    email: str
    name: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "email", check_address(self.email))
        object.__setattr__(self, "name", one_line(self.name, MAX_NAME))

    def header(self) -> Address:
        local, _, domain = self.email.rpartition("@")
        return Address(display_name=self.name, username=local, domain=domain)


def parse_sender(value: str) -> Recipient:
    """``Name <address>`` or a bare address (VECTOR_MAIL_FROM)."""
    if _CONTROL.search(value):
        raise InvalidAddress("The sender may not contain line breaks or control characters.")
    pairs = getaddresses([value])
    if len(pairs) != 1 or not pairs[0][1]:
        raise InvalidAddress(f"{value!r} is not one address like 'Name <user@example.com>'.")
    name, address = pairs[0]
    return Recipient(email=address, name=name)
