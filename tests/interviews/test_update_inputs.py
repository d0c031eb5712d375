"""The rule for update inputs, tested on every field of updateInterview and updateQuestion.

A field left out stays as it is. null clears a field that may be empty. null on
any other field is a REQUIRED error pointing at it, and then nothing changes,
not even the input's valid fields.
"""

from __future__ import annotations

import pytest
from strawberry import relay

from tests.fixtures.graphql import signup
from tests.fixtures.random_objects import create_video
from tests.fixtures.teams import create_interview, own_org
from vector_gql.models.accounts import User
from vector_gql.models.organizations import Organization

UPDATE_INTERVIEW = """
mutation($input: UpdateInterviewInput!) {
  updateInterview(input: $input) {
    interview { title description answerDeadline }
    errors { field code }
  }
}
"""
UPDATE_QUESTION = """
mutation($input: UpdateQuestionInput!) {
  updateQuestion(input: $input) {
    question { text thinkTimeSeconds answerTimeSeconds retakes videoPrompt { id } }
    errors { field code }
  }
}
"""
INTERVIEW = """
query($id: ID!) { node(id: $id) { ... on Interview {
  title description answerDeadline
  questions { id text thinkTimeSeconds answerTimeSeconds retakes videoPrompt { id } } } } }
"""
DEADLINE = "2040-05-01T17:00:00.000000Z"


@pytest.fixture
async def setup(gql):
    token = (await signup(gql, "una"))["accessToken"]
    org = await own_org(gql, token)
    interview = (
        await create_interview(
            gql,
            token,
            org,
            description="Three questions.",
            answerDeadline=DEADLINE,
            questions=[{"text": "Why us?", "thinkTimeSeconds": 20, "retakes": 2}],
        )
    )["interview"]
    organization = await Organization.get(id=int(relay.GlobalID.from_id(org).node_id))
    video = await create_video(organization, (await User.get(username="una")).id)
    video_id = relay.to_base64("Video", video.id)
    question_id = interview["questions"][0]["id"]
    body = await gql(
        UPDATE_QUESTION,
        {"input": {"questionId": question_id, "videoPromptId": video_id}},
        token=token,
    )
    assert body["data"]["updateQuestion"]["errors"] == []
    return token, interview["id"], question_id, video_id


async def current(gql, token, interview_id):
    return (await gql(INTERVIEW, {"id": interview_id}, token=token))["data"]["node"]


# --- updateInterview -------------------------------------------------------------------------


async def test_update_interview_leaves_out_what_is_left_out(gql, setup):
    token, interview_id, _, _ = setup
    before = await current(gql, token, interview_id)
    body = await gql(
        UPDATE_INTERVIEW, {"input": {"interviewId": interview_id, "title": "New"}}, token=token
    )
    assert body["data"]["updateInterview"]["errors"] == []
    after = await current(gql, token, interview_id)
    assert after == {**before, "title": "New"}


@pytest.mark.parametrize(("field", "cleared"), [("description", ""), ("answerDeadline", None)])
async def test_update_interview_null_clears_an_optional_field(gql, setup, field, cleared):
    token, interview_id, _, _ = setup
    before = await current(gql, token, interview_id)
    body = await gql(
        UPDATE_INTERVIEW, {"input": {"interviewId": interview_id, field: None}}, token=token
    )
    result = body["data"]["updateInterview"]
    assert result["errors"] == []
    assert result["interview"][field] == cleared
    assert await current(gql, token, interview_id) == {**before, field: cleared}


async def test_update_interview_null_on_the_title_is_required_and_changes_nothing(gql, setup):
    token, interview_id, _, _ = setup
    before = await current(gql, token, interview_id)
    body = await gql(
        UPDATE_INTERVIEW,
        {"input": {"interviewId": interview_id, "title": None, "description": "Changed?"}},
        token=token,
    )
    result = body["data"]["updateInterview"]
    assert result["interview"] is None
    assert result["errors"] == [{"field": ["title"], "code": "REQUIRED"}]
    assert await current(gql, token, interview_id) == before


# --- updateQuestion --------------------------------------------------------------------------


async def test_update_question_leaves_out_what_is_left_out(gql, setup):
    token, interview_id, question_id, video_id = setup
    before = (await current(gql, token, interview_id))["questions"][0]
    body = await gql(
        UPDATE_QUESTION, {"input": {"questionId": question_id, "retakes": 0}}, token=token
    )
    assert body["data"]["updateQuestion"]["errors"] == []
    after = (await current(gql, token, interview_id))["questions"][0]
    assert after == {**before, "retakes": 0}
    assert after["videoPrompt"] == {"id": video_id}


async def test_update_question_null_removes_the_video_prompt(gql, setup):
    token, interview_id, question_id, _ = setup
    before = (await current(gql, token, interview_id))["questions"][0]
    body = await gql(
        UPDATE_QUESTION,
        {"input": {"questionId": question_id, "videoPromptId": None}},
        token=token,
    )
    result = body["data"]["updateQuestion"]
    assert result["errors"] == []
    assert result["question"]["videoPrompt"] is None
    after = (await current(gql, token, interview_id))["questions"][0]
    assert after == {**before, "videoPrompt": None}


@pytest.mark.parametrize("field", ["text", "thinkTimeSeconds", "answerTimeSeconds", "retakes"])
async def test_update_question_null_on_a_required_field_is_required_and_changes_nothing(
    gql, setup, field
):
    token, interview_id, question_id, _ = setup
    before = await current(gql, token, interview_id)
    body = await gql(
        UPDATE_QUESTION,
        {"input": {"questionId": question_id, field: None, "videoPromptId": None}},
        token=token,
    )
    result = body["data"]["updateQuestion"]
    assert result["question"] is None
    assert result["errors"] == [{"field": [field], "code": "REQUIRED"}]
    assert await current(gql, token, interview_id) == before
