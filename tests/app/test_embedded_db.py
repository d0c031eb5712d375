"""The embedded PostgreSQL's lifecycle: shared, stopped by its last user, never kept
alive by a killed process, and run as root without touching permissions outside
the data directory. Every server here lives in a temporary folder of its own."""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixtures.servers import ServeProcess
from vector_gql.embedded_db import EmbeddedDatabaseError, EmbeddedPostgres, binaries

as_root = pytest.mark.skipif(os.geteuid() != 0, reason="checks what happens under root")


@pytest.fixture
def home() -> Iterator[Path]:
    """A data directory every user can traverse (pytest's tmp_path is private to root)."""
    path = Path(tempfile.mkdtemp(prefix="vector-pg-test-"))
    path.chmod(0o755)
    yield path
    for pgdata in path.rglob("postmaster.pid"):
        EmbeddedPostgres(pgdata.parent).stop_if_unused()
    shutil.rmtree(path, ignore_errors=True)


def _postmaster_alive(pgdata: Path) -> int | None:
    return EmbeddedPostgres(pgdata).pid


def _hold_in_child(pgdata: Path) -> subprocess.Popen[str]:
    """Another process that starts (or joins) the server and then just waits."""
    script = (
        "import sys, time; from pathlib import Path; "
        "from vector_gql.embedded_db import EmbeddedPostgres; "
        "pg = EmbeddedPostgres(Path(sys.argv[1])); pg.start(); print('ready', flush=True); "
        "time.sleep(600)"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(pgdata)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    return child


def test_the_last_process_to_stop_stops_the_server(home):
    pgdata = home / "pgdata"
    first = EmbeddedPostgres(pgdata)
    first.start()
    second = EmbeddedPostgres(pgdata)
    second.start()
    pid = _postmaster_alive(pgdata)
    assert pid is not None
    first.stop()
    assert _postmaster_alive(pgdata) == pid, "stopped while another user still had it"
    second.stop()
    assert _postmaster_alive(pgdata) is None
    assert not (pgdata / "postmaster.pid").exists()


def test_a_killed_process_never_keeps_the_server_alive(home, caplog):
    pgdata = home / "pgdata"
    child = _hold_in_child(pgdata)
    pid = _postmaster_alive(pgdata)
    assert pid is not None
    child.kill()  # SIGKILL: no clean-up runs
    child.wait()
    # The earlier wrapper's pid list, with pids long dead: it must not matter.
    (pgdata / ".handle_pids.json").write_text(json.dumps([child.pid, 999_999]))
    assert _postmaster_alive(pgdata) == pid, "the server itself should survive its starter"

    # The next start finds the running server and uses it...
    caplog.set_level(logging.INFO, logger="vector_gql.db")
    again = EmbeddedPostgres(pgdata)
    again.start()
    assert _postmaster_alive(pgdata) == pid
    assert "already running" in caplog.text
    assert not (pgdata / ".handle_pids.json").exists()
    # ...and its clean stop is the last one, so the server stops.
    again.stop()
    assert _postmaster_alive(pgdata) is None


def test_a_server_left_by_a_killed_process_can_be_stopped_without_starting(home):
    pgdata = home / "pgdata"
    child = _hold_in_child(pgdata)
    assert EmbeddedPostgres(pgdata).stop_if_unused() is False, "stopped while in use"
    child.kill()
    child.wait()
    assert _postmaster_alive(pgdata) is not None
    env = {**os.environ, "VECTOR_DATA_DIR": str(home)}
    env.pop("VECTOR_DATABASE_URL", None)
    done = subprocess.run(
        [str(Path(sys.executable).parent / "vector-gql"), "stop-database"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Stopped" in done.stdout
    assert _postmaster_alive(pgdata) is None


# --- root ----------------------------------------------------------------------------


def _modes(paths: list[Path]) -> dict[Path, tuple[int, int, int]]:
    return {p: (p.stat().st_mode, p.stat().st_uid, p.stat().st_gid) for p in paths}


def _outside_paths(home: Path) -> list[Path]:
    """Everything the wheel used to chmod: the folders above the data and the binaries."""
    install = binaries()
    paths = [*home.parents, *install.parents, install, *install.iterdir()]
    paths += list((install / "bin").iterdir())
    return sorted(set(paths))


@as_root
def test_under_root_the_server_runs_as_another_user_and_no_outside_permission_changes(home):
    outside = _outside_paths(home)
    before = _modes(outside)
    pgdata = home / "pgdata"
    server = EmbeddedPostgres(pgdata)
    server.start()
    try:
        pid = server.pid
        assert pid is not None
        assert Path(f"/proc/{pid}").stat().st_uid != 0, "PostgreSQL runs as root"
        assert pgdata.stat().st_uid != 0
    finally:
        server.stop()
    assert _modes(outside) == before


@as_root
def test_under_root_an_unreachable_data_directory_is_refused_with_what_to_do(home):
    private = home / "private"
    private.mkdir(mode=0o700)
    private.chmod(0o700)
    outside = _outside_paths(private)
    before = _modes([private, *outside])
    with pytest.raises(EmbeddedDatabaseError) as refused:
        EmbeddedPostgres(private / "var" / "pgdata").start()
    message = str(refused.value)
    assert str(private) in message
    assert "VECTOR_DATA_DIR" in message and "VECTOR_DATABASE_URL" in message
    assert "ordinary user" in message
    assert _modes([private, *outside]) == before
    assert not (private / "var" / "pgdata" / "PG_VERSION").exists()


# --- vector-gql serve ----------------------------------------------------------------


def _serve(home: Path) -> ServeProcess:
    return ServeProcess(home, {"VECTOR_DATA_DIR": str(home / "var")})


def test_serve_logs_each_step_and_recovers_from_kill_9(home):
    pgdata = home / "var" / "pgdata"
    first = _serve(home)
    first_log = first.output()
    for step in (
        "Database: creating a PostgreSQL data folder in var/pgdata",
        "Database: starting PostgreSQL in var/pgdata",
        "Database: created the database 'vector'",
        " migration(s) applied",
    ):
        assert step in first_log, f"missing {step!r} in:\n{first_log}"
    # initdb's and pg_ctl's own chatter stays out of the log.
    for noise in ("The files belonging to this database system", "Success.", "waiting for server"):
        assert noise not in first_log
    postmaster = _postmaster_alive(pgdata)

    first.stop(signal.SIGKILL)
    assert _postmaster_alive(pgdata) == postmaster

    second = _serve(home)
    assert "PostgreSQL is already running in var/pgdata" in second.output()
    assert _postmaster_alive(pgdata) == postmaster
    last = second.stop(signal.SIGTERM)
    assert "Database: stopped PostgreSQL in var/pgdata" in last
    assert _postmaster_alive(pgdata) is None
    assert stat.S_IMODE(pgdata.stat().st_mode) == 0o700
