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
async def test_an_unread_future_or_a_destroyed_task_fails_the_run(report, caplog, request):
    loop = asyncio.get_running_loop()
    reports, failure = _session_reports()
    gc.collect()  # what earlier tests left for the collector is reported now, not below
    start = len(reports)
    with caplog.at_level(logging.CRITICAL, logger="asyncio"):
        loop.call_exception_handler(dict(report))
    provoked = reports[start]
    try:
        assert report["message"] in provoked
        assert provoked.startswith(f"during {request.node.nodeid}: ")
        assert report["message"] in failure()  # type: ignore[operator]
    finally:
        reports.remove(provoked)  # provoked here: not the run's failure


async def test_a_test_judges_the_reports_it_provokes(loop_reports):
    async def forever() -> None:
        await asyncio.Event().wait()

    gc.collect()  # what earlier tests left for the collector is reported now, not below
    task = asyncio.get_running_loop().create_task(forever())
    await asyncio.sleep(0)
    name = task.get_name()
    # A pending task freed without being awaited or cancelled.
    task._log_destroy_pending = True  # type: ignore[attr-defined]
    del task
    gc.collect()
    ours = [r for r in loop_reports if "task" in r and r["task"].get_name() == name]
    assert [r["message"] for r in ours] == ["Task was destroyed but it is pending!"]
