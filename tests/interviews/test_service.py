"""Interview rules called on the service directly, for the many boundary cases."""

from __future__ import annotations

import asyncio

import pytest

from tests.fixtures.random_objects import create_member
from vector_gql.models.interviews import Interview, Question
from vector_gql.models.organizations import Role
from vector_gql.services.errors import Forbidden, Invalid
from vector_gql.services.interviews import QuestionSpec


@pytest.mark.parametrize(
    ("spec", "bad_fields"),
    [
        (QuestionSpec("q", think_time_seconds=0), []),
        (QuestionSpec("q", think_time_seconds=600), []),
        (QuestionSpec("q", think_time_seconds=601), ["think_time_seconds"]),
        (QuestionSpec("q", think_time_seconds=-1), ["think_time_seconds"]),
        (QuestionSpec("q", answer_time_seconds=10), []),
        (QuestionSpec("q", answer_time_seconds=9), ["answer_time_seconds"]),
        (QuestionSpec("q", answer_time_seconds=1800), []),
        (QuestionSpec("q", answer_time_seconds=1801), ["answer_time_seconds"]),
        (QuestionSpec("q", retakes=0), []),
        (QuestionSpec("q", retakes=10), []),
        (QuestionSpec("q", retakes=11), ["retakes"]),
        (QuestionSpec("q", retakes=-1), ["retakes"]),
        (QuestionSpec("x" * 2000), []),
        (QuestionSpec("x" * 2001), ["text"]),
        (QuestionSpec(" \n "), ["text"]),
    ],
)
async def test_question_bounds(services, organization, owner, spec, bad_fields):
    call = services.interviews.create_interview(
        owner, organization_id=organization.id, title="T", questions=[QuestionSpec("first"), spec]
    )
    if not bad_fields:
        interview = await call
        assert await Question.filter(interview_id=interview.id).count() == 2
        return
    with pytest.raises(Invalid) as caught:
        await call
    # Domain names: the GraphQL layer camelCases them, the REST paths rename them.
    assert [p.field for p in caught.value.problems] == [("questions", 1, f) for f in bad_fields]
    assert await Interview.all().count() == 0


@pytest.mark.parametrize(("count", "ok"), [(0, False), (1, True), (100, True), (101, False)])
async def test_question_count_bounds(services, organization, owner, count, ok):
    call = services.interviews.create_interview(
        owner, organization_id=organization.id, title="T", questions=[QuestionSpec("q")] * count
    )
    if ok:
        await call
        assert await Question.all().count() == count
    else:
        with pytest.raises(Invalid):
            await call
        assert await Question.all().count() == 0


@pytest.mark.parametrize(("length", "ok"), [(1, True), (200, True), (201, False)])
async def test_title_bounds(services, organization, owner, length, ok):
    call = services.interviews.create_interview(
        owner, organization_id=organization.id, title="t" * length, questions=[QuestionSpec("q")]
    )
    if ok:
        assert (await call).title == "t" * length
    else:
        with pytest.raises(Invalid):
            await call


async def test_a_failed_question_insert_leaves_no_interview(
    services, organization, owner, monkeypatch
):

    async def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Question, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        await services.interviews.create_interview(
            owner, organization_id=organization.id, title="T", questions=[QuestionSpec("q")]
        )
    assert await Interview.all().count() == 0


async def test_concurrent_inserts_keep_positions_dense(services, organization, owner):
    interview = await services.interviews.create_interview(
        owner, organization_id=organization.id, title="T", questions=[QuestionSpec("q")]
    )
    await asyncio.gather(
        *(
            services.interviews.add_question(owner, interview.id, QuestionSpec(f"n{i}"), 1)
            for i in range(10)
        )
    )
    rows = await Question.filter(interview_id=interview.id).values("position")
    assert sorted(row["position"] for row in rows) == list(range(1, 12))


async def test_evaluators_are_forbidden_to_change(services, organization, owner):
    evaluator = await create_member(organization, Role.EVALUATOR)
    interview = await services.interviews.create_interview(
        owner, organization_id=organization.id, title="T", questions=[QuestionSpec("q")]
    )
    with pytest.raises(Forbidden):
        await services.interviews.update_interview(evaluator, interview.id, {"title": "x"})
    assert await services.interviews.get(evaluator, interview.id) is not None
