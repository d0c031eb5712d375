"""Validly signed tokens whose claims no row can match are refused like forged ones,
and no tokens are made without a secret."""

from __future__ import annotations

from typing import Any

import jwt
import pytest

from tests.fixtures.app import TEST_SECRET
from tests.fixtures.graphql import GraphQLClient, signup
from vector_gql.config import ConfigError, Settings
from vector_gql.services.accounts.tokens import ALGORITHM, TokenCodec


def resigned(token: str, **claims: Any) -> str:
    """The token with ``claims`` changed, signed again with the app's key."""
    payload = jwt.decode(token, options={"verify_signature": False})
    return jwt.encode({**payload, **claims}, TEST_SECRET, algorithm=ALGORITHM)


async def viewer_code(gql: GraphQLClient, token: str) -> str | None:
    body = await gql("{ viewer { id } }", token=token, expect_errors=True)
    return body["errors"][0]["extensions"]["code"] if "errors" in body else None


async def test_a_resigned_token_with_its_own_claims_still_works(gql):
    token = (await signup(gql))["accessToken"]
    assert await viewer_code(gql, resigned(token)) is None


@pytest.mark.parametrize(
    "claims",
    [
        {"sub": str(2**63)},
        {"sub": "99999999999999999999999"},
        {"sub": 5},
        {"sid": 5},
        {"jti": ["x"]},
        {"sid": "not-a-uuid"},
        {"exp": 10**30},
    ],
    ids=[
        "sub-over-int64",
        "sub-huge",
        "sub-number",
        "sid-integer",
        "jti-list",
        "sid-text",
        "exp-past-the-calendar",
    ],
)
async def test_validly_signed_tokens_with_impossible_claims_are_unauthenticated(gql, claims):
    token = (await signup(gql))["accessToken"]
    assert await viewer_code(gql, resigned(token, **claims)) == "UNAUTHENTICATED"


@pytest.mark.parametrize("mutation", ["refreshToken", "logout"])
async def test_refresh_tokens_with_impossible_claims_are_invalid(gql, mutation):
    token = resigned((await signup(gql))["refreshToken"], sub=str(2**64))
    body = await gql(
        f"mutation($t: String!) {{ {mutation}(input: {{refreshToken: $t}}) "
        "{ errors { code } } }",
        {"t": token},
    )
    assert body["data"][mutation]["errors"][0]["code"] == "INVALID_TOKEN"


def test_no_secret_no_tokens():
    with pytest.raises(ConfigError):
        TokenCodec(Settings())


async def test_a_clients_token_is_verified_once_not_on_every_request(gql, monkeypatch):
    token = (await signup(gql))["accessToken"]
    verified: list[str] = []
    decode = jwt.decode

    def counting_decode(jwt_text: str, *args: Any, **kwargs: Any) -> Any:
        verified.append(jwt_text)
        return decode(jwt_text, *args, **kwargs)

    monkeypatch.setattr(jwt, "decode", counting_decode)
    for _ in range(3):
        assert await viewer_code(gql, token) is None
    # Asked as a candidate's token, then as a member's; each answer kept.
    assert verified.count(token) <= 2
    # A token signed with another key is checked, and refused, every time.
    forged = jwt.encode(
        jwt.decode(token, options={"verify_signature": False}), "another key" * 4, ALGORITHM
    )
    for _ in range(2):
        assert await viewer_code(gql, forged) == "UNAUTHENTICATED"
    assert verified.count(forged) == 4
