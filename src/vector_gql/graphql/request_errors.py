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

    Listed first among the schema's extensions, so that it runs last, after
    error masking, and sees the errors the client will get. It also refuses a
    document with several operations and no ``operationName``, which strawberry
    would otherwise answer by running the first.
    """

    def __init__(self) -> None:
        self._validated = False
        self._executing = False

    def on_parse(self) -> Iterator[None]:
        yield
        context = self.execution_context
        document = context.graphql_document
        if document is None or context._provided_operation_name is not None:
            return
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        if len(operations) > 1:
            raise GraphQLError(
                "The document has several operations: say which one to run with 'operationName'.",
                extensions={"code": OPERATION_RESOLUTION_FAILURE},
            )

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
            # The parser cache parses inside its own hook, so a syntax error
            # leaves the operation as an exception rather than in the result.
            raise self._coded(error) from None
        result = self.execution_context.result
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
