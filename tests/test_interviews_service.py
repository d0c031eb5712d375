"""Interview rules called on the service directly, for the many boundary cases."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from vector_gql.models.interviews import Interview, Question
from vector_gql.models.organizations import Membership, Role
from vector_gql.services.accounts import Viewer
from vector_gql.services.errors import Forbidden, Invalid
from vector_gql.services.interviews import QuestionSpec


async def _viewer(services, name: str) -> tuple[Viewer, int]:
    signed = await services.accounts.signup(
        username=name,
        email=f"{name}@example.com",
        password="correct horse battery",
        password2="correct horse battery",
    )
    membership = await Membership.get(user_id=signed.user.id)
    return Viewer(signed.user, uuid.uuid4()), membership.organization_id


@pytest.fixture
def services(app):
    return app.state.services


@pytest.mark.parametrize(
    ("spec", "bad_fields"),
    [
        (QuestionSpec("q", think_time_seconds=0), []),
        (QuestionSpec("q", think_time_seconds=600), []),
        (QuestionSpec("q", think_time_seconds=601), ["thinkTimeSeconds"]),
        (QuestionSpec("q", think_time_seconds=-1), ["thinkTimeSeconds"]),
        (QuestionSpec("q", answer_time_seconds=10), []),
        (QuestionSpec("q", answer_time_seconds=9), ["answerTimeSeconds"]),
        (QuestionSpec("q", answer_time_seconds=1800), []),
        (QuestionSpec("q", answer_time_seconds=1801), ["answerTimeSeconds"]),
        (QuestionSpec("q", retakes=0), []),
        (QuestionSpec("q", retakes=10), []),
        (QuestionSpec("q", retakes=11), ["retakes"]),
        (QuestionSpec("q", retakes=-1), ["retakes"]),
        (QuestionSpec("x" * 2000), []),
        (QuestionSpec("x" * 2001), ["text"]),
        (QuestionSpec(" \n "), ["text"]),
    ],
)
async def test_question_bounds(services, database, spec, bad_fields):
    viewer, org = await _viewer(services, "ann")
    call = services.interviews.create_interview(
        viewer, organization_id=org, title="T", questions=[QuestionSpec("first"), spec]
    )
    if not bad_fields:
        interview = await call
        assert await Question.filter(interview_id=interview.id).count() == 2
        return
    with pytest.raises(Invalid) as caught:
        await call
    assert [p.field for p in caught.value.problems] == [("questions", "1", f) for f in bad_fields]
    assert await Interview.all().count() == 0


@pytest.mark.parametrize(("count", "ok"), [(0, False), (1, True), (100, True), (101, False)])
async def test_question_count_bounds(services, database, count, ok):
    viewer, org = await _viewer(services, "ann")
    call = services.interviews.create_interview(
        viewer, organization_id=org, title="T", questions=[QuestionSpec("q")] * count
    )
    if ok:
        await call
        assert await Question.all().count() == count
    else:
        with pytest.raises(Invalid):
            await call
        assert await Question.all().count() == 0


@pytest.mark.parametrize(("length", "ok"), [(1, True), (200, True), (201, False)])
async def test_title_bounds(services, database, length, ok):
    viewer, org = await _viewer(services, "ann")
    call = services.interviews.create_interview(
        viewer, organization_id=org, title="t" * length, questions=[QuestionSpec("q")]
    )
    if ok:
        assert (await call).title == "t" * length
    else:
        with pytest.raises(Invalid):
            await call


async def test_a_failed_question_insert_leaves_no_interview(services, database, monkeypatch):
    viewer, org = await _viewer(services, "ann")

    async def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Question, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        await services.interviews.create_interview(
            viewer, organization_id=org, title="T", questions=[QuestionSpec("q")]
        )
    assert await Interview.all().count() == 0


async def test_concurrent_inserts_keep_positions_dense(services, database):
    viewer, org = await _viewer(services, "ann")
    interview = await services.interviews.create_interview(
        viewer, organization_id=org, title="T", questions=[QuestionSpec("q")]
    )
    await asyncio.gather(
        *(
            services.interviews.add_question(viewer, interview.id, QuestionSpec(f"n{i}"), 1)
            for i in range(10)
        )
    )
    positions = await Question.filter(interview_id=interview.id).values_list("position", flat=True)
    assert sorted(positions) == list(range(1, 12))


async def test_evaluators_are_forbidden_to_change(services, database):
    owner, org = await _viewer(services, "olivia")
    evaluator, _ = await _viewer(services, "eve")
    await Membership.create(organization_id=org, user_id=evaluator.user.id, role=Role.EVALUATOR)
    interview = await services.interviews.create_interview(
        owner, organization_id=org, title="T", questions=[QuestionSpec("q")]
    )
    with pytest.raises(Forbidden):
        await services.interviews.update_interview(evaluator, interview.id, {"title": "x"})
    assert await services.interviews.get(evaluator, interview.id) is not None
