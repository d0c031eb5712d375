"""What one unit of query cost takes: the figures behind VECTOR_QUERY_COST_MAX and the budget.

Seeds a scratch database with two organizations. The worst case the cost
bounds allow: interviews of the most questions an interview may have
(``MAX_QUESTIONS``), every question with a video prompt of its own (so no
signed URL is shared), and a pending direct upload of the largest allowed
size. And an ordinary one: 20 interviews of 5 questions, some with prompts.
Builds the app in-process (``create_app(manage_database=False)``, disk
storage, no cost limit, budgets off, requests through ``httpx.ASGITransport``)
and prints, for each query at several sizes, its cost, the wall-clock and CPU
time of one request (median of ``--repeat``; the CPU time is this process's,
the in-process client included, and is the steadier figure on a busy
machine), the longest stretch the event loop spent on it without running
anything else (a heartbeat task measures it: that is what a ``/healthz`` on
the same worker waits), and the CPU time and longest stretch per unit of cost.

    python bench/cost_bench.py [--repeat 5] [--interviews 16]

Worst-case shapes: ``prompt URLs`` signs a URL per question (the heaviest
weight per object); ``every field`` selects every scalar of an interview, its
questions and their prompts (scalars cost nothing, so it is the most work per
unit); ``nodes`` asks for 100 distinct videos by ID, with their URLs; ``upload
parts`` lists the largest upload's parts and presigns each. Ordinary pages:
what a client shows a recruiter.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import ROOT, scratch_database

sys.path.insert(0, str(ROOT))

PASSWORD = "correct horse battery staple"

PROMPT_URLS = """query($n: Int!) { interviews(first: $n) {
  edges { node { questions { videoPrompt { url } } } } } }"""
EVERY_FIELD = """query($n: Int!) { interviews(first: $n) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id title description status answerDeadline createdAt updatedAt
    questionsLocked creator { id username } organization { id name createdAt }
    questions { id position text thinkTimeSeconds answerTimeSeconds retakes
      videoPrompt { id title contentType sizeBytes durationSeconds width height codec sha256
        uploadedAt } } } } } }"""
NODES = """query($ids: [ID!]!) { nodes(ids: $ids) {
  ... on Video { id title url organization { name } uploadedBy { username } } } }"""
PARTS = """query($id: ID!) { videoUpload(id: $id) {
  parts { partNumber sizeBytes url uploaded etag } } }"""

# What a client shows: the signed-in user and their organizations, a page of
# interviews with their questions, one interview with its prompts to play.
VIEWER = """{ viewer { id username email memberships { role
  organization { id name viewerRole } } } }"""
INTERVIEW_LIST = """query($n: Int!) { interviews(first: $n) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id title status updatedAt questions { id text } } } } }"""
INTERVIEW_PAGE = """query($id: ID!) { node(id: $id) { ... on Interview {
  id title description status answerDeadline questionsLocked creator { username }
  questions { id position text thinkTimeSeconds answerTimeSeconds retakes
    videoPrompt { id title durationSeconds url } } } } }"""


async def _signup(http: Any, username: str) -> tuple[str, int]:
    from strawberry import relay

    response = await http.post(
        "/graphql",
        json={
            "query": "mutation($i: SignupInput!) { signup(input: $i) { accessToken user { id } } }",
            "variables": {
                "i": {
                    "username": username,
                    "email": f"{username}@example.com",
                    "password": PASSWORD,
                    "password2": PASSWORD,
                }
            },
        },
    )
    result = response.json()["data"]["signup"]
    return result["accessToken"], int(relay.GlobalID.from_id(result["user"]["id"]).node_id)


async def _organization(
    user_id: int, interviews: int, questions: int, prompts: int
) -> tuple[list[int], list[int]]:
    """Interviews of ``questions`` each, the first ``prompts`` of them with a video of its own."""
    from vector_gql.models.interviews import Interview, Question
    from vector_gql.models.media import Video
    from vector_gql.models.organizations import Organization

    organization = await Organization.filter(memberships__user_id=user_id).first()
    assert organization is not None
    await Video.bulk_create(
        [
            Video(
                title=f"Prompt {n}",
                storage_key=f"videos/prompt-{organization.id}-{n}",
                filename=f"prompt{n}.mp4",
                container="mp4",
                content_type="video/mp4",
                size_bytes=1000,
                duration_seconds=2.0,
                width=320,
                height=240,
                codec="h264",
                sha256="0" * 64,
                organization=organization,
                uploaded_by_id=user_id,
            )
            for n in range(interviews * prompts)
        ]
    )
    videos = await Video.filter(organization=organization).order_by("id")
    created = []
    for n in range(interviews):
        interview = await Interview.create(
            organization=organization, creator_id=user_id, title=f"Interview {n}"
        )
        created.append(interview.id)
        await Question.bulk_create(
            [
                Question(
                    interview=interview,
                    position=q + 1,
                    text=f"Question {q + 1}?",
                    think_time_seconds=30,
                    video_prompt=videos[n * prompts + q] if q < prompts else None,
                )
                for q in range(questions)
            ]
        )
    return created, [video.id for video in videos]


async def seed(app: Any, http: Any, interviews: int) -> dict[str, Any]:
    """The worst case and an ordinary organization: tokens and the IDs asked for."""
    from strawberry import relay

    from vector_gql.services.interviews.rules import MAX_QUESTIONS

    worst, worst_id = await _signup(http, "worst")
    _, videos = await _organization(worst_id, interviews, MAX_QUESTIONS, MAX_QUESTIONS)
    start = await http.post(
        "/graphql",
        json={
            "query": "mutation($i: StartVideoUploadInput!) "
            "{ startVideoUpload(input: $i) { upload { id } } }",
            "variables": {
                "i": {
                    "title": "Big",
                    "filename": "big.mp4",
                    "sizeBytes": app.state.settings.max_upload_bytes,
                }
            },
        },
        headers={"Authorization": f"Bearer {worst}"},
    )
    normal, normal_id = await _signup(http, "normal")
    interview_ids, _ = await _organization(normal_id, 20, 5, 3)
    return {
        "worst": worst,
        "videos": [str(relay.GlobalID("Video", str(video))) for video in videos[:100]],
        "upload": start.json()["data"]["startVideoUpload"]["upload"]["id"],
        "normal": normal,
        "interview": str(relay.GlobalID("Interview", str(interview_ids[0]))),
    }


class Heartbeat:
    """The longest the event loop went without coming back to this task."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _beat(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.0002)  # not 0: spinning would take a core from the server
            now = time.perf_counter()
            self.longest = max(self.longest, now - last)
            last = now

    def __enter__(self) -> Heartbeat:
        self.longest = 0.0
        self._task = asyncio.ensure_future(self._beat())
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()


async def measure(http: Any, token: str, body: dict[str, Any], repeat: int) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"}
    walls, cpus, blocks = [], [], []
    cost = 0
    for _ in range(repeat + 1):  # the first one warms the caches up, and is not counted
        with Heartbeat() as heartbeat:
            started, cpu = time.perf_counter(), time.process_time()
            response = await http.post("/graphql", json=body, headers=headers)
            walls.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
            await asyncio.sleep(0.001)  # let the heartbeat see the end of the request
        blocks.append(heartbeat.longest)
        answer = response.json()
        assert "errors" not in answer, answer["errors"]
        cost = answer["extensions"]["cost"]["requestedQueryCost"]
    return {
        "cost": cost,
        "wall": statistics.median(walls[1:]),
        "cpu": statistics.median(cpus[1:]),
        "block": statistics.median(blocks[1:]),
    }


HEADER = (
    f"{'query':<30} {'cost':>6} {'wall ms':>8} {'CPU ms':>7} {'block ms':>9} "
    f"{'CPU us/unit':>12} {'block us/unit':>14}"
)


async def table(
    http: Any, cases: list[tuple[str, str, dict[str, Any]]], repeat: int
) -> list[dict[str, Any]]:
    print(HEADER)
    print("-" * len(HEADER))
    rows = []
    for label, token, body in cases:
        found = await measure(http, token, body, repeat)
        found["label"] = label
        rows.append(found)
        print(
            f"{label:<30} {found['cost']:>6} {found['wall'] * 1000:>8.1f} "
            f"{found['cpu'] * 1000:>7.1f} {found['block'] * 1000:>9.1f} "
            f"{found['cpu'] * 1e6 / found['cost']:>12.1f} "
            f"{found['block'] * 1e6 / found['cost']:>14.1f}"
        )
    return rows


async def main_async(database_url: str, args: argparse.Namespace) -> None:
    import httpx

    from vector_gql import db
    from vector_gql.app import create_app, freeze_startup_objects
    from vector_gql.config import Settings

    await db.migrate(database_url)
    await db.init_orm(database_url)
    settings = Settings(
        env="development",
        bcrypt_rounds=4,
        data_dir=Path(tempfile.mkdtemp(prefix="vector-cost-bench-")),
        # Measured, not limited: every size runs, and nothing is charged.
        query_cost_max=10**9,
        query_budget=0,
        # The checks a test server makes are not part of the figures.
        execution_check=False,
    )
    defaults = Settings()
    app = create_app(settings, manage_database=False)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(
            transport=transport, base_url="http://bench", timeout=120
        ) as http:
            started = time.perf_counter()
            seeded = await seed(app, http, args.interviews)
            print(
                f"Seeded {args.interviews} interviews x 100 questions, each with a prompt video "
                f"of its own, and 20 interviews x 5 questions, in "
                f"{time.perf_counter() - started:.1f} s.\n",
                file=sys.stderr,
            )
            freeze_startup_objects()
            worst, normal = seeded["worst"], seeded["normal"]
            sizes = [n for n in (1, 2, 4, 8, 16) if n <= args.interviews]
            cases: list[tuple[str, str, dict[str, Any]]] = [
                (
                    f"prompt URLs, {n} interviews",
                    worst,
                    {"query": PROMPT_URLS, "variables": {"n": n}},
                )
                for n in sizes
            ]
            cases += [
                (
                    f"every field, {n} interviews",
                    worst,
                    {"query": EVERY_FIELD, "variables": {"n": n}},
                )
                for n in sizes
            ]
            cases += [
                (
                    "nodes, 100 videos",
                    worst,
                    {"query": NODES, "variables": {"ids": seeded["videos"]}},
                ),
                ("upload parts", worst, {"query": PARTS, "variables": {"id": seeded["upload"]}}),
            ]
            print("The worst case the bounds allow:\n")
            rows = await table(http, cases, args.repeat)
            print("\nOrdinary pages (interviews of 5 questions):\n")
            ordinary: list[tuple[str, str, dict[str, Any]]] = [
                ("viewer and organizations", normal, {"query": VIEWER}),
                ("interview list, 20", normal, {"query": INTERVIEW_LIST, "variables": {"n": 20}}),
                ("interview list, 100", normal, {"query": INTERVIEW_LIST, "variables": {"n": 100}}),
                (
                    "one interview, with prompts",
                    normal,
                    {"query": INTERVIEW_PAGE, "variables": {"id": seeded["interview"]}},
                ),
            ]
            await table(http, ordinary, args.repeat)
            # What one more unit of cost adds (the slope from the smallest to the largest
            # size of a shape), apart from what every request costs whatever it asks.
            slopes = []
            for shape in ("prompt URLs", "every field"):
                sized = [row for row in rows if row["label"].startswith(shape)]
                small, large = sized[0], sized[-1]
                units = large["cost"] - small["cost"]
                slopes.append(
                    (
                        shape,
                        (large["cpu"] - small["cpu"]) / units,
                        (large["block"] - small["block"]) / units,
                    )
                )
            print()
            for shape, cpu, block in slopes:
                print(
                    f"{shape}: {cpu * 1e6:.1f} us of CPU and {block * 1e6:.1f} us of event loop "
                    "per unit, beyond the first size"
                )
            fixed = min(row["cpu"] for row in rows)
            _, cpu, _ = max(slopes, key=lambda slope: slope[1])
            maximum = defaults.query_cost_max
            restore = defaults.query_budget_restore_per_second
            print(
                f"\nAt the worst rate, an operation at VECTOR_QUERY_COST_MAX={maximum} takes about "
                f"{(fixed + cpu * maximum) * 1000:.0f} ms of CPU; one caller refilling at "
                f"VECTOR_QUERY_BUDGET_RESTORE={restore} a second keeps a worker "
                f"{cpu * restore:.1%} busy; a full VECTOR_QUERY_BUDGET={defaults.query_budget} "
                f"is spent in {cpu * defaults.query_budget * 1000:.0f} ms of CPU."
            )
    finally:
        await app.state.services.close()
        await db.close_orm()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--interviews", type=int, default=16)
    args = parser.parse_args()
    with scratch_database() as database:
        asyncio.run(main_async(database, args))


if __name__ == "__main__":
    main()
