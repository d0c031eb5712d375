"""Interviews through GraphQL: nested creation, validation, question edits, status, nodes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.fixtures.graphql import signup
from tests.fixtures.teams import Team, create_interview, own_org, questions
from vector_gql.models.interviews import Interview, Question

NODE = """
query($id: ID!) {
  node(id: $id) {
    ... on Interview {
      id title description status answerDeadline questionsLocked
      organization { id name }
      creator { username }
      questions { id position text thinkTimeSeconds answerTimeSeconds retakes }
    }
  }
}
"""
UPDATE = """
mutation($input: UpdateInterviewInput!) {
  updateInterview(input: $input) {
    interview { title description answerDeadline updatedAt }
    errors { field message code }
  }
}
"""
ADD = """
mutation($input: AddQuestionInput!) {
  addQuestion(input: $input) {
    question { id position text interview { id } }
    errors { field message code }
  }
}
"""
UPDATE_Q = """
mutation($input: UpdateQuestionInput!) {
  updateQuestion(input: $input) {
    question { text thinkTimeSeconds answerTimeSeconds retakes position }
    errors { field message code }
  }
}
"""
REMOVE_Q = """
mutation($input: RemoveQuestionInput!) {
  removeQuestion(input: $input) {
    interview { questions { position text } }
    errors { field message code }
  }
}
"""
REORDER = """
mutation($input: ReorderQuestionsInput!) {
  reorderQuestions(input: $input) {
    interview { questions { id position text } }
    errors { field message code }
  }
}
"""
STATUS = """
mutation($input: SetInterviewStatusInput!) {
  setInterviewStatus(input: $input) {
    interview { status }
    errors { field message code }
  }
}
"""
DELETE = """
mutation($input: DeleteInterviewInput!) {
  deleteInterview(input: $input) { deletedInterviewId errors { field message code } }
}
"""


@pytest.fixture
async def owner(gql):
    user = await signup(gql, "olivia")
    return user["accessToken"], await own_org(gql, user["accessToken"])


async def _nothing_saved() -> None:
    assert await Interview.all().count() == 0
    assert await Question.all().count() == 0


async def test_create_interview_with_nested_questions(gql, owner):
    token, org = owner
    result = await create_interview(
        gql,
        token,
        org,
        title="  Data engineer  ",
        description="Python and SQL",
        questions=[
            {"text": "Tell us about yourself.", "thinkTimeSeconds": 0},
            {"text": "A hard bug?", "answerTimeSeconds": 600, "retakes": 3},
        ],
    )
    interview = result["interview"]
    assert interview["title"] == "Data engineer"
    assert interview["status"] == "DRAFT"
    assert interview["creator"]["username"] == "olivia"
    assert interview["organization"]["id"] == org
    assert [
        (q["position"], q["text"], q["thinkTimeSeconds"], q["answerTimeSeconds"], q["retakes"])
        for q in interview["questions"]
    ] == [(1, "Tell us about yourself.", 0, 120, 1), (2, "A hard bug?", 30, 600, 3)]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"title": ""}, [(["title"], "REQUIRED")]),
        ({"title": "   "}, [(["title"], "REQUIRED")]),
        ({"title": "x" * 201}, [(["title"], "TOO_LONG")]),
        ({"description": "x" * 10_001}, [(["description"], "TOO_LONG")]),
        ({"questions": []}, [(["questions"], "REQUIRED")]),
        ({"questions": questions(101)}, [(["questions"], "TOO_MANY")]),
        (
            {"questions": [*questions(3), {"text": ""}]},
            [(["questions", "3", "text"], "REQUIRED")],
        ),
        (
            {"questions": [{"text": "a", "thinkTimeSeconds": -1, "answerTimeSeconds": 5}]},
            [
                (["questions", "0", "thinkTimeSeconds"], "OUT_OF_RANGE"),
                (["questions", "0", "answerTimeSeconds"], "OUT_OF_RANGE"),
            ],
        ),
        (
            {"questions": [{"text": "x" * 2001, "retakes": 11, "answerTimeSeconds": 1801}]},
            [
                (["questions", "0", "text"], "TOO_LONG"),
                (["questions", "0", "answerTimeSeconds"], "OUT_OF_RANGE"),
                (["questions", "0", "retakes"], "OUT_OF_RANGE"),
            ],
        ),
        (
            {"answerDeadline": "2001-01-01T00:00:00+00:00"},
            [(["answerDeadline"], "OUT_OF_RANGE")],
        ),
        (
            {"title": "", "questions": [{"text": "ok"}, {"text": "", "thinkTimeSeconds": 601}]},
            [
                (["title"], "REQUIRED"),
                (["questions", "1", "text"], "REQUIRED"),
                (["questions", "1", "thinkTimeSeconds"], "OUT_OF_RANGE"),
            ],
        ),
    ],
)
async def test_create_interview_bad_input_saves_nothing(gql, owner, fields, expected):
    token, org = owner
    result = await create_interview(gql, token, org, expect_ok=False, **fields)
    assert result["interview"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == expected
    assert all(e["message"] for e in result["errors"])
    await _nothing_saved()


async def test_create_interview_in_an_unknown_or_foreign_organization(gql, owner):
    token, _ = owner
    other = await signup(gql, "otto")
    foreign = await own_org(gql, other["accessToken"])
    unknown = "T3JnYW5pemF0aW9uOjk5OTk5"  # Organization:99999
    for org in (foreign, unknown):
        result = await create_interview(gql, token, org, expect_ok=False)
        assert result["errors"] == [
            {
                "field": ["organizationId"],
                "message": "There is no organization with this ID.",
                "code": "NOT_FOUND",
            }
        ]
    await _nothing_saved()


async def test_create_interview_with_an_id_of_another_type(gql, owner):
    token, _ = owner
    me = await gql("query { viewer { id } }", token=token)
    for bad in (me["data"]["viewer"]["id"], "not-an-id"):
        result = await create_interview(gql, token, bad, expect_ok=False)
        assert result["errors"] == [
            {
                "field": ["organizationId"],
                "message": "This is not the ID of an Organization.",
                "code": "INVALID",
            }
        ]
    await _nothing_saved()


async def test_node_and_nodes(gql, owner):
    token, org = owner
    first = (await create_interview(gql, token, org, title="One"))["interview"]
    second = (await create_interview(gql, token, org, title="Two"))["interview"]
    body = await gql(NODE, {"id": first["id"]}, token=token)
    assert body["data"]["node"]["title"] == "One"
    assert body["data"]["node"]["organization"]["name"] == "olivia's organization"
    missing = "SW50ZXJ2aWV3Ojk5OTk5"  # Interview:99999
    body = await gql(
        "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Interview { title } } }",
        {"ids": [second["id"], missing, first["questions"][0]["id"], first["id"]]},
        token=token,
    )
    assert body["data"]["nodes"] == [
        {"id": second["id"], "title": "Two"},
        None,
        {"id": first["questions"][0]["id"]},
        {"id": first["id"], "title": "One"},
    ]
    # An outsider gets null, exactly as for the id that does not exist.
    other = await signup(gql, "otto")
    body = await gql(NODE, {"id": first["id"]}, token=other["accessToken"])
    assert body == {"data": {"node": None}}
    body = await gql(NODE, {"id": missing}, token=other["accessToken"])
    assert body == {"data": {"node": None}}


async def test_update_interview(gql, owner):
    token, org = owner
    interview = (await create_interview(gql, token, org))["interview"]
    deadline = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0)
    body = await gql(
        UPDATE,
        {
            "input": {
                "interviewId": interview["id"],
                "description": "New words",
                "answerDeadline": deadline.isoformat(),
            }
        },
        token=token,
    )
    result = body["data"]["updateInterview"]
    assert result["errors"] == []
    assert result["interview"]["title"] == "Backend engineer"  # left out, kept
    assert result["interview"]["description"] == "New words"
    assert datetime.fromisoformat(result["interview"]["answerDeadline"]) == deadline
    assert result["interview"]["updatedAt"] > interview["updatedAt"]
    body = await gql(
        UPDATE, {"input": {"interviewId": interview["id"], "answerDeadline": None}}, token=token
    )
    assert body["data"]["updateInterview"]["interview"]["answerDeadline"] is None
    body = await gql(
        UPDATE, {"input": {"interviewId": interview["id"], "title": "x" * 201}}, token=token
    )
    assert body["data"]["updateInterview"]["errors"][0]["field"] == ["title"]
    body = await gql(NODE, {"id": interview["id"]}, token=token)
    assert body["data"]["node"]["title"] == "Backend engineer"


async def test_add_update_remove_and_reorder_questions(gql, owner):
    token, org = owner
    interview = (await create_interview(gql, token, org))["interview"]
    iid = interview["id"]
    body = await gql(
        ADD,
        {"input": {"interviewId": iid, "question": {"text": "First now?"}, "position": 1}},
        token=token,
    )
    added = body["data"]["addQuestion"]["question"]
    assert added["position"] == 1
    body = await gql(
        ADD, {"input": {"interviewId": iid, "question": {"text": "Last?"}}}, token=token
    )
    assert body["data"]["addQuestion"]["question"]["position"] == 5
    body = await gql(
        ADD,
        {"input": {"interviewId": iid, "question": {"text": "x"}, "position": 7}},
        token=token,
    )
    assert body["data"]["addQuestion"]["errors"][0]["field"] == ["position"]
    body = await gql(ADD, {"input": {"interviewId": iid, "question": {"text": ""}}}, token=token)
    assert body["data"]["addQuestion"]["errors"][0]["field"] == ["question", "text"]

    body = await gql(NODE, {"id": iid}, token=token)
    texts = [q["text"] for q in body["data"]["node"]["questions"]]
    assert texts == ["First now?", "Question 1?", "Question 2?", "Question 3?", "Last?"]
    assert [q["position"] for q in body["data"]["node"]["questions"]] == [1, 2, 3, 4, 5]
    ids = [q["id"] for q in body["data"]["node"]["questions"]]

    body = await gql(UPDATE_Q, {"input": {"questionId": ids[1], "retakes": 0}}, token=token)
    assert body["data"]["updateQuestion"]["question"] == {
        "text": "Question 1?",
        "thinkTimeSeconds": 30,
        "answerTimeSeconds": 120,
        "retakes": 0,
        "position": 2,
    }
    body = await gql(
        UPDATE_Q, {"input": {"questionId": ids[1], "answerTimeSeconds": 9}}, token=token
    )
    assert body["data"]["updateQuestion"]["errors"][0]["field"] == ["answerTimeSeconds"]

    body = await gql(REMOVE_Q, {"input": {"questionId": ids[2]}}, token=token)
    remaining = body["data"]["removeQuestion"]["interview"]["questions"]
    assert [(q["position"], q["text"]) for q in remaining] == [
        (1, "First now?"),
        (2, "Question 1?"),
        (3, "Question 3?"),
        (4, "Last?"),
    ]
    new_order = [ids[4], ids[3], ids[0], ids[1]]
    body = await gql(
        REORDER, {"input": {"interviewId": iid, "questionIds": new_order}}, token=token
    )
    reordered = body["data"]["reorderQuestions"]["interview"]["questions"]
    assert [q["id"] for q in reordered] == new_order
    assert [q["position"] for q in reordered] == [1, 2, 3, 4]
    for bad in (new_order[:3], [*new_order, new_order[0]], [ids[2], *new_order[1:]]):
        body = await gql(REORDER, {"input": {"interviewId": iid, "questionIds": bad}}, token=token)
        assert body["data"]["reorderQuestions"]["errors"][0]["field"] == ["questionIds"]


async def test_the_last_question_stays(gql, owner):
    token, org = owner
    interview = (await create_interview(gql, token, org, questions=questions(1)))["interview"]
    body = await gql(
        REMOVE_Q, {"input": {"questionId": interview["questions"][0]["id"]}}, token=token
    )
    assert body["data"]["removeQuestion"]["errors"][0]["code"] == "REQUIRED"
    assert await Question.all().count() == 1


async def test_an_interview_has_at_most_100_questions(gql, owner):
    token, org = owner
    interview = (await create_interview(gql, token, org, questions=questions(100)))["interview"]
    body = await gql(
        ADD, {"input": {"interviewId": interview["id"], "question": {"text": "101?"}}}, token=token
    )
    assert body["data"]["addQuestion"]["errors"][0]["code"] == "TOO_MANY"


async def test_questions_are_frozen_once_answered(gql, owner):
    token, org = owner
    interview = (await create_interview(gql, token, org))["interview"]
    qids = [q["id"] for q in interview["questions"]]
    await Interview.all().update(first_answer_at=datetime.now(UTC))
    attempts = [
        (ADD, {"interviewId": interview["id"], "question": {"text": "New?"}}, "addQuestion"),
        (UPDATE_Q, {"questionId": qids[0], "text": "Changed?"}, "updateQuestion"),
        (REMOVE_Q, {"questionId": qids[0]}, "removeQuestion"),
        (
            REORDER,
            {"interviewId": interview["id"], "questionIds": list(reversed(qids))},
            "reorderQuestions",
        ),
        (DELETE, {"interviewId": interview["id"]}, "deleteInterview"),
    ]
    for query, args, field in attempts:
        body = await gql(query, {"input": args}, token=token)
        assert body["data"][field]["errors"][0]["code"] == "LOCKED", field
    body = await gql(NODE, {"id": interview["id"]}, token=token)
    node = body["data"]["node"]
    assert node["questionsLocked"] is True
    assert [q["text"] for q in node["questions"]] == ["Question 1?", "Question 2?", "Question 3?"]
    # The title may still change.
    body = await gql(
        UPDATE, {"input": {"interviewId": interview["id"], "title": "Renamed"}}, token=token
    )
    assert body["data"]["updateInterview"]["errors"] == []


async def test_status_transitions(gql, owner):
    token, org = owner
    interview = (await create_interview(gql, token, org))["interview"]

    async def move(status):
        body = await gql(
            STATUS, {"input": {"interviewId": interview["id"], "status": status}}, token=token
        )
        return body["data"]["setInterviewStatus"]

    assert (await move("CLOSED"))["errors"][0]["code"] == "INVALID_TRANSITION"
    for status in ("OPEN", "CLOSED", "OPEN", "ARCHIVED", "CLOSED"):
        result = await move(status)
        assert result["errors"] == [] and result["interview"]["status"] == status
    assert (await move("DRAFT"))["errors"][0]["code"] == "INVALID_TRANSITION"
    await Interview.all().update(
        status="DRAFT", answer_deadline=datetime.now(UTC) - timedelta(minutes=1)
    )
    assert (await move("OPEN"))["errors"][0]["field"] == ["status"]


async def test_delete_interview(gql, owner):
    token, org = owner
    interview = (await create_interview(gql, token, org))["interview"]
    body = await gql(DELETE, {"input": {"interviewId": interview["id"]}}, token=token)
    assert body["data"]["deleteInterview"] == {
        "deletedInterviewId": interview["id"],
        "errors": [],
    }
    await _nothing_saved()
    body = await gql(DELETE, {"input": {"interviewId": interview["id"]}}, token=token)
    assert body["data"]["deleteInterview"]["errors"][0]["code"] == "NOT_FOUND"


async def test_mutations_refuse_ids_of_another_type(gql):
    team = await Team.build(gql)
    token = team.tokens["OWNER"]
    body = await gql(DELETE, {"input": {"interviewId": team.org}}, token=token)
    assert body["data"]["deleteInterview"]["errors"] == [
        {
            "field": ["interviewId"],
            "message": "This is not the ID of an Interview.",
            "code": "INVALID",
        }
    ]
    body = await gql(UPDATE_Q, {"input": {"questionId": team.org, "text": "x"}}, token=token)
    assert body["data"]["updateQuestion"]["errors"][0]["field"] == ["questionId"]
