"""How problems and failures reach the client.

Problems the user can fix travel inside payloads as ``errors: [UserError!]!``,
their field paths camelCased from the services' domain names
(``("questions", 3, "think_time_seconds")`` -> ``["questions", "3",
"thinkTimeSeconds"]``). Authentication and permission failures become GraphQL
errors with ``extensions.code``. A failure the client may simply retry (the
database unreachable, the upload spool full; see unavailable.py; live updates
interrupted, ``UNAVAILABLE``) gets its code and ``retryable: true``. Anything
else is masked as "Unexpected
error." with the request id, and logged with its traceback under the same id:
``ErrorPolicy``, a schema extension of our own, does both for every result,
streamed results included.

Every mutation is declared with ``@mutation``: its resolver calls a service and
returns the success payload; an ``Invalid`` raised on the way becomes the same
payload type with only its ``errors`` set.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from enum import Enum
from typing import TYPE_CHECKING, Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import FieldExtension, SchemaExtension
from strawberry.extensions.field_extension import AsyncExtensionResolver
from strawberry.types import Info
from strawberry.types.execution import StreamExecutionResult
from strawberry.types.field import StrawberryField
from strawberry.utils.str_converters import to_camel_case

from .. import unavailable
from ..services.errors import ErrorCode as ServiceErrorCode
from ..services.errors import (
    Forbidden,
    Invalid,
    InvitationClosed,
    Problem,
    Unauthenticated,
    Unavailable,
)

log = logging.getLogger("vector_gql.errors")


def _api_codes() -> list[str]:
    """The service's codes, and the retired ones clients generated from the schema know.

    No rule raises TOO_SHORT or INACTIVE_ACCOUNT any more (a disabled account
    gets INVALID_CREDENTIALS, so a login does not tell which accounts exist);
    they stay in the published enum, where they always were, so that
    generated clients keep compiling.
    """
    names = [code.value for code in ServiceErrorCode]
    names.insert(names.index("REQUIRED") + 1, "TOO_SHORT")
    names.insert(names.index("INVALID_CREDENTIALS") + 1, "INACTIVE_ACCOUNT")
    return names


if TYPE_CHECKING:
    # A superset of the service's codes, whose members the checker knows by name.
    ErrorCode = ServiceErrorCode
else:
    ErrorCode = strawberry.enum(
        Enum("ErrorCode", [(name, name) for name in _api_codes()]),
        name="ErrorCode",
        description="What is wrong, for a client to act on.",
    )


def field_path(field: tuple[str | int, ...]) -> list[str]:
    """A service's field path as the API names it: camelCase, list indexes as text."""
    return [str(part) if isinstance(part, int) else to_camel_case(part) for part in field]


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
            field=field_path(problem.field) if problem.field else None,
            message=problem.message,
            code=ErrorCode(problem.code.value),
            retry_after_seconds=int(retry) if isinstance(retry, int) else None,
        )


def user_errors(exc: Invalid) -> list[UserError]:
    return [UserError.from_problem(p) for p in exc.problems]


class UserErrorsInPayload(FieldExtension):
    """Turns a service's Invalid into the field's payload type with ``errors`` set."""

    def apply(self, field: StrawberryField) -> None:
        self.field = field

    async def resolve_async(
        self, next_: AsyncExtensionResolver, source: Any, info: Info, **kwargs: Any
    ) -> Any:
        try:
            refusals = getattr(info.context, "upload_refusals", None)
            if refusals and info.path.prev is None:
                # The upload gate judged this field before its file was read (upload_gate.py).
                refusal = refusals.get(info.path.key)
                if refusal is not None:
                    raise refusal
            return await next_(source, info, **kwargs)
        except Invalid as exc:
            payload: Any = self.field.type
            assert isinstance(payload, type), f"{self.field.name} must return a payload type"
            return payload(errors=user_errors(exc))


def mutation(*, description: str) -> Callable[[Any], Any]:
    """Declare a mutation whose user errors land in its payload (see the module docstring)."""
    declare: Callable[[Any], Any] = strawberry.mutation(
        description=description, extensions=[UserErrorsInPayload()]
    )
    return declare


class ErrorPolicy(SchemaExtension):
    """Give known failures their code; mask and log everything unexpected."""

    def on_operation(self) -> Iterator[None]:
        self._streamed = False
        yield
        if self._streamed:
            return  # every streamed result went through on_stream_result
        result = self.execution_context.result
        self._apply(result)
        self._apply(getattr(result, "initial_result", None))

    def on_stream_result(self, result: StreamExecutionResult) -> Iterator[None]:
        self._streamed = True
        self._apply(result)
        for part in [*(getattr(result, "incremental", None) or ())]:
            self._apply(part)
        for part in [*(getattr(result, "completed", None) or ())]:
            self._apply(part)
        yield

    def _apply(self, result: object) -> None:
        # getattr, not isinstance against a runtime-checkable Protocol: the same test,
        # without typing's walk over the protocol's members on every request.
        errors = getattr(result, "errors", None)
        if errors:
            result.errors = [self.process(error) for error in errors]  # type: ignore[attr-defined]

    def process(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if original is None or isinstance(original, GraphQLError):
            # Syntax, validation and input coercion: the client's to fix, as graphql says.
            return error
        if isinstance(original, InvitationClosed):
            return _with_code(error, str(original), original.code.value)
        if isinstance(original, Unauthenticated):
            return _with_code(error, str(original), "UNAUTHENTICATED")
        if isinstance(original, Forbidden):
            return _with_code(error, str(original), "FORBIDDEN")
        if isinstance(original, Invalid):
            return _with_code(error, str(original), "BAD_USER_INPUT")
        if isinstance(original, Unavailable):
            return GraphQLError(
                str(original),
                nodes=error.nodes,
                path=error.path,
                extensions={"code": "UNAVAILABLE", "retryable": True},
            )
        request_id = getattr(self.execution_context.context, "request_id", None)
        if (retry := unavailable.classify(original)) is not None:
            # Nothing is wrong with the request: the client may send it again.
            code, message = retry
            log.warning("%s (request %s): %r", code, request_id, original)
            return GraphQLError(
                message,
                nodes=error.nodes,
                path=error.path,
                extensions={"code": code, "retryable": True, "requestId": request_id},
            )
        log.error(
            "unexpected error in %s (request %s)",
            ".".join(str(p) for p in error.path or []) or "operation",
            request_id,
            exc_info=(type(original), original, original.__traceback__),
        )
        return GraphQLError(
            "Unexpected error.",
            nodes=error.nodes,
            path=error.path,
            extensions={"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
        )


def _with_code(error: GraphQLError, message: str, code: str) -> GraphQLError:
    return GraphQLError(message, nodes=error.nodes, path=error.path, extensions={"code": code})
