"""Questions may carry a recruiter's recorded prompt: a video of the same organization."""

from __future__ import annotations

import json

import pytest

from tests.fixtures import media as mf
from tests.fixtures.graphql import GraphQLClient
from tests.fixtures.teams import Team, create_interview
from vector_gql.models.interviews import Interview

UPLOAD = """
mutation($input: UploadVideoInput!) { uploadVideo(input: $input) { video { id } errors { code } } }
"""
PROMPTS = """
query($id: ID!) { node(id: $id) { ... on Interview {
  questions { id text videoPrompt { id title durationSeconds url } } } } }
"""
ADD = """
mutation($input: AddQuestionInput!) {
  addQuestion(input: $input) { question { videoPrompt { id } } errors { field code } } }
"""
UPDATE = """
mutation($input: UpdateQuestionInput!) {
  updateQuestion(input: $input) { question { videoPrompt { id } } errors { field code } } }
"""


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    return mf.make_video(tmp_path_factory.mktemp("prompt") / "prompt.mp4", seconds=1)


async def _upload(client, token: str, path) -> str:
    operations = {"query": UPLOAD, "variables": {"input": {"title": "Why us?", "file": None}}}
    with open(path, "rb") as handle:
        response = await client.post(
            "/graphql",
            data={
                "operations": json.dumps(operations),
                "map": json.dumps({"0": ["variables.input.file"]}),
            },
            files={"0": ("prompt.mp4", handle, "video/mp4")},
            headers={"Authorization": f"Bearer {token}", "Apollo-Require-Preflight": "true"},
        )
    return response.json()["data"]["uploadVideo"]["video"]["id"]


@pytest.fixture
async def team(gql: GraphQLClient) -> Team:
    return await Team.build(gql)


async def test_questions_carry_their_video_prompt_for_every_member(gql, client, team, clip):
    video = await _upload(client, team.tokens["RECRUITER"], clip)
    questions = [{"text": "Why us?", "videoPromptId": video}, {"text": "Plain question"}]
    created = await create_interview(gql, team.tokens["RECRUITER"], team.org, questions=questions)
    interview_id = created["interview"]["id"]
    for role in ("OWNER", "RECRUITER", "EVALUATOR"):
        body = await gql(PROMPTS, {"id": interview_id}, token=team.tokens[role])
        first, second = body["data"]["node"]["questions"]
        assert first["videoPrompt"]["id"] == video
        assert first["videoPrompt"]["title"] == "Why us?"
        assert abs(first["videoPrompt"]["durationSeconds"] - 1.0) <= 0.1
        assert first["videoPrompt"]["url"]
        assert second["videoPrompt"] is None
    outsider = await gql(PROMPTS, {"id": interview_id}, token=team.tokens["OUTSIDER"])
    assert outsider["data"]["node"] is None


async def test_a_prompt_from_another_organization_is_refused(gql, client, team, clip):
    foreign = await _upload(client, team.tokens["OUTSIDER"], clip)
    questions = [{"text": "Fine"}, {"text": "Borrowed", "videoPromptId": foreign}]
    result = await create_interview(
        gql, team.tokens["OWNER"], team.org, questions=questions, expect_ok=False
    )
    assert result["interview"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == [
        (["questions", "1", "videoPromptId"], "NOT_FOUND")
    ]
    assert await Interview.all().count() == 0


async def test_an_id_of_another_type_is_not_a_prompt(gql, team):
    questions = [{"text": "Odd", "videoPromptId": team.users["OWNER"]["id"]}]
    result = await create_interview(
        gql, team.tokens["OWNER"], team.org, questions=questions, expect_ok=False
    )
    assert result["errors"][0]["field"] == ["questions", "0", "videoPromptId"]


async def test_prompts_can_be_added_changed_and_removed(gql, client, team, clip):
    video = await _upload(client, team.tokens["OWNER"], clip)
    foreign = await _upload(client, team.tokens["OUTSIDER"], clip)
    created = await create_interview(gql, team.tokens["OWNER"], team.org)
    interview = created["interview"]
    owner = team.tokens["OWNER"]

    added = await gql(
        ADD,
        {
            "input": {
                "interviewId": interview["id"],
                "question": {"text": "New", "videoPromptId": video},
            }
        },
        token=owner,
    )
    assert added["data"]["addQuestion"]["question"]["videoPrompt"]["id"] == video
    refused = await gql(
        ADD,
        {
            "input": {
                "interviewId": interview["id"],
                "question": {"text": "X", "videoPromptId": foreign},
            }
        },
        token=owner,
    )
    assert refused["data"]["addQuestion"]["errors"][0]["field"] == ["question", "videoPromptId"]

    question_id = interview["questions"][0]["id"]
    updated = await gql(
        UPDATE, {"input": {"questionId": question_id, "videoPromptId": video}}, token=owner
    )
    assert updated["data"]["updateQuestion"]["question"]["videoPrompt"]["id"] == video
    kept = await gql(
        UPDATE, {"input": {"questionId": question_id, "text": "Reworded"}}, token=owner
    )
    assert kept["data"]["updateQuestion"]["question"]["videoPrompt"]["id"] == video
    cleared = await gql(
        UPDATE, {"input": {"questionId": question_id, "videoPromptId": None}}, token=owner
    )
    assert cleared["data"]["updateQuestion"]["question"]["videoPrompt"] is None
    evaluator = await gql(
        UPDATE,
        {"input": {"questionId": question_id, "videoPromptId": video}},
        token=team.tokens["EVALUATOR"],
        expect_errors=True,
    )
    assert evaluator["errors"][0]["extensions"]["code"] == "FORBIDDEN"


PAGE = """
query($first: Int!) { interviews(first: $first) { edges { node { title
  questions { text videoPrompt { id title url } } } } } }
"""


async def _stored_video(team: Team, title: str) -> str:
    """A prompt video of the team's organization, stored as an upload would store it."""
    from strawberry import relay

    from vector_gql.models.media import Video

    video = await Video.create(
        title=title,
        storage_key=f"videos/{title}",
        filename=f"{title}.mp4",
        container="mp4",
        content_type="video/mp4",
        size_bytes=1000,
        duration_seconds=1.0,
        width=320,
        height=240,
        codec="h264",
        sha256="0" * 64,
        organization_id=int(relay.GlobalID.from_id(team.org).node_id),
    )
    return str(relay.GlobalID("Video", str(video.id)))


async def test_a_page_of_interviews_fetches_its_questions_prompts_with_it(gql, team, monkeypatch):
    from vector_gql.graphql.media import types as media_types
    from vector_gql.statements import count_statements

    token = team.tokens["RECRUITER"]
    prompts = [await _stored_video(team, f"prompt-{n}") for n in range(3)]
    for n in range(4):
        questions = [
            {"text": f"Q{n}.{q}", **({"videoPromptId": prompts[(n + q) % 3]} if q < 2 else {})}
            for q in range(3)
        ]
        await create_interview(gql, token, team.org, title=f"I{n}", questions=questions)

    async def no_loader(context, ids):
        raise AssertionError("a listed question's prompt is fetched with its page")

    # The page's questions answer their prompts without the per-question loader.
    monkeypatch.setattr(media_types.videos, "batch", no_loader)
    counts = []
    for first in (1, 4):
        with count_statements() as log:
            body = await gql(PAGE, {"first": first}, token=token)
        assert "errors" not in body, body
        counts.append(len([sql for sql in log.statements if "query_budget" not in sql]))
        for edge in body["data"]["interviews"]["edges"]:
            n = int(edge["node"]["title"][1:])
            found = [q["videoPrompt"] for q in edge["node"]["questions"]]
            assert [p and p["id"] for p in found] == [prompts[n % 3], prompts[(n + 1) % 3], None]
            assert all(p["url"] for p in found if p)
    assert counts[0] == counts[1], counts
    # An evaluator sees the prompts too, as through node(id:); an outsider sees no interview.
    body = await gql(PAGE, {"first": 4}, token=team.tokens["EVALUATOR"])
    assert len(body["data"]["interviews"]["edges"]) == 4, body
    body = await gql(PAGE, {"first": 4}, token=team.tokens["OUTSIDER"])
    assert body["data"]["interviews"]["edges"] == [], body


def test_listed_questions_hold_their_interview_only_when_asked_for_it():
    """A listed question holds its interview only when asked for it: otherwise the page's
    objects form no reference cycle, and are freed with the answer, not by the collector."""
    import gc
    import weakref
    from datetime import UTC, datetime

    from vector_gql.graphql.interviews.types import with_relations
    from vector_gql.models.interviews import InterviewStatus
    from vector_gql.services.interviews import InterviewRelations
    from vector_gql.services.interviews.rows import InterviewRow, QuestionRow

    now = datetime.now(UTC)
    row = InterviewRow(1, 1, 1, "Title", "", InterviewStatus.DRAFT, None, None, now, now)
    relations = InterviewRelations(
        questions={1: [QuestionRow(q, 1, q, f"Q{q}", 30, 120, 1, None) for q in (1, 2)]}
    )
    for with_interview in (False, True):
        gc.collect()
        gc.disable()
        try:
            [interview] = with_relations([row], relations, with_interview=with_interview)
            questions = interview._questions
            assert questions is not None and len(questions) == 2
            assert all(q._interview is (interview if with_interview else None) for q in questions)
            held: list[weakref.ref[object]] = [weakref.ref(interview)]
            held += [weakref.ref(q) for q in questions]
            del interview, questions
            # Without the back reference, reference counting frees them at once.
            assert [ref() is None for ref in held] == [not with_interview] * 3
        finally:
            gc.enable()
            gc.collect()
