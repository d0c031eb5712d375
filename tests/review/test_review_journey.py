"""The whole way through the real candidate API: invited, answered, submitted, reviewed blind."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.candidates import flows as f
from tests.fixtures import media as mf
from tests.fixtures.teams import Team, create_interview
from tests.review.blind_helpers import ASSIGNMENT, QUEUE, Review, assign, submit
from tests.review.test_results import RESULTS
from tests.review.test_rubrics import criterion, set_rubric


@pytest.fixture(scope="session")
def recording(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("review-answers")
    return mf.make_video(
        folder / "grace_hopper_webcam.webm",
        seconds=3,
        fmt="webm",
        fps=5,
        size=(64, 48),
        chrome_style=True,
    )


async def test_a_candidate_answers_and_is_reviewed_blind(gql, client, clock, recording):
    team = await Team.build(gql)
    recruiter = team.tokens["RECRUITER"]
    interview = (
        await create_interview(
            gql, recruiter, team.org, questions=[{"text": "Why us?"}, {"text": "A hard bug?"}]
        )
    )["interview"]
    rubric = await set_rubric(
        gql, recruiter, interview["id"], [criterion("Communication"), criterion("Depth")]
    )
    assert rubric["errors"] == []
    await f.open_interview(gql, recruiter, interview["id"])
    invited = await f.invite(
        gql,
        recruiter,
        interview["id"],
        [("Grace Hopper", "grace@navy.example")],
        (clock.now() + timedelta(days=2)).isoformat(),
    )
    link = f.token_of(invited["invitations"][0]["url"])
    candidate = (await f.session(gql, link))["accessToken"]
    for question in interview["questions"]:
        assert (await f.start(gql, candidate, question["id"]))["errors"] == []
        recorded = await f.submit_file(client, candidate, question["id"], recording)
        assert recorded["errors"] == []
    assert (await f.submit_interview(gql, candidate))["errors"] == []

    body = await assign(
        gql, recruiter, [invited["invitations"][0]["id"]], [team.users["EVALUATOR"]["id"]]
    )
    assert body.get("data") and body["data"]["assignEvaluators"]["errors"] == [], body
    queue = (await gql(QUEUE, {}, token=team.tokens["EVALUATOR"]))["data"]["reviewQueue"]
    assignment_id = queue["edges"][0]["node"]["id"]
    seen = await gql(ASSIGNMENT, {"id": assignment_id}, token=team.tokens["EVALUATOR"])
    node = seen["data"]["node"]
    assert [a["question"]["position"] for a in node["answers"]] == [1, 2]
    text = json.dumps(seen).lower()
    for secret in ("grace", "hopper", "navy", "webcam", link.lower()):
        assert secret not in text
    for answer in node["answers"]:
        assert answer["video"]["durationSeconds"] == pytest.approx(3.0, abs=0.5)
        played = await client.get(urlsplit(answer["video"]["url"]).path)
        assert played.status_code == 200
        assert played.content == recording.read_bytes()
        assert "grace" not in json.dumps(dict(played.headers)).lower()

    review = Review(team, interview, rubric["rubric"]["criteria"])
    result = await submit(gql, team.tokens["EVALUATOR"], assignment_id, review.ratings(4))
    assert result["data"]["submitEvaluation"]["errors"] == []
    named = await gql(
        RESULTS.replace("results { rank", "results { invitation { name } rank"),
        {"id": interview["id"]},
        token=recruiter,
    )
    [first] = named["data"]["node"]["results"]
    assert first["invitation"]["name"] == "Grace Hopper"
    assert (first["rank"], first["rawTotal"]) == (1, 4.0)
