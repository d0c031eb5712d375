"""Benchmark: scoring and the CSV export for one large interview, in process.

Builds a synthetic interview (default 500 submissions x 3 evaluators x 5
questions x 4 criteria, evaluators drawn from a pool of 20 with their own
leniency), then times, best and median of --repeat runs:

* score      - score_interview: answer means, totals, rater correction,
               Krippendorff's alpha (interview + per criterion), ranking
               and the bootstrap intervals ("no CI": the same without the
               intervals, to show what the bootstrap costs);
* csv        - interview_csv from those scores;
* pdf        - interview_pdf (summary with charts), only with --pdf.

Peak memory is the largest traced allocation (tracemalloc, which numpy
reports to) during one run of each stage, on top of what was allocated
before it; the process's maximum resident size is printed at the end.
Statement counts come with the data model that reads these records.

With --database, the same interview is also seeded in a scratch PostgreSQL
database (VECTOR_BENCH_DATABASE_URL) and read back through the review service
as Interview.results, Interview.agreement and the CSV report read it: time
per stage (read, score, csv), SQL statements and peak memory.

Run: python bench/review_bench.py [--submissions 500] [--repeat 5] [--pdf] [--database]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from vector_gql.services.review.reports import (  # noqa: E402
    Candidate,
    InterviewReportData,
    QuestionText,
    interview_csv,
    interview_pdf,
)
from vector_gql.services.review.scoring import (  # noqa: E402
    Criterion,
    Rating,
    ScoringInput,
    ScoringSettings,
    score_interview,
)

CRITERIA_NAMES = (
    "Communication",
    "Technical depth",
    "Problem solving",
    "Ownership",
    "Collaboration",
    "Product sense",
    "Craft",
    "Learning",
    "Clarity",
    "Judgement",
)


def synthetic_interview(
    submissions: int,
    raters_per_submission: int,
    questions: int,
    criteria: int,
    pool: int,
    seed: int = 1,
) -> ScoringInput:
    """Ratings of candidates of random quality by evaluators of random leniency."""
    rng = np.random.default_rng(seed)
    question_ids = tuple(range(1, questions + 1))
    rubric = tuple(
        Criterion(100 + k, CRITERIA_NAMES[k % len(CRITERIA_NAMES)], float(1 + k % 3))
        for k in range(criteria)
    )
    submission_ids = tuple(range(1000, 1000 + submissions))
    quality = rng.normal(3.0, 0.8, size=(submissions, criteria))
    leniency = rng.normal(0.0, 0.6, size=pool)
    ratings = []
    for s, submission in enumerate(submission_ids):
        # Round-robin assignment spreads the load evenly, each rater distinct.
        raters = [(s * raters_per_submission + r) % pool for r in range(raters_per_submission)]
        for rater in raters:
            for question in question_ids:
                noise = rng.normal(0.0, 0.7, size=criteria)
                scores = np.clip(np.rint(quality[s] + leniency[rater] + noise), 1, 5)
                for k, criterion in enumerate(rubric):
                    ratings.append(
                        Rating(submission, rater + 1, question, criterion.id, int(scores[k]))
                    )
    return ScoringInput(question_ids, rubric, submission_ids, ratings)


def report_for(
    data: ScoringInput, scores: Any, show_identities: bool = True
) -> InterviewReportData:
    return InterviewReportData(
        title="Benchmark interview",
        questions=tuple(QuestionText(q, q, f"Question {q}") for q in data.question_ids),
        criteria=tuple(data.criteria),
        candidates={
            s: Candidate(s, f"Candidate {i}", f"Person {i}", f"person{i}@example.com")
            for i, s in enumerate(data.submission_ids, start=1)
        },
        scores=scores,
        show_identities=show_identities,
        generated_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


def timed(fn: Callable[[], Any], repeat: int) -> tuple[list[float], Any]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return times, result


def peak(fn: Callable[[], Any]) -> int:
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        fn()
        return tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()


def row(label: str, times: list[float], memory: int) -> str:
    return (
        f"{label:<10} best {min(times) * 1000:8.1f} ms   median "
        f"{statistics.median(times) * 1000:8.1f} ms   peak {memory / 2**20:7.1f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--submissions", type=int, default=500)
    parser.add_argument("--raters", type=int, default=3, help="evaluators per submission")
    parser.add_argument("--questions", type=int, default=5)
    parser.add_argument("--criteria", type=int, default=4)
    parser.add_argument("--pool", type=int, default=20, help="evaluators in the organization")
    parser.add_argument("--replicates", type=int, default=1000, help="bootstrap replicates")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pdf", action="store_true", help="also time the summary PDF")
    parser.add_argument(
        "--database", action="store_true", help="also seed PostgreSQL and read it back"
    )
    args = parser.parse_args()

    started = time.perf_counter()
    data = synthetic_interview(
        args.submissions, args.raters, args.questions, args.criteria, args.pool
    )
    built = time.perf_counter() - started
    settings = ScoringSettings(bootstrap_replicates=args.replicates)
    print(
        f"interview: {args.submissions} submissions x {args.raters} evaluators x "
        f"{args.questions} questions x {args.criteria} criteria = {len(data.ratings)} ratings "
        f"(pool of {args.pool}; {args.replicates} bootstrap replicates); "
        f"records built in {built * 1000:.0f} ms"
    )

    score_times, scores = timed(lambda: score_interview(data, settings), args.repeat)
    print(row("score", score_times, peak(lambda: score_interview(data, settings))))
    # The same without intervals, to show what the bootstrap costs.
    bare = ScoringSettings(min_raters_for_interval=args.raters + 1)
    bare_times, _ = timed(lambda: score_interview(data, bare), args.repeat)
    print(row("  no CI", bare_times, peak(lambda: score_interview(data, bare))))
    report = report_for(data, scores)
    csv_times, csv_bytes = timed(lambda: interview_csv(report), args.repeat)
    print(row("csv", csv_times, peak(lambda: interview_csv(report))))
    if args.pdf:
        pdf_times, pdf_bytes = timed(lambda: interview_pdf(report), max(1, args.repeat // 2))
        print(row("pdf", pdf_times, peak(lambda: interview_pdf(report))))
        print(f"           summary PDF {len(pdf_bytes) / 1024:.0f} KiB")

    overall = scores.agreement.overall
    ranked = sum(r.rank is not None for r in scores.results)
    print(
        f"result: {ranked} ranked, alpha {overall.alpha:.3f} over {overall.ratings} ratings, "
        f"{sum(p.corrected for p in scores.raters)} of {len(scores.raters)} raters corrected, "
        f"CSV {len(csv_bytes) / 1024:.0f} KiB"
    )
    print(f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    if args.database:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import review_db_part

        review_db_part.main(args)


if __name__ == "__main__":
    main()
