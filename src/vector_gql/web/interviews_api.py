"""The original app's interview REST paths, as thin adapters over the services.

``POST /api/interviews/create/`` and ``GET /api/interviews/interview[/<id>]``
answer as the original Django REST Framework app did: numeric ids, page-number
pagination (``page``, ``page_size``), field errors keyed by field, ``detail``
messages for 401, 403 and 404. They need a Bearer token and apply the same
permissions as the GraphQL API.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..services.auth import Action, first_organization_for
from ..services.errors import Forbidden, Invalid
from ..services.interviews import InterviewRow, QuestionRow, QuestionSpec
from ..services.validation import MAX_INT64, MIN_INT64, is_int64, parse_pk
from .rest import authenticate, detail, public_url, read_json, services

BASE = "/api/interviews"
DEFAULT_PAGE_SIZE = 10
MAX_PAGE_SIZE = 100
# Service field names -> the original app's.
FIELD_NAMES = {"text": "question_text", "organization_id": "organization"}


def _field_errors(exc: Invalid, question_count: int) -> dict[str, Any]:
    """Problems keyed as DRF does; a nested list field gets one dict per item."""
    errors: dict[str, Any] = {}
    for problem in exc.problems:
        path = [
            FIELD_NAMES.get(part, part) if isinstance(part, str) else part
            for part in problem.field or ("non_field_errors",)
        ]
        if path[0] == "questions" and len(path) == 3 and isinstance(path[1], int):
            items = errors.setdefault("questions", [{} for _ in range(question_count)])
            if isinstance(items, list):
                items[path[1]].setdefault(str(path[2]), []).append(problem.message)
                continue
        messages = errors.setdefault(str(path[0]), [])
        if isinstance(messages, list):
            messages.append(problem.message)
    return errors


def _item(interview: InterviewRow, questions: list[QuestionRow]) -> dict[str, Any]:
    return {
        "id": interview.id,
        "title": interview.title,
        "description": interview.description,
        "questions": [{"id": q.id, "question_text": q.text} for q in questions],
        "created_at": interview.created_at.isoformat().replace("+00:00", "Z"),
    }


async def create(request: Request) -> Response:
    principal = await authenticate(request)
    if isinstance(principal, Response):
        return principal
    data = await read_json(request)
    if isinstance(data, Response):
        return data
    if not isinstance(data, dict):
        return JSONResponse(
            {"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]},
            status_code=400,
        )
    errors: dict[str, Any] = {}
    title, description = data.get("title"), data.get("description", "")
    if title is None:
        errors["title"] = ["This field is required."]
    elif not isinstance(title, str):
        errors["title"] = ["Not a valid string."]
    if description is None:
        description = ""
    if not isinstance(description, str):
        errors["description"] = ["Not a valid string."]
    raw_questions = data.get("questions")
    specs: list[QuestionSpec] = []
    if raw_questions is None:
        errors["questions"] = ["This field is required."]
    elif not isinstance(raw_questions, list):
        errors["questions"] = [
            f'Expected a list of items but got type "{type(raw_questions).__name__}".'
        ]
    else:
        item_errors: list[dict[str, list[str]]] = []
        for item in raw_questions:
            text = item.get("question_text") if isinstance(item, dict) else None
            if not isinstance(text, str):
                item_errors.append({"question_text": ["This field is required."]})
            else:
                item_errors.append({})
                specs.append(QuestionSpec(text=text))
        if any(item_errors):
            errors["questions"] = item_errors
    organization_id = data.get("organization")
    if organization_id is not None:
        if not isinstance(organization_id, int) or isinstance(organization_id, bool):
            errors["organization"] = ["A valid integer is required."]
        elif not is_int64(organization_id):
            errors["organization"] = [f"Ensure this value is between {MIN_INT64} and {MAX_INT64}."]
    if errors or not isinstance(title, str):
        return JSONResponse(errors, status_code=400)

    try:
        if organization_id is None:
            organization_id = await first_organization_for(principal, Action.EDIT_INTERVIEWS)
            if organization_id is None:
                raise Forbidden()
        interview = await services(request).interviews.create_interview(
            principal,
            organization_id=organization_id,
            title=title,
            description=description,
            questions=specs,
        )
    except Invalid as exc:
        return JSONResponse(_field_errors(exc, len(specs)), status_code=400)
    except Forbidden:
        return detail("You do not have permission to perform this action.", 403)
    return JSONResponse(
        {"id": interview.id, "title": interview.title, "description": interview.description},
        status_code=201,
    )


MAX_PAGE = 10**9


def _positive(value: str | None, default: int) -> int | None:
    if value is None or value == "":
        return default
    # Bounded like a key: a page number past any real page is just "Invalid page".
    return parse_pk(value)


async def list_interviews(request: Request) -> Response:
    principal = await authenticate(request)
    if isinstance(principal, Response):
        return principal
    params = request.query_params
    page = _positive(params.get("page"), 1)
    if page is None and params.get("page") == "last":
        page = -1
    size = _positive(params.get("page_size"), DEFAULT_PAGE_SIZE) or DEFAULT_PAGE_SIZE
    size = min(size, MAX_PAGE_SIZE)
    if page is None or page > MAX_PAGE:
        return detail("Invalid page.", 404)
    interviews = services(request).interviews
    if page == -1:
        count = (await interviews.numbered_page(principal, page=1, page_size=1)).count
        page = max(1, -(-count // size))
    result = await interviews.numbered_page(principal, page=page, page_size=size)
    pages = max(1, -(-result.count // size))
    if page > pages:
        return detail("Invalid page.", 404)
    questions = await interviews.questions_for([i.id for i in result.items])

    def link(number: int) -> str:
        query = dict(params)
        if number == 1:
            query.pop("page", None)
        else:
            query["page"] = str(number)
        return public_url(request, request.url.path, urlencode(query))

    return JSONResponse(
        {
            "count": result.count,
            "next": link(page + 1) if page < pages else None,
            "previous": link(page - 1) if page > 1 else None,
            "results": [_item(i, questions.get(i.id, [])) for i in result.items],
        }
    )


async def show_interview(request: Request) -> Response:
    principal = await authenticate(request)
    if isinstance(principal, Response):
        return principal
    interviews = services(request).interviews
    pk = parse_pk(request.path_params["pk"])
    interview = await interviews.get(principal, pk) if pk is not None else None
    if interview is None:
        return detail("No Interview matches the given query.", 404)
    questions = await interviews.questions_for([interview.id])
    return JSONResponse(_item(interview, questions[interview.id]))


def routes() -> list[Route]:
    return [
        Route(f"{BASE}/create/", create, methods=["POST"]),
        Route(f"{BASE}/interview", list_interviews, methods=["GET"]),
        Route(f"{BASE}/interview/", list_interviews, methods=["GET"]),
        Route(f"{BASE}/interview/{{pk:int}}", show_interview, methods=["GET"]),
        Route(f"{BASE}/interview/{{pk:int}}/", show_interview, methods=["GET"]),
    ]
