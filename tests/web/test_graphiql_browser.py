"""GraphiQL in Chromium with every other host blocked: it loads, signs in and runs a query."""

from __future__ import annotations

from tests.fixtures.browser import Offline, browser_page, run_graphiql_query

PASSWORD = "correct horse battery"
QUERY = "query Mine { viewer { username memberships { role } } }"


async def test_graphiql_works_offline_and_signed_in(live_server, database):
    offline = Offline(live_server)
    async with browser_page() as page:
        await offline.attach(page)
        await page.goto(f"{live_server}/api/vector-interview/signup/")
        await page.fill("#id_username", "gina")
        await page.fill("#id_email", "gina@example.com")
        await page.fill("#id_password", PASSWORD)
        await page.fill("#id_password2", PASSWORD)
        await page.click("button[type=submit]")
        await page.wait_for_url("**/api/vector-interview/?welcome=signup")

        await page.click("text=GraphiQL")
        await page.wait_for_url("**/graphql")
        await page.wait_for_selector("text=Signed in as")
        assert await page.inner_text("#vector-session-user") == "Signed in as gina"
        # The schema loaded (introspection went through the same fetcher).
        await page.wait_for_selector(".graphiql-doc-explorer-root, .graphiql-execute-button")

        result = await run_graphiql_query(page, QUERY)
        assert result == {
            "data": {"viewer": {"username": "gina", "memberships": [{"role": "OWNER"}]}}
        }

        # The explorer and the settings dialog work under the same policy.
        await page.click("[aria-label='Show GraphiQL Explorer']")
        await page.wait_for_selector("text=viewer")
        await page.click("[aria-label='Open settings dialog']")
        await page.wait_for_selector("text=Clear storage")
        await page.keyboard.press("Escape")

        # The token never reaches storage a script could read later.
        stored = await page.evaluate("() => JSON.stringify(Object.assign({}, localStorage))")
        assert "Bearer" not in stored and "eyJ" not in stored
        cookies = await page.evaluate("() => document.cookie")
        assert "vector_refresh" not in cookies
        await offline.check(page)


async def test_graphiql_without_a_sign_in_runs_anonymously(live_server, database):
    offline = Offline(live_server)
    async with browser_page() as page:
        await offline.attach(page)
        await page.goto(f"{live_server}/graphql")
        await page.wait_for_selector("text=Not signed in")
        result = await run_graphiql_query(page, "{ viewer { username } }")
        assert result == {"data": {"viewer": None}}
        await offline.check(page)
        # A request error (a 400 under application/graphql-response+json) is shown as
        # the JSON error it is, with its code.
        result = await run_graphiql_query(page, "{ nope }")
        assert "data" not in result
        assert result["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
        # Chromium logs the 400 itself; nothing else may complain.
        assert [e for e in offline.console_errors if "400" not in e] == []
        offline.console_errors.clear()
        await offline.check(page)
