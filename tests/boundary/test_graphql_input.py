"""GraphQL input checked at the boundary, over every transport (JSON bodies, GET,
multipart envelopes, WebSocket messages): each case once answered "Unexpected
error." or a bare 500, and now gets a clear error with a code."""

from __future__ import annotations

import asyncio
import base64
import json
import uuid

import pytest
import websockets
from graphql import GraphQLList, GraphQLNonNull
from strawberry import relay

from tests.fixtures.graphql import signup
from vector_gql.boundary.graphql import DEFAULT_LIST_ITEMS, LIST_LIMITS
from vector_gql.boundary.values import JsonLimits, Refused, inspect, loads
from vector_gql.graphql.node import MAX_NODES
from vector_gql.graphql.schema import build_schema
from vector_gql.services.interviews.rules import MAX_QUESTIONS
from vector_gql.services.media.rules import MAX_PARTS

SURROGATE = "a\ud800@x.co"
DEEP = "[" * 100_000 + "]" * 100_000


def gid(type_name: str, pk: object) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


async def post_raw(client, body: str | bytes, **headers: str):
    return await client.post(
        "/graphql", content=body, headers={"Content-Type": "application/json", **headers}
    )


def error_code(response) -> str:
    return response.json()["errors"][0]["extensions"]["code"]


# --- node(id:) ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Node", "Connection", "UserError", "NoSuchType", "Query"])
async def test_node_ids_of_abstract_or_unknown_types_are_null(gql, name):
    token = (await signup(gql))["accessToken"]
    body = await gql(
        "query($id: ID!, $ids: [ID!]!) { node(id: $id) { id } nodes(ids: $ids) { id } }",
        {"id": gid(name, 1), "ids": [gid(name, 1), gid("User", 1)]},
        token=token,
    )
    assert body["data"]["node"] is None
    assert body["data"]["nodes"][0] is None and body["data"]["nodes"][1] is not None


@pytest.mark.parametrize("name", ["Node", "Connection", "NoSuchType"])
async def test_node_ids_of_abstract_or_unknown_types_are_null_for_anonymous_callers(gql, name):
    body = await gql(
        "query($id: ID!, $ids: [ID!]!) { node(id: $id) { id } nodes(ids: $ids) { id } }",
        {"id": gid(name, 1), "ids": [gid(name, 1), gid(name, 2)]},
    )
    assert body["data"] == {"node": None, "nodes": [None, None]}


# --- GraphQL bodies and JSON ------------------------------------------------------------------


@pytest.mark.parametrize("body", ["5", '"query"', "null", "true", "[5]"])
async def test_a_body_that_is_not_an_object_is_a_400(client, body):
    response = await post_raw(client, body)
    assert response.status_code == 400
    if body.startswith("["):
        assert "batching is not enabled" in response.text.lower()
    else:
        assert error_code(response) == "MALFORMED_REQUEST"


@pytest.mark.parametrize(
    "body",
    [
        DEEP,
        '{"query": "{ viewer { id } }", "variables": {"a": ' + DEEP + "}}",
        '{"query": "{ viewer { id } }", "extensions": ' + DEEP + "}",
        '{"query": "{ viewer { id } }", "variables": {"a": ' + "[" * 40 + "]" * 40 + "}}",
    ],
    ids=["body", "variables", "extensions", "past-the-limit"],
)
async def test_deeply_nested_json_is_refused(client, body):
    response = await post_raw(client, body)
    assert response.status_code == 400
    assert error_code(response) == "INPUT_TOO_DEEP"


async def test_deeply_nested_variables_over_get_are_refused(client):
    response = await client.get(
        "/graphql",
        params={
            "query": "{ viewer { id } }",
            "variables": '{"a": ' + "[" * 5000 + "]" * 5000 + "}",
        },
    )
    assert response.status_code == 400
    assert error_code(response) == "INPUT_TOO_DEEP"


def test_json_checks_run_without_recursion_and_stop_early():
    limits = JsonLimits(max_depth=32, max_values=1000)
    with pytest.raises(Refused) as too_many:
        inspect(list(range(10**6)), limits)
    assert too_many.value.code == "INPUT_TOO_LARGE"
    nested: list = []
    for _ in range(5000):
        nested = [nested]
    with pytest.raises(Refused) as too_deep:
        inspect(nested, limits)
    assert too_deep.value.code == "INPUT_TOO_DEEP"
    with pytest.raises(Refused) as surrogate:
        loads('{"a": ["\\ud800"]}', limits)
    assert surrogate.value.code == "INVALID_TEXT"
    with pytest.raises(Refused) as nul_key:
        loads('{"a\\u0000": 1}', limits)
    assert nul_key.value.code == "INVALID_TEXT"
    assert loads('{"a": "\\ud83d\\ude00"}', limits) == {"a": "\U0001f600"}


# --- text: lone surrogates and NUL, in every mutation that takes text --------------------------

TEXT_OPERATIONS = {
    "login": (
        "mutation($s: String!) { login(input: {username: $s, password: $s}) { errors { code } } }"
    ),
    "signup": (
        "mutation($s: String!) { signup(input: {username: $s, email: $s, password: $s, "
        "password2: $s}) { errors { code } } }"
    ),
    "refreshToken": "mutation($s: String!) { refreshToken(input: {refreshToken: $s}) { errors "
    "{ code } } }",
    "acceptMemberInvitation": "mutation($s: String!) { acceptMemberInvitation(input: "
    "{token: $s}) { errors { code } } }",
    "createInterview": (
        "mutation($s: String!, $o: ID!) { createInterview(input: {organizationId: $o, "
        "title: $s, questions: [{text: $s}]}) { errors { code } } }"
    ),
    "createOrganization": "mutation($s: String!) { createOrganization(input: {name: $s}) "
    "{ errors { code } } }",
    "inviteMember": (
        "mutation($s: String!, $o: ID!) { inviteMember(input: {organizationId: $o, email: $s, "
        "role: RECRUITER}) { errors { code } } }"
    ),
    "search": "query($s: String) { interviews(filter: {search: $s}) { totalCount } }",
}


@pytest.mark.parametrize("text", [SURROGATE, "a\x00b"], ids=["surrogate", "nul"])
@pytest.mark.parametrize("operation", sorted(TEXT_OPERATIONS))
async def test_text_no_database_can_store_is_refused_everywhere(gql, operation, text):
    result = await signup(gql)
    organization = (
        await gql("{ viewer { memberships { organization { id } } } }", token=result["accessToken"])
    )["data"]["viewer"]["memberships"][0]["organization"]["id"]
    query = TEXT_OPERATIONS[operation]
    variables = {"s": text, **({"o": organization} if "$o" in query else {})}
    # json.dumps escapes a lone surrogate as \ud800, as a JavaScript client sends it.
    response = await gql.http.post(
        "/graphql",
        content=json.dumps({"query": query, "variables": variables}),
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {result['accessToken']}",
        },
    )
    body = response.json()
    assert body["errors"][0]["extensions"]["code"] == "INVALID_TEXT"
    assert "Unexpected error" not in json.dumps(body)


async def test_escapes_of_nul_in_the_document_are_refused(gql):
    body = await gql(
        '{ interviews(filter: {search: "a\\u0000"}) { totalCount } }', expect_errors=True
    )
    assert body["errors"][0]["extensions"]["code"] == "INVALID_TEXT"


# --- list sizes, before coercion --------------------------------------------------------------


async def test_a_huge_list_variable_is_refused_before_any_item_is_coerced(client, monkeypatch):
    parsed = []
    original = relay.GlobalID.from_id

    def counting(cls, value):
        parsed.append(value)
        return original(value)

    monkeypatch.setattr(relay.GlobalID, "from_id", classmethod(counting))
    response = await client.post(
        "/graphql",
        json={
            "query": "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            "variables": {"ids": [gid("User", 1)] * 40_000},
        },
    )
    assert error_code(response) == "INPUT_TOO_LARGE"
    assert "at most 100" in response.json()["errors"][0]["message"]
    assert parsed == []


async def test_more_values_than_allowed_are_refused_while_parsing(client):
    response = await client.post(
        "/graphql",
        json={"query": "query($a: [Int!]) { viewer { id } }", "variables": {"a": [1] * 60_000}},
    )
    assert response.status_code == 413
    assert error_code(response) == "INPUT_TOO_LARGE"


async def test_lists_inside_input_objects_are_bounded(gql):
    token = (await signup(gql))["accessToken"]
    parts = [{"partNumber": 1, "etag": "x"}] * (MAX_PARTS + 1)
    body = await gql(
        "mutation($i: CompleteVideoUploadInput!) { completeVideoUpload(input: $i) { errors "
        "{ code } } }",
        {"i": {"uploadId": gid("VideoUpload", uuid.uuid4()), "parts": parts}},
        token=token,
        expect_errors=True,
    )
    assert body["errors"][0]["extensions"]["code"] == "INPUT_TOO_LARGE"


async def test_literal_lists_in_the_document_are_bounded(gql):
    ids = ", ".join(['"x"'] * (MAX_NODES + 1))
    body = await gql(f"{{ nodes(ids: [{ids}]) {{ id }} }}", expect_errors=True)
    assert body["errors"][0]["extensions"]["code"] == "INPUT_TOO_LARGE"
    ok = ", ".join([f'"{gid("User", 1)}"'] * MAX_NODES)
    assert (await gql(f"{{ nodes(ids: [{ok}]) {{ id }} }}"))["data"]["nodes"] == [None] * MAX_NODES


def test_every_list_input_has_a_limit_no_smaller_than_the_services():
    schema = build_schema()._schema
    coordinates = set()
    for type_ in schema.type_map.values():
        for name, field in getattr(type_, "fields", {}).items():
            if hasattr(field, "args"):
                for arg_name, arg in field.args.items():
                    if _is_list(arg.type):
                        coordinates.add(f"{type_.name}.{name}({arg_name}:)")
            elif _is_list(field.type):
                coordinates.add(f"{type_.name}.{name}")
    assert set(LIST_LIMITS) <= coordinates, "a limit names a coordinate the schema lacks"
    assert LIST_LIMITS["Query.nodes(ids:)"] >= MAX_NODES
    assert LIST_LIMITS["CompleteVideoUploadInput.parts"] >= MAX_PARTS
    assert LIST_LIMITS["CreateInterviewInput.questions"] > MAX_QUESTIONS
    assert LIST_LIMITS["ReorderQuestionsInput.questionIds"] >= MAX_QUESTIONS
    for coordinate in coordinates - set(LIST_LIMITS):
        assert DEFAULT_LIST_ITEMS >= 1, coordinate


def _is_list(type_) -> bool:
    if isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    return isinstance(type_, GraphQLList)


# --- multipart envelopes ------------------------------------------------------------------------

PREFLIGHT = {"Apollo-Require-Preflight": "true"}
UPLOAD_OPS = (
    '{"query": "mutation($f: Upload!) { uploadVideo(input: {title: \\"t\\", file: $f}) '
    '{ errors { code } } }", "variables": {"f": null}}'
)


@pytest.mark.parametrize(
    ("operations", "files_map"),
    [
        ("5", '{"0": ["variables.f"]}'),
        (UPLOAD_OPS, '["0"]'),
        (UPLOAD_OPS, '{"0": "variables.f"}'),
        (UPLOAD_OPS, '{"0": ["variables.list.3"]}'),
        (UPLOAD_OPS, '{"0": ["query"]}'),
        (UPLOAD_OPS, '{"1": ["variables.f"]}'),
        (UPLOAD_OPS, "[[[[" * 20_000 + "]]]]" * 20_000),
    ],
    ids=[
        "operations-5",
        "map-list",
        "paths-string",
        "missing-index",
        "not-variables",
        "missing-file",
        "deep-map",
    ],
)
async def test_malformed_multipart_envelopes_are_400(gql, client, operations, files_map):
    # Signed in: a caller who may not upload is refused before the files are read.
    token = (await signup(gql))["accessToken"]
    response = await client.post(
        "/graphql",
        headers={**PREFLIGHT, "Authorization": f"Bearer {token}"},
        data={"operations": operations, "map": files_map},
        files={"0": ("a.mp4", b"data", "video/mp4")},
    )
    assert response.status_code == 400, response.text
    assert error_code(response) in ("MALFORMED_REQUEST", "INPUT_TOO_DEEP")


def multipart(filename: bytes, extra: bytes = b"") -> bytes:
    return (
        b'--XX\r\nContent-Disposition: form-data; name="operations"\r\n\r\n'
        + UPLOAD_OPS.encode()
        + b'\r\n--XX\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0": ["variables.f"]}'
        + b'\r\n--XX\r\nContent-Disposition: form-data; name="0"; filename="'
        + filename
        + b'"\r\nContent-Type: video/mp4\r\n\r\nxyz\r\n'
        + extra
        + b"--XX--\r\n"
    )


async def test_nul_in_a_multipart_filename_is_refused(gql, client):
    token = (await signup(gql))["accessToken"]
    response = await client.post(
        "/graphql",
        headers={
            **PREFLIGHT,
            "Authorization": f"Bearer {token}",
            "Content-Type": "multipart/form-data; boundary=XX",
        },
        content=multipart(b"a\x00.mp4"),
    )
    assert response.status_code == 400
    assert error_code(response) == "INVALID_TEXT"


# --- WebSocket -------------------------------------------------------------------------------


async def ws_session(live_server: str, token: str | None = None):
    ws = await websockets.connect(
        live_server.replace("http", "ws") + "/graphql",
        subprotocols=[websockets.Subprotocol("graphql-transport-ws")],
    )
    payload = {"Authorization": f"Bearer {token}"} if token else {}
    await ws.send(json.dumps({"type": "connection_init", "payload": payload}))
    assert json.loads(await asyncio.wait_for(ws.recv(), 30))["type"] == "connection_ack"
    return ws


@pytest.mark.parametrize("text", [SURROGATE, "a\x00b"], ids=["surrogate", "nul"])
async def test_text_over_websocket_is_checked_per_operation(gql, live_server, text):
    token = (await signup(gql))["accessToken"]
    ws = await ws_session(live_server, token)
    try:
        for operation_id in ("1", "2"):
            await ws.send(
                json.dumps(
                    {
                        "id": operation_id,
                        "type": "subscribe",
                        "payload": {
                            "query": TEXT_OPERATIONS["search"],
                            "variables": {"s": text},
                        },
                    }
                )
            )
            answer = json.loads(await asyncio.wait_for(ws.recv(), 30))
            assert answer["id"] == operation_id
            errors = answer["payload"] if answer["type"] == "error" else answer["payload"]["errors"]
            assert errors[0]["extensions"]["code"] == "INVALID_TEXT"
            if answer["type"] == "next":
                assert json.loads(await ws.recv())["type"] == "complete"
    finally:
        await ws.close()


@pytest.mark.parametrize(
    "message",
    [
        "[1, 2]",
        '{"type": 5}',
        '{"id": 1, "type": "subscribe", "payload": {"query": "{ viewer { id } }"}}',
        '{"id": "1", "type": "subscribe", "payload": "x"}',
        '{"id": "1", "type": "subscribe", "payload": {"query": 5}}',
        '{"id": "1", "type": "subscribe", "payload": {"query": "{ viewer { id } }", '
        '"variables": [1]}}',
        '{"type": "ping", "payload": ' + "[" * 50_000 + "]" * 50_000 + "}",
    ],
    ids=[
        "list",
        "type-number",
        "id-number",
        "payload-string",
        "query-number",
        "variables-list",
        "deep",
    ],
)
async def test_malformed_websocket_messages_close_with_4400(live_server, message):
    ws = await ws_session(live_server)
    await ws.send(message)
    with pytest.raises(websockets.ConnectionClosed) as closed:
        await asyncio.wait_for(ws.recv(), 30)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4400


async def test_a_websocket_message_of_too_many_values_is_refused_before_it_is_decoded(
    live_server, settings, monkeypatch
):
    decoded: list[int] = []

    def recording_loads(data, *args, **kwargs):
        decoded.append(len(data))
        return loads(data, *args, **kwargs)

    monkeypatch.setattr("vector_gql.boundary.graphql.loads", recording_loads)
    ws = await ws_session(live_server)
    ids = ["1"] * (settings.max_input_values * 3)  # about 600 KB, under the size cap
    message = json.dumps(
        {
            "id": "1",
            "type": "subscribe",
            "payload": {
                "query": "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
                "variables": {"ids": ids},
            },
        }
    )
    assert len(message) < settings.max_json_body_bytes
    await ws.send(message)
    with pytest.raises(websockets.ConnectionClosed) as closed:
        await asyncio.wait_for(ws.recv(), 30)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4400
    assert f"more than {settings.max_input_values} values" in closed.value.rcvd.reason
    # Counted, never decoded: only the small connection_init went through json.
    assert decoded and max(decoded) < 1000


# --- found by fuzzing -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        'mutation { uploadVideo(input: {title: "t", file: "not a file"}) { errors { code } } }',
        'mutation($f: Upload!) { uploadVideo(input: {title: "t", file: $f}) { errors { code } } }',
    ],
    ids=["literal", "variable"],
)
async def test_an_upload_that_is_not_a_file_is_a_client_error(gql, query):
    token = (await signup(gql))["accessToken"]
    body = await gql(
        query, {"f": "not a file"} if "$f" in query else None, token=token, expect_errors=True
    )
    message = body["errors"][0]["message"]
    assert "Unexpected error" not in message and "multipart" in message
