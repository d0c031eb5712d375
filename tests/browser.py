"""Headless Chromium for tests, driven by Playwright against Debian's chromium.

Without a chromium on the machine the browser tests skip, unless
``VECTOR_REQUIRE_BROWSER=1`` (set by CI), where they fail instead.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

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
