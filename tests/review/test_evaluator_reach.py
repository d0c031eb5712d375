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


async def every_id() -> list[str]:
    """The global ID of every row of these types, whoever may see it."""
    ids: list[str] = []
    for type_name, model in (
        ("User", User),
        ("Organization", Organization),
        ("Interview", Interview),
        ("Question", Question),
        ("Rubric", Rubric),
        ("Criterion", RubricCriterion),
    ):
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
