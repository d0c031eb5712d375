"""Jobs worked by other processes: `vector-gql worker`, and the worker inside `serve`."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys

import pytest
from tortoise import connections

from tests.fixtures.jobs import database_url, job_rows, services_with
from tests.fixtures.smtp import LocalSmtp
from vector_gql.models.mail import OutboxMessage, OutboxStatus
from vector_gql.services.mail import Recipient

CONTEXT = {"organization_name": "Acme", "name": "Ann", "url": "https://app.example/i/xyz"}


@pytest.fixture
async def smtp_server():
    server = await LocalSmtp().start()
    yield server
    await server.stop()


async def start(args: list[str], env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "vector_gql.cli",
        *args,
        env={**os.environ, **env},
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


async def wait_for_line(process: asyncio.subprocess.Process, marker: str) -> list[str]:
    """Read the process's log until a line contains ``marker``; returns the lines read."""
    lines: list[str] = []
    async with asyncio.timeout(60):
        while True:
            assert process.stderr is not None
            line = (await process.stderr.readline()).decode()
            if not line:
                raise AssertionError("the process ended early:\n" + "".join(lines))
            lines.append(line)
            if marker in line:
                return lines


async def stop(process: asyncio.subprocess.Process) -> str:
    """SIGTERM, then the rest of its log once it has exited cleanly.

    uvicorn ends by re-raising the signal it handled, so `serve` exits "killed
    by SIGTERM" after its orderly shutdown; the worker exits with 0.
    """
    process.send_signal(signal.SIGTERM)
    async with asyncio.timeout(60):
        assert process.stderr is not None
        rest = (await process.stderr.read()).decode()
        code = await process.wait()
    assert code in (0, -signal.SIGTERM), rest
    assert "Traceback" not in rest, rest
    return rest


def environment(database, tmp_path, smtp_url: str, **extra: str) -> dict[str, str]:
    return {
        "VECTOR_ENV": "test",
        "VECTOR_DATABASE_URL": database_url(database),
        "VECTOR_DATA_DIR": str(tmp_path),
        "VECTOR_SMTP_URL": smtp_url,
        "VECTOR_BCRYPT_ROUNDS": "4",
        **extra,
    }


async def test_vector_gql_worker_delivers_mail_from_another_process(
    settings, database, smtp_server, tmp_path
):
    worker = await start(["worker"], environment(database, tmp_path, smtp_server.url()))
    try:
        await wait_for_line(worker, "job worker on")
        async with services_with(settings) as services:  # this process only enqueues
            sent = await services.mail.send(
                to=Recipient("ann@example.com", "Ann"), template="welcome", context=CONTEXT
            )
        # Woken by NOTIFY when the job commits; no polling interval to wait out.
        received = await smtp_server.next_message()
        assert received.rcpt_tos == ["ann@example.com"]
        assert "https://app.example/i/xyz" in received.message.get_body(("plain",)).get_content()
    finally:
        log = await stop(worker)
    # A stopped worker finishes the job it holds first.
    row = await OutboxMessage.get(id=sent.id)
    assert row.status == OutboxStatus.SENT
    assert "Stopped worker" in log
    assert await job_rows("mail.deliver") == []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_serve_works_the_queue_unless_told_not_to(settings, database, smtp_server, tmp_path):
    env = environment(database, tmp_path, smtp_server.url())
    server = await start(["serve", "--port", str(free_port())], env)
    try:
        await wait_for_line(server, "job worker started")
        async with services_with(settings) as services:
            await services.mail.send(
                to=Recipient("bo@example.com"), template="welcome", context=CONTEXT
            )
        received = await smtp_server.next_message()
        assert received.rcpt_tos == ["bo@example.com"]
    finally:
        await stop(server)

    env["VECTOR_WORKER_IN_SERVE"] = "false"
    server = await start(["serve", "--port", str(free_port())], env)
    try:
        lines = await wait_for_line(server, "Application startup complete")
        assert not any("job worker started" in line for line in lines)
        workers = await connections.get("default").execute_query_dict(
            "SELECT count(*) AS n FROM procrastinate_workers"
        )
        assert workers[0]["n"] == 0
    finally:
        await stop(server)
