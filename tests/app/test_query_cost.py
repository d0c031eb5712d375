"""Query cost: the static analysis, the per-request maximum, the per-caller budget, the memo.

The analysis is tested on the schema directly (many small cases); the limits
and the budget through HTTP and WebSocket, against the real PostgreSQL.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets
from graphql import (
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    get_named_type,
    is_composite_type,
    parse,
)
from tortoise import connections

from tests.fixtures import media as mf
from tests.fixtures.graphql import GraphQLClient, signup
from tests.fixtures.random_objects import candidate_for, create_member
from tests.fixtures.random_objects import create_interview as create_interview_row
from tests.fixtures.teams import create_interview, own_org, questions
from vector_gql.app import create_app
from vector_gql.config import ConfigError, Settings
from vector_gql.graphql import cost as cost_module
from vector_gql.graphql.cost import (
    DEFAULT_LIST_SIZE,
    FIELD_WEIGHTS,
    LIST_SIZES,
    TYPE_WEIGHTS,
    CostAnalysis,
)
from vector_gql.graphql.schema import build_schema
from vector_gql.services.auth import ANONYMOUS
from vector_gql.services.clock import ManualClock
from vector_gql.services.query_budget import QueryBudgetService, budget_key
from vector_gql.statements import count_statements

MAXIMUM = Settings().query_cost_max

# --- the analysis ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def analysis() -> CostAnalysis:
    return CostAnalysis(build_schema()._schema, Settings())


def cost(analysis: CostAnalysis, query: str, variables: dict | None = None, op=None) -> int:
    result = analysis.cost(parse(query), op, variables, query=query)
    assert result is not None and not result.too_complex
    return result.value


INTERVIEW_PAGE = "edges { node { id title } }"


def test_scalars_are_free_and_objects_cost_one(analysis):
    assert cost(analysis, "{ __typename }") == 0
    assert cost(analysis, "{ viewer { id username email dateJoined } }") == 1
    # An object within an object: viewer, then each membership and its organization.
    assert cost(analysis, "{ viewer { memberships { role } } }") == 1 + 20 * 1
    assert cost(analysis, "{ viewer { memberships { organization { name } } } }") == 1 + 20 * 2


def test_connections_multiply_by_their_page_size(analysis):
    # The connection object, then one object per node; edges are wrappers.
    assert cost(analysis, f"{{ interviews(first: 5) {{ {INTERVIEW_PAGE} }} }}") == 1 + 5
    assert cost(analysis, f"{{ interviews(last: 7) {{ {INTERVIEW_PAGE} }} }}") == 1 + 7
    # 20 when not asked; never more than the 100 a page can hold.
    assert cost(analysis, f"{{ interviews {{ {INTERVIEW_PAGE} }} }}") == 1 + 20
    assert cost(analysis, f"{{ interviews(first: 5000) {{ {INTERVIEW_PAGE} }} }}") == 1 + 100
    # totalCount is a database count; pageInfo an object; both once per connection.
    query = "{ interviews(first: 5) { totalCount pageInfo { hasNextPage } } }"
    assert cost(analysis, query) == 1 + 1 + 1
    # What is under a node is multiplied too: each interview's questions (at most 100).
    nested = "{ interviews(first: 5) { edges { node { questions { text } } } } }"
    assert cost(analysis, nested) == 1 + 5 * (1 + 100)


def test_page_sizes_come_from_variables_and_their_defaults(analysis):
    query = f"query($n: Int) {{ interviews(first: $n) {{ {INTERVIEW_PAGE} }} }}"
    assert cost(analysis, query, {"n": 3}) == 1 + 3
    assert cost(analysis, query, {"n": 100}) == 1 + 100
    assert cost(analysis, query, {"n": None}) == 1 + 20
    assert cost(analysis, query, {}) == 1 + 20
    defaulted = f"query($n: Int = 50) {{ interviews(first: $n) {{ {INTERVIEW_PAGE} }} }}"
    assert cost(analysis, defaulted, {}) == 1 + 50
    assert cost(analysis, defaulted, {"n": 2}) == 1 + 2
    # A nested connection multiplies by both page sizes.
    members = """query($n: Int, $m: Int) { viewer { memberships { organization {
        members(first: $m) { edges { node { role } } } } } } }"""
    # viewer; per membership: itself, its organization, the members connection, 10 members.
    assert cost(analysis, members, {"m": 10}) == 1 + 20 * (1 + 1 + 1 + 10 * 1)


def test_every_alias_counts(analysis):
    one = "{ a: interviews(first: 10) { edges { node { id } } } }"
    five = (
        "{ "
        + " ".join(f"a{i}: interviews(first: 10) {{ edges {{ node {{ id }} }} }}" for i in range(5))
        + " }"
    )
    assert cost(analysis, five) == 5 * cost(analysis, one)
    # The same field twice under one response key is resolved once, as execution merges it.
    merged = (
        "{ interviews(first: 10) { edges { node { id } } } interviews(first: 10) { totalCount } }"
    )
    assert cost(analysis, merged) == 1 + 10 + 1


def test_fragments_and_inline_fragments_are_counted(analysis):
    inline = "{ interviews(first: 3) { edges { node { ... on Interview { questions { id } } } } } }"
    named = """
        query { interviews(first: 3) { edges { node { ...Q } } } }
        fragment Q on Interview { questions { id } }
    """
    assert cost(analysis, inline) == cost(analysis, named) == 1 + 3 * (1 + 100)
    # A fragment spread twice in one place is the same fields once.
    twice = """
        query { interviews(first: 3) { edges { node { ...Q ...Q } } } }
        fragment Q on Interview { questions { id } }
    """
    assert cost(analysis, twice) == cost(analysis, named)
    # Fragments that alias the same costly field add up.
    aliased = """
        query { node(id: "x") { ...A ...B } }
        fragment A on Video { a: url }
        fragment B on Video { b: url }
    """
    assert cost(analysis, aliased) == 1 + 2 * 10


def test_interfaces_cost_their_costliest_type(analysis):
    query = """query($id: ID!) { node(id: $id) {
        ... on Video { url }
        ... on Interview { questions { text } }
        ... on Organization { name }
    } }"""
    # Video: 1 + 10; Interview: 1 + 100; Organization: 1.
    assert cost(analysis, query, {"id": "x"}) == 1 + 100
    # Fragments on the interface itself apply to every type.
    assert cost(analysis, '{ node(id: "x") { ... on Node { id } } }') == 1


def test_nodes_cost_one_item_per_id(analysis):
    query = "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Video { url } } }"
    assert cost(analysis, query, {"ids": ["a"] * 7}) == 7 * 11
    assert cost(analysis, query, {"ids": ["a"] * 1000}) == 100 * 11  # refused above 100 anyway
    assert cost(analysis, query, {"ids": "a"}) == 11  # one value coerces to a list of one
    literal = '{ nodes(ids: ["a", "b", "c"]) { ... on Video { url } } }'
    assert cost(analysis, literal) == 3 * 11


def test_skip_and_include_are_honoured(analysis):
    query = """query($skip: Boolean!, $with: Boolean = true) {
        viewer @skip(if: $skip) { memberships { role } }
        interviews(first: 4) @include(if: $with) { edges { node { id } } }
    }"""
    assert cost(analysis, query, {"skip": False}) == 21 + 5
    assert cost(analysis, query, {"skip": True}) == 5
    assert cost(analysis, query, {"skip": True, "with": False}) == 0
    literal = "{ viewer @skip(if: true) { id } interviews @include(if: false) { totalCount } }"
    assert cost(analysis, literal) == 0
    # Included through any copy of the field counts once.
    either = "query($a: Boolean!) { viewer @include(if: $a) { id } viewer { id } }"
    assert cost(analysis, either, {"a": False}) == 1


def test_expensive_work_carries_its_weight(analysis):
    assert cost(analysis, '{ node(id: "x") { ... on Video { url } } }') == 1 + 10
    # A direct upload's parts: one storage listing, and a signed URL per part (at most
    # ceil(500 MB / 16 MiB) = 32 parts).
    parts = '{ videoUpload(id: "x") { parts { partNumber } } }'
    assert cost(analysis, parts) == 1 + 50 + 32 * (1 + 10)
    assert cost(analysis, '{ videoUpload(id: "x") { status } }') == 1
    login = 'mutation { login(input: {username: "a", password: "b"}) { accessToken } }'
    assert cost(analysis, login) == 10 + 20 + 1
    upload = "mutation($i: UploadVideoInput!) { uploadVideo(input: $i) { video { id } } }"
    assert cost(analysis, upload) == 10 + 200 + 1 + 1
    # Introspection is one flat weight, however deep.
    assert cost(analysis, "{ __schema { types { name fields { name } } } }") == 50


# What clients ask for: the web client's interviews page (20 by default), one interview
# with its prompts to play, an upload's progress, the signed-in user.
ORDINARY_PAGES = {
    "interviews page": """query($first: Int) { interviews(first: $first) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { id title status answerDeadline createdAt
            questions { id position text } } } } }""",
    "one interview": """query($id: ID!) { node(id: $id) { ... on Interview {
        id title description status questions { id position text thinkTimeSeconds
            videoPrompt { id title durationSeconds url } } } } }""",
    "upload progress": """query($id: ID!) { videoUpload(id: $id) {
        status parts { partNumber url uploaded } } }""",
    "viewer": "{ viewer { id username memberships { role organization { id name } } } }",
}


def test_ordinary_pages_stay_well_under_the_default_maximum(analysis):
    costs = {name: cost(analysis, query, {"id": "x"}) for name, query in ORDINARY_PAGES.items()}
    assert costs == {
        "interviews page": 3 + 20 * (1 + 100),
        "one interview": 1 + 100 * (1 + 1 + 10),
        "upload progress": 1 + 50 + 32 * (1 + 10),
        "viewer": 1 + 20 * 2,
    }
    assert max(costs.values()) <= MAXIMUM // 2
    # A budget holds a few pages at once, and the costliest operation allowed.
    budget = Settings().query_budget
    assert budget >= 4 * costs["interviews page"] and budget >= MAXIMUM


def test_weights_and_list_bounds_follow_the_settings():
    settings = Settings(
        query_cost_weights={"signed_url": 3, "object": 2}, upload_part_bytes=50 * 1024 * 1024
    )
    tuned = CostAnalysis(build_schema(settings)._schema, settings)
    assert cost(tuned, '{ node(id: "x") { ... on Video { url } } }') == 2 + 3
    # 500 MB in 50 MiB parts: at most 10 parts.
    parts = '{ videoUpload(id: "x") { parts { partNumber } } }'
    assert cost(tuned, parts) == 2 + 50 + 10 * (2 + 3)


def test_unknown_weights_and_impossible_limits_are_refused():
    with pytest.raises(ConfigError, match="unknown weights signed_urls"):
        Settings(query_cost_weights={"signed_urls": 1}).validate()
    with pytest.raises(ConfigError, match="VECTOR_QUERY_BUDGET must be at least"):
        Settings(query_cost_max=1000, query_budget=10).validate()
    Settings(query_cost_max=1000, query_budget=0).validate()  # 0: no budget


def test_the_analysis_is_compiled_once_per_document_and_operation(analysis, monkeypatch):
    calls = []
    compile_once = analysis.compile

    def counting(document, operation_name):
        calls.append(operation_name)
        return compile_once(document, operation_name)

    monkeypatch.setattr(analysis, "compile", counting)
    query = (
        f"query A($n: Int) {{ interviews(first: $n) {{ {INTERVIEW_PAGE} }} }} "
        "query B { viewer { id } }"
    )
    document = parse(query)
    results = [analysis.cost(document, "A", {"n": n}, query=query).value for n in (1, 2, 3)]
    assert results == [2, 3, 4]
    assert analysis.cost(document, "B", {}, query=query).value == 1
    assert calls == ["A", "B"]
    # Without an operation name a document of two operations cannot run; no cost.
    assert analysis.cost(document, None, {}, query=query) is None


def test_a_document_that_expands_too_far_is_not_walked(analysis, monkeypatch):
    monkeypatch.setattr(cost_module, "MAX_ANALYSED_FIELDS", 50)
    fragments = "\n".join(
        f"fragment F{i} on User {{ "
        + " ".join(f"a{j}: memberships {{ user {{ ...F{i + 1} }} }}" for j in range(3))
        + " }"
        for i in range(6)
    )
    query = "query { viewer { ...F0 } }\n" + fragments + "\nfragment F6 on User { id }"
    result = analysis.cost(parse(query), None, {}, query=None)
    assert result is not None and result.too_complex


def _list_fields(schema) -> list[tuple[str, str, Any]]:
    """(type, field, type object) of every field that returns a list of objects."""
    found = []
    for type_name, graphql_type in schema.type_map.items():
        if type_name.startswith("__") or not isinstance(graphql_type, GraphQLObjectType):
            continue
        for field_name, field in graphql_type.fields.items():
            unwrapped = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
            if isinstance(unwrapped, GraphQLList) and is_composite_type(get_named_type(field.type)):
                found.append((type_name, field_name, graphql_type))
    return found


def test_every_list_of_objects_has_a_size(analysis):
    """A new list field must be added to LIST_SIZES, unless it is a connection's edges
    or a payload's errors (a handful, DEFAULT_LIST_SIZE)."""
    schema = analysis.schema
    unsized = []
    for type_name, field_name, graphql_type in _list_fields(schema):
        if (type_name, field_name) in LIST_SIZES:
            continue
        if field_name == "edges" and "pageInfo" in graphql_type.fields:
            continue
        if (
            field_name == "errors"
            and get_named_type(graphql_type.fields[field_name].type).name == "UserError"
        ):
            continue
        unsized.append(f"{type_name}.{field_name}")
    assert unsized == []
    assert ("Interview", "questions") in LIST_SIZES and DEFAULT_LIST_SIZE <= 10


def test_the_weight_table_names_real_fields(analysis):
    schema = analysis.schema
    for type_name, field_name in [*FIELD_WEIGHTS, *LIST_SIZES]:
        graphql_type = schema.get_type(type_name)
        assert isinstance(graphql_type, GraphQLObjectType), type_name
        assert field_name in graphql_type.fields, f"{type_name}.{field_name}"
    for type_name in TYPE_WEIGHTS:
        assert schema.get_type(type_name) is not None, type_name
    weights = Settings().cost_weights
    for names in [*FIELD_WEIGHTS.values(), *TYPE_WEIGHTS.values()]:
        assert set(names) <= set(weights)


# --- the per-request maximum, through HTTP ---------------------------------------------

# The request from the review that found the problem: five aliases, each a full page of
# interviews with every question's video prompt signed.
COSTLY = (
    "{ "
    + " ".join(
        f"a{i}: interviews(first: 100) "
        "{ edges { node { questions { videoPrompt { url } } } } }"
        for i in range(5)
    )
    + " }"
)


async def test_an_operation_over_the_maximum_is_refused_before_it_runs(gql):
    token = (await signup(gql, "ann"))["accessToken"]
    with count_statements() as log:
        body = await gql(COSTLY, token=token, expect_errors=True)
    assert "data" not in body  # nothing ran: a request error
    [error] = body["errors"]
    assert error["extensions"] == {
        "code": "QUERY_TOO_COSTLY",
        "cost": 5 * (1 + 100 * (1 + 100 * (1 + 1 + 10))),
        "maximumCost": MAXIMUM,
    }
    assert f"at most {MAXIMUM}" in error["message"]
    assert gql.extensions == {"cost": {"requestedQueryCost": 600_505, "maximumQueryCost": MAXIMUM}}
    # Refused from the cached analysis alone: not even the token was looked up.
    assert log.count == 0
    # Under application/graphql-response+json, a request error is a 400.
    response = await gql.http.post(
        "/graphql",
        json={"query": COSTLY},
        headers={"Accept": "application/graphql-response+json"},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"


async def test_a_mutation_over_the_maximum_changes_nothing(settings, database):
    tight = replace(settings, query_cost_max=40, query_budget=0)
    async with _client(tight) as http:
        gql = GraphQLClient(http)
        signup_mutation = """mutation($i: SignupInput!) { signup(input: $i) {
            user { memberships { organization { members { edges { node { role } } } } } }
            errors { code } } }"""
        values = {
            "username": "ann",
            "email": "ann@example.com",
            "password": "correct horse battery",
            "password2": "correct horse battery",
        }
        body = await gql(signup_mutation, {"i": values}, expect_errors=True)
        assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
        [[count]] = [list(r.values()) for r in await _rows("SELECT count(*) FROM account_user")]
        assert count == 0


async def _rows(sql: str, *values: Any) -> list[dict]:
    return await connections.get("default").execute_query_dict(sql, list(values))


@contextlib.asynccontextmanager
async def _client(
    settings: Settings, ip: str = "127.0.0.1", clock: ManualClock | None = None
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, manage_database=False, clock=clock)
    transport = httpx.ASGITransport(app=app, client=(ip, 50000))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http
    finally:
        await app.state.services.close()


def _throttle(gql: GraphQLClient) -> dict[str, Any]:
    assert gql.extensions is not None
    status: dict[str, Any] = gql.extensions["cost"]["throttleStatus"]
    return status


# --- the budget ---------------------------------------------------------------------------

# 1 + 30 objects: 31 each.
THIRTY = "{ interviews(first: 30) { edges { node { id } } } }"


@pytest.fixture
def budget_settings(settings) -> Settings:
    # Room for three operations of 31; refills by 1 a second.
    return replace(
        settings, query_cost_max=100, query_budget=100, query_budget_restore_per_second=1
    )


@pytest.fixture
def stopped(clock: ManualClock) -> ManualClock:
    """The app's clock, stopped: no refill between requests unless a test moves it."""
    clock.freeze()
    return clock


async def test_each_user_spends_from_a_budget_and_is_told_when_to_retry(
    budget_settings, database, stopped
):
    async with _client(budget_settings, clock=stopped) as http:
        gql = GraphQLClient(http)
        ann = (await signup(GraphQLClient(http), "ann"))["accessToken"]
        await _rows("DELETE FROM query_budget")  # signing up spent from the address's budget
        left = []
        for _ in range(3):
            await gql(THIRTY, token=ann)
            left.append(_throttle(gql)["currentlyAvailable"])
        assert left == [69, 38, 7]
        assert _throttle(gql)["maximumAvailable"] == 100
        assert _throttle(gql)["restoreRate"] == 1

        response = await http.post(
            "/graphql", json={"query": THIRTY}, headers={"Authorization": f"Bearer {ann}"}
        )
        assert response.status_code == 200  # application/json: 200 for request errors
        body = response.json()
        assert "data" not in body
        [error] = body["errors"]
        assert error["extensions"] == {
            "code": "RATE_LIMITED",
            "cost": 31,
            "remaining": 7,
            "budget": 100,
            "restoreRate": 1,
            "retryAfterSeconds": 24,  # 24 more are needed, at 1 a second
        }
        assert response.headers["retry-after"] == "24"
        assert "Try again in 24 seconds" in error["message"]
        # Clients that take application/graphql-response+json get 429 Too Many Requests.
        spec = await http.post(
            "/graphql",
            json={"query": THIRTY},
            headers={
                "Authorization": f"Bearer {ann}",
                "Accept": "application/graphql-response+json",
            },
        )
        assert spec.status_code == 429 and spec.headers["retry-after"] == "24"
        assert spec.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
        # A refusal charges nothing; a cheaper operation still fits.
        await gql("{ viewer { id } }", token=ann)
        assert _throttle(gql)["currentlyAvailable"] == 6

        # Another user has a budget of their own.
        bob = (await signup(gql, "bob"))["accessToken"]
        await gql(THIRTY, token=bob)
        assert _throttle(gql)["currentlyAvailable"] == 69


async def test_the_budget_refills_over_time(budget_settings, database, stopped):
    async with _client(budget_settings, clock=stopped) as http:
        gql = GraphQLClient(http)
        ann = (await signup(gql, "ann"))["accessToken"]
        for _ in range(3):
            await gql(THIRTY, token=ann)
        body = await gql(THIRTY, token=ann, expect_errors=True)
        assert body["errors"][0]["extensions"]["retryAfterSeconds"] == 24
        stopped.advance(seconds=23)
        body = await gql(THIRTY, token=ann, expect_errors=True)
        assert body["errors"][0]["extensions"]["retryAfterSeconds"] == 1
        stopped.advance(seconds=1)
        await gql(THIRTY, token=ann)
        assert _throttle(gql)["currentlyAvailable"] == 0
        # Never more than the budget, however long it waited (the access token's lifetime).
        stopped.advance(seconds=budget_settings.access_token_seconds - 30)
        await gql(THIRTY, token=ann)
        assert _throttle(gql)["currentlyAvailable"] == 69


async def test_a_clock_behind_the_last_charge_refills_nothing(budget_settings, database, clock):
    """Hosts whose clocks disagree make a budget stricter for a moment, never more generous."""
    service = QueryBudgetService(budget_settings, clock=clock)
    clock.freeze()
    assert (await service.charge("user:7", 50)).remaining == 50
    clock.advance(seconds=-30)  # another host, 30 s behind
    assert (await service.charge("user:7", 10)).remaining == 40
    clock.advance(seconds=40)  # back on the first host, 10 s after its charge
    assert (await service.charge("user:7", 10)).remaining == 40


async def test_anonymous_callers_are_budgeted_per_address(budget_settings, database, stopped):
    query = "{ viewer { id } interviews: __typename }"
    anonymous = (
        'mutation { login(input: {username: "nobody", password: "wrong password"}) '
        "{ errors { code } } }"
    )
    async with _client(budget_settings, ip="203.0.113.7", clock=stopped) as first:
        gql = GraphQLClient(first)
        for _ in range(2):
            await gql(anonymous)  # 10 + 20 + 1 + 10 errors: 41 each
        body = await gql(anonymous, expect_errors=True)
        assert body["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
        await gql(query)  # 1 still fits
    async with _client(budget_settings, ip="203.0.113.8", clock=stopped) as second:
        body = await GraphQLClient(second)(anonymous)
        assert "errors" not in body
    keys = {row["key"] for row in await _rows("SELECT key FROM query_budget")}
    assert keys == {"addr:203.0.113.7", "addr:203.0.113.8"}


async def test_budget_keys(organization):
    owner = await create_member(organization)
    interview = await create_interview_row(organization, owner.user_id)
    assert budget_key(owner, "203.0.113.7") == f"user:{owner.user_id}"
    assert budget_key(candidate_for(interview, 9), "203.0.113.7") == "invitation:9"
    assert budget_key(ANONYMOUS, "203.0.113.7") == "addr:203.0.113.7"
    assert budget_key(None, "203.0.113.7") == "addr:203.0.113.7"  # credentials refused
    # One IPv6 host usually holds a whole /64.
    assert budget_key(ANONYMOUS, "2001:db8:1:2:aaaa::1") == "addr:2001:db8:1:2::/64"
    assert budget_key(ANONYMOUS, "2001:db8:1:2:bbbb::9") == "addr:2001:db8:1:2::/64"
    assert budget_key(ANONYMOUS, "::ffff:203.0.113.7") == "addr:203.0.113.7"
    assert budget_key(ANONYMOUS, "testclient") == "addr:testclient"


async def test_a_refused_token_spends_from_the_address(budget_settings, database, stopped):
    async with _client(budget_settings, ip="203.0.113.9", clock=stopped) as http:
        body = await GraphQLClient(http)(
            "{ viewer { id } }", token="not-a-token", expect_errors=True
        )
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    keys = {row["key"] for row in await _rows("SELECT key FROM query_budget")}
    assert keys == {"addr:203.0.113.9"}


async def test_one_budget_holds_across_workers(budget_settings, database, stopped):
    """Two app instances (as two uvicorn workers or hosts) spend from the same bucket."""
    async with (
        _client(budget_settings, clock=stopped) as one,
        _client(budget_settings, clock=stopped) as two,
    ):
        ann = (await signup(GraphQLClient(one), "ann"))["accessToken"]
        clients = [GraphQLClient(one), GraphQLClient(two)]
        for i in range(3):
            await clients[i % 2](THIRTY, token=ann)
        body = await clients[1](THIRTY, token=ann, expect_errors=True)
        assert body["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


async def test_concurrent_charges_never_overspend(budget_settings, database, clock):
    service = QueryBudgetService(budget_settings, clock=clock)
    charges = await asyncio.gather(*(service.charge("user:7", 10) for _ in range(25)))
    assert sum(charge.allowed for charge in charges) == 10
    [row] = await _rows("SELECT tokens FROM query_budget WHERE key = 'user:7'")
    assert row["tokens"] < 10
    # Committing without waiting for the disk was for the charges alone.
    settings_seen = await asyncio.gather(
        *(_rows("SELECT current_setting('synchronous_commit') AS s") for _ in range(10))
    )
    assert {rows[0]["s"] for rows in settings_seen} == {"on"}


async def test_refilled_budgets_are_pruned(budget_settings, database, stopped):
    service = QueryBudgetService(budget_settings, clock=stopped)
    await service.charge("user:1", 10)
    stopped.advance(seconds=50)
    await service.charge("user:2", 10)
    assert await service.prune() == 0
    # user:1 is full again 100 seconds after its charge (1 a second).
    stopped.advance(seconds=51)
    assert await service.prune() == 1
    assert [row["key"] for row in await _rows("SELECT key FROM query_budget")] == ["user:2"]


async def test_a_budget_of_zero_turns_charging_off(settings, database):
    async with _client(replace(settings, query_budget=0)) as http:
        gql = GraphQLClient(http)
        with count_statements() as log:
            await gql("{ viewer { id } }")
        assert log.count == 0
        assert gql.extensions == {"cost": {"requestedQueryCost": 1, "maximumQueryCost": MAXIMUM}}


async def test_a_failure_while_charging_is_masked_and_logged(
    settings, database, monkeypatch, caplog
):
    app = create_app(settings, manage_database=False)

    async def broken(key: str, cost: int) -> None:
        raise RuntimeError("connection to 10.0.0.5 refused")

    monkeypatch.setattr(app.state.services.query_budget, "charge", broken)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        http.headers["x-request-id"] = "charge-failed-1"
        body = await GraphQLClient(http)("{ viewer { id } }", expect_errors=True)
    await app.state.services.close()
    assert "data" not in body
    [error] = body["errors"]
    assert error["message"] == "Unexpected error."
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": "charge-failed-1"}
    assert "10.0.0.5" not in json.dumps(body)
    assert "10.0.0.5" in caplog.text and "charge-failed-1" in caplog.text


# --- over WebSocket ---------------------------------------------------------------------------


async def test_websocket_operations_are_costed_too(live_server, gql):
    token = (await signup(gql, "ann"))["accessToken"]
    async with websockets.connect(
        live_server.replace("http", "ws") + "/graphql",
        subprotocols=[websockets.Subprotocol("graphql-transport-ws")],
    ) as ws:
        await ws.send(
            json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}})
        )
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": COSTLY}}))
        message = json.loads(await ws.recv())
        assert message["payload"]["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
        await ws.send(
            json.dumps({"id": "2", "type": "subscribe", "payload": {"query": "{ viewer { id } }"}})
        )
        while (message := json.loads(await ws.recv()))["id"] != "2":
            pass
        assert message["payload"]["extensions"]["cost"]["requestedQueryCost"] == 1


# --- costly work is done once per object per request ---------------------------------------


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> Path:
    return mf.make_video(tmp_path_factory.mktemp("cost") / "clip.mp4", seconds=1, size=(64, 48))


async def _upload_video(http: httpx.AsyncClient, token: str, path: Path) -> str:
    operations = {
        "query": "mutation($i: UploadVideoInput!) "
        "{ uploadVideo(input: $i) { video { id } errors { code } } }",
        "variables": {"i": {"title": "Prompt", "file": None}},
    }
    with open(path, "rb") as handle:
        response = await http.post(
            "/graphql",
            data={
                "operations": json.dumps(operations),
                "map": json.dumps({"0": ["variables.i.file"]}),
            },
            files={"0": (path.name, handle, "video/mp4")},
            headers={"Authorization": f"Bearer {token}", "Apollo-Require-Preflight": "true"},
        )
    result = response.json()["data"]["uploadVideo"]
    assert result["errors"] == [], result
    return result["video"]["id"]


def _counting(monkeypatch, obj: Any, name: str) -> list[Any]:
    calls: list[Any] = []
    original = getattr(obj, name)

    async def counted(*args, **kwargs):
        calls.append(args)
        return await original(*args, **kwargs)

    monkeypatch.setattr(obj, name, counted)
    return calls


async def test_a_signed_url_is_made_once_per_video_per_request(app, client, gql, clip, monkeypatch):
    token = (await signup(gql, "ann"))["accessToken"]
    org = await own_org(gql, token)
    video = await _upload_video(client, token, clip)
    await create_interview(gql, token, org, questions=questions(5, videoPromptId=video))
    signed = _counting(monkeypatch, app.state.services.storage, "signed_download_url")
    query = """query($ids: [ID!]!) {
        a: nodes(ids: $ids) { ... on Video { url } }
        b: nodes(ids: $ids) { ... on Video { first: url second: url } }
        interviews(first: 1) { edges { node { questions { videoPrompt { url } } } } }
    }"""
    body = await gql(query, {"ids": [video] * 20}, token=token)
    urls = {item["url"] for item in body["data"]["a"]} | {
        item[key] for item in body["data"]["b"] for key in ("first", "second")
    }
    assert len(urls) == 1
    assert len(body["data"]["interviews"]["edges"][0]["node"]["questions"]) == 5
    assert len(signed) == 1


async def test_an_upload_is_listed_once_per_request(app, gql, monkeypatch):
    token = (await signup(gql, "ann"))["accessToken"]
    start = """mutation($i: StartVideoUploadInput!) { startVideoUpload(input: $i) {
        upload { id } errors { code } } }"""
    body = await gql(
        start,
        {"i": {"title": "Big", "filename": "big.mp4", "sizeBytes": 40 * 1024 * 1024}},
        token=token,
    )
    upload_id = body["data"]["startVideoUpload"]["upload"]["id"]
    listed = _counting(monkeypatch, app.state.services.storage, "list_parts")
    presigned = _counting(monkeypatch, app.state.services.storage, "presign_part")
    query = """query($ids: [ID!]!, $id: ID!) {
        a: nodes(ids: $ids) { ... on VideoUpload { parts { partNumber url } } }
        b: nodes(ids: $ids) { ... on VideoUpload { parts { uploaded } } }
        videoUpload(id: $id) { parts { partNumber } }
    }"""
    body = await gql(query, {"ids": [upload_id] * 5, "id": upload_id}, token=token)
    assert len(body["data"]["a"]) == 5
    assert len(listed) == 1
    assert len(presigned) == 3  # 40 MiB in 16 MiB parts
    # Asking for the upload without its parts does not touch storage at all.
    await gql("query($id: ID!) { videoUpload(id: $id) { status } }", {"id": upload_id}, token=token)
    assert len(listed) == 1
    # Someone else's upload is null by every path, and storage is not asked about it.
    bob = (await signup(gql, "bob"))["accessToken"]
    body = await gql(query, {"ids": [upload_id] * 2, "id": upload_id}, token=bob)
    assert body["data"] == {"a": [None, None], "b": [None, None], "videoUpload": None}
    node = await gql(
        "query($id: ID!) { node(id: $id) { ... on VideoUpload { status } } }", {"id": upload_id}
    )
    assert node["data"] == {"node": None}
    assert len(listed) == 1
