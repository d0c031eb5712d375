"""The HTML forms: their fields are checked like any input, the pages cannot be
framed, and the CSRF token is bound to the browser's session."""

from __future__ import annotations

import pytest

SIGNUP_PAGE = "/api/vector-interview/signup/"


async def form_token(client, path: str = SIGNUP_PAGE) -> str:
    page = await client.get(path)
    marker = 'name="csrf_token" value="'
    return page.text.split(marker, 1)[1].split('"', 1)[0]


LOGIN_PAGE = "/api/vector-interview/login/"
PASSWORD = "correct horse battery"


@pytest.mark.parametrize(
    ("page", "fields"),
    [
        (SIGNUP_PAGE, {"email": "a@example.com", "password": PASSWORD, "password2": PASSWORD}),
        (LOGIN_PAGE, {"password": PASSWORD}),
    ],
    ids=["signup", "login"],
)
async def test_html_form_fields_are_checked(client, page, fields):
    token = await form_token(client, page)
    response = await client.post(page, data={"csrf_token": token, "username": "a\x00b", **fields})
    assert response.status_code == 400
    assert "NUL" in response.text


async def test_html_pages_cannot_be_framed(client):
    for path in (SIGNUP_PAGE, "/api/vector-interview/login/"):
        response = await client.get(path)
        assert response.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


async def test_a_planted_csrf_cookie_does_not_pass_the_form_check(client):
    planted = "attacker-chosen-value"
    client.cookies.set("vector_csrf", planted, path="/api/vector-interview/")
    response = await client.post(
        SIGNUP_PAGE,
        data={
            "csrf_token": planted,
            "username": "mallory",
            "email": "m@example.com",
            "password": "correct horse battery",
            "password2": "correct horse battery",
        },
    )
    assert response.status_code == 403
    assert "expired" in response.text


async def test_the_form_token_is_bound_to_the_signed_in_session(client):
    token = await form_token(client)
    signed_up = await client.post(
        SIGNUP_PAGE,
        data={
            "csrf_token": token,
            "username": "ann",
            "email": "ann@example.com",
            "password": "correct horse battery",
            "password2": "correct horse battery",
        },
        follow_redirects=False,
    )
    assert signed_up.status_code == 303
    # The pre-sign-in token no longer works once the browser holds a session.
    stale = await client.post(
        "/api/vector-interview/logout/", data={"csrf_token": token}, follow_redirects=False
    )
    assert "vector_refresh" not in stale.headers.get("set-cookie", "")
    home = await client.get("/api/vector-interview/")
    session_token = home.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    assert session_token != token
    out = await client.post(
        "/api/vector-interview/logout/", data={"csrf_token": session_token}, follow_redirects=False
    )
    assert "vector_refresh" in out.headers.get("set-cookie", "")
