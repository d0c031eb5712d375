"""Password policy and hashing.

The policy follows Django's default validators: a minimum length, not entirely
numeric, not too similar to the username or email, not a common password (the
list that ships with Django, 20,000 entries).

Hashes are bcrypt over a SHA-256 digest of the password (as Django's
``BCryptSHA256PasswordHasher``), so long passwords are not cut at bcrypt's
72 bytes. Hashing runs in a thread pool: bcrypt releases the GIL, so a burst
of logins does not stall the event loop.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import gzip
import hashlib
import os
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from difflib import SequenceMatcher
from functools import cache
from importlib import resources

import bcrypt

from ..errors import ErrorCode, Problem

MIN_LENGTH = 8
MAX_LENGTH = 4096
MAX_SIMILARITY = 0.7


@cache
def common_passwords() -> frozenset[str]:
    data = resources.files("vector_gql").joinpath("data/common-passwords.txt.gz").read_bytes()
    return frozenset(gzip.decompress(data).decode().split())


def _too_similar(password: str, value: str) -> bool:
    """Django's UserAttributeSimilarityValidator: the whole value and its parts."""
    password = password.lower()
    value = value.lower()
    if not value:
        return False
    for part in {value, *re.split(r"\W+", value)}:
        if len(part) < 3:
            continue
        # quick_ratio is an upper bound; skip the exact ratio when it cannot pass.
        matcher = SequenceMatcher(a=password, b=part)
        if matcher.quick_ratio() >= MAX_SIMILARITY and matcher.ratio() >= MAX_SIMILARITY:
            return True
    return False


def check_policy(password: str, *, username: str = "", email: str = "") -> list[Problem]:
    """Everything wrong with a new password, so that a form can show it all at once."""
    field = ("password",)
    problems: list[Problem] = []
    if len(password) < MIN_LENGTH:
        problems.append(
            Problem(
                ErrorCode.PASSWORD_TOO_SHORT,
                f"This password is too short. It must contain at least {MIN_LENGTH} characters.",
                field,
            )
        )
    if len(password) > MAX_LENGTH:
        # Nothing more to say, and comparing a huge string costs too much.
        return [
            Problem(
                ErrorCode.TOO_LONG,
                f"This password is too long. Use at most {MAX_LENGTH} characters.",
                field,
            )
        ]
    if password.isdigit():
        problems.append(
            Problem(
                ErrorCode.PASSWORD_ENTIRELY_NUMERIC,
                "This password is entirely numeric.",
                field,
            )
        )
    if password.lower().strip() in common_passwords():
        problems.append(
            Problem(ErrorCode.PASSWORD_TOO_COMMON, "This password is too common.", field)
        )
    for label, value in (("username", username), ("email address", email)):
        if _too_similar(password, value):
            problems.append(
                Problem(
                    ErrorCode.PASSWORD_TOO_SIMILAR,
                    f"The password is too similar to the {label}.",
                    field,
                )
            )
            break
    return problems


def _prehash(password: str) -> bytes:
    return base64.b64encode(hashlib.sha256(password.encode()).digest())


def _lower_priority() -> None:
    """Hashing threads yield the CPU to the event loop thread.

    bcrypt releases the GIL, so hashing does not block the loop, but on a busy
    machine it competes with it for the cores: at a lower priority, a burst of
    logins waits a little longer instead of slowing every other request.
    """
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


class PasswordHasher:
    def __init__(self, rounds: int, *, threads: int | None = None) -> None:
        self.rounds = rounds
        self._pool = ThreadPoolExecutor(
            max_workers=threads or os.cpu_count() or 2,
            thread_name_prefix="bcrypt",
            initializer=_lower_priority,
        )
        self._dummy: str | None = None

    def hash_sync(self, password: str) -> str:
        return bcrypt.hashpw(_prehash(password), bcrypt.gensalt(self.rounds)).decode()

    @staticmethod
    def verify_sync(password: str, hashed: str) -> bool:
        try:
            return bcrypt.checkpw(_prehash(password), hashed.encode())
        except ValueError:
            return False

    async def hash(self, password: str) -> str:
        return await asyncio.get_running_loop().run_in_executor(
            self._pool, self.hash_sync, password
        )

    async def verify(self, password: str, hashed: str) -> bool:
        return await asyncio.get_running_loop().run_in_executor(
            self._pool, self.verify_sync, password, hashed
        )

    async def verify_dummy(self, password: str) -> None:
        """Spend the time a real check costs, for an account that does not exist."""
        if self._dummy is None:
            self._dummy = await self.hash("vector-interview-dummy-password")
        await self.verify(password, self._dummy)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
