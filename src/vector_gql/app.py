"""The Starlette application: routes, middleware and lifespan."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket
from strawberry.exceptions import ConnectionRejectionError
from strawberry.types.unset import UNSET
from tortoise import connections

from . import db
from .boundary.asgi import BoundaryGuard
from .boundary.graphql import BoundaryView
from .config import Settings
from .graphql.context import Context
from .graphql.http import GraphQLHTTPView
from .graphql.schema import build_schema
from .graphql.upload_gate import UploadGate
from .logging import configure_logging
from .middleware import BodyLimit, CoalesceUploadBody, RequestContext, UploadCsrf
from .services import Services
from .services.clock import Clock
from .services.errors import Unauthenticated
from .storage import Storage
from .storage.routes import storage_routes
from .unavailable import ServiceUnavailable
from .web import graphiql, interviews_api, legacy_media, pages, review_media

log = logging.getLogger(__name__)
GRAPHQL_PATH = "/graphql"


class GraphQLView(BoundaryView, GraphQLHTTPView[Context, None]):
    """The GraphQL endpoint with our context, input checks and WebSocket authentication."""

    def __init__(self, services: Services, **kwargs: Any) -> None:
        schema = build_schema(services.settings)
        super().__init__(schema, **kwargs)
        self.services = services
        self.boundary_settings = services.settings
        self.upload_gate = UploadGate(schema._schema, services.settings)

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        return Context(
            request=request,
            response=response,
            services=self.services,
            request_id=request.scope.get("state", {}).get("request_id", "-"),
        )

    async def render_graphql_ide(self, request: Request) -> Response:
        return graphiql.render(request, GRAPHQL_PATH)

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        try:
            return await super().run(request, context, root_value)
        finally:
            # Close uploaded files (and remove their spool files) whatever happened:
            # refused before any resolver ran, failed, or done.
            if isinstance(request, Request):
                await request.close()

    async def on_ws_connect(self, context: Context) -> Any:
        # Called after connection_init: its payload carries the token
        # ({"Authorization": "Bearer ..."}); a bad token closes the socket.
        context.reset()
        try:
            await context.principal()
        except Unauthenticated as exc:
            raise ConnectionRejectionError({"message": str(exc)}) from None
        return None


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    checks = {"database": "up", "storage": "up"}
    try:
        await connections.get("default").execute_query("SELECT 1")
    except Exception as exc:  # readiness reports any failure, never raises
        if db.is_unavailable(exc):
            log.warning("readiness check: database unavailable: %r", exc)
        else:
            log.exception("readiness check failed: database")
        checks["database"] = "down"
    try:
        await request.app.state.services.storage.ping()
    except Exception:
        log.exception("readiness check failed: storage")
        checks["storage"] = "down"
    ok = all(value == "up" for value in checks.values())
    return JSONResponse(
        {"status": "ok" if ok else "unavailable", **checks}, status_code=200 if ok else 503
    )


async def cleanup_uploads_forever(services: Services) -> None:
    """Remove abandoned direct uploads now and then, in every worker (it is idempotent)."""
    interval = max(60, min(3600, services.settings.abandoned_upload_seconds // 4))
    while True:
        try:
            removed = await services.videos.cleanup_abandoned()
            if removed:
                log.info("removed %d abandoned uploads", removed)
        except Exception:
            log.exception("cleaning up abandoned uploads failed")
        await asyncio.sleep(interval)


async def prune_query_budgets_forever(services: Services) -> None:
    """Forget budgets that have refilled, now and then, in every worker (it is idempotent)."""
    while True:
        try:
            await services.query_budget.prune()
        except Exception:
            log.exception("pruning query budgets failed")
        await asyncio.sleep(600)


# How often a worker gives back the query-budget leases it no longer spends.
SETTLE_LEASES_SECONDS = 5


async def settle_query_budget_leases_forever(services: Services) -> None:
    """Return unspent leases of callers this worker has stopped seeing (services/query_budget)."""
    while True:
        await asyncio.sleep(SETTLE_LEASES_SECONDS)
        try:
            await services.query_budget.settle()
        except Exception:
            log.exception("returning query budget leases failed")


async def unexpected_error(request: Request, exc: Exception) -> Response:
    """A failure outside GraphQL: logged with the request id, never shown to the client."""
    request_id = request.scope.get("state", {}).get("request_id", "-")
    log.error(
        "unexpected error in %s %s (request %s)",
        request.method,
        request.url.path,
        request_id,
        exc_info=(type(exc), exc, exc.__traceback__),
    )
    return JSONResponse(
        {"detail": "Unexpected error.", "requestId": request_id},
        status_code=500,
        headers={"x-request-id": request_id},
    )


YOUNG_GC_THRESHOLD = 20_000


def freeze_startup_objects() -> None:
    """Keep what start-up built out of the garbage collector's full passes.

    Modules, the GraphQL schema and the ORM's metadata live as long as the
    process, yet every full (generation 2) collection walked all of them: a
    request builds enough objects to trigger one every few requests, and under
    load those passes took about a quarter of the CPU of an interviews page.
    Garbage is collected first, so only live objects are frozen.

    The youngest generation is collected every ``YOUNG_GC_THRESHOLD`` allocations
    rather than Python's 700: a page of a hundred interviews allocates tens of
    thousands of objects that live until its response is sent, and each young
    collection during the request walked them all again (about a fifth of the
    page's CPU). Almost all of them are freed by reference counting, so the
    collector finds little to do when it runs.
    """
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_GC_THRESHOLD, middle, old)


def create_app(
    settings: Settings | None = None,
    *,
    manage_database: bool = True,
    storage: Storage | None = None,
    clock: Clock | None = None,
) -> Starlette:
    """Build the app.

    ``manage_database`` makes the lifespan connect the ORM (starting the
    embedded PostgreSQL when no URL is set) and close it on shutdown. Tests
    and the CLI, which set the database up themselves, pass False. ``clock``
    is the services' source of "now" (tests pass a ``ManualClock``).
    """
    settings = settings or Settings.from_env()
    services = Services.build(settings, storage, clock=clock)
    view = GraphQLView(
        services,
        multipart_uploads_enabled=True,
        graphql_ide="graphiql" if settings.graphiql_enabled else None,
        allowed_origins=settings.cors_origins,
        keep_alive=True,
        keep_alive_interval=15,
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        embedded = None
        if manage_database:
            # Served (not under test): each uvicorn worker process sets up its own logs.
            configure_logging(settings)
            database, embedded = db.connection_for(settings)
            log.info("database: %s", db.describe_database(database))
            await db.init_orm(
                database,
                pool_max=settings.database_pool_max,
                statement_timeout=settings.database_timeout_seconds,
            )
        if manage_database and settings.worker_in_serve:
            # Every uvicorn worker process works the queue too (see services/jobs).
            await services.jobs.start_worker()
        freeze_startup_objects()
        housekeeping = (
            [
                asyncio.create_task(cleanup_uploads_forever(services)),
                asyncio.create_task(prune_query_budgets_forever(services)),
                asyncio.create_task(settle_query_budget_leases_forever(services)),
            ]
            if manage_database
            else []
        )
        try:
            yield
        finally:
            for task in housekeeping:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            if manage_database:
                try:
                    await services.query_budget.settle(everything=True)
                except Exception:
                    log.exception("returning query budget leases failed")
            await services.close()
            if manage_database:
                await db.close_orm()
            if embedded is not None:
                embedded.stop()

    routes: list[BaseRoute] = [
        # Every method reaches the view, which answers the ones it does not take
        # with a JSON GraphQL error (405) rather than starlette's text.
        Route(GRAPHQL_PATH, view),
        WebSocketRoute(GRAPHQL_PATH, view),
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        *pages.routes(),
        *graphiql.routes(),
        *legacy_media.routes(),
        *storage_routes(services.storage),
        *interviews_api.routes(),
        *review_media.routes(),
        Mount(
            "/static",
            app=StaticFiles(packages=[("vector_gql.web", "static")]),
            name="static",
        ),
    ]
    middleware = [
        Middleware(RequestContext),
        Middleware(
            BoundaryGuard,
            max_message_bytes=settings.max_json_body_bytes,
            graphql_path=GRAPHQL_PATH,
        ),
        Middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PUT", "OPTIONS"],
            allow_headers=[
                "authorization",
                "content-type",
                "apollo-require-preflight",
                "x-apollo-operation-name",
                "x-request-id",
            ],
            expose_headers=["etag", "x-request-id", "retry-after"],
            max_age=600,
        ),
        # Inside the guard, which answers 500 for anything else, and inside CORS, so
        # that a browser can read the 503.
        Middleware(ServiceUnavailable, graphql_path=GRAPHQL_PATH),
        Middleware(
            BodyLimit,
            settings=settings,
            upload_paths=(GRAPHQL_PATH, *legacy_media.UPLOAD_PATHS),
            graphql_path=GRAPHQL_PATH,
        ),
        Middleware(
            CoalesceUploadBody,
            upload_paths=(GRAPHQL_PATH, *legacy_media.UPLOAD_PATHS),
            gated_paths=(GRAPHQL_PATH,),
        ),
        Middleware(UploadCsrf, paths=(GRAPHQL_PATH,)),
    ]
    app = Starlette(
        routes=routes,
        middleware=middleware,
        lifespan=lifespan,
        exception_handlers={Exception: unexpected_error},
    )
    app.state.services = services
    app.state.settings = settings
    return app
