"""schemathesis against a served app, anonymous and as a signed-in recruiter: no
case may get a server error or "Unexpected error." (bench/fuzz_graphql.py runs
the same for longer)."""

from __future__ import annotations

import os

from tests.fixtures.fuzz import Report, database_url, fuzz, served, sign_up_recruiter

# Cases per identity; a few thousand in all, about a minute.
CASES = int(os.environ.get("VECTOR_FUZZ_CASES", "1500"))


def test_generated_operations_never_get_a_server_error(database):
    report = Report()
    with served(database_url(database)) as url:
        fuzz(url, CASES, None, report, seed=1)
        fuzz(url, CASES, sign_up_recruiter(url), report, seed=2)
    assert report.cases == 2 * CASES
    assert report.failures == [], "\n".join(report.failures[:10])
