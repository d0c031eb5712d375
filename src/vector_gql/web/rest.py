"""What the original app's REST paths and pages share: the services, Bearer
authentication, the JSON body and form fields (checked as at every entry point:
bounded JSON, no unstorable text), links on the public URL, and errors in
Django REST Framework's shape.

Services name fields by their domain names (``organization_id``,
``("questions", 3, "text")``); ``field_errors`` maps them to the original
app's field names.
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..boundary.values import Refused, json_limits, loads
from ..services import Services
from ..services.accounts import ClientInfo
from ..services.auth import Anonymous, MalformedCredentials, Principal, bearer_token
from ..services.errors import Invalid, Unauthenticated
from ..services.validation import text_problem

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
    """The request's JSON body, or the 400 (413) response that says what is wrong with it.

    The body is bounded in depth and size (``VECTOR_MAX_INPUT_*``) and no string in
    it may hold text that cannot be stored: ``{"detail", "code"}`` says which.
    """
    settings = services(request).settings
    limits = json_limits(settings)
    try:
        return loads(await request.body(), limits, text=True)
    except Refused as exc:
        return JSONResponse(exc.as_json(), status_code=exc.status)


def form_refusal(form: FormData) -> dict[str, list[str]] | None:
    """Field errors for text no field may hold (NUL, unpaired surrogates), or None.

    File names count as their field's text; a bad field name is a non-field error.
    """
    for name, value in form.multi_items():
        if (problem := text_problem(name)) is not None:
            return {"non_field_errors": [f"A field name is not valid. {problem}"]}
        text = (value.filename or "") if isinstance(value, UploadFile) else value
        if (problem := text_problem(text)) is not None:
            return {name: [problem]}
    return None


def public_url(request: Request, path: str, query: str = "") -> str:
    """A link to ``path`` on the configured public URL, never on the request's Host
    header, which the client chooses."""
    base = services(request).settings.public_url.rstrip("/")
    return f"{base}{path}" + (f"?{query}" if query else "")


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
