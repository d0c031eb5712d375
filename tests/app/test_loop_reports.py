"""The test run fails on what the event loop reports (tests/conftest.py)."""

from __future__ import annotations

import asyncio
import gc
import logging

import pytest


def _session_reports() -> tuple[list[str], object]:
    handler = asyncio.get_running_loop().get_exception_handler()
    assert handler is not None
    namespace = handler.__globals__
    return namespace["LOOP_REPORTS"], namespace["loop_reports_failure"]


@pytest.mark.parametrize(
    "report",
    [
        {"message": "Task was destroyed but it is pending!", "task": "<Task pending>"},
        {"message": "Future exception was never retrieved", "future": "<Future>"},
    ],
)
async def test_an_unread_future_or_a_destroyed_task_fails_the_run(report, caplog):
    loop = asyncio.get_running_loop()
    reports, failure = _session_reports()
    start = len(reports)
    with caplog.at_level(logging.CRITICAL, logger="asyncio"):
        loop.call_exception_handler(dict(report))
    try:
        assert len(reports) == start + 1
        assert report["message"] in failure()  # type: ignore[operator]
    finally:
        del reports[start:]  # provoked here: not the run's failure


async def test_a_test_judges_the_reports_it_provokes(loop_reports):
    async def forever() -> None:
        await asyncio.Event().wait()

    task = asyncio.get_running_loop().create_task(forever())
    await asyncio.sleep(0)
    # A pending task freed without being awaited or cancelled.
    task._log_destroy_pending = True  # type: ignore[attr-defined]
    del task
    gc.collect()
    assert [r["message"] for r in loop_reports] == ["Task was destroyed but it is pending!"]
