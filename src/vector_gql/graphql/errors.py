"""User errors in payloads, and how exceptions reach the client.

Problems the user can fix travel inside payloads as ``errors: [UserError!]!``.
Authentication and permission failures become GraphQL errors with
``extensions.code``. Anything else is masked as "Unexpected error." with the
request id, and logged with its traceback under the same id.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from .. import unavailable
from ..services.errors import ErrorCode as ServiceErrorCode
from ..services.errors import Forbidden, Invalid, Problem, Unauthenticated

log = logging.getLogger("vector_gql.errors")


ErrorCode = strawberry.enum(
    ServiceErrorCode, name="ErrorCode", description="What is wrong, for a client to act on."
)


@strawberry.type(description="A problem the user can fix, pointing at the input field.")
class UserError:
    field: list[str] | None = strawberry.field(
        description="Path to the input field, e.g. ['questions', '3', 'text']; null for the "
        "whole input."
    )
    message: str
    code: ErrorCode
    retry_after_seconds: int | None = strawberry.field(
        default=None, description="With RATE_LIMITED: how long to wait before trying again."
    )

    @classmethod
    def from_problem(cls, problem: Problem) -> UserError:
        retry = problem.extra.get("retry_after_seconds")
        return cls(
            field=list(problem.field) if problem.field else None,
            message=problem.message,
            code=problem.code,
            retry_after_seconds=int(retry) if isinstance(retry, int) else None,
        )


def user_errors(exc: Invalid) -> list[UserError]:
    return [UserError.from_problem(p) for p in exc.problems]


P = TypeVar("P")


async def payload(call: Awaitable[Any], build: Callable[[Any], P], failed: Callable[..., P]) -> P:
    """Run a service call; map its result, or its Invalid problems, to a payload."""
    try:
        result = await call
    except Invalid as exc:
        return failed(errors=user_errors(exc))
    return build(result)


class ErrorPolicy(MaskErrors):
    """Give known failures their code; mask and log everything unexpected."""

    def __init__(self) -> None:
        super().__init__()

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        context = self.execution_context.context
        request_id = getattr(context, "request_id", None)
        processed = []
        for error in errors:
            original = error.original_error
            if original is None or isinstance(original, GraphQLError):
                # Syntax, validation and input coercion: the client's to fix, as graphql says.
                processed.append(error)
                continue
            if isinstance(original, Unauthenticated):
                processed.append(_with_code(error, str(original), "UNAUTHENTICATED"))
            elif isinstance(original, Forbidden):
                processed.append(_with_code(error, str(original), "FORBIDDEN"))
            elif isinstance(original, Invalid):
                processed.append(_with_code(error, str(original), "BAD_USER_INPUT"))
            elif (retry := unavailable.classify(original)) is not None:
                # Nothing is wrong with the request: the client may send it again.
                code, message = retry
                log.warning("%s (request %s): %r", code, request_id, original)
                processed.append(
                    GraphQLError(
                        message,
                        nodes=error.nodes,
                        path=error.path,
                        extensions={"code": code, "retryable": True, "requestId": request_id},
                    )
                )
            else:
                log.error(
                    "unexpected error in %s (request %s)",
                    ".".join(str(p) for p in error.path or []) or "operation",
                    request_id,
                    exc_info=(type(original), original, original.__traceback__),
                )
                processed.append(
                    GraphQLError(
                        "Unexpected error.",
                        nodes=error.nodes,
                        path=error.path,
                        extensions={"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
                    )
                )
        return processed


def _with_code(error: GraphQLError, message: str, code: str) -> GraphQLError:
    return GraphQLError(message, nodes=error.nodes, path=error.path, extensions={"code": code})
