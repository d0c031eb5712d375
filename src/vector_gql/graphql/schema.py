"""Assembles the schema from the domain packages."""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

import strawberry
from graphql import DocumentNode, GraphQLError, GraphQLSchema
from strawberry.extensions import (
    MaxAliasesLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.extensions.runner import SchemaExtensionsRunner
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
from .extension_hooks import KnownHooksRunner
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

    def create_extensions_runner(
        self, execution_context: ExecutionContext, extensions: list[SchemaExtension]
    ) -> SchemaExtensionsRunner:
        """strawberry's runner, finding each extension class's hooks once (extension_hooks.py)."""
        return KnownHooksRunner(execution_context=execution_context, extensions=extensions)


# Parsed documents and validation results are kept for this many distinct query
# texts, each at most this long. Clients send a few dozen fixed operations of a
# few hundred characters; the bounds keep what unique texts can pin down to
# about 50 MB (a parsed document takes about 90 bytes per character).
DOCUMENT_CACHE_SIZE = 128
CACHED_QUERY_CHARS = 4096


def limit_extensions(settings: Settings) -> list[type[SchemaExtension]]:
    """strawberry's document limits (depth, tokens, aliases), as one extension class so
    each request gets a fresh one and pays for one hook rather than three.

    The validation rules are built here, once per schema, by strawberry's own
    limiters, not in each request's constructor: a request then carries
    the same rule classes as the one before, so the validation cache can recognise a
    (document, rules) pair it has already validated. The rules are pure
    functions of the document and the limits, so a cached result is the one a
    fresh validation would give. The hook does what strawberry's three
    extensions (QueryDepthLimiter's rules, MaxTokensLimiter, MaxAliasesLimiter's
    rules) did in their ``on_operation``, in the same order.
    """
    depth_rules = tuple(QueryDepthLimiter(max_depth=settings.max_query_depth).validation_rules)
    alias_rules = tuple(
        MaxAliasesLimiter(max_alias_count=settings.max_query_aliases).validation_rules
    )
    max_tokens = settings.max_query_tokens

    class DocumentLimits(SchemaExtension):
        def on_operation(self) -> Iterator[None]:
            context = self.execution_context
            context.validation_rules = context.validation_rules + depth_rules
            context.parse_options["max_tokens"] = max_tokens
            context.validation_rules = context.validation_rules + alias_rules
            yield

    return [DocumentLimits]


def cache_extensions() -> list[type[SchemaExtension]]:
    """Parse and validate each distinct document once, not on every request.

    ParserCache keys on the query text and the parse options, which include
    TokenLimit's max_tokens, and does not keep failures: a document that does
    not parse (or is over the token limit) is parsed again by strawberry, which
    reports the error, each time. Validation results are kept for the schema,
    the document and the rules, and failures too: an over-deep document gets
    the same errors each time without being walked again. The document is
    known by identity (the parse cache hands out the same one for the same
    text; each entry holds its document alive, so its id is not reused):
    strawberry's ValidationCache hashed it, and graphql-core's nodes are
    dataclasses whose hash walks the whole tree, on every request.
    Texts longer than CACHED_QUERY_CHARS skip both and are handled as before.
    """
    # (id(schema), id(document), rules) -> (schema, document, errors)
    validated: OrderedDict[
        tuple[int, int, tuple[Any, ...]], tuple[GraphQLSchema, DocumentNode, list[GraphQLError]]
    ] = OrderedDict()

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

    class Validated(SchemaExtension):
        def on_validate(self) -> Iterator[None]:
            context = self.execution_context
            document = context.graphql_document
            if document is not None and cacheable(context):
                schema = context.schema._schema
                rules = tuple(context.validation_rules)
                key = (id(schema), id(document), rules)
                entry = validated.get(key)
                if entry is not None and entry[0] is schema and entry[1] is document:
                    validated.move_to_end(key)
                    errors = entry[2]
                else:
                    errors = validate_document(schema, document, rules)
                    validated[key] = (schema, document, errors)
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
