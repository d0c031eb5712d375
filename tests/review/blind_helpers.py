"""Shared steps of the blind-review tests: a team, a rubric, submitted candidates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from strawberry import relay

from tests.fixtures.graphql import GraphQLClient
from tests.fixtures.submissions import Submitted, submitted_candidate
from tests.fixtures.teams import Team, create_interview
from tests.review.test_rubrics import criterion, set_rubric
from vector_gql.services.validation import parse_pk

ASSIGN = """
mutation Assign($input: AssignEvaluatorsInput!) {
  assignEvaluators(input: $input) {
    assignments { id pseudonym status }
    errors { field message code }
  }
}
"""

AUTO = """
mutation Auto($input: AutoAssignInput!) {
  autoAssign(input: $input) {
    assignments { id pseudonym status }
    errors { field message code }
  }
}
"""

QUEUE = """
query Queue($status: AssignmentStatus, $first: Int, $after: String) {
  reviewQueue(status: $status, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id pseudonym status } }
  }
}
"""

ASSIGNMENT = """
query One($id: ID!) {
  node(id: $id) { ... on Assignment {
    id pseudonym status
    interview { id title }
    questions { id position }
    answers { question { id position } video { url durationSeconds contentType width height } }
    myEvaluation { id version current comment recommendation
                   ratings { score note question { id } criterion { id } } }
    evaluations { id version evaluator { id } ratings { score } }
  } }
}
"""

SUBMIT = """
mutation Submit($input: SubmitEvaluationInput!) {
  submitEvaluation(input: $input) {
    evaluation { id version current comment recommendation
                 ratings { score note question { id } criterion { id } } }
    assignment { id status }
    errors { field message code }
  }
}
"""

REVISE = """
mutation Revise($input: ReviseEvaluationInput!) {
  reviseEvaluation(input: $input) {
    evaluation { id version current ratings { score } }
    assignment { id status }
    errors { field message code }
  }
}
"""


def gid(type_name: str, pk: int) -> str:
    return str(relay.to_base64(type_name, pk))


def pk(global_id: str) -> int:
    found = parse_pk(relay.GlobalID.from_id(global_id).node_id)
    assert found is not None
    return found


@dataclass
class Review:
    """An interview with a rubric (two criteria, the second on question 2 only)."""

    team: Team
    interview: dict[str, Any]
    criteria: list[dict[str, Any]]

    @property
    def questions(self) -> list[dict[str, Any]]:
        return list(self.interview["questions"])

    def ratings(self, score: int = 3, **overrides: int) -> list[dict[str, Any]]:
        """A full set of ratings for the rubric, every score ``score``."""
        found = []
        for q in self.questions:
            for c in self.criteria:
                if c["appliesToAllQuestions"] or q["id"] in [x["id"] for x in c["questions"]]:
                    found.append({"questionId": q["id"], "criterionId": c["id"], "score": score})
        return found


async def make_review(gql: GraphQLClient, team: Team, *, questions: int = 2) -> Review:
    created = await create_interview(
        gql,
        team.tokens["OWNER"],
        team.org,
        questions=[{"text": f"Question {i + 1}?"} for i in range(questions)],
    )
    interview = created["interview"]
    result = await set_rubric(
        gql,
        team.tokens["OWNER"],
        interview["id"],
        [
            criterion("Communication", weight=2),
            criterion("Technical depth", questionIds=[interview["questions"][-1]["id"]]),
        ],
    )
    assert result["errors"] == []
    return Review(team, interview, result["rubric"]["criteria"])


async def submit_candidates(
    review: Review, names: list[str], *, now: Any, storage: Any = None
) -> list[Submitted]:
    interview_id = pk(review.interview["id"])
    return [
        await submitted_candidate(
            interview_id,
            name,
            f"{name.split()[0].lower()}.{i}@candidates.example",
            now=now,
            storage=storage,
        )
        for i, name in enumerate(names)
    ]


async def assign(
    gql: GraphQLClient, token: str, invitations: list[str], evaluators: list[str]
) -> dict[str, Any]:
    body = await gql(
        ASSIGN,
        {"input": {"invitationIds": invitations, "evaluatorIds": evaluators}},
        token=token,
        expect_errors=True,
    )
    return body


async def submit(
    gql: GraphQLClient,
    token: str | None,
    assignment_id: str,
    ratings: list[dict[str, Any]],
    **extra: Any,
) -> dict[str, Any]:
    body = await gql(
        SUBMIT,
        {"input": {"assignmentId": assignment_id, "ratings": ratings, **extra}},
        token=token,
        expect_errors=True,
    )
    return body
