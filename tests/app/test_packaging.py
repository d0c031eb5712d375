"""How the project is built and shipped: migrations in the wheel, pinned versions,
and the Docker image's install and health check."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from vector_gql import db

ROOT = Path(__file__).resolve().parents[2]
MIGRATIONS = ROOT / "migrations"


def _migration_files(folder: Path) -> list[str]:
    return sorted(p.name for p in (folder / "models").glob("*.py"))


def test_migrations_live_at_the_top_of_the_repository():
    assert _migration_files(MIGRATIONS), "no migrations in migrations/models"
    assert not (ROOT / "src" / "vector_gql" / "migrations").exists()
    # The editable install (the README's) reads and writes the top-level folder, so
    # `vector-gql migrate` and `vector-gql makemigrations` use it.
    assert db.MIGRATIONS_DIR == MIGRATIONS


def test_the_aerich_cli_is_pointed_at_the_same_folder():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["aerich"]
    assert (ROOT / config["location"]).resolve() == db.MIGRATIONS_DIR


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the sources, offline, with the installed setuptools."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    shutil.copytree(ROOT / "src", source / "src", ignore=ignore)
    shutil.copytree(MIGRATIONS, source / "migrations", ignore=ignore)
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from setuptools import build_meta; build_meta.build_wheel(sys.argv[1])",
            str(out),
        ],
        cwd=source,
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("*.whl")
    return built


def test_the_wheel_carries_the_migrations(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in _migration_files(MIGRATIONS):
        assert f"vector_gql/migrations/models/{name}" in names
    assert "vector_gql/migrations/__init__.py" in names
    assert "vector_gql/web/templates/base.html" in names
    assert not any(name.startswith("migrations/") for name in names)


def test_an_installed_wheel_finds_its_own_migrations(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", target, wheel],
        check=True,
        capture_output=True,
        timeout=300,
    )
    script = "from vector_gql import db; print(db.MIGRATIONS_DIR)"
    env = {**os.environ, "PYTHONPATH": str(target)}
    found = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert found.returncode == 0, found.stderr
    location = Path(found.stdout.strip())
    assert location == target / "vector_gql" / "migrations"
    assert _migration_files(location) == _migration_files(MIGRATIONS)


# --- constraints.txt -------------------------------------------------------------------


def _pins() -> dict[str, Version]:
    pins: dict[str, Version] = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, version = line.partition("==")
        assert sep, f"constraints.txt: {line!r} is not an exact pin (name==version)"
        pins[canonicalize_name(name)] = Version(version)
    return pins


def _closure(requirements: list[Requirement], extras: set[str]) -> set[str]:
    """Names of the installed distributions these requirements pull in, on this platform."""
    seen: set[str] = set()
    pending = [(req, extras) for req in requirements]
    while pending:
        req, active = pending.pop()
        environments = [{"extra": extra} for extra in active] or [{"extra": ""}]
        if req.marker and not any(req.marker.evaluate(env) for env in environments):
            continue
        name = canonicalize_name(req.name)
        if name in seen:
            continue
        seen.add(name)
        dist = metadata.distribution(req.name)
        pending.extend((Requirement(r), set(req.extras)) for r in dist.requires or [])
    return seen


def _project_requirements() -> tuple[list[Requirement], list[Requirement]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = [Requirement(r) for r in project["dependencies"]]
    test = [Requirement(r) for r in project["optional-dependencies"]["test"]]
    return runtime, test


def test_constraints_pin_every_dependency():
    runtime, test = _project_requirements()
    needed = _closure(runtime + test, set())
    missing = sorted(needed - set(_pins()))
    assert not missing, (
        f"constraints.txt lacks {missing}: regenerate it (see its header) after changing "
        "dependencies in pyproject.toml"
    )


def test_constraints_satisfy_the_declared_requirements():
    runtime, test = _project_requirements()
    pins = _pins()
    for req in runtime + test:
        pinned = pins.get(canonicalize_name(req.name))
        assert pinned is not None, f"constraints.txt does not pin {req.name}"
        assert req.specifier.contains(pinned, prereleases=True), (
            f"constraints.txt pins {req.name}=={pinned}, outside pyproject's {req}"
        )


# --- Dockerfile --------------------------------------------------------------------------


def _dockerfile() -> list[str]:
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def test_the_image_installs_from_the_constraints_and_ships_the_migrations():
    lines = _dockerfile()
    copies = " ".join(line for line in lines if line.startswith("COPY "))
    for needed in ("constraints.txt", "setup.py", "pyproject.toml", "src", "migrations"):
        assert re.search(rf"\b{re.escape(needed)}\b", copies), f"the image never copies {needed}"
    installs = [line for line in lines if line.startswith("RUN ") and "pip install" in line]
    assert installs, "the Dockerfile installs nothing"
    for line in installs:
        for command in line.split("&&"):
            if "pip install" in command:
                assert "-c constraints.txt" in command, f"unpinned install: {command.strip()}"


def test_the_image_health_check_uses_the_configured_port():
    (check,) = [line for line in _dockerfile() if line.startswith("HEALTHCHECK ")]
    assert '["vector-gql", "healthcheck"]' in check
    assert "8000" not in check


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthcheck(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("VECTOR_")}
    vector_gql = Path(sys.executable).parent / "vector-gql"
    return subprocess.run(
        [str(vector_gql), "healthcheck", "--timeout", "5"],
        env={**clean, **{f"VECTOR_{k}": v for k, v in env.items()}},
        capture_output=True,
        text=True,
        timeout=60,
    )


async def test_the_health_check_follows_vector_port(live_server):
    import asyncio

    port = live_server.rsplit(":", 1)[1]
    # As in the image: bound to every address, port from the environment.
    ok = await asyncio.to_thread(_healthcheck, HOST="0.0.0.0", PORT=port)
    assert ok.returncode == 0, ok.stderr
    assert f":{port}/healthz" in ok.stdout

    closed = str(_free_port())
    down = await asyncio.to_thread(_healthcheck, HOST="0.0.0.0", PORT=closed)
    assert down.returncode == 1
    assert f":{closed}/healthz" in down.stderr
