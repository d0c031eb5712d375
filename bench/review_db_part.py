"""The database half of the review benchmark: an interview seeded in PostgreSQL, read
through the review service the way Interview.results, Interview.agreement and the CSV
report read it (``review_bench.py --database``)."""

from __future__ import annotations

import asyncio
import hashlib
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

SECRET = "review-bench-secret-" + "x" * 32


async def seed(
    conn: Any, submissions: int, raters: int, questions: int, criteria: int, pool: int
) -> int:
    """Rows for one interview, inserted with COPY; returns the interview id."""
    from vector_gql.models.accounts import User
    from vector_gql.models.interviews import Interview, Question
    from vector_gql.models.organizations import Membership, Organization, Role
    from vector_gql.models.review import Rubric, RubricCriterion

    now = datetime(2026, 1, 1, tzinfo=UTC)
    org = await Organization.create(name="Bench")
    users = [
        await User.create(
            username=f"rater{i}",
            username_key=f"rater{i}",
            email=f"rater{i}@example.com",
            email_key=f"rater{i}@example.com",
            password_hash="!",
        )
        for i in range(pool)
    ]
    for user in users:
        await Membership.create(organization=org, user=user, role=Role.EVALUATOR)
    interview = await Interview.create(
        organization=org, creator=users[0], title="Benchmark interview", description=""
    )
    qs = [
        await Question.create(
            interview=interview, position=i + 1, text=f"Question {i + 1}?", think_time_seconds=30
        )
        for i in range(questions)
    ]
    rubric = await Rubric.create(
        organization=org, interview=interview, created_at=now, updated_at=now, locked_at=now
    )
    crit = [
        await RubricCriterion.create(
            rubric=rubric,
            position=k + 1,
            name=f"Criterion {k + 1}",
            weight=1.0 + k % 3,
            anchors=["1", "2", "3", "4", "5"],
        )
        for k in range(criteria)
    ]
    raw = conn  # an asyncpg connection of its own, for COPY
    base = await raw.fetchval("SELECT coalesce(max(id), 0) FROM candidate_invitation")
    inv_ids = list(range(base + 1, base + submissions + 1))
    await raw.copy_records_to_table(
        "candidate_invitation",
        columns=[
            "id",
            "organization_id",
            "interview_id",
            "name",
            "email",
            "token_hash",
            "status",
            "expires_at",
            "created_at",
            "started_at",
            "submitted_at",
            "extra_think_seconds",
            "extra_answer_seconds",
            "extra_retakes",
            "sent_count",
        ],
        records=[
            (
                i,
                org.id,
                interview.id,
                f"Person {i}",
                f"person{i}@example.com",
                hashlib.sha256(str(i).encode()).hexdigest(),
                "SUBMITTED",
                now + timedelta(days=9),
                now,
                now,
                now + timedelta(minutes=i % 600),
                0,
                0,
                0,
                1,
            )
            for i in inv_ids
        ],
    )
    await raw.execute(
        "SELECT setval(pg_get_serial_sequence('candidate_invitation', 'id'), $1)", inv_ids[-1]
    )
    vbase = await raw.fetchval("SELECT coalesce(max(id), 0) FROM media_video")
    answers, videos, n = [], [], 0
    for inv in inv_ids:
        for q in qs:
            n += 1
            videos.append(
                (
                    vbase + n,
                    f"a{n}",
                    f"answers/{n}",
                    "a.mp4",
                    "mp4",
                    "video/mp4",
                    1000,
                    30.0 + n % 60,
                    640,
                    480,
                    "h264",
                    0,
                    "0" * 64,
                    now,
                    org.id,
                )
            )
            answers.append((inv, q.id, 1, now, now, vbase + n, True))
    await raw.copy_records_to_table(
        "media_video",
        columns=[
            "id",
            "title",
            "storage_key",
            "filename",
            "container",
            "content_type",
            "size_bytes",
            "duration_seconds",
            "width",
            "height",
            "codec",
            "rotation",
            "sha256",
            "uploaded_at",
            "organization_id",
        ],
        records=videos,
    )
    await raw.copy_records_to_table(
        "candidate_answer",
        columns=[
            "invitation_id",
            "question_id",
            "attempt",
            "started_at",
            "submitted_at",
            "video_id",
            "current",
        ],
        records=answers,
    )
    rng = np.random.default_rng(1)
    quality = rng.normal(3.0, 0.8, size=(submissions, criteria))
    leniency = rng.normal(0.0, 0.6, size=pool)
    assignments, evaluations, ratings = [], [], []
    abase = await raw.fetchval("SELECT coalesce(max(id), 0) FROM review_assignment")
    ebase = await raw.fetchval("SELECT coalesce(max(id), 0) FROM review_evaluation")
    a = 0
    for s, inv in enumerate(inv_ids):
        for r in range(raters):
            rater = (s * raters + r) % pool
            a += 1
            assignments.append(
                (
                    abase + a,
                    org.id,
                    interview.id,
                    inv,
                    users[rater].id,
                    f"Candidate {a:06d}",
                    "SUBMITTED",
                    now,
                    now,
                )
            )
            evaluations.append(
                (ebase + a, abase + a, interview.id, inv, users[rater].id, 1, True, "", now)
            )
            for q in qs:
                noise = rng.normal(0.0, 0.7, size=criteria)
                scores = np.clip(np.rint(quality[s] + leniency[rater] + noise), 1, 5)
                for k, c in enumerate(crit):
                    ratings.append((ebase + a, q.id, c.id, int(scores[k]), ""))
    await raw.copy_records_to_table(
        "review_assignment",
        columns=[
            "id",
            "organization_id",
            "interview_id",
            "invitation_id",
            "evaluator_id",
            "pseudonym",
            "status",
            "created_at",
            "submitted_at",
        ],
        records=assignments,
    )
    await raw.copy_records_to_table(
        "review_evaluation",
        columns=[
            "id",
            "assignment_id",
            "interview_id",
            "invitation_id",
            "evaluator_id",
            "version",
            "current",
            "comment",
            "submitted_at",
        ],
        records=evaluations,
    )
    await raw.copy_records_to_table(
        "review_rating",
        columns=["evaluation_id", "question_id", "criterion_id", "score", "note"],
        records=ratings,
    )
    for table in ("media_video", "review_assignment", "review_evaluation"):
        await raw.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
        )
    await raw.execute("ANALYZE")
    return int(interview.id)


async def run(database_url: str, args: Any) -> None:
    from vector_gql import db
    from vector_gql.config import Settings
    from vector_gql.services import Services
    from vector_gql.services.review import reports
    from vector_gql.statements import count_statements

    await db.migrate(database_url)
    await db.init_orm(database_url)
    settings = Settings(
        env="development",
        data_dir=Path(tempfile.mkdtemp(prefix="vector-review-bench-")),
        jwt_secret=SECRET,
    )
    services = Services.build(settings)
    try:
        started = time.perf_counter()
        import asyncpg

        raw = await asyncpg.connect(database_url.replace("postgres://", "postgresql://", 1))
        try:
            interview_id = await seed(
                raw, args.submissions, args.raters, args.questions, args.criteria, args.pool
            )
        finally:
            await raw.close()
        print(f"database: seeded in {time.perf_counter() - started:.1f} s")
        review = services.review
        now = datetime(2026, 2, 1, tzinfo=UTC)

        async def stages() -> dict[str, float]:
            spent: dict[str, float] = {}
            t0 = time.perf_counter()
            records = await review.review_records(interview_id, now)
            t1 = time.perf_counter()
            scores = records.scores  # ranking, correction, intervals and agreement
            t2 = time.perf_counter()
            content = reports.interview_csv(records.report(show_identities=True))
            t3 = time.perf_counter()
            spent.update(read=t1 - t0, score=t2 - t1, csv=t3 - t2, total=t3 - t0)
            assert sum(r.rank is not None for r in scores.results) == args.submissions
            assert content.count(b"\n") == args.submissions + 1
            return spent

        runs = []
        for _ in range(args.repeat):
            with count_statements() as log:
                runs.append(await stages())
        tracemalloc.start()
        await stages()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        for stage in ("read", "score", "csv", "total"):
            times = sorted(r[stage] for r in runs)
            print(
                f"db {stage:<7} best {times[0] * 1000:8.1f} ms   median "
                f"{times[len(times) // 2] * 1000:8.1f} ms"
            )
        print(f"db statements per results+agreement+CSV: {log.count}; peak {peak / 2**20:.1f} MiB")
    finally:
        await services.close()
        await db.close_orm()


def main(args: Any) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _common import scratch_database

    with scratch_database() as url:
        asyncio.run(run(url, args))
