"""The signup and login pages in a real browser: fill the form, see errors, sign in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.fixtures.browser import browser_page
from vector_gql.models.accounts import User

if TYPE_CHECKING:
    from playwright.async_api import Page

PASSWORD = "correct horse battery"


async def sign_up(page: Page, live_server: str, name: str) -> None:
    """Sign up as ``name`` through the form, and land on the home page."""
    await page.goto(f"{live_server}/api/vector-interview/signup/")
    await page.fill("#id_username", name)
    await page.fill("#id_email", f"{name}@example.com")
    await page.fill("#id_password", PASSWORD)
    await page.fill("#id_password2", PASSWORD)
    await page.click("button[type=submit]")
    await page.wait_for_url("**/api/vector-interview/?welcome=signup")


async def test_signup_shows_field_errors_then_signs_up(live_server, database):
    async with browser_page() as page:
        await page.goto(f"{live_server}/api/vector-interview/signup/")
        await page.fill("#id_username", "ann")
        await page.fill("#id_email", "not-an-email")
        await page.fill("#id_password", "123")
        await page.fill("#id_password2", "456")
        await page.click("button[type=submit]")
        assert await page.input_value("#id_username") == "ann"  # kept for correcting
        assert "Enter a valid email address." in await page.inner_text("#error_email")
        assert "too short" in await page.inner_text("#error_password")
        assert "do not match" in await page.inner_text("#error_password2")
        assert await User.all().count() == 0

        await page.fill("#id_email", "ann@example.com")
        await page.fill("#id_password", PASSWORD)
        await page.fill("#id_password2", PASSWORD)
        await page.click("button[type=submit]")
        await page.wait_for_url("**/api/vector-interview/?welcome=signup")
        assert await page.inner_text("#username") == "ann"
        assert "account was created" in await page.inner_text("#message")
    assert await User.filter(username="ann").exists()


async def test_login_shows_an_error_then_signs_in_and_out(live_server, database):
    async with browser_page() as page:
        await sign_up(page, live_server, "bob")
        await page.click("text=Sign out")
        await page.wait_for_url("**/login/?signed_out=1")

        await page.fill("#id_username", "bob@example.com")
        await page.fill("#id_password", "wrong password")
        await page.click("button[type=submit]")
        assert "correct username and password" in await page.inner_text("#form-errors")

        await page.fill("#id_password", PASSWORD)
        await page.click("button[type=submit]")
        await page.wait_for_url("**/api/vector-interview/?welcome=login")
        assert await page.inner_text("#username") == "bob"
        assert "signed in" in await page.inner_text("#message")


async def test_change_password_shows_an_error_then_changes_it(live_server, database):
    async with browser_page() as page:
        await sign_up(page, live_server, "cat")
        await page.click("text=Change your password")
        await page.wait_for_url("**/api/vector-interview/password/")

        await page.fill("#id_current_password", "wrong password")
        await page.fill("#id_new_password", "purple monkey dishwasher")
        await page.fill("#id_new_password2", "purple monkey dishwasher")
        await page.click("button[type=submit]")
        assert "not correct" in await page.inner_text("#error_current_password")

        await page.fill("#id_current_password", PASSWORD)
        await page.fill("#id_new_password", "purple monkey dishwasher")
        await page.fill("#id_new_password2", "purple monkey dishwasher")
        await page.click("button[type=submit]")
        await page.wait_for_url("**/api/vector-interview/?welcome=password")
        assert "password was changed" in await page.inner_text("#message")
