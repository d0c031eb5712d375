"""The original app's signup and login pages, and its JSON API at the same paths.

The pages are server-rendered forms that work without JavaScript. A signed-in
browser also gets a page to change its password (the ``changePassword``
mutation's rules: the current password is checked and counted like a login,
and every other sign-in of the account ends). A POST with a
JSON body answers exactly as the original REST app did, so its clients keep
working. A signed-in browser holds its tokens in HttpOnly cookies that only
these pages read; the GraphQL API takes Bearer tokens only.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import math
import secrets
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from ..services.accounts import SignedIn
from ..services.accounts.tokens import TokenInvalid
from ..services.auth import Member
from ..services.errors import ErrorCode, Invalid, Unauthenticated
from ..storage.signing import hkdf_sha256
from .rest import client, detail, field_errors, form_refusal, read_json, services

BASE = "/api/vector-interview"
SIGNUP_PATH = f"{BASE}/signup/"
LOGIN_PATH = f"{BASE}/login/"
LOGOUT_PATH = f"{BASE}/logout/"
REFRESH_PATH = f"{BASE}/token/refresh/"
HOME_PATH = f"{BASE}/"
PASSWORD_PATH = f"{BASE}/password/"
# What the templates link and post to (``{{ paths.password }}``): each path written once.
PAGE_PATHS = {
    "signup": SIGNUP_PATH,
    "login": LOGIN_PATH,
    "logout": LOGOUT_PATH,
    "home": HOME_PATH,
    "password": PASSWORD_PATH,
}
ACCESS_COOKIE = "vector_access"
REFRESH_COOKIE = "vector_refresh"
# A random value per browser: the session that forms are bound to before sign-in.
CSRF_COOKIE = "vector_csrf"
CSRF_LABEL = b"vector-interview/form-csrf/v1"
SIGNUP_FIELDS = ("username", "email", "password", "password2")
LOGIN_FIELDS = ("username", "password")
PASSWORD_FIELDS = ("current_password", "new_password", "new_password2")
WELCOME = {
    "signup": "Your account was created and you are signed in.",
    "login": "You are signed in.",
    "password": "Your password was changed. Every other sign-in of your account has ended.",
}

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def _wants_json(request: Request) -> bool:
    return request.headers.get("content-type", "").split(";")[0].strip() == "application/json"


async def _json_fields(request: Request, fields: tuple[str, ...]) -> dict[str, str] | Response:
    """The named string fields of a JSON body, each required, or the 400 that says why not."""
    data = await read_json(request)
    if isinstance(data, Response):
        return data
    if not isinstance(data, dict):
        return JSONResponse(
            {"non_field_errors": ["Invalid data. Expected a dictionary."]}, status_code=400
        )
    errors: dict[str, list[str]] = {}
    values: dict[str, str] = {}
    for name in fields:
        value = data.get(name)
        if value is None or value == "":
            errors[name] = ["This field is required."]
        elif not isinstance(value, str):
            errors[name] = ["Not a valid string."]
        else:
            values[name] = value
    if errors:
        return JSONResponse(errors, status_code=400)
    return values


def _tokens_json(message: str, result: SignedIn, status: int) -> JSONResponse:
    """The original app's answer to a signup or login."""
    return JSONResponse(
        {"detail": message, "access": result.tokens.access, "refresh": result.tokens.refresh},
        status_code=status,
    )


def _form_expired(request: Request, template: str, values: dict[str, str]) -> Response:
    return _render(
        request,
        template,
        403,
        values=values,
        errors={"non_field_errors": ["The form expired. Please submit it again."]},
    )


def _rate_limited(exc: Invalid) -> int | None:
    """The seconds to wait (rounded up, for ``Retry-After``) when ``exc`` is a rate limit."""
    for problem in exc.problems:
        if problem.code == ErrorCode.RATE_LIMITED:
            retry = problem.extra.get("retry_after_seconds")
            return max(1, math.ceil(retry)) if isinstance(retry, int | float) else 60
    return None


def _refused_form(request: Request, name: str, exc: Invalid, values: dict[str, str]) -> Response:
    """A form refused by the service: ``400`` with its problems by field, or ``429`` with
    ``Retry-After`` for a rate limit (whose message says the same wait)."""
    retry = _rate_limited(exc)
    status = 400 if retry is None else 429
    response = _render(request, name, status, values=values, errors=field_errors(exc))
    if retry is not None:
        response.headers["Retry-After"] = str(retry)
    return response


def _csrf_binding(request: Request, presession: str) -> str:
    """What a form token is bound to: the sign-in session of the browser's refresh
    cookie, or before sign-in the browser's random pre-session cookie.

    The token is an HMAC of this under a key derived from the app secret, so a
    value planted in a cookie (which a bare double-submit would accept when the
    same value is posted) is worth nothing without the server's key.
    """
    refresh = request.cookies.get(REFRESH_COOKIE)
    if refresh:
        codec = services(request).accounts.tokens
        try:
            claims = codec.decode(refresh, expected="refresh", verify_exp=False)
        except TokenInvalid:
            pass
        else:
            return f"session:{claims.session_id}"
    return f"browser:{presession}"


def _csrf_token(request: Request, binding: str) -> str:
    key = getattr(request.app.state, "form_csrf_key", None)
    if key is None:
        key = hkdf_sha256(services(request).settings.jwt_secret.encode(), CSRF_LABEL)
        request.app.state.form_csrf_key = key
    return hmac.new(key, binding.encode(), hashlib.sha256).hexdigest()


def _csrf_ok(request: Request, form: Any) -> bool:
    presession = request.cookies.get(CSRF_COOKIE, "")
    sent = form.get("csrf_token", "")
    if not presession or not isinstance(sent, str):
        return False
    expected = _csrf_token(request, _csrf_binding(request, presession))
    return secrets.compare_digest(expected, sent)


def _render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    presession = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
    token = _csrf_token(request, _csrf_binding(request, presession))
    response = templates.TemplateResponse(
        request, name, {"csrf_token": token, "paths": PAGE_PATHS, **context}, status_code=status
    )
    response.set_cookie(
        CSRF_COOKIE,
        presession,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        path=BASE,
    )
    return response


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def _signed_in_redirect(request: Request, result: SignedIn, message: str) -> Response:
    response = RedirectResponse(f"{HOME_PATH}?welcome={message}", status_code=303)
    settings = services(request).settings
    response.set_cookie(
        ACCESS_COOKIE,
        result.tokens.access,
        max_age=settings.access_token_seconds,
        httponly=True,
        samesite="lax",
        secure=_secure(request),
        path=BASE,
    )
    response.set_cookie(
        REFRESH_COOKIE,
        result.tokens.refresh,
        max_age=settings.refresh_token_seconds,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        path=BASE,
    )
    return response


async def signup(request: Request) -> Response:
    accounts = services(request).accounts
    if request.method == "GET":
        return _render(request, "signup.html", values={}, errors={})
    if _wants_json(request):
        body = await _json_fields(request, SIGNUP_FIELDS)
        if isinstance(body, Response):
            return body
        try:
            result = await accounts.signup(**body, client=client(request))
        except Invalid as exc:
            retry = _rate_limited(exc)
            if retry is not None:
                return JSONResponse(
                    {"detail": str(exc)}, status_code=429, headers={"Retry-After": str(retry)}
                )
            return JSONResponse(field_errors(exc), status_code=400)
        return _tokens_json("User created successfully", result, 201)
    form = await request.form(max_files=0, max_fields=20)
    values = {name: str(form.get(name, "")) for name in SIGNUP_FIELDS}
    if not _csrf_ok(request, form):
        return _form_expired(request, "signup.html", values)
    if (refused := form_refusal(form)) is not None:
        return _render(request, "signup.html", 400, values={}, errors=refused)
    try:
        result = await accounts.signup(**values, client=client(request))
    except Invalid as exc:
        return _refused_form(request, "signup.html", exc, values)
    return _signed_in_redirect(request, result, "signup")


async def login(request: Request) -> Response:
    accounts = services(request).accounts
    if request.method == "GET":
        return _render(request, "login.html", values={}, errors={})
    if _wants_json(request):
        body = await _json_fields(request, LOGIN_FIELDS)
        if isinstance(body, Response):
            return body
        try:
            result = await accounts.login(**body, client=client(request))
        except Invalid as exc:
            retry = _rate_limited(exc)
            if retry is not None:
                return JSONResponse(
                    {"detail": str(exc)}, status_code=429, headers={"Retry-After": str(retry)}
                )
            return JSONResponse(field_errors(exc), status_code=400)
        return _tokens_json("Logged in successfully", result, 200)
    form = await request.form(max_files=0, max_fields=20)
    values = {name: str(form.get(name, "")) for name in LOGIN_FIELDS}
    if not _csrf_ok(request, form):
        return _form_expired(request, "login.html", {"username": values["username"]})
    if (refused := form_refusal(form)) is not None:
        return _render(request, "login.html", 400, values={}, errors=refused)
    try:
        result = await accounts.login(**values, client=client(request))
    except Invalid as exc:
        return _refused_form(request, "login.html", exc, {"username": values["username"]})
    return _signed_in_redirect(request, result, "login")


async def refresh(request: Request) -> Response:
    """The original app's token refresh: {"refresh": ...} -> {"access": ...}."""
    if not _wants_json(request):
        return detail('Send a JSON body: {"refresh": ...}.', 415)
    data = await read_json(request)
    if isinstance(data, Response):
        return data
    token = data.get("refresh") if isinstance(data, dict) else None
    if not isinstance(token, str) or not token:
        return JSONResponse({"refresh": ["This field is required."]}, status_code=400)
    try:
        access = await services(request).accounts.access_from_refresh(token)
    except Invalid:
        return JSONResponse(
            {"detail": "Token is invalid or expired", "code": "token_not_valid"}, status_code=401
        )
    return JSONResponse({"access": access})


async def _viewer(request: Request) -> tuple[Member | None, str | None]:
    """The member a browser's cookies sign in, and a new access token when the one
    in its cookie had expired (the refresh cookie still being good)."""
    app = services(request)
    access = request.cookies.get(ACCESS_COOKIE)
    if access:
        with contextlib.suppress(Unauthenticated):
            viewer = await app.authenticate(access)
            if isinstance(viewer, Member):
                return viewer, None
    refresh_token = request.cookies.get(REFRESH_COOKIE)
    if refresh_token:
        try:
            new_access = await app.accounts.access_from_refresh(refresh_token)
            viewer = await app.authenticate(new_access)
        except (Invalid, Unauthenticated):
            return None, None
        if isinstance(viewer, Member):
            return viewer, new_access
    return None, None


def _renew_access(request: Request, response: Response, new_access: str | None) -> Response:
    if new_access:
        response.set_cookie(
            ACCESS_COOKIE,
            new_access,
            max_age=services(request).settings.access_token_seconds,
            httponly=True,
            samesite="lax",
            secure=_secure(request),
            path=BASE,
        )
    return response


async def home(request: Request) -> Response:
    """A small page for a signed-in browser; renews the access cookie when it expired."""
    viewer, new_access = await _viewer(request)
    if viewer is None:
        return RedirectResponse(LOGIN_PATH, status_code=303)
    message = WELCOME.get(request.query_params.get("welcome") or "")
    response = _render(request, "home.html", user=viewer.user, message=message)
    return _renew_access(request, response, new_access)


async def change_password(request: Request) -> Response:
    """The change-password form, for a signed-in browser only."""
    viewer, new_access = await _viewer(request)
    if viewer is None:
        return RedirectResponse(LOGIN_PATH, status_code=303)
    if request.method == "GET":
        response = _render(request, "password.html", values={}, errors={})
        return _renew_access(request, response, new_access)
    form = await request.form(max_files=0, max_fields=20)
    if not _csrf_ok(request, form):
        return _renew_access(request, _form_expired(request, "password.html", {}), new_access)
    if (refused := form_refusal(form)) is not None:
        response = _render(request, "password.html", 400, values={}, errors=refused)
        return _renew_access(request, response, new_access)
    values = {name: str(form.get(name, "")) for name in PASSWORD_FIELDS}
    try:
        await services(request).accounts.change_password(viewer, **values, client=client(request))
    except Invalid as exc:
        response = _refused_form(request, "password.html", exc, {})
        return _renew_access(request, response, new_access)
    response = RedirectResponse(f"{HOME_PATH}?welcome=password", status_code=303)
    return _renew_access(request, response, new_access)


async def logout(request: Request) -> Response:
    form = await request.form(max_files=0, max_fields=20)
    response = RedirectResponse(LOGIN_PATH + "?signed_out=1", status_code=303)
    if _csrf_ok(request, form):
        token = request.cookies.get(REFRESH_COOKIE)
        if token:
            # Already revoked or unknown: the cookies go either way.
            with contextlib.suppress(Invalid):
                await services(request).accounts.logout(token)
        response.delete_cookie(ACCESS_COOKIE, path=BASE)
        response.delete_cookie(REFRESH_COOKIE, path=BASE)
    return response


def routes() -> list[Route]:
    return [
        Route(SIGNUP_PATH, signup, methods=["GET", "POST"]),
        Route(LOGIN_PATH, login, methods=["GET", "POST"]),
        Route(REFRESH_PATH, refresh, methods=["POST"]),
        Route(LOGOUT_PATH, logout, methods=["POST"]),
        Route(HOME_PATH, home, methods=["GET"]),
        Route(PASSWORD_PATH, change_password, methods=["GET", "POST"]),
    ]
