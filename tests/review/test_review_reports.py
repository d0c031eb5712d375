"""Reports built from real evaluations: the CSV's numbers and the candidate PDF's content."""

from __future__ import annotations

import pytest

from tests.fixtures.teams import Team
from tests.review.test_report_jobs import GENERATE, download, poll
from tests.review.test_reports import csv_rows, pdf_text
from tests.review.test_results import RESULTS, _expected_raw, _rated
from vector_gql.models.audit import AuditAction, AuditEntry
from vector_gql.models.candidates import InvitationStatus
from vector_gql.models.review import Report

CANDIDATE = """
mutation Candidate($input: GenerateCandidateReportInput!) {
  generateCandidateReport(input: $input) {
    pdf { id kind status url contentType filename }
    errors { field message code }
  }
}
"""


@pytest.fixture
async def team(gql) -> Team:
    return await Team.build(gql)


async def test_the_interview_csv_carries_names_ranks_and_totals(gql, client, services, team, clock):
    review, subs = await _rated(gql, team, clock, services)
    body = await gql(
        GENERATE, {"input": {"interviewId": review.interview["id"]}}, token=team.tokens["OWNER"]
    )
    payload = body["data"]["generateInterviewReport"]
    assert payload["errors"] == []
    await services.jobs.run_until_idle()
    ready = await poll(gql, team.tokens["OWNER"], payload["csv"]["id"])
    rows = csv_rows(await download(client, ready["url"]))
    assert [r["Rank"] for r in rows] == ["1", "2", "3"]
    by_name = {r["Name"]: r for r in rows}
    assert set(by_name) == {"Ada Byron", "Bob Kahn", "Cy Young"}
    for name, row in by_name.items():
        first = name.split()[0]
        assert float(row["Raw total"]) == pytest.approx(_expected_raw(first), abs=5e-4)
        assert row["Email"].endswith("@candidates.example")
        assert float(row["Communication (raw mean)"]) > 0
    pdf = await poll(gql, team.tokens["OWNER"], payload["pdf"]["id"])
    text = pdf_text(await download(client, pdf["url"]))
    assert "Ada Byron" in text and "Cy Young" in text
    # Asking for a report with names shows them: audited once per candidate.
    entries = await AuditEntry.filter(action=AuditAction.IDENTITY_REVEALED).values("details")
    assert [e["details"]["where"] for e in entries] == ["interview report"] * 3


async def test_a_candidate_report_has_scores_comments_and_standing(
    gql, client, services, team, clock
):
    review, subs = await _rated(gql, team, clock, services)
    ada = next(s for s in subs if s.invitation.name == "Ada Byron")
    body = await gql(
        CANDIDATE, {"input": {"invitationId": ada.gid}}, token=team.tokens["RECRUITER"]
    )
    payload = body["data"]["generateCandidateReport"]
    assert payload["errors"] == []
    assert (payload["pdf"]["kind"], payload["pdf"]["status"]) == ("CANDIDATE_PDF", "PENDING")
    assert payload["pdf"]["filename"] == "ada-byron-report.pdf"
    await services.jobs.run_until_idle()
    ready = await poll(gql, team.tokens["RECRUITER"], payload["pdf"]["id"])
    assert ready["status"] == "READY"
    text = pdf_text(await download(client, ready["url"]))
    assert "Ada Byron" in text and ada.invitation.email in text
    assert "Communication" in text and "Technical depth" in text
    assert f"{_expected_raw('Ada'):.2f}" in text
    assert "Evaluator 1" in text
    results = await gql(RESULTS, {"id": review.interview["id"]}, token=team.tokens["RECRUITER"])
    assert results["data"]["node"]["results"][0]["rank"] == 1


async def test_who_may_ask_for_a_candidate_report_and_of_whom(gql, services, team, clock):
    review, subs = await _rated(gql, team, clock, services)
    target = subs[0]
    for role, code in (("EVALUATOR", "NOT_FOUND"), ("OUTSIDER", "NOT_FOUND")):
        body = await gql(
            CANDIDATE, {"input": {"invitationId": target.gid}}, token=team.tokens[role]
        )
        errors = body["data"]["generateCandidateReport"]["errors"]
        assert [(e["field"], e["code"]) for e in errors] == [(["invitationId"], code)]
    body = await gql(CANDIDATE, {"input": {"invitationId": target.gid}}, expect_errors=True)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    target.invitation.status = InvitationStatus.STARTED
    await target.invitation.save(update_fields=["status"])
    body = await gql(CANDIDATE, {"input": {"invitationId": target.gid}}, token=team.tokens["OWNER"])
    errors = body["data"]["generateCandidateReport"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [(["invitationId"], "NOT_SUBMITTED")]
    assert await Report.all().count() == 0
