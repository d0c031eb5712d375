"""The HTTP surface: health, bad requests, limits, masking, CORS, CSRF, WebSocket."""

from __future__ import annotations

import contextlib
import json
import logging
import uuid
from dataclasses import replace

import httpx
import pytest
import websockets

from tests.fixtures.graphql import signup
from vector_gql.app import create_app
from vector_gql.boundary.envelope import ENVELOPE_READ
from vector_gql.middleware import UPLOAD_BODY_PIECE, CoalesceUploadBody
from vector_gql.services.accounts import AccountService

VIEWER = "{ viewer { username } }"


async def test_healthz(client):
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_checks_the_database(client, database):
    response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["database"] == "up"


async def test_graphiql_is_served_to_browsers(client):
    response = await client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


async def test_queries_work_over_get(client):
    response = await client.get("/graphql", params={"query": VIEWER})
    assert response.json()["data"] == {"viewer": None}


async def test_mutations_are_refused_over_get(client):
    response = await client.get(
        "/graphql", params={"query": 'mutation { logout(input: {refreshToken: "x"}) { ok } }'}
    )
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert "mutation" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    ("content", "content_type", "fragment"),
    [
        (b"{not json", "application/json", "JSON"),
        (b"query=x", "text/csv", "application/json"),
        (json.dumps({"query": 5}).encode(), "application/json", "must be a string"),
        (json.dumps({"variables": {}}).encode(), "application/json", "'query' parameter"),
        (json.dumps([1, 2]).encode(), "application/json", ""),
    ],
)
async def test_malformed_requests_get_a_400_not_a_500(client, content, content_type, fragment):
    response = await client.post(
        "/graphql", content=content, headers={"Content-Type": content_type}
    )
    assert 400 <= response.status_code < 500, response.text
    assert fragment.lower() in response.text.lower()


async def test_syntax_errors_are_reported(client):
    response = await client.post("/graphql", json={"query": "{ viewer { "})
    body = response.json()
    assert "Syntax Error" in body["errors"][0]["message"]


async def test_unknown_fields_are_reported(client):
    response = await client.post("/graphql", json={"query": "{ nope }"})
    assert "Cannot query field 'nope'" in response.json()["errors"][0]["message"]


async def test_deep_queries_are_refused(client, settings):
    depth = settings.max_query_depth + 2
    query = "{ viewer " + "{ viewer " * depth + "{ id }" + " }" * depth + " }"
    response = await client.post("/graphql", json={"query": query})
    body = response.json()
    assert body.get("data") is None
    assert any("exceeds maximum operation depth" in e["message"] for e in body["errors"])


async def test_too_many_aliases_are_refused(client, settings):
    aliases = " ".join(f"a{i}: viewer {{ id }}" for i in range(settings.max_query_aliases + 1))
    response = await client.post("/graphql", json={"query": "{ " + aliases + " }"})
    body = response.json()
    assert "aliases" in body["errors"][0]["message"].lower()


async def test_too_many_tokens_are_refused(client, settings):
    fields = " ".join("__typename" for _ in range(settings.max_query_tokens))
    response = await client.post("/graphql", json={"query": "{ " + fields + " }"})
    body = response.json()
    assert "token" in body["errors"][0]["message"].lower()


def _over_the_limits(settings) -> dict[str, str]:
    """Valid documents, each just over one of the limits in settings."""
    pairs = settings.max_query_depth // 2 + 1  # id ends up at depth 2 * pairs + 1
    return {
        "depth": "{ viewer " + "{ memberships { user " * pairs + "{ id }" + " } }" * pairs + " }",
        "aliases": "{ "
        + " ".join(f"a{i}: viewer {{ id }}" for i in range(settings.max_query_aliases + 1))
        + " }",
        "token": "{ " + " ".join("__typename" for _ in range(settings.max_query_tokens)) + " }",
    }


@pytest.mark.parametrize("limit", ["depth", "aliases", "token"])
async def test_a_document_over_a_limit_is_refused_every_time(settings, database, limit):
    # Parsing and validation are cached per document; a refusal must not turn
    # into an acceptance, or change, when the same text comes back. Tight limits
    # keep every one of these documents short enough to be cached.
    tight = replace(settings, max_query_depth=3, max_query_aliases=2, max_query_tokens=40)
    query = _over_the_limits(tight)[limit]
    async with _client(tight) as c:
        bodies = [(await c.post("/graphql", json={"query": query})).json() for _ in range(3)]
    assert bodies[0].get("data") is None
    assert limit in bodies[0]["errors"][0]["message"].lower()
    assert bodies[1] == bodies[0] and bodies[2] == bodies[0]


async def test_cached_documents_obey_each_apps_own_limits(settings, database):
    # The caches are shared by the process: a document accepted under loose
    # limits is still refused by an app with tighter ones, and the other way round.
    loose = replace(settings, max_query_depth=12, max_query_aliases=30, max_query_tokens=2000)
    tight = replace(settings, max_query_depth=3, max_query_aliases=2, max_query_tokens=40)
    documents = _over_the_limits(tight)
    async with _client(loose) as a, _client(tight) as b:
        for limit, query in documents.items():
            for _ in range(2):
                accepted = (await a.post("/graphql", json={"query": query})).json()
                assert "errors" not in accepted, (limit, accepted)
                refused = (await b.post("/graphql", json={"query": query})).json()
                assert limit in refused["errors"][0]["message"].lower(), (limit, refused)


async def test_a_repeated_document_is_validated_once(client, monkeypatch):
    import strawberry.schema.schema as strawberry_schema

    calls = []
    validate = strawberry_schema.validate

    def counting_validate(*args, **kwargs):
        calls.append(args[1])
        return validate(*args, **kwargs)

    monkeypatch.setattr(strawberry_schema, "validate", counting_validate)
    query = f"query Once{uuid.uuid4().hex} {{ viewer {{ id }} }}"
    for _ in range(3):
        response = await client.post("/graphql", json={"query": query})
        assert response.json()["data"] == {"viewer": None}
    assert len(calls) == 1


async def test_a_repeated_document_is_found_without_hashing_it(client, monkeypatch):
    # graphql-core hashes a document by walking all of its nodes: done on every
    # request, it cost a refused query of many aliases a third of its time.
    from graphql import DocumentNode

    query = f"query Hashed{uuid.uuid4().hex} {{ viewer {{ id }} }}"
    await client.post("/graphql", json={"query": query})
    hashed = []
    original = DocumentNode.__hash__

    def counting_hash(self):
        hashed.append(self)
        return original(self)

    monkeypatch.setattr(DocumentNode, "__hash__", counting_hash)
    response = await client.post("/graphql", json={"query": query})
    assert response.json()["data"] == {"viewer": None}
    assert hashed == []


@contextlib.asynccontextmanager
async def _client(settings):
    app = create_app(settings, manage_database=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def test_oversized_json_body_is_refused_without_reading_it(client, settings):
    big = "x" * (settings.max_json_body_bytes + 10)
    response = await client.post("/graphql", json={"query": VIEWER, "variables": {"padding": big}})
    assert response.status_code == 413


async def test_oversized_strings_are_rejected_cleanly(gql):
    body = await gql(
        """mutation($u: String!) { login(input: {username: $u, password: "x"}) {
             errors { code } } }""",
        {"u": "a" * 100_000},
    )
    assert body["data"]["login"]["errors"][0]["code"] == "INVALID_CREDENTIALS"


async def test_unexpected_errors_are_masked_and_logged_with_the_request_id(
    client, monkeypatch, caplog
):
    async def broken(self, **kwargs):
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr(AccountService, "login", broken)
    caplog.set_level(logging.ERROR, logger="vector_gql.errors")
    response = await client.post(
        "/graphql",
        json={"query": 'mutation { login(input: {username: "a", password: "b"}) { accessToken } }'},
        headers={"X-Request-ID": "test-request-0001"},
    )
    assert response.headers["x-request-id"] == "test-request-0001"
    error = response.json()["errors"][0]
    assert error["message"] == "Unexpected error."
    assert error["extensions"] == {
        "code": "INTERNAL_SERVER_ERROR",
        "requestId": "test-request-0001",
    }
    assert "hunter2" not in response.text
    assert "Traceback" not in response.text
    record = next(r for r in caplog.records if "test-request-0001" in r.getMessage())
    assert record.exc_info and "hunter2" in str(record.exc_info[1])


async def test_every_response_carries_a_request_id(client):
    response = await client.get("/healthz")
    assert len(response.headers["x-request-id"]) >= 8


async def test_multipart_without_preflight_header_is_refused(client):
    files = {
        "operations": (None, json.dumps({"query": VIEWER, "variables": {}})),
        "map": (None, "{}"),
    }
    response = await client.post("/graphql", files=files)
    assert response.status_code == 400
    assert "Apollo-Require-Preflight" in response.text
    allowed = await client.post(
        "/graphql", files=files, headers={"Apollo-Require-Preflight": "true"}
    )
    assert allowed.status_code == 200
    assert allowed.json()["data"] == {"viewer": None}


async def _pieces_seen_by_app(
    method: str,
    path: str,
    content_type: str,
    messages: list[dict],
    judged_after: int | None = None,
) -> list[dict]:
    """Run ``messages`` through CoalesceUploadBody; what the app's receive() returned.
    With ``judged_after``, /graphql is gated and the app marks the envelope read after
    that many messages."""
    seen: list[dict] = []

    async def app(scope, receive, send):
        while True:
            message = await receive()
            seen.append(message)
            if len(seen) == judged_after:
                scope.setdefault("state", {})[ENVELOPE_READ] = True
            if message["type"] != "http.request" or not message.get("more_body"):
                return

    queue = list(messages)

    async def receive():
        return queue.pop(0)

    async def send(message):
        raise AssertionError("the app sends nothing")

    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "headers": [(b"content-type", content_type.encode())],
    }
    gated = ("/graphql",) if judged_after is not None else ()
    await CoalesceUploadBody(app, upload_paths=("/graphql",), gated_paths=gated)(
        scope, receive, send
    )
    return seen


def _body(pieces: list[bytes]) -> list[dict]:
    return [
        {"type": "http.request", "body": piece, "more_body": i < len(pieces) - 1}
        for i, piece in enumerate(pieces)
    ]


@pytest.mark.parametrize(
    ("method", "path"), [("POST", "/graphql"), ("PUT", "/storage-upload/abc/1")]
)
async def test_upload_bodies_reach_the_app_in_pieces_of_a_mebibyte(method, path):
    pieces = [bytes([i % 251]) * 200_000 for i in range(30)] + [b"end"]
    seen = await _pieces_seen_by_app(method, path, "multipart/form-data; boundary=x", _body(pieces))
    assert b"".join(m["body"] for m in seen) == b"".join(pieces)
    assert [m["more_body"] for m in seen] == [True] * (len(seen) - 1) + [False]
    if method == "POST":
        # The first message goes on as it came: the upload gate judges it alone.
        assert seen[0]["body"] == pieces[0]
        seen = seen[1:]
    assert all(len(m["body"]) >= UPLOAD_BODY_PIECE for m in seen[:-1])
    # No more than one message over a piece: the app never holds much more than that.
    assert all(len(m["body"]) < UPLOAD_BODY_PIECE + 200_000 for m in seen)
    assert len(seen) == (5 if method == "POST" else 6)


async def test_an_upload_is_not_gathered_before_its_envelope_is_judged():
    # The envelope spans three messages: none of the file is gathered until it is read.
    pieces = [b"e" * 1000] * 3 + [bytes([i % 251]) * 200_000 for i in range(12)] + [b"end"]
    messages = _body(pieces)
    seen = await _pieces_seen_by_app(
        "POST", "/graphql", "multipart/form-data; boundary=x", messages, judged_after=4
    )
    assert seen[:4] == messages[:4]
    assert b"".join(m["body"] for m in seen) == b"".join(pieces)
    assert len(seen[4]["body"]) >= UPLOAD_BODY_PIECE


async def test_other_bodies_reach_the_app_as_they_arrive():
    pieces = [b"{" * 100_000, b"}" * 100_000]
    for method, path, content_type in [
        ("POST", "/graphql", "application/json"),
        ("POST", "/api/other", "multipart/form-data; boundary=x"),
    ]:
        seen = await _pieces_seen_by_app(method, path, content_type, _body(pieces))
        assert [m["body"] for m in seen] == pieces


async def test_a_disconnect_while_a_piece_gathers_reaches_the_app():
    messages = _body([b"x" * 1000, b"y" * 1000, b"z" * 1000])[:2] + [{"type": "http.disconnect"}]
    seen = await _pieces_seen_by_app("POST", "/graphql", "multipart/form-data", messages)
    assert seen == [messages[0], {"type": "http.disconnect"}]


async def test_cors_allows_only_configured_origins(settings, database):
    from dataclasses import replace

    import httpx

    from vector_gql.app import create_app

    app = create_app(
        replace(settings, cors_origins=["https://app.example.com"]), manage_database=False
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        preflight = {
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
        }
        ok = await c.options("/graphql", headers={"Origin": "https://app.example.com", **preflight})
        assert ok.status_code == 200
        assert ok.headers["access-control-allow-origin"] == "https://app.example.com"
        bad = await c.options("/graphql", headers={"Origin": "https://evil.example", **preflight})
        assert bad.status_code == 400
        assert "access-control-allow-origin" not in bad.headers
        simple = await c.post(
            "/graphql", json={"query": VIEWER}, headers={"Origin": "https://evil.example"}
        )
        assert "access-control-allow-origin" not in simple.headers


async def _ws_query(url: str, token: str | None, query: str) -> dict:
    async with websockets.connect(
        url.replace("http", "ws") + "/graphql",
        subprotocols=[websockets.Subprotocol("graphql-transport-ws")],
    ) as ws:
        payload = {"Authorization": f"Bearer {token}"} if token else {}
        await ws.send(json.dumps({"type": "connection_init", "payload": payload}))
        ack = json.loads(await ws.recv())
        if ack["type"] != "connection_ack":
            return ack
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
        return json.loads(await ws.recv())


async def test_graphql_transport_ws_authenticates_from_connection_init(live_server, gql):
    result = await signup(gql, "ann")
    message = await _ws_query(live_server, result["accessToken"], VIEWER)
    assert message["type"] == "next"
    assert message["payload"]["data"]["viewer"]["username"] == "ann"
    anonymous = await _ws_query(live_server, None, VIEWER)
    assert anonymous["payload"]["data"]["viewer"] is None


async def test_graphql_transport_ws_refuses_a_bad_token(live_server):
    with pytest.raises(websockets.ConnectionClosed) as closed:
        await _ws_query(live_server, "bad.token.here", VIEWER)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4403


async def test_an_open_websocket_stops_working_after_logout(live_server, gql):
    result = await signup(gql, "ann")
    async with websockets.connect(
        live_server.replace("http", "ws") + "/graphql",
        subprotocols=[websockets.Subprotocol("graphql-transport-ws")],
    ) as ws:
        payload = {"Authorization": f"Bearer {result['accessToken']}"}
        await ws.send(json.dumps({"type": "connection_init", "payload": payload}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"

        async def ask(op_id: str) -> dict:
            await ws.send(
                json.dumps({"id": op_id, "type": "subscribe", "payload": {"query": VIEWER}})
            )
            return json.loads(await ws.recv())

        first = await ask("1")
        assert first["payload"]["data"]["viewer"]["username"] == "ann"
        await ws.recv()  # complete
        logout = """mutation($t: String!) { logout(input: {refreshToken: $t}) { ok } }"""
        await gql(logout, {"t": result["refreshToken"]})
        second = await ask("2")
        assert second["payload"]["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
