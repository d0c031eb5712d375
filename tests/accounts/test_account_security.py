"""New accounts are limited per address on every path that makes one; a password
change and "log out everywhere" end other logins at once (issue 7, point 9)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import httpx
import pytest

from tests.fixtures.graphql import SIGNUP, GraphQLClient, signup
from vector_gql.app import create_app

PASSWORD = "correct horse battery"
NEW_PASSWORD = "staple battery horse correct"
VIEWER = "{ viewer { username } }"
LOGIN = """
mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken errors { code } } }
"""
REFRESH = """
mutation($input: RefreshTokenInput!) { refreshToken(input: $input) { accessToken errors { code } } }
"""
CHANGE = """
mutation($input: ChangePasswordInput!) {
  changePassword(input: $input) { user { username } errors { field code } }
}
"""
EVERYWHERE = "mutation { logoutEverywhere { ok revokedSessions errors { code } } }"


@pytest.fixture
async def limited(settings, database, tmp_path, clock) -> AsyncIterator[Any]:
    """An app allowing three new accounts an hour from one address."""
    app = create_app(
        replace(settings, data_dir=tmp_path, signup_max_per_address=3, signup_window_seconds=3600),
        manage_database=False,
        clock=clock,
    )
    made: list[httpx.AsyncClient] = []

    def at(address: str) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=app, client=(address, 40000))
        made.append(httpx.AsyncClient(transport=transport, base_url="http://testserver"))
        return made[-1]

    yield at
    for client in made:
        await client.aclose()
    await app.state.services.close()


def _account(name: str) -> dict[str, str]:
    return {
        "username": name,
        "email": f"{name}@example.com",
        "password": PASSWORD,
        "password2": PASSWORD,
    }


async def test_new_accounts_are_limited_per_address_on_every_path(limited, clock):
    here = limited("10.0.0.5")
    gql = GraphQLClient(here)
    await signup(gql, "ann")
    await signup(gql, "bob")
    rest = await here.post(
        "/api/vector-interview/signup/", json=_account("cy"), headers={"Accept": "application/json"}
    )
    assert rest.status_code == 201
    # The fourth, by either path, is refused before any password is hashed.
    refused = (await gql(SIGNUP, {"input": _account("dee")}))["data"]["signup"]
    assert refused["user"] is None
    assert refused["errors"][0]["code"] == "RATE_LIMITED"
    rest = await here.post(
        "/api/vector-interview/signup/",
        json=_account("dee"),
        headers={"Accept": "application/json"},
    )
    assert rest.status_code == 429 and int(rest.headers["retry-after"]) > 0
    # Another address is not affected; this one may again once the hour has passed.
    await signup(GraphQLClient(limited("10.0.0.6")), "dee")
    clock.advance(seconds=3601)
    await signup(gql, "eve")


async def test_the_signup_page_says_how_long_to_wait(limited, clock):
    here = limited("10.0.0.7")
    clock.freeze()
    for name in ("ann", "bob", "cy"):
        assert (await _signup_page(here, name)).status_code == 303
    clock.advance(seconds=10.25)  # the wait is rounded up: 3589.75 seconds is 3590
    refused = await _signup_page(here, "dee")
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "3590"
    assert "Try again in 3590 seconds." in refused.text


async def _signup_page(client: httpx.AsyncClient, name: str) -> httpx.Response:
    page = (await client.get("/api/vector-interview/signup/")).text
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    return await client.post(
        "/api/vector-interview/signup/",
        data={"csrf_token": token, **_account(name)},
        follow_redirects=False,
    )


async def _session(gql: GraphQLClient) -> dict:
    body = await gql(LOGIN, {"input": {"username": "ann", "password": PASSWORD}})
    result: dict = body["data"]["login"]
    assert result["errors"] == []
    return result


async def _viewer(gql: GraphQLClient, token: str) -> str | None:
    body = await gql(VIEWER, token=token, expect_errors=True)
    if "errors" in body:
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        return None
    name: str = body["data"]["viewer"]["username"]
    return name


@pytest.fixture
async def second_worker(settings, database, tmp_path, clock) -> AsyncIterator[GraphQLClient]:
    """Another app process on the same database, as a second uvicorn worker is."""
    app = create_app(replace(settings, data_dir=tmp_path), manage_database=False, clock=clock)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50009))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield GraphQLClient(http)
    await app.state.services.close()


async def test_changing_the_password_ends_the_other_logins_at_once(gql, second_worker):
    here = await signup(gql, "ann")
    other = await _session(gql)
    assert await _viewer(second_worker, other["accessToken"]) == "ann"

    def change(current: str, new: str, again: str | None = None) -> dict:
        return {
            "input": {"currentPassword": current, "newPassword": new, "newPassword2": again or new}
        }

    wrong = await gql(CHANGE, change("not it", NEW_PASSWORD), token=here["accessToken"])
    assert wrong["data"]["changePassword"]["errors"] == [
        {"field": ["currentPassword"], "code": "INVALID_CREDENTIALS"}
    ]
    weak = await gql(CHANGE, change(PASSWORD, "short", "shorts"), token=here["accessToken"])
    codes = {(tuple(e["field"]), e["code"]) for e in weak["data"]["changePassword"]["errors"]}
    assert (("newPassword",), "PASSWORD_TOO_SHORT") in codes
    assert (("newPassword2",), "PASSWORD_MISMATCH") in codes
    assert await _viewer(second_worker, other["accessToken"]) == "ann"  # nothing changed yet

    done = await gql(CHANGE, change(PASSWORD, NEW_PASSWORD), token=here["accessToken"])
    assert done["data"]["changePassword"] == {"user": {"username": "ann"}, "errors": []}
    # The other login is over, on every worker, and its refresh token with it ...
    assert await _viewer(second_worker, other["accessToken"]) is None
    assert await _viewer(gql, other["accessToken"]) is None
    refreshed = await gql(REFRESH, {"input": {"refreshToken": other["refreshToken"]}})
    assert refreshed["data"]["refreshToken"]["errors"][0]["code"] == "INVALID_TOKEN"
    # ... this one goes on, and only the new password works.
    assert await _viewer(second_worker, here["accessToken"]) == "ann"
    old = await gql(LOGIN, {"input": {"username": "ann", "password": PASSWORD}})
    assert old["data"]["login"]["errors"][0]["code"] == "INVALID_CREDENTIALS"
    new = await gql(LOGIN, {"input": {"username": "ann", "password": NEW_PASSWORD}})
    assert new["data"]["login"]["accessToken"]


async def test_logout_everywhere_ends_every_login(gql, second_worker):
    here = await signup(gql, "ann")
    bob = await signup(gql, "bob")
    other = await _session(gql)
    body = await second_worker(EVERYWHERE, token=here["accessToken"])
    assert body["data"]["logoutEverywhere"] == {"ok": True, "revokedSessions": 2, "errors": []}
    for token in (here["accessToken"], other["accessToken"]):
        assert await _viewer(gql, token) is None
        assert await _viewer(second_worker, token) is None
    refreshed = await gql(REFRESH, {"input": {"refreshToken": other["refreshToken"]}})
    assert refreshed["data"]["refreshToken"]["errors"][0]["code"] == "INVALID_TOKEN"
    assert await _viewer(gql, bob["accessToken"]) == "bob"  # other accounts are untouched


async def test_changing_the_password_and_logging_out_everywhere_need_a_login(gql):
    change = {
        "input": {"currentPassword": "x", "newPassword": NEW_PASSWORD, "newPassword2": NEW_PASSWORD}
    }
    for query, variables in ((CHANGE, change), (EVERYWHERE, None)):
        body = await gql(query, variables, expect_errors=True)
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
