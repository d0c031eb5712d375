"""Uploads judged from their envelope, before the file is read (graphql/upload_gate.py).

Each request sends its file from a stream that counts what the server pulled: a
refused upload must have pulled the envelope and nothing of the file, and answer
as it would have after reading it all.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Any

import httpx
import pytest
from graphql import GraphQLInputObjectType, GraphQLList, GraphQLNonNull

from tests.fixtures.graphql import GraphQLClient, signup
from tests.fixtures.teams import own_org
from tests.fixtures.uploads import CountingBody, send
from vector_gql.app import create_app
from vector_gql.graphql.schema import build_schema
from vector_gql.graphql.upload_gate import FIELD_CHECKS
from vector_gql.services.clock import ManualClock

MiB = 1024 * 1024
UPLOAD = (
    "mutation Upload($input: UploadVideoInput!) { uploadVideo(input: $input) "
    "{ video { id } errors { field message code } } }"
)


def upload_operations(title: str = "Bomb", organization_id: str | None = None) -> dict:
    variables: dict[str, Any] = {"title": title, "file": None}
    if organization_id is not None:
        variables["organizationId"] = organization_id
    return {"query": UPLOAD, "variables": {"input": variables}}


@asynccontextmanager
async def app_client(settings, **overrides: Any) -> AsyncIterator[httpx.AsyncClient]:
    clock = ManualClock()
    clock.freeze()  # no refill of budgets between requests
    app = create_app(replace(settings, **overrides), manage_database=False, clock=clock)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50003))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http
    finally:
        await app.state.services.close()


async def test_a_spent_budget_refuses_an_upload_before_its_file_is_read(settings, database):
    # An upload costs 222: the budget holds one.
    async with app_client(
        settings, query_cost_max=300, query_budget=300, query_budget_restore_per_second=1
    ) as http:
        gql = GraphQLClient(http)
        token = (await signup(gql, "mallory"))["accessToken"]
        first = CountingBody(upload_operations(), file_bytes=4096)
        answered = (await send(http, first, token)).json()
        # Read, probed and refused (not a video), and charged once for it.
        assert answered["data"]["uploadVideo"]["errors"][0]["field"] == ["file"]
        assert first.pulled == 4096
        throttle = answered["extensions"]["cost"]["throttleStatus"]
        assert throttle["currentlyAvailable"] == 300 - 222

        spent = CountingBody(upload_operations())
        response = await send(http, spent, token)
        [error] = response.json()["errors"]
        assert error["extensions"]["code"] == "RATE_LIMITED"
        assert error["extensions"]["remaining"] == 300 - 222
        assert response.headers["retry-after"]
        assert spent.pulled == 0


async def test_an_anonymous_upload_is_refused_before_its_file_is_read(client):
    body = CountingBody(upload_operations())
    response = await send(client, body)
    errors = response.json()["errors"]
    assert [(e["extensions"]["code"], e["path"]) for e in errors] == [
        ("UNAUTHENTICATED", ["uploadVideo"])
    ]
    assert body.pulled == 0


async def test_an_upload_to_someone_elses_organization_is_refused_before_it_is_read(gql, client):
    ann = (await signup(gql, "ann"))["accessToken"]
    bob = (await signup(gql, "bob"))["accessToken"]
    body = CountingBody(upload_operations(organization_id=await own_org(gql, ann)))
    response = await send(client, body, bob)
    # As the resolver answers it after reading: only the refusal, no stored video.
    errors = response.json().get("errors") or response.json()["data"]["uploadVideo"]["errors"]
    assert [e.get("extensions", e).get("code") for e in errors] == ["NOT_FOUND"]
    assert body.pulled == 0


async def test_an_upload_over_the_quota_is_refused_before_it_is_read(settings, database):
    async with app_client(settings, organization_storage_bytes=4 * MiB) as http:
        token = (await signup(GraphQLClient(http), "ann"))["accessToken"]
        body = CountingBody(upload_operations(), file_bytes=5 * MiB)
        payload = (await send(http, body, token)).json()["data"]["uploadVideo"]
        assert payload["video"] is None
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [
            ("STORAGE_QUOTA_EXCEEDED", ["file"])
        ]
        assert body.pulled == 0
        # One that fits is read (and refused by the probe: it is not a video).
        fits = CountingBody(upload_operations(), file_bytes=1 * MiB)
        payload = (await send(http, fits, token)).json()["data"]["uploadVideo"]
        assert payload["errors"][0]["code"] != "STORAGE_QUOTA_EXCEEDED"
        assert fits.pulled == 1 * MiB


async def test_a_caller_sends_one_upload_at_a_time(gql, client):
    token = (await signup(gql, "ann"))["accessToken"]
    first = CountingBody(upload_operations(), file_bytes=4096)
    first.hold.clear()
    sending = asyncio.ensure_future(send(client, first, token))
    # Past its envelope: the gate let it in, and the server reads on.
    await asyncio.wait_for(first.held.wait(), 30)
    second = CountingBody(upload_operations())
    response = await send(client, second, token)
    assert response.status_code == 429
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "TOO_MANY_UPLOADS"
    assert second.pulled == 0
    # Another caller is not held up.
    other = (await signup(gql, "bob"))["accessToken"]
    theirs = CountingBody(upload_operations(), file_bytes=4096)
    assert (await send(client, theirs, other)).status_code == 200
    first.hold.set()
    assert (await sending).status_code == 200
    # The first answered, the next is taken.
    third = CountingBody(upload_operations(), file_bytes=4096)
    assert (await send(client, third, token)).status_code == 200
    assert third.pulled == 4096


def _takes_a_file(type_: Any, seen: set[str]) -> bool:
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        type_ = type_.of_type
    if getattr(type_, "name", None) == "Upload":
        return True
    if isinstance(type_, GraphQLInputObjectType) and type_.name not in seen:
        seen.add(type_.name)
        return any(_takes_a_file(field.type, seen) for field in type_.fields.values())
    return False


def test_every_field_that_takes_a_file_is_judged_before_the_file_is_read(settings):
    schema = build_schema(settings)._schema
    taking = {
        (root.name, name)
        for root in (schema.query_type, schema.mutation_type, schema.subscription_type)
        if root is not None
        for name, field in root.fields.items()
        if any(_takes_a_file(arg.type, set()) for arg in field.args.values())
    }
    assert taking == {("Mutation", name) for name in FIELD_CHECKS}
    # Nothing below the root takes a file.
    for type_ in schema.type_map.values():
        if type_ in (schema.query_type, schema.mutation_type) or type_.name.startswith("__"):
            continue
        for field in getattr(type_, "fields", {}).values():
            arguments = getattr(field, "args", {}).values()
            assert not any(_takes_a_file(a.type, set()) for a in arguments)


@pytest.mark.parametrize("broken", ["syntax", "unknown-field"])
async def test_a_document_that_cannot_run_is_refused_before_its_file_is_read(gql, client, broken):
    token = (await signup(gql, "ann"))["accessToken"]
    query = "mutation {" if broken == "syntax" else UPLOAD.replace("video { id }", "nope")
    body = CountingBody({"query": query, "variables": {"input": {"title": "t", "file": None}}})
    response = await send(client, body, token)
    assert response.json()["errors"]
    assert body.pulled == 0


def _multipart(parts: list[tuple[str, bytes, bool]], boundary: str = "b") -> bytes:
    body = b""
    for name, value, is_file in parts:
        filename = '; filename="a.avi"' if is_file else ""
        body += (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"{filename}\r\n\r\n'
            ).encode()
            + value
            + b"\r\n"
        )
    return body + f"--{boundary}--\r\n".encode()


@pytest.mark.parametrize("first", ["file", "field"])
async def test_an_upload_whose_envelope_does_not_come_first_is_refused(gql, client, first):
    token = (await signup(gql, "ann"))["accessToken"]
    envelope = [
        ("operations", json.dumps(upload_operations()).encode(), False),
        ("map", b'{"0": ["variables.input.file"]}', False),
    ]
    leading = ("0", b"x" * 4096, True) if first == "file" else ("note", b"hello", False)
    rest = [("0", b"x" * 4096, True)] if first == "field" else []
    response = await client.post(
        "/graphql",
        content=_multipart([leading, *envelope, *rest]),
        headers={
            "Content-Type": "multipart/form-data; boundary=b",
            "Apollo-Require-Preflight": "true",
            "Authorization": f"Bearer {token}",
        },
    )
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "MALFORMED_REQUEST"
    assert "'operations' and 'map' fields first" in error["message"]


async def test_an_anonymous_upload_with_directives_is_refused_before_its_file_is_read(client):
    query = UPLOAD.replace(
        "uploadVideo(input: $input)", "uploadVideo(input: $input) @include(if: true)"
    )
    body = CountingBody({**upload_operations(), "query": query})
    response = await send(client, body)
    errors = response.json()["errors"]
    assert [e["extensions"]["code"] for e in errors] == ["UNAUTHENTICATED"]
    assert body.pulled == 0


async def test_an_upload_over_the_document_limits_is_refused_before_it_is_read(settings, database):
    async with app_client(settings, max_query_aliases=1) as http:
        token = (await signup(GraphQLClient(http), "ann"))["accessToken"]
        aliased = UPLOAD.replace("uploadVideo(", "a: __typename b: __typename uploadVideo(")
        body = CountingBody({**upload_operations(), "query": aliased})
        response = await send(http, body, token)
        assert response.json()["errors"]
        assert body.pulled == 0
        # Nested past the parser's recursion: refused, not a crash.
        deep = "mutation {" + "uploadVideo(input: $input) {" * 3000 + "}" * 3001
        body = CountingBody({**upload_operations(), "query": deep})
        response = await send(http, body, token)
        assert response.status_code in (200, 400)
        assert response.json()["errors"]
        assert body.pulled == 0


async def test_an_upload_skipped_by_a_variable_is_not_read(gql, client):
    token = (await signup(gql, "ann"))["accessToken"]
    query = UPLOAD.replace(
        "mutation Upload($input: UploadVideoInput!)",
        "mutation Upload($input: UploadVideoInput!, $no: Boolean!)",
    ).replace("uploadVideo(input: $input)", "uploadVideo(input: $input) @skip(if: $no)")
    operations = upload_operations()
    operations["query"], operations["variables"]["no"] = query, True
    body = CountingBody(operations)
    response = await send(client, body, token)
    assert response.status_code == 200
    assert body.pulled == 0


async def test_an_upload_that_never_runs_gives_its_charge_back(settings, database):
    # An upload costs 222: the budget holds one.
    async with app_client(
        settings, query_cost_max=300, query_budget=300, query_budget_restore_per_second=1
    ) as http:
        token = (await signup(GraphQLClient(http), "mallory"))["accessToken"]
        # Let in (and charged) from its envelope, then refused as the body is read:
        # its map names a file the body does not carry.
        broken = CountingBody(upload_operations(), file_bytes=4096)
        broken.head = broken.head.replace(b'name="0"; filename', b'name="1"; filename')
        response = await send(http, broken, token)
        assert response.status_code == 400, response.text
        body = CountingBody(upload_operations(), file_bytes=4096)
        answered = (await send(http, body, token)).json()
        assert "errors" not in answered, answered["errors"]
        assert answered["data"]["uploadVideo"]["errors"][0]["field"] == ["file"]
        assert body.pulled == 4096


async def test_the_quota_counts_only_the_mapped_file(settings, database):
    async with app_client(settings, organization_storage_bytes=4 * MiB) as http:
        token = (await signup(GraphQLClient(http), "ann"))["accessToken"]
        # 5 MiB of a part the map does not name, then the 1 KiB file it does.
        body = CountingBody(upload_operations(), file_bytes=5 * MiB)
        body.head = body.head.replace(b'name="0"; filename', b'name="1"; filename')
        body.tail = (
            f'\r\n--{body.boundary}\r\nContent-Disposition: form-data; name="0"; '
            f'filename="a.avi"\r\n\r\n{"y" * 1024}\r\n--{body.boundary}--\r\n'
        ).encode()
        payload = (await send(http, body, token)).json()["data"]["uploadVideo"]
        assert payload["errors"][0]["code"] != "STORAGE_QUOTA_EXCEEDED"
        assert body.pulled == 5 * MiB


async def test_an_upload_over_the_size_limit_is_refused_before_it_is_read(settings, database):
    async with app_client(settings, max_upload_bytes=1 * MiB) as http:
        token = (await signup(GraphQLClient(http), "ann"))["accessToken"]
        body = CountingBody(upload_operations(), file_bytes=MiB + MiB // 2)
        response = await send(http, body, token)
        payload = response.json()["data"]["uploadVideo"]
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [("TOO_LARGE", ["file"])]
        assert body.pulled == 0


async def test_the_gate_costs_operations_with_the_servers_own_analysis(settings):
    from starlette.routing import Route

    from vector_gql.graphql.cost import shared_analysis

    app = create_app(settings, manage_database=False)
    try:
        [view] = [r.endpoint for r in app.routes if isinstance(r, Route) and r.path == "/graphql"]
        gate = view.upload_gate  # type: ignore[attr-defined]
        # The cost extension's, built once for the schema and the server's settings.
        assert gate.costs is shared_analysis(gate.schema, app.state.services.settings)
    finally:
        await app.state.services.close()
