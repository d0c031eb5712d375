"""GraphiQL, served from the package, and signed in as the browser's user.

The page and every script, stylesheet and font it loads come from this
server (``static/graphiql/vendor`` holds GraphiQL and React at the versions
``web/package-lock.json`` pins), so GraphiQL works offline and under a
Content-Security-Policy that allows the app's own origin only.

A browser signed in on the HTML pages holds its tokens in HttpOnly cookies
that only paths under ``/api/vector-interview/`` receive. GraphiQL's script
trades them, same-origin, for an access token at :data:`SESSION_TOKEN_PATH`
and sends it as ``Authorization: Bearer``. The refresh token never leaves
its cookie. The trade is safe from other sites: it is a POST that must carry
a header a cross-site form cannot set (a cross-origin script would need a
preflight, which the app does not grant for it), its Origin must be this
server's, the refresh cookie is SameSite=Strict, and the answer is not
readable cross-origin.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from ..services.auth import Member
from ..services.errors import Invalid, Unauthenticated
from .pages import ACCESS_COOKIE, BASE, LOGIN_PATH, REFRESH_COOKIE, _secure
from .rest import services

SESSION_TOKEN_PATH = f"{BASE}/session/token/"
SESSION_HEADER = "x-vector-session"
STATIC = Path(__file__).parent / "static"


def content_security_policy(style_nonce: str) -> str:
    """Only this origin, for everything; no inline script, no eval.

    The one exception is a ``<style>`` element that GraphiQL's dialogs add (to stop
    the page scrolling behind them): it carries this response's nonce.
    """
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            f"style-src 'self' 'nonce-{style_nonce}'",
            "img-src 'self'",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def render(request: Request, endpoint: str) -> Response:
    """The GraphiQL page for ``endpoint``, with its security headers."""
    nonce = secrets.token_urlsafe(18)
    response = templates.TemplateResponse(
        request,
        "graphiql.html",
        {
            "endpoint": endpoint,
            "session_url": SESSION_TOKEN_PATH,
            "session_header": SESSION_HEADER,
            "login_url": LOGIN_PATH,
            "style_nonce": nonce,
        },
    )
    response.headers["content-security-policy"] = content_security_policy(nonce)
    response.headers["x-content-type-options"] = "nosniff"
    response.headers["referrer-policy"] = "same-origin"
    response.headers["cache-control"] = "no-cache"
    return response


def _same_origin(request: Request, public_url: str) -> bool:
    """The request comes from a page of this server (or from no browser page at all)."""
    if request.headers.get("sec-fetch-site", "same-origin") != "same-origin":
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True
    public = urlsplit(public_url)
    return origin in (
        f"{request.url.scheme}://{request.headers.get('host', '')}",
        f"{public.scheme}://{public.netloc}",
    )


def _not_signed_in(message: str, status: int = 200) -> JSONResponse:
    """No token to give: 200 for a browser that is simply not signed in (not an error
    for GraphiQL, which then runs anonymously), 403 for a refused request."""
    return JSONResponse(
        {"accessToken": None, "detail": message},
        status_code=status,
        headers={"cache-control": "no-store"},
    )


async def session_token(request: Request) -> Response:
    """An access token for the browser's signed-in user, for GraphiQL's requests.

    Answers ``{"accessToken", "expiresIn", "user": {"username"}}``, or
    ``{"accessToken": null}`` when the browser is not signed in. It never
    returns the refresh token.
    """
    app = services(request)
    if not request.headers.get(SESSION_HEADER) or not _same_origin(
        request, app.settings.public_url
    ):
        return _not_signed_in(
            f"Ask from a page of this site, with the '{SESSION_HEADER}' header.", 403
        )
    access = None
    refresh = request.cookies.get(REFRESH_COOKIE)
    if refresh:
        try:
            access = await app.accounts.access_from_refresh(refresh)
        except Invalid:
            access = None
    if access is None:
        access = request.cookies.get(ACCESS_COOKIE)
    if not access:
        return _not_signed_in("Not signed in.")
    try:
        viewer = await app.authenticate(access)
    except Unauthenticated:
        viewer = None
    if not isinstance(viewer, Member):
        return _not_signed_in("The sign-in has ended; log in again.")
    response = JSONResponse(
        {
            "accessToken": access,
            "expiresIn": app.settings.access_token_seconds,
            "user": {"username": viewer.user.username},
        },
        headers={"cache-control": "no-store"},
    )
    response.set_cookie(
        ACCESS_COOKIE,
        access,
        max_age=app.settings.access_token_seconds,
        httponly=True,
        samesite="lax",
        secure=_secure(request),
        path=BASE,
    )
    return response


async def favicon(request: Request) -> Response:
    return FileResponse(
        STATIC / "favicon.ico",
        media_type="image/x-icon",
        headers={"cache-control": "public, max-age=86400"},
    )


def routes() -> list[Route]:
    return [
        Route(SESSION_TOKEN_PATH, session_token, methods=["POST"]),
        Route("/favicon.ico", favicon, methods=["GET", "HEAD"]),
    ]
