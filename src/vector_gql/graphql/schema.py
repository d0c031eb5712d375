"""Assembles the schema from the domain modules."""

from __future__ import annotations

import strawberry
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from ..config import Settings
from .accounts import AccountMutation, AccountQuery
from .context import ViewerPerOperation
from .errors import ErrorPolicy
from .interviews import InterviewMutation, InterviewQuery
from .media import MediaMutation, MediaQuery
from .node import NodeQuery
from .organizations import OrganizationMutation

Query = merge_types("Query", (NodeQuery, AccountQuery, InterviewQuery, MediaQuery))
Mutation = merge_types(
    "Mutation", (AccountMutation, OrganizationMutation, InterviewMutation, MediaMutation)
)


class Schema(strawberry.Schema):
    def process_errors(self, errors, execution_context=None) -> None:
        """Logging happens in ErrorPolicy, once, with the request id."""


def limit_extensions(settings: Settings) -> list[type]:
    """strawberry's document limits, as classes so each request gets fresh ones."""

    class DepthLimit(QueryDepthLimiter):
        def __init__(self) -> None:
            super().__init__(max_depth=settings.max_query_depth)

    class TokenLimit(MaxTokensLimiter):
        def __init__(self) -> None:
            super().__init__(max_token_count=settings.max_query_tokens)

    class AliasLimit(MaxAliasesLimiter):
        def __init__(self) -> None:
            super().__init__(max_alias_count=settings.max_query_aliases)

    return [DepthLimit, TokenLimit, AliasLimit]


def build_schema(settings: Settings | None = None) -> Schema:
    settings = settings or Settings()
    return Schema(
        query=Query,
        mutation=Mutation,
        config=StrawberryConfig(auto_camel_case=True),
        extensions=[ErrorPolicy, ViewerPerOperation, *limit_extensions(settings)],
    )


def export_sdl() -> str:
    return build_schema().as_str() + "\n"
