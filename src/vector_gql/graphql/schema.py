"""Assembles the schema from the domain packages."""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any, cast

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.schema import validate_document
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from ..boundary.graphql import SCALAR_MAP as BOUNDARY_SCALARS
from ..boundary.graphql import input_guard
from ..config import Settings
from .accounts.mutations import AccountMutation
from .accounts.queries import AccountQuery
from .candidates.mutations import CandidateMutation
from .candidates.queries import CandidateQuery
from .context import PrincipalPerOperation
from .cost import cost_limit
from .errors import ErrorPolicy
from .execution import compiled_executor
from .interviews.mutations import InterviewMutation
from .interviews.queries import InterviewQuery
from .interviews.subscriptions import InterviewSubscription
from .media.mutations import MediaMutation
from .media.queries import MediaQuery
from .node import NodeQuery
from .organizations.mutations import OrganizationMutation
from .request_errors import OneOperationOrName, RequestErrorCodes
from .review.mutations import ReviewMutation
from .review.queries import ReviewQuery
from .review.subscriptions import ReviewSubscription
from .scalars import SCALAR_MAP

Query = merge_types(
    "Query",
    (NodeQuery, AccountQuery, InterviewQuery, MediaQuery, ReviewQuery, CandidateQuery),
)
Mutation = merge_types(
    "Mutation",
    (
        AccountMutation,
        OrganizationMutation,
        InterviewMutation,
        MediaMutation,
        ReviewMutation,
        CandidateMutation,
    ),
)

Subscription = merge_types("Subscription", (InterviewSubscription, ReviewSubscription))


class Schema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Logging happens in ErrorPolicy, once, with the request id."""


# Parsed documents and validation results are kept for this many distinct query
# texts, each at most this long. Clients send a few dozen fixed operations of a
# few hundred characters; the bounds keep what unique texts can pin down to
# about 50 MB (a parsed document takes about 90 bytes per character).
DOCUMENT_CACHE_SIZE = 128
CACHED_QUERY_CHARS = 4096


def limit_extensions(settings: Settings) -> list[type[SchemaExtension]]:
    """strawberry's document limits, as classes so each request gets fresh ones.

    The validation rules are built here, once per schema, by strawberry's own
    limiters, not in each request's constructor: a request then carries
    the same rule classes as the one before, so ValidationCache can recognise a
    (document, rules) pair it has already validated. The rules are pure
    functions of the document and the limits, so a cached result is the one a
    fresh validation would give.
    """
    depth_rules = QueryDepthLimiter(max_depth=settings.max_query_depth).validation_rules
    alias_rules = MaxAliasesLimiter(max_alias_count=settings.max_query_aliases).validation_rules

    class DepthLimit(AddValidationRules):
        def __init__(self) -> None:
            super().__init__(depth_rules)

    class TokenLimit(MaxTokensLimiter):
        def __init__(self) -> None:
            super().__init__(max_token_count=settings.max_query_tokens)

    class AliasLimit(AddValidationRules):
        def __init__(self) -> None:
            super().__init__(alias_rules)

    return [DepthLimit, TokenLimit, AliasLimit]


def cache_extensions() -> list[type[SchemaExtension]]:
    """Parse and validate each distinct document once, not on every request.

    ParserCache keys on the query text and the parse options, which include
    TokenLimit's max_tokens, and does not keep failures: a document that does
    not parse (or is over the token limit) is parsed again by strawberry, which
    reports the error, each time. Validated keys on the schema, the text of the
    document (the very document object it was made for) and the rules, and
    keeps failures too: an over-deep document gets the same errors each time
    without being walked again.
    Texts longer than CACHED_QUERY_CHARS skip both and are handled as before.
    """

    def cacheable(context: ExecutionContext) -> bool:
        return context.query is not None and len(context.query) <= CACHED_QUERY_CHARS

    class Parsed(ParserCache):
        def __init__(self) -> None:
            super().__init__(maxsize=DOCUMENT_CACHE_SIZE)

        def on_parse(self) -> Iterator[None]:
            context = self.execution_context
            if cacheable(context):
                # A syntax error is left to strawberry's own parse, which reports it in
                # the result; raised from here it would end a WebSocket operation
                # without any error message.
                with contextlib.suppress(GraphQLError):
                    context.graphql_document = self.cached_parse_document(
                        context.query, **context.parse_options
                    )
            yield

    validated: OrderedDict[tuple[Any, str, tuple[Any, ...]], tuple[Any, Any]] = OrderedDict()

    class Validated(SchemaExtension):
        """ValidationCache's results, found without hashing the document.

        strawberry's ValidationCache keys on the parsed document, and graphql-core
        hashes a document by walking every node of it, on every request: about a
        third of the time a refused 30-alias query took. Parsed returns the same
        document object for the same text, so the text finds the entry, and the
        entry is used only if it was made for that very object (otherwise the
        document is validated again, as ValidationCache would).
        """

        def on_validate(self) -> Iterator[None]:
            context = self.execution_context
            document = context.graphql_document
            if cacheable(context) and document is not None and context.validation_rules:
                schema = context.schema._schema  # noqa: SLF001
                key = (schema, cast(str, context.query), tuple(context.validation_rules))
                entry = validated.get(key)
                if entry is not None and entry[0] is document:
                    validated.move_to_end(key)
                    errors = entry[1]
                else:
                    errors = validate_document(schema, document, key[2])
                    validated[key] = (document, errors)
                    if len(validated) > DOCUMENT_CACHE_SIZE:
                        validated.popitem(last=False)
                context.pre_execution_errors = errors
            yield

    return [Parsed, Validated]


def build_schema(settings: Settings | None = None) -> Schema:
    settings = settings or Settings()
    return Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        config=StrawberryConfig(
            auto_camel_case=True, scalar_map={**BOUNDARY_SCALARS, **SCALAR_MAP}
        ),
        # Plans for the same documents the parse and validation caches keep.
        execution_context_class=compiled_executor(
            enabled=settings.compiled_execution,
            check=settings.execution_check,
            maxsize=DOCUMENT_CACHE_SIZE,
            max_chars=CACHED_QUERY_CHARS,
        ),
        extensions=[
            # First, so that it runs last and codes the errors the client gets.
            RequestErrorCodes,
            ErrorPolicy,
            *input_guard(settings),
            PrincipalPerOperation,
            *limit_extensions(settings),
            *cache_extensions(),
            cost_limit(settings),
            # Last, so that it sees what the validation cache found.
            OneOperationOrName,
        ],
    )


def export_sdl() -> str:
    return build_schema().as_str() + "\n"
