"""Helpers for the original app's REST paths: Bearer auth and DRF-shaped errors."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from ..graphql.context import bearer_token
from ..services.accounts import Viewer
from ..services.errors import Invalid, Unauthenticated


async def authenticate(request: Request) -> Viewer | JSONResponse:
    """The viewer of a Bearer token, or the 401 the original app answered."""
    try:
        token = bearer_token(request.headers.get("authorization"))
        if token is None:
            return JSONResponse(
                {"detail": "Authentication credentials were not provided."}, status_code=401
            )
        return await request.app.state.services.accounts.authenticate(token)
    except Unauthenticated:
        return JSONResponse(
            {"detail": "Given token not valid for any token type", "code": "token_not_valid"},
            status_code=401,
        )


def field_errors(exc: Invalid, rename: dict[str, str] | None = None) -> dict[str, list[str]]:
    """Problems keyed by field, as Django REST Framework serializers report them."""
    rename = rename or {}
    errors: dict[str, list[str]] = {}
    for problem in exc.problems:
        key = problem.field[0] if problem.field else "non_field_errors"
        errors.setdefault(rename.get(key, key), []).append(problem.message)
    return errors
