"""Who reads invitations, answers and answer videos: every kind of principal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.fixtures.random_objects import (
    create_interview,
    create_member,
    create_organization,
    create_video,
)
from vector_gql.models.candidates import Answer, CandidateInvitation, InvitationStatus
from vector_gql.models.interviews import Question
from vector_gql.models.organizations import Role
from vector_gql.services import auth
from vector_gql.services.auth import ANONYMOUS, CandidateSession


async def _ids(query) -> set[int]:
    return set(await query.values_list("id", flat=True))


async def _invitation(interview, email: str, status=InvitationStatus.STARTED):
    now = datetime.now(UTC)
    return await CandidateInvitation.create(
        organization_id=interview.organization_id,
        interview=interview,
        name=email,
        email=email,
        token_hash=email.ljust(64, "0")[:64],
        status=status,
        expires_at=now + timedelta(days=1),
        created_at=now,
    )


@pytest.fixture
async def world(organization, owner):
    interview = await create_interview(organization, owner.user_id, questions=1)
    question = await Question.get(interview_id=interview.id)
    prompt = await create_video(organization, owner.user_id)
    await Question.filter(id=question.id).update(video_prompt_id=prompt.id)
    started = await _invitation(interview, "started@example.com")
    done = await _invitation(interview, "done@example.com", InvitationStatus.SUBMITTED)
    answers = {}
    for invitation in (started, done):
        video = await create_video(organization, None)
        counts = await Answer.create(
            invitation=invitation,
            question=question,
            attempt=2,
            started_at=datetime.now(UTC),
            submitted_at=datetime.now(UTC),
            video=video,
            current=True,
        )
        old_video = await create_video(organization, None)
        old = await Answer.create(
            invitation=invitation,
            question=question,
            attempt=1,
            started_at=datetime.now(UTC),
            submitted_at=datetime.now(UTC),
            video=old_video,
            current=False,
        )
        answers[invitation.email] = (counts, old)
    other_org = await create_organization()
    outsider = await create_member(other_org)
    return {
        "organization": organization,
        "interview": interview,
        "prompt": prompt,
        "started": started,
        "done": done,
        "answers": answers,
        "outsider": outsider,
    }


def _candidate(invitation) -> CandidateSession:
    return CandidateSession(invitation.id, invitation.interview_id, invitation.organization_id)


@pytest.mark.parametrize("role", list(Role))
async def test_members(world, role):
    member = await create_member(world["organization"], role)
    follows = role in (Role.OWNER, Role.RECRUITER)
    invitations = await _ids(auth.readable_invitations(member))
    assert invitations == ({world["started"].id, world["done"].id} if follows else set())
    counts, old = world["answers"]["done@example.com"]
    # Only what counts, of submitted invitations: no unfinished work, no discarded attempts.
    assert await _ids(auth.readable_answers(member)) == ({counts.id} if follows else set())
    videos = await _ids(auth.readable_videos(member))
    # Answer videos are not the organization's ordinary videos.
    assert world["prompt"].id in videos
    assert (counts.video_id in videos) == follows
    started_counts, started_old = world["answers"]["started@example.com"]
    assert not {old.video_id, started_counts.video_id, started_old.video_id} & videos


async def test_a_candidate_reads_their_own(world):
    candidate = _candidate(world["started"])
    assert await _ids(auth.readable_invitations(candidate)) == {world["started"].id}
    mine = world["answers"]["started@example.com"]
    assert await _ids(auth.readable_answers(candidate)) == {a.id for a in mine}
    assert await _ids(auth.readable_videos(candidate)) == {
        world["prompt"].id,
        *(a.video_id for a in mine),
    }
    # After submission their answers are for the recruiters.
    submitted = _candidate(world["done"])
    assert await _ids(auth.readable_videos(submitted)) == {world["prompt"].id}


async def test_outsiders_and_the_anonymous_read_nothing(world):
    for principal in (world["outsider"], ANONYMOUS):
        for readable in (
            auth.readable_invitations,
            auth.readable_answers,
            auth.readable_uploads,
        ):
            assert await _ids(readable(principal)) == set(), readable.__name__
        videos = await _ids(auth.readable_videos(principal))
        assert world["prompt"].id not in videos
