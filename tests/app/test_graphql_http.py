"""GraphQL over HTTP: media types, status codes and error codes, as the specification says.

The graphql-http conformance audit runs against a served app in
tests/web/test_web_clients.py; these tests pin the behaviour behind it, request by request.
"""

from __future__ import annotations

import json

import httpx
import pytest

from vector_gql.graphql.http import response_media_type

GQL_RESPONSE = "application/graphql-response+json"
BOTH = "application/graphql-response+json, application/json;q=0.9"


async def post(client, body, accept: str | None = None, **headers):
    if accept is not None:
        headers["Accept"] = accept
    return await client.post("/graphql", json=body, headers=headers)


def media_type(response) -> str:
    return response.headers["content-type"].split(";")[0]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/json"),
        ("", "application/json"),
        ("*/*", "application/json"),
        ("application/json", "application/json"),
        (GQL_RESPONSE, GQL_RESPONSE),
        (BOTH, GQL_RESPONSE),
        ("application/json, application/graphql-response+json;q=0.5", "application/json"),
        ("application/graphql-response+json;q=0, application/json", "application/json"),
        ("text/html", "application/json"),
        ("application/json, multipart/mixed", "application/json"),
    ],
)
def test_the_response_media_type_follows_accept(accept, expected):
    assert response_media_type(accept) == expected


async def test_graphql_response_json_when_the_client_accepts_it(client):
    response = await post(client, {"query": "{ __typename }"}, accept=GQL_RESPONSE)
    assert response.status_code == 200
    assert media_type(response) == GQL_RESPONSE
    assert response.json() == {"data": {"__typename": "Query"}}
    assert "accept" in response.headers["vary"].lower()


async def test_plain_json_by_default(client):
    response = await post(client, {"query": "{ __typename }"})
    assert media_type(response) == "application/json"


BAD_DOCUMENTS = [
    pytest.param({"query": "{"}, "GRAPHQL_PARSE_FAILED", id="parse"),
    pytest.param({"query": "{ nope }"}, "GRAPHQL_VALIDATION_FAILED", id="validation"),
    pytest.param(
        {"query": "query Q($id: ID!) { node(id: $id) { id } }", "variables": {"id": None}},
        "BAD_USER_INPUT",
        id="variables",
    ),
    pytest.param(
        {"query": "query A { __typename } query B { __typename }"},
        "OPERATION_RESOLUTION_FAILURE",
        id="two-operations-no-name",
    ),
    pytest.param(
        {"query": "query A { __typename }", "operationName": "B"},
        "OPERATION_RESOLUTION_FAILURE",
        id="unknown-operation",
    ),
    pytest.param(
        {"query": "fragment F on Query { __typename }"},
        "OPERATION_RESOLUTION_FAILURE",
        id="no-operation",
    ),
]


@pytest.mark.parametrize(("body", "code"), BAD_DOCUMENTS)
async def test_request_errors_are_400_without_data_under_graphql_response_json(client, body, code):
    response = await post(client, body, accept=BOTH)
    assert response.status_code == 400
    assert media_type(response) == GQL_RESPONSE
    result = response.json()
    assert "data" not in result
    assert [e["extensions"]["code"] for e in result["errors"]] == [code] * len(result["errors"])


@pytest.mark.parametrize(("body", "code"), BAD_DOCUMENTS)
async def test_request_errors_are_200_without_data_under_json(client, body, code):
    response = await post(client, body, accept="application/json")
    assert response.status_code == 200
    assert media_type(response) == "application/json"
    result = response.json()
    assert "data" not in result
    assert result["errors"][0]["extensions"]["code"] == code


async def test_the_named_operation_of_several_runs(client):
    body = {"query": "query A { a: __typename } query B { b: __typename }", "operationName": "B"}
    response = await post(client, body, accept=GQL_RESPONSE)
    assert response.status_code == 200
    assert response.json() == {"data": {"b": "Query"}}


async def test_field_errors_keep_data_and_status_200(client):
    # A field error is not a request error: the operation ran, data is there.
    response = await post(client, {"query": '{ node(id: "garbage") { id } }'}, accept=BOTH)
    assert response.status_code == 200
    result = response.json()
    assert result["data"] == {"node": None}
    assert result["errors"][0]["path"] == ["node"]


@pytest.mark.parametrize(
    "query",
    [
        '{ node(id: "garbage") { id } }',
        '{ nodes(ids: ["VXNlcjox", "!!"]) { id } }',
    ],
)
async def test_an_id_that_is_not_one_gets_bad_user_input(client, query):
    result = (await post(client, {"query": query})).json()
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "GlobalID" in result["errors"][0]["message"]


async def test_an_id_variable_that_is_not_one_gets_bad_user_input(client):
    body = {"query": "query Q($id: ID!) { node(id: $id) { id } }", "variables": {"id": "garbage"}}
    result = (await post(client, body)).json()
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_an_int_over_32_bits_is_bad_user_input(client):
    body = {
        "query": "query Q($n: Int) { interviews(first: $n) { totalCount } }",
        "variables": {"n": 3_000_000_000},
    }
    response = await post(client, body, accept=BOTH)
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "32-bit" in error["message"]


async def test_mutations_over_get_are_405(client):
    response = await client.get(
        "/graphql",
        params={"query": "mutation { __typename }"},
        headers={"Accept": GQL_RESPONSE},
    )
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert media_type(response) == GQL_RESPONSE
    assert response.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"


async def test_queries_over_get_take_variables(client):
    response = await client.get(
        "/graphql",
        params={
            "query": "query T($name: String!) { __type(name: $name) { name } }",
            "variables": json.dumps({"name": "Interview"}),
        },
        headers={"Accept": GQL_RESPONSE},
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"__type": {"name": "Interview"}}}


async def test_the_named_query_of_a_document_runs_over_get(client):
    response = await client.get(
        "/graphql",
        params={
            "query": "query Q { __typename } mutation M { __typename }",
            "operationName": "Q",
        },
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
async def test_other_methods_are_405_as_json(client, method):
    response = await client.request(method, "/graphql", json={"query": "{ __typename }"})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
    assert response.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"


MALFORMED = [
    pytest.param(b'{ "not a JSON', "application/json", 400, "INVALID_JSON", id="bad-json"),
    pytest.param(b"", "application/json", 400, "INVALID_JSON", id="empty-body"),
    pytest.param(b"\xff\xfe{}", "application/json", 400, "INVALID_JSON", id="not-utf8"),
    pytest.param(b"5", "application/json", 400, "MALFORMED_REQUEST", id="number"),
    pytest.param(b'"{ __typename }"', "application/json", 400, "MALFORMED_REQUEST", id="string"),
    pytest.param(
        b'[{"query": "{ __typename }"}]', "application/json", 400, "MALFORMED_REQUEST", id="batch"
    ),
    pytest.param(
        b'{"qeury": "{ __typename }"}', "application/json", 400, "MALFORMED_REQUEST", id="no-query"
    ),
    pytest.param(
        b'{"query": {"obj": "ect"}}',
        "application/json",
        400,
        "MALFORMED_REQUEST",
        id="query-object",
    ),
    pytest.param(
        b'{"query": "{ __typename }", "operationName": 0}',
        "application/json",
        400,
        "MALFORMED_REQUEST",
        id="operation-name-number",
    ),
    pytest.param(
        b'{"query": "{ __typename }", "variables": "x"}',
        "application/json",
        400,
        "MALFORMED_REQUEST",
        id="variables-string",
    ),
    pytest.param(
        b'{"query": "{ __typename }", "extensions": []}',
        "application/json",
        400,
        "MALFORMED_REQUEST",
        id="extensions-array",
    ),
    pytest.param(
        b'{"query": "{ __typename }"}', "text/csv", 415, "UNSUPPORTED_MEDIA_TYPE", id="csv"
    ),
    pytest.param(
        b'{"query": "{ __typename }"}',
        "application/graphql",
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        id="application-graphql",
    ),
    pytest.param(
        b'{"query": "{ __typename }"}',
        "application/json; charset=latin1",
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        id="latin1",
    ),
    pytest.param(
        b'{"query": "{ __typename }"}', "", 415, "UNSUPPORTED_MEDIA_TYPE", id="no-content-type"
    ),
]


@pytest.mark.parametrize(("content", "content_type", "status", "code"), MALFORMED)
@pytest.mark.parametrize("accept", ["application/json", BOTH])
async def test_unreadable_requests_get_a_json_graphql_error(
    client, content, content_type, status, code, accept
):
    headers = {"Accept": accept}
    if content_type:
        headers["Content-Type"] = content_type
    response = await client.post("/graphql", content=content, headers=headers)
    assert response.status_code == status, response.text
    assert media_type(response) == response_media_type(accept)
    body = response.json()
    assert "data" not in body
    assert body["errors"][0]["extensions"]["code"] == code
    assert body["errors"][0]["message"]


async def test_utf8_with_a_charset_is_taken(client):
    response = await client.post(
        "/graphql",
        content=json.dumps({"query": '{ __type(name: "Run🏃Swim🏊") { name } }'}).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"__type": None}}


async def test_null_parameters_are_taken(client):
    body = {"query": "{ __typename }", "variables": None, "operationName": None, "extensions": None}
    response = await post(client, body, accept=GQL_RESPONSE)
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


async def test_a_cross_site_form_post_is_a_json_error(client):
    response = await client.post(
        "/graphql",
        data={"operations": json.dumps({"query": "{ __typename }"}), "map": "{}"},
        files={"0": ("a.txt", b"x", "text/plain")},
        headers={"Accept": GQL_RESPONSE},
    )
    assert response.status_code == 400
    assert media_type(response) == GQL_RESPONSE
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_REQUEST"
    assert "Apollo-Require-Preflight" in error["message"]


async def test_a_body_over_the_limit_is_a_json_error(client, settings):
    response = await client.post(
        "/graphql",
        content=b"{" + b" " * settings.max_json_body_bytes + b"}",
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


async def test_an_unexpected_failure_outside_resolvers_is_a_masked_json_error(
    app, database, monkeypatch, caplog
):
    view = next(r.app for r in app.routes if getattr(r, "path", None) == "/graphql")

    async def broken(*args, **kwargs):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(view, "get_context", broken)
    # The server error middleware re-raises after answering; the client must not.
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        response = await post(client, {"query": "{ __typename }"}, accept=GQL_RESPONSE)
    assert response.status_code == 500
    assert media_type(response) == GQL_RESPONSE
    error = response.json()["errors"][0]
    assert error["message"] == "Unexpected error."
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert error["extensions"]["requestId"] == response.headers["x-request-id"]
    assert "secret detail" not in response.text
    assert "secret detail" in caplog.text


async def test_graphiql_is_still_served_to_browsers(client):
    response = await client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")


async def test_document_limits_are_request_errors_with_codes(client, settings):
    deep = "{ viewer { " + "memberships { organization { " * 8 + "id" + " } }" * 8 + " } }"
    response = await post(client, {"query": deep}, accept=GQL_RESPONSE)
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    many = "{ " + " ".join(f"a{i}: __typename" for i in range(settings.max_query_tokens)) + " }"
    response = await post(client, {"query": many}, accept=GQL_RESPONSE)
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"


async def test_without_graphiql_the_page_is_a_json_404(app, client, monkeypatch):
    view = next(r.app for r in app.routes if getattr(r, "path", None) == "/graphql")
    monkeypatch.setattr(view, "graphql_ide", None)
    response = await client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert response.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("{ nope }", "GRAPHQL_VALIDATION_FAILED"),
        ("{", "GRAPHQL_PARSE_FAILED"),
        ("query A { __typename } query B { __typename }", "OPERATION_RESOLUTION_FAILURE"),
    ],
)
async def test_request_errors_over_websocket_carry_codes_too(live_server, query, code):
    import websockets

    async with websockets.connect(
        live_server.replace("http", "ws") + "/graphql",
        subprotocols=[websockets.Subprotocol("graphql-transport-ws")],
    ) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
        message = json.loads(await ws.recv())
    assert message["type"] == "error", message
    assert [e["extensions"]["code"] for e in message["payload"]] == [code]


# --- the input boundary's refusals follow the same rules ---------------------------------

NUL_VARIABLE = {
    "query": "query($id: ID!) { node(id: $id) { id } }",
    "variables": {"id": "a\u0000b"},
}
NUL_DOCUMENT = {"query": '{ __typename @include(if: true) } # "\u0000"'}
LONG_LIST = {
    "query": "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
    "variables": {"ids": ["x"] * 101},
}


@pytest.mark.parametrize(
    ("body", "code"),
    [
        pytest.param(NUL_VARIABLE, "INVALID_TEXT", id="nul-variable"),
        pytest.param(NUL_DOCUMENT, "INVALID_TEXT", id="nul-document"),
        pytest.param(LONG_LIST, "INPUT_TOO_LARGE", id="long-list"),
    ],
)
@pytest.mark.parametrize(("accept", "status"), [("application/json", 200), (BOTH, 400)])
async def test_refused_variables_and_documents_are_request_errors(
    client, body, code, accept, status
):
    response = await post(client, body, accept=accept)
    assert response.status_code == status, response.text
    assert media_type(response) == response_media_type(accept)
    answer = response.json()
    assert "data" not in answer
    assert [e["extensions"]["code"] for e in answer["errors"]] == [code]


@pytest.mark.parametrize(
    ("content", "status", "code"),
    [
        pytest.param(
            b'{"query": ' + b"[" * 40 + b"]" * 40 + b"}", 400, "INPUT_TOO_DEEP", id="deep"
        ),
        pytest.param(
            json.dumps({"query": "{ __typename }", "variables": {"v": [0] * 60_000}}).encode(),
            413,
            "INPUT_TOO_LARGE",
            id="many-values",
        ),
    ],
)
@pytest.mark.parametrize("accept", ["application/json", BOTH])
async def test_refused_bodies_answer_in_the_accepted_media_type(
    client, content, status, code, accept
):
    response = await client.post(
        "/graphql",
        content=content,
        headers={"Content-Type": "application/json", "Accept": accept},
    )
    assert response.status_code == status, response.text
    assert media_type(response) == response_media_type(accept)
    assert "accept" in response.headers["vary"].lower()
    answer = response.json()
    assert "data" not in answer
    assert answer["errors"][0]["extensions"]["code"] == code
