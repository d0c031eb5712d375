"""GraphiQL from the package: its page, its assets, and the signed-in session it uses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vector_gql.web import graphiql

LOGIN = "/api/vector-interview/login/"
SIGNUP = "/api/vector-interview/signup/"
TOKEN = graphiql.SESSION_TOKEN_PATH
SAME_ORIGIN = {"x-vector-session": "1", "origin": "http://testserver"}
ACCOUNT = {
    "username": "ann",
    "email": "ann@example.com",
    "password": "correct horse battery",
    "password2": "correct horse battery",
}
VENDOR = Path(graphiql.__file__).parent / "static" / "graphiql" / "vendor"


def first_group(pattern: str, text: str) -> str:
    match = re.search(pattern, text)
    assert match is not None, f"{pattern} not in {text[:500]}"
    return match.group(1)


async def page(client):
    response = await client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    return response


async def test_the_page_allows_only_its_own_origin(client):
    response = await page(client)
    policy = response.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    for name in ("script-src", "img-src", "font-src", "connect-src"):
        assert directives[name] == "'self'", name
    nonce = first_group(r'data-style-nonce="([^"]+)"', response.text)
    assert directives["style-src"] == f"'self' 'nonce-{nonce}'"
    again = (await page(client)).headers["content-security-policy"]
    assert nonce not in again  # a fresh nonce for every response
    assert directives["frame-ancestors"] == "'none'"
    assert "<script>" not in response.text and "style=" not in response.text
    assert not re.search(r"(src|href)=\"(https?:)?//", response.text)


async def test_every_asset_the_page_names_is_served_from_the_package(client):
    text = (await page(client)).text
    paths = re.findall(r"(?:src|href)=\"(/[^\"]+)\"", text)
    assert {"/static/graphiql/vendor/graphiql.min.js", "/static/graphiql/start.js"} <= set(paths)
    for path in paths:
        response = await client.get(path)
        assert response.status_code == 200, path
        if path.endswith(".css"):
            for url in re.findall(r"url\(([^)]+)\)", response.text):
                url = url.strip("'\"")
                assert not url.startswith(("http:", "https:", "//", "data:")), url
                asset = await client.get(path.rsplit("/", 1)[0] + "/" + url)
                assert asset.status_code == 200, url


def test_the_vendored_files_are_pinned_and_free_of_cdn_links():
    manifest = (VENDOR / "manifest.json").read_text()
    assert '"graphiql": "3.9.0"' in manifest
    for path in VENDOR.rglob("*.js"):
        text = path.read_text()
        assert "unpkg.com" not in text and "cdn.jsdelivr" not in text, path


async def test_favicon(client):
    response = await client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"


async def sign_in_with_the_form(client) -> None:
    """Sign up through the HTML form, as a browser does: the tokens land in cookies."""
    form = await client.get(SIGNUP)
    csrf = first_group(r'name="csrf_token" value="([^"]+)"', form.text)
    response = await client.post(SIGNUP, data={**ACCOUNT, "csrf_token": csrf})
    assert response.status_code == 303
    assert client.cookies.get("vector_refresh")


async def test_a_signed_in_browser_gets_an_access_token_and_never_the_refresh_token(client):
    await sign_in_with_the_form(client)
    refresh = client.cookies.get("vector_refresh")
    response = await client.post(TOKEN, headers=SAME_ORIGIN)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["user"] == {"username": "ann"}
    assert refresh not in response.text
    viewer = await client.post(
        "/graphql",
        json={"query": "{ viewer { username } }"},
        headers={"Authorization": f"Bearer {body['accessToken']}"},
    )
    assert viewer.json() == {"data": {"viewer": {"username": "ann"}}}


async def test_no_sign_in_no_token(client):
    response = await client.post(TOKEN, headers=SAME_ORIGIN)
    assert response.status_code == 200
    assert response.json()["accessToken"] is None


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({"origin": "http://testserver"}, id="no-session-header"),
        pytest.param(
            {"x-vector-session": "1", "origin": "https://evil.example"}, id="other-origin"
        ),
        pytest.param({"x-vector-session": "1", "sec-fetch-site": "cross-site"}, id="cross-site"),
        pytest.param({"x-vector-session": "1", "sec-fetch-site": "same-site"}, id="same-site"),
    ],
)
async def test_other_sites_cannot_trade_the_cookies_for_a_token(client, headers):
    await sign_in_with_the_form(client)
    response = await client.post(TOKEN, headers=headers)
    assert response.status_code == 403
    assert response.json()["accessToken"] is None


async def test_the_token_is_only_given_to_post(client):
    await sign_in_with_the_form(client)
    assert (await client.get(TOKEN, headers=SAME_ORIGIN)).status_code == 405


async def test_a_cross_origin_preflight_for_the_trade_is_not_granted(app, database):
    """Even an origin the API allows may not send the header the trade needs."""
    from dataclasses import replace

    import httpx

    from vector_gql.app import create_app

    allowed = create_app(
        replace(app.state.settings, cors_origins=["https://front.example"]),
        manage_database=False,
    )
    transport = httpx.ASGITransport(app=allowed)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        response = await client.options(
            TOKEN,
            headers={
                "origin": "https://front.example",
                "access-control-request-method": "POST",
                "access-control-request-headers": "x-vector-session",
            },
        )
    assert response.status_code == 400
    assert "access-control-allow-credentials" not in response.headers


async def test_signing_out_ends_the_token_trade(client):
    await sign_in_with_the_form(client)
    home = await client.get("/api/vector-interview/")
    csrf = first_group(r'name="csrf_token" value="([^"]+)"', home.text)
    await client.post("/api/vector-interview/logout/", data={"csrf_token": csrf})
    response = await client.post(TOKEN, headers=SAME_ORIGIN)
    assert response.json()["accessToken"] is None


async def test_a_revoked_sign_in_gives_no_token_even_with_an_access_cookie(client):
    await sign_in_with_the_form(client)
    refresh = client.cookies.get("vector_refresh")
    await client.post(
        "/graphql",
        json={
            "query": "mutation($t: String!) { logout(input: {refreshToken: $t}) { ok } }",
            "variables": {"t": refresh},
        },
    )
    response = await client.post(TOKEN, headers=SAME_ORIGIN)
    assert response.json()["accessToken"] is None


def test_the_wheel_carries_every_static_file():
    """Each file under web/static matches a package-data pattern in pyproject.toml."""
    import tomllib
    from fnmatch import fnmatch

    root = Path(graphiql.__file__).parent.parent
    pyproject = tomllib.loads((root.parent.parent / "pyproject.toml").read_text())
    patterns = pyproject["tool"]["setuptools"]["package-data"]["vector_gql"]

    def carried(relative: str) -> bool:
        parts = relative.split("/")
        for pattern in patterns:
            pieces = pattern.split("/")
            if len(pieces) == len(parts) and all(map(fnmatch, parts, pieces)):
                return True
        return False

    files = [p.relative_to(root).as_posix() for p in (root / "web" / "static").rglob("*")]
    missing = [f for f in files if (root / f).is_file() and not carried(f)]
    assert missing == []
    assert any(f.endswith("graphiql.min.js") for f in files)
