"""Each bad input of the candidate journey gets its code, and recorded answers stay intact."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from strawberry import relay

from tests.candidates import flows as f
from tests.fixtures.teams import Team, create_interview
from tests.fixtures.uploads import CountingBody, send
from vector_gql.models.candidates import Answer, CandidateInvitation
from vector_gql.models.media import PendingObject, Video
from vector_gql.services.media.writes import videos_in_use


class Scene:
    """An OPEN interview (think 20 s, answer 10 s, 1 retake per question) with a candidate
    signed in and one answer recorded, and another interview of the same organization."""

    team: Team
    interview: dict[str, Any]
    questions: list[str]
    other_question: str
    invitation: dict[str, Any]
    link: str
    token: str


@pytest.fixture
async def scene(gql, client, clock, clips) -> Scene:
    s = Scene()
    s.team = await Team.build(gql)
    recruiter = s.team.tokens["RECRUITER"]
    s.interview = (
        await create_interview(
            gql,
            recruiter,
            s.team.org,
            questions=f_questions(3),
        )
    )["interview"]
    s.questions = [q["id"] for q in s.interview["questions"]]
    other = (await create_interview(gql, recruiter, s.team.org, title="Other"))["interview"]
    s.other_question = other["questions"][0]["id"]
    await f.open_interview(gql, recruiter, s.interview["id"])
    await f.open_interview(gql, recruiter, other["id"])
    invited = await f.invite(
        gql,
        recruiter,
        s.interview["id"],
        [("Cara", "cara@example.com")],
        (clock.now() + timedelta(days=2)).isoformat(),
    )
    s.invitation = invited["invitations"][0]
    s.link = f.token_of(s.invitation["url"])
    s.token = (await f.session(gql, s.link))["accessToken"]
    assert (await f.start(gql, s.token, s.questions[0]))["errors"] == []
    recorded = await f.submit_file(client, s.token, s.questions[0], clips["answer"])
    assert recorded["errors"] == []
    return s


def f_questions(n: int) -> list[dict[str, Any]]:
    return [
        {"text": f"Q{i + 1}?", "thinkTimeSeconds": 20, "answerTimeSeconds": 10, "retakes": 1}
        for i in range(n)
    ]


async def recorded(s: Scene) -> list[tuple[int, int, bool]]:
    """The answers stored so far: (question position, attempt, counts)."""
    rows = (
        await Answer.filter(submitted_at__isnull=False)
        .order_by("id")
        .values("question__position", "attempt", "current")
    )
    return [(r["question__position"], r["attempt"], r["current"]) for r in rows]


async def test_tokens_that_are_malformed_unknown_revoked_or_of_a_resent_link(gql, scene, clips):
    s = scene
    for token in ["", "x" * 500, "not-a-token", s.link[:-2] + "AA"]:
        assert f.codes(await f.session(gql, token)) == ["INVALID_TOKEN"], token
    # A forged access token is not a candidate's.
    forged = await gql(f.MINE, token=s.token[:-4] + "abcd", expect_errors=True)
    assert forged["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

    # Resending makes a new link; the old one stops working.
    resent = await gql(
        f.RESEND, {"input": {"invitationId": s.invitation["id"]}}, token=s.team.tokens["OWNER"]
    )
    new_url = resent["data"]["resendInvitation"]["invitation"]["url"]
    assert new_url and new_url != s.invitation["url"]
    assert f.codes(await f.session(gql, s.link)) == ["INVALID_TOKEN"]
    assert (await f.session(gql, f.token_of(new_url)))["errors"] == []

    # Revoked: the link and the token already given both stop.
    revoked = await gql(
        f.REVOKE, {"input": {"invitationId": s.invitation["id"]}}, token=s.team.tokens["RECRUITER"]
    )
    assert revoked["data"]["revokeInvitation"]["invitation"]["status"] == "REVOKED"
    assert f.codes(await f.session(gql, f.token_of(new_url))) == ["INVITATION_REVOKED"]
    for query, variables in [
        (f.MINE, {}),
        (f.START, {"questionId": s.questions[1]}),
        (f.SUBMIT_INTERVIEW, {}),
    ]:
        body = await gql(query, variables, token=s.token, expect_errors=True)
        assert body["errors"][0]["extensions"]["code"] == "INVITATION_REVOKED"
    assert await recorded(s) == [(1, 1, True)]


async def test_the_interview_deadline_expires_every_invitation(gql, scene, clock):
    s = scene
    deadline = clock.now() + timedelta(hours=1)
    changed = await gql(
        """mutation($input: UpdateInterviewInput!) {
             updateInterview(input: $input) { errors { code } } }""",
        {"input": {"interviewId": s.interview["id"], "answerDeadline": deadline.isoformat()}},
        token=s.team.tokens["RECRUITER"],
    )
    assert changed["data"]["updateInterview"]["errors"] == []
    clock.advance(hours=1, minutes=1)
    body = await gql(f.START, {"questionId": s.questions[1]}, token=s.token, expect_errors=True)
    assert body["errors"][0]["extensions"]["code"] == "INVITATION_EXPIRED"
    assert f.codes(await f.session(gql, s.link)) == ["INVITATION_EXPIRED"]
    assert await recorded(s) == [(1, 1, True)]


async def test_a_question_of_another_interview_is_not_found(gql, client, scene, clips):
    s = scene
    assert f.codes(await f.start(gql, s.token, s.other_question)) == ["NOT_FOUND"]
    sent = await f.submit_file(client, s.token, s.other_question, clips["answer"])
    assert f.codes(sent) == ["NOT_FOUND"]
    not_an_id = await f.start(gql, s.token, s.invitation["id"])
    assert f.codes(not_an_id) == ["INVALID"]
    assert await recorded(s) == [(1, 1, True)]


async def test_a_recording_without_start_is_refused_before_it_is_read(client, scene):
    s = scene
    body = CountingBody(
        {"query": f.SUBMIT, "variables": {"input": {"questionId": s.questions[1], "file": None}}}
    )
    sent = (await send(client, body, s.token)).json()["data"]["submitAnswer"]
    assert f.codes(sent) == ["NOT_STARTED"]
    assert body.pulled == 0
    assert await recorded(s) == [(1, 1, True)]


async def test_a_recording_without_start_is_refused(gql, client, scene, clips):
    s = scene
    sent = await f.submit_file(client, s.token, s.questions[1], clips["answer"])
    assert f.codes(sent) == ["NOT_STARTED"]
    # Nor can the recorded attempt be sent again: a retake starts a new one.
    again = await f.submit_file(client, s.token, s.questions[0], clips["answer"])
    assert f.codes(again) == ["NOT_STARTED"]
    assert await recorded(s) == [(1, 1, True)]


async def test_retakes_run_out(gql, client, scene, clips):
    s = scene
    assert (await f.start(gql, s.token, s.questions[0]))["answer"]["attempt"] == 2
    assert (await f.submit_file(client, s.token, s.questions[0], clips["answer"]))["errors"] == []
    assert f.codes(await f.start(gql, s.token, s.questions[0])) == ["RETAKES_EXHAUSTED"]
    assert await recorded(s) == [(1, 1, False), (1, 2, True)]


async def test_too_long_too_late_and_not_a_video(gql, client, clock, scene, clips):
    s = scene
    videos = await Video.all().count()
    assert (await f.start(gql, s.token, s.questions[1]))["errors"] == []
    # 16 s for a 10 s answer (grace: 3 s by default).
    long = await f.submit_file(client, s.token, s.questions[1], clips["too_long"])
    assert f.codes(long) == ["ANSWER_TOO_LONG"]
    noise = await f.submit_file(client, s.token, s.questions[1], clips["noise"])
    assert f.codes(noise) == ["UNSUPPORTED_MEDIA"]
    # Nothing stored for either, and the attempt is still open for a good recording...
    assert await Video.all().count() == videos
    assert await PendingObject.all().count() == 0
    # ...until its time is up: 20 s think + 10 s answer + the upload allowance.
    clock.advance(seconds=30 + 600 + 1)
    late = await f.submit_file(client, s.token, s.questions[1], clips["answer"])
    assert f.codes(late) == ["ANSWER_TOO_LATE"]
    assert await Video.all().count() == videos
    # The timed-out attempt used one of the two; the retake is the last.
    assert (await f.start(gql, s.token, s.questions[1]))["answer"]["attempt"] == 2
    assert (await f.submit_file(client, s.token, s.questions[1], clips["answer"]))["errors"] == []
    assert await recorded(s) == [(1, 1, True), (2, 2, True)]


async def test_submitting_with_answers_missing_and_twice(gql, client, scene, clips):
    s = scene
    incomplete = await f.submit_interview(gql, s.token)
    assert f.codes(incomplete) == ["INCOMPLETE"]
    assert "2, 3" in incomplete["errors"][0]["message"]
    assert (await CandidateInvitation.get(id=1)).status == "STARTED"
    for q in s.questions[1:]:
        await f.start(gql, s.token, q)
        assert (await f.submit_file(client, s.token, q, clips["answer"]))["errors"] == []
    assert (await f.submit_interview(gql, s.token))["errors"] == []
    assert f.codes(await f.submit_interview(gql, s.token)) == ["ALREADY_SUBMITTED"]
    revoke = await gql(
        f.REVOKE, {"input": {"invitationId": s.invitation["id"]}}, token=s.team.tokens["OWNER"]
    )
    assert f.codes(revoke["data"]["revokeInvitation"]) == ["ALREADY_SUBMITTED"]
    assert await recorded(s) == [(1, 1, True), (2, 1, True), (3, 1, True)]


async def test_invitation_input(gql, scene, clock):
    s = scene
    recruiter = s.team.tokens["RECRUITER"]
    soon = (clock.now() + timedelta(days=1)).isoformat()
    again = await f.invite(gql, recruiter, s.interview["id"], [("C", "CARA@example.com")], soon)
    assert f.codes(again) == ["ALREADY_INVITED"]
    assert again["errors"][0]["field"] == ["candidates", "0", "email"]
    twice = await f.invite(
        gql, recruiter, s.interview["id"], [("D", "d@example.com"), ("D2", "D@example.com")], soon
    )
    assert f.codes(twice) == ["ALREADY_INVITED"]
    bad = await f.invite(gql, recruiter, s.interview["id"], [("", "not-an-email")], soon)
    assert sorted(f.codes(bad)) == ["INVALID_FORMAT", "REQUIRED"]
    past = (clock.now() - timedelta(hours=1)).isoformat()
    assert f.codes(await f.invite(gql, recruiter, s.interview["id"], [("E", "e@x.io")], past)) == [
        "OUT_OF_RANGE"
    ]
    assert f.codes(await f.invite(gql, recruiter, s.interview["id"], [], soon)) == ["OUT_OF_RANGE"]
    many = [(f"P{i}", f"p{i}@example.com") for i in range(501)]
    assert f.codes(await f.invite(gql, recruiter, s.interview["id"], many, soon)) == [
        "OUT_OF_RANGE"
    ]
    draft = (await create_interview(gql, recruiter, s.team.org, title="Draft"))["interview"]
    assert f.codes(await f.invite(gql, recruiter, draft["id"], [("E", "e@x.io")], soon)) == [
        "NOT_OPEN"
    ]
    # Nothing of the refused lists was kept.
    assert await CandidateInvitation.all().count() == 1


async def test_accommodations_before_the_candidate_starts(gql, client, scene, clock, clips):
    s = scene
    recruiter = s.team.tokens["RECRUITER"]
    started = await gql(
        f.GRANT,
        {"input": {"invitationId": s.invitation["id"], "extraRetakes": 1}},
        token=recruiter,
    )
    assert f.codes(started["data"]["grantAccommodation"]) == ["ALREADY_STARTED"]
    soon = (clock.now() + timedelta(days=1)).isoformat()
    dan = (await f.invite(gql, recruiter, s.interview["id"], [("Dan", "dan@example.com")], soon))[
        "invitations"
    ][0]
    out_of_range = await gql(
        f.GRANT,
        {"input": {"invitationId": dan["id"], "extraAnswerSeconds": 99999, "extraRetakes": -1}},
        token=recruiter,
    )
    assert sorted(f.codes(out_of_range["data"]["grantAccommodation"])) == [
        "OUT_OF_RANGE",
        "OUT_OF_RANGE",
    ]
    granted = await gql(
        f.GRANT,
        {
            "input": {
                "invitationId": dan["id"],
                "extraThinkSeconds": 60,
                "extraAnswerSeconds": 10,
                "extraRetakes": 1,
            }
        },
        token=recruiter,
    )
    result = granted["data"]["grantAccommodation"]["invitation"]
    assert (result["extraThinkSeconds"], result["extraAnswerSeconds"], result["extraRetakes"]) == (
        60,
        10,
        1,
    )
    token = (await f.session(gql, f.token_of(dan["url"])))["accessToken"]
    q = s.questions[0]
    # 16 s fits in 10 + 10 s (and the grace); three attempts instead of two.
    await f.start(gql, token, q)
    assert (await f.submit_file(client, token, q, clips["too_long"]))["errors"] == []
    for attempt in (2, 3):
        assert (await f.start(gql, token, q))["answer"]["attempt"] == attempt
        clock.advance(seconds=60 + 20 + 600 - 1)  # within the longer think time
        assert (await f.submit_file(client, token, q, clips["answer"]))["errors"] == []
    assert f.codes(await f.start(gql, token, q)) == ["RETAKES_EXHAUSTED"]
    # Cara's limits did not change.
    assert f.codes(await f.start(gql, s.token, q)) == []


DELETE_VIDEO = """
mutation($input: DeleteVideoInput!) {
  deleteVideo(input: $input) { errors { field message code } }
}
"""


async def test_a_recorded_answer_cannot_be_deleted(gql, scene):
    answer = await Answer.get(invitation__email="cara@example.com")
    assert answer.video_id is not None
    video_id = relay.to_base64("Video", answer.video_id)
    # Before submission the organization does not see the recording at all.
    for role in ("OWNER", "RECRUITER"):
        token = scene.team.tokens[role]
        body = await gql(DELETE_VIDEO, {"input": {"videoId": video_id}}, token=token)
        assert [e["code"] for e in body["data"]["deleteVideo"]["errors"]] == ["NOT_FOUND"]
    # The candidate's token is no member's: it cannot delete anything.
    body = await gql(
        DELETE_VIDEO, {"input": {"videoId": video_id}}, token=scene.token, expect_errors=True
    )
    assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"]
    # And the rule that keeps it once visible: an answer's video is in use.
    assert await videos_in_use([answer.video_id]) == {answer.video_id: "a candidate's answer"}
    assert await Video.exists(id=answer.video_id)
    assert (await Answer.get(id=answer.id)).video_id == answer.video_id


async def test_submitting_deletes_the_attempts_that_do_not_count_with_their_posters(
    gql, client, scene, clips, services
):
    s = scene
    await services.jobs.run_until_idle()  # the first attempt's poster
    dropped = await Video.get()
    assert dropped.poster_key is not None
    assert (await f.start(gql, s.token, s.questions[0]))["answer"]["attempt"] == 2
    assert (await f.submit_file(client, s.token, s.questions[0], clips["answer"]))["errors"] == []
    for q in s.questions[1:]:
        await f.start(gql, s.token, q)
        assert (await f.submit_file(client, s.token, q, clips["answer"]))["errors"] == []
    await services.jobs.run_until_idle()
    assert (await f.submit_interview(gql, s.token))["errors"] == []
    assert not await Video.exists(id=dropped.id)
    assert not await services.storage.exists(dropped.storage_key)
    assert not await services.storage.exists(dropped.poster_key)
    assert await PendingObject.all().count() == 0
    for kept in await Video.all():
        assert kept.poster_key is not None and await services.storage.exists(kept.poster_key)
        assert await services.storage.exists(kept.storage_key)


CANDIDATE_SEES_STATUS = "{ candidateInvitation { status interview { status } } }"


async def test_a_closed_interview_says_so_and_keeps_what_was_recorded(gql, client, scene, clips):
    s = scene
    recruiter = s.team.tokens["RECRUITER"]

    async def set_status(status: str) -> None:
        body = await gql(
            f.SET_STATUS,
            {"input": {"interviewId": s.interview["id"], "status": status}},
            token=recruiter,
        )
        assert body["data"]["setInterviewStatus"]["errors"] == []

    assert (await f.start(gql, s.token, s.questions[1]))["errors"] == []
    await set_status("CLOSED")
    # The link still opens: the candidate sees what happened and what they recorded.
    opened = await f.session(gql, s.link)
    assert opened["errors"] == [] and opened["accessToken"]
    seen = (await gql(CANDIDATE_SEES_STATUS, token=opened["accessToken"]))["data"]
    assert seen["candidateInvitation"] == {"status": "STARTED", "interview": {"status": "CLOSED"}}
    refusals = [
        await f.start(gql, s.token, s.questions[2]),
        await f.submit_file(client, s.token, s.questions[1], clips["answer"]),
        await f.submit_interview(gql, s.token),
    ]
    for refused in refusals:
        assert f.codes(refused) == ["INTERVIEW_CLOSED"]
        message = refused["errors"][0]["message"]
        assert "closed" in message and "no longer takes answers" in message
        assert "already recorded are kept" in message
    upload = await gql(
        "mutation($i: StartVideoUploadInput!) { startVideoUpload(input: $i) { errors { code } } }",
        {"i": {"title": "A", "filename": "a.webm", "sizeBytes": 1000, "contentType": "video/webm"}},
        token=s.token,
    )
    assert f.codes(upload["data"]["startVideoUpload"]) == ["INTERVIEW_CLOSED"]
    await set_status("ARCHIVED")
    assert f.codes(await f.start(gql, s.token, s.questions[2])) == ["INTERVIEW_CLOSED"]
    assert await recorded(s) == [(1, 1, True)]
    assert await Answer.filter(submitted_at__isnull=True).count() == 1  # the open attempt

    # Opened again, it takes answers again.
    await set_status("CLOSED")
    await set_status("OPEN")
    assert (await f.start(gql, s.token, s.questions[2]))["errors"] == []
