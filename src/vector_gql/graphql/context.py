"""Per-request context: who is asking, the services, the request's DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.websockets import WebSocket
from strawberry.extensions import SchemaExtension

from ..services import Services
from ..services.accounts import ClientInfo, Viewer
from ..services.errors import Unauthenticated


def bearer_token(header: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, if any."""
    if not header:
        return None
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("Send the access token as 'Authorization: Bearer <token>'.")
    return token.strip()


@dataclass
class Context:
    request: Request | WebSocket
    services: Services
    request_id: str
    response: Any = None
    # Set by the graphql-transport-ws handler from the connection_init payload.
    connection_params: dict[str, Any] | None = None
    loaders: dict[str, Any] = field(default_factory=dict)
    _viewer: Viewer | None = None
    _viewer_loaded: bool = False
    _viewer_error: Unauthenticated | None = None

    @property
    def settings(self):
        return self.services.settings

    @property
    def client(self) -> ClientInfo:
        client = self.request.client
        return ClientInfo(
            ip=client.host if client else "",
            user_agent=self.request.headers.get("user-agent", ""),
        )

    def _authorization(self) -> str | None:
        if self.connection_params is not None:
            params = self.connection_params or {}
            header = params.get("Authorization") or params.get("authorization")
            if isinstance(header, str):
                return header
            return None
        return self.request.headers.get("authorization")

    async def viewer(self) -> Viewer | None:
        """The signed-in viewer; None without a token; Unauthenticated for a bad one."""
        if not self._viewer_loaded:
            try:
                token = bearer_token(self._authorization())
                if token is not None:
                    self._viewer = await self.services.accounts.authenticate(token)
            except Unauthenticated as exc:
                self._viewer_error = exc
            self._viewer_loaded = True
        if self._viewer_error is not None:
            raise self._viewer_error
        return self._viewer

    async def require_viewer(self) -> Viewer:
        viewer = await self.viewer()
        if viewer is None:
            raise Unauthenticated()
        return viewer

    def reset_viewer(self) -> None:
        """Forget the cached viewer, so the next ``viewer()`` checks the token again."""
        self._viewer, self._viewer_loaded, self._viewer_error = None, False, None

    def loader(self, name: str, factory):
        """One DataLoader per name per request, so that a page batches its lookups."""
        if name not in self.loaders:
            self.loaders[name] = factory()
        return self.loaders[name]


class ViewerPerOperation(SchemaExtension):
    """A WebSocket carries many operations under one context: check the viewer for each.

    Without this, a socket opened before a logout, a revoked login or the access
    token's expiry would go on acting as the user.
    """

    def on_operation(self):
        context = self.execution_context.context
        if isinstance(context, Context) and isinstance(context.request, WebSocket):
            context.reset_viewer()
            context.loaders.clear()
        yield
