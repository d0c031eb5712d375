"""Per-request context: the principal, the services, the request's loaders."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from starlette.requests import Request
from starlette.websockets import WebSocket
from strawberry.extensions import SchemaExtension
from strawberry.types import Info as StrawberryInfo

from ..services import Services
from ..services.accounts import ClientInfo
from ..services.auth import Anonymous, Principal, bearer_token
from ..services.errors import Unauthenticated
from ..services.query_budget import Charge
from .loaders import Loaders


@dataclass(frozen=True)
class Prepaid:
    """An operation's cost, charged to the caller's budget before its body was read."""

    query: str
    operation_name: str | None
    charge: Charge
    key: str = ""  # the budget charged


@dataclass
class Context:
    request: Request | WebSocket
    services: Services
    request_id: str
    response: Any = None
    # Set by the graphql-transport-ws handler from the connection_init payload.
    connection_params: dict[str, Any] | None = None
    loaders: Loaders = field(init=False)
    # Set by the upload gate (upload_gate.py), which judges a multipart request before
    # its files are read: the query budget it charged for the operation, and the
    # refusal each upload field (by response key) answers with instead of running.
    prepaid: Prepaid | None = None
    upload_refusals: dict[str, Exception] = field(default_factory=dict)
    _principal: Principal | None = None
    _principal_error: Unauthenticated | None = None

    def __post_init__(self) -> None:
        self.loaders = Loaders(self)

    @property
    def client(self) -> ClientInfo:
        client = self.request.client
        return ClientInfo(
            ip=client.host if client else "",
            user_agent=self.request.headers.get("user-agent", ""),
        )

    def _authorization(self) -> str | None:
        if self.connection_params is not None:
            header = self.connection_params.get("Authorization") or self.connection_params.get(
                "authorization"
            )
            return header if isinstance(header, str) else None
        return self.request.headers.get("authorization")

    async def principal(self) -> Principal:
        """Who the request acts as: ANONYMOUS without a token; Unauthenticated for a bad one."""
        if self._principal is None and self._principal_error is None:
            try:
                token = bearer_token(self._authorization())
                self._principal = await self.services.authenticate(token)
            except Unauthenticated as exc:
                self._principal_error = exc
        if self._principal_error is not None:
            raise self._principal_error
        assert self._principal is not None
        return self._principal

    async def authenticated(self) -> Principal:
        """The principal, who must have presented credentials: Unauthenticated otherwise.

        Whether that principal may do what it asks is the services' policy to say.
        """
        principal = await self.principal()
        if isinstance(principal, Anonymous):
            raise Unauthenticated()
        return principal

    def reset(self) -> None:
        """Forget the principal and the loaded objects: the next operation starts afresh."""
        self._principal, self._principal_error = None, None
        self.loaders = Loaders(self)


Info: TypeAlias = StrawberryInfo[Context, Any]


class PrincipalPerOperation(SchemaExtension):
    """A WebSocket carries many operations under one context: check the principal for each.

    Without this, a socket opened before a logout, a revoked login or the access
    token's expiry would go on acting as the user.
    """

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context.context
        if isinstance(context, Context) and isinstance(context.request, WebSocket):
            context.reset()
        yield
