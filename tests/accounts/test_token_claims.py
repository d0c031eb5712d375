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
