"""Rubrics: anchored 1-5 criteria for all questions or some, who may set them, and locking."""

from __future__ import annotations

from typing import Any

import pytest

from tests.fixtures.graphql import GraphQLClient
from tests.fixtures.teams import Team, create_interview
from vector_gql.models.audit import AuditEntry
from vector_gql.models.review import CriterionQuestion, Rubric, RubricCriterion

SET_RUBRIC = """
mutation Set($input: SetRubricInput!) {
  setRubric(input: $input) {
    rubric {
      id status lockedAt
      criteria { id position name description weight anchors appliesToAllQuestions
                 questions { id position } }
      interview { id }
    }
    errors { field message code }
  }
}
"""

READ_RUBRIC = """
query Read($id: ID!) {
  node(id: $id) { ... on Interview {
    rubric { id status criteria { name weight anchors appliesToAllQuestions
                                  questions { position } } } } }
}
"""

ANCHORS = ["Misses it", "Partly", "Adequate", "Strong", "Outstanding"]


def criterion(name: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "anchors": ANCHORS, **extra}


async def set_rubric(
    gql: GraphQLClient, token: str, interview: str, criteria: list[dict[str, Any]]
) -> dict[str, Any]:
    body = await gql(
        SET_RUBRIC, {"input": {"interviewId": interview, "criteria": criteria}}, token=token
    )
    result: dict[str, Any] = body["data"]["setRubric"]
    return result


@pytest.fixture
async def team(gql) -> Team:
    return await Team.build(gql)


@pytest.fixture
async def interview(gql, team) -> dict[str, Any]:
    created = await create_interview(gql, team.tokens["OWNER"], team.org)
    return created["interview"]


async def test_set_and_read_back(gql, team, interview):
    q1, q2, q3 = (q["id"] for q in interview["questions"])
    result = await set_rubric(
        gql,
        team.tokens["RECRUITER"],
        interview["id"],
        [
            criterion("Communication", description="Clear and structured", weight=2),
            criterion("  Technical depth  ", questionIds=[q3, q1]),
        ],
    )
    assert result["errors"] == []
    rubric = result["rubric"]
    assert rubric["status"] == "EDITABLE" and rubric["lockedAt"] is None
    assert rubric["interview"]["id"] == interview["id"]
    first, second = rubric["criteria"]
    assert (first["position"], first["name"], first["description"], first["weight"]) == (
        1,
        "Communication",
        "Clear and structured",
        2.0,
    )
    assert first["anchors"] == ANCHORS
    assert first["appliesToAllQuestions"] is True
    assert [q["id"] for q in first["questions"]] == [q1, q2, q3]
    assert (second["name"], second["weight"], second["appliesToAllQuestions"]) == (
        "Technical depth",
        1.0,
        False,
    )
    assert [q["id"] for q in second["questions"]] == [q1, q3]

    # Every member reads it back, evaluators included (they score by it).
    for role in ("OWNER", "RECRUITER", "EVALUATOR"):
        body = await gql(READ_RUBRIC, {"id": interview["id"]}, token=team.tokens[role])
        read = body["data"]["node"]["rubric"]
        assert read["id"] == rubric["id"]
        assert [c["name"] for c in read["criteria"]] == ["Communication", "Technical depth"]
        assert [q["position"] for q in read["criteria"][1]["questions"]] == [1, 3]


async def test_no_rubric_until_set_and_replacing_it(gql, team, interview):
    body = await gql(READ_RUBRIC, {"id": interview["id"]}, token=team.tokens["OWNER"])
    assert body["data"]["node"]["rubric"] is None
    first = await set_rubric(
        gql, team.tokens["OWNER"], interview["id"], [criterion("A"), criterion("B")]
    )
    second = await set_rubric(gql, team.tokens["OWNER"], interview["id"], [criterion("C")])
    assert second["errors"] == []
    assert second["rubric"]["id"] == first["rubric"]["id"]
    assert [c["name"] for c in second["rubric"]["criteria"]] == ["C"]
    assert await RubricCriterion.all().count() == 1
    assert await Rubric.all().count() == 1


async def test_criteria_and_rubric_are_nodes(gql, team, interview):
    result = await set_rubric(gql, team.tokens["OWNER"], interview["id"], [criterion("A")])
    rubric_id = result["rubric"]["id"]
    criterion_id = result["rubric"]["criteria"][0]["id"]
    query = """query($ids: [ID!]!) { nodes(ids: $ids) {
        ... on Rubric { status } ... on Criterion { name anchors } } }"""
    ids = {"ids": [rubric_id, criterion_id]}
    for role in ("OWNER", "EVALUATOR"):
        body = await gql(query, ids, token=team.tokens[role])
        assert body["data"]["nodes"] == [{"status": "EDITABLE"}, {"name": "A", "anchors": ANCHORS}]
    body = await gql(query, ids, token=team.tokens["OUTSIDER"])
    assert body["data"]["nodes"] == [None, None]


@pytest.mark.parametrize(
    ("criteria", "field", "code"),
    [
        ([], ["criteria"], "REQUIRED"),
        ([criterion(f"C{i}") for i in range(11)], ["criteria"], "TOO_MANY"),
        ([criterion("  ")], ["criteria", "0", "name"], "REQUIRED"),
        ([criterion("x" * 101)], ["criteria", "0", "name"], "TOO_LONG"),
        ([criterion("A"), criterion("a")], ["criteria", "1", "name"], "TAKEN"),
        ([criterion("A", weight=0)], ["criteria", "0", "weight"], "OUT_OF_RANGE"),
        ([criterion("A", weight=-1)], ["criteria", "0", "weight"], "OUT_OF_RANGE"),
        ([criterion("A", weight=101)], ["criteria", "0", "weight"], "OUT_OF_RANGE"),
        ([{"name": "A", "anchors": ANCHORS[:4]}], ["criteria", "0", "anchors"], "INVALID"),
        ([{"name": "A", "anchors": [*ANCHORS, "6"]}], ["criteria", "0", "anchors"], "INVALID"),
        (
            [{"name": "A", "anchors": ["a", "b", " ", "d", "e"]}],
            ["criteria", "0", "anchors", "2"],
            "REQUIRED",
        ),
        (
            [{"name": "A", "anchors": ["a", "b", "c", "d", "e" * 301]}],
            ["criteria", "0", "anchors", "4"],
            "TOO_LONG",
        ),
        ([criterion("A", description="d" * 2001)], ["criteria", "0", "description"], "TOO_LONG"),
        ([criterion("A", questionIds=[])], ["criteria", "0", "questionIds"], "REQUIRED"),
        ([criterion("A", questionIds=["nope"])], ["criteria", "0", "questionIds", "0"], "INVALID"),
    ],
)
async def test_bad_rubrics_are_refused_with_a_code(gql, team, interview, criteria, field, code):
    before = await set_rubric(gql, team.tokens["OWNER"], interview["id"], [criterion("Kept")])
    result = await set_rubric(gql, team.tokens["OWNER"], interview["id"], criteria)
    assert result["rubric"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == [(field, code)]
    # Nothing already saved is lost.
    body = await gql(READ_RUBRIC, {"id": interview["id"]}, token=team.tokens["OWNER"])
    assert [c["name"] for c in body["data"]["node"]["rubric"]["criteria"]] == ["Kept"]
    assert before["errors"] == []


async def test_questions_must_belong_to_the_interview(gql, team, interview):
    other = (await create_interview(gql, team.tokens["OWNER"], team.org))["interview"]
    own = interview["questions"][0]["id"]
    foreign = other["questions"][0]["id"]
    result = await set_rubric(
        gql,
        team.tokens["OWNER"],
        interview["id"],
        [criterion("A", questionIds=[own, foreign]), criterion("B", questionIds=[own, own])],
    )
    assert [(e["field"], e["code"]) for e in result["errors"]] == [
        (["criteria", "1", "questionIds"], "INVALID"),
        (["criteria", "0", "questionIds", "1"], "NOT_FOUND"),
    ]
    assert await Rubric.all().count() == 0


@pytest.mark.parametrize(
    ("role", "outcome"),
    [
        ("OWNER", "ok"),
        ("RECRUITER", "ok"),
        ("EVALUATOR", "FORBIDDEN"),
        ("OUTSIDER", "NOT_FOUND"),
        (None, "UNAUTHENTICATED"),
    ],
)
async def test_who_may_set_a_rubric(gql, team, interview, role, outcome):
    token = team.tokens[role] if role else None
    body = await gql(
        SET_RUBRIC,
        {"input": {"interviewId": interview["id"], "criteria": [criterion("A")]}},
        token=token,
        expect_errors=True,
    )
    if outcome == "ok":
        assert body["data"]["setRubric"]["errors"] == []
    elif outcome == "NOT_FOUND":
        assert [e["code"] for e in body["data"]["setRubric"]["errors"]] == ["NOT_FOUND"]
    else:
        assert body["errors"][0]["extensions"]["code"] == outcome
    if outcome != "ok":
        assert await Rubric.all().count() == 0


async def test_outsiders_and_candidates_do_not_see_rubrics(gql, team, interview):
    await set_rubric(gql, team.tokens["OWNER"], interview["id"], [criterion("A")])
    body = await gql(READ_RUBRIC, {"id": interview["id"]}, token=team.tokens["OUTSIDER"])
    assert body["data"]["node"] is None


async def test_a_locked_rubric_does_not_change(gql, team, interview, clock):
    result = await set_rubric(gql, team.tokens["OWNER"], interview["id"], [criterion("A")])
    # What the first submitted evaluation does to it.
    await Rubric.all().update(locked_at=clock.now())
    refused = await set_rubric(gql, team.tokens["OWNER"], interview["id"], [criterion("B")])
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [(["interviewId"], "LOCKED")]
    body = await gql(READ_RUBRIC, {"id": interview["id"]}, token=team.tokens["OWNER"])
    rubric = body["data"]["node"]["rubric"]
    assert rubric["status"] == "LOCKED"
    assert [c["name"] for c in rubric["criteria"]] == ["A"]
    assert rubric["id"] == result["rubric"]["id"]


async def test_removing_a_question_removes_it_from_criteria(gql, team, interview):
    q1, q2, _ = (q["id"] for q in interview["questions"])
    await set_rubric(
        gql, team.tokens["OWNER"], interview["id"], [criterion("A", questionIds=[q1, q2])]
    )
    body = await gql(
        "mutation($i: RemoveQuestionInput!) { removeQuestion(input: $i) { errors { code } } }",
        {"i": {"questionId": q2}},
        token=team.tokens["OWNER"],
    )
    assert body["data"]["removeQuestion"]["errors"] == []
    body = await gql(READ_RUBRIC, {"id": interview["id"]}, token=team.tokens["OWNER"])
    assert body["data"]["node"]["rubric"]["criteria"][0]["questions"] == [{"position": 1}]
    assert await CriterionQuestion.all().count() == 1


async def test_changes_are_in_the_audit_log(gql, team, interview):
    await set_rubric(gql, team.tokens["RECRUITER"], interview["id"], [criterion("A")])
    entries = await AuditEntry.all().values("action", "actor_id", "interview_id", "details")
    assert len(entries) == 1
    assert entries[0]["action"] == "RUBRIC_CHANGED"
    assert entries[0]["details"] == {"criteria": 1}


def test_the_input_boundary_leaves_the_rubric_limits_to_the_service():
    from vector_gql.boundary.graphql import LIST_LIMITS
    from vector_gql.services.review.rules import MAX_CRITERIA, SCORES

    assert LIST_LIMITS["SetRubricInput.criteria"] > MAX_CRITERIA
    assert LIST_LIMITS["CriterionInput.anchors"] > len(SCORES)
    assert LIST_LIMITS["CriterionInput.questionIds"] >= 100


async def test_far_too_many_anchors_are_refused_before_coercion(gql, team, interview):
    body = await gql(
        SET_RUBRIC,
        {
            "input": {
                "interviewId": interview["id"],
                "criteria": [{"name": "A", "anchors": ["x"] * 50}],
            }
        },
        token=team.tokens["OWNER"],
        expect_errors=True,
    )
    assert body["errors"][0]["extensions"]["code"] == "INPUT_TOO_LARGE"
    assert await Rubric.all().count() == 0
