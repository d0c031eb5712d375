"""Defaults that are safe outside and inside production: a random local JWT secret,
links that follow the served port, and no introspection, suggestions or GraphiQL
in production unless asked for."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import secrets
import socket
import stat
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import httpx
import pytest
import uvicorn
import websockets

from vector_gql import cli, config
from vector_gql.app import create_app
from vector_gql.config import JWT_SECRET_FILE, ConfigError, Settings
from vector_gql.storage.signing import UrlSigner


def _env(monkeypatch, **values: str) -> None:
    for key in list(os.environ):
        if key.startswith("VECTOR_"):
            monkeypatch.delenv(key)
    for key, value in values.items():
        monkeypatch.setenv(f"VECTOR_{key}", value)


def test_a_random_secret_is_made_on_first_start_and_kept(monkeypatch, tmp_path):
    _env(monkeypatch, DATA_DIR=str(tmp_path / "a"))
    first = Settings.from_env().jwt_secret
    again = Settings.from_env().jwt_secret
    assert first == again and len(first) >= 32
    path = tmp_path / "a" / JWT_SECRET_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    _env(monkeypatch, DATA_DIR=str(tmp_path / "b"))
    other = Settings.from_env().jwt_secret
    assert other != first
    # The disk backend's URL-signing key derives from it, so it differs too.
    sign = [UrlSigner.from_secret(s).signature("GET", "/storage/k", 1) for s in (first, other)]
    assert sign[0] != sign[1]


def test_workers_starting_at_once_share_one_secret(monkeypatch, tmp_path):
    """Another worker writes the file between this one's look and its own write:
    this one takes the other's secret rather than replacing it."""
    path = tmp_path / JWT_SECRET_FILE
    made = secrets.token_urlsafe

    def meanwhile_another_worker_wins(size: int) -> str:
        path.write_text("the-other-workers-secret\n")
        return made(size)

    monkeypatch.setattr(config.secrets, "token_urlsafe", meanwhile_another_worker_wins)
    assert config.local_jwt_secret(tmp_path) == "the-other-workers-secret"
    assert path.read_text() == "the-other-workers-secret\n"


def test_an_explicit_secret_wins_and_writes_nothing(monkeypatch, tmp_path):
    _env(monkeypatch, DATA_DIR=str(tmp_path), JWT_SECRET="s" * 40)
    assert Settings.from_env().jwt_secret == "s" * 40
    assert not (tmp_path / JWT_SECRET_FILE).exists()


def test_production_still_needs_an_explicit_secret(monkeypatch, tmp_path):
    _env(
        monkeypatch,
        ENV="production",
        DATA_DIR=str(tmp_path),
        DATABASE_URL="postgres://x@h/db",
        S3_BUCKET="videos",
    )
    with pytest.raises(ConfigError, match="VECTOR_JWT_SECRET"):
        Settings.from_env()
    assert not (tmp_path / JWT_SECRET_FILE).exists()


def test_the_public_url_follows_host_and_port_when_unset(monkeypatch, tmp_path):
    _env(monkeypatch, DATA_DIR=str(tmp_path), PORT="9000")
    assert Settings.from_env().public_url == "http://127.0.0.1:9000"
    _env(monkeypatch, DATA_DIR=str(tmp_path), HOST="0.0.0.0", PORT="9001")
    assert Settings.from_env().public_url == "http://127.0.0.1:9001"
    _env(monkeypatch, DATA_DIR=str(tmp_path), PORT="9000", PUBLIC_URL="https://app.example/")
    assert Settings.from_env().public_url == "https://app.example"


def test_serve_with_a_port_signs_links_to_that_port(monkeypatch, tmp_path):
    _env(monkeypatch, DATA_DIR=str(tmp_path), DATABASE_URL="postgres://x@h/db")
    seen: dict[str, Any] = {}

    def fake_run(app, **options):
        # What each worker's create_app reads.
        seen["settings"] = Settings.from_env()
        seen["options"] = options

    async def no_migrations(database):
        return []

    monkeypatch.setattr("uvicorn.run", fake_run)
    monkeypatch.setattr(cli.db, "migrate", no_migrations)
    cli.main(["serve", "--port", "9000"])
    assert seen["settings"].public_url == "http://127.0.0.1:9000"
    assert seen["options"]["port"] == 9000
    assert seen["options"]["ws_max_size"] == seen["settings"].max_json_body_bytes
    assert seen["options"]["timeout_keep_alive"] == seen["settings"].keep_alive_seconds


PROTOCOL = "graphql-transport-ws"
INTROSPECTION = "{ __schema { queryType { name } } }"
TYPO = "{ viewer { usernam } }"


async def ask(settings: Settings, database, query: str):
    app = create_app(settings, manage_database=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        gql = await client.post("/graphql", json={"query": query})
        ide = await client.get("/graphql", headers={"Accept": "text/html"})
    await app.state.services.close()
    return gql.json(), ide


async def test_production_turns_off_introspection_suggestions_and_graphiql(settings, database):
    production = replace(settings, env="production")
    body, ide = await ask(production, database, INTROSPECTION)
    assert "introspection" in body["errors"][0]["message"].lower()
    assert ide.status_code == 404
    body, _ = await ask(production, database, TYPO)
    assert "Did you mean" not in body["errors"][0]["message"]
    assert "Cannot query field 'usernam'" in body["errors"][0]["message"]


async def test_each_can_be_turned_on_in_production(settings, database):
    production = replace(
        settings,
        env="production",
        graphql_introspection=True,
        graphql_suggestions=True,
        graphiql=True,
    )
    body, ide = await ask(production, database, INTROSPECTION)
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"
    assert ide.status_code == 200 and "graphiql" in ide.text.lower()
    body, _ = await ask(production, database, TYPO)
    assert "Did you mean 'username'?" in body["errors"][0]["message"]


async def test_development_keeps_them_on_and_each_can_be_turned_off(settings, database):
    body, ide = await ask(settings, database, INTROSPECTION)
    assert body["data"]["__schema"]
    assert ide.status_code == 200
    quiet = replace(
        settings, graphql_introspection=False, graphql_suggestions=False, graphiql=False
    )
    body, ide = await ask(quiet, database, INTROSPECTION)
    assert "errors" in body and ide.status_code == 404
    body, _ = await ask(quiet, database, TYPO)
    assert "Did you mean" not in body["errors"][0]["message"]


def test_boolean_settings_are_read_strictly(monkeypatch, tmp_path):
    _env(monkeypatch, DATA_DIR=str(tmp_path), GRAPHIQL="maybe")
    with pytest.raises(ConfigError, match="VECTOR_GRAPHIQL"):
        Settings.from_env()
    _env(monkeypatch, DATA_DIR=str(tmp_path), ENV="test", GRAPHQL_INTROSPECTION="off")
    assert Settings.from_env().introspection_enabled is False


@contextlib.asynccontextmanager
async def _served(settings: Settings) -> AsyncIterator[str]:
    app = create_app(settings, manage_database=False)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off", log_config=None)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    try:
        for _ in range(1500):  # start-up is slow on a loaded machine
            if server.started or task.done():
                break
            await asyncio.sleep(0.02)
        assert server.started
        yield f"ws://127.0.0.1:{port}/graphql"
    finally:
        server.should_exit = True
        await task
        await app.state.services.close()


async def test_production_hides_suggestions_and_introspection_over_websocket_too(
    settings, database
):
    production = replace(settings, env="production")
    operations = {
        "field": TYPO,
        "subscription": 'subscription { interviewUpdatd(interviewId: "x") { id } }',
        "enum": "{ interviews(orderBy: {field: TITEL}) { totalCount } }",
        "introspection": INTROSPECTION,
    }
    async with (
        _served(production) as url,
        websockets.connect(url, subprotocols=[websockets.Subprotocol(PROTOCOL)]) as ws,
    ):
        await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
        assert json.loads(await asyncio.wait_for(ws.recv(), 30))["type"] == "connection_ack"
        for name, query in operations.items():
            message = {"id": name, "type": "subscribe", "payload": {"query": query}}
            await ws.send(json.dumps(message))
            answer = json.loads(await asyncio.wait_for(ws.recv(), 30))
            assert answer["id"] == name
            errors = answer["payload"] if answer["type"] == "error" else answer["payload"]["errors"]
            assert errors, answer
            assert "Did you mean" not in json.dumps(errors), name
        assert "introspection" in json.dumps(errors).lower()
