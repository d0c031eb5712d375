"""The original REST paths' JSON bodies are checked as GraphQL input is: bounded in
depth and size, with no text that cannot be stored; the answer is a 400 with
``{"detail", "code"}``."""

from __future__ import annotations

import pytest

from tests.fixtures.graphql import signup

DEEP = "[" * 100_000 + "]" * 100_000


REST_JSON_PATHS = [
    "/api/vector-interview/signup/",
    "/api/vector-interview/login/",
    "/api/vector-interview/token/refresh/",
    "/api/interviews/create/",
]


@pytest.mark.parametrize("path", REST_JSON_PATHS)
@pytest.mark.parametrize(
    ("body", "code"),
    [
        (DEEP, "INPUT_TOO_DEEP"),
        ('{"username": "a\\ud800", "refresh": "\\ud800", "title": "\\ud800"}', "INVALID_TEXT"),
        ('{"username": "a\\u0000"}', "INVALID_TEXT"),
    ],
    ids=["deep", "surrogate", "nul"],
)
async def test_rest_bodies_are_checked_at_the_boundary(gql, client, path, body, code):
    token = (await signup(gql))["accessToken"]
    response = await client.post(
        path,
        content=body,
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400, response.text
    assert response.json()["code"] == code
