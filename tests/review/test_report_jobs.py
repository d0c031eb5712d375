"""Reports are built by jobs on the queue, polled through node(id:) and fetched by signed URL."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.fixtures.jobs import job_rows, make_due
from tests.fixtures.teams import Team, create_interview
from tests.review.test_reports import csv_rows, pdf_text
from tests.review.test_rubrics import criterion, set_rubric
from vector_gql.models.review import Report
from vector_gql.services.review.scoring import ScoringInputError
from vector_gql.storage import StorageError

GENERATE = """
mutation Generate($input: GenerateInterviewReportInput!) {
  generateInterviewReport(input: $input) {
    csv { id kind status url contentType filename }
    pdf { id kind status url contentType filename }
    errors { field message code }
  }
}
"""

POLL = """
query Poll($id: ID!) {
  node(id: $id) { ... on Report {
    id kind status url contentType filename sizeBytes error failure { code message }
    createdAt finishedAt
    interview { id } } }
}
"""


@pytest.fixture
async def team(gql) -> Team:
    return await Team.build(gql)


@pytest.fixture
async def interview(gql, team) -> dict[str, Any]:
    created = await create_interview(
        gql, team.tokens["OWNER"], team.org, title="Backend engineer, Berlin"
    )
    interview = created["interview"]
    result = await set_rubric(
        gql,
        team.tokens["OWNER"],
        interview["id"],
        [criterion("Communication", weight=2), criterion("Technical depth")],
    )
    assert result["errors"] == []
    return interview


async def generate(gql, token: str | None, interview_id: str) -> dict[str, Any]:
    body = await gql(
        GENERATE, {"input": {"interviewId": interview_id}}, token=token, expect_errors=True
    )
    return body


async def poll(gql, token: str, report_id: str) -> Any:
    """The report as node(id:) shows it to the token's holder; None if they may not see it."""
    body = await gql(POLL, {"id": report_id}, token=token)
    return body["data"]["node"]


async def download(client, url: str) -> bytes:
    parts = urlsplit(url)
    response = await client.get(f"{parts.path}?{parts.query}")
    assert response.status_code == 200, response.text
    return response.content


async def test_reports_are_built_in_the_background_and_fetched_by_signed_url(
    gql, client, services, team, interview
):
    body = await generate(gql, team.tokens["RECRUITER"], interview["id"])
    payload = body["data"]["generateInterviewReport"]
    assert payload["errors"] == []
    csv_report, pdf_report = payload["csv"], payload["pdf"]
    assert (csv_report["kind"], csv_report["status"], csv_report["url"]) == (
        "INTERVIEW_CSV",
        "PENDING",
        None,
    )
    assert csv_report["filename"] == "backend-engineer-berlin-results.csv"
    assert csv_report["contentType"] == "text/csv; charset=utf-8"
    assert (pdf_report["kind"], pdf_report["filename"]) == (
        "INTERVIEW_PDF",
        "backend-engineer-berlin-summary.pdf",
    )
    # Nothing is built inside the request: the jobs wait on the queue.
    assert len(await job_rows("review.report")) == 2
    pending = await poll(gql, team.tokens["RECRUITER"], csv_report["id"])
    assert pending is not None and pending["status"] == "PENDING"

    await services.jobs.run_until_idle()

    ready = await poll(gql, team.tokens["RECRUITER"], csv_report["id"])
    assert ready is not None
    assert ready["status"] == "READY" and ready["failure"] is None and ready["error"] is None
    assert ready["finishedAt"] is not None
    assert ready["interview"]["id"] == interview["id"]
    content = await download(client, ready["url"])
    assert len(content) == ready["sizeBytes"]
    rows = csv_rows(content)
    assert rows == []  # no submission has been reviewed yet
    header = content.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[-2:] == ["Communication (raw mean)", "Technical depth (raw mean)"]

    ready_pdf = await poll(gql, team.tokens["RECRUITER"], pdf_report["id"])
    assert ready_pdf is not None and ready_pdf["status"] == "READY"
    text = pdf_text(await download(client, ready_pdf["url"]))
    assert "Backend engineer, Berlin" in text
    assert "Communication" in text and "Technical depth" in text
    assert await job_rows("review.report") == []


async def test_a_report_is_for_the_member_who_asked(gql, services, team, interview):
    body = await generate(gql, team.tokens["OWNER"], interview["id"])
    report_id = body["data"]["generateInterviewReport"]["csv"]["id"]
    await services.jobs.run_until_idle()
    assert (await poll(gql, team.tokens["OWNER"], report_id))["status"] == "READY"
    for role in ("RECRUITER", "EVALUATOR", "OUTSIDER"):
        assert await poll(gql, team.tokens[role], report_id) is None
    body = await gql(POLL, {"id": report_id})
    assert body["data"]["node"] is None


@pytest.mark.parametrize(
    ("role", "outcome"),
    [("EVALUATOR", "FORBIDDEN"), ("OUTSIDER", "NOT_FOUND"), (None, "UNAUTHENTICATED")],
)
async def test_who_may_not_ask_for_reports(gql, team, interview, role, outcome):
    body = await generate(gql, team.tokens[role] if role else None, interview["id"])
    if outcome == "NOT_FOUND":
        errors = body["data"]["generateInterviewReport"]["errors"]
        assert [(e["field"], e["code"]) for e in errors] == [(["interviewId"], "NOT_FOUND")]
    else:
        assert body["errors"][0]["extensions"]["code"] == outcome
    assert await Report.all().count() == 0
    assert await job_rows("review.report") == []


async def test_reports_need_a_rubric(gql, team):
    bare = (await create_interview(gql, team.tokens["OWNER"], team.org))["interview"]
    body = await generate(gql, team.tokens["OWNER"], bare["id"])
    errors = body["data"]["generateInterviewReport"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [(["interviewId"], "RUBRIC_REQUIRED")]
    assert await Report.all().count() == 0


async def test_a_report_that_cannot_be_stored_is_retried_then_failed(
    gql, services, team, interview, monkeypatch
):
    async def unavailable(*args: Any, **kwargs: Any) -> None:
        raise StorageError()

    monkeypatch.setattr(services.storage, "put", unavailable)
    body = await generate(gql, team.tokens["OWNER"], interview["id"])
    report_id = body["data"]["generateInterviewReport"]["csv"]["id"]
    await services.jobs.run_until_idle()
    assert (await poll(gql, team.tokens["OWNER"], report_id))["status"] == "PENDING"
    for _ in range(3):  # the retries, made due at once instead of waited for
        assert await make_due() == 2
        await services.jobs.run_until_idle()
    failed = await poll(gql, team.tokens["OWNER"], report_id)
    assert failed is not None
    assert failed["status"] == "FAILED"
    assert failed["url"] is None
    assert failed["failure"] == {
        "code": "STORAGE_UNAVAILABLE",
        "message": "The report could not be stored. Try again in a few minutes.",
    }
    # The field older clients read still says why, in words.
    assert failed["error"] == failed["failure"]["message"]
    assert [row["status"] for row in await job_rows("review.report")] == ["failed", "failed"]


async def test_a_report_that_cannot_be_built_fails_with_a_code_at_once(
    gql, services, team, interview, monkeypatch
):
    """Data that contradicts the rubric does not get better by waiting: no retries."""

    async def contradictory(*args: Any, **kwargs: Any) -> None:
        raise ScoringInputError("a rating for a criterion the rubric no longer has")

    monkeypatch.setattr(services.review, "review_records", contradictory)
    body = await generate(gql, team.tokens["OWNER"], interview["id"])
    report_id = body["data"]["generateInterviewReport"]["csv"]["id"]
    await services.jobs.run_until_idle()
    failed = await poll(gql, team.tokens["OWNER"], report_id)
    assert failed is not None and failed["status"] == "FAILED"
    assert failed["failure"] == {
        "code": "REPORT_FAILED",
        "message": "The report could not be built. Try again; if it fails again, tell us.",
    }
    # Only its requester reads it, error included.
    assert await poll(gql, team.tokens["RECRUITER"], report_id) is None


async def test_a_job_that_runs_again_does_nothing_more(gql, services, team, interview):
    body = await generate(gql, team.tokens["OWNER"], interview["id"])
    report_id = body["data"]["generateInterviewReport"]["csv"]["id"]
    await services.jobs.run_until_idle()
    before = await Report.get(storage_key__startswith="reports/", kind="INTERVIEW_CSV")
    # As after a crash between storing and acknowledging: the job runs once more.
    await services.review.build_report.enqueue(report_id=before.id)
    await services.jobs.run_until_idle()
    after = await Report.get(id=before.id)
    assert (after.status, after.finished_at, after.size_bytes) == (
        before.status,
        before.finished_at,
        before.size_bytes,
    )
    assert (await poll(gql, team.tokens["OWNER"], report_id))["status"] == "READY"
