"""The raw floor: the benchmarked operations served by Starlette and asyncpg alone.

No ORM and no GraphQL: each request body is parsed as JSON, its ``query`` text
is looked up among the few operations below (as a server of persisted queries
would), and a handler runs plain SQL and writes the same JSON the GraphQL API
answers for the same data. It authenticates as the API does: the same JWT
checks, then the same session and user rows. What the API spends beyond this
app is the price of its framework; ``floor_bench.py`` measures both, side by
side, in one run.

Serve it with uvicorn (``floor_bench.py`` does):

    VECTOR_DATABASE_URL=postgres://... VECTOR_JWT_SECRET=... \\
        uvicorn floor_app:app --app-dir bench --workers 2
"""

from __future__ import annotations

import base64
import json
import os
import uuid
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

import asyncpg
import jwt
from interviews_bench import QUERY as INTERVIEWS_QUERY
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

VIEWER_QUERY = "{ viewer { id username } }"
NODE_QUERY = """
query Node($id: ID!) {
  node(id: $id) { id ... on Interview { title questions { id text } } }
}
"""
CREATE_INTERVIEW_MUTATION = """
mutation Create($input: CreateInterviewInput!) {
  createInterview(input: $input) {
    interview { id title questions { id text } }
    errors { field message code }
  }
}
"""

# The API's defaults for what createInterview leaves out.
THINK_TIME, ANSWER_TIME, RETAKES = 30, 120, 1
MAX_TITLE, MAX_QUESTION_TEXT, MAX_QUESTIONS = 200, 2_000, 100
EDITORS = ("OWNER", "RECRUITER")

# The four statements of the interviews page, as the API sends them: the page,
# the total, then the selected relations of the page in one statement each.
PAGE_SQL = """
SELECT id, title, creator_id FROM interview_interview
WHERE organization_id IN (SELECT organization_id FROM org_membership WHERE user_id = $1)
ORDER BY created_at DESC, id DESC LIMIT $2
"""
COUNT_SQL = """
SELECT count(*) FROM interview_interview
WHERE organization_id IN (SELECT organization_id FROM org_membership WHERE user_id = $1)
"""
QUESTIONS_SQL = """
SELECT interview_id, id, text FROM interview_question
WHERE interview_id = ANY($1::bigint[]) ORDER BY interview_id, position, id
"""
USERS_SQL = "SELECT id, username FROM account_user WHERE id = ANY($1::bigint[])"
SESSION_SQL = """
SELECT u.id, u.username FROM account_session s JOIN account_user u ON u.id = s.user_id
WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()
  AND u.is_active
"""


class Refused(Exception):
    """A request the API would answer with a GraphQL error."""


def global_id(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def parse_global_id(value: Any) -> tuple[str, int] | None:
    try:
        type_name, _, pk = base64.b64decode(value).decode().partition(":")
        return type_name, int(pk)
    except (ValueError, TypeError):
        return None


class Floor:
    def __init__(self) -> None:
        self.pool: asyncpg.Pool | None = None
        self.secret = os.environ.get("VECTOR_JWT_SECRET", "")
        self.issuer = os.environ.get("VECTOR_JWT_ISSUER", "vector-interview")

    async def viewer(self, conn: asyncpg.Connection, request: Request) -> asyncpg.Record:
        """The API's authentication: the JWT's checks, then its session and user rows."""
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise Refused("Sign in first.")
        try:
            claims = jwt.decode(
                token.strip(),
                self.secret,
                algorithms=["HS256"],
                issuer=self.issuer,
                options={"require": ["sub", "exp", "iat", "jti", "iss", "type", "sid"]},
            )
            if claims["type"] != "access":
                raise Refused("This is not an access token.")
            user_id, session_id = int(claims["sub"]), uuid.UUID(claims["sid"])
        except (jwt.PyJWTError, TypeError, ValueError):
            raise Refused("The token is invalid.") from None
        row = await conn.fetchrow(SESSION_SQL, session_id, user_id)
        if row is None:
            raise Refused("The token has been revoked. Log in again.")
        return row

    # --- the operations -----------------------------------------------------------

    async def interviews(self, conn, request: Request, variables: dict) -> dict:
        viewer = await self.viewer(conn, request)
        first = variables.get("first") or 20
        rows = await conn.fetch(PAGE_SQL, viewer["id"], first)
        total = await conn.fetchval(COUNT_SQL, viewer["id"])
        questions: dict[int, list[dict]] = {row["id"]: [] for row in rows}
        for q in await conn.fetch(QUESTIONS_SQL, list(questions)):
            questions[q["interview_id"]].append({"text": q["text"]})
        creators = {row["creator_id"] for row in rows}
        users = {u["id"]: u["username"] for u in await conn.fetch(USERS_SQL, list(creators))}
        edges = [
            {
                "node": {
                    "id": global_id("Interview", row["id"]),
                    "title": row["title"],
                    "questions": questions[row["id"]],
                    "creator": {"username": users[row["creator_id"]]},
                }
            }
            for row in rows
        ]
        return {"interviews": {"edges": edges, "totalCount": total}}

    async def viewer_query(self, conn, request: Request, variables: dict) -> dict:
        viewer = await self.viewer(conn, request)
        return {"viewer": {"id": global_id("User", viewer["id"]), "username": viewer["username"]}}

    async def node(self, conn, request: Request, variables: dict) -> dict:
        viewer = await self.viewer(conn, request)
        parsed = parse_global_id(variables.get("id"))
        if parsed is None or parsed[0] != "Interview":
            return {"node": None}
        row = await conn.fetchrow(
            "SELECT id, title FROM interview_interview WHERE id = $1 AND organization_id IN "
            "(SELECT organization_id FROM org_membership WHERE user_id = $2)",
            parsed[1],
            viewer["id"],
        )
        if row is None:
            return {"node": None}
        questions = await conn.fetch(
            "SELECT id, text FROM interview_question WHERE interview_id = $1 ORDER BY position, id",
            row["id"],
        )
        return {
            "node": {
                "id": global_id("Interview", row["id"]),
                "title": row["title"],
                "questions": [
                    {"id": global_id("Question", q["id"]), "text": q["text"]} for q in questions
                ],
            }
        }

    async def create_interview(self, conn, request: Request, variables: dict) -> dict:
        viewer = await self.viewer(conn, request)
        data = variables["input"]
        org = parse_global_id(data.get("organizationId"))
        role = (
            await conn.fetchval(
                "SELECT role FROM org_membership WHERE user_id = $1 AND organization_id = $2",
                viewer["id"],
                org[1],
            )
            if org and org[0] == "Organization"
            else None
        )
        if org is None or role not in EDITORS:
            raise Refused("You may not change this organization's interviews.")
        title = (data.get("title") or "").strip()
        texts = [(q.get("text") or "").strip() for q in data.get("questions") or []]
        if (
            not 0 < len(title) <= MAX_TITLE
            or not 0 < len(texts) <= MAX_QUESTIONS
            or not all(0 < len(t) <= MAX_QUESTION_TEXT for t in texts)
        ):
            raise Refused("Invalid input.")
        now = datetime.now(UTC)
        async with conn.transaction():
            interview_id = await conn.fetchval(
                "INSERT INTO interview_interview (title, description, status, created_at, "
                "updated_at, creator_id, organization_id) "
                "VALUES ($1, $2, 'DRAFT', $3, $3, $4, $5) RETURNING id",
                title,
                data.get("description") or "",
                now,
                viewer["id"],
                org[1],
            )
            ids = await conn.fetch(
                "INSERT INTO interview_question (position, text, think_time_seconds, "
                "answer_time_seconds, retakes, created_at, interview_id) "
                "SELECT p, t, $3, $4, $5, $6, $7 FROM unnest($1::int[], $2::text[]) AS q(p, t) "
                "ORDER BY p RETURNING id",
                list(range(1, len(texts) + 1)),
                texts,
                THINK_TIME,
                ANSWER_TIME,
                RETAKES,
                now,
                interview_id,
            )
        questions = [
            {"id": global_id("Question", row["id"]), "text": text}
            for row, text in zip(ids, texts, strict=True)
        ]
        interview = {"id": global_id("Interview", interview_id), "title": title}
        return {
            "createInterview": {"interview": {**interview, "questions": questions}, "errors": []}
        }

    # --- HTTP -------------------------------------------------------------------------

    async def graphql(self, request: Request) -> Response:
        body = json.loads(await request.body())
        handler = OPERATIONS.get(body.get("query"))
        if handler is None:
            return _json({"errors": [{"message": "The floor does not serve this operation."}]})
        assert self.pool is not None
        async with self.pool.acquire() as conn:
            try:
                data = await handler(self, conn, request, body.get("variables") or {})
            except Refused as exc:
                return _json({"data": None, "errors": [{"message": str(exc)}]})
        return _json({"data": data})

    async def readyz(self, request: Request) -> Response:
        assert self.pool is not None
        await self.pool.fetchval("SELECT 1")
        return _json({"status": "ok"})


OPERATIONS = {
    INTERVIEWS_QUERY: Floor.interviews,
    VIEWER_QUERY: Floor.viewer_query,
    NODE_QUERY: Floor.node,
    CREATE_INTERVIEW_MUTATION: Floor.create_interview,
}


def _json(data: Any) -> Response:
    # The same encoding as the API's responses (strawberry's encode_json).
    return Response(json.dumps(data, separators=(",", ":")), media_type="application/json")


def create_app() -> Starlette:
    floor = Floor()

    @asynccontextmanager
    async def lifespan(app: Starlette):
        url = os.environ["VECTOR_DATABASE_URL"].replace("postgres://", "postgresql://", 1)
        # The API's pool size per process (VECTOR_DATABASE_POOL_MAX).
        floor.pool = await asyncpg.create_pool(
            url, min_size=1, max_size=int(os.environ.get("VECTOR_DATABASE_POOL_MAX", "10"))
        )
        try:
            yield
        finally:
            await floor.pool.close()

    return Starlette(
        routes=[
            Route("/graphql", floor.graphql, methods=["POST"]),
            Route("/readyz", floor.readyz),
        ],
        lifespan=lifespan,
    )


app = create_app()
