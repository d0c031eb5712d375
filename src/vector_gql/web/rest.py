"""What the original app's REST paths and pages share: the services, Bearer
authentication, the JSON body, and errors in Django REST Framework's shape.

Services name fields by their domain names (``organization_id``,
``("questions", 3, "text")``); ``field_errors`` maps them to the original
app's field names.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..services import Services
from ..services.accounts import ClientInfo
from ..services.auth import Anonymous, MalformedCredentials, Principal, bearer_token
from ..services.errors import Invalid, Unauthenticated
from ..services.validation import contains_nul

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="api"'}


def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found


def client(request: Request) -> ClientInfo:
    return ClientInfo(
        ip=request.client.host if request.client else "",
        user_agent=request.headers.get("user-agent", ""),
    )


def detail(message: str, status: int, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": message}, status_code=status, headers=headers)


async def authenticate(request: Request) -> Principal | Response:
    """The principal of the request's Bearer token, or the 401 the original app answered."""
    try:
        token = bearer_token(request.headers.get("authorization"))
        principal = await services(request).authenticate(token)
    except MalformedCredentials:
        return detail("Authorization header must contain two space-delimited values", 401)
    except Unauthenticated:
        return JSONResponse(
            {"detail": "Given token not valid for any token type", "code": "token_not_valid"},
            status_code=401,
            headers=CHALLENGE,
        )
    if isinstance(principal, Anonymous):
        return detail("Authentication credentials were not provided.", 401, CHALLENGE)
    return principal


async def read_json(request: Request) -> Any:
    """The request's JSON body, or the 400 response that says what is wrong with it."""
    try:
        data = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError) as exc:
        return detail(f"JSON parse error - {exc}", 400)
    if contains_nul(data):
        return detail("Text may not contain the NUL character (U+0000).", 400)
    return data


def field_errors(exc: Invalid, names: dict[str, str] | None = None) -> dict[str, list[str]]:
    """Problems keyed by field, as Django REST Framework serializers report them.

    ``names`` maps a service's field name to the original app's.
    """
    names = names or {}
    errors: dict[str, list[str]] = {}
    for problem in exc.problems:
        key = str(problem.field[0]) if problem.field else "non_field_errors"
        errors.setdefault(names.get(key, key), []).append(problem.message)
    return errors
