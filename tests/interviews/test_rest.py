"""The original app's interview REST paths: same shapes, same permissions."""

from __future__ import annotations

from tests.fixtures.graphql import signup
from tests.fixtures.teams import Team, create_interview
from vector_gql.models.interviews import Interview, Question

CREATE = "/api/interviews/create/"
LIST = "/api/interviews/interview"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_create_returns_id_title_description(client, gql):
    ann = await signup(gql, "ann")
    response = await client.post(
        CREATE,
        json={
            "title": "Backend",
            "description": "APIs",
            "questions": [{"question_text": "Why us?"}, {"question_text": "Why you?"}],
        },
        headers=bearer(ann["accessToken"]),
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body == {"id": body["id"], "title": "Backend", "description": "APIs"}
    assert isinstance(body["id"], int)
    interview = await Interview.get(id=body["id"]).prefetch_related("questions")
    assert sorted((q.position, q.text) for q in interview.questions) == [
        (1, "Why us?"),
        (2, "Why you?"),
    ]


async def test_create_needs_a_token(client, gql):
    response = await client.post(CREATE, json={"title": "x", "questions": []})
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}
    response = await client.post(
        CREATE, json={"title": "x", "questions": []}, headers=bearer("nonsense")
    )
    assert response.status_code == 401
    assert response.json()["code"] == "token_not_valid"


async def test_create_field_errors_like_drf(client, gql):
    ann = await signup(gql, "ann")
    response = await client.post(
        CREATE,
        json={"description": "d", "questions": [{"question_text": "ok"}, {"text": "wrong key"}]},
        headers=bearer(ann["accessToken"]),
    )
    assert response.status_code == 400
    assert response.json() == {
        "title": ["This field is required."],
        "questions": [{}, {"question_text": ["This field is required."]}],
    }
    response = await client.post(
        CREATE,
        json={"title": "", "questions": [{"question_text": "ok"}, {"question_text": " "}]},
        headers=bearer(ann["accessToken"]),
    )
    assert response.status_code == 400
    assert response.json() == {
        "title": ["Enter a title."],
        "questions": [{}, {"question_text": ["Enter the question."]}],
    }
    response = await client.post(
        CREATE, json={"title": "t", "questions": []}, headers=bearer(ann["accessToken"])
    )
    assert response.status_code == 400
    assert response.json() == {"questions": ["Add at least one question."]}
    assert await Interview.all().count() == 0
    assert await Question.all().count() == 0


async def test_create_respects_roles(client, gql):
    team = await Team.build(gql)
    body = {"title": "t", "questions": [{"question_text": "q"}]}
    response = await client.post(CREATE, json=body, headers=bearer(team.tokens["EVALUATOR"]))
    assert response.status_code == 403
    assert response.json() == {"detail": "You do not have permission to perform this action."}
    # A recruiter's interview goes to the organization they recruit for.
    response = await client.post(CREATE, json=body, headers=bearer(team.tokens["RECRUITER"]))
    assert response.status_code == 201
    owner_list = await client.get(LIST, headers=bearer(team.tokens["OWNER"]))
    assert owner_list.json()["count"] == 1
    # Naming a foreign organization is as if it did not exist.
    foreign = int(__import__("base64").b64decode(team.foreign_org).decode().split(":")[1])
    response = await client.post(
        CREATE, json={**body, "organization": foreign}, headers=bearer(team.tokens["OWNER"])
    )
    assert response.status_code == 400
    assert response.json() == {"organization": ["There is no organization with this ID."]}


async def test_list_is_page_numbered(client, gql):
    team = await Team.build(gql)
    for i in range(5):
        await create_interview(gql, team.tokens["OWNER"], team.org, title=f"T{i}")
    await create_interview(gql, team.tokens["OUTSIDER"], team.foreign_org, title="Foreign")
    headers = bearer(team.tokens["EVALUATOR"])
    response = await client.get(LIST, params={"page_size": 2}, headers=headers)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 5
    assert body["previous"] is None
    assert body["next"] == "http://testserver/api/interviews/interview?page_size=2&page=2"
    assert [r["title"] for r in body["results"]] == ["T0", "T1"]
    item = body["results"][0]
    assert set(item) == {"id", "title", "description", "questions", "created_at"}
    assert [q["question_text"] for q in item["questions"]] == [
        "Question 1?",
        "Question 2?",
        "Question 3?",
    ]
    response = await client.get(LIST + "/", params={"page_size": 2, "page": 3}, headers=headers)
    body = response.json()
    assert [r["title"] for r in body["results"]] == ["T4"]
    assert body["next"] is None
    assert body["previous"] == "http://testserver/api/interviews/interview/?page_size=2&page=2"
    response = await client.get(LIST, params={"page": 9}, headers=headers)
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}
    response = await client.get(LIST)
    assert response.status_code == 401


async def test_show_interview(client, gql):
    team = await Team.build(gql)
    created = await client.post(
        CREATE,
        json={"title": "Shown", "questions": [{"question_text": "q"}]},
        headers=bearer(team.tokens["OWNER"]),
    )
    pk = created.json()["id"]
    response = await client.get(f"{LIST}/{pk}", headers=bearer(team.tokens["EVALUATOR"]))
    assert response.status_code == 200
    assert response.json()["title"] == "Shown"
    assert response.json()["questions"][0]["question_text"] == "q"
    for path in (f"{LIST}/{pk}", f"{LIST}/999999"):
        response = await client.get(path, headers=bearer(team.tokens["OUTSIDER"]))
        assert response.status_code == 404
    response = await client.get(f"{LIST}/{pk}/")
    assert response.status_code == 401
