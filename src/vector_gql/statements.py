"""Count the SQL statements a piece of work sends, for tests and benchmarks.

Tortoise logs every statement on the ``tortoise.db_client`` logger at DEBUG
level, from the task that runs it. ``count_statements()`` turns that logger
on for its duration and counts the records emitted in its own context (and in
tasks started from it), so concurrent work elsewhere is not counted.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

LOGGER = "tortoise.db_client"
_current: contextvars.ContextVar[StatementLog | None] = contextvars.ContextVar(
    "statement_log", default=None
)


@dataclass
class StatementLog:
    statements: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.statements)


class _Counter(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        log = _current.get()
        if log is None:
            return  # work in another context
        if record.msg == "%s: %s" and isinstance(record.args, tuple):
            log.statements.append(str(record.args[0]))
        elif not record.args:
            log.statements.append(str(record.msg))
        # anything else is a pool message, not a statement


@contextmanager
def count_statements() -> Iterator[StatementLog]:
    logger = logging.getLogger(LOGGER)
    log = StatementLog()
    handler = _Counter(level=logging.DEBUG)
    previous_level, previous_propagate = logger.level, logger.propagate
    token = _current.set(log)
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    # Keep the DEBUG records out of the application's own log handlers.
    logger.propagate = False
    try:
        yield log
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)
        logger.propagate = previous_propagate
        _current.reset(token)
