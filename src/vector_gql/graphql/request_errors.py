"""Codes for errors that stop a request before or while its operation starts.

Every GraphQL error the API sends carries ``extensions.code``. Errors raised
by resolvers get theirs where they are raised (``UNAUTHENTICATED``,
``FORBIDDEN``, ``INTERNAL_SERVER_ERROR``, ...); this extension gives one to the
rest, which graphql-core and strawberry raise without a code. The names are
Apollo Server's, which Apollo clients already know:

- ``GRAPHQL_PARSE_FAILED``: the document is not GraphQL (or is too long).
- ``GRAPHQL_VALIDATION_FAILED``: the document does not fit the schema or the
  limits (depth, aliases).
- ``OPERATION_RESOLUTION_FAILURE``: the operation to run cannot be chosen: an
  unknown ``operationName``, or several operations and no ``operationName``.
- ``BAD_USER_INPUT``: a value cannot be taken: a variable of the wrong type, a
  ``DateTime`` without an offset, an ``Int`` over 32 bits, an ID that is not one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError, GraphQLSyntaxError, OperationDefinitionNode
from strawberry.exceptions import StrawberryInputCoercionError
from strawberry.extensions import SchemaExtension

PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
OPERATION_RESOLUTION_FAILURE = "OPERATION_RESOLUTION_FAILURE"
BAD_USER_INPUT = "BAD_USER_INPUT"
INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"


def with_code(error: GraphQLError, code: str) -> GraphQLError:
    """A copy of the error with ``extensions.code`` (cached errors stay untouched)."""
    return GraphQLError(
        error.message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=error.original_error,
        extensions={**(error.extensions or {}), "code": code},
    )


def has_code(error: GraphQLError) -> bool:
    return bool((error.extensions or {}).get("code"))


def is_input_error(error: GraphQLError) -> bool:
    """A scalar, ID or enum refused a value the client sent."""
    original = error.original_error
    return isinstance(error, StrawberryInputCoercionError) or isinstance(
        original, (StrawberryInputCoercionError, ValueError, TypeError)
    )


class RequestErrorCodes(SchemaExtension):
    """Give every error that has no code one, by the stage it came from.

    Listed first among the schema's extensions, so that over HTTP it runs last,
    after error masking, and sees the errors the client will get. Over a
    WebSocket each result goes out as it comes; ``on_stream_result`` codes it
    on its way (masking, later in the list, replaces what it masks anyway).
    """

    def __init__(self) -> None:
        self._validated = False
        self._executing = False

    def on_validate(self) -> Iterator[None]:
        yield
        self._validated = True

    def on_execute(self) -> Iterator[None]:
        self._executing = True
        yield

    def on_operation(self) -> Iterator[None]:
        self._validated = self._executing = False
        try:
            yield
        except GraphQLError as error:
            # An extension's hook raised instead of reporting in the result.
            raise self._coded(error) from None
        self._code_result(self.execution_context.result)

    def on_stream_result(self, result: Any) -> Iterator[None]:
        self._code_result(result)
        yield

    def _code_result(self, result: Any) -> None:
        errors = getattr(result, "errors", None)
        if errors:
            result.errors = [self._coded(error) for error in errors]

    def _coded(self, error: GraphQLError) -> GraphQLError:
        if has_code(error):
            return error
        if isinstance(error, GraphQLSyntaxError) or not self._validated:
            return with_code(error, PARSE_FAILED)
        if is_input_error(error):
            return with_code(error, BAD_USER_INPUT)
        if not self._executing:
            return with_code(error, VALIDATION_FAILED)
        if error.path is None:
            # Before any field ran: the variables could not be coerced.
            return with_code(error, BAD_USER_INPUT)
        return with_code(error, INTERNAL_SERVER_ERROR)


class OneOperationOrName(SchemaExtension):
    """A document with several operations needs ``operationName`` to say which to run.

    graphql-core says so, but strawberry picks the first operation before
    graphql-core can. Listed last among the schema's extensions, so that its
    validation hook runs after the validation cache has set the document's
    errors and before strawberry looks at them.
    """

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if (
            not context.pre_execution_errors
            and document is not None
            and context._provided_operation_name is None
            and sum(isinstance(d, OperationDefinitionNode) for d in document.definitions) > 1
        ):
            context.pre_execution_errors = [
                GraphQLError(
                    "The document has several operations: say which one to run with "
                    "'operationName'.",
                    extensions={"code": OPERATION_RESOLUTION_FAILURE},
                )
            ]
        yield
