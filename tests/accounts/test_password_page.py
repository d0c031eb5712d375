"""The change-password page: for signed-in browsers only, behind the form's CSRF token,
with the changePassword mutation's rules (other sign-ins end, wrong guesses are limited)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx

from vector_gql.models.accounts import User
from vector_gql.web import pages

BASE = "/api/vector-interview"
SIGNUP = f"{BASE}/signup/"
LOGIN = f"{BASE}/login/"
HOME = f"{BASE}/"
PAGE = f"{BASE}/password/"
PASSWORD = "correct horse battery"
NEW_PASSWORD = "purple monkey dishwasher"


def token_in(html: str) -> str:
    return html.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


@asynccontextmanager
async def browser(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    """Another browser, with cookies of its own."""
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def sign_up(client: httpx.AsyncClient) -> None:
    token = token_in((await client.get(SIGNUP)).text)
    response = await client.post(
        SIGNUP,
        data={
            "csrf_token": token,
            "username": "ann",
            "email": "ann@example.com",
            "password": PASSWORD,
            "password2": PASSWORD,
        },
        follow_redirects=False,
    )
    assert response.status_code == 303


async def log_in(client: httpx.AsyncClient, password: str = PASSWORD) -> httpx.Response:
    token = token_in((await client.get(LOGIN)).text)
    return await client.post(
        LOGIN,
        data={"csrf_token": token, "username": "ann", "password": password},
        follow_redirects=False,
    )


async def change(client: httpx.AsyncClient, **fields: str) -> httpx.Response:
    token = token_in((await client.get(PAGE)).text)
    data = {
        "csrf_token": token,
        "current_password": PASSWORD,
        "new_password": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD,
        **fields,
    }
    return await client.post(PAGE, data=data, follow_redirects=False)


async def test_a_signed_out_visitor_is_sent_to_log_in(client):
    for response in (
        await client.get(PAGE, follow_redirects=False),
        await client.post(
            PAGE,
            data={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
            follow_redirects=False,
        ),
    ):
        assert response.status_code == 303
        assert response.headers["location"] == LOGIN


async def test_the_password_is_changed_and_other_sign_ins_end(client, app):
    await sign_up(client)
    async with browser(app) as other:
        assert (await log_in(other)).status_code == 303
        assert (await other.get(HOME, follow_redirects=False)).status_code == 200

        response = await change(client)
        assert response.status_code == 303
        assert response.headers["location"] == f"{HOME}?welcome=password"
        home = await client.get(response.headers["location"])
        assert "Your password was changed" in home.text

        # The other browser's sign-in has ended: its access token at once, and its
        # refresh token with it.
        assert (await other.get(HOME, follow_redirects=False)).headers["location"] == LOGIN
        other.cookies.delete("vector_access")
        assert (await other.get(HOME, follow_redirects=False)).headers["location"] == LOGIN
    # This browser stays signed in, with the new password in force.
    assert (await client.get(HOME, follow_redirects=False)).status_code == 200
    async with browser(app) as third:
        assert (await log_in(third)).status_code == 400
        assert (await log_in(third, NEW_PASSWORD)).status_code == 303


async def test_a_wrong_csrf_token_is_refused(client, app):
    await sign_up(client)
    before = (await User.get(username="ann")).password_hash
    page = await client.get(PAGE)
    assert page.status_code == 200
    response = await client.post(
        PAGE,
        data={
            "csrf_token": "0" * 64,
            "current_password": PASSWORD,
            "new_password": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
        follow_redirects=False,
    )
    assert response.status_code == 403
    assert "The form expired" in response.text
    # A token made for another browser's session is refused too.
    async with browser(app) as other:
        assert (await log_in(other)).status_code == 303
        others = token_in((await other.get(PAGE)).text)
    response = await change(client, csrf_token=others)
    assert response.status_code == 403
    assert (await User.get(username="ann")).password_hash == before


async def test_a_wrong_current_password_and_a_weak_new_one_are_explained(client, app):
    await sign_up(client)
    wrong = await change(client, current_password="not my password")
    assert wrong.status_code == 400
    assert 'id="error_current_password"' in wrong.text
    assert "Your current password is not correct." in wrong.text
    weak = await change(client, new_password="12345678", new_password2="12345678")
    assert weak.status_code == 400
    assert 'id="error_new_password"' in weak.text
    assert "entirely numeric" in weak.text
    mismatch = await change(client, new_password2="something else entirely")
    assert "The two passwords do not match." in mismatch.text
    # No password a form sent is ever written back into the page.
    for answer, sent in (
        (wrong, ("not my password", NEW_PASSWORD)),
        (weak, (PASSWORD, "12345678")),
        (mismatch, (PASSWORD, NEW_PASSWORD, "something else entirely")),
    ):
        for password in sent:
            assert password not in answer.text, password
    async with browser(app) as other:
        assert (await log_in(other)).status_code == 303  # still the old password


async def test_wrong_current_passwords_are_rate_limited_like_logins(client, settings):
    await sign_up(client)
    for _ in range(settings.login_max_failures):
        assert (await change(client, current_password="guess")).status_code == 400
    limited = await change(client)
    assert limited.status_code == 429
    assert "Try again in" in limited.text
    assert (await log_in(client)).status_code == 429  # the same limit as the login form


def _says_the_wait(response: httpx.Response, seconds: int) -> None:
    assert response.status_code == 429
    assert response.headers["retry-after"] == str(seconds)
    assert f"Try again in {seconds} seconds." in response.text


async def test_a_rate_limited_change_says_how_long_to_wait(client, settings, clock):
    await sign_up(client)
    clock.freeze()
    for _ in range(settings.login_max_failures):
        assert (await change(client, current_password="guess")).status_code == 400
    clock.advance(seconds=10.25)  # the wait is rounded up: 889.75 seconds is 890
    _says_the_wait(await change(client), settings.login_window_seconds - 10)


async def test_a_rate_limited_login_page_says_how_long_to_wait(client, settings, clock):
    clock.freeze()
    for _ in range(settings.login_max_failures):
        assert (await log_in(client, "guess")).status_code == 400
    clock.advance(seconds=10.25)
    _says_the_wait(await log_in(client), settings.login_window_seconds - 10)


async def test_the_page_cannot_be_framed_and_is_linked_from_home(client):
    await sign_up(client)
    page = await client.get(PAGE)
    assert page.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert 'href="/api/vector-interview/password/"' in (await client.get(HOME)).text


def test_the_pages_take_their_paths_from_the_routes():
    """The templates link and post to the paths the routes are mounted at, written once."""
    for template in (Path(pages.__file__).parent / "templates").glob("*.html"):
        assert BASE not in template.read_text(), template.name
