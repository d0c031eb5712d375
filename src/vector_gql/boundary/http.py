"""The boundary for the original REST paths and the HTML forms (starlette requests)."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse

from .values import JsonLimits, Refused, check_text, loads


def limits_for(request: Request) -> JsonLimits:
    settings = request.app.state.settings
    return JsonLimits(max_depth=settings.max_input_depth, max_values=settings.max_input_values)


async def read_json(request: Request) -> Any:
    """The request's JSON body, bounded and with every string checked; Refused otherwise."""
    return loads(await request.body(), limits_for(request), text=True)


def refusal(exc: Refused) -> JSONResponse:
    """A REST answer for input refused at the boundary: ``{"detail", "code"}``."""
    return JSONResponse(exc.as_json(), status_code=exc.status)


def check_form(form: FormData) -> None:
    """Every field's text and every file's name; Refused names the first bad field."""
    for name, value in form.multi_items():
        check_text(name, "field name")
        if isinstance(value, UploadFile):
            check_text(value.filename or "", name)
        else:
            check_text(value, name)


def public_url(request: Request, path: str, query: str = "") -> str:
    """A link to ``path`` on the configured public URL, never on the request's Host
    header, which the client chooses."""
    base = request.app.state.settings.public_url.rstrip("/")
    return f"{base}{path}" + (f"?{query}" if query else "")
