"""Mail through the job queue: enqueueing N messages, and the time until all arrive.

A `vector-gql worker` subprocess works the queue; this process enqueues the
messages in one transaction (as a request inviting N candidates would) and
runs a local SMTP server (aiosmtpd) that counts what arrives. Prints the
enqueue time, the time until the last message arrived, the worker's CPU and
how many SMTP connections the worker opened.

    python bench/mail_bench.py [--messages 200] [--concurrency 2] [--starttls]
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, scratch_database, server_cpu_seconds, source_env

TEMPLATES = ROOT / "tests" / "mail" / "templates"


class Counter:
    def __init__(self, expected: int) -> None:
        self.expected = expected
        self.count = 0
        self.connections = 0
        self.done = asyncio.Event()

    async def handle_DATA(self, server, session, envelope) -> str:
        self.count += 1
        if self.count >= self.expected:
            self.done.set()
        return "250 OK"


async def run(database_url: str, messages: int, concurrency: int, starttls: bool) -> None:
    from aiosmtpd.smtp import SMTP
    from tortoise.transactions import in_transaction

    from vector_gql import db
    from vector_gql.config import Settings
    from vector_gql.models.organizations import Organization
    from vector_gql.services import Services
    from vector_gql.services.mail import Mail, Recipient
    from vector_gql.services.mail.compose import template_environment

    await db.migrate(database_url)
    await db.init_orm(database_url)
    counter = Counter(messages)
    loop = asyncio.get_running_loop()

    tls, url_scheme, url_query = None, "smtp", ""
    if starttls:
        # A throwaway authority, as the tests use: the worker verifies the certificate.
        import ssl

        import trustme

        authority = trustme.CA()
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        authority.issue_cert("127.0.0.1").configure_cert(tls)
        cafile = Path(tempfile.mkdtemp()) / "ca.pem"
        authority.cert_pem.write_to_path(str(cafile))
        url_scheme, url_query = "smtp+starttls", f"?cafile={cafile}"

    def session() -> SMTP:
        counter.connections += 1
        return SMTP(
            counter, hostname="localhost", loop=loop, tls_context=tls, require_starttls=starttls
        )

    smtp = await loop.create_server(session, "127.0.0.1", 0)
    port = smtp.sockets[0].getsockname()[1]
    services = Services.build(
        Settings(env="test", data_dir=Path(tempfile.mkdtemp()), jwt_secret=secrets.token_hex(32))
    )
    services.mail.templates = template_environment([TEMPLATES])
    worker = await asyncio.create_subprocess_exec(
        *[sys.executable, "-m", "vector_gql.cli", "worker", "--concurrency", str(concurrency)],
        env=source_env(
            VECTOR_DATABASE_URL=database_url,
            VECTOR_SMTP_URL=f"{url_scheme}://127.0.0.1:{port}{url_query}",
            VECTOR_LOG_LEVEL="WARNING",
            VECTOR_ENV="test",
        ),
    )
    try:
        org = await Organization.create(name="Acme")
        # Let the worker start (it registers itself) before timing.
        from tortoise import connections

        for _ in range(300):
            rows = await connections.get("default").execute_query_dict(
                "SELECT count(*) AS n FROM procrastinate_workers"
            )
            if rows[0]["n"]:
                break
            await asyncio.sleep(0.1)
        mails = [
            Mail(
                Recipient(f"candidate{i}@example.com", f"Candidate {i}"),
                "welcome",
                {"organization_name": "Acme", "name": f"Candidate {i}", "url": f"https://x/{i}"},
                org.id,
            )
            for i in range(messages)
        ]
        cpu_before = server_cpu_seconds(worker.pid)
        started = time.perf_counter()
        async with in_transaction():
            await services.mail.send_many(mails)
        enqueued = time.perf_counter() - started
        await asyncio.wait_for(counter.done.wait(), 600)
        delivered = time.perf_counter() - started
        cpu = server_cpu_seconds(worker.pid) - cpu_before
        print(f"messages:                 {messages}")
        print(f"worker concurrency:       {concurrency}")
        print(f"connection security:      {'STARTTLS' if starttls else 'none'}")
        print(f"render + enqueue (1 tx):  {enqueued * 1000:8.1f} ms")
        print(f"until the last arrived:   {delivered * 1000:8.1f} ms")
        print(f"per message (delivery):   {delivered / messages * 1000:8.2f} ms")
        print(f"worker CPU:               {cpu * 1000:8.1f} ms")
        print(f"SMTP connections opened:  {counter.connections:8d}")
    finally:
        worker.terminate()
        await asyncio.wait_for(worker.wait(), 60)
        smtp.close()
        await services.close()
        await db.close_orm()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument(
        "--starttls", action="store_true", help="upgrade each connection with STARTTLS"
    )
    args = parser.parse_args()
    with scratch_database() as url:
        asyncio.run(run(url, args.messages, args.concurrency, args.starttls))


if __name__ == "__main__":
    main()
