"""What makes a username, an email address and a password acceptable."""

from __future__ import annotations

import re

from ..errors import ErrorCode
from ..validation import Collector
from .passwords import check_policy

USERNAME_RE = re.compile(r"^[\w.@+-]+\Z")
MAX_USERNAME = 150


def check_signup(
    errors: Collector, *, username: str, email: str, password: str, password2: str
) -> tuple[str, str]:
    """The cleaned username and email; every problem of the form goes into ``errors``."""
    username = errors.text(
        username,
        "username",
        max_length=MAX_USERNAME,
        noun="the username",
        missing="Enter a username.",
    )
    if username and len(username) <= MAX_USERNAME and not USERNAME_RE.match(username):
        errors.add(
            ErrorCode.INVALID_FORMAT,
            "Enter a valid username. It may contain only letters, digits "
            "and the characters @ . + - _",
            "username",
        )
    email = errors.email(email, "email")
    if password != password2:
        errors.add(ErrorCode.PASSWORD_MISMATCH, "The two passwords do not match.", "password2")
    errors.extend(check_policy(password, username=username, email=email))
    return username, email
