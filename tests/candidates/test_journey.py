"""The whole candidate journey over HTTP, emails included, with the test clock.

A recruiter writes an interview with a prompt video and invites two candidates;
both emails reach a real SMTP server. One candidate answers with a retake,
drops off, comes back with the same link, finishes and submits. The other lets
the invitation expire. The recruiter follows the progress throughout.
"""

from __future__ import annotations

from datetime import timedelta

from tests.candidates import flows as f
from tests.fixtures.teams import Team, create_interview
from vector_gql.models.candidates import Answer
from vector_gql.models.media import Video


async def test_two_candidates_one_submits_after_a_retake_and_a_break_one_expires(
    gql, client, services, clock, smtp, clips
):
    team = await Team.build(gql)
    owner, recruiter = team.tokens["OWNER"], team.tokens["RECRUITER"]
    prompt = await f.upload_prompt(client, owner, team.org, clips["prompt"])
    created = await create_interview(
        gql,
        recruiter,
        team.org,
        title="Support engineer",
        description="Two short questions.",
        questions=[
            {
                "text": "Tell us about yourself.",
                "thinkTimeSeconds": 30,
                "answerTimeSeconds": 60,
                "retakes": 1,
                "videoPromptId": prompt,
            },
            {"text": "Why us?", "thinkTimeSeconds": 10, "answerTimeSeconds": 30, "retakes": 0},
        ],
    )
    interview = created["interview"]
    q1, q2 = (q["id"] for q in interview["questions"])
    await f.open_interview(gql, recruiter, interview["id"])

    # --- invitations, and their emails through the job queue ---------------------------
    expires = clock.now() + timedelta(days=1)
    invited = await f.invite(
        gql,
        recruiter,
        interview["id"],
        [("Ada Lovelace", "Ada@Example.com"), ("Bob Byte", "bob@example.com")],
        expires.isoformat(),
    )
    assert invited["errors"] == []
    ada, bob = invited["invitations"]
    assert ada["email"] == "ada@example.com" and ada["status"] == "INVITED"
    assert ada["url"].startswith("http://testserver/i/") and ada["url"] != bob["url"]
    # The request only queued them: the emails leave from the worker.
    assert smtp.received.empty()
    await services.jobs.run_until_idle()
    links = {}
    for _ in range(2):
        received = await smtp.next_message()
        text = received.message.get_body(("plain",)).get_content()
        assert "Support engineer" in received.message["Subject"]
        link = next(w for w in text.split() if "/i/" in w)
        links[received.rcpt_tos[0]] = link
    assert links == {"ada@example.com": ada["url"], "bob@example.com": bob["url"]}
    # Only the link's hash is stored; the link itself is nowhere in the database.
    assert f.token_of(ada["url"]) not in str(await Answer.all().values())

    # --- Ada opens her link ------------------------------------------------------------
    opened = await f.session(gql, f.token_of(links["ada@example.com"]))
    assert opened["errors"] == [] and opened["invitation"]["status"] == "INVITED"
    token = opened["accessToken"]
    seen = (await f.mine(gql, token))["data"]["candidateInvitation"]
    assert seen["interview"]["title"] == "Support engineer"
    first_q = seen["interview"]["questions"][0]
    assert first_q["thinkTimeSeconds"] == 30 and first_q["retakes"] == 1
    assert first_q["videoPrompt"]["url"].startswith("http://testserver/")
    assert seen["answers"] == []

    # Question 1, then a retake: both attempts are kept, the retake counts.
    started = await f.start(gql, token, q1)
    assert started["errors"] == [] and started["answer"]["attempt"] == 1
    clock.advance(seconds=50)
    first = await f.submit_file(client, token, q1, clips["answer"])
    assert first["errors"] == [], first["errors"]
    assert first["answer"]["current"] is True
    assert first["answer"]["video"]["uploadedBy"] is None
    assert 2.5 < first["answer"]["video"]["durationSeconds"] < 3.5
    retake = await f.start(gql, token, q1)
    assert retake["answer"]["attempt"] == 2
    # A reload while recording gets the same attempt: the clock is not restarted.
    again = await f.start(gql, token, q1)
    assert again["answer"]["id"] == retake["answer"]["id"]
    second = await f.submit_file(client, token, q1, clips["answer"])
    assert second["errors"] == [] and second["answer"]["attempt"] == 2
    exhausted = await f.start(gql, token, q1)
    assert f.codes(exhausted) == ["RETAKES_EXHAUSTED"]
    mine = (await f.mine(gql, token))["data"]["candidateInvitation"]
    assert mine["status"] == "STARTED"
    assert [(a["attempt"], a["current"]) for a in mine["answers"]] == [(2, True)]
    every = await gql(
        "query($q: ID!) { candidateInvitation { answers(questionId: $q) { attempt current } } }",
        {"q": q1},
        token=token,
    )
    assert every["data"]["candidateInvitation"]["answers"] == [
        {"attempt": 1, "current": False},
        {"attempt": 2, "current": True},
    ]

    # The recruiter follows progress, but sees no unfinished answers.
    progress = await gql(f.INVITATIONS, {"id": interview["id"]}, token=recruiter)
    node = progress["data"]["node"]
    assert node["invitationCounts"] == {
        "invited": 1,
        "started": 1,
        "submitted": 0,
        "expired": 0,
        "revoked": 0,
    }
    by_email = {e["node"]["email"]: e["node"] for e in node["invitations"]["edges"]}
    assert by_email["ada@example.com"]["status"] == "STARTED"
    assert by_email["ada@example.com"]["answeredQuestions"] == 1
    unfinished = await gql(f.ANSWERS_OF, {"id": ada["id"]}, token=recruiter)
    assert unfinished["data"]["node"]["answers"] == []
    assert by_email["ada@example.com"]["url"] is None
    # The questions are locked now that an answer is stored.
    locked = await gql(
        "query($id: ID!) { node(id: $id) { ... on Interview { questionsLocked } } }",
        {"id": interview["id"]},
        token=recruiter,
    )
    assert locked["data"]["node"]["questionsLocked"] is True

    # --- Ada drops off; the recruiter gives her more days; she comes back -----------------
    clock.advance(hours=20)
    gone = await f.mine(gql, token, expect_errors=True)
    assert gone["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"  # token lifetime
    recruiter = await f.login(gql, "rick")
    extended = await gql(
        f.EXTEND,
        {
            "input": {
                "invitationId": ada["id"],
                "expiresAt": (clock.now() + timedelta(days=3)).isoformat(),
            }
        },
        token=recruiter,
    )
    assert extended["data"]["extendInvitation"]["errors"] == []
    token = (await f.session(gql, f.token_of(links["ada@example.com"])))["accessToken"]
    resumed = (await f.mine(gql, token))["data"]["candidateInvitation"]
    assert resumed["status"] == "STARTED"
    assert [(a["question"]["position"], a["attempt"]) for a in resumed["answers"]] == [(1, 2)]
    incomplete = await f.submit_interview(gql, token)
    assert f.codes(incomplete) == ["INCOMPLETE"]
    assert (await f.start(gql, token, q2))["errors"] == []
    clock.advance(seconds=20)
    last = await f.submit_file(client, token, q2, clips["answer"])
    assert last["errors"] == []

    # --- Bob opens his link just before it expires, then lets it expire -------------------
    clock.advance(hours=3, minutes=30)  # 23.5 hours after the invitation
    bob_token = (await f.session(gql, f.token_of(links["bob@example.com"])))["accessToken"]
    assert (await f.mine(gql, bob_token))["data"]["candidateInvitation"]["status"] == "INVITED"
    clock.advance(hours=1)
    refused = await f.mine(gql, bob_token, expect_errors=True)
    assert refused["errors"][0]["extensions"]["code"] == "INVITATION_EXPIRED"
    late = await gql(f.START, {"questionId": q1}, token=bob_token, expect_errors=True)
    assert late["errors"][0]["extensions"]["code"] == "INVITATION_EXPIRED"
    relink = await f.session(gql, f.token_of(links["bob@example.com"]))
    assert f.codes(relink) == ["INVITATION_EXPIRED"] and relink["accessToken"] is None

    # --- Ada submits: final ---------------------------------------------------------------
    recruiter = await f.login(gql, "rick")
    token = (await f.session(gql, f.token_of(links["ada@example.com"])))["accessToken"]
    done = await f.submit_interview(gql, token)
    assert done["errors"] == [] and done["invitation"]["status"] == "SUBMITTED"
    assert f.codes(await f.submit_interview(gql, token)) == ["ALREADY_SUBMITTED"]
    assert f.codes(await f.start(gql, token, q2)) == ["ALREADY_SUBMITTED"]
    # The attempt that did not count is gone, with its video.
    assert await Answer.filter(current=False).count() == 0
    assert await Answer.all().count() == 2
    assert await Video.filter(uploaded_by_id__isnull=True).count() == 2

    final = (await gql(f.INVITATIONS, {"id": interview["id"]}, token=recruiter))["data"]["node"]
    assert final["invitationCounts"] == {
        "invited": 0,
        "started": 0,
        "submitted": 1,
        "expired": 1,
        "revoked": 0,
    }
    by_email = {e["node"]["email"]: e["node"] for e in final["invitations"]["edges"]}
    assert by_email["bob@example.com"]["status"] == "EXPIRED"
    assert by_email["ada@example.com"]["status"] == "SUBMITTED"
    submitted = (await gql(f.ANSWERS_OF, {"id": ada["id"]}, token=recruiter))["data"]["node"]
    assert [(a["question"]["position"], a["attempt"]) for a in submitted["answers"]] == [
        (1, 2),
        (2, 1),
    ]
    assert all(a["video"]["url"].startswith("http://testserver/") for a in submitted["answers"])
    only_expired = await gql(
        f.INVITATIONS, {"id": interview["id"], "status": "EXPIRED"}, token=recruiter
    )
    edges = only_expired["data"]["node"]["invitations"]["edges"]
    assert [e["node"]["email"] for e in edges] == ["bob@example.com"]
