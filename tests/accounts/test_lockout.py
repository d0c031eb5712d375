"""No one can lock an account out, and guessing at one stays bounded (issue 7, point 8).

Failures count per account and address pair; past a number of failures from every
address together, the account's further attempts back off exponentially, except
from addresses its owner signed in from before (OWASP's authentication guidance).
"""

from __future__ import annotations

import math
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import httpx

from tests.fixtures.graphql import GraphQLClient, signup

PASSWORD = "correct horse battery"
LOGIN = """
mutation($input: LoginInput!) {
  login(input: $input) { accessToken errors { code retryAfterSeconds } }
}
"""


@asynccontextmanager
async def clients(app) -> AsyncIterator[Callable[[str], GraphQLClient]]:
    """A GraphQL client per client address, all on the one app."""
    made: dict[str, httpx.AsyncClient] = {}

    def at(address: str) -> GraphQLClient:
        if address not in made:
            transport = httpx.ASGITransport(app=app, client=(address, 40000))
            made[address] = httpx.AsyncClient(transport=transport, base_url="http://testserver")
        return GraphQLClient(made[address])

    try:
        yield at
    finally:
        for client in made.values():
            await client.aclose()


async def login(gql: GraphQLClient, password: str, username: str = "ann") -> dict:
    body = await gql(LOGIN, {"input": {"username": username, "password": password}})
    return body["data"]["login"]


async def test_an_attackers_failures_do_not_stop_the_owner_at_another_address(app, database):
    settings = app.state.services.settings
    async with clients(app) as at:
        await signup(at("10.0.0.1"), "ann")
        attacker = at("203.0.113.66")
        for i in range(settings.login_max_failures):
            result = await login(attacker, f"guess {i}")
            assert result["errors"][0]["code"] == "INVALID_CREDENTIALS"
        # The attacker's address is stopped, even with the right password ...
        stopped = await login(attacker, PASSWORD)
        assert stopped["accessToken"] is None
        assert stopped["errors"][0]["code"] == "RATE_LIMITED"
        assert stopped["errors"][0]["retryAfterSeconds"] > 0
        # ... the owner, from an address never used before, is not.
        owner = await login(at("198.51.100.7"), PASSWORD)
        assert owner["errors"] == [] and owner["accessToken"]
        # Nor from the address they signed up from.
        assert (await login(at("10.0.0.1"), PASSWORD))["accessToken"]


async def test_guesses_at_one_account_stay_bounded_from_any_number_of_addresses(
    app, database, clock
):
    """An attacker with a fresh address for every guess, who waits exactly as long as
    told, still makes only a bounded number of guesses per window; the owner, from
    an address they signed in from before, is let in throughout."""
    settings = app.state.services.settings
    window = settings.login_window_seconds
    bound = (
        settings.login_account_free_failures
        + math.ceil(math.log2(window / settings.login_backoff_seconds))
        + 1
    )
    async with clients(app) as at:
        await signup(at("10.0.0.1"), "ann")  # a session from 10.0.0.1: a known address
        start = clock.now()
        guesses = refused = 0
        address = 0
        while (clock.now() - start).total_seconds() < window:
            address += 1
            result = await login(at(f"203.0.{address // 250}.{address % 250 + 1}"), "guess")
            code = result["errors"][0]["code"]
            if code == "RATE_LIMITED":
                refused += 1
                clock.advance(seconds=result["errors"][0]["retryAfterSeconds"])
                continue
            assert code == "INVALID_CREDENTIALS"
            guesses += 1
            if guesses == settings.login_account_free_failures + 3:
                # In the middle of the attack, the owner signs in from home ...
                owner = await login(at("10.0.0.1"), PASSWORD)
                assert owner["errors"] == [] and owner["accessToken"]
                # ... while a new address waits like the attacker, for a bounded time.
                waiting = await login(at("198.51.100.7"), PASSWORD)
                assert waiting["errors"][0]["code"] == "RATE_LIMITED"
                assert waiting["errors"][0]["retryAfterSeconds"] <= window
        assert settings.login_account_free_failures < guesses <= bound
        assert refused > 0
