"""A candidate token reaches its own invitation and nothing else: queries, node/nodes,
every mutation, and WebSockets."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from strawberry import relay

from tests.candidates import flows as f
from tests.fixtures.app import make_settings
from tests.fixtures.live import live_client
from tests.fixtures.teams import Team, create_interview
from tests.fixtures.walk import Walk
from tests.review.test_rubrics import criterion, set_rubric
from vector_gql.app import create_app
from vector_gql.models.accounts import User
from vector_gql.models.candidates import Answer, CandidateInvitation
from vector_gql.models.interviews import Interview, Question
from vector_gql.models.mail import OutboxMessage
from vector_gql.models.media import Video, VideoUpload
from vector_gql.models.organizations import Membership, Organization
from vector_gql.models.review import Rubric, RubricCriterion


@pytest.fixture
async def walk_http(data_dir, database, session_clock) -> AsyncIterator[httpx.AsyncClient]:
    """The API with document limits raised, for walks that ask for everything at once."""
    settings = make_settings(
        data_dir,
        max_query_depth=100,
        max_query_tokens=1_000_000,
        max_query_aliases=10_000,
        query_cost_max=10**9,
        query_budget=0,
        execution_check=False,
    )
    app = create_app(settings, manage_database=False, clock=session_clock)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50002))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http
    await app.state.services.close()


class World:
    team: Team
    interview: dict[str, Any]
    sibling: dict[str, Any]
    foreign: dict[str, Any]
    ada: dict[str, Any]
    bob: dict[str, Any]
    ada_token: str
    bob_token: str
    ada_answer: dict[str, Any]
    bob_answer: dict[str, Any]
    upload_id: str


@pytest.fixture
async def world(gql, client, clock, clips) -> World:
    w = World()
    w.team = await Team.build(gql)
    owner, recruiter = w.team.tokens["OWNER"], w.team.tokens["RECRUITER"]
    prompt = await f.upload_prompt(client, owner, w.team.org, clips["prompt"])
    await f.upload_prompt(client, owner, w.team.org, clips["prompt"])  # unrelated video
    w.interview = (
        await create_interview(
            gql,
            recruiter,
            w.team.org,
            title="Open role",
            questions=[{"text": "One?", "videoPromptId": prompt}, {"text": "Two?"}],
        )
    )["interview"]
    await set_rubric(gql, owner, w.interview["id"], [criterion("Hidden criterion Quokka")])
    w.sibling = (await create_interview(gql, recruiter, w.team.org, title="Secret sibling Walrus"))[
        "interview"
    ]
    w.foreign = (
        await create_interview(
            gql, w.team.tokens["OUTSIDER"], w.team.foreign_org, title="Foreign Yak"
        )
    )["interview"]
    for interview in (w.interview, w.sibling):
        await f.open_interview(gql, recruiter, interview["id"])
    expires = (clock.now() + timedelta(days=2)).isoformat()
    w.ada, w.bob = (
        await f.invite(
            gql,
            recruiter,
            w.interview["id"],
            [("Ada Candidate", "ada@example.com"), ("Bob Rival", "bob.rival@example.com")],
            expires,
        )
    )["invitations"]
    await f.invite(gql, recruiter, w.sibling["id"], [("Cy Sibling", "cy@example.com")], expires)
    w.ada_token = (await f.session(gql, f.token_of(w.ada["url"])))["accessToken"]
    w.bob_token = (await f.session(gql, f.token_of(w.bob["url"])))["accessToken"]
    q1 = w.interview["questions"][0]["id"]
    for token in (w.ada_token, w.bob_token):
        await f.start(gql, token, q1)
    w.ada_answer = (await f.submit_file(client, w.ada_token, q1, clips["answer"]))["answer"]
    w.bob_answer = (await f.submit_file(client, w.bob_token, q1, clips["answer"]))["answer"]
    started = await gql(
        """mutation { startVideoUpload(input: {title: "Mine", filename: "a.mp4",
             sizeBytes: 1000, contentType: "video/mp4"}) { upload { id } errors { code } } }""",
        token=owner,
    )
    w.upload_id = started["data"]["startVideoUpload"]["upload"]["id"]
    # Ada is recording her second answer.
    assert (await f.start(gql, w.ada_token, w.interview["questions"][1]["id"]))["errors"] == []
    return w


async def every_id() -> list[str]:
    ids: list[str] = []
    for type_name, model in (
        ("User", User),
        ("Organization", Organization),
        ("Interview", Interview),
        ("Question", Question),
        ("Video", Video),
        ("CandidateInvitation", CandidateInvitation),
        ("Answer", Answer),
        ("Rubric", Rubric),
        ("Criterion", RubricCriterion),
    ):
        for pk in await model.all().values_list("id", flat=True):
            ids.append(str(relay.to_base64(type_name, pk)))
    for pk in await VideoUpload.all().values_list("id", flat=True):
        ids.append(str(relay.to_base64("VideoUpload", pk)))
    return ids


def _schema() -> Any:
    from vector_gql.graphql.schema import build_schema

    return build_schema()._schema


async def test_a_candidate_reaches_only_their_own_invitation(world, walk_http):
    w = world
    reached = await Walk(walk_http, _schema(), w.ada_token, await every_id()).run()
    secrets = [
        "Bob Rival",
        "bob.rival@example.com",
        "Cy Sibling",
        "Secret sibling Walrus",
        "Foreign Yak",
        "Hidden criterion Quokka",
        *(w.team.users[role]["email"] for role in w.team.users),
    ]
    assert reached.leaks(secrets) == []
    values = {v for _, v in reached.values}
    # Bob's answer and its video are not reached, by node or otherwise.
    assert w.bob_answer["id"] not in values and w.bob_answer["video"]["id"] not in values
    assert w.upload_id not in values
    # What is hers she does reach: her invitation, the interview, its prompt, her answer.
    assert {"CandidateInvitation", "Answer", "Interview", "Question", "Video"} <= reached.types
    assert {w.ada["id"], w.ada_answer["id"], w.ada_answer["video"]["id"]} <= values
    assert "ada@example.com" in values


async def test_answer_videos_are_the_candidates_until_submission_then_the_recruiters(
    gql, client, world, clips
):
    w = world
    video = w.ada_answer["video"]["id"]
    node = "query($id: ID!) { node(id: $id) { ... on Video { id url } } }"

    async def sees(token: str) -> bool:
        return (await gql(node, {"id": video}, token=token))["data"]["node"] is not None

    assert await sees(w.ada_token)
    assert not await sees(w.bob_token)
    for role in ("OWNER", "RECRUITER", "EVALUATOR", "OUTSIDER"):
        assert not await sees(w.team.tokens[role]), role
    q2 = w.interview["questions"][1]["id"]
    await f.start(gql, w.ada_token, q2)
    await f.submit_file(client, w.ada_token, q2, clips["answer"])
    assert (await f.submit_interview(gql, w.ada_token))["errors"] == []
    assert not await sees(w.ada_token)
    assert await sees(w.team.tokens["OWNER"]) and await sees(w.team.tokens["RECRUITER"])
    # Evaluators are given submissions by the review's assignments, not by membership.
    assert not await sees(w.team.tokens["EVALUATOR"])
    assert not await sees(w.team.tokens["OUTSIDER"])


async def test_only_owners_and_recruiters_follow_invitations(gql, world):
    w = world
    for role, expected in (
        ("OWNER", "ok"),
        ("RECRUITER", "ok"),
        ("EVALUATOR", "FORBIDDEN"),
        ("OUTSIDER", "none"),
    ):
        for field in ("invitationCounts { started }", "invitations { totalCount }"):
            body = await gql(
                f"query($id: ID!) {{ node(id: $id) {{ ... on Interview {{ {field} }} }} }}",
                {"id": w.interview["id"]},
                token=w.team.tokens[role],
                expect_errors=True,
            )
            node = body["data"]["node"]
            if expected == "ok":
                assert "errors" not in body and node, role
            elif expected == "none":
                assert node is None and "errors" not in body, role  # not theirs to see
            else:
                assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", role
        invitation = await gql(
            f.ANSWERS_OF, {"id": w.ada["id"]}, token=w.team.tokens[role], expect_errors=True
        )
        assert (invitation["data"]["node"] is not None) == (expected == "ok"), role


def _mutations(w: World) -> list[tuple[str, str, dict[str, Any]]]:
    """Every mutation but the public ones, aimed at things a candidate does not own."""
    own_interview, sibling = w.interview["id"], w.sibling["id"]
    question = w.interview["questions"][0]["id"]
    sibling_question = w.sibling["questions"][0]["id"]
    user = w.team.users["OWNER"]["id"]
    org = w.team.org
    e = "errors { code }"
    return [
        ("logout", f'mutation {{ logout(input: {{refreshToken: "x"}}) {{ {e} }} }}', {}),
        # Not even her own answer's video: recordings are kept until submission.
        (
            "deleteVideo",
            f"mutation($v: ID!) {{ deleteVideo(input: {{videoId: $v}}) {{ {e} }} }}",
            {"v": w.ada_answer["video"]["id"]},
        ),
        (
            "createOrganization",
            f'mutation {{ createOrganization(input: {{name: "Mine"}}) {{ {e} }} }}',
            {},
        ),
        (
            "inviteMember",
            f"mutation($o: ID!) {{ inviteMember(input: {{organizationId: $o, "
            f'email: "me@example.com", role: OWNER}}) {{ {e} }} }}',
            {"o": org},
        ),
        (
            "acceptMemberInvitation",
            f'mutation {{ acceptMemberInvitation(input: {{token: "x"}}) {{ {e} }} }}',
            {},
        ),
        (
            "changeMemberRole",
            f"mutation($o: ID!, $u: ID!) {{ changeMemberRole(input: {{organizationId: $o, "
            f"userId: $u, role: EVALUATOR}}) {{ {e} }} }}",
            {"o": org, "u": user},
        ),
        (
            "removeMember",
            f"mutation($o: ID!, $u: ID!) {{ removeMember(input: {{organizationId: $o, "
            f"userId: $u}}) {{ {e} }} }}",
            {"o": org, "u": user},
        ),
        (
            "createInterview",
            f'mutation($o: ID!) {{ createInterview(input: {{organizationId: $o, title: "T", '
            f'questions: [{{text: "Q"}}]}}) {{ {e} }} }}',
            {"o": org},
        ),
        (
            "updateInterview",
            f'mutation($i: ID!) {{ updateInterview(input: {{interviewId: $i, title: "Mine"}}) '
            f"{{ {e} }} }}",
            {"i": own_interview},
        ),
        (
            "addQuestion",
            f"mutation($i: ID!) {{ addQuestion(input: {{interviewId: $i, "
            f'question: {{text: "Q"}}}}) {{ {e} }} }}',
            {"i": own_interview},
        ),
        (
            "updateQuestion",
            f'mutation($q: ID!) {{ updateQuestion(input: {{questionId: $q, text: "Easy"}}) '
            f"{{ {e} }} }}",
            {"q": question},
        ),
        (
            "removeQuestion",
            f"mutation($q: ID!) {{ removeQuestion(input: {{questionId: $q}}) {{ {e} }} }}",
            {"q": question},
        ),
        (
            "reorderQuestions",
            f"mutation($i: ID!, $q: [ID!]!) {{ reorderQuestions(input: {{interviewId: $i, "
            f"questionIds: $q}}) {{ {e} }} }}",
            {"i": own_interview, "q": [q["id"] for q in reversed(w.interview["questions"])]},
        ),
        (
            "setInterviewStatus",
            f"mutation($i: ID!) {{ setInterviewStatus(input: {{interviewId: $i, status: CLOSED}}) "
            f"{{ {e} }} }}",
            {"i": own_interview},
        ),
        (
            "deleteInterview",
            f"mutation($i: ID!) {{ deleteInterview(input: {{interviewId: $i}}) {{ {e} }} }}",
            {"i": sibling},
        ),
        (
            "completeVideoUpload",
            f"mutation($u: ID!) {{ completeVideoUpload(input: {{uploadId: $u, "
            f'parts: [{{partNumber: 1, etag: "x"}}]}}) {{ {e} }} }}',
            {"u": w.upload_id},
        ),
        (
            "abortVideoUpload",
            f"mutation($u: ID!) {{ abortVideoUpload(input: {{uploadId: $u}}) {{ {e} }} }}",
            {"u": w.upload_id},
        ),
        (
            "setRubric",
            f"mutation($i: ID!) {{ setRubric(input: {{interviewId: $i, criteria: []}}) "
            f"{{ {e} }} }}",
            {"i": own_interview},
        ),
        (
            "generateInterviewReport",
            f"mutation($i: ID!) {{ generateInterviewReport(input: {{interviewId: $i}}) "
            f"{{ {e} }} }}",
            {"i": own_interview},
        ),
        (
            "inviteCandidates",
            f"mutation($i: ID!) {{ inviteCandidates(input: {{interviewId: $i, "
            f'candidates: [{{name: "Friend", email: "friend@example.com"}}], '
            f'expiresAt: "2099-01-01T00:00:00Z"}}) {{ {e} }} }}',
            {"i": own_interview},
        ),
        (
            "resendInvitation",
            f"mutation($v: ID!) {{ resendInvitation(input: {{invitationId: $v}}) {{ {e} }} }}",
            {"v": w.ada["id"]},
        ),
        (
            "extendInvitation",
            f"mutation($v: ID!) {{ extendInvitation(input: {{invitationId: $v, "
            f'expiresAt: "2099-01-01T00:00:00Z"}}) {{ {e} }} }}',
            {"v": w.ada["id"]},
        ),
        (
            "revokeInvitation",
            f"mutation($v: ID!) {{ revokeInvitation(input: {{invitationId: $v}}) {{ {e} }} }}",
            {"v": w.bob["id"]},
        ),
        (
            "grantAccommodation",
            f"mutation($v: ID!) {{ grantAccommodation(input: {{invitationId: $v, "
            f"extraRetakes: 10}}) {{ {e} }} }}",
            {"v": w.ada["id"]},
        ),
        (
            "startAnswer",
            f"mutation($q: ID!) {{ startAnswer(input: {{questionId: $q}}) {{ {e} }} }}",
            {"q": sibling_question},
        ),
        (
            "deleteVideo",
            f"mutation($v: ID!) {{ deleteVideo(input: {{videoId: $v}}) {{ {e} }} }}",
            {"v": w.bob_answer["video"]["id"]},
        ),
        (
            "changePassword",
            f'mutation {{ changePassword(input: {{currentPassword: "x", '
            f'newPassword: "another long secret", newPassword2: "another long secret"}}) '
            f"{{ {e} }} }}",
            {},
        ),
        ("logoutEverywhere", f"mutation {{ logoutEverywhere {{ {e} }} }}", {}),
        (
            "revokeMemberInvitation",
            f"mutation($v: ID!) {{ revokeMemberInvitation(input: {{invitationId: $v}}) "
            f"{{ {e} }} }}",
            {"v": relay.to_base64("OrganizationInvitation", 1)},
        ),
        (
            "submitAnswer",
            f"mutation($q: ID!, $u: ID!) {{ submitAnswer(input: {{questionId: $q, "
            f"videoUploadId: $u}}) {{ {e} }} }}",
            {"q": w.interview["questions"][1]["id"], "u": w.upload_id},
        ),
        # The review: the candidate's own submission least of all.
        (
            "assignEvaluators",
            f"mutation($v: ID!, $u: ID!) {{ assignEvaluators(input: {{invitationIds: [$v], "
            f"evaluatorIds: [$u]}}) {{ {e} }} }}",
            {"v": w.ada["id"], "u": user},
        ),
        (
            "autoAssign",
            f"mutation($i: ID!) {{ autoAssign(input: {{interviewId: $i, "
            f"evaluatorsPerSubmission: 1}}) {{ {e} }} }}",
            {"i": own_interview},
        ),
        (
            "submitEvaluation",
            f"mutation($a: ID!, $q: ID!) {{ submitEvaluation(input: {{assignmentId: $a, "
            f'ratings: [{{questionId: $q, criterionId: "Q3JpdGVyaW9uOjE=", score: 5}}]}}) '
            f"{{ {e} }} }}",
            {"a": "QXNzaWdubWVudDox", "q": question},
        ),
        (
            "reviseEvaluation",
            f"mutation($a: ID!, $q: ID!) {{ reviseEvaluation(input: {{assignmentId: $a, "
            f'ratings: [{{questionId: $q, criterionId: "Q3JpdGVyaW9uOjE=", score: 5}}]}}) '
            f"{{ {e} }} }}",
            {"a": "QXNzaWdubWVudDox", "q": question},
        ),
        (
            "generateCandidateReport",
            f"mutation($v: ID!) {{ generateCandidateReport(input: {{invitationId: $v}}) "
            f"{{ {e} }} }}",
            {"v": w.ada["id"]},
        ),
    ]


# Open to anyone, whatever token comes with them; they act on no one's behalf.
PUBLIC = {"signup", "login", "refreshToken", "candidateSession"}
# A candidate's own: tried above, within the invitation (starting a direct upload for an
# answer and submitting are theirs to do).
OWN = {"startVideoUpload", "uploadVideo", "submitInterview"}


async def _snapshot() -> dict[str, Any]:
    snapshot: dict[str, Any] = {}
    for model in (
        Organization,
        Membership,
        Interview,
        Question,
        Video,
        VideoUpload,
        CandidateInvitation,
        Answer,
        Rubric,
        RubricCriterion,
        OutboxMessage,
    ):
        snapshot[model.__name__] = sorted(map(str, await model.all().values()), key=str)
    return snapshot


async def test_a_candidate_token_is_refused_on_every_other_mutation(gql, world):
    w = world
    table = _mutations(w)
    names = {name for name, _, _ in table}
    schema_mutations = set(_schema().mutation_type.fields)
    # Every mutation is tried here, or is public, or is the candidate's own.
    assert schema_mutations - PUBLIC - OWN - names == set()
    before = await _snapshot()
    for name, document, variables in table:
        body = await gql(document, variables, token=w.ada_token, expect_errors=True)
        if body.get("errors"):
            codes = {err["extensions"]["code"] for err in body["errors"]}
            assert codes <= {"FORBIDDEN", "UNAUTHENTICATED"}, (name, body)
        else:
            codes = {err["code"] for err in body["data"][name]["errors"]}
            assert codes and codes <= {"NOT_FOUND", "INVALID_TOKEN"}, (name, body)
    assert await _snapshot() == before
    # uploadVideo is a member's: a candidate sends recordings with submitAnswer.
    body = await gql(
        'mutation { uploadVideo(input: {title: "x", file: null}) { errors { code } } }',
        token=w.ada_token,
        expect_errors=True,
    )
    assert body.get("errors")


async def test_a_member_token_does_not_answer(gql, world):
    w = world
    question = w.interview["questions"][1]["id"]
    for role in ("OWNER", "RECRUITER"):
        token = w.team.tokens[role]
        body = await gql(f.START, {"questionId": question}, token=token, expect_errors=True)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        body = await gql(f.MINE, token=token, expect_errors=True)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        body = await gql(f.SUBMIT_INTERVIEW, token=token, expect_errors=True)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


UPDATED = """
subscription($id: ID!) { interviewUpdated(interviewId: $id) { id title questions { text } } }
"""


async def test_over_websockets_a_candidate_follows_only_their_interview(live_server, world):
    w = world
    async with live_client(live_server, w.ada_token) as live:
        own = await live.subscribe(UPDATED, {"id": w.interview["id"]})
        message = await live.next(own)
        assert message["payload"]["data"]["interviewUpdated"]["title"] == "Open role"
        for other in (w.sibling["id"], w.foreign["id"]):
            op = await live.subscribe(UPDATED, {"id": other})
            message = await live.next(op)
            assert message["type"] in ("error", "next"), message
            if message["type"] == "next":
                assert message["payload"].get("errors"), message
                assert not message["payload"].get("data"), message
