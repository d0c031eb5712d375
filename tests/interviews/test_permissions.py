"""The permission matrix: role x operation x own or foreign organization.

Owners and recruiters create and change interviews; evaluators read them;
anyone outside the organization is told the interview (or organization) does
not exist, exactly as for an id that does not exist; anonymous callers must
sign in.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.fixtures.teams import Team, create_interview, questions
from vector_gql.models.interviews import Interview, Question

OK, FORBIDDEN, NOT_FOUND, UNAUTHENTICATED = "ok", "forbidden", "not_found", "unauthenticated"


def _outcome(body: dict[str, Any], field: str) -> str:
    if body.get("errors"):
        code = body["errors"][0]["extensions"]["code"]
        if code == "FORBIDDEN":
            return FORBIDDEN
        if code == "UNAUTHENTICATED":
            return UNAUTHENTICATED
        if code == "BAD_USER_INPUT" and "no organization" in body["errors"][0]["message"]:
            return NOT_FOUND
        raise AssertionError(body["errors"])
    result = body["data"][field]
    if field in ("node",):
        return OK if result is not None else NOT_FOUND
    if field == "interviews":
        return OK if result["totalCount"] else NOT_FOUND
    errors = result["errors"]
    if not errors:
        return OK
    assert [e["code"] for e in errors] == ["NOT_FOUND"], errors
    return NOT_FOUND


async def _run(gql, token, query, variables, field) -> str:
    body = await gql(query, variables, token=token, expect_errors=True)
    return _outcome(body, field)


async def read_node(gql, token, ctx):
    query = "query($id: ID!) { node(id: $id) { ... on Interview { title questions { text } } } }"
    return await _run(gql, token, query, {"id": ctx["interview"]}, "node")


async def read_question_node(gql, token, ctx):
    query = "query($id: ID!) { node(id: $id) { ... on Question { text } } }"
    return await _run(gql, token, query, {"id": ctx["questions"][0]}, "node")


async def list_org(gql, token, ctx):
    query = "query($org: ID) { interviews(organizationId: $org) { totalCount } }"
    return await _run(gql, token, query, {"org": ctx["org"]}, "interviews")


async def list_all(gql, token, ctx):
    query = "query { interviews { totalCount edges { node { id } } } }"
    body = await gql(query, token=token, expect_errors=True)
    if body.get("errors"):
        return _outcome(body, "interviews")
    ids = [e["node"]["id"] for e in body["data"]["interviews"]["edges"]]
    return OK if ctx["interview"] in ids else NOT_FOUND


async def create(gql, token, ctx):
    query = """mutation($input: CreateInterviewInput!) {
      createInterview(input: $input) { interview { id } errors { field code } } }"""
    variables = {"input": {"organizationId": ctx["org"], "title": "T", "questions": questions(1)}}
    return await _run(gql, token, query, variables, "createInterview")


async def update(gql, token, ctx):
    query = """mutation($input: UpdateInterviewInput!) {
      updateInterview(input: $input) { interview { id } errors { code } } }"""
    variables = {"input": {"interviewId": ctx["interview"], "title": "New"}}
    return await _run(gql, token, query, variables, "updateInterview")


async def add_question(gql, token, ctx):
    query = """mutation($input: AddQuestionInput!) {
      addQuestion(input: $input) { question { id } errors { code } } }"""
    variables = {"input": {"interviewId": ctx["interview"], "question": {"text": "More?"}}}
    return await _run(gql, token, query, variables, "addQuestion")


async def update_question(gql, token, ctx):
    query = """mutation($input: UpdateQuestionInput!) {
      updateQuestion(input: $input) { question { id } errors { code } } }"""
    variables = {"input": {"questionId": ctx["questions"][0], "text": "Changed?"}}
    return await _run(gql, token, query, variables, "updateQuestion")


async def remove_question(gql, token, ctx):
    query = """mutation($input: RemoveQuestionInput!) {
      removeQuestion(input: $input) { interview { id } errors { code } } }"""
    variables = {"input": {"questionId": ctx["questions"][0]}}
    return await _run(gql, token, query, variables, "removeQuestion")


async def reorder(gql, token, ctx):
    query = """mutation($input: ReorderQuestionsInput!) {
      reorderQuestions(input: $input) { interview { id } errors { code } } }"""
    variables = {
        "input": {"interviewId": ctx["interview"], "questionIds": list(reversed(ctx["questions"]))}
    }
    return await _run(gql, token, query, variables, "reorderQuestions")


async def set_status(gql, token, ctx):
    query = """mutation($input: SetInterviewStatusInput!) {
      setInterviewStatus(input: $input) { interview { status } errors { code } } }"""
    variables = {"input": {"interviewId": ctx["interview"], "status": "OPEN"}}
    return await _run(gql, token, query, variables, "setInterviewStatus")


async def delete(gql, token, ctx):
    query = """mutation($input: DeleteInterviewInput!) {
      deleteInterview(input: $input) { deletedInterviewId errors { code } } }"""
    variables = {"input": {"interviewId": ctx["interview"]}}
    return await _run(gql, token, query, variables, "deleteInterview")


READS = [read_node, read_question_node, list_org, list_all]
WRITES = [create, update, add_question, update_question, remove_question, reorder, set_status]
WRITES.append(delete)

EXPECTED_OWN = {"OWNER": (OK, OK), "RECRUITER": (OK, OK), "EVALUATOR": (OK, FORBIDDEN)}


async def _context(gql, team: Team, where: str) -> dict[str, Any]:
    if where == "own":
        token, org = team.tokens["OWNER"], team.org
    else:
        token, org = team.tokens["OUTSIDER"], team.foreign_org
    interview = (await create_interview(gql, token, org))["interview"]
    return {
        "org": org,
        "interview": interview["id"],
        "questions": [q["id"] for q in interview["questions"]],
    }


async def _snapshot() -> list[tuple]:
    interviews = await Interview.all().order_by("id").values_list("id", "title", "status")
    questions_ = await Question.all().order_by("id").values_list("id", "position", "text")
    return [*interviews, *questions_]


@pytest.mark.parametrize("operation", READS + WRITES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("where", ["own", "foreign"])
@pytest.mark.parametrize("role", ["OWNER", "RECRUITER", "EVALUATOR"])
async def test_matrix(gql, role, where, operation):
    team = await Team.build(gql)
    ctx = await _context(gql, team, where)
    before = await _snapshot()
    outcome = await operation(gql, team.tokens[role], ctx)
    if where == "foreign":
        expected = NOT_FOUND
    else:
        expected = EXPECTED_OWN[role][0 if operation in READS else 1]
    assert outcome == expected
    if expected != OK:
        assert await _snapshot() == before, "a refused operation changed something"


@pytest.mark.parametrize("operation", READS + WRITES, ids=lambda f: f.__name__)
async def test_anonymous_callers_are_refused(gql, operation):
    team = await Team.build(gql)
    ctx = await _context(gql, team, "own")
    outcome = await operation(gql, None, ctx)
    # node(id:) answers null without a token, as for an id that does not exist.
    expected = NOT_FOUND if operation in (read_node, read_question_node) else UNAUTHENTICATED
    assert outcome == expected


async def test_a_removed_member_loses_access(gql):
    team = await Team.build(gql)
    ctx = await _context(gql, team, "own")
    assert await read_node(gql, team.tokens["RECRUITER"], ctx) == OK
    query = """mutation($input: RemoveMemberInput!) {
      removeMember(input: $input) { errors { code } } }"""
    args = {"organizationId": team.org, "userId": team.users["RECRUITER"]["id"]}
    await gql(query, {"input": args}, token=team.tokens["OWNER"])
    assert await read_node(gql, team.tokens["RECRUITER"], ctx) == NOT_FOUND
    assert await update(gql, team.tokens["RECRUITER"], ctx) == NOT_FOUND
