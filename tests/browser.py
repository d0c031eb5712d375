"""Headless Chromium for tests, driven by Playwright against Debian's chromium.

Without a chromium on the machine the browser tests skip, unless
``VECTOR_REQUIRE_BROWSER=1`` (set by CI), where they fail instead.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
]


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    message = "Chromium is not installed (apt-get install chromium)"
    if os.environ.get("VECTOR_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


@asynccontextmanager
async def browser_page() -> AsyncIterator[object]:
    from playwright.async_api import async_playwright

    executable = chromium_path()
    profile = tempfile.mkdtemp(prefix="vector-chromium-")
    try:
        async with async_playwright() as pw:
            context = await pw.chromium.launch_persistent_context(
                profile, executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
            try:
                yield await context.new_page()
            finally:
                await context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


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


async def run_graphiql_query(page, query: str) -> dict:
    """Type a query into GraphiQL's editor, run it, and return the result it shows."""
    await page.evaluate(
        "(q) => document.querySelector('.graphiql-query-editor .CodeMirror')"
        ".CodeMirror.setValue(q)",
        query,
    )
    # GraphiQL reads the operation names from the editor a moment after it changes.
    await page.wait_for_timeout(500)
    # Empty the result pane, so that only the answer to this query can fill it.
    await page.evaluate(
        "() => { const cm = document.querySelector('.result-window .CodeMirror');"
        " if (cm) cm.CodeMirror.setValue(''); }"
    )
    await page.click(".graphiql-execute-button")
    await page.wait_for_function(
        "() => { const cm = document.querySelector('.result-window .CodeMirror');"
        " return cm && cm.CodeMirror.getValue().trim().startsWith('{'); }"
    )
    text = await page.evaluate(
        "() => document.querySelector('.result-window .CodeMirror').CodeMirror.getValue()"
    )
    return json.loads(text)
