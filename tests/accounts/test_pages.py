"""The original app's paths: JSON clients get the original answers."""

from __future__ import annotations

import jwt

from tests.fixtures.app import TEST_SECRET

SIGNUP = "/api/vector-interview/signup/"
LOGIN = "/api/vector-interview/login/"
REFRESH = "/api/vector-interview/token/refresh/"
ACCOUNT = {
    "username": "ann",
    "email": "ann@example.com",
    "password": "correct horse battery",
    "password2": "correct horse battery",
}
JSON = {"Accept": "application/json"}


async def test_json_signup_answers_like_the_original_app(client):
    response = await client.post(SIGNUP, json=ACCOUNT, headers=JSON)
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"detail", "access", "refresh"}
    assert body["detail"] == "User created successfully"
    assert jwt.decode(body["access"], TEST_SECRET, algorithms=["HS256"])["type"] == "access"


async def test_json_signup_errors_are_400_by_field(client):
    await client.post(SIGNUP, json=ACCOUNT, headers=JSON)
    response = await client.post(
        SIGNUP, json={**ACCOUNT, "email": "x", "password2": "other"}, headers=JSON
    )
    assert response.status_code == 400
    body = response.json()
    assert body["email"] == ["Enter a valid email address."]
    assert body["password2"] == ["The two passwords do not match."]
    taken = await client.post(SIGNUP, json={**ACCOUNT, "email": "b@example.com"}, headers=JSON)
    assert taken.status_code == 400
    assert taken.json() == {"username": ["A user with that username already exists."]}


async def test_json_signup_missing_fields_and_bad_json(client):
    missing = await client.post(SIGNUP, json={"username": "ann"}, headers=JSON)
    assert missing.status_code == 400
    assert missing.json()["password"] == ["This field is required."]
    bad = await client.post(SIGNUP, content=b"{oops", headers={"Content-Type": "application/json"})
    assert bad.status_code == 400
    assert "JSON parse error" in bad.json()["detail"]
    wrong_type = await client.post(SIGNUP, json=[1, 2], headers=JSON)
    assert wrong_type.status_code == 400


async def test_json_login_answers_like_the_original_app(client):
    await client.post(SIGNUP, json=ACCOUNT, headers=JSON)
    response = await client.post(
        LOGIN, json={"username": "ann", "password": ACCOUNT["password"]}, headers=JSON
    )
    assert response.status_code == 200
    body = response.json()
    assert body["detail"] == "Logged in successfully"
    assert set(body) == {"detail", "access", "refresh"}
    wrong = await client.post(LOGIN, json={"username": "ann", "password": "nope"}, headers=JSON)
    assert wrong.status_code == 400
    assert wrong.json()["non_field_errors"]


async def test_json_refresh_answers_like_the_original_app(client):
    created = (await client.post(SIGNUP, json=ACCOUNT, headers=JSON)).json()
    for _ in range(2):  # the original clients reuse their refresh token
        response = await client.post(REFRESH, json={"refresh": created["refresh"]})
        assert response.status_code == 200
        assert set(response.json()) == {"access"}
    access = response.json()["access"]
    viewer = await client.post(
        "/graphql",
        json={"query": "{ viewer { username } }"},
        headers={"Authorization": f"Bearer {access}"},
    )
    assert viewer.json()["data"]["viewer"]["username"] == "ann"
    bad = await client.post(REFRESH, json={"refresh": created["access"]})
    assert bad.status_code == 401
    assert bad.json()["code"] == "token_not_valid"


async def test_json_login_rate_limit_is_429_with_retry_after(client, settings):
    for _ in range(settings.login_max_failures):
        await client.post(LOGIN, json={"username": "ann", "password": "nope"}, headers=JSON)
    response = await client.post(LOGIN, json={"username": "ann", "password": "x"}, headers=JSON)
    assert response.status_code == 429
    assert int(response.headers["retry-after"]) > 0


async def test_html_form_without_csrf_token_is_refused(client):
    response = await client.post(SIGNUP, data=ACCOUNT)
    assert response.status_code == 403
    assert "expired" in response.text


async def test_home_page_requires_a_signed_in_browser(client):
    response = await client.get("/api/vector-interview/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == LOGIN
