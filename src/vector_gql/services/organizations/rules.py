"""Organization names, invitation lifetimes and tokens."""

from __future__ import annotations

import hashlib

from ..validation import Collector

MAX_NAME = 200
INVITATION_DAYS = 7


def hash_token(token: str) -> str:
    """Only this is stored: the token itself travels to the invitee once."""
    return hashlib.sha256(token.encode()).hexdigest()


def check_name(name: str) -> str:
    errors = Collector()
    name = errors.text(
        name,
        "name",
        max_length=MAX_NAME,
        noun="the name",
        missing="Enter a name for the organization.",
    )
    errors.raise_if_any()
    return name
