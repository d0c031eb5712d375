"""Every original REST path authenticates the same way, as the original app did."""

from __future__ import annotations

import pytest

PATHS = [
    ("GET", "/api/interviews/interview"),
    ("GET", "/api/interviews/interview/1"),
    ("POST", "/api/interviews/create/"),
    ("POST", "/api/interviews/upload-video"),
]


@pytest.mark.parametrize(("method", "path"), PATHS)
async def test_missing_malformed_and_bad_tokens_get_the_same_401s(client, method, path):
    missing = await client.request(method, path)
    assert missing.status_code == 401
    assert missing.json() == {"detail": "Authentication credentials were not provided."}
    assert missing.headers["www-authenticate"] == 'Bearer realm="api"'
    malformed = await client.request(method, path, headers={"Authorization": "Token abc"})
    assert malformed.status_code == 401
    assert malformed.json() == {
        "detail": "Authorization header must contain two space-delimited values"
    }
    bad = await client.request(method, path, headers={"Authorization": "Bearer abc"})
    assert bad.status_code == 401
    assert bad.json()["code"] == "token_not_valid"
    assert bad.headers["www-authenticate"] == 'Bearer realm="api"'
