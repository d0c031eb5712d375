"""Everything an evaluator's session can reach, walked field by field."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from strawberry import relay

from tests.fixtures.app import make_settings
from tests.fixtures.teams import Team, create_interview
from tests.fixtures.walk import Walk
from tests.review.test_rubrics import criterion, set_rubric
from vector_gql.app import create_app
from vector_gql.models.accounts import User
from vector_gql.models.interviews import Interview, Question
from vector_gql.models.organizations import Organization
from vector_gql.models.review import Rubric, RubricCriterion


@pytest.fixture
async def walk_http(data_dir, database, session_clock) -> AsyncIterator[httpx.AsyncClient]:
    """The API with document limits raised, for walks that ask for everything at once."""
    settings = make_settings(
        data_dir,
        max_query_depth=100,
        max_query_tokens=1_000_000,
        max_query_aliases=10_000,
        # One walk asks for everything at once, far past any caller's cost limit.
        query_cost_max=10**9,
        query_budget=0,
        # make_settings turns the executor check on: the walk's operations, where
        # non-null fields fail beside pending ones, must answer the same on both.
    )
    app = create_app(settings, manage_database=False, clock=session_clock)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50001))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http
    await app.state.services.close()


async def every_id(*, review: bool = False) -> list[str]:
    """The global ID of every row of these types, whoever may see it."""
    ids: list[str] = []
    kinds: list[tuple[str, Any]] = [
        ("User", User),
        ("Organization", Organization),
        ("Interview", Interview),
        ("Question", Question),
        ("Rubric", Rubric),
        ("Criterion", RubricCriterion),
    ]
    if review:
        from vector_gql.models.audit import AuditEntry
        from vector_gql.models.candidates import Answer, CandidateInvitation
        from vector_gql.models.media import Video
        from vector_gql.models.review import Assignment, Evaluation, Report

        kinds += [
            ("Assignment", Assignment),
            ("Evaluation", Evaluation),
            ("Video", Video),
            ("CandidateInvitation", CandidateInvitation),
            ("Answer", Answer),
            ("Report", Report),
            ("AuditEntry", AuditEntry),
        ]
    for type_name, model in kinds:
        for pk in await model.all().values_list("id", flat=True):
            ids.append(str(relay.to_base64(type_name, pk)))
    return ids


async def test_an_evaluator_sees_no_one_elses_email_nor_other_organizations(gql, walk_http, app):
    team = await Team.build(gql)
    ours = (await create_interview(gql, team.tokens["OWNER"], team.org))["interview"]
    await set_rubric(gql, team.tokens["OWNER"], ours["id"], [criterion("Clarity")])
    theirs = await create_interview(
        gql, team.tokens["OUTSIDER"], team.foreign_org, title="Secret project Zebra"
    )
    await set_rubric(
        gql, team.tokens["OUTSIDER"], theirs["interview"]["id"], [criterion("Zebra skills")]
    )
    walk = Walk(walk_http, _schema(), team.tokens["EVALUATOR"], await every_id())
    reached = await walk.run()
    secrets = [team.users[role]["email"] for role in ("OWNER", "RECRUITER", "OUTSIDER")] + [
        "Secret project Zebra",
        "Zebra skills",
    ]
    assert reached.leaks(secrets) == []
    # The walk did reach what evaluators may see.
    assert {"Interview", "Question", "Rubric", "Criterion", "Organization", "User"} <= reached.types
    assert "Criterion.anchors" in reached.fields
    assert any(v == team.users["EVALUATOR"]["email"] for _, v in reached.values)


def _schema() -> Any:
    from vector_gql.graphql.schema import build_schema

    return build_schema()._schema


async def test_an_evaluator_reaches_nothing_that_identifies_a_candidate(
    gql, walk_http, app, services, clock
):
    """Submitted candidates, assigned and evaluated: the evaluator's whole reach, every
    node of every type tried by id, every link fetched, holds no identifying value."""
    from tests.fixtures.submissions import submitted_candidate
    from tests.review.blind_helpers import (
        QUEUE,
        assign,
        make_review,
        pk,
        submit,
    )

    team = await Team.build(gql)
    review = await make_review(gql, team)
    subs = [
        await submitted_candidate(
            pk(review.interview["id"]),
            name,
            email,
            now=clock.now(),
            storage=services.storage,
        )
        for name, email in (
            ("Zelda Quartermaine", "zelda.q@private-mail.example"),
            ("Yusuf Brightwater", "yusuf.b@private-mail.example"),
        )
    ]
    evaluators = [team.users["EVALUATOR"]["id"], team.users["RECRUITER"]["id"]]
    body = await assign(gql, team.tokens["OWNER"], [s.gid for s in subs], evaluators)
    assert body["data"]["assignEvaluators"]["errors"] == []
    for role in ("RECRUITER", "EVALUATOR"):
        edges = (await gql(QUEUE, {}, token=team.tokens[role]))["data"]["reviewQueue"]["edges"]
        # The evaluator evaluates one of the two, so both sides of independence are walked.
        for edge in edges[: 2 if role == "RECRUITER" else 1]:
            result = await submit(
                gql, team.tokens[role], edge["node"]["id"], review.ratings(4), comment="Fine"
            )
            assert result["data"]["submitEvaluation"]["errors"] == []
    # The owner looks at the results and asks for a report (names, for them).
    await gql(
        "query($id: ID!) { node(id: $id) { ... on Interview { results { rank } } } }",
        {"id": review.interview["id"]},
        token=team.tokens["OWNER"],
    )

    walk = Walk(walk_http, _schema(), team.tokens["EVALUATOR"], await every_id(review=True))
    reached = await walk.run()
    secrets = [value for sub in subs for value in sub.secrets()]
    assert reached.leaks(secrets) == []
    # The walk did reach the blind review: assignments, answers, their recordings.
    assert {"Assignment", "ReviewAnswer", "ReviewVideo", "Evaluation", "Rating"} <= reached.types
    assert any(url.startswith("http") and "/review-media/" in url for url, *_ in reached.fetched)
    assert all(status == 200 for url, status, *_ in reached.fetched if "/review-media/" in url)
    pseudonyms = {v for p, v in reached.values if p.endswith(".pseudonym")}
    assert pseudonyms and all(str(v).startswith("Candidate ") for v in pseudonyms)
