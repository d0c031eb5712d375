"""``vector-gql serve`` in a process of its own, for tests that need a real server:
signals, several processes, restarts of what it depends on."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

VECTOR_GQL = str(Path(sys.executable).parent / "vector-gql")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServeProcess:
    """One ``vector-gql serve``; environment from ``env`` only (no VECTOR_* inherited)."""

    def __init__(self, workdir: Path, env: dict[str, str], *, ready_timeout: float = 120) -> None:
        self.workdir = workdir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = workdir / f"serve-{self.port}.log"
        clean = {k: v for k, v in os.environ.items() if not k.startswith("VECTOR_")}
        clean.update(
            VECTOR_PORT=str(self.port),
            VECTOR_PUBLIC_URL=self.url,
            VECTOR_BCRYPT_ROUNDS="4",
            VECTOR_LOG_LEVEL="INFO",
        )
        clean.update(env)
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(
                [VECTOR_GQL, "serve"],
                cwd=workdir,
                env=clean,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + ready_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError("serve exited during start-up:\n" + self.output())
            try:
                if httpx.get(f"{self.url}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop(signal.SIGKILL)
        raise AssertionError("serve did not become ready:\n" + self.output())

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60) -> str:
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.output()
