"""Fuzzing the GraphQL API with schemathesis, against a server in its own process.

Schemathesis reads the schema by introspection and generates operations with
arguments that fit it (hypothesis-graphql underneath). Every response must be
free of server errors: no HTTP 5xx, and no "Unexpected error." (a masked
exception). Used by the CI test (a few thousand cases) and by
``bench/fuzz_graphql.py`` (tens of thousands).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import requests


def database_url(database: str | dict[str, Any]) -> str:
    """A URL for the test database, whether given as a URL or as Tortoise credentials."""
    if isinstance(database, str):
        return database
    c = database["credentials"]
    password = f":{quote(c['password'])}" if c.get("password") else ""
    if str(c["host"]).startswith("/"):  # the embedded server's Unix socket
        host = quote(str(c["host"]), safe="")
        return f"postgres://{c['user']}{password}@/{c['database']}?host={host}&port={c['port']}"
    return f"postgres://{c['user']}{password}@{c['host']}:{c['port']}/{c['database']}"


@contextlib.contextmanager
def served(database: str, **env: str) -> Iterator[str]:
    """``vector-gql serve`` on a free port, until the block ends."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    data_dir = tempfile.mkdtemp(prefix="vector-fuzz-")
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("VECTOR_")},
        "VECTOR_ENV": "test",
        "VECTOR_DATABASE_URL": database,
        "VECTOR_DATA_DIR": data_dir,
        "VECTOR_BCRYPT_ROUNDS": "4",
        "VECTOR_LOG_LEVEL": "WARNING",
        **env,
    }
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in the finally below
    process = subprocess.Popen(
        [sys.executable, "-m", "vector_gql.cli", "serve", "--port", str(port)],
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if process.poll() is not None:
                break
            with contextlib.suppress(requests.ConnectionError):
                if requests.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            time.sleep(0.1)
        else:
            raise RuntimeError("the server did not start")
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError("the server exited:\n" + log.read().decode(errors="replace"))
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def sign_up_recruiter(url: str, name: str = "fuzzer") -> str:
    """An account that owns an organization (so may do what recruiters do); its token."""
    query = "mutation($i: SignupInput!) { signup(input: $i) { accessToken errors { code } } }"
    variables = {
        "i": {
            "username": name,
            "email": f"{name}@example.com",
            "password": "correct horse battery",
            "password2": "correct horse battery",
        }
    }
    body = requests.post(
        f"{url}/graphql", json={"query": query, "variables": variables}, timeout=30
    ).json()
    return body["data"]["signup"]["accessToken"]


@dataclass
class Report:
    cases: int = 0
    by_status: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    # Requests that got no answer within the client's timeout: not server errors, but
    # worth reading (an expensive query shape).
    timeouts: list[str] = field(default_factory=list)

    def add(self, status: int, problem: str | None) -> None:
        self.cases += 1
        self.by_status[status] = self.by_status.get(status, 0) + 1
        if problem is not None and len(self.failures) < 50:
            self.failures.append(problem)


def fuzz(url: str, cases: int, token: str | None, report: Report, seed: int = 0) -> Report:
    """Send ``cases`` generated operations; record every server error in ``report``."""
    import schemathesis
    from graphql import NullValueNode, StringValueNode
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed
    from hypothesis import strategies as st

    # Files travel in multipart requests, which the generator does not send: an
    # Upload argument gets null or a string, both of which must be refused cleanly.
    schemathesis.graphql.scalar(
        "Upload", st.sampled_from([NullValueNode(), StringValueNode(value="not a file")])
    )
    schema = schemathesis.graphql.from_url(f"{url}/graphql")
    strategy = schema.as_strategy()
    session = requests.Session()
    headers = {"Authorization": f"Bearer {token}"} if token else {}

    @hypothesis_seed(seed)
    @settings(
        max_examples=cases,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case: Any) -> None:
        try:
            response = case.call(session=session, headers=headers, timeout=30)
        except requests.Timeout:
            report.cases += 1
            if len(report.timeouts) < 50:
                report.timeouts.append(str(case.body)[:500])
            return
        problem = None
        text = response.text
        if response.status_code >= 500 or "Unexpected error." in text:
            problem = json.dumps(
                {"status": response.status_code, "body": case.body, "response": text[:500]}
            )
        report.add(response.status_code, problem)

    run()
    return report
