"""GraphiQL in Chromium with every other host blocked: it loads, signs in and runs a query."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from browser import browser_page

PASSWORD = "correct horse battery"
QUERY = "query Mine { viewer { username memberships { role } } }"

# Collects Content-Security-Policy violations from the page's first script on.
CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""


class Offline:
    """Block every request to a host other than the app's, and remember them."""

    def __init__(self, base: str) -> None:
        self.origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
        self.blocked: list[str] = []
        self.console_errors: list[str] = []

    async def attach(self, page) -> None:
        await page.context.route("**/*", self.route)
        await page.add_init_script(CSP_WATCH)
        page.on("console", self.console)

    async def route(self, route) -> None:
        url = route.request.url
        if url.startswith(self.origin + "/"):
            await route.continue_()
        else:
            self.blocked.append(url)
            await route.abort("internetdisconnected")

    def console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    async def check(self, page) -> None:
        assert self.blocked == [], f"GraphiQL reached for other hosts: {self.blocked}"
        assert await page.evaluate("window.__cspViolations") == []
        assert self.console_errors == []


async def run_query(page, query: str) -> dict:
    await page.evaluate(
        "(q) => document.querySelector('.graphiql-query-editor .CodeMirror')"
        ".CodeMirror.setValue(q)",
        query,
    )
    # GraphiQL reads the operation names from the editor a moment after it changes.
    await page.wait_for_timeout(500)
    await page.click(".graphiql-execute-button")
    await page.wait_for_function(
        "() => { const cm = document.querySelector('.result-window .CodeMirror');"
        " return cm && cm.CodeMirror.getValue().trim().startsWith('{'); }"
    )
    text = await page.evaluate(
        "() => document.querySelector('.result-window .CodeMirror').CodeMirror.getValue()"
    )
    return json.loads(text)


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

        result = await run_query(page, QUERY)
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
        result = await run_query(page, "{ viewer { username } }")
        assert result == {"data": {"viewer": None}}
        # A request error (a 400 under application/graphql-response+json) is shown as
        # the JSON error it is, with its code.
        result = await run_query(page, "{ nope }")
        assert "data" not in result
        assert result["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
        offline.console_errors.clear()  # GraphiQL logs the failed request to the console
        await offline.check(page)
