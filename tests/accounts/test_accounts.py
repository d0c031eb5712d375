"""Accounts through GraphQL: signup, login, refresh, logout, viewer, tampered tokens."""

from __future__ import annotations

import base64
import json
import time
import uuid
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from tests.fixtures.app import TEST_SECRET
from tests.fixtures.graphql import SIGNUP, signup
from vector_gql.models.accounts import LoginFailure, Session, User

LOGIN = """
mutation Login($input: LoginInput!) {
  login(input: $input) {
    user { username }
    accessToken refreshToken
    errors { field message code retryAfterSeconds }
  }
}
"""
REFRESH = """
mutation Refresh($input: RefreshTokenInput!) {
  refreshToken(input: $input) {
    accessToken refreshToken
    errors { field message code }
  }
}
"""
LOGOUT = """
mutation Logout($input: LogoutInput!) {
  logout(input: $input) { ok errors { field message code } }
}
"""
VIEWER = "{ viewer { id username email dateJoined } }"
PASSWORD = "correct horse battery"


def _signup_input(**overrides: str) -> dict[str, dict[str, str]]:
    values = {
        "username": "ann",
        "email": "ann@example.com",
        "password": PASSWORD,
        "password2": PASSWORD,
    }
    values.update(overrides)
    return {"input": values}


async def _signup_errors(gql, **overrides: str) -> list[dict]:
    body = await gql(SIGNUP, _signup_input(**overrides))
    result = body["data"]["signup"]
    assert result["user"] is None and result["accessToken"] is None
    return result["errors"]


# --- signup ---------------------------------------------------------------


async def test_signup_returns_user_and_working_tokens(gql):
    result = await signup(gql, "Ann.Lee+1")
    assert result["user"]["username"] == "Ann.Lee+1"
    assert result["user"]["email"] == "Ann.Lee+1@example.com"
    assert result["accessToken"] and result["refreshToken"]
    body = await gql(VIEWER, token=result["accessToken"])
    assert body["data"]["viewer"]["id"] == result["user"]["id"]
    assert body["data"]["viewer"]["email"] == "Ann.Lee+1@example.com"


async def test_signup_tokens_carry_the_required_claims(gql):
    result = await signup(gql)
    claims = jwt.decode(result["accessToken"], TEST_SECRET, algorithms=["HS256"])
    assert set(claims) >= {"sub", "exp", "iat", "jti", "iss", "type"}
    assert claims["type"] == "access"
    assert claims["exp"] - claims["iat"] == 15 * 60
    refresh = jwt.decode(result["refreshToken"], TEST_SECRET, algorithms=["HS256"])
    assert refresh["type"] == "refresh"
    assert refresh["exp"] - refresh["iat"] == 7 * 24 * 3600


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"username": ""}, ["username"], "REQUIRED"),
        ({"username": "a" * 151}, ["username"], "TOO_LONG"),
        ({"username": "ann lee"}, ["username"], "INVALID_FORMAT"),
        ({"username": "ann!"}, ["username"], "INVALID_FORMAT"),
        ({"email": "not-an-email"}, ["email"], "INVALID_FORMAT"),
        ({"email": ""}, ["email"], "REQUIRED"),
        ({"password2": "something else 42"}, ["password2"], "PASSWORD_MISMATCH"),
        ({"password": "Ab1!", "password2": "Ab1!"}, ["password"], "PASSWORD_TOO_SHORT"),
        (
            {"password": "8273649182", "password2": "8273649182"},
            ["password"],
            "PASSWORD_ENTIRELY_NUMERIC",
        ),
        ({"password": "password1", "password2": "password1"}, ["password"], "PASSWORD_TOO_COMMON"),
        (
            {"username": "margaretha", "password": "margaretha1", "password2": "margaretha1"},
            ["password"],
            "PASSWORD_TOO_SIMILAR",
        ),
    ],
)
async def test_signup_rejects_bad_input_with_field_errors(gql, overrides, field, code):
    errors = await _signup_errors(gql, **overrides)
    assert {"field": field, "code": code} in [
        {"field": e["field"], "code": e["code"]} for e in errors
    ], errors
    assert all(e["message"] for e in errors)
    assert await Session.all().count() == 0


async def test_signup_reports_every_problem_at_once(gql):
    errors = await _signup_errors(
        gql, username="bad name", email="nope", password="123", password2="456"
    )
    fields = {tuple(e["field"]) for e in errors}
    assert {("username",), ("email",), ("password",), ("password2",)} <= fields


async def test_username_and_email_are_unique_without_regard_to_case(gql):
    await signup(gql, "ann")
    errors = await _signup_errors(gql, username="ANN", email="other@example.com")
    assert [(e["field"], e["code"]) for e in errors] == [(["username"], "TAKEN")]
    errors = await _signup_errors(gql, username="other", email="ANN@EXAMPLE.COM")
    assert [(e["field"], e["code"]) for e in errors] == [(["email"], "TAKEN")]


async def test_signup_with_wrong_types_is_a_graphql_error_not_a_500(client):
    response = await client.post(
        "/graphql",
        json={"query": SIGNUP, "variables": {"input": {"username": 5, "email": None}}},
    )
    assert response.status_code == 200
    body = response.json()
    assert "data" not in body
    assert "Variable '$input'" in body["errors"][0]["message"]
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


# --- login ----------------------------------------------------------------


async def _login(gql, username: str, password: str = PASSWORD) -> dict:
    body = await gql(LOGIN, {"input": {"username": username, "password": password}})
    return body["data"]["login"]


async def test_login_with_username_or_email(gql):
    await signup(gql, "ann")
    by_name = await _login(gql, "ann")
    assert by_name["errors"] == [] and by_name["user"]["username"] == "ann"
    by_email = await _login(gql, "ANN@example.com")
    assert by_email["errors"] == [] and by_email["accessToken"]
    viewer = await gql(VIEWER, token=by_email["accessToken"])
    assert viewer["data"]["viewer"]["username"] == "ann"


async def test_wrong_password_and_unknown_user_get_the_same_error(gql):
    await signup(gql, "ann")
    wrong = await _login(gql, "ann", "not the password")
    unknown = await _login(gql, "nobody", "not the password")
    assert wrong["accessToken"] is None and unknown["accessToken"] is None
    assert wrong["errors"] == unknown["errors"]
    assert wrong["errors"][0]["code"] == "INVALID_CREDENTIALS"


async def test_unknown_user_costs_a_password_check(app, gql):
    """Both paths hash, so timing does not tell which accounts exist."""
    await signup(gql, "ann")
    hasher = app.state.services.accounts.hasher
    calls = []
    original = hasher.verify_sync

    def counting(password, hashed):
        calls.append(hashed)
        return original(password, hashed)

    hasher.verify_sync = counting
    try:
        await _login(gql, "nobody", "whatever password")
        await _login(gql, "ann", "whatever password")
    finally:
        hasher.verify_sync = original
    assert len(calls) == 2
    assert all(h.startswith("$2b$04$") for h in calls)


async def test_login_is_rate_limited_per_account(gql, app):
    await signup(gql, "ann")
    limit = app.state.services.settings.login_max_failures
    for _ in range(limit):
        result = await _login(gql, "ann", "wrong password")
        assert result["errors"][0]["code"] == "INVALID_CREDENTIALS"
    limited = await _login(gql, "ann")  # even the right password waits
    assert limited["accessToken"] is None
    error = limited["errors"][0]
    assert error["code"] == "RATE_LIMITED"
    assert 0 < error["retryAfterSeconds"] <= 15 * 60
    user = await User.get(username="ann")
    assert await LoginFailure.filter(scope="account", key=f"user:{user.id}").count() == limit


async def test_login_is_rate_limited_per_client_address(gql, app):
    limit = app.state.services.settings.login_address_max_failures
    for i in range(limit):
        await _login(gql, f"user{i}", "wrong password")
    await signup(gql, "ann")
    limited = await _login(gql, "ann")
    assert limited["errors"][0]["code"] == "RATE_LIMITED"


async def test_successful_login_clears_the_account_failures(gql):
    await signup(gql, "ann")
    for _ in range(3):
        await _login(gql, "ann", "wrong password")
    assert (await _login(gql, "ann"))["errors"] == []
    assert await LoginFailure.filter(scope="account").count() == 0
    # The client's failures stay: another account from the same address is still counted.
    assert await LoginFailure.filter(scope="client").count() == 3


# --- refresh and logout ---------------------------------------------------------


async def _refresh(gql, token: str) -> dict:
    return (await gql(REFRESH, {"input": {"refreshToken": token}}))["data"]["refreshToken"]


async def test_refresh_rotates_tokens(gql):
    first = await signup(gql)
    second = await _refresh(gql, first["refreshToken"])
    assert second["errors"] == []
    assert second["refreshToken"] != first["refreshToken"]
    third = await _refresh(gql, second["refreshToken"])
    assert third["errors"] == []
    viewer = await gql(VIEWER, token=third["accessToken"])
    assert viewer["data"]["viewer"]["username"] == "ann"


async def test_refresh_token_reuse_revokes_the_whole_login(gql):
    first = await signup(gql)
    second = await _refresh(gql, first["refreshToken"])
    reused = await _refresh(gql, first["refreshToken"])
    assert reused["accessToken"] is None
    assert reused["errors"][0]["code"] == "TOKEN_REUSED"
    # Every token descended from that login is now dead.
    after = await _refresh(gql, second["refreshToken"])
    assert after["errors"][0]["code"] == "INVALID_TOKEN"
    body = await gql(VIEWER, token=second["accessToken"], expect_errors=True)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    # Another login of the same user is untouched.
    other = await _login(gql, "ann")
    assert (await gql(VIEWER, token=other["accessToken"]))["data"]["viewer"]


async def test_logout_revokes_refresh_and_access_tokens(gql):
    result = await signup(gql)
    body = await gql(LOGOUT, {"input": {"refreshToken": result["refreshToken"]}})
    assert body["data"]["logout"] == {"ok": True, "errors": []}
    refreshed = await _refresh(gql, result["refreshToken"])
    assert refreshed["errors"][0]["code"] == "INVALID_TOKEN"
    viewer = await gql(VIEWER, token=result["accessToken"], expect_errors=True)
    assert viewer["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_logout_with_garbage_is_a_user_error(gql):
    body = await gql(LOGOUT, {"input": {"refreshToken": "garbage"}})
    assert body["data"]["logout"]["ok"] is False
    assert body["data"]["logout"]["errors"][0]["code"] == "INVALID_TOKEN"


async def test_access_token_is_not_a_refresh_token(gql):
    result = await signup(gql)
    refreshed = await _refresh(gql, result["accessToken"])
    assert refreshed["errors"][0]["code"] == "INVALID_TOKEN"


# --- viewer and tampered tokens -----------------------------------------------


async def test_viewer_is_null_without_a_token(gql):
    assert (await gql(VIEWER))["data"]["viewer"] is None


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _claims(result: dict) -> dict:
    return jwt.decode(result["accessToken"], TEST_SECRET, algorithms=["HS256"])


@pytest.mark.parametrize(
    "make_token",
    [
        pytest.param(lambda c: f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(c)}.", id="alg-none"),
        pytest.param(
            lambda c: jwt.encode(c, "wrong secret " * 4, algorithm="HS256"), id="wrong-key"
        ),
        pytest.param(lambda c: jwt.encode(c, TEST_SECRET, algorithm="HS512"), id="other-algorithm"),
        pytest.param(
            lambda c: jwt.encode(
                {**c, "exp": int(time.time()) - 10, "iat": int(time.time()) - 1000},
                TEST_SECRET,
                algorithm="HS256",
            ),
            id="expired",
        ),
        pytest.param(
            lambda c: jwt.encode({**c, "type": "refresh"}, TEST_SECRET, algorithm="HS256"),
            id="refresh-as-access",
        ),
        pytest.param(
            lambda c: jwt.encode({**c, "iss": "someone-else"}, TEST_SECRET, algorithm="HS256"),
            id="wrong-issuer",
        ),
        pytest.param(
            lambda c: jwt.encode({**c, "sub": "999999"}, TEST_SECRET, algorithm="HS256"),
            id="other-user-same-session",
        ),
        pytest.param(
            lambda c: jwt.encode({**c, "sid": str(uuid.uuid4())}, TEST_SECRET, algorithm="HS256"),
            id="unknown-session",
        ),
        pytest.param(lambda c: {k: v for k, v in c.items() if k != "jti"}, id="missing-claim"),
        pytest.param(lambda c: "not.a.jwt", id="garbage"),
    ],
)
async def test_tampered_access_tokens_are_refused(gql, make_token):
    result = await signup(gql)
    token = make_token(_claims(result))
    if isinstance(token, dict):
        token = jwt.encode(token, TEST_SECRET, algorithm="HS256")
    body = await gql(VIEWER, token=token, expect_errors=True)
    assert body["data"]["viewer"] is None
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_the_real_refresh_token_is_refused_as_access_token(gql):
    result = await signup(gql)
    body = await gql(VIEWER, token=result["refreshToken"], expect_errors=True)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_malformed_authorization_header_is_unauthenticated(client):
    response = await client.post(
        "/graphql", json={"query": VIEWER}, headers={"Authorization": "Token abc"}
    )
    body = response.json()
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "Bearer" in body["errors"][0]["message"]


async def test_node_resolves_the_viewer_and_hides_other_users(gql):
    ann = await signup(gql, "ann")
    bob = await signup(gql, "bob")
    query = "query($id: ID!) { node(id: $id) { id ... on User { username } } }"
    own = await gql(query, {"id": ann["user"]["id"]}, token=ann["accessToken"])
    assert own["data"]["node"]["username"] == "ann"
    other = await gql(query, {"id": bob["user"]["id"]}, token=ann["accessToken"])
    assert other["data"]["node"] is None
    anonymous = await gql(query, {"id": ann["user"]["id"]})
    assert anonymous["data"]["node"] is None


async def test_parallel_guesses_cannot_slip_under_the_limit(gql, app):
    """All attempts of a burst are counted before any password check finishes."""
    import asyncio

    await signup(gql, "ann")
    limit = app.state.services.settings.login_max_failures
    results = await asyncio.gather(*(_login(gql, "ann", f"guess {i}") for i in range(limit * 3)))
    codes = [r["errors"][0]["code"] for r in results]
    assert codes.count("INVALID_CREDENTIALS") == limit
    assert codes.count("RATE_LIMITED") == limit * 2


async def test_username_and_email_share_one_bucket(gql, app):
    await signup(gql, "ann")
    limit = app.state.services.settings.login_max_failures
    for i in range(limit):
        name = "ann" if i % 2 else "ann@example.com"
        await _login(gql, name, "wrong password")
    limited = await _login(gql, "ANN@EXAMPLE.COM")
    assert limited["errors"][0]["code"] == "RATE_LIMITED"


async def test_a_rotated_token_replayed_on_the_original_refresh_path_revokes_the_login(gql, client):
    first = await signup(gql)
    second = await _refresh(gql, first["refreshToken"])
    replay = await client.post(
        "/api/vector-interview/token/refresh/", json={"refresh": first["refreshToken"]}
    )
    assert replay.status_code == 401
    after = await _refresh(gql, second["refreshToken"])
    assert after["errors"][0]["code"] == "INVALID_TOKEN"


async def test_an_expired_login_ends_every_token(gql):
    result = await signup(gql)
    await Session.all().update(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    body = await gql(VIEWER, token=result["accessToken"], expect_errors=True)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    refreshed = await _refresh(gql, result["refreshToken"])
    assert refreshed["errors"][0]["code"] == "INVALID_TOKEN"


async def test_refreshing_keeps_a_login_in_use_alive(gql):
    result = await signup(gql)
    before = (await Session.get()).expires_at
    await Session.all().update(expires_at=before - timedelta(days=3))
    await _refresh(gql, result["refreshToken"])
    assert (await Session.get()).expires_at >= before - timedelta(seconds=5)


async def test_nul_characters_are_refused_before_the_database(client, gql):
    response = await client.post(
        "/graphql",
        json={
            "query": "query($s: String) { interviews(filter: {search: $s}) { totalCount } }",
            "variables": {"s": "a\u0000b"},
        },
    )
    # A request error, as GraphQL over HTTP has it: nothing was executed.
    assert response.status_code < 500
    assert response.json()["errors"][0]["extensions"]["code"] == "INVALID_TEXT"
    assert "NUL" in response.text and "data" not in response.json() or not response.json()["data"]
    literal = await client.post(
        "/graphql", json={"query": '{ interviews(filter: {search: "a\\u0000"}) { totalCount } }'}
    )
    assert literal.status_code < 500
    assert literal.json()["errors"][0]["extensions"]["code"] == "INVALID_TEXT"


@pytest.mark.parametrize(
    "node_id",
    ["Interview:99999999999999999999999", "Video:99999999999999999999", "Interview:²", "User:-1"],
)
async def test_ids_no_row_can_have_resolve_to_null(gql, node_id):
    token = (await signup(gql))["accessToken"]
    gid = base64.b64encode(node_id.encode()).decode()
    body = await gql("query($id: ID!) { node(id: $id) { id } }", {"id": gid}, token=token)
    assert body["data"]["node"] is None


async def test_many_people_behind_one_address_can_log_in_at_once(gql, app):
    import asyncio

    limit = app.state.services.settings.login_max_failures
    names = [f"user{i}" for i in range(limit + 5)]
    for name in names:
        await signup(gql, name)
    results = await asyncio.gather(*(_login(gql, name) for name in names))
    assert all(r["errors"] == [] and r["accessToken"] for r in results)
