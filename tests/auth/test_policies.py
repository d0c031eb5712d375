"""Who reads what: each kind of principal against each model's readable query."""

from __future__ import annotations

import pytest

from tests.fixtures.random_objects import (
    candidate_for,
    create_interview,
    create_member,
    create_organization,
    create_user,
    create_video,
)
from vector_gql.models.interviews import Question
from vector_gql.models.organizations import Membership, Role
from vector_gql.services import auth
from vector_gql.services.auth import ANONYMOUS, require_member
from vector_gql.services.errors import Forbidden, Unauthenticated
from vector_gql.services.interviews import QuestionSpec


async def _ids(query) -> set[int]:
    return set(await query.values_list("id", flat=True))


@pytest.fixture
async def world(organization, owner):
    """Two organizations, each with an interview (one question with a prompt) and a video."""
    other = await create_organization()
    outsider = await create_member(other)
    prompt = await create_video(organization, owner.user_id)
    unrelated = await create_video(organization, owner.user_id)
    interview = await create_interview(organization, owner.user_id, questions=2)
    await Question.filter(interview_id=interview.id, position=1).update(video_prompt_id=prompt.id)
    sibling = await create_interview(organization, owner.user_id, questions=1)
    foreign = await create_interview(other, outsider.user_id, questions=1)
    foreign_video = await create_video(other, outsider.user_id)
    return {
        "organization": organization,
        "other": other,
        "owner": owner,
        "outsider": outsider,
        "interview": interview,
        "sibling": sibling,
        "foreign": foreign,
        "prompt": prompt,
        "unrelated": unrelated,
        "foreign_video": foreign_video,
    }


@pytest.mark.parametrize("role", list(Role))
async def test_members_read_their_organizations_only(world, role):
    member = await create_member(world["organization"], role)
    interviews = await _ids(auth.readable_interviews(member))
    assert interviews == {world["interview"].id, world["sibling"].id}
    videos = await _ids(auth.readable_videos(member))
    assert videos == {world["prompt"].id, world["unrelated"].id}
    questions = await _ids(auth.readable_questions(member))
    assert questions == await _ids(Question.filter(interview__organization=world["organization"]))
    assert await _ids(auth.readable_organizations(member)) == {world["organization"].id}
    members = await _ids(auth.readable_memberships(member))
    assert members == await _ids(Membership.filter(organization=world["organization"]))
    users = await _ids(auth.readable_users(member))
    assert users == {member.user_id, world["owner"].user_id}


async def test_members_see_the_authors_of_what_they_see_after_they_left(world):
    evaluator = await create_member(world["organization"], Role.EVALUATOR)
    author = await create_member(world["organization"], Role.RECRUITER)
    await create_interview(world["organization"], author.user_id)
    await Membership.filter(user_id=author.user_id).delete()
    assert author.user_id in await _ids(auth.readable_users(evaluator))
    stranger = await create_user()
    assert stranger.id not in await _ids(auth.readable_users(evaluator))


async def test_a_candidate_reads_their_interview_and_nothing_else(world):
    candidate = candidate_for(world["interview"])
    assert await _ids(auth.readable_interviews(candidate)) == {world["interview"].id}
    assert await _ids(auth.readable_questions(candidate)) == await _ids(
        Question.filter(interview_id=world["interview"].id)
    )
    # The prompt of their question, not the organization's other videos.
    assert await _ids(auth.readable_videos(candidate)) == {world["prompt"].id}
    # No one's identity, no members, no uploads.
    assert await _ids(auth.readable_users(candidate)) == set()
    assert await _ids(auth.readable_memberships(candidate)) == set()
    assert await _ids(auth.readable_uploads(candidate)) == set()
    assert await _ids(auth.readable_organizations(candidate)) == {world["organization"].id}
    assert not auth.sees_email_of(candidate, world["owner"].user_id)


async def test_the_anonymous_principal_reads_nothing(world):
    assert auth.reads_nothing(ANONYMOUS)
    for readable in (
        auth.readable_interviews,
        auth.readable_questions,
        auth.readable_videos,
        auth.readable_users,
        auth.readable_memberships,
        auth.readable_organizations,
        auth.readable_uploads,
    ):
        assert await _ids(readable(ANONYMOUS)) == set(), readable.__name__


async def test_only_members_act(world, services):
    with pytest.raises(Unauthenticated):
        require_member(ANONYMOUS)
    candidate = candidate_for(world["interview"])
    with pytest.raises(Forbidden):
        require_member(candidate)
    with pytest.raises(Forbidden):
        await services.interviews.create_interview(
            candidate,
            organization_id=world["organization"].id,
            title="T",
            questions=[QuestionSpec("q")],
        )
    with pytest.raises(Forbidden):
        await services.organizations.create_organization(candidate, name="Mine")


async def test_reads_through_the_services_apply_the_policy(world, services):
    candidate = candidate_for(world["interview"])
    ids = [world["interview"].id, world["sibling"].id, world["foreign"].id]
    assert set(await services.interviews.readable_interviews(candidate, ids)) == {
        world["interview"].id
    }
    outsider = world["outsider"]
    assert set(await services.interviews.readable_interviews(outsider, ids)) == {
        world["foreign"].id
    }
    assert await services.interviews.readable_interviews(ANONYMOUS, ids) == {}
    videos = [world["prompt"].id, world["unrelated"].id, world["foreign_video"].id]
    assert set(await services.videos.readable_videos(candidate, videos)) == {world["prompt"].id}


@pytest.mark.parametrize("role", list(Role))
async def test_only_owners_read_their_organizations_mail(world, role):
    from vector_gql.models.mail import OutboxMessage

    def message(org_id: int | None) -> OutboxMessage:
        return OutboxMessage(
            organization_id=org_id, template="t", to_address="a@b.c", to_name="", subject="s"
        )

    ours, theirs, nobodys = (
        message(world["organization"].id),
        message(world["other"].id),
        message(None),
    )
    for row in (ours, theirs, nobodys):
        await row.save()
    member = await create_member(world["organization"], role)
    expected = {ours.id} if role == Role.OWNER else set()
    assert await _ids(auth.readable_outbox(member)) == expected
    candidate = candidate_for(world["interview"])
    assert await _ids(auth.readable_outbox(candidate)) == set()
    assert await _ids(auth.readable_outbox(ANONYMOUS)) == set()


@pytest.mark.parametrize("kind", [*list(Role), "candidate", "anonymous"])
async def test_who_sees_the_creators_of_the_interviews_they_read(world, kind):
    """A list of interviews skips the user check only where readable_users implies it."""
    principal: auth.Principal
    if kind == "candidate":
        principal = candidate_for(world["interview"])
    elif kind == "anonymous":
        principal = ANONYMOUS
    else:
        principal = await create_member(world["organization"], kind)
    creators = set(await auth.readable_interviews(principal).values_list("creator_id", flat=True))
    users = await _ids(auth.readable_users(principal))
    if auth.sees_creators_of_readable_interviews(principal):
        assert creators and creators <= users
    else:
        assert not creators <= users or not creators
        assert kind in ("candidate", "anonymous")


@pytest.mark.parametrize("kind", [*list(Role), "candidate", "anonymous", "outsider"])
async def test_the_sql_form_of_readable_interviews_reads_the_same_rows(world, kind):
    from vector_gql.models.interviews import Interview
    from vector_gql.services.rows import Where, client_of

    principal: auth.Principal
    if kind == "candidate":
        principal = candidate_for(world["interview"])
    elif kind == "anonymous":
        principal = ANONYMOUS
    elif kind == "outsider":
        principal = world["outsider"]
    else:
        principal = await create_member(world["organization"], kind)
    where = Where()
    auth.readable_interviews_where(principal, where)
    _, records = await client_of(Interview).execute_query(
        f'SELECT id FROM "{Interview._meta.db_table}" WHERE {where.sql()}', where.params
    )
    expected = await _ids(auth.readable_interviews(principal))
    assert {r["id"] for r in records} == expected
    assert expected or kind == "anonymous"
